// /sessions: booking (debits credits), the life cycle (start, complete, cancel), the transcript,
// the patient's replies (JSON or a Server-Sent Events stream), the coach's hint, the evaluation.
// The life cycle and the refund rules are in repo/sessions.h and docs/architecture.md.

#include "core/consultation/case.h"
#include "core/consultation/evaluator.h"
#include "core/json_reader.h"
#include "core/validation.h"
#include "server/api/paging.h"
#include "server/api/routes.h"
#include "server/log.h"
#include "server/notify/notify.h"
#include "server/repo/credits.h"
#include "server/repo/messages.h"
#include "server/repo/patients.h"
#include "server/repo/sessions.h"

#include <boost/beast/core/string.hpp>
#include <boost/json/parse.hpp>

#include <charconv>
#include <thread>

namespace practicum::server::api {

namespace verb = boost::beast::http;
using http::Access;
using http::Request;
using http::Response;

namespace {

/// How long one reply may hold a session's turn lease before another worker may take it over.
constexpr std::chrono::seconds kTurnLease{180};
/// How long a message waits for the reply before it to finish (then 409, try again).
constexpr std::chrono::milliseconds kTurnWait{60'000};
constexpr std::size_t kMaxMessageChars = 4000;
/// Bounds the transcript the provider and the evaluator read.
constexpr int kMaxStudentMessages = 300;
constexpr int kDefaultMessagePage = 500;
constexpr int kMaxMessagePage = 1000;

repo::SessionPolicy policy(const Services& s) {
  repo::SessionPolicy p;
  p.timeLimit = s.config.sessionTimeLimit;
  return p;
}

/// RFC 3339 date-time with a zone ("2026-05-01T09:30:00Z", "…+02:00", fractions up to 6 digits),
/// checked field by field: PostgreSQL alone would also take "tomorrow" or "epoch".
bool isRfc3339(std::string_view t) {
  const auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > t.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(0, 4, year) || t.size() < 20 || t[4] != '-' || !digits(5, 2, month) || t[7] != '-' ||
      !digits(8, 2, day) || (t[10] != 'T' && t[10] != 't') || !digits(11, 2, hour) || t[13] != ':' ||
      !digits(14, 2, minute) || t[16] != ':' || !digits(17, 2, second)) {
    return false;
  }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || (month == 2 && day == 29 && !leap) ||
      hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  std::size_t pos = 19;
  if (pos < t.size() && t[pos] == '.') {
    std::size_t n = 0;
    while (pos + 1 + n < t.size() && t[pos + 1 + n] >= '0' && t[pos + 1 + n] <= '9') ++n;
    if (n < 1 || n > 6) return false;
    pos += 1 + n;
  }
  const auto zone = t.substr(pos);
  if (zone == "Z" || zone == "z") return true;
  int zh = 0, zm = 0;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(pos + 1, 2, zh) && zone[3] == ':' &&
         digits(pos + 4, 2, zm) && zh <= 23 && zm <= 59;
}

/// The scripted patient's wording varies per session, and stays the same for a session.
std::uint64_t seedOf(const std::string& sessionId) {
  std::string hex;
  for (char c : sessionId) {
    if (c != '-') hex += c;
    if (hex.size() == 16) break;
  }
  std::uint64_t seed = 0;
  std::from_chars(hex.data(), hex.data() + hex.size(), seed, 16);
  return seed;
}

/// Start, complete, cancel and hint take no body; an empty one or {} is fine, anything else is 422.
void expectNoFields(const Request& r) {
  if (r.body().empty()) return;
  ObjectReader(r.jsonBody()).finish();
}

bool wantsEventStream(const Request& r) {
  const auto accept = validation::toLower(r.header(verb::field::accept));
  return accept.find("text/event-stream") != std::string::npos;
}

/// Whether the stored case is a complete structured case (one a session can be played from).
std::optional<consultation::Case> playableCase(const std::string& caseJson) {
  if (caseJson.empty()) return std::nullopt;
  try {
    auto value = boost::json::parse(caseJson);
    if (!value.is_object()) return std::nullopt;
    return consultation::parseCase(value.as_object());
  } catch (const ApiError&) {
    return std::nullopt;
  }
}

ApiError notFound() {
  return ApiError(ErrorCode::NotFound, "No such session.");
}

/// The session, brought up to date with the clock, if the caller may read it: its student or
/// staff. Anyone else gets 404, not 403, so a student cannot learn that another's session exists.
repo::Session visible(Services& s, db::Connection& conn, const std::string& id, const User& user) {
  auto session = repo::settle(conn, id, policy(s));
  if (!session || (session->userId != user.id && !isStaff(user.role))) throw notFound();
  return *session;
}

/// Staff may read any session but only its student acts in it.
void requireOwner(const repo::Session& session, const User& user) {
  if (session.userId != user.id) {
    throw ApiError(ErrorCode::Forbidden, "Only the student who booked this session can do that.");
  }
}

ApiError wrongState(const repo::Session& session, std::string_view wanted) {
  std::string message = "This session is " + std::string(toString(session.status));
  if (session.endReason == repo::EndReason::TimeLimit) message += " (its time ran out)";
  if (session.endReason == repo::EndReason::Expired) message += " (it expired unused)";
  message += "; ";
  message += wanted;
  return ApiError(ErrorCode::Conflict, message, {{"status", toString(session.status)}});
}

/// Opens `tx` and locks the session for a change by its student. A session whose clock ran out is
/// settled first, and that is committed even if the change is then refused.
repo::Session lockForChange(Services& s, db::Connection& conn, std::optional<db::Transaction>& tx,
                            const std::string& id, const User& user) {
  const auto p = policy(s);
  tx.emplace(conn);
  auto session = repo::lockSession(conn, id, p);
  if (!session || (session->userId != user.id && !isStaff(user.role))) throw notFound();
  requireOwner(*session, user);
  if (repo::settleLocked(conn, *session, p)) {
    tx->commit();
    tx.emplace(conn);
    session = repo::lockSession(conn, id, p);
  }
  return *session;
}

Response sessionJson(unsigned status, const repo::Session& session) {
  return Response::json(status, repo::toJson(session));
}

// ---- booking and listing ----

Response book(Services& s, Request& r) {
  const auto body = r.jsonBody();
  ObjectReader reader(body);
  auto patientId = reader.text("patient_id", true, {1, 36});
  if (patientId && !validation::isUuid(*patientId)) {
    reader.fail("patient_id", "must be a UUID");
    patientId.reset();
  }
  auto scheduled = reader.text("scheduled_start_time", false, {1, 40});
  if (scheduled && !isRfc3339(*scheduled)) {
    reader.fail("scheduled_start_time", "must be an RFC 3339 date-time with a time zone, e.g. 2026-05-01T09:30:00Z");
  }
  reader.finish();
  const auto& me = r.currentUser();

  auto conn = s.pool.acquire();
  if (scheduled) {
    auto when =
        conn->query("SELECT $1::timestamptz > now(), $1::timestamptz <= now() + interval '366 days'", *scheduled);
    if (!when.boolean(0, 0) || !when.boolean(0, 1)) {
      throw ApiError(ErrorCode::ValidationFailed, "Some fields are missing or invalid.",
                     {{"fields", {{"scheduled_start_time", "must be in the future, at most a year ahead"}}}});
    }
  }
  db::Transaction tx(*conn);
  const auto patient = repo::findPatient(*conn, validation::toLower(*patientId));
  if (!patient) throw ApiError(ErrorCode::NotFound, "No such patient.", {{"patient_id", *patientId}});
  if (patient->archived) throw ApiError(ErrorCode::Conflict, "This patient is archived and cannot be booked.");
  if (!playableCase(patient->caseJson)) {
    throw ApiError(ErrorCode::Conflict, "This patient's case is not complete yet, so it cannot be booked.");
  }
  const auto id = repo::insertSession(*conn, me.id, patient->id, scheduled);
  const auto balance = repo::debitForSession(*conn, me.id, patient->priceCredits, id, "Session with " + patient->name);
  if (!balance) {
    const auto have = repo::balance(*conn, me.id).value_or(0);
    throw ApiError(ErrorCode::InsufficientCredits,
                   "Booking this patient takes " + std::to_string(patient->priceCredits) + " credit" +
                       (patient->priceCredits == 1 ? "" : "s") + "; you have " + std::to_string(have) + ".",
                   {{"price_credits", patient->priceCredits}, {"balance", have}});
  }
  // "Booked" and the reminders are written with the booking, in its transaction.
  notify::sessionBooked(*conn, id, policy(s), s.config.reminderOffsetsMinutes);
  const auto session = repo::findSession(*conn, id, policy(s));
  tx.commit();
  auto response = sessionJson(201, *session);
  response.headers.emplace_back("Location", "/api/v1/sessions/" + id);
  return response;
}

Response list(Services& s, Request& r) {
  const auto& me = r.currentUser();
  repo::SessionQuery q;
  q.limit = pageLimit(r);
  q.userId = me.id;
  if (auto userId = r.queryParam("user_id")) {
    if (!validation::isUuid(*userId)) throw ApiError(ErrorCode::BadRequest, "user_id must be a UUID.");
    q.userId = validation::toLower(*userId);
    if (q.userId != me.id && !isStaff(me.role)) {
      throw ApiError(ErrorCode::Forbidden, "Only instructors and admins may list another user's sessions.");
    }
  }
  if (auto status = r.queryParam("status")) {
    q.status = enumFromString<SessionStatus>(*status);
    if (!q.status)
      throw ApiError(ErrorCode::BadRequest, "status must be one of: " + enumChoices<SessionStatus>() + ".");
  }
  if (auto cursor = pageCursor(r, 2)) {
    if (!isRfc3339((*cursor)[0]) || !validation::isUuid((*cursor)[1])) {
      throw ApiError(ErrorCode::BadRequest, "cursor is not one this server handed out.");
    }
    q.after = std::pair((*cursor)[0], (*cursor)[1]);
  }
  const auto p = policy(s);
  auto conn = s.pool.acquire();
  // Lazily, the sweep's work for this user: what the list shows is up to date with the clock.
  for (const auto& id : repo::dueSessionIds(*conn, q.userId, p, 50)) repo::settle(*conn, id, p);
  const auto sessions = repo::listSessions(*conn, q, p);
  boost::json::array items;
  for (const auto& session : sessions) items.push_back(repo::toJson(session));
  std::optional<std::string> next;
  if (static_cast<int>(sessions.size()) == q.limit)
    next = encodeCursor({sessions.back().createdAt, sessions.back().id});
  return Response::json(200, pageJson(std::move(items), next));
}

// ---- the life cycle ----

Response start(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  expectNoFields(r);
  const auto& me = r.currentUser();
  repo::Session session;
  std::optional<Patient> patient;
  {
    auto conn = s.pool.acquire();
    session = visible(s, *conn, id, me);
    requireOwner(session, me);
    if (session.status != SessionStatus::Scheduled) throw wrongState(session, "only a scheduled session can start.");
    patient = repo::findPatient(*conn, session.patientId);
  }
  if (!patient) throw notFound();  // sessions keep their patient (archived, never deleted)
  const auto frozen = playableCase(patient->caseJson);
  if (!frozen) {
    throw ApiError(ErrorCode::Conflict,
                   "This patient's case is not complete, so the session cannot start; cancel it for a refund.");
  }
  // The provider is asked with no database connection held.
  std::string opening;
  try {
    opening = s.provider->opening(*frozen, patient->name, seedOf(id));
  } catch (const std::exception& e) {
    log::warn("patient provider failed", {{"session_id", id}, {"provider", s.provider->name()}, {"error", e.what()}});
    throw ApiError(ErrorCode::Unavailable, "The simulated patient is unavailable; try starting again shortly.");
  }
  auto conn = s.pool.acquire();
  std::optional<db::Transaction> tx;
  session = lockForChange(s, *conn, tx, id, me);
  if (session.status != SessionStatus::Scheduled) throw wrongState(session, "only a scheduled session can start.");
  // The case as read above is what this session plays from, whatever edits come later.
  repo::markStarted(*conn, id, patient->name, patient->caseJson, s.provider->name());
  repo::appendMessage(*conn, id, Sender::Patient, opening);
  session = *repo::lockSession(*conn, id, policy(s));
  tx->commit();
  return sessionJson(200, session);
}

Response complete(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  expectNoFields(r);
  auto conn = s.pool.acquire();
  std::optional<db::Transaction> tx;
  auto session = lockForChange(s, *conn, tx, id, r.currentUser());
  if (session.status != SessionStatus::InProgress) throw wrongState(session, "only a running session can complete.");
  repo::completeLocked(*conn, session, repo::EndReason::Completed, policy(s));
  session = *repo::lockSession(*conn, id, policy(s));
  tx->commit();
  return sessionJson(200, session);
}

Response cancel(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  expectNoFields(r);
  auto conn = s.pool.acquire();
  std::optional<db::Transaction> tx;
  auto session = lockForChange(s, *conn, tx, id, r.currentUser());
  if (session.status != SessionStatus::Scheduled && session.status != SessionStatus::InProgress) {
    throw wrongState(session, "only a scheduled or running session can be cancelled.");
  }
  repo::cancelLocked(*conn, session, repo::EndReason::Cancelled);
  session = *repo::lockSession(*conn, id, policy(s));
  tx->commit();
  return sessionJson(200, session);
}

// ---- messages ----

Response messages(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  int limit = kDefaultMessagePage;
  if (auto text = r.queryParam("limit")) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc() || end != text->data() + text->size() || limit < 1 || limit > kMaxMessagePage) {
      throw ApiError(ErrorCode::BadRequest,
                     "limit must be an integer from 1 to " + std::to_string(kMaxMessagePage) + ".");
    }
  }
  auto after = r.queryParam("after");
  if (after && !validation::isUuid(*after)) throw ApiError(ErrorCode::BadRequest, "after must be the id of a message.");
  auto conn = s.pool.acquire();
  visible(s, *conn, id, r.currentUser());
  int afterSeq = 0;
  if (after) {
    const auto message = repo::findMessage(*conn, id, validation::toLower(*after));
    if (!message) throw ApiError(ErrorCode::BadRequest, "after must be the id of a message of this session.");
    afterSeq = message->seq;
  }
  const auto rows = repo::listMessages(*conn, id, afterSeq, limit);
  boost::json::array items;
  for (const auto& m : rows) items.push_back(repo::toJson(m));
  std::optional<std::string> next;
  if (static_cast<int>(rows.size()) == limit) next = rows.back().id;
  return Response::json(200, pageJson(std::move(items), next));
}

