// The openai patient provider against a loopback fake of the OpenAI-compatible API (no database,
// no internet): the streamed reply, the request it sends, the system prompt, mid-stream errors,
// retries, timeouts, and the API key never reaching an exception or a log line.

#include "server/ai/openai_provider.h"
#include "server/ai/system_prompt.h"
#include "server/log.h"
#include "tests/support/fake_openai.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/value.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>

using namespace practicum;
using namespace practicum::consultation;
using namespace practicum::server::ai;
using namespace std::chrono_literals;
using practicum::test::FakeOpenAi;
using practicum::test::ScriptedReply;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kKey = "sk-test-Q7vLk2SecretKeyNeverLeaks9Zx";
constexpr const char* kModel = "gpt-test-mini";
constexpr const char* kName = "Gary Mills";

Fact fact(std::string id, Domain domain, std::vector<std::string> topics, std::string answer, Disclosure disclosure,
          bool key = false) {
  return Fact{std::move(id), domain, std::move(topics), std::move(answer), disclosure, key};
}

Case sampleCase() {
  Case c;
  c.occupation = "Bus driver on early shifts";
  c.livingSituation = "Lives with his wife and two teenage sons";
  c.culturalBackground = "Grew up in Glasgow";
  c.setting = "Outpatient diabetes clinic, first appointment";
  c.referralReason = "Type 2 diabetes diagnosed three months ago";
  c.persona = Persona{Level::Low,
                      "guarded and a little embarrassed",
                      Level::Low,
                      Readiness::Contemplation,
                      {"to be honest", "you know"}};
  c.openingLine = "Hello. The doctor said I had to come and see you about my sugar.";
  c.facts = {
      fact("cola_at_work", Domain::FoodNutritionHistory, {"sugary_drinks", "drinks"},
           "I get through four cans of full-sugar cola on a shift, to keep me awake.", Disclosure::Volunteered, true),
      fact("toast_breakfast", Domain::FoodNutritionHistory, {"breakfast"},
           "Breakfast is two slices of white toast with jam, before I leave at five.", Disclosure::WhenAsked),
      fact("hba1c_value", Domain::Biochemical, {"blood_glucose"}, "They said my HbA1c was 62, whatever that means.",
           Disclosure::WhenAsked, true),
      fact("late_takeaways", Domain::FoodNutritionHistory, {"eating_out", "night_eating"},
           "After a late shift I pick up a chippy tea on the way home, three nights a week maybe.", Disclosure::Probed,
           true),
  };
  c.recall = {RecallEntry{"04:45", "breakfast", "home", {RecallItem{"white toast", "2 slices", "with jam"}}},
              RecallEntry{"10:30", "snack", "bus depot", {RecallItem{"cola", "330 ml can", "full sugar"}}}};
  c.diagnoses = {PesStatement{"Excessive carbohydrate intake", "related to reliance on sugary drinks during shifts",
                              "as evidenced by HbA1c 62 mmol/mol and four cans of cola a day"}};
  return c;
}

/// The deltas a reply produced, in order.
struct Deltas {
  std::vector<std::string> pieces;
  std::function<void(std::string_view)> sink() {
    return [this](std::string_view piece) { pieces.emplace_back(piece); };
  }
  std::string joined() const {
    std::string out;
    for (const auto& p : pieces) out += p;
    return out;
  }
};

/// Redirects file descriptor 2 (where log lines go) to a temporary file for its lifetime.
class StderrCapture {
public:
  StderrCapture() : file_(std::tmpfile()), saved_(dup(STDERR_FILENO)) {
    std::fflush(stderr);
    dup2(fileno(file_), STDERR_FILENO);
  }
  ~StderrCapture() {
    if (saved_ >= 0) release();
    std::fclose(file_);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  /// Restores stderr and returns what was written meanwhile.
  std::string release() {
    std::fflush(stderr);
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    saved_ = -1;
    std::rewind(file_);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, file_)) > 0;) out.append(buf, n);
    return out;
  }

private:
  std::FILE* file_;
  int saved_;
};

/// Sets an environment variable for one scope, restoring the old value after.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      setenv(name, value, 1);
    else
      unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* name_;
  std::optional<std::string> old_;
};

