#include "core/codecs.h"

#include "core/errors.h"
#include "tests/core/api_error_testing.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <string>
#include <vector>

using namespace practicum;
using practicum::testing::expectFieldErrors;
using practicum::testing::expectNothingToChange;
using practicum::testing::obj;
using practicum::testing::repeat;
namespace json = boost::json;

namespace {

/// `base` with `key` set to `value` (anything boost::json::value_from accepts).
template <class V>
json::object with(json::object base, std::string_view key, V&& value) {
  base[key] = json::value_from(std::forward<V>(value));
  return base;
}

json::object without(json::object base, std::string_view key) {
  base.erase(key);
  return base;
}

// =============================================================================================
// Register

json::object validRegister() {
  return obj(R"({"email":"  Alice@Example.COM ","password":"correct horse battery",
                 "first_name":" Alice ","last_name":"Liddell"})");
}

TEST(DecodeRegister, Valid) {
  const auto r = decodeRegisterRequest(validRegister());
  EXPECT_EQ(r.email, "alice@example.com") << "trimmed and lower-cased";
  EXPECT_EQ(r.password, "correct horse battery");
  EXPECT_EQ(r.firstName, "Alice");
  EXPECT_EQ(r.lastName, "Liddell");
}

TEST(DecodeRegister, PasswordIsNeverTrimmed) {
  const auto r = decodeRegisterRequest(with(validRegister(), "password", "  padded pass  "));
  EXPECT_EQ(r.password, "  padded pass  ");
}

TEST(DecodeRegister, PasswordLengthCountsCharacters) {
  EXPECT_EQ(decodeRegisterRequest(with(validRegister(), "password", repeat("é", 10))).password, repeat("é", 10));
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "password", repeat("é", 9))); },
                    {{"password", "must be at least 10 characters"}});
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "password", "123456789")); },
                    {{"password", "must be at least 10 characters"}});
}

TEST(DecodeRegister, PasswordIsBoundedInBytes) {
  EXPECT_NO_THROW(decodeRegisterRequest(with(validRegister(), "password", repeat("x", 1024))));
  EXPECT_NO_THROW(decodeRegisterRequest(with(validRegister(), "password", repeat("é", 512))));
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "password", repeat("é", 513))); },
                    {{"password", "must be at most 1024 bytes"}});
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "password", repeat("x", 1025))); },
                    {{"password", "must be at most 1024 characters"}});
}

TEST(DecodeRegister, PasswordRefusals) {
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "password", "")); },
                    {{"password", "must not be empty"}});
  expectFieldErrors(
      [] {
        decodeRegisterRequest(with(validRegister(), "password",
                                   "abcde\x01"
                                   "fghijk"));
      },
      {{"password", "must not contain control characters"}});
}

TEST(DecodeRegister, MissingFields) {
  expectFieldErrors([] { decodeRegisterRequest(json::object{}); }, {{"email", "is required"},
                                                                    {"password", "is required"},
                                                                    {"first_name", "is required"},
                                                                    {"last_name", "is required"}});
  for (const char* key : {"email", "password", "first_name", "last_name"}) {
    SCOPED_TRACE(key);
    expectFieldErrors([&] { decodeRegisterRequest(without(validRegister(), key)); }, {{key, "is required"}});
    expectFieldErrors([&] { decodeRegisterRequest(with(validRegister(), key, nullptr)); }, {{key, "must not be null"}});
  }
}

TEST(DecodeRegister, WrongTypes) {
  expectFieldErrors(
      [] { decodeRegisterRequest(obj(R"({"email":1,"password":true,"first_name":["A"],"last_name":{"x":1}})")); },
      {{"email", "must be a string"},
       {"password", "must be a string"},
       {"first_name", "must be a string"},
       {"last_name", "must be a string"}});
}

TEST(DecodeRegister, InvalidEmails) {
  for (const char* email :
       {"not-an-email", "a@b", "@b.com", "a b@c.com", "a..b@c.com", "a@-b.com", "a@b..com", "bob@exämple.com"}) {
    SCOPED_TRACE(email);
    expectFieldErrors([&] { decodeRegisterRequest(with(validRegister(), "email", email)); },
                      {{"email", "must be a valid email address"}});
  }
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "email", "   ")); },
                    {{"email", "must not be empty"}});
  expectFieldErrors(
      [] { decodeRegisterRequest(with(validRegister(), "email", repeat("a", 64) + "@" + repeat("d", 190) + ".com")); },
      {{"email", "must be at most 254 characters"}});
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "email", "a\nb@c.com")); },
                    {{"email", "must not contain control characters"}});
}

TEST(DecodeRegister, Names) {
  EXPECT_EQ(decodeRegisterRequest(with(validRegister(), "first_name", repeat("é", 100))).firstName, repeat("é", 100));
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "first_name", repeat("x", 101))); },
                    {{"first_name", "must be at most 100 characters"}});
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "last_name", "  ")); },
                    {{"last_name", "must not be empty"}});
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "last_name", "Smith\nJones")); },
                    {{"last_name", "must not contain control characters"}});
}

