#include "server/payments/stripe_client.h"

#include "server/net/curl.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <thread>

namespace json = boost::json;

namespace practicum::server::payments {

namespace {

// A Checkout Session or a Refund is a few KiB; anything near this is a fault of the other end.
constexpr std::size_t kMaxAnswerBytes = 1024 * 1024;
constexpr std::size_t kMaxQuotedChars = 300;

struct Answer {
  CURLcode rc = CURLE_OK;
  long status = 0;
  std::string body;
  bool tooLarge = false;
  std::string shouldRetry;  ///< Stripe-Should-Retry: "true", "false" or empty
  std::string curlError;

  static std::size_t onBody(char* data, std::size_t size, std::size_t count, void* self) {
    auto& a = *static_cast<Answer*>(self);
    const auto bytes = size * count;
    if (a.body.size() + bytes > kMaxAnswerBytes) {
      a.tooLarge = true;
      return 0;
    }
    a.body.append(data, bytes);
    return bytes;
  }

  static std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* self) {
    auto& a = *static_cast<Answer*>(self);
    const auto bytes = size * count;
    std::string_view line(data, bytes);
    constexpr std::string_view kName = "stripe-should-retry:";
    if (line.size() > kName.size()) {
      std::string lower(line.substr(0, kName.size()));
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
      if (lower == kName) {
        auto value = line.substr(kName.size());
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == '\n' || value.back() == '\r' || value.back() == ' '))
          value.remove_suffix(1);
        a.shouldRetry = std::string(value);
      }
    }
    return bytes;
  }
};

bool retryableCurlError(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

bool hasControlOrSpace(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == '\x7f'; });
}

Answer attempt(const StripeOptions& options, std::chrono::milliseconds timeout, const std::string& url,
               const std::string& body, const net::HeaderList& headers) {
  Answer answer;
  auto easy = net::makeEasy();
  CURL* e = easy.get();
  char curlError[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect must not carry the key elsewhere
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);  // never turned off
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connectTimeout.count()));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(timeout.count(), 1)));
  curl_easy_setopt(e, CURLOPT_USERAGENT, "practicum-server");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(e, CURLOPT_POST, 1L);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Answer::onBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Answer::onHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &answer);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, curlError);
  answer.rc = curl_easy_perform(e);
  if (answer.rc == CURLE_OK) curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &answer.status);
  answer.curlError = curlError[0] ? curlError : curl_easy_strerror(answer.rc);
  return answer;
}

std::string quoted(std::string text) {
  text = redactKeys(std::move(text));
  if (text.size() > kMaxQuotedChars) text = text.substr(0, kMaxQuotedChars) + "…";
  return text;
}

std::string stringField(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

std::string formEncode(const Form& form) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  auto encode = [&](std::string_view text) {
    for (const char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
          c == '_' || c == '~') {
        out.push_back(c);
      } else {
        out.push_back('%');
        out.push_back(kHex[u >> 4]);
        out.push_back(kHex[u & 0x0F]);
      }
    }
  };
  for (const auto& [key, value] : form) {
    if (!out.empty()) out.push_back('&');
    encode(key);
    out.push_back('=');
    encode(value);
  }
  return out;
}

std::string redactKeys(std::string text) {
  for (const std::string_view prefix : {"sk_", "rk_", "pk_", "whsec_"}) {
    std::size_t at = 0;
    while ((at = text.find(prefix, at)) != std::string::npos) {
      auto end = at + prefix.size();
      while (end < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' || text[end] == '*')) {
        ++end;
      }
      text.replace(at, end - at, "[redacted]");
      at += 10;
    }
  }
  return text;
}

StripeClient::StripeClient(StripeOptions options) : options_(std::move(options)) {
  if (options_.secretKey.empty() || hasControlOrSpace(options_.secretKey)) {
    throw std::invalid_argument("PRACTICUM_STRIPE_SECRET_KEY must be set and hold no spaces or control characters");
  }
  while (!options_.apiBase.empty() && options_.apiBase.back() == '/') options_.apiBase.pop_back();
  net::initCurlOnce();
}

