#include "server/payments/stripe_signature.h"

#include <sodium.h>

#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace practicum::server::payments {

namespace {

constexpr std::size_t kHexLength = crypto_auth_hmacsha256_BYTES * 2;
// Far beyond anything Stripe sends (one t, one or two v1, maybe a v0); a header is at most 8 KiB.
constexpr std::size_t kMaxItems = 64;

std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// A canonical decimal Unix time: digits only, no sign, no leading zero, at most 12 digits (so
/// that the text we sign over is exactly the number Stripe signed).
bool parseTimestamp(std::string_view text, std::int64_t& out) {
  if (text.empty() || text.size() > 12 || (text.size() > 1 && text.front() == '0')) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac(std::string_view timestamp, std::string_view payload,
                                                            std::string_view secret) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  // The init/update/final interface takes a key of any length (the one-shot API wants 32 bytes);
  // Stripe's secret is the whole "whsec_…" text, used as is.
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(timestamp.data()), timestamp.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(payload.data()), payload.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> out{};
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
  return out;
}

std::string hex(const std::array<unsigned char, crypto_auth_hmacsha256_BYTES>& bytes) {
  std::string out(kHexLength + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.resize(kHexLength);
  return out;
}

}  // namespace

std::string_view describe(SignatureCheck check) {
  switch (check) {
    case SignatureCheck::Valid:
      return "The signature is valid.";
    case SignatureCheck::Missing:
      return "The Stripe-Signature header is missing.";
    case SignatureCheck::Malformed:
      return "The Stripe-Signature header is malformed: it needs one t=<unix time> and v1=<signature> items.";
    case SignatureCheck::NoV1:
      return "The Stripe-Signature header carries no v1 signature.";
    case SignatureCheck::Mismatch:
      return "No v1 signature matches this body under the configured signing secret.";
    case SignatureCheck::Stale:
      return "The signature's timestamp is older than the accepted tolerance.";
    case SignatureCheck::Future:
      return "The signature's timestamp is further in the future than the accepted tolerance.";
  }
  return "The signature is invalid.";
}

SignatureCheck verifySignature(std::string_view header, std::string_view payload, std::string_view secret,
                               std::chrono::seconds tolerance, std::int64_t now) {
  header = trimSpaces(header);
  if (header.empty()) return SignatureCheck::Missing;
  if (secret.empty()) return SignatureCheck::Mismatch;

  std::string_view timestampText;
  bool timestampSeen = false;
  std::vector<std::string_view> v1;
  std::size_t items = 0;
  while (!header.empty()) {
    if (++items > kMaxItems) return SignatureCheck::Malformed;
    const auto comma = header.find(',');
    const auto item = trimSpaces(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) return SignatureCheck::Malformed;
    const auto key = item.substr(0, eq);
    const auto value = item.substr(eq + 1);
    if (key == "t") {
      if (timestampSeen) return SignatureCheck::Malformed;  // which one was signed?
      timestampSeen = true;
      timestampText = value;
    } else if (key == "v1") {
      v1.push_back(value);
    }
    // Other schemes (v0: Stripe's test-mode legacy scheme) are ignored, as Stripe's libraries do.
  }
  std::int64_t timestamp = 0;
  if (!timestampSeen || !parseTimestamp(timestampText, timestamp)) return SignatureCheck::Malformed;
  if (v1.empty()) return SignatureCheck::NoV1;

  const auto expected = hex(mac(timestampText, payload, secret));
  bool matched = false;
  for (const auto candidate : v1) {
    // Every candidate is compared in full (no early exit), in constant time per comparison.
    if (candidate.size() == kHexLength && sodium_memcmp(candidate.data(), expected.data(), kHexLength) == 0) {
      matched = true;
    }
  }
  if (!matched) return SignatureCheck::Mismatch;
  // Checked after the signature, so the answer does not tell an unsigned caller how our clock stands.
  if (timestamp < now - tolerance.count()) return SignatureCheck::Stale;
  if (timestamp > now + tolerance.count()) return SignatureCheck::Future;
  return SignatureCheck::Valid;
}

std::string computeSignature(std::int64_t timestamp, std::string_view payload, std::string_view secret) {
  return hex(mac(std::to_string(timestamp), payload, secret));
}

std::string signatureHeader(std::string_view payload, std::string_view secret, std::int64_t timestamp) {
  return "t=" + std::to_string(timestamp) + ",v1=" + computeSignature(timestamp, payload, secret);
}

std::int64_t unixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace practicum::server::payments