TEST(DecodeRegister, UnknownFieldsAreRefused) {
  // A client must not be able to choose its own role or balance.
  expectFieldErrors([] { decodeRegisterRequest(with(with(validRegister(), "role", "admin"), "credit_balance", 1000)); },
                    {{"role", "is not a known field"}, {"credit_balance", "is not a known field"}});
  expectFieldErrors([] { decodeRegisterRequest(with(validRegister(), "Email", "x@y.com")); },
                    {{"Email", "is not a known field"}});
}

TEST(DecodeRegister, AllProblemsTogether) {
  expectFieldErrors(
      [] { decodeRegisterRequest(obj(R"({"email":"nope","password":"short","first_name":"","extra":1})")); },
      {{"email", "must be a valid email address"},
       {"password", "must be at least 10 characters"},
       {"first_name", "must not be empty"},
       {"last_name", "is required"},
       {"extra", "is not a known field"}});
}

// =============================================================================================
// Login

TEST(DecodeLogin, Valid) {
  const auto r = decodeLoginRequest(obj(R"({"email":"  Bob@Example.COM ","password":"  any  "})"));
  EXPECT_EQ(r.email, "bob@example.com");
  EXPECT_EQ(r.password, "  any  ");
}

TEST(DecodeLogin, NeverExplainsPasswordOrEmailRules) {
  // Old accounts may predate the rules; a login only needs the values to be present.
  const auto r = decodeLoginRequest(obj(R"({"email":"Not-An-Email","password":"x"})"));
  EXPECT_EQ(r.email, "not-an-email");
  EXPECT_EQ(r.password, "x");
}

TEST(DecodeLogin, Refusals) {
  expectFieldErrors([] { decodeLoginRequest(json::object{}); },
                    {{"email", "is required"}, {"password", "is required"}});
  expectFieldErrors([] { decodeLoginRequest(obj(R"({"email":null,"password":""})")); },
                    {{"email", "must not be null"}, {"password", "must not be empty"}});
  expectFieldErrors([] { decodeLoginRequest(obj(R"({"email":["a@b.com"],"password":123})")); },
                    {{"email", "must be a string"}, {"password", "must be a string"}});
  expectFieldErrors([] { decodeLoginRequest(obj(R"({"email":"a@b.com","password":"pw","remember":true})")); },
                    {{"remember", "is not a known field"}});
}

TEST(DecodeLogin, PasswordIsBoundedInBytes) {
  // Hashing is bounded to 1024 bytes: a login must refuse more without hashing it.
  json::object body{{"email", "a@b.com"}, {"password", repeat("x", 1024)}};
  EXPECT_NO_THROW(decodeLoginRequest(body));
  body["password"] = repeat("é", 512);
  EXPECT_NO_THROW(decodeLoginRequest(body));
  body["password"] = repeat("é", 513);
  expectFieldErrors([&] { decodeLoginRequest(body); }, {{"password", "must be at most 1024 bytes"}});
  body["password"] = repeat("🎉", 1000);  // 1000 characters, 4000 bytes
  expectFieldErrors([&] { decodeLoginRequest(body); }, {{"password", "must be at most 1024 bytes"}});
}

// =============================================================================================
// Profile update

TEST(DecodeProfileUpdate, AnySubset) {
  auto u = decodeProfileUpdate(obj(R"({"first_name":" Ann "})"));
  EXPECT_EQ(u.firstName, "Ann");
  EXPECT_EQ(u.lastName, std::nullopt);
  u = decodeProfileUpdate(obj(R"({"last_name":"Lee"})"));
  EXPECT_EQ(u.firstName, std::nullopt);
  EXPECT_EQ(u.lastName, "Lee");
  u = decodeProfileUpdate(obj(R"({"first_name":"Ann","last_name":"Lee"})"));
  EXPECT_EQ(u.firstName, "Ann");
  EXPECT_EQ(u.lastName, "Lee");
}

TEST(DecodeProfileUpdate, NothingToChange) {
  expectNothingToChange([] { decodeProfileUpdate(json::object{}); });
  expectNothingToChange([] { decodeProfileUpdate(obj(R"({"first_name":null})")); });
  expectNothingToChange([] { decodeProfileUpdate(obj(R"({"first_name":null,"last_name":null})")); });
}

TEST(DecodeProfileUpdate, Refusals) {
  expectFieldErrors([] { decodeProfileUpdate(obj(R"({"first_name":""})")); }, {{"first_name", "must not be empty"}});
  expectFieldErrors(
      [] {
        decodeProfileUpdate(json::object{{"last_name", repeat("x", 101)}});
      },
      {{"last_name", "must be at most 100 characters"}});
  expectFieldErrors([] { decodeProfileUpdate(obj(R"({"first_name":42})")); }, {{"first_name", "must be a string"}});
  // Unknown fields win over "nothing to change": the client is told what is wrong.
  expectFieldErrors([] { decodeProfileUpdate(obj(R"({"email":"new@example.com"})")); },
                    {{"email", "is not a known field"}});
  expectFieldErrors([] { decodeProfileUpdate(obj(R"({"first_name":"Ann","role":"admin"})")); },
                    {{"role", "is not a known field"}});
}

