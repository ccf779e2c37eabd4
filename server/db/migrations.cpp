#include "server/db/migrations.h"

#include "server/embedded.h"

#include <sodium.h>

#include <algorithm>
#include <map>

namespace practicum::db {

namespace {

// Any constant works as long as every instance uses the same one: "practicu" in ASCII.
constexpr std::string_view kLockKey = "8097873198863426933";

class AdvisoryLock {
public:
  explicit AdvisoryLock(Connection& conn) : conn_(conn) { conn_.query("SELECT pg_advisory_lock($1)", kLockKey); }
  ~AdvisoryLock() {
    try {
      conn_.query("SELECT pg_advisory_unlock($1)", kLockKey);
    } catch (...) {
      // Session locks die with the connection.
    }
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

private:
  Connection& conn_;
};

}  // namespace

std::vector<Migration> embeddedMigrations() {
  std::vector<Migration> out;
  for (const auto& file : embeddedMigrationFiles()) {
    out.push_back({std::stoi(std::string(file.name.substr(0, 4))), file.name, file.text});
  }
  return out;
}

std::string checksum(std::string_view sql) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(sql.data()), sql.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

MigrationReport migrate(Connection& conn, const std::vector<Migration>& migrations) {
  AdvisoryLock lock(conn);
  conn.script(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");

  std::map<int, std::pair<std::string, std::string>> applied;  // version → name, checksum
  auto rows = conn.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
  for (int r = 0; r < rows.rows(); ++r) {
    applied[static_cast<int>(rows.integer(r, 0))] = {rows.text(r, 1), rows.text(r, 2)};
  }

  MigrationReport report;
  for (const auto& [version, recorded] : applied) {
    auto it = std::find_if(migrations.begin(), migrations.end(), [v = version](const Migration& m) { return m.version == v; });
    if (it == migrations.end()) {
      throw MigrationError("the database has migration " + recorded.first +
                           " which this server does not know; is an older server running against a newer schema?");
    }
    if (checksum(it->sql) != recorded.second) {
      throw MigrationError("migration " + std::string(it->name) +
                           " was changed after it was applied (checksum differs); restore the file or add a new migration");
    }
    report.version = version;
  }

  for (const auto& m : migrations) {
    if (applied.contains(m.version)) continue;
    Transaction tx(conn);
    conn.script(m.sql);
    conn.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", m.version, m.name,
               checksum(m.sql));
    tx.commit();
    report.applied.emplace_back(m.name);
    report.version = m.version;
  }
  return report;
}

}  // namespace practicum::db
