#include "tests/support/json_testing.h"
#include "tests/support/test_server.h"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>

using namespace practicum;
using namespace practicum::test;
namespace json = boost::json;

namespace {

/// One value of a one-row, one-column query, as text.
std::string sqlText(TestServer& server, std::string_view sql, const std::string& param) {
  auto conn = server.pool().acquire();
  auto r = conn->query(sql, param);
  return r.empty() ? std::string() : r.text(0, 0);
}

HttpResult login(HttpClient& client, const std::string& email, const std::string& password) {
  return client.post("/api/v1/auth/login", {{"email", email}, {"password", password}});
}

std::string tokenOf(const HttpResult& r) {
  const auto v = r.json();
  const auto* token = v.is_object() ? v.as_object().if_contains("token") : nullptr;
  return token && token->is_string() ? std::string(token->get_string()) : std::string();
}

/// Retry-After: whole seconds, more than 0, at most the failure window; the body says the same.
void expectRetryAfter(const HttpResult& r, std::chrono::seconds window) {
  const auto it = r.headers.find("retry-after");
  ASSERT_NE(it, r.headers.end()) << r.body;
  ASSERT_FALSE(it->second.empty());
  ASSERT_TRUE(std::all_of(it->second.begin(), it->second.end(), [](char c) { return c >= '0' && c <= '9'; }))
      << it->second;
  const auto seconds = std::stoll(it->second);
  EXPECT_GT(seconds, 0);
  EXPECT_LE(seconds, window.count());
  EXPECT_EQ(text(r.json().at("error").at("details").at("retry_after_seconds")), it->second);
}

class AuthApi : public ::testing::Test {
protected:
  static void SetUpTestSuite() { server = new TestServer(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static TestServer* server;
};
TestServer* AuthApi::server = nullptr;

}  // namespace

TEST_F(AuthApi, RegisterThenLoginThenMe) {
  auto client = server->client();
  auto reg = client.post(
      "/api/v1/auth/register",
      {{"email", "Reg@Example.test"}, {"password", "0123456789"}, {"first_name", "Zoë"}, {"last_name", "Ng"}});
  ASSERT_EQ(reg.status, 201u) << reg.body;
  EXPECT_EQ(reg.json().at("user").at("email").as_string(), "reg@example.test");
  EXPECT_EQ(reg.json().at("user").at("role").as_string(), "student");

  auto login = client.post("/api/v1/auth/login", {{"email", "reg@example.test"}, {"password", "0123456789"}});
  ASSERT_EQ(login.status, 200u) << login.body;
  const std::string token(login.json().at("token").as_string());

  auto me = client.get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.json().at("first_name").as_string(), "Zoë");
  EXPECT_EQ(me.json().at("credit_balance").as_int64(), 0);

  EXPECT_EQ(client.post("/api/v1/auth/logout", {}, token).status, 204u);
  EXPECT_EQ(client.get("/api/v1/me", token).status, 401u);
}

TEST_F(AuthApi, RegisterNormalisesEmailMakesAStudentAndNeverEchoesThePassword) {
  auto client = server->client();
  const std::string password = "sekrit-Pa55word-never-echoed";
  auto reg = client.post("/api/v1/auth/register", {{"email", "  Mixed.Case@Example.TEST "},
                                                   {"password", password},
                                                   {"first_name", "  Ada "},
                                                   {"last_name", "Lovelace"}});
  ASSERT_EQ(reg.status, 201u) << reg.body;
  EXPECT_EQ(reg.body.find(password), std::string::npos) << reg.body;
  const auto user = reg.json().at("user").as_object();
  EXPECT_EQ(text(user.at("email")), "mixed.case@example.test");
  EXPECT_EQ(text(user.at("role")), "student");
  EXPECT_EQ(text(user.at("first_name")), "Ada");
  EXPECT_EQ(text(user.at("last_name")), "Lovelace");
  EXPECT_TRUE(user.at("is_active").as_bool());
  EXPECT_FALSE(user.contains("password"));
  EXPECT_FALSE(user.contains("hashed_password"));
  EXPECT_EQ(text(user.at("id")).size(), 36u);

  // Stored lower-case, with an Argon2id hash rather than the password.
  const auto id = text(user.at("id"));
  EXPECT_EQ(sqlText(*server, "SELECT email FROM \"user\" WHERE id = $1", id), "mixed.case@example.test");
  const auto hash = sqlText(*server, "SELECT hashed_password FROM \"user\" WHERE id = $1", id);
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find(password), std::string::npos);