template <class F>
std::optional<ProviderError> providerError(F&& f) {
  try {
    f();
  } catch (const ProviderError& e) {
    return e;
  }
  return std::nullopt;
}

class OpenAiProviderTest : public ::testing::Test {
protected:
  void SetUp() override {
    // A proxy from the environment must not stand between the provider and the loopback fake.
    setenv("no_proxy", "127.0.0.1,localhost", 1);
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    server::log::setThreshold(server::log::Level::Error);
  }
  void TearDown() override { server::log::setThreshold(server::log::Level::Debug); }

  OpenAiConfig config() const {
    OpenAiConfig c;
    c.baseUrl = fake.baseUrl();
    c.apiKey = kKey;
    c.model = kModel;
    c.retryBaseDelay = 50ms;  // the backoff's shape is the provider's business; tests need speed
    c.maxRetryDelay = 200ms;
    return c;
  }

  ReplyRequest request(std::string message, Transcript history = {}) const {
    return ReplyRequest{case_, kName, std::move(history), std::move(message), 7};
  }

  FakeOpenAi fake;
  Case case_ = sampleCase();
};

std::size_t find(const std::string& text, std::string_view needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << "missing: " << needle;
  return at;
}

}  // namespace

// ---- the system prompt -------------------------------------------------------------------------

TEST(SystemPrompt, GroupsTheFactsByDisclosureEachWithItsRule) {
  const auto c = sampleCase();
  const auto prompt = buildSystemPrompt(c, kName);
  const auto readily = find(prompt, "# Facts you tell readily");
  const auto asked = find(prompt, "# Facts you tell when asked");
  const auto probed = find(prompt, "# Facts you tell only when probed");
  ASSERT_LT(readily, asked);
  ASSERT_LT(asked, probed);
  // Each fact sits in its group, after that group's rule.
  const auto cola = find(prompt, c.facts[0].answer);
  const auto toast = find(prompt, c.facts[1].answer);
  const auto hba1c = find(prompt, c.facts[2].answer);
  const auto takeaway = find(prompt, c.facts[3].answer);
  EXPECT_TRUE(readily < cola && cola < asked);
  EXPECT_TRUE(asked < toast && toast < probed);
  EXPECT_TRUE(asked < hba1c && hba1c < probed);
  EXPECT_GT(takeaway, probed);
  EXPECT_NE(prompt.find("even if the student's question is general", readily), std::string::npos);
  EXPECT_NE(prompt.find("only when the student asks about their subject", asked), std::string::npos);
  EXPECT_NE(prompt.find("A general question or a question on a neighbouring subject is not enough", probed),
            std::string::npos);
  // What the question must touch: the topics' descriptions.
  EXPECT_EQ(prompt.find("evening meal"), std::string::npos);  // a topic of no fact
  find(prompt, "soft drinks, juice, energy drinks");
  find(prompt, "takeaways, restaurants, canteen, fast food");
  // The persona and voice, the recall, and the rules that keep the model to the case.
  find(prompt, kName);
  find(prompt, c.occupation);
  find(prompt, c.persona.mood);
  find(prompt, "\"to be honest\", \"you know\"");
  find(prompt, "do not know medical or nutrition terms");  // low health literacy
  find(prompt, "few words");                               // low talkativeness
  find(prompt, "04:45, breakfast, home: white toast (2 slices, with jam)");
  find(prompt, c.openingLine);
  find(prompt, "Never invent facts not listed here");
  find(prompt, "deflect naturally");
  find(prompt, "Keep replies short");
}

TEST(SystemPrompt, NeverContainsTheAnswerKey) {
  const auto c = sampleCase();
  const auto prompt = buildSystemPrompt(c, kName);
  for (const auto& d : c.diagnoses) {
    EXPECT_EQ(prompt.find(d.problem), std::string::npos);
    EXPECT_EQ(prompt.find(d.etiology), std::string::npos);
    EXPECT_EQ(prompt.find(d.signsSymptoms), std::string::npos);
  }
  for (const auto& f : c.facts) EXPECT_EQ(prompt.find(f.id), std::string::npos) << f.id;
  EXPECT_EQ(prompt.find("key finding"), std::string::npos);
  EXPECT_EQ(prompt.find("PES"), std::string::npos);
}

