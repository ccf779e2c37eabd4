#include "tests/support/test_database.h"

#include "server/db/migrations.h"
#include "server/db/pg.h"

#include <sodium.h>

#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace practicum::test {

namespace {

/// Replaces the database name (the path of a postgresql:// URL) in `url`.
std::string withDatabase(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) throw std::runtime_error("PRACTICUM_TEST_DATABASE_URL must be a postgresql:// URL");
  const auto slash = url.find('/', scheme + 3);
  const auto query = url.find('?', scheme + 3);
  const auto hostEnd = slash != std::string::npos ? slash : query;
  std::string out = url.substr(0, hostEnd) + "/" + name;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

}  // namespace

std::string TestDatabase::clusterUrl() {
  const char* url = std::getenv("PRACTICUM_TEST_DATABASE_URL");
  if (!url || !*url) {
    throw std::runtime_error(
        "PRACTICUM_TEST_DATABASE_URL is not set: run the tests through scripts/test, which starts PostgreSQL");
  }
  return url;
}

std::string TestDatabase::urlOf(const std::string& database) { return withDatabase(clusterUrl(), database); }

TestDatabase::TestDatabase(bool migrated) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  name_ = "practicum_test_" + std::to_string(getpid()) + "_" + std::to_string(randombytes_uniform(1000000));
  db::Connection admin(clusterUrl());
  admin.script("CREATE DATABASE " + name_);
  url_ = urlOf(name_);
  if (migrated) {
    db::Connection conn(url_);
    db::migrate(conn);
  }
}

TestDatabase::~TestDatabase() {
  try {
    db::Connection admin(clusterUrl());
    admin.script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (...) {
    // The throwaway cluster is deleted by scripts/test anyway.
  }
}

}  // namespace practicum::test
