#pragma once
/// SQL for "user", auth_tokens and login_failures. Functions take the connection they run on, so
/// callers decide the transaction.

#include "core/domain.h"
#include "server/db/pg.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace practicum::server::repo {

struct UserWithHash {
  User user;
  std::string hashedPassword;
};

std::optional<User> findUser(db::Connection& conn, const std::string& id);
std::optional<UserWithHash> findUserForLogin(db::Connection& conn, const std::string& email);
/// Throws ApiError(EmailTaken) when the address is in use (any case).
User insertUser(db::Connection& conn, const std::string& email, const std::string& hashedPassword,
                const std::string& firstName, const std::string& lastName, Role role);
User updateProfile(db::Connection& conn, const std::string& id, const std::optional<std::string>& firstName,
                   const std::optional<std::string>& lastName);
void setPassword(db::Connection& conn, const std::string& id, const std::string& hashedPassword);
std::optional<User> adminUpdateUser(db::Connection& conn, const std::string& id, std::optional<Role> role,
                                    std::optional<bool> isActive);

struct UserQuery {
  std::optional<std::string> text;  ///< over email, first and last name
  std::optional<Role> role;
  int limit = 20;
  std::optional<std::string> afterEmail;  ///< keyset cursor
};
std::vector<User> listUsers(db::Connection& conn, const UserQuery& query);

// Tokens. `tokenHash` is the bytea literal made by auth::tokenHash().
std::string createToken(db::Connection& conn, const std::string& userId, const std::string& tokenHash,
                        std::chrono::seconds ttl, std::string_view userAgent);  ///< returns expires_at (RFC 3339)
/// The active user owning a live token.
std::optional<User> userByToken(db::Connection& conn, const std::string& tokenHash);
void revokeToken(db::Connection& conn, const std::string& tokenHash);
void revokeAllTokens(db::Connection& conn, const std::string& userId);
void revokeOtherTokens(db::Connection& conn, const std::string& userId, const std::string& keepTokenHash);

// Failed-login accounting, shared by all instances.
struct FailureWindow {
  int failures = 0;
  std::int64_t secondsLeft = 0;  ///< until the window closes
};
/// Failures recorded for (scope, key) in the current window.
FailureWindow recentFailures(db::Connection& conn, std::string_view scope, const std::string& key,
                             std::chrono::seconds window);
void recordFailure(db::Connection& conn, std::string_view scope, const std::string& key, std::chrono::seconds window);
void clearFailures(db::Connection& conn, std::string_view scope, const std::string& key);
/// Deletes tokens expired or revoked over a day ago and closed throttling windows; returns rows deleted.
std::int64_t purgeExpired(db::Connection& conn, std::chrono::seconds failureWindow);

/// The SELECT list that userFromRow() reads.
inline constexpr std::string_view kUserColumns =
    "u.id, u.email, coalesce(u.first_name, ''), coalesce(u.last_name, ''), u.role, u.is_active, u.created_at, "
    "u.updated_at, u.credit_balance";
User userFromRow(const db::Result& result, int row, int firstColumn = 0);

}  // namespace practicum::server::repo
