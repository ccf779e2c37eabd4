#pragma once
// Shared by the consultation tests (credits, sessions, messages, feedback): practicum-server in
// this process on its own database, like TestServer, but with a patient provider the test
// controls (echo, failure, failure mid-stream), plus fixtures and checks.

#include "core/codecs.h"
#include "core/consultation/case.h"
#include "server/ai/provider.h"
#include "server/api/routes.h"
#include "server/auth/crypto.h"
#include "server/http/server.h"
#include "server/log.h"
#include "server/repo/credits.h"
#include "server/repo/patients.h"
#include "server/repo/sessions.h"
#include "server/repo/users.h"
#include "tests/support/http_client.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace practicum::test {

namespace json = boost::json;

/// A patient provider whose behaviour the test chooses. Its replies name the history length they
/// were computed on ("[h=N] …"), so a test can see that each reply saw exactly the turns before it.
class TestProvider : public server::ai::PatientProvider {
public:
  /// Gated: after the first piece, waits (at most 10 s) for openGate() before going on.
  enum class Mode { Echo, Fail, FailMidStream, Gated };
  std::atomic<Mode> mode{Mode::Echo};
  std::atomic<int> calls{0};

  void closeGate() {
    std::lock_guard lock(gateMutex_);
    gateOpen_ = false;
  }
  void openGate() {
    {
      std::lock_guard lock(gateMutex_);
      gateOpen_ = true;
    }
    gate_.notify_all();
  }
  /// Whether the last gated reply went on because the gate was opened (not by timing out).
  bool gateWasOpened() {
    std::lock_guard lock(gateMutex_);
    return gateOpen_;
  }

  std::string reply(const server::ai::ReplyRequest& request,
                    const std::function<void(std::string_view)>& onDelta) override {
    ++calls;
    if (mode == Mode::Fail) throw server::ai::ProviderError("the test provider is down", false);
    const std::string text = "[h=" + std::to_string(request.history.size()) + "] I heard: " + request.message;
    std::size_t start = 0;
    bool first = true;
    while (start < text.size()) {
      auto end = text.find(' ', start);
      end = end == std::string::npos ? text.size() : end + 1;
      if (onDelta) onDelta(std::string_view(text).substr(start, end - start));
      if (first && mode == Mode::FailMidStream) throw server::ai::ProviderError("cut off mid-stream", true);
      if (first && mode == Mode::Gated) {
        std::unique_lock lock(gateMutex_);
        gate_.wait_for(lock, std::chrono::seconds(10), [this] { return gateOpen_; });
      }
      first = false;
      start = end;
    }
    return text;
  }
  std::string opening(const consultation::Case& frozenCase, const std::string&, std::uint64_t) override {
    return frozenCase.openingLine;
  }
  std::string_view name() const override { return "test"; }

private:
  std::mutex gateMutex_;
  std::condition_variable gate_;
  bool gateOpen_ = false;
};

/// A small complete case (schema version 1).
inline json::object validCase(const std::string& opening = "Hello. My GP sent me about my sugar levels.") {
  auto fact = [](const char* id, const char* domain, const char* topic, const char* answer, const char* disclosure,
                 bool key) {
    return json::object{{"id", id},         {"domain", domain},         {"topics", json::array{topic}},
                        {"answer", answer}, {"disclosure", disclosure}, {"key", key}};
  };
  return {
      {"schema_version", 1},
      {"demographics", {{"occupation", "Bus driver"}, {"living_situation", "Lives with his wife"}}},
      {"setting", "GP practice"},
      {"referral_reason", "Type 2 diabetes, HbA1c rising"},
      {"personality",
       {{"talkativeness", "medium"},
        {"mood", "tired"},
        {"health_literacy", "medium"},
        {"readiness_to_change", "contemplation"}}},
      {"opening_line", opening},
      {"facts",
       json::array{
           fact("breakfast_cereal", "food_nutrition_history", "breakfast", "I have cornflakes with sugar.",
                "when_asked", true),
           fact("weight_now", "anthropometric", "weight_current", "I weigh about 98 kilos.", "when_asked", false),
           fact("hba1c", "biochemical", "blood_glucose", "My HbA1c was 64 last month.", "probed", true),
           fact("thirst", "physical_findings", "thirst_urination", "I am thirsty all the time.", "volunteered", false),
           fact("metformin", "client_medications", "medications", "I take metformin twice a day.", "when_asked",
                false)}},
      {"recall_24h", json::array{{{"time", "07:00"},
                                  {"occasion", "breakfast"},
                                  {"place", "home"},
                                  {"items", json::array{{{"food", "cornflakes"}, {"amount", "1 bowl"}}}}}}},
      {"expected_diagnoses", json::array{{{"problem", "Excessive carbohydrate intake"},
                                          {"etiology", "frequent sugary cereal"},
                                          {"signs_symptoms", "HbA1c 64"}}}},
  };
}

