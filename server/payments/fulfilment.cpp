#include "server/payments/fulfilment.h"

#include "core/errors.h"
#include "core/validation.h"
#include "server/log.h"
#include "server/notify/notify.h"
#include "server/repo/credits.h"

namespace json = boost::json;

namespace practicum::server::payments {

namespace {

constexpr std::size_t kMaxEventIdChars = 255;
constexpr std::size_t kMaxEventTypeChars = 100;
constexpr std::size_t kMaxStripeIdChars = 255;

// What the student reads of a flagged mismatch (staff read what Stripe reported, in staff_note).
constexpr std::string_view kMismatchReason =
    "The payment service reported another amount than the price of the pack, so no credits were added. Our "
    "staff have been told and will settle it with you; there is no need to pay again.";

/// A short printable-ASCII string field (Stripe's ids and enums), or "".
std::string idField(const json::object& o, std::string_view key, std::size_t maxChars = kMaxStripeIdChars) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return {};
  const std::string_view s = v->get_string();
  if (s.empty() || s.size() > maxChars) return {};
  for (const char c : s) {
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) return {};
  }
  return std::string(s);
}

std::optional<std::int64_t> integerField(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v->get_uint64());
  return std::nullopt;
}

std::string uuidOrEmpty(const std::string& s) {
  return validation::isUuid(s) ? validation::toLower(s) : std::string();
}

EventResult result(EventOutcome outcome, const std::optional<repo::Payment>& payment, std::string note) {
  return {outcome, payment ? std::optional<std::string>(payment->id) : std::nullopt, std::move(note)};
}

/// The payment a Checkout Session names: metadata[payment_id], else client_reference_id, else the
/// session id we stored. A payment whose stored session differs is not this session's.
std::optional<repo::Payment> lockSessionPayment(db::Connection& conn, const json::object& session) {
  const auto sessionId = idField(session, "id");
  std::string paymentId;
  if (const auto* metadata = session.if_contains("metadata"); metadata && metadata->is_object()) {
    paymentId = uuidOrEmpty(idField(metadata->as_object(), "payment_id"));
  }
  if (paymentId.empty()) paymentId = uuidOrEmpty(idField(session, "client_reference_id"));
  std::optional<repo::Payment> payment;
  if (!paymentId.empty()) {
    payment = repo::lockPayment(conn, paymentId);
  } else if (!sessionId.empty()) {
    payment = repo::lockPaymentByCheckoutSession(conn, sessionId);
  }
  if (payment && payment->checkoutSessionId && !sessionId.empty() && *payment->checkoutSessionId != sessionId) {
    return std::nullopt;
  }
  return payment;
}

std::string describeAmount(std::int64_t minor, std::string_view currency) {
  return std::to_string(minor) + " " + std::string(currency);
}

std::string packLabel(const repo::Payment& p) {
  return (p.packName ? *p.packName : std::string("credit pack")) + " (" + std::to_string(p.credits) + " credits)";
}

EventResult sessionSucceeded(db::Connection& conn, const std::string& eventId, const std::string& type,
                             const json::object& session) {
  auto payment = lockSessionPayment(conn, session);
  if (!payment) return result(EventOutcome::Ignored, payment, "names no payment of ours");
  const auto paymentIntent = idField(session, "payment_intent");
  if (payment->status != PaymentStatus::Pending) {
    return result(EventOutcome::Ignored, payment, "the payment is already " + std::string(toString(payment->status)));
  }
  if (type == "checkout.session.completed" && idField(session, "payment_status") != "paid") {
    // A delayed payment method (a bank debit): async_payment_succeeded or _failed follows.
    if (!paymentIntent.empty()) repo::setTransactionId(conn, payment->id, paymentIntent);
    return result(EventOutcome::Ignored, payment, "not paid yet; waiting for the asynchronous payment");
  }

  const auto amount = integerField(session, "amount_total");
  const auto currency = validation::toLower(idField(session, "currency", 3));
  if (!amount || *amount != payment->amountMinor || currency != payment->currency) {
    const auto reported =
        amount ? describeAmount(*amount, currency.empty() ? "(no currency)" : currency) : std::string("no amount");
    const auto staffNote = "Stripe reported " + reported + " where " +
                           describeAmount(payment->amountMinor, payment->currency) +
                           " was asked: no credits were granted; check the payment in Stripe.";
    if (!paymentIntent.empty()) repo::setTransactionId(conn, payment->id, paymentIntent);
    repo::markFailed(conn, payment->id, std::string(kMismatchReason), staffNote, true);
    // No mail: payment_failed would tell the student that the payment did not go through, yet
    // Stripe charged the card. Staff settle a flagged payment with the student themselves.
    log::warn("payment amount mismatch", {{"payment_id", payment->id},
                                          {"event_id", eventId},
                                          {"expected", describeAmount(payment->amountMinor, payment->currency)},
                                          {"reported", reported}});
    return result(EventOutcome::Flagged, payment, "amount or currency differs from the payment");
  }

  if (!paymentIntent.empty()) repo::setTransactionId(conn, payment->id, paymentIntent);
  repo::markCompleted(conn, payment->id);
  repo::grantPurchase(conn, payment->userId, payment->id, payment->credits, "Bought " + packLabel(*payment));
  notify::paymentUpdate(conn, payment->id);
  return result(EventOutcome::Applied, payment, "completed; credits granted");
}

