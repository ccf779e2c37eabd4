// Notifications: the outbox rows written with their causes (registration, booking, payments,
// reminders), delivered by the outbox worker to a real SMTP server on loopback (aiosmtpd) and read
// back with Python's email package; retries while the server is down, failure after the limit and
// the admin's retry (of failed rows only); two instances without duplicates; a claim that lapsed;
// attempts that never report back; reminders of closed or already started sessions never sent and
// never twice per offset; the .eml mail drop and its warning in production; and the notification
// endpoints.

#include "server/cli.h"
#include "server/notify/notify.h"
#include "server/notify/outbox.h"
#include "server/repo/notifications.h"
#include "tests/server/consultation_support.h"
#include "tests/support/smtp_server.h"

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

using namespace practicum;
using namespace practicum::test;

namespace {

/// A one-way signal between threads: open() once, wait() until then (or the timeout).
class Flag {
public:
  void open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  bool wait(std::chrono::seconds timeout = std::chrono::seconds(30)) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [this] { return open_; });
  }

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
};

/// A transport that runs `before` and `after` around each send of `inner` (which may be null: then
/// `before` decides, by returning or throwing).
class HookedTransport final : public server::mail::Transport {
public:
  HookedTransport(std::unique_ptr<server::mail::Transport> inner, std::function<void()> before,
                  std::function<void()> after = {})
      : inner_(std::move(inner)), before_(std::move(before)), after_(std::move(after)) {}
  void send(const server::mail::Outgoing& message) override {
    if (before_) before_();
    if (inner_) inner_->send(message);
    if (after_) after_();
  }

private:
  std::unique_ptr<server::mail::Transport> inner_;
  std::function<void()> before_;
  std::function<void()> after_;
};

boost::json::array itemsOf(const HttpResult& r) {
  const auto body = r.json();
  const auto* items = body.is_object() ? body.as_object().if_contains("items") : nullptr;
  return items && items->is_array() ? items->as_array() : boost::json::array();
}

/// A fresh server (and database) per test, and one SMTP server for the suite, emptied per test.
class Notifications : public ::testing::Test {
protected:
  static void SetUpTestSuite() { smtp = new SmtpServer(); }
  static void TearDownTestSuite() {
    delete smtp;
    smtp = nullptr;
  }
  void SetUp() override {
    if (!smtp->running()) smtp->start();
    smtp->clear();
    server = std::make_unique<ConsultationServer>();
    admin = server->createAccount(Role::Admin);
  }
  void TearDown() override { server.reset(); }

  /// An outbox sending to the test SMTP server; `adjust` changes the rest.
  std::unique_ptr<server::notify::Outbox> outbox(const std::function<void(server::Config&)>& adjust = {}) {
    return server->newOutbox([&](server::Config& c) {
      c.smtpUrl = smtp->url();
      c.mailWorkers = 2;
      if (adjust) adjust(c);
    });
  }

  /// The configuration outbox() uses, for an outbox made with its own transports.
  server::Config outboxConfig(const std::function<void(server::Config&)>& adjust = {}) const {
    auto c = server->config();
    c.smtpUrl = smtp->url();
    c.mailWorkers = 2;
    c.mailPollInterval = std::chrono::milliseconds(50);
    if (adjust) adjust(c);
    return c;
  }
  /// An outbox whose transports are the test SMTP server's, wrapped in `before` / `after` hooks.
  std::unique_ptr<server::notify::Outbox> hookedOutbox(std::function<void()> before, std::function<void()> after = {},
                                                       const std::function<void(server::Config&)>& adjust = {}) {
    const auto config = outboxConfig(adjust);
    return std::make_unique<server::notify::Outbox>(config, [config, before, after] {
      return std::make_unique<HookedTransport>(server::mail::makeTransport(config), before, after);
    });
  }

  /// Registers over HTTP (201 expected); returns the user id.
  std::string registerUser(const std::string& email, const std::string& firstName = "Ada") {
    auto r = server->client().post("/api/v1/auth/register", {{"email", email},
                                                             {"password", "a long enough passphrase"},
                                                             {"first_name", firstName},
                                                             {"last_name", "Lovelace"}});
    if (r.status != 201) throw std::runtime_error("register failed: " + r.body);
    return text(r.json().at("user").at("id"));
  }

  /// Books with a scheduled start `minutes` from now (201 expected); returns the session id.
  std::string bookAt(const ConsultationServer::Account& who, const std::string& patient, int minutes) {
    const auto when = server->sqlText("SELECT to_char(now() + make_interval(mins => " + std::to_string(minutes) +
                                      "), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
    auto r =
        server->client().post("/api/v1/sessions", {{"patient_id", patient}, {"scheduled_start_time", when}}, who.token);
    if (r.status != 201) throw std::runtime_error("booking failed: " + r.body);
    return text(r.json().at("id"));
  }

  std::int64_t count(const std::string& where, const std::string& param = {}) {
    return server->sqlInt("SELECT count(*) FROM notifications WHERE " + where, param);
  }

  /// Every reminder made due now, as if its time had come.
  void remindersDueNow() {
    auto conn = server->pool().acquire();
    conn->query("UPDATE notifications SET next_attempt_at = now() WHERE type = 'session_reminder'");
  }

  /// A payment row in `status` for `userId`, of a 10-credit pack at 12.50 EUR; returns its id.
  std::string insertPayment(const std::string& userId, const std::string& status, const std::string& packName) {
    auto conn = server->pool().acquire();
    const auto pack = conn->query(
                              "INSERT INTO credit_packs (name, credits, price_minor, currency) "
                              "VALUES ($1, 10, 1250, 'eur') RETURNING id",
                              packName)
                          .text(0, 0);
    return conn
        ->query(
            "INSERT INTO payments (user_id, pack_id, amount, amount_minor, currency, credits, status, completed_at, "
            "                      refunded_at, refunded_credits, failure_reason) "
            "VALUES ($1, $2, 12.50, 1250, 'eur', 10, $3::text, "
            "        CASE WHEN $3::text IN ('completed', 'refunded') THEN now() END, "
            "        CASE WHEN $3::text = 'refunded' THEN now() END, CASE WHEN $3::text = 'refunded' THEN 4 ELSE 0 "
            "END, CASE WHEN $3::text = 'failed' THEN 'The checkout was cancelled or expired before a payment was made.' END) "
            "RETURNING id",
            userId, pack, status)
        .text(0, 0);
  }

  void paymentUpdate(const std::string& paymentId) {
    auto conn = server->pool().acquire();
    db::Transaction tx(*conn);
    server::notify::paymentUpdate(*conn, paymentId);
    tx.commit();
  }

  /// The received messages by Message-ID (failing the test on a duplicate).
  static std::map<std::string, ReceivedMail> byMessageId(const std::vector<ReceivedMail>& mails) {
    std::map<std::string, ReceivedMail> out;
    for (const auto& m : mails) {
      const auto id = text(parseMail(m.data).at("message_id"));
      EXPECT_FALSE(out.contains(id)) << "delivered twice: " << id;
      out[id] = m;
    }
    return out;
  }
  static std::string messageId(const std::string& notificationId) {
    return "<" + notificationId + "@practicum.localhost>";
  }

  static inline SmtpServer* smtp = nullptr;
  std::unique_ptr<ConsultationServer> server;
  ConsultationServer::Account admin;
};

}  // namespace

