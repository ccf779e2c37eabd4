-- Every seed table, with the corrections listed in docs/schema.md: UUID foreign keys,
-- gen_random_uuid(), timestamptz, CHECK-constrained statuses, one feedback per session,
-- indexes on every foreign key, money in minor units, and sync columns.

-- Sync: every row carries the change number of its last write (one sequence for all tables),
-- and deletions leave a tombstone, so a client can ask for "what changed since N".
CREATE SEQUENCE change_seq;

CREATE TABLE tombstones (
  table_name text NOT NULL,
  row_id     uuid NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('change_seq'),
  deleted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (table_name, row_id)
);
CREATE INDEX tombstones_change_seq_idx ON tombstones (change_seq);

CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('change_seq');
  IF TG_OP = 'UPDATE' THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;

-- For tables without updated_at.
CREATE FUNCTION bump_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('change_seq');
  RETURN NEW;
END $$;

CREATE FUNCTION record_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tombstones (table_name, row_id) VALUES (TG_TABLE_NAME, OLD.id)
  ON CONFLICT (table_name, row_id) DO UPDATE SET change_seq = nextval('change_seq'), deleted_at = now();
  RETURN OLD;
END $$;

ALTER TABLE "user" ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('change_seq');
CREATE TRIGGER user_touch BEFORE INSERT OR UPDATE ON "user" FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE patients (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            varchar(255) NOT NULL,
  age             integer NOT NULL CHECK (age BETWEEN 0 AND 120),
  sex             text NOT NULL CHECK (sex IN ('female', 'male', 'other')),
  referral_reason text NOT NULL,
  setting         text NOT NULL,
  difficulty      text NOT NULL CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
  tags            text[] NOT NULL DEFAULT '{}',
  medical_history text NOT NULL DEFAULT '',
  case_data       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(case_data) = 'object'),
  price_credits   integer NOT NULL DEFAULT 1 CHECK (price_credits > 0),
  created_by      uuid REFERENCES "user"(id) ON DELETE SET NULL,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  change_seq      bigint NOT NULL DEFAULT nextval('change_seq'),
  -- Lower-cased text the catalog search runs over: name, brief and tags.
  search_text     text NOT NULL DEFAULT ''
);
CREATE INDEX patients_created_by_idx ON patients (created_by);
CREATE INDEX patients_catalog_idx ON patients (lower(name), id) WHERE archived_at IS NULL;
CREATE INDEX patients_tags_idx ON patients USING gin (tags);
CREATE INDEX patients_change_seq_idx ON patients (change_seq);

CREATE FUNCTION patients_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := lower(concat_ws(' ', NEW.name, NEW.referral_reason, NEW.setting, NEW.sex,
                                     NEW.difficulty, NEW.age::text, array_to_string(NEW.tags, ' ')));
  RETURN NEW;
END $$;
CREATE TRIGGER patients_touch BEFORE INSERT OR UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER patients_search BEFORE INSERT OR UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION patients_search_text();
CREATE TRIGGER patients_tombstone AFTER DELETE ON patients FOR EACH ROW EXECUTE FUNCTION record_tombstone();

CREATE TABLE sessions (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id              uuid NOT NULL REFERENCES "user"(id),
  patient_id           uuid NOT NULL REFERENCES patients(id),
  status               varchar(50) NOT NULL DEFAULT 'scheduled'
                       CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
  scheduled_start_time timestamptz,
  start_time           timestamptz,
  end_time             timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  change_seq           bigint NOT NULL DEFAULT nextval('change_seq'),
  CHECK (end_time IS NULL OR start_time IS NULL OR end_time >= start_time)
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id, created_at DESC);
CREATE INDEX sessions_patient_id_idx ON sessions (patient_id);
CREATE INDEX sessions_change_seq_idx ON sessions (change_seq);
CREATE TRIGGER sessions_touch BEFORE INSERT OR UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER sessions_tombstone AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION record_tombstone();

