// practicum-server's command line (server/cli.h runCli) driven with string streams against real
// databases: --help, unknown commands, migrate, create-user, seed-demo, configuration errors.

#include "server/cli.h"
#include "server/db/migrations.h"
#include "server/embedded.h"
#include "tests/support/test_server.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <sstream>

using namespace practicum;
using namespace practicum::test;

namespace {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

CliResult run(const std::vector<std::string>& args, const std::string& stdinText = {}) {
  std::istringstream in(stdinText);
  std::ostringstream out, err;
  CliResult r;
  r.code = server::runCli(args, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

/// Sets (or, with nullopt, unsets) an environment variable for the lifetime of the guard.
class EnvVar {
public:
  EnvVar(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    apply(value);
  }
  ~EnvVar() { apply(old_); }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

private:
  void apply(const std::optional<std::string>& value) {
    if (value) ::setenv(name_.c_str(), value->c_str(), 1);
    else ::unsetenv(name_.c_str());
  }
  std::string name_;
  std::optional<std::string> old_;
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// One migrated database shared by the suite, and a server on it to sign in with what the CLI made.
class Cli : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    database = new TestDatabase(true);
    server = new TestServer([](server::Config& c) { c.databaseUrl = database->url(); });
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
    delete database;
    database = nullptr;
  }

  void SetUp() override {
    url_.emplace("PRACTICUM_DATABASE_URL", database->url());
    // Whatever the shell running the tests exports must not change the CLI's configuration.
    for (const char* name : {"PRACTICUM_LISTEN", "PRACTICUM_DB_POOL", "PRACTICUM_IO_THREADS", "PRACTICUM_HASH_CONCURRENCY"}) {
      cleared_.emplace_back(std::make_unique<EnvVar>(name, std::nullopt));
    }
  }

  static std::int64_t userCount() {
    auto conn = server->pool().acquire();
    return conn->query("SELECT count(*) FROM \"user\"").integer(0, 0);
  }

  static HttpResult login(const std::string& email, const std::string& password) {
    return server->client().post("/api/v1/auth/login", {{"email", email}, {"password", password}});
  }

  static TestDatabase* database;
  static TestServer* server;

private:
  std::optional<EnvVar> url_;
  std::vector<std::unique_ptr<EnvVar>> cleared_;
};
TestDatabase* Cli::database = nullptr;
TestServer* Cli::server = nullptr;

}  // namespace

TEST_F(Cli, HelpListsCommandsAndEnvironment) {
  for (const std::string flag : {"--help", "-h", "help"}) {
    SCOPED_TRACE(flag);
    auto r = run({flag});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.err, "");
    for (const char* word : {"serve", "migrate", "create-user", "seed-demo", "--email", "--role", "PRACTICUM_DATABASE_URL",
                             "PRACTICUM_LISTEN", "PRACTICUM_DB_POOL", "PRACTICUM_READ_TIMEOUT_S",
                             "PRACTICUM_IDLE_TIMEOUT_S", "PRACTICUM_DRAIN_TIMEOUT_S"}) {
      EXPECT_NE(r.out.find(word), std::string::npos) << "--help does not mention " << word;
    }
  }
  // Help needs no valid configuration: it is how one finds out what is wrong with it.
  EnvVar bad("PRACTICUM_DB_POOL", "abc");
  EXPECT_EQ(run({"--help"}).code, 0);
}

