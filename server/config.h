#pragma once
/// practicum-server's configuration, read from the environment (twelve-factor style).

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace practicum::server {

struct Config {
  std::string databaseUrl = "postgresql:///practicum";  // PRACTICUM_DATABASE_URL
  std::string listenHost = "127.0.0.1";                 // PRACTICUM_LISTEN host:port
  std::uint16_t listenPort = 8080;
  std::size_t dbPoolSize = 8;          // PRACTICUM_DB_POOL
  unsigned ioThreads = 0;              // PRACTICUM_IO_THREADS, 0 = one per core
  unsigned hashConcurrency = 0;        // PRACTICUM_HASH_CONCURRENCY, 0 = one per core (64 MiB each)
  std::chrono::seconds tokenTtl{std::chrono::hours(24 * 14)};  // PRACTICUM_TOKEN_TTL_HOURS
  std::chrono::seconds readTimeout{15};   // PRACTICUM_READ_TIMEOUT_S: one request, once its first byte came
  std::chrono::seconds idleTimeout{60};   // PRACTICUM_IDLE_TIMEOUT_S: keep-alive wait for the next request
  std::chrono::seconds drainTimeout{20};  // PRACTICUM_DRAIN_TIMEOUT_S: SIGTERM → in-flight requests finish
  int loginMaxFailuresPerEmail = 5;       // PRACTICUM_LOGIN_MAX_FAILURES_EMAIL
  int loginMaxFailuresPerAddress = 30;    // PRACTICUM_LOGIN_MAX_FAILURES_ADDRESS
  std::chrono::seconds loginFailureWindow{15 * 60};  // PRACTICUM_LOGIN_WINDOW_S
  bool accessLog = true;                  // PRACTICUM_ACCESS_LOG=0 silences it
  bool trustForwardedFor = false;         // PRACTICUM_TRUST_PROXY=1: client address from X-Forwarded-For (nginx)
  std::string aiProvider = "scripted";    // PRACTICUM_AI_PROVIDER: scripted | openai
  std::chrono::minutes sessionTimeLimit{45};        // PRACTICUM_SESSION_MINUTES: a running session completes after this
  std::chrono::seconds sessionSweepInterval{30};    // PRACTICUM_SESSION_SWEEP_S: how often serve applies time limits and expiry

  /// Reads PRACTICUM_* variables; throws std::invalid_argument naming the bad variable.
  static Config fromEnvironment();
};

/// One line per variable, for --help.
std::string configHelp();

}  // namespace practicum::server
