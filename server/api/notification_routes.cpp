// /notifications (one's own mail, newest first) and /admin/notifications (the outbox for admins:
// every row with its delivery state, and retry). The rows are written by server/notify/notify.h
// and delivered by server/notify/outbox.h.

#include "core/codecs.h"
#include "core/json_reader.h"
#include "core/validation.h"
#include "server/api/paging.h"
#include "server/api/routes.h"
#include "server/repo/notifications.h"

namespace practicum::server::api {

namespace verb = boost::beast::http;
using http::Access;
using http::Request;
using http::Response;

namespace {

/// The filters and the page both lists share: ?status=, ?type=, ?limit=, ?cursor=.
repo::NotificationQuery pageQuery(const Request& r) {
  repo::NotificationQuery q;
  q.limit = pageLimit(r);
  if (auto status = r.queryParam("status")) {
    q.status = enumFromString<NotificationStatus>(*status);
    if (!q.status) {
      throw ApiError(ErrorCode::BadRequest, "status must be one of: " + enumChoices<NotificationStatus>() + ".");
    }
  }
  if (auto type = r.queryParam("type")) {
    q.type = enumFromString<NotificationType>(*type);
    if (!q.type) throw ApiError(ErrorCode::BadRequest, "type must be one of: " + enumChoices<NotificationType>() + ".");
  }
  if (auto cursor = pageCursor(r, 1)) {
    if (!validation::isUuid((*cursor)[0]))
      throw ApiError(ErrorCode::BadRequest, "cursor is not one this server handed out.");
    q.afterId = validation::toLower((*cursor)[0]);
  }
  return q;
}

Response page(Services& s, const repo::NotificationQuery& q, bool adminView) {
  auto conn = s.pool.acquire();
  const auto rows = repo::listNotifications(*conn, q);
  boost::json::array items;
  for (const auto& n : rows) items.push_back(repo::toJson(n, adminView));
  std::optional<std::string> next;
  if (static_cast<int>(rows.size()) == q.limit) next = encodeCursor({rows.back().id});
  return Response::json(200, pageJson(std::move(items), next));
}

Response retry(Services& s, Request& r) {
  const auto id = r.uuidParam(0);
  if (!r.body().empty()) ObjectReader(r.jsonBody()).finish();  // no fields: an empty body or {}
  auto conn = s.pool.acquire();
  const auto result = repo::retryNotification(*conn, id);
  switch (result.outcome) {
    case repo::RetryOutcome::Retried:
      return Response::json(200, repo::toJson(*result.notification, true));
    case repo::RetryOutcome::NotFound:
      throw ApiError(ErrorCode::NotFound, "No such notification.");
    case repo::RetryOutcome::Waiting:
      // Pending: making it due now would, say, send a reminder hours before its time.
      throw ApiError(ErrorCode::Conflict,
                     "This notification is already waiting to be sent, at " + result.notification->nextAttemptAt + ".",
                     {{"status", toString(result.notification->status)},
                      {"next_attempt_at", result.notification->nextAttemptAt}});
    case repo::RetryOutcome::InFlight:
      throw ApiError(ErrorCode::Conflict, "This notification is being delivered right now; look again shortly.",
                     {{"status", toString(result.notification->status)}});
    case repo::RetryOutcome::Closed:
      throw ApiError(ErrorCode::Conflict,
                     "Only a failed notification can be retried; this one is " +
                         std::string(toString(result.notification->status)) + ".",
                     {{"status", toString(result.notification->status)}});
  }
  throw std::logic_error("unknown retry outcome");
}

}  // namespace

void registerNotificationRoutes(http::Router& router, Services& s) {
  router.add(verb::verb::get, "/api/v1/notifications", Access::Authenticated, [&s](Request& r) {
    auto q = pageQuery(r);
    q.userId = r.currentUser().id;
    return page(s, q, false);
  });
  router.add(verb::verb::get, "/api/v1/admin/notifications", Access::Admin, [&s](Request& r) {
    auto q = pageQuery(r);
    if (auto userId = r.queryParam("user_id")) {
      if (!validation::isUuid(*userId)) throw ApiError(ErrorCode::BadRequest, "user_id must be a UUID.");
      q.userId = validation::toLower(*userId);
    }
    return page(s, q, true);
  });
  router.add(verb::verb::post, "/api/v1/admin/notifications/{id}/retry", Access::Admin,
             [&s](Request& r) { return retry(s, r); });
}

}  // namespace practicum::server::api
