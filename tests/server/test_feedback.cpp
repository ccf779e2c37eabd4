// Session feedback: once per completed session of one's own, read back by its student and by
// staff; the staff overview with averages per patient; bad input.

#include "tests/server/consultation_support.h"

#include <cmath>
#include <map>

using namespace practicum;
using namespace practicum::test;

namespace {

class Feedback : public ConsultationSuite {
protected:
  static std::string path(const std::string& id) { return "/api/v1/sessions/" + id + "/feedback"; }
  static std::string completed(const ConsultationServer::Account& who, const std::string& patient) {
    const auto id = server->running(who, patient);
    auto r = server->client().post("/api/v1/sessions/" + id + "/complete", {}, who.token);
    if (r.status != 200) throw std::runtime_error(r.body);
    return id;
  }
  static std::int64_t feedbackRows() { return server->sqlInt("SELECT count(*) FROM session_feedback"); }
};

}  // namespace

TEST_F(Feedback, OncePerCompletedSessionOfOnesOwn) {
  auto student = server->createAccount(Role::Student, 5);
  const auto patient = server->createPatient(1, "Rated Rita");
  const auto id = completed(student, patient);
  auto client = server->client();
  EXPECT_EQ(client.get(path(id), student.token).status, 404u) << "not rated yet";

  auto r = client.post(path(id), {{"user_rating", 4}, {"feedback_comment", "  Realistic patient.\nGood pace. "}},
                       student.token);
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto f = r.json().as_object();
  EXPECT_EQ(f.at("user_rating").as_int64(), 4);
  EXPECT_EQ(text(f.at("feedback_comment")), "Realistic patient.\nGood pace.");
  EXPECT_EQ(text(f.at("session_id")), id);
  EXPECT_EQ(text(f.at("patient_id")), patient);
  EXPECT_EQ(text(f.at("patient_name")), "Rated Rita");
  EXPECT_EQ(text(f.at("user_id")), student.user.id);

  auto again = client.post(path(id), {{"user_rating", 1}}, student.token);
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.errorCode(), "conflict");
  EXPECT_EQ(feedbackRows(), 1);

  auto mine = client.get(path(id), student.token);
  ASSERT_EQ(mine.status, 200u);
  EXPECT_EQ(mine.json(), r.json());
  EXPECT_EQ(client.get(path(id), instructor.token).json(), r.json());
  EXPECT_EQ(client.get(path(id), admin.token).status, 200u);

  // The comment is optional.
  const auto other = completed(student, patient);
  auto bare = client.post(path(other), {{"user_rating", 5}}, student.token);
  ASSERT_EQ(bare.status, 201u) << bare.body;
  EXPECT_TRUE(bare.json().at("feedback_comment").is_null());
}

TEST_F(Feedback, OnlyCompletedSessionsAndOnlyTheirStudent) {
  auto student = server->createAccount(Role::Student, 10);
  auto stranger = server->createAccount(Role::Student, 0);
  const auto patient = server->createPatient();
  auto client = server->client();
  const auto scheduled = server->book(student, patient);
  const auto running = server->running(student, patient);
  const auto cancelled = server->book(student, patient);
  ASSERT_EQ(client.post("/api/v1/sessions/" + cancelled + "/cancel", {}, student.token).status, 200u);
  for (const auto& id : {scheduled, running, cancelled}) {
    auto r = client.post(path(id), {{"user_rating", 3}}, student.token);
    EXPECT_EQ(r.status, 409u) << r.body;
  }
  const auto done = completed(student, patient);
  EXPECT_EQ(client.post(path(done), {{"user_rating", 3}}, stranger.token).status, 404u);
  EXPECT_EQ(client.get(path(done), stranger.token).status, 404u);
  EXPECT_EQ(client.post(path(done), {{"user_rating", 3}}, instructor.token).status, 403u);
  EXPECT_EQ(client.post(path(done), {{"user_rating", 3}}).status, 401u);
  EXPECT_EQ(client.post(path("00000000-0000-4000-8000-000000000000"), {{"user_rating", 3}}, student.token).status,
            404u);
  EXPECT_EQ(feedbackRows(), server->sqlInt("SELECT count(*) FROM session_feedback WHERE session_id <> $1", done));
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM session_feedback WHERE session_id = $1", done), 0);
}

