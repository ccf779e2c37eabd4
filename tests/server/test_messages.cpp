// Messages: the JSON reply and the SSE stream, idempotent client_message_id (also in parallel),
// 50 parallel posts stored once each on a consistent history, the transcript with ?after=,
// provider failures (error event, automatic refund), who may read and write, bad input, and the
// real scripted patient end to end.

#include "tests/server/consultation_support.h"

#include "server/ai/provider_factory.h"
#include "server/ai/scripted_provider.h"
#include "server/embedded.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <future>
#include <map>
#include <set>
#include <thread>

using namespace practicum;
using namespace practicum::test;

namespace {

class Messages : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new ConsultationServer();
    instructor = server->createAccount(Role::Instructor);
    patient = server->createPatient(2, "Message Patient");
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  void SetUp() override {
    server->provider().mode = TestProvider::Mode::Echo;
    server->provider().closeGate();
  }

  static ConsultationServer* server;
  static ConsultationServer::Account instructor;
  static std::string patient;

  static std::string path(const std::string& id, const std::string& sub = "messages") {
    return "/api/v1/sessions/" + id + "/" + sub;
  }
  static json::object body(const std::string& message, const std::string& clientId) {
    return {{"message", message}, {"client_message_id", clientId}};
  }
  static HttpResult post(const ConsultationServer::Account& who, const std::string& id, const json::object& b) {
    return server->client().post(path(id), b, who.token);
  }
  static HttpResult stream(const ConsultationServer::Account& who, const std::string& id, const json::object& b) {
    return server->client().request("POST", path(id), json::serialize(b),
                                    {{"Authorization", "Bearer " + who.token}, {"Accept", "text/event-stream"}});
  }
  static json::array transcript(const ConsultationServer::Account& who, const std::string& id,
                                const std::string& query = {}) {
    auto r = server->client().get(path(id) + query, who.token);
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json().at("items").as_array();
  }
  static std::int64_t stored(const std::string& id) {
    return server->sqlInt("SELECT count(*) FROM conversation_logs WHERE session_id = $1", id);
  }
};
ConsultationServer* Messages::server = nullptr;
ConsultationServer::Account Messages::instructor;
std::string Messages::patient;

/// A raw POST asking for the reply as Server-Sent Events (for tests that read the socket themselves).
std::string streamRequest(const std::string& target, const std::string& token, const std::string& payload,
                          bool close) {
  return "POST " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
         "\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(payload.size()) + (close ? "\r\nConnection: close" : "") + "\r\n\r\n" + payload;
}

}  // namespace

TEST_F(Messages, JsonReplyStoresBothAndTheTranscriptReadsInOrder) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  auto r = post(student, id, body("  Hello, what brings you here today?  ", uuid()));
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto user = r.json().at("user_message").as_object();
  const auto reply = r.json().at("patient_message").as_object();
  EXPECT_EQ(text(user.at("sender")), "user");
  EXPECT_EQ(text(user.at("message")), "Hello, what brings you here today?") << "trimmed";
  EXPECT_EQ(user.at("seq").as_int64(), 2);
  EXPECT_EQ(text(reply.at("sender")), "patient");
  EXPECT_EQ(reply.at("seq").as_int64(), 3);
  EXPECT_EQ(text(reply.at("reply_to")), text(user.at("id")));
  EXPECT_EQ(text(reply.at("message")), "[h=1] I heard: Hello, what brings you here today?")
      << "computed on the history before it: the opening line";
  EXPECT_TRUE(reply.at("client_message_id").is_null());

  ASSERT_EQ(post(student, id, body("Tell me about breakfast.\nAnd lunch?", uuid())).status, 201u);
  const auto all = transcript(student, id);
  ASSERT_EQ(all.size(), 5u);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].at("seq").as_int64(), static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(text(all[3].at("message")), "Tell me about breakfast.\nAnd lunch?") << "newlines are kept";
  // ?after= a message id: what came after it; &limit pages.
  const auto tail = transcript(student, id, "?after=" + text(all[2].at("id")));
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[0].at("id"), all[3].at("id"));
  auto page = server->client().get(path(id) + "?limit=2", student.token).json();
  EXPECT_EQ(page.at("items").as_array().size(), 2u);
  EXPECT_EQ(text(page.at("next_cursor")), text(all[1].at("id")));
  EXPECT_TRUE(transcript(student, id, "?after=" + text(all[4].at("id"))).empty());
  for (const std::string query :
       {"?after=nope", "?after=00000000-0000-4000-8000-000000000000", "?limit=0", "?limit=1001"}) {
    EXPECT_EQ(server->client().get(path(id) + query, student.token).status, 400u) << query;
  }
}

