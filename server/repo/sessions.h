#pragma once
/// SQL for sessions, their evaluations and feedback, and the session life cycle:
///
///   scheduled ──start──► in_progress ──complete / time limit──► completed
///       │                    │
///       └─cancel / expiry─►  cancelled ◄──cancel──┘
///
/// Every transition runs in the caller's transaction on a row locked with lockSession(), so two
/// requests (or a request and the sweep) never move one session twice. See the "Consultations"
/// section of docs/architecture.md for the time limit, the expiry policy and the refund rules.

#include "core/domain.h"
#include "server/db/pg.h"

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace practicum::server::repo {

/// The clocks of the life cycle.
struct SessionPolicy {
  std::chrono::minutes timeLimit{45};  ///< a running session completes this long after its start
  /// A booking never started is cancelled, with a refund, this long after its scheduled start…
  std::chrono::hours expireAfterScheduled{24};
  /// …or, when no start time was given, this long after it was booked.
  std::chrono::hours expireUnscheduled{24 * 7};
};

enum class EndReason { Completed, TimeLimit, Cancelled, Expired };

struct Session {
  std::string id;
  std::string userId;
  std::string patientId;
  std::string patientName;  ///< frozen at start; the patient's current name before that
  SessionStatus status = SessionStatus::Scheduled;
  std::optional<std::string> scheduledStartTime;
  std::optional<std::string> startTime;
  std::optional<std::string> endTime;
  std::optional<std::string> endsAt;     ///< running: when the time limit completes it
  std::optional<std::string> expiresAt;  ///< scheduled: when it expires unused
  std::optional<EndReason> endReason;
  std::optional<std::string> aiProvider;
  bool coachUsed = false;
  int providerFailures = 0;
  int creditsCharged = 0;
  int creditsRefunded = 0;
  std::string createdAt;
  std::string updatedAt;
  // Not served:
  std::optional<std::string> caseJson;  ///< the frozen case (from start on)
  std::optional<std::string> turnToken;
  bool turnHeld = false;  ///< a live (unexpired) turn lease exists
  bool due = false;       ///< past its time limit (running) or its expiry (scheduled)
};

boost::json::object toJson(const Session& s);

std::optional<Session> findSession(db::Connection& conn, const std::string& id, const SessionPolicy& policy);
/// SELECT … FOR UPDATE of the session row (inside the caller's transaction).
std::optional<Session> lockSession(db::Connection& conn, const std::string& id, const SessionPolicy& policy);

/// Inserts a scheduled session; returns its id. The caller debits its price in the same transaction.
std::string insertSession(db::Connection& conn, const std::string& userId, const std::string& patientId,
                          const std::optional<std::string>& scheduledStartTime);

struct SessionQuery {
  std::string userId;
  std::optional<SessionStatus> status;
  int limit = 20;
  std::optional<std::pair<std::string, std::string>> after;  ///< keyset: the last row's (created_at, id)
};
/// Newest first.
std::vector<Session> listSessions(db::Connection& conn, const SessionQuery& query, const SessionPolicy& policy);
/// Ids of `userId`'s sessions past their time limit or expiry (to settle before listing them).
std::vector<std::string> dueSessionIds(db::Connection& conn, const std::optional<std::string>& userId,
                                       const SessionPolicy& policy, int limit);

// Transitions: each takes a session read by lockSession() in the caller's transaction.

/// scheduled → in_progress, freezing the patient's name and case.
void markStarted(db::Connection& conn, const std::string& id, const std::string& patientName,
                 const std::string& caseJson, std::string_view aiProvider);
/// in_progress → completed: evaluates the transcript with the frozen case, stores the evaluation
/// and its summary as a 'feedback' message, and applies the provider-failure refund rule.
void completeLocked(db::Connection& conn, const Session& session, EndReason reason, const SessionPolicy& policy);
/// scheduled or in_progress → cancelled. Before the start (reason Cancelled or Expired) the price
/// is refunded; once running only the provider-failure rule refunds.
void cancelLocked(db::Connection& conn, const Session& session, EndReason reason);
/// Applies the time limit or the expiry to a locked session if it is due; true when it changed
/// (the caller reads the row again).
bool settleLocked(db::Connection& conn, const Session& session, const SessionPolicy& policy);

/// Brings a session up to date with the clock in its own transaction if it is due (the lazy half
/// of the sweep); returns the session as it now stands.
std::optional<Session> settle(db::Connection& conn, const std::string& id, const SessionPolicy& policy);

struct SweepReport {
  int completed = 0;                  ///< running sessions completed by their time limit
  int expired = 0;                    ///< bookings cancelled unused, with a refund
  std::vector<std::string> failures;  ///< "<session id>: <error>" for sessions left for the next sweep
};
/// Settles every due session, each in its own transaction; sessions locked by a request at that
/// moment are skipped (the request, or the next sweep, settles them).
SweepReport sweepSessions(db::Connection& conn, const SessionPolicy& policy);

// The turn lease (per-session serialisation of replies without holding a transaction).

/// Takes the lease when it is free or expired; false when another worker holds it.
bool takeTurn(db::Connection& conn, const std::string& id, const std::string& token, std::chrono::seconds lease);
/// Releases the lease if `token` still holds it; returns whether it did.
bool releaseTurn(db::Connection& conn, const std::string& id, const std::string& token);
/// Counts a reply the provider failed to produce (and releases the lease if held).
void recordProviderFailure(db::Connection& conn, const std::string& id, const std::string& token);
void markCoachUsed(db::Connection& conn, const std::string& id);

// Evaluations.

struct EvaluationRecord {
  std::string sessionId;
  int score = 0;
  std::string resultJson;
  std::string createdAt;
};
std::optional<EvaluationRecord> findEvaluation(db::Connection& conn, const std::string& sessionId);
boost::json::object toJson(const EvaluationRecord& e);

// Feedback.

struct Feedback {
  std::string id;
  std::string sessionId;
  std::string patientId;
  std::string patientName;
  std::string userId;
  int rating = 0;
  std::optional<std::string> comment;
  std::string createdAt;
};
boost::json::object toJson(const Feedback& f);

/// nullopt when the session already has feedback (UNIQUE(session_id)).
std::optional<Feedback> insertFeedback(db::Connection& conn, const std::string& sessionId, int rating,
                                       const std::optional<std::string>& comment);
std::optional<Feedback> findFeedback(db::Connection& conn, const std::string& sessionId);

struct FeedbackQuery {
  std::optional<std::string> patientId;
  int limit = 20;
  std::optional<std::pair<std::string, std::string>> after;  ///< keyset: the last row's (created_at, id)
};
/// Newest first.
std::vector<Feedback> listFeedback(db::Connection& conn, const FeedbackQuery& query);

struct PatientRating {
  std::string patientId;
  std::string patientName;
  int count = 0;
  double average = 0;  ///< rounded to two decimals
};
/// Every patient with feedback (or the one asked for), by name.
std::vector<PatientRating> ratingsByPatient(db::Connection& conn, const std::optional<std::string>& patientId);

}  // namespace practicum::server::repo

template <>
struct practicum::EnumNames<practicum::server::repo::EndReason> {
  static constexpr std::array<std::string_view, 4> names{"completed", "time_limit", "cancelled", "expired"};
};
