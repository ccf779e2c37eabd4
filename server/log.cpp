#include "server/log.h"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace practicum::server::log {

namespace {

std::atomic<Level> threshold{Level::Debug};
std::mutex outputMutex;

std::string_view levelName(Level level) {
  switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
  }
  return "info";
}

std::string nowUtc() {
  const auto now = std::chrono::system_clock::now();
  const auto t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace

void setThreshold(Level level) { threshold = level; }

void write(Level level, std::string_view message, boost::json::object fields) {
  if (level < threshold.load(std::memory_order_relaxed)) return;
  boost::json::object line{{"ts", nowUtc()}, {"level", levelName(level)}, {"msg", message}};
  for (auto& [key, value] : fields) line[key] = std::move(value);
  auto text = boost::json::serialize(line);
  text += '\n';
  std::lock_guard lock(outputMutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace practicum::server::log