TEST_F(Messages, SameClientMessageIdStoresOnceAndAnswersTheSame) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  const auto clientId = uuid();
  auto first = post(student, id, body("How often do you eat out?", clientId));
  ASSERT_EQ(first.status, 201u) << first.body;
  const auto calls = server->provider().calls.load();
  auto second = post(student, id, body("How often do you eat out?", clientId));
  ASSERT_EQ(second.status, 201u) << second.body;
  EXPECT_EQ(second.json(), first.json());
  auto upper = clientId;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(post(student, id, body("How often do you eat out?", upper)).json(), first.json()) << "UUIDs in either case";
  EXPECT_EQ(server->provider().calls.load(), calls) << "a replay asks the provider nothing";
  EXPECT_EQ(stored(id), 3);
  // The same key for different words is a client bug worth hearing about.
  auto reused = post(student, id, body("Something else entirely", clientId));
  EXPECT_EQ(reused.status, 409u) << reused.body;
  EXPECT_EQ(stored(id), 3);
  // Over SSE the replay is the same messages.
  auto replay = stream(student, id, body("How often do you eat out?", clientId));
  ASSERT_EQ(replay.status, 200u);
  const auto events = parseEvents(replay.body);
  ASSERT_EQ(events.size(), 3u) << replay.body;
  EXPECT_EQ(events[0].second, first.json().at("user_message"));
  EXPECT_EQ(events[2].second, first.json().at("patient_message"));
}

TEST_F(Messages, FiftyParallelPostsAreAllStoredOnceOnAConsistentHistory) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  std::vector<std::string> ids;
  for (int i = 0; i < 50; ++i) ids.push_back(uuid());
  std::vector<std::future<HttpResult>> results;
  for (int i = 0; i < 50; ++i) {
    results.push_back(std::async(std::launch::async, [&, i] {
      return post(student, id, body("Question number " + std::to_string(i), ids[static_cast<std::size_t>(i)]));
    }));
  }
  for (auto& f : results) {
    auto r = f.get();
    EXPECT_EQ(r.status, 201u) << r.body;
  }
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM conversation_logs WHERE session_id = $1 AND sender = 'user'", id), 50);
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM conversation_logs WHERE session_id = $1 AND sender = 'patient'", id),
            51);
  EXPECT_EQ(server->sqlInt("SELECT count(DISTINCT client_message_id) FROM conversation_logs WHERE session_id = $1", id),
            50);
  // Turns never interleave: each student message is followed by its answer, computed on exactly
  // the turns before it.
  const auto all = transcript(student, id);
  ASSERT_EQ(all.size(), 101u);
  std::set<std::string> seen;
  for (std::size_t i = 1; i < all.size(); i += 2) {
    const auto& question = all[i].as_object();
    const auto& answer = all[i + 1].as_object();
    ASSERT_EQ(text(question.at("sender")), "user");
    ASSERT_EQ(text(answer.at("sender")), "patient");
    EXPECT_EQ(text(answer.at("reply_to")), text(question.at("id")));
    EXPECT_EQ(text(answer.at("message")), "[h=" + std::to_string(i) + "] I heard: " + text(question.at("message")));
    EXPECT_TRUE(seen.insert(text(question.at("message"))).second) << "stored twice";
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST_F(Messages, ParallelDuplicatesOfOneClientIdAreStoredOnce) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  const auto clientId = uuid();
  std::vector<std::future<HttpResult>> results;
  for (int i = 0; i < 20; ++i) {
    results.push_back(
        std::async(std::launch::async, [&] { return post(student, id, body("Only once, please", clientId)); }));
  }
  std::set<std::string> bodies;
  for (auto& f : results) {
    auto r = f.get();
    EXPECT_EQ(r.status, 201u) << r.body;
    bodies.insert(json::serialize(r.json()));
  }
  EXPECT_EQ(bodies.size(), 1u) << "every duplicate answers the same";
  EXPECT_EQ(stored(id), 3);
}

