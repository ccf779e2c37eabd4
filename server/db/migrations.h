#pragma once
/// The schema migration runner: numbered SQL files embedded in the binary, applied in order,
/// one transaction each, under an advisory lock, and checked against their recorded checksums.

#include "server/db/pg.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace practicum::db {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// The migrations compiled into this binary (server/migrations/NNNN_name.sql), ordered by version.
std::vector<Migration> embeddedMigrations();

/// The database's recorded history disagrees with the binary: refuse to run.
class MigrationError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct MigrationReport {
  std::vector<std::string> applied;  ///< names applied by this run
  int version = 0;                   ///< schema version afterwards
};

/// Applies what is pending. Throws MigrationError when an applied file's checksum changed or the
/// database holds a version this binary does not know, PgError when a migration fails (that file
/// rolled back, earlier ones kept).
MigrationReport migrate(Connection& conn, const std::vector<Migration>& migrations = embeddedMigrations());

/// Hex SHA-256 of a migration's text, as recorded in schema_migrations.checksum.
std::string checksum(std::string_view sql);

}  // namespace practicum::db
