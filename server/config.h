#pragma once
/// practicum-server's configuration, read from the environment (twelve-factor style).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
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

  // Deployment
  bool production = false;      // PRACTICUM_ENV=production|development: production refuses the test-mode checkout
  bool environmentSet = false;  // whether PRACTICUM_ENV was given at all (development is then a choice, not a default)
  std::string publicUrl;        // PRACTICUM_PUBLIC_URL: how browsers reach this server (default http://<listen>)

  // Payments (Stripe Checkout). Without a secret key, checkout is the local test-mode page.
  std::string stripeSecretKey;                           // PRACTICUM_STRIPE_SECRET_KEY
  std::string stripeWebhookSecret;                       // PRACTICUM_STRIPE_WEBHOOK_SECRET
  std::string stripeApiBase = "https://api.stripe.com";  // PRACTICUM_STRIPE_API_BASE (tests: a loopback fake)
  std::chrono::seconds stripeWebhookTolerance{300};      // PRACTICUM_STRIPE_TOLERANCE_S

  // Mail: the notifications outbox. Without an SMTP URL, mail is written as .eml files.
  std::string smtpUrl;                    // PRACTICUM_SMTP_URL: smtp://host:587 (STARTTLS) or smtps://host:465
  std::string smtpUser;                   // PRACTICUM_SMTP_USER
  std::string smtpPassword;               // PRACTICUM_SMTP_PASSWORD
  std::string mailFrom = "Practicum <no-reply@practicum.localhost>";  // PRACTICUM_MAIL_FROM
  std::string mailDropDir = "mail-drop";  // PRACTICUM_MAIL_DROP_DIR: where .eml files go without SMTP
  std::vector<int> reminderOffsetsMinutes{60, 10};  // PRACTICUM_REMINDER_OFFSETS_MIN: "60,10"
  std::chrono::milliseconds mailPollInterval{2000};  // PRACTICUM_MAIL_POLL_MS: how often the worker looks for due mail
  int mailMaxAttempts = 8;                           // PRACTICUM_MAIL_MAX_ATTEMPTS: then the row is failed
  std::chrono::seconds mailRetryBase{30};            // PRACTICUM_MAIL_RETRY_BASE_S: backoff base, doubled per attempt
  unsigned mailWorkers = 2;                          // PRACTICUM_MAIL_WORKERS: concurrent deliveries per instance

  /// Reads PRACTICUM_* variables; throws std::invalid_argument naming the bad variable.
  static Config fromEnvironment();

  /// Whether the local test-mode checkout (credits without paying) may run. It fails closed: only
  /// without Stripe keys, never in production, and only where development is certain — either
  /// PRACTICUM_ENV=development was set, or the public URL is a loopback address (a developer's
  /// machine). A deployment that forgot both PRACTICUM_ENV and the Stripe keys sells nothing.
  bool testCheckoutAllowed() const;
};

/// Whether `url`'s host is a loopback address: 127.0.0.0/8, ::1 (as [::1]) or localhost. Anything
/// else, or anything unparsable (userinfo, an empty host), is not.
bool isLoopbackUrl(std::string_view url);

/// An environment variable's value, or nullptr when it is unset or empty.
const char* envValue(const char* name);
/// An integer environment variable within [min, max], or `fallback` when unset; throws
/// std::invalid_argument naming the variable otherwise.
long long envNumber(const char* name, long long fallback, long long min, long long max);

/// One line per variable, for --help.
std::string configHelp();

}  // namespace practicum::server
