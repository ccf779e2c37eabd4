#include "tests/support/json_testing.h"
#include "tests/support/test_server.h"

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace practicum;
using namespace practicum::test;
namespace json = boost::json;

namespace {

json::object patientBody(const std::string& name, json::array tags = {}, const std::string& difficulty = "beginner",
                         const std::string& referral = "Weight management") {
  return {
      {"name", name},
      {"brief",
       {{"age", 42},
        {"sex", "female"},
        {"referral_reason", referral},
        {"setting", "Outpatient clinic"},
        {"difficulty", difficulty},
        {"tags", std::move(tags)}}},
      {"medical_history", "Hypertension since 2015.\nNo known allergies."},
      {"case", {{"facts", {{"diet", "vegetarian"}, {"meals_per_day", 3}}}, {"goals", json::array{"sleep", "energy"}}}},
      {"price_credits", 2}};
}

class PatientsApi : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new TestServer();
    student = server->createAccount(Role::Student);
    instructor = server->createAccount(Role::Instructor);
    admin = server->createAccount(Role::Admin);
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }

  /// Creates a patient as the instructor; throws (failing the test) unless 201.
  static json::object create(const json::object& body) {
    auto r = server->client().post("/api/v1/patients", body, instructor.token);
    if (r.status != 201) throw std::runtime_error("creating a patient failed: " + r.body);
    return r.json().as_object();
  }

  static std::vector<std::string> sqlColumn(std::string_view sql, const std::string& param) {
    auto conn = server->pool().acquire();
    auto r = conn->query(sql, param);
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
  }

  static std::string sqlText(std::string_view sql, const std::string& a, const std::string& b) {
    auto conn = server->pool().acquire();
    auto r = conn->query(sql, a, b);
    return r.empty() ? std::string() : r.text(0, 0);
  }

  /// Follows next_cursor from the first page to the last; the ids in the order received.
  static std::vector<std::string> walk(const std::string& query, int limit, const std::string& token) {
    auto client = server->client();
    std::vector<std::string> ids;
    std::optional<std::string> cursor;
    for (int page = 0; page < 500; ++page) {
      std::string target = "/api/v1/patients?limit=" + std::to_string(limit) + query;
      if (cursor) target += "&cursor=" + urlEncode(*cursor);
      auto r = client.get(target, token);
      if (r.status != 200) {
        ADD_FAILURE() << target << ": " << r.body;
        return ids;
      }
      const auto body = r.json().as_object();
      const auto& items = body.at("items").as_array();
      EXPECT_LE(items.size(), static_cast<std::size_t>(limit));
      for (const auto& item : items) ids.push_back(text(item.at("id")));
      const auto& next = body.at("next_cursor");
      if (items.size() < static_cast<std::size_t>(limit)) {
        EXPECT_TRUE(next.is_null()) << "a short page ends the walk";
      }
      if (next.is_null()) return ids;
      cursor = text(next);
    }
    ADD_FAILURE() << "the walk did not end after 500 pages (limit " << limit << ")";
    return ids;
  }

  static std::vector<std::string> listIds(const std::string& query, const std::string& token) {
    auto r = server->client().get("/api/v1/patients?limit=100" + query, token);
    EXPECT_EQ(r.status, 200u) << r.body;
    return itemTexts(r, "id");
  }

  static TestServer* server;
  static inline TestServer::Account student, instructor, admin;
};
TestServer* PatientsApi::server = nullptr;

}  // namespace

