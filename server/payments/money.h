#pragma once
/// Amounts in minor units (what Stripe speaks) and their decimal text (the seed's `amount`).

#include <cstdint>
#include <string>
#include <string_view>

namespace practicum::server::payments {

/// Digits after the decimal point of a currency as Stripe counts them: 0 for Stripe's
/// zero-decimal currencies (jpy, krw…), 3 for bhd, jod, kwd, omr, tnd, 2 otherwise.
int currencyExponent(std::string_view currency);

/// "12.50" for 1250 eur, "500" for 500 jpy; three-decimal currencies are rounded to the cent
/// (the `amount` column is numeric(10,2); `amount_minor` keeps the exact value).
std::string decimalAmount(std::int64_t minor, std::string_view currency);

}  // namespace practicum::server::payments
