#include "server/repo/payments.h"

#include "server/repo/json.h"

namespace practicum::server::repo {

namespace {

constexpr std::string_view kColumns =
    "p.id, p.user_id, p.pack_id, k.name, p.provider, p.status, p.amount::text, p.amount_minor, p.currency, "
    "p.credits, p.refunded_credits, p.checkout_session_id, p.checkout_url, p.stripe_transaction_id, "
    "p.failure_reason, p.flagged, p.created_at, p.updated_at, p.completed_at, p.refunded_at, p.staff_note";

/// SELECT <columns> FROM payments p LEFT JOIN credit_packs k … <rest>
std::string select(std::string_view rest) {
  return "SELECT " + std::string(kColumns) + " FROM payments p LEFT JOIN credit_packs k ON k.id = p.pack_id " +
         std::string(rest);
}

Payment fromRow(const db::Result& r, int row) {
  Payment p;
  p.id = r.text(row, 0);
  p.userId = r.text(row, 1);
  p.packId = r.optionalText(row, 2);
  p.packName = r.optionalText(row, 3);
  p.provider = r.text(row, 4);
  p.status = enumFromString<PaymentStatus>(r.view(row, 5)).value_or(PaymentStatus::Pending);
  p.amount = r.text(row, 6);
  p.amountMinor = r.integer(row, 7);
  p.currency = r.text(row, 8);
  p.credits = static_cast<int>(r.integer(row, 9));
  p.refundedCredits = static_cast<int>(r.integer(row, 10));
  p.checkoutSessionId = r.optionalText(row, 11);
  p.checkoutUrl = r.optionalText(row, 12);
  p.stripeTransactionId = r.optionalText(row, 13);
  p.failureReason = r.optionalText(row, 14);
  p.flagged = r.boolean(row, 15);
  p.createdAt = db::isoTimestamp(r.view(row, 16));
  p.updatedAt = db::isoTimestamp(r.view(row, 17));
  p.completedAt = r.optionalTimestamp(row, 18);
  p.refundedAt = r.optionalTimestamp(row, 19);
  p.staffNote = r.optionalText(row, 20);
  return p;
}

std::optional<Payment> one(const db::Result& r) {
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

}  // namespace

boost::json::object toJson(const Payment& p, bool adminView) {
  boost::json::object o{{"id", p.id},
                        {"user_id", p.userId},
                        {"pack_id", orNull(p.packId)},
                        {"pack_name", orNull(p.packName)},
                        {"provider", p.provider},
                        {"status", toString(p.status)},
                        {"amount", p.amount},
                        {"amount_minor", p.amountMinor},
                        {"currency", p.currency},
                        {"credits", p.credits},
                        {"refunded_credits", p.refundedCredits},
                        {"checkout_url", orNull(p.status == PaymentStatus::Pending ? p.checkoutUrl : std::nullopt)},
                        {"failure_reason", orNull(p.failureReason)},
                        {"flagged", p.flagged},
                        {"created_at", p.createdAt},
                        {"updated_at", p.updatedAt},
                        {"completed_at", orNull(p.completedAt)},
                        {"refunded_at", orNull(p.refundedAt)}};
  if (adminView) {
    o["checkout_session_id"] = orNull(p.checkoutSessionId);
    o["stripe_transaction_id"] = orNull(p.stripeTransactionId);
    o["staff_note"] = orNull(p.staffNote);
  }
  return o;
}

Payment insertPendingPayment(db::Connection& conn, const std::string& userId, const CreditPack& pack,
                             const std::string& provider, const std::string& amount,
                             const std::optional<std::string>& checkoutSessionId,
                             const std::optional<std::string>& checkoutUrl) {
  const auto id = conn.query(
                          "INSERT INTO payments (user_id, pack_id, provider, amount, amount_minor, currency, credits, "
                          "checkout_session_id, checkout_url) "
                          "VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8, $9) RETURNING id",
                          userId, pack.id, provider, amount, pack.priceMinor, pack.currency, pack.credits,
                          checkoutSessionId, checkoutUrl)
                      .text(0, 0);
  return *findPayment(conn, id);
}

std::optional<Payment> findPayment(db::Connection& conn, const std::string& id) {
  return one(conn.query(select("WHERE p.id = $1"), id));
}

std::optional<Payment> findTestCheckout(db::Connection& conn, const std::string& checkoutId) {
  return one(conn.query(select("WHERE p.checkout_session_id = $1 AND p.provider = 'test'"), checkoutId));
}

std::optional<Payment> lockPayment(db::Connection& conn, const std::string& id) {
  return one(conn.query(select("WHERE p.id = $1 FOR UPDATE OF p"), id));
}

std::optional<Payment> lockPaymentByCheckoutSession(db::Connection& conn, const std::string& checkoutSessionId) {
  return one(conn.query(select("WHERE p.checkout_session_id = $1 FOR UPDATE OF p"), checkoutSessionId));
}

std::optional<Payment> lockPaymentByTransaction(db::Connection& conn, const std::string& stripeTransactionId) {
  return one(conn.query(select("WHERE p.stripe_transaction_id = $1 FOR UPDATE OF p"), stripeTransactionId));
}

bool setCheckoutSession(db::Connection& conn, const std::string& id, const std::string& sessionId,
                        const std::string& url) {
  return conn.query(
                 "UPDATE payments SET checkout_session_id = $2, checkout_url = $3 "
                 "WHERE id = $1 AND status = 'pending'",
                 id, sessionId, url)
             .affected() == 1;
}

void setTransactionId(db::Connection& conn, const std::string& id, const std::string& paymentIntent) {
  conn.query("UPDATE payments SET stripe_transaction_id = $2 WHERE id = $1 AND stripe_transaction_id IS NULL", id,
             paymentIntent);
}

bool markFailed(db::Connection& conn, const std::string& id, const std::string& reason,
                const std::optional<std::string>& staffNote, bool flagged) {
  return conn.query(
                 "UPDATE payments SET status = 'failed', failure_reason = $2, staff_note = $3, "
                 "flagged = flagged OR $4 WHERE id = $1 AND status = 'pending'",
                 id, reason, staffNote, flagged)
             .affected() == 1;
}

void markCompleted(db::Connection& conn, const std::string& id) {
  conn.query("UPDATE payments SET status = 'completed', completed_at = now() WHERE id = $1 AND status = 'pending'", id);
}

void markRefunded(db::Connection& conn, const std::string& id, int refundedCredits) {
  conn.query(
      "UPDATE payments SET status = 'refunded', refunded_at = now(), refunded_credits = $2 "
      "WHERE id = $1 AND status = 'completed'",
      id, refundedCredits);
}

void markFlaggedFailureRefunded(db::Connection& conn, const std::string& id, const std::string& note) {
  conn.query(
      "UPDATE payments SET status = 'refunded', refunded_at = now(), refunded_credits = 0, flagged = false, "
      "staff_note = concat_ws(' ', staff_note, $2::text) WHERE id = $1 AND status = 'failed' AND flagged",
      id, note);
}

void flagPayment(db::Connection& conn, const std::string& id, const std::string& staffNote) {
  conn.query("UPDATE payments SET flagged = true, staff_note = concat_ws(' ', staff_note, $2::text) WHERE id = $1", id,
             staffNote);
}

std::vector<Payment> listPayments(db::Connection& conn, const PaymentQuery& q) {
  std::optional<std::string> status, afterTime, afterId;
  if (q.status) status = std::string(toString(*q.status));
  if (q.after) {
    afterTime = q.after->first;
    afterId = q.after->second;
  }
  auto r = conn.query(select("WHERE ($1::uuid IS NULL OR p.user_id = $1) AND ($2::text IS NULL OR p.status = $2) "
                             "  AND ($3::boolean IS NULL OR p.flagged = $3) "
                             "  AND ($4::timestamptz IS NULL OR (p.created_at, p.id) < ($4::timestamptz, $5::uuid)) "
                             "ORDER BY p.created_at DESC, p.id DESC LIMIT $6"),
                      q.userId, status, q.flagged, afterTime, afterId, q.limit);
  std::vector<Payment> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(fromRow(r, i));
  return out;
}

bool recordStripeEvent(db::Connection& conn, const std::string& eventId, const std::string& type) {
  return !conn.query(
                  "INSERT INTO stripe_events (id, type, outcome) VALUES ($1, $2, 'ignored') "
                  "ON CONFLICT (id) DO NOTHING RETURNING id",
                  eventId, type)
              .empty();
}

void setStripeEventOutcome(db::Connection& conn, const std::string& eventId, std::string_view outcome,
                           const std::optional<std::string>& paymentId) {
  conn.query("UPDATE stripe_events SET outcome = $2, payment_id = $3 WHERE id = $1", eventId, outcome, paymentId);
}

}  // namespace practicum::server::repo
