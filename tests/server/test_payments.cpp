// Payments end to end against real PostgreSQL: credit packs (admin CRUD, validation), checkout
// through a loopback fake of Stripe's API (requests checked field by field), signed webhooks
// (granted once, even 20 deliveries in parallel; amount checks; async success and failure; expiry;
// refunds taking back only what is unspent; illegal moves ignored), Stripe down or refusing at
// checkout, racing refunds, who reads a payment, the local test-mode checkout and when it may run
// (fail closed), production mode, the return pages, and hostile input everywhere.

#include "server/config.h"
#include "server/demo_seed.h"
#include "server/payments/stripe_signature.h"
#include "tests/server/consultation_support.h"
#include "tests/support/fake_stripe.h"

#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

using namespace practicum;
using namespace practicum::test;

namespace {

constexpr const char* kWebhookSecret = "whsec_test_practicum_0123456789abcdef";
constexpr const char* kPublicUrl = "https://practicum.example.test";

/// Everything payments could change, as one comparable value.
std::string snapshot(ConsultationServer& s) {
  return s.sqlText(
      "SELECT (SELECT count(*) FROM payments) || '/' || (SELECT coalesce(max(change_seq), 0) FROM payments) || '/' || "
      "(SELECT count(*) FROM stripe_events) || '/' || (SELECT count(*) FROM credit_transactions) || '/' || "
      "(SELECT coalesce(sum(credit_balance), 0) FROM \"user\") || '/' || (SELECT count(*) FROM credit_packs) || '/' || "
      "(SELECT coalesce(max(change_seq), 0) FROM credit_packs)");
}

std::string pathOf(const std::string& url) {
  return url.starts_with(kPublicUrl) ? url.substr(std::string(kPublicUrl).size()) : url;
}

std::string bodyOf(const json::object& o) {
  return json::serialize(o);
}

/// The "items" of a page (an empty array when the request failed).
json::array itemsOf(const HttpResult& r) {
  const auto body = r.json();
  const auto* items = body.is_object() ? body.as_object().if_contains("items") : nullptr;
  return items && items->is_array() ? items->as_array() : json::array();
}

/// One field of every item of a page, as text.
std::vector<std::string> itemTexts(const HttpResult& r, std::string_view field) {
  std::vector<std::string> out;
  for (const auto& item : itemsOf(r)) out.push_back(text(item.at(field)));
  return out;
}

/// A server, its admin and instructor, and helpers every suite uses.
struct PaymentWorld {
  std::unique_ptr<ConsultationServer> server;
  ConsultationServer::Account admin;
  ConsultationServer::Account instructor;

  explicit PaymentWorld(const std::function<void(server::Config&)>& adjust) {
    server = std::make_unique<ConsultationServer>([&](server::Config& c) {
      c.publicUrl = kPublicUrl;  // not loopback: the test-mode checkout runs because of the next line
      c.environmentSet = true;   // PRACTICUM_ENV=development
      if (adjust) adjust(c);
    });
    admin = server->createAccount(Role::Admin);
    instructor = server->createAccount(Role::Instructor);
  }

  /// A pack made by the admin over HTTP; returns its id.
  std::string createPack(const std::string& name, int credits, std::int64_t price,
                         const std::string& currency = "eur") {
    auto r = server->client().post(
        "/api/v1/admin/credit-packs",
        {{"name", name}, {"credits", credits}, {"price_minor", price}, {"currency", currency}}, admin.token);
    if (r.status != 201) throw std::runtime_error("pack creation failed: " + r.body);
    return text(r.json().at("id"));
  }

  HttpResult checkout(const ConsultationServer::Account& who, const std::string& packId) {
    return server->client().post("/api/v1/checkout", {{"pack_id", packId}}, who.token);
  }

  json::object payment(const std::string& id) {
    auto r = server->client().get("/api/v1/payments/" + id, admin.token);
    if (r.status != 200) throw std::runtime_error("payment read failed: " + r.body);
    return r.json().as_object();
  }

  std::string status(const std::string& paymentId) {
    return server->sqlText("SELECT status FROM payments WHERE id = $1", paymentId);
  }
  std::int64_t purchases(const std::string& paymentId) {
    return server->sqlInt(
        "SELECT count(*) FROM credit_transactions WHERE payment_id = $1 AND transaction_type = 'purchase'", paymentId);
  }
  std::string outcome(const std::string& eventId) {
    return server->sqlText("SELECT outcome FROM stripe_events WHERE id = $1", eventId);
  }
  std::int64_t notifications(const std::string& paymentId) {
    return server->sqlInt("SELECT count(*) FROM notifications WHERE payment_id = $1", paymentId);
  }
};

// ---- with Stripe (the fake) ------------------------------------------------------------------

class StripePayments : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    stripe = new FakeStripe();
    world = new PaymentWorld([](server::Config& c) {
      c.stripeSecretKey = stripe->secretKey();
      c.stripeWebhookSecret = kWebhookSecret;
      c.stripeApiBase = stripe->baseUrl();
    });
    webhooks = new WebhookSender(world->server->port(), kWebhookSecret);
    packId = world->createPack("Practice pack", 10, 1250);
  }
  static void TearDownTestSuite() {
    delete webhooks;
    delete world;
    delete stripe;
  }
  static inline FakeStripe* stripe = nullptr;
  static inline PaymentWorld* world = nullptr;
  static inline WebhookSender* webhooks = nullptr;
  static inline std::string packId;

  ConsultationServer& server() { return *world->server; }

  struct Bought {
    ConsultationServer::Account student;
    std::string paymentId;
    FakeStripe::Session session;
  };
  /// A student (with `credits` to start) who opened a checkout of `pack`.
  Bought buy(int credits = 0, const std::string& pack = {}) {
    Bought b;
    b.student = server().createAccount(Role::Student, credits);
    auto r = world->checkout(b.student, pack.empty() ? packId : pack);
    if (r.status != 201) throw std::runtime_error("checkout failed: " + r.body);
    b.paymentId = text(r.json().at("payment_id"));
    b.session = stripe->sessionFor(b.paymentId);
    return b;
  }
  /// Bought and paid (checkout.session.completed delivered).
  Bought paid(int credits = 0) {
    auto b = buy(credits);
    auto r = webhooks->send(FakeStripe::sessionEvent(b.session, "checkout.session.completed"));
    if (r.status != 200 || text(r.json().at("outcome")) != "applied")
      throw std::runtime_error("paying failed: " + r.body);
    return b;
  }
  std::size_t requestsTo(const std::string& target) {
    std::size_t n = 0;
    for (const auto& r : stripe->requests()) {
      if (r.target == target) ++n;
    }
    return n;
  }
};

TEST_F(StripePayments, CheckoutOpensAStripeSessionForAPendingPayment) {
  auto student = server().createAccount(Role::Student);
  const auto before = stripe->requests().size();
  const auto startedAt = server::payments::unixNow();
  auto r = world->checkout(student, packId);
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto paymentId = text(r.json().at("payment_id"));
  EXPECT_EQ(r.json().at("test_mode"), json::value(false));
  const auto session = stripe->sessionFor(paymentId);
  EXPECT_EQ(text(r.json().at("checkout_url")), session.url);

  // What Stripe received, field by field.
  const auto requests = stripe->requests();
  ASSERT_EQ(requests.size(), before + 1);
  const auto& sent = requests.back();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.target, "/v1/checkout/sessions");
  EXPECT_EQ(sent.header("authorization"), "Bearer " + stripe->secretKey());
  EXPECT_EQ(sent.header("idempotency-key"), "practicum-checkout-" + paymentId);
  EXPECT_TRUE(sent.header("content-type").starts_with("application/x-www-form-urlencoded"));
  EXPECT_FALSE(sent.header("stripe-version").empty());
  auto form = sent.form();
  EXPECT_EQ(form["mode"], "payment");
  EXPECT_EQ(form["client_reference_id"], paymentId);
  EXPECT_EQ(form["metadata[payment_id]"], paymentId);
  EXPECT_EQ(form["payment_intent_data[metadata][payment_id]"], paymentId);
  EXPECT_EQ(form["success_url"], std::string(kPublicUrl) + "/checkout/return?payment_id=" + paymentId);
  EXPECT_EQ(form["cancel_url"], std::string(kPublicUrl) + "/checkout/cancel?payment_id=" + paymentId);
  EXPECT_EQ(form["line_items[0][price_data][currency]"], "eur");
  EXPECT_EQ(form["line_items[0][price_data][unit_amount]"], "1250");
  EXPECT_EQ(form["line_items[0][quantity]"], "1");
  EXPECT_NE(form["line_items[0][price_data][product_data][name]"].find("Practice pack"), std::string::npos);
  EXPECT_EQ(form["customer_email"], student.user.email);
  const auto expiresAt = std::stoll(form["expires_at"]);
  EXPECT_GE(expiresAt, startedAt + 1800) << "Stripe refuses less than 30 minutes";
  EXPECT_LE(expiresAt, startedAt + 24 * 3600 + 60);
  EXPECT_NE(sent.body.find("metadata%5Bpayment_id%5D="), std::string::npos)
      << "brackets encoded as Stripe's libraries do";

  // The row: pending, with the pack's price and credits copied.
  auto conn = server().pool().acquire();
  auto row = conn->query(
      "SELECT status, amount::text, amount_minor, currency, credits, pack_id, provider, checkout_session_id, "
      "checkout_url, user_id FROM payments WHERE id = $1",
      paymentId);
  ASSERT_EQ(row.rows(), 1);
  EXPECT_EQ(row.text(0, 0), "pending");
  EXPECT_EQ(row.text(0, 1), "12.50");
  EXPECT_EQ(row.integer(0, 2), 1250);
  EXPECT_EQ(row.text(0, 3), "eur");
  EXPECT_EQ(row.integer(0, 4), 10);
  EXPECT_EQ(row.text(0, 5), packId);
  EXPECT_EQ(row.text(0, 6), "stripe");
  EXPECT_EQ(row.text(0, 7), session.id);
  EXPECT_EQ(row.text(0, 8), session.url);
  EXPECT_EQ(row.text(0, 9), student.user.id);

  // The app polls its payment; others do not see it; admins do, with Stripe's ids.
  auto client = server().client();
  auto mine = client.get("/api/v1/payments/" + paymentId, student.token);
  ASSERT_EQ(mine.status, 200u) << mine.body;
  EXPECT_EQ(text(mine.json().at("status")), "pending");
  EXPECT_EQ(text(mine.json().at("checkout_url")), session.url);
  EXPECT_EQ(text(mine.json().at("pack_name")), "Practice pack");
  EXPECT_EQ(text(mine.json().at("amount")), "12.50");
  EXPECT_FALSE(mine.json().as_object().contains("checkout_session_id"));
  auto other = server().createAccount(Role::Student);
  EXPECT_EQ(client.get("/api/v1/payments/" + paymentId, other.token).status, 404u);
  auto admin = client.get("/api/v1/payments/" + paymentId, world->admin.token);
  ASSERT_EQ(admin.status, 200u);
  EXPECT_EQ(text(admin.json().at("checkout_session_id")), session.id);
  EXPECT_EQ(client.get("/api/v1/payments/00000000-0000-4000-8000-000000000000", student.token).status, 404u);
  auto list = client.get("/api/v1/payments", student.token);
  EXPECT_EQ(itemTexts(list, "id"), std::vector<std::string>{paymentId});
  EXPECT_TRUE(itemsOf(client.get("/api/v1/payments", other.token)).empty());
}

