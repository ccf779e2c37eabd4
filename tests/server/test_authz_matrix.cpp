// The authorization matrix: every caller kind × every route, with the exact status each cell must
// answer, and proof that a refused request (401/403) changed nothing in the database.

#include "core/codecs.h"
#include "server/auth/crypto.h"
#include "server/embedded.h"
#include "server/repo/patients.h"
#include "tests/support/test_server.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <string>
#include <vector>

using namespace practicum;
using namespace practicum::test;
namespace auth = practicum::server::auth;

namespace {

enum Caller { Anonymous, Student, Instructor, Admin, Deactivated, Garbage, Expired, Revoked, CallerCount };
constexpr std::array<const char*, CallerCount> kCallerNames{"anonymous", "student",     "instructor", "admin",
                                                            "deactivated", "garbage token", "expired token",
                                                            "revoked token"};

/// What one cell sends: method, target and an optional JSON body.
struct Call {
  std::string method;
  std::string target;
  std::optional<boost::json::object> body;
};

class AuthzMatrix : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    // No cell fails a login, but keep the throttle out of the way whatever the order.
    server = new TestServer([](server::Config& c) { c.loginMaxFailuresPerAddress = 1000; });
    accounts[Student] = server->createAccount(Role::Student);
    accounts[Instructor] = server->createAccount(Role::Instructor);
    accounts[Admin] = server->createAccount(Role::Admin);
    accounts[Deactivated] = server->createAccount(Role::Admin);  // an admin, to show that even an admin's token dies
    accounts[Expired] = server->createAccount(Role::Admin);
    accounts[Revoked] = server->createAccount(Role::Admin);
    loginTarget = server->createAccount(Role::Student);
    victim = server->createAccount(Role::Student);
    auto conn = server->pool().acquire();
    conn->query("UPDATE \"user\" SET is_active = false WHERE id = $1", accounts[Deactivated].user.id);
    sharedPatientId = insertPatient(*conn, "Matrix Shared Patient");
    // A bookable patient (a shipped, complete case) and credits for everyone who books.
    const auto file = boost::json::parse(embeddedCaseFiles().front().text).as_object();
    auto input = file.at("patient").as_object();
    input["case"] = file.at("case");
    bookablePatientId = server::repo::insertPatient(*conn, decodePatientCreate(input), std::nullopt).id;
    for (auto caller : {Student, Instructor, Admin}) {
      conn->query("UPDATE \"user\" SET credit_balance = credit_balance + 1000 WHERE id = $1", accounts[caller].user.id);
      conn->query("INSERT INTO credit_transactions (user_id, transaction_type, credits, description) "
                  "VALUES ($1, 'adjustment', 1000, 'matrix')",
                  accounts[caller].user.id);
    }
    packId = conn->query("INSERT INTO credit_packs (name, credits, price_minor, currency) "
                         "VALUES ('Matrix pack', 5, 500, 'eur') RETURNING id")
                 .text(0, 0);
    // Every table of the schema takes part in the fingerprint, so no refused write can hide.
    auto tables = conn->query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
        "ORDER BY table_name");
    std::string sql = "SELECT md5(''";
    for (int r = 0; r < tables.rows(); ++r) {
      const auto name = tables.text(r, 0);
      sql += " || coalesce((SELECT string_agg(t::text, '|' ORDER BY t::text) FROM \"" + name + "\" t), '')";
    }
    fingerprintSql = sql + ")";
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }

  static std::string insertPatient(db::Connection& conn, const std::string& name) {
    auto r = conn.query(
        "INSERT INTO patients (name, age, sex, referral_reason, setting, difficulty, case_data) "
        "VALUES ($1, 40, 'female', 'weight', 'clinic', 'beginner', '{\"secret\": \"staff only\"}') RETURNING id",
        name);
    return r.text(0, 0);
  }

  /// A digest of every row of every table.
  static std::string fingerprint() {
    auto conn = server->pool().acquire();
    return conn->query(fingerprintSql).text(0, 0);
  }

  /// A fresh bearer token for the caller, made directly in the database (no Argon2 per cell).
  static std::string tokenFor(Caller caller) {
    if (caller == Anonymous) return {};
    const auto token = auth::newToken();
    if (caller == Garbage) return token;  // well-formed, but no such token exists
    auto conn = server->pool().acquire();
    conn->query("INSERT INTO auth_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')",
                accounts[caller].user.id, auth::tokenHash(token));
    if (caller == Expired) {
      conn->query("UPDATE auth_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' "
                  "WHERE token_hash = $1",
                  auth::tokenHash(token));
    } else if (caller == Revoked) {
      conn->query("UPDATE auth_tokens SET revoked_at = now() WHERE token_hash = $1", auth::tokenHash(token));
    }
    return token;
  }

  static HttpResult send(const Call& call, const std::string& token) {
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    auto client = server->client();
    std::optional<std::string> body;
    if (call.body) body = boost::json::serialize(*call.body);
    return client.request(call.method, call.target, body, headers);
  }

  /// A session of the Student account, moved along by the API: "scheduled", "running" or
  /// "completed" (and rated, when `rated`).
  static std::string studentSession(const std::string& state, bool rated = false) {
    const auto token = tokenFor(Student);
    auto client = server->client();
    auto booked = client.post("/api/v1/sessions", {{"patient_id", bookablePatientId}}, token);
    if (booked.status != 201) throw std::runtime_error("matrix booking failed: " + booked.body);
    const std::string id(booked.json().at("id").as_string());
    const auto path = "/api/v1/sessions/" + id;
    if (state != "scheduled" && client.post(path + "/start", {}, token).status != 200) throw std::runtime_error("start");
    if (state == "completed" && client.post(path + "/complete", {}, token).status != 200) throw std::runtime_error("complete");
    if (rated && client.post(path + "/feedback", {{"user_rating", 4}}, token).status != 201) throw std::runtime_error("rate");
    return id;
  }

  /// A test-mode checkout of the Student account: {payment id, checkout id of its test page}.
  static std::pair<std::string, std::string> studentCheckout() {
    auto client = server->client();
    auto made = client.post("/api/v1/checkout", {{"pack_id", packId}}, tokenFor(Student));
    if (made.status != 201) throw std::runtime_error("matrix checkout failed: " + made.body);
    const std::string url(made.json().at("checkout_url").as_string());
    const auto at = url.find("/checkout/test/");
    if (at == std::string::npos) throw std::runtime_error("not a test-mode checkout: " + url);
    return {std::string(made.json().at("payment_id").as_string()), url.substr(at + 15)};
  }

  /// A completed (paid) payment of the Student account.
  static std::string paidPayment() {
    const auto [paymentId, checkoutId] = studentCheckout();
    auto paid = server->client().request("POST", "/checkout/test/" + checkoutId + "/pay", std::string(), {},
                                         "application/x-www-form-urlencoded");
    if (paid.status != 200) throw std::runtime_error("matrix test payment failed: " + paid.body);
    return paymentId;
  }

  /// A notification of the victim whose delivery failed.
  static std::string failedNotification() {
    auto conn = server->pool().acquire();
    return conn
        ->query("INSERT INTO notifications (user_id, type, subject, message, status, attempts, last_error) "
                "VALUES ($1, 'onboarding', 'Welcome', 'Hello', 'failed', 8, 'matrix') RETURNING id",
                victim.user.id)
        .text(0, 0);
  }

  static TestServer* server;
  static std::string packId;
  static std::string bookablePatientId;
  static std::array<TestServer::Account, CallerCount> accounts;
  static TestServer::Account loginTarget;
  static TestServer::Account victim;
  static std::string sharedPatientId;
  static std::string fingerprintSql;
};
TestServer* AuthzMatrix::server = nullptr;
std::string AuthzMatrix::packId;
std::string AuthzMatrix::bookablePatientId;
std::array<TestServer::Account, CallerCount> AuthzMatrix::accounts;
TestServer::Account AuthzMatrix::loginTarget;
TestServer::Account AuthzMatrix::victim;
std::string AuthzMatrix::sharedPatientId;
std::string AuthzMatrix::fingerprintSql;

