// /credits: one's balance and ledger; /admin/users/{id}/credits: staff adjustments, audited.

#include "core/codecs.h"
#include "core/json_reader.h"
#include "server/api/paging.h"
#include "server/api/routes.h"
#include "server/repo/credits.h"

#include <charconv>

namespace practicum::server::api {

namespace verb = boost::beast::http;
using http::Access;
using http::Request;
using http::Response;

namespace {

Response ledger(Services& s, Request& r) {
  const int limit = pageLimit(r);
  std::optional<std::int64_t> before;
  if (auto cursor = pageCursor(r, 1)) {
    const auto& text = (*cursor)[0];
    std::int64_t seq = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seq);
    if (ec != std::errc() || end != text.data() + text.size() || seq <= 0) {
      throw ApiError(ErrorCode::BadRequest, "cursor is not one this server handed out.");
    }
    before = seq;
  }
  auto conn = s.pool.acquire();
  // One snapshot: the balance and the page agree even while credits move.
  db::Transaction tx(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto balance = repo::balance(*conn, r.currentUser().id).value_or(0);
  const auto rows = repo::ledgerPage(*conn, r.currentUser().id, limit, before);
  tx.commit();
  boost::json::array items;
  for (const auto& t : rows) items.push_back(repo::toJson(t));
  std::optional<std::string> next;
  if (static_cast<int>(rows.size()) == limit) next = encodeCursor({std::to_string(rows.back().changeSeq)});
  return Response::json(200, {{"balance", balance}, {"transactions", pageJson(std::move(items), next)}});
}

Response adjust(Services& s, Request& r) {
  const auto userId = r.uuidParam(0);
  const auto body = r.jsonBody();
  ObjectReader reader(body);
  const auto credits = reader.integer("credits", true, -10000, 10000);
  if (credits && *credits == 0) reader.fail("credits", "must not be 0");
  const auto description = reader.text("description", true, {1, 500});
  reader.finish();

  auto conn = s.pool.acquire();
  db::Transaction tx(*conn);
  const auto result = repo::adjust(*conn, userId, static_cast<int>(*credits), *description, r.currentUser().id);
  using Outcome = repo::AdjustmentResult::Outcome;
  if (result.outcome == Outcome::NoSuchUser) throw ApiError(ErrorCode::NotFound, "No such user.");
  if (result.outcome == Outcome::OutOfRange) {
    const bool below = result.balance + *credits < 0;
    throw ApiError(
        ErrorCode::Conflict,
        below
            ? "This adjustment would take the balance below zero: it is " + std::to_string(result.balance) + " credits."
            : "This adjustment would take the balance above " + std::to_string(repo::kMaxBalance) + " credits.",
        {{"balance", result.balance}, {"credits", *credits}});
  }
  tx.commit();
  return Response::json(201, {{"balance", result.balance}, {"transaction", repo::toJson(*result.transaction)}});
}

}  // namespace

void registerCreditRoutes(http::Router& router, Services& s) {
  router.add(verb::verb::get, "/api/v1/credits", Access::Authenticated, [&s](Request& r) { return ledger(s, r); });
  router.add(verb::verb::post, "/api/v1/admin/users/{id}/credits", Access::Admin,
             [&s](Request& r) { return adjust(s, r); });
}

}  // namespace practicum::server::api