// =============================================================================================
// Password change

TEST(DecodePasswordChange, Valid) {
  const auto c = decodePasswordChange(obj(R"({"current_password":"old","new_password":" brand new pass "})"));
  EXPECT_EQ(c.currentPassword, "old") << "the current password is not held to today's rules";
  EXPECT_EQ(c.newPassword, " brand new pass ");
}

TEST(DecodePasswordChange, Refusals) {
  expectFieldErrors([] { decodePasswordChange(json::object{}); },
                    {{"current_password", "is required"}, {"new_password", "is required"}});
  expectFieldErrors([] { decodePasswordChange(obj(R"({"current_password":"old","new_password":"éééééééé"})")); },
                    {{"new_password", "must be at least 10 characters"}});
  expectFieldErrors([] { decodePasswordChange(obj(R"({"current_password":"","new_password":1})")); },
                    {{"current_password", "must not be empty"}, {"new_password", "must be a string"}});
  expectFieldErrors(
      [] {
        decodePasswordChange(json::object{{"current_password", "old"}, {"new_password", repeat("é", 513)}});
      },
      {{"new_password", "must be at most 1024 bytes"}});
  expectFieldErrors(
      [] {
        decodePasswordChange(
            json::object{{"current_password", repeat("é", 513)}, {"new_password", "a good new password"}});
      },
      {{"current_password", "must be at most 1024 bytes"}});
  expectFieldErrors(
      [] { decodePasswordChange(obj(R"({"current_password":"old","new_password":"0123456789","confirm":"x"})")); },
      {{"confirm", "is not a known field"}});
}

// =============================================================================================
// Admin user update

TEST(DecodeAdminUserUpdate, AnySubset) {
  auto u = decodeAdminUserUpdate(obj(R"({"role":"instructor"})"));
  EXPECT_EQ(u.role, Role::Instructor);
  EXPECT_EQ(u.isActive, std::nullopt);
  u = decodeAdminUserUpdate(obj(R"({"is_active":false})"));
  EXPECT_EQ(u.role, std::nullopt);
  ASSERT_TRUE(u.isActive.has_value()) << "false is a change, not an absence";
  EXPECT_FALSE(*u.isActive);
  u = decodeAdminUserUpdate(obj(R"({"role":"admin","is_active":true})"));
  EXPECT_EQ(u.role, Role::Admin);
  EXPECT_EQ(u.isActive, true);
  for (const auto& name : EnumNames<Role>::names) {
    EXPECT_EQ(decodeAdminUserUpdate(json::object{{"role", name}}).role, enumFromString<Role>(name));
  }
}

TEST(DecodeAdminUserUpdate, NothingToChange) {
  expectNothingToChange([] { decodeAdminUserUpdate(json::object{}); });
  expectNothingToChange([] { decodeAdminUserUpdate(obj(R"({"role":null,"is_active":null})")); });
}

TEST(DecodeAdminUserUpdate, Refusals) {
  const char* const roles = "must be one of: student, instructor, admin";
  expectFieldErrors([&] { decodeAdminUserUpdate(obj(R"({"role":"Admin"})")); }, {{"role", roles}});
  expectFieldErrors([&] { decodeAdminUserUpdate(obj(R"({"role":"superuser"})")); }, {{"role", roles}});
  expectFieldErrors([&] { decodeAdminUserUpdate(obj(R"({"role":2})")); }, {{"role", roles}});
  expectFieldErrors([] { decodeAdminUserUpdate(obj(R"({"is_active":"false"})")); },
                    {{"is_active", "must be true or false"}});
  expectFieldErrors([] { decodeAdminUserUpdate(obj(R"({"is_active":0})")); }, {{"is_active", "must be true or false"}});
  expectFieldErrors([] { decodeAdminUserUpdate(obj(R"({"credit_balance":10})")); },
                    {{"credit_balance", "is not a known field"}});
  expectFieldErrors([&] { decodeAdminUserUpdate(obj(R"({"role":"root","is_active":"yes","email":"x"})")); },
                    {{"role", roles}, {"is_active", "must be true or false"}, {"email", "is not a known field"}});
}

// =============================================================================================
// Patients

json::object validBrief() {
  return obj(R"({"age":54,"sex":"female","referral_reason":" Type 2 diabetes, weight management ",
                 "setting":"Outpatient clinic","difficulty":"intermediate","tags":[" diabetes ","weight"]})");
}

json::object validPatient() {
  json::object o{{"name", " Maria Rossi "},
                 {"brief", validBrief()},
                 {"medical_history", "Hypertension since 2015.\nMetformin 500 mg twice daily."},
                 {"case", obj(R"({"goals":["lower HbA1c"],"weight_kg":82})")},
                 {"price_credits", 3}};
  return o;
}

template <class V>
json::object withBrief(std::string_view key, V&& value) {
  return with(validPatient(), "brief", with(validBrief(), key, std::forward<V>(value)));
}

json::object withoutBrief(std::string_view key) {
  return with(validPatient(), "brief", without(validBrief(), key));
}