/// Holds a session's turn in this process until destroyed (possibly on another thread).
class TurnHold {
public:
  TurnHold(std::shared_ptr<SessionTurns> turns, std::string id) : turns_(std::move(turns)), id_(std::move(id)) {
    if (!turns_->acquire(id_, kTurnWait)) {
      throw ApiError(ErrorCode::Conflict,
                     "The patient is still answering an earlier message; send this one again shortly.");
    }
  }
  ~TurnHold() { turns_->release(id_); }
  TurnHold(const TurnHold&) = delete;
  TurnHold& operator=(const TurnHold&) = delete;

private:
  std::shared_ptr<SessionTurns> turns_;
  std::string id_;
};

/// A student message stored and ready to be answered, with the lease taken.
struct Turn {
  std::string sessionId;
  repo::Message userMessage;
  std::optional<repo::Message> replay;  ///< the stored answer to a repeated client_message_id
  bool replayOnly = false;
  std::string leaseToken;
  std::string caseJson;
  std::string patientName;
  consultation::Transcript history;
};

std::optional<Turn> tryPrepareTurn(Services& s, const std::string& id, const User& me, const std::string& text,
                                   const std::string& clientMessageId);

/// Stores the student's message (or finds it again) and takes the session's turn lease, in one
/// transaction under the session's row lock; the transaction ends before the provider is asked.
Turn prepareTurn(Services& s, const std::string& id, const User& me, const std::string& text,
                 const std::string& clientMessageId) {
  const auto deadline = std::chrono::steady_clock::now() + kTurnWait;
  auto backoff = std::chrono::milliseconds(20);
  for (;; backoff = std::min(backoff * 2, std::chrono::milliseconds(250))) {
    if (auto turn = tryPrepareTurn(s, id, me, text, clientMessageId)) return std::move(*turn);
    // Another instance is computing a reply on this session: wait for it, holding nothing.
    if (std::chrono::steady_clock::now() > deadline) {
      throw ApiError(ErrorCode::Conflict,
                     "The patient is still answering an earlier message; send this one again shortly.");
    }
    std::this_thread::sleep_for(backoff);
  }
}