TEST_F(StripePayments, RetiredAndUnknownPacksAreNotSold) {
  auto student = server().createAccount(Role::Student);
  const auto retired = world->createPack("Old pack", 3, 300);
  ASSERT_EQ(
      server().client().patch("/api/v1/admin/credit-packs/" + retired, {{"retired", true}}, world->admin.token).status,
      200u);
  const auto before = snapshot(server());
  const auto calls = stripe->requests().size();
  auto r = world->checkout(student, retired);
  EXPECT_EQ(r.status, 409u) << r.body;
  EXPECT_EQ(r.errorCode(), "conflict");
  auto unknown = world->checkout(student, "00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(unknown.status, 404u) << unknown.body;
  EXPECT_EQ(snapshot(server()), before);
  EXPECT_EQ(stripe->requests().size(), calls);
}

TEST_F(StripePayments, CompletedWebhookGrantsTheCreditsOnce) {
  auto b = buy(2);
  const auto event = FakeStripe::sessionEvent(b.session, "checkout.session.completed");
  auto r = webhooks->send(event);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(text(r.json().at("outcome")), "applied");
  EXPECT_EQ(server().balance(b.student.user.id), 12);
  auto p = world->payment(b.paymentId);
  EXPECT_EQ(text(p.at("status")), "completed");
  EXPECT_EQ(text(p.at("stripe_transaction_id")), b.session.paymentIntent);
  EXPECT_FALSE(p.at("completed_at").is_null());
  EXPECT_TRUE(p.at("checkout_url").is_null()) << "nothing left to pay";
  EXPECT_EQ(world->purchases(b.paymentId), 1);
  EXPECT_EQ(
      server().sqlText("SELECT credits || ' ' || user_id FROM credit_transactions WHERE payment_id = $1", b.paymentId),
      "10 " + b.student.user.id);
  EXPECT_EQ(world->outcome(text(event.at("id"))), "applied");
  EXPECT_EQ(server().sqlText("SELECT payment_id FROM stripe_events WHERE id = $1", text(event.at("id"))), b.paymentId);

  // Redelivered: nothing more. Another event completing it again: ignored, recorded.
  const auto before = snapshot(server());
  auto again = webhooks->send(event);
  ASSERT_EQ(again.status, 200u);
  EXPECT_EQ(text(again.json().at("outcome")), "duplicate");
  EXPECT_EQ(snapshot(server()), before);
  for (const auto* type : {"checkout.session.completed", "checkout.session.async_payment_succeeded"}) {
    const auto other = FakeStripe::sessionEvent(b.session, type);
    auto o = webhooks->send(other);
    ASSERT_EQ(o.status, 200u) << o.body;
    EXPECT_EQ(text(o.json().at("outcome")), "ignored");
    EXPECT_EQ(world->outcome(text(other.at("id"))), "ignored");
  }
  EXPECT_EQ(server().balance(b.student.user.id), 12);
  EXPECT_EQ(world->purchases(b.paymentId), 1);
  EXPECT_EQ(server().ledgerMismatches(), 0);

  // The student's ledger names the payment.
  auto ledger = server().client().get("/api/v1/credits", b.student.token);
  const auto items = ledger.json().at("transactions").at("items").as_array();
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(text(items[0].at("transaction_type")), "purchase");
  EXPECT_EQ(text(items[0].at("payment_id")), b.paymentId);
}

TEST_F(StripePayments, TwentyParallelDeliveriesGrantOnce) {
  // The same event twenty times at once: the first records it, the others wait on its primary key
  // and then find it done.
  auto b = buy();
  const auto body = bodyOf(FakeStripe::sessionEvent(b.session, "checkout.session.completed"));
  const auto header = webhooks->sign(body, server::payments::unixNow());
  std::vector<std::thread> threads;
  std::vector<HttpResult> results(20);
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = webhooks->sendRaw(body, header); });
  }
  for (auto& t : threads) t.join();
  std::map<std::string, int> outcomes;
  for (const auto& r : results) {
    EXPECT_EQ(r.status, 200u) << r.body;
    if (r.status == 200) ++outcomes[text(r.json().at("outcome"))];
  }
  EXPECT_EQ(outcomes["applied"], 1);
  EXPECT_EQ(outcomes["duplicate"], 19);
  EXPECT_EQ(server().balance(b.student.user.id), 10);
  EXPECT_EQ(world->purchases(b.paymentId), 1);

  // Twenty different events completing one payment at once: one applies, the rest are ignored.
  auto c = buy();
  threads.clear();
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back(
        [&, i] { results[i] = webhooks->send(FakeStripe::sessionEvent(c.session, "checkout.session.completed")); });
  }
  for (auto& t : threads) t.join();
  outcomes.clear();
  for (const auto& r : results) {
    EXPECT_EQ(r.status, 200u) << r.body;
    if (r.status == 200) ++outcomes[text(r.json().at("outcome"))];
  }
  EXPECT_EQ(outcomes["applied"], 1);
  EXPECT_EQ(outcomes["ignored"], 19);
  EXPECT_EQ(server().balance(c.student.user.id), 10);
  EXPECT_EQ(server().sqlInt("SELECT count(*) FROM stripe_events WHERE payment_id = $1", c.paymentId), 20);
  EXPECT_EQ(server().ledgerMismatches(), 0);
}

