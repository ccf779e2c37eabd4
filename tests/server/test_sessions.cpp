// Sessions: booking and its debit, every transition legal and illegal with the refund rules,
// freezing the case at start, listing, who may see what, the time limit and booking expiry (by
// the sweep and lazily), the evaluation, the coach's hint, parallel bookings, case validation on
// the patient routes, and bad input on every endpoint.

#include "tests/server/consultation_support.h"

#include <future>
#include <set>
#include <thread>

using namespace practicum;
using namespace practicum::test;

namespace {

class Sessions : public ConsultationSuite {
protected:
  static std::string path(const std::string& id, const std::string& action = {}) {
    return "/api/v1/sessions/" + id + (action.empty() ? "" : "/" + action);
  }
  static HttpResult act(const ConsultationServer::Account& who, const std::string& id, const std::string& action) {
    return server->client().post(path(id, action), {}, who.token);
  }
  static json::object get(const ConsultationServer::Account& who, const std::string& id) {
    auto r = server->client().get(path(id), who.token);
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json().as_object();
  }
  static HttpResult say(const ConsultationServer::Account& who, const std::string& id, const std::string& message) {
    return server->client().post(path(id, "messages"), {{"message", message}, {"client_message_id", uuid()}},
                                 who.token);
  }
  /// Sessions, messages, ledger, evaluations, feedback, balances and patients as one value.
  static std::string fingerprint() {
    auto conn = server->pool().acquire();
    return conn
        ->query(
            "SELECT (SELECT md5(coalesce(string_agg(s::text, '|' ORDER BY s.id), '')) FROM sessions s) || "
            "(SELECT count(*) FROM conversation_logs) || '/' || (SELECT count(*) FROM credit_transactions) || '/' || "
            "(SELECT count(*) FROM session_evaluations) || '/' || (SELECT count(*) FROM session_feedback) || '/' || "
            "(SELECT sum(credit_balance) FROM \"user\") || '/' || "
            "(SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM patients p)")
        .text(0, 0);
  }
  /// Runs the background sweep's function directly, as `serve` does every 30 s.
  static server::repo::SweepReport sweep() {
    auto conn = server->pool().acquire();
    return server::repo::sweepSessions(*conn, server->policy());
  }
};

}  // namespace

TEST_F(Sessions, BookingDebitsThePriceInTheSameTransaction) {
  auto student = server->createAccount(Role::Student, 5);
  const auto patient = server->createPatient(2, "Booking Patient");
  auto client = server->client();
  auto r = client.post("/api/v1/sessions", {{"patient_id", patient}}, student.token);
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto s = r.json().as_object();
  const auto id = text(s.at("id"));
  EXPECT_EQ(r.headers["location"], "/api/v1/sessions/" + id);
  EXPECT_EQ(text(s.at("status")), "scheduled");
  EXPECT_EQ(text(s.at("user_id")), student.user.id);
  EXPECT_EQ(text(s.at("patient_id")), patient);
  EXPECT_EQ(text(s.at("patient_name")), "Booking Patient");
  EXPECT_EQ(s.at("credits_charged").as_int64(), 2);
  EXPECT_EQ(s.at("credits_refunded").as_int64(), 0);
  EXPECT_TRUE(s.at("scheduled_start_time").is_null());
  EXPECT_TRUE(s.at("start_time").is_null());
  EXPECT_TRUE(s.at("expires_at").is_string()) << "a booking says when it expires unused";
  EXPECT_FALSE(s.at("coach_used").as_bool());
  EXPECT_EQ(server->balance(student.user.id), 3);
  EXPECT_EQ(server->sqlInt(
                "SELECT credits FROM credit_transactions WHERE session_id = $1 AND transaction_type = 'usage'", id),
            -2);
  EXPECT_EQ(server->ledgerMismatches(), 0);
  auto ledger = client.get("/api/v1/credits", student.token).json();
  EXPECT_EQ(text(ledger.at("transactions").at("items").at(0).at("session_id")), id);
  EXPECT_EQ(text(ledger.at("transactions").at("items").at(0).at("transaction_type")), "usage");
}

