#pragma once
/// Strict reading of JSON request bodies: every field is checked for type and range, unknown
/// fields are refused, and all problems are reported together as one 422 with per-field details.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace practicum {

/// Parses a request body as a JSON object; throws ApiError(MalformedJson) otherwise.
boost::json::object parseJsonObject(std::string_view body);

struct TextRule {
  std::size_t minChars = 0;
  std::size_t maxChars = 255;
  bool allowNewlines = false;
  bool trim = true;
};

class ObjectReader {
public:
  explicit ObjectReader(const boost::json::object& object) : object_(object) {}

  std::optional<std::string> text(std::string_view key, bool required, TextRule rule = {});
  std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view key, bool required);
  std::optional<std::vector<std::string>> textList(std::string_view key, bool required, std::size_t maxItems,
                                                   TextRule itemRule);
  /// A nested JSON object, returned as is (its own schema is checked by its owner).
  std::optional<boost::json::object> object(std::string_view key, bool required);
  /// An enum by its wire name.
  template <class E> std::optional<E> choice(std::string_view key, bool required);

  /// Marks a key as known without reading it (the caller reads it another way).
  void skip(std::string_view key) { seen_.emplace_back(key); }

  /// Records a problem found by the caller (e.g. a cross-field rule).
  void fail(std::string_view key, std::string message);

  /// Refuses unknown fields, then throws ApiError(ValidationFailed) if any problem was recorded.
  void finish();

private:
  const boost::json::value* take(std::string_view key, bool required);

  const boost::json::object& object_;
  std::vector<std::string> seen_;
  boost::json::object problems_;
};

}  // namespace practicum

#include "core/domain.h"

template <class E> std::optional<E> practicum::ObjectReader::choice(std::string_view key, bool required) {
  const auto* v = take(key, required);
  if (!v) return std::nullopt;
  if (v->is_string()) {
    if (auto e = enumFromString<E>(std::string_view(v->get_string()))) return e;
  }
  fail(key, "must be one of: " + enumChoices<E>());
  return std::nullopt;
}
