#include "server/repo/notifications.h"

#include <algorithm>

namespace practicum::server::repo {

namespace {

constexpr std::string_view kColumns =
    "n.id, n.user_id, n.type, coalesce(n.subject, ''), coalesce(n.message, ''), n.status, n.session_id, "
    "n.payment_id, n.reminder_offset_minutes, n.attempts, n.next_attempt_at, n.last_error, n.sent_at, "
    "n.status = 'pending' AND coalesce(n.claimed_until > now(), false), n.created_at, n.updated_at";

std::optional<std::string> nullable(const db::Result& r, int row, int col) {
  if (r.isNull(row, col)) return std::nullopt;
  return r.text(row, col);
}

std::optional<std::string> nullableTime(const db::Result& r, int row, int col) {
  if (r.isNull(row, col)) return std::nullopt;
  return db::isoTimestamp(r.view(row, col));
}

Notification fromRow(const db::Result& r, int row) {
  Notification n;
  n.id = r.text(row, 0);
  n.userId = r.text(row, 1);
  n.type = enumFromString<NotificationType>(r.view(row, 2)).value_or(NotificationType::Onboarding);
  n.subject = r.text(row, 3);
  n.message = r.text(row, 4);
  n.status = enumFromString<NotificationStatus>(r.view(row, 5)).value_or(NotificationStatus::Pending);
  n.sessionId = nullable(r, row, 6);
  n.paymentId = nullable(r, row, 7);
  if (!r.isNull(row, 8)) n.reminderOffsetMinutes = static_cast<int>(r.integer(row, 8));
  n.attempts = static_cast<int>(r.integer(row, 9));
  n.nextAttemptAt = db::isoTimestamp(r.view(row, 10));
  n.lastError = nullable(r, row, 11);
  n.sentAt = nullableTime(r, row, 12);
  n.inFlight = r.boolean(row, 13);
  n.createdAt = db::isoTimestamp(r.view(row, 14));
  n.updatedAt = db::isoTimestamp(r.view(row, 15));
  return n;
}

boost::json::value orNull(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
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

std::string insertNotification(db::Connection& conn, const NewNotification& n) {
  // pg_notify is delivered at commit, and not at all on rollback: the worker wakes for committed rows.
  return conn
      .query(
          "WITH inserted AS ("
          "  INSERT INTO notifications (user_id, type, subject, message, html_message, session_id, payment_id) "
          "  VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id) "
          "SELECT id, pg_notify($8, '') FROM inserted",
          n.userId, toString(n.type), n.subject, n.text, n.html, n.sessionId, n.paymentId, kOutboxChannel)
      .text(0, 0);
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
  auto r = conn.query(
      "WITH retried AS ("
      "  UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, "
      "         claimed_until = NULL, claim_token = NULL "
      "   WHERE id = $1 AND (status = 'failed' OR (status = 'pending' AND coalesce(claimed_until <= now(), true))) "
      "  RETURNING id) "
      "SELECT id, pg_notify($2, '') FROM retried",
      id, kOutboxChannel);
  RetryResult result;
  result.notification = findNotification(conn, id);
  if (!r.empty()) {
    result.outcome = RetryOutcome::Retried;
  } else if (!result.notification) {
    result.outcome = RetryOutcome::NotFound;
  } else if (result.notification->status == NotificationStatus::Pending) {
    result.outcome = RetryOutcome::InFlight;
  } else {
    result.outcome = RetryOutcome::Closed;
  }
  return result;
}

std::vector<ClaimedNotification> claimDue(db::Connection& conn, const std::string& token, std::chrono::seconds lease,
                                          int limit) {
  auto r = conn.query(
      "WITH due AS ("
      "  SELECT n.id, n.type = 'session_reminder' AND NOT EXISTS ("
      "           SELECT 1 FROM sessions s "
      "            WHERE s.id = n.session_id AND s.status = 'scheduled' AND s.start_time IS NULL) AS stale "
      "    FROM notifications n "
      "   WHERE n.status = 'pending' AND n.next_attempt_at <= now() "
      "   ORDER BY n.next_attempt_at "
      "   LIMIT $3 "
      "   FOR UPDATE OF n SKIP LOCKED) "
      "UPDATE notifications n SET "
      "  status = CASE WHEN due.stale THEN 'cancelled' ELSE 'pending' END, "
      "  attempts = n.attempts + CASE WHEN due.stale THEN 0 ELSE 1 END, "
      "  claim_token = CASE WHEN due.stale THEN NULL ELSE $1::uuid END, "
      "  claimed_until = CASE WHEN due.stale THEN NULL ELSE now() + make_interval(secs => $2::int) END, "
      "  next_attempt_at = CASE WHEN due.stale THEN n.next_attempt_at "
      "                         ELSE now() + make_interval(secs => $2::int) END "
      "FROM due, \"user\" u "
      "WHERE n.id = due.id AND u.id = n.user_id "
      "RETURNING n.id, n.user_id, n.type, u.email, "
      "          trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), "
      "          coalesce(n.subject, ''), coalesce(n.message, ''), coalesce(n.html_message, ''), n.attempts, "
      "          due.stale",
      token, static_cast<int>(lease.count()), limit);
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
    c.cancelled = r.boolean(i, 9);
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
