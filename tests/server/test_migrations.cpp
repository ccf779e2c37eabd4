// The migration runner (server/db/migrations.cpp) against real, empty PostgreSQL databases:
// idempotence, the recorded history, checksum and version refusals, the in-place upgrade of a
// FastAPI-Users "user" table, two runners at once, and a failing file.

#include "server/db/migrations.h"
#include "tests/support/test_server.h"

#include <gtest/gtest.h>

#include <latch>
#include <set>
#include <thread>

using namespace practicum;
using namespace practicum::test;

namespace {

/// Versions and names recorded in schema_migrations, in order.
std::vector<std::pair<int, std::string>> recorded(db::Connection& conn) {
  std::vector<std::pair<int, std::string>> out;
  auto r = conn.query("SELECT version, name FROM schema_migrations ORDER BY version");
  for (int i = 0; i < r.rows(); ++i) out.emplace_back(static_cast<int>(r.integer(i, 0)), r.text(i, 1));
  return out;
}

bool tableExists(db::Connection& conn, const std::string& name) {
  return conn.query("SELECT to_regclass($1) IS NOT NULL", "public." + name).boolean(0, 0);
}

/// A digest of the schema (tables, columns, types, defaults, constraints, indexes).
std::string schemaDigest(db::Connection& conn) {
  return conn
      .query("SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM ("
             " SELECT table_name || '.' || column_name || ':' || data_type || ':' || coalesce(column_default, '') || ':' || "
             "        is_nullable AS x FROM information_schema.columns WHERE table_schema = 'public'"
             " UNION ALL SELECT conrelid::regclass::text || ':' || conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint"
             "   WHERE connamespace = 'public'::regnamespace"
             " UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public') s")
      .text(0, 0);
}

/// Advisory locks held in this database (pg_locks is cluster-wide; other tests run beside us).
std::int64_t advisoryLocks(db::Connection& conn) {
  return conn
      .query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
             "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
      .integer(0, 0);
}

int latestVersion() { return db::embeddedMigrations().back().version; }

}  // namespace

TEST(Migrations, EmbeddedFilesAreNumberedInOrder) {
  const auto migrations = db::embeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1)) << migrations[i].name;
    EXPECT_TRUE(migrations[i].name.ends_with(".sql")) << migrations[i].name;
    EXPECT_FALSE(migrations[i].sql.empty());
  }
}

TEST(Migrations, AppliedTwiceTheSecondRunAppliesNothing) {
  TestDatabase database(false);
  db::Connection conn(database.url());
  const auto migrations = db::embeddedMigrations();

  const auto first = db::migrate(conn);
  ASSERT_EQ(first.applied.size(), migrations.size());
  for (std::size_t i = 0; i < migrations.size(); ++i) EXPECT_EQ(first.applied[i], migrations[i].name);
  EXPECT_EQ(first.version, latestVersion());
  const auto digest = schemaDigest(conn);
  const auto history = conn.query("SELECT string_agg(version || checksum || applied_at, ',' ORDER BY version) FROM schema_migrations")
                           .text(0, 0);

  const auto second = db::migrate(conn);
  EXPECT_TRUE(second.applied.empty());
  EXPECT_EQ(second.version, first.version);
  EXPECT_EQ(schemaDigest(conn), digest) << "a second run changed the schema";
  EXPECT_EQ(conn.query("SELECT string_agg(version || checksum || applied_at, ',' ORDER BY version) FROM schema_migrations")
                .text(0, 0),
            history);

  // A fresh connection (a restarted server) sees the same.
  db::Connection again(database.url());
  const auto third = db::migrate(again);
  EXPECT_TRUE(third.applied.empty());
  EXPECT_EQ(third.version, first.version);
}

