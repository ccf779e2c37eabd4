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

/// Inserts a row due now and wakes the outbox when the transaction commits; returns its id.
std::string insertNotification(db::Connection& conn, const NewNotification& n);

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

enum class RetryOutcome { Retried, NotFound, Closed, InFlight };
struct RetryResult {
  RetryOutcome outcome = RetryOutcome::NotFound;
  std::optional<Notification> notification;  ///< as it now stands (absent when not found)
};
/// A failed or pending row goes back to pending, due now, attempts reset (and the outbox is woken);
/// a sent or cancelled one is Closed; one a worker is delivering right now is InFlight.
RetryResult retryNotification(db::Connection& conn, const std::string& id);

// ---- delivery ----

struct ClaimedNotification {
  std::string id;
  std::string userId;
  NotificationType type = NotificationType::Onboarding;
  std::string email;
  std::string recipientName;  ///< "First Last", trimmed; may be empty
  std::string subject;
  std::string text;
  std::string html;
  int attempts = 0;        ///< including this one
  bool cancelled = false;  ///< a reminder whose session no longer waits for it: cancelled, not claimed
};

/// Claims up to `limit` due rows (pending, next_attempt_at passed) with FOR UPDATE SKIP LOCKED in
/// one statement: each gets `token`, a lease until now + `lease` (its next_attempt_at moves there
/// too, so a row whose worker died comes back by itself) and attempts + 1. A due reminder whose
/// session is no longer scheduled, or has started, is cancelled instead and returned with
/// `cancelled` set.
std::vector<ClaimedNotification> claimDue(db::Connection& conn, const std::string& token, std::chrono::seconds lease,
                                          int limit);

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
