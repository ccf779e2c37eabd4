#pragma once
/// Fulfilment: what a Stripe event does to our payments and credits. The one place where a
/// payment becomes completed, failed or refunded after checkout — for signed webhooks, for the
/// local test-mode checkout (which builds the very event a webhook would carry), and for refunds
/// an admin starts (the same refund code as charge.refunded).

#include "server/db/pg.h"
#include "server/repo/payments.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace practicum::server::payments {

enum class EventOutcome {
  Applied,    ///< the event changed a payment
  Ignored,    ///< unknown type, no payment of ours, or a move the payment's status does not allow
  Flagged,    ///< something did not add up (amount, currency, partial refund): staff must look
  Duplicate,  ///< this event id was processed before: nothing done
};
std::string_view toString(EventOutcome outcome);

struct EventResult {
  EventOutcome outcome = EventOutcome::Ignored;
  std::optional<std::string> paymentId;
  std::string note;  ///< why, in a few words (logged, and answered to Stripe)
};

/// Processes one authenticated event in its own transaction on `conn`: the event id is recorded in
/// stripe_events together with its effects, so each id has effect once, however often and however
/// concurrently it is delivered. Throws ApiError(BadRequest) when the event lacks an id or a type.
///
/// - checkout.session.completed (payment_status "paid") and checkout.session.async_payment_succeeded:
///   pending → completed and the pack's credits granted, after amount_total and currency are checked
///   against the payment (a mismatch fails and flags it instead, without mail: staff settle it).
/// - checkout.session.async_payment_failed, checkout.session.expired: pending → failed.
/// - charge.refunded (found by payment_intent): completed → refunded, unspent credits taken back;
///   failed and flagged (a mismatch) → refunded with nothing to take back, the flag lowered.
EventResult processEvent(db::Connection& conn, const boost::json::object& event);

struct LocalRefund {
  enum class Outcome { Refunded, AlreadyRefunded, NotRefundable } outcome = Outcome::NotRefundable;
  int creditsTakenBack = 0;
};
/// completed → refunded: takes back min(credits granted, balance) and records it. `payment` must be
/// locked by the caller's transaction (repo::lockPayment…). Notifies the user. `refundedBy`: the
/// admin who asked (recorded as the ledger row's created_by), or nullopt for Stripe's webhook.
LocalRefund applyRefund(db::Connection& conn, const repo::Payment& payment,
                        const std::optional<std::string>& refundedBy = std::nullopt);

/// The event Stripe would send for a Checkout Session of `payment` (type checkout.session.*), for
/// the test-mode checkout. Its id is derived from the checkout and `type`, so pressing a button
/// twice is the same event delivered twice.
boost::json::object checkoutSessionEvent(const repo::Payment& payment, std::string_view type);

}  // namespace practicum::server::payments
