// Credits: the balance and its ledger (GET /credits), staff adjustments (POST
// /admin/users/{id}/credits), bad input, and the ledger invariant after a long random walk through
// booking, cancelling, starting, completing and adjusting.

#include "tests/server/consultation_support.h"

#include <map>
#include <random>

using namespace practicum;
using namespace practicum::test;

namespace {

class Credits : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new ConsultationServer();
    admin = server->createAccount(Role::Admin);
    instructor = server->createAccount(Role::Instructor);
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static ConsultationServer* server;
  static ConsultationServer::Account admin;
  static ConsultationServer::Account instructor;

  static std::string adjustPath(const std::string& userId) { return "/api/v1/admin/users/" + userId + "/credits"; }
  /// Everything the credit endpoints could change, as one comparable value.
  static std::string fingerprint() {
    auto conn = server->pool().acquire();
    return conn
        ->query(
            "SELECT (SELECT count(*) FROM credit_transactions) || '/' || "
            "(SELECT coalesce(sum(credit_balance), 0) FROM \"user\") || '/' || "
            "(SELECT coalesce(max(change_seq), 0) FROM credit_transactions)")
        .text(0, 0);
  }
};
ConsultationServer* Credits::server = nullptr;
ConsultationServer::Account Credits::admin;
ConsultationServer::Account Credits::instructor;

}  // namespace

TEST_F(Credits, BalanceAndLedgerNewestFirstWithKeysetPages) {
  auto student = server->createAccount(Role::Student);
  auto client = server->client();
  auto empty = client.get("/api/v1/credits", student.token);
  ASSERT_EQ(empty.status, 200u) << empty.body;
  EXPECT_EQ(empty.json().at("balance").as_int64(), 0);
  EXPECT_TRUE(empty.json().at("transactions").at("items").as_array().empty());
  EXPECT_TRUE(empty.json().at("transactions").at("next_cursor").is_null());

  for (int credits : {5, -2, 7, 1, -3}) {
    auto r = client.post(adjustPath(student.user.id),
                         {{"credits", credits}, {"description", "grant " + std::to_string(credits)}}, admin.token);
    ASSERT_EQ(r.status, 201u) << r.body;
  }
  auto all = client.get("/api/v1/credits", student.token);
  ASSERT_EQ(all.status, 200u);
  EXPECT_EQ(all.json().at("balance").as_int64(), 8);
  const auto items = all.json().at("transactions").at("items").as_array();
  ASSERT_EQ(items.size(), 5u);
  std::vector<std::int64_t> order;
  for (const auto& item : items) order.push_back(item.at("credits").as_int64());
  EXPECT_EQ(order, (std::vector<std::int64_t>{-3, 1, 7, -2, 5})) << "newest first";
  const auto& first = items[0].as_object();
  EXPECT_EQ(text(first.at("transaction_type")), "adjustment");
  EXPECT_EQ(text(first.at("description")), "grant -3");
  EXPECT_EQ(text(first.at("created_by")), admin.user.id);
  EXPECT_TRUE(first.at("session_id").is_null());
  EXPECT_TRUE(first.at("payment_id").is_null());
  EXPECT_EQ(text(first.at("id")).size(), 36u);

  // Pages of two walk the same rows once each.
  std::vector<std::int64_t> paged;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    auto r = client.get("/api/v1/credits?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), student.token);
    ASSERT_EQ(r.status, 200u) << r.body;
    const auto rJson = r.json();
    for (const auto& item : rJson.at("transactions").at("items").as_array())
      paged.push_back(item.at("credits").as_int64());
    const auto next = r.json().at("transactions").at("next_cursor");
    if (next.is_null()) break;
    cursor = text(next);
  }
  EXPECT_EQ(paged, order);

  // Someone else's ledger is not visible: each caller sees their own.
  auto other = server->createAccount(Role::Student);
  EXPECT_EQ(client.get("/api/v1/credits", other.token).json().at("transactions").at("items").as_array().size(), 0u);
  EXPECT_EQ(server->ledgerMismatches(), 0);
}

TEST_F(Credits, LedgerQueryRefusesBadPagingParameters) {
  auto student = server->createAccount(Role::Student, 3);
  auto client = server->client();
  for (const std::string query : {"limit=0", "limit=101", "limit=x", "cursor=bm90LWEtY3Vyc29y", "cursor=%%%",
                                  "cursor=WyJhYmMiXQ" /* ["abc"] */, "cursor=WyItMSJd" /* ["-1"] */}) {
    SCOPED_TRACE(query);
    auto r = client.get("/api/v1/credits?" + query, student.token);
    EXPECT_EQ(r.status, 400u) << r.body;
  }
  EXPECT_EQ(client.get("/api/v1/credits").status, 401u);
}

