// /auth/* and /me: registration, sign-in with failure throttling, tokens, the profile.

#include "core/codecs.h"
#include "core/validation.h"
#include "server/api/routes.h"
#include "server/notify/notify.h"
#include "server/repo/users.h"

#include <boost/beast/core/string.hpp>

namespace practicum::server::api {

namespace verb = boost::beast::http;
using http::Access;
using http::Request;
using http::Response;

namespace {

/// The token of "Authorization: Bearer <token>", or nullopt when absent or not token-shaped.
std::optional<std::string> bearerToken(const Request& request) {
  auto value = request.header(verb::field::authorization);
  constexpr std::string_view prefix = "Bearer ";
  if (value.size() <= prefix.size() || !boost::beast::iequals(value.substr(0, prefix.size()), prefix)) return std::nullopt;
  auto token = value.substr(prefix.size());
  if (token.size() != 43) return std::nullopt;
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return std::nullopt;
  }
  return std::string(token);
}

/// Refuses with 429 while the email or the client address has too many recent password failures
/// (sign-ins and password changes count alike, so a stolen token cannot guess passwords either).
void throttlePasswordGuesses(Services& s, db::Connection& conn, const std::string& email, const Request& request) {
  const auto& cfg = s.config;
  const auto byEmail = repo::recentFailures(conn, "email", email, cfg.loginFailureWindow);
  const auto byAddress = repo::recentFailures(conn, "address", request.remoteAddress, cfg.loginFailureWindow);
  std::int64_t wait = 0;
  if (byEmail.failures >= cfg.loginMaxFailuresPerEmail) wait = byEmail.secondsLeft;
  if (byAddress.failures >= cfg.loginMaxFailuresPerAddress) wait = std::max(wait, byAddress.secondsLeft);
  if (wait > 0) {
    throw ApiError(ErrorCode::RateLimited, "Too many wrong passwords. Wait a few minutes and try again.",
                   {{"retry_after_seconds", wait}});
  }
}

void recordPasswordFailure(Services& s, db::Connection& conn, const std::string& email, const Request& request) {
  repo::recordFailure(conn, "email", email, s.config.loginFailureWindow);
  repo::recordFailure(conn, "address", request.remoteAddress, s.config.loginFailureWindow);
}

Response login(Services& s, Request& request) {
  const auto input = decodeLoginRequest(request.jsonBody());
  const auto& cfg = s.config;
  std::optional<repo::UserWithHash> found;
  {
    auto conn = s.pool.acquire();
    throttlePasswordGuesses(s, *conn, input.email, request);
    found = repo::findUserForLogin(*conn, input.email);
  }
  // No database connection is held while hashing (~100 ms, 64 MiB).
  bool ok = false;
  if (found) ok = s.hasher.verify(found->hashedPassword, input.password);
  else s.hasher.burn(input.password);

  auto conn = s.pool.acquire();
  if (!ok) {
    recordPasswordFailure(s, *conn, input.email, request);
    throw ApiError(ErrorCode::InvalidCredentials, "The email or password is wrong.");
  }
  if (!found->user.isActive) throw ApiError(ErrorCode::Forbidden, "This account has been deactivated.");
  repo::clearFailures(*conn, "email", input.email);
  const auto token = auth::newToken();
  auto agent = request.header(verb::field::user_agent);
  if (!validation::isValidUtf8(agent)) agent = {};
  const auto expiresAt = repo::createToken(*conn, found->user.id, auth::tokenHash(token), cfg.tokenTtl, agent);
  return Response::json(200, {{"token", token}, {"expires_at", expiresAt}, {"user", toJson(found->user)}});
}

Response registerUser(Services& s, Request& request) {
  const auto input = decodeRegisterRequest(request.jsonBody());
  {
    auto conn = s.pool.acquire();
    if (repo::findUserForLogin(*conn, input.email)) {
      throw ApiError(ErrorCode::EmailTaken, "An account with this email already exists.");
    }
  }
  const auto hash = s.hasher.hash(input.password);
  auto conn = s.pool.acquire();
  // The account and its welcome mail exist together or not at all.
  db::Transaction tx(*conn);
  const auto user = repo::insertUser(*conn, input.email, hash, input.firstName, input.lastName, Role::Student);
  notify::onboarding(*conn, user.id);
  tx.commit();
  return Response::json(201, {{"user", toJson(user)}});
}

Response changePassword(Services& s, Request& request) {
  const auto input = decodePasswordChange(request.jsonBody());
  const auto& me = request.currentUser();
  // Accounts from before this server may hold a mixed-case email: compare as sign-in does.
  const auto email = validation::normalizeEmail(me.email);
  std::optional<repo::UserWithHash> found;
  {
    auto conn = s.pool.acquire();
    throttlePasswordGuesses(s, *conn, email, request);
    found = repo::findUserForLogin(*conn, email);
  }
  if (!found || !s.hasher.verify(found->hashedPassword, input.currentPassword)) {
    auto conn = s.pool.acquire();
    recordPasswordFailure(s, *conn, email, request);
    throw ApiError(ErrorCode::ValidationFailed, "The current password is wrong.",
                   {{"fields", {{"current_password", "is not your current password"}}}});
  }
  const auto hash = s.hasher.hash(input.newPassword);
  auto conn = s.pool.acquire();
  db::Transaction tx(*conn);
  repo::setPassword(*conn, me.id, hash);
  repo::revokeOtherTokens(*conn, me.id, auth::tokenHash(*bearerToken(request)));
  tx.commit();
  return Response::noContent();
}

}  // namespace

void registerAuthRoutes(http::Router& router, Services& s) {
  router.setAuthenticator([&s](const Request& request) {
    auto token = bearerToken(request);
    if (!token) throw ApiError(ErrorCode::Unauthenticated, "Sign in first: send Authorization: Bearer <token>.");
    auto conn = s.pool.acquire();
    auto user = repo::userByToken(*conn, auth::tokenHash(*token));
    if (!user) throw ApiError(ErrorCode::Unauthenticated, "Your session has expired or was ended; sign in again.");
    return *user;
  });

  router.add(verb::verb::post, "/api/v1/auth/register", Access::Public,
             [&s](Request& r) { return registerUser(s, r); });
  router.add(verb::verb::post, "/api/v1/auth/login", Access::Public, [&s](Request& r) { return login(s, r); });
  router.add(verb::verb::post, "/api/v1/auth/logout", Access::Authenticated, [&s](Request& r) {
    auto conn = s.pool.acquire();
    repo::revokeToken(*conn, auth::tokenHash(*bearerToken(r)));
    return Response::noContent();
  });
  router.add(verb::verb::get, "/api/v1/me", Access::Authenticated,
             [](Request& r) { return Response::json(200, toJson(r.currentUser())); });
  router.add(verb::verb::patch, "/api/v1/me", Access::Authenticated, [&s](Request& r) {
    const auto input = decodeProfileUpdate(r.jsonBody());
    auto conn = s.pool.acquire();
    return Response::json(200, toJson(repo::updateProfile(*conn, r.currentUser().id, input.firstName, input.lastName)));
  });
  router.add(verb::verb::post, "/api/v1/me/password", Access::Authenticated,
             [&s](Request& r) { return changePassword(s, r); });
}

}  // namespace practicum::server::api