  // Any spelling of the address signs in.
  auto signedIn = login(client, "MIXED.case@example.test", password);
  ASSERT_EQ(signedIn.status, 200u) << signedIn.body;
  EXPECT_EQ(signedIn.body.find(password), std::string::npos);
}

TEST_F(AuthApi, LoginAnswersATokenExpiringInTheFutureAndTheUser) {
  auto account = server->createAccount(Role::Instructor);
  auto client = server->client();
  auto r = login(client, account.user.email, account.password);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto body = r.json().as_object();
  const auto token = text(body.at("token"));
  EXPECT_EQ(token.size(), 43u);
  EXPECT_NE(token, account.token);  // every login is a new token
  EXPECT_EQ(r.body.find(account.password), std::string::npos);

  const auto expiresAt = text(body.at("expires_at"));
  EXPECT_TRUE(expiresAt.ends_with("Z")) << expiresAt;
  // Default lifetime: 14 days.
  EXPECT_EQ(sqlText(*server,
                    "SELECT ($1::timestamptz > now() + interval '13 days' AND "
                    "        $1::timestamptz < now() + interval '15 days')::text",
                    expiresAt),
            "true")
      << expiresAt;

  const auto user = body.at("user").as_object();
  EXPECT_EQ(text(user.at("id")), account.user.id);
  EXPECT_EQ(text(user.at("email")), account.user.email);
  EXPECT_EQ(text(user.at("role")), "instructor");
  EXPECT_FALSE(user.contains("hashed_password"));

  // Only a SHA-256 of the token is stored.
  EXPECT_EQ(sqlText(*server, "SELECT count(*)::text FROM auth_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
                    token),
            "1");
  EXPECT_EQ(client.get("/api/v1/me", token).status, 200u);
}

TEST_F(AuthApi, LogoutKillsThatTokenOnly) {
  auto account = server->createAccount(Role::Student);
  auto client = server->client();
  auto second = login(client, account.user.email, account.password);
  ASSERT_EQ(second.status, 200u) << second.body;
  const auto other = tokenOf(second);

  auto out = client.post("/api/v1/auth/logout", {}, account.token);
  EXPECT_EQ(out.status, 204u) << out.body;
  EXPECT_TRUE(out.body.empty());

  auto dead = client.get("/api/v1/me", account.token);
  EXPECT_EQ(dead.status, 401u);
  EXPECT_EQ(dead.errorCode(), "unauthenticated");
  EXPECT_EQ(client.post("/api/v1/auth/logout", {}, account.token).status, 401u);

  auto alive = client.get("/api/v1/me", other);
  EXPECT_EQ(alive.status, 200u) << alive.body;
  EXPECT_EQ(text(alive.json().at("id")), account.user.id);
}

TEST_F(AuthApi, MeReportsTheUserWithCreditBalance) {
  auto account = server->createAccount(Role::Student);
  {
    auto conn = server->pool().acquire();
    conn->query("UPDATE \"user\" SET credit_balance = 7 WHERE id = $1", account.user.id);
  }
  auto client = server->client();
  auto me = client.get("/api/v1/me", account.token);
  ASSERT_EQ(me.status, 200u) << me.body;
  const auto user = me.json().as_object();
  EXPECT_EQ(text(user.at("id")), account.user.id);
  EXPECT_EQ(text(user.at("email")), account.user.email);
  EXPECT_EQ(text(user.at("role")), "student");
  EXPECT_EQ(user.at("credit_balance").as_int64(), 7);
  EXPECT_FALSE(user.contains("hashed_password"));

  EXPECT_EQ(client.get("/api/v1/me").status, 401u);
}

TEST_F(AuthApi, PatchMeChangesOnlyTheNamedFields) {
  auto account = server->createAccount(Role::Student);
  auto client = server->client();

  auto first = client.patch("/api/v1/me", {{"first_name", "  Grace  "}}, account.token);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(text(first.json().at("first_name")), "Grace");
  EXPECT_EQ(text(first.json().at("last_name")), "student");  // as createAccount made it
  EXPECT_EQ(text(first.json().at("email")), account.user.email);

  auto last = client.patch("/api/v1/me", {{"last_name", "Hopper"}}, account.token);
  ASSERT_EQ(last.status, 200u) << last.body;
  EXPECT_EQ(text(last.json().at("first_name")), "Grace");
  EXPECT_EQ(text(last.json().at("last_name")), "Hopper");

  auto me = client.get("/api/v1/me", account.token);
  EXPECT_EQ(text(me.json().at("first_name")), "Grace");
  EXPECT_EQ(text(me.json().at("last_name")), "Hopper");
  EXPECT_EQ(text(me.json().at("role")), "student");
}