/// One attempt of prepareTurn(); nullopt when another worker holds the session's lease.
std::optional<Turn> tryPrepareTurn(Services& s, const std::string& id, const User& me, const std::string& text,
                                   const std::string& clientMessageId) {
  {
    auto conn = s.pool.acquire();
    std::optional<db::Transaction> tx;
    const auto session = lockForChange(s, *conn, tx, id, me);
    if (session.status != SessionStatus::InProgress)
      throw wrongState(session, "messages go only to a running session.");
    if (session.turnHeld) return std::nullopt;
    Turn turn;
    turn.sessionId = id;
    if (auto existing = repo::findByClientId(*conn, id, clientMessageId)) {
      if (existing->text != text) {
        throw ApiError(ErrorCode::Conflict, "This client_message_id was already used for a different message.",
                       {{"client_message_id", clientMessageId}});
      }
      turn.userMessage = *existing;
      turn.replay = repo::findReply(*conn, existing->id);
      if (!turn.replay && repo::hasMessagesAfter(*conn, id, existing->seq)) {
        throw ApiError(ErrorCode::Conflict,
                       "This message was stored but never answered, and the conversation has moved on.",
                       {{"user_message", repo::toJson(*existing)}});
      }
      if (turn.replay) {
        turn.replayOnly = true;
        tx->commit();
        return turn;
      }
      // The last attempt's reply failed: answer it now.
    } else {
      if (repo::countStudentMessages(*conn, id) >= kMaxStudentMessages) {
        throw ApiError(ErrorCode::Conflict, "This session has reached its limit of " +
                                                std::to_string(kMaxStudentMessages) +
                                                " messages; complete it to get your evaluation.");
      }
      turn.userMessage = repo::appendMessage(*conn, id, Sender::User, text, clientMessageId);
    }
    turn.leaseToken = conn->query("SELECT gen_random_uuid()").text(0, 0);
    if (!repo::takeTurn(*conn, id, turn.leaseToken, kTurnLease))
      throw std::logic_error("turn lease taken under the row lock");
    for (const auto& m : repo::transcriptMessages(*conn, id)) {
      if (m.seq < turn.userMessage.seq) turn.history.push_back({m.sender, m.text});
    }
    turn.caseJson = session.caseJson.value_or("{}");
    turn.patientName = session.patientName;
    tx->commit();
    return turn;
  }
}