TEST_F(Sessions, ScheduledStartTimeMustBeAFutureRfc3339Instant) {
  auto student = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient();
  auto client = server->client();
  auto ok =
      client.post("/api/v1/sessions", {{"patient_id", patient}, {"scheduled_start_time", "2099-01-02T03:04:05+01:00"}},
                  student.token);
  ASSERT_EQ(ok.status, 422u) << "more than a year ahead: " << ok.body;
  const auto soon = server->sqlText("SELECT to_char(now() + interval '3 days', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
  auto r = client.post("/api/v1/sessions", {{"patient_id", patient}, {"scheduled_start_time", soon}}, student.token);
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(text(r.json().at("scheduled_start_time")), soon);
  // Expires a day after its scheduled start.
  EXPECT_EQ(server->sqlInt("SELECT floor(extract(epoch FROM $1::timestamptz - now()) / 3600)::bigint",
                           text(r.json().at("expires_at"))),
            4 * 24 - 1);

  const auto before = fingerprint();
  for (const std::string when :
       {"2020-01-01T00:00:00Z", "tomorrow", "now", "epoch", "2030-13-01T00:00:00Z", "2030-02-30T10:00:00Z",
        "2030-01-01T24:00:00Z", "2030-01-01T10:00:00", "2030-01-01 10:00:00Z", "2030-01-01T10:00:00.1234567Z",
        "2030-01-01T10:00:00+25:00", "infinity", ""}) {
    SCOPED_TRACE(when);
    auto bad =
        client.post("/api/v1/sessions", {{"patient_id", patient}, {"scheduled_start_time", when}}, student.token);
    EXPECT_EQ(bad.status, 422u) << bad.body;
    EXPECT_TRUE(bad.json().at("error").at("details").at("fields").as_object().contains("scheduled_start_time"))
        << bad.body;
  }
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(Sessions, ShortBalanceIs402AndChangesNothing) {
  auto student = server->createAccount(Role::Student, 1);
  const auto patient = server->createPatient(3);
  const auto before = fingerprint();
  auto r = server->client().post("/api/v1/sessions", {{"patient_id", patient}}, student.token);
  EXPECT_EQ(r.status, 402u) << r.body;
  EXPECT_EQ(r.errorCode(), "insufficient_credits");
  EXPECT_EQ(r.json().at("error").at("details").at("price_credits").as_int64(), 3);
  EXPECT_EQ(r.json().at("error").at("details").at("balance").as_int64(), 1);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(Sessions, UnknownArchivedOrDraftPatientsCannotBeBooked) {
  auto student = server->createAccount(Role::Student, 10);
  auto client = server->client();
  const auto before = fingerprint();
  auto unknown =
      client.post("/api/v1/sessions", {{"patient_id", "00000000-0000-4000-8000-000000000001"}}, student.token);
  EXPECT_EQ(unknown.status, 404u) << unknown.body;

  const auto archived = server->createPatient();
  ASSERT_EQ(client.del("/api/v1/patients/" + archived, instructor.token).status, 204u);
  const auto afterArchive = fingerprint();
  auto r = client.post("/api/v1/sessions", {{"patient_id", archived}}, student.token);
  EXPECT_EQ(r.status, 409u) << r.body;
  EXPECT_NE(r.json().at("error").at("message").as_string().find("archived"), std::string::npos);

  // A draft (a case object without schema_version) is kept, but it is not a case a session can play.
  auto draft = client.post("/api/v1/patients", patientBody("Draft Patient", 1, {{"notes", "to do"}}), instructor.token);
  ASSERT_EQ(draft.status, 201u) << draft.body;
  const auto afterDraft = fingerprint();
  auto d = client.post("/api/v1/sessions", {{"patient_id", text(draft.json().at("id"))}}, student.token);
  EXPECT_EQ(d.status, 409u) << d.body;
  EXPECT_EQ(fingerprint(), afterDraft);
  EXPECT_NE(before, afterArchive);  // (the archive itself changed the patient)
  EXPECT_EQ(server->balance(student.user.id), 10);
}

TEST_F(Sessions, EveryTransitionLegalAndIllegal) {
  auto student = server->createAccount(Role::Student, 20);
  const auto patient = server->createPatient(2);
  auto balance = [&] { return server->balance(student.user.id); };

  // scheduled: start ok; complete 409; hint 409; messages 409.
  const auto a = server->book(student, patient);
  EXPECT_EQ(act(student, a, "complete").status, 409u);
  EXPECT_EQ(act(student, a, "hint").status, 409u);
  EXPECT_EQ(say(student, a, "hello?").status, 409u);
  auto started = act(student, a, "start");
  ASSERT_EQ(started.status, 200u) << started.body;
  EXPECT_EQ(text(started.json().at("status")), "in_progress");
  EXPECT_TRUE(started.json().at("start_time").is_string());
  EXPECT_TRUE(started.json().at("ends_at").is_string());
  EXPECT_EQ(text(started.json().at("ai_provider")), "test");
  // in_progress: start 409; complete ok.
  EXPECT_EQ(act(student, a, "start").status, 409u);
  auto done = act(student, a, "complete");
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(text(done.json().at("status")), "completed");
  EXPECT_EQ(text(done.json().at("end_reason")), "completed");
  EXPECT_TRUE(done.json().at("end_time").is_string());
  // completed: every move is 409.
  for (const char* action : {"start", "complete", "cancel", "hint"}) {
    auto r = act(student, a, action);
    EXPECT_EQ(r.status, 409u) << action << ' ' << r.body;
    EXPECT_EQ(r.errorCode(), "conflict");
    EXPECT_EQ(text(r.json().at("error").at("details").at("status")), "completed");
  }
  EXPECT_EQ(say(student, a, "still there?").status, 409u);
  EXPECT_EQ(balance(), 18) << "a completed session is not refunded";

  // scheduled → cancelled refunds; then every move is 409.
  const auto b = server->book(student, patient);
  EXPECT_EQ(balance(), 16);
  auto cancelled = act(student, b, "cancel");
  ASSERT_EQ(cancelled.status, 200u) << cancelled.body;
  EXPECT_EQ(text(cancelled.json().at("status")), "cancelled");
  EXPECT_EQ(text(cancelled.json().at("end_reason")), "cancelled");
  EXPECT_EQ(cancelled.json().at("credits_refunded").as_int64(), 2);
  EXPECT_EQ(balance(), 18);
  for (const char* action : {"start", "complete", "cancel", "hint"})
    EXPECT_EQ(act(student, b, action).status, 409u) << action;
  EXPECT_EQ(balance(), 18) << "a second cancel refunds nothing";

  // in_progress → cancelled: no refund (the patient answered normally).
  const auto c = server->running(student, patient);
  ASSERT_EQ(say(student, c, "Hello, I am the student dietitian.").status, 201u);
  auto stopped = act(student, c, "cancel");
  ASSERT_EQ(stopped.status, 200u) << stopped.body;
  EXPECT_EQ(stopped.json().at("credits_refunded").as_int64(), 0);
  EXPECT_EQ(balance(), 16);
  for (const char* action : {"start", "complete", "cancel", "hint"})
    EXPECT_EQ(act(student, c, action).status, 409u) << action;
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM session_evaluations WHERE session_id = $1", c), 0)
      << "a cancelled session is not evaluated";

  // Transitions accept an empty body or {}, nothing else.
  const auto d = server->book(student, patient);
  auto withField = server->client().post(path(d, "start"), {{"now", true}}, student.token);
  EXPECT_EQ(withField.status, 422u) << withField.body;
  EXPECT_EQ(server->client()
                .request("POST", path(d, "start"), std::nullopt, {{"Authorization", "Bearer " + student.token}})
                .status,
            200u);
  EXPECT_EQ(server->ledgerMismatches(), 0);
}

TEST_F(Sessions, StartFreezesTheCaseAndNameAndOpensWithThePatientsLine) {
  auto student = server->createAccount(Role::Student, 5);
  auto client = server->client();
  auto created = client.post("/api/v1/patients", patientBody("Frozen Fred", 1, validCase("First version opening.")),
                             instructor.token);
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto patient = text(created.json().at("id"));
  const auto id = server->running(student, patient);

  // Edits after the start change nothing of this session.
  auto edited =
      client.patch("/api/v1/patients/" + patient,
                   {{"name", "Renamed Fred"}, {"case", validCase("Second version opening.")}}, instructor.token);
  ASSERT_EQ(edited.status, 200u) << edited.body;
  EXPECT_EQ(text(get(student, id).at("patient_name")), "Frozen Fred");
  EXPECT_EQ(server->sqlText("SELECT case_snapshot->>'opening_line' FROM sessions WHERE id = $1", id),
            "First version opening.");
  auto messages = client.get(path(id, "messages"), student.token);
  ASSERT_EQ(messages.status, 200u) << messages.body;
  const auto items = messages.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(text(items[0].at("sender")), "patient");
  EXPECT_EQ(items[0].at("seq").as_int64(), 1);
  EXPECT_EQ(text(items[0].at("message")), "First version opening.");
  // The reply is computed from the frozen case too: a session booked now plays the new one.
  const auto later = server->running(student, patient);
  EXPECT_EQ(text(client.get(path(later, "messages"), student.token).json().at("items").at(0).at("message")),
            "Second version opening.");
  EXPECT_EQ(text(get(student, later).at("patient_name")), "Renamed Fred");
}

TEST_F(Sessions, ListOwnWithStatusFilterAndPagesStaffMayListAnyone) {
  auto student = server->createAccount(Role::Student, 20);
  auto other = server->createAccount(Role::Student, 5);
  const auto patient = server->createPatient();
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(server->book(student, patient));
  ASSERT_EQ(act(student, ids[1], "cancel").status, 200u);
  server->book(other, patient);
  auto client = server->client();

  auto all = client.get("/api/v1/sessions", student.token);
  ASSERT_EQ(all.status, 200u) << all.body;
  std::vector<std::string> listed;
  const auto allJson = all.json();
  for (const auto& item : allJson.at("items").as_array()) listed.push_back(text(item.at("id")));
  EXPECT_EQ(listed, std::vector<std::string>(ids.rbegin(), ids.rend())) << "own sessions, newest first";

  auto cancelled = client.get("/api/v1/sessions?status=cancelled", student.token);
  ASSERT_EQ(cancelled.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(text(cancelled.json().at("items").at(0).at("id")), ids[1]);

  std::vector<std::string> paged;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto r = client.get("/api/v1/sessions?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), student.token);
    ASSERT_EQ(r.status, 200u) << r.body;
    const auto rJson = r.json();
    for (const auto& item : rJson.at("items").as_array()) paged.push_back(text(item.at("id")));
    if (r.json().at("next_cursor").is_null()) break;
    cursor = text(r.json().at("next_cursor"));
  }
  EXPECT_EQ(paged, listed);

  EXPECT_EQ(client.get("/api/v1/sessions?user_id=" + student.user.id, other.token).status, 403u);
  EXPECT_EQ(client.get("/api/v1/sessions?user_id=" + other.user.id, other.token).status, 200u)
      << "naming oneself is fine";
  for (const auto* staff : {&instructor, &admin}) {
    auto r = client.get("/api/v1/sessions?user_id=" + student.user.id, staff->token);
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(r.json().at("items").as_array().size(), 5u);
    auto upper = student.user.id;
    for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_EQ(client.get("/api/v1/sessions?user_id=" + upper, staff->token).json().at("items").as_array().size(), 5u);
  }
  for (const std::string query :
       {"status=done", "user_id=abc", "limit=0", "limit=101", "cursor=abc", "cursor=WyJhIiwiYiJd"}) {
    SCOPED_TRACE(query);
    EXPECT_EQ(client.get("/api/v1/sessions?" + query, instructor.token).status, 400u);
  }
  EXPECT_EQ(client.get("/api/v1/sessions").status, 401u);
}

TEST_F(Sessions, StudentsCannotSeeOthersSessionsStaffCanReadButNotAct) {
  auto owner = server->createAccount(Role::Student, 5);
  auto stranger = server->createAccount(Role::Student, 5);
  const auto patient = server->createPatient();
  const auto id = server->running(owner, patient);
  ASSERT_EQ(say(owner, id, "Hello there").status, 201u);
  ASSERT_EQ(act(owner, id, "complete").status, 200u);
  const auto scheduled = server->book(owner, patient);
  auto client = server->client();
  const auto before = fingerprint();

  // Another student: 404 everywhere, as if the session did not exist.
  for (const auto& target : {id, scheduled}) {
    for (const char* sub : {"", "messages", "evaluation", "feedback"}) {
      auto r = client.get(path(target, sub), stranger.token);
      EXPECT_EQ(r.status, 404u) << sub << ' ' << r.body;
      EXPECT_EQ(r.body.find(owner.user.id), std::string::npos);
    }
    for (const char* action : {"start", "complete", "cancel", "hint"})
      EXPECT_EQ(act(stranger, target, action).status, 404u);
    EXPECT_EQ(say(stranger, target, "let me in").status, 404u);
    EXPECT_EQ(client.post(path(target, "feedback"), {{"user_rating", 1}}, stranger.token).status, 404u);
  }
  // Staff read everything, act on nothing.
  for (const auto* staff : {&instructor, &admin}) {
    EXPECT_EQ(client.get(path(id), staff->token).status, 200u);
    auto transcript = client.get(path(id, "messages"), staff->token);
    EXPECT_EQ(transcript.status, 200u);
    EXPECT_GE(transcript.json().at("items").as_array().size(), 3u);
    EXPECT_EQ(client.get(path(id, "evaluation"), staff->token).status, 200u);
    for (const char* action : {"start", "complete", "cancel", "hint"})
      EXPECT_EQ(act(*staff, scheduled, action).status, 403u);
    EXPECT_EQ(say(*staff, scheduled, "hi").status, 403u);
  }
  // Nobody signed in: 401.
  EXPECT_EQ(client.get(path(id)).status, 401u);
  EXPECT_EQ(client.post(path(id, "cancel"), {}).status, 401u);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(Sessions, HundredParallelBookingsWithTenCreditsMakeExactlyTen) {
  auto student = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient(1);
  std::vector<std::future<unsigned>> results;
  for (int i = 0; i < 100; ++i) {
    results.push_back(std::async(std::launch::async, [&] {
      auto client = server->client();
      return client.post("/api/v1/sessions", {{"patient_id", patient}}, student.token).status;
    }));
  }
  int created = 0, refused = 0;
  for (auto& f : results) {
    const auto status = f.get();
    if (status == 201u)
      ++created;
    else if (status == 402u)
      ++refused;
    else
      ADD_FAILURE() << "unexpected status " << status;
  }
  EXPECT_EQ(created, 10);
  EXPECT_EQ(refused, 90);
  EXPECT_EQ(server->balance(student.user.id), 0);
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM sessions WHERE user_id = $1", student.user.id), 10);
  EXPECT_EQ(server->ledgerMismatches(), 0);
}

TEST_F(Sessions, TimeLimitCompletesARunningSessionBySweepAndLazily) {
  auto student = server->createAccount(Role::Student, 5);
  const auto patient = server->createPatient();
  const auto swept = server->running(student, patient);
  const auto lazy = server->running(student, patient);
  const auto fresh = server->running(student, patient);
  ASSERT_EQ(say(student, swept, "How are you today?").status, 201u);
  // 46 minutes ago: past the 45-minute limit.
  for (const auto& id : {swept, lazy}) {
    server->sql("UPDATE sessions SET start_time = now() - interval '46 minutes' WHERE id = $1", id);
  }
  server->sql("UPDATE sessions SET start_time = now() - interval '44 minutes' WHERE id = $1", fresh);

  // The sweep completes what is due, skipping what is not.
  auto conn = server->pool().acquire();
  const auto report = server::repo::sweepSessions(*conn, server->policy());
  EXPECT_GE(report.completed, 1);
  EXPECT_TRUE(report.failures.empty()) << report.failures.front();
  auto s = get(student, swept);
  EXPECT_EQ(text(s.at("status")), "completed");
  EXPECT_EQ(text(s.at("end_reason")), "time_limit");
  EXPECT_EQ(conn->query("SELECT extract(epoch FROM end_time - start_time)::int FROM sessions WHERE id = $1", swept)
                .integer(0, 0),
            45 * 60)
      << "it ended when its time was up, not when the sweep noticed";
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM session_evaluations WHERE session_id = $1", swept), 1);
  EXPECT_EQ(text(get(student, fresh).at("status")), "in_progress");

  // Lazily: reading or writing a session applies its clock even before a sweep gets to it.
  auto blocked = say(student, lazy, "Are we done?");
  EXPECT_EQ(blocked.status, 409u) << blocked.body;
  EXPECT_NE(blocked.json().at("error").at("message").as_string().find("time ran out"), std::string::npos)
      << blocked.body;
  EXPECT_EQ(text(get(student, lazy).at("end_reason")), "time_limit");
  EXPECT_EQ(server::repo::sweepSessions(*conn, server->policy()).completed, 0) << "nothing left to sweep";
  EXPECT_EQ(server->balance(student.user.id), 2) << "time-limited sessions are not refunded";

  // A 1-minute limit configured for a server applies the same way.
  server->sql("UPDATE sessions SET start_time = now() - interval '2 minutes' WHERE id = $1", fresh);
  server::repo::SessionPolicy oneMinute;
  oneMinute.timeLimit = std::chrono::minutes(1);
  EXPECT_EQ(server::repo::sweepSessions(*conn, oneMinute).completed, 1);
  EXPECT_EQ(text(get(student, fresh).at("status")), "completed");
}

TEST_F(Sessions, BookingsNeverStartedExpireWithARefund) {
  auto student = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient(2);
  const auto unscheduled = server->book(student, patient);
  const auto unscheduledYoung = server->book(student, patient);
  const auto soon = server->sqlText("SELECT to_char(now() + interval '2 days', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
  auto r = server->client().post("/api/v1/sessions", {{"patient_id", patient}, {"scheduled_start_time", soon}},
                                 student.token);
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto scheduled = text(r.json().at("id"));
  EXPECT_EQ(server->balance(student.user.id), 4);

  // Unscheduled: 7 days after booking. Scheduled: 24 hours after the scheduled start.
  server->sql("UPDATE sessions SET created_at = now() - interval '7 days 1 minute' WHERE id = $1", unscheduled);
  server->sql("UPDATE sessions SET created_at = now() - interval '6 days 23 hours' WHERE id = $1", unscheduledYoung);
  server->sql("UPDATE sessions SET scheduled_start_time = now() - interval '25 hours' WHERE id = $1", scheduled);
  auto conn = server->pool().acquire();
  const auto report = server::repo::sweepSessions(*conn, server->policy());
  EXPECT_GE(report.expired, 2);
  for (const auto& id : {unscheduled, scheduled}) {
    auto s = get(student, id);
    EXPECT_EQ(text(s.at("status")), "cancelled");
    EXPECT_EQ(text(s.at("end_reason")), "expired");
    EXPECT_EQ(s.at("credits_refunded").as_int64(), 2);
  }
  EXPECT_EQ(text(get(student, unscheduledYoung).at("status")), "scheduled");
  EXPECT_EQ(server->balance(student.user.id), 8);
  EXPECT_EQ(act(student, unscheduled, "start").status, 409u);

  // Lazily, on start: a booking past its expiry cannot start, and is refunded.
  server->sql("UPDATE sessions SET created_at = now() - interval '8 days' WHERE id = $1", unscheduledYoung);
  auto late = act(student, unscheduledYoung, "start");
  EXPECT_EQ(late.status, 409u) << late.body;
  EXPECT_NE(late.json().at("error").at("message").as_string().find("expired"), std::string::npos);
  EXPECT_EQ(server->balance(student.user.id), 10);
  EXPECT_EQ(server->ledgerMismatches(), 0);
}

TEST_F(Sessions, EvaluationIsStoredOnCompletionWithASummaryMessage) {
  auto student = server->createAccount(Role::Student, 5);
  const auto patient = server->createPatient();
  const auto id = server->running(student, patient);
  auto client = server->client();
  EXPECT_EQ(client.get(path(id, "evaluation"), student.token).status, 404u);
  for (const char* line : {"Hello, I'm Sam, a student dietitian. What would you like to talk about today?",
                           "What do you usually have for breakfast?", "How much do you weigh at the moment?",
                           "So to sum up, you have cereal for breakfast. Shall we meet again in two weeks?"}) {
    ASSERT_EQ(say(student, id, line).status, 201u);
  }
  EXPECT_EQ(client.get(path(id, "evaluation"), student.token).status, 404u) << "not before completion";
  ASSERT_EQ(act(student, id, "complete").status, 200u);
  auto e = client.get(path(id, "evaluation"), student.token);
  ASSERT_EQ(e.status, 200u) << e.body;
  const auto body = e.json().as_object();
  EXPECT_EQ(text(body.at("session_id")), id);
  const auto score = body.at("score").as_int64();
  EXPECT_GE(score, 0);
  EXPECT_LE(score, 100);
  EXPECT_TRUE(body.at("result").is_object());
  EXPECT_EQ(server->sqlInt("SELECT score FROM session_evaluations WHERE session_id = $1", id), score);
  // The readable summary closes the transcript as a feedback message.
  auto messages = client.get(path(id, "messages"), student.token).json().at("items").as_array();
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(text(messages.back().at("sender")), "feedback");
  EXPECT_FALSE(text(messages.back().at("message")).empty());
  // Deterministic: the stored result is what the evaluator says of this transcript again.
  auto again = client.get(path(id, "evaluation"), instructor.token);
  EXPECT_EQ(again.json().at("result"), body.at("result"));
}

TEST_F(Sessions, HintAddsACoachMessageAndMarksTheSession) {
  auto student = server->createAccount(Role::Student, 5);
  const auto patient = server->createPatient();
  const auto id = server->running(student, patient);
  auto r = act(student, id, "hint");
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(text(r.json().at("sender")), "feedback");
  EXPECT_FALSE(text(r.json().at("message")).empty());
  EXPECT_EQ(r.json().at("seq").as_int64(), 2);
  EXPECT_TRUE(get(student, id).at("coach_used").as_bool());
  // The coach's words are not something the patient answers: the history the provider sees
  // still counts them, but a reply comes only to the student's messages.
  auto reply = say(student, id, "Tell me about your breakfast");
  ASSERT_EQ(reply.status, 201u) << reply.body;
  EXPECT_EQ(reply.json().at("patient_message").at("seq").as_int64(), 4);
  auto bad = server->client().post(path(id, "hint"), {{"topic", "diet"}}, student.token);
  EXPECT_EQ(bad.status, 422u);
}

TEST_F(Sessions, BadInputOnEveryEndpointIsRefusedAndChangesNothing) {
  auto student = server->createAccount(Role::Student, 5);
  const auto patient = server->createPatient();
  const auto id = server->book(student, patient);
  auto client = server->client();
  const auto before = fingerprint();
  struct Case {
    std::string target;
    std::string body;
    unsigned status;
  };
  const std::vector<Case> cases = {
      {"/api/v1/sessions", "{", 400},
      {"/api/v1/sessions", "[]", 400},
      {"/api/v1/sessions", "", 400},
      {"/api/v1/sessions", "{\"patient_id\": \"\xc3\x28\"}", 400},
      {"/api/v1/sessions", "{}", 422},
      {"/api/v1/sessions", "{\"patient_id\": 5}", 422},
      {"/api/v1/sessions", "{\"patient_id\": null}", 422},
      {"/api/v1/sessions", "{\"patient_id\": \"not-a-uuid\"}", 422},
      {"/api/v1/sessions", "{\"patient_id\": \"" + patient + "\", \"extra\": 1}", 422},
      {"/api/v1/sessions", "{\"patient_id\": \"" + patient + "\", \"scheduled_start_time\": 1700000000}", 422},
      {"/api/v1/sessions", "{\"patient_id\": [\"" + patient + "\"]}", 422},
      {path(id, "start"), "{\"x\": 1}", 422},
      {path(id, "start"), "{", 400},
      {path(id, "cancel"), "[1]", 400},
      {path(id, "complete"), "{\"force\": true}", 422},
      {path(id, "hint"), "\xff", 400},
      {"/api/v1/sessions/not-a-uuid/start", "{}", 400},
      {"/api/v1/sessions/00000000-0000-4000-8000-00000000000g/cancel", "{}", 400},
      {"/api/v1/sessions/00000000-0000-4000-8000-000000000000/cancel", "{}", 404},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target + " " + c.body);
    auto r = client.postRaw("POST", c.target, c.body, student.token);
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_FALSE(r.errorCode().empty()) << r.body;
  }
  for (const std::string target :
       {"/api/v1/sessions/not-a-uuid", "/api/v1/sessions/12345/messages", "/api/v1/sessions/x/evaluation"}) {
    EXPECT_EQ(client.get(target, student.token).status, 400u) << target;
  }
  EXPECT_EQ(client.get("/api/v1/sessions/00000000-0000-4000-8000-000000000000", student.token).status, 404u);
  EXPECT_EQ(client
                .request("POST", "/api/v1/sessions", "{\"patient_id\":\"" + patient + "\"}",
                         {{"Authorization", "Bearer " + student.token}}, "text/plain")
                .status,
            415u);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(Sessions, StructuredCasesAreValidatedOnCreateAndPatch) {
  auto client = server->client();
  // A structured case (it names schema_version) is checked by the case parser; problems come back
  // under "case.<path>", together with the patient's own.
  auto broken = validCase();
  broken["facts"].as_array()[1].as_object()["topics"] = json::array{"not_a_topic"};
  broken.erase("recall_24h");
  auto body = patientBody("Broken Case", 1, broken);
  body["brief"].as_object()["age"] = 300;
  const auto before = fingerprint();
  auto r = client.post("/api/v1/patients", body, instructor.token);
  ASSERT_EQ(r.status, 422u) << r.body;
  const auto fields = r.json().at("error").at("details").at("fields").as_object();
  EXPECT_TRUE(fields.contains("case.facts[1].topics")) << r.body;
  EXPECT_TRUE(fields.contains("case.recall_24h")) << r.body;
  EXPECT_TRUE(fields.contains("brief.age")) << r.body;
  auto wrongVersion = validCase();
  wrongVersion["schema_version"] = 2;
  auto v = client.post("/api/v1/patients", patientBody("Future Case", 1, wrongVersion), instructor.token);
  EXPECT_EQ(v.status, 422u);
  EXPECT_TRUE(v.json().at("error").at("details").at("fields").as_object().contains("case.schema_version")) << v.body;
  EXPECT_EQ(fingerprint(), before);

  auto good = client.post("/api/v1/patients", patientBody("Good Case", 1), instructor.token);
  ASSERT_EQ(good.status, 201u) << good.body;
  const auto id = text(good.json().at("id"));
  EXPECT_EQ(good.json().at("case"), json::value(validCase()));
  const auto afterCreate = fingerprint();
  auto patch = client.patch("/api/v1/patients/" + id, {{"case", broken}}, instructor.token);
  EXPECT_EQ(patch.status, 422u) << patch.body;
  EXPECT_TRUE(patch.json().at("error").at("details").at("fields").as_object().contains("case.facts[1].topics"));
  EXPECT_EQ(fingerprint(), afterCreate);
  EXPECT_EQ(client.patch("/api/v1/patients/" + id, {{"case", validCase("Changed.")}}, instructor.token).status, 200u);
}
