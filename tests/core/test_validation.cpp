#include "core/validation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace practicum::validation;

namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

TEST(Validation, Utf8AcceptsMultibyteAndRejectsBrokenSequences) {
  EXPECT_TRUE(isValidUtf8("Zoë → 日本"));
  EXPECT_FALSE(isValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

// ---------------------------------------------------------------------------------------------
// UTF-8

struct Utf8Case {
  const char* label;
  std::string bytes;
  bool valid;
};

std::ostream& operator<<(std::ostream& os, const Utf8Case& c) {
  return os << c.label;
}

class Utf8 : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8, Classifies) {
  EXPECT_EQ(isValidUtf8(GetParam().bytes), GetParam().valid) << GetParam().label;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Utf8,
    ::testing::Values(
        // Valid, including every encoding length at its boundaries.
        Utf8Case{"empty", "", true}, Utf8Case{"ascii", "hello, world", true},
        Utf8Case{"embedded NUL", std::string("a\0b", 3), true}, Utf8Case{"DEL", "\x7F", true},
        Utf8Case{"U+0080 (lowest 2-byte)", "\xC2\x80", true}, Utf8Case{"U+00E9", "\xC3\xA9", true},
        Utf8Case{"U+07FF (highest 2-byte)", "\xDF\xBF", true}, Utf8Case{"U+0800 (lowest 3-byte)", "\xE0\xA0\x80", true},
        Utf8Case{"U+D7FF (below surrogates)", "\xED\x9F\xBF", true},
        Utf8Case{"U+E000 (above surrogates)", "\xEE\x80\x80", true},
        Utf8Case{"U+FFFF (highest 3-byte)", "\xEF\xBF\xBF", true},
        Utf8Case{"U+10000 (lowest 4-byte)", "\xF0\x90\x80\x80", true},
        Utf8Case{"U+1F389 emoji", "\xF0\x9F\x8E\x89", true}, Utf8Case{"U+10FFFF (highest)", "\xF4\x8F\xBF\xBF", true},
        Utf8Case{"mixed text", "Zoë → 日本 🎉 Ωμέγα", true},
        // Truncated sequences.
        Utf8Case{"2-byte missing 1", "\xC3", false}, Utf8Case{"3-byte missing 1", "\xE2\x82", false},
        Utf8Case{"3-byte missing 2", "\xE2", false}, Utf8Case{"4-byte missing 1", "\xF0\x9F\x8E", false},
        Utf8Case{"4-byte missing 3", "\xF0", false}, Utf8Case{"truncated at end", "abc\xC3", false},
        Utf8Case{"continuation replaced by ASCII",
                 "\xC3"
                 "a",
                 false},
        Utf8Case{"3-byte with ASCII inside",
                 "\xE2\x82"
                 "a",
                 false},
        Utf8Case{"continuation replaced by lead", "\xC3\xC3\xA9", false},
        // Overlong forms.
        Utf8Case{"overlong NUL (C0 80)", "\xC0\x80", false}, Utf8Case{"overlong '/' (C0 AF)", "\xC0\xAF", false},
        Utf8Case{"overlong U+007F (C1 BF)", "\xC1\xBF", false}, Utf8Case{"overlong 3-byte '/'", "\xE0\x80\xAF", false},
        Utf8Case{"overlong 3-byte U+07FF", "\xE0\x9F\xBF", false},
        Utf8Case{"overlong 4-byte NUL", "\xF0\x80\x80\x80", false},
        Utf8Case{"overlong 4-byte U+FFFF", "\xF0\x8F\xBF\xBF", false},
        // UTF-16 surrogates encoded as UTF-8 (CESU).
        Utf8Case{"high surrogate D800", "\xED\xA0\x80", false}, Utf8Case{"high surrogate DBFF", "\xED\xAF\xBF", false},
        Utf8Case{"low surrogate DC00", "\xED\xB0\x80", false}, Utf8Case{"low surrogate DFFF", "\xED\xBF\xBF", false},
        Utf8Case{"surrogate pair", "\xED\xA0\xBD\xED\xB8\x80", false},
        // Beyond U+10FFFF and impossible lead bytes.
        Utf8Case{"U+110000", "\xF4\x90\x80\x80", false}, Utf8Case{"F5 lead", "\xF5\x80\x80\x80", false},
        Utf8Case{"F7 lead", "\xF7\xBF\xBF\xBF", false}, Utf8Case{"5-byte F8", "\xF8\x88\x80\x80\x80", false},
        Utf8Case{"6-byte FC", "\xFC\x84\x80\x80\x80\x80", false}, Utf8Case{"FE", "\xFE", false},
        Utf8Case{"FF", "\xFF", false},
        // Stray continuation bytes.
        Utf8Case{"lone 80", "\x80", false}, Utf8Case{"lone BF", "\xBF", false},
        Utf8Case{"stray inside ASCII",
                 "a\x80"
                 "b",
                 false},
        Utf8Case{"extra continuation", "\xC3\xA9\xA9", false}, Utf8Case{"Latin-1 e-acute", "caf\xE9", false}));

struct LengthCase {
  std::string text;
  std::size_t chars;
};

TEST(Utf8Length, CountsCodePointsNotBytes) {
  const std::vector<LengthCase> table{
      {"", 0},
      {"abc", 3},
      {"\xC3\xA9", 1},
      {"日本", 2},
      {"🎉", 1},
      {"Zoë → 日本", 8},
      {std::string("a\0b", 3), 3},
      {"\xF4\x8F\xBF\xBF"
       "x",
       2},
      {repeat("é", 10), 10},
  };
  for (const auto& row : table) EXPECT_EQ(utf8Length(row.text), row.chars) << row.text;
}

// ---------------------------------------------------------------------------------------------
// UUIDs

TEST(IsUuid, AcceptsCanonicalFormInEitherCase) {
  for (const char* text : {"123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
                           "123e4567-E89B-12d3-A456-426614174000", "00000000-0000-0000-0000-000000000000",
                           "ffffffff-ffff-ffff-ffff-ffffffffffff", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"}) {
    EXPECT_TRUE(isUuid(text)) << text;
  }
}

TEST(IsUuid, RejectsEverythingElse) {
  for (const char* text : {
           "",
           "123e4567-e89b-12d3-a456-42661417400",         // 35 characters
           "123e4567-e89b-12d3-a456-4266141740000",       // 37 characters
           "123e4567e89b12d3a456426614174000",            // no dashes
           "123e4567e89b12d3a456426614174000abcd",        // 36 hex, no dashes
           "123e4567-e89b-12d3-a456_426614174000",        // underscore for dash
           "123e456-7e89b-12d3-a456-426614174000",        // first dash one early
           "123e45678-e89b-12d3-a456-42661417400",        // first dash one late
           "123e4567-e89b1-2d3-a456-426614174000",        // second dash misplaced
           "123e4567-e89b-12d3a-456-426614174000",        // third dash misplaced
           "123e4567-e89b-12d3-a4564-26614174000",        // fourth dash misplaced
           "123e4567--89b-12d3-a456-426614174000",        // extra dash in a hex place
           "g23e4567-e89b-12d3-a456-426614174000",        // non-hex letter
           "123e4567-e89b-12d3-a456-42661417400z",        // non-hex at the end
           "123e4567-e89b-12d3-a456-42661417400 ",        // trailing space
           " 23e4567-e89b-12d3-a456-426614174000",        // leading space
           "{23e4567-e89b-12d3-a456-42661417400}",        // braces
           "123e4567-e89b-12d3-a456-4266141740\xC3\xA9",  // non-ASCII
       }) {
    EXPECT_FALSE(isUuid(text)) << '"' << text << '"';
  }
  EXPECT_FALSE(isUuid(std::string("123e4567-e89b-12d3-a456-42661417400\0", 36)));
  EXPECT_FALSE(isUuid("urn:uuid:123e4567-e89b-12d3-a456-426614174000"));
}

// ---------------------------------------------------------------------------------------------
// Email addresses

struct EmailCase {
  std::string address;
  bool valid;
};

std::ostream& operator<<(std::ostream& os, const EmailCase& c) {
  return os << '"' << c.address << '"';
}

class Email : public ::testing::TestWithParam<EmailCase> {};

TEST_P(Email, Classifies) {
  EXPECT_EQ(isEmail(GetParam().address), GetParam().valid) << GetParam().address;
}

const std::string kLabel63 = repeat("d", 63);

INSTANTIATE_TEST_SUITE_P(
    Table, Email,
    ::testing::Values(
        // Valid.
        EmailCase{"a@b.co", true}, EmailCase{"user@example.com", true}, EmailCase{"first.last@example.com", true},
        EmailCase{"user+tag@example.com", true}, EmailCase{"o'brien@example.ie", true},
        EmailCase{"a_b-c@ex-ample.com", true}, EmailCase{"x@sub.domain.example.org", true},
        EmailCase{"USER@EXAMPLE.COM", true}, EmailCase{"1234@123.example", true},
        EmailCase{"!#$%&*+/=?^_`{|}~-@example.com", true}, EmailCase{repeat("a", 64) + "@example.com", true},
        EmailCase{"a@" + kLabel63 + ".com", true},
        // Invalid: shape.
        EmailCase{"", false}, EmailCase{"a", false}, EmailCase{"a@b", false}, EmailCase{"@b.com", false},
        EmailCase{"a@", false}, EmailCase{"@", false}, EmailCase{"a@@b.com", false}, EmailCase{"a@b@c.com", false},
        // Invalid: local part.
        EmailCase{"a b@c.com", false}, EmailCase{" a@b.com", false}, EmailCase{"a@b.com ", false},
        EmailCase{"a..b@c.com", false}, EmailCase{".a@b.com", false}, EmailCase{"a.@b.com", false},
        EmailCase{repeat("a", 65) + "@example.com", false}, EmailCase{"a(b)@c.com", false},
        EmailCase{"a<b>@c.com", false}, EmailCase{"a,b@c.com", false}, EmailCase{"a;b@c.com", false},
        EmailCase{"a:b@c.com", false}, EmailCase{"a\\b@c.com", false}, EmailCase{"\"a\"@c.com", false},
        EmailCase{"a[b]@c.com", false}, EmailCase{"a\tb@c.com", false},
        EmailCase{"a\x7F"
                  "b@c.com",
                  false},
        EmailCase{std::string("a\0b@c.com", 9), false}, EmailCase{"\xC3\xBC@example.com", false},
        // Invalid: domain.
        EmailCase{"a@-b.com", false}, EmailCase{"a@b-.com", false}, EmailCase{"a@b.-com", false},
        EmailCase{"a@b..com", false}, EmailCase{"a@.b.com", false}, EmailCase{"a@b.com.", false},
        EmailCase{"a@b_c.com", false}, EmailCase{"a@b c.com", false}, EmailCase{"a@b.c/m", false},
        EmailCase{"a@[127.0.0.1]", false}, EmailCase{"a@ex\xC3\xA4mple.com", false},  // IDN must be A-labels
        EmailCase{"a@" + kLabel63 + "d.com", false}));                                // 64-character label

TEST(IsEmail, LengthLimitIs254Bytes) {
  const std::string local = repeat("l", 64);
  const std::string domain254 = kLabel63 + "." + kLabel63 + "." + repeat("d", 61);  // 189 bytes
  const std::string at254 = local + "@" + domain254;
  ASSERT_EQ(at254.size(), 254u);
  EXPECT_TRUE(isEmail(at254));
  const std::string at255 = local + "@" + kLabel63 + "." + kLabel63 + "." + repeat("d", 62);
  ASSERT_EQ(at255.size(), 255u);
  EXPECT_FALSE(isEmail(at255));
}

TEST(NormalizeEmail, TrimsAndLowerCasesAsciiOnly) {
  EXPECT_EQ(normalizeEmail("  User@Example.COM \n"), "user@example.com");
  EXPECT_EQ(normalizeEmail("\tA.B+Tag@EXAMPLE.org\r\n"), "a.b+tag@example.org");
  EXPECT_EQ(normalizeEmail("already@lower.case"), "already@lower.case");
  EXPECT_EQ(normalizeEmail(""), "");
  EXPECT_EQ(normalizeEmail("   "), "");
  // Bytes of non-ASCII characters are left intact (no locale-dependent mangling).
  EXPECT_EQ(normalizeEmail("\xC3\x89L\xC3\x89@X.COM"), "\xC3\x89l\xC3\x89@x.com");
  EXPECT_TRUE(isEmail(normalizeEmail("  Someone@Example.COM  ")));
}

TEST(ToLower, LowerCasesAsciiLettersOnly) {
  EXPECT_EQ(toLower("0B2E7C1E-5A4D-4C37-9A1E-3F3C5E0D9A11"), "0b2e7c1e-5a4d-4c37-9a1e-3f3c5e0d9a11");
  EXPECT_EQ(toLower("EUR"), "eur");
  EXPECT_EQ(toLower("text/Event-Stream; Q=0.9"), "text/event-stream; q=0.9");
  EXPECT_EQ(toLower(""), "");
  EXPECT_EQ(toLower("@[`{"), "@[`{") << "the neighbours of A-Z and a-z";
  // UTF-8 stays intact, whatever the locale: É (C3 89) is not touched.
  EXPECT_EQ(toLower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");
  EXPECT_EQ(toLower(std::string("A\0B", 3)), std::string("a\0b", 3));
}

TEST(Trim, RemovesSpaceTabCrLfAtBothEndsOnly) {
  const std::vector<std::pair<std::string, std::string>> table{
      {"", ""},
      {"   ", ""},
      {"\t\r\n ", ""},
      {"a", "a"},
      {" a ", "a"},
      {"\t\r\n a b \n", "a b"},
      {"a \t b", "a \t b"},
      {"  multi  word  text  ", "multi  word  text"},
      {"\xC2\xA0"
       "x"
       "\xC2\xA0",
       "\xC2\xA0"
       "x"
       "\xC2\xA0"},  // NBSP is content, bytes intact
      {" é ", "é"},
  };
  for (const auto& [in, out] : table) EXPECT_EQ(trim(in), out) << '"' << in << '"';
}

struct ControlCase {
  std::string text;
  bool allowNewlines;
  bool expected;
};

TEST(HasControlChars, Table) {
  const std::vector<ControlCase> table{
      {"plain text", false, false},
      {"plain text", true, false},
      {"", false, false},
      {"é 日本 ~", false, false},
      {"a\nb", false, true},
      {"a\nb", true, false},
      {"a\r\nb", false, true},
      {"a\r\nb", true, false},
      {"a\tb", false, true},
      {"a\tb", true, false},
      {std::string("a\0b", 3), false, true},
      {std::string("a\0b", 3), true, true},
      {"\x01", true, true},
      {"\x1B[31m", true, true},
      {"\x1F", false, true},
      {"\x7F", false, true},
      {"\x7F", true, true},
      {"\x0B", true, true},  // vertical tab is not a newline
      {"\x0C", true, true},  // form feed
      // C1 controls (U+0080–U+009F) are control characters too: NEL is a line break, CSI an escape.
      {"Ann\xC2\x85", false, true},  // U+0085 NEL
      {"Ann\xC2\x85", true, true},
      {"\xC2\x80", false, true},  // U+0080
      {"\xC2\x9B"
       "31m",
       true, true},                                // U+009B CSI
      {"\xC2\x9F", false, true},                   // U+009F
      {"\xC2\xA0\xC2\xA3\xC2\xBF", false, false},  // NBSP, pound, inverted question mark: printable
      {"\xC3\x85\xC3\x9F", false, false},          // Å ß: the second byte alone is not a control
      {"\xC2", false, false},                      // a lone lead byte at the end is not a control
  };
  for (const auto& row : table) {
    EXPECT_EQ(hasControlChars(row.text, row.allowNewlines), row.expected)
        << '"' << row.text << "\" allowNewlines=" << row.allowNewlines;
  }
}

TEST(PasswordProblem, CountsCodePointsAndBoundsBytes) {
  EXPECT_EQ(kMinPasswordChars, 10u);
  EXPECT_EQ(kMaxPasswordBytes, 1024u);
  const std::string tooShort = "must be at least 10 characters";
  const std::string tooLong = "must be at most 1024 bytes";

  EXPECT_EQ(passwordProblem(""), tooShort);
  EXPECT_EQ(passwordProblem("123456789"), tooShort);
  EXPECT_EQ(passwordProblem("1234567890"), std::nullopt);
  EXPECT_EQ(passwordProblem(repeat("é", 9)), tooShort) << "18 bytes but only 9 characters";
  EXPECT_EQ(passwordProblem(repeat("é", 10)), std::nullopt);
  EXPECT_EQ(passwordProblem(repeat("🎉", 9)), tooShort) << "36 bytes but only 9 characters";
  EXPECT_EQ(passwordProblem(repeat("🎉", 10)), std::nullopt);
  EXPECT_EQ(passwordProblem("    spaced    "), std::nullopt) << "spaces are characters";

  EXPECT_EQ(passwordProblem(repeat("x", 1024)), std::nullopt);
  EXPECT_EQ(passwordProblem(repeat("x", 1025)), tooLong);
  EXPECT_EQ(passwordProblem(repeat("é", 512)), std::nullopt) << "exactly 1024 bytes";
  EXPECT_EQ(passwordProblem(repeat("é", 513)), tooLong) << "513 characters but 1026 bytes";
  EXPECT_EQ(passwordProblem(repeat("🎉", 257)), tooLong);
}

TEST(Limits, MatchTheDocumentedValues) {
  EXPECT_EQ(kMaxEmailBytes, 254u);
  EXPECT_EQ(kMaxNameChars, 100u);
}

}  // namespace
