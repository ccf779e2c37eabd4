#include "core/domain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace practicum;

namespace {

// The documented wire spelling of every enum, in declaration order. Written out independently
// of EnumNames so that a renamed or reordered value fails here.
template <class E>
struct Wire;
template <>
struct Wire<Role> {
  static std::vector<std::pair<Role, std::string>> values() {
    return {{Role::Student, "student"}, {Role::Instructor, "instructor"}, {Role::Admin, "admin"}};
  }
};
template <>
struct Wire<SessionStatus> {
  static std::vector<std::pair<SessionStatus, std::string>> values() {
    return {{SessionStatus::Scheduled, "scheduled"},
            {SessionStatus::InProgress, "in_progress"},
            {SessionStatus::Completed, "completed"},
            {SessionStatus::Cancelled, "cancelled"}};
  }
};
template <>
struct Wire<Sender> {
  static std::vector<std::pair<Sender, std::string>> values() {
    return {{Sender::User, "user"}, {Sender::Patient, "patient"}, {Sender::Feedback, "feedback"}};
  }
};
template <>
struct Wire<TransactionType> {
  static std::vector<std::pair<TransactionType, std::string>> values() {
    return {{TransactionType::Purchase, "purchase"},
            {TransactionType::Usage, "usage"},
            {TransactionType::Refund, "refund"},
            {TransactionType::Adjustment, "adjustment"}};
  }
};
template <>
struct Wire<PaymentStatus> {
  static std::vector<std::pair<PaymentStatus, std::string>> values() {
    return {{PaymentStatus::Pending, "pending"},
            {PaymentStatus::Completed, "completed"},
            {PaymentStatus::Failed, "failed"},
            {PaymentStatus::Refunded, "refunded"}};
  }
};
template <>
struct Wire<NotificationStatus> {
  static std::vector<std::pair<NotificationStatus, std::string>> values() {
    return {{NotificationStatus::Pending, "pending"},
            {NotificationStatus::Sent, "sent"},
            {NotificationStatus::Failed, "failed"},
            {NotificationStatus::Cancelled, "cancelled"}};
  }
};
template <>
struct Wire<NotificationType> {
  static std::vector<std::pair<NotificationType, std::string>> values() {
    return {{NotificationType::Onboarding, "onboarding"},
            {NotificationType::PaymentUpdate, "payment_update"},
            {NotificationType::SessionBooked, "session_booked"},
            {NotificationType::SessionReminder, "session_reminder"}};
  }
};
template <>
struct Wire<Sex> {
  static std::vector<std::pair<Sex, std::string>> values() {
    return {{Sex::Female, "female"}, {Sex::Male, "male"}, {Sex::Other, "other"}};
  }
};
template <>
struct Wire<Difficulty> {
  static std::vector<std::pair<Difficulty, std::string>> values() {
    return {{Difficulty::Beginner, "beginner"},
            {Difficulty::Intermediate, "intermediate"},
            {Difficulty::Advanced, "advanced"}};
  }
};

template <class E>
std::set<std::string> namesOf() {
  std::set<std::string> out;
  for (const auto& [value, name] : Wire<E>::values()) out.insert(name);
  return out;
}

/// Every wire name of every enum: a name of one enum must not be accepted by another unless shared.
std::set<std::string> allWireNames() {
  std::set<std::string> out;
  for (const auto& s : {namesOf<Role>(), namesOf<SessionStatus>(), namesOf<Sender>(), namesOf<TransactionType>(),
                        namesOf<PaymentStatus>(), namesOf<NotificationStatus>(), namesOf<NotificationType>(),
                        namesOf<Sex>(), namesOf<Difficulty>()}) {
    out.insert(s.begin(), s.end());
  }
  return out;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  return s;
}

std::string capitalized(std::string s) {
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string camel(const std::string& s) {
  std::string out;
  bool up = false;
  for (char c : s) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

std::string replaced(std::string s, char from, char to) {
  std::replace(s.begin(), s.end(), from, to);
  return s;
}

/// Near misses of a wire name: case variants, padding, truncation, other separators.
std::vector<std::string> variantsOf(const std::string& name) {
  std::vector<std::string> out{upper(name),
                               capitalized(name),
                               " " + name,
                               name + " ",
                               name + "\n",
                               name + std::string(1, '\0'),
                               name.substr(0, name.size() - 1),
                               name + "s",
                               "\"" + name + "\""};
  if (name.find('_') != std::string::npos) {
    out.push_back(replaced(name, '_', '-'));
    out.push_back(replaced(name, '_', ' '));
    out.push_back(camel(name));
    std::string joined = name;  // "inprogress"
    joined.erase(std::remove(joined.begin(), joined.end(), '_'), joined.end());
    out.push_back(joined);
  }
  return out;
}

template <class E>
class EnumWire : public ::testing::Test {};
using AllEnums = ::testing::Types<Role, SessionStatus, Sender, TransactionType, PaymentStatus, NotificationStatus,
                                  NotificationType, Sex, Difficulty>;
TYPED_TEST_SUITE(EnumWire, AllEnums);

TYPED_TEST(EnumWire, TableCoversEveryValueInDeclarationOrder) {
  const auto table = Wire<TypeParam>::values();
  ASSERT_EQ(table.size(), EnumNames<TypeParam>::names.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(table[i].first), i) << table[i].second;
    EXPECT_EQ(EnumNames<TypeParam>::names[i], table[i].second);
  }
}

TYPED_TEST(EnumWire, ToStringGivesTheWireName) {
  for (const auto& [value, name] : Wire<TypeParam>::values()) EXPECT_EQ(toString(value), name);
}

TYPED_TEST(EnumWire, EveryValueRoundTrips) {
  for (const auto& [value, name] : Wire<TypeParam>::values()) {
    const auto parsed = enumFromString<TypeParam>(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, value) << name;
    EXPECT_EQ(toString(*parsed), name);
    const auto again = enumFromString<TypeParam>(toString(value));
    ASSERT_TRUE(again.has_value()) << name;
    EXPECT_EQ(*again, value);
  }
}

TYPED_TEST(EnumWire, NamesAreDistinctLowerSnakeCase) {
  std::set<std::string> seen;
  for (const auto& [value, name] : Wire<TypeParam>::values()) {
    EXPECT_TRUE(seen.insert(name).second) << "duplicate " << name;
    ASSERT_FALSE(name.empty());
    EXPECT_NE(name.front(), '_') << name;
    EXPECT_NE(name.back(), '_') << name;
    EXPECT_EQ(name.find("__"), std::string::npos) << name;
    for (char c : name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << name;
  }
}

TYPED_TEST(EnumWire, RejectsEmptyUnknownAndCaseVariants) {
  EXPECT_FALSE(enumFromString<TypeParam>(""));
  EXPECT_FALSE(enumFromString<TypeParam>(" "));
  EXPECT_FALSE(enumFromString<TypeParam>("unknown"));
  EXPECT_FALSE(enumFromString<TypeParam>("0"));
  EXPECT_FALSE(enumFromString<TypeParam>("1"));
  for (const auto& [value, name] : Wire<TypeParam>::values()) {
    for (const auto& variant : variantsOf(name)) {
      EXPECT_FALSE(enumFromString<TypeParam>(variant)) << "accepted a variant of " << name << ": \"" << variant << '"';
    }
  }
}

TYPED_TEST(EnumWire, RejectsTheNamesOfOtherEnums) {
  const auto own = namesOf<TypeParam>();
  for (const auto& name : allWireNames()) {
    EXPECT_EQ(enumFromString<TypeParam>(name).has_value(), own.count(name) == 1) << name;
  }
}

TYPED_TEST(EnumWire, ChoicesListEveryNameInOrder) {
  std::string expected;
  for (const auto& [value, name] : Wire<TypeParam>::values()) {
    if (!expected.empty()) expected += ", ";
    expected += name;
  }
  EXPECT_EQ(enumChoices<TypeParam>(), expected);
}

TEST(EnumChoices, ExactSpelling) {
  EXPECT_EQ(enumChoices<Role>(), "student, instructor, admin");
  EXPECT_EQ(enumChoices<SessionStatus>(), "scheduled, in_progress, completed, cancelled");
  EXPECT_EQ(enumChoices<Sex>(), "female, male, other");
  EXPECT_EQ(enumChoices<Difficulty>(), "beginner, intermediate, advanced");
  EXPECT_EQ(enumChoices<NotificationType>(), "onboarding, payment_update, session_booked, session_reminder");
}

// The conversions are constexpr: usable in static_assert and switch labels.
static_assert(toString(Role::Admin) == "admin");
static_assert(toString(SessionStatus::InProgress) == "in_progress");
static_assert(enumFromString<Difficulty>("advanced") == Difficulty::Advanced);
static_assert(!enumFromString<Sex>("Female").has_value());
static_assert(!enumFromString<Role>("").has_value());

TEST(IsStaff, OnlyInstructorsAndAdmins) {
  const std::vector<std::pair<Role, bool>> table{{Role::Student, false}, {Role::Instructor, true}, {Role::Admin, true}};
  ASSERT_EQ(table.size(), EnumNames<Role>::names.size());
  for (const auto& [role, staff] : table) EXPECT_EQ(isStaff(role), staff) << toString(role);
}

static_assert(isStaff(Role::Admin) && isStaff(Role::Instructor) && !isStaff(Role::Student));

TEST(DomainDefaults, AreTheLeastPrivilegedAndCheapest) {
  const User user;
  EXPECT_EQ(user.role, Role::Student);
  EXPECT_TRUE(user.isActive);
  EXPECT_FALSE(user.creditBalance.has_value());

  const Patient patient;
  EXPECT_EQ(patient.priceCredits, 1);
  EXPECT_FALSE(patient.archived);
  EXPECT_TRUE(patient.caseJson.empty());
  EXPECT_TRUE(patient.createdBy.empty());
  EXPECT_EQ(patient.brief.age, 0);
  EXPECT_EQ(patient.brief.sex, Sex::Other);
  EXPECT_EQ(patient.brief.difficulty, Difficulty::Beginner);
  EXPECT_TRUE(patient.brief.tags.empty());
}

}  // namespace
