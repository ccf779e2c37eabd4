#include "core/json_reader.h"

#include "core/errors.h"
#include "tests/core/api_error_testing.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace practicum;
using practicum::testing::apiErrorOf;
using practicum::testing::expectFieldErrors;
using practicum::testing::obj;
using practicum::testing::repeat;
namespace json = boost::json;

namespace {

// ---------------------------------------------------------------------------------------------
// parseJsonObject

const char* const kEmpty = "The request body is empty; a JSON object is expected.";
const char* const kNotJson = "The request body is not valid JSON.";
const char* const kNotUtf8 = "The request body is not valid UTF-8.";
const char* const kNotObject = "The request body must be a JSON object.";

void expectMalformed(std::string_view body, const char* message, bool withReason) {
  const auto error = apiErrorOf([&] { parseJsonObject(body); });
  ASSERT_TRUE(error.has_value()) << body;
  EXPECT_EQ(error->code(), ErrorCode::MalformedJson) << body;
  EXPECT_EQ(httpStatus(error->code()), 400u);
  EXPECT_STREQ(error->what(), message) << body;
  if (withReason) {
    ASSERT_TRUE(error->details().contains("reason")) << body;
    ASSERT_TRUE(error->details().at("reason").is_string());
    EXPECT_FALSE(error->details().at("reason").get_string().empty());
  } else {
    EXPECT_TRUE(error->details().empty()) << json::serialize(error->details());
  }
}

std::string nested(std::size_t depth) {
  // depth 1 is {}, depth 2 is {"a":{}}, …
  std::string out;
  for (std::size_t i = 1; i < depth; ++i) out += "{\"a\":";
  out += "{}";
  for (std::size_t i = 1; i < depth; ++i) out += "}";
  return out;
}

TEST(ParseJsonObject, AcceptsObjects) {
  EXPECT_TRUE(parseJsonObject("{}").empty());
  EXPECT_EQ(parseJsonObject(" \n\t{\"a\":1}\r\n "), obj(R"({"a":1})"));
  const auto o = parseJsonObject(R"({"name":"Zoë 日本","n":-3,"list":[1,"x",null],"inner":{"ok":true}})");
  EXPECT_EQ(o.at("name").as_string(), "Zoë 日本");
  EXPECT_EQ(o.at("n").as_int64(), -3);
  EXPECT_EQ(o.at("list").as_array().size(), 3u);
  EXPECT_TRUE(o.at("inner").at("ok").as_bool());
  EXPECT_EQ(parseJsonObject(R"({"e":"\u00e9\ud83c\udf89"})").at("e").as_string(), "é🎉");
}

TEST(ParseJsonObject, EmptyBody) {
  expectMalformed("", kEmpty, false);
}

TEST(ParseJsonObject, MalformedJson) {
  for (const char* body : {"{", "}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{'a':1}", "{a:1}", "not json",
                           "{\"a\":1} trailing", "{\"a\":1}{}", "   ", "{\"a\":01}", "{\"a\":NaN}",
                           "{\"a\":\"unterminated}", "{\"a\":\"\\x41\"}", "{/*c*/}", "{\"a\":\"\\ud800\"}"}) {
    SCOPED_TRACE(body);
    expectMalformed(body, kNotJson, true);
  }
}

TEST(ParseJsonObject, NotAnObject) {
  for (const char* body : {"[]", "[{}]", "1", "-1.5", "\"text\"", "null", "true", "false"}) {
    SCOPED_TRACE(body);
    expectMalformed(body, kNotObject, false);
  }
}

TEST(ParseJsonObject, NonUtf8) {
  for (const std::string& body :
       {std::string("{\"a\":\"\xFF\"}"), std::string("{\"a\":\"caf\xE9\"}"), std::string("{\"a\":\"\xC0\xAF\"}"),
        std::string("{\"a\":\"\xED\xA0\x80\"}"), std::string("{\"\xC3\":1}"), std::string("\xEF\xBB\xBF\xFF{}")}) {
    SCOPED_TRACE(body);
    expectMalformed(body, kNotUtf8, true);
  }
}

TEST(ParseJsonObject, NestingUpTo32IsAccepted) {
  EXPECT_NO_THROW(parseJsonObject(nested(1)));
  EXPECT_NO_THROW(parseJsonObject(nested(32)));
  std::string arrays = "{\"a\":" + std::string(31, '[') + std::string(31, ']') + "}";
  EXPECT_NO_THROW(parseJsonObject(arrays));
}

TEST(ParseJsonObject, NestingDeeperThan32IsRefused) {
  expectMalformed(nested(33), kNotJson, true);
  expectMalformed("{\"a\":" + std::string(32, '[') + std::string(32, ']') + "}", kNotJson, true);
  // Deep enough to overflow a naive recursive parser's stack.
  expectMalformed(nested(100000), kNotJson, true);
  expectMalformed("{\"a\":" + std::string(100000, '['), kNotJson, true);
}

// ---------------------------------------------------------------------------------------------
// ObjectReader::text

TEST(ReaderText, ReturnsTrimmedValue) {
  const auto body = obj(R"({"a":"  Alice \n","b":"Zoë"})");
  ObjectReader r(body);
  EXPECT_EQ(r.text("a", true), "Alice");
  EXPECT_EQ(r.text("b", true), "Zoë");
  EXPECT_NO_THROW(r.finish());
}

TEST(ReaderText, KeepsSpacesWhenNotTrimming) {
  const auto body = obj(R"({"a":"  x  "})");
  ObjectReader r(body);
  EXPECT_EQ(r.text("a", true, {1, 10, false, false}), "  x  ");
  EXPECT_NO_THROW(r.finish());
}

TEST(ReaderText, MissingAndNull) {
  const auto body = obj(R"({"null_required":null,"null_optional":null})");
  ObjectReader r(body);
  EXPECT_EQ(r.text("missing_required", true), std::nullopt);
  EXPECT_EQ(r.text("missing_optional", false), std::nullopt);
  EXPECT_EQ(r.text("null_required", true), std::nullopt);
  EXPECT_EQ(r.text("null_optional", false), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"missing_required", "is required"}, {"null_required", "must not be null"}});
}

