#include "tests/support/json_testing.h"
#include "tests/support/test_server.h"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

using namespace practicum;
using namespace practicum::test;
namespace json = boost::json;

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  return s;
}

class AdminApi : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new TestServer();
    admin = server->createAccount(Role::Admin);
    otherAdmin = server->createAccount(Role::Admin);
    instructor = server->createAccount(Role::Instructor);
    for (int i = 0; i < 5; ++i) students.push_back(server->createAccount(Role::Student));
    // A row of the pre-existing deployment: mixed-case email, no names, stored before our rules.
    auto conn = server->pool().acquire();
    conn->query("INSERT INTO \"user\" (email, hashed_password) VALUES ($1, 'legacy-bcrypt-hash')",
                "Legacy.Mixed@Example.TEST");
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }

  static std::vector<std::string> sqlColumn(std::string_view sql, const std::string& param) {
    auto conn = server->pool().acquire();
    auto r = conn->query(sql, param);
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
  }

  /// Follows next_cursor through /admin/users; the ids in the order received.
  static std::vector<std::string> walk(const std::string& query, int limit) {
    auto client = server->client();
    std::vector<std::string> ids;
    std::optional<std::string> cursor;
    for (int page = 0; page < 200; ++page) {
      std::string target = "/api/v1/admin/users?limit=" + std::to_string(limit) + query;
      if (cursor) target += "&cursor=" + urlEncode(*cursor);
      auto r = client.get(target, admin.token);
      if (r.status != 200) {
        ADD_FAILURE() << target << ": " << r.body;
        return ids;
      }
      const auto body = r.json().as_object();
      const auto& items = body.at("items").as_array();
      EXPECT_LE(items.size(), static_cast<std::size_t>(limit));
      for (const auto& item : items) {
        EXPECT_FALSE(item.as_object().contains("hashed_password"));
        EXPECT_FALSE(item.as_object().contains("password"));
        ids.push_back(text(item.at("id")));
      }
      if (body.at("next_cursor").is_null()) return ids;
      cursor = text(body.at("next_cursor"));
    }
    ADD_FAILURE() << "the walk did not end after 200 pages (limit " << limit << ")";
    return ids;
  }

  static std::vector<std::string> listEmails(const std::string& query) {
    auto r = server->client().get("/api/v1/admin/users?limit=100" + query, admin.token);
    EXPECT_EQ(r.status, 200u) << r.body;
    return itemTexts(r, "email");
  }

  static TestServer* server;
  static inline TestServer::Account admin, otherAdmin, instructor;
  static inline std::vector<TestServer::Account> students;
};
TestServer* AdminApi::server = nullptr;

}  // namespace

TEST_F(AdminApi, ListWalksEveryUserOnceOrderedByEmail) {
  const auto expected = sqlColumn("SELECT id::text FROM \"user\" WHERE $1 = $1 ORDER BY lower(email)", "x");
  ASSERT_GE(expected.size(), 9u);
  for (int limit : {1, 2, 3, 100}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    const auto ids = walk("", limit);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "duplicates";
    EXPECT_EQ(ids, expected);
  }
}

TEST_F(AdminApi, ListShowsEachUsersRoleStateAndBalance) {
  {
    auto conn = server->pool().acquire();
    conn->query("UPDATE \"user\" SET credit_balance = 12 WHERE id = $1", students[0].user.id);
  }
  auto r = server->client().get("/api/v1/admin/users?limit=100&q=" + urlEncode(students[0].user.email), admin.token);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto items = itemsOf(r);
  ASSERT_EQ(items.size(), 1u);
  const auto& u = items.at(0).as_object();
  EXPECT_EQ(text(u.at("id")), students[0].user.id);
  EXPECT_EQ(text(u.at("role")), "student");
  EXPECT_TRUE(u.at("is_active").as_bool());
  EXPECT_EQ(u.at("credit_balance").as_int64(), 12);
  EXPECT_FALSE(u.contains("hashed_password"));
}