TEST(Migrations, HistoryRecordsVersionChecksumAndTime) {
  TestDatabase database(false);
  db::Connection conn(database.url());
  db::migrate(conn);
  auto columns = conn.query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'schema_migrations' "
      "ORDER BY column_name");
  std::map<std::string, std::string> types;
  for (int i = 0; i < columns.rows(); ++i) types[columns.text(i, 0)] = columns.text(i, 1);
  EXPECT_EQ(types["version"], "integer");
  EXPECT_EQ(types["checksum"], "text");
  EXPECT_EQ(types["applied_at"], "timestamp with time zone");

  const auto migrations = db::embeddedMigrations();
  auto rows = conn.query(
      "SELECT version, name, checksum, applied_at IS NOT NULL AND applied_at <= now() FROM schema_migrations ORDER BY version");
  ASSERT_EQ(rows.rows(), static_cast<int>(migrations.size()));
  for (int i = 0; i < rows.rows(); ++i) {
    const auto& m = migrations[static_cast<std::size_t>(i)];
    EXPECT_EQ(rows.integer(i, 0), m.version);
    EXPECT_EQ(rows.text(i, 1), m.name);
    EXPECT_EQ(rows.text(i, 2), db::checksum(m.sql));
    EXPECT_EQ(rows.text(i, 2).size(), 64u) << "hex SHA-256";
    EXPECT_TRUE(rows.boolean(i, 3));
  }
  EXPECT_NE(db::checksum("a"), db::checksum("a "));
}

TEST(Migrations, ChangedChecksumIsRefusedAndNothingIsApplied) {
  TestDatabase database(false);
  db::Connection conn(database.url());
  db::migrate(conn);
  conn.query("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1");

  // A newer binary with one more migration must not apply it over a tampered history.
  auto migrations = db::embeddedMigrations();
  migrations.push_back({latestVersion() + 1, "9999_extra.sql", "CREATE TABLE extra_after_tamper (x int);"});
  EXPECT_THROW(db::migrate(conn, migrations), db::MigrationError);
  EXPECT_FALSE(tableExists(conn, "extra_after_tamper"));
  EXPECT_EQ(recorded(conn).size(), db::embeddedMigrations().size());
  try {
    db::migrate(conn);
    FAIL() << "no MigrationError";
  } catch (const db::MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find(std::string(db::embeddedMigrations().front().name)), std::string::npos)
        << "the message names the file: " << e.what();
  }
  // The lock is released after the refusal: another session can take it at once.
  EXPECT_EQ(advisoryLocks(conn), 0);
}

TEST(Migrations, UnknownNewerVersionIsRefused) {
  TestDatabase database(false);
  db::Connection conn(database.url());
  const auto before = db::migrate(conn);
  conn.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, '9999_from_the_future.sql', 'abc')",
             latestVersion() + 100);
  auto migrations = db::embeddedMigrations();
  migrations.push_back({latestVersion() + 1, "extra.sql", "CREATE TABLE extra_after_unknown (x int);"});
  try {
    db::migrate(conn, migrations);
    FAIL() << "no MigrationError";
  } catch (const db::MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("9999_from_the_future.sql"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(tableExists(conn, "extra_after_unknown"));
  EXPECT_EQ(recorded(conn).size(), before.applied.size() + 1);
}

TEST(Migrations, FailingMigrationRollsBackThatFileOnly) {
  TestDatabase database(false);
  db::Connection conn(database.url());
  auto migrations = db::embeddedMigrations();
  const int next = latestVersion() + 1;
  migrations.push_back({next, "good.sql", "CREATE TABLE good_one (x int); INSERT INTO good_one VALUES (1);"});
  migrations.push_back({next + 1, "bad.sql",
                        "CREATE TABLE bad_half (x int); INSERT INTO bad_half VALUES (1); SELECT * FROM no_such_table;"});
  migrations.push_back({next + 2, "after.sql", "CREATE TABLE after_bad (x int);"});

  EXPECT_THROW(db::migrate(conn, migrations), db::PgError);
  const auto history = recorded(conn);
  ASSERT_EQ(history.size(), db::embeddedMigrations().size() + 1) << "earlier files are kept";
  EXPECT_EQ(history.back(), std::make_pair(next, std::string("good.sql")));
  EXPECT_TRUE(tableExists(conn, "good_one"));
  EXPECT_FALSE(tableExists(conn, "bad_half")) << "the failing file was not rolled back as a whole";
  EXPECT_FALSE(tableExists(conn, "after_bad")) << "nothing runs after a failure";
  EXPECT_EQ(advisoryLocks(conn), 0);

  // Fixed, the same run picks up where it stopped, on another connection.
  migrations[migrations.size() - 2].sql = "CREATE TABLE bad_half (x int);";
  db::Connection other(database.url());
  const auto report = db::migrate(other, migrations);
  EXPECT_EQ(report.applied, (std::vector<std::string>{"bad.sql", "after.sql"}));
  EXPECT_EQ(report.version, next + 2);
  EXPECT_TRUE(tableExists(other, "after_bad"));
}

TEST(Migrations, TwoRunnersAtOnceApplyEachFileExactlyOnce) {
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE(round);
    TestDatabase database(false);
    constexpr int kRunners = 4;
    std::latch start(kRunners);
    std::vector<db::MigrationReport> reports(kRunners);
    std::vector<std::string> errors(kRunners);
    std::vector<std::thread> threads;
    for (int i = 0; i < kRunners; ++i) {
      threads.emplace_back([&, i] {
        try {
          db::Connection conn(database.url());
          start.arrive_and_wait();
          reports[static_cast<std::size_t>(i)] = db::migrate(conn);
        } catch (const std::exception& e) {
          errors[static_cast<std::size_t>(i)] = e.what();
        }
      });
    }
    for (auto& t : threads) t.join();

    std::size_t appliedTotal = 0;
    std::multiset<std::string> appliedNames;
    for (int i = 0; i < kRunners; ++i) {
      EXPECT_EQ(errors[static_cast<std::size_t>(i)], "") << "runner " << i;
      EXPECT_EQ(reports[static_cast<std::size_t>(i)].version, latestVersion());
      appliedTotal += reports[static_cast<std::size_t>(i)].applied.size();
      for (const auto& n : reports[static_cast<std::size_t>(i)].applied) appliedNames.insert(n);
    }
    const auto migrations = db::embeddedMigrations();
    EXPECT_EQ(appliedTotal, migrations.size()) << "some file was applied twice or not at all";
    for (const auto& m : migrations) EXPECT_EQ(appliedNames.count(std::string(m.name)), 1u) << m.name;
    db::Connection conn(database.url());
    EXPECT_EQ(recorded(conn).size(), migrations.size());
  }
}

