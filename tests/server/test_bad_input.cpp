// Hostile and malformed input on every endpoint that takes input: each is answered by a clear
// 4xx {"error":{"code","message","details"}} with the right code, and nothing in the database
// changes (checked on the rows themselves, not only through the API).

#include "tests/support/json_testing.h"
#include "tests/support/test_server.h"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include <cctype>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace practicum;
using namespace practicum::test;
namespace json = boost::json;

namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::string base64url(std::string_view in) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned value = 0;
  int bits = -6;
  for (char c : in) {
    value = (value << 8) + static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 0) {
      out.push_back(alphabet[(value >> bits) & 0x3Fu]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(alphabet[((value << 8) >> (bits + 8)) & 0x3Fu]);
  return out;
}

/// The status, the code, and the shape {"error":{"code":…,"message":"…","details":{…}}} as JSON.
void expectError(const HttpResult& r, unsigned status, std::string_view code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.errorCode(), code) << r.body;
  EXPECT_TRUE(r.headers.contains("content-type") && r.headers.at("content-type").starts_with("application/json"))
      << r.body;
  const auto body = r.json();
  ASSERT_TRUE(body.is_object()) << r.body;
  const auto* error = body.as_object().if_contains("error");
  ASSERT_TRUE(error && error->is_object()) << r.body;
  const auto* message = error->as_object().if_contains("message");
  EXPECT_TRUE(message && message->is_string() && !message->get_string().empty()) << r.body;
  const auto* details = error->as_object().if_contains("details");
  EXPECT_TRUE(details && details->is_object()) << r.body;
}

/// The names in error.details.fields of a 422.
std::set<std::string> fieldsOf(const HttpResult& r) {
  std::set<std::string> out;
  const auto body = r.json();
  if (!body.is_object()) return out;
  const auto* error = body.as_object().if_contains("error");
  if (!error || !error->is_object()) return out;
  const auto* details = error->as_object().if_contains("details");
  if (!details || !details->is_object()) return out;
  const auto* fields = details->as_object().if_contains("fields");
  if (!fields || !fields->is_object()) return out;
  for (const auto& [key, value] : fields->as_object()) out.insert(std::string(key));
  return out;
}

std::string fieldMessage(const HttpResult& r, const std::string& field) {
  const auto body = r.json();
  try {
    return text(body.at("error").at("details").at("fields").at(field));
  } catch (const std::exception&) {
    return {};
  }
}

struct Endpoint {
  std::string method;
  std::string path;
  std::string token;
  json::object validBody;  ///< a body the endpoint would accept (so a refusal is the input's fault)
};

class BadInput : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new TestServer();
    student = server->createAccount(Role::Student);
    instructor = server->createAccount(Role::Instructor);
    admin = server->createAccount(Role::Admin);
    auto r = server->client().post("/api/v1/patients", patientBody("Fixture Fiona"), instructor.token);
    if (r.status != 201) throw std::runtime_error("fixture patient: " + r.body);
    patientId = text(r.json().at("id"));
    packId = server->pool().acquire()->query(
        "INSERT INTO credit_packs (name, credits, price_minor, currency) VALUES ('Fixture pack', 5, 500, 'eur') RETURNING id")
                 .text(0, 0);
    expectedUsers = count("\"user\"");
    expectedPatients = count("patients");
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  /// After every test: exactly the rows the test meant to create, no more.
  void TearDown() override {
    EXPECT_EQ(count("\"user\""), expectedUsers);
    EXPECT_EQ(count("patients"), expectedPatients);
    EXPECT_EQ(count("pg_tables WHERE tablename IN ('user', 'patients', 'auth_tokens', 'sessions')"), 4);
  }

  static std::int64_t count(const std::string& from) {
    auto conn = server->pool().acquire();
    return conn->query("SELECT count(*) FROM " + from).integer(0, 0);
  }

  /// Every row of the tables input could touch, as one comparable string.
  static std::string snapshot() {
    auto conn = server->pool().acquire();
    auto r = conn->query(
        "SELECT (SELECT md5(coalesce(string_agg(u::text, '|' ORDER BY u.id), '')) FROM \"user\" u) || ' ' || "
        "       (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM patients p) || ' ' || "
        "       (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM auth_tokens t) || ' ' || "
        "       (SELECT md5(coalesce(string_agg(f::text, '|' ORDER BY f.scope, f.key), '')) FROM login_failures f) || ' ' || "
        "       (SELECT md5(coalesce(string_agg(s::text, '|' ORDER BY s.id), '')) FROM sessions s) || ' ' || "
        "       (SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.id), '')) FROM credit_transactions c) || ' ' || "
        "       (SELECT md5(coalesce(string_agg(k::text, '|' ORDER BY k.id), '')) FROM credit_packs k) || ' ' || "
        "       (SELECT md5(coalesce(string_agg(y::text, '|' ORDER BY y.id), '')) FROM payments y) || ' ' || "
        "       (SELECT md5(coalesce(string_agg(n::text, '|' ORDER BY n.id), '')) FROM notifications n)");
    return r.text(0, 0);
  }

  static json::object patientBody(const std::string& name) {
    return {{"name", name},
            {"brief",
             {{"age", 35},
              {"sex", "male"},
              {"referral_reason", "Type 2 diabetes"},
              {"setting", "GP practice"},
              {"difficulty", "intermediate"},
              {"tags", json::array{"diabetes"}}}},
            {"medical_history", "None"},
            {"case", {{"facts", {{"diet", "keto"}}}}},
            {"price_credits", 1}};
  }

  /// Every endpoint that reads a JSON body, with a caller allowed to use it.
  static std::vector<Endpoint> bodyEndpoints() {
    return {
        {"POST",
         "/api/v1/auth/register",
         "",
         {{"email", "would-be@example.test"}, {"password", "0123456789"}, {"first_name", "W"}, {"last_name", "B"}}},
        {"POST", "/api/v1/auth/login", "", {{"email", student.user.email}, {"password", student.password}}},
        {"PATCH", "/api/v1/me", student.token, {{"first_name", "Changed"}}},
        {"POST",
         "/api/v1/me/password",
         student.token,
         {{"current_password", student.password}, {"new_password", "a whole new password"}}},
        {"POST", "/api/v1/patients", instructor.token, patientBody("Would Be")},
        {"PATCH", "/api/v1/patients/" + patientId, instructor.token, {{"name", "Changed"}}},
        {"PATCH", "/api/v1/admin/users/" + student.user.id, admin.token, {{"role", "instructor"}}},
        {"POST", "/api/v1/admin/users/" + student.user.id + "/credits", admin.token,
         {{"credits", 2}, {"description", "Would be"}}},
        {"POST", "/api/v1/sessions", student.token, {{"patient_id", patientId}}},
        {"POST", "/api/v1/admin/credit-packs", admin.token,
         {{"name", "Would be"}, {"credits", 5}, {"price_minor", 500}, {"currency", "eur"}}},
        {"PATCH", "/api/v1/admin/credit-packs/" + packId, admin.token, {{"name", "Changed"}}},
        {"POST", "/api/v1/checkout", student.token, {{"pack_id", packId}}},
    };
  }

  static HttpResult send(const Endpoint& e, std::string body, std::string_view contentType = "application/json") {
    std::map<std::string, std::string> headers;
    if (!e.token.empty()) headers["Authorization"] = "Bearer " + e.token;
    return server->client().request(e.method, e.path, std::move(body), headers, contentType);
  }
  static HttpResult send(const Endpoint& e, const json::object& body) { return send(e, json::serialize(body)); }

  static Endpoint endpoint(const std::string& method, const std::string& pathPrefix) {
    for (const auto& e : bodyEndpoints()) {
      if (e.method == method && e.path.starts_with(pathPrefix)) return e;
    }
    throw std::logic_error("no such endpoint in the table: " + method + " " + pathPrefix);
  }

  static TestServer* server;
  static inline TestServer::Account student, instructor, admin;
  static inline std::string patientId, packId;
  static inline std::int64_t expectedUsers = 0, expectedPatients = 0;
};
TestServer* BadInput::server = nullptr;

}  // namespace