TEST_F(AuthApi, PasswordChangeRevokesTheOtherTokensAndKeepsTheOneUsed) {
  auto account = server->createAccount(Role::Student);
  auto client = server->client();
  const auto second = tokenOf(login(client, account.user.email, account.password));
  const auto third = tokenOf(login(client, account.user.email, account.password));
  ASSERT_FALSE(second.empty());
  ASSERT_FALSE(third.empty());

  const std::string next = "a brand new passphrase";
  auto change = client.post("/api/v1/me/password", {{"current_password", account.password}, {"new_password", next}},
                            account.token);
  ASSERT_EQ(change.status, 204u) << change.body;

  EXPECT_EQ(client.get("/api/v1/me", account.token).status, 200u);
  EXPECT_EQ(client.get("/api/v1/me", second).status, 401u);
  EXPECT_EQ(client.get("/api/v1/me", third).status, 401u);

  auto old = login(client, account.user.email, account.password);
  EXPECT_EQ(old.status, 401u) << old.body;
  EXPECT_EQ(old.errorCode(), "invalid_credentials");
  auto fresh = login(client, account.user.email, next);
  ASSERT_EQ(fresh.status, 200u) << fresh.body;
  EXPECT_EQ(client.get("/api/v1/me", tokenOf(fresh)).status, 200u);
}

TEST_F(AuthApi, WrongCurrentPasswordChangesNothing) {
  auto account = server->createAccount(Role::Student);
  auto client = server->client();
  const auto second = tokenOf(login(client, account.user.email, account.password));
  const auto hashBefore = sqlText(*server, "SELECT hashed_password FROM \"user\" WHERE id = $1", account.user.id);

  auto change = client.post("/api/v1/me/password",
                            {{"current_password", "not my password at all"}, {"new_password", "another passphrase"}},
                            account.token);
  EXPECT_EQ(change.status, 422u) << change.body;
  EXPECT_EQ(change.errorCode(), "validation_failed");
  EXPECT_TRUE(change.json().at("error").at("details").at("fields").as_object().contains("current_password"));

  EXPECT_EQ(sqlText(*server, "SELECT hashed_password FROM \"user\" WHERE id = $1", account.user.id), hashBefore);
  EXPECT_EQ(client.get("/api/v1/me", second).status, 200u);
  EXPECT_EQ(login(client, account.user.email, "another passphrase").status, 401u);
  EXPECT_EQ(login(client, account.user.email, account.password).status, 200u);
}

TEST_F(AuthApi, WrongCurrentPasswordsAreThrottledLikeSignIns) {
  // A stolen token must not become a way to guess the account's password.
  auto account = server->createAccount(Role::Student);
  auto client = server->client();
  const boost::json::object guess{{"current_password", "a wrong guess!"}, {"new_password", "another passphrase"}};
  for (int i = 0; i < server->config().loginMaxFailuresPerEmail; ++i) {
    ASSERT_EQ(client.post("/api/v1/me/password", guess, account.token).status, 422u);
  }
  auto blocked = client.post("/api/v1/me/password",
                             {{"current_password", account.password}, {"new_password", "another passphrase"}},
                             account.token);
  EXPECT_EQ(blocked.status, 429u) << blocked.body;
  EXPECT_EQ(blocked.errorCode(), "rate_limited");
  EXPECT_TRUE(blocked.headers.contains("retry-after"));
  EXPECT_EQ(login(client, account.user.email, "another passphrase").status, 429u);
  // The window over (moved into the past), the right password works again.
  {
    auto conn = server->pool().acquire();
    conn->query("UPDATE login_failures SET window_start = now() - interval '1 day'");
  }
  EXPECT_EQ(client.post("/api/v1/me/password",
                        {{"current_password", account.password}, {"new_password", "another passphrase"}}, account.token)
                .status,
            204u);
}

TEST_F(AuthApi, UnknownEmailAndWrongPasswordGetTheIdenticalAnswer) {
  auto account = server->createAccount(Role::Student);
  auto client = server->client();
  auto wrongPassword = login(client, account.user.email, "definitely not it");
  auto unknownEmail = login(client, "nobody-at-all@example.test", "definitely not it");
  EXPECT_EQ(wrongPassword.status, 401u);
  EXPECT_EQ(unknownEmail.status, 401u);
  EXPECT_EQ(wrongPassword.errorCode(), "invalid_credentials");
  EXPECT_EQ(wrongPassword.body, unknownEmail.body);
  EXPECT_EQ(wrongPassword.headers.count("www-authenticate"), unknownEmail.headers.count("www-authenticate"));
}

