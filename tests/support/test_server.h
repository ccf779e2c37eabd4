#pragma once
/// practicum-server running in this process on a free loopback port, on its own database,
/// with the very routes, pool and HTTP front of production.

#include "server/api/routes.h"
#include "server/http/server.h"
#include "server/notify/outbox.h"
#include "tests/support/http_client.h"
#include "tests/support/test_database.h"

#include <functional>
#include <memory>

namespace practicum::test {

class TestServer {
public:
  /// `adjust` may change the configuration (limits, pool size…) before the server starts;
  /// `provider`, when given, plays the patient instead of the scripted one.
  explicit TestServer(const std::function<void(server::Config&)>& adjust = {},
                      std::shared_ptr<server::ai::PatientProvider> provider = nullptr);
  ~TestServer();

  std::uint16_t port() const { return port_; }
  const server::Config& config() const { return config_; }
  const TestDatabase& database() const { return database_; }
  db::Pool& pool() { return *pool_; }
  HttpClient client() const { return HttpClient(port_); }

  /// Creates an account directly in the database (any role) and signs it in over HTTP.
  struct Account {
    User user;
    std::string password;
    std::string token;
  };
  Account createAccount(Role role, const std::string& email = {});

  /// An outbox delivery worker on this server's database, with its own pool, configured like the
  /// server and then by `adjust` (SMTP URL, workers, retry base…); not started. Several may run
  /// at once, like several server instances.
  std::unique_ptr<server::notify::Outbox> newOutbox(const std::function<void(server::Config&)>& adjust = {}) const;
  /// Starts an outbox owned by the server (as `serve` does), stopped with it (after its HTTP front).
  /// Without it (the default) nothing delivers mail: rows stay pending.
  server::notify::Outbox& startOutbox(const std::function<void(server::Config&)>& adjust = {});

protected:
  server::auth::PasswordHasher& hasher() { return *hasher_; }

private:
  TestDatabase database_;
  server::Config config_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<server::auth::PasswordHasher> hasher_;
  std::atomic<bool> draining_{false};
  std::unique_ptr<server::api::Services> services_;
  server::http::Router router_;
  std::unique_ptr<server::http::HttpServer> server_;
  std::unique_ptr<server::notify::Outbox> outbox_;
  std::uint16_t port_ = 0;
  int accounts_ = 0;
};

}  // namespace practicum::test