TEST_F(Messages, EventStreamSendsTheStoredMessageDeltasThenTheStoredReply) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  auto r = stream(student, id, body("What did you have for dinner yesterday?", uuid()));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/event-stream");
  EXPECT_EQ(r.headers["transfer-encoding"], "chunked");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  const auto events = parseEvents(r.body);
  ASSERT_GE(events.size(), 4u) << r.body;
  EXPECT_EQ(events.front().first, "user_message");
  EXPECT_EQ(events.back().first, "patient_message");
  std::string spoken;
  for (std::size_t i = 1; i + 1 < events.size(); ++i) {
    EXPECT_EQ(events[i].first, "delta");
    spoken += text(events[i].second.at("text"));
  }
  EXPECT_GT(events.size(), 4u) << "the reply arrives in several pieces";
  const auto& reply = events.back().second;
  EXPECT_EQ(text(reply.at("message")), spoken) << "the final text is the deltas joined";
  EXPECT_EQ(text(reply.at("reply_to")), text(events.front().second.at("id")));
  const auto all = transcript(student, id);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1], events.front().second);
  EXPECT_EQ(all[2], reply);
  // The connection is kept alive after the stream: the next request on it works.
  auto client = server->client();
  ASSERT_EQ(client
                .request("POST", path(id), json::serialize(body("And lunch?", uuid())),
                         {{"Authorization", "Bearer " + student.token}, {"Accept", "text/event-stream"}})
                .status,
            200u);
  EXPECT_EQ(client.get("/api/v1/sessions/" + id, student.token).status, 200u);
  // Refusals before streaming are ordinary JSON errors.
  auto refused = stream(student, id, body(std::string(4001, 'x'), uuid()));
  EXPECT_EQ(refused.status, 422u);
  EXPECT_EQ(refused.headers["content-type"], "application/json");
}

// The stream is really a stream: the first piece of the reply reaches the client while the
// provider is still speaking (it waits for the test to see that piece before it goes on).
TEST_F(Messages, DeltasReachTheClientWhileThePatientIsStillSpeaking) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  server->provider().mode = TestProvider::Mode::Gated;
  namespace asio = boost::asio;
  asio::io_context ioc;
  boost::beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server->port()));
  const auto payload = json::serialize(body("Is anybody there?", uuid()));
  asio::write(stream.socket(), asio::buffer(streamRequest(path(id), student.token, payload, true)));
  std::string received;
  auto readUntil = [&](std::string_view marker) {
    std::array<char, 4096> chunk{};
    while (received.find(marker) == std::string::npos) {
      stream.expires_after(std::chrono::seconds(5));
      boost::system::error_code ec;
      const auto n = stream.read_some(asio::buffer(chunk), ec);
      received.append(chunk.data(), n);
      if (ec) return false;
    }
    return true;
  };
  ASSERT_TRUE(readUntil("event: delta")) << received;
  EXPECT_EQ(received.find("event: patient_message"), std::string::npos) << "the reply is not finished yet";
  EXPECT_NE(received.find("Transfer-Encoding: chunked"), std::string::npos) << received;
  server->provider().openGate();
  ASSERT_TRUE(readUntil("\r\n0\r\n\r\n")) << received;  // the last chunk
  EXPECT_TRUE(server->provider().gateWasOpened()) << "the provider went on only after the client saw the first piece";
  EXPECT_NE(received.find("event: patient_message"), std::string::npos) << received;
}

// A client that hangs up mid-stream loses nothing: the reply is still stored, and the transcript
// has it.
TEST_F(Messages, AClientThatHangsUpMidStreamStillGetsTheReplyStored) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  server->provider().mode = TestProvider::Mode::Gated;
  namespace asio = boost::asio;
  {
    asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server->port()));
    const auto payload = json::serialize(body("Are you still there?", uuid()));
    asio::write(stream.socket(), asio::buffer(streamRequest(path(id), student.token, payload, false)));
    std::string received;
    std::array<char, 4096> chunk{};
    while (received.find("event: delta") == std::string::npos) {
      stream.expires_after(std::chrono::seconds(5));
      boost::system::error_code ec;
      received.append(chunk.data(), stream.read_some(asio::buffer(chunk), ec));
      ASSERT_FALSE(ec) << received;
    }
    stream.socket().close();  // hang up while the patient is speaking
  }
  EXPECT_FALSE(server->provider().gateWasOpened());
  server->provider().openGate();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (server->sqlInt("SELECT count(*) FROM conversation_logs WHERE session_id = $1 AND sender = 'patient'", id) <
             2 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  const auto all = transcript(student, id);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(text(all[2].at("message")), "[h=1] I heard: Are you still there?");
  server->provider().mode = TestProvider::Mode::Echo;
  EXPECT_EQ(post(student, id, body("Good.", uuid())).status, 201u) << "the lease was released";
}

