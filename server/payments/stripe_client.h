#pragma once
/// Stripe's HTTP API through libcurl: form-encoded POSTs with a Bearer secret key and an
/// Idempotency-Key, JSON answers. Only what checkout and refunds need. Blocking: call it from a
/// worker thread, never while holding a database connection.

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace practicum::server::payments {

/// Stripe could not be reached, or answered with an error. what() is safe to log and to show
/// staff: Stripe's message with anything key-shaped redacted.
class StripeError : public std::runtime_error {
public:
  enum class Kind {
    Unreachable,  ///< network failure, timeout, or 5xx/429 after the retries
    Refused,      ///< a 4xx answer: the request itself was refused
  };
  StripeError(Kind kind, std::string message, unsigned status = 0, std::string type = {}, std::string code = {})
      : std::runtime_error(std::move(message)),
        kind_(kind),
        status_(status),
        type_(std::move(type)),
        code_(std::move(code)) {}
  Kind kind() const noexcept { return kind_; }
  unsigned status() const noexcept { return status_; }        ///< 0 when no answer came
  const std::string& type() const noexcept { return type_; }  ///< error.type, e.g. invalid_request_error
  const std::string& code() const noexcept { return code_; }  ///< error.code, e.g. charge_already_refunded

private:
  Kind kind_;
  unsigned status_;
  std::string type_;
  std::string code_;
};

/// Ordered key/value pairs of an application/x-www-form-urlencoded body, keys in Stripe's bracket
/// notation ("metadata[payment_id]").
using Form = std::vector<std::pair<std::string, std::string>>;
/// Percent-encodes everything but RFC 3986's unreserved characters (brackets too, as Stripe's own
/// libraries do).
std::string formEncode(const Form& form);

/// Replaces anything shaped like a Stripe key (sk_…, rk_…, pk_…, whsec_…) with "[redacted]".
std::string redactKeys(std::string text);

struct StripeOptions {
  std::string apiBase;    ///< https://api.stripe.com, or a loopback fake in tests
  std::string secretKey;  ///< sk_…; never logged
  std::chrono::milliseconds connectTimeout{5000};
  std::chrono::milliseconds requestTimeout{10000};  ///< per attempt
  std::chrono::milliseconds totalTimeout{20000};    ///< all attempts and waits: a student is waiting
  int maxRetries = 2;                               ///< after the first attempt
  std::chrono::milliseconds retryDelay{250};        ///< doubled per retry
};

struct CheckoutRequest {
  std::string paymentId;  ///< client_reference_id, metadata[payment_id], and the idempotency key
  std::string productName;
  std::int64_t unitAmount = 0;  ///< minor units
  std::string currency;
  std::string successUrl;
  std::string cancelUrl;
  std::string customerEmail;
  std::int64_t expiresAt = 0;  ///< Unix seconds; 0 = Stripe's default (24 h)
};

struct CheckoutSession {
  std::string id;   ///< cs_…
  std::string url;  ///< where the student pays
};

struct RefundResult {
  std::string id;  ///< re_…; empty when Stripe says the charge was already refunded
  bool alreadyRefunded = false;
};

class StripeClient {
public:
  /// Throws std::invalid_argument when the key could not go into a header.
  explicit StripeClient(StripeOptions options);

  /// POST {apiBase}{path}. Network failures, 429 and 5xx are retried with the same idempotency
  /// key (Stripe then answers the first result again), honouring Stripe-Should-Retry.
  boost::json::object post(const std::string& path, const Form& form, const std::string& idempotencyKey) const;

  /// POST /v1/checkout/sessions, one line item built from the pack, mode=payment.
  CheckoutSession createCheckoutSession(const CheckoutRequest& request) const;

  /// POST /v1/refunds payment_intent=…, the whole amount.
  RefundResult refundPaymentIntent(const std::string& paymentIntent, const std::string& paymentId) const;

  static std::string checkoutIdempotencyKey(const std::string& paymentId) { return "practicum-checkout-" + paymentId; }
  static std::string refundIdempotencyKey(const std::string& paymentId) { return "practicum-refund-" + paymentId; }

private:
  StripeOptions options_;
};

/// The API version our requests ask for (the shape of answers we parse).
inline constexpr const char* kStripeApiVersion = "2024-06-20";

}  // namespace practicum::server::payments
