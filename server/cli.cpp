#include "server/cli.h"

#include "core/validation.h"
#include "server/ai/openai_provider.h"
#include "server/ai/provider_factory.h"
#include "server/api/routes.h"
#include "server/auth/crypto.h"
#include "server/config.h"
#include "server/db/migrations.h"
#include "server/demo_seed.h"
#include "server/http/server.h"
#include "server/log.h"
#include "server/mail/transport.h"
#include "server/notify/outbox.h"
#include "server/repo/sessions.h"
#include "server/repo/users.h"

#include <csignal>
#include <iostream>
#include <map>
#include <thread>

namespace practicum::server {

namespace {

constexpr const char* kUsage = R"(Usage: practicum-server [COMMAND] [OPTIONS]

Commands:
  serve                 apply pending migrations, then serve the HTTP API (the default)
  migrate               apply pending migrations and exit
  create-user --email E --role student|instructor|admin [--first-name F] [--last-name L]
                        create an account; the password is read from standard input
                        (how the first admin of a deployment is made)
  seed-demo             apply migrations, then add the demo catalog and accounts (idempotent);
                        prints generated passwords of the accounts it creates
  deliver-mail          apply migrations, deliver the notifications due now (SMTP or the mail
                        drop, as configured), print what happened and exit
  --help                this text

)";

unsigned orCores(unsigned n) { return n ? n : std::max(1u, std::thread::hardware_concurrency()); }

/// --key value pairs; nullopt (after printing why) on anything else.
std::optional<std::map<std::string, std::string>> options(const std::vector<std::string>& args,
                                                          const std::vector<std::string>& allowed, std::ostream& err) {
  std::map<std::string, std::string> out;
  for (std::size_t i = 1; i < args.size(); i += 2) {
    if (std::find(allowed.begin(), allowed.end(), args[i]) == allowed.end() || i + 1 >= args.size()) {
      err << "practicum-server: unexpected argument '" << args[i] << "' (see --help)\n";
      return std::nullopt;
    }
    out[args[i]] = args[i + 1];
  }
  return out;
}

int migrateOnly(const Config& config, std::ostream& out) {
  db::Connection conn(config.databaseUrl);
  const auto report = db::migrate(conn);
  for (const auto& name : report.applied) out << "applied " << name << '\n';
  out << "schema at version " << report.version << '\n';
  return 0;
}

int createUser(const Config& config, const std::vector<std::string>& args, std::istream& in, std::ostream& out,
               std::ostream& err) {
  auto opts = options(args, {"--email", "--role", "--first-name", "--last-name"}, err);
  if (!opts) return 2;
  const auto email = validation::normalizeEmail((*opts)["--email"]);
  const auto role = enumFromString<Role>((*opts)["--role"]);
  if (!validation::isEmail(email)) {
    err << "practicum-server: --email must be a valid email address\n";
    return 2;
  }
  if (!role) {
    err << "practicum-server: --role must be one of: " << enumChoices<Role>() << '\n';
    return 2;
  }
  // Names go where the API's would (admin views, logs): hold them to the same rules.
  for (const char* flag : {"--first-name", "--last-name"}) {
    const auto& name = (*opts)[flag];
    if (!validation::isValidUtf8(name) || validation::hasControlChars(name, false) ||
        validation::utf8Length(name) > validation::kMaxNameChars) {
      err << "practicum-server: " << flag << " must be UTF-8 text of at most " << validation::kMaxNameChars
          << " characters, without control characters\n";
      return 2;
    }
  }
  std::string password;
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto problem = validation::passwordProblem(password)) {
    err << "practicum-server: the password (read from standard input) " << *problem << '\n';
    return 2;
  }
  auth::PasswordHasher hasher(1);
  db::Connection conn(config.databaseUrl);
  db::migrate(conn);
  const auto user = repo::insertUser(conn, email, hasher.hash(password), (*opts)["--first-name"],
                                     (*opts)["--last-name"], *role);
  out << "created " << toString(user.role) << ' ' << user.email << ' ' << user.id << '\n';
  return 0;
}

int deliverMail(const Config& config, std::ostream& out) {
  {
    db::Connection conn(config.databaseUrl);
    db::migrate(conn);
  }
  notify::Outbox outbox(config);
  const auto started = std::chrono::steady_clock::now();
  const auto counts = outbox.deliverDue();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  out << "sent " << counts.sent << ", retried " << counts.retried << ", failed " << counts.failed << ", cancelled "
      << counts.cancelled << " in " << ms << " ms with " << std::max(1u, config.mailWorkers) << " worker"
      << (config.mailWorkers > 1 ? "s" : "") << " via " << mail::describeTransport(config) << '\n';
  return 0;
}