json::object StripeClient::post(const std::string& path, const Form& form, const std::string& idempotencyKey) const {
  const auto url = options_.apiBase + path;
  const auto body = formEncode(form);
  net::HeaderList headers;
  net::append(headers, ("Authorization: Bearer " + options_.secretKey).c_str());
  net::append(headers, "Content-Type: application/x-www-form-urlencoded");
  net::append(headers, ("Idempotency-Key: " + idempotencyKey).c_str());
  net::append(headers, (std::string("Stripe-Version: ") + kStripeApiVersion).c_str());
  net::append(headers, "Expect:");  // no 100-continue round trip

  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + options_.totalTimeout;
  const auto left = [&] { return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()); };
  for (int round = 0;; ++round) {
    const auto delay = options_.retryDelay * (1 << round);
    const bool lastRound = round >= options_.maxRetries;
    const auto answer = attempt(options_, std::min(options_.requestTimeout, left()), url, body, headers);
    // No retry that could not get anywhere before the deadline: it would only keep the student waiting.
    const bool timeForAnother = left() > delay + std::chrono::milliseconds(500);
    const auto pause = [&] { std::this_thread::sleep_for(delay); };

    if (answer.rc != CURLE_OK) {
      if (answer.tooLarge) {
        throw StripeError(StripeError::Kind::Unreachable, "Stripe's answer was larger than expected.");
      }
      if (!lastRound && timeForAnother && retryableCurlError(answer.rc)) {
        pause();
        continue;
      }
      throw StripeError(StripeError::Kind::Unreachable, "Stripe could not be reached (" + answer.curlError + ").");
    }

    boost::system::error_code ec;
    auto parsed = json::parse(answer.body, ec);
    const auto status = static_cast<unsigned>(answer.status);
    if (status >= 200 && status < 300) {
      if (ec || !parsed.is_object()) {
        throw StripeError(StripeError::Kind::Unreachable, "Stripe answered with something that is not JSON.", status);
      }
      return std::move(parsed.as_object());
    }

    std::string type, code, message;
    if (!ec && parsed.is_object()) {
      if (const auto* error = parsed.as_object().if_contains("error"); error && error->is_object()) {
        type = stringField(error->as_object(), "type");
        code = stringField(error->as_object(), "code");
        message = stringField(error->as_object(), "message");
      }
    }
    // Stripe's own libraries retry 409 (a concurrent request with the same key), 429 and 5xx,
    // unless Stripe-Should-Retry says otherwise.
    const bool retry = answer.shouldRetry == "true" ||
                       (answer.shouldRetry != "false" && (status == 409 || status == 429 || status >= 500));
    if (retry && !lastRound && timeForAnother) {
      pause();
      continue;
    }
    std::string text = "Stripe answered HTTP " + std::to_string(status);
    if (!type.empty() || !code.empty()) text += " (" + type + (code.empty() ? "" : "/" + code) + ")";
    if (!message.empty()) text += ": " + quoted(message);
    const auto kind = (status == 429 || status >= 500) ? StripeError::Kind::Unreachable : StripeError::Kind::Refused;
    throw StripeError(kind, text, status, type, code);
  }
}

CheckoutSession StripeClient::createCheckoutSession(const CheckoutRequest& r) const {
  Form form{{"mode", "payment"},
            {"line_items[0][quantity]", "1"},
            {"line_items[0][price_data][currency]", r.currency},
            {"line_items[0][price_data][unit_amount]", std::to_string(r.unitAmount)},
            {"line_items[0][price_data][product_data][name]", r.productName},
            {"client_reference_id", r.paymentId},
            {"metadata[payment_id]", r.paymentId},
            // So the PaymentIntent and its charge name the payment too (Stripe dashboard, refunds).
            {"payment_intent_data[metadata][payment_id]", r.paymentId},
            {"success_url", r.successUrl},
            {"cancel_url", r.cancelUrl}};
  if (!r.customerEmail.empty()) form.emplace_back("customer_email", r.customerEmail);
  if (r.expiresAt > 0) form.emplace_back("expires_at", std::to_string(r.expiresAt));
  const auto session = post("/v1/checkout/sessions", form, checkoutIdempotencyKey(r.paymentId));
  CheckoutSession out{stringField(session, "id"), stringField(session, "url")};
  if (out.id.empty() || out.id.size() > 255 || out.url.empty() ||
      (!out.url.starts_with("https://") && !out.url.starts_with("http://"))) {
    throw StripeError(StripeError::Kind::Unreachable, "Stripe's answer lacks the checkout session's id or URL.", 200);
  }
  return out;
}

RefundResult StripeClient::refundPaymentIntent(const std::string& paymentIntent, const std::string& paymentId) const {
  try {
    const auto refund = post("/v1/refunds", {{"payment_intent", paymentIntent}, {"metadata[payment_id]", paymentId}},
                             refundIdempotencyKey(paymentId));
    return {stringField(refund, "id"), false};
  } catch (const StripeError& e) {
    // Refunded already (say, from the Stripe dashboard): the money is back, which is what we asked.
    if (e.code() == "charge_already_refunded") return {{}, true};
    throw;
  }
}

}  // namespace practicum::server::payments