TEST(SystemPrompt, LeavesOutEmptyGroupsAndIsDeterministic) {
  auto c = sampleCase();
  c.facts.pop_back();  // the only probed fact
  const auto prompt = buildSystemPrompt(c, kName);
  EXPECT_EQ(prompt.find("only when probed"), std::string::npos);
  EXPECT_EQ(prompt, buildSystemPrompt(c, kName));
}

TEST(SystemPrompt, TheSpeakerTalksForThePatient) {
  auto c = sampleCase();
  c.speaker = Speaker{"Aisha Khan", "mother"};
  const auto prompt = buildSystemPrompt(c, "Zara Khan");
  find(prompt, "you are Aisha Khan, the mother of the patient, Zara Khan");
  find(prompt, "Stay in character as Aisha Khan");
  find(prompt, "Why Zara Khan was referred");
  find(prompt, "What Zara Khan really ate and drank yesterday");
  find(prompt, "You are Zara Khan's mother, not the dietitian");
}

// ---- the SSE decoder ---------------------------------------------------------------------------

TEST(SseDecoder, GivesTheSameEventsHoweverTheBytesAreSplit) {
  const std::string body =
      "data: one\n\n"
      ": keep-alive comment\r\n"
      "data: two\r\n"
      "data: lines\r\n\r\n"
      "event: error\r"
      "data: {\"x\":1}\r\r"
      "id: 5\n"
      "retry: 100\n"
      "data:no-space\n\n"
      "data\n\n"
      "data: unterminated";
  const std::vector<SseDecoder::Event> expected{
      {"", "one"}, {"", "two\nlines"}, {"error", "{\"x\":1}"}, {"", "no-space"}, {"", ""}};
  const auto same = [&](const std::vector<SseDecoder::Event>& got) {
    if (got.size() != expected.size()) return false;
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (got[i].type != expected[i].type || got[i].data != expected[i].data) return false;
    }
    return true;
  };
  for (std::size_t cut = 0; cut <= body.size(); ++cut) {
    SseDecoder decoder;
    auto events = decoder.feed(std::string_view(body).substr(0, cut));
    for (auto& e : decoder.feed(std::string_view(body).substr(cut))) events.push_back(std::move(e));
    EXPECT_TRUE(same(events)) << "split at " << cut;
  }
  SseDecoder bytewise;
  std::vector<SseDecoder::Event> events;
  for (const char c : body) {
    for (auto& e : bytewise.feed(std::string_view(&c, 1))) events.push_back(std::move(e));
  }
  EXPECT_TRUE(same(events));
  EXPECT_EQ(bytewise.pendingBytes(), std::string("unterminated").size() + 6);  // "data: unterminated" held
}

// ---- streaming and the request -----------------------------------------------------------------