boost::json::object patientBody(const std::string& name) {
  return {{"name", name},
          {"brief",
           {{"age", 33}, {"sex", "male"}, {"referral_reason", "gout"}, {"setting", "clinic"}, {"difficulty", "beginner"}}},
          {"medical_history", "none"},
          {"case", {{"secret", "x"}}}};
}

}  // namespace

TEST_F(AuthzMatrix, EveryCallerTimesEveryRoute) {
  // One row per route: how to build the request for a caller, then the expected status per caller
  // in the order anonymous, student, instructor, admin, deactivated, garbage, expired, revoked.
  struct Row {
    std::string name;
    std::function<Call(Caller)> make;
    std::array<unsigned, CallerCount> expected;
  };
  int serial = 0;
  const std::vector<Row> rows = {
      {"POST /auth/register",
       [&](Caller) {
         return Call{"POST", "/api/v1/auth/register",
                     boost::json::object{{"email", "matrix-reg-" + std::to_string(++serial) + "@example.test"},
                                         {"password", "0123456789abc"},
                                         {"first_name", "M"},
                                         {"last_name", "R"}}};
       },
       {201, 201, 201, 201, 201, 201, 201, 201}},
      {"POST /auth/login",
       [&](Caller) {
         return Call{"POST", "/api/v1/auth/login",
                     boost::json::object{{"email", loginTarget.user.email}, {"password", loginTarget.password}}};
       },
       {200, 200, 200, 200, 200, 200, 200, 200}},
      {"POST /auth/logout", [](Caller) { return Call{"POST", "/api/v1/auth/logout", boost::json::object{}}; },
       {401, 204, 204, 204, 401, 401, 401, 401}},
      {"GET /me", [](Caller) { return Call{"GET", "/api/v1/me", {}}; }, {401, 200, 200, 200, 401, 401, 401, 401}},
      {"PATCH /me",
       [](Caller) { return Call{"PATCH", "/api/v1/me", boost::json::object{{"first_name", "Changed"}}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"POST /me/password",
       [](Caller c) {
         // The same password again: allowed, and later cells still know it.
         const auto& pw = accounts[c].password.empty() ? std::string("0123456789abc") : accounts[c].password;
         return Call{"POST", "/api/v1/me/password",
                     boost::json::object{{"current_password", pw}, {"new_password", pw}}};
       },
       {401, 204, 204, 204, 401, 401, 401, 401}},
      {"GET /patients", [](Caller) { return Call{"GET", "/api/v1/patients", {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"GET /patients/{id}", [](Caller) { return Call{"GET", "/api/v1/patients/" + sharedPatientId, {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"POST /patients",
       [&](Caller) {
         return Call{"POST", "/api/v1/patients", patientBody("Matrix Created " + std::to_string(++serial))};
       },
       {401, 403, 201, 201, 401, 401, 401, 401}},
      {"PATCH /patients/{id}",
       [&](Caller) {
         return Call{"PATCH", "/api/v1/patients/" + sharedPatientId,
                     boost::json::object{{"name", "Matrix Renamed " + std::to_string(++serial)}}};
       },
       {401, 403, 200, 200, 401, 401, 401, 401}},
      {"DELETE /patients/{id}",
       [&](Caller) {
         auto conn = server->pool().acquire();
         return Call{"DELETE", "/api/v1/patients/" + insertPatient(*conn, "Matrix Doomed " + std::to_string(++serial)),
                     {}};
       },
       {401, 403, 204, 204, 401, 401, 401, 401}},
      {"GET /admin/users", [](Caller) { return Call{"GET", "/api/v1/admin/users", {}}; },
       {401, 403, 403, 200, 401, 401, 401, 401}},
      {"PATCH /admin/users/{id}",
       [](Caller) {
         auto conn = server->pool().acquire();
         conn->query("UPDATE \"user\" SET role = 'student' WHERE id = $1", victim.user.id);
         return Call{"PATCH", "/api/v1/admin/users/" + victim.user.id, boost::json::object{{"role", "instructor"}}};
       },
       {401, 403, 403, 200, 401, 401, 401, 401}},
      {"GET /credits", [](Caller) { return Call{"GET", "/api/v1/credits", {}}; }, {401, 200, 200, 200, 401, 401, 401, 401}},
      {"POST /admin/users/{id}/credits",
       [](Caller) {
         return Call{"POST", "/api/v1/admin/users/" + victim.user.id + "/credits",
                     boost::json::object{{"credits", 1}, {"description", "matrix"}}};
       },
       {401, 403, 403, 201, 401, 401, 401, 401}},
      {"POST /sessions",
       [](Caller) { return Call{"POST", "/api/v1/sessions", boost::json::object{{"patient_id", bookablePatientId}}}; },
       {401, 201, 201, 201, 401, 401, 401, 401}},
      {"GET /sessions", [](Caller) { return Call{"GET", "/api/v1/sessions", {}}; }, {401, 200, 200, 200, 401, 401, 401, 401}},
      // A student's session: its student and staff read it; only its student acts on it.
      {"GET /sessions/{id}", [](Caller) { return Call{"GET", "/api/v1/sessions/" + studentSession("scheduled"), {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"POST /sessions/{id}/start",
       [](Caller) { return Call{"POST", "/api/v1/sessions/" + studentSession("scheduled") + "/start", boost::json::object{}}; },
       {401, 200, 403, 403, 401, 401, 401, 401}},
      {"POST /sessions/{id}/complete",
       [](Caller) { return Call{"POST", "/api/v1/sessions/" + studentSession("running") + "/complete", boost::json::object{}}; },
       {401, 200, 403, 403, 401, 401, 401, 401}},
      {"POST /sessions/{id}/cancel",
       [](Caller) { return Call{"POST", "/api/v1/sessions/" + studentSession("scheduled") + "/cancel", boost::json::object{}}; },
       {401, 200, 403, 403, 401, 401, 401, 401}},
      {"GET /sessions/{id}/messages",
       [](Caller) { return Call{"GET", "/api/v1/sessions/" + studentSession("running") + "/messages", {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"POST /sessions/{id}/messages",
       [&](Caller) {
         return Call{"POST", "/api/v1/sessions/" + studentSession("running") + "/messages",
                     boost::json::object{{"message", "How are you today?"},
                                         {"client_message_id", "00000000-0000-4000-8000-" +
                                                                   std::string(12 - std::to_string(++serial).size(), '0') +
                                                                   std::to_string(serial)}}};
       },
       {401, 201, 403, 403, 401, 401, 401, 401}},
      {"POST /sessions/{id}/hint",
       [](Caller) { return Call{"POST", "/api/v1/sessions/" + studentSession("running") + "/hint", boost::json::object{}}; },
       {401, 201, 403, 403, 401, 401, 401, 401}},
      {"GET /sessions/{id}/evaluation",
       [](Caller) { return Call{"GET", "/api/v1/sessions/" + studentSession("completed") + "/evaluation", {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"POST /sessions/{id}/feedback",
       [](Caller) {
         return Call{"POST", "/api/v1/sessions/" + studentSession("completed") + "/feedback",
                     boost::json::object{{"user_rating", 5}}};
       },
       {401, 201, 403, 403, 401, 401, 401, 401}},
      {"GET /sessions/{id}/feedback",
       [](Caller) { return Call{"GET", "/api/v1/sessions/" + studentSession("completed", true) + "/feedback", {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"GET /admin/feedback", [](Caller) { return Call{"GET", "/api/v1/admin/feedback", {}}; },
       {401, 403, 200, 200, 401, 401, 401, 401}},
      {"GET /credit-packs", [](Caller) { return Call{"GET", "/api/v1/credit-packs", {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"GET /admin/credit-packs", [](Caller) { return Call{"GET", "/api/v1/admin/credit-packs", {}}; },
       {401, 403, 403, 200, 401, 401, 401, 401}},
      {"POST /admin/credit-packs",
       [&](Caller) {
         return Call{"POST", "/api/v1/admin/credit-packs",
                     boost::json::object{{"name", "Matrix pack " + std::to_string(++serial)},
                                         {"credits", 3},
                                         {"price_minor", 300},
                                         {"currency", "eur"}}};
       },
       {401, 403, 403, 201, 401, 401, 401, 401}},
      {"PATCH /admin/credit-packs/{id}",
       [&](Caller) {
         return Call{"PATCH", "/api/v1/admin/credit-packs/" + packId,
                     boost::json::object{{"name", "Matrix pack renamed " + std::to_string(++serial)}}};
       },
       {401, 403, 403, 200, 401, 401, 401, 401}},
      {"POST /checkout", [](Caller) { return Call{"POST", "/api/v1/checkout", boost::json::object{{"pack_id", packId}}}; },
       {401, 201, 201, 201, 401, 401, 401, 401}},
      {"GET /payments", [](Caller) { return Call{"GET", "/api/v1/payments", {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      // A student's payment: its student and admins read it; to an instructor it is absent (404).
      {"GET /payments/{id}", [](Caller) { return Call{"GET", "/api/v1/payments/" + studentCheckout().first, {}}; },
       {401, 200, 404, 200, 401, 401, 401, 401}},
      {"GET /admin/payments", [](Caller) { return Call{"GET", "/api/v1/admin/payments", {}}; },
       {401, 403, 403, 200, 401, 401, 401, 401}},
      {"POST /admin/payments/{id}/refund",
       [](Caller) { return Call{"POST", "/api/v1/admin/payments/" + paidPayment() + "/refund", boost::json::object{}}; },
       {401, 403, 403, 200, 401, 401, 401, 401}},
      // Stripe's webhook authenticates by its signature alone: without one, no caller gets in.
      {"POST /webhooks/stripe",
       [](Caller) {
         return Call{"POST", "/api/v1/webhooks/stripe",
                     boost::json::object{{"id", "evt_matrix"}, {"type", "checkout.session.completed"}}};
       },
       {400, 400, 400, 400, 400, 400, 400, 400}},
      {"GET /checkout/return", [](Caller) { return Call{"GET", "/checkout/return", {}}; },
       {200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET /checkout/cancel", [](Caller) { return Call{"GET", "/checkout/cancel", {}}; },
       {200, 200, 200, 200, 200, 200, 200, 200}},
      // The test-mode checkout page is reached through its unguessable id, not a token.
      {"GET /checkout/test/{id}", [](Caller) { return Call{"GET", "/checkout/test/" + studentCheckout().second, {}}; },
       {200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET /notifications", [](Caller) { return Call{"GET", "/api/v1/notifications", {}}; },
       {401, 200, 200, 200, 401, 401, 401, 401}},
      {"GET /admin/notifications", [](Caller) { return Call{"GET", "/api/v1/admin/notifications", {}}; },
       {401, 403, 403, 200, 401, 401, 401, 401}},
      {"POST /admin/notifications/{id}/retry",
       [](Caller) {
         return Call{"POST", "/api/v1/admin/notifications/" + failedNotification() + "/retry", boost::json::object{}};
       },
       {401, 403, 403, 200, 401, 401, 401, 401}},
      {"GET /healthz", [](Caller) { return Call{"GET", "/healthz", {}}; }, {200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET /readyz", [](Caller) { return Call{"GET", "/readyz", {}}; }, {200, 200, 200, 200, 200, 200, 200, 200}},
  };

  for (const auto& row : rows) {
    for (int c = 0; c < CallerCount; ++c) {
      const auto caller = static_cast<Caller>(c);
      SCOPED_TRACE(row.name + " as " + kCallerNames[static_cast<std::size_t>(c)]);
      const auto call = row.make(caller);
      const auto token = tokenFor(caller);
      const auto before = fingerprint();
      const auto result = send(call, token);
      const auto expected = row.expected[static_cast<std::size_t>(c)];
      EXPECT_EQ(result.status, expected) << result.body;
      if (expected == 401 || expected == 403) {
        EXPECT_EQ(result.errorCode(), expected == 401 ? "unauthenticated" : "forbidden") << result.body;
        EXPECT_EQ(fingerprint(), before) << "a refused request changed the database";
      } else if (expected >= 400) {
        EXPECT_EQ(fingerprint(), before) << "a refused request changed the database";
      } else if (call.method == "GET") {
        EXPECT_EQ(fingerprint(), before) << "a read changed the database";
      } else {
        // The fingerprint does see writes: every allowed write above changes some row.
        EXPECT_NE(fingerprint(), before) << "an allowed write left no trace";
      }
      if (result.status == 200 && (call.target.starts_with("/api/v1/patients"))) {
        // Students never see the structured case; staff do.
        const auto value = result.json();
        const auto& json = value.as_object();
        const auto& patient = call.target == "/api/v1/patients" ? json.at("items").as_array().at(0).as_object() : json;
        EXPECT_EQ(patient.contains("case"), caller != Student) << result.body;
      }
      if (result.status == 200 && call.method == "GET" && call.target == "/api/v1/me") {
        EXPECT_EQ(result.json().at("id").as_string(), accounts[caller].user.id);
      }
    }
  }
}

TEST_F(AuthzMatrix, MalformedAuthorizationHeadersAreUnauthenticated) {
  const auto token = tokenFor(Student);
  const std::vector<std::string> values = {
      "",
      "Bearer",
      "Bearer ",
      "Basic dXNlcjpwYXNzd29yZA==",
      "Bearer " + token + "x",
      "Bearer " + token.substr(1),
      "Bearer  " + token,
      "Bearer " + token.substr(0, 42) + "!",
      "Bearer ' OR '1'='1' -- aaaaaaaaaaaaaaaaaaaaaa",
      "Token " + token,
  };
  for (const auto& value : values) {
    SCOPED_TRACE("Authorization: " + value);
    auto client = server->client();
    auto result = client.request("GET", "/api/v1/me", std::nullopt, {{"Authorization", value}});
    EXPECT_EQ(result.status, 401u) << result.body;
    EXPECT_EQ(result.errorCode(), "unauthenticated");
  }
  // The well-formed header with the same token works: the refusals above are about the form.
  auto client = server->client();
  EXPECT_EQ(client.get("/api/v1/me", token).status, 200u);
}

TEST_F(AuthzMatrix, AStudentCannotReachAnotherUsersData) {
  auto other = server->createAccount(Role::Student);
  const auto token = tokenFor(Student);
  auto client = server->client();
  const auto before = fingerprint();

  // /me is the only user view open to a student, and it is their own.
  auto me = client.get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.json().at("id").as_string(), accounts[Student].user.id);
  EXPECT_EQ(me.json().at("email").as_string(), accounts[Student].user.email);
  EXPECT_EQ(me.body.find(other.user.id), std::string::npos);
  EXPECT_EQ(me.body.find(other.user.email), std::string::npos);

  // Changing someone else: refused by role, before the body is even read.
  auto patch = client.patch("/api/v1/admin/users/" + other.user.id, {{"is_active", false}}, token);
  EXPECT_EQ(patch.status, 403u);
  EXPECT_EQ(patch.errorCode(), "forbidden");
  auto promote = client.patch("/api/v1/admin/users/" + accounts[Student].user.id, {{"role", "admin"}}, token);
  EXPECT_EQ(promote.status, 403u) << "a student promoting themselves";

  // Listing or searching users: refused, and the other user's address is not in the answer.
  auto list = client.get("/api/v1/admin/users?q=" + urlEncode(other.user.email), token);
  EXPECT_EQ(list.status, 403u);
  EXPECT_EQ(list.body.find(other.user.email), std::string::npos);

  // There is no GET of a single user: the path exists for PATCH only, and says so without data.
  auto get = client.get("/api/v1/admin/users/" + other.user.id, token);
  EXPECT_EQ(get.status, 405u);
  EXPECT_EQ(get.body.find(other.user.email), std::string::npos);

  // PATCH /me changes only the caller, whatever ids the body names.
  auto sneaky = client.patch("/api/v1/me", {{"id", other.user.id}, {"first_name", "Hijack"}}, token);
  EXPECT_EQ(sneaky.status, 422u) << "unknown fields are refused: " << sneaky.body;

  EXPECT_EQ(fingerprint(), before);
  auto conn = server->pool().acquire();
  auto row = conn->query("SELECT role, is_active, first_name FROM \"user\" WHERE id = $1", other.user.id);
  EXPECT_EQ(row.text(0, 0), "student");
  EXPECT_TRUE(row.boolean(0, 1));
  EXPECT_EQ(row.text(0, 2), "Test");
}

TEST_F(AuthzMatrix, DeactivationKillsLiveTokensAtOnce) {
  auto user = server->createAccount(Role::Instructor);
  auto client = server->client();
  ASSERT_EQ(client.get("/api/v1/me", user.token).status, 200u);
  auto admin = tokenFor(Admin);
  ASSERT_EQ(client.patch("/api/v1/admin/users/" + user.user.id, {{"is_active", false}}, admin).status, 200u);
  auto after = client.get("/api/v1/me", user.token);
  EXPECT_EQ(after.status, 401u);
  EXPECT_EQ(client.get("/api/v1/patients", user.token).status, 401u);
  // And they cannot sign in again to get a new one.
  auto login = client.post("/api/v1/auth/login", {{"email", user.user.email}, {"password", user.password}});
  EXPECT_EQ(login.status, 403u) << login.body;
  // Reactivated: the sessions that deactivation ended stay ended; signing in again works.
  ASSERT_EQ(client.patch("/api/v1/admin/users/" + user.user.id, {{"is_active", true}}, admin).status, 200u);
  EXPECT_EQ(client.get("/api/v1/me", user.token).status, 401u);
  auto again = client.post("/api/v1/auth/login", {{"email", user.user.email}, {"password", user.password}});
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(client.get("/api/v1/me", std::string(again.json().at("token").as_string())).status, 200u);
}

TEST_F(AuthzMatrix, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  auto client = server->client();
  const auto token = tokenFor(Admin);
  for (const auto& [target, who] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/nope", ""}, {"/api/v1/nope", token}, {"/api/v2/me", token}, {"/", ""}, {"/api/v1/me/extra", token}}) {
    SCOPED_TRACE(target);
    auto r = client.get(target, who);
    EXPECT_EQ(r.status, 404u);
    EXPECT_EQ(r.errorCode(), "not_found");
  }

  struct Case {
    std::string method;
    std::string target;
    std::vector<std::string> allowed;
  };
  const std::vector<Case> cases = {
      {"PUT", "/api/v1/me", {"GET", "PATCH"}},
      {"DELETE", "/api/v1/auth/login", {"POST"}},
      {"GET", "/api/v1/auth/logout", {"POST"}},
      {"POST", "/healthz", {"GET"}},
      {"PUT", "/api/v1/patients/" + sharedPatientId, {"GET", "PATCH", "DELETE"}},
      {"DELETE", "/api/v1/admin/users", {"GET"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target);
    // Anonymous: the method is checked before authentication, so nothing is revealed beyond Allow.
    auto r = client.request(c.method, c.target);
    EXPECT_EQ(r.status, 405u) << r.body;
    EXPECT_EQ(r.errorCode(), "method_not_allowed");
    ASSERT_TRUE(r.headers.contains("allow"));
    for (const auto& m : c.allowed) EXPECT_NE(r.headers["allow"].find(m), std::string::npos) << r.headers["allow"];
    EXPECT_EQ(r.headers["allow"].find(c.method), std::string::npos);
  }
}