TEST_F(Notifications, EveryTypeArrivesWithItsRecipientSubjectAndBody) {
  const auto newcomer = registerUser("ada@example.org");
  auto student = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient(2, "Zoë Ångström");
  const auto scheduled = bookAt(student, patient, 180);
  const auto unscheduled = server->book(student, patient);
  const auto completed = insertPayment(student.user.id, "completed", "Starter pack");
  const auto failed = insertPayment(student.user.id, "failed", "Starter pack");
  const auto refunded = insertPayment(student.user.id, "refunded", "Big <pack> & co");
  for (const auto& p : {completed, failed, refunded}) paymentUpdate(p);
  paymentUpdate(insertPayment(student.user.id, "pending", "Pending pack"));  // nothing to tell yet

  EXPECT_EQ(count("type = 'onboarding' AND user_id = $1", newcomer), 1);
  EXPECT_EQ(count("type = 'session_booked'"), 2);
  EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1", scheduled), 2);
  EXPECT_EQ(count("type = 'payment_update'"), 3);
  EXPECT_EQ(count("status = 'pending'"), 8);
  remindersDueNow();

  auto box = outbox();
  const auto delivered = box->deliverDue();
  EXPECT_EQ(delivered.sent, 8);
  EXPECT_EQ(delivered.retried + delivered.failed + delivered.cancelled, 0);
  EXPECT_EQ(count("status = 'sent' AND sent_at IS NOT NULL AND attempts = 1"), 8);
  const auto mails = byMessageId(smtp->waitFor(8));
  ASSERT_EQ(mails.size(), 8u);

  // What each notification row says arrived at its recipient under its own Message-ID.
  auto conn = server->pool().acquire();
  const auto rows = conn->query(
      "SELECT n.id, n.type, n.subject, n.message, u.email, n.session_id, n.payment_id "
      "FROM notifications n JOIN \"user\" u ON u.id = n.user_id");
  std::map<std::string, std::string> subjectOf;  // by "type/cause"
  for (int i = 0; i < rows.rows(); ++i) {
    SCOPED_TRACE(rows.text(i, 1) + " " + rows.text(i, 0));
    ASSERT_TRUE(mails.contains(messageId(rows.text(i, 0))));
    const auto& mail = mails.at(messageId(rows.text(i, 0)));
    EXPECT_EQ(mail.rcptTo, std::vector<std::string>{rows.text(i, 4)});
    EXPECT_EQ(mail.mailFrom, "no-reply@practicum.localhost");
    const auto parsed = parseMail(mail.data);
    EXPECT_TRUE(parsed.at("defects").as_array().empty()) << parsed.at("defects");
    EXPECT_EQ(text(parsed.at("to_address")), rows.text(i, 4));
    EXPECT_EQ(text(parsed.at("subject")), rows.text(i, 2)) << "the UTF-8 subject decodes to what was stored";
    EXPECT_EQ(text(parsed.at("content_type")), "multipart/alternative");
    const auto& parts = parsed.at("parts").as_array();
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(text(parts[0].at("content_type")), "text/plain");
    EXPECT_EQ(text(parts[0].at("content")), rows.text(i, 3));
    EXPECT_EQ(text(parts[1].at("content_type")), "text/html");
    const auto cause = rows.isNull(i, 5) ? (rows.isNull(i, 6) ? "" : rows.text(i, 6)) : rows.text(i, 5);
    subjectOf[rows.text(i, 1) + "/" + cause] += rows.text(i, 2);
  }
  EXPECT_EQ(subjectOf["onboarding/"], "Welcome to Practicum");
  EXPECT_TRUE(subjectOf["session_booked/" + scheduled].starts_with("Booked: your session with Zoë Ångström on "))
      << subjectOf["session_booked/" + scheduled];
  EXPECT_TRUE(subjectOf["session_booked/" + scheduled].ends_with(" UTC"));
  EXPECT_EQ(subjectOf["session_booked/" + unscheduled], "Booked: your session with Zoë Ångström");
  EXPECT_NE(
      subjectOf["session_reminder/" + scheduled].find("Reminder: your session with Zoë Ångström starts in 1 hour"),
      std::string::npos);
  EXPECT_NE(subjectOf["session_reminder/" + scheduled].find("starts in 10 minutes"), std::string::npos);
  EXPECT_EQ(subjectOf["payment_update/" + completed], "Payment received: 10 credits for Practicum");
  EXPECT_EQ(subjectOf["payment_update/" + failed], "Your payment did not go through");
  EXPECT_EQ(subjectOf["payment_update/" + refunded], "Refund of 12.50 EUR");

  // The bodies carry the names, the time, the pack, the credits and the amount.
  const auto body = [&](const std::string& where, const std::string& param) {
    return server->sqlText("SELECT message FROM notifications WHERE " + where, param);
  };
  const auto html = [&](const std::string& where, const std::string& param) {
    return server->sqlText("SELECT html_message FROM notifications WHERE " + where, param);
  };
  EXPECT_NE(body("user_id = $1", newcomer).find("Hello Ada,"), std::string::npos);
  EXPECT_NE(body("user_id = $1", newcomer).find("ada@example.org"), std::string::npos);
  const auto booked = body("type = 'session_booked' AND session_id = $1", scheduled);
  EXPECT_NE(booked.find("Hello Test,"), std::string::npos) << booked;
  EXPECT_NE(booked.find("Zoë Ångström"), std::string::npos);
  EXPECT_NE(booked.find("2 credits"), std::string::npos);
  const auto startText = server->sqlText(
      "SELECT to_char(scheduled_start_time AT TIME ZONE 'UTC', 'FMDay FMDD FMMonth YYYY, HH24:MI') FROM sessions "
      "WHERE id = $1",
      scheduled);
  EXPECT_NE(booked.find(startText + " UTC"), std::string::npos) << booked;
  EXPECT_NE(body("type = 'session_booked' AND session_id = $1", unscheduled).find("within 7 days"), std::string::npos);
  const auto paid = body("payment_id = $1", completed);
  EXPECT_NE(paid.find("12.50 EUR"), std::string::npos) << paid;
  EXPECT_NE(paid.find("Starter pack"), std::string::npos);
  EXPECT_NE(paid.find("We added 10 credits"), std::string::npos);
  EXPECT_NE(body("payment_id = $1", failed).find("The checkout was cancelled or expired before a payment was made."),
            std::string::npos)
      << "the failed-payment mail says why";
  EXPECT_NE(body("payment_id = $1", refunded).find("Credits taken back from your balance: 4 credits."),
            std::string::npos);
  EXPECT_NE(html("payment_id = $1", refunded).find("Big &lt;pack&gt; &amp; co"), std::string::npos)
      << "values are HTML-escaped in the HTML part";
  EXPECT_EQ(html("payment_id = $1", refunded).find("Big <pack>"), std::string::npos);
}

