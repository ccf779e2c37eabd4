// Session feedback: a student rates a completed session of their own once; staff read it all,
// with averages per patient.

#include "core/codecs.h"
#include "core/json_reader.h"
#include "core/validation.h"
#include "server/api/paging.h"
#include "server/api/routes.h"
#include "server/repo/sessions.h"

namespace practicum::server::api {

namespace verb = boost::beast::http;
using http::Access;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t kMaxCommentChars = 2000;

repo::SessionPolicy policy(const Services& s) {
  repo::SessionPolicy p;
  p.timeLimit = s.config.sessionTimeLimit;
  return p;
}

/// Its student or staff may read it; anyone else gets 404 (not 403: existence stays hidden).
repo::Session visible(Services& s, db::Connection& conn, const std::string& id, const User& user) {
  auto session = repo::settle(conn, id, policy(s));
  if (!session || (session->userId != user.id && !isStaff(user.role))) {
    throw ApiError(ErrorCode::NotFound, "No such session.");
  }
  return *session;
}

Response give(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  const auto body = r.jsonBody();
  ObjectReader reader(body);
  const auto rating = reader.integer("user_rating", true, 1, 5);
  const auto comment = reader.text("feedback_comment", false, {0, kMaxCommentChars, true});
  reader.finish();
  const auto& me = r.currentUser();
  auto conn = s.pool.acquire();
  const auto session = visible(s, *conn, id, me);
  if (session.userId != me.id) throw ApiError(ErrorCode::Forbidden, "Only the student of a session can rate it.");
  if (session.status != SessionStatus::Completed) {
    throw ApiError(ErrorCode::Conflict,
                   "Only a completed session can be rated; this one is " + std::string(toString(session.status)) + ".",
                   {{"status", toString(session.status)}});
  }
  std::optional<std::string> text;
  if (comment && !comment->empty()) text = comment;
  const auto feedback = repo::insertFeedback(*conn, id, static_cast<int>(*rating), text);
  if (!feedback) throw ApiError(ErrorCode::Conflict, "This session has already been rated.");
  return Response::json(201, repo::toJson(*feedback));
}

Response read(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  auto conn = s.pool.acquire();
  visible(s, *conn, id, r.currentUser());
  const auto feedback = repo::findFeedback(*conn, id);
  if (!feedback) throw ApiError(ErrorCode::NotFound, "This session has not been rated.");
  return Response::json(200, repo::toJson(*feedback));
}

Response overview(Services& s, Request& r) {
  repo::FeedbackQuery q;
  q.limit = pageLimit(r);
  if (auto patientId = r.queryParam("patient_id")) {
    if (!validation::isUuid(*patientId)) throw ApiError(ErrorCode::BadRequest, "patient_id must be a UUID.");
    std::string id = *patientId;
    for (auto& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    q.patientId = id;
  }
  if (auto cursor = pageCursor(r, 2)) {
    // Both halves reach SQL casts: a forged cursor must be a 400, not a failed statement.
    const auto& time = (*cursor)[0];
    const bool timeShaped = time.size() >= 20 && time.size() <= 40 && std::all_of(time.begin(), time.end(), [](char c) {
                              return (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '.' || c == 'T' || c == 'Z';
                            });
    if (!timeShaped || !validation::isUuid((*cursor)[1])) {
      throw ApiError(ErrorCode::BadRequest, "cursor is not one this server handed out.");
    }
    q.after = std::pair(time, (*cursor)[1]);
  }
  auto conn = s.pool.acquire();
  db::Transaction tx(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto rows = repo::listFeedback(*conn, q);
  const auto ratings = repo::ratingsByPatient(*conn, q.patientId);
  tx.commit();
  boost::json::array items;
  for (const auto& f : rows) items.push_back(repo::toJson(f));
  std::optional<std::string> next;
  if (static_cast<int>(rows.size()) == q.limit) next = encodeCursor({rows.back().createdAt, rows.back().id});
  boost::json::array perPatient;
  for (const auto& p : ratings) {
    perPatient.push_back({{"patient_id", p.patientId},
                          {"patient_name", p.patientName},
                          {"feedback_count", p.count},
                          {"average_rating", p.average}});
  }
  auto body = pageJson(std::move(items), next);
  body["per_patient"] = std::move(perPatient);
  return Response::json(200, body);
}

}  // namespace

void registerFeedbackRoutes(http::Router& router, Services& s) {
  router.add(verb::verb::post, "/api/v1/sessions/{id}/feedback", Access::Authenticated,
             [&s](Request& r) { return give(s, r); });
  router.add(verb::verb::get, "/api/v1/sessions/{id}/feedback", Access::Authenticated,
             [&s](Request& r) { return read(s, r); });
  router.add(verb::verb::get, "/api/v1/admin/feedback", Access::Staff, [&s](Request& r) { return overview(s, r); });
}

}  // namespace practicum::server::api