TEST(ReaderText, WrongTypes) {
  const auto body = obj(R"({"n":1,"f":1.5,"b":true,"a":["x"],"o":{"x":"y"}})");
  ObjectReader r(body);
  for (const char* key : {"n", "f", "b", "a", "o"}) EXPECT_EQ(r.text(key, true), std::nullopt) << key;
  expectFieldErrors([&] { r.finish(); }, {{"n", "must be a string"},
                                          {"f", "must be a string"},
                                          {"b", "must be a string"},
                                          {"a", "must be a string"},
                                          {"o", "must be a string"}});
}

TEST(ReaderText, LengthIsCountedInCharactersNotBytes) {
  const TextRule rule{3, 5};
  const auto body = obj(R"({"short":"ab","min_multibyte":"é日本","max_multibyte":"ééééé",
                            "long_multibyte":"éééééé","long_ascii":"abcdef","padded":"   abcde   "})");
  ObjectReader r(body);
  EXPECT_EQ(r.text("short", true, rule), std::nullopt);
  EXPECT_EQ(r.text("min_multibyte", true, rule), "é日本") << "3 characters, 8 bytes";
  EXPECT_EQ(r.text("max_multibyte", true, rule), "ééééé") << "5 characters, 10 bytes";
  EXPECT_EQ(r.text("long_multibyte", true, rule), std::nullopt);
  EXPECT_EQ(r.text("long_ascii", true, rule), std::nullopt);
  EXPECT_EQ(r.text("padded", true, rule), "abcde") << "length is measured after trimming";
  expectFieldErrors([&] { r.finish(); }, {{"short", "must be at least 3 characters"},
                                          {"long_multibyte", "must be at most 5 characters"},
                                          {"long_ascii", "must be at most 5 characters"}});
}

