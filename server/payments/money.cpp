#include "server/payments/money.h"

#include <algorithm>
#include <array>

namespace practicum::server::payments {

int currencyExponent(std::string_view currency) {
  // https://docs.stripe.com/currencies#zero-decimal and #three-decimal
  static constexpr std::array<std::string_view, 16> kZero{"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
                                                          "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"};
  static constexpr std::array<std::string_view, 5> kThree{"bhd", "jod", "kwd", "omr", "tnd"};
  if (std::find(kZero.begin(), kZero.end(), currency) != kZero.end()) return 0;
  if (std::find(kThree.begin(), kThree.end(), currency) != kThree.end()) return 3;
  return 2;
}

std::string decimalAmount(std::int64_t minor, std::string_view currency) {
  const int exponent = currencyExponent(currency);
  if (exponent == 0) return std::to_string(minor);
  if (exponent == 3) minor = (minor + 5) / 10;  // to cents, half up (amounts are never negative)
  const auto whole = minor / 100;
  const auto cents = minor % 100;
  return std::to_string(whole) + "." + (cents < 10 ? "0" : "") + std::to_string(cents);
}

}  // namespace practicum::server::payments