TEST_F(Messages, ProviderFailureIsReportedAndThePatientThatNeverAnsweredIsRefunded) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  EXPECT_EQ(server->balance(student.user.id), 2);
  server->provider().mode = TestProvider::Mode::Fail;
  const auto clientId = uuid();
  auto r = post(student, id, body("Hello?", clientId));
  EXPECT_EQ(r.status, 503u) << r.body;
  EXPECT_EQ(text(r.json().at("error").at("details").at("user_message").at("message")), "Hello?");
  auto s = stream(student, id, body("Anyone there?", uuid()));
  ASSERT_EQ(s.status, 200u);
  auto events = parseEvents(s.body);
  ASSERT_EQ(events.size(), 2u) << s.body;
  EXPECT_EQ(events[0].first, "user_message");
  EXPECT_EQ(events[1].first, "error");
  EXPECT_EQ(text(events[1].second.at("error").at("code")), "unavailable");
  EXPECT_EQ(server->sqlInt("SELECT provider_failures FROM sessions WHERE id = $1", id), 2);
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM conversation_logs WHERE session_id = $1 AND sender = 'patient'", id),
            1)
      << "only the opening";
  // No lease is left behind: the session still takes messages.
  EXPECT_TRUE(server->sqlText("SELECT turn_token FROM sessions WHERE id = $1", id).empty());

  auto done = server->client().post("/api/v1/sessions/" + id + "/complete", {}, student.token);
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.json().at("credits_refunded").as_int64(), 2);
  EXPECT_EQ(server->balance(student.user.id), 4);
  EXPECT_EQ(
      server->sqlText(
          "SELECT description FROM credit_transactions WHERE session_id = $1 AND transaction_type = 'refund'", id),
      "Refund: the simulated patient could not answer");
  EXPECT_EQ(server->ledgerMismatches(), 0);
}

TEST_F(Messages, ARetryAfterAFailureIsAnsweredAndThenNothingIsRefunded) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  server->provider().mode = TestProvider::Mode::Fail;
  const auto clientId = uuid();
  ASSERT_EQ(post(student, id, body("How is your appetite?", clientId)).status, 503u);
  server->provider().mode = TestProvider::Mode::Echo;
  auto retry = post(student, id, body("How is your appetite?", clientId));
  ASSERT_EQ(retry.status, 201u) << retry.body;
  EXPECT_EQ(text(retry.json().at("patient_message").at("message")), "[h=1] I heard: How is your appetite?");
  EXPECT_EQ(stored(id), 3) << "the student's message was kept, not stored again";
  auto cancel = server->client().post("/api/v1/sessions/" + id + "/cancel", {}, student.token);
  ASSERT_EQ(cancel.status, 200u);
  EXPECT_EQ(cancel.json().at("credits_refunded").as_int64(), 0) << "the patient did answer";
  EXPECT_EQ(server->balance(student.user.id), 2);

  // Cancelling a running session whose patient never answered refunds too.
  const auto silent = server->running(student, patient);
  server->provider().mode = TestProvider::Mode::Fail;
  ASSERT_EQ(post(student, silent, body("Hello?", uuid())).status, 503u);
  auto stop = server->client().post("/api/v1/sessions/" + silent + "/cancel", {}, student.token);
  EXPECT_EQ(stop.json().at("credits_refunded").as_int64(), 2);
  EXPECT_EQ(server->balance(student.user.id), 2);
  // A session without any provider failure is not refunded, even with no answer asked for.
  server->provider().mode = TestProvider::Mode::Echo;
  const auto quiet = server->running(student, patient);
  EXPECT_EQ(server->client()
                .post("/api/v1/sessions/" + quiet + "/complete", {}, student.token)
                .json()
                .at("credits_refunded")
                .as_int64(),
            0);
  EXPECT_EQ(server->ledgerMismatches(), 0);
}

TEST_F(Messages, AMidStreamFailureEndsTheStreamWithAnErrorAndStoresNoReply) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  server->provider().mode = TestProvider::Mode::FailMidStream;
  auto r = stream(student, id, body("Tell me about your weight.", uuid()));
  ASSERT_EQ(r.status, 200u);
  const auto events = parseEvents(r.body);
  ASSERT_EQ(events.size(), 3u) << r.body;
  EXPECT_EQ(events[0].first, "user_message");
  EXPECT_EQ(events[1].first, "delta");
  EXPECT_EQ(events[2].first, "error");
  EXPECT_EQ(server->sqlInt("SELECT count(*) FROM conversation_logs WHERE session_id = $1 AND sender = 'patient'", id),
            1);
}

