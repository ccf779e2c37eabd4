#include "core/money.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace practicum {

namespace {

std::string lowerCode(std::string_view currency) {
  std::string code(currency);
  for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return code;
}

std::string upperCode(std::string_view currency) {
  std::string code(currency);
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code;
}

/// `digits` with a decimal point `decimals` places from the right, zero-padded ("5", 2 → "0.05").
std::string withPoint(std::int64_t minor, int decimals) {
  const bool negative = minor < 0;
  auto digits = std::to_string(negative ? -minor : minor);
  if (decimals > 0) {
    const auto places = static_cast<std::size_t>(decimals);
    if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
    digits.insert(digits.size() - places, 1, '.');
  }
  return (negative ? "-" : "") + digits;
}

}  // namespace

int currencyExponent(std::string_view currency) {
  // https://docs.stripe.com/currencies#zero-decimal and #three-decimal
  static constexpr std::array<std::string_view, 16> kZero{"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
                                                          "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"};
  static constexpr std::array<std::string_view, 5> kThree{"bhd", "jod", "kwd", "omr", "tnd"};
  const auto code = lowerCode(currency);
  if (std::find(kZero.begin(), kZero.end(), code) != kZero.end()) return 0;
  if (std::find(kThree.begin(), kThree.end(), code) != kThree.end()) return 3;
  return 2;
}

std::string formatMoney(std::int64_t minor, std::string_view currency) {
  return withPoint(minor, currencyExponent(currency)) + " " + upperCode(currency);
}

std::string decimalAmount(std::int64_t minor, std::string_view currency) {
  const int exponent = currencyExponent(currency);
  if (exponent == 3) return withPoint((minor + (minor < 0 ? -5 : 5)) / 10, 2);  // to cents, half away from zero
  return withPoint(minor, exponent);
}

}  // namespace practicum
