#include "core/money.h"

#include <gtest/gtest.h>

using namespace practicum;

TEST(Money, ExponentsFollowStripesCurrencyLists) {
  EXPECT_EQ(currencyExponent("eur"), 2);
  EXPECT_EQ(currencyExponent("JPY"), 0);
  EXPECT_EQ(currencyExponent("krw"), 0);
  EXPECT_EQ(currencyExponent("kwd"), 3);
  EXPECT_EQ(currencyExponent("TND"), 3);
}

TEST(Money, FormattedForPeopleWithTheCodeInCapitals) {
  EXPECT_EQ(formatMoney(1250, "eur"), "12.50 EUR");
  EXPECT_EQ(formatMoney(5, "usd"), "0.05 USD");
  EXPECT_EQ(formatMoney(0, "gbp"), "0.00 GBP");
  EXPECT_EQ(formatMoney(1500, "jpy"), "1500 JPY");
  EXPECT_EQ(formatMoney(1234, "kwd"), "1.234 KWD");
  EXPECT_EQ(formatMoney(99999999, "chf"), "999999.99 CHF");
  EXPECT_EQ(formatMoney(-250, "eur"), "-2.50 EUR");
}

TEST(Money, DecimalAmountsFitTheTwoDecimalColumn) {
  EXPECT_EQ(decimalAmount(1250, "eur"), "12.50");
  EXPECT_EQ(decimalAmount(7, "eur"), "0.07");
  EXPECT_EQ(decimalAmount(500, "jpy"), "500");
  EXPECT_EQ(decimalAmount(1234, "kwd"), "1.23");
  EXPECT_EQ(decimalAmount(1235, "kwd"), "1.24");
  EXPECT_EQ(decimalAmount(99999999, "usd"), "999999.99");
}