TEST_F(PatientsApi, CreateAnswers201WithLocationAndTheFullStaffView) {
  auto body = patientBody("  Margaret Hale  ", {"diabetes", "elderly"}, "intermediate");
  auto r = server->client().post("/api/v1/patients", body, instructor.token);
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto p = r.json().as_object();
  const auto id = text(p.at("id"));
  EXPECT_EQ(r.headers.at("location"), "/api/v1/patients/" + id);
  EXPECT_EQ(text(p.at("name")), "Margaret Hale");
  const auto& brief = p.at("brief").as_object();
  EXPECT_EQ(brief.at("age").as_int64(), 42);
  EXPECT_EQ(text(brief.at("sex")), "female");
  EXPECT_EQ(text(brief.at("referral_reason")), "Weight management");
  EXPECT_EQ(text(brief.at("setting")), "Outpatient clinic");
  EXPECT_EQ(text(brief.at("difficulty")), "intermediate");
  EXPECT_EQ(brief.at("tags"), (json::array{"diabetes", "elderly"}));
  EXPECT_EQ(text(p.at("medical_history")), "Hypertension since 2015.\nNo known allergies.");
  EXPECT_EQ(p.at("case"), body.at("case"));
  EXPECT_EQ(p.at("price_credits").as_int64(), 2);
  EXPECT_FALSE(p.at("archived").as_bool());
  EXPECT_EQ(text(p.at("created_by")), instructor.user.id);

  // The Location answers the same representation.
  auto again = server->client().get(r.headers.at("location"), instructor.token);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.json(), r.json());
}

TEST_F(PatientsApi, CreateFillsDefaultsForOptionalFields) {
  json::object body{{"name", "Minimal Mo"},
                    {"brief",
                     {{"age", 0},
                      {"sex", "other"},
                      {"referral_reason", "Infant feeding"},
                      {"setting", "Home visit"},
                      {"difficulty", "advanced"}}}};
  auto r = server->client().post("/api/v1/patients", body, admin.token);
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto p = r.json().as_object();
  EXPECT_EQ(p.at("brief").at("tags"), json::array());
  EXPECT_EQ(text(p.at("medical_history")), "");
  EXPECT_EQ(p.at("case"), json::object());
  EXPECT_EQ(p.at("price_credits").as_int64(), 1);
  EXPECT_EQ(text(p.at("created_by")), admin.user.id);
}

TEST_F(PatientsApi, StudentsNeverReceiveTheCaseOrItsAuthorStaffDo) {
  const auto created = create(patientBody("Case Hidden", {"visibility-check"}));
  const auto id = text(created.at("id"));
  auto client = server->client();

  auto one = client.get("/api/v1/patients/" + id, student.token);
  ASSERT_EQ(one.status, 200u) << one.body;
  const auto p = one.json().as_object();
  EXPECT_FALSE(p.contains("case"));
  EXPECT_FALSE(p.contains("created_by"));
  EXPECT_EQ(one.body.find("vegetarian"), std::string::npos);
  EXPECT_EQ(text(p.at("name")), "Case Hidden");
  EXPECT_EQ(text(p.at("brief").at("referral_reason")), "Weight management");
  EXPECT_EQ(p.at("brief").at("tags"), (json::array{"visibility-check"}));
  EXPECT_EQ(p.at("price_credits").as_int64(), 2);

  auto list = client.get("/api/v1/patients?limit=100", student.token);
  ASSERT_EQ(list.status, 200u) << list.body;
  ASSERT_FALSE(list.json().at("items").as_array().empty());
  for (const auto& item : itemsOf(list)) {
    EXPECT_FALSE(item.as_object().contains("case")) << json::serialize(item);
    EXPECT_FALSE(item.as_object().contains("created_by")) << json::serialize(item);
  }
  EXPECT_EQ(list.body.find("vegetarian"), std::string::npos);

  for (const auto* staff : {&instructor, &admin}) {
    auto staffOne = client.get("/api/v1/patients/" + id, staff->token);
    ASSERT_EQ(staffOne.status, 200u);
    EXPECT_EQ(staffOne.json().at("case"), created.at("case"));
    EXPECT_EQ(text(staffOne.json().at("created_by")), instructor.user.id);
    auto staffList = client.get("/api/v1/patients?limit=100", staff->token);
    ASSERT_EQ(staffList.status, 200u);
    for (const auto& item : itemsOf(staffList)) {
      EXPECT_TRUE(item.as_object().contains("case"));
      EXPECT_TRUE(item.as_object().contains("created_by"));
    }
  }
}

TEST_F(PatientsApi, GetOfAnUnknownIdIs404) {
  auto r = server->client().get("/api/v1/patients/3f1c2a44-5b6d-4e7f-8a9b-0c1d2e3f4a5b", student.token);
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.errorCode(), "not_found");
}