int serve(const Config& config) {
  // Block the stop signals before any thread starts, so only sigwait() below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // A provider that cannot work (say, openai without a model) stops the program before anything runs.
  const auto provider = ai::makeProvider(config);
  // So does an unusable PRACTICUM_MAIL_FROM or PRACTICUM_SMTP_URL.
  notify::Outbox outbox(config);
  {
    db::Connection conn(config.databaseUrl);
    const auto report = db::migrate(conn);
    log::info("schema ready", {{"version", report.version}, {"applied", report.applied.size()}});
  }
  db::Pool pool(config.databaseUrl, config.dbPoolSize, std::chrono::seconds(5));
  auth::PasswordHasher hasher(orCores(config.hashConcurrency));

  std::atomic<bool> draining{false};
  api::Services services{config, pool, hasher, draining, provider};
  http::Router router;
  api::registerRoutes(router, services);

  http::ServerOptions options;
  options.host = config.listenHost;
  options.port = config.listenPort;
  options.ioThreads = orCores(config.ioThreads);
  // Workers waiting for an Argon2 slot hold no database connection: give them threads of their
  // own so a burst of sign-ins cannot occupy every worker the database pool could serve.
  const unsigned hashSlots = orCores(config.hashConcurrency);
  options.workerThreads = static_cast<unsigned>(config.dbPoolSize) + hashSlots;
  options.readTimeout = config.readTimeout;
  options.idleTimeout = config.idleTimeout;
  options.drainTimeout = config.drainTimeout;
  options.accessLog = config.accessLog;
  options.trustForwardedFor = config.trustForwardedFor;
  http::HttpServer server(options, router);
  const auto port = server.start();
  log::info("listening", {{"url", "http://" + config.listenHost + ":" + std::to_string(port)},
                          {"io_threads", options.ioThreads}, {"workers", options.workerThreads},
                          {"ai_provider", provider->name()}});
  outbox.start();

  // Wait for a stop signal; meanwhile, hourly, purge what expired (tokens, throttling windows),
  // and every PRACTICUM_SESSION_SWEEP_S apply the session time limit and booking expiry.
  const timespec tick{std::min<std::time_t>(60, static_cast<std::time_t>(config.sessionSweepInterval.count())), 0};
  auto lastPurge = std::chrono::steady_clock::now() - std::chrono::hours(1);  // first purge at start
  auto lastSweep = std::chrono::steady_clock::now() - config.sessionSweepInterval;  // first sweep at start
  repo::SessionPolicy sessionPolicy;
  sessionPolicy.timeLimit = config.sessionTimeLimit;
  int received = -1;
  while (received < 0) {
    if (std::chrono::steady_clock::now() - lastSweep >= config.sessionSweepInterval) {
      lastSweep = std::chrono::steady_clock::now();
      try {
        auto conn = pool.acquire();
        const auto report = repo::sweepSessions(*conn, sessionPolicy);
        if (report.completed + report.expired > 0) {
          log::info("sessions settled", {{"completed", report.completed}, {"expired", report.expired}});
        }
        for (const auto& failure : report.failures) log::warn("session sweep failed", {{"error", failure}});
      } catch (const std::exception& e) {
        log::warn("session sweep failed", {{"error", e.what()}});
      }
    }
    if (std::chrono::steady_clock::now() - lastPurge >= std::chrono::hours(1)) {
      lastPurge = std::chrono::steady_clock::now();
      try {
        auto conn = pool.acquire();
        const auto purged = repo::purgeExpired(*conn, config.loginFailureWindow);
        if (purged > 0) log::info("purged expired rows", {{"rows", purged}});
      } catch (const std::exception& e) {
        log::warn("purge failed", {{"error", e.what()}});
      }
    }
    received = sigtimedwait(&signals, nullptr, &tick);
  }
  log::info("draining", {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"},
                         {"timeout_s", config.drainTimeout.count()}});
  // A second signal while draining means "now": the operator has stopped waiting.
  std::thread([signals] {
    int again = 0;
    sigwait(&signals, &again);
    log::warn("second signal during drain; exiting at once");
    std::_Exit(1);
  }).detach();
  draining = true;
  server.stop();
  outbox.stop();  // after the requests: what they wrote may still go out; sends in flight finish
  log::info("stopped");
  return 0;
}

}  // namespace

int runCli(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string command = args.empty() ? "serve" : args.front();
  if (command == "--help" || command == "-h" || command == "help") {
    out << kUsage << configHelp() << ai::openAiConfigHelp();
    return 0;
  }
  try {
    const auto config = Config::fromEnvironment();
    if (command == "serve") return args.size() > 1 ? (err << "practicum-server: serve takes no arguments\n", 2) : serve(config);
    if ((command == "migrate" || command == "seed-demo" || command == "deliver-mail") && args.size() > 1) {
      // Never run a command as if a misspelt option (say "--dry-run") were absent.
      err << "practicum-server: " << command << " takes no arguments, got '" << args[1] << "' (see --help)\n";
      return 2;
    }
    if (command == "migrate") return migrateOnly(config, out);
    if (command == "deliver-mail") return deliverMail(config, out);
    if (command == "create-user") return createUser(config, args, in, out, err);
    if (command == "seed-demo") {
      auth::PasswordHasher hasher(1);
      db::Connection conn(config.databaseUrl);
      db::migrate(conn);
      seedDemo(conn, hasher, out);
      return 0;
    }
    err << "practicum-server: unknown command '" << command << "' (see --help)\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    err << "practicum-server: " << e.what() << '\n';
    return 2;
  } catch (const ApiError& e) {
    err << "practicum-server: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    err << "practicum-server: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace practicum::server
