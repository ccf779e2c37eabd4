#include "core/json_reader.h"

#include "core/errors.h"
#include "core/validation.h"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace json = boost::json;

namespace practicum {

json::object parseJsonObject(std::string_view body) {
  if (body.empty()) throw ApiError(ErrorCode::MalformedJson, "The request body is empty; a JSON object is expected.");
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 32;
  auto value = json::parse(body, ec, {}, options);
  if (ec) {
    const bool utf8 = !validation::isValidUtf8(body);
    throw ApiError(ErrorCode::MalformedJson,
                   utf8 ? "The request body is not valid UTF-8." : "The request body is not valid JSON.",
                   {{"reason", ec.message()}});
  }
  if (!value.is_object()) throw ApiError(ErrorCode::MalformedJson, "The request body must be a JSON object.");
  return std::move(value.as_object());
}

const json::value* ObjectReader::take(std::string_view key, bool required) {
  seen_.emplace_back(key);
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(key, v ? "must not be null" : "is required");
    return nullptr;
  }
  return v;
}

void ObjectReader::fail(std::string_view key, std::string message) {
  if (!problems_.contains(key)) problems_[key] = std::move(message);
}

namespace {

std::optional<std::string> checkText(std::string_view raw, const TextRule& rule) {
  auto text = rule.trim ? validation::trim(raw) : std::string(raw);
  if (validation::hasControlChars(text, rule.allowNewlines)) return std::nullopt;
  return text;
}

}  // namespace

std::optional<std::string> ObjectReader::text(std::string_view key, bool required, TextRule rule) {
  const auto* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(key, "must be a string");
    return std::nullopt;
  }
  auto text = checkText(v->get_string(), rule);
  if (!text) {
    fail(key, "must not contain control characters");
    return std::nullopt;
  }
  const auto chars = validation::utf8Length(*text);
  if (chars < rule.minChars) {
    fail(key, rule.minChars == 1 ? "must not be empty" : "must be at least " + std::to_string(rule.minChars) + " characters");
    return std::nullopt;
  }
  if (chars > rule.maxChars) {
    fail(key, "must be at most " + std::to_string(rule.maxChars) + " characters");
    return std::nullopt;
  }
  return text;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, bool required, std::int64_t min,
                                                  std::int64_t max) {
  const auto* v = take(key, required);
  if (!v) return std::nullopt;
  std::optional<std::int64_t> n;
  if (v->is_int64()) n = v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) n = static_cast<std::int64_t>(v->get_uint64());
  if (!n) {
    fail(key, "must be an integer");
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
  const auto* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(key, "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::vector<std::string>> ObjectReader::textList(std::string_view key, bool required,
                                                               std::size_t maxItems, TextRule itemRule) {
  const auto* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(key, "must be an array of strings");
    return std::nullopt;
  }
  const auto& array = v->get_array();
  if (array.size() > maxItems) {
    fail(key, "must have at most " + std::to_string(maxItems) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : array) {
    auto text = item.is_string() ? checkText(item.get_string(), itemRule) : std::nullopt;
    if (!text || validation::utf8Length(*text) < std::max<std::size_t>(itemRule.minChars, 1) ||
        validation::utf8Length(*text) > itemRule.maxChars) {
      fail(key, "must contain non-empty strings of at most " + std::to_string(itemRule.maxChars) + " characters");
      return std::nullopt;
    }
    out.push_back(std::move(*text));
  }
  return out;
}

std::optional<json::object> ObjectReader::object(std::string_view key, bool required) {
  const auto* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    fail(key, "must be an object");
    return std::nullopt;
  }
  return v->get_object();
}

void ObjectReader::finish() {
  for (const auto& [key, value] : object_) {
    if (std::find(seen_.begin(), seen_.end(), std::string_view(key)) == seen_.end()) fail(key, "is not a known field");
  }
  if (!problems_.empty()) {
    throw ApiError(ErrorCode::ValidationFailed, "Some fields are missing or invalid.", {{"fields", problems_}});
  }
}

}  // namespace practicum