TEST_F(StripePayments, AWrongAmountOrCurrencyIsFlaggedAndNotGranted) {
  struct Case {
    std::string name;
    std::function<void(json::object&)> change;
  };
  const std::vector<Case> cases = {
      {"amount", [](json::object& s) { s["amount_total"] = 1249; }},
      {"currency", [](json::object& s) { s["currency"] = "usd"; }},
      {"no amount", [](json::object& s) { s.erase("amount_total"); }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto b = buy();
    auto session = FakeStripe::sessionObject(b.session, "checkout.session.completed");
    c.change(session);
    const auto event = FakeStripe::event("checkout.session.completed", session);
    auto r = webhooks->send(event);
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(text(r.json().at("outcome")), "flagged");
    EXPECT_EQ(world->outcome(text(event.at("id"))), "flagged");
    auto p = world->payment(b.paymentId);
    EXPECT_EQ(text(p.at("status")), "failed");
    EXPECT_EQ(p.at("flagged"), json::value(true));
    EXPECT_NE(text(p.at("staff_note")).find("1250 eur"), std::string::npos) << p;
    EXPECT_EQ(server().balance(b.student.user.id), 0);
    EXPECT_EQ(world->purchases(b.paymentId), 0);
  }
  auto flagged = server().client().get("/api/v1/admin/payments?flagged=true", world->admin.token);
  EXPECT_GE(itemsOf(flagged).size(), 3u);
  for (const auto& item : itemsOf(flagged)) EXPECT_EQ(item.at("flagged"), json::value(true));
}

// Stripe charged the card, but not what we asked: the student must not read "did not go through,
// so no credits were added" (the payment_failed mail), and when the charge is refunded in Stripe
// the refund is recorded, though there are no credits to take back.
TEST_F(StripePayments, AFlaggedMismatchSendsNoFailureMailAndItsRefundIsRecorded) {
  auto b = buy();
  auto session = FakeStripe::sessionObject(b.session, "checkout.session.completed");
  session["amount_total"] = 1249;
  auto flagged = webhooks->send(FakeStripe::event("checkout.session.completed", session));
  ASSERT_EQ(text(flagged.json().at("outcome")), "flagged") << flagged.body;
  EXPECT_EQ(world->notifications(b.paymentId), 0) << "no payment_failed mail: staff settle a flagged payment";
  // The student reads a sentence that says neither "not charged" nor anything of Stripe's.
  auto mine = server().client().get("/api/v1/payments/" + b.paymentId, b.student.token);
  ASSERT_EQ(mine.status, 200u) << mine.body;
  const auto reason = text(mine.json().at("failure_reason"));
  EXPECT_NE(reason.find("staff"), std::string::npos) << reason;
  EXPECT_NE(reason.find("no need to pay again"), std::string::npos) << reason;
  EXPECT_EQ(reason.find("1249"), std::string::npos) << reason;
  EXPECT_FALSE(mine.json().as_object().contains("staff_note"));
  EXPECT_NE(text(world->payment(b.paymentId).at("staff_note")).find("1249 eur"), std::string::npos);

  // Staff refund the charge in Stripe: charge.refunded records it.
  const auto refund = FakeStripe::chargeRefundedEvent(b.session);
  auto refunded = webhooks->send(refund);
  ASSERT_EQ(refunded.status, 200u) << refunded.body;
  EXPECT_EQ(text(refunded.json().at("outcome")), "applied") << refunded.body;
  EXPECT_EQ(world->outcome(text(refund.at("id"))), "applied");
  auto p = world->payment(b.paymentId);
  EXPECT_EQ(text(p.at("status")), "refunded");
  EXPECT_FALSE(p.at("refunded_at").is_null());
  EXPECT_TRUE(p.at("completed_at").is_null()) << "it never completed";
  EXPECT_EQ(p.at("refunded_credits").as_int64(), 0);
  EXPECT_EQ(p.at("flagged"), json::value(false)) << "money back and no credits granted: nothing left to settle";
  const auto note = text(p.at("staff_note"));
  EXPECT_NE(note.find("1249 eur"), std::string::npos) << "the mismatch is still on record: " << note;
  EXPECT_NE(note.find("refunded in full"), std::string::npos) << note;
  EXPECT_EQ(server().sqlInt("SELECT count(*) FROM credit_transactions WHERE payment_id = $1", b.paymentId), 0);
  EXPECT_EQ(server().balance(b.student.user.id), 0);
  EXPECT_EQ(world->notifications(b.paymentId), 0);
  auto stillFlagged =
      server().client().get("/api/v1/admin/payments?flagged=true&user_id=" + b.student.user.id, world->admin.token);
  EXPECT_TRUE(itemsOf(stillFlagged).empty()) << stillFlagged.body;
  // Delivered again (a new event id): nothing more.
  auto again = webhooks->send(FakeStripe::chargeRefundedEvent(b.session));
  EXPECT_EQ(text(again.json().at("outcome")), "ignored") << again.body;
  EXPECT_EQ(server().ledgerMismatches(), 0);
}

// An instructor is staff, but payments are admin business: another user's payment is as absent to
// them as a missing one, and only admins see Stripe's ids and the staff note.
TEST_F(StripePayments, OnlyTheOwnerAndAdminsReadAPayment) {
  auto b = buy();
  auto client = server().client();
  auto byInstructor = client.get("/api/v1/payments/" + b.paymentId, world->instructor.token);
  EXPECT_EQ(byInstructor.status, 404u) << byInstructor.body;
  auto missing = client.get("/api/v1/payments/00000000-0000-4000-8000-000000000000", world->instructor.token);
  EXPECT_EQ(byInstructor.body, missing.body) << "indistinguishable from a payment that does not exist";

  // Their own payment: read like a student's, without the admins' fields.
  auto instructorPays = world->checkout(world->instructor, packId);
  ASSERT_EQ(instructorPays.status, 201u) << instructorPays.body;
  const auto own = text(instructorPays.json().at("payment_id"));
  auto mine = client.get("/api/v1/payments/" + own, world->instructor.token);
  ASSERT_EQ(mine.status, 200u) << mine.body;
  for (const auto* field : {"checkout_session_id", "stripe_transaction_id", "staff_note"}) {
    EXPECT_FALSE(mine.json().as_object().contains(field)) << field;
  }
  for (const auto& item : itemsOf(client.get("/api/v1/payments", world->instructor.token))) {
    EXPECT_FALSE(item.as_object().contains("checkout_session_id")) << item;
  }
  auto byOwner = client.get("/api/v1/payments/" + b.paymentId, b.student.token);
  ASSERT_EQ(byOwner.status, 200u);
  EXPECT_FALSE(byOwner.json().as_object().contains("checkout_session_id"));
  auto byAdmin = client.get("/api/v1/payments/" + b.paymentId, world->admin.token);
  ASSERT_EQ(byAdmin.status, 200u);
  EXPECT_EQ(text(byAdmin.json().at("checkout_session_id")), b.session.id);
  EXPECT_TRUE(byAdmin.json().as_object().contains("staff_note"));
}

TEST_F(StripePayments, AdminRefundAfterSpendingTakesBackOnlyTheUnspentCredits) {
  auto b = paid();  // 10 credits
  const auto patient = server().createPatient(7);
  server().book(b.student, patient);
  ASSERT_EQ(server().balance(b.student.user.id), 3);

  auto client = server().client();
  auto r = client.post("/api/v1/admin/payments/" + b.paymentId + "/refund", {}, world->admin.token);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json().at("credits_taken_back").as_int64(), 3);
  EXPECT_EQ(text(r.json().at("payment").at("status")), "refunded");
  EXPECT_EQ(r.json().at("payment").at("refunded_credits").as_int64(), 3);
  EXPECT_EQ(server().balance(b.student.user.id), 0);
  EXPECT_EQ(server().sqlText("SELECT credits || ' ' || created_by FROM credit_transactions WHERE payment_id = $1 AND "
                             "transaction_type = 'refund'",
                             b.paymentId),
            "-3 " + world->admin.user.id)
      << "the ledger names the admin who refunded";
  EXPECT_EQ(server().ledgerMismatches(), 0);

  // Stripe got one refund request for the PaymentIntent, idempotent by payment.
  const auto requests = stripe->requests();
  const auto& sent = requests.back();
  EXPECT_EQ(sent.target, "/v1/refunds");
  EXPECT_EQ(sent.header("authorization"), "Bearer " + stripe->secretKey());
  EXPECT_EQ(sent.header("idempotency-key"), "practicum-refund-" + b.paymentId);
  EXPECT_EQ(sent.form()["payment_intent"], b.session.paymentIntent);

  // Stripe's charge.refunded for the same refund arrives later: a no-op, recorded.
  const auto event = FakeStripe::chargeRefundedEvent(b.session);
  auto late = webhooks->send(event);
  ASSERT_EQ(late.status, 200u) << late.body;
  EXPECT_EQ(text(late.json().at("outcome")), "ignored");
  EXPECT_EQ(world->outcome(text(event.at("id"))), "ignored");
  EXPECT_EQ(server().balance(b.student.user.id), 0);

  // A second refund: the same answer (idempotent), and Stripe is not asked again.
  const auto refunds = requestsTo("/v1/refunds");
  auto second = client.post("/api/v1/admin/payments/" + b.paymentId + "/refund", {}, world->admin.token);
  EXPECT_EQ(second.status, 200u) << second.body;
  EXPECT_EQ(second.json().at("credits_taken_back").as_int64(), 3);
  EXPECT_EQ(text(second.json().at("payment").at("status")), "refunded");
  EXPECT_EQ(requestsTo("/v1/refunds"), refunds);
  EXPECT_EQ(server().sqlInt("SELECT count(*) FROM credit_transactions WHERE payment_id = $1", b.paymentId), 2);
}

TEST_F(StripePayments, AdminRefundWhenStripeRefundedItAlready) {
  auto b = paid();
  stripe->markRefunded(b.session.id);  // refunded in the dashboard; the webhook has not arrived yet
  auto r = server().client().post("/api/v1/admin/payments/" + b.paymentId + "/refund", {}, world->admin.token);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json().at("credits_taken_back").as_int64(), 10);
  EXPECT_EQ(world->status(b.paymentId), "refunded");
  EXPECT_EQ(server().balance(b.student.user.id), 0);
}

