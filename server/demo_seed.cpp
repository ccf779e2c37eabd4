#include "server/demo_seed.h"

#include "core/codecs.h"
#include "core/json_reader.h"
#include "server/embedded.h"
#include "server/repo/patients.h"
#include "server/repo/users.h"

#include <ostream>

namespace practicum::server {

namespace {

struct DemoAccount {
  Role role;
  const char* email;
  const char* firstName;
  const char* lastName;
  int credits;
};

constexpr DemoAccount kAccounts[] = {
    {Role::Student, "student@practicum.test", "Sam", "Student", 10},
    {Role::Instructor, "instructor@practicum.test", "Iris", "Instructor", 0},
    {Role::Admin, "admin@practicum.test", "Ada", "Admin", 0},
};

}  // namespace

void seedDemo(db::Connection& conn, auth::PasswordHasher& hasher, std::ostream& out) {
  std::optional<std::string> authorId;
  for (const auto& account : kAccounts) {
    if (auto existing = repo::findUserForLogin(conn, account.email)) {
      out << "exists   " << toString(account.role) << ' ' << account.email << '\n';
      if (account.role == Role::Instructor) authorId = existing->user.id;
      continue;
    }
    const auto password = auth::randomText(12);
    db::Transaction tx(conn);
    const auto user = repo::insertUser(conn, account.email, hasher.hash(password), account.firstName, account.lastName,
                                       account.role);
    if (account.credits > 0) {
      conn.query("UPDATE \"user\" SET credit_balance = credit_balance + $2 WHERE id = $1", user.id, account.credits);
      conn.query("INSERT INTO credit_transactions (user_id, transaction_type, credits, description) "
                 "VALUES ($1, 'adjustment', $2, 'Demo credits')",
                 user.id, account.credits);
    }
    tx.commit();
    if (account.role == Role::Instructor) authorId = user.id;
    // Flushed at once: the password exists nowhere else.
    out << "created  " << toString(account.role) << ' ' << account.email << ' ' << password << std::endl;
  }

  int created = 0, existing = 0;
  for (const auto& file : embeddedDemoFiles()) {
    if (!file.name.ends_with(".json")) continue;
    const auto catalog = parseJsonObject(file.text);
    for (const auto& item : catalog.at("patients").as_array()) {
      const auto input = decodePatientCreate(item.as_object());
      if (!conn.query("SELECT 1 FROM patients WHERE name = $1", *input.name).empty()) {
        ++existing;
        continue;
      }
      repo::insertPatient(conn, input, authorId);
      ++created;
    }
  }
  out << "patients " << created << " created, " << existing << " already present\n";
}

}  // namespace practicum::server