TEST(DecodePatientCreate, Valid) {
  const auto in = decodePatientCreate(validPatient());
  EXPECT_EQ(in.name, "Maria Rossi");
  EXPECT_EQ(in.age, 54);
  EXPECT_EQ(in.sex, Sex::Female);
  EXPECT_EQ(in.referralReason, "Type 2 diabetes, weight management");
  EXPECT_EQ(in.setting, "Outpatient clinic");
  EXPECT_EQ(in.difficulty, Difficulty::Intermediate);
  EXPECT_EQ(in.tags, (std::vector<std::string>{"diabetes", "weight"}));
  EXPECT_EQ(in.medicalHistory, "Hypertension since 2015.\nMetformin 500 mg twice daily.");
  ASSERT_TRUE(in.caseJson.has_value());
  EXPECT_EQ(json::parse(*in.caseJson), json::parse(R"({"goals":["lower HbA1c"],"weight_kg":82})"));
  EXPECT_EQ(in.priceCredits, 3);
}

TEST(DecodePatientCreate, MinimalBodyLeavesOptionalFieldsUnset) {
  const auto in = decodePatientCreate(json::object{{"name", "P"}, {"brief", without(validBrief(), "tags")}});
  EXPECT_EQ(in.name, "P");
  EXPECT_EQ(in.age, 54);
  EXPECT_EQ(in.tags, std::nullopt);
  EXPECT_EQ(in.medicalHistory, std::nullopt);
  EXPECT_EQ(in.caseJson, std::nullopt);
  EXPECT_EQ(in.priceCredits, std::nullopt);
}

TEST(DecodePatientCreate, EveryEnumValueIsAccepted) {
  for (const auto& name : EnumNames<Sex>::names) {
    EXPECT_EQ(decodePatientCreate(withBrief("sex", name)).sex, enumFromString<Sex>(name));
  }
  for (const auto& name : EnumNames<Difficulty>::names) {
    EXPECT_EQ(decodePatientCreate(withBrief("difficulty", name)).difficulty, enumFromString<Difficulty>(name));
  }
}

TEST(DecodePatientCreate, Boundaries) {
  EXPECT_EQ(decodePatientCreate(withBrief("age", 0)).age, 0);
  EXPECT_EQ(decodePatientCreate(withBrief("age", 120)).age, 120);
  EXPECT_EQ(decodePatientCreate(with(validPatient(), "price_credits", 1)).priceCredits, 1);
  EXPECT_EQ(decodePatientCreate(with(validPatient(), "price_credits", 100)).priceCredits, 100);
  EXPECT_EQ(decodePatientCreate(with(validPatient(), "name", repeat("é", 100))).name, repeat("é", 100));
  EXPECT_EQ(decodePatientCreate(withBrief("referral_reason", repeat("é", 500))).referralReason, repeat("é", 500));
  EXPECT_EQ(decodePatientCreate(with(validPatient(), "medical_history", "")).medicalHistory, "");
  EXPECT_EQ(decodePatientCreate(with(validPatient(), "medical_history", repeat("é", 20000))).medicalHistory,
            repeat("é", 20000));
  EXPECT_EQ(decodePatientCreate(withBrief("tags", json::array{})).tags, std::vector<std::string>{});
  json::array twenty;
  for (int i = 0; i < 20; ++i) twenty.emplace_back(repeat("é", 40));
  EXPECT_EQ(decodePatientCreate(withBrief("tags", twenty)).tags->size(), 20u);
  EXPECT_EQ(decodePatientCreate(with(validPatient(), "case", json::object{})).caseJson, "{}");
}

TEST(DecodePatientCreate, CaseIsBoundedTo256KiBSerialized) {
  // {"s":"…"} serializes to the string plus 8 bytes.
  const std::size_t limit = 256 * 1024;
  const auto atLimit = json::object{{"s", repeat("x", limit - 8)}};
  ASSERT_EQ(json::serialize(atLimit).size(), limit);
  EXPECT_EQ(decodePatientCreate(with(validPatient(), "case", atLimit)).caseJson->size(), limit);
  expectFieldErrors(
      [&] {
        decodePatientCreate(with(validPatient(), "case", json::object{{"s", repeat("x", limit - 7)}}));
      },
      {{"case", "must be at most 256 KiB"}});
}

TEST(DecodePatientCreate, MissingTopLevelFields) {
  expectFieldErrors([] { decodePatientCreate(json::object{}); }, {{"name", "is required"}, {"brief", "is required"}});
  expectFieldErrors([] { decodePatientCreate(without(validPatient(), "name")); }, {{"name", "is required"}});
  expectFieldErrors([] { decodePatientCreate(with(validPatient(), "name", nullptr)); }, {{"name", "must not be null"}});
  expectFieldErrors([] { decodePatientCreate(with(validPatient(), "brief", nullptr)); },
                    {{"brief", "must not be null"}});
}