namespace {

/// The "user" table of a FastAPI-Users deployment (SQLAlchemy model: no server-side defaults).
constexpr const char* kFastApiUsersTable = R"sql(
  CREATE TABLE "user" (
    id uuid NOT NULL PRIMARY KEY,
    email varchar(320) NOT NULL,
    hashed_password varchar(1024) NOT NULL,
    is_active boolean NOT NULL,
    is_superuser boolean NOT NULL,
    is_verified boolean NOT NULL
  );
  CREATE UNIQUE INDEX ix_user_email ON "user" (email);
  INSERT INTO "user" VALUES
    ('11111111-1111-4111-8111-111111111111', 'boss@legacy.test',
     '$2b$12$KIXQJ1lW8q7s3i5bZ6yK6eQqJYx2m1yW6Jm7o1n0bq9sXq7c8y5rS', true, true, true),
    ('22222222-2222-4222-8222-222222222222', 'Mixed.Case@Legacy.test',
     '$2b$12$abcdefghijklmnopqrstuuWm1yW6Jm7o1n0bq9sXq7c8y5rSabcde', true, false, true),
    ('33333333-3333-4333-8333-333333333333', 'gone@legacy.test',
     '$2b$12$zyxwvutsrqponmlkjihgfeWm1yW6Jm7o1n0bq9sXq7c8y5rSabcde', false, false, false);
)sql";

}  // namespace

