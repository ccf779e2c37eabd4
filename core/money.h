#pragma once
/// Amounts of money in minor units (what Stripe and our tables keep) and how they read.

#include <cstdint>
#include <string>
#include <string_view>

namespace practicum {

/// Digits after the decimal point as Stripe counts them: 0 for its zero-decimal currencies (jpy,
/// krw…), 3 for bhd, jod, kwd, omr, tnd, 2 otherwise. `currency` is an ISO 4217 code in any case.
int currencyExponent(std::string_view currency);

/// What a person reads: 1250 "eur" → "12.50 EUR", 1500 "jpy" → "1500 JPY", 1234 "kwd" → "1.234 KWD".
std::string formatMoney(std::int64_t minor, std::string_view currency);

/// The seed's payments.amount (numeric(10,2)): "12.50" for 1250 eur, "500" for 500 jpy;
/// three-decimal currencies are rounded half up to the cent (amount_minor keeps the exact value).
std::string decimalAmount(std::int64_t minor, std::string_view currency);

}  // namespace practicum
