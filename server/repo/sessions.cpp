#include "server/repo/sessions.h"

#include "core/consultation/case.h"
#include "core/consultation/evaluator.h"
#include "core/errors.h"
#include "server/repo/credits.h"
#include "server/repo/json.h"
#include "server/repo/messages.h"
#include "server/repo/notifications.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <stdexcept>

namespace practicum::server::repo {

namespace {

// $1 time limit (minutes), $2 expiry after the scheduled start (hours), $3 expiry of an
// unscheduled booking (hours): every statement reading sessions takes them first.
constexpr std::string_view kEndsAt = "(s.start_time + make_interval(mins => $1::int))";
constexpr std::string_view kExpiresAt =
    "coalesce(s.scheduled_start_time + make_interval(hours => $2::int), s.created_at + make_interval(hours => "
    "$3::int))";

std::string dueCondition() {
  return "((s.status = 'in_progress' AND " + std::string(kEndsAt) + " <= now()) OR (s.status = 'scheduled' AND " +
         std::string(kExpiresAt) + " <= now()))";
}

std::string columns() {
  return "s.id, s.user_id, s.patient_id, coalesce(s.patient_name, p.name), s.status, s.scheduled_start_time, "
         "s.start_time, s.end_time, "
         "CASE WHEN s.status = 'in_progress' THEN " +
         std::string(kEndsAt) +
         " END, "
         "CASE WHEN s.status = 'scheduled' THEN " +
         std::string(kExpiresAt) +
         " END, "
         "s.end_reason, s.ai_provider, s.coach_used, s.provider_failures, "
         "coalesce((SELECT -sum(t.credits) FROM credit_transactions t "
         "          WHERE t.session_id = s.id AND t.transaction_type = 'usage'), 0), "
         "coalesce((SELECT sum(t.credits) FROM credit_transactions t "
         "          WHERE t.session_id = s.id AND t.transaction_type = 'refund'), 0), "
         "s.created_at, s.updated_at, s.case_snapshot, s.turn_token, coalesce(s.turn_expires_at > now(), false), " +
         dueCondition();
}

std::string select(std::string_view where, std::string_view tail = "") {
  return "SELECT " + columns() + " FROM sessions s JOIN patients p ON p.id = s.patient_id " + std::string(where) + " " +
         std::string(tail);
}

Session fromRow(const db::Result& r, int row) {
  Session s;
  s.id = r.text(row, 0);
  s.userId = r.text(row, 1);
  s.patientId = r.text(row, 2);
  s.patientName = r.text(row, 3);
  s.status = enumFromString<SessionStatus>(r.view(row, 4)).value_or(SessionStatus::Cancelled);
  s.scheduledStartTime = r.optionalTimestamp(row, 5);
  s.startTime = r.optionalTimestamp(row, 6);
  s.endTime = r.optionalTimestamp(row, 7);
  s.endsAt = r.optionalTimestamp(row, 8);
  s.expiresAt = r.optionalTimestamp(row, 9);
  if (!r.isNull(row, 10)) s.endReason = enumFromString<EndReason>(r.view(row, 10));
  s.aiProvider = r.optionalText(row, 11);
  s.coachUsed = r.boolean(row, 12);
  s.providerFailures = static_cast<int>(r.integer(row, 13));
  s.creditsCharged = static_cast<int>(r.integer(row, 14));
  s.creditsRefunded = static_cast<int>(r.integer(row, 15));
  s.createdAt = db::isoTimestamp(r.view(row, 16));
  s.updatedAt = db::isoTimestamp(r.view(row, 17));
  s.caseJson = r.optionalText(row, 18);
  s.turnToken = r.optionalText(row, 19);
  s.turnHeld = r.boolean(row, 20);
  s.due = r.boolean(row, 21);
  return s;
}

int minutes(const SessionPolicy& p) {
  return static_cast<int>(p.timeLimit.count());
}
int hoursAfterScheduled(const SessionPolicy& p) {
  return static_cast<int>(p.expireAfterScheduled.count());
}
int hoursUnscheduled(const SessionPolicy& p) {
  return static_cast<int>(p.expireUnscheduled.count());
}

/// A session in which the patient never answered a question, though the provider was asked and
/// failed, gets its price back when it closes.
void refundIfPatientNeverAnswered(db::Connection& conn, const std::string& id) {
  auto r = conn.query(
      "SELECT s.provider_failures > 0 AND NOT EXISTS ("
      "  SELECT 1 FROM conversation_logs m "
      "   WHERE m.session_id = s.id AND m.sender = 'patient' AND m.reply_to IS NOT NULL) "
      "FROM sessions s WHERE s.id = $1",
      id);
  if (!r.empty() && r.boolean(0, 0)) refundSession(conn, id, "Refund: the simulated patient could not answer");
}

Feedback feedbackFromRow(const db::Result& r, int row) {
  Feedback f;
  f.id = r.text(row, 0);
  f.sessionId = r.text(row, 1);
  f.patientId = r.text(row, 2);
  f.patientName = r.text(row, 3);
  f.userId = r.text(row, 4);
  f.rating = static_cast<int>(r.integer(row, 5));
  f.comment = r.optionalText(row, 6);
  f.createdAt = db::isoTimestamp(r.view(row, 7));
  return f;
}

constexpr std::string_view kFeedbackColumns =
    "f.id, f.session_id, s.patient_id, coalesce(s.patient_name, p.name), s.user_id, f.user_rating, f.feedback_comment, "
    "f.created_at";

}  // namespace

boost::json::object toJson(const Session& s) {
  return {{"id", s.id},
          {"user_id", s.userId},
          {"patient_id", s.patientId},
          {"patient_name", s.patientName},
          {"status", toString(s.status)},
          {"scheduled_start_time", orNull(s.scheduledStartTime)},
          {"start_time", orNull(s.startTime)},
          {"end_time", orNull(s.endTime)},
          {"ends_at", orNull(s.endsAt)},
          {"expires_at", orNull(s.expiresAt)},
          {"end_reason", s.endReason ? boost::json::value(toString(*s.endReason)) : boost::json::value(nullptr)},
          {"ai_provider", orNull(s.aiProvider)},
          {"coach_used", s.coachUsed},
          {"credits_charged", s.creditsCharged},
          {"credits_refunded", s.creditsRefunded},
          {"created_at", s.createdAt},
          {"updated_at", s.updatedAt}};
}

std::optional<Session> findSession(db::Connection& conn, const std::string& id, const SessionPolicy& policy) {
  auto r =
      conn.query(select("WHERE s.id = $4"), minutes(policy), hoursAfterScheduled(policy), hoursUnscheduled(policy), id);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

std::optional<Session> lockSession(db::Connection& conn, const std::string& id, const SessionPolicy& policy) {
  auto r = conn.query(select("WHERE s.id = $4", "FOR UPDATE OF s"), minutes(policy), hoursAfterScheduled(policy),
                      hoursUnscheduled(policy), id);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

std::string insertSession(db::Connection& conn, const std::string& userId, const std::string& patientId,
                          const std::optional<std::string>& scheduledStartTime) {
  return conn
      .query(
          "INSERT INTO sessions (user_id, patient_id, scheduled_start_time) VALUES ($1, $2, $3::timestamptz) "
          "RETURNING id",
          userId, patientId, scheduledStartTime)
      .text(0, 0);
}

std::vector<Session> listSessions(db::Connection& conn, const SessionQuery& q, const SessionPolicy& policy) {
  std::optional<std::string> status, afterTime, afterId;
  if (q.status) status = std::string(toString(*q.status));
  if (q.after) {
    afterTime = q.after->first;
    afterId = q.after->second;
  }
  auto r = conn.query(select("WHERE s.user_id = $4 AND ($5::text IS NULL OR s.status = $5) "
                             "  AND ($6::timestamptz IS NULL OR (s.created_at, s.id) < ($6::timestamptz, $7::uuid))",
                             "ORDER BY s.created_at DESC, s.id DESC LIMIT $8"),
                      minutes(policy), hoursAfterScheduled(policy), hoursUnscheduled(policy), q.userId, status,
                      afterTime, afterId, q.limit);
  std::vector<Session> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(fromRow(r, i));
  return out;
}

std::vector<std::string> dueSessionIds(db::Connection& conn, const std::optional<std::string>& userId,
                                       const SessionPolicy& policy, int limit) {
  auto r = conn.query(
      "SELECT s.id FROM sessions s WHERE s.status IN ('scheduled', 'in_progress') "
      "AND ($4::uuid IS NULL OR s.user_id = $4) AND " +
          dueCondition() + " ORDER BY s.created_at LIMIT $5",
      minutes(policy), hoursAfterScheduled(policy), hoursUnscheduled(policy), userId, limit);
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

void markStarted(db::Connection& conn, const std::string& id, const std::string& patientName,
                 const std::string& caseJson, std::string_view aiProvider) {
  auto r = conn.query(
      "UPDATE sessions SET status = 'in_progress', start_time = now(), patient_name = $2, "
      "case_snapshot = $3::jsonb, ai_provider = $4 WHERE id = $1 AND status = 'scheduled'",
      id, patientName, caseJson, aiProvider);
  if (r.affected() != 1) throw std::logic_error("markStarted: the session was not scheduled");
  cancelPendingReminders(conn, id);  // started: its reminders have nothing left to remind of
}

void completeLocked(db::Connection& conn, const Session& session, EndReason reason, const SessionPolicy& policy) {
  if (session.status != SessionStatus::InProgress || !session.caseJson) {
    throw std::logic_error("completeLocked: the session is not running");
  }
  consultation::Case frozen;
  try {
    frozen = consultation::parseCase(boost::json::parse(*session.caseJson).as_object());
  } catch (const ApiError& e) {
    // It parsed when the session started; only a stricter parser since could refuse it.
    throw std::runtime_error("the frozen case of session " + session.id + " no longer parses: " + e.what());
  }
  const auto transcript = toTranscript(transcriptMessages(conn, session.id));
  const auto evaluation = consultation::evaluate(frozen, transcript);
  conn.query(
      "INSERT INTO session_evaluations (session_id, score, result) VALUES ($1, $2, $3::jsonb) "
      "ON CONFLICT (session_id) DO NOTHING",
      session.id, evaluation.score, boost::json::serialize(evaluation.toJson()));
  appendMessage(conn, session.id, Sender::Feedback, evaluation.summary());
  // Completed by the clock: it ended when its time was up, whenever the sweep noticed.
  conn.query(
      "UPDATE sessions SET status = 'completed', end_reason = $2::text, turn_token = NULL, turn_expires_at = NULL, "
      "end_time = CASE WHEN $2::text = 'time_limit' THEN least(now(), start_time + make_interval(mins => $3::int)) "
      "                ELSE now() END "
      "WHERE id = $1",
      session.id, toString(reason), minutes(policy));
  refundIfPatientNeverAnswered(conn, session.id);
}

void cancelLocked(db::Connection& conn, const Session& session, EndReason reason) {
  if (session.status != SessionStatus::Scheduled && session.status != SessionStatus::InProgress) {
    throw std::logic_error("cancelLocked: the session is closed");
  }
  conn.query(
      "UPDATE sessions SET status = 'cancelled', end_reason = $2, end_time = now(), turn_token = NULL, "
      "turn_expires_at = NULL WHERE id = $1",
      session.id, toString(reason));
  cancelPendingReminders(conn, session.id);  // cancelled or expired: no reminder goes out
  if (session.status == SessionStatus::Scheduled) {
    refundSession(
        conn, session.id,
        reason == EndReason::Expired ? "Refund: booking expired unused" : "Refund: cancelled before the start");
  } else {
    refundIfPatientNeverAnswered(conn, session.id);
  }
}

bool settleLocked(db::Connection& conn, const Session& session, const SessionPolicy& policy) {
  if (!session.due) return false;
  if (session.status == SessionStatus::InProgress) {
    completeLocked(conn, session, EndReason::TimeLimit, policy);
    return true;
  }
  if (session.status == SessionStatus::Scheduled) {
    cancelLocked(conn, session, EndReason::Expired);
    return true;
  }
  return false;
}

std::optional<Session> settle(db::Connection& conn, const std::string& id, const SessionPolicy& policy) {
  auto session = findSession(conn, id, policy);
  if (!session || !session->due) return session;
  db::Transaction tx(conn);
  session = lockSession(conn, id, policy);
  if (session && settleLocked(conn, *session, policy)) session = lockSession(conn, id, policy);
  tx.commit();
  return session;
}

SweepReport sweepSessions(db::Connection& conn, const SessionPolicy& policy) {
  SweepReport report;
  constexpr int kBatch = 200;
  for (;;) {
    const auto ids = dueSessionIds(conn, std::nullopt, policy, kBatch);
    int settled = 0;
    for (const auto& id : ids) {
      try {
        db::Transaction tx(conn);
        // SKIP LOCKED: a session busy with a request is settled by that request or the next sweep,
        // and sweeps of several instances share the work instead of queueing on each other.
        auto r = conn.query(select("WHERE s.id = $4", "FOR UPDATE OF s SKIP LOCKED"), minutes(policy),
                            hoursAfterScheduled(policy), hoursUnscheduled(policy), id);
        if (r.empty()) continue;
        const auto session = fromRow(r, 0);
        const auto status = session.status;
        if (settleLocked(conn, session, policy)) {
          ++settled;
          if (status == SessionStatus::InProgress)
            ++report.completed;
          else
            ++report.expired;
        }
        tx.commit();
      } catch (const std::exception& e) {
        report.failures.push_back(id + ": " + e.what());
        if (!conn.healthy()) return report;
      }
    }
    // Another full batch may wait behind this one, but only go on while it makes progress.
    if (static_cast<int>(ids.size()) < kBatch || settled == 0) break;
  }
  return report;
}

bool takeTurn(db::Connection& conn, const std::string& id, const std::string& token, std::chrono::seconds lease) {
  auto r = conn.query(
      "UPDATE sessions SET turn_token = $2, turn_expires_at = now() + make_interval(secs => $3::int) "
      "WHERE id = $1 AND (turn_token IS NULL OR turn_expires_at <= now() OR turn_token = $2)",
      id, token, static_cast<int>(lease.count()));
  return r.affected() == 1;
}

bool releaseTurn(db::Connection& conn, const std::string& id, const std::string& token) {
  auto r = conn.query("UPDATE sessions SET turn_token = NULL, turn_expires_at = NULL WHERE id = $1 AND turn_token = $2",
                      id, token);
  return r.affected() == 1;
}

void recordProviderFailure(db::Connection& conn, const std::string& id, const std::string& token) {
  conn.query(
      "UPDATE sessions SET provider_failures = provider_failures + 1, "
      "turn_token = CASE WHEN turn_token = $2 THEN NULL ELSE turn_token END, "
      "turn_expires_at = CASE WHEN turn_token = $2 THEN NULL ELSE turn_expires_at END "
      "WHERE id = $1",
      id, token);
}

void markCoachUsed(db::Connection& conn, const std::string& id) {
  conn.query("UPDATE sessions SET coach_used = true WHERE id = $1 AND NOT coach_used", id);
}

std::optional<EvaluationRecord> findEvaluation(db::Connection& conn, const std::string& sessionId) {
  auto r = conn.query("SELECT session_id, score, result, created_at FROM session_evaluations WHERE session_id = $1",
                      sessionId);
  if (r.empty()) return std::nullopt;
  return EvaluationRecord{r.text(0, 0), static_cast<int>(r.integer(0, 1)), r.text(0, 2),
                          db::isoTimestamp(r.view(0, 3))};
}

boost::json::object toJson(const EvaluationRecord& e) {
  return {{"session_id", e.sessionId},
          {"score", e.score},
          {"result", boost::json::parse(e.resultJson)},
          {"created_at", e.createdAt}};
}

boost::json::object toJson(const Feedback& f) {
  return {{"id", f.id},
          {"session_id", f.sessionId},
          {"patient_id", f.patientId},
          {"patient_name", f.patientName},
          {"user_id", f.userId},
          {"user_rating", f.rating},
          {"feedback_comment", orNull(f.comment)},
          {"created_at", f.createdAt}};
}

std::optional<Feedback> insertFeedback(db::Connection& conn, const std::string& sessionId, int rating,
                                       const std::optional<std::string>& comment) {
  auto inserted = conn.query(
      "INSERT INTO session_feedback (session_id, user_rating, feedback_comment) "
      "VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING RETURNING id",
      sessionId, rating, comment);
  if (inserted.empty()) return std::nullopt;
  return findFeedback(conn, sessionId);
}

std::optional<Feedback> findFeedback(db::Connection& conn, const std::string& sessionId) {
  auto r = conn.query("SELECT " + std::string(kFeedbackColumns) +
                          " FROM session_feedback f JOIN sessions s ON s.id = f.session_id "
                          "JOIN patients p ON p.id = s.patient_id WHERE f.session_id = $1",
                      sessionId);
  if (r.empty()) return std::nullopt;
  return feedbackFromRow(r, 0);
}

std::vector<Feedback> listFeedback(db::Connection& conn, const FeedbackQuery& q) {
  std::optional<std::string> afterTime, afterId;
  if (q.after) {
    afterTime = q.after->first;
    afterId = q.after->second;
  }
  auto r = conn.query("SELECT " + std::string(kFeedbackColumns) +
                          " FROM session_feedback f JOIN sessions s ON s.id = f.session_id "
                          "JOIN patients p ON p.id = s.patient_id "
                          "WHERE ($1::uuid IS NULL OR s.patient_id = $1) "
                          "  AND ($2::timestamptz IS NULL OR (f.created_at, f.id) < ($2::timestamptz, $3::uuid)) "
                          "ORDER BY f.created_at DESC, f.id DESC LIMIT $4",
                      q.patientId, afterTime, afterId, q.limit);
  std::vector<Feedback> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(feedbackFromRow(r, i));
  return out;
}

std::vector<PatientRating> ratingsByPatient(db::Connection& conn, const std::optional<std::string>& patientId) {
  auto r = conn.query(
      "SELECT p.id, p.name, count(*), round(avg(f.user_rating), 2)::float8 "
      "FROM session_feedback f JOIN sessions s ON s.id = f.session_id "
      "JOIN patients p ON p.id = s.patient_id "
      "WHERE ($1::uuid IS NULL OR p.id = $1) "
      "GROUP BY p.id, p.name ORDER BY lower(p.name), p.id",
      patientId);
  std::vector<PatientRating> out;
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back({r.text(i, 0), r.text(i, 1), static_cast<int>(r.integer(i, 2)), std::stod(r.text(i, 3))});
  }
  return out;
}

}  // namespace practicum::server::repo
