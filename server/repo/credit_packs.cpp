#include "server/repo/credit_packs.h"

#include "server/repo/json.h"

namespace practicum::server::repo {

namespace {

constexpr std::string_view kColumns =
    "p.id, p.name, p.credits, p.price_minor, p.currency, p.retired_at, p.created_by, p.created_at, p.updated_at";

std::string sql(std::string_view before, std::string_view after) {
  return std::string(before) + std::string(kColumns) + std::string(after);
}

CreditPack fromRow(const db::Result& r, int row) {
  CreditPack p;
  p.id = r.text(row, 0);
  p.name = r.text(row, 1);
  p.credits = static_cast<int>(r.integer(row, 2));
  p.priceMinor = r.integer(row, 3);
  p.currency = r.text(row, 4);
  p.retiredAt = r.optionalTimestamp(row, 5);
  p.createdBy = r.optionalText(row, 6);
  p.createdAt = db::isoTimestamp(r.view(row, 7));
  p.updatedAt = db::isoTimestamp(r.view(row, 8));
  return p;
}

std::vector<CreditPack> all(const db::Result& r) {
  std::vector<CreditPack> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(fromRow(r, i));
  return out;
}

}  // namespace

boost::json::object toJson(const CreditPack& p, bool adminView) {
  boost::json::object o{{"id", p.id},
                        {"name", p.name},
                        {"credits", p.credits},
                        {"price_minor", p.priceMinor},
                        {"currency", p.currency},
                        {"retired", p.retiredAt.has_value()}};
  if (adminView) {
    o["retired_at"] = orNull(p.retiredAt);
    o["created_by"] = orNull(p.createdBy);
    o["created_at"] = p.createdAt;
    o["updated_at"] = p.updatedAt;
  }
  return o;
}

std::vector<CreditPack> activePacks(db::Connection& conn) {
  return all(conn.query(sql("SELECT ",
                            " FROM credit_packs p WHERE p.retired_at IS NULL "
                            "ORDER BY p.price_minor, p.credits, p.name, p.id LIMIT $1"),
                        kMaxActivePacks));
}

std::vector<CreditPack> listPacks(db::Connection& conn, int limit,
                                  const std::optional<std::pair<std::string, std::string>>& after) {
  std::optional<std::string> afterTime, afterId;
  if (after) {
    afterTime = after->first;
    afterId = after->second;
  }
  return all(conn.query(sql("SELECT ",
                            " FROM credit_packs p "
                            "WHERE ($1::timestamptz IS NULL OR (p.created_at, p.id) < ($1::timestamptz, $2::uuid)) "
                            "ORDER BY p.created_at DESC, p.id DESC LIMIT $3"),
                        afterTime, afterId, limit));
}

std::optional<CreditPack> findPack(db::Connection& conn, const std::string& id) {
  auto r = conn.query(sql("SELECT ", " FROM credit_packs p WHERE p.id = $1"), id);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

CreditPack insertPack(db::Connection& conn, const CreditPackInput& in, const std::optional<std::string>& createdBy) {
  auto r =
      conn.query(sql("INSERT INTO credit_packs AS p (name, credits, price_minor, currency, created_by, retired_at) "
                     "VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END) RETURNING ",
                     ""),
                 in.name, in.credits, in.priceMinor, in.currency, createdBy, in.retired.value_or(false));
  return fromRow(r, 0);
}

std::optional<CreditPack> updatePack(db::Connection& conn, const std::string& id, const CreditPackInput& in) {
  auto r = conn.query(sql("UPDATE credit_packs AS p SET "
                          "  name = coalesce($2, p.name), credits = coalesce($3, p.credits), "
                          "  price_minor = coalesce($4, p.price_minor), currency = coalesce($5, p.currency), "
                          "  retired_at = CASE WHEN $6::boolean IS NULL THEN p.retired_at "
                          "                    WHEN $6 THEN coalesce(p.retired_at, now()) END "
                          "WHERE p.id = $1 RETURNING ",
                          ""),
                      id, in.name, in.credits, in.priceMinor, in.currency, in.retired);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

}  // namespace practicum::server::repo