TEST(ReaderText, EmptyStrings) {
  const auto body = obj(R"({"empty":"","blank":"   ","blank_untrimmed":"   ","allowed":""})");
  ObjectReader r(body);
  EXPECT_EQ(r.text("empty", true, {1, 10}), std::nullopt);
  EXPECT_EQ(r.text("blank", true, {1, 10}), std::nullopt) << "whitespace only is empty once trimmed";
  EXPECT_EQ(r.text("blank_untrimmed", true, {1, 10, false, false}), "   ");
  EXPECT_EQ(r.text("allowed", true, {0, 10}), "");
  expectFieldErrors([&] { r.finish(); }, {{"empty", "must not be empty"}, {"blank", "must not be empty"}});
}

TEST(ReaderText, DefaultRuleAllowsEmptyUpTo255Characters) {
  const json::object body{{"ok", repeat("é", 255)}, {"long", repeat("x", 256)}, {"empty", ""}};
  ObjectReader r(body);
  EXPECT_EQ(r.text("ok", true), repeat("é", 255));
  EXPECT_EQ(r.text("empty", true), "") << "the default rule has no minimum";
  EXPECT_EQ(r.text("long", true), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"long", "must be at most 255 characters"}});
}

TEST(ReaderText, ControlCharacters) {
  const auto body = obj(R"({"soh":"a\u0001b","esc":"\u001b[2J","del":"a\u007fb","nul":"a\u0000b",
                            "newline":"a\nb","tab":"a\tb","nel":"a\u0085b","csi":"\u009b2J",
                            "newline_allowed":"a\r\nb\tc","edge_newline":" x\n"})");
  ObjectReader r(body);
  const TextRule multiline{0, 100, true};
  EXPECT_EQ(r.text("soh", true), std::nullopt);
  EXPECT_EQ(r.text("esc", true, multiline), std::nullopt);
  EXPECT_EQ(r.text("del", true), std::nullopt);
  EXPECT_EQ(r.text("nul", true, multiline), std::nullopt);
  EXPECT_EQ(r.text("newline", true), std::nullopt);
  EXPECT_EQ(r.text("tab", true), std::nullopt);
  EXPECT_EQ(r.text("nel", true, multiline), std::nullopt) << "U+0085 is a C1 control (and a line break)";
  EXPECT_EQ(r.text("csi", true), std::nullopt);
  EXPECT_EQ(r.text("newline_allowed", true, multiline), "a\r\nb\tc");
  EXPECT_EQ(r.text("edge_newline", true), "x") << "surrounding whitespace is trimmed before the check";
  const char* const message = "must not contain control characters";
  expectFieldErrors([&] { r.finish(); }, {{"soh", message},
                                          {"esc", message},
                                          {"del", message},
                                          {"nul", message},
                                          {"newline", message},
                                          {"tab", message},
                                          {"nel", message},
                                          {"csi", message}});
}

// ---------------------------------------------------------------------------------------------
// ObjectReader::integer

TEST(ReaderInteger, RangeIsInclusive) {
  const auto body = obj(R"({"low":1,"high":10,"mid":5,"below":0,"above":11,"negative":-5})");
  ObjectReader r(body);
  EXPECT_EQ(r.integer("low", true, 1, 10), 1);
  EXPECT_EQ(r.integer("high", true, 1, 10), 10);
  EXPECT_EQ(r.integer("mid", true, 1, 10), 5);
  EXPECT_EQ(r.integer("below", true, 1, 10), std::nullopt);
  EXPECT_EQ(r.integer("above", true, 1, 10), std::nullopt);
  EXPECT_EQ(r.integer("negative", true, -10, -1), -5);
  expectFieldErrors([&] { r.finish(); },
                    {{"below", "must be between 1 and 10"}, {"above", "must be between 1 and 10"}});
}

TEST(ReaderInteger, ExtremesOfInt64) {
  const auto body = obj(R"({"max":9223372036854775807,"min":-9223372036854775808})");
  ObjectReader r(body);
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(r.integer("max", true, lo, hi), hi);
  EXPECT_EQ(r.integer("min", true, lo, hi), lo);
  EXPECT_NO_THROW(r.finish());
}