TEST(DecodePatientCreate, MissingBriefFieldsAreNamedWithTheirPath) {
  expectFieldErrors([] { decodePatientCreate(with(validPatient(), "brief", json::object{})); },
                    {{"brief.age", "is required"},
                     {"brief.sex", "is required"},
                     {"brief.referral_reason", "is required"},
                     {"brief.setting", "is required"},
                     {"brief.difficulty", "is required"}});
  for (const char* key : {"age", "sex", "referral_reason", "setting", "difficulty"}) {
    SCOPED_TRACE(key);
    const std::string path = std::string("brief.") + key;
    expectFieldErrors([&] { decodePatientCreate(withoutBrief(key)); }, {{path.c_str(), "is required"}});
    expectFieldErrors([&] { decodePatientCreate(withBrief(key, nullptr)); }, {{path.c_str(), "must not be null"}});
  }
}

struct BriefCase {
  const char* key;
  json::value value;
  const char* message;
};

TEST(DecodePatientCreate, InvalidBriefFields) {
  const char* const sexes = "must be one of: female, male, other";
  const char* const levels = "must be one of: beginner, intermediate, advanced";
  const char* const tagItems = "must contain non-empty strings of at most 40 characters";
  json::array tooMany;
  for (int i = 0; i < 21; ++i) tooMany.emplace_back("t");
  const std::vector<BriefCase> table{
      {"age", -1, "must be between 0 and 120"},
      {"age", 121, "must be between 0 and 120"},
      {"age", 54.5, "must be an integer"},
      {"age", "54", "must be an integer"},
      {"sex", "F", sexes},
      {"sex", "Female", sexes},
      {"sex", 1, sexes},
      {"difficulty", "expert", levels},
      {"difficulty", "BEGINNER", levels},
      {"difficulty", json::array{"beginner"}, levels},
      {"referral_reason", "", "must not be empty"},
      {"referral_reason", json::value_from(repeat("x", 501)), "must be at most 500 characters"},
      {"referral_reason", "line\nbreak", "must not contain control characters"},
      {"setting", 123, "must be a string"},
      {"setting", "   ", "must not be empty"},
      {"tags", "diabetes", "must be an array of strings"},
      {"tags", tooMany, "must have at most 20 items"},
      {"tags", json::array{"ok", ""}, tagItems},
      {"tags", json::array{"ok", 1}, tagItems},
      {"tags", json::array{repeat("x", 41)}, tagItems},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(std::string(row.key) + " = " + json::serialize(row.value));
    const std::string path = std::string("brief.") + row.key;
    expectFieldErrors([&] { decodePatientCreate(withBrief(row.key, row.value)); }, {{path.c_str(), row.message}});
  }
}

TEST(DecodePatientCreate, UnknownBriefFieldIsNamedWithItsPath) {
  expectFieldErrors([] { decodePatientCreate(withBrief("colour", "blue")); },
                    {{"brief.colour", "is not a known field"}});
  // A top-level field put inside the brief is unknown there.
  expectFieldErrors([] { decodePatientCreate(withBrief("name", "X")); }, {{"brief.name", "is not a known field"}});
}

struct TopCase {
  const char* key;
  json::value value;
  const char* message;
};

TEST(DecodePatientCreate, InvalidTopLevelFields) {
  const std::vector<TopCase> table{
      {"name", "", "must not be empty"},
      {"name", json::value_from(repeat("x", 101)), "must be at most 100 characters"},
      {"name", "Tab\tName", "must not contain control characters"},
      {"name", "Ann\xC2\x85", "must not contain control characters"},  // U+0085 NEL
      {"name", json::object{}, "must be a string"},
      {"brief", "a brief", "must be an object"},
      {"brief", json::array{}, "must be an object"},
      {"medical_history", json::value_from(repeat("x", 20001)), "must be at most 20000 characters"},
      {"medical_history", "bell\x07", "must not contain control characters"},
      {"medical_history", 5, "must be a string"},
      {"case", "{}", "must be an object"},
      {"case", json::array{}, "must be an object"},
      {"price_credits", 0, "must be between 1 and 100"},
      {"price_credits", 101, "must be between 1 and 100"},
      {"price_credits", -3, "must be between 1 and 100"},
      {"price_credits", 2.5, "must be an integer"},
      {"price_credits", "3", "must be an integer"},
      {"archived", true, "is not a known field"},
      {"id", "123e4567-e89b-12d3-a456-426614174000", "is not a known field"},
      {"created_by", "someone", "is not a known field"},
      {"case_json", "{}", "is not a known field"},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(std::string(row.key) + " = " + json::serialize(row.value).substr(0, 60));
    expectFieldErrors([&] { decodePatientCreate(with(validPatient(), row.key, row.value)); }, {{row.key, row.message}});
  }
}

TEST(DecodePatientCreate, TopLevelAndBriefProblemsAreReportedTogether) {
  auto body = obj(R"({"name":"","price_credits":0,"extra":1,
                      "brief":{"age":300,"sex":"x","setting":"","difficulty":"beginner","tags":[""],"mood":"ok"}})");
  expectFieldErrors([&] { decodePatientCreate(body); },
                    {{"name", "must not be empty"},
                     {"price_credits", "must be between 1 and 100"},
                     {"extra", "is not a known field"},
                     {"brief.age", "must be between 0 and 120"},
                     {"brief.sex", "must be one of: female, male, other"},
                     {"brief.referral_reason", "is required"},
                     {"brief.setting", "must not be empty"},
                     {"brief.tags", "must contain non-empty strings of at most 40 characters"},
                     {"brief.mood", "is not a known field"}});
}

