-- Consultations: a session freezes its patient's case when it starts, its messages have a total
-- order and an idempotency key, replies are serialised per session by a lease, completed sessions
-- keep their evaluation, and the ledger refuses a second charge or refund for one session.
-- See docs/schema.md and the "Consultations" section of docs/architecture.md.

ALTER TABLE sessions
  -- Frozen by POST /sessions/{id}/start: later edits of the patient change no past session.
  ADD COLUMN patient_name      varchar(255),
  ADD COLUMN case_snapshot     jsonb CHECK (case_snapshot IS NULL OR jsonb_typeof(case_snapshot) = 'object'),
  ADD COLUMN ai_provider       varchar(50),
  ADD COLUMN coach_used        boolean NOT NULL DEFAULT false,
  ADD COLUMN end_reason        varchar(50)
                               CHECK (end_reason IN ('completed', 'time_limit', 'cancelled', 'expired')),
  -- Replies the provider failed to produce; with no patient answer at all, closing refunds.
  ADD COLUMN provider_failures integer NOT NULL DEFAULT 0 CHECK (provider_failures >= 0),
  -- The turn lease: whoever holds it is computing the patient's reply (no transaction is held
  -- meanwhile); it expires by itself if that worker dies.
  ADD COLUMN turn_token        uuid,
  ADD COLUMN turn_expires_at   timestamptz,
  ADD CONSTRAINT sessions_started_check CHECK (status NOT IN ('in_progress', 'completed') OR start_time IS NOT NULL),
  ADD CONSTRAINT sessions_ended_check CHECK (status NOT IN ('completed', 'cancelled') OR end_time IS NOT NULL),
  ADD CONSTRAINT sessions_turn_check CHECK ((turn_token IS NULL) = (turn_expires_at IS NULL));

-- The sweep (time limits and expiry) looks only at open sessions.
CREATE INDEX sessions_open_idx ON sessions (status, created_at) WHERE status IN ('scheduled', 'in_progress');

-- Messages: seq orders a session's transcript (1, 2, 3… assigned under the session's row lock);
-- client_message_id makes a student's POST idempotent; reply_to links a patient's answer to the
-- student message it answers.
ALTER TABLE conversation_logs
  ADD COLUMN seq               integer,
  ADD COLUMN client_message_id uuid,
  ADD COLUMN reply_to          uuid REFERENCES conversation_logs(id) ON DELETE CASCADE;
UPDATE conversation_logs c SET seq = o.n
  FROM (SELECT id, row_number() OVER (PARTITION BY session_id ORDER BY created_at, id) AS n FROM conversation_logs) o
 WHERE c.id = o.id;
ALTER TABLE conversation_logs
  ALTER COLUMN seq SET NOT NULL,
  ADD CONSTRAINT conversation_logs_seq_check CHECK (seq > 0),
  ADD CONSTRAINT conversation_logs_session_seq_key UNIQUE (session_id, seq),
  ADD CONSTRAINT conversation_logs_client_message_key UNIQUE (session_id, client_message_id),
  ADD CONSTRAINT conversation_logs_client_message_check CHECK (client_message_id IS NULL OR sender = 'user'),
  ADD CONSTRAINT conversation_logs_reply_to_check CHECK (reply_to IS NULL OR sender = 'patient');
CREATE INDEX conversation_logs_reply_to_idx ON conversation_logs (reply_to);

-- The evaluator's verdict on a completed session (core/consultation/evaluator.h), once per session.
CREATE TABLE session_evaluations (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
  score      integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  result     jsonb NOT NULL CHECK (jsonb_typeof(result) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  change_seq bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE TRIGGER session_evaluations_touch BEFORE UPDATE ON session_evaluations FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
CREATE TRIGGER session_evaluations_tombstone AFTER DELETE ON session_evaluations FOR EACH ROW EXECUTE FUNCTION record_tombstone();

-- The ledger: a session is charged at most once and refunded at most once, whatever races; an
-- adjustment always says why; the ledger page is read newest first by change_seq.
CREATE UNIQUE INDEX credit_transactions_session_usage_key ON credit_transactions (session_id) WHERE transaction_type = 'usage';
CREATE UNIQUE INDEX credit_transactions_session_refund_key ON credit_transactions (session_id) WHERE transaction_type = 'refund';
CREATE INDEX credit_transactions_user_seq_idx ON credit_transactions (user_id, change_seq DESC);
ALTER TABLE credit_transactions
  ADD CONSTRAINT credit_transactions_adjustment_check CHECK (transaction_type <> 'adjustment' OR description IS NOT NULL);

-- The feedback overview groups by patient through the session.
CREATE INDEX session_feedback_created_at_idx ON session_feedback (created_at DESC, id DESC);