TEST_F(Cli, UnknownCommandIsExit2WithAMessage) {
  auto r = run({"frobnicate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--help"), std::string::npos) << "points at --help: " << r.err;

  auto extra = run({"serve", "--port", "1"});
  EXPECT_EQ(extra.code, 2) << "serve takes no arguments";
  EXPECT_NE(extra.err.find("serve"), std::string::npos) << extra.err;
  // A misspelt option must not run the command as if it were absent (think "migrate --dry-run").
  TestDatabase empty(false);
  EnvVar url("PRACTICUM_DATABASE_URL", empty.url());
  for (const std::string command : {"migrate", "seed-demo"}) {
    SCOPED_TRACE(command);
    auto refused = run({command, "--dry-run"});
    EXPECT_EQ(refused.code, 2) << refused.out << refused.err;
    EXPECT_EQ(refused.out, "");
    EXPECT_NE(refused.err.find("--dry-run"), std::string::npos) << refused.err;
  }
  db::Connection conn(empty.url());
  EXPECT_FALSE(conn.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL").boolean(0, 0))
      << "the refused commands touched the database";
}

TEST_F(Cli, MigratePrintsAppliedFilesThenTheVersion) {
  TestDatabase empty(false);
  EnvVar url("PRACTICUM_DATABASE_URL", empty.url());
  const auto migrations = db::embeddedMigrations();
  const std::string versionLine = "schema at version " + std::to_string(migrations.back().version);

  auto first = run({"migrate"});
  ASSERT_EQ(first.code, 0) << first.err;
  auto out = lines(first.out);
  ASSERT_EQ(out.size(), migrations.size() + 1) << first.out;
  for (std::size_t i = 0; i < migrations.size(); ++i) EXPECT_EQ(out[i], "applied " + std::string(migrations[i].name));
  EXPECT_EQ(out.back(), versionLine);

  auto second = run({"migrate"});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out, versionLine + "\n");
}