TEST_F(AdminApi, QSearchesEmailAndNamesCaseInsensitively) {
  {
    auto conn = server->pool().acquire();
    conn->query("UPDATE \"user\" SET first_name = 'Hypatia', last_name = 'Of Alexandria' WHERE id = $1",
                students[1].user.id);
    conn->query("UPDATE \"user\" SET last_name = 'Hypatiadottir' WHERE id = $1", students[2].user.id);
  }
  EXPECT_EQ(listEmails("&q=" + urlEncode(upper(students[3].user.email))),
            std::vector<std::string>{students[3].user.email});
  EXPECT_EQ(listEmails("&q=alexandria"), std::vector<std::string>{students[1].user.email});
  const auto both = listEmails("&q=HYPATIA");
  EXPECT_EQ(std::set<std::string>(both.begin(), both.end()),
            (std::set<std::string>{students[1].user.email, students[2].user.email}));
  EXPECT_EQ(listEmails("&q=legacy.mixed"), std::vector<std::string>{"Legacy.Mixed@Example.TEST"});
  EXPECT_TRUE(listEmails("&q=no-such-person-anywhere").empty());
  // Wildcards are literal.
  EXPECT_TRUE(listEmails("&q=%25").empty());
  EXPECT_TRUE(listEmails("&q=_").empty());
}

TEST_F(AdminApi, RoleFilterReturnsExactlyThatRoleAndCombinesWithPaging) {
  for (const std::string& role : std::vector<std::string>{"student", "instructor", "admin"}) {
    SCOPED_TRACE(role);
    const auto expected = sqlColumn("SELECT id::text FROM \"user\" WHERE role = $1 ORDER BY lower(email)", role);
    ASSERT_FALSE(expected.empty());
    auto r = server->client().get("/api/v1/admin/users?limit=100&role=" + role, admin.token);
    ASSERT_EQ(r.status, 200u) << r.body;
    std::vector<std::string> ids;
    for (const auto& item : itemsOf(r)) {
      EXPECT_EQ(text(item.at("role")), role);
      ids.push_back(text(item.at("id")));
    }
    EXPECT_EQ(ids, expected);
    EXPECT_EQ(walk("&role=" + role, 2), expected);
  }
  EXPECT_EQ(listEmails("&role=admin&q=" + urlEncode(admin.user.email)), std::vector<std::string>{admin.user.email});
  EXPECT_TRUE(listEmails("&role=student&q=" + urlEncode(admin.user.email)).empty());
}

TEST_F(AdminApi, RoleChangeTakesEffectOnTheUsersExistingToken) {
  const auto& target = students[4];
  auto client = server->client();
  auto promote = client.patch("/api/v1/admin/users/" + target.user.id, {{"role", "instructor"}}, admin.token);
  ASSERT_EQ(promote.status, 200u) << promote.body;
  EXPECT_EQ(text(promote.json().at("role")), "instructor");
  EXPECT_EQ(text(promote.json().at("id")), target.user.id);
  EXPECT_TRUE(promote.json().at("is_active").as_bool());  // untouched

  // The same token now has staff rights: it sees structured cases.
  auto me = client.get("/api/v1/me", target.token);
  EXPECT_EQ(text(me.json().at("role")), "instructor");
  json::object patient{{"name", "Role Probe"},
                       {"brief",
                        {{"age", 30},
                         {"sex", "male"},
                         {"referral_reason", "Probe"},
                         {"setting", "Clinic"},
                         {"difficulty", "beginner"}}}};
  auto created = client.post("/api/v1/patients", patient, target.token);
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto patientPath = "/api/v1/patients/" + text(created.json().at("id"));
  EXPECT_TRUE(client.get(patientPath, target.token).json().as_object().contains("case"));

  auto demote = client.patch("/api/v1/admin/users/" + target.user.id, {{"role", "student"}}, admin.token);
  ASSERT_EQ(demote.status, 200u) << demote.body;
  EXPECT_EQ(text(demote.json().at("role")), "student");
  EXPECT_FALSE(client.get(patientPath, target.token).json().as_object().contains("case"));
  EXPECT_EQ(client.post("/api/v1/patients", patient, target.token).status, 403u);
}