inline json::object patientBody(const std::string& name, int price = 1, json::object caseObject = validCase()) {
  return {{"name", name},
          {"brief",
           {{"age", 55},
            {"sex", "male"},
            {"referral_reason", "Type 2 diabetes"},
            {"setting", "GP practice"},
            {"difficulty", "beginner"},
            {"tags", json::array{"diabetes"}}}},
          {"medical_history", "T2DM since 2015."},
          {"case", std::move(caseObject)},
          {"price_credits", price}};
}

inline std::string text(const json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : json::serialize(v);
}

/// Server-Sent Events of a whole response body, in order: (event, data).
inline std::vector<std::pair<std::string, json::value>> parseEvents(const std::string& body) {
  std::vector<std::pair<std::string, json::value>> out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto end = body.find("\n\n", pos);
    if (end == std::string::npos) end = body.size();
    const auto block = body.substr(pos, end - pos);
    pos = end + 2;
    std::string event = "message", data;
    std::size_t line = 0;
    while (line < block.size()) {
      auto lineEnd = block.find('\n', line);
      if (lineEnd == std::string::npos) lineEnd = block.size();
      const auto l = block.substr(line, lineEnd - line);
      if (l.rfind("event: ", 0) == 0) event = l.substr(7);
      if (l.rfind("data: ", 0) == 0) data += l.substr(6);
      line = lineEnd + 1;
    }
    if (!data.empty()) out.emplace_back(event, json::parse(data));
  }
  return out;
}

class ConsultationServer : public TestServer {
public:
  struct Account {
    User user;
    std::string token;
  };

  /// `provider` replaces the TestProvider (say, the real scripted one); provider() is then unusable.
  explicit ConsultationServer(const std::function<void(server::Config&)>& adjust = {},
                              std::shared_ptr<server::ai::PatientProvider> provider = nullptr)
      : ConsultationServer(adjust, provider, provider ? nullptr : std::make_shared<TestProvider>()) {}

  TestProvider& provider() { return *provider_; }
  server::repo::SessionPolicy policy() const {
    server::repo::SessionPolicy p;
    p.timeLimit = config().sessionTimeLimit;
    return p;
  }

  /// An account made in the database, signed in over HTTP, holding `credits` (granted through the
  /// ledger like an admin adjustment).
  Account createAccount(Role role, int credits = 0) {
    Account account;
    const auto email = std::string(toString(role)) + std::to_string(++accounts_) + "@consult.test";
    {
      auto conn = pool().acquire();
      account.user = server::repo::insertUser(*conn, email, passwordHash_, "Test", "User", role);
      if (credits > 0) grant(*conn, account.user.id, credits);
    }
    auto response = client().post("/api/v1/auth/login", {{"email", email}, {"password", kPassword}});
    if (response.status != 200) throw std::runtime_error("test login failed: " + response.body);
    account.token = std::string(response.json().at("token").as_string());
    return account;
  }

  void grant(db::Connection& conn, const std::string& userId, int credits) {
    db::Transaction tx(conn);
    server::repo::adjust(conn, userId, credits, "test grant", userId);
    tx.commit();
  }

