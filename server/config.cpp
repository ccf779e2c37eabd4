#include "server/config.h"

#include "core/validation.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace practicum::server {

namespace {


/// An http(s) URL from the environment, or nullopt when unset.
std::optional<std::string> httpUrl(const char* name) {
  const char* v = envValue(name);
  if (!v) return std::nullopt;
  const std::string_view url(v);
  if ((!url.starts_with("http://") && !url.starts_with("https://")) || url.find_first_of(" \t\r\n") != url.npos) {
    throw std::invalid_argument(std::string(name) + " must be an http:// or https:// URL, got '" + v + "'");
  }
  return std::string(url);
}

/// "60,10" → {60, 10}: distinct minutes from 1 to a week, largest first; "" or "none" → {}.
std::vector<int> minuteList(std::string_view text) {
  std::vector<int> out;
  if (text == "none") return out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = text.substr(0, comma);
    int minutes = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), minutes);
    if (ec != std::errc() || end != item.data() + item.size() || minutes < 1 || minutes > 7 * 24 * 60 ||
        std::find(out.begin(), out.end(), minutes) != out.end()) {
      throw std::invalid_argument(
          "PRACTICUM_REMINDER_OFFSETS_MIN must be distinct minutes from 1 to 10080 separated by commas (e.g. 60,10) "
          "or none, got '" + std::string(item) + "'");
    }
    out.push_back(minutes);
    text = comma == text.npos ? std::string_view() : text.substr(comma + 1);
  }
  std::sort(out.rbegin(), out.rend());
  return out;
}

}  // namespace

