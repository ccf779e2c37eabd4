#include "core/validation.h"

#include <gtest/gtest.h>

using namespace practicum::validation;

TEST(Validation, Utf8AcceptsMultibyteAndRejectsBrokenSequences) {
  EXPECT_TRUE(isValidUtf8("Zoë → 日本"));
  EXPECT_FALSE(isValidUtf8("\xC3"));             // truncated
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));         // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));     // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}
