#include "core/errors.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <set>
#include <string>
#include <vector>

using namespace practicum;
namespace json = boost::json;

namespace {

struct CodeRow {
  ErrorCode code;
  const char* name;
  unsigned status;
};

// The documented vocabulary (errors.h), in declaration order.
const std::vector<CodeRow> kCodes{
    {ErrorCode::MalformedJson, "malformed_json", 400},
    {ErrorCode::BadRequest, "bad_request", 400},
    {ErrorCode::InvalidSignature, "invalid_signature", 400},
    {ErrorCode::Unauthenticated, "unauthenticated", 401},
    {ErrorCode::InvalidCredentials, "invalid_credentials", 401},
    {ErrorCode::InsufficientCredits, "insufficient_credits", 402},
    {ErrorCode::Forbidden, "forbidden", 403},
    {ErrorCode::NotFound, "not_found", 404},
    {ErrorCode::MethodNotAllowed, "method_not_allowed", 405},
    {ErrorCode::Conflict, "conflict", 409},
    {ErrorCode::EmailTaken, "email_taken", 409},
    {ErrorCode::PayloadTooLarge, "payload_too_large", 413},
    {ErrorCode::UnsupportedMediaType, "unsupported_media_type", 415},
    {ErrorCode::ValidationFailed, "validation_failed", 422},
    {ErrorCode::HeadersTooLarge, "headers_too_large", 431},
    {ErrorCode::RateLimited, "rate_limited", 429},
    {ErrorCode::Internal, "internal", 500},
    {ErrorCode::Unavailable, "unavailable", 503},
};

bool isSnakeCase(std::string_view s) {
  if (s.empty() || s.front() == '_' || s.back() == '_' || s.find("__") != std::string_view::npos) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

TEST(ErrorCodes, TableCoversEveryCodeInOrder) {
  // Unavailable is the last enumerator: a code added anywhere makes this table incomplete.
  ASSERT_EQ(kCodes.size(), static_cast<std::size_t>(ErrorCode::Unavailable) + 1);
  for (std::size_t i = 0; i < kCodes.size(); ++i)
    EXPECT_EQ(static_cast<std::size_t>(kCodes[i].code), i) << kCodes[i].name;
}

TEST(ErrorCodes, NamesAreTheDocumentedSnakeCase) {
  for (const auto& row : kCodes) {
    EXPECT_EQ(errorCodeName(row.code), row.name);
    EXPECT_TRUE(isSnakeCase(errorCodeName(row.code))) << errorCodeName(row.code);
  }
}

TEST(ErrorCodes, NamesAreDistinct) {
  std::set<std::string_view> names;
  for (const auto& row : kCodes) EXPECT_TRUE(names.insert(errorCodeName(row.code)).second) << row.name;
  EXPECT_EQ(names.size(), kCodes.size());
}

TEST(ErrorCodes, HttpStatusIsTheDocumentedOne) {
  for (const auto& row : kCodes) EXPECT_EQ(httpStatus(row.code), row.status) << row.name;
}

TEST(ErrorCodes, StatusesAreClientOrServerErrors) {
  for (const auto& row : kCodes) {
    const auto status = httpStatus(row.code);
    EXPECT_GE(status, 400u) << row.name;
    EXPECT_LT(status, 600u) << row.name;
    EXPECT_EQ(status >= 500, row.code == ErrorCode::Internal || row.code == ErrorCode::Unavailable) << row.name;
  }
}

TEST(ErrorCodes, UnknownValueFallsBackToInternal) {
  const auto bogus = static_cast<ErrorCode>(999);
  EXPECT_EQ(errorCodeName(bogus), "internal");
  EXPECT_EQ(httpStatus(bogus), 500u);
}

TEST(ApiError, CarriesCodeMessageAndDetails) {
  const ApiError e(ErrorCode::NotFound, "No such patient.", {{"id", "42"}});
  EXPECT_EQ(e.code(), ErrorCode::NotFound);
  EXPECT_STREQ(e.what(), "No such patient.");
  EXPECT_EQ(e.details(), (json::object{{"id", "42"}}));
}

TEST(ApiError, IsARuntimeError) {
  try {
    throw ApiError(ErrorCode::Conflict, "Already archived.");
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "Already archived.");
    const auto* api = dynamic_cast<const ApiError*>(&e);
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->code(), ErrorCode::Conflict);
    return;
  }
  FAIL() << "not caught as std::runtime_error";
}

TEST(ApiError, ToJsonShapeForEveryCode) {
  for (const auto& row : kCodes) {
    const ApiError e(row.code, std::string("message for ") + row.name);
    const auto body = e.toJson();
    ASSERT_EQ(body.size(), 1u) << json::serialize(body);
    const auto* error = body.if_contains("error");
    ASSERT_NE(error, nullptr);
    ASSERT_TRUE(error->is_object()) << json::serialize(body);
    const auto& inner = error->get_object();
    ASSERT_EQ(inner.size(), 3u) << json::serialize(body);
    ASSERT_TRUE(inner.contains("code") && inner.at("code").is_string());
    ASSERT_TRUE(inner.contains("message") && inner.at("message").is_string());
    ASSERT_TRUE(inner.contains("details") && inner.at("details").is_object()) << json::serialize(body);
    EXPECT_EQ(inner.at("code").get_string(), row.name);
    EXPECT_EQ(inner.at("message").get_string(), std::string("message for ") + row.name);
    EXPECT_TRUE(inner.at("details").get_object().empty());
  }
}

TEST(ApiError, ToJsonCarriesNestedDetails) {
  const json::object fields{{"email", "is required"}, {"brief.age", "must be between 0 and 120"}};
  const ApiError e(ErrorCode::ValidationFailed, "Some fields are missing or invalid.", {{"fields", fields}});
  const auto expected = json::parse(R"({"error":{"code":"validation_failed",
                                                "message":"Some fields are missing or invalid.",
                                                "details":{"fields":{"email":"is required",
                                                                     "brief.age":"must be between 0 and 120"}}}})");
  EXPECT_EQ(json::value(e.toJson()), expected) << json::serialize(e.toJson());
}

TEST(ApiError, ToJsonSurvivesSerialization) {
  const ApiError e(ErrorCode::MalformedJson, "Quote \" and \u00e9 and newline\n", {{"reason", "syntax error"}});
  const auto reparsed = json::parse(json::serialize(e.toJson()));
  EXPECT_EQ(reparsed, json::value(e.toJson()));
  EXPECT_EQ(reparsed.at("error").at("message").as_string(), "Quote \" and \u00e9 and newline\n");
  EXPECT_EQ(reparsed.at("error").at("details").at("reason").as_string(), "syntax error");
}

TEST(ApiError, CopiesKeepEverything) {
  const ApiError original(ErrorCode::RateLimited, "Slow down.", {{"retry_after", 30}});
  const ApiError copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(copy.code(), ErrorCode::RateLimited);
  EXPECT_STREQ(copy.what(), "Slow down.");
  EXPECT_EQ(copy.toJson(), original.toJson());
}

}  // namespace