const char* envValue(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

long long envNumber(const char* name, long long fallback, long long min, long long max) {
  const char* v = envValue(name);
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

Config Config::fromEnvironment() {
  Config c;
  if (const char* url = envValue("PRACTICUM_DATABASE_URL")) c.databaseUrl = url;
  if (const char* listen = envValue("PRACTICUM_LISTEN")) {
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
  c.dbPoolSize = static_cast<std::size_t>(envNumber("PRACTICUM_DB_POOL", 8, 1, 512));
  c.ioThreads = static_cast<unsigned>(envNumber("PRACTICUM_IO_THREADS", 0, 0, 256));
  c.hashConcurrency = static_cast<unsigned>(envNumber("PRACTICUM_HASH_CONCURRENCY", 0, 0, 64));
  c.tokenTtl = std::chrono::hours(envNumber("PRACTICUM_TOKEN_TTL_HOURS", 24 * 14, 1, 24 * 365));
  c.readTimeout = std::chrono::seconds(envNumber("PRACTICUM_READ_TIMEOUT_S", 15, 1, 3600));
  c.idleTimeout = std::chrono::seconds(envNumber("PRACTICUM_IDLE_TIMEOUT_S", 60, 1, 3600));
  c.drainTimeout = std::chrono::seconds(envNumber("PRACTICUM_DRAIN_TIMEOUT_S", 20, 0, 3600));
  c.loginMaxFailuresPerEmail = static_cast<int>(envNumber("PRACTICUM_LOGIN_MAX_FAILURES_EMAIL", 5, 1, 1000000));
  c.loginMaxFailuresPerAddress = static_cast<int>(envNumber("PRACTICUM_LOGIN_MAX_FAILURES_ADDRESS", 30, 1, 1000000));
  c.loginFailureWindow = std::chrono::seconds(envNumber("PRACTICUM_LOGIN_WINDOW_S", 15 * 60, 1, 86400));
  c.accessLog = envNumber("PRACTICUM_ACCESS_LOG", 1, 0, 1) == 1;
  c.trustForwardedFor = envNumber("PRACTICUM_TRUST_PROXY", 0, 0, 1) == 1;
  if (const char* provider = envValue("PRACTICUM_AI_PROVIDER")) {
    c.aiProvider = provider;
    if (c.aiProvider != "scripted" && c.aiProvider != "openai") {
      throw std::invalid_argument("PRACTICUM_AI_PROVIDER must be scripted or openai, got '" + c.aiProvider + "'");
    }
  }
  c.sessionTimeLimit = std::chrono::minutes(envNumber("PRACTICUM_SESSION_MINUTES", 45, 1, 24 * 60));
  c.sessionSweepInterval = std::chrono::seconds(envNumber("PRACTICUM_SESSION_SWEEP_S", 30, 1, 3600));

  if (const char* mode = envValue("PRACTICUM_ENV")) {
    const std::string_view m(mode);
    if (m != "production" && m != "development") {
      throw std::invalid_argument("PRACTICUM_ENV must be production or development, got '" + std::string(m) + "'");
    }
    c.production = m == "production";
    c.environmentSet = true;
  }
  const std::string host = c.listenHost.find(':') != std::string::npos ? "[" + c.listenHost + "]" : c.listenHost;
  c.publicUrl = httpUrl("PRACTICUM_PUBLIC_URL").value_or("http://" + host + ":" + std::to_string(c.listenPort));
  while (!c.publicUrl.empty() && c.publicUrl.back() == '/') c.publicUrl.pop_back();

  if (const char* key = envValue("PRACTICUM_STRIPE_SECRET_KEY")) c.stripeSecretKey = key;
  if (const char* secret = envValue("PRACTICUM_STRIPE_WEBHOOK_SECRET")) c.stripeWebhookSecret = secret;
  if (c.stripeSecretKey.empty() != c.stripeWebhookSecret.empty()) {
    throw std::invalid_argument(
        "PRACTICUM_STRIPE_SECRET_KEY and PRACTICUM_STRIPE_WEBHOOK_SECRET go together: set both or neither");
  }
  if (auto base = httpUrl("PRACTICUM_STRIPE_API_BASE")) c.stripeApiBase = *base;
  while (!c.stripeApiBase.empty() && c.stripeApiBase.back() == '/') c.stripeApiBase.pop_back();
  c.stripeWebhookTolerance = std::chrono::seconds(envNumber("PRACTICUM_STRIPE_TOLERANCE_S", 300, 1, 3600));

  if (const char* url = envValue("PRACTICUM_SMTP_URL")) {
    c.smtpUrl = url;
    if (!c.smtpUrl.starts_with("smtp://") && !c.smtpUrl.starts_with("smtps://")) {
      throw std::invalid_argument("PRACTICUM_SMTP_URL must start with smtp:// or smtps://");  // not echoed: secrets
    }
  }
  if (const char* user = envValue("PRACTICUM_SMTP_USER")) c.smtpUser = user;
  if (const char* password = envValue("PRACTICUM_SMTP_PASSWORD")) c.smtpPassword = password;
  if (const char* from = envValue("PRACTICUM_MAIL_FROM")) c.mailFrom = from;
  if (const char* dir = envValue("PRACTICUM_MAIL_DROP_DIR")) c.mailDropDir = dir;
  if (const char* offsets = envValue("PRACTICUM_REMINDER_OFFSETS_MIN")) c.reminderOffsetsMinutes = minuteList(offsets);
  c.mailPollInterval = std::chrono::milliseconds(envNumber("PRACTICUM_MAIL_POLL_MS", 2000, 10, 3'600'000));
  c.mailMaxAttempts = static_cast<int>(envNumber("PRACTICUM_MAIL_MAX_ATTEMPTS", 8, 1, 100));
  c.mailRetryBase = std::chrono::seconds(envNumber("PRACTICUM_MAIL_RETRY_BASE_S", 30, 0, 86400));
  c.mailWorkers = static_cast<unsigned>(envNumber("PRACTICUM_MAIL_WORKERS", 2, 1, 64));
  return c;
}

bool isLoopbackUrl(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return false;
  auto authority = url.substr(scheme + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  // user@host could dress any host as a loopback one: refuse userinfo altogether.
  if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
  std::string host;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
  } else {
    const auto colon = authority.find(':');
    host = std::string(authority.substr(0, colon));
    authority.remove_prefix(colon == std::string_view::npos ? authority.size() : colon);
  }
  // What may follow the host: nothing, or :port.
  if (!authority.empty() &&
      (authority.front() != ':' || authority.find_first_not_of("0123456789", 1) != std::string_view::npos)) {
    return false;
  }
  if (validation::toLower(host) == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return ::inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool Config::testCheckoutAllowed() const {
  const bool developmentChosen = environmentSet && !production;
  return stripeSecretKey.empty() && !production && (developmentChosen || isLoopbackUrl(publicUrl));
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
  PRACTICUM_ENV                      development or production; production refuses the test-mode checkout, and
                                     unset allows it only when the public URL is a loopback address
  PRACTICUM_PUBLIC_URL               how browsers reach this server, for checkout pages (default http://<listen>)
  PRACTICUM_STRIPE_SECRET_KEY        Stripe secret key; unset = checkout answers 503, except the local test-mode
                                     checkout with PRACTICUM_ENV=development or a loopback public URL
  PRACTICUM_STRIPE_WEBHOOK_SECRET    signing secret of the webhook endpoint (whsec_…); set with the key
  PRACTICUM_STRIPE_API_BASE          Stripe API base URL (default https://api.stripe.com)
  PRACTICUM_STRIPE_TOLERANCE_S       accepted age of a webhook signature (default 300)
  PRACTICUM_SMTP_URL                 smtp://host:587 (STARTTLS required except on loopback) or smtps://host:465;
                                     unset = mail is written as .eml files into PRACTICUM_MAIL_DROP_DIR
  PRACTICUM_SMTP_USER, PRACTICUM_SMTP_PASSWORD   SMTP login, if the server wants one
  PRACTICUM_MAIL_FROM                sender address (default "Practicum <no-reply@practicum.localhost>")
  PRACTICUM_MAIL_DROP_DIR            folder for .eml files without SMTP (default ./mail-drop)
  PRACTICUM_REMINDER_OFFSETS_MIN     session reminders, minutes before the start (default 60,10; none = off)
  PRACTICUM_MAIL_POLL_MS             how often the outbox looks for due mail (default 2000)
  PRACTICUM_MAIL_MAX_ATTEMPTS        delivery attempts before a notification is failed (default 8)
  PRACTICUM_MAIL_RETRY_BASE_S        retry backoff base, doubled per attempt, at most 1 hour (default 30)
  PRACTICUM_MAIL_WORKERS             concurrent deliveries per instance (default 2)
)";
}

}  // namespace practicum::server