TEST_F(OpenAiProviderTest, StreamsAReplySplitAcrossManySmallReads) {
  const std::vector<std::string> pieces{"Well, ", "to be honest, ", "I drink a fair bit ", "of cola at work.",
                                        " Four cans, maybe."};
  fake.enqueue(ScriptedReply::streamed(pieces, 5));
  OpenAiProvider provider(config());
  Deltas deltas;
  const auto text = provider.reply(request("What do you drink during the day?"), deltas.sink());
  EXPECT_EQ(text, "Well, to be honest, I drink a fair bit of cola at work. Four cans, maybe.");
  EXPECT_EQ(deltas.joined(), text);
  EXPECT_EQ(deltas.pieces, pieces);  // one call per content chunk, none for the role or finish chunks
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(OpenAiProviderTest, ReadsCrlfLinesCommentsAndManyEventsInOneWrite) {
  fake.enqueue(ScriptedReply::stream()
                   .crlf()
                   .role()
                   .content("Just ")
                   .raw(": ping\r\n\r\n")
                   .event("")
                   .content("water.")
                   .finish()
                   .done()
                   .writeSize(1 << 20));
  OpenAiProvider provider(config());
  Deltas deltas;
  EXPECT_EQ(provider.reply(request("Anything else?"), deltas.sink()), "Just water.");
  EXPECT_EQ(deltas.pieces.size(), 2u);
}

TEST_F(OpenAiProviderTest, SendsModelStreamRolesAndTheBearerKey) {
  fake.enqueue(ScriptedReply::streamed({"Cola, mostly."}));
  OpenAiProvider provider(config());
  const Transcript history{{Sender::Patient, case_.openingLine},
                           {Sender::User, "Hello Gary, I'm Sam, a student dietitian."},
                           {Sender::Patient, "Hi."},
                           {Sender::Feedback, "COACH: try asking about drinks"}};
  Deltas deltas;
  provider.reply(request("What do you usually drink?", history), deltas.sink());

  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/v1/chat/completions");
  EXPECT_EQ(r.headers.at("authorization"), std::string("Bearer ") + kKey);
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  EXPECT_EQ(r.headers.at("accept"), "text/event-stream");
  const auto body = r.json();
  ASSERT_TRUE(body.is_object()) << r.body;
  EXPECT_EQ(body.at("model"), kModel);
  EXPECT_EQ(body.at("stream"), true);
  const auto& messages = body.at("messages").as_array();
  ASSERT_EQ(messages.size(), 5u);
  const std::vector<std::pair<std::string, std::string>> expected{{"system", buildSystemPrompt(case_, kName)},
                                                                  {"assistant", case_.openingLine},
                                                                  {"user", "Hello Gary, I'm Sam, a student dietitian."},
                                                                  {"assistant", "Hi."},
                                                                  {"user", "What do you usually drink?"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(messages[i].at("role"), expected[i].first.c_str()) << i;
    EXPECT_EQ(messages[i].at("content"), expected[i].second.c_str()) << i;
  }
  EXPECT_EQ(r.body.find("COACH"), std::string::npos);  // the patient never hears the coach
}

TEST_F(OpenAiProviderTest, MergesTurnsOfOneSideSoRolesAlternate) {
  fake.enqueue(ScriptedReply::streamed({"Sorry, what?"}));
  OpenAiProvider provider(config());
  Deltas deltas;
  // The first question went unanswered (the provider failed): two student turns in a row.
  provider.reply(request("Are you there?", {{Sender::Patient, "Hello."}, {Sender::User, "What did you eat?"}}),
                 deltas.sink());
  const auto messages = fake.requests().at(0).json().at("messages").as_array();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[2].at("role"), "user");
  EXPECT_EQ(messages[2].at("content"), "What did you eat?\n\nAre you there?");
}

TEST_F(OpenAiProviderTest, SendsNoAuthorizationWithoutAKeyAndAcceptsABaseUrlEndingInV1) {
  fake.enqueue(ScriptedReply::streamed({"Hello."}));
  auto c = config();
  c.apiKey.clear();
  c.baseUrl = fake.baseUrl() + "/v1/";
  OpenAiProvider provider(c);
  EXPECT_EQ(provider.endpoint(), fake.baseUrl() + "/v1/chat/completions");
  Deltas deltas;
  EXPECT_EQ(provider.reply(request("Hi"), deltas.sink()), "Hello.");
  EXPECT_EQ(fake.requests().at(0).headers.count("authorization"), 0u);
}

TEST_F(OpenAiProviderTest, ReusesTheKeptAliveConnection) {
  fake.enqueue(ScriptedReply::streamed({"One."}));
  fake.enqueue(ScriptedReply::streamed({"Two."}));
  OpenAiProvider provider(config());
  Deltas deltas;
  EXPECT_EQ(provider.reply(request("First?"), deltas.sink()), "One.");
  EXPECT_EQ(provider.reply(request("Second?"), deltas.sink()), "Two.");
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].connection, requests[1].connection);
}

TEST_F(OpenAiProviderTest, AcceptsAServerThatIgnoresStreamTrue) {
  fake.enqueue(ScriptedReply::json(
      200,
      R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m",)"
      R"("choices":[{"index":0,"message":{"role":"assistant","content":"Just water, mostly."},"finish_reason":"stop"}]})"));
  OpenAiProvider provider(config());
  Deltas deltas;
  EXPECT_EQ(provider.reply(request("Drinks?"), deltas.sink()), "Just water, mostly.");
  EXPECT_EQ(deltas.joined(), "Just water, mostly.");
}

