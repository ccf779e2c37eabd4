// /admin/users: user management for admins.

#include "core/codecs.h"
#include "core/validation.h"
#include "server/api/paging.h"
#include "server/api/routes.h"
#include "server/repo/users.h"

namespace practicum::server::api {

namespace verb = boost::beast::http;
using http::Access;
using http::Request;
using http::Response;

void registerAdminRoutes(http::Router& router, Services& s) {
  router.add(verb::verb::get, "/api/v1/admin/users", Access::Admin, [&s](Request& r) {
    repo::UserQuery q;
    q.limit = pageLimit(r);
    q.text = r.queryParam("q");
    if (q.text && validation::utf8Length(*q.text) > 200) throw ApiError(ErrorCode::BadRequest, "q must be at most 200 characters.");
    if (auto role = r.queryParam("role")) {
      q.role = enumFromString<Role>(*role);
      if (!q.role) throw ApiError(ErrorCode::BadRequest, "role must be one of: " + enumChoices<Role>() + ".");
    }
    if (auto cursor = pageCursor(r, 1)) q.afterEmail = (*cursor)[0];
    auto conn = s.pool.acquire();
    const auto users = repo::listUsers(*conn, q);
    boost::json::array items;
    for (const auto& u : users) items.push_back(toJson(u));
    std::optional<std::string> next;
    if (static_cast<int>(users.size()) == q.limit) next = encodeCursor({users.back().email});
    return Response::json(200, pageJson(std::move(items), next));
  });

  router.add(verb::verb::patch, "/api/v1/admin/users/{id}", Access::Admin, [&s](Request& r) {
    const auto id = r.uuidParam(0);
    const auto input = decodeAdminUserUpdate(r.jsonBody());
    // An admin cannot lock themselves out: the last word on their own account stays with another admin.
    if (id == r.currentUser().id && ((input.role && *input.role != Role::Admin) || (input.isActive && !*input.isActive))) {
      throw ApiError(ErrorCode::Conflict, "You cannot demote or deactivate your own account.");
    }
    auto conn = s.pool.acquire();
    db::Transaction tx(*conn);
    auto user = repo::adminUpdateUser(*conn, id, input.role, input.isActive);
    if (!user) throw ApiError(ErrorCode::NotFound, "No such user.");
    // Deactivation ends every session for good: reactivating later must not revive old tokens.
    if (input.isActive && !*input.isActive) repo::revokeAllTokens(*conn, id);
    tx.commit();
    return Response::json(200, toJson(*user));
  });
}

}  // namespace practicum::server::api