TEST_F(AuthApi, SixthLoginForAnEmailIsThrottledEvenWithTheRightPassword) {
  auto account = server->createAccount(Role::Student);
  auto bystander = server->createAccount(Role::Student);
  auto client = server->client();
  // The server's default: 5 failures per email in the window.
  for (int i = 0; i < 5; ++i) {
    auto r = login(client, account.user.email, "wrong password " + std::to_string(i));
    ASSERT_EQ(r.status, 401u) << "attempt " << i << ": " << r.body;
  }
  auto blocked = login(client, account.user.email, account.password);
  EXPECT_EQ(blocked.status, 429u) << blocked.body;
  EXPECT_EQ(blocked.errorCode(), "rate_limited");
  ASSERT_TRUE(blocked.headers.contains("retry-after"));
  expectRetryAfter(blocked, server->config().loginFailureWindow);
  // Any spelling of the same address is the same email.
  std::string shouted = account.user.email;
  for (auto& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(login(client, " " + shouted, account.password).status, 429u);

  // Another email from the same address is unaffected.
  EXPECT_EQ(login(client, bystander.user.email, bystander.password).status, 200u);

  // Once the window has passed, the right password works again.
  {
    auto conn = server->pool().acquire();
    conn->query("UPDATE login_failures SET window_start = now() - interval '1 day' WHERE scope = 'email' AND key = $1",
                account.user.email);
  }
  EXPECT_EQ(login(client, account.user.email, account.password).status, 200u);
}

TEST_F(AuthApi, ASuccessfulLoginResetsTheEmailsFailureCount) {
  auto account = server->createAccount(Role::Student);
  auto client = server->client();
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 4; ++i) ASSERT_EQ(login(client, account.user.email, "nope nope nope").status, 401u);
    ASSERT_EQ(login(client, account.user.email, account.password).status, 200u) << "round " << round;
  }
}

namespace {

/// A server whose per-address limit is small and per-email limit out of the way.
class LoginThrottleByAddress : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new TestServer([](server::Config& config) {
      config.loginMaxFailuresPerAddress = 4;
      config.loginMaxFailuresPerEmail = 100;
      config.loginFailureWindow = std::chrono::seconds(120);
    });
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  void SetUp() override {
    auto conn = server->pool().acquire();
    conn->query("DELETE FROM login_failures");
  }
  static TestServer* server;
};
TestServer* LoginThrottleByAddress::server = nullptr;

}  // namespace

TEST_F(LoginThrottleByAddress, FailuresFromOneAddressBlockEveryEmailFromIt) {
  auto account = server->createAccount(Role::Student);
  auto client = server->client();
  for (int i = 0; i < 4; ++i) {
    auto r = login(client, "stranger" + std::to_string(i) + "@example.test", "whatever it is");
    ASSERT_EQ(r.status, 401u) << r.body;
  }
  auto blocked = login(client, account.user.email, account.password);
  EXPECT_EQ(blocked.status, 429u) << blocked.body;
  EXPECT_EQ(blocked.errorCode(), "rate_limited");
  ASSERT_TRUE(blocked.headers.contains("retry-after"));
  expectRetryAfter(blocked, std::chrono::seconds(120));
  // A blocked attempt does not even look at the password: an unknown email is blocked the same.
  auto unknown = login(client, "someone-else@example.test", "whatever it is");
  EXPECT_EQ(unknown.status, 429u);
  EXPECT_EQ(unknown.body, blocked.body);

  // Tokens already issued keep working; only sign-in is throttled.
  EXPECT_EQ(client.get("/api/v1/me", account.token).status, 200u);

  {
    auto conn = server->pool().acquire();
    conn->query("UPDATE login_failures SET window_start = now() - interval '1 hour'");
  }
  EXPECT_EQ(login(client, account.user.email, account.password).status, 200u);
}

TEST_F(LoginThrottleByAddress, ASuccessfulLoginDoesNotResetTheAddressCount) {
  auto account = server->createAccount(Role::Student);
  auto client = server->client();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(login(client, "ghost@example.test", "whatever it is").status, 401u);
  ASSERT_EQ(login(client, account.user.email, account.password).status, 200u);
  ASSERT_EQ(login(client, "ghost2@example.test", "whatever it is").status, 401u);
  EXPECT_EQ(login(client, account.user.email, account.password).status, 429u);
}