TEST_F(Notifications, RowsExistExactlyWhenTheirCauseWasCommitted) {
  registerUser("once@example.org");
  // A second registration with the same email is refused: no second welcome.
  auto again = server->client().post("/api/v1/auth/register", {{"email", "ONCE@example.org"},
                                                               {"password", "a long enough passphrase"},
                                                               {"first_name", "Ada"},
                                                               {"last_name", "Again"}});
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(count("type = 'onboarding'"), 1);
  // A booking refused for lack of credits writes no mail.
  auto poor = server->createAccount(Role::Student, 0);
  auto refused = server->client().post("/api/v1/sessions", {{"patient_id", server->createPatient(3)}}, poor.token);
  EXPECT_EQ(refused.status, 402u);
  EXPECT_EQ(count("type = 'session_booked'"), 0);
  // A payment update rolled back with its transaction leaves nothing.
  const auto payment = insertPayment(poor.user.id, "completed", "Starter pack");
  {
    auto conn = server->pool().acquire();
    db::Transaction tx(*conn);
    server::notify::paymentUpdate(*conn, payment);
    EXPECT_EQ(conn->query("SELECT count(*) FROM notifications WHERE payment_id = $1", payment).integer(0, 0), 1);
  }  // rolled back
  EXPECT_EQ(count("payment_id = $1", payment), 0);
}

TEST_F(Notifications, WithTheServerDownRowsStayPendingAndArriveOnceItIsBack) {
  smtp->stop();
  const auto userId = registerUser("patient@example.org");
  const auto id = server->sqlText("SELECT id FROM notifications WHERE user_id = $1", userId);
  auto box = outbox([](server::Config& c) { c.mailRetryBase = std::chrono::seconds(30); });
  auto result = box->deliverDue();
  EXPECT_EQ(result.sent, 0);
  EXPECT_EQ(result.retried, 1);
  EXPECT_EQ(server->sqlText("SELECT status FROM notifications WHERE id = $1", id), "pending");
  EXPECT_EQ(server->sqlInt("SELECT attempts FROM notifications WHERE id = $1", id), 1);
  EXPECT_FALSE(server->sqlText("SELECT last_error FROM notifications WHERE id = $1", id).empty());
  EXPECT_EQ(server->sqlInt(
                "SELECT (claim_token IS NULL AND claimed_until IS NULL)::int FROM notifications WHERE id = $1", id),
            1)
      << "the claim is released";
  // Retried after the backoff (30 s for the first retry), not before.
  EXPECT_EQ(
      server->sqlInt("SELECT (next_attempt_at - now() BETWEEN interval '20 seconds' AND interval '30 seconds')::int "
                     "FROM notifications WHERE id = $1",
                     id),
      1);
  EXPECT_EQ(box->deliverDue().retried, 0) << "not due again yet";

  // A second attempt while still down: attempts 2, the next wait doubles.
  server->sql("UPDATE notifications SET next_attempt_at = now() WHERE id = $1", id);
  EXPECT_EQ(box->deliverDue().retried, 1);
  EXPECT_EQ(server->sqlInt("SELECT attempts FROM notifications WHERE id = $1", id), 2);
  EXPECT_EQ(
      server->sqlInt("SELECT (next_attempt_at - now() BETWEEN interval '50 seconds' AND interval '60 seconds')::int "
                     "FROM notifications WHERE id = $1",
                     id),
      1);

  smtp->start();
  server->sql("UPDATE notifications SET next_attempt_at = now() WHERE id = $1", id);
  EXPECT_EQ(box->deliverDue().sent, 1);
  EXPECT_EQ(server->sqlText("SELECT status FROM notifications WHERE id = $1", id), "sent");
  EXPECT_EQ(server->sqlInt("SELECT attempts FROM notifications WHERE id = $1", id), 3);
  const auto mails = smtp->waitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(text(parseMail(mails[0].data).at("message_id")), messageId(id));
}

