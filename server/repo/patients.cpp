#include "server/repo/patients.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>


namespace practicum::server::repo {

namespace {

constexpr std::string_view kColumns =
    "p.id, p.name, p.age, p.sex, p.referral_reason, p.setting, p.difficulty, array_to_json(p.tags), "
    "p.medical_history, p.case_data, p.price_credits, p.archived_at IS NOT NULL, coalesce(p.created_by::text, ''), "
    "p.created_at, p.updated_at";

// The catalog page: the structured case (~14 KiB a patient) only when the reader may see it.
constexpr std::string_view kListColumns =
    "p.id, p.name, p.age, p.sex, p.referral_reason, p.setting, p.difficulty, array_to_json(p.tags), "
    "p.medical_history, CASE WHEN $8::boolean THEN p.case_data END, p.price_credits, p.archived_at IS NOT NULL, coalesce(p.created_by::text, ''), "
    "p.created_at, p.updated_at";

std::string sql(std::string_view before, std::string_view after, std::string_view columns = kColumns) {
  return std::string(before) + std::string(columns) + std::string(after);
}

/// Tags travel as a JSON array in both directions: unambiguous for any text, no array-literal quoting.
std::optional<std::string> tagsJson(const std::optional<std::vector<std::string>>& tags) {
  if (!tags) return std::nullopt;
  boost::json::array a;
  for (const auto& t : *tags) a.emplace_back(t);
  return boost::json::serialize(a);
}

Patient fromRow(const db::Result& r, int row) {
  Patient p;
  p.id = r.text(row, 0);
  p.name = r.text(row, 1);
  p.brief.age = static_cast<int>(r.integer(row, 2));
  p.brief.sex = enumFromString<Sex>(r.view(row, 3)).value_or(Sex::Other);
  p.brief.referralReason = r.text(row, 4);
  p.brief.setting = r.text(row, 5);
  p.brief.difficulty = enumFromString<Difficulty>(r.view(row, 6)).value_or(Difficulty::Beginner);
  const auto tags = boost::json::parse(r.view(row, 7));
  for (const auto& t : tags.as_array()) p.brief.tags.emplace_back(t.as_string());
  p.medicalHistory = r.text(row, 8);
  p.caseJson = r.text(row, 9);
  p.priceCredits = static_cast<int>(r.integer(row, 10));
  p.archived = r.boolean(row, 11);
  p.createdBy = r.text(row, 12);
  p.createdAt = db::isoTimestamp(r.view(row, 13));
  p.updatedAt = db::isoTimestamp(r.view(row, 14));
  return p;
}

}  // namespace

std::vector<Patient> listPatients(db::Connection& conn, const PatientQuery& q) {
  std::optional<std::string> pattern, afterName, afterId, difficulty;
  if (q.text) pattern = db::likeContains(*q.text);
  if (q.after) {
    afterName = q.after->first;
    afterId = q.after->second;
  }
  if (q.difficulty) difficulty = std::string(toString(*q.difficulty));
  // search_text and the text are both lower-cased by PostgreSQL, which knows more than ASCII.
  auto r = conn.query(sql("SELECT ", " FROM patients p "
                                     "WHERE ($1::boolean OR p.archived_at IS NULL) "
                                     "  AND ($2::text IS NULL OR p.search_text LIKE lower($2)) "
                                     "  AND ($3::text IS NULL OR p.tags @> ARRAY[lower($3)]) "
                                     "  AND ($4::text IS NULL OR p.difficulty = $4) "
                                     "  AND ($5::text IS NULL OR (lower(p.name), p.id) > (lower($5), $6::uuid)) "
                                     "ORDER BY lower(p.name), p.id LIMIT $7",
                          kListColumns),
                      q.includeArchived, pattern, q.tag, difficulty, afterName, afterId, q.limit, q.withCase);
  std::vector<Patient> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(fromRow(r, i));
  return out;
}

std::optional<Patient> findPatient(db::Connection& conn, const std::string& id) {
  auto r = conn.query(sql("SELECT ", " FROM patients p WHERE p.id = $1"), id);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

Patient insertPatient(db::Connection& conn, const PatientInput& in, const std::optional<std::string>& createdBy) {
  std::optional<std::string> sex, difficulty;
  if (in.sex) sex = std::string(toString(*in.sex));
  if (in.difficulty) difficulty = std::string(toString(*in.difficulty));
  auto r = conn.query(
      sql("INSERT INTO patients AS p (name, age, sex, referral_reason, setting, difficulty, tags, medical_history, "
          "case_data, price_credits, created_by) "
          "VALUES ($1, $2, $3, $4, $5, $6, "
          "        coalesce((SELECT array_agg(DISTINCT lower(t)) FROM jsonb_array_elements_text($7::jsonb) t), '{}'), "
          "        coalesce($8, ''), coalesce($9::jsonb, '{}'), coalesce($10::integer, 1), $11) RETURNING ",
          ""),
      in.name, in.age, sex, in.referralReason, in.setting, difficulty, tagsJson(in.tags), in.medicalHistory, in.caseJson,
      in.priceCredits, createdBy);
  return fromRow(r, 0);
}

std::optional<Patient> updatePatient(db::Connection& conn, const std::string& id, const PatientInput& in) {
  std::optional<std::string> sex, difficulty;
  if (in.sex) sex = std::string(toString(*in.sex));
  if (in.difficulty) difficulty = std::string(toString(*in.difficulty));
  auto r = conn.query(
      sql("UPDATE patients AS p SET name = coalesce($2, p.name), age = coalesce($3::integer, p.age), "
          "sex = coalesce($4, p.sex), referral_reason = coalesce($5, p.referral_reason), "
          "setting = coalesce($6, p.setting), difficulty = coalesce($7, p.difficulty), "
          "tags = CASE WHEN $8::jsonb IS NULL THEN p.tags "
          "       ELSE coalesce((SELECT array_agg(DISTINCT lower(t)) FROM jsonb_array_elements_text($8::jsonb) t), '{}') END, "
          "medical_history = coalesce($9, p.medical_history), case_data = coalesce($10::jsonb, p.case_data), "
          "price_credits = coalesce($11::integer, p.price_credits) WHERE p.id = $1 RETURNING ",
          ""),
      id, in.name, in.age, sex, in.referralReason, in.setting, difficulty, tagsJson(in.tags), in.medicalHistory,
      in.caseJson, in.priceCredits);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

bool archivePatient(db::Connection& conn, const std::string& id) {
  auto r = conn.query("UPDATE patients SET archived_at = coalesce(archived_at, now()) WHERE id = $1", id);
  return r.affected() > 0;
}

}  // namespace practicum::server::repo