/// Asks the provider for the patient's answer (no connection held), streaming its pieces to
/// `sink` when there is one, then stores it. Throws ApiError when there is no answer to store.
repo::Message answer(Services& s, const Turn& turn, http::EventSink* sink) {
  const auto& id = turn.sessionId;
  std::string text;
  try {
    const auto frozen = consultation::parseCase(boost::json::parse(turn.caseJson).as_object());
    const ai::ReplyRequest request{frozen, turn.patientName, turn.history, turn.userMessage.text, seedOf(id)};
    text = s.provider->reply(request, [sink](std::string_view piece) {
      if (sink && !piece.empty()) sink->send("delta", {{"text", piece}});
    });
    if (validation::trim(text).empty()) throw ai::ProviderError("the provider returned an empty reply", false);
  } catch (const std::exception& e) {
    log::warn("patient provider failed", {{"session_id", id}, {"provider", s.provider->name()}, {"error", e.what()}});
    auto conn = s.pool.acquire();
    repo::recordProviderFailure(*conn, id, turn.leaseToken);
    throw ApiError(
        ErrorCode::Unavailable,
        "The simulated patient could not answer. Send the same message again (same client_message_id) to retry.",
        {{"user_message", repo::toJson(turn.userMessage)}});
  }
  auto conn = s.pool.acquire();
  db::Transaction tx(*conn);
  const auto session = repo::lockSession(*conn, id, policy(s));
  if (!session || session->status != SessionStatus::InProgress || session->turnToken != turn.leaseToken) {
    // The session closed (or our lease lapsed and another worker took over) while the patient spoke.
    if (session) repo::releaseTurn(*conn, id, turn.leaseToken);
    tx.commit();
    throw ApiError(ErrorCode::Conflict, "The session ended before the patient answered.");
  }
  auto stored = repo::appendMessage(*conn, id, Sender::Patient, text, std::nullopt, turn.userMessage.id);
  repo::releaseTurn(*conn, id, turn.leaseToken);
  tx.commit();
  return stored;
}