TEST_F(Notifications, TheRunningWorkerRetriesWithBackoffUntilTheServerIsBack) {
  smtp->stop();
  auto& box = server->startOutbox([&](server::Config& c) {
    c.smtpUrl = smtp->url();
    c.mailRetryBase = std::chrono::seconds(1);
    c.mailPollInterval = std::chrono::milliseconds(50);
  });
  const auto userId = registerUser("later@example.org");
  const auto id = server->sqlText("SELECT id FROM notifications WHERE user_id = $1", userId);
  // The worker is woken by the commit (LISTEN/NOTIFY) and fails at once.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  // (attempts counts claims; the failure is recorded after the send failed, so wait for that.)
  while ((box.totals().retried < 1 ||
          server->sqlInt("SELECT (last_error IS NOT NULL)::int FROM notifications WHERE id = $1", id) == 0) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(server->sqlText("SELECT status FROM notifications WHERE id = $1", id), "pending");
  EXPECT_GE(server->sqlInt("SELECT attempts FROM notifications WHERE id = $1", id), 1);
  EXPECT_GE(box.totals().retried, 1);
  smtp->start();
  const auto mails = smtp->waitFor(1, std::chrono::seconds(20));
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(text(parseMail(mails[0].data).at("message_id")), messageId(id));
  const auto sentBy = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (server->sqlText("SELECT status FROM notifications WHERE id = $1", id) != "sent" &&
         std::chrono::steady_clock::now() < sentBy) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(server->sqlText("SELECT status FROM notifications WHERE id = $1", id), "sent");
  // Once stopped, nothing more can go out (the sink stores a message before its 250): what
  // arrived is all there will be.
  box.stop();
  EXPECT_EQ(smtp->received().size(), 1u) << "sent once";
  EXPECT_EQ(box.totals().sent, 1);
  EXPECT_EQ(box.totals().lost, 0);
}

TEST_F(Notifications, AfterTheLimitARowFailsWithItsErrorAndAnAdminRetrySendsIt) {
  smtp->stop();
  const auto userId = registerUser("unlucky@example.org");
  const auto id = server->sqlText("SELECT id FROM notifications WHERE user_id = $1", userId);
  auto box = outbox([](server::Config& c) {
    c.mailMaxAttempts = 3;
    c.mailRetryBase = std::chrono::seconds(0);  // retried at once, so the limit comes in one call
  });
  const auto result = box->deliverDue();
  EXPECT_EQ(result.retried, 2);
  EXPECT_EQ(result.failed, 1);
  EXPECT_EQ(server->sqlText("SELECT status FROM notifications WHERE id = $1", id), "failed");
  EXPECT_EQ(server->sqlInt("SELECT attempts FROM notifications WHERE id = $1", id), 3);
  const auto error = server->sqlText("SELECT last_error FROM notifications WHERE id = $1", id);
  EXPECT_NE(error.find("onnect"), std::string::npos) << error;
  EXPECT_EQ(box->deliverDue().sent + box->deliverDue().retried, 0) << "a failed row is left alone";

  auto client = server->client();
  auto listed = client.get("/api/v1/admin/notifications?status=failed", admin.token);
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(itemsOf(listed).size(), 1u);
  const auto item = itemsOf(listed).at(0).as_object();
  EXPECT_EQ(text(item.at("id")), id);
  EXPECT_EQ(item.at("attempts").as_int64(), 3);
  EXPECT_EQ(text(item.at("last_error")), error);
  EXPECT_EQ(text(item.at("user_id")), userId);

  smtp->start();
  auto retried = client.post("/api/v1/admin/notifications/" + id + "/retry", {}, admin.token);
  ASSERT_EQ(retried.status, 200u) << retried.body;
  EXPECT_EQ(text(retried.json().at("status")), "pending");
  EXPECT_EQ(retried.json().at("attempts").as_int64(), 0);
  EXPECT_TRUE(retried.json().at("last_error").is_null());
  EXPECT_EQ(box->deliverDue().sent, 1);
  EXPECT_EQ(server->sqlText("SELECT status FROM notifications WHERE id = $1", id), "sent");
  EXPECT_EQ(smtp->waitFor(1).size(), 1u);
  // Sent: no second retry.
  auto twice = client.post("/api/v1/admin/notifications/" + id + "/retry", {}, admin.token);
  EXPECT_EQ(twice.status, 409u) << twice.body;
  EXPECT_EQ(text(twice.json().at("error").at("details").at("status")), "sent");
}

TEST_F(Notifications, TwoInstancesDeliverEachNotificationExactlyOnce) {
  constexpr int kCount = 300;
  {
    auto conn = server->pool().acquire();
    db::Transaction tx(*conn);
    const auto ids = conn->query(
        "INSERT INTO \"user\" (email, hashed_password, first_name, last_name) "
        "SELECT 'bulk' || i || '@example.org', 'x', 'Bulk', i::text FROM generate_series(1, $1::int) i RETURNING id",
        kCount);
    for (int i = 0; i < ids.rows(); ++i) server::notify::onboarding(*conn, ids.text(i, 0));
    tx.commit();
  }
  // Two instances: each its own pool, two workers, polling and listening, on one database. The
  // first one's sends wait until the second one has sent a message, so both surely take part
  // however the scheduler (a loaded 2-core runner) favours one of them.
  Flag secondSent;
  const auto fastPoll = [](server::Config& c) { c.mailPollInterval = std::chrono::milliseconds(20); };
  auto first = hookedOutbox([&] { secondSent.wait(); }, {}, fastPoll);
  auto second = hookedOutbox(
      {}, [&] { secondSent.open(); }, fastPoll);
  first->start();
  second->start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (count("status = 'sent'") < kCount && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  first->stop();
  second->stop();
  EXPECT_EQ(count("status = 'sent'"), kCount);
  EXPECT_EQ(first->totals().sent + second->totals().sent, kCount);
  EXPECT_GT(first->totals().sent, 0) << "both instances took part";
  EXPECT_GT(second->totals().sent, 0) << "both instances took part";
  EXPECT_EQ(first->totals().lost + second->totals().lost, 0);
  const auto mails = smtp->waitFor(kCount);
  EXPECT_EQ(mails.size(), static_cast<std::size_t>(kCount));
  std::set<std::string> ids;
  std::set<std::string> recipients;
  for (const auto& m : mails) {
    // The Message-ID header, read without Python (300 messages).
    const auto at = m.data.find("\r\nMessage-ID: ");
    ASSERT_NE(at, std::string::npos);
    ids.insert(m.data.substr(at + 14, m.data.find("\r\n", at + 14) - at - 14));
    recipients.insert(m.rcptTo.at(0));
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kCount)) << "each Message-ID once";
  EXPECT_EQ(recipients.size(), static_cast<std::size_t>(kCount));
}

TEST_F(Notifications, RemindersOfSessionsThatWillNotHappenAreNeverSent) {
  auto student = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient();
  const auto cancelled = bookAt(student, patient, 120);
  const auto started = bookAt(student, patient, 120);
  const auto expired = bookAt(student, patient, 120);
  const auto bypassed = bookAt(student, patient, 120);
  const auto kept = bookAt(student, patient, 120);
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'pending'"), 10);

  // Cancelled and started through the API; expired by the sweep: their reminders are cancelled
  // in the same transaction.
  auto client = server->client();
  ASSERT_EQ(client.post("/api/v1/sessions/" + cancelled + "/cancel", {}, student.token).status, 200u);
  ASSERT_EQ(client.post("/api/v1/sessions/" + started + "/start", {}, student.token).status, 200u);
  server->sql("UPDATE sessions SET scheduled_start_time = now() - interval '25 hours' WHERE id = $1", expired);
  {
    auto conn = server->pool().acquire();
    EXPECT_EQ(server::repo::sweepSessions(*conn, server->policy()).expired, 1);
  }
  for (const auto& id : {cancelled, started, expired}) {
    EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1 AND status = 'cancelled'", id), 2) << id;
  }
  // A session started behind the outbox's back (no cancelPendingReminders): the worker re-checks
  // at delivery and cancels instead of sending.
  server->sql("UPDATE sessions SET status = 'in_progress', start_time = now() WHERE id = $1", bypassed);
  EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1 AND status = 'pending'", bypassed), 2);

  remindersDueNow();
  auto box = outbox();
  const auto result = box->deliverDue();
  EXPECT_EQ(result.cancelled, 2) << "the bypassed session's two reminders";
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'cancelled'"), 8);
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'sent'"), 2);
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'sent' AND session_id = $1", kept), 2);
  EXPECT_EQ(result.sent, 5 + 2) << "five 'booked' mails and the kept session's two reminders";
  std::size_t reminders = 0;
  for (const auto& m : smtp->waitFor(7)) {
    const auto subject = text(parseMail(m.data).at("subject"));
    reminders += subject.starts_with("Reminder:");
  }
  EXPECT_EQ(reminders, 2u);
}

TEST_F(Notifications, RemindersComeOncePerOffsetAndOnlyForTimesStillAhead) {
  auto student = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient();
  const auto far = bookAt(student, patient, 120);
  const auto soon = bookAt(student, patient, 30);
  const auto imminent = bookAt(student, patient, 5);
  EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1", far), 2);
  EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1", soon), 1) << "the hour before has passed";
  EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1 AND reminder_offset_minutes = 10", soon), 1);
  EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1", imminent), 0);
  // Due at start − offset.
  EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1 AND next_attempt_at = "
                  "(SELECT scheduled_start_time - make_interval(mins => reminder_offset_minutes) FROM sessions "
                  " WHERE id = $1)",
                  far),
            2);

  // Writing the booking's mail again (a retried transaction, say) adds no reminder and no second
  // "booked" mail.
  {
    auto conn = server->pool().acquire();
    db::Transaction tx(*conn);
    server::notify::sessionBooked(*conn, far, server->policy(), {60, 10});
    tx.commit();
  }
  EXPECT_EQ(count("type = 'session_reminder' AND session_id = $1", far), 2);
  EXPECT_EQ(count("type = 'session_booked' AND session_id = $1", far), 1);
  // And the database refuses a second one of either outright.
  EXPECT_THROW(server->sql("INSERT INTO notifications (user_id, type, session_id, reminder_offset_minutes) "
                           "SELECT user_id, 'session_reminder', id, 60 FROM sessions WHERE id = $1",
                           far),
               db::PgError);
  EXPECT_THROW(server->sql("INSERT INTO notifications (user_id, type, session_id) "
                           "SELECT user_id, 'session_booked', id FROM sessions WHERE id = $1",
                           far),
               db::PgError);

  remindersDueNow();
  auto box = outbox();
  EXPECT_EQ(box->deliverDue().sent, 3 + 3) << "three bookings' 'booked' mail (once each), three reminders";
  remindersDueNow();
  EXPECT_EQ(box->deliverDue().sent, 0) << "a sent reminder never goes again";
  const auto mails = byMessageId(smtp->waitFor(6));
  std::size_t reminders = 0;
  for (const auto& [id, m] : mails) reminders += text(parseMail(m.data).at("subject")).starts_with("Reminder:");
  EXPECT_EQ(reminders, 3u);
  EXPECT_EQ(mails.size(), 6u);
}

