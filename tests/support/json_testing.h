#pragma once
/// Small JSON helpers shared by the server tests.

#include "tests/support/http_client.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// gtest prints JSON values as JSON text when an expectation fails.
namespace boost::json {
inline void PrintTo(const value& v, std::ostream* os) { *os << serialize(v); }
inline void PrintTo(const object& v, std::ostream* os) { *os << serialize(v); }
inline void PrintTo(const array& v, std::ostream* os) { *os << serialize(v); }
}  // namespace boost::json

namespace practicum::test {

/// A string value as is, anything else as JSON text.
inline std::string text(const boost::json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : boost::json::serialize(v);
}

/// The "items" of a page, by value (HttpResult::json() is a temporary).
inline boost::json::array itemsOf(const HttpResult& r) {
  const auto body = r.json();
  const auto* items = body.is_object() ? body.as_object().if_contains("items") : nullptr;
  return items && items->is_array() ? items->as_array() : boost::json::array();
}

/// One field of every item of a page, as text (an empty list when the request failed).
inline std::vector<std::string> itemTexts(const HttpResult& r, std::string_view field) {
  std::vector<std::string> out;
  if (r.status != 200) return out;
  for (const auto& item : itemsOf(r)) out.push_back(text(item.at(field)));
  return out;
}

}  // namespace practicum::test
