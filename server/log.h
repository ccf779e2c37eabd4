#pragma once
/// Structured logging: one JSON object per line on stderr, readable by people and by jq.

#include <boost/json/object.hpp>

#include <string_view>

namespace practicum::server::log {

enum class Level { Debug, Info, Warn, Error };

void write(Level level, std::string_view message, boost::json::object fields = {});
inline void info(std::string_view message, boost::json::object fields = {}) { write(Level::Info, message, std::move(fields)); }
inline void warn(std::string_view message, boost::json::object fields = {}) { write(Level::Warn, message, std::move(fields)); }
inline void error(std::string_view message, boost::json::object fields = {}) { write(Level::Error, message, std::move(fields)); }

/// Silences everything below `level` (tests use Warn).
void setThreshold(Level level);

}  // namespace practicum::server::log