TEST_F(Notifications, WithoutSmtpMailIsDroppedAsParseableEmlFiles) {
  char pattern[] = "/tmp/practicum-maildrop-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const std::filesystem::path folder = std::filesystem::path(pattern) / "mail-drop";  // created on first use
  const auto userId = registerUser("dropped@example.org", "Zoë");
  const auto id = server->sqlText("SELECT id FROM notifications WHERE user_id = $1", userId);
  auto box = server->newOutbox([&](server::Config& c) {
    c.smtpUrl.clear();
    c.mailDropDir = folder.string();
  });
  EXPECT_EQ(box->deliverDue().sent, 1);
  EXPECT_EQ(server->sqlText("SELECT status FROM notifications WHERE id = $1", id), "sent");
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(folder)) files.push_back(e.path().filename().string());
  ASSERT_EQ(files, std::vector<std::string>{id + ".eml"});
  std::ifstream in(folder / files[0], std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  const auto parsed = parseMail(content.str());
  EXPECT_EQ(text(parsed.at("subject")), "Welcome to Practicum");
  EXPECT_EQ(text(parsed.at("to_address")), "dropped@example.org");
  EXPECT_EQ(text(parsed.at("to_name")), "Zoë Lovelace");
  EXPECT_EQ(text(parsed.at("message_id")), messageId(id));
  EXPECT_EQ(parsed.at("parts").as_array().size(), 2u);
  EXPECT_NE(text(parsed.at("parts").at(0).at("content")).find("Hello Zoë,"), std::string::npos);
  EXPECT_TRUE(smtp->received().empty());
  std::filesystem::remove_all(pattern);
}

