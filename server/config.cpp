#include "server/config.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace practicum::server {

namespace {

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

long long number(const char* name, long long fallback, long long min, long long max) {
  const char* v = env(name);
  if (!v) return fallback;
  long long out = 0;
  std::string_view text(v);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || out < min || out > max) {
    throw std::invalid_argument(std::string(name) + " must be an integer between " + std::to_string(min) + " and " +
                                std::to_string(max) + ", got '" + v + "'");
  }
  return out;
}

}  // namespace

Config Config::fromEnvironment() {
  Config c;
  if (const char* url = env("PRACTICUM_DATABASE_URL")) c.databaseUrl = url;
  if (const char* listen = env("PRACTICUM_LISTEN")) {
    std::string_view text(listen);
    const auto colon = text.rfind(':');
    unsigned port = 0;
    const auto portText = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (colon == std::string_view::npos || colon == 0 || ec != std::errc() || end != portText.data() + portText.size() ||
        port > 65535) {
      throw std::invalid_argument("PRACTICUM_LISTEN must be host:port, e.g. 127.0.0.1:8080, got '" + std::string(text) + "'");
    }
    c.listenHost = std::string(text.substr(0, colon));
    if (c.listenHost.size() > 2 && c.listenHost.front() == '[') c.listenHost = c.listenHost.substr(1, c.listenHost.size() - 2);
    c.listenPort = static_cast<std::uint16_t>(port);
  }
  c.dbPoolSize = static_cast<std::size_t>(number("PRACTICUM_DB_POOL", 8, 1, 512));
  c.ioThreads = static_cast<unsigned>(number("PRACTICUM_IO_THREADS", 0, 0, 256));
  c.hashConcurrency = static_cast<unsigned>(number("PRACTICUM_HASH_CONCURRENCY", 0, 0, 64));
  c.tokenTtl = std::chrono::hours(number("PRACTICUM_TOKEN_TTL_HOURS", 24 * 14, 1, 24 * 365));
  c.readTimeout = std::chrono::seconds(number("PRACTICUM_READ_TIMEOUT_S", 15, 1, 3600));
  c.idleTimeout = std::chrono::seconds(number("PRACTICUM_IDLE_TIMEOUT_S", 60, 1, 3600));
  c.drainTimeout = std::chrono::seconds(number("PRACTICUM_DRAIN_TIMEOUT_S", 20, 0, 3600));
  c.loginMaxFailuresPerEmail = static_cast<int>(number("PRACTICUM_LOGIN_MAX_FAILURES_EMAIL", 5, 1, 1000000));
  c.loginMaxFailuresPerAddress = static_cast<int>(number("PRACTICUM_LOGIN_MAX_FAILURES_ADDRESS", 30, 1, 1000000));
  c.loginFailureWindow = std::chrono::seconds(number("PRACTICUM_LOGIN_WINDOW_S", 15 * 60, 1, 86400));
  c.accessLog = number("PRACTICUM_ACCESS_LOG", 1, 0, 1) == 1;
  c.trustForwardedFor = number("PRACTICUM_TRUST_PROXY", 0, 0, 1) == 1;
  if (const char* provider = env("PRACTICUM_AI_PROVIDER")) {
    c.aiProvider = provider;
    if (c.aiProvider != "scripted" && c.aiProvider != "openai") {
      throw std::invalid_argument("PRACTICUM_AI_PROVIDER must be scripted or openai, got '" + c.aiProvider + "'");
    }
  }
  c.sessionTimeLimit = std::chrono::minutes(number("PRACTICUM_SESSION_MINUTES", 45, 1, 24 * 60));
  c.sessionSweepInterval = std::chrono::seconds(number("PRACTICUM_SESSION_SWEEP_S", 30, 1, 3600));
  return c;
}

std::string configHelp() {
  return R"(Environment:
  PRACTICUM_DATABASE_URL             libpq conninfo or URL (default postgresql:///practicum)
  PRACTICUM_LISTEN                   host:port to listen on (default 127.0.0.1:8080)
  PRACTICUM_DB_POOL                  database connections (default 8); request workers = this + hash slots
  PRACTICUM_IO_THREADS               network threads, 0 = one per core (default 0)
  PRACTICUM_HASH_CONCURRENCY         concurrent Argon2id hashes, 64 MiB each, 0 = one per core
  PRACTICUM_TOKEN_TTL_HOURS          bearer token lifetime (default 336 = 14 days)
  PRACTICUM_READ_TIMEOUT_S           time to receive one request once started (default 15)
  PRACTICUM_IDLE_TIMEOUT_S           keep-alive wait for the next request (default 60)
  PRACTICUM_DRAIN_TIMEOUT_S          on SIGTERM/SIGINT, time given to in-flight requests (default 20)
  PRACTICUM_LOGIN_MAX_FAILURES_EMAIL    failed logins per email per window before 429 (default 5)
  PRACTICUM_LOGIN_MAX_FAILURES_ADDRESS  failed logins per client address per window (default 30)
  PRACTICUM_LOGIN_WINDOW_S           the failure window in seconds (default 900)
  PRACTICUM_ACCESS_LOG               1 = one JSON line per request on stderr (default 1)
  PRACTICUM_TRUST_PROXY              1 = take the client address from X-Forwarded-For (behind nginx)
  PRACTICUM_AI_PROVIDER              who plays the patient: scripted (offline, default) or openai
  PRACTICUM_SESSION_MINUTES          a running session completes this many minutes after its start (default 45)
  PRACTICUM_SESSION_SWEEP_S          how often serve applies time limits and booking expiry (default 30)
)";
}

}  // namespace practicum::server