TEST_F(BadInput, MalformedJsonIsRefusedOnEveryEndpointThatTakesABody) {
  const auto before = snapshot();
  const std::vector<std::string> bodies{"",
                                        "{",
                                        "}",
                                        "{\"email\": }",
                                        "{\"name\": \"x\",}",
                                        "{'name': 'x'}",
                                        "{name: \"x\"}",
                                        "{\"name\": \"x\"} {\"name\": \"y\"}",
                                        "{\"name\": \"unterminated}",
                                        "{\"age\": NaN}",
                                        "{\"age\": 0x10}",
                                        "{\"name\": \"tab\tinside\"}",
                                        "nul",
                                        "{\"case\": " + repeat("[", 40) + repeat("]", 40) + "}"};
  for (const auto& e : bodyEndpoints()) {
    for (const auto& body : bodies) {
      SCOPED_TRACE(e.method + " " + e.path + " ← " + body.substr(0, 60));
      expectError(send(e, body), 400, "malformed_json");
    }
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, JsonThatIsNotAnObjectIsRefused) {
  const auto before = snapshot();
  for (const auto& e : bodyEndpoints()) {
    const std::vector<std::string> bodies{"[]",  "[" + json::serialize(e.validBody) + "]", "\"text\"", "42", "null",
                                          "true"};
    for (const auto& body : bodies) {
      SCOPED_TRACE(e.method + " " + e.path + " ← " + body.substr(0, 60));
      expectError(send(e, body), 400, "malformed_json");
    }
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, NonUtf8BytesInTheBodyAreRefused) {
  const auto before = snapshot();
  for (const auto& e : bodyEndpoints()) {
    // A valid body with one string spoiled by bytes that are not UTF-8.
    auto valid = json::serialize(e.validBody);
    const auto quote = valid.find(":\"");
    ASSERT_NE(quote, std::string::npos) << valid;
    const std::vector<std::string> spoilers{"\xFF", "\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFE\xFF"};
    for (const auto& bad : spoilers) {
      auto body = valid;
      body.insert(quote + 2, bad);
      SCOPED_TRACE(e.method + " " + e.path + " ← " + body.substr(0, 60));
      const auto r = send(e, body);
      expectError(r, 400, "malformed_json");
      EXPECT_NE(r.body.find("UTF-8"), std::string::npos) << r.body;
    }
    // Escapes that name no character: lone surrogates.
    for (const std::string& escape : std::vector<std::string>{"\\ud800", "\\udfff", "\\ud800\\u0041"}) {
      auto body = valid;
      body.insert(quote + 2, escape);
      SCOPED_TRACE(e.method + " " + e.path + " ← " + body.substr(0, 60));
      expectError(send(e, body), 400, "malformed_json");
    }
    // A key that is not UTF-8.
    expectError(send(e, "{\"\xFF\": 1}"), 400, "malformed_json");
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, AWrongContentTypeIs415) {
  const auto before = snapshot();
  for (const auto& e : bodyEndpoints()) {
    for (const std::string& type :
         std::vector<std::string>{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                  "application/jsonx", "application/json-patch+json", "text/json"}) {
      SCOPED_TRACE(e.method + " " + e.path + " as " + type);
      expectError(send(e, json::serialize(e.validBody), type), 415, "unsupported_media_type");
    }
    // No Content-Type at all.
    const auto body = json::serialize(e.validBody);
    std::string raw = e.method + " " + e.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!e.token.empty()) raw += "Authorization: Bearer " + e.token + "\r\n";
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    SCOPED_TRACE(e.method + " " + e.path + " without Content-Type");
    expectError(server->client().raw(raw), 415, "unsupported_media_type");
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, ContentTypeParametersAndCaseAreAccepted) {
  auto r = send(endpoint("PATCH", "/api/v1/me"), json::serialize(json::object{{"last_name", "Typed"}}),
                "Application/JSON; charset=UTF-8");
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(text(r.json().at("last_name")), "Typed");
}

TEST_F(BadInput, BodiesOverOneMebibyteAre413) {
  const auto before = snapshot();
  const std::string huge(2 * 1024 * 1024, 'a');
  for (const auto& e : bodyEndpoints()) {
    SCOPED_TRACE(e.method + " " + e.path);
    expectError(send(e, "{\"name\":\"" + huge + "\"}"), 413, "payload_too_large");
  }
  // The same without a Content-Length: a chunked body that grows past the limit.
  std::string chunked =
      "POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  const std::string piece(64 * 1024, 'b');
  chunked += "a\r\n{\"email\":\"\r\n";
  for (int i = 0; i < 32; ++i) chunked += "10000\r\n" + piece + "\r\n";
  chunked += "2\r\n\"}\r\n0\r\n\r\n";
  expectError(server->client().raw(chunked), 413, "payload_too_large");

  // Just under the limit, the body is read and judged on its fields instead.
  auto big = send(endpoint("POST", "/api/v1/patients"),
                  json::serialize(json::object{{"name", "Big"}, {"medical_history", std::string(1000 * 1000, 'm')}}));
  expectError(big, 422, "validation_failed");
  EXPECT_TRUE(fieldsOf(big).contains("medical_history")) << big.body.substr(0, 300);
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, WrongTypesAreNamedFieldByField) {
  const auto before = snapshot();
  struct Case {
    std::string method, path;
    json::object body;
    std::set<std::string> fields;
  };
  const json::object wrongPatient{{"name", 1},
                                  {"brief",
                                   {{"age", "42"},
                                    {"sex", 1},
                                    {"referral_reason", json::array()},
                                    {"setting", json::object()},
                                    {"difficulty", true},
                                    {"tags", "diabetes"}}},
                                  {"medical_history", 5},
                                  {"case", json::array{1, 2}},
                                  {"price_credits", "2"}};
  const std::set<std::string> wrongPatientFields{
      "name",       "brief.age",       "brief.sex", "brief.referral_reason", "brief.setting", "brief.difficulty",
      "brief.tags", "medical_history", "case",      "price_credits"};
  const std::vector<Case> cases{
      {"POST",
       "/api/v1/auth/register",
       {{"email", 1}, {"password", true}, {"first_name", json::array()}, {"last_name", json::object()}},
       {"email", "password", "first_name", "last_name"}},
      {"POST",
       "/api/v1/auth/login",
       {{"email", json::array{"a@b.com"}}, {"password", 1234567890}},
       {"email", "password"}},
      {"PATCH", "/api/v1/me", {{"first_name", 1}, {"last_name", false}}, {"first_name", "last_name"}},
      {"POST",
       "/api/v1/me/password",
       {{"current_password", 1}, {"new_password", json::object()}},
       {"current_password", "new_password"}},
      {"POST", "/api/v1/patients", wrongPatient, wrongPatientFields},
      {"POST", "/api/v1/patients", {{"name", "Ok"}, {"brief", "young woman"}}, {"brief"}},
      {"POST",
       "/api/v1/patients",
       {{"name", "Ok"},
        {"brief",
         {{"age", 42.0},
          {"sex", "F"},
          {"referral_reason", "x"},
          {"setting", "y"},
          {"difficulty", "Beginner"},
          {"tags", json::array{1, 2}}}}},
       {"brief.age", "brief.sex", "brief.difficulty", "brief.tags"}},
      {"PATCH", "/api/v1/patients/", wrongPatient, wrongPatientFields},
      {"PATCH",
       "/api/v1/patients/",
       {{"brief", {{"tags", json::array{""}}}}, {"price_credits", true}},
       {"brief.tags", "price_credits"}},
      {"PATCH", "/api/v1/admin/users/", {{"role", 1}, {"is_active", "false"}}, {"role", "is_active"}},
      {"PATCH", "/api/v1/admin/users/", {{"role", "ADMIN"}, {"is_active", 0}}, {"role", "is_active"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path + " ← " + json::serialize(c.body));
    const auto r = send(endpoint(c.method, c.path), c.body);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), c.fields) << r.body;
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, MissingRequiredFieldsAreNamed) {
  const auto before = snapshot();
  struct Case {
    std::string method, path;
    json::object body;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases{
      {"POST", "/api/v1/auth/register", {}, {"email", "password", "first_name", "last_name"}},
      {"POST",
       "/api/v1/auth/register",
       {{"email", "x@example.test"}, {"password", "0123456789"}},
       {"first_name", "last_name"}},
      {"POST",
       "/api/v1/auth/register",
       {{"email", nullptr}, {"password", nullptr}, {"first_name", "A"}, {"last_name", "B"}},
       {"email", "password"}},
      {"POST", "/api/v1/auth/login", {}, {"email", "password"}},
      {"POST", "/api/v1/auth/login", {{"email", student.user.email}}, {"password"}},
      {"POST", "/api/v1/me/password", {}, {"current_password", "new_password"}},
      {"POST", "/api/v1/me/password", {{"current_password", student.password}}, {"new_password"}},
      {"POST", "/api/v1/patients", {}, {"name", "brief"}},
      {"POST",
       "/api/v1/patients",
       {{"name", "No Brief Fields"}, {"brief", json::object()}},
       {"brief.age", "brief.sex", "brief.referral_reason", "brief.setting", "brief.difficulty"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path + " ← " + json::serialize(c.body));
    const auto r = send(endpoint(c.method, c.path), c.body);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), c.fields) << r.body;
  }
  EXPECT_EQ(fieldMessage(send(endpoint("POST", "/api/v1/auth/login"), json::object{}), "email"), "is required");

  // A PATCH that names nothing to change is refused rather than silently accepted.
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"PATCH", "/api/v1/me"}, {"PATCH", "/api/v1/patients/"}, {"PATCH", "/api/v1/admin/users/"}}) {
    SCOPED_TRACE(method + " " + path + " ← {}");
    expectError(send(endpoint(method, path), json::object{}), 422, "validation_failed");
  }
  expectError(send(endpoint("PATCH", "/api/v1/patients/"), json::object{{"brief", json::object()}}), 422,
              "validation_failed");
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, UnknownFieldsAreRefusedNotIgnored) {
  const auto before = snapshot();
  struct Case {
    std::string method, path;
    json::object body;
    std::set<std::string> fields;
  };
  auto registerAsAdmin = endpoint("POST", "/api/v1/auth/register").validBody;
  registerAsAdmin["role"] = "admin";
  registerAsAdmin["is_active"] = true;
  auto patientWithExtras = patientBody("Extra Ed");
  patientWithExtras["id"] = "00000000-0000-4000-8000-000000000001";
  patientWithExtras["archived"] = true;
  patientWithExtras["created_by"] = admin.user.id;
  patientWithExtras["brief"].as_object()["weight_kg"] = 80;
  const std::vector<Case> cases{
      {"POST", "/api/v1/auth/register", registerAsAdmin, {"role", "is_active"}},
      {"POST",
       "/api/v1/auth/login",
       {{"email", student.user.email}, {"password", student.password}, {"remember_me", true}},
       {"remember_me"}},
      {"PATCH", "/api/v1/me", {{"role", "admin"}}, {"role"}},
      {"PATCH", "/api/v1/me", {{"email", "new@example.test"}}, {"email"}},
      {"PATCH", "/api/v1/me", {{"first_name", "Fine"}, {"credit_balance", 1000}}, {"credit_balance"}},
      {"PATCH", "/api/v1/me", {{"first_name", "Fine"}, {"is_active", true}}, {"is_active"}},
      {"POST",
       "/api/v1/me/password",
       {{"current_password", student.password}, {"new_password", "a whole new password"}, {"confirm", "x"}},
       {"confirm"}},
      {"POST", "/api/v1/patients", patientWithExtras, {"id", "archived", "created_by", "brief.weight_kg"}},
      {"PATCH", "/api/v1/patients/", {{"archived", false}}, {"archived"}},
      {"PATCH", "/api/v1/patients/", {{"name", "Fine"}, {"created_by", admin.user.id}}, {"created_by"}},
      {"PATCH", "/api/v1/patients/", {{"brief", {{"age", 40}, {"bmi", 31}}}}, {"brief.bmi"}},
      {"PATCH", "/api/v1/admin/users/", {{"email", "x@example.test"}}, {"email"}},
      {"PATCH", "/api/v1/admin/users/", {{"role", "student"}, {"credit_balance", 5}}, {"credit_balance"}},
      {"PATCH", "/api/v1/admin/users/", {{"is_active", true}, {"hashed_password", "x"}}, {"hashed_password"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path + " ← " + json::serialize(c.body));
    const auto r = send(endpoint(c.method, c.path), c.body);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), c.fields) << r.body;
    for (const auto& f : c.fields) EXPECT_EQ(fieldMessage(r, f), "is not a known field") << f;
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, InvalidUuidsInPathsAre400) {
  const auto before = snapshot();
  const std::vector<std::string> ids{"123",
                                     "not-a-uuid",
                                     "00000000-0000-0000-0000-00000000000g",
                                     "000000000000000000000000000000000000",
                                     "00000000-0000-0000-0000-0000000000000",
                                     "00000000-0000-0000-0000-00000000000",
                                     "%7B00000000-0000-0000-0000-000000000000%7D",
                                     "0000000000000-0000-0000-000000000000",
                                     "%27%3B%20DROP%20TABLE%20patients%3B--",
                                     "%20" + patientId,
                                     patientId + "%00"};
  auto client = server->client();
  const std::map<std::string, std::string> staffAuth{{"Authorization", "Bearer " + instructor.token}};
  const std::map<std::string, std::string> adminAuth{{"Authorization", "Bearer " + admin.token}};
  for (const auto& id : ids) {
    SCOPED_TRACE(id);
    const auto patient = "/api/v1/patients/" + id;
    expectError(client.get(patient, student.token), 400, "bad_request");
    expectError(client.get(patient, instructor.token), 400, "bad_request");
    expectError(client.patch(patient, {{"name", "Changed"}}, instructor.token), 400, "bad_request");
    expectError(client.del(patient, instructor.token), 400, "bad_request");
    expectError(client.patch("/api/v1/admin/users/" + id, {{"role", "admin"}}, admin.token), 400, "bad_request");
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, SqlInjectionStringsAreStoredAndReturnedVerbatim) {
  auto client = server->client();
  const std::string bobby = "Robert'); DROP TABLE \"user\";--";
  const std::string orTrue = "x' OR '1'='1";
  const std::string email = "o'brien+tables@example.test";
  auto reg = client.post(
      "/api/v1/auth/register",
      {{"email", email}, {"password", "'; DROP TABLE auth_tokens; --"}, {"first_name", bobby}, {"last_name", orTrue}});
  ASSERT_EQ(reg.status, 201u) << reg.body;
  ++expectedUsers;
  EXPECT_EQ(text(reg.json().at("user").at("email")), email);
  EXPECT_EQ(text(reg.json().at("user").at("first_name")), bobby);
  EXPECT_EQ(text(reg.json().at("user").at("last_name")), orTrue);
  auto login = client.post("/api/v1/auth/login", {{"email", email}, {"password", "'; DROP TABLE auth_tokens; --"}});
  ASSERT_EQ(login.status, 200u) << login.body;
  const auto token = text(login.json().at("token"));
  auto me = client.get("/api/v1/me", token);
  EXPECT_EQ(text(me.json().at("first_name")), bobby);
  {
    auto conn = server->pool().acquire();
    auto row = conn->query("SELECT email, first_name, last_name FROM \"user\" WHERE id = $1",
                           text(reg.json().at("user").at("id")));
    ASSERT_EQ(row.rows(), 1);
    EXPECT_EQ(row.text(0, 0), email);
    EXPECT_EQ(row.text(0, 1), bobby);
    EXPECT_EQ(row.text(0, 2), orTrue);
  }

  const std::string name = "Robert'); DROP TABLE patients;--";
  const std::string referral = "' OR '1'='1";
  const std::string setting = "1; DELETE FROM \"user\" WHERE true; --";
  const std::string history = "'); TRUNCATE patients CASCADE; --\n$$ $1 \\' E'\\x41' /* */";
  const json::object caseObject{{"sql", "'); DROP TABLE sessions;--"}, {"$1", "::jsonb"}};
  auto body = patientBody(name);
  body["brief"].as_object()["referral_reason"] = referral;
  body["brief"].as_object()["setting"] = setting;
  body["brief"].as_object()["tags"] = json::array{"'; --", "100%_off"};
  body["medical_history"] = history;
  body["case"] = caseObject;
  auto created = client.post("/api/v1/patients", body, instructor.token);
  ASSERT_EQ(created.status, 201u) << created.body;
  ++expectedPatients;
  const auto id = text(created.json().at("id"));
  auto read = client.get("/api/v1/patients/" + id, instructor.token);
  ASSERT_EQ(read.status, 200u);
  const auto p = read.json().as_object();
  EXPECT_EQ(text(p.at("name")), name);
  EXPECT_EQ(text(p.at("brief").at("referral_reason")), referral);
  EXPECT_EQ(text(p.at("brief").at("setting")), setting);
  EXPECT_EQ(p.at("brief").at("tags"), (json::array{"'; --", "100%_off"}));
  EXPECT_EQ(text(p.at("medical_history")), history);
  EXPECT_EQ(p.at("case"), caseObject);

  // Search takes the text literally: no error, no match-everything.
  const auto total = count("patients WHERE archived_at IS NULL");
  ASSERT_GE(total, 2);
  const auto search = [&](const std::string& query) {
    auto r = client.get("/api/v1/patients?limit=100&" + query, student.token);
    EXPECT_EQ(r.status, 200u) << query << ": " << r.body;
    std::vector<std::string> ids;
    if (r.status != 200) return ids;
    const auto page = r.json();
    for (const auto& item : page.at("items").as_array()) ids.push_back(text(item.at("id")));
    return ids;
  };
  EXPECT_EQ(search("q=" + urlEncode(name)), std::vector<std::string>{id});
  EXPECT_EQ(search("q=" + urlEncode(referral)), std::vector<std::string>{id});
  EXPECT_EQ(search("q=" + urlEncode("%")), std::vector<std::string>{id});  // only the tag 100%_off has a %
  EXPECT_EQ(search("q=" + urlEncode("_")), std::vector<std::string>{id});
  EXPECT_EQ(search("q=" + urlEncode("%_")), std::vector<std::string>{id});
  EXPECT_TRUE(search("q=" + urlEncode("' OR 1=1 --")).empty());
  EXPECT_TRUE(search("q=" + urlEncode("'; DROP TABLE patients; --")).empty());
  EXPECT_TRUE(search("q=" + urlEncode("\\")).empty());
  EXPECT_TRUE(search("q=" + urlEncode("%%%%")).empty());
  EXPECT_EQ(search("tag=" + urlEncode("'; --")), std::vector<std::string>{id});
  EXPECT_TRUE(search("tag=" + urlEncode("' OR '1'='1")).empty());

  // And over users.
  auto users = client.get("/api/v1/admin/users?limit=100&q=" + urlEncode(orTrue), admin.token);
  ASSERT_EQ(users.status, 200u) << users.body;
  ASSERT_EQ(users.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(text(users.json().at("items").at(0).at("email")), email);
  auto none = client.get("/api/v1/admin/users?q=" + urlEncode("' OR ''='"), admin.token);
  ASSERT_EQ(none.status, 200u) << none.body;
  EXPECT_TRUE(none.json().at("items").as_array().empty());

  // PATCH stores it verbatim too.
  auto patched = client.patch("/api/v1/patients/" + id, {{"name", "'; UPDATE patients SET price_credits = 0; --"}},
                              instructor.token);
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(text(patched.json().at("name")), "'; UPDATE patients SET price_credits = 0; --");
  EXPECT_EQ(count("patients WHERE price_credits = 0"), 0);
}

TEST_F(BadInput, NonUtf8OrMalformedPercentEncodingInTheTargetIs400) {
  const auto before = snapshot();
  auto client = server->client();
  const std::vector<std::string> patientQueries{"q=%FF",       "q=%C3",      "q=caf%C3%28",    "tag=%ED%A0%80",
                                                "q=%E0%80%AF", "q=%C0%AF",   "q=%G1",          "q=abc%",
                                                "q=%4",        "cursor=%FF", "difficulty=%FE", "limit=%FF",
                                                "q=a%00b",     "tag=%00"};
  for (const auto& query : patientQueries) {
    SCOPED_TRACE(query);
    expectError(client.get("/api/v1/patients?" + query, student.token), 400, "bad_request");
  }
  for (const std::string& query : std::vector<std::string>{"q=%FF", "role=%FE", "q=%ZZ"}) {
    SCOPED_TRACE(query);
    expectError(client.get("/api/v1/admin/users?" + query, admin.token), 400, "bad_request");
  }
  expectError(client.get("/api/v1/patients/%FF", student.token), 400, "bad_request");
  expectError(client.patch("/api/v1/patients/" + patientId + "%FF", {{"name", "Changed"}}, instructor.token), 400,
              "bad_request");
  // Raw bytes above 0x7F in the request line.
  const auto raw = client.raw("GET /api/v1/patients?q=\xFF\xFE HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                              student.token + "\r\nConnection: close\r\n\r\n");
  expectError(raw, 400, "bad_request");
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, PagingParametersOutOfRangeOrForgedAre400) {
  auto client = server->client();
  for (const std::string& limit : std::vector<std::string>{"0", "101", "-1", "abc", "1.5", "10abc", "%205",
                                                           "99999999999999999999", "0x10", "+5", "1e1"}) {
    SCOPED_TRACE("limit=" + limit);
    expectError(client.get("/api/v1/patients?limit=" + limit, student.token), 400, "bad_request");
    expectError(client.get("/api/v1/admin/users?limit=" + limit, admin.token), 400, "bad_request");
  }
  EXPECT_EQ(client.get("/api/v1/patients?limit=1", student.token).status, 200u);
  EXPECT_EQ(client.get("/api/v1/patients?limit=100", student.token).status, 200u);

  // A cursor is only data: one forged in the server's own format works…
  auto forged =
      client.get("/api/v1/patients?cursor=" + base64url("[\"fixture fiona\",\"" + patientId + "\"]"), student.token);
  EXPECT_EQ(forged.status, 200u) << forged.body;
  // …and anything else is refused, never a 500.
  const std::vector<std::string> patientCursors{"!!!",
                                                "AAAA",
                                                base64url("[1,2]"),
                                                base64url("[\"a\"]"),
                                                base64url("[\"a\",\"b\",\"c\"]"),
                                                base64url("[\"anna\",\"not-a-uuid\"]"),
                                                base64url("[\"anna\",\"" + patientId + "'; --\"]"),
                                                base64url("[\"anna\",null]"),
                                                base64url("{\"name\":\"anna\"}"),
                                                base64url("[\"\xFF\",\"" + patientId + "\"]"),
                                                base64url("[\"\\ud800\",\"" + patientId + "\"]"),
                                                base64url("[\"anna\",\"" + patientId + "\"]") + "==",
                                                repeat("A", 3000)};
  for (const auto& cursor : patientCursors) {
    SCOPED_TRACE("patients cursor=" + cursor.substr(0, 60));
    expectError(client.get("/api/v1/patients?cursor=" + urlEncode(cursor), student.token), 400, "bad_request");
  }
  const std::vector<std::string> userCursors{"!!!",
                                             base64url("[1]"),
                                             base64url("[null]"),
                                             base64url("[\"a\",\"b\"]"),
                                             base64url("\"a@example.test\""),
                                             base64url("[\"\xC3\"]"),
                                             repeat("A", 3000)};
  for (const auto& cursor : userCursors) {
    SCOPED_TRACE("users cursor=" + cursor.substr(0, 60));
    expectError(client.get("/api/v1/admin/users?cursor=" + urlEncode(cursor), admin.token), 400, "bad_request");
  }
}

TEST_F(BadInput, UnknownFilterValuesAre400) {
  auto client = server->client();
  for (const std::string& query : std::vector<std::string>{
           "difficulty=expert", "difficulty=ADVANCED", "difficulty=beginner%20", "include_archived=yes",
           "include_archived=1", "q=" + repeat("q", 201), "tag=" + repeat("t", 41)}) {
    SCOPED_TRACE(query.substr(0, 60));
    expectError(client.get("/api/v1/patients?" + query, instructor.token), 400, "bad_request");
  }
  for (const std::string& query :
       std::vector<std::string>{"role=superuser", "role=Admin", "role=students", "q=" + repeat("q", 201)}) {
    SCOPED_TRACE(query.substr(0, 60));
    expectError(client.get("/api/v1/admin/users?" + query, admin.token), 400, "bad_request");
  }
  // The limits count characters, not bytes.
  EXPECT_EQ(client.get("/api/v1/patients?q=" + urlEncode(repeat("é", 200)), student.token).status, 200u);
}

TEST_F(BadInput, OverlongTextIs422) {
  const auto before = snapshot();
  struct Case {
    std::string method, path;
    json::object body;
    std::string field;
  };
  const auto longName = repeat("x", 101);
  const auto longAccented = repeat("é", 101);
  auto reg = endpoint("POST", "/api/v1/auth/register").validBody;
  auto regFirst = reg, regLast = reg, regEmail = reg;
  regFirst["first_name"] = longName;
  regLast["last_name"] = longAccented;
  regEmail["email"] = repeat("a", 64) + "@" + repeat("b", 63) + "." + repeat("c", 63) + "." + repeat("d", 63) + ".com";
  auto pName = patientBody(longName), pReferral = patientBody("Ok"), pTag = patientBody("Ok"),
       pTags = patientBody("Ok"), pHistory = patientBody("Ok"), pCase = patientBody("Ok");
  pReferral["brief"].as_object()["referral_reason"] = repeat("r", 501);
  pTag["brief"].as_object()["tags"] = json::array{repeat("t", 41)};
  json::array manyTags;
  for (int i = 0; i < 21; ++i) manyTags.emplace_back("tag" + std::to_string(i));
  pTags["brief"].as_object()["tags"] = manyTags;
  pHistory["medical_history"] = repeat("h", 20001);
  pCase["case"] = json::object{{"notes", repeat("c", 300 * 1024)}};
  const std::vector<Case> cases{
      {"POST", "/api/v1/auth/register", regFirst, "first_name"},
      {"POST", "/api/v1/auth/register", regLast, "last_name"},
      {"POST", "/api/v1/auth/register", regEmail, "email"},
      {"POST",
       "/api/v1/auth/register",
       {{"email", "x@example.test"}, {"password", repeat("p", 1025)}, {"first_name", "A"}, {"last_name", "B"}},
       "password"},
      {"PATCH", "/api/v1/me", {{"first_name", longName}}, "first_name"},
      {"PATCH", "/api/v1/me", {{"last_name", longAccented}}, "last_name"},
      {"POST",
       "/api/v1/me/password",
       {{"current_password", student.password}, {"new_password", repeat("p", 1025)}},
       "new_password"},
      {"POST", "/api/v1/patients", pName, "name"},
      {"POST", "/api/v1/patients", pReferral, "brief.referral_reason"},
      {"POST", "/api/v1/patients", pTag, "brief.tags"},
      {"POST", "/api/v1/patients", pTags, "brief.tags"},
      {"POST", "/api/v1/patients", pHistory, "medical_history"},
      {"POST", "/api/v1/patients", pCase, "case"},
      {"PATCH", "/api/v1/patients/", {{"name", longAccented}}, "name"},
      {"PATCH", "/api/v1/patients/", {{"brief", {{"setting", repeat("s", 501)}}}}, "brief.setting"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path + " → " + c.field);
    const auto r = send(endpoint(c.method, c.path), c.body);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{c.field}) << r.body.substr(0, 400);
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, ControlCharactersInNamesAre422) {
  const auto before = snapshot();
  const std::vector<std::string> spoiled{std::string("Ann\0a", 5),
                                         "Ann\na",
                                         "Ann\ta",
                                         "Ann\ra",
                                         "Ann\x1b[31ma",
                                         "Ann\x7f"
                                         "a",
                                         "Ann\x08"
                                         "a",
                                         "Ann\xC2\x85"
                                         "a",
                                         "Ann\xC2\x9B"
                                         "31m"};
  for (const auto& value : spoiled) {
    SCOPED_TRACE(json::serialize(json::value(value)));
    auto reg = endpoint("POST", "/api/v1/auth/register").validBody;
    reg["first_name"] = value;
    auto r = send(endpoint("POST", "/api/v1/auth/register"), reg);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{"first_name"});

    r = send(endpoint("PATCH", "/api/v1/me"), json::object{{"last_name", value}});
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{"last_name"});

    r = send(endpoint("POST", "/api/v1/patients"), patientBody(value));
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{"name"});

    r = send(endpoint("PATCH", "/api/v1/patients/"),
             json::object{{"name", value}, {"brief", {{"tags", json::array{value}}, {"setting", value}}}});
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), (std::set<std::string>{"name", "brief.tags", "brief.setting"}));

    reg["first_name"] = "Fine";
    reg["email"] = "ann" + value + "@example.test";
    r = send(endpoint("POST", "/api/v1/auth/register"), reg);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{"email"});
  }
  // Free text allows line breaks and tabs, but not other controls.
  auto r = send(endpoint("PATCH", "/api/v1/patients/"), json::object{{"medical_history", std::string("a\0b", 3)}});
  expectError(r, 422, "validation_failed");
  EXPECT_EQ(fieldsOf(r), std::set<std::string>{"medical_history"});
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, PasswordsShorterThanTenCharactersAre422) {
  const auto before = snapshot();
  for (const std::string& password : std::vector<std::string>{"", "123456789", "ééééééééé", "short"}) {
    SCOPED_TRACE(password);
    auto reg = endpoint("POST", "/api/v1/auth/register").validBody;
    reg["password"] = password;
    auto r = send(endpoint("POST", "/api/v1/auth/register"), reg);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{"password"});

    r = send(endpoint("POST", "/api/v1/me/password"),
             json::object{{"current_password", student.password}, {"new_password", password}});
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{"new_password"});
  }
  EXPECT_EQ(snapshot(), before);
  // The old password still signs in.
  EXPECT_EQ(server->client()
                .post("/api/v1/auth/login", {{"email", student.user.email}, {"password", student.password}})
                .status,
            200u);
}

