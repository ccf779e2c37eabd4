-- Payments and notifications: credit packs sold through Stripe Checkout (or the local test-mode
-- checkout), Stripe events processed once, and the notifications table as a mail outbox.
-- See docs/schema.md and the "Payments" and "Notifications" sections of docs/architecture.md.

CREATE TABLE credit_packs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        varchar(100) NOT NULL,
  credits     integer NOT NULL CHECK (credits BETWEEN 1 AND 1000),
  price_minor bigint NOT NULL CHECK (price_minor BETWEEN 50 AND 99999999),
  currency    varchar(3) NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
  -- Retired packs stay (past payments name them) but are no longer sold.
  retired_at  timestamptz,
  created_by  uuid REFERENCES "user"(id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  change_seq  bigint NOT NULL DEFAULT nextval('change_seq')
);
CREATE INDEX credit_packs_created_by_idx ON credit_packs (created_by);
CREATE INDEX credit_packs_change_seq_idx ON credit_packs (change_seq);
CREATE TRIGGER credit_packs_touch BEFORE INSERT OR UPDATE ON credit_packs FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER credit_packs_tombstone AFTER DELETE ON credit_packs FOR EACH ROW EXECUTE FUNCTION record_tombstone();

-- A payment is one checkout of one pack. stripe_transaction_id (the seed's column) holds the
-- PaymentIntent once Stripe names it; checkout_session_id is the Checkout Session, known at once.
ALTER TABLE payments
  ADD COLUMN pack_id             uuid REFERENCES credit_packs(id),
  ADD COLUMN provider            varchar(20) NOT NULL DEFAULT 'stripe' CHECK (provider IN ('stripe', 'test')),
  ADD COLUMN checkout_session_id varchar(255) UNIQUE,
  ADD COLUMN checkout_url        text,
  -- Why a payment failed, in a sentence for the student (answered to them).
  ADD COLUMN failure_reason      text,
  -- For admins only: Stripe's error at checkout, what Stripe reported in a mismatch, a partial
  -- refund to settle.
  ADD COLUMN staff_note          text,
  -- Something did not add up (say, Stripe reported another amount than we asked): staff must look.
  ADD COLUMN flagged             boolean NOT NULL DEFAULT false,
  ADD COLUMN completed_at        timestamptz,
  ADD COLUMN refunded_at         timestamptz,
  -- Credits taken back by the refund (at most what was still unspent).
  ADD COLUMN refunded_credits    integer NOT NULL DEFAULT 0 CHECK (refunded_credits >= 0),
  ADD CONSTRAINT payments_completed_check CHECK (status <> 'completed' OR completed_at IS NOT NULL),
  -- A refunded payment was completed first, unless it never granted anything: a flagged mismatch
  -- (failed, no credits) that Stripe refunded has no completed_at and took back no credits.
  ADD CONSTRAINT payments_refunded_completed_check
    CHECK (status <> 'refunded' OR completed_at IS NOT NULL OR refunded_credits = 0),
  ADD CONSTRAINT payments_refunded_check CHECK (status <> 'refunded' OR refunded_at IS NOT NULL);
CREATE INDEX payments_pack_id_idx ON payments (pack_id);
CREATE INDEX payments_status_idx ON payments (status, created_at DESC);
-- The admins' unfiltered list, newest first (keyset on created_at, id).
CREATE INDEX payments_created_at_idx ON payments (created_at DESC, id DESC);
CREATE INDEX payments_change_seq_idx ON payments (change_seq);

-- A payment is granted once and refunded once in the ledger, whatever races.
CREATE UNIQUE INDEX credit_transactions_payment_purchase_key ON credit_transactions (payment_id) WHERE transaction_type = 'purchase';
CREATE UNIQUE INDEX credit_transactions_payment_refund_key ON credit_transactions (payment_id) WHERE transaction_type = 'refund';

-- Every Stripe event id is processed once: this row is inserted in the same transaction as the
-- event's effects, so a redelivered (or concurrently delivered) event finds it and does nothing.
CREATE TABLE stripe_events (
  id          varchar(255) PRIMARY KEY,
  type        varchar(100) NOT NULL,
  payment_id  uuid REFERENCES payments(id),
  -- What processing did: applied, ignored (unknown type or nothing to do), flagged (mismatch).
  outcome     varchar(20) NOT NULL CHECK (outcome IN ('applied', 'ignored', 'flagged')),
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stripe_events_payment_id_idx ON stripe_events (payment_id);

-- The outbox. A row is written in the same transaction as its cause, with the rendered mail; the
-- delivery worker claims due rows (FOR UPDATE SKIP LOCKED) by setting a lease, sends, and marks
-- them sent; failures come back after a backoff, and become failed after a limit.
ALTER TABLE notifications
  DROP CONSTRAINT notifications_status_check,
  ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
  ADD COLUMN html_message       text,
  ADD COLUMN session_id         uuid REFERENCES sessions(id) ON DELETE CASCADE,
  ADD COLUMN payment_id         uuid REFERENCES payments(id) ON DELETE CASCADE,
  -- Reminders: minutes before the session's scheduled start.
  ADD COLUMN reminder_offset_minutes integer CHECK (reminder_offset_minutes > 0),
  ADD COLUMN attempts           integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- Not sent before this (a reminder's time, or the next retry).
  ADD COLUMN next_attempt_at    timestamptz NOT NULL DEFAULT now(),
  -- The delivery lease: a worker that claimed the row owns it until then. claim_token names the
  -- claim, so a worker whose lease lapsed (and was taken over) cannot mark the row afterwards.
  ADD COLUMN claimed_until      timestamptz,
  ADD COLUMN claim_token        uuid,
  ADD COLUMN last_error         text,
  ADD COLUMN sent_at            timestamptz,
  ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT notifications_sent_check CHECK (status <> 'sent' OR sent_at IS NOT NULL),
  ADD CONSTRAINT notifications_reminder_check
    CHECK ((type = 'session_reminder') = (reminder_offset_minutes IS NOT NULL AND session_id IS NOT NULL));
DROP INDEX notifications_pending_idx;
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_status_idx ON notifications (status, created_at DESC);
-- The admins' unfiltered list, newest first.
CREATE INDEX notifications_created_at_idx ON notifications (created_at DESC, id DESC);
CREATE INDEX notifications_session_id_idx ON notifications (session_id);
CREATE INDEX notifications_payment_id_idx ON notifications (payment_id);
-- Never two reminders for one session and offset.
CREATE UNIQUE INDEX notifications_reminder_key ON notifications (session_id, reminder_offset_minutes)
  WHERE type = 'session_reminder';
-- One "booked" mail per session, however often its writer runs (ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX notifications_booked_key ON notifications (session_id) WHERE type = 'session_booked';
DROP TRIGGER notifications_touch ON notifications;
CREATE TRIGGER notifications_touch BEFORE UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION touch_row();