TEST_F(PatientsApi, PatchChangesOnlyTheNamedFieldsEvenInsideTheBrief) {
  const auto original = create(patientBody("Patchy Pat", {"patch-me"}, "beginner"));
  const auto id = text(original.at("id"));
  auto client = server->client();

  auto age = client.patch("/api/v1/patients/" + id, {{"brief", {{"age", 71}}}}, instructor.token);
  ASSERT_EQ(age.status, 200u) << age.body;
  auto expected = original;
  expected["brief"].as_object()["age"] = 71;
  auto got = age.json().as_object();
  EXPECT_EQ(sqlText("SELECT ($2::timestamptz > $1::timestamptz)::text", text(original.at("updated_at")),
                    text(got.at("updated_at"))),
            "true");
  got.erase("updated_at");
  expected.erase("updated_at");
  EXPECT_EQ(got, expected) << age.body;

  auto more = client.patch("/api/v1/patients/" + id,
                           {{"name", "  Patricia  "},
                            {"price_credits", 5},
                            {"brief", {{"tags", json::array{"patch-me", "renamed"}}, {"difficulty", "advanced"}}}},
                           admin.token);
  ASSERT_EQ(more.status, 200u) << more.body;
  expected["name"] = "Patricia";
  expected["price_credits"] = 5;
  expected["brief"].as_object()["tags"] = json::array{"patch-me", "renamed"};
  expected["brief"].as_object()["difficulty"] = "advanced";
  got = more.json().as_object();
  got.erase("updated_at");
  EXPECT_EQ(got, expected) << more.body;

  // The case and the history are replaced only when named; tags may be emptied.
  json::object newCase{{"facts", {{"diet", "omnivore"}}}};
  auto replaced = client.patch("/api/v1/patients/" + id,
                               {{"case", newCase}, {"medical_history", ""}, {"brief", {{"tags", json::array()}}}},
                               instructor.token);
  ASSERT_EQ(replaced.status, 200u) << replaced.body;
  expected["case"] = newCase;
  expected["medical_history"] = "";
  expected["brief"].as_object()["tags"] = json::array();
  got = replaced.json().as_object();
  got.erase("updated_at");
  EXPECT_EQ(got, expected) << replaced.body;

  // What GET answers afterwards is what PATCH answered.
  auto read = client.get("/api/v1/patients/" + id, instructor.token);
  ASSERT_EQ(read.status, 200u);
  EXPECT_EQ(read.json(), replaced.json());
  EXPECT_EQ(text(read.json().at("created_by")), instructor.user.id);  // the author does not change
}

TEST_F(PatientsApi, PatchOrDeleteOfAnUnknownIdIs404) {
  auto client = server->client();
  const std::string path = "/api/v1/patients/00000000-0000-4000-8000-000000000000";
  auto patch = client.patch(path, {{"name", "Nobody"}}, instructor.token);
  EXPECT_EQ(patch.status, 404u) << patch.body;
  EXPECT_EQ(patch.errorCode(), "not_found");
  auto del = client.del(path, instructor.token);
  EXPECT_EQ(del.status, 404u) << del.body;
  EXPECT_EQ(del.errorCode(), "not_found");
}