TEST_F(Credits, AdminAdjustmentIsAuditedAndNeverGoesBelowZero) {
  auto student = server->createAccount(Role::Student);
  auto client = server->client();
  auto grant =
      client.post(adjustPath(student.user.id), {{"credits", 10}, {"description", "Welcome pack"}}, admin.token);
  ASSERT_EQ(grant.status, 201u) << grant.body;
  EXPECT_EQ(grant.json().at("balance").as_int64(), 10);
  EXPECT_EQ(text(grant.json().at("transaction").at("created_by")), admin.user.id);
  EXPECT_EQ(text(grant.json().at("transaction").at("transaction_type")), "adjustment");
  EXPECT_EQ(server->sqlText("SELECT created_by FROM credit_transactions WHERE user_id = $1", student.user.id),
            admin.user.id);

  auto take = client.post(adjustPath(student.user.id), {{"credits", -4}, {"description", "Correction"}}, admin.token);
  ASSERT_EQ(take.status, 201u) << take.body;
  EXPECT_EQ(take.json().at("balance").as_int64(), 6);

  const auto before = fingerprint();
  auto overdraw = client.post(adjustPath(student.user.id), {{"credits", -7}, {"description", "Too much"}}, admin.token);
  EXPECT_EQ(overdraw.status, 409u) << overdraw.body;
  EXPECT_EQ(overdraw.errorCode(), "conflict");
  EXPECT_NE(overdraw.json().at("error").at("message").as_string().find("below zero"), std::string::npos);
  EXPECT_EQ(overdraw.json().at("error").at("details").at("balance").as_int64(), 6);
  EXPECT_EQ(fingerprint(), before);

  // Exactly to zero is fine; the cap above stops runaway grants.
  EXPECT_EQ(
      client.post(adjustPath(student.user.id), {{"credits", -6}, {"description", "All of it"}}, admin.token).status,
      201u);
  EXPECT_EQ(server->balance(student.user.id), 0);
  for (int i = 0; i < 3; ++i) {
    auto conn = server->pool().acquire();
    server->grant(*conn, student.user.id, 10000);
  }
  EXPECT_EQ(server->balance(student.user.id), 30000);
  EXPECT_EQ(server->ledgerMismatches(), 0);

  auto unknown = client.post(adjustPath("00000000-0000-4000-8000-000000000000"), {{"credits", 1}, {"description", "x"}},
                             admin.token);
  EXPECT_EQ(unknown.status, 404u);
}