TEST_F(OpenAiProviderTest, AnEmptyReplyIsAnError) {
  fake.enqueue(ScriptedReply::stream().role().finish().done());
  OpenAiProvider provider(config());
  Deltas deltas;
  const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->afterFirstToken());
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(OpenAiProviderTest, OpeningIsTheCaseLineVerbatimWithoutANetworkCall) {
  OpenAiProvider provider(config());
  EXPECT_EQ(provider.opening(case_, kName, 1), case_.openingLine);
  EXPECT_EQ(provider.opening(case_, kName, 99), case_.openingLine);
  EXPECT_EQ(provider.name(), "openai");
  EXPECT_TRUE(fake.requests().empty());
}

// ---- errors mid-stream -------------------------------------------------------------------------

TEST_F(OpenAiProviderTest, AnErrorMidStreamEndsTheReplyAfterItsFirstTokens) {
  const auto partial = [] { return ScriptedReply::stream().role().content("I usually have ").content("toast for "); };
  struct Scenario {
    const char* name;
    ScriptedReply reply;
  };
  std::vector<Scenario> scenarios;
  scenarios.push_back(
      {"error event", partial().event(R"({"error":{"message":"The server had an error while processing your request.",)"
                                      R"("type":"server_error","param":null,"code":null}})")});
  scenarios.push_back({"named error event", partial().raw("event: error\ndata: {\"message\":\"overloaded\"}\n\n")});
  scenarios.push_back({"malformed JSON", partial().event(R"({"choices":[{"delta":{"content":"brea)")});
  scenarios.push_back({"connection drop", partial().drop()});
  scenarios.push_back({"finish_reason error", partial().finish("error").done()});
  scenarios.push_back({"end of body without [DONE]", partial()});
  for (auto& s : scenarios) {
    SCOPED_TRACE(s.name);
    FakeOpenAi local;
    local.enqueue(s.reply.writeSize(9));
    local.enqueue(ScriptedReply::streamed({"A retry must not happen."}));
    auto c = config();
    c.baseUrl = local.baseUrl();
    OpenAiProvider provider(c);
    Deltas deltas;
    const auto error = providerError([&] { provider.reply(request("Breakfast?"), deltas.sink()); });
    ASSERT_TRUE(error);
    EXPECT_TRUE(error->afterFirstToken()) << error->what();
    EXPECT_EQ(deltas.joined(), "I usually have toast for ");  // the partial reply was delivered
    EXPECT_EQ(local.requests().size(), 1u);
  }
}

TEST_F(OpenAiProviderTest, AnErrorEventBeforeAnyTokenIsAnErrorWithoutRetry) {
  fake.enqueue(ScriptedReply::stream().event(R"({"error":{"message":"Model is overloaded","type":"server_error"}})"));
  fake.enqueue(ScriptedReply::streamed({"A retry must not happen."}));
  OpenAiProvider provider(config());
  Deltas deltas;
  const auto error = providerError([&] { provider.reply(request("Hello"), deltas.sink()); });
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->afterFirstToken());
  EXPECT_NE(std::string(error->what()).find("Model is overloaded"), std::string::npos) << error->what();
  EXPECT_TRUE(deltas.pieces.empty());
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(OpenAiProviderTest, AnExceptionFromOnDeltaPropagatesAndAbandonsTheStream) {
  fake.enqueue(ScriptedReply::stream().role().content("Hello").stall());
  OpenAiProvider provider(config());
  EXPECT_THROW(provider.reply(request("Hi"), [](std::string_view) { throw std::runtime_error("the student left"); }),
               std::runtime_error);
  EXPECT_TRUE(fake.waitForHangups(1, 5s));
}

// ---- retries -----------------------------------------------------------------------------------

TEST_F(OpenAiProviderTest, A429IsRetriedAfterItsRetryAfter) {
  fake.enqueue(ScriptedReply::error(429, "Rate limit reached for requests", "requests", {{"Retry-After", "1"}}));
  fake.enqueue(ScriptedReply::streamed({"Fine, ", "thanks."}));
  OpenAiProvider provider(config());  // backoff alone would wait ≤ 200 ms: the second must come from Retry-After
  Deltas deltas;
  EXPECT_EQ(provider.reply(request("How are you?"), deltas.sink()), "Fine, thanks.");
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 2u);
  const auto gap = requests[1].receivedAt - requests[0].receivedAt;
  EXPECT_GE(gap, 1s);
  EXPECT_LT(gap, 10s);
  EXPECT_EQ(requests[1].body, requests[0].body);
}

TEST_F(OpenAiProviderTest, Two503sThenTheThirdAttemptSucceeds) {
  fake.enqueue(ScriptedReply::error(503, "The engine is currently overloaded"));
  fake.enqueue(ScriptedReply::json(503, "<html>Service Unavailable</html>"));
  fake.enqueue(ScriptedReply::streamed({"Sorry, ", "I was miles away."}));
  OpenAiProvider provider(config());
  Deltas deltas;
  EXPECT_EQ(provider.reply(request("Hello?"), deltas.sink()), "Sorry, I was miles away.");
  EXPECT_EQ(deltas.joined(), "Sorry, I was miles away.");  // failed attempts delivered nothing
  EXPECT_EQ(fake.requests().size(), 3u);
}

TEST_F(OpenAiProviderTest, AConnectionDropBeforeTheFirstTokenIsRetried) {
  fake.enqueue(ScriptedReply::stream().role().drop());
  fake.enqueue(ScriptedReply::streamed({"Hello again."}));
  OpenAiProvider provider(config());
  Deltas deltas;
  EXPECT_EQ(provider.reply(request("Hello?"), deltas.sink()), "Hello again.");
  EXPECT_EQ(fake.requests().size(), 2u);
}

TEST_F(OpenAiProviderTest, GivesUpAfterMaxRetries) {
  for (int i = 0; i < 5; ++i) fake.enqueue(ScriptedReply::error(502, "Bad gateway"));
  auto c = config();
  c.maxRetries = 2;
  OpenAiProvider provider(c);
  Deltas deltas;
  const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->afterFirstToken());
  EXPECT_NE(std::string(error->what()).find("502"), std::string::npos) << error->what();
  EXPECT_EQ(fake.requests().size(), 3u);
}

