#include "core/codecs.h"

#include "core/errors.h"
#include "core/json_reader.h"
#include "core/validation.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace json = boost::json;

namespace practicum {

namespace {

constexpr TextRule kNameRule{1, validation::kMaxNameChars};
constexpr TextRule kShortTextRule{1, 500};
constexpr TextRule kTagRule{1, 40};
constexpr TextRule kLongTextRule{0, 20000, true};
constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxCaseBytes = 256 * 1024;

std::optional<std::string> readEmail(ObjectReader& reader) {
  auto email = reader.text("email", true, {1, validation::kMaxEmailBytes});
  if (!email) return std::nullopt;
  auto normalized = validation::normalizeEmail(*email);
  if (!validation::isEmail(normalized)) {
    reader.fail("email", "must be a valid email address");
    return std::nullopt;
  }
  return normalized;
}

std::optional<std::string> readPassword(ObjectReader& reader, std::string_view key, bool enforceRules) {
  auto password = reader.text(key, true, {1, validation::kMaxPasswordBytes, false, false});
  // The text rule counts characters; the bound that keeps hashing cheap is in bytes, and it
  // applies to every password that would be hashed (login and current password too).
  if (password && password->size() > validation::kMaxPasswordBytes) {
    reader.fail(key, "must be at most 1024 bytes");
    return std::nullopt;
  }
  if (password && enforceRules) {
    if (auto problem = validation::passwordProblem(*password)) {
      reader.fail(key, *problem);
      return std::nullopt;
    }
  }
  return password;
}

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t num(const json::object& o, std::string_view key, std::int64_t fallback = 0) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->get_int64() : fallback;
}

void decodePatient(const json::object& body, PatientInput& in, bool create) {
  ObjectReader reader(body);
  in.name = reader.text("name", create, kNameRule);
  in.medicalHistory = reader.text("medical_history", false, kLongTextRule);
  if (auto price = reader.integer("price_credits", false, 1, 100)) in.priceCredits = static_cast<int>(*price);
  if (auto caseObject = reader.object("case", false)) {
    auto serialized = json::serialize(*caseObject);
    if (serialized.size() > kMaxCaseBytes) reader.fail("case", "must be at most 256 KiB");
    else in.caseJson = std::move(serialized);
  }
  if (auto brief = reader.object("brief", create)) {
    ObjectReader b(*brief);
    if (auto age = b.integer("age", create, 0, 120)) in.age = static_cast<int>(*age);
    in.sex = b.choice<Sex>("sex", create);
    in.referralReason = b.text("referral_reason", create, kShortTextRule);
    in.setting = b.text("setting", create, kShortTextRule);
    in.difficulty = b.choice<Difficulty>("difficulty", create);
    in.tags = b.textList("tags", false, kMaxTags, kTagRule);
    try {
      b.finish();
    } catch (const ApiError& e) {
      for (const auto& [key, message] : e.details().at("fields").as_object()) {
        reader.fail("brief." + std::string(key), std::string(message.as_string()));
      }
    }
  }
  reader.finish();
  if (!create && !in.name && !in.medicalHistory && !in.priceCredits && !in.caseJson && !in.age && !in.sex &&
      !in.referralReason && !in.setting && !in.difficulty && !in.tags) {
    throw ApiError(ErrorCode::ValidationFailed, "Nothing to change: the body names no field.");
  }
}

}  // namespace

RegisterRequest decodeRegisterRequest(const json::object& body) {
  ObjectReader reader(body);
  RegisterRequest r;
  auto email = readEmail(reader);
  auto password = readPassword(reader, "password", true);
  auto first = reader.text("first_name", true, kNameRule);
  auto last = reader.text("last_name", true, kNameRule);
  reader.finish();
  r.email = std::move(*email);
  r.password = std::move(*password);
  r.firstName = std::move(*first);
  r.lastName = std::move(*last);
  return r;
}

LoginRequest decodeLoginRequest(const json::object& body) {
  ObjectReader reader(body);
  auto email = reader.text("email", true, {1, validation::kMaxEmailBytes});
  // A login never tells which rule an old password breaks: only presence and size are checked.
  auto password = readPassword(reader, "password", false);
  reader.finish();
  return {validation::normalizeEmail(*email), std::move(*password)};
}

ProfileUpdate decodeProfileUpdate(const json::object& body) {
  ObjectReader reader(body);
  ProfileUpdate u{reader.text("first_name", false, kNameRule), reader.text("last_name", false, kNameRule)};
  reader.finish();
  if (!u.firstName && !u.lastName) throw ApiError(ErrorCode::ValidationFailed, "Nothing to change: the body names no field.");
  return u;
}

