#pragma once
/// Helpers for the core tests: catch the ApiError a call throws and compare its field details.

#include "core/errors.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace practicum::testing {

/// The ApiError thrown by `f`, or nullopt (with a test failure) when it returns normally or
/// throws anything else.
template <class F>
std::optional<ApiError> apiErrorOf(F&& f) {
  try {
    std::forward<F>(f)();
  } catch (const ApiError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected ApiError, got std::exception: " << e.what();
    return std::nullopt;
  }
  ADD_FAILURE() << "expected ApiError, nothing was thrown";
  return std::nullopt;
}

inline boost::json::object fieldsObject(std::initializer_list<std::pair<const char*, const char*>> fields) {
  boost::json::object out;
  for (const auto& [key, message] : fields) out[key] = message;
  return out;
}

/// `f` must throw ApiError(ValidationFailed, 422) whose details are exactly {"fields": expected}.
template <class F>
void expectFieldErrors(F&& f, std::initializer_list<std::pair<const char*, const char*>> expected) {
  const auto error = apiErrorOf(std::forward<F>(f));
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), ErrorCode::ValidationFailed);
  EXPECT_EQ(httpStatus(error->code()), 422u);
  EXPECT_STREQ(error->what(), "Some fields are missing or invalid.");
  ASSERT_EQ(error->details().size(), 1u) << boost::json::serialize(error->details());
  const auto* fields = error->details().if_contains("fields");
  ASSERT_NE(fields, nullptr) << boost::json::serialize(error->details());
  ASSERT_TRUE(fields->is_object());
  const auto want = fieldsObject(expected);
  EXPECT_TRUE(fields->get_object() == want)  // boost::json::object equality ignores key order
      << "actual:   " << boost::json::serialize(*fields) << "\nexpected: " << boost::json::serialize(want);
}

/// `f` must throw ApiError(ValidationFailed) for a PATCH-style body that changes nothing.
template <class F>
void expectNothingToChange(F&& f) {
  const auto error = apiErrorOf(std::forward<F>(f));
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), ErrorCode::ValidationFailed);
  EXPECT_STREQ(error->what(), "Nothing to change: the body names no field.");
  EXPECT_TRUE(error->details().empty()) << boost::json::serialize(error->details());
}

/// Parses a JSON object literal of a test (throws on a typo in the test itself).
inline boost::json::object obj(std::string_view text) {
  auto value = boost::json::parse(text);
  return std::move(value.as_object());
}

inline std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

}  // namespace practicum::testing
