#pragma once
/// A database of its own for one test executable, created on the cluster named by
/// PRACTICUM_TEST_DATABASE_URL and dropped afterwards. Never a mock: real PostgreSQL.

#include <string>

namespace practicum::test {

class TestDatabase {
public:
  /// Creates an empty database; `migrated` also applies the embedded migrations.
  explicit TestDatabase(bool migrated = true);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  /// libpq URL of this database.
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  /// The cluster's maintenance URL (PRACTICUM_TEST_DATABASE_URL); throws when unset.
  static std::string clusterUrl();
  /// libpq URL of `database` on the test cluster (which need not exist).
  static std::string urlOf(const std::string& database);

private:
  std::string name_;
  std::string url_;
};

}  // namespace practicum::test