TEST(DecodePatientPatch, AnySubset) {
  auto in = decodePatientPatch(obj(R"({"name":" New name "})"));
  EXPECT_EQ(in.name, "New name");
  EXPECT_EQ(in.age, std::nullopt);
  EXPECT_EQ(in.sex, std::nullopt);
  EXPECT_EQ(in.referralReason, std::nullopt);
  EXPECT_EQ(in.setting, std::nullopt);
  EXPECT_EQ(in.difficulty, std::nullopt);
  EXPECT_EQ(in.tags, std::nullopt);
  EXPECT_EQ(in.medicalHistory, std::nullopt);
  EXPECT_EQ(in.caseJson, std::nullopt);
  EXPECT_EQ(in.priceCredits, std::nullopt);

  in = decodePatientPatch(obj(R"({"brief":{"age":30}})"));
  EXPECT_EQ(in.age, 30);
  EXPECT_EQ(in.name, std::nullopt);
  EXPECT_EQ(in.sex, std::nullopt);

  in = decodePatientPatch(obj(R"({"brief":{"difficulty":"advanced","sex":"male"},"price_credits":7})"));
  EXPECT_EQ(in.difficulty, Difficulty::Advanced);
  EXPECT_EQ(in.sex, Sex::Male);
  EXPECT_EQ(in.priceCredits, 7);
  EXPECT_EQ(in.age, std::nullopt);

  in = decodePatientPatch(obj(R"({"brief":{"tags":[]}})"));
  EXPECT_EQ(in.tags, std::vector<std::string>{}) << "an empty list clears the tags: a change";

  in = decodePatientPatch(obj(R"({"medical_history":""})"));
  EXPECT_EQ(in.medicalHistory, "") << "clearing the history is a change";

  in = decodePatientPatch(obj(R"({"case":{}})"));
  EXPECT_EQ(in.caseJson, "{}");

  in = decodePatientPatch(validPatient());
  EXPECT_EQ(in.name, "Maria Rossi");
  EXPECT_EQ(in.tags, (std::vector<std::string>{"diabetes", "weight"}));
}

TEST(DecodePatientPatch, EachFieldAloneIsAChange) {
  for (const char* body :
       {R"({"name":"x"})", R"({"medical_history":"x"})", R"({"price_credits":2})", R"({"case":{"a":1}})",
        R"({"brief":{"age":1}})", R"({"brief":{"sex":"other"}})", R"({"brief":{"referral_reason":"x"}})",
        R"({"brief":{"setting":"x"}})", R"({"brief":{"difficulty":"beginner"}})", R"({"brief":{"tags":["x"]}})"}) {
    EXPECT_NO_THROW(decodePatientPatch(obj(body))) << body;
  }
}

TEST(DecodePatientPatch, NothingToChange) {
  expectNothingToChange([] { decodePatientPatch(json::object{}); });
  expectNothingToChange([] { decodePatientPatch(obj(R"({"brief":{}})")); });
  expectNothingToChange([] { decodePatientPatch(obj(R"({"brief":null})")); });
  expectNothingToChange([] { decodePatientPatch(obj(R"({"name":null,"price_credits":null,"case":null})")); });
  expectNothingToChange([] { decodePatientPatch(obj(R"({"brief":{"sex":null,"tags":null}})")); });
}

TEST(DecodePatientPatch, Refusals) {
  expectFieldErrors([] { decodePatientPatch(obj(R"({"brief":{"age":200}})")); },
                    {{"brief.age", "must be between 0 and 120"}});
  expectFieldErrors([] { decodePatientPatch(obj(R"({"brief":{"difficulty":"hard"}})")); },
                    {{"brief.difficulty", "must be one of: beginner, intermediate, advanced"}});
  expectFieldErrors([] { decodePatientPatch(obj(R"({"brief":{"weight":80}})")); },
                    {{"brief.weight", "is not a known field"}});
  expectFieldErrors([] { decodePatientPatch(obj(R"({"brief":"x"})")); }, {{"brief", "must be an object"}});
  expectFieldErrors([] { decodePatientPatch(obj(R"({"name":""})")); }, {{"name", "must not be empty"}});
  expectFieldErrors([] { decodePatientPatch(obj(R"({"price_credits":1000})")); },
                    {{"price_credits", "must be between 1 and 100"}});
  expectFieldErrors([] { decodePatientPatch(obj(R"({"archived":true})")); }, {{"archived", "is not a known field"}});
  expectFieldErrors([] { decodePatientPatch(obj(R"({"name":"ok","brief":{"age":-1,"tags":"x"},"id":"x"})")); },
                    {{"brief.age", "must be between 0 and 120"},
                     {"brief.tags", "must be an array of strings"},
                     {"id", "is not a known field"}});
}

// =============================================================================================
// Response encoders and their decoders