TEST_F(Cli, MigrateWithoutADatabaseIsExit1) {
  EnvVar url("PRACTICUM_DATABASE_URL", TestDatabase::urlOf("practicum_no_such_database"));
  auto r = run({"migrate"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("practicum_no_such_database"), std::string::npos) << "names what failed: " << r.err;
}

TEST_F(Cli, CreateUserMakesAnAdminWhoCanSignIn) {
  auto r = run({"create-user", "--email", " Root@Example.TEST ", "--role", "admin", "--first-name", "Ro", "--last-name", "Ot"},
               "a long enough password\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(r.out, std::regex("created admin root@example\\.test [0-9a-f-]{36}\n"))) << r.out;
  EXPECT_EQ(r.out.find("a long enough password"), std::string::npos) << "the password is never echoed";

  auto signin = login("root@example.test", "a long enough password");
  ASSERT_EQ(signin.status, 200u) << signin.body;
  const auto user = signin.json().at("user");
  EXPECT_EQ(user.at("role").as_string(), "admin");
  EXPECT_EQ(user.at("first_name").as_string(), "Ro");
  EXPECT_EQ(user.at("last_name").as_string(), "Ot");
  EXPECT_NE(r.out.find(std::string(user.at("id").as_string())), std::string::npos);
  // And the admin can use admin routes.
  const std::string token(signin.json().at("token").as_string());
  EXPECT_EQ(server->client().get("/api/v1/admin/users", token).status, 200u);
  EXPECT_EQ(login("root@example.test", "a long enough passwor").status, 401u);
}

TEST_F(Cli, CreateUserReadsOneLineAndDropsAWindowsLineEnd) {
  auto r = run({"create-user", "--email", "crlf@example.test", "--role", "instructor"}, "windows password 1\r\nsecond line\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(login("crlf@example.test", "windows password 1").status, 200u);
  // Names are optional and empty without the flags.
  auto me = login("crlf@example.test", "windows password 1");
  EXPECT_EQ(me.json().at("user").at("first_name").as_string(), "");
  EXPECT_EQ(me.json().at("user").at("role").as_string(), "instructor");
}

TEST_F(Cli, CreateUserRefusesBadInputWithExit2AndNoRow) {
  struct Case {
    std::string name;
    std::vector<std::string> args;
    std::string stdinText;
    std::string mentions;
  };
  const std::vector<Case> cases = {
      {"short password", {"create-user", "--email", "bad1@example.test", "--role", "student"}, "short\n", "10 characters"},
      {"no password at all", {"create-user", "--email", "bad2@example.test", "--role", "student"}, "", "password"},
      {"bad email", {"create-user", "--email", "not-an-email", "--role", "student"}, "a long enough password\n", "--email"},
      {"bad role", {"create-user", "--email", "bad3@example.test", "--role", "superuser"}, "a long enough password\n",
       "student, instructor, admin"},
      {"missing value", {"create-user", "--email", "bad4@example.test", "--role"}, "a long enough password\n", "--role"},
      {"missing --role", {"create-user", "--email", "bad5@example.test"}, "a long enough password\n", "--role"},
      {"missing --email", {"create-user", "--role", "admin"}, "a long enough password\n", "--email"},
      {"unknown option", {"create-user", "--email", "bad6@example.test", "--role", "admin", "--password", "x"},
       "a long enough password\n", "--password"},
      {"first name too long",
       {"create-user", "--email", "bad7@example.test", "--role", "admin", "--first-name", std::string(101, 'f')},
       "a long enough password\n", "--first-name"},
      {"control character in a name",
       {"create-user", "--email", "bad8@example.test", "--role", "admin", "--last-name", "Bad\x1b[31mName"},
       "a long enough password\n", "--last-name"},
      {"name not UTF-8", {"create-user", "--email", "bad9@example.test", "--role", "admin", "--first-name", "\xff\xfe"},
       "a long enough password\n", "--first-name"},
  };
  const auto before = userCount();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = run(c.args, c.stdinText);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(r.err.starts_with("practicum-server: ")) << r.err;
    EXPECT_NE(r.err.find(c.mentions), std::string::npos) << r.err;
  }
  EXPECT_EQ(userCount(), before);
}

TEST_F(Cli, CreateUserWithATakenEmailIsExit1) {
  ASSERT_EQ(run({"create-user", "--email", "dup@example.test", "--role", "student"}, "first password 1\n").code, 0);
  const auto before = userCount();
  auto r = run({"create-user", "--email", "DUP@example.test", "--role", "admin"}, "second password 2\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(userCount(), before);
  // The first account is untouched: same role, same password.
  auto signin = login("dup@example.test", "first password 1");
  ASSERT_EQ(signin.status, 200u);
  EXPECT_EQ(signin.json().at("user").at("role").as_string(), "student");
}

TEST_F(Cli, SeedDemoTwiceIsIdempotent) {
  std::size_t catalogSize = 0;
  for (const auto& file : embeddedCaseFiles()) {
    if (file.name.ends_with(".json")) ++catalogSize;  // one patient per shipped case
  }
  ASSERT_GE(catalogSize, 12u);
  const auto n = std::to_string(catalogSize);

  auto first = run({"seed-demo"});
  ASSERT_EQ(first.code, 0) << first.err;
  std::map<std::string, std::pair<std::string, std::string>> created;  // role → email, password
  const std::regex createdLine("created +(student|instructor|admin) (\\S+@\\S+) (\\S{10,})");
  for (const auto& line : lines(first.out)) {
    std::smatch m;
    if (std::regex_match(line, m, createdLine)) created[m[1]] = {m[2], m[3]};
  }
  ASSERT_EQ(created.size(), 3u) << first.out;
  EXPECT_NE(first.out.find("patients " + n + " created, 0 already present"), std::string::npos) << first.out;

  auto second = run({"seed-demo"});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out.find("created "), std::string::npos) << second.out;
  for (const auto& [role, account] : created) {
    EXPECT_TRUE(std::regex_search(second.out, std::regex("exists +" + role + " " + account.first + "\n"))) << second.out;
    EXPECT_EQ(second.out.find(account.second), std::string::npos) << "a password printed twice";
  }
  EXPECT_NE(second.out.find("patients 0 created, " + n + " already present"), std::string::npos) << second.out;

  auto conn = server->pool().acquire();
  EXPECT_EQ(conn->query("SELECT count(*) FROM patients").integer(0, 0), static_cast<std::int64_t>(catalogSize));
  auto credits = conn->query(
      "SELECT u.credit_balance, (SELECT coalesce(sum(credits), 0) FROM credit_transactions t WHERE t.user_id = u.id), "
      "(SELECT count(*) FROM credit_transactions t WHERE t.user_id = u.id) FROM \"user\" u WHERE u.email = $1",
      created["student"].first);
  ASSERT_EQ(credits.rows(), 1);
  EXPECT_EQ(credits.integer(0, 0), 10);
  EXPECT_EQ(credits.integer(0, 1), 10) << "the ledger matches the balance";
  EXPECT_EQ(credits.integer(0, 2), 1) << "credits granted once";
  EXPECT_EQ(conn->query("SELECT count(*) FROM patients p JOIN \"user\" u ON u.id = p.created_by WHERE u.email = $1",
                        created["instructor"].first)
                .integer(0, 0),
            static_cast<std::int64_t>(catalogSize))
      << "the catalog is authored by the demo instructor";

  // The printed passwords work, and each account has its role.
  for (const auto& [role, account] : created) {
    SCOPED_TRACE(role);
    auto signin = login(account.first, account.second);
    ASSERT_EQ(signin.status, 200u) << signin.body;
    EXPECT_EQ(signin.json().at("user").at("role").as_string(), role);
  }
  auto student = login(created["student"].first, created["student"].second);
  auto me = server->client().get("/api/v1/me", std::string(student.json().at("token").as_string()));
  EXPECT_EQ(me.json().at("credit_balance").as_int64(), 10);
  auto catalog = server->client().get("/api/v1/patients?limit=100", std::string(student.json().at("token").as_string()));
  ASSERT_EQ(catalog.status, 200u);
  EXPECT_EQ(catalog.json().at("items").as_array().size(), catalogSize);
  // Every seeded patient can be booked: its case is complete.
  auto booked = server->client().post("/api/v1/sessions",
                                      {{"patient_id", catalog.json().at("items").at(0).at("id")}},
                                      std::string(student.json().at("token").as_string()));
  EXPECT_EQ(booked.status, 201u) << booked.body;
}

TEST_F(Cli, InvalidConfigurationIsExit2NamingTheVariable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"PRACTICUM_LISTEN", "nonsense"},       {"PRACTICUM_LISTEN", "127.0.0.1:99999"},
      {"PRACTICUM_LISTEN", ":8080"},          {"PRACTICUM_LISTEN", "127.0.0.1:"},
      {"PRACTICUM_LISTEN", "127.0.0.1:80x"},  {"PRACTICUM_DB_POOL", "abc"},
      {"PRACTICUM_DB_POOL", "0"},             {"PRACTICUM_DB_POOL", "-3"},
      {"PRACTICUM_DB_POOL", "8 "},            {"PRACTICUM_READ_TIMEOUT_S", "0"},
      {"PRACTICUM_TOKEN_TTL_HOURS", "999999"}, {"PRACTICUM_ACCESS_LOG", "yes"},
  };
  // Pointed at a database that does not exist: were a bad value accepted, the command would fail
  // with exit 1 instead of 2, and nothing (not even serve) could block or change any data.
  EnvVar url("PRACTICUM_DATABASE_URL", TestDatabase::urlOf("practicum_no_such_database"));
  for (const auto& [name, value] : cases) {
    SCOPED_TRACE(name + "=" + value);
    EnvVar bad(name, value);
    for (const std::string command : {"migrate", "seed-demo", "serve"}) {
      auto r = run({command});
      EXPECT_EQ(r.code, 2) << command << ": " << r.out << r.err;
      EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
      EXPECT_NE(r.err.find(value), std::string::npos) << "quotes the bad value: " << r.err;
    }
  }
}