Response postMessage(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  const auto body = r.jsonBody();
  ObjectReader reader(body);
  const auto text = reader.text("message", true, {1, kMaxMessageChars, true});
  auto clientId = reader.text("client_message_id", true, {1, 36});
  if (clientId && !validation::isUuid(*clientId)) reader.fail("client_message_id", "must be a UUID");
  reader.finish();
  const auto clientMessageId = validation::toLower(*clientId);
  const auto& me = r.currentUser();
  const bool stream = wantsEventStream(r);

  {
    // Cheap refusals before queueing for the turn.
    auto conn = s.pool.acquire();
    const auto session = visible(s, *conn, id, me);
    requireOwner(session, me);
    if (session.status != SessionStatus::InProgress)
      throw wrongState(session, "messages go only to a running session.");
  }
  // Replies on one session are computed one at a time, on the history before them.
  auto hold = std::make_shared<TurnHold>(s.turns, id);
  auto turn = std::make_shared<Turn>(prepareTurn(s, id, me, *text, clientMessageId));

  if (!stream) {
    if (turn->replayOnly) {
      return Response::json(
          201, {{"user_message", repo::toJson(turn->userMessage)}, {"patient_message", repo::toJson(*turn->replay)}});
    }
    const auto patient = answer(s, *turn, nullptr);
    return Response::json(
        201, {{"user_message", repo::toJson(turn->userMessage)}, {"patient_message", repo::toJson(patient)}});
  }
  return Response::eventStream([&s, turn, hold](http::EventSink& sink) {
    sink.send("user_message", repo::toJson(turn->userMessage));
    if (turn->replayOnly) {
      sink.send("delta", {{"text", turn->replay->text}});
      sink.send("patient_message", repo::toJson(*turn->replay));
      return;
    }
    try {
      const auto patient = answer(s, *turn, &sink);
      sink.send("patient_message", repo::toJson(patient));
    } catch (const ApiError& e) {
      sink.send("error", e.toJson());
    }
  });
}