  /// A bookable patient made in the database; returns its id.
  std::string createPatient(int price = 1, const std::string& name = {}) {
    auto conn = pool().acquire();
    const auto input =
        decodePatientCreate(patientBody(name.empty() ? "Patient " + std::to_string(++patients_) : name, price));
    return server::repo::insertPatient(*conn, input, std::nullopt).id;
  }

  std::int64_t sqlInt(const std::string& sql, const std::string& param = {}) {
    auto conn = pool().acquire();
    auto r = param.empty() ? conn->query(sql) : conn->query(sql, param);
    return r.integer(0, 0);
  }
  std::string sqlText(const std::string& sql, const std::string& param = {}) {
    auto conn = pool().acquire();
    auto r = param.empty() ? conn->query(sql) : conn->query(sql, param);
    return r.empty() || r.isNull(0, 0) ? std::string() : r.text(0, 0);
  }
  void sql(const std::string& statement, const std::string& param) {
    auto conn = pool().acquire();
    conn->query(statement, param);
  }

  /// Users whose balance differs from the sum of their ledger (must be 0).
  std::int64_t ledgerMismatches() {
    return sqlInt(
        "SELECT count(*) FROM (SELECT u.id FROM \"user\" u LEFT JOIN credit_transactions t ON t.user_id = u.id "
        "GROUP BY u.id HAVING u.credit_balance <> coalesce(sum(t.credits), 0)) bad");
  }
  std::int64_t balance(const std::string& userId) {
    return sqlInt("SELECT credit_balance FROM \"user\" WHERE id = $1", userId);
  }

  /// Books (201 expected) and returns the session id.
  std::string book(const Account& who, const std::string& patientId) {
    auto r = client().post("/api/v1/sessions", {{"patient_id", patientId}}, who.token);
    if (r.status != 201) throw std::runtime_error("booking failed: " + r.body);
    return text(r.json().at("id"));
  }
  /// Books and starts; returns the session id.
  std::string running(const Account& who, const std::string& patientId) {
    const auto id = book(who, patientId);
    auto r = client().post("/api/v1/sessions/" + id + "/start", {}, who.token);
    if (r.status != 200) throw std::runtime_error("start failed: " + r.body);
    return id;
  }

  static constexpr const char* kPassword = "correct horse battery";

private:
  ConsultationServer(const std::function<void(server::Config&)>& adjust,
                     const std::shared_ptr<server::ai::PatientProvider>& given, std::shared_ptr<TestProvider> test)
      : TestServer(adjust, given ? given : test), provider_(std::move(test)) {
    server::log::setThreshold(server::log::Level::Error);
    // One password hash for every account: Argon2id costs ~100 ms each.
    passwordHash_ = hasher().hash(kPassword);
  }

  std::shared_ptr<TestProvider> provider_;
  std::string passwordHash_;
  int accounts_ = 0;
  int patients_ = 0;
};

/// A suite sharing one ConsultationServer, with an instructor and an admin signed in.
class ConsultationSuite : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new ConsultationServer();
    instructor = server->createAccount(Role::Instructor);
    admin = server->createAccount(Role::Admin);
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static inline ConsultationServer* server = nullptr;
  static inline ConsultationServer::Account instructor;
  static inline ConsultationServer::Account admin;
};

/// A raw request body and what the server must answer: its status and, for a 422, the field named.
struct Refusal {
  std::string raw;
  unsigned status;
  std::string field;
};

/// POSTs each body to `target` and checks the status and the field each 422 names.
inline void expectRefusals(HttpClient& client, const std::string& target, const std::string& token,
                           const std::vector<Refusal>& refusals) {
  for (const auto& c : refusals) {
    SCOPED_TRACE(c.raw.substr(0, 80));
    auto r = client.postRaw("POST", target, c.raw, token);
    EXPECT_EQ(r.status, c.status) << r.body.substr(0, 300);
    if (!c.field.empty() && r.status == 422u) {
      EXPECT_TRUE(r.json().at("error").at("details").at("fields").as_object().contains(c.field))
          << r.body.substr(0, 300);
    }
  }
}

/// A fresh random UUID (for client_message_id).
inline std::string uuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 15];
  }
  return out;
}

}  // namespace practicum::test
