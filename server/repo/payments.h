#pragma once
/// SQL for payments (one checkout of one credit pack) and for the record of Stripe events
/// processed. Functions take the connection they run on; the caller owns the transaction.

#include "core/domain.h"
#include "server/db/pg.h"
#include "server/repo/credit_packs.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace practicum::server::repo {

struct Payment {
  std::string id;
  std::string userId;
  std::optional<std::string> packId;
  std::optional<std::string> packName;
  std::string provider;  ///< stripe | test
  PaymentStatus status = PaymentStatus::Pending;
  std::string amount;  ///< the seed's numeric(10,2), as text
  std::int64_t amountMinor = 0;
  std::string currency;
  int credits = 0;
  int refundedCredits = 0;
  std::optional<std::string> checkoutSessionId;
  std::optional<std::string> checkoutUrl;
  std::optional<std::string> stripeTransactionId;  ///< the PaymentIntent
  std::optional<std::string> failureReason;        ///< the student's sentence: why it failed
  std::optional<std::string> staffNote;            ///< admins only: Stripe's error, a mismatch, a partial refund
  bool flagged = false;
  std::string createdAt;
  std::string updatedAt;
  std::optional<std::string> completedAt;
  std::optional<std::string> refundedAt;
};

/// The admins' view adds Stripe's ids (session, PaymentIntent) and staff_note; the owner's view
/// shows neither.
boost::json::object toJson(const Payment& payment, bool adminView);

/// A new pending payment for `pack`, its price and credits copied as they stand now.
Payment insertPendingPayment(db::Connection& conn, const std::string& userId, const CreditPack& pack,
                             const std::string& provider, const std::string& amount,
                             const std::optional<std::string>& checkoutSessionId,
                             const std::optional<std::string>& checkoutUrl);

std::optional<Payment> findPayment(db::Connection& conn, const std::string& id);
/// The test-mode checkout's payment, found by its unguessable id.
std::optional<Payment> findTestCheckout(db::Connection& conn, const std::string& checkoutId);

/// Locks the payment row (FOR UPDATE). Fulfilment and refunds take it before reading the status they
/// decide on, then (if they move credits) the user's row. Checkout's two later writes take no lock:
/// markFailed (Stripe did not open the checkout) and setCheckoutSession are single conditional
/// UPDATEs (… WHERE status = 'pending'); PostgreSQL makes them wait for a holder of the lock and
/// re-check the condition on the row it committed, so neither overwrites a move fulfilment made.
std::optional<Payment> lockPayment(db::Connection& conn, const std::string& id);
std::optional<Payment> lockPaymentByCheckoutSession(db::Connection& conn, const std::string& checkoutSessionId);
std::optional<Payment> lockPaymentByTransaction(db::Connection& conn, const std::string& stripeTransactionId);

/// Records Stripe's Checkout Session on a pending payment; false when it is no longer pending.
bool setCheckoutSession(db::Connection& conn, const std::string& id, const std::string& sessionId,
                        const std::string& url);
/// Stores the PaymentIntent when none is known yet.
void setTransactionId(db::Connection& conn, const std::string& id, const std::string& paymentIntent);
/// pending → failed with the student's `reason` (and, for admins, `staffNote`); `flagged` asks
/// staff to look. False when it was not pending.
bool markFailed(db::Connection& conn, const std::string& id, const std::string& reason,
                const std::optional<std::string>& staffNote, bool flagged);
/// pending → completed.
void markCompleted(db::Connection& conn, const std::string& id);
/// completed → refunded, with the credits taken back.
void markRefunded(db::Connection& conn, const std::string& id, int refundedCredits);
/// failed and flagged → refunded, for a charge that Stripe took but we never honoured (no credits
/// granted, so none taken back): refunded_at now, the flag lowered (nothing is left to settle), and
/// `note` appended to staff_note. Changes nothing unless the payment is failed and flagged.
void markFlaggedFailureRefunded(db::Connection& conn, const std::string& id, const std::string& note);
/// Raises the flag for staff, appending `staffNote` to staff_note, leaving the status alone.
void flagPayment(db::Connection& conn, const std::string& id, const std::string& staffNote);

struct PaymentQuery {
  std::optional<std::string> userId;
  std::optional<PaymentStatus> status;
  std::optional<bool> flagged;
  std::optional<std::pair<std::string, std::string>> after;  ///< keyset (created_at, id)
  int limit = 20;
};
/// Newest first.
std::vector<Payment> listPayments(db::Connection& conn, const PaymentQuery& q);

/// Inserts the event's row (outcome "ignored" until setEventOutcome); false when the event was
/// recorded before. A concurrent delivery of the same id waits here on the primary key until the
/// first commits, then gets false.
bool recordStripeEvent(db::Connection& conn, const std::string& eventId, const std::string& type);
void setStripeEventOutcome(db::Connection& conn, const std::string& eventId, std::string_view outcome,
                           const std::optional<std::string>& paymentId);

}  // namespace practicum::server::repo
