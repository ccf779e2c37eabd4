#pragma once
/// What the repositories' toJson() functions share.

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace practicum::server::repo {

/// The string, or JSON null for nullopt: how an optional column appears in the API.
inline boost::json::value orNull(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace practicum::server::repo
