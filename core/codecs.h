#pragma once
/// JSON codecs of the API's bodies. Requests are decoded strictly (ApiError 422 with per-field
/// details); responses are encoded here and decoded here too, so both ends of the wire agree.

#include "core/domain.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace practicum {

struct RegisterRequest {
  std::string email;  ///< normalised (trimmed, lower-case)
  std::string password;
  std::string firstName;
  std::string lastName;
};

struct LoginRequest {
  std::string email;
  std::string password;
};

struct ProfileUpdate {
  std::optional<std::string> firstName;
  std::optional<std::string> lastName;
};

struct PasswordChange {
  std::string currentPassword;
  std::string newPassword;
};

struct AdminUserUpdate {
  std::optional<Role> role;
  std::optional<bool> isActive;
};

/// POST /patients (every required field set) and PATCH /patients/{id} (any subset).
struct PatientInput {
  std::optional<std::string> name;
  std::optional<int> age;
  std::optional<Sex> sex;
  std::optional<std::string> referralReason;
  std::optional<std::string> setting;
  std::optional<Difficulty> difficulty;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> medicalHistory;
  std::optional<std::string> caseJson;  ///< serialized object
  std::optional<int> priceCredits;
};

RegisterRequest decodeRegisterRequest(const boost::json::object& body);
LoginRequest decodeLoginRequest(const boost::json::object& body);
ProfileUpdate decodeProfileUpdate(const boost::json::object& body);
PasswordChange decodePasswordChange(const boost::json::object& body);
AdminUserUpdate decodeAdminUserUpdate(const boost::json::object& body);
PatientInput decodePatientCreate(const boost::json::object& body);
PatientInput decodePatientPatch(const boost::json::object& body);

boost::json::object toJson(const User& user);
/// The structured case and its author are included only for staff readers.
boost::json::object toJson(const Patient& patient, bool staffView);

User userFromJson(const boost::json::object& object);
Patient patientFromJson(const boost::json::object& object);

/// A keyset page: {"items":[…], "next_cursor": "…" | null}.
boost::json::object pageJson(boost::json::array items, const std::optional<std::string>& nextCursor);

}  // namespace practicum