TEST(ReaderInteger, UnsignedValueThatFitsIsAccepted) {
  // Built in code (not parsed), a uint64 value within int64 range is still an integer.
  const json::object body{{"n", json::value(std::uint64_t{42})}};
  ObjectReader r(body);
  EXPECT_EQ(r.integer("n", true, 0, 100), 42);
  EXPECT_NO_THROW(r.finish());
}

TEST(ReaderInteger, NonIntegersAreRefused) {
  const auto body = obj(R"({"fraction":1.5,"float_one":1.0,"exponent":1e2,"string":"5","bool":true,
                            "array":[1],"object":{"n":1},"huge_u64":18446744073709551615,
                            "just_over_i64":9223372036854775808,"huge":99999999999999999999})");
  ObjectReader r(body);
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  for (const char* key : {"fraction", "float_one", "exponent", "string", "bool", "array", "object", "huge_u64",
                          "just_over_i64", "huge"}) {
    EXPECT_EQ(r.integer(key, true, lo, hi), std::nullopt) << key;
  }
  const char* const m = "must be an integer";
  expectFieldErrors([&] { r.finish(); }, {{"fraction", m},
                                          {"float_one", m},
                                          {"exponent", m},
                                          {"string", m},
                                          {"bool", m},
                                          {"array", m},
                                          {"object", m},
                                          {"huge_u64", m},
                                          {"just_over_i64", m},
                                          {"huge", m}});
}

TEST(ReaderInteger, MissingAndNull) {
  const auto body = obj(R"({"a":null,"b":null})");
  ObjectReader r(body);
  EXPECT_EQ(r.integer("a", true, 0, 1), std::nullopt);
  EXPECT_EQ(r.integer("b", false, 0, 1), std::nullopt);
  EXPECT_EQ(r.integer("c", true, 0, 1), std::nullopt);
  EXPECT_EQ(r.integer("d", false, 0, 1), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"a", "must not be null"}, {"c", "is required"}});
}

// ---------------------------------------------------------------------------------------------
// ObjectReader::boolean

TEST(ReaderBoolean, Values) {
  const auto body = obj(R"({"t":true,"f":false,"s":"true","n":1,"z":0,"null":null})");
  ObjectReader r(body);
  EXPECT_EQ(r.boolean("t", true), true);
  EXPECT_EQ(r.boolean("f", true), false);
  EXPECT_EQ(r.boolean("s", true), std::nullopt);
  EXPECT_EQ(r.boolean("n", true), std::nullopt);
  EXPECT_EQ(r.boolean("z", false), std::nullopt);
  EXPECT_EQ(r.boolean("null", true), std::nullopt);
  EXPECT_EQ(r.boolean("missing", true), std::nullopt);
  EXPECT_EQ(r.boolean("missing_optional", false), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"s", "must be true or false"},
                                          {"n", "must be true or false"},
                                          {"z", "must be true or false"},
                                          {"null", "must not be null"},
                                          {"missing", "is required"}});
}

// ---------------------------------------------------------------------------------------------
// ObjectReader::textList

TEST(ReaderTextList, ReadsTrimmedItems) {
  const auto body = obj(R"({"tags":[" diabetes ","renal","日本語"],"empty":[]})");
  ObjectReader r(body);
  EXPECT_EQ(r.textList("tags", true, 5, {1, 10}), (std::vector<std::string>{"diabetes", "renal", "日本語"}));
  EXPECT_EQ(r.textList("empty", true, 5, {1, 10}), std::vector<std::string>{});
  EXPECT_NO_THROW(r.finish());
}

TEST(ReaderTextList, ItemLimitsInCharacters) {
  const auto body = obj(R"({"at_max":["ééé"],"over_max":["éééé"],"count_ok":["a","b"],"too_many":["a","b","c"]})");
  ObjectReader r(body);
  EXPECT_EQ(r.textList("at_max", true, 2, {1, 3}), std::vector<std::string>{"ééé"});
  EXPECT_EQ(r.textList("over_max", true, 2, {1, 3}), std::nullopt);
  EXPECT_EQ(r.textList("count_ok", true, 2, {1, 3}), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.textList("too_many", true, 2, {1, 3}), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"over_max", "must contain non-empty strings of at most 3 characters"},
                                          {"too_many", "must have at most 2 items"}});
}

