#pragma once
/// SQL for the notifications outbox: writing rows (in the caller's transaction), the delivery
/// worker's claim / sent / failed, and the API's lists and retry. See the "Notifications" section
/// of docs/architecture.md.

#include "core/domain.h"
#include "server/db/pg.h"

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace practicum::server::repo {

/// The channel the outbox LISTENs on; rows due at once wake it with pg_notify at commit.
inline constexpr std::string_view kOutboxChannel = "practicum_outbox";

struct NewNotification {
  std::string userId;
  NotificationType type = NotificationType::Onboarding;
  std::string subject;
  std::string text;
  std::string html;
  std::optional<std::string> sessionId;
  std::optional<std::string> paymentId;
};

/// Inserts a row due now and wakes the outbox when the transaction commits; returns its id, or
/// nullopt for a session's second "booked" row (unique index notifications_booked_key: writing a
/// booking's mail twice sends it once).
std::optional<std::string> insertNotification(db::Connection& conn, const NewNotification& n);

/// Inserts the session's reminder for `offsetMinutes`, due that long before its scheduled start,
/// unless that moment has passed or the session already has one for that offset (then nullopt).
std::optional<std::string> insertReminder(db::Connection& conn, const NewNotification& n, int offsetMinutes);

/// Cancels the session's pending reminders (claimed ones too: the worker's mark then records what
/// it did); returns how many.
int cancelPendingReminders(db::Connection& conn, const std::string& sessionId);

// ---- the API ----

struct Notification {
  std::string id;
  std::string userId;
  NotificationType type = NotificationType::Onboarding;
  std::string subject;
  std::string message;
  NotificationStatus status = NotificationStatus::Pending;
  std::optional<std::string> sessionId;
  std::optional<std::string> paymentId;
  std::optional<int> reminderOffsetMinutes;
  int attempts = 0;
  std::string nextAttemptAt;
  std::optional<std::string> lastError;
  std::optional<std::string> sentAt;
  bool inFlight = false;  ///< a worker holds a live claim on it
  std::string createdAt;
  std::string updatedAt;
};

/// `adminView` adds the delivery state (attempts, next attempt, last error, lease) and the user.
boost::json::object toJson(const Notification& n, bool adminView);

struct NotificationQuery {
  std::optional<std::string> userId;
  std::optional<NotificationStatus> status;
  std::optional<NotificationType> type;
  int limit = 20;
  std::optional<std::string> afterId;  ///< keyset: the last row of the previous page
};
/// Newest first (created_at, id).
std::vector<Notification> listNotifications(db::Connection& conn, const NotificationQuery& query);
std::optional<Notification> findNotification(db::Connection& conn, const std::string& id);

enum class RetryOutcome { Retried, NotFound, Closed, Waiting, InFlight };
struct RetryResult {
  RetryOutcome outcome = RetryOutcome::NotFound;
  std::optional<Notification> notification;  ///< as it now stands (absent when not found)
};
/// A failed row goes back to pending with attempts reset, due now — a reminder not before its own
/// time (scheduled start − offset) — and the outbox is woken. A pending row is left as it is:
/// Waiting (due at its next_attempt_at, so a reminder keeps its time), or InFlight while a worker
/// holds a live claim on it; a sent or cancelled one is Closed.
RetryResult retryNotification(db::Connection& conn, const std::string& id);

// ---- delivery ----

struct ClaimedNotification {
  /// What the claiming statement decided for the row.
  enum class Verdict {
    Send,       ///< claimed: send it, then markSent or markFailed with claimToken
    Cancelled,  ///< a reminder whose session no longer waits for it: cancelled, not claimed
    GaveUp,     ///< its last allowed attempt never reported back: failed, not claimed
  };
  std::string id;
  std::string userId;
  NotificationType type = NotificationType::Onboarding;
  std::string email;
  std::string recipientName;  ///< "First Last", trimmed; may be empty
  std::string subject;
  std::string text;
  std::string html;
  int attempts = 0;  ///< including this one (when sent)
  Verdict verdict = Verdict::Send;
  std::string reason;      ///< why it was cancelled or given up (empty when Send)
  std::string claimToken;  ///< names this claim (empty unless Send)
};

/// The last_error of a row whose final attempt never reported back (see claimDue).
inline constexpr std::string_view kNeverCompleted = "delivery never completed";

/// Claims up to `limit` due rows (pending, next_attempt_at passed) with FOR UPDATE SKIP LOCKED in
/// one statement: each gets a new claim token (gen_random_uuid(), one per call), a lease until
/// now + `lease` (its next_attempt_at moves there too, so a row whose worker died comes back by
/// itself) and attempts + 1. Instead of being claimed, a due reminder whose session is no longer
/// scheduled, has started, or whose scheduled start has passed is cancelled (Verdict::Cancelled:
/// it would announce a start that is not ahead); and a row that already had `maxAttempts` claims
/// — its last attempt never reported back (a worker killed mid-send) — becomes failed with
/// last_error kNeverCompleted (Verdict::GaveUp).
std::vector<ClaimedNotification> claimDue(db::Connection& conn, std::chrono::seconds lease, int limit, int maxAttempts);

/// Records the delivery if `token` still holds the row's claim (a row cancelled meanwhile is
/// recorded as sent too: the mail went out); false when the claim was lost.
bool markSent(db::Connection& conn, const std::string& id, const std::string& token);

/// Records a failed attempt if `token` still holds the claim: the row becomes failed when
/// `giveUp`, otherwise pending again, due after `retryIn`; a row cancelled meanwhile stays
/// cancelled. Returns the status it now has, or nullopt when the claim was lost.
std::optional<NotificationStatus> markFailed(db::Connection& conn, const std::string& id, const std::string& token,
                                             const std::string& error, bool giveUp, std::chrono::seconds retryIn);

/// The wait before attempt `attempts + 1` after `attempts` failed ones: base × 2^(attempts − 1),
/// at most one hour (so base, 2 × base, 4 × base…).
std::chrono::seconds retryDelay(std::chrono::seconds base, int attempts);

}  // namespace practicum::server::repo
