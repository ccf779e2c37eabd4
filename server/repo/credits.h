#pragma once
/// SQL for credit balances and the credit ledger. "user".credit_balance changes only here, and
/// always together with the credit_transactions row that explains it, inside the caller's
/// transaction: balance = sum of the ledger, always (docs/schema.md).

#include "core/domain.h"
#include "server/db/pg.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace practicum::server::repo {

struct CreditTransaction {
  std::string id;
  std::string userId;
  TransactionType type = TransactionType::Adjustment;
  int credits = 0;
  std::optional<std::string> description;
  std::optional<std::string> sessionId;
  std::optional<std::string> paymentId;
  std::optional<std::string> createdBy;
  std::string createdAt;
  std::int64_t changeSeq = 0;  ///< the ledger page's keyset
};

boost::json::object toJson(const CreditTransaction& t);

/// Largest balance an adjustment may reach: far above any real use, far below integer overflow.
inline constexpr std::int64_t kMaxBalance = 1'000'000;

/// The balance, or nullopt when there is no such user.
std::optional<std::int64_t> balance(db::Connection& conn, const std::string& userId);

/// Newest first; `beforeSeq` is the keyset cursor (the last row's change_seq).
std::vector<CreditTransaction> ledgerPage(db::Connection& conn, const std::string& userId, int limit,
                                          std::optional<std::int64_t> beforeSeq);

/// Debits `credits` (> 0) for a booked session: one conditional UPDATE, so concurrent debits queue
/// on the user's row and none overdraws. Returns the new balance, or nullopt when the balance is
/// short (nothing written).
std::optional<std::int64_t> debitForSession(db::Connection& conn, const std::string& userId, int credits,
                                            const std::string& sessionId, const std::string& description);

/// Gives back what a session was charged, once: no-op (returns 0) when it was never charged or
/// was already refunded. Returns the credits refunded.
int refundSession(db::Connection& conn, const std::string& sessionId, const std::string& description);

/// Grants a paid payment's credits (`purchase`, positive), once: the partial unique index on
/// (payment_id) WHERE purchase makes a second grant insert nothing, whoever races. Returns the
/// credits granted (0 when the payment was granted before).
int grantPurchase(db::Connection& conn, const std::string& userId, const std::string& paymentId, int credits,
                  const std::string& description);

/// Takes back what a refunded payment granted and is still unspent: min(granted, balance), never
/// below zero (`refund`, negative), once per payment. Locks the user's row. Returns the credits
/// taken back (0 when none were left, or the payment was refunded before). `createdBy`: the admin
/// who asked for the refund, when one did.
int takeBackPurchase(db::Connection& conn, const std::string& userId, const std::string& paymentId,
                     const std::string& description, const std::optional<std::string>& createdBy);

struct AdjustmentResult {
  enum class Outcome { Done, NoSuchUser, OutOfRange } outcome = Outcome::Done;
  std::int64_t balance = 0;  ///< after (Done) or as it stands (OutOfRange)
  std::optional<CreditTransaction> transaction;
};
/// A staff adjustment (positive or negative), audited with `createdBy`. Never takes the balance
/// below 0 nor above kMaxBalance.
AdjustmentResult adjust(db::Connection& conn, const std::string& userId, int credits, const std::string& description,
                        const std::string& createdBy);

}  // namespace practicum::server::repo