TEST(ReaderTextList, BadItems) {
  const auto body = obj(R"({"number":["a",1],"null_item":[null],"empty":[""],"blank":["  "],"control":["a\u0007"],
              "nested":[["a"]],"object_item":[{"a":"b"}]})");
  ObjectReader r(body);
  for (const char* key : {"number", "null_item", "empty", "blank", "control", "nested", "object_item"}) {
    EXPECT_EQ(r.textList(key, true, 5, {1, 10}), std::nullopt) << key;
  }
  const char* const m = "must contain non-empty strings of at most 10 characters";
  expectFieldErrors(
      [&] { r.finish(); },
      {{"number", m}, {"null_item", m}, {"empty", m}, {"blank", m}, {"control", m}, {"nested", m}, {"object_item", m}});
}

TEST(ReaderTextList, ItemsAreNeverEmptyEvenWithZeroMinimum) {
  const auto body = obj(R"({"tags":[""]})");
  ObjectReader r(body);
  EXPECT_EQ(r.textList("tags", true, 5, {0, 10}), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"tags", "must contain non-empty strings of at most 10 characters"}});
}

TEST(ReaderTextList, WrongTypeMissingAndNull) {
  const auto body = obj(R"({"string":"a","object":{"a":"b"},"null":null,"null_optional":null})");
  ObjectReader r(body);
  EXPECT_EQ(r.textList("string", true, 5, {}), std::nullopt);
  EXPECT_EQ(r.textList("object", true, 5, {}), std::nullopt);
  EXPECT_EQ(r.textList("null", true, 5, {}), std::nullopt);
  EXPECT_EQ(r.textList("null_optional", false, 5, {}), std::nullopt);
  EXPECT_EQ(r.textList("missing", true, 5, {}), std::nullopt);
  EXPECT_EQ(r.textList("missing_optional", false, 5, {}), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"string", "must be an array of strings"},
                                          {"object", "must be an array of strings"},
                                          {"null", "must not be null"},
                                          {"missing", "is required"}});
}

// ---------------------------------------------------------------------------------------------
// ObjectReader::object

TEST(ReaderObject, ReturnsTheNestedObjectAsIs) {
  const auto body = obj(R"({"o":{"x":1,"y":{"z":[true]}},"empty":{},"arr":[],"s":"{}","null":null})");
  ObjectReader r(body);
  EXPECT_EQ(r.object("o", true), obj(R"({"x":1,"y":{"z":[true]}})"));
  EXPECT_EQ(r.object("empty", true), json::object{});
  EXPECT_EQ(r.object("arr", true), std::nullopt);
  EXPECT_EQ(r.object("s", true), std::nullopt);
  EXPECT_EQ(r.object("null", true), std::nullopt);
  EXPECT_EQ(r.object("missing", true), std::nullopt);
  EXPECT_EQ(r.object("missing_optional", false), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"arr", "must be an object"},
                                          {"s", "must be an object"},
                                          {"null", "must not be null"},
                                          {"missing", "is required"}});
}

// ---------------------------------------------------------------------------------------------
// ObjectReader::choice