TEST_F(PatientsApi, DeleteArchivesThePatient) {
  const auto created = create(patientBody("Archie Ved", {"archive-check"}));
  const auto id = text(created.at("id"));
  const std::string byTag = "&tag=archive-check";
  auto client = server->client();
  ASSERT_EQ(listIds(byTag, student.token), std::vector<std::string>{id});

  auto del = client.del("/api/v1/patients/" + id, instructor.token);
  ASSERT_EQ(del.status, 204u) << del.body;
  EXPECT_TRUE(del.body.empty());

  // Gone from the catalog for everyone by default…
  EXPECT_TRUE(listIds(byTag, student.token).empty());
  EXPECT_TRUE(listIds(byTag, instructor.token).empty());
  EXPECT_TRUE(listIds(byTag + "&include_archived=false", admin.token).empty());
  // …but staff can ask for archived patients; students cannot.
  EXPECT_EQ(listIds(byTag + "&include_archived=true", instructor.token), std::vector<std::string>{id});
  auto forbidden = client.get("/api/v1/patients?include_archived=true", student.token);
  EXPECT_EQ(forbidden.status, 403u);
  EXPECT_EQ(forbidden.errorCode(), "forbidden");

  // Still readable by id (past sessions refer to it), flagged archived; the row is not deleted.
  auto one = client.get("/api/v1/patients/" + id, student.token);
  ASSERT_EQ(one.status, 200u) << one.body;
  EXPECT_TRUE(one.json().at("archived").as_bool());
  EXPECT_EQ(text(one.json().at("name")), "Archie Ved");
  EXPECT_FALSE(one.json().as_object().contains("case"));
  auto staffOne = client.get("/api/v1/patients/" + id, admin.token);
  EXPECT_TRUE(staffOne.json().at("archived").as_bool());

  // Archiving twice is harmless and keeps the first archival time.
  const auto archivedAt = sqlColumn("SELECT archived_at::text FROM patients WHERE id = $1", id);
  ASSERT_EQ(archivedAt.size(), 1u);
  EXPECT_EQ(client.del("/api/v1/patients/" + id, admin.token).status, 204u);
  EXPECT_EQ(sqlColumn("SELECT archived_at::text FROM patients WHERE id = $1", id), archivedAt);
}

TEST_F(PatientsApi, SearchRunsOverNameBriefAndTagsCaseInsensitively) {
  const auto byName = text(create(patientBody("Quillon Marsh", {"search-suite"}))["id"]);
  const auto byReferral =
      text(create(patientBody("Ref Erral", {"search-suite"}, "beginner", "Suspected zephyrine deficiency"))["id"]);
  const auto byTag = text(create(patientBody("Tag Holder", {"search-suite", "glutenfree-xyzzy"}))["id"]);
  auto settingBody = patientBody("Set Ting", {"search-suite"});
  settingBody["brief"].as_object()["setting"] = "Marrakesh community hospice";
  const auto bySetting = text(create(settingBody)["id"]);

  EXPECT_EQ(listIds("&q=quillon", student.token), std::vector<std::string>{byName});
  EXPECT_EQ(listIds("&q=QUILLON%20marsh", student.token), std::vector<std::string>{byName});
  EXPECT_EQ(listIds("&q=Zephyrine", student.token), std::vector<std::string>{byReferral});
  EXPECT_EQ(listIds("&q=glutenfree-xyzzy", student.token), std::vector<std::string>{byTag});
  EXPECT_EQ(listIds("&q=xyzz", student.token), std::vector<std::string>{byTag});  // substrings match
  EXPECT_EQ(listIds("&q=marrakesh+community", student.token), std::vector<std::string>{bySetting});
  EXPECT_TRUE(listIds("&q=nothing-matches-this-at-all", student.token).empty());

  // LIKE wildcards in q are literal: they never match everything.
  EXPECT_TRUE(listIds("&q=%25", student.token).empty());
  EXPECT_TRUE(listIds("&q=_", student.token).empty());
  EXPECT_TRUE(listIds("&q=quill%25marsh", student.token).empty());
}

TEST_F(PatientsApi, FiltersByTagAndDifficultyAndCombinesThem) {
  const auto a = text(create(patientBody("Filter Alpha", {"filter-suite", "Renal"}, "advanced"))["id"]);
  const auto b = text(create(patientBody("Filter Beta", {"filter-suite"}, "advanced"))["id"]);
  const auto c = text(create(patientBody("Filter Gamma", {"filter-suite", "renal-diet"}, "beginner"))["id"]);

  EXPECT_EQ(listIds("&tag=filter-suite", student.token), (std::vector<std::string>{a, b, c}));
  // Tags match whole and case-insensitively.
  EXPECT_EQ(listIds("&tag=renal", student.token), std::vector<std::string>{a});
  EXPECT_EQ(listIds("&tag=RENAL-DIET", student.token), std::vector<std::string>{c});
  EXPECT_TRUE(listIds("&tag=ren", student.token).empty());
  EXPECT_EQ(listIds("&tag=filter-suite&difficulty=advanced", student.token), (std::vector<std::string>{a, b}));
  EXPECT_EQ(listIds("&tag=filter-suite&difficulty=beginner&q=gamma", student.token), std::vector<std::string>{c});
  EXPECT_TRUE(listIds("&tag=filter-suite&difficulty=intermediate", student.token).empty());

  // difficulty alone: every item has it, and none is missing.
  auto advanced = server->client().get("/api/v1/patients?limit=100&difficulty=advanced", student.token);
  ASSERT_EQ(advanced.status, 200u);
  std::set<std::string> got;
  for (const auto& item : itemsOf(advanced)) {
    EXPECT_EQ(text(item.at("brief").at("difficulty")), "advanced");
    got.insert(text(item.at("id")));
  }
  const auto want =
      sqlColumn("SELECT id::text FROM patients WHERE difficulty = $1 AND archived_at IS NULL", "advanced");
  EXPECT_EQ(got, std::set<std::string>(want.begin(), want.end()));
}

