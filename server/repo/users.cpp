#include "server/repo/users.h"

#include "core/errors.h"

namespace practicum::server::repo {

namespace {

std::string sql(std::string_view before, std::string_view after) {
  return std::string(before) + std::string(kUserColumns) + std::string(after);
}

}  // namespace

User userFromRow(const db::Result& r, int row, int c) {
  User u;
  u.id = r.text(row, c);
  u.email = r.text(row, c + 1);
  u.firstName = r.text(row, c + 2);
  u.lastName = r.text(row, c + 3);
  u.role = enumFromString<Role>(r.view(row, c + 4)).value_or(Role::Student);
  u.isActive = r.boolean(row, c + 5);
  u.createdAt = db::isoTimestamp(r.view(row, c + 6));
  u.updatedAt = db::isoTimestamp(r.view(row, c + 7));
  u.creditBalance = r.integer(row, c + 8);
  return u;
}

std::optional<User> findUser(db::Connection& conn, const std::string& id) {
  auto r = conn.query(sql("SELECT ", " FROM \"user\" u WHERE u.id = $1"), id);
  if (r.empty()) return std::nullopt;
  return userFromRow(r, 0);
}

std::optional<UserWithHash> findUserForLogin(db::Connection& conn, const std::string& email) {
  auto r = conn.query(sql("SELECT ", ", u.hashed_password FROM \"user\" u WHERE lower(u.email) = $1"), email);
  if (r.empty()) return std::nullopt;
  return UserWithHash{userFromRow(r, 0), r.text(0, 9)};
}

User insertUser(db::Connection& conn, const std::string& email, const std::string& hashedPassword,
                const std::string& firstName, const std::string& lastName, Role role) {
  try {
    auto r = conn.query(sql("INSERT INTO \"user\" AS u (email, hashed_password, first_name, last_name, role) "
                            "VALUES ($1, $2, $3, $4, $5) RETURNING ",
                            ""),
                        email, hashedPassword, firstName, lastName, toString(role));
    return userFromRow(r, 0);
  } catch (const db::PgError& e) {
    if (e.isUniqueViolation()) throw ApiError(ErrorCode::EmailTaken, "An account with this email already exists.");
    throw;
  }
}

User updateProfile(db::Connection& conn, const std::string& id, const std::optional<std::string>& firstName,
                   const std::optional<std::string>& lastName) {
  auto r = conn.query(sql("UPDATE \"user\" AS u SET first_name = coalesce($2, u.first_name), "
                          "last_name = coalesce($3, u.last_name) WHERE u.id = $1 RETURNING ",
                          ""),
                      id, firstName, lastName);
  if (r.empty()) throw ApiError(ErrorCode::NotFound, "No such user.");
  return userFromRow(r, 0);
}

void setPassword(db::Connection& conn, const std::string& id, const std::string& hashedPassword) {
  conn.query("UPDATE \"user\" SET hashed_password = $2 WHERE id = $1", id, hashedPassword);
}

std::optional<User> adminUpdateUser(db::Connection& conn, const std::string& id, std::optional<Role> role,
                                    std::optional<bool> isActive) {
  std::optional<std::string> roleText;
  if (role) roleText = std::string(toString(*role));
  auto r = conn.query(sql("UPDATE \"user\" AS u SET role = coalesce($2, u.role), "
                          "is_active = coalesce($3::boolean, u.is_active) WHERE u.id = $1 RETURNING ",
                          ""),
                      id, roleText, isActive);
  if (r.empty()) return std::nullopt;
  return userFromRow(r, 0);
}

std::vector<User> listUsers(db::Connection& conn, const UserQuery& q) {
  std::optional<std::string> pattern;
  if (q.text) pattern = db::likeContains(*q.text);
  std::optional<std::string> role;
  if (q.role) role = std::string(toString(*q.role));
  auto r = conn.query(sql("SELECT ", " FROM \"user\" u "
                                     "WHERE ($1::text IS NULL OR lower(u.email) LIKE lower($1) "
                                     "       OR lower(u.first_name) LIKE lower($1) OR lower(u.last_name) LIKE lower($1)) "
                                     "  AND ($2::text IS NULL OR u.role = $2) "
                                     "  AND ($3::text IS NULL OR lower(u.email) > lower($3)) "
                                     "ORDER BY lower(u.email) LIMIT $4"),
                      pattern, role, q.afterEmail, q.limit);
  std::vector<User> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(userFromRow(r, i));
  return out;
}

std::string createToken(db::Connection& conn, const std::string& userId, const std::string& tokenHash,
                        std::chrono::seconds ttl, std::string_view userAgent) {
  auto r = conn.query("INSERT INTO auth_tokens (user_id, token_hash, expires_at, user_agent) "
                      "VALUES ($1, $2, now() + make_interval(secs => $3), nullif(left($4, 200), '')) RETURNING expires_at",
                      userId, tokenHash, static_cast<std::int64_t>(ttl.count()), userAgent);
  return db::isoTimestamp(r.view(0, 0));
}

std::optional<User> userByToken(db::Connection& conn, const std::string& tokenHash) {
  auto r = conn.query(sql("SELECT ", " FROM auth_tokens t JOIN \"user\" u ON u.id = t.user_id "
                                     "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() "
                                     "AND u.is_active"),
                      tokenHash);
  if (r.empty()) return std::nullopt;
  return userFromRow(r, 0);
}

void revokeToken(db::Connection& conn, const std::string& tokenHash) {
  conn.query("UPDATE auth_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL", tokenHash);
}

void revokeAllTokens(db::Connection& conn, const std::string& userId) {
  conn.query("UPDATE auth_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", userId);
}

void revokeOtherTokens(db::Connection& conn, const std::string& userId, const std::string& keepTokenHash) {
  conn.query("UPDATE auth_tokens SET revoked_at = now() "
             "WHERE user_id = $1 AND token_hash <> $2 AND revoked_at IS NULL",
             userId, keepTokenHash);
}

FailureWindow recentFailures(db::Connection& conn, std::string_view scope, const std::string& key,
                             std::chrono::seconds window) {
  auto r = conn.query("SELECT failures, "
                      "       ceil(extract(epoch FROM window_start + make_interval(secs => $3) - now()))::bigint "
                      "FROM login_failures "
                      "WHERE scope = $1 AND key = $2 AND window_start > now() - make_interval(secs => $3)",
                      scope, key, static_cast<std::int64_t>(window.count()));
  if (r.empty()) return {};
  return {static_cast<int>(r.integer(0, 0)), std::max<std::int64_t>(1, r.integer(0, 1))};
}

void recordFailure(db::Connection& conn, std::string_view scope, const std::string& key, std::chrono::seconds window) {
  conn.query("INSERT INTO login_failures AS f (scope, key, failures, window_start) VALUES ($1, $2, 1, now()) "
             "ON CONFLICT (scope, key) DO UPDATE SET "
             "  failures = CASE WHEN f.window_start > now() - make_interval(secs => $3) THEN f.failures + 1 ELSE 1 END, "
             "  window_start = CASE WHEN f.window_start > now() - make_interval(secs => $3) THEN f.window_start "
             "                 ELSE now() END",
             scope, key, static_cast<std::int64_t>(window.count()));
}

void clearFailures(db::Connection& conn, std::string_view scope, const std::string& key) {
  conn.query("DELETE FROM login_failures WHERE scope = $1 AND key = $2", scope, key);
}

std::int64_t purgeExpired(db::Connection& conn, std::chrono::seconds failureWindow) {
  const auto tokens = conn.query("DELETE FROM auth_tokens WHERE expires_at < now() - interval '1 day' "
                                 "OR revoked_at < now() - interval '1 day'");
  const auto failures = conn.query("DELETE FROM login_failures WHERE window_start < now() - make_interval(secs => $1)",
                                   static_cast<std::int64_t>(failureWindow.count()));
  return tokens.affected() + failures.affected();
}

}  // namespace practicum::server::repo