TEST(ReaderChoice, AcceptsWireNamesOnly) {
  const auto body = obj(R"({"a":"admin","b":"instructor","upper":"Admin","padded":" admin","unknown":"root",
                            "number":2,"bool":true,"in_progress":"in_progress","null":null})");
  ObjectReader r(body);
  EXPECT_EQ(r.choice<Role>("a", true), Role::Admin);
  EXPECT_EQ(r.choice<Role>("b", true), Role::Instructor);
  EXPECT_EQ(r.choice<Role>("upper", true), std::nullopt);
  EXPECT_EQ(r.choice<Role>("padded", true), std::nullopt);
  EXPECT_EQ(r.choice<Role>("unknown", true), std::nullopt);
  EXPECT_EQ(r.choice<Role>("number", true), std::nullopt);
  EXPECT_EQ(r.choice<Role>("bool", false), std::nullopt);
  EXPECT_EQ(r.choice<SessionStatus>("in_progress", true), SessionStatus::InProgress);
  EXPECT_EQ(r.choice<Role>("null", true), std::nullopt);
  EXPECT_EQ(r.choice<Sex>("missing", true), std::nullopt);
  EXPECT_EQ(r.choice<Sex>("missing_optional", false), std::nullopt);
  const char* const roles = "must be one of: student, instructor, admin";
  expectFieldErrors([&] { r.finish(); }, {{"upper", roles},
                                          {"padded", roles},
                                          {"unknown", roles},
                                          {"number", roles},
                                          {"bool", roles},
                                          {"null", "must not be null"},
                                          {"missing", "is required"}});
}

// ---------------------------------------------------------------------------------------------
// Unknown fields, fail() and reporting

TEST(ReaderFinish, NothingToReport) {
  const auto body = obj(R"({"a":"x"})");
  ObjectReader r(body);
  r.text("a", true);
  r.text("b", false);
  EXPECT_NO_THROW(r.finish());

  const json::object empty;
  ObjectReader e(empty);
  EXPECT_NO_THROW(e.finish());
}

TEST(ReaderFinish, UnknownFieldsAreCollected) {
  const auto body = obj(R"({"name":"x","Name":"y","extra":1,"nested":{"a":1},"null_extra":null})");
  ObjectReader r(body);
  EXPECT_EQ(r.text("name", true), "x");
  const char* const m = "is not a known field";
  expectFieldErrors([&] { r.finish(); }, {{"Name", m}, {"extra", m}, {"nested", m}, {"null_extra", m}});
}

TEST(ReaderFinish, AFieldWithAProblemIsNotAlsoReportedUnknown) {
  // A key read through any accessor (even one that fails) counts as known.
  const auto body = obj(R"({"n":"not a number"})");
  ObjectReader r(body);
  EXPECT_EQ(r.integer("n", true, 0, 1), std::nullopt);
  expectFieldErrors([&] { r.finish(); }, {{"n", "must be an integer"}});
}

TEST(ReaderFinish, EveryProblemIsReportedTogether) {
  const auto body = obj(R"({"name":"","age":500,"active":"yes","role":"god","tags":"x","extra":true,"pet":{}})");
  ObjectReader r(body);
  r.text("name", true, {1, 100});
  r.integer("age", true, 0, 120);
  r.boolean("active", true);
  r.choice<Role>("role", true);
  r.textList("tags", false, 3, {});
  r.text("email", true);
  r.object("meta", false);
  expectFieldErrors([&] { r.finish(); }, {{"name", "must not be empty"},
                                          {"age", "must be between 0 and 120"},
                                          {"active", "must be true or false"},
                                          {"role", "must be one of: student, instructor, admin"},
                                          {"tags", "must be an array of strings"},
                                          {"email", "is required"},
                                          {"extra", "is not a known field"},
                                          {"pet", "is not a known field"}});
}

TEST(ReaderFail, RecordsCallerProblemsAndKeepsTheFirstPerKey) {
  const auto body = obj(R"({"start":"2024-01-02","end":"2024-01-01","x":1.5})");
  ObjectReader r(body);
  r.text("start", true);
  r.text("end", true);
  r.fail("end", "must not be before start");
  r.fail("end", "a second complaint is dropped");
  r.integer("x", true, 0, 10);
  r.fail("x", "is not reported over the first problem");
  r.fail("range", "cross-field problem without a field");
  expectFieldErrors([&] { r.finish(); }, {{"end", "must not be before start"},
                                          {"x", "must be an integer"},
                                          {"range", "cross-field problem without a field"}});
}

TEST(ReaderFail, AloneMakesFinishThrow) {
  const json::object empty;
  ObjectReader r(empty);
  r.fail("anything", "went wrong");
  expectFieldErrors([&] { r.finish(); }, {{"anything", "went wrong"}});
}

}  // namespace