TEST_F(BadInput, MalformedEmailsAre422) {
  const auto before = snapshot();
  for (const std::string& email : std::vector<std::string>{
           "a@b",        "@b.com",       "a b@c.com",  "a@@b.com",  "a@b..com",  "a@-b.com",
           "a@b.com.",   ".a@b.com",     "a..b@c.com", "a@b_c.com", "ä@b.com",   "a@bä.com",
           "",           "   ",          "a@",         "a",         "<a@b.com>", "a@b.com, c@d.com",
           "a\"b@c.com", "a@[127.0.0.1]"}) {
    SCOPED_TRACE("«" + email + "»");
    auto reg = endpoint("POST", "/api/v1/auth/register").validBody;
    reg["email"] = email;
    auto r = send(endpoint("POST", "/api/v1/auth/register"), reg);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{"email"}) << r.body;
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, RegisteringAnExistingEmailInAnotherCaseIs409) {
  auto client = server->client();
  auto first = client.post(
      "/api/v1/auth/register",
      {{"email", "Dup.Case@Example.test"}, {"password", "0123456789"}, {"first_name", "D"}, {"last_name", "C"}});
  ASSERT_EQ(first.status, 201u) << first.body;
  ++expectedUsers;
  const auto before = snapshot();
  for (const std::string& email :
       std::vector<std::string>{"dup.case@example.test", "DUP.CASE@EXAMPLE.TEST", "  dUp.CaSe@example.TEST  "}) {
    SCOPED_TRACE(email);
    expectError(client.post("/api/v1/auth/register",
                            {{"email", email}, {"password", "9876543210"}, {"first_name", "E"}, {"last_name", "F"}}),
                409, "email_taken");
  }
  // An account made by an admin (or an older deployment) counts too.
  std::string upper = student.user.email;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  expectError(client.post("/api/v1/auth/register",
                          {{"email", upper}, {"password", "9876543210"}, {"first_name", "E"}, {"last_name", "F"}}),
              409, "email_taken");
  EXPECT_EQ(count("\"user\" WHERE lower(email) = 'dup.case@example.test'"), 1);
  EXPECT_EQ(snapshot(), before);
  // The original password still works; the refused one does not.
  EXPECT_EQ(client.post("/api/v1/auth/login", {{"email", "dup.case@example.test"}, {"password", "0123456789"}}).status,
            200u);
}