EventResult sessionFailed(db::Connection& conn, const std::string& type, const json::object& session) {
  auto payment = lockSessionPayment(conn, session);
  if (!payment) return result(EventOutcome::Ignored, payment, "names no payment of ours");
  if (payment->status != PaymentStatus::Pending) {
    return result(EventOutcome::Ignored, payment, "the payment is already " + std::string(toString(payment->status)));
  }
  const auto reason = type == "checkout.session.expired"
                          ? std::string("The checkout was cancelled or expired before a payment was made.")
                          : std::string("The payment did not go through.");
  repo::markFailed(conn, payment->id, reason, std::nullopt, false);
  notify::paymentUpdate(conn, payment->id);
  return result(EventOutcome::Applied, payment, "failed");
}

EventResult chargeRefunded(db::Connection& conn, const std::string& eventId, const json::object& charge) {
  const auto paymentIntent = idField(charge, "payment_intent");
  if (paymentIntent.empty()) return result(EventOutcome::Ignored, std::nullopt, "the charge names no payment intent");
  auto payment = repo::lockPaymentByTransaction(conn, paymentIntent);
  if (!payment) return result(EventOutcome::Ignored, payment, "names no payment of ours");
  const auto* refunded = charge.if_contains("refunded");
  if (refunded && refunded->is_bool() && !refunded->get_bool()) {
    // A partial refund (made in the Stripe dashboard; we only ever refund in full): taking back
    // every credit would be wrong, and guessing a share would be too.
    if (payment->status != PaymentStatus::Completed) {
      return result(EventOutcome::Ignored, payment, "partial refund of a payment that is not completed");
    }
    const auto amountRefunded = integerField(charge, "amount_refunded").value_or(0);
    repo::flagPayment(conn, payment->id,
                      "Stripe reports a partial refund of " + describeAmount(amountRefunded, payment->currency) +
                          ": no credits were taken back; settle it by hand.");
    log::warn("partial refund flagged", {{"payment_id", payment->id}, {"event_id", eventId}});
    return result(EventOutcome::Flagged, payment, "partial refund");
  }
  if (payment->status == PaymentStatus::Failed && payment->flagged) {
    // A charge we never honoured (a flagged mismatch: no credits granted), now refunded in full:
    // the money is back, no credits are owed either way, so nothing is left for staff to settle.
    // No mail, as for the flag itself: its amount could be the one asked, not the one charged.
    repo::markFlaggedFailureRefunded(conn, payment->id,
                                     "Then refunded in full in Stripe (event " + eventId +
                                         "): no credits had been granted, so none were taken back.");
    log::info("flagged payment refunded", {{"payment_id", payment->id}, {"event_id", eventId}});
    return result(EventOutcome::Applied, payment, "refunded a flagged payment that had granted no credits");
  }
  const auto refund = applyRefund(conn, *payment);
  switch (refund.outcome) {
    case LocalRefund::Outcome::Refunded:
      return result(EventOutcome::Applied, payment,
                    "refunded; " + std::to_string(refund.creditsTakenBack) + " credits taken back");
    case LocalRefund::Outcome::AlreadyRefunded:
      return result(EventOutcome::Ignored, payment, "the payment is already refunded");
    case LocalRefund::Outcome::NotRefundable:
      break;
  }
  return result(EventOutcome::Ignored, payment,
                "a " + std::string(toString(payment->status)) + " payment cannot be refunded");
}

}  // namespace