TEST_F(Notifications, EachUserListsTheirOwnNewestFirst) {
  auto student = server->createAccount(Role::Student, 10);
  auto other = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient();
  for (int i = 0; i < 5; ++i) server->book(student, patient);
  server->book(other, patient);
  auto client = server->client();

  auto page1 = client.get("/api/v1/notifications?limit=3", student.token);
  ASSERT_EQ(page1.status, 200u) << page1.body;
  ASSERT_EQ(itemsOf(page1).size(), 3u);
  const auto cursor = text(page1.json().at("next_cursor"));
  auto page2 = client.get("/api/v1/notifications?limit=3&cursor=" + urlEncode(cursor), student.token);
  ASSERT_EQ(page2.status, 200u) << page2.body;
  ASSERT_EQ(itemsOf(page2).size(), 2u);
  EXPECT_TRUE(page2.json().at("next_cursor").is_null());
  std::vector<std::string> created;
  std::set<std::string> seen;
  for (const auto* page : {&page1, &page2}) {
    for (const auto& item : itemsOf(*page)) {
      const auto& o = item.as_object();
      created.push_back(text(o.at("created_at")) + text(o.at("id")));
      seen.insert(text(o.at("id")));
      EXPECT_EQ(text(o.at("type")), "session_booked");
      EXPECT_EQ(text(o.at("status")), "pending");
      EXPECT_TRUE(o.at("sent_at").is_null());
      EXPECT_TRUE(o.at("session_id").is_string());
      EXPECT_FALSE(text(o.at("subject")).empty());
      EXPECT_FALSE(text(o.at("message")).empty());
      EXPECT_FALSE(o.contains("attempts")) << "delivery details are the admins' view";
      EXPECT_FALSE(o.contains("last_error"));
    }
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_TRUE(std::is_sorted(created.rbegin(), created.rend())) << "newest first";
  EXPECT_EQ(itemsOf(client.get("/api/v1/notifications", other.token)).size(), 1u) << "only one's own";
  EXPECT_EQ(itemsOf(client.get("/api/v1/notifications?status=sent", student.token)).size(), 0u);
  EXPECT_EQ(itemsOf(client.get("/api/v1/notifications?type=session_booked", student.token)).size(), 5u);
  // Even with a user_id: one's own list is one's own.
  EXPECT_EQ(itemsOf(client.get("/api/v1/notifications?user_id=" + other.user.id, student.token)).size(), 5u);

  for (const std::string bad :
       {"limit=0", "limit=101", "limit=x", "status=delivered", "type=sms", "cursor=%21%21", "cursor=WyJ4Il0"}) {
    auto r = client.get("/api/v1/notifications?" + bad, student.token);
    EXPECT_EQ(r.status, 400u) << bad << " " << r.body;
    EXPECT_EQ(r.errorCode(), "bad_request") << bad;
  }
  EXPECT_EQ(client.get("/api/v1/notifications").status, 401u);
}

TEST_F(Notifications, AdminsSeeTheOutboxAndOnlyAdminsMayRetry) {
  auto student = server->createAccount(Role::Student, 10);
  auto instructor = server->createAccount(Role::Instructor, 5);
  const auto patient = server->createPatient();
  const auto session = bookAt(student, patient, 120);
  server->book(instructor, patient);
  auto client = server->client();

  auto all = client.get("/api/v1/admin/notifications", admin.token);
  ASSERT_EQ(all.status, 200u) << all.body;
  EXPECT_EQ(itemsOf(all).size(), 4u);
  const auto first = itemsOf(all).at(0).as_object();
  for (const char* field :
       {"user_id", "attempts", "next_attempt_at", "last_error", "in_flight", "updated_at", "reminder_offset_minutes"}) {
    EXPECT_TRUE(first.contains(field)) << field;
  }
  EXPECT_EQ(itemsOf(client.get("/api/v1/admin/notifications?user_id=" + student.user.id, admin.token)).size(), 3u);
  EXPECT_EQ(itemsOf(client.get("/api/v1/admin/notifications?type=session_reminder", admin.token)).size(), 2u);
  EXPECT_EQ(
      itemsOf(client.get("/api/v1/admin/notifications?type=session_booked&user_id=" + instructor.user.id, admin.token))
          .size(),
      1u);
  EXPECT_EQ(itemsOf(client.get("/api/v1/admin/notifications?status=failed", admin.token)).size(), 0u);
  auto paged = client.get("/api/v1/admin/notifications?limit=3", admin.token);
  auto rest = client.get(
      "/api/v1/admin/notifications?limit=3&cursor=" + urlEncode(text(paged.json().at("next_cursor"))), admin.token);
  EXPECT_EQ(itemsOf(rest).size(), 1u);
  for (const std::string bad : {"user_id=nope", "status=queued", "type=x", "limit=-1", "cursor=abc"}) {
    auto r = client.get("/api/v1/admin/notifications?" + bad, admin.token);
    EXPECT_EQ(r.status, 400u) << bad << " " << r.body;
  }

  // Only admins: students and instructors are refused before anything is looked at.
  const auto reminder =
      server->sqlText("SELECT id FROM notifications WHERE session_id = $1 AND reminder_offset_minutes = 60", session);
  for (const auto* who : {&student, &instructor}) {
    EXPECT_EQ(client.get("/api/v1/admin/notifications", who->token).status, 403u);
    EXPECT_EQ(client.post("/api/v1/admin/notifications/" + reminder + "/retry", {}, who->token).status, 403u);
  }
  EXPECT_EQ(client.get("/api/v1/admin/notifications").status, 401u);
  EXPECT_EQ(client.post("/api/v1/admin/notifications/" + reminder + "/retry", {}).status, 401u);

  // Retry: a failed row becomes pending with attempts reset — a reminder due at its own time, still
  // ahead here (RetryingAPendingReminderNeitherSendsItEarlyNorResetsIt has the pending case).
  server->sql("UPDATE notifications SET status = 'failed', attempts = 2, last_error = 'earlier' WHERE id = $1",
              reminder);
  auto retried = client.post("/api/v1/admin/notifications/" + reminder + "/retry", {}, admin.token);
  ASSERT_EQ(retried.status, 200u) << retried.body;
  EXPECT_EQ(text(retried.json().at("status")), "pending");
  EXPECT_EQ(retried.json().at("attempts").as_int64(), 0);
  EXPECT_TRUE(retried.json().at("last_error").is_null());
  EXPECT_EQ(server->sqlInt("SELECT (next_attempt_at = (SELECT scheduled_start_time - interval '60 minutes' FROM "
                           "sessions s WHERE s.id = n.session_id))::int FROM notifications n WHERE id = $1",
                           reminder),
            1);
  // One being delivered right now (a live claim) is left to its worker.
  server->sql(
      "UPDATE notifications SET claimed_until = now() + interval '5 minutes', claim_token = gen_random_uuid() "
      "WHERE id = $1",
      reminder);
  auto inFlight = client.post("/api/v1/admin/notifications/" + reminder + "/retry", {}, admin.token);
  EXPECT_EQ(inFlight.status, 409u) << inFlight.body;
  EXPECT_NE(inFlight.body.find("being delivered right now"), std::string::npos) << inFlight.body;
  // Cancelled ones stay cancelled.
  ASSERT_EQ(client.post("/api/v1/sessions/" + session + "/cancel", {}, student.token).status, 200u);
  auto cancelled = client.post("/api/v1/admin/notifications/" + reminder + "/retry", {}, admin.token);
  EXPECT_EQ(cancelled.status, 409u) << cancelled.body;
  EXPECT_EQ(text(cancelled.json().at("error").at("details").at("status")), "cancelled");
  // Malformed.
  EXPECT_EQ(client.post("/api/v1/admin/notifications/not-a-uuid/retry", {}, admin.token).status, 400u);
  EXPECT_EQ(
      client.post("/api/v1/admin/notifications/00000000-0000-4000-8000-000000000001/retry", {}, admin.token).status,
      404u);
  auto withField = client.post("/api/v1/admin/notifications/" + reminder + "/retry", {{"force", true}}, admin.token);
  EXPECT_EQ(withField.status, 422u) << withField.body;
  auto notJson = client.postRaw("POST", "/api/v1/admin/notifications/" + reminder + "/retry", "{", admin.token);
  EXPECT_EQ(notJson.status, 400u) << notJson.body;
  EXPECT_EQ(client.get("/api/v1/admin/notifications/" + reminder + "/retry", admin.token).status, 405u);
}

TEST_F(Notifications, DeliverMailDeliversWhatIsDueAndExits) {
  const auto userId = registerUser("cli@example.org");
  const auto id = server->sqlText("SELECT id FROM notifications WHERE user_id = $1", userId);
  const std::vector<std::pair<const char*, std::string>> env{{"PRACTICUM_DATABASE_URL", server->database().url()},
                                                             {"PRACTICUM_SMTP_URL", smtp->url()},
                                                             {"PRACTICUM_MAIL_WORKERS", "1"}};
  for (const auto& [name, value] : env) ::setenv(name, value.c_str(), 1);
  const auto run = [](const std::vector<std::string>& args, std::string& output) {
    std::istringstream in;
    std::ostringstream out, err;
    const int code = server::runCli(args, in, out, err);
    output = out.str() + err.str();
    return code;
  };
  std::string output;
  EXPECT_EQ(run({"deliver-mail", "--now"}, output), 2) << output;
  EXPECT_EQ(run({"deliver-mail"}, output), 0) << output;
  EXPECT_TRUE(output.starts_with("sent 1, retried 0, failed 0, cancelled 0 in ")) << output;
  EXPECT_NE(output.find("smtp://127.0.0.1:"), std::string::npos) << output;
  ::setenv("PRACTICUM_MAIL_FROM", "not an address", 1);
  EXPECT_EQ(run({"deliver-mail"}, output), 2) << output;
  EXPECT_NE(output.find("PRACTICUM_MAIL_FROM"), std::string::npos) << output;
  for (const auto& [name, value] : env) ::unsetenv(name);
  ::unsetenv("PRACTICUM_MAIL_FROM");
  EXPECT_EQ(server->sqlText("SELECT status FROM notifications WHERE id = $1", id), "sent");
  const auto mails = smtp->waitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].rcptTo, std::vector<std::string>{"cli@example.org"});
}