User sampleUser() {
  User u;
  u.id = "123e4567-e89b-12d3-a456-426614174000";
  u.email = "ann@example.com";
  u.firstName = "Ann";
  u.lastName = "Lée";
  u.role = Role::Instructor;
  u.isActive = false;
  u.createdAt = "2024-05-01T10:00:00Z";
  u.updatedAt = "2024-05-02T11:30:00Z";
  return u;
}

void expectSameUser(const User& a, const User& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.email, b.email);
  EXPECT_EQ(a.firstName, b.firstName);
  EXPECT_EQ(a.lastName, b.lastName);
  EXPECT_EQ(a.role, b.role);
  EXPECT_EQ(a.isActive, b.isActive);
  EXPECT_EQ(a.createdAt, b.createdAt);
  EXPECT_EQ(a.updatedAt, b.updatedAt);
  EXPECT_EQ(a.creditBalance, b.creditBalance);
}

TEST(UserJson, Shape) {
  const auto expected = json::parse(R"({"id":"123e4567-e89b-12d3-a456-426614174000","email":"ann@example.com",
      "first_name":"Ann","last_name":"Lée","role":"instructor","is_active":false,
      "created_at":"2024-05-01T10:00:00Z","updated_at":"2024-05-02T11:30:00Z"})");
  EXPECT_EQ(json::value(toJson(sampleUser())), expected) << json::serialize(toJson(sampleUser()));
}

TEST(UserJson, CreditBalanceOnlyWhenKnown) {
  auto u = sampleUser();
  EXPECT_FALSE(toJson(u).contains("credit_balance"));
  u.creditBalance = 0;
  ASSERT_TRUE(toJson(u).contains("credit_balance")) << "zero is a balance, not an absence";
  EXPECT_EQ(toJson(u).at("credit_balance"), json::value(0));
  u.creditBalance = 1234567890123;
  EXPECT_EQ(toJson(u).at("credit_balance").as_int64(), 1234567890123);
  EXPECT_EQ(toJson(u).size(), 9u);
}

TEST(UserJson, RoundTripsForEveryRole) {
  for (const auto& name : EnumNames<Role>::names) {
    for (const bool active : {true, false}) {
      for (const std::optional<std::int64_t> balance :
           {std::optional<std::int64_t>{}, std::optional<std::int64_t>{0}, std::optional<std::int64_t>{42}}) {
        auto u = sampleUser();
        u.role = *enumFromString<Role>(name);
        u.isActive = active;
        u.creditBalance = balance;
        SCOPED_TRACE(json::serialize(toJson(u)));
        expectSameUser(userFromJson(toJson(u)), u);
        // Across the wire: serialized and parsed again.
        expectSameUser(userFromJson(json::parse(json::serialize(toJson(u))).as_object()), u);
      }
    }
  }
}

TEST(UserJson, FromJsonDefaultsForAbsentFields) {
  const auto u = userFromJson(json::object{});
  EXPECT_TRUE(u.id.empty());
  EXPECT_TRUE(u.email.empty());
  EXPECT_EQ(u.role, Role::Student) << "an unreadable role grants no privilege";
  EXPECT_TRUE(u.isActive);
  EXPECT_EQ(u.creditBalance, std::nullopt);
  EXPECT_EQ(userFromJson(obj(R"({"role":"Admin"})")).role, Role::Student);
}

Patient samplePatient() {
  Patient p;
  p.id = "9b2f3c4d-0000-4000-8000-000000000001";
  p.name = "Maria Rossi";
  p.brief.age = 54;
  p.brief.sex = Sex::Female;
  p.brief.referralReason = "Type 2 diabetes";
  p.brief.setting = "Outpatient clinic";
  p.brief.difficulty = Difficulty::Advanced;
  p.brief.tags = {"diabetes", "weight"};
  p.medicalHistory = "Hypertension.\nMetformin.";
  p.caseJson = R"({"goals":["lower HbA1c"],"weight_kg":82})";
  p.priceCredits = 3;
  p.archived = true;
  p.createdBy = "123e4567-e89b-12d3-a456-426614174000";
  p.createdAt = "2024-05-01T10:00:00Z";
  p.updatedAt = "2024-05-02T11:30:00Z";
  return p;
}

const char* const kStudentPatientJson = R"({"id":"9b2f3c4d-0000-4000-8000-000000000001","name":"Maria Rossi",
    "brief":{"age":54,"sex":"female","referral_reason":"Type 2 diabetes","setting":"Outpatient clinic",
             "difficulty":"advanced","tags":["diabetes","weight"]},
    "medical_history":"Hypertension.\nMetformin.","price_credits":3,"archived":true,
    "created_at":"2024-05-01T10:00:00Z","updated_at":"2024-05-02T11:30:00Z"})";

TEST(PatientJson, StudentViewShape) {
  const auto o = toJson(samplePatient(), false);
  EXPECT_EQ(json::value(o), json::parse(kStudentPatientJson)) << json::serialize(o);
  EXPECT_FALSE(o.contains("case"));
  EXPECT_FALSE(o.contains("created_by"));
}