// Two admins press Refund at once. Both reach Stripe (the same idempotent refund), one applies it
// locally; the other must get the answer it would get a moment later — the same 200 — not a 200
// now and a 409 later.
TEST_F(StripePayments, TwoConcurrentAdminRefundsAnswerTheSame) {
  auto b = paid(2);  // 12 credits
  const auto target = "/api/v1/admin/payments/" + b.paymentId + "/refund";
  const auto refunds = requestsTo("/v1/refunds");
  stripe->hold();
  std::vector<HttpResult> answers(2);
  std::vector<std::thread> admins;
  for (auto& answer : answers) {
    admins.emplace_back([&] { answer = server().client().post(target, {}, world->admin.token); });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (requestsTo("/v1/refunds") < refunds + 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stripe->release();
  for (auto& t : admins) t.join();
  ASSERT_EQ(requestsTo("/v1/refunds"), refunds + 2) << "both were waiting on Stripe together";
  auto later = server().client().post(target, {}, world->admin.token);
  for (const auto& answer : {answers[0], answers[1], later}) {
    EXPECT_EQ(answer.status, 200u) << answer.body;
    EXPECT_EQ(answer.json(), later.json());
  }
  EXPECT_EQ(later.json().at("credits_taken_back").as_int64(), 10);
  EXPECT_EQ(requestsTo("/v1/refunds"), refunds + 2) << "a refunded payment is not sent to Stripe again";
  EXPECT_EQ(server().sqlInt("SELECT count(*) FROM credit_transactions WHERE payment_id = $1 AND "
                            "transaction_type = 'refund'",
                            b.paymentId),
            1);
  EXPECT_EQ(server().balance(b.student.user.id), 2);
  EXPECT_EQ(server().ledgerMismatches(), 0);
}

// An admin's refund races Stripe's charge.refunded (for this very refund, or one made in the
// dashboard at the same moment): the webhook applies it while the admin's request waits on Stripe.
// The admin gets 200 with what the refund took, and so does asking again afterwards.
TEST_F(StripePayments, AnAdminRefundRacingChargeRefundedAnswersTheSame) {
  auto b = paid(1);  // 11 credits
  const auto target = "/api/v1/admin/payments/" + b.paymentId + "/refund";
  const auto refunds = requestsTo("/v1/refunds");
  stripe->hold();
  HttpResult answer;
  std::thread admin([&] { answer = server().client().post(target, {}, world->admin.token); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (requestsTo("/v1/refunds") < refunds + 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  auto webhook = webhooks->send(FakeStripe::chargeRefundedEvent(b.session));
  stripe->release();
  admin.join();
  ASSERT_EQ(text(webhook.json().at("outcome")), "applied") << "the webhook came first: " << webhook.body;
  ASSERT_EQ(answer.status, 200u) << answer.body;
  EXPECT_EQ(answer.json().at("credits_taken_back").as_int64(), 10);
  EXPECT_EQ(text(answer.json().at("payment").at("status")), "refunded");
  auto later = server().client().post(target, {}, world->admin.token);
  EXPECT_EQ(later.status, 200u) << later.body;
  EXPECT_EQ(later.json(), answer.json());
  EXPECT_EQ(server().balance(b.student.user.id), 1);
  EXPECT_EQ(server().sqlText("SELECT coalesce(created_by::text, 'stripe') FROM credit_transactions WHERE "
                             "payment_id = $1 AND transaction_type = 'refund'",
                             b.paymentId),
            "stripe")
      << "one refund row, the webhook's";
  EXPECT_EQ(server().ledgerMismatches(), 0);
}

TEST_F(StripePayments, RefundsThatStripeRefusesOrCannotMakeChangeNothing) {
  auto b = paid(1);
  auto client = server().client();
  const auto before = snapshot(server());
  stripe->failNext(400, "invalid_request_error", "This charge is disputed.", "charge_disputed");
  auto refused = client.post("/api/v1/admin/payments/" + b.paymentId + "/refund", {}, world->admin.token);
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_NE(refused.body.find("disputed"), std::string::npos);
  stripe->failNext(503, "api_error", "Down.", "", 3);
  auto down = client.post("/api/v1/admin/payments/" + b.paymentId + "/refund", {}, world->admin.token);
  EXPECT_EQ(down.status, 503u) << down.body;
  EXPECT_EQ(down.errorCode(), "unavailable");
  EXPECT_EQ(snapshot(server()), before);
  EXPECT_EQ(world->status(b.paymentId), "completed");

  // Only completed payments are refunded.
  auto pending = buy();
  auto r = client.post("/api/v1/admin/payments/" + pending.paymentId + "/refund", {}, world->admin.token);
  EXPECT_EQ(r.status, 409u) << r.body;
  EXPECT_EQ(text(r.json().at("error").at("details").at("status")), "pending");
  EXPECT_EQ(
      client.post("/api/v1/admin/payments/00000000-0000-4000-8000-000000000000/refund", {}, world->admin.token).status,
      404u);
}

TEST_F(StripePayments, ChargeRefundedWebhookRefundsAndFlagsPartialRefunds) {
  auto b = paid(4);  // 14 credits, none spent
  const auto event = FakeStripe::chargeRefundedEvent(b.session);
  auto r = webhooks->send(event);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(text(r.json().at("outcome")), "applied");
  EXPECT_EQ(server().balance(b.student.user.id), 4);
  auto p = world->payment(b.paymentId);
  EXPECT_EQ(text(p.at("status")), "refunded");
  EXPECT_EQ(p.at("refunded_credits").as_int64(), 10);
  EXPECT_FALSE(p.at("refunded_at").is_null());
  auto again = webhooks->send(FakeStripe::chargeRefundedEvent(b.session));
  EXPECT_EQ(text(again.json().at("outcome")), "ignored");
  EXPECT_EQ(server().balance(b.student.user.id), 4);

  // Everything was spent: nothing to take back, never below zero.
  auto spent = paid();
  server().book(spent.student, server().createPatient(10));
  ASSERT_EQ(server().balance(spent.student.user.id), 0);
  auto none = webhooks->send(FakeStripe::chargeRefundedEvent(spent.session));
  EXPECT_EQ(text(none.json().at("outcome")), "applied");
  EXPECT_EQ(world->payment(spent.paymentId).at("refunded_credits").as_int64(), 0);
  EXPECT_EQ(server().balance(spent.student.user.id), 0);
  EXPECT_EQ(server().sqlInt("SELECT count(*) FROM credit_transactions WHERE payment_id = $1 AND transaction_type = "
                            "'refund'",
                            spent.paymentId),
            0);

  // A partial refund (only from the dashboard): flagged for staff, credits untouched.
  auto partial = paid();
  auto half = webhooks->send(FakeStripe::chargeRefundedEvent(partial.session, 600));
  EXPECT_EQ(text(half.json().at("outcome")), "flagged");
  auto pp = world->payment(partial.paymentId);
  EXPECT_EQ(text(pp.at("status")), "completed");
  EXPECT_EQ(pp.at("flagged"), json::value(true));
  EXPECT_NE(text(pp.at("staff_note")).find("partial refund"), std::string::npos);
  EXPECT_TRUE(pp.at("failure_reason").is_null()) << "a completed payment did not fail";
  EXPECT_EQ(server().balance(partial.student.user.id), 10);
  EXPECT_EQ(server().ledgerMismatches(), 0);
}

TEST_F(StripePayments, AsynchronousPaymentsSucceedOrFail) {
  // Paid by a delayed method: completed (unpaid) first, then the outcome.
  auto unpaidEvent = [](const FakeStripe::Session& s) {
    auto session = FakeStripe::sessionObject(s, "checkout.session.completed");
    session["payment_status"] = "unpaid";
    return FakeStripe::event("checkout.session.completed", session);
  };
  auto ok = buy();
  auto first = webhooks->send(unpaidEvent(ok.session));
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(text(first.json().at("outcome")), "ignored");
  EXPECT_EQ(world->status(ok.paymentId), "pending");
  EXPECT_EQ(text(world->payment(ok.paymentId).at("stripe_transaction_id")), ok.session.paymentIntent);
  EXPECT_EQ(server().balance(ok.student.user.id), 0);
  auto succeeded = webhooks->send(FakeStripe::sessionEvent(ok.session, "checkout.session.async_payment_succeeded"));
  EXPECT_EQ(text(succeeded.json().at("outcome")), "applied");
  EXPECT_EQ(world->status(ok.paymentId), "completed");
  EXPECT_EQ(server().balance(ok.student.user.id), 10);

  auto bad = buy();
  webhooks->send(unpaidEvent(bad.session));
  auto failed = webhooks->send(FakeStripe::sessionEvent(bad.session, "checkout.session.async_payment_failed"));
  EXPECT_EQ(text(failed.json().at("outcome")), "applied");
  auto p = world->payment(bad.paymentId);
  EXPECT_EQ(text(p.at("status")), "failed");
  EXPECT_FALSE(p.at("failure_reason").is_null());
  EXPECT_EQ(p.at("flagged"), json::value(false));
  // Completing a failed payment is an illegal move: ignored, recorded, no credits.
  const auto late = FakeStripe::sessionEvent(bad.session, "checkout.session.async_payment_succeeded");
  auto lateAnswer = webhooks->send(late);
  EXPECT_EQ(lateAnswer.status, 200u);
  EXPECT_EQ(world->outcome(text(late.at("id"))), "ignored");
  EXPECT_EQ(server().balance(bad.student.user.id), 0);
  EXPECT_EQ(world->status(bad.paymentId), "failed");
}

TEST_F(StripePayments, AnExpiredCheckoutFailsThePayment) {
  auto b = buy();
  auto r = webhooks->send(FakeStripe::sessionEvent(b.session, "checkout.session.expired"));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(text(r.json().at("outcome")), "applied");
  EXPECT_EQ(world->status(b.paymentId), "failed");
  EXPECT_NE(text(world->payment(b.paymentId).at("failure_reason")).find("expired"), std::string::npos);
  auto late = webhooks->send(FakeStripe::sessionEvent(b.session, "checkout.session.completed"));
  EXPECT_EQ(text(late.json().at("outcome")), "ignored");
  EXPECT_EQ(server().balance(b.student.user.id), 0);
  auto failedOnly =
      server().client().get("/api/v1/admin/payments?status=failed&user_id=" + b.student.user.id, world->admin.token);
  EXPECT_EQ(itemTexts(failedOnly, "id"), std::vector<std::string>{b.paymentId});
}

TEST_F(StripePayments, StrangersUnknownTypesAndIllegalMovesAreIgnoredAndRecorded) {
  // Refunding a pending payment (its PaymentIntent known from an unpaid completion).
  auto pending = buy();
  auto unpaid = FakeStripe::sessionObject(pending.session, "checkout.session.completed");
  unpaid["payment_status"] = "unpaid";
  webhooks->send(FakeStripe::event("checkout.session.completed", unpaid));
  ASSERT_EQ(world->status(pending.paymentId), "pending");

  auto ours = buy();
  auto otherSession = FakeStripe::sessionObject(ours.session, "checkout.session.completed");
  otherSession["id"] = "cs_test_somebody_else";  // names our payment but is not its session

  FakeStripe::Session stranger;
  stranger.id = "cs_test_unknown";
  stranger.paymentIntent = "pi_unknown";
  stranger.amountTotal = 1250;
  stranger.currency = "eur";
  stranger.paymentId = "00000000-0000-4000-8000-000000000000";
  stranger.clientReferenceId = "not-a-uuid";

  const std::vector<std::pair<std::string, json::object>> events = {
      {"refund of a pending payment", FakeStripe::chargeRefundedEvent(pending.session)},
      {"unknown type", FakeStripe::event("customer.created", {{"id", "cus_1"}, {"object", "customer"}})},
      {"no payment of ours", FakeStripe::sessionEvent(stranger, "checkout.session.completed")},
      {"refund of no payment of ours", FakeStripe::chargeRefundedEvent(stranger)},
      {"another session", FakeStripe::event("checkout.session.completed", otherSession)},
      {"no object", {{"id", "evt_no_object"}, {"object", "event"}, {"type", "checkout.session.completed"}}},
      {"object of the wrong shape",
       {{"id", "evt_array"}, {"type", "checkout.session.completed"}, {"data", {{"object", json::array{1, 2}}}}}},
      {"hostile strings",
       FakeStripe::event("checkout.session.expired", {{"id", "cs_'; DROP TABLE payments; --"},
                                                      {"metadata", {{"payment_id", "<script>"}}},
                                                      {"client_reference_id", std::string(5000, 'x')}})},
  };
  const auto balance = server().balance(ours.student.user.id);
  for (const auto& [name, event] : events) {
    SCOPED_TRACE(name);
    auto r = webhooks->send(event);
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(text(r.json().at("outcome")), "ignored") << r.body;
    EXPECT_EQ(world->outcome(text(event.at("id"))), "ignored");
  }
  EXPECT_EQ(world->status(pending.paymentId), "pending");
  EXPECT_EQ(world->status(ours.paymentId), "pending");
  EXPECT_EQ(server().balance(ours.student.user.id), balance);
}

TEST_F(StripePayments, SignatureFailuresAre400AndChangeNothing) {
  auto b = buy();
  const auto body = bodyOf(FakeStripe::sessionEvent(b.session, "checkout.session.completed"));
  const auto now = server::payments::unixNow();
  const auto good = server::payments::computeSignature(now, body, kWebhookSecret);
  const WebhookSender forger(server().port(), "whsec_not_the_right_one");
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
      {"forged", forger.sign(body, now)},
      {"stale", webhooks->sign(body, now - 301)},
      {"future", webhooks->sign(body, now + 301)},
      {"missing", std::nullopt},
      {"empty", std::string()},
      {"malformed", std::string("garbage")},
      {"no timestamp", "v1=" + good},
      {"bad timestamp", "t=soon,v1=" + good},
      {"no v1", "t=" + std::to_string(now) + ",v0=" + good},
      {"truncated", "t=" + std::to_string(now) + ",v1=" + good.substr(0, 40)},
      {"other timestamp", "t=" + std::to_string(now - 1) + ",v1=" + good},
  };
  const auto before = snapshot(server());
  for (const auto& [name, header] : cases) {
    SCOPED_TRACE(name);
    auto r = webhooks->sendRaw(body, header);
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_EQ(r.errorCode(), "invalid_signature") << r.body;
    EXPECT_EQ(r.body.find(kWebhookSecret), std::string::npos);
    EXPECT_EQ(r.body.find(good), std::string::npos) << "never says what would be right";
  }
  // The body changed after signing.
  auto tampered = body;
  tampered.replace(tampered.find("1250"), 4, "9999");
  EXPECT_EQ(webhooks->sendRaw(tampered, webhooks->sign(body, now)).status, 400u);
  EXPECT_EQ(snapshot(server()), before);
  EXPECT_EQ(world->status(b.paymentId), "pending");

  // A secret being rolled: the old one's v1 first, ours second.
  auto rolled = webhooks->sendRaw(body, forger.sign(body, now) + ",v1=" + good);
  EXPECT_EQ(rolled.status, 200u) << rolled.body;
  EXPECT_EQ(world->status(b.paymentId), "completed");
}

TEST_F(StripePayments, WebhookRefusesUnreadableSignedBodies) {
  const auto before = snapshot(server());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "{"},
      {"array", "[1,2]"},
      {"not utf-8", "{\"id\": \"\xff\xfe\"}"},
      {"no id", R"({"type":"checkout.session.completed","data":{"object":{}}})"},
      {"no type", R"({"id":"evt_1","data":{"object":{}}})"},
      {"id not a string", R"({"id":7,"type":"x"})"},
      {"id too long", "{\"id\":\"" + std::string(300, 'e') + "\",\"type\":\"x\"}"},
      {"id with control characters", "{\"id\":\"evt\\n1\",\"type\":\"x\"}"},
      {"deep", std::string(100, '[') + std::string(100, ']')},
  };
  for (const auto& [name, body] : cases) {
    SCOPED_TRACE(name);
    auto r = webhooks->sendRaw(body, webhooks->sign(body, server::payments::unixNow()));
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_TRUE(r.errorCode() == "malformed_json" || r.errorCode() == "bad_request") << r.body;
  }
  EXPECT_EQ(snapshot(server()), before);
  // Larger than the server takes at all.
  const std::string huge(2 * 1024 * 1024, ' ');
  EXPECT_EQ(webhooks->sendRaw(huge, webhooks->sign(huge, server::payments::unixNow())).status, 413u);
  EXPECT_EQ(server().client().get("/api/v1/webhooks/stripe").status, 405u);
}

TEST_F(StripePayments, StripeDownAtCheckoutFailsThePaymentAnd503) {
  auto student = server().createAccount(Role::Student);
  const auto calls = stripe->requests().size();
  stripe->failNext(500, "api_error", "Something went wrong on Stripe's end.", "", 3);
  auto r = world->checkout(student, packId);
  EXPECT_EQ(r.status, 503u) << r.body;
  EXPECT_EQ(r.errorCode(), "unavailable");
  EXPECT_NE(r.json().at("error").at("message").as_string().find("nothing was charged"), std::string::npos);
  EXPECT_NE(r.json().at("error").at("message").as_string().find("try again"), std::string::npos);
  const auto paymentId = text(r.json().at("error").at("details").at("payment_id"));
  EXPECT_EQ(world->status(paymentId), "failed");
  EXPECT_NE(text(world->payment(paymentId).at("staff_note")).find("Stripe's end"), std::string::npos);
  EXPECT_EQ(server().sqlText("SELECT checkout_session_id FROM payments WHERE id = $1", paymentId), "");
  // Retried twice with the same key, then given up.
  const auto requests = stripe->requests();
  ASSERT_EQ(requests.size(), calls + 3);
  for (std::size_t i = calls; i < requests.size(); ++i)
    EXPECT_EQ(requests[i].header("idempotency-key"), "practicum-checkout-" + paymentId);
  EXPECT_EQ(server().balance(student.user.id), 0);

  // A refusal (4xx) is not retried, and retrying later would be refused again: no "try again"
  // (and no 503, which clients retry), but a 500 that says so.
  stripe->failNext(400, "invalid_request_error", "Invalid currency: xxx.", "", 1);
  auto refused = world->checkout(student, packId);
  EXPECT_EQ(refused.status, 500u) << refused.body;
  EXPECT_EQ(refused.errorCode(), "internal");
  const auto refusal = std::string(refused.json().at("error").at("message").as_string());
  EXPECT_NE(refusal.find("nothing was charged"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("will not help"), std::string::npos) << refusal;
  EXPECT_EQ(refusal.find("Invalid currency"), std::string::npos) << refusal;
  EXPECT_EQ(stripe->requests().size(), calls + 4);
  const auto refusedId = text(refused.json().at("error").at("details").at("payment_id"));
  EXPECT_NE(text(world->payment(refusedId).at("staff_note")).find("Invalid currency"), std::string::npos);

  // The app sees the failures when it polls, with a fixed sentence: Stripe's words are for admins.
  auto mine = server().client().get("/api/v1/payments?status=failed", student.token);
  EXPECT_EQ(itemsOf(mine).size(), 2u);
  for (const auto& item : itemsOf(mine)) {
    EXPECT_EQ(text(item.at("failure_reason")),
              "The payment service did not open the checkout, so nothing was charged.");
    EXPECT_FALSE(item.as_object().contains("staff_note"));
  }
  EXPECT_EQ(mine.body.find("Invalid currency"), std::string::npos) << mine.body;
  EXPECT_EQ(mine.body.find("Stripe's end"), std::string::npos) << mine.body;
}

TEST_F(StripePayments, ReturnPagesAreHtmlAndEscapeWhatTheyEcho) {
  auto client = server().client();
  const std::string id = "0b2e7c1e-5a4d-4c37-9a1e-3f3c5e0d9a11";
  for (const std::string page : {"/checkout/return", "/checkout/cancel"}) {
    SCOPED_TRACE(page);
    auto r = client.get(page + "?payment_id=" + id);
    ASSERT_EQ(r.status, 200u);
    EXPECT_TRUE(r.headers.at("content-type").starts_with("text/html"));
    EXPECT_TRUE(r.headers.contains("content-security-policy"));
    EXPECT_NE(r.body.find(id), std::string::npos);
    EXPECT_NE(r.body.find("Practicum"), std::string::npos);
    auto hostile = client.get(page + "?payment_id=" + urlEncode("<script>alert(1)</script>\"'&"));
    ASSERT_EQ(hostile.status, 200u);
    EXPECT_EQ(hostile.body.find("<script>"), std::string::npos);
    EXPECT_EQ(hostile.body.find("alert(1)"), std::string::npos);
    EXPECT_EQ(client.get(page).status, 200u);
  }
  // With Stripe configured there is no test-mode checkout.
  EXPECT_EQ(client.get("/checkout/test/" + std::string(43, 'a')).status, 404u);
  EXPECT_EQ(client.postRaw("POST", "/checkout/test/" + std::string(43, 'a') + "/pay", "").status, 404u);
}

TEST_F(StripePayments, AdminPaymentListFiltersAndPages) {
  auto b = paid();
  auto c = buy();
  auto client = server().client();
  auto all = client.get("/api/v1/admin/payments?limit=100", world->admin.token);
  ASSERT_EQ(all.status, 200u) << all.body;
  auto ids = itemTexts(all, "id");
  EXPECT_EQ(ids[0], c.paymentId) << "newest first";
  EXPECT_EQ(ids[1], b.paymentId);
  auto completed =
      client.get("/api/v1/admin/payments?status=completed&user_id=" + b.student.user.id, world->admin.token);
  EXPECT_EQ(itemTexts(completed, "id"), std::vector<std::string>{b.paymentId});
  // Pages of two walk every row once.
  std::vector<std::string> paged;
  std::string cursor;
  for (int page = 0; page < 200; ++page) {
    auto r =
        client.get("/api/v1/admin/payments?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), world->admin.token);
    ASSERT_EQ(r.status, 200u) << r.body;
    for (const auto& id : itemTexts(r, "id")) paged.push_back(id);
    const auto next = r.json().at("next_cursor");
    if (next.is_null()) break;
    cursor = text(next);
  }
  EXPECT_EQ(paged.size(), static_cast<std::size_t>(server().sqlInt("SELECT count(*) FROM payments")));
  EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), paged.size());
  // Only admins.
  EXPECT_EQ(client.get("/api/v1/admin/payments", world->instructor.token).status, 403u);
  EXPECT_EQ(client.get("/api/v1/admin/payments", b.student.token).status, 403u);
  EXPECT_EQ(client.get("/api/v1/admin/payments").status, 401u);
  const auto before = snapshot(server());
  EXPECT_EQ(client.post("/api/v1/admin/payments/" + b.paymentId + "/refund", {}, world->instructor.token).status, 403u);
  EXPECT_EQ(client.post("/api/v1/admin/payments/" + b.paymentId + "/refund", {}, b.student.token).status, 403u);
  EXPECT_EQ(client.post("/api/v1/admin/payments/" + b.paymentId + "/refund", {}).status, 401u);
  EXPECT_EQ(snapshot(server()), before);
}

TEST_F(StripePayments, BadInputOnThePaymentEndpointsIs4xxAndChangesNothing) {
  auto student = server().createAccount(Role::Student);
  auto client = server().client();
  const auto before = snapshot(server());
  const auto calls = stripe->requests().size();
  struct Case {
    std::string method, target, body;
    unsigned status;
    std::string code;
    bool admin = false;
  };
  const std::vector<Case> cases = {
      {"POST", "/api/v1/checkout", "{", 400, "malformed_json"},
      {"POST", "/api/v1/checkout", "[]", 400, "malformed_json"},
      {"POST", "/api/v1/checkout", "", 400, "malformed_json"},
      {"POST", "/api/v1/checkout", "{\"pack_id\": \"\xff\"}", 400, "malformed_json"},
      {"POST", "/api/v1/checkout", "{}", 422, "validation_failed"},
      {"POST", "/api/v1/checkout", R"({"pack_id": 5})", 422, "validation_failed"},
      {"POST", "/api/v1/checkout", R"({"pack_id": "not-a-uuid"})", 422, "validation_failed"},
      {"POST", "/api/v1/checkout", R"({"pack_id": "' OR 1=1 --"})", 422, "validation_failed"},
      {"POST", "/api/v1/checkout", "{\"pack_id\": \"" + packId + "\", \"amount\": 1}", 422, "validation_failed"},
      {"POST", "/api/v1/checkout", "{\"pack_id\": \"" + std::string(5000, 'a') + "\"}", 422, "validation_failed"},
      {"GET", "/api/v1/payments?limit=0", "", 400, "bad_request"},
      {"GET", "/api/v1/payments?limit=101", "", 400, "bad_request"},
      {"GET", "/api/v1/payments?status=lost", "", 400, "bad_request"},
      {"GET", "/api/v1/payments?cursor=garbage", "", 400, "bad_request"},
      {"GET", "/api/v1/payments?cursor=WyJ4IiwieSJd" /* ["x","y"] */, "", 400, "bad_request"},
      {"GET", "/api/v1/payments/not-a-uuid", "", 400, "bad_request"},
      {"GET", "/api/v1/credit-packs/x", "", 404, "not_found"},
      {"GET", "/api/v1/admin/payments?user_id=nobody", "", 400, "bad_request", true},
      {"GET", "/api/v1/admin/payments?flagged=maybe", "", 400, "bad_request", true},
      {"GET", "/api/v1/admin/payments?status=%00", "", 400, "bad_request", true},
      {"GET", "/api/v1/admin/credit-packs?cursor=WyJ4IiwieSJd", "", 400, "bad_request", true},
      {"POST", "/api/v1/admin/payments/not-a-uuid/refund", "", 400, "bad_request", true},
      {"POST", "/api/v1/admin/payments/00000000-0000-4000-8000-000000000000/refund", "{", 400, "malformed_json", true},
      {"POST", "/api/v1/admin/payments/00000000-0000-4000-8000-000000000000/refund", R"({"amount": 5})", 422,
       "validation_failed", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target + " " + c.body.substr(0, 60));
    const auto& token = c.admin ? world->admin.token : student.token;
    auto r = c.method == "GET" ? client.get(c.target, token) : client.postRaw(c.method, c.target, c.body, token);
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_EQ(r.errorCode(), c.code) << r.body;
    EXPECT_TRUE(r.headers.at("content-type").starts_with("application/json"));
  }
  auto wrongType = client.request("POST", "/api/v1/checkout", "pack_id=" + packId,
                                  {{"Authorization", "Bearer " + student.token}}, "application/x-www-form-urlencoded");
  EXPECT_EQ(wrongType.status, 415u) << wrongType.body;
  auto huge = client.postRaw("POST", "/api/v1/checkout", "{\"pack_id\": \"" + std::string(2 * 1024 * 1024, 'a') + "\"}",
                             student.token);
  EXPECT_EQ(huge.status, 413u);
  EXPECT_EQ(client.post("/api/v1/checkout", {{"pack_id", packId}}).status, 401u);
  EXPECT_EQ(client.get("/api/v1/payments").status, 401u);
  EXPECT_EQ(snapshot(server()), before);
  EXPECT_EQ(stripe->requests().size(), calls);
}

// A Stripe key that Stripe refuses: the student gets a 500 (retrying will not help), admins get the
// reason, and the key is neither in the answer, nor in the payment, nor anywhere we wrote.
TEST(StripeMisconfigured, AWrongKeyFailsCheckoutWithoutEchoingIt) {
  FakeStripe stripe;
  PaymentWorld world([&](server::Config& c) {
    c.stripeSecretKey = "sk_test_wrong_key_abcdef9876";
    c.stripeWebhookSecret = kWebhookSecret;
    c.stripeApiBase = stripe.baseUrl();
  });
  const auto pack = world.createPack("Pack", 5, 500);
  auto student = world.server->createAccount(Role::Student);
  auto r = world.checkout(student, pack);
  EXPECT_EQ(r.status, 500u) << r.body;
  EXPECT_EQ(r.errorCode(), "internal");
  const auto paymentId = text(r.json().at("error").at("details").at("payment_id"));
  const auto reason =
      world.server->sqlText("SELECT failure_reason || ' / ' || staff_note FROM payments WHERE id = $1", paymentId);
  EXPECT_NE(reason.find("401"), std::string::npos) << reason;
  EXPECT_EQ(reason.find("sk_test"), std::string::npos) << reason;
  EXPECT_EQ(reason.find("9876"), std::string::npos) << reason;
  EXPECT_EQ(r.body.find("sk_test"), std::string::npos);
  EXPECT_EQ(stripe.requests().size(), 1u) << "a 401 is not retried";
}

// An instance lets only so many requests wait on Stripe at once (half its pool, at least 2), so a
// slow Stripe cannot take every worker: the next checkout is refused at once, writing nothing.
TEST(StripeSlow, CheckoutsWaitingOnStripeAreBounded) {
  FakeStripe stripe;
  PaymentWorld world([&](server::Config& c) {
    c.dbPoolSize = 4;  // two Stripe slots
    c.stripeSecretKey = stripe.secretKey();
    c.stripeWebhookSecret = kWebhookSecret;
    c.stripeApiBase = stripe.baseUrl();
  });
  const auto pack = world.createPack("Pack", 5, 500);
  std::vector<ConsultationServer::Account> students;
  for (int i = 0; i < 3; ++i) students.push_back(world.server->createAccount(Role::Student));
  stripe.hold();
  std::vector<HttpResult> waiting(2);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    threads.emplace_back([&, i] { waiting[i] = world.checkout(students[i], pack); });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (stripe.requests().size() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(stripe.requests().size(), 2u);
  const auto payments = world.server->sqlInt("SELECT count(*) FROM payments");
  auto refused = world.checkout(students[2], pack);
  EXPECT_EQ(refused.status, 503u) << refused.body;
  EXPECT_EQ(refused.errorCode(), "unavailable");
  EXPECT_EQ(world.server->sqlInt("SELECT count(*) FROM payments"), payments) << "nothing written";
  stripe.release();
  for (auto& t : threads) t.join();
  for (const auto& r : waiting) EXPECT_EQ(r.status, 201u) << r.body;
  // The slots came back.
  EXPECT_EQ(world.checkout(students[2], pack).status, 201u);
}

TEST(StripeUnreachable, CheckoutAnswers503AndFailsThePayment) {
  PaymentWorld world([](server::Config& c) {
    c.stripeSecretKey = "sk_test_x";
    c.stripeWebhookSecret = kWebhookSecret;
    c.stripeApiBase = "http://127.0.0.1:1";  // nothing listens there
  });
  const auto pack = world.createPack("Pack", 5, 500);
  auto student = world.server->createAccount(Role::Student);
  const auto before = world.server->sqlInt("SELECT count(*) FROM credit_transactions");
  auto r = world.checkout(student, pack);
  EXPECT_EQ(r.status, 503u) << r.body;
  EXPECT_EQ(r.errorCode(), "unavailable");
  const auto paymentId = text(r.json().at("error").at("details").at("payment_id"));
  EXPECT_EQ(world.status(paymentId), "failed");
  EXPECT_NE(world.server->sqlText("SELECT staff_note FROM payments WHERE id = $1", paymentId).find("reached"),
            std::string::npos);
  EXPECT_EQ(world.server->sqlInt("SELECT count(*) FROM credit_transactions"), before);
}

// ---- test mode (no Stripe keys) --------------------------------------------------------------

class TestModePayments : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    world = new PaymentWorld({});
    packId = world->createPack("Demo <b>\"pack\"</b> & co", 6, 450);
  }
  static void TearDownTestSuite() { delete world; }
  static inline PaymentWorld* world = nullptr;
  static inline std::string packId;
  ConsultationServer& server() { return *world->server; }

  struct Opened {
    ConsultationServer::Account student;
    std::string paymentId;
    std::string page;  ///< /checkout/test/{id}
  };
  Opened open() {
    Opened o;
    o.student = server().createAccount(Role::Student);
    auto r = world->checkout(o.student, packId);
    if (r.status != 201) throw std::runtime_error("checkout failed: " + r.body);
    o.paymentId = text(r.json().at("payment_id"));
    o.page = pathOf(text(r.json().at("checkout_url")));
    return o;
  }
};

TEST_F(TestModePayments, CheckoutIsALocalPageMarkedTestMode) {
  auto o = open();
  EXPECT_TRUE(o.page.starts_with("/checkout/test/")) << o.page;
  EXPECT_EQ(o.page.size(), std::string("/checkout/test/").size() + 43) << "an unguessable id";
  EXPECT_EQ(server().sqlText("SELECT provider FROM payments WHERE id = $1", o.paymentId), "test");
  auto page = server().client().get(o.page);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_TRUE(page.headers.at("content-type").starts_with("text/html"));
  EXPECT_NE(page.body.find("TEST MODE"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"" + o.page + "/pay\""), std::string::npos);
  EXPECT_NE(page.body.find("action=\"" + o.page + "/cancel\""), std::string::npos);
  EXPECT_NE(page.body.find("method=\"post\""), std::string::npos);
  EXPECT_NE(page.body.find("Demo &lt;b&gt;&quot;pack&quot;&lt;/b&gt; &amp; co"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("<b>"), std::string::npos);
  EXPECT_NE(page.body.find("4.50 EUR"), std::string::npos);
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
}

TEST_F(TestModePayments, PayGrantsOnceEvenWhenPressedTwice) {
  auto o = open();
  auto client = server().client();
  auto paid = client.request("POST", o.page + "/pay", std::string(), {}, "application/x-www-form-urlencoded");
  ASSERT_EQ(paid.status, 200u) << paid.body;
  EXPECT_NE(paid.body.find("6 credits were added"), std::string::npos) << paid.body;
  EXPECT_EQ(server().balance(o.student.user.id), 6);
  EXPECT_EQ(world->status(o.paymentId), "completed");
  // Through the very same fulfilment as a webhook: a recorded event, a purchase row naming it.
  EXPECT_EQ(server().sqlText("SELECT outcome FROM stripe_events WHERE payment_id = $1", o.paymentId), "applied");
  EXPECT_EQ(world->purchases(o.paymentId), 1);

  auto twice = client.request("POST", o.page + "/pay", std::string(), {}, "application/x-www-form-urlencoded");
  ASSERT_EQ(twice.status, 200u);
  EXPECT_NE(twice.body.find("Nothing changed"), std::string::npos);
  auto cancelAfter = client.request("POST", o.page + "/cancel", std::string(), {}, "application/x-www-form-urlencoded");
  EXPECT_EQ(cancelAfter.status, 200u);
  EXPECT_EQ(server().balance(o.student.user.id), 6);
  EXPECT_EQ(world->status(o.paymentId), "completed");
  EXPECT_EQ(world->purchases(o.paymentId), 1);
  auto page = client.get(o.page);
  EXPECT_EQ(page.body.find("/pay\""), std::string::npos) << "no buttons once it is settled";

  // Pressed many times at once: still once.
  auto p = open();
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&] { server().client().request("POST", p.page + "/pay", std::string(), {}, "text/plain"); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(server().balance(p.student.user.id), 6);
  EXPECT_EQ(world->purchases(p.paymentId), 1);
  EXPECT_EQ(server().ledgerMismatches(), 0);
}

TEST_F(TestModePayments, CancelFailsThePayment) {
  auto o = open();
  auto client = server().client();
  auto cancelled = client.request("POST", o.page + "/cancel", std::string(), {}, "application/x-www-form-urlencoded");
  ASSERT_EQ(cancelled.status, 200u) << cancelled.body;
  EXPECT_NE(cancelled.body.find("nothing was charged"), std::string::npos);
  EXPECT_EQ(world->status(o.paymentId), "failed");
  auto mine = client.get("/api/v1/payments/" + o.paymentId, o.student.token);
  EXPECT_EQ(text(mine.json().at("status")), "failed");
  EXPECT_FALSE(mine.json().at("failure_reason").is_null());
  client.request("POST", o.page + "/pay", std::string(), {}, "application/x-www-form-urlencoded");
  EXPECT_EQ(world->status(o.paymentId), "failed");
  EXPECT_EQ(server().balance(o.student.user.id), 0);
}

TEST_F(TestModePayments, UnknownCheckoutPagesAre404AndChangeNothing) {
  auto o = open();
  auto client = server().client();
  const auto before = snapshot(server());
  const auto id = o.page.substr(std::string("/checkout/test/").size());
  auto other = id;
  other[0] = other[0] == 'A' ? 'B' : 'A';
  const std::vector<std::string> targets = {"/checkout/test/" + other, "/checkout/test/short",
                                            "/checkout/test/" + id + "x", "/checkout/test/" + std::string(43, '.'),
                                            "/checkout/test/%3Cscript%3E"};
  for (const auto& target : targets) {
    SCOPED_TRACE(target);
    auto page = client.get(target);
    EXPECT_EQ(page.status, 404u);
    EXPECT_TRUE(page.headers.at("content-type").starts_with("text/html"));
    EXPECT_EQ(page.body.find("<script>"), std::string::npos);
    EXPECT_EQ(client.request("POST", target + "/pay", std::string(), {}, "text/plain").status, 404u);
    EXPECT_EQ(client.request("POST", target + "/cancel", std::string(), {}, "text/plain").status, 404u);
  }
  EXPECT_EQ(client.get(o.page + "/pay").status, 405u);
  EXPECT_EQ(snapshot(server()), before);
}

TEST_F(TestModePayments, AdminRefundOfATestPaymentNeedsNoStripe) {
  auto o = open();
  server().client().request("POST", o.page + "/pay", std::string(), {}, "text/plain");
  ASSERT_EQ(server().balance(o.student.user.id), 6);
  server().book(o.student, server().createPatient(2));
  auto r = server().client().post("/api/v1/admin/payments/" + o.paymentId + "/refund", {}, world->admin.token);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json().at("credits_taken_back").as_int64(), 4);
  EXPECT_EQ(server().balance(o.student.user.id), 0);
  EXPECT_EQ(server().ledgerMismatches(), 0);
}

TEST_F(TestModePayments, TheWebhookRefusesEverythingWithoutASecret) {
  const auto before = snapshot(server());
  const WebhookSender sender(server().port(), "whsec_anything");
  auto r = sender.send(FakeStripe::event("checkout.session.completed", {{"id", "cs_1"}}));
  EXPECT_EQ(r.status, 400u) << r.body;
  EXPECT_EQ(r.errorCode(), "invalid_signature");
  EXPECT_EQ(snapshot(server()), before);
}

// ---- without Stripe keys, where test mode must not run ----------------------------------------

/// Checkout answers 503 "not configured" and no test-mode page answers, even for a test checkout
/// left in the database; nothing changes.
void expectNoTestMode(const std::function<void(server::Config&)>& adjust) {
  PaymentWorld world(adjust);
  const auto pack = world.createPack("Pack", 5, 500);
  auto student = world.server->createAccount(Role::Student);
  // A test checkout left from before the switch to production.
  std::string checkoutId(43, 'Q');
  {
    auto conn = world.server->pool().acquire();
    conn->query(
        "INSERT INTO payments (user_id, pack_id, provider, amount, amount_minor, currency, credits, "
        "checkout_session_id) "
        "VALUES ($1, $2, 'test', 5, 500, 'eur', 5, $3)",
        student.user.id, pack, checkoutId);
  }
  const auto before = snapshot(*world.server);
  auto r = world.checkout(student, pack);
  EXPECT_EQ(r.status, 503u) << r.body;
  EXPECT_EQ(r.errorCode(), "unavailable");
  EXPECT_NE(r.json().at("error").at("message").as_string().find("not configured"), std::string::npos);
  auto client = world.server->client();
  EXPECT_EQ(client.get("/checkout/test/" + checkoutId).status, 404u);
  EXPECT_EQ(client.request("POST", "/checkout/test/" + checkoutId + "/pay", std::string(), {}, "text/plain").status,
            404u);
  EXPECT_EQ(snapshot(*world.server), before);
  EXPECT_EQ(world.server->balance(student.user.id), 0);
  // The packs themselves are still listed (an admin can prepare the shop before the keys arrive).
  EXPECT_EQ(itemsOf(client.get("/api/v1/credit-packs", student.token)).size(), 1u);
}

TEST(ProductionWithoutStripe, RefusesCheckoutAndHidesTestPages) {
  expectNoTestMode([](server::Config& c) { c.production = true; });
}

// A real deployment that forgot PRACTICUM_ENV=production as well as the Stripe keys: development
// is not certain (PRACTICUM_ENV unset, a public URL that is not loopback), so the test mode, which
// hands out credits for free, stays off.
TEST(ForgottenEnvironmentWithoutStripe, RefusesCheckoutAndHidesTestPages) {
  expectNoTestMode([](server::Config& c) {
    c.environmentSet = false;
    c.production = false;
    c.publicUrl = "https://practicum.example.com";
  });
}

TEST(TestCheckoutAllowed, OnlyWithoutKeysOutsideProductionWhereDevelopmentIsCertain) {
  struct Case {
    const char* name;
    bool environmentSet, production;
    std::string publicUrl, stripeKey;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {"PRACTICUM_ENV=development", true, false, "https://practicum.example.com", "", true},
      {"unset, loopback public URL", false, false, "http://127.0.0.1:8080", "", true},
      {"unset, public host", false, false, "https://practicum.example.com", "", false},
      {"unset, all interfaces", false, false, "http://0.0.0.0:8080", "", false},
      {"unset, no public URL", false, false, "", "", false},
      {"production", true, true, "https://practicum.example.com", "", false},
      {"production on loopback", true, true, "http://127.0.0.1:8080", "", false},
      {"Stripe keys", true, false, "http://127.0.0.1:8080", "sk_test_x", false},
  };
  for (const auto& c : cases) {
    server::Config config;
    config.environmentSet = c.environmentSet;
    config.production = c.production;
    config.publicUrl = c.publicUrl;
    config.stripeSecretKey = c.stripeKey;
    EXPECT_EQ(config.testCheckoutAllowed(), c.allowed) << c.name;
  }
}

TEST(TestCheckoutAllowed, LoopbackUrls) {
  for (const char* url : {"http://127.0.0.1", "http://127.0.0.1:8080", "https://127.255.3.4/practicum",
                          "http://localhost:8080", "http://LocalHost", "http://[::1]:8080", "http://[::1]",
                          "http://[0:0:0:0:0:0:0:1]/", "http://localhost?x=1", "http://127.0.0.1#top"}) {
    EXPECT_TRUE(server::isLoopbackUrl(url)) << url;
  }
  for (const char* url :
       {"https://practicum.example.com", "http://0.0.0.0:8080", "http://10.0.0.1", "http://128.0.0.1",
        "http://[::]:8080", "http://[::ffff:127.0.0.1]", "http://127.1", "http://127.0.0.1.example.com",
        "http://localhost.example.com", "http://127.0.0.1@evil.example", "http://user@localhost",
        "http://localhost:80x", "http://[::1", "http://", "", "127.0.0.1", "http://127.0.0.01", "http://[::1]x"}) {
    EXPECT_FALSE(server::isLoopbackUrl(url)) << url;
  }
}

/// Sets (or, for nullptr, unsets) environment variables for a scope, then restores them.
class ScopedEnvironment {
public:
  explicit ScopedEnvironment(const std::vector<std::pair<std::string, const char*>>& values) {
    for (const auto& [name, value] : values) {
      const char* old = std::getenv(name.c_str());
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      if (value) {
        ::setenv(name.c_str(), value, 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  ~ScopedEnvironment() {
    for (const auto& [name, old] : saved_) {
      if (old) {
        ::setenv(name.c_str(), old->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(TestCheckoutAllowed, FromTheEnvironment) {
  auto allowed = [](const char* env, const char* publicUrl, const char* listen) {
    const ScopedEnvironment scope({{"PRACTICUM_ENV", env},
                                   {"PRACTICUM_PUBLIC_URL", publicUrl},
                                   {"PRACTICUM_LISTEN", listen},
                                   {"PRACTICUM_STRIPE_SECRET_KEY", nullptr},
                                   {"PRACTICUM_STRIPE_WEBHOOK_SECRET", nullptr}});
    return server::Config::fromEnvironment().testCheckoutAllowed();
  };
  // Forgot PRACTICUM_ENV and the keys on a server with a public name: off.
  EXPECT_FALSE(allowed(nullptr, "https://practicum.example.com", nullptr));
  EXPECT_FALSE(allowed(nullptr, nullptr, "0.0.0.0:8080")) << "public URL http://0.0.0.0:8080";
  EXPECT_FALSE(allowed("production", nullptr, nullptr));
  // A developer's machine: the default listen address, or development said out loud.
  EXPECT_TRUE(allowed(nullptr, nullptr, nullptr)) << "public URL http://127.0.0.1:8080";
  EXPECT_TRUE(allowed(nullptr, nullptr, "[::1]:8080"));
  EXPECT_TRUE(allowed("development", "https://practicum.example.com", "0.0.0.0:8080"));
  // An empty value is unset.
  EXPECT_FALSE(allowed("", "https://practicum.example.com", nullptr));
}

// ---- credit packs ----------------------------------------------------------------------------

class CreditPacks : public ::testing::Test {
protected:
  static void SetUpTestSuite() { world = new PaymentWorld({}); }
  static void TearDownTestSuite() { delete world; }
  static inline PaymentWorld* world = nullptr;
  ConsultationServer& server() { return *world->server; }
};

TEST_F(CreditPacks, AdminsCreateUpdateRetireAndStudentsSeeWhatIsOnSale) {
  auto client = server().client();
  auto created = client.post("/api/v1/admin/credit-packs",
                             {{"name", "  Big pack "}, {"credits", 50}, {"price_minor", 4000}, {"currency", "EUR"}},
                             world->admin.token);
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto big = created.json().as_object();
  EXPECT_EQ(text(big.at("name")), "Big pack");
  EXPECT_EQ(text(big.at("currency")), "eur");
  EXPECT_EQ(big.at("credits").as_int64(), 50);
  EXPECT_EQ(big.at("price_minor").as_int64(), 4000);
  EXPECT_EQ(big.at("retired"), json::value(false));
  EXPECT_EQ(text(big.at("created_by")), world->admin.user.id);
  const auto bigId = text(big.at("id"));
  const auto smallId = world->createPack("Small pack", 5, 500);
  const auto yenId = world->createPack("Yen pack", 5, 800, "jpy");

  auto student = server().createAccount(Role::Student);
  auto shop = client.get("/api/v1/credit-packs", student.token);
  ASSERT_EQ(shop.status, 200u) << shop.body;
  EXPECT_EQ(itemTexts(shop, "id"), (std::vector<std::string>{smallId, yenId, bigId})) << "cheapest first";
  EXPECT_FALSE(itemsOf(shop)[0].as_object().contains("created_by"));

  auto patched = client.patch("/api/v1/admin/credit-packs/" + bigId, {{"price_minor", 3500}, {"name", "Bigger pack"}},
                              world->admin.token);
  ASSERT_EQ(patched.status, 200u) << patched.body;
  EXPECT_EQ(patched.json().at("price_minor").as_int64(), 3500);
  EXPECT_EQ(text(patched.json().at("name")), "Bigger pack");
  EXPECT_EQ(patched.json().at("credits").as_int64(), 50);

  // A payment keeps the price it was made at.
  auto open = world->checkout(student, bigId);
  ASSERT_EQ(open.status, 201u) << open.body;
  const auto paymentId = text(open.json().at("payment_id"));
  EXPECT_EQ(world->payment(paymentId).at("amount_minor").as_int64(), 3500);
  ASSERT_EQ(client.patch("/api/v1/admin/credit-packs/" + bigId, {{"price_minor", 9900}}, world->admin.token).status,
            200u);
  EXPECT_EQ(world->payment(paymentId).at("amount_minor").as_int64(), 3500);
  EXPECT_EQ(text(world->payment(paymentId).at("amount")), "35.00");

  auto retired = client.patch("/api/v1/admin/credit-packs/" + smallId, {{"retired", true}}, world->admin.token);
  ASSERT_EQ(retired.status, 200u);
  EXPECT_EQ(retired.json().at("retired"), json::value(true));
  const auto retiredAt = text(retired.json().at("retired_at"));
  EXPECT_EQ(itemTexts(client.get("/api/v1/credit-packs", student.token), "id"),
            (std::vector<std::string>{yenId, bigId}));
  EXPECT_EQ(world->checkout(student, smallId).status, 409u);
  // Retiring twice keeps the first time; bringing it back puts it on sale.
  EXPECT_EQ(text(client.patch("/api/v1/admin/credit-packs/" + smallId, {{"retired", true}}, world->admin.token)
                     .json()
                     .at("retired_at")),
            retiredAt);
  auto back = client.patch("/api/v1/admin/credit-packs/" + smallId, {{"retired", false}}, world->admin.token);
  EXPECT_TRUE(back.json().at("retired_at").is_null());
  EXPECT_EQ(itemsOf(client.get("/api/v1/credit-packs", student.token)).size(), 3u);

  // The admins' list has retired packs too, newest first, in pages.
  client.patch("/api/v1/admin/credit-packs/" + yenId, {{"retired", true}}, world->admin.token);
  std::vector<std::string> paged;
  std::string cursor;
  for (int page = 0; page < 20; ++page) {
    auto r = client.get("/api/v1/admin/credit-packs?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor),
                        world->admin.token);
    ASSERT_EQ(r.status, 200u) << r.body;
    for (const auto& id : itemTexts(r, "id")) paged.push_back(id);
    if (r.json().at("next_cursor").is_null()) break;
    cursor = text(r.json().at("next_cursor"));
  }
  EXPECT_EQ(paged, (std::vector<std::string>{yenId, smallId, bigId}));

  // A yen pack: no decimals.
  auto yen = world->checkout(student, yenId);
  EXPECT_EQ(yen.status, 409u);
  client.patch("/api/v1/admin/credit-packs/" + yenId, {{"retired", false}}, world->admin.token);
  auto yenPayment = world->checkout(student, yenId);
  ASSERT_EQ(yenPayment.status, 201u);
  EXPECT_EQ(text(world->payment(text(yenPayment.json().at("payment_id"))).at("amount")), "800.00")
      << "the seed's numeric(10,2)";
}

TEST_F(CreditPacks, BadPackInputIs4xxAndChangesNothing) {
  auto client = server().client();
  const auto packId = world->createPack("Valid pack", 5, 500);
  const auto before = snapshot(server());
  struct Case {
    std::string body;
    unsigned status;
    std::string field;
  };
  const std::vector<Case> creates = {
      {"{", 400, ""},
      {"[1]", 400, ""},
      {"", 400, ""},
      {"{\"name\": \"\xff\xfe\", \"credits\": 5, \"price_minor\": 500, \"currency\": \"eur\"}", 400, ""},
      {R"({"credits": 5, "price_minor": 500, "currency": "eur"})", 422, "name"},
      {R"({"name": "", "credits": 5, "price_minor": 500, "currency": "eur"})", 422, "name"},
      {R"({"name": "   ", "credits": 5, "price_minor": 500, "currency": "eur"})", 422, "name"},
      {"{\"name\": \"" + std::string(101, 'n') + "\", \"credits\": 5, \"price_minor\": 500, \"currency\": \"eur\"}",
       422, "name"},
      {R"({"name": "a\u0007b", "credits": 5, "price_minor": 500, "currency": "eur"})", 422, "name"},
      {R"({"name": "P", "credits": 0, "price_minor": 500, "currency": "eur"})", 422, "credits"},
      {R"({"name": "P", "credits": 1001, "price_minor": 500, "currency": "eur"})", 422, "credits"},
      {R"({"name": "P", "credits": -5, "price_minor": 500, "currency": "eur"})", 422, "credits"},
      {R"({"name": "P", "credits": "5", "price_minor": 500, "currency": "eur"})", 422, "credits"},
      {R"({"name": "P", "credits": 1.5, "price_minor": 500, "currency": "eur"})", 422, "credits"},
      {R"({"name": "P", "credits": 99999999999999999999, "price_minor": 500, "currency": "eur"})", 422, "credits"},
      {R"({"name": "P", "credits": 5, "price_minor": 49, "currency": "eur"})", 422, "price_minor"},
      {R"({"name": "P", "credits": 5, "price_minor": 100000000, "currency": "eur"})", 422, "price_minor"},
      {R"({"name": "P", "credits": 5, "currency": "eur"})", 422, "price_minor"},
      {R"({"name": "P", "credits": 5, "price_minor": 500})", 422, "currency"},
      {R"({"name": "P", "credits": 5, "price_minor": 500, "currency": "eu"})", 422, "currency"},
      {R"({"name": "P", "credits": 5, "price_minor": 500, "currency": "euro"})", 422, "currency"},
      {R"({"name": "P", "credits": 5, "price_minor": 500, "currency": "e1r"})", 422, "currency"},
      {"{\"name\": \"P\", \"credits\": 5, \"price_minor\": 500, \"currency\": \"\xc3\xa9ur\"}", 422, "currency"},
      {R"({"name": "P", "credits": 5, "price_minor": 500, "currency": "eur", "retired": "yes"})", 422, "retired"},
      {R"({"name": "P", "credits": 5, "price_minor": 500, "currency": "eur", "id": "x"})", 422, "id"},
  };
  for (const auto& c : creates) {
    SCOPED_TRACE(c.body);
    auto r = client.postRaw("POST", "/api/v1/admin/credit-packs", c.body, world->admin.token);
    EXPECT_EQ(r.status, c.status) << r.body;
    if (!c.field.empty()) {
      EXPECT_TRUE(r.json().at("error").at("details").at("fields").as_object().contains(c.field)) << r.body;
    }
  }
  const std::vector<std::string> patches = {R"({"credits": 0})", R"({"currency": "EURO"})", R"({"name": null})",
                                            R"({"retired": 1})", R"({"unknown": true})",    "{"};
  for (const auto& body : patches) {
    SCOPED_TRACE(body);
    auto r = client.postRaw("PATCH", "/api/v1/admin/credit-packs/" + packId, body, world->admin.token);
    EXPECT_TRUE(r.status == 400u || r.status == 422u) << r.body;
  }
  // A patch naming no field (null is "not sent") is refused, as on every PATCH.
  EXPECT_EQ(client.patch("/api/v1/admin/credit-packs/" + packId, {}, world->admin.token).status, 422u);
  EXPECT_EQ(
      client.postRaw("PATCH", "/api/v1/admin/credit-packs/not-a-uuid", R"({"credits": 5})", world->admin.token).status,
      400u);
  EXPECT_EQ(client
                .postRaw("PATCH", "/api/v1/admin/credit-packs/00000000-0000-4000-8000-000000000000",
                         R"({"credits": 5})", world->admin.token)
                .status,
            404u);
  EXPECT_EQ(client
                .request("POST", "/api/v1/admin/credit-packs",
                         std::string(R"({"name":"P","credits":5,"price_minor":500,"currency":"eur"})"),
                         {{"Authorization", "Bearer " + world->admin.token}}, "text/plain")
                .status,
            415u);
  EXPECT_EQ(client.get("/api/v1/admin/credit-packs?limit=0", world->admin.token).status, 400u);
  EXPECT_EQ(snapshot(server()), before);
}

TEST_F(CreditPacks, OnlyAdminsManagePacks) {
  auto client = server().client();
  const auto packId = world->createPack("Guarded pack", 5, 500);
  auto student = server().createAccount(Role::Student);
  const auto before = snapshot(server());
  const json::object body{{"name", "Mine"}, {"credits", 5}, {"price_minor", 500}, {"currency", "eur"}};
  for (const auto* token : {&student.token, &world->instructor.token}) {
    EXPECT_EQ(client.post("/api/v1/admin/credit-packs", body, *token).status, 403u);
    EXPECT_EQ(client.patch("/api/v1/admin/credit-packs/" + packId, {{"retired", true}}, *token).status, 403u);
    EXPECT_EQ(client.get("/api/v1/admin/credit-packs", *token).status, 403u);
    EXPECT_EQ(client.get("/api/v1/credit-packs", *token).status, 200u);
  }
  EXPECT_EQ(client.post("/api/v1/admin/credit-packs", body).status, 401u);
  EXPECT_EQ(client.get("/api/v1/credit-packs").status, 401u);
  EXPECT_EQ(snapshot(server()), before);
}

// seed-demo adds three packs, once.
class SeedingServer : public ConsultationServer {
public:
  using TestServer::hasher;
};

TEST(DemoPacks, SeedDemoAddsThreePacksIdempotently) {
  SeedingServer server;
  auto conn = server.pool().acquire();
  std::ostringstream first, second;
  server::seedDemo(*conn, server.hasher(), first);
  EXPECT_NE(first.str().find("packs    3 created, 0 already present"), std::string::npos) << first.str();
  server::seedDemo(*conn, server.hasher(), second);
  EXPECT_NE(second.str().find("packs    0 created, 3 already present"), std::string::npos) << second.str();
  EXPECT_EQ(conn->query("SELECT count(*) FROM credit_packs WHERE retired_at IS NULL").integer(0, 0), 3);
}

}  // namespace