TEST_F(PatientsApi, KeysetCursorWalksEveryPageOnceInAStableOrder) {
  // Same names, names differing only in case, and non-ASCII capitals: the hard cases of a
  // (lower(name), id) keyset.
  const std::vector<std::string> names{"Anna",   "anna",  "ANNA",   "Élodie", "élodie", "Élodie", "Zoë",
                                       "Øyvind", "Ümit",  "ümit",   "Bob",    "bob",    "Çelik",  "Ärzte",
                                       "Anna",   "Émile", "zoë",    "Ωmega",  "ωmega",  "Ivan",   "Иван",
                                       "иван",   "Yann",  "Anna B", "Anna-B"};
  std::set<std::string> created;
  for (const auto& name : names) created.insert(text(create(patientBody(name, {"paging-suite"}))["id"]));
  // One archived patient inside the range: students never see it, staff only on request.
  const auto archived = text(create(patientBody("Anna", {"paging-suite"}))["id"]);
  ASSERT_EQ(server->client().del("/api/v1/patients/" + archived, instructor.token).status, 204u);

  const auto expected = sqlColumn(
      "SELECT id::text FROM patients WHERE $1 = ANY (tags) AND archived_at IS NULL "
      "ORDER BY lower(name), id",
      "paging-suite");
  ASSERT_EQ(expected.size(), names.size());
  EXPECT_EQ(std::set<std::string>(expected.begin(), expected.end()), created);

  for (int limit : {1, 2, 3, 7, 25, 100}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    const auto ids = walk("&tag=paging-suite", limit, student.token);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "duplicates";
    EXPECT_EQ(ids, expected);
  }
  // The same walk twice gives the same sequence.
  EXPECT_EQ(walk("&tag=paging-suite", 4, student.token), walk("&tag=paging-suite", 4, student.token));

  // Staff asking for archived patients get them too, in the same order.
  const auto withArchived =
      sqlColumn("SELECT id::text FROM patients WHERE $1 = ANY (tags) ORDER BY lower(name), id", "paging-suite");
  EXPECT_EQ(walk("&tag=paging-suite&include_archived=true", 2, instructor.token), withArchived);
  EXPECT_EQ(walk("&tag=paging-suite", 2, instructor.token), expected);

  // The whole catalog, unfiltered, also walks exactly once.
  const auto catalog = sqlColumn(
      "SELECT id::text FROM patients WHERE archived_at IS NULL AND $1 = $1 "
      "ORDER BY lower(name), id",
      "x");
  EXPECT_EQ(walk("", 3, student.token), catalog);
}

TEST_F(PatientsApi, TheDefaultPageHasTwentyItems) {
  for (int i = 0; i < 21; ++i) create(patientBody("Default Page " + std::to_string(100 + i), {"default-page"}));
  auto r = server->client().get("/api/v1/patients?tag=default-page", student.token);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json().at("items").as_array().size(), 20u);
  ASSERT_TRUE(r.json().at("next_cursor").is_string());
  auto rest = server->client().get(
      "/api/v1/patients?tag=default-page&cursor=" + urlEncode(text(r.json().at("next_cursor"))), student.token);
  ASSERT_EQ(rest.status, 200u) << rest.body;
  ASSERT_EQ(rest.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(text(rest.json().at("items").at(0).at("name")), "Default Page 120");
  EXPECT_TRUE(rest.json().at("next_cursor").is_null());
}
