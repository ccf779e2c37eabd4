#include "tests/support/test_server.h"

#include "server/log.h"
#include "server/repo/users.h"

#include <gtest/gtest.h>

namespace practicum::test {

TestServer::TestServer(const std::function<void(server::Config&)>& adjust,
                       std::shared_ptr<server::ai::PatientProvider> provider) {
  server::log::setThreshold(server::log::Level::Warn);
  config_.databaseUrl = database_.url();
  config_.listenPort = 0;
  config_.accessLog = false;
  config_.dbPoolSize = 8;
  config_.drainTimeout = std::chrono::seconds(5);
  // Like the default on a developer's machine (http://<listen>): loopback, so the test-mode checkout runs.
  config_.publicUrl = "http://127.0.0.1";
  if (adjust) adjust(config_);
  pool_ = std::make_unique<db::Pool>(config_.databaseUrl, config_.dbPoolSize, std::chrono::seconds(5));
  hasher_ = std::make_unique<server::auth::PasswordHasher>(2);
  services_ = std::make_unique<server::api::Services>(server::api::Services{config_, *pool_, *hasher_, draining_});
  if (provider) services_->provider = std::move(provider);
  server::api::registerRoutes(router_, *services_);
  server::http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.ioThreads = 2;
  options.workerThreads = static_cast<unsigned>(config_.dbPoolSize);
  options.readTimeout = config_.readTimeout;
  options.idleTimeout = config_.idleTimeout;
  options.drainTimeout = config_.drainTimeout;
  options.accessLog = false;
  options.trustForwardedFor = config_.trustForwardedFor;
  server_ = std::make_unique<server::http::HttpServer>(options, router_);
  port_ = server_->start();
}

TestServer::~TestServer() {
  draining_ = true;
  server_->stop();
  if (outbox_) outbox_->stop();
}

std::unique_ptr<server::notify::Outbox> TestServer::newOutbox(
    const std::function<void(server::Config&)>& adjust) const {
  auto config = config_;
  config.mailPollInterval = std::chrono::milliseconds(50);
  if (adjust) adjust(config);
  return std::make_unique<server::notify::Outbox>(config);
}

server::notify::Outbox& TestServer::startOutbox(const std::function<void(server::Config&)>& adjust) {
  if (outbox_) throw std::logic_error("startOutbox: already started");
  outbox_ = newOutbox(adjust);
  outbox_->start();
  return *outbox_;
}

TestServer::Account TestServer::createAccount(Role role, const std::string& email) {
  Account account;
  account.password = "correct horse " + std::to_string(++accounts_);
  const auto address = email.empty() ? std::string(toString(role)) + std::to_string(accounts_) + "@example.test" : email;
  {
    auto conn = pool_->acquire();
    account.user = server::repo::insertUser(*conn, address, hasher_->hash(account.password), "Test",
                                            std::string(toString(role)), role);
  }
  auto response = client().post("/api/v1/auth/login", {{"email", address}, {"password", account.password}});
  if (response.status != 200) throw std::runtime_error("test login failed: " + response.body);
  account.token = std::string(response.json().at("token").as_string());
  return account;
}

}  // namespace practicum::test