PasswordChange decodePasswordChange(const json::object& body) {
  ObjectReader reader(body);
  auto current = readPassword(reader, "current_password", false);
  auto next = readPassword(reader, "new_password", true);
  reader.finish();
  return {std::move(*current), std::move(*next)};
}

AdminUserUpdate decodeAdminUserUpdate(const json::object& body) {
  ObjectReader reader(body);
  AdminUserUpdate u{reader.choice<Role>("role", false), reader.boolean("is_active", false)};
  reader.finish();
  if (!u.role && !u.isActive) throw ApiError(ErrorCode::ValidationFailed, "Nothing to change: the body names no field.");
  return u;
}

PatientInput decodePatientCreate(const json::object& body) {
  PatientInput in;
  decodePatient(body, in, true);
  return in;
}

PatientInput decodePatientPatch(const json::object& body) {
  PatientInput in;
  decodePatient(body, in, false);
  return in;
}

json::object toJson(const User& user) {
  json::object o{{"id", user.id},
                 {"email", user.email},
                 {"first_name", user.firstName},
                 {"last_name", user.lastName},
                 {"role", toString(user.role)},
                 {"is_active", user.isActive},
                 {"created_at", user.createdAt},
                 {"updated_at", user.updatedAt}};
  if (user.creditBalance) o["credit_balance"] = *user.creditBalance;
  return o;
}

json::object toJson(const Patient& p, bool staffView) {
  json::array tags;
  for (const auto& t : p.brief.tags) tags.emplace_back(t);
  json::object o{{"id", p.id},
                 {"name", p.name},
                 {"brief",
                  {{"age", p.brief.age},
                   {"sex", toString(p.brief.sex)},
                   {"referral_reason", p.brief.referralReason},
                   {"setting", p.brief.setting},
                   {"difficulty", toString(p.brief.difficulty)},
                   {"tags", std::move(tags)}}},
                 {"medical_history", p.medicalHistory},
                 {"price_credits", p.priceCredits},
                 {"archived", p.archived},
                 {"created_at", p.createdAt},
                 {"updated_at", p.updatedAt}};
  if (staffView) {
    o["case"] = p.caseJson.empty() ? json::value(json::object()) : json::parse(p.caseJson);
    o["created_by"] = p.createdBy.empty() ? json::value(nullptr) : json::value(p.createdBy);
  }
  return o;
}

User userFromJson(const json::object& o) {
  User u;
  u.id = str(o, "id");
  u.email = str(o, "email");
  u.firstName = str(o, "first_name");
  u.lastName = str(o, "last_name");
  u.role = enumFromString<Role>(str(o, "role")).value_or(Role::Student);
  const auto* active = o.if_contains("is_active");
  u.isActive = !active || !active->is_bool() || active->get_bool();
  u.createdAt = str(o, "created_at");
  u.updatedAt = str(o, "updated_at");
  if (const auto* b = o.if_contains("credit_balance"); b && b->is_int64()) u.creditBalance = b->get_int64();
  return u;
}

Patient patientFromJson(const json::object& o) {
  Patient p;
  p.id = str(o, "id");
  p.name = str(o, "name");
  if (const auto* b = o.if_contains("brief"); b && b->is_object()) {
    const auto& brief = b->get_object();
    p.brief.age = static_cast<int>(num(brief, "age"));
    p.brief.sex = enumFromString<Sex>(str(brief, "sex")).value_or(Sex::Other);
    p.brief.referralReason = str(brief, "referral_reason");
    p.brief.setting = str(brief, "setting");
    p.brief.difficulty = enumFromString<Difficulty>(str(brief, "difficulty")).value_or(Difficulty::Beginner);
    if (const auto* t = brief.if_contains("tags"); t && t->is_array()) {
      for (const auto& tag : t->get_array()) {
        if (tag.is_string()) p.brief.tags.emplace_back(tag.get_string());
      }
    }
  }
  p.medicalHistory = str(o, "medical_history");
  p.priceCredits = static_cast<int>(num(o, "price_credits", 1));
  const auto* archived = o.if_contains("archived");
  p.archived = archived && archived->is_bool() && archived->get_bool();
  if (const auto* c = o.if_contains("case"); c && c->is_object()) p.caseJson = json::serialize(*c);
  p.createdBy = str(o, "created_by");
  p.createdAt = str(o, "created_at");
  p.updatedAt = str(o, "updated_at");
  return p;
}

json::object pageJson(json::array items, const std::optional<std::string>& nextCursor) {
  return {{"items", std::move(items)}, {"next_cursor", nextCursor ? json::value(*nextCursor) : json::value(nullptr)}};
}

}  // namespace practicum