TEST(PatientJson, StudentsNeverSeeTheCaseOrTheAuthor) {
  for (const char* caseJson : {"", "{}", R"({"secret":"answer"})"}) {
    for (const char* author : {"", "someone"}) {
      auto p = samplePatient();
      p.caseJson = caseJson;
      p.createdBy = author;
      const auto o = toJson(p, false);
      EXPECT_FALSE(o.contains("case")) << caseJson;
      EXPECT_FALSE(o.contains("created_by")) << author;
      EXPECT_EQ(json::serialize(o).find("secret"), std::string::npos);
    }
  }
}

TEST(PatientJson, StaffViewShape) {
  auto expected = json::parse(kStudentPatientJson).as_object();
  expected["case"] = json::parse(R"({"goals":["lower HbA1c"],"weight_kg":82})");
  expected["created_by"] = "123e4567-e89b-12d3-a456-426614174000";
  const auto o = toJson(samplePatient(), true);
  EXPECT_EQ(o, expected) << json::serialize(o);
  EXPECT_TRUE(o.at("case").is_object()) << "the case is embedded as an object, not as a string";
}

TEST(PatientJson, StaffViewOfEmptyCaseAndUnknownAuthor) {
  auto p = samplePatient();
  p.caseJson.clear();
  p.createdBy.clear();
  const auto o = toJson(p, true);
  EXPECT_EQ(o.at("case"), json::value(json::object{}));
  EXPECT_TRUE(o.at("created_by").is_null());
}

TEST(PatientJson, EmptyTagsAreAnEmptyArray) {
  auto p = samplePatient();
  p.brief.tags.clear();
  const auto o = toJson(p, false);
  ASSERT_TRUE(o.at("brief").at("tags").is_array());
  EXPECT_TRUE(o.at("brief").at("tags").as_array().empty());
}

void expectSamePatient(const Patient& a, const Patient& b, bool staffView) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.brief.age, b.brief.age);
  EXPECT_EQ(a.brief.sex, b.brief.sex);
  EXPECT_EQ(a.brief.referralReason, b.brief.referralReason);
  EXPECT_EQ(a.brief.setting, b.brief.setting);
  EXPECT_EQ(a.brief.difficulty, b.brief.difficulty);
  EXPECT_EQ(a.brief.tags, b.brief.tags);
  EXPECT_EQ(a.medicalHistory, b.medicalHistory);
  EXPECT_EQ(a.priceCredits, b.priceCredits);
  EXPECT_EQ(a.archived, b.archived);
  EXPECT_EQ(a.createdAt, b.createdAt);
  EXPECT_EQ(a.updatedAt, b.updatedAt);
  if (staffView) {
    EXPECT_EQ(json::parse(a.caseJson), json::parse(b.caseJson));
    EXPECT_EQ(a.createdBy, b.createdBy);
  } else {
    EXPECT_TRUE(a.caseJson.empty());
    EXPECT_TRUE(a.createdBy.empty());
  }
}

TEST(PatientJson, RoundTrips) {
  for (const auto& sexName : EnumNames<Sex>::names) {
    for (const auto& levelName : EnumNames<Difficulty>::names) {
      for (const bool staff : {true, false}) {
        auto p = samplePatient();
        p.brief.sex = *enumFromString<Sex>(sexName);
        p.brief.difficulty = *enumFromString<Difficulty>(levelName);
        p.archived = !staff;
        SCOPED_TRACE(json::serialize(toJson(p, staff)));
        expectSamePatient(patientFromJson(toJson(p, staff)), p, staff);
        expectSamePatient(patientFromJson(json::parse(json::serialize(toJson(p, staff))).as_object()), p, staff);
      }
    }
  }
}

TEST(PatientJson, RoundTripKeepsTheCaseTextAndANullAuthor) {
  auto p = samplePatient();
  p.createdBy.clear();
  const auto back = patientFromJson(toJson(p, true));
  EXPECT_EQ(back.caseJson, p.caseJson) << "a serialized case survives unchanged";
  EXPECT_TRUE(back.createdBy.empty());
}

TEST(PatientJson, FromJsonDefaultsForAbsentFields) {
  const auto p = patientFromJson(json::object{});
  EXPECT_TRUE(p.id.empty());
  EXPECT_EQ(p.priceCredits, 1);
  EXPECT_FALSE(p.archived);
  EXPECT_TRUE(p.caseJson.empty());
  EXPECT_TRUE(p.brief.tags.empty());
}

TEST(PageJson, Shape) {
  json::array items{toJson(sampleUser()), toJson(sampleUser())};
  const auto page = pageJson(items, std::string("opaque-cursor"));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page.at("items"), json::value(items));
  EXPECT_EQ(page.at("next_cursor"), json::value("opaque-cursor"));

  const auto last = pageJson(json::array{}, std::nullopt);
  EXPECT_EQ(json::value(last), json::parse(R"({"items":[],"next_cursor":null})"));

  const auto emptyCursor = pageJson(json::array{1}, std::string());
  EXPECT_EQ(json::value(emptyCursor), json::parse(R"({"items":[1],"next_cursor":""})"))
      << "an empty cursor is a string, only nullopt is null";
}

}  // namespace
