-- The seed's "user" table belongs to an existing FastAPI-Users style deployment: create it
-- when absent, extend it in place when present (the seed's ALTER TABLE, corrected).

CREATE TABLE IF NOT EXISTS "user" (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email           varchar(320) NOT NULL,
  hashed_password varchar(1024) NOT NULL,
  is_active       boolean NOT NULL DEFAULT true,
  is_superuser    boolean NOT NULL DEFAULT false,
  is_verified     boolean NOT NULL DEFAULT false
);

-- A pre-existing table may lack defaults our inserts rely on (FastAPI-Users sets them in Python).
ALTER TABLE "user"
  ALTER COLUMN id SET DEFAULT gen_random_uuid(),
  ALTER COLUMN is_active SET DEFAULT true,
  ALTER COLUMN is_superuser SET DEFAULT false,
  ALTER COLUMN is_verified SET DEFAULT false;

ALTER TABLE "user"
  ADD COLUMN IF NOT EXISTS role           varchar(50),
  ADD COLUMN IF NOT EXISTS first_name     varchar(100),
  ADD COLUMN IF NOT EXISTS last_name      varchar(100),
  ADD COLUMN IF NOT EXISTS created_at     timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS updated_at     timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS credit_balance integer NOT NULL DEFAULT 0;

-- Existing rows: superusers become admins, everyone else (including the seed's 'User') a student.
UPDATE "user" SET role = CASE WHEN is_superuser THEN 'admin' ELSE 'student' END
 WHERE role IS NULL OR role NOT IN ('student', 'instructor', 'admin');

ALTER TABLE "user"
  ALTER COLUMN role SET DEFAULT 'student',
  ALTER COLUMN role SET NOT NULL,
  ADD CONSTRAINT user_role_check CHECK (role IN ('student', 'instructor', 'admin')),
  ADD CONSTRAINT user_credit_balance_check CHECK (credit_balance >= 0);

-- Emails are compared case-insensitively; the application stores them lower-cased.
CREATE UNIQUE INDEX IF NOT EXISTS user_email_lower_key ON "user" (lower(email));
CREATE INDEX IF NOT EXISTS user_role_idx ON "user" (role);

-- Bearer tokens: only a SHA-256 of the token is stored.
CREATE TABLE auth_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
  token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  user_agent   text
);
CREATE INDEX auth_tokens_user_id_idx ON auth_tokens (user_id);

-- Failed logins per email and per client address, shared by every server instance.
CREATE TABLE login_failures (
  scope        text NOT NULL CHECK (scope IN ('email', 'address')),
  key          text NOT NULL,
  failures     integer NOT NULL,
  window_start timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