TEST_F(BadInput, NumbersOutOfRangeAre422) {
  const auto before = snapshot();
  struct Case {
    json::value value;
    std::string field;
  };
  for (const auto& [value, field] : std::vector<Case>{{-1, "brief.age"},
                                                      {121, "brief.age"},
                                                      {42.5, "brief.age"},
                                                      {1e2, "brief.age"},
                                                      {json::value(18446744073709551615ull), "brief.age"},
                                                      {0, "price_credits"},
                                                      {101, "price_credits"},
                                                      {-5, "price_credits"},
                                                      {1.0, "price_credits"}}) {
    SCOPED_TRACE(field + " = " + json::serialize(value));
    auto body = patientBody("Numbers");
    if (field == "brief.age")
      body["brief"].as_object()["age"] = value;
    else
      body["price_credits"] = value;
    auto r = send(endpoint("POST", "/api/v1/patients"), body);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{field});

    json::object patch;
    if (field == "brief.age")
      patch["brief"] = json::object{{"age", value}};
    else
      patch["price_credits"] = value;
    r = send(endpoint("PATCH", "/api/v1/patients/"), patch);
    expectError(r, 422, "validation_failed");
    EXPECT_EQ(fieldsOf(r), std::set<std::string>{field});
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, MalformedAuthorizationHeadersAre401) {
  const auto before = snapshot();
  auto client = server->client();
  auto spoiled = student.token;
  spoiled[0] = spoiled[0] == 'A' ? 'B' : 'A';
  for (const std::string& value :
       std::vector<std::string>{"Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + std::string(43, '!'),
                                "Bearer " + student.token + "x", "Bearer " + spoiled, "Bearer  " + student.token,
                                "Bearer " + student.token.substr(0, 42), "Token " + student.token}) {
    SCOPED_TRACE(value);
    expectError(client.request("GET", "/api/v1/me", std::nullopt, {{"Authorization", value}}), 401, "unauthenticated");
    expectError(
        client.request("PATCH", "/api/v1/me", std::string("{\"first_name\":\"Changed\"}"), {{"Authorization", value}}),
        401, "unauthenticated");
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(BadInput, TheLimitsThemselvesAreAccepted) {
  // The positive side of the boundaries above: exactly at each limit is fine.
  auto client = server->client();
  auto reg = client.post("/api/v1/auth/register", {{"email", "limits@example.test"},
                                                   {"password", "ééééééééé1"},
                                                   {"first_name", repeat("é", 100)},
                                                   {"last_name", repeat("x", 100)}});
  ASSERT_EQ(reg.status, 201u) << reg.body;
  ++expectedUsers;
  EXPECT_EQ(text(reg.json().at("user").at("first_name")), repeat("é", 100));

  auto body = patientBody(repeat("ß", 100));
  json::array tags;
  for (int i = 0; i < 20; ++i) tags.emplace_back(std::to_string(i) + repeat("t", 38));
  body["brief"].as_object()["tags"] = tags;
  body["brief"].as_object()["age"] = 120;
  body["brief"].as_object()["referral_reason"] = repeat("r", 500);
  body["medical_history"] = "Line one\n\tindented\r\nline three " + repeat("h", 19900);
  body["price_credits"] = 100;
  auto created = client.post("/api/v1/patients", body, instructor.token);
  ASSERT_EQ(created.status, 201u) << created.body.substr(0, 300);
  ++expectedPatients;
  EXPECT_EQ(text(created.json().at("name")), repeat("ß", 100));
  EXPECT_EQ(created.json().at("brief").at("tags").as_array().size(), 20u);
  EXPECT_EQ(text(created.json().at("medical_history")), text(body.at("medical_history")));
}