CREATE TABLE conversation_logs (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  sender     varchar(50) NOT NULL CHECK (sender IN ('user', 'patient', 'feedback')),
  message    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX conversation_logs_session_id_idx ON conversation_logs (session_id, created_at, id);

CREATE TABLE payments (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id               uuid NOT NULL REFERENCES "user"(id),
  -- Known only once Stripe answers, so nullable; unique when set.
  stripe_transaction_id varchar(255) UNIQUE,
  amount                numeric(10, 2) NOT NULL CHECK (amount >= 0),
  amount_minor          bigint NOT NULL CHECK (amount_minor >= 0),
  currency              varchar(10) NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
  credits               integer NOT NULL DEFAULT 0 CHECK (credits >= 0),
  status                varchar(50) NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'completed', 'failed', 'refunded')),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  change_seq            bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX payments_user_id_idx ON payments (user_id, created_at DESC);
CREATE TRIGGER payments_touch BEFORE INSERT OR UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION touch_row();

-- The ledger: "user".credit_balance always equals the sum of a user's rows here, because both
-- change in one transaction, and the balance's CHECK (>= 0) refuses any overdraft under concurrency.
CREATE TABLE credit_transactions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL REFERENCES "user"(id),
  transaction_type varchar(50) NOT NULL CHECK (transaction_type IN ('purchase', 'usage', 'refund', 'adjustment')),
  credits          integer NOT NULL CHECK (credits <> 0),
  description      text,
  session_id       uuid REFERENCES sessions(id),
  payment_id       uuid REFERENCES payments(id),
  created_by       uuid REFERENCES "user"(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  change_seq       bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX credit_transactions_user_id_idx ON credit_transactions (user_id, created_at DESC);
CREATE INDEX credit_transactions_session_id_idx ON credit_transactions (session_id);
CREATE INDEX credit_transactions_payment_id_idx ON credit_transactions (payment_id);
CREATE INDEX credit_transactions_created_by_idx ON credit_transactions (created_by);

CREATE TABLE session_feedback (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id       uuid NOT NULL UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
  user_rating      integer NOT NULL CHECK (user_rating BETWEEN 1 AND 5),
  feedback_comment text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  change_seq       bigint NOT NULL DEFAULT nextval('change_seq')
);

CREATE TABLE notifications (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES "user"(id),
  type       varchar(50) NOT NULL
             CHECK (type IN ('onboarding', 'payment_update', 'session_booked', 'session_reminder')),
  subject    varchar(255),
  message    text,
  status     varchar(50) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX notifications_user_id_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE status = 'pending';

-- Every synced table bumps its change number on update and leaves a tombstone on delete.
CREATE TRIGGER user_tombstone AFTER DELETE ON "user" FOR EACH ROW EXECUTE FUNCTION record_tombstone();
CREATE TRIGGER conversation_logs_touch BEFORE UPDATE ON conversation_logs FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
CREATE TRIGGER conversation_logs_tombstone AFTER DELETE ON conversation_logs FOR EACH ROW EXECUTE FUNCTION record_tombstone();
CREATE TRIGGER payments_tombstone AFTER DELETE ON payments FOR EACH ROW EXECUTE FUNCTION record_tombstone();
CREATE TRIGGER credit_transactions_touch BEFORE UPDATE ON credit_transactions FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
CREATE TRIGGER credit_transactions_tombstone AFTER DELETE ON credit_transactions FOR EACH ROW EXECUTE FUNCTION record_tombstone();
CREATE TRIGGER session_feedback_touch BEFORE UPDATE ON session_feedback FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
CREATE TRIGGER session_feedback_tombstone AFTER DELETE ON session_feedback FOR EACH ROW EXECUTE FUNCTION record_tombstone();
CREATE TRIGGER notifications_touch BEFORE UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
CREATE TRIGGER notifications_tombstone AFTER DELETE ON notifications FOR EACH ROW EXECUTE FUNCTION record_tombstone();