TEST_F(OpenAiProviderTest, A400IsNotRetriedAndCarriesTheApiMessage) {
  fake.enqueue(ScriptedReply::error(400, "The model `gpt-test-mini` does not exist", "invalid_request_error"));
  fake.enqueue(ScriptedReply::streamed({"A retry must not happen."}));
  OpenAiProvider provider(config());
  Deltas deltas;
  const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->afterFirstToken());
  const std::string what = error->what();
  EXPECT_NE(what.find("400"), std::string::npos) << what;
  EXPECT_NE(what.find("The model `gpt-test-mini` does not exist"), std::string::npos) << what;
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(OpenAiProviderTest, ARetryAfterBeyondTheCapGivesUpAtOnce) {
  fake.enqueue(ScriptedReply::error(429, "Rate limit reached", "requests", {{"Retry-After", "3600"}}));
  OpenAiProvider provider(config());
  Deltas deltas;
  const auto start = Clock::now();
  const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
  ASSERT_TRUE(error);
  EXPECT_LT(Clock::now() - start, 5s);
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(OpenAiProviderTest, AnExhaustedQuotaIsNotRetried) {
  fake.enqueue(ScriptedReply::json(
      429,
      R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}})"));
  OpenAiProvider provider(config());
  Deltas deltas;
  EXPECT_TRUE(providerError([&] { provider.reply(request("Hello?"), deltas.sink()); }));
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(OpenAiProviderTest, ARefusedConnectionIsRetriedThenReported) {
  std::uint16_t closedPort = 0;
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor probe(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    closedPort = probe.local_endpoint().port();
  }  // closed: connecting there is refused
  auto c = config();
  c.baseUrl = "http://127.0.0.1:" + std::to_string(closedPort);
  c.maxRetries = 2;
  OpenAiProvider provider(c);
  server::log::setThreshold(server::log::Level::Debug);
  StderrCapture capture;
  Deltas deltas;
  const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
  const auto logged = capture.release();
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->afterFirstToken());
  EXPECT_NE(std::string(error->what()).find("could not reach the model API"), std::string::npos) << error->what();
  EXPECT_NE(std::string(error->what()).find("3 attempts"), std::string::npos) << error->what();
  std::size_t retries = 0;
  for (auto at = logged.find("retrying"); at != std::string::npos; at = logged.find("retrying", at + 1)) ++retries;
  EXPECT_EQ(retries, 2u) << logged;
}