TEST_F(Messages, OnlyWhileInProgress) {
  auto student = server->createAccount(Role::Student, 10);
  const auto scheduled = server->book(student, patient);
  EXPECT_EQ(post(student, scheduled, body("Too early", uuid())).status, 409u);
  const auto id = server->running(student, patient);
  ASSERT_EQ(server->client().post("/api/v1/sessions/" + id + "/complete", {}, student.token).status, 200u);
  const auto before = stored(id);
  auto late = post(student, id, body("Too late", uuid()));
  EXPECT_EQ(late.status, 409u) << late.body;
  EXPECT_EQ(late.errorCode(), "conflict");
  EXPECT_EQ(stored(id), before);
  EXPECT_EQ(stored(scheduled), 0);
}

TEST_F(Messages, WhoMayReadAndWrite) {
  auto owner = server->createAccount(Role::Student, 4);
  auto stranger = server->createAccount(Role::Student, 4);
  const auto id = server->running(owner, patient);
  ASSERT_EQ(post(owner, id, body("Hello", uuid())).status, 201u);
  EXPECT_EQ(server->client().get(path(id), stranger.token).status, 404u);
  EXPECT_EQ(post(stranger, id, body("Let me in", uuid())).status, 404u);
  EXPECT_EQ(stream(stranger, id, body("Let me in", uuid())).status, 404u);
  EXPECT_EQ(server->client().post(path(id, "hint"), {}, stranger.token).status, 404u);
  EXPECT_EQ(server->client().get(path(id), instructor.token).status, 200u);
  EXPECT_EQ(post(instructor, id, body("Staff do not chat", uuid())).status, 403u);
  EXPECT_EQ(server->client().get(path(id)).status, 401u);
  EXPECT_EQ(stored(id), 3);
}

TEST_F(Messages, BadMessagesAreRefusedAndStoreNothing) {
  auto student = server->createAccount(Role::Student, 4);
  const auto id = server->running(student, patient);
  auto client = server->client();
  const auto target = path(id);
  const auto atLimit = std::string(3999, 'a') + "\xc3\xa9";  // 4000 characters, 4001 bytes
  auto ok = post(student, id, body(atLimit, uuid()));
  ASSERT_EQ(ok.status, 201u) << "4,000 characters are fine";
  const auto before = stored(id);
  const auto calls = server->provider().calls.load();
  const auto cid = uuid();
  const std::vector<Refusal> cases = {
      {"{", 400, ""},
      {"", 400, ""},
      {"[\"hi\"]", 400, ""},
      {"{\"message\": \"caf\xe9\", \"client_message_id\": \"" + cid + "\"}", 400, ""},
      {"{\"message\": \"" + std::string(4001, 'a') + "\", \"client_message_id\": \"" + cid + "\"}", 422, "message"},
      {"{\"message\": \"" + std::string(3999, 'a') + "\xc3\xa9\xc3\xa9\", \"client_message_id\": \"" + cid + "\"}", 422,
       "message"},
      {"{\"message\": \"\", \"client_message_id\": \"" + cid + "\"}", 422, "message"},
      {"{\"message\": \"   \", \"client_message_id\": \"" + cid + "\"}", 422, "message"},
      {"{\"message\": \"bell\\u0007\", \"client_message_id\": \"" + cid + "\"}", 422, "message"},
      {"{\"message\": 5, \"client_message_id\": \"" + cid + "\"}", 422, "message"},
      {"{\"message\": [\"hi\"], \"client_message_id\": \"" + cid + "\"}", 422, "message"},
      {"{\"client_message_id\": \"" + cid + "\"}", 422, "message"},
      {"{\"message\": \"hi\"}", 422, "client_message_id"},
      {"{\"message\": \"hi\", \"client_message_id\": \"not-a-uuid\"}", 422, "client_message_id"},
      {"{\"message\": \"hi\", \"client_message_id\": 12}", 422, "client_message_id"},
      {"{\"message\": \"hi\", \"client_message_id\": \"" + cid + "\", \"sender\": \"patient\"}", 422, "sender"},
  };
  expectRefusals(client, target, student.token, cases);
  EXPECT_EQ(client
                .postRaw("POST", "/api/v1/sessions/nope/messages",
                         "{\"message\":\"hi\",\"client_message_id\":\"" + cid + "\"}", student.token)
                .status,
            400u);
  EXPECT_EQ(stored(id), before);
  EXPECT_EQ(server->provider().calls.load(), calls);
}

