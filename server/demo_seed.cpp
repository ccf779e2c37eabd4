#include "server/demo_seed.h"

#include "core/codecs.h"
#include "core/consultation/case.h"
#include "core/errors.h"
#include "core/json_reader.h"
#include "server/embedded.h"
#include "server/repo/credit_packs.h"
#include "server/repo/patients.h"
#include "server/repo/users.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdint>
#include <ostream>
#include <stdexcept>

namespace practicum::server {

namespace {

struct DemoAccount {
  Role role;
  const char* email;
  const char* firstName;
  const char* lastName;
  int credits;
};

struct DemoPack {
  const char* name;
  int credits;
  std::int64_t priceMinor;
  const char* currency;
};

// What the demo sells (through the local test-mode checkout unless Stripe keys are set).
constexpr DemoPack kPacks[] = {
    {"Starter", 5, 500, "eur"},
    {"Practice", 15, 1200, "eur"},
    {"Intensive", 40, 2800, "eur"},
};

constexpr DemoAccount kAccounts[] = {
    {Role::Student, "student@practicum.test", "Sam", "Student", 10},
    {Role::Instructor, "instructor@practicum.test", "Iris", "Instructor", 0},
    {Role::Admin, "admin@practicum.test", "Ada", "Admin", 0},
};

/// One shipped case file as the API would take it: the patient's fields plus "case", checked
/// with the same rules as POST /patients and the case parser. Throws naming the file.
PatientInput readCaseFile(const EmbeddedFile& file) {
  try {
    const auto object = parseJsonObject(file.text);
    const auto* patient = object.if_contains("patient");
    const auto* caseValue = object.if_contains("case");
    if (!patient || !patient->is_object() || !caseValue || !caseValue->is_object() || object.size() != 2) {
      throw std::runtime_error("must hold exactly a \"patient\" object and a \"case\" object");
    }
    consultation::parseCase(caseValue->get_object());
    auto body = patient->get_object();
    body["case"] = caseValue->get_object();
    return decodePatientCreate(body);
  } catch (const ApiError& e) {
    throw std::runtime_error("resources/cases/" + std::string(file.name) + ": " + e.what() + " " +
                             boost::json::serialize(e.details()));
  } catch (const std::exception& e) {
    throw std::runtime_error("resources/cases/" + std::string(file.name) + ": " + e.what());
  }
}

/// Whether a stored case is a complete one (an older demo catalog stored sketches).
bool playable(const std::string& caseJson) {
  try {
    const auto value = boost::json::parse(caseJson);
    if (!value.is_object()) return false;
    consultation::parseCase(value.as_object());
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

void seedDemo(db::Connection& conn, auth::PasswordHasher& hasher, std::ostream& out) {
  // Every case is checked before anything is written: a broken file changes nothing.
  std::vector<PatientInput> catalog;
  for (const auto& file : embeddedCaseFiles()) {
    if (file.name.ends_with(".json")) catalog.push_back(readCaseFile(file));
  }

  std::optional<std::string> authorId;
  for (const auto& account : kAccounts) {
    if (auto existing = repo::findUserForLogin(conn, account.email)) {
      out << "exists   " << toString(account.role) << ' ' << account.email << '\n';
      if (account.role == Role::Instructor) authorId = existing->user.id;
      continue;
    }
    const auto password = auth::randomText(12);
    db::Transaction tx(conn);
    const auto user =
        repo::insertUser(conn, account.email, hasher.hash(password), account.firstName, account.lastName, account.role);
    if (account.credits > 0) {
      conn.query("UPDATE \"user\" SET credit_balance = credit_balance + $2 WHERE id = $1", user.id, account.credits);
      conn.query(
          "INSERT INTO credit_transactions (user_id, transaction_type, credits, description) "
          "VALUES ($1, 'adjustment', $2, 'Demo credits')",
          user.id, account.credits);
    }
    tx.commit();
    if (account.role == Role::Instructor) authorId = user.id;
    // Flushed at once: the password exists nowhere else.
    out << "created  " << toString(account.role) << ' ' << account.email << ' ' << password << std::endl;
  }

  int created = 0, existing = 0, completed = 0;
  for (const auto& input : catalog) {
    auto found =
        conn.query("SELECT id, case_data FROM patients WHERE name = $1 ORDER BY created_at LIMIT 1", *input.name);
    if (found.empty()) {
      repo::insertPatient(conn, input, authorId);
      ++created;
      continue;
    }
    ++existing;
    // A database seeded by an older demo holds this patient with a sketch of a case: give it the
    // shipped case so it can be booked. A complete case (perhaps edited by staff) is left alone.
    if (!playable(found.text(0, 1))) {
      conn.query("UPDATE patients SET case_data = $2::jsonb WHERE id = $1", found.text(0, 0), *input.caseJson);
      ++completed;
    }
  }
  out << "patients " << created << " created, " << existing << " already present";
  if (completed > 0) out << " (" << completed << " given their complete case)";
  out << '\n';

  // Packs are matched by name, retired ones included: an admin's retirement is respected.
  int packsCreated = 0, packsExisting = 0;
  for (const auto& pack : kPacks) {
    if (!conn.query("SELECT 1 FROM credit_packs WHERE name = $1", pack.name).empty()) {
      ++packsExisting;
      continue;
    }
    repo::CreditPackInput input;
    input.name = pack.name;
    input.credits = pack.credits;
    input.priceMinor = pack.priceMinor;
    input.currency = pack.currency;
    repo::insertPack(conn, input, std::nullopt);
    ++packsCreated;
  }
  out << "packs    " << packsCreated << " created, " << packsExisting << " already present\n";
}

}  // namespace practicum::server