// ---- timeouts ----------------------------------------------------------------------------------

TEST_F(OpenAiProviderTest, AStreamStalledBeforeTheFirstTokenTimesOut) {
  fake.enqueue(ScriptedReply::stream().stall());         // headers, then nothing
  fake.enqueue(ScriptedReply::stream().role().stall());  // a role chunk is not a token
  auto c = config();
  c.firstTokenTimeout = 500ms;
  OpenAiProvider provider(c);
  for (int i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    Deltas deltas;
    const auto start = Clock::now();
    const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
    const auto elapsed = Clock::now() - start;
    ASSERT_TRUE(error);
    EXPECT_FALSE(error->afterFirstToken());
    EXPECT_NE(std::string(error->what()).find("first-token timeout"), std::string::npos) << error->what();
    EXPECT_GE(elapsed, 500ms);
    EXPECT_LT(elapsed, 5s);
    EXPECT_TRUE(fake.waitForHangups(static_cast<std::size_t>(i) + 1, 5s));  // the provider hung up
    EXPECT_TRUE(deltas.pieces.empty());
  }
  EXPECT_EQ(fake.requests().size(), 2u);  // a timeout is not retried: the student has waited already
}

TEST_F(OpenAiProviderTest, AStreamStalledAfterTheFirstTokenEndsAtTheTotalTimeout) {
  fake.enqueue(ScriptedReply::stream().role().content("Well, I ").stall());
  auto c = config();
  c.totalTimeout = 1000ms;
  OpenAiProvider provider(c);
  Deltas deltas;
  const auto start = Clock::now();
  const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
  const auto elapsed = Clock::now() - start;
  ASSERT_TRUE(error);
  EXPECT_TRUE(error->afterFirstToken());
  EXPECT_NE(std::string(error->what()).find("total timeout"), std::string::npos) << error->what();
  EXPECT_EQ(deltas.joined(), "Well, I ");
  EXPECT_GE(elapsed, 1000ms);
  EXPECT_LT(elapsed, 6s);
  EXPECT_TRUE(fake.waitForHangups(1, 5s));
}

TEST_F(OpenAiProviderTest, RetriesStopAtTheTotalTimeout) {
  for (int i = 0; i < 4; ++i)
    fake.enqueue(ScriptedReply::error(503, "Overloaded", "server_error", {{"Retry-After", "1"}}));
  auto c = config();
  c.totalTimeout = 1500ms;
  OpenAiProvider provider(c);
  Deltas deltas;
  const auto start = Clock::now();
  const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
  ASSERT_TRUE(error);
  EXPECT_LT(Clock::now() - start, 1500ms);
  EXPECT_EQ(fake.requests().size(), 2u);  // at 0 s and at 1 s; a third at 2 s would be past the deadline
}

// ---- the key stays secret ----------------------------------------------------------------------

TEST_F(OpenAiProviderTest, TheApiKeyAppearsInNoExceptionAndNoLogLine) {
  const std::string echo = std::string("Incorrect API key provided: ") + kKey + ".";
  fake.enqueue(ScriptedReply::error(400, echo, "invalid_request_error"));
  fake.enqueue(ScriptedReply::error(401, echo, "invalid_request_error"));
  fake.enqueue(ScriptedReply::error(403, echo, "invalid_request_error"));
  fake.enqueue(ScriptedReply::error(429, echo, "requests", {{"Retry-After", "0"}}));
  fake.enqueue(ScriptedReply::error(503, echo));
  fake.enqueue(ScriptedReply::stream().role().content("Well").event(R"({"error":{"message":")" + echo + R"("}})"));
  fake.enqueue(ScriptedReply::stream().event(R"({"error":")" + echo + R"("})"));
  auto c = config();
  c.maxRetries = 1;
  OpenAiProvider provider(c);
  server::log::setThreshold(server::log::Level::Debug);
  StderrCapture capture;
  std::vector<std::string> messages;
  for (int i = 0; i < 6; ++i) {
    Deltas deltas;
    const auto error = providerError([&] { provider.reply(request("Hello?"), deltas.sink()); });
    ASSERT_TRUE(error) << i;
    messages.emplace_back(error->what());
  }
  const auto logged = capture.release();
  ASSERT_EQ(fake.requests().size(), 7u);
  for (const auto& r : fake.requests()) EXPECT_EQ(r.headers.at("authorization"), std::string("Bearer ") + kKey);
  for (const auto& m : messages) {
    EXPECT_EQ(m.find(kKey), std::string::npos) << m;
    EXPECT_EQ(m.find("Q7vLk2Secret"), std::string::npos) << m;
  }
  EXPECT_NE(messages[0].find("Incorrect API key provided: [redacted]"), std::string::npos) << messages[0];
  EXPECT_EQ(logged.find(kKey), std::string::npos) << logged;
  EXPECT_EQ(logged.find("Q7vLk2Secret"), std::string::npos) << logged;
  EXPECT_NE(logged.find("retrying"), std::string::npos) << logged;    // the capture did see the log
  EXPECT_NE(logged.find("[redacted]"), std::string::npos) << logged;  // and API messages in it
}