TEST_F(Notifications, RetryingAPendingReminderNeitherSendsItEarlyNorResetsIt) {
  auto student = server->createAccount(Role::Student, 10);
  const auto session = bookAt(student, server->createPatient(), 120);
  const auto reminder =
      server->sqlText("SELECT id FROM notifications WHERE session_id = $1 AND reminder_offset_minutes = 60", session);
  server->sql("UPDATE notifications SET attempts = 1, last_error = 'earlier' WHERE id = $1", reminder);
  const auto before = server->sqlText(
      "SELECT next_attempt_at || '/' || attempts || '/' || last_error FROM notifications WHERE id = $1", reminder);

  auto client = server->client();
  auto r = client.post("/api/v1/admin/notifications/" + reminder + "/retry", {}, admin.token);
  EXPECT_EQ(r.status, 409u) << r.body;
  EXPECT_EQ(r.errorCode(), "conflict");
  EXPECT_NE(r.body.find("already waiting to be sent"), std::string::npos) << r.body;
  const auto details = r.json().at("error").at("details");
  EXPECT_EQ(text(details.at("status")), "pending");
  std::string listed;  // the admins' list says when it is due: an hour before the start
  for (const auto& item : itemsOf(client.get("/api/v1/admin/notifications?type=session_reminder", admin.token))) {
    if (text(item.at("id")) == reminder) listed = text(item.at("next_attempt_at"));
  }
  EXPECT_FALSE(listed.empty());
  EXPECT_EQ(text(details.at("next_attempt_at")), listed);
  EXPECT_EQ(server->sqlInt("SELECT (next_attempt_at = (SELECT scheduled_start_time - interval '60 minutes' FROM "
                           "sessions s WHERE s.id = n.session_id))::int FROM notifications n WHERE id = $1",
                           reminder),
            1);
  EXPECT_EQ(
      server->sqlText("SELECT next_attempt_at || '/' || attempts || '/' || last_error FROM notifications WHERE id = $1",
                      reminder),
      before)
      << "left as it was";

  // Nothing but the "booked" mail goes out now: the reminder waits for its time.
  auto box = outbox();
  const auto result = box->deliverDue();
  EXPECT_EQ(result.sent, 1);
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'pending'"), 2);
  const auto mails = smtp->waitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(text(parseMail(mails[0].data).at("subject")).starts_with("Booked:"));
}

TEST_F(Notifications, ARemindersDueAfterItsSessionsStartIsCancelledNotSent) {
  auto student = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient();
  const auto late = bookAt(student, patient, 120);
  const auto onTime = bookAt(student, patient, 120);
  // The worker was away (an outage, a backlog): `late`'s start has passed while it is still
  // scheduled (the student has not started it yet); `onTime` starts in 5 minutes.
  server->sql("UPDATE sessions SET scheduled_start_time = now() - interval '1 minute' WHERE id = $1", late);
  server->sql("UPDATE sessions SET scheduled_start_time = now() + interval '5 minutes' WHERE id = $1", onTime);
  remindersDueNow();

  auto box = outbox();
  const auto result = box->deliverDue();
  EXPECT_EQ(result.cancelled, 2) << "'starts in 1 hour' and 'in 10 minutes' about a session that has begun";
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'cancelled' AND session_id = $1", late), 2);
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'sent' AND session_id = $1", onTime), 2);
  EXPECT_EQ(result.sent, 2 + 2) << "two 'booked' mails and the reminders of the session still ahead";
  EXPECT_EQ(server->sqlText("SELECT status FROM sessions WHERE id = $1", late), "scheduled")
      << "the session itself is untouched";
}

TEST_F(Notifications, RemindersRetriedPastTheSessionsStartAreCancelled) {
  smtp->stop();
  auto student = server->createAccount(Role::Student, 10);
  const auto session = bookAt(student, server->createPatient(), 120);
  remindersDueNow();
  auto box = outbox([](server::Config& c) { c.mailRetryBase = std::chrono::seconds(60); });
  EXPECT_EQ(box->deliverDue().retried, 3) << "the 'booked' mail and both reminders fail while the server is down";
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'pending' AND attempts = 1"), 2);

  // The retries' backoff outlasts the start; when they come due again the session has begun.
  server->sql("UPDATE sessions SET scheduled_start_time = now() - interval '2 minutes' WHERE id = $1", session);
  server->sql("UPDATE notifications SET next_attempt_at = now() WHERE session_id = $1", session);
  smtp->start();
  const auto result = box->deliverDue();
  EXPECT_EQ(result.sent, 1) << "the 'booked' mail";
  EXPECT_EQ(result.cancelled, 2);
  EXPECT_EQ(result.retried + result.failed, 0);
  EXPECT_EQ(count("type = 'session_reminder' AND status = 'cancelled'"), 2);
  box.reset();  // nothing is in flight any more: what arrived is all there is
  const auto mails = smtp->received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(text(parseMail(mails[0].data).at("subject")).starts_with("Booked:"));
}

