#include "tests/support/fake_stripe.h"

#include "server/payments/stripe_signature.h"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>

namespace js = boost::json;

namespace practicum::test {

namespace {

std::atomic<int> eventSerial{0};

struct ScriptedError {
  unsigned status;
  std::string type;
  std::string message;
  std::string code;
};

std::string errorBody(const std::string& type, const std::string& message, const std::string& code,
                      const std::string& param = {}) {
  js::object error{{"type", type}, {"message", message}};
  if (!code.empty()) error["code"] = code;
  if (!param.empty()) error["param"] = param;
  return js::serialize(js::object{{"error", std::move(error)}});
}

std::string field(const std::map<std::string, std::string>& form, const std::string& key) {
  auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

}  // namespace

struct FakeStripe::Impl {
  std::string secretKey;
  mutable std::mutex mutex;
  std::deque<ScriptedError> failures;
  std::vector<Session> sessions;
  /// Idempotency-Key → (body, the answer sent).
  std::map<std::string, std::pair<std::string, std::string>> idempotent;
  int serial = 0;
  bool held = false;
  std::condition_variable released;
  // Last: destroyed first, so no connection thread outlives the state it reads.
  std::unique_ptr<LoopbackHttpServer> server;

  bool answer(const RecordedRequest& request, LoopbackConnection& connection) {
    {
      std::unique_lock lock(mutex);
      released.wait(lock, [this] { return !held; });
    }
    return connection.write(respond(request));
  }

  std::string json(unsigned status, const std::string& body,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("Request-Id", "req_fake_" + std::to_string(++serial));
    return httpResponse(status, "application/json", body, headers);
  }

  std::string respond(const RecordedRequest& request) {
    std::lock_guard lock(mutex);
    if (request.header("authorization") != "Bearer " + secretKey) {
      return json(401,
                  errorBody("invalid_request_error",
                            "Invalid API Key provided: sk_test_****" + secretKey.substr(secretKey.size() - 4), ""));
    }
    if (!failures.empty()) {
      auto f = std::move(failures.front());
      failures.pop_front();
      return json(f.status, errorBody(f.type, f.message, f.code));
    }
    if (request.method != "POST" || !request.header("content-type").starts_with("application/x-www-form-urlencoded")) {
      return json(400, errorBody("invalid_request_error", "Send a form-encoded POST.", ""));
    }
    const auto key = request.header("idempotency-key");
    if (!key.empty()) {
      if (auto it = idempotent.find(key); it != idempotent.end()) {
        if (it->second.first != request.body) {
          return json(400, errorBody("idempotency_error",
                                     "Keys for idempotent requests can only be used with the same parameters they "
                                     "were first used with.",
                                     ""));
        }
        auto replay = it->second.second;
        const auto at = replay.find("\r\n");
        return replay.insert(at + 2, "Idempotent-Replayed: true\r\n");
      }
    }
    std::string out;
    const auto form = request.form();
    if (request.target == "/v1/checkout/sessions") {
      out = createSession(form);
    } else if (request.target == "/v1/refunds") {
      out = createRefund(form);
    } else {
      out = json(404, errorBody("invalid_request_error",
                                "Unrecognized request URL (" + request.method + ": " + request.target + ").", ""));
    }
    if (!key.empty()) idempotent[key] = {request.body, out};
    return out;
  }

  std::string createSession(const std::map<std::string, std::string>& form) {
    for (const char* required : {"mode", "success_url", "cancel_url", "line_items[0][price_data][currency]",
                                 "line_items[0][price_data][unit_amount]",
                                 "line_items[0][price_data][product_data][name]", "line_items[0][quantity]"}) {
      if (field(form, required).empty()) {
        return json(400, errorBody("invalid_request_error", std::string("Missing required param: ") + required + ".",
                                   "parameter_missing", required));
      }
    }
    Session s;
    const auto n = std::to_string(sessions.size() + 1);
    s.id = "cs_test_fake_" + n;
    s.url = "https://checkout.stripe.test/c/pay/" + s.id;
    s.paymentIntent = "pi_fake_" + n;
    s.amountTotal = std::stoll(field(form, "line_items[0][price_data][unit_amount]")) *
                    std::stoll(field(form, "line_items[0][quantity]"));
    s.currency = field(form, "line_items[0][price_data][currency]");
    s.clientReferenceId = field(form, "client_reference_id");
    s.paymentId = field(form, "metadata[payment_id]");
    sessions.push_back(s);
    auto object = sessionObject(s, "checkout.session.created");
    object["success_url"] = field(form, "success_url");
    object["cancel_url"] = field(form, "cancel_url");
    object["customer_email"] = field(form, "customer_email");
    return json(200, js::serialize(object));
  }