// ---- the coach and the evaluation ----

Response hint(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  expectNoFields(r);
  auto conn = s.pool.acquire();
  std::optional<db::Transaction> tx;
  const auto session = lockForChange(s, *conn, tx, id, r.currentUser());
  if (session.status != SessionStatus::InProgress) throw wrongState(session, "the coach helps only during a session.");
  const auto frozen = consultation::parseCase(boost::json::parse(session.caseJson.value_or("{}")).as_object());
  const auto transcript = repo::toTranscript(repo::transcriptMessages(*conn, id));
  const auto message = repo::appendMessage(*conn, id, Sender::Feedback, consultation::coachHint(frozen, transcript));
  repo::markCoachUsed(*conn, id);
  tx->commit();
  return Response::json(201, repo::toJson(message));
}

Response evaluation(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  auto conn = s.pool.acquire();
  visible(s, *conn, id, r.currentUser());
  const auto found = repo::findEvaluation(*conn, id);
  if (!found)
    throw ApiError(ErrorCode::NotFound, "This session has no evaluation yet: it is made when the session completes.");
  return Response::json(200, repo::toJson(*found));
}

}  // namespace

void registerSessionRoutes(http::Router& router, Services& s) {
  router.add(verb::verb::post, "/api/v1/sessions", Access::Authenticated, [&s](Request& r) { return book(s, r); });
  router.add(verb::verb::get, "/api/v1/sessions", Access::Authenticated, [&s](Request& r) { return list(s, r); });
  router.add(verb::verb::get, "/api/v1/sessions/{id}", Access::Authenticated, [&s](Request& r) {
    const auto id = r.uuidParam(0);
    auto conn = s.pool.acquire();
    return sessionJson(200, visible(s, *conn, id, r.currentUser()));
  });
  router.add(verb::verb::post, "/api/v1/sessions/{id}/start", Access::Authenticated,
             [&s](Request& r) { return start(s, r); });
  router.add(verb::verb::post, "/api/v1/sessions/{id}/complete", Access::Authenticated,
             [&s](Request& r) { return complete(s, r); });
  router.add(verb::verb::post, "/api/v1/sessions/{id}/cancel", Access::Authenticated,
             [&s](Request& r) { return cancel(s, r); });
  router.add(verb::verb::get, "/api/v1/sessions/{id}/messages", Access::Authenticated,
             [&s](Request& r) { return messages(s, r); });
  router.add(verb::verb::post, "/api/v1/sessions/{id}/messages", Access::Authenticated,
             [&s](Request& r) { return postMessage(s, r); });
  router.add(verb::verb::post, "/api/v1/sessions/{id}/hint", Access::Authenticated,
             [&s](Request& r) { return hint(s, r); });
  router.add(verb::verb::get, "/api/v1/sessions/{id}/evaluation", Access::Authenticated,
             [&s](Request& r) { return evaluation(s, r); });
}

}  // namespace practicum::server::api
