#pragma once
/// SQL for the patient catalog.

#include "core/codecs.h"
#include "core/domain.h"
#include "server/db/pg.h"

#include <optional>
#include <string>
#include <vector>

namespace practicum::server::repo {

struct PatientQuery {
  std::optional<std::string> text;  ///< over name, brief and tags
  std::optional<std::string> tag;
  std::optional<Difficulty> difficulty;
  bool includeArchived = false;
  bool withCase = false;  ///< read the structured case too (staff readers)
  int limit = 20;
  std::optional<std::pair<std::string, std::string>> after;  ///< keyset cursor: the last row's (name, id)
};

std::vector<Patient> listPatients(db::Connection& conn, const PatientQuery& query);
std::optional<Patient> findPatient(db::Connection& conn, const std::string& id);
/// `input` must hold every required field (decodePatientCreate guarantees it).
Patient insertPatient(db::Connection& conn, const PatientInput& input, const std::optional<std::string>& createdBy);
std::optional<Patient> updatePatient(db::Connection& conn, const std::string& id, const PatientInput& input);
/// Sets archived_at once; returns false when there is no such patient.
bool archivePatient(db::Connection& conn, const std::string& id);

}  // namespace practicum::server::repo