TEST_F(Notifications, ARowWhoseLastAttemptNeverReportedBackFailsInsteadOfComingBackForever) {
  const auto doomed =
      server->sqlText("SELECT id FROM notifications WHERE user_id = $1", registerUser("doomed@example.org"));
  // Three workers claim it and die mid-send without a word (a lease of 0 s lapses at once).
  {
    auto conn = server->pool().acquire();
    for (int i = 1; i <= 3; ++i) {
      const auto claimed = server::repo::claimDue(*conn, std::chrono::seconds(0), 10, 3);
      ASSERT_EQ(claimed.size(), 1u);
      EXPECT_EQ(claimed[0].verdict, server::repo::ClaimedNotification::Verdict::Send);
      EXPECT_EQ(claimed[0].attempts, i);
      EXPECT_FALSE(claimed[0].claimToken.empty());
    }
  }
  const auto survivor =
      server->sqlText("SELECT id FROM notifications WHERE user_id = $1", registerUser("survivor@example.org"));
  server->sql("UPDATE notifications SET attempts = 2 WHERE id = $1", survivor);  // one attempt left

  auto box = outbox([](server::Config& c) { c.mailMaxAttempts = 3; });
  const auto result = box->deliverDue();
  EXPECT_EQ(result.failed, 1);
  EXPECT_EQ(result.sent, 1) << "the row with an attempt left goes out";
  EXPECT_EQ(server->sqlText("SELECT status || '/' || attempts || '/' || last_error || '/' || "
                            "(claim_token IS NULL AND claimed_until IS NULL) FROM notifications WHERE id = $1",
                            doomed),
            "failed/3/delivery never completed/true");
  EXPECT_EQ(server->sqlText("SELECT status || '/' || attempts FROM notifications WHERE id = $1", survivor), "sent/3");
  EXPECT_EQ(box->deliverDue().failed + box->deliverDue().sent, 0) << "and it stays failed";
  box.reset();
  const auto mails = smtp->received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].rcptTo, std::vector<std::string>{"survivor@example.org"});
}

TEST_F(Notifications, AnyExceptionFromTheTransportIsThatMessagesFailedAttempt) {
  const auto id = server->sqlText("SELECT id FROM notifications WHERE user_id = $1", registerUser("odd@example.org"));
  const auto config = outboxConfig([](server::Config& c) {
    c.mailWorkers = 1;
    c.mailMaxAttempts = 2;
    c.mailRetryBase = std::chrono::seconds(0);
  });
  server::notify::Outbox box(config, [] {
    return std::make_unique<HookedTransport>(nullptr, [] { throw std::runtime_error("the transport fell over"); });
  });
  const auto first = box.deliverDue();  // throws nothing: the error belongs to the message
  EXPECT_EQ(first.retried, 1);
  EXPECT_EQ(first.failed, 1) << "retried at once (base 0 s) and given up at the limit";
  EXPECT_EQ(server->sqlText("SELECT status || '/' || attempts || '/' || last_error || '/' || "
                            "(claim_token IS NULL AND claimed_until IS NULL) FROM notifications WHERE id = $1",
                            id),
            "failed/2/the transport fell over/true");
}

TEST_F(Notifications, AWorkerWhoseClaimLapsedCannotMarkTheRowAndAnotherDeliversIt) {
  const auto id = server->sqlText("SELECT id FROM notifications WHERE user_id = $1", registerUser("slow@example.org"));
  // The first worker stalls inside its send (a stopped process, say)…
  Flag stalled, resume;
  auto slow = hookedOutbox(
      [&] {
        stalled.open();
        resume.wait();
      },
      {}, [](server::Config& c) { c.mailWorkers = 1; });
  server::notify::DeliveryCounts slowCounts;
  std::thread slowWorker([&] { slowCounts = slow->deliverDue(); });
  ASSERT_TRUE(stalled.wait());
  const auto firstToken = server->sqlText("SELECT claim_token FROM notifications WHERE id = $1", id);
  ASSERT_FALSE(firstToken.empty());
  // …past its lease (here: the lease ends now), so the row is due again and another worker takes it.
  server->sql("UPDATE notifications SET claimed_until = now(), next_attempt_at = now() WHERE id = $1", id);
  auto other = outbox([](server::Config& c) { c.mailWorkers = 1; });
  const auto otherCounts = other->deliverDue();
  EXPECT_EQ(otherCounts.sent, 1);
  EXPECT_EQ(server->sqlText("SELECT status || '/' || attempts FROM notifications WHERE id = $1", id), "sent/2");
  // The first worker's send completes late: its mark finds another claim and changes nothing.
  resume.open();
  slowWorker.join();
  EXPECT_EQ(slowCounts.lost, 1);
  EXPECT_EQ(slowCounts.sent, 0);
  EXPECT_EQ(server->sqlText("SELECT status || '/' || attempts || '/' || (claim_token IS NULL) FROM notifications "
                            "WHERE id = $1",
                            id),
            "sent/2/true");
  // At least once: two copies under one Message-ID, which mail programs show as one.
  const auto mails = smtp->waitFor(2);
  ASSERT_EQ(mails.size(), 2u);
  for (const auto& m : mails) EXPECT_EQ(text(parseMail(m.data).at("message_id")), messageId(id));
}

TEST_F(Notifications, InProductionWithoutSmtpTheOutboxWarnsThatMailOnlyGoesToTheDrop) {
  char pattern[] = "/tmp/practicum-maildrop-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  server::log::setThreshold(server::log::Level::Warn);  // ConsultationServer keeps only errors
  const auto warningFor = [&](bool production, bool withSmtp) {
    ::testing::internal::CaptureStderr();
    {
      auto box = server->newOutbox([&](server::Config& c) {
        c.production = production;
        c.smtpUrl = withSmtp ? smtp->url() : std::string();
        c.mailDropDir = pattern;
      });
    }
    const auto output = ::testing::internal::GetCapturedStderr();
    return output.find("production without PRACTICUM_SMTP_URL") != std::string::npos;
  };
  EXPECT_TRUE(warningFor(true, false));
  EXPECT_FALSE(warningFor(true, true));
  EXPECT_FALSE(warningFor(false, false)) << "the demo's and the tests' case";
  server::log::setThreshold(server::log::Level::Error);
  std::filesystem::remove_all(pattern);
}

TEST_F(Notifications, AnUnscheduledBookingsMailNamesTheRunningExpiry) {
  auto student = server->createAccount(Role::Student, 10);
  const auto patient = server->createPatient();
  std::string session;
  {
    auto conn = server->pool().acquire();
    db::Transaction tx(*conn);
    session = server::repo::insertSession(*conn, student.user.id, patient, std::nullopt);
    auto policy = server->policy();
    policy.expireUnscheduled = std::chrono::hours(48);
    server::notify::sessionBooked(*conn, session, policy, {60, 10});
    tx.commit();
  }
  const auto body = server->sqlText("SELECT message FROM notifications WHERE session_id = $1", session);
  EXPECT_NE(body.find("within 2 days"), std::string::npos) << body;
  EXPECT_EQ(count("session_id = $1", session), 1) << "no start time, no reminders";
}
