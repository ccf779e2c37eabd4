#pragma once
/// Domain vocabulary of Practicum: every enum of the data model with its wire spelling,
/// and the entities the API exchanges. Qt-free; shared by server and app.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace practicum {

enum class Role { Student, Instructor, Admin };
enum class SessionStatus { Scheduled, InProgress, Completed, Cancelled };
enum class Sender { User, Patient, Feedback };
enum class TransactionType { Purchase, Usage, Refund, Adjustment };
enum class PaymentStatus { Pending, Completed, Failed, Refunded };
enum class NotificationStatus { Pending, Sent, Failed, Cancelled };
enum class NotificationType { Onboarding, PaymentUpdate, SessionBooked, SessionReminder };
enum class Sex { Female, Male, Other };
enum class Difficulty { Beginner, Intermediate, Advanced };

/// Wire (and database) spelling of each enum value, in declaration order.
template <class E> struct EnumNames;
template <> struct EnumNames<Role> {
  static constexpr std::array<std::string_view, 3> names{"student", "instructor", "admin"};
};
template <> struct EnumNames<SessionStatus> {
  static constexpr std::array<std::string_view, 4> names{"scheduled", "in_progress", "completed", "cancelled"};
};
template <> struct EnumNames<Sender> {
  static constexpr std::array<std::string_view, 3> names{"user", "patient", "feedback"};
};
template <> struct EnumNames<TransactionType> {
  static constexpr std::array<std::string_view, 4> names{"purchase", "usage", "refund", "adjustment"};
};
template <> struct EnumNames<PaymentStatus> {
  static constexpr std::array<std::string_view, 4> names{"pending", "completed", "failed", "refunded"};
};
template <> struct EnumNames<NotificationStatus> {
  static constexpr std::array<std::string_view, 4> names{"pending", "sent", "failed", "cancelled"};
};
template <> struct EnumNames<NotificationType> {
  static constexpr std::array<std::string_view, 4> names{"onboarding", "payment_update", "session_booked",
                                                         "session_reminder"};
};
template <> struct EnumNames<Sex> {
  static constexpr std::array<std::string_view, 3> names{"female", "male", "other"};
};
template <> struct EnumNames<Difficulty> {
  static constexpr std::array<std::string_view, 3> names{"beginner", "intermediate", "advanced"};
};

template <class E> constexpr std::string_view toString(E value) {
  return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

template <class E> constexpr std::optional<E> enumFromString(std::string_view text) {
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

/// "student, instructor, admin": for error messages that list the accepted values.
template <class E> std::string enumChoices() {
  std::string out;
  for (auto name : EnumNames<E>::names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

/// Whether a role may author patients, read any session and see structured cases.
constexpr bool isStaff(Role role) { return role == Role::Instructor || role == Role::Admin; }

struct User {
  std::string id;
  std::string email;
  std::string firstName;
  std::string lastName;
  Role role = Role::Student;
  bool isActive = true;
  std::string createdAt;  ///< RFC 3339, UTC
  std::string updatedAt;
  std::optional<std::int64_t> creditBalance;  ///< set whenever read from the server
};

/// What a student sees before booking.
struct PatientBrief {
  int age = 0;
  Sex sex = Sex::Other;
  std::string referralReason;
  std::string setting;
  Difficulty difficulty = Difficulty::Beginner;
  std::vector<std::string> tags;
};

struct Patient {
  std::string id;
  std::string name;
  PatientBrief brief;
  std::string medicalHistory;
  std::string caseJson;  ///< the structured case, serialized; empty when not visible to the reader
  int priceCredits = 1;
  bool archived = false;
  std::string createdBy;  ///< user id, may be empty
  std::string createdAt;
  std::string updatedAt;
};

}  // namespace practicum
