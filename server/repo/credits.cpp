#include "server/repo/credits.h"

#include "server/repo/json.h"

#include <algorithm>

namespace practicum::server::repo {

namespace {

constexpr std::string_view kColumns =
    "t.id, t.user_id, t.transaction_type, t.credits, t.description, t.session_id, t.payment_id, t.created_by, "
    "t.created_at, t.change_seq";

std::string sql(std::string_view before, std::string_view after) {
  return std::string(before) + std::string(kColumns) + std::string(after);
}

CreditTransaction fromRow(const db::Result& r, int row) {
  CreditTransaction t;
  t.id = r.text(row, 0);
  t.userId = r.text(row, 1);
  t.type = enumFromString<TransactionType>(r.view(row, 2)).value_or(TransactionType::Adjustment);
  t.credits = static_cast<int>(r.integer(row, 3));
  t.description = r.optionalText(row, 4);
  t.sessionId = r.optionalText(row, 5);
  t.paymentId = r.optionalText(row, 6);
  t.createdBy = r.optionalText(row, 7);
  t.createdAt = db::isoTimestamp(r.view(row, 8));
  t.changeSeq = r.integer(row, 9);
  return t;
}

}  // namespace

boost::json::object toJson(const CreditTransaction& t) {
  return {{"id", t.id},
          {"transaction_type", toString(t.type)},
          {"credits", t.credits},
          {"description", orNull(t.description)},
          {"session_id", orNull(t.sessionId)},
          {"payment_id", orNull(t.paymentId)},
          {"created_by", orNull(t.createdBy)},
          {"created_at", t.createdAt}};
}

std::optional<std::int64_t> balance(db::Connection& conn, const std::string& userId) {
  auto r = conn.query("SELECT credit_balance FROM \"user\" WHERE id = $1", userId);
  if (r.empty()) return std::nullopt;
  return r.integer(0, 0);
}

std::vector<CreditTransaction> ledgerPage(db::Connection& conn, const std::string& userId, int limit,
                                          std::optional<std::int64_t> beforeSeq) {
  auto r = conn.query(sql("SELECT ",
                          " FROM credit_transactions t "
                          "WHERE t.user_id = $1 AND ($2::bigint IS NULL OR t.change_seq < $2) "
                          "ORDER BY t.change_seq DESC LIMIT $3"),
                      userId, beforeSeq, limit);
  std::vector<CreditTransaction> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(fromRow(r, i));
  return out;
}

std::optional<std::int64_t> debitForSession(db::Connection& conn, const std::string& userId, int credits,
                                            const std::string& sessionId, const std::string& description) {
  // The conditional UPDATE takes the user's row lock; a concurrent debit waits, then re-checks
  // the condition against the balance this one left.
  auto r = conn.query(
      "UPDATE \"user\" SET credit_balance = credit_balance - $2 "
      "WHERE id = $1 AND credit_balance >= $2 RETURNING credit_balance",
      userId, credits);
  if (r.empty()) return std::nullopt;
  conn.query(
      "INSERT INTO credit_transactions (user_id, transaction_type, credits, description, session_id) "
      "VALUES ($1, 'usage', $2, $3, $4)",
      userId, -credits, description, sessionId);
  return r.integer(0, 0);
}

int refundSession(db::Connection& conn, const std::string& sessionId, const std::string& description) {
  // The partial unique index on (session_id) WHERE transaction_type = 'refund' makes a second
  // refund of the same session insert nothing, even from a racing transaction.
  auto r = conn.query(
      "INSERT INTO credit_transactions (user_id, transaction_type, credits, description, session_id) "
      "SELECT user_id, 'refund', -credits, $2, session_id FROM credit_transactions "
      " WHERE session_id = $1 AND transaction_type = 'usage' "
      "ON CONFLICT (session_id) WHERE transaction_type = 'refund' DO NOTHING "
      "RETURNING user_id, credits",
      sessionId, description);
  if (r.empty()) return 0;
  const auto credits = static_cast<int>(r.integer(0, 1));
  conn.query("UPDATE \"user\" SET credit_balance = credit_balance + $2 WHERE id = $1", r.text(0, 0), credits);
  return credits;
}

int grantPurchase(db::Connection& conn, const std::string& userId, const std::string& paymentId, int credits,
                  const std::string& description) {
  auto r = conn.query(
      "INSERT INTO credit_transactions (user_id, transaction_type, credits, description, payment_id) "
      "VALUES ($1, 'purchase', $2, $3, $4) "
      "ON CONFLICT (payment_id) WHERE transaction_type = 'purchase' DO NOTHING RETURNING id",
      userId, credits, description, paymentId);
  if (r.empty()) return 0;
  conn.query("UPDATE \"user\" SET credit_balance = credit_balance + $2 WHERE id = $1", userId, credits);
  return credits;
}

int takeBackPurchase(db::Connection& conn, const std::string& userId, const std::string& paymentId,
                     const std::string& description, const std::optional<std::string>& createdBy) {
  // The user's row lock first: a booking debiting at the same time waits, so the balance read
  // here is the one the refund row is computed from.
  auto balance = conn.query("SELECT credit_balance FROM \"user\" WHERE id = $1 FOR UPDATE", userId);
  if (balance.empty()) return 0;
  auto granted = conn.query(
      "SELECT coalesce(sum(credits), 0) FROM credit_transactions "
      "WHERE payment_id = $1 AND user_id = $2 AND transaction_type = 'purchase'",
      paymentId, userId);
  const auto take = std::min(granted.integer(0, 0), balance.integer(0, 0));
  if (take <= 0) return 0;
  auto r = conn.query(
      "INSERT INTO credit_transactions (user_id, transaction_type, credits, description, payment_id, created_by) "
      "VALUES ($1, 'refund', $2, $3, $4, $5) "
      "ON CONFLICT (payment_id) WHERE transaction_type = 'refund' DO NOTHING RETURNING id",
      userId, -take, description, paymentId, createdBy);
  if (r.empty()) return 0;
  conn.query("UPDATE \"user\" SET credit_balance = credit_balance - $2 WHERE id = $1", userId, take);
  return static_cast<int>(take);
}

AdjustmentResult adjust(db::Connection& conn, const std::string& userId, int credits, const std::string& description,
                        const std::string& createdBy) {
  AdjustmentResult out;
  auto current = conn.query("SELECT credit_balance FROM \"user\" WHERE id = $1 FOR UPDATE", userId);
  if (current.empty()) {
    out.outcome = AdjustmentResult::Outcome::NoSuchUser;
    return out;
  }
  out.balance = current.integer(0, 0);
  const auto after = out.balance + credits;
  if (after < 0 || after > kMaxBalance) {
    out.outcome = AdjustmentResult::Outcome::OutOfRange;
    return out;
  }
  conn.query("UPDATE \"user\" SET credit_balance = credit_balance + $2 WHERE id = $1", userId, credits);
  auto r = conn.query(sql("INSERT INTO credit_transactions AS t (user_id, transaction_type, credits, description, "
                          "created_by) VALUES ($1, 'adjustment', $2, $3, $4) RETURNING ",
                          ""),
                      userId, credits, description, createdBy);
  out.balance = after;
  out.transaction = fromRow(r, 0);
  return out;
}

}  // namespace practicum::server::repo