std::string_view toString(EventOutcome outcome) {
  switch (outcome) {
    case EventOutcome::Applied:
      return "applied";
    case EventOutcome::Ignored:
      return "ignored";
    case EventOutcome::Flagged:
      return "flagged";
    case EventOutcome::Duplicate:
      return "duplicate";
  }
  return "ignored";
}

EventResult processEvent(db::Connection& conn, const json::object& event) {
  const auto id = idField(event, "id", kMaxEventIdChars);
  const auto type = idField(event, "type", kMaxEventTypeChars);
  if (id.empty() || type.empty()) {
    throw ApiError(ErrorCode::BadRequest, "The event needs an id and a type (short strings).");
  }
  const json::object* object = nullptr;
  if (const auto* data = event.if_contains("data"); data && data->is_object()) {
    if (const auto* o = data->as_object().if_contains("object"); o && o->is_object()) object = &o->as_object();
  }

  db::Transaction tx(conn);
  if (!repo::recordStripeEvent(conn, id, type)) {
    tx.commit();
    return {EventOutcome::Duplicate, std::nullopt, "processed before"};
  }
  EventResult out;
  if (!object) {
    out = {EventOutcome::Ignored, std::nullopt, "the event carries no object"};
  } else if (type == "checkout.session.completed" || type == "checkout.session.async_payment_succeeded") {
    out = sessionSucceeded(conn, id, type, *object);
  } else if (type == "checkout.session.async_payment_failed" || type == "checkout.session.expired") {
    out = sessionFailed(conn, type, *object);
  } else if (type == "charge.refunded") {
    out = chargeRefunded(conn, id, *object);
  } else {
    out = {EventOutcome::Ignored, std::nullopt, "an event type we do not act on"};
  }
  repo::setStripeEventOutcome(conn, id, toString(out.outcome), out.paymentId);
  tx.commit();
  log::info("stripe event", {{"event_id", id},
                             {"type", type},
                             {"outcome", toString(out.outcome)},
                             {"payment_id", out.paymentId ? json::value(*out.paymentId) : json::value(nullptr)},
                             {"note", out.note}});
  return out;
}

LocalRefund applyRefund(db::Connection& conn, const repo::Payment& payment,
                        const std::optional<std::string>& refundedBy) {
  if (payment.status == PaymentStatus::Refunded) return {LocalRefund::Outcome::AlreadyRefunded, 0};
  if (payment.status != PaymentStatus::Completed) return {LocalRefund::Outcome::NotRefundable, 0};
  const int taken =
      repo::takeBackPurchase(conn, payment.userId, payment.id, "Refund of " + packLabel(payment), refundedBy);
  repo::markRefunded(conn, payment.id, taken);
  notify::paymentUpdate(conn, payment.id);
  return {LocalRefund::Outcome::Refunded, taken};
}

json::object checkoutSessionEvent(const repo::Payment& payment, std::string_view type) {
  const auto checkout = payment.checkoutSessionId.value_or(payment.id);
  const bool paid = type == "checkout.session.completed";
  json::object session{{"id", checkout},
                       {"object", "checkout.session"},
                       {"amount_total", payment.amountMinor},
                       {"currency", payment.currency},
                       {"client_reference_id", payment.id},
                       {"metadata", json::object{{"payment_id", payment.id}}},
                       {"mode", "payment"},
                       {"payment_intent", paid ? json::value("pi_test_" + checkout) : json::value(nullptr)},
                       {"payment_status", paid ? "paid" : "unpaid"},
                       {"status", paid ? "complete" : "expired"}};
  // The test page's buttons are its only senders: one event id per checkout and button.
  const std::string suffix = paid ? "pay" : "cancel";
  return {{"id", "evt_test_" + checkout + "_" + suffix},
          {"object", "event"},
          {"type", type},
          {"livemode", false},
          {"data", json::object{{"object", std::move(session)}}}};
}

}  // namespace practicum::server::payments