TEST_F(Feedback, BadFeedbackIsRefusedAndStoresNothing) {
  auto student = server->createAccount(Role::Student, 5);
  const auto id = completed(student, server->createPatient());
  auto client = server->client();
  const auto before = feedbackRows();
  const std::vector<Refusal> cases = {
      {"{", 400, ""},
      {"", 400, ""},
      {"5", 400, ""},
      {"{\"user_rating\": 4, \"feedback_comment\": \"\xc3\"}", 400, ""},
      {"{}", 422, "user_rating"},
      {"{\"user_rating\": 0}", 422, "user_rating"},
      {"{\"user_rating\": 6}", 422, "user_rating"},
      {"{\"user_rating\": -1}", 422, "user_rating"},
      {"{\"user_rating\": \"5\"}", 422, "user_rating"},
      {"{\"user_rating\": 4.5}", 422, "user_rating"},
      {"{\"user_rating\": true}", 422, "user_rating"},
      {"{\"user_rating\": null}", 422, "user_rating"},
      {"{\"user_rating\": 4, \"feedback_comment\": 7}", 422, "feedback_comment"},
      {"{\"user_rating\": 4, \"feedback_comment\": \"" + std::string(2001, 'c') + "\"}", 422, "feedback_comment"},
      {"{\"user_rating\": 4, \"feedback_comment\": \"tab\\u0000\"}", 422, "feedback_comment"},
      {"{\"user_rating\": 4, \"stars\": 5}", 422, "stars"},
  };
  expectRefusals(client, path(id), student.token, cases);
  EXPECT_EQ(client.postRaw("POST", "/api/v1/sessions/zzz/feedback", "{\"user_rating\": 4}", student.token).status,
            400u);
  EXPECT_EQ(feedbackRows(), before);
  auto longest =
      client.post(path(id), {{"user_rating", 2}, {"feedback_comment", std::string(2000, 'c')}}, student.token);
  EXPECT_EQ(longest.status, 201u) << "2,000 characters are fine";
}

TEST_F(Feedback, StaffOverviewWithAveragesPerPatient) {
  auto student = server->createAccount(Role::Student, 20);
  const auto alpha = server->createPatient(1, "Aaron Alpha");
  const auto beta = server->createPatient(1, "Bella Beta");
  auto client = server->client();
  for (const auto& [patient, rating] :
       std::vector<std::pair<std::string, int>>{{alpha, 5}, {alpha, 2}, {alpha, 4}, {beta, 3}}) {
    const auto id = completed(student, patient);
    ASSERT_EQ(client.post(path(id), {{"user_rating", rating}}, student.token).status, 201u);
  }
  for (const auto* staff : {&instructor, &admin}) {
    auto r = client.get("/api/v1/admin/feedback?limit=100", staff->token);
    ASSERT_EQ(r.status, 200u) << r.body;
    std::map<std::string, std::pair<std::int64_t, double>> perPatient;
    const auto rJson = r.json();
    for (const auto& row : rJson.at("per_patient").as_array()) {
      perPatient[text(row.at("patient_id"))] = {row.at("feedback_count").as_int64(),
                                                row.at("average_rating").to_number<double>()};
    }
    ASSERT_TRUE(perPatient.contains(alpha));
    EXPECT_EQ(perPatient[alpha].first, 3);
    EXPECT_NEAR(perPatient[alpha].second, 3.67, 1e-9);
    EXPECT_EQ(perPatient[beta].first, 1);
    EXPECT_NEAR(perPatient[beta].second, 3.0, 1e-9);
    EXPECT_GE(r.json().at("items").as_array().size(), 4u);
  }
  // One patient, newest first, in pages.
  auto onlyAlpha = client.get("/api/v1/admin/feedback?patient_id=" + alpha, instructor.token).json();
  ASSERT_EQ(onlyAlpha.at("per_patient").as_array().size(), 1u);
  std::vector<std::int64_t> ratings;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    auto r =
        client.get("/api/v1/admin/feedback?limit=2&patient_id=" + alpha + (cursor.empty() ? "" : "&cursor=" + cursor),
                   instructor.token);
    ASSERT_EQ(r.status, 200u) << r.body;
    const auto rJson = r.json();
    for (const auto& item : rJson.at("items").as_array()) ratings.push_back(item.at("user_rating").as_int64());
    if (r.json().at("next_cursor").is_null()) break;
    cursor = text(r.json().at("next_cursor"));
  }
  EXPECT_EQ(ratings, (std::vector<std::int64_t>{4, 2, 5}));

  EXPECT_EQ(client.get("/api/v1/admin/feedback", student.token).status, 403u);
  EXPECT_EQ(client.get("/api/v1/admin/feedback").status, 401u);
  for (const std::string query : {"patient_id=nope", "limit=0", "cursor=abc", "cursor=WyJ4IiwieSJd"}) {
    EXPECT_EQ(client.get("/api/v1/admin/feedback?" + query, instructor.token).status, 400u) << query;
  }
}
