#include "server/http/router.h"

#include "server/db/pg.h"
#include "server/log.h"

namespace practicum::server::http {

namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return out;
}

}  // namespace

void Router::add(beast_http::verb method, std::string pattern, Access access, Handler handler) {
  Route route{method, {}, access, std::move(handler)};
  for (auto segment : split(pattern)) {
    route.segments.emplace_back(segment.starts_with('{') ? std::string_view("{}") : segment);
  }
  routes_.push_back(std::move(route));
}

bool Router::match(const Route& route, const std::vector<std::string_view>& segments, std::vector<std::string>& params) {
  if (route.segments.size() != segments.size()) return false;
  params.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (route.segments[i] == "{}") {
      params.emplace_back(segments[i]);
    } else if (route.segments[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

Response Router::dispatch(Request& request) const {
  try {
    const auto segments = split(request.path);
    std::vector<std::string> params;
    std::string allowed;
    for (const auto& route : routes_) {
      if (!match(route, segments, params)) continue;
      if (route.method != request.method()) {
        if (!allowed.empty()) allowed += ", ";
        allowed += std::string(beast_http::to_string(route.method));
        continue;
      }
      request.pathParams = std::move(params);
      if (route.access != Access::Public) {
        request.user = authenticator_(request);
        const auto role = request.user->role;
        if ((route.access == Access::Staff && !isStaff(role)) || (route.access == Access::Admin && role != Role::Admin)) {
          throw ApiError(ErrorCode::Forbidden, "Your role does not allow this.");
        }
      }
      return route.handler(request);
    }
    if (!allowed.empty()) {
      auto r = Response::error(ApiError(ErrorCode::MethodNotAllowed, "This path does not accept that method.",
                                        {{"allowed", allowed}}));
      r.headers.emplace_back("Allow", allowed);
      return r;
    }
    throw ApiError(ErrorCode::NotFound, "No such endpoint.");
  } catch (const ApiError& e) {
    return Response::error(e);
  } catch (const db::PgError& e) {
    if (e.isConnectionLost()) {
      log::error("database unavailable", {{"request_id", request.requestId}, {"error", e.what()}});
      return Response::error(ApiError(ErrorCode::Unavailable, "The database is unavailable; try again shortly."));
    }
    log::error("database error", {{"request_id", request.requestId}, {"sqlstate", e.sqlState()}, {"error", e.what()}});
  } catch (const std::exception& e) {
    log::error("unhandled error", {{"request_id", request.requestId}, {"error", e.what()}});
  }
  return Response::error(ApiError(ErrorCode::Internal, "Something went wrong on our side; it has been logged.",
                                  {{"request_id", request.requestId}}));
}

}  // namespace practicum::server::http