// The default provider, core's scripted patient, behind the same routes.
TEST(MessagesScripted, TheScriptedPatientAnswersFromAShippedCase) {
  ConsultationServer scripted({}, std::make_shared<server::ai::ScriptedProvider>());
  auto student = scripted.createAccount(Role::Student, 2);
  ASSERT_FALSE(embeddedCaseFiles().empty());
  const auto file = json::parse(embeddedCaseFiles().front().text).as_object();
  auto input = file.at("patient").as_object();
  input["case"] = file.at("case");
  std::string patientId;
  {
    auto conn = scripted.pool().acquire();
    patientId = server::repo::insertPatient(*conn, decodePatientCreate(input), std::nullopt).id;
  }
  const auto id = scripted.running(student, patientId);
  auto client = scripted.client();
  auto opening = client.get("/api/v1/sessions/" + id + "/messages", student.token).json().at("items").at(0);
  EXPECT_EQ(text(opening.at("sender")), "patient");
  EXPECT_FALSE(text(opening.at("message")).empty());
  const json::object question{{"message", "What do you usually eat for breakfast?"}, {"client_message_id", uuid()}};
  auto r = client.request("POST", "/api/v1/sessions/" + id + "/messages", json::serialize(question),
                          {{"Authorization", "Bearer " + student.token}, {"Accept", "text/event-stream"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto events = parseEvents(r.body);
  ASSERT_GE(events.size(), 3u) << r.body;
  std::string spoken;
  for (const auto& [event, data] : events) {
    if (event == "delta") spoken += text(data.at("text"));
  }
  EXPECT_EQ(events.back().first, "patient_message") << r.body;
  EXPECT_FALSE(spoken.empty());
  EXPECT_EQ(text(events.back().second.at("message")), spoken);
  auto done = client.post("/api/v1/sessions/" + id + "/complete", {}, student.token);
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(client.get("/api/v1/sessions/" + id + "/evaluation", student.token).status, 200u);
}

// PRACTICUM_AI_PROVIDER picks the provider; what cannot work stops the program (exit 2 in serve).
TEST(ProviderChoice, ByNameAndRefusingWhatCannotWork) {
  struct Env {
    std::string name;
    explicit Env(std::string n, const char* value) : name(std::move(n)) {
      if (value) setenv(name.c_str(), value, 1);
      else unsetenv(name.c_str());
    }
    ~Env() { unsetenv(name.c_str()); }
  };
  server::Config config;
  EXPECT_EQ(config.aiProvider, "scripted") << "the default";
  EXPECT_EQ(server::ai::makeProvider(config)->name(), "scripted");
  config.aiProvider = "openai";
  {
    Env model("PRACTICUM_OPENAI_MODEL", nullptr);
    EXPECT_THROW(server::ai::makeProvider(config), std::invalid_argument) << "openai needs a model";
  }
  {
    Env model("PRACTICUM_OPENAI_MODEL", "test-model");
    Env url("PRACTICUM_OPENAI_BASE_URL", "http://127.0.0.1:9");
    EXPECT_EQ(server::ai::makeProvider(config)->name(), "openai");
  }
  config.aiProvider = "gpt";
  EXPECT_THROW(server::ai::makeProvider(config), std::invalid_argument);

  {
    Env provider("PRACTICUM_AI_PROVIDER", "bogus");
    EXPECT_THROW(server::Config::fromEnvironment(), std::invalid_argument);
  }
  {
    Env provider("PRACTICUM_AI_PROVIDER", "openai");
    Env minutes("PRACTICUM_SESSION_MINUTES", "90");
    Env sweep("PRACTICUM_SESSION_SWEEP_S", "5");
    const auto c = server::Config::fromEnvironment();
    EXPECT_EQ(c.aiProvider, "openai");
    EXPECT_EQ(c.sessionTimeLimit, std::chrono::minutes(90));
    EXPECT_EQ(c.sessionSweepInterval, std::chrono::seconds(5));
  }
  for (const char* bad : {"0", "-1", "1441", "45m"}) {
    Env minutes("PRACTICUM_SESSION_MINUTES", bad);
    EXPECT_THROW(server::Config::fromEnvironment(), std::invalid_argument) << bad;
  }
  EXPECT_EQ(server::Config::fromEnvironment().sessionTimeLimit, std::chrono::minutes(45));
}