TEST_F(AdminApi, DeactivationKillsTheUsersTokensAtOnceAndRefusesLogin) {
  auto victim = server->createAccount(Role::Student);
  auto client = server->client();
  ASSERT_EQ(client.get("/api/v1/me", victim.token).status, 200u);

  auto off = client.patch("/api/v1/admin/users/" + victim.user.id, {{"is_active", false}}, admin.token);
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_FALSE(off.json().at("is_active").as_bool());
  EXPECT_EQ(text(off.json().at("role")), "student");  // untouched

  auto dead = client.get("/api/v1/me", victim.token);
  EXPECT_EQ(dead.status, 401u);
  EXPECT_EQ(dead.errorCode(), "unauthenticated");
  EXPECT_EQ(client.get("/api/v1/patients", victim.token).status, 401u);

  auto login = client.post("/api/v1/auth/login", {{"email", victim.user.email}, {"password", victim.password}});
  EXPECT_EQ(login.status, 403u) << login.body;
  EXPECT_EQ(login.errorCode(), "forbidden");
  EXPECT_TRUE(login.json().as_object().at("error").as_object().contains("message"));
  EXPECT_EQ(login.body.find("token\""), std::string::npos);
  // The wrong password still gets the ordinary answer: deactivation is not revealed to guessers.
  auto guess = client.post("/api/v1/auth/login", {{"email", victim.user.email}, {"password", "not the password"}});
  EXPECT_EQ(guess.status, 401u);
  EXPECT_EQ(guess.errorCode(), "invalid_credentials");

  auto on = client.patch("/api/v1/admin/users/" + victim.user.id, {{"is_active", true}}, admin.token);
  ASSERT_EQ(on.status, 200u) << on.body;
  EXPECT_TRUE(on.json().at("is_active").as_bool());
  // Reactivation does not revive the tokens of before: whoever held one must sign in again.
  EXPECT_EQ(client.get("/api/v1/me", victim.token).status, 401u);
  EXPECT_EQ(client.post("/api/v1/auth/login", {{"email", victim.user.email}, {"password", victim.password}}).status,
            200u);
}

TEST_F(AdminApi, AnAdminCannotDemoteOrDeactivateThemself) {
  auto client = server->client();
  const auto self = "/api/v1/admin/users/" + admin.user.id;
  const auto selfUpper = "/api/v1/admin/users/" + upper(admin.user.id);
  for (const auto& path : {self, selfUpper}) {
    SCOPED_TRACE(path);
    for (const auto& body :
         {json::object{{"role", "student"}}, json::object{{"role", "instructor"}}, json::object{{"is_active", false}},
          json::object{{"role", "admin"}, {"is_active", false}}}) {
      auto r = client.patch(path, body, admin.token);
      EXPECT_EQ(r.status, 409u) << json::serialize(body) << " → " << r.body;
      EXPECT_EQ(r.errorCode(), "conflict");
    }
  }
  auto conn = server->pool().acquire();
  auto row = conn->query("SELECT role, is_active FROM \"user\" WHERE id = $1", admin.user.id);
  ASSERT_EQ(row.rows(), 1);
  EXPECT_EQ(row.text(0, 0), "admin");
  EXPECT_TRUE(row.boolean(0, 1));
  EXPECT_EQ(client.get("/api/v1/me", admin.token).status, 200u);

  // Harmless self-updates are allowed.
  auto same = client.patch(self, {{"role", "admin"}, {"is_active", true}}, admin.token);
  EXPECT_EQ(same.status, 200u) << same.body;

  // Another admin may demote this one (and then restore them).
  auto other = client.patch("/api/v1/admin/users/" + otherAdmin.user.id, {{"role", "instructor"}}, admin.token);
  ASSERT_EQ(other.status, 200u) << other.body;
  EXPECT_EQ(text(other.json().at("role")), "instructor");
  EXPECT_EQ(client.get("/api/v1/admin/users", otherAdmin.token).status, 403u);
  ASSERT_EQ(client.patch("/api/v1/admin/users/" + otherAdmin.user.id, {{"role", "admin"}}, admin.token).status, 200u);
  EXPECT_EQ(client.get("/api/v1/admin/users", otherAdmin.token).status, 200u);
}

TEST_F(AdminApi, PatchOfAnUnknownUserIs404) {
  auto r = server->client().patch("/api/v1/admin/users/7d0e8f4a-1b2c-4d3e-9f5a-6b7c8d9e0f1a", {{"role", "student"}},
                                  admin.token);
  EXPECT_EQ(r.status, 404u) << r.body;
  EXPECT_EQ(r.errorCode(), "not_found");
}
