#pragma once
/// Stripe webhook signatures: `Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256>[,v1=…][,v0=…]`,
/// where each v1 is HMAC-SHA256(secret, t + "." + raw body). Several v1 values appear while a
/// signing secret is being rolled; other schemes (v0) are ignored. Verified in constant time, with
/// libsodium, over the raw bytes before anything parses them.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace practicum::server::payments {

enum class SignatureCheck {
  Valid,
  Missing,    ///< no header (or an empty one)
  Malformed,  ///< no single well-formed t=, or an item without '='
  NoV1,       ///< no v1 signature at all
  Mismatch,   ///< no v1 value matches the body under our secret
  Stale,      ///< t is older than the tolerance
  Future,     ///< t is further ahead of our clock than the tolerance
};

/// A sentence for the 400 answer (says what is wrong, never what would be right).
std::string_view describe(SignatureCheck check);

/// Checks `header` against the raw `payload`. `now` is Unix seconds (the caller's clock).
SignatureCheck verifySignature(std::string_view header, std::string_view payload, std::string_view secret,
                               std::chrono::seconds tolerance, std::int64_t now);

/// Lower-case hex HMAC-SHA256(secret, timestamp + "." + payload): the v1 value.
std::string computeSignature(std::int64_t timestamp, std::string_view payload, std::string_view secret);

/// "t=<timestamp>,v1=<computeSignature(…)>", as Stripe sends it (tests and tools sign with this).
std::string signatureHeader(std::string_view payload, std::string_view secret, std::int64_t timestamp);

/// Unix seconds now.
std::int64_t unixNow();

}  // namespace practicum::server::payments