TEST(Migrations, UpgradesAFastApiUsersTableInPlace) {
  TestDatabase database(false);
  {
    db::Connection conn(database.url());
    conn.script(kFastApiUsersTable);
    const auto report = db::migrate(conn);
    EXPECT_EQ(report.applied.size(), db::embeddedMigrations().size());

    // Rows kept, with their ids, emails and hashes.
    auto rows = conn.query(
        "SELECT id, email, hashed_password, is_active, role, credit_balance, first_name IS NULL, created_at IS NOT NULL, "
        "updated_at IS NOT NULL FROM \"user\" ORDER BY id");
    ASSERT_EQ(rows.rows(), 3);
    EXPECT_EQ(rows.text(0, 1), "boss@legacy.test");
    EXPECT_TRUE(rows.text(0, 2).starts_with("$2b$12$"));
    EXPECT_EQ(rows.text(0, 4), "admin") << "the superuser became an admin";
    EXPECT_EQ(rows.text(1, 4), "student");
    EXPECT_EQ(rows.text(2, 4), "student");
    EXPECT_FALSE(rows.boolean(2, 3)) << "is_active kept";
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(rows.integer(i, 5), 0);
      EXPECT_TRUE(rows.boolean(i, 6));
      EXPECT_TRUE(rows.boolean(i, 7));
      EXPECT_TRUE(rows.boolean(i, 8));
    }
    // The new columns carry the defaults our inserts rely on.
    auto defaults = conn.query(
        "SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'user' "
        "AND column_name IN ('id', 'role', 'credit_balance', 'created_at') ORDER BY column_name");
    ASSERT_EQ(defaults.rows(), 4);
    EXPECT_NE(defaults.text(0, 1).find("now()"), std::string::npos);
    EXPECT_EQ(defaults.text(1, 1), "0");
    EXPECT_NE(defaults.text(2, 1).find("gen_random_uuid()"), std::string::npos);
    EXPECT_NE(defaults.text(3, 1).find("student"), std::string::npos);
    // The legacy rows are visible to the API's repositories and carry a change number.
    EXPECT_EQ(conn.query("SELECT count(*) FROM \"user\" WHERE change_seq IS NULL").integer(0, 0), 0);
    // Applying again over the upgraded table changes nothing.
    EXPECT_TRUE(db::migrate(conn).applied.empty());
  }

  // A server on the upgraded database: the legacy accounts cannot sign in with their bcrypt hashes
  // (401, not 500), the mixed-case address still owns its email, and new accounts work.
  TestServer server([&](server::Config& c) { c.databaseUrl = database.url(); });
  auto client = server.client();
  auto boss = client.post("/api/v1/auth/login", {{"email", "boss@legacy.test"}, {"password", "whatever it was"}});
  EXPECT_EQ(boss.status, 401u) << boss.body;
  EXPECT_EQ(boss.errorCode(), "invalid_credentials");
  auto mixed = client.post("/api/v1/auth/login", {{"email", "mixed.case@legacy.test"}, {"password", "whatever it was"}});
  EXPECT_EQ(mixed.status, 401u) << mixed.body;
  auto taken = client.post("/api/v1/auth/register", {{"email", "mixed.case@legacy.test"},
                                                     {"password", "0123456789abc"},
                                                     {"first_name", "A"},
                                                     {"last_name", "B"}});
  EXPECT_EQ(taken.status, 409u) << taken.body;
  auto fresh = client.post("/api/v1/auth/register",
                           {{"email", "new@legacy.test"}, {"password", "0123456789abc"}, {"first_name", "N"}, {"last_name", "U"}});
  ASSERT_EQ(fresh.status, 201u) << fresh.body;
  EXPECT_EQ(fresh.json().at("user").at("role").as_string(), "student");
  EXPECT_EQ(client.post("/api/v1/auth/login", {{"email", "new@legacy.test"}, {"password", "0123456789abc"}}).status, 200u);

  // An admin made on the new side sees the legacy users, roles mapped.
  auto admin = server.createAccount(Role::Admin);
  auto list = client.get("/api/v1/admin/users?q=legacy.test&limit=100", admin.token);
  ASSERT_EQ(list.status, 200u) << list.body;
  std::map<std::string, std::string> roles;
  const auto listed = list.json();
  for (const auto& u : listed.at("items").as_array()) {
    roles[std::string(u.at("email").as_string())] = std::string(u.at("role").as_string());
  }
  EXPECT_EQ(roles["boss@legacy.test"], "admin");
  EXPECT_EQ(roles["gone@legacy.test"], "student");
  EXPECT_EQ(roles.size(), 4u);
}

// The seed's own ALTER TABLE, run by psql against a FastAPI table, leaves only its first statement
// applied: a role column defaulting to 'User'. The upgrade maps those values too.
TEST(Migrations, UpgradesATableWhereTheSeedsRoleColumnExists) {
  TestDatabase database(false);
  db::Connection conn(database.url());
  conn.script(kFastApiUsersTable);
  conn.script("ALTER TABLE \"user\" ADD COLUMN IF NOT EXISTS role VARCHAR(50) DEFAULT 'User'");
  conn.script("UPDATE \"user\" SET role = 'instructor' WHERE email = 'gone@legacy.test'");
  db::migrate(conn);
  auto rows = conn.query("SELECT email, role FROM \"user\" ORDER BY id");
  ASSERT_EQ(rows.rows(), 3);
  EXPECT_EQ(rows.text(0, 1), "admin");
  EXPECT_EQ(rows.text(1, 1), "student") << "'User' is not a role: mapped";
  EXPECT_EQ(rows.text(2, 1), "instructor") << "a valid role is kept";
  EXPECT_THROW(conn.query("UPDATE \"user\" SET role = 'User' WHERE email = 'boss@legacy.test'"), db::PgError)
      << "role is CHECK-constrained afterwards";
}