TEST_F(Credits, OnlyAdminsAdjust) {
  auto student = server->createAccount(Role::Student);
  auto client = server->client();
  const auto before = fingerprint();
  const json::object body{{"credits", 5}, {"description", "please"}};
  EXPECT_EQ(client.post(adjustPath(student.user.id), body).status, 401u);
  EXPECT_EQ(client.post(adjustPath(student.user.id), body, student.token).status, 403u);
  EXPECT_EQ(client.post(adjustPath(student.user.id), body, instructor.token).status, 403u);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(Credits, BadAdjustmentsChangeNothing) {
  auto student = server->createAccount(Role::Student, 5);
  auto client = server->client();
  const auto path = adjustPath(student.user.id);
  const auto before = fingerprint();
  struct Case {
    std::string body;
    unsigned status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"{", 400, ""},
      {"[1]", 400, ""},
      {"", 400, ""},
      {"{\"credits\": 5, \"description\": \"\xff\xfe\"}", 400, ""},
      {"{\"credits\": 0, \"description\": \"zero\"}", 422, "credits"},
      {"{\"credits\": 10001, \"description\": \"big\"}", 422, "credits"},
      {"{\"credits\": -10001, \"description\": \"big\"}", 422, "credits"},
      {"{\"credits\": \"5\", \"description\": \"string\"}", 422, "credits"},
      {"{\"credits\": 1.5, \"description\": \"fraction\"}", 422, "credits"},
      {"{\"credits\": null, \"description\": \"null\"}", 422, "credits"},
      {"{\"description\": \"missing\"}", 422, "credits"},
      {"{\"credits\": 5}", 422, "description"},
      {"{\"credits\": 5, \"description\": \"   \"}", 422, "description"},
      {"{\"credits\": 5, \"description\": 7}", 422, "description"},
      {"{\"credits\": 5, \"description\": \"" + std::string(501, 'x') + "\"}", 422, "description"},
      {"{\"credits\": 5, \"description\": \"ok\", \"reason\": \"extra\"}", 422, "reason"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    auto r = client.postRaw("POST", path, c.body, admin.token);
    EXPECT_EQ(r.status, c.status) << r.body;
    if (!c.field.empty()) {
      EXPECT_TRUE(r.json().at("error").at("details").at("fields").as_object().contains(c.field)) << r.body;
    }
  }
  EXPECT_EQ(
      client
          .postRaw("POST", "/api/v1/admin/users/not-a-uuid/credits", R"({"credits":1,"description":"x"})", admin.token)
          .status,
      400u);
  EXPECT_EQ(client
                .request("POST", path, std::string(R"({"credits":1,"description":"x"})"),
                         {{"Authorization", "Bearer " + admin.token}}, "text/plain")
                .status,
            415u);
  EXPECT_EQ(fingerprint(), before);
  EXPECT_EQ(server->balance(student.user.id), 5);
}

// A long seeded random walk through everything that moves credits, against a model of what each
// step must answer; afterwards every balance equals its ledger and the model.
TEST_F(Credits, LedgerInvariantHoldsThroughARandomWalk) {
  std::mt19937 rng(20240601);
  auto client = server->client();
  std::vector<ConsultationServer::Account> students;
  std::map<std::string, std::int64_t> balance;  // user id → expected
  for (int i = 0; i < 3; ++i) {
    students.push_back(server->createAccount(Role::Student, 4));
    balance[students.back().user.id] = 4;
  }
  const std::vector<std::pair<std::string, int>> patients = {{server->createPatient(1), 1},
                                                             {server->createPatient(2), 2}};
  struct Known {
    std::size_t student;
    int price;
    SessionStatus status;
  };
  std::map<std::string, Known> sessions;
  auto pickSession = [&](std::size_t student) -> std::string {
    std::vector<std::string> own;
    for (const auto& [id, s] : sessions) {
      if (s.student == student) own.push_back(id);
    }
    if (own.empty()) return {};
    return own[rng() % own.size()];
  };

  int ops = 0, accepted = 0;
  for (; ops < 360; ++ops) {
    const auto who = rng() % students.size();
    const auto& student = students[who];
    auto& expected = balance[student.user.id];
    const auto op = rng() % 6;
    SCOPED_TRACE("op " + std::to_string(ops) + " kind " + std::to_string(op));
    if (op == 0 || op == 1) {  // book
      const auto& [patientId, price] = patients[rng() % patients.size()];
      auto r = client.post("/api/v1/sessions", {{"patient_id", patientId}}, student.token);
      if (expected >= price) {
        ASSERT_EQ(r.status, 201u) << r.body;
        expected -= price;
        sessions[text(r.json().at("id"))] = {who, price, SessionStatus::Scheduled};
        ++accepted;
      } else {
        ASSERT_EQ(r.status, 402u) << r.body;
        EXPECT_EQ(r.errorCode(), "insufficient_credits");
      }
    } else if (op == 2 || op == 3 || op == 4) {  // cancel, start, complete
      const auto id = pickSession(who);
      if (id.empty()) continue;
      auto& known = sessions[id];
      const char* action = op == 2 ? "cancel" : op == 3 ? "start" : "complete";
      auto r = client.post("/api/v1/sessions/" + id + "/" + action, {}, student.token);
      bool legal = false;
      if (op == 2) legal = known.status == SessionStatus::Scheduled || known.status == SessionStatus::InProgress;
      if (op == 3) legal = known.status == SessionStatus::Scheduled;
      if (op == 4) legal = known.status == SessionStatus::InProgress;
      if (!legal) {
        ASSERT_EQ(r.status, 409u) << action << ' ' << r.body;
        continue;
      }
      ASSERT_EQ(r.status, 200u) << action << ' ' << r.body;
      ++accepted;
      if (op == 2 && known.status == SessionStatus::Scheduled) expected += known.price;  // refunded before the start
      known.status = op == 2   ? SessionStatus::Cancelled
                     : op == 3 ? SessionStatus::InProgress
                               : SessionStatus::Completed;
      EXPECT_EQ(text(r.json().at("status")), toString(known.status));
    } else {  // an admin adjustment, sometimes one that would overdraw
      int credits = static_cast<int>(rng() % 11) - 5;
      if (credits == 0) credits = 3;
      auto r = client.post(adjustPath(student.user.id), {{"credits", credits}, {"description", "walk"}}, admin.token);
      if (expected + credits >= 0) {
        ASSERT_EQ(r.status, 201u) << r.body;
        expected += credits;
        ++accepted;
      } else {
        ASSERT_EQ(r.status, 409u) << r.body;
      }
    }
    if (ops % 60 == 0) {
      ASSERT_EQ(server->ledgerMismatches(), 0) << "after op " << ops;
    }
  }
  EXPECT_GE(ops, 300);
  EXPECT_GT(accepted, 150) << "the walk must mostly do things, not bounce off";
  EXPECT_EQ(server->ledgerMismatches(), 0);
  for (const auto& s : students) {
    EXPECT_EQ(server->balance(s.user.id), balance[s.user.id]);
    auto mine = client.get("/api/v1/credits", s.token);
    EXPECT_EQ(mine.json().at("balance").as_int64(), balance[s.user.id]);
  }
  // Every session was charged once, and refunded at most once.
  EXPECT_EQ(
      server->sqlInt("SELECT count(*) FROM (SELECT session_id FROM credit_transactions WHERE session_id IS NOT NULL "
                     "GROUP BY session_id, transaction_type HAVING count(*) > 1) twice"),
      0);
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM credit_transactions t "
                           "WHERE t.session_id = s.id AND t.transaction_type = 'usage')"),
            0);
}
