#include "server/repo/notifications.h"

#include "server/repo/json.h"

#include <algorithm>

namespace practicum::server::repo {

namespace {

constexpr std::string_view kColumns =
    "n.id, n.user_id, n.type, coalesce(n.subject, ''), coalesce(n.message, ''), n.status, n.session_id, "
    "n.payment_id, n.reminder_offset_minutes, n.attempts, n.next_attempt_at, n.last_error, n.sent_at, "
    "n.status = 'pending' AND coalesce(n.claimed_until > now(), false), n.created_at, n.updated_at";

Notification fromRow(const db::Result& r, int row) {
  Notification n;
  n.id = r.text(row, 0);
  n.userId = r.text(row, 1);
  n.type = enumFromString<NotificationType>(r.view(row, 2)).value_or(NotificationType::Onboarding);
  n.subject = r.text(row, 3);
  n.message = r.text(row, 4);
  n.status = enumFromString<NotificationStatus>(r.view(row, 5)).value_or(NotificationStatus::Pending);
  n.sessionId = r.optionalText(row, 6);
  n.paymentId = r.optionalText(row, 7);
  if (!r.isNull(row, 8)) n.reminderOffsetMinutes = static_cast<int>(r.integer(row, 8));
  n.attempts = static_cast<int>(r.integer(row, 9));
  n.nextAttemptAt = db::isoTimestamp(r.view(row, 10));
  n.lastError = r.optionalText(row, 11);
  n.sentAt = r.optionalTimestamp(row, 12);
  n.inFlight = r.boolean(row, 13);
  n.createdAt = db::isoTimestamp(r.view(row, 14));
  n.updatedAt = db::isoTimestamp(r.view(row, 15));
  return n;
}

/// Error texts come from libcurl, the file system or an SMTP server: bounded before storing.
std::string bounded(const std::string& text) {
  constexpr std::size_t kMax = 1000;
  if (text.size() <= kMax) return text;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;  // whole UTF-8 characters
  return text.substr(0, cut) + "…";
}

}  // namespace

std::optional<std::string> insertNotification(db::Connection& conn, const NewNotification& n) {
  // pg_notify is delivered at commit, and not at all on rollback: the worker wakes for committed rows.
  // The conflict target is notifications_booked_key; no other type can conflict on it.
  auto r = conn.query(
      "WITH inserted AS ("
      "  INSERT INTO notifications (user_id, type, subject, message, html_message, session_id, payment_id) "
      "  VALUES ($1, $2, $3, $4, $5, $6, $7) "
      "  ON CONFLICT (session_id) WHERE type = 'session_booked' DO NOTHING "
      "  RETURNING id) "
      "SELECT id, pg_notify($8, '') FROM inserted",
      n.userId, toString(n.type), n.subject, n.text, n.html, n.sessionId, n.paymentId, kOutboxChannel);
  if (r.empty()) return std::nullopt;
  return r.text(0, 0);
}

std::optional<std::string> insertReminder(db::Connection& conn, const NewNotification& n, int offsetMinutes) {
  auto r = conn.query(
      "INSERT INTO notifications (user_id, type, subject, message, html_message, session_id, "
      "                           reminder_offset_minutes, next_attempt_at) "
      "SELECT $1, 'session_reminder', $2, $3, $4, s.id, $6::int, "
      "       s.scheduled_start_time - make_interval(mins => $6::int) "
      "  FROM sessions s "
      " WHERE s.id = $5 AND s.scheduled_start_time - make_interval(mins => $6::int) > now() "
      "ON CONFLICT (session_id, reminder_offset_minutes) WHERE type = 'session_reminder' DO NOTHING "
      "RETURNING id",
      n.userId, n.subject, n.text, n.html, n.sessionId, offsetMinutes);
  if (r.empty()) return std::nullopt;
  return r.text(0, 0);
}

int cancelPendingReminders(db::Connection& conn, const std::string& sessionId) {
  auto r = conn.query(
      "UPDATE notifications SET status = 'cancelled' "
      "WHERE session_id = $1 AND type = 'session_reminder' AND status = 'pending'",
      sessionId);
  return static_cast<int>(r.affected());
}

boost::json::object toJson(const Notification& n, bool adminView) {
  boost::json::object out{{"id", n.id},
                          {"type", toString(n.type)},
                          {"subject", n.subject},
                          {"message", n.message},
                          {"status", toString(n.status)},
                          {"session_id", orNull(n.sessionId)},
                          {"payment_id", orNull(n.paymentId)},
                          {"created_at", n.createdAt},
                          {"sent_at", orNull(n.sentAt)}};
  if (adminView) {
    out["user_id"] = n.userId;
    out["reminder_offset_minutes"] =
        n.reminderOffsetMinutes ? boost::json::value(*n.reminderOffsetMinutes) : boost::json::value(nullptr);
    out["attempts"] = n.attempts;
    out["next_attempt_at"] = n.nextAttemptAt;
    out["last_error"] = orNull(n.lastError);
    out["in_flight"] = n.inFlight;
    out["updated_at"] = n.updatedAt;
  }
  return out;
}

std::vector<Notification> listNotifications(db::Connection& conn, const NotificationQuery& q) {
  // Only the conditions asked for: each combination is its own prepared statement with its own plan.
  std::string where = "TRUE";
  std::vector<db::Param> params;
  const auto add = [&](std::string_view condition, db::Param value) {
    params.push_back(std::move(value));
    std::string c(condition);
    std::string placeholder(1, '$');
    placeholder += std::to_string(params.size());
    c.replace(c.find('?'), 1, placeholder);
    where += " AND " + c;
  };
  if (q.userId) add("n.user_id = ?::uuid", *q.userId);
  if (q.status) add("n.status = ?", std::string(toString(*q.status)));
  if (q.type) add("n.type = ?", std::string(toString(*q.type)));
  if (q.afterId) {
    add("(n.created_at, n.id) < (SELECT c.created_at, c.id FROM notifications c WHERE c.id = ?::uuid)", *q.afterId);
  }
  params.push_back(std::to_string(q.limit));
  const auto sql = "SELECT " + std::string(kColumns) + " FROM notifications n WHERE " + where +
                   " ORDER BY n.created_at DESC, n.id DESC LIMIT $" + std::to_string(params.size());
  auto r = conn.exec(sql, params);
  std::vector<Notification> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(fromRow(r, i));
  return out;
}

std::optional<Notification> findNotification(db::Connection& conn, const std::string& id) {
  auto r = conn.query("SELECT " + std::string(kColumns) + " FROM notifications n WHERE n.id = $1", id);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

RetryResult retryNotification(db::Connection& conn, const std::string& id) {
  // Only a failed row: a pending one is already on its way, and making it due now would send a
  // reminder hours early. A failed reminder is due again at its own time if that is still ahead.
  auto r = conn.query(
      "WITH retried AS ("
      "  UPDATE notifications n SET status = 'pending', attempts = 0, last_error = NULL, "
      "         claimed_until = NULL, claim_token = NULL, "
      "         next_attempt_at = CASE WHEN n.type = 'session_reminder' "
      "           THEN greatest(now(), (SELECT s.scheduled_start_time "
      "                                        - make_interval(mins => n.reminder_offset_minutes) "
      "                                   FROM sessions s WHERE s.id = n.session_id)) "
      "           ELSE now() END "
      "   WHERE n.id = $1 AND n.status = 'failed' "
      "  RETURNING n.id) "
      "SELECT id, pg_notify($2, '') FROM retried",
      id, kOutboxChannel);
  RetryResult result;
  result.notification = findNotification(conn, id);
  if (!r.empty()) {
    result.outcome = RetryOutcome::Retried;
  } else if (!result.notification) {
    result.outcome = RetryOutcome::NotFound;
  } else if (result.notification->status == NotificationStatus::Pending) {
    result.outcome = result.notification->inFlight ? RetryOutcome::InFlight : RetryOutcome::Waiting;
  } else {
    result.outcome = RetryOutcome::Closed;
  }
  return result;
}

std::vector<ClaimedNotification> claimDue(db::Connection& conn, std::chrono::seconds lease, int limit,
                                          int maxAttempts) {
  // `due` decides each row's verdict from its state before this claim: a reminder that would
  // announce a start no longer ahead is cancelled; a row whose maxAttempts claims all ended
  // without a report (the worker died mid-send) gives up; the rest are claimed with one token.
  auto r = conn.query(
      "WITH claim AS (SELECT gen_random_uuid() AS token), "
      "due AS ("
      "  SELECT n.id, d.cancel_reason, "
      "         CASE WHEN d.cancel_reason <> '' THEN 'cancelled' WHEN n.attempts >= $3 THEN 'gave_up' "
      "              ELSE 'send' END AS verdict "
      "    FROM notifications n, LATERAL (SELECT CASE WHEN n.type <> 'session_reminder' THEN '' ELSE coalesce(("
      "           SELECT CASE WHEN s.status <> 'scheduled' OR s.start_time IS NOT NULL "
      "                       THEN 'the session is no longer scheduled' "
      "                       WHEN s.scheduled_start_time <= now() THEN 'the session''s scheduled start has passed' "
      "                       ELSE '' END "
      "             FROM sessions s WHERE s.id = n.session_id), 'the session is no longer scheduled') "
      "         END AS cancel_reason) d "
      "   WHERE n.status = 'pending' AND n.next_attempt_at <= now() "
      "   ORDER BY n.next_attempt_at "
      "   LIMIT $2 "
      "   FOR UPDATE OF n SKIP LOCKED) "
      "UPDATE notifications n SET "
      "  status = CASE due.verdict WHEN 'cancelled' THEN 'cancelled' WHEN 'gave_up' THEN 'failed' ELSE 'pending' END, "
      "  attempts = n.attempts + CASE WHEN due.verdict = 'send' THEN 1 ELSE 0 END, "
      "  claim_token = CASE WHEN due.verdict = 'send' THEN claim.token END, "
      "  claimed_until = CASE WHEN due.verdict = 'send' THEN now() + make_interval(secs => $1::int) END, "
      "  next_attempt_at = CASE WHEN due.verdict = 'send' THEN now() + make_interval(secs => $1::int) "
      "                         ELSE n.next_attempt_at END, "
      "  last_error = CASE WHEN due.verdict = 'gave_up' THEN $4 ELSE n.last_error END "
      "FROM due, claim, \"user\" u "
      "WHERE n.id = due.id AND u.id = n.user_id "
      "RETURNING n.id, n.user_id, n.type, u.email, "
      "          trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), "
      "          coalesce(n.subject, ''), coalesce(n.message, ''), coalesce(n.html_message, ''), n.attempts, "
      "          due.verdict, due.cancel_reason, coalesce(n.claim_token::text, '')",
      static_cast<int>(lease.count()), limit, maxAttempts, kNeverCompleted);
  std::vector<ClaimedNotification> out;
  for (int i = 0; i < r.rows(); ++i) {
    ClaimedNotification c;
    c.id = r.text(i, 0);
    c.userId = r.text(i, 1);
    c.type = enumFromString<NotificationType>(r.view(i, 2)).value_or(NotificationType::Onboarding);
    c.email = r.text(i, 3);
    c.recipientName = r.text(i, 4);
    c.subject = r.text(i, 5);
    c.text = r.text(i, 6);
    c.html = r.text(i, 7);
    c.attempts = static_cast<int>(r.integer(i, 8));
    const auto verdict = r.view(i, 9);
    if (verdict == "cancelled") {
      c.verdict = ClaimedNotification::Verdict::Cancelled;
      c.reason = r.text(i, 10);
    } else if (verdict == "gave_up") {
      c.verdict = ClaimedNotification::Verdict::GaveUp;
      c.reason = kNeverCompleted;
    }
    c.claimToken = r.text(i, 11);
    out.push_back(std::move(c));
  }
  return out;
}

bool markSent(db::Connection& conn, const std::string& id, const std::string& token) {
  auto r = conn.query(
      "UPDATE notifications SET status = 'sent', sent_at = now(), claimed_until = NULL, claim_token = NULL "
      "WHERE id = $1 AND claim_token = $2::uuid",
      id, token);
  return r.affected() == 1;
}

std::optional<NotificationStatus> markFailed(db::Connection& conn, const std::string& id, const std::string& token,
                                             const std::string& error, bool giveUp, std::chrono::seconds retryIn) {
  auto r = conn.query(
      "UPDATE notifications SET "
      "  status = CASE WHEN status = 'cancelled' THEN 'cancelled' WHEN $4::boolean THEN 'failed' ELSE 'pending' END, "
      "  next_attempt_at = CASE WHEN status = 'pending' AND NOT $4::boolean "
      "                         THEN now() + make_interval(secs => $5::int) ELSE next_attempt_at END, "
      "  claimed_until = NULL, claim_token = NULL, last_error = $3 "
      "WHERE id = $1 AND claim_token = $2::uuid RETURNING status",
      id, token, bounded(error), giveUp, static_cast<int>(retryIn.count()));
  if (r.empty()) return std::nullopt;
  return enumFromString<NotificationStatus>(r.view(0, 0));
}

std::chrono::seconds retryDelay(std::chrono::seconds base, int attempts) {
  constexpr std::chrono::seconds kMax{3600};
  if (base.count() <= 0) return std::chrono::seconds(0);
  auto delay = base;
  for (int i = 1; i < attempts && delay < kMax; ++i) delay *= 2;
  return std::min(delay, kMax);
}

}  // namespace practicum::server::repo