  std::string createRefund(const std::map<std::string, std::string>& form) {
    const auto intent = field(form, "payment_intent");
    for (auto& s : sessions) {
      if (s.paymentIntent != intent) continue;
      if (s.refunded) {
        return json(400, errorBody("invalid_request_error", "Charge ch_fake has already been refunded.",
                                   "charge_already_refunded"));
      }
      s.refunded = true;
      js::object refund{{"id", "re_fake_" + s.id.substr(13)},
                        {"object", "refund"},
                        {"amount", s.amountTotal},
                        {"currency", s.currency},
                        {"payment_intent", intent},
                        {"status", "succeeded"}};
      return json(200, js::serialize(refund));
    }
    return json(400, errorBody("invalid_request_error", "No such payment_intent: '" + intent + "'", "resource_missing",
                               "payment_intent"));
  }
};

FakeStripe::FakeStripe(std::string secretKey) : impl_(std::make_unique<Impl>()) {
  impl_->secretKey = std::move(secretKey);
  impl_->server = std::make_unique<LoopbackHttpServer>(
      [impl = impl_.get()](const RecordedRequest& request, LoopbackConnection& connection) {
        return impl->answer(request, connection);
      });
}

FakeStripe::~FakeStripe() {
  release();  // no connection thread may stay parked
  impl_->server.reset();
}

std::string FakeStripe::baseUrl() const {
  return impl_->server->baseUrl();
}

const std::string& FakeStripe::secretKey() const {
  return impl_->secretKey;
}

std::vector<RecordedRequest> FakeStripe::requests() const {
  return impl_->server->requests();
}

void FakeStripe::failNext(unsigned status, std::string type, std::string message, std::string code, int count) {
  std::lock_guard lock(impl_->mutex);
  for (int i = 0; i < count; ++i) impl_->failures.push_back({status, type, message, code});
}

std::vector<FakeStripe::Session> FakeStripe::sessions() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->sessions;
}

void FakeStripe::hold() {
  std::lock_guard lock(impl_->mutex);
  impl_->held = true;
}

void FakeStripe::release() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->held = false;
  }
  impl_->released.notify_all();
}

void FakeStripe::markRefunded(const std::string& sessionId) {
  std::lock_guard lock(impl_->mutex);
  for (auto& s : impl_->sessions) {
    if (s.id == sessionId) s.refunded = true;
  }
}

FakeStripe::Session FakeStripe::sessionFor(const std::string& paymentId) const {
  for (const auto& s : sessions()) {
    if (s.paymentId == paymentId) return s;
  }
  throw std::runtime_error("the fake Stripe made no session for payment " + paymentId);
}

js::object FakeStripe::event(const std::string& type, js::object object) {
  return {{"id", "evt_fake_" + std::to_string(++eventSerial)},
          {"object", "event"},
          {"api_version", "2024-06-20"},
          {"created", server::payments::unixNow()},
          {"livemode", false},
          {"pending_webhooks", 1},
          {"request", js::object{{"id", nullptr}, {"idempotency_key", nullptr}}},
          {"type", type},
          {"data", js::object{{"object", std::move(object)}}}};
}

js::object FakeStripe::sessionObject(const Session& s, const std::string& type) {
  const bool paid = type == "checkout.session.completed" || type == "checkout.session.async_payment_succeeded";
  const bool expired = type == "checkout.session.expired";
  return {{"id", s.id},
          {"object", "checkout.session"},
          {"amount_subtotal", s.amountTotal},
          {"amount_total", s.amountTotal},
          {"client_reference_id", s.clientReferenceId},
          {"currency", s.currency},
          {"livemode", false},
          {"metadata", js::object{{"payment_id", s.paymentId}}},
          {"mode", "payment"},
          {"payment_intent",
           paid || type == "checkout.session.async_payment_failed" ? js::value(s.paymentIntent) : js::value(nullptr)},
          {"payment_status", paid ? "paid" : "unpaid"},
          {"status", expired ? "expired" : (type == "checkout.session.created" ? "open" : "complete")},
          {"url", expired || paid ? js::value(nullptr) : js::value(s.url)}};
}

js::object FakeStripe::sessionEvent(const Session& session, const std::string& type) {
  return event(type, sessionObject(session, type));
}

js::object FakeStripe::chargeRefundedEvent(const Session& s, std::optional<std::int64_t> amountRefunded) {
  const auto refundedAmount = amountRefunded.value_or(s.amountTotal);
  return event("charge.refunded", {{"id", "ch_fake_" + s.id.substr(13)},
                                   {"object", "charge"},
                                   {"amount", s.amountTotal},
                                   {"amount_captured", s.amountTotal},
                                   {"amount_refunded", refundedAmount},
                                   {"currency", s.currency},
                                   {"paid", true},
                                   {"payment_intent", s.paymentIntent},
                                   {"refunded", refundedAmount >= s.amountTotal},
                                   {"status", "succeeded"}});
}

HttpResult WebhookSender::send(const js::object& event, std::int64_t skewSeconds) const {
  const auto body = js::serialize(event);
  return sendRaw(body, sign(body, server::payments::unixNow() + skewSeconds));
}

HttpResult WebhookSender::sendRaw(const std::string& body, const std::optional<std::string>& signature) const {
  std::map<std::string, std::string> headers{{"User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"}};
  if (signature) headers["Stripe-Signature"] = *signature;
  return HttpClient(port_).request("POST", "/api/v1/webhooks/stripe", body, headers, "application/json; charset=utf-8");
}

std::string WebhookSender::sign(const std::string& body, std::int64_t timestamp) const {
  return server::payments::signatureHeader(body, secret_, timestamp);
}

}  // namespace practicum::test