// ---- configuration -----------------------------------------------------------------------------

TEST(OpenAiConfig, ReadsTheEnvironment) {
  ScopedEnv url("PRACTICUM_OPENAI_BASE_URL", "http://127.0.0.1:11434");
  ScopedEnv key("PRACTICUM_OPENAI_API_KEY", kKey);
  ScopedEnv model("PRACTICUM_OPENAI_MODEL", "llama3.1:8b");
  ScopedEnv first("PRACTICUM_OPENAI_FIRST_TOKEN_TIMEOUT_S", "45");
  ScopedEnv retries("PRACTICUM_OPENAI_MAX_RETRIES", "0");
  ScopedEnv connect("PRACTICUM_OPENAI_CONNECT_TIMEOUT_S", nullptr);
  ScopedEnv total("PRACTICUM_OPENAI_TOTAL_TIMEOUT_S", nullptr);
  const auto c = OpenAiConfig::fromEnvironment();
  EXPECT_EQ(c.baseUrl, "http://127.0.0.1:11434");
  EXPECT_EQ(c.apiKey, kKey);
  EXPECT_EQ(c.model, "llama3.1:8b");
  EXPECT_EQ(c.connectTimeout, 5s);
  EXPECT_EQ(c.firstTokenTimeout, 45s);
  EXPECT_EQ(c.totalTimeout, 90s);
  EXPECT_EQ(c.maxRetries, 0);
}

TEST(OpenAiConfig, RefusesWhatCannotWorkNamingTheVariable) {
  ScopedEnv url("PRACTICUM_OPENAI_BASE_URL", nullptr);
  ScopedEnv model("PRACTICUM_OPENAI_MODEL", nullptr);
  ScopedEnv key("PRACTICUM_OPENAI_API_KEY", nullptr);
  const auto refusal = [] {
    try {
      OpenAiConfig::fromEnvironment();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(refusal().find("PRACTICUM_OPENAI_MODEL"), std::string::npos);
  {
    ScopedEnv m("PRACTICUM_OPENAI_MODEL", "gpt-4o-mini");
    EXPECT_EQ(OpenAiConfig::fromEnvironment().baseUrl, "https://api.openai.com");
    {
      ScopedEnv u("PRACTICUM_OPENAI_BASE_URL", "ftp://example.com");
      EXPECT_NE(refusal().find("PRACTICUM_OPENAI_BASE_URL"), std::string::npos);
    }
    {
      ScopedEnv u("PRACTICUM_OPENAI_BASE_URL", "https://user:pass@example.com");
      EXPECT_NE(refusal().find("PRACTICUM_OPENAI_BASE_URL"), std::string::npos);
    }
    {
      ScopedEnv t("PRACTICUM_OPENAI_TOTAL_TIMEOUT_S", "soon");
      EXPECT_NE(refusal().find("PRACTICUM_OPENAI_TOTAL_TIMEOUT_S"), std::string::npos);
    }
    {
      const std::string broken = std::string(kKey) + "\r\nX-Injected: 1";
      ScopedEnv k("PRACTICUM_OPENAI_API_KEY", broken.c_str());
      const auto message = refusal();
      EXPECT_NE(message.find("PRACTICUM_OPENAI_API_KEY"), std::string::npos);
      EXPECT_EQ(message.find(kKey), std::string::npos);
    }
  }
}
