#pragma once
/// The structured case a simulated patient is played from: who they are, how they talk, what
/// they know (facts, each with the topics that draw it out and how readily they tell it), what
/// they really ate yesterday, and the nutrition diagnoses a good assessment should reach.
/// Instructors author it; students never see it. Format: docs/cases.md.

#include "core/consultation/topics.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace practicum::consultation {

inline constexpr int kCaseSchemaVersion = 1;

enum class Disclosure {
  Volunteered,  ///< told as soon as the conversation opens its domain, even by a general question
  WhenAsked,    ///< told when a question touches one of its topics
  Probed,       ///< told only to a follow-up or a specific question on one of its topics
};
enum class Level { Low, Medium, High };
enum class Readiness { Precontemplation, Contemplation, Preparation, Action, Maintenance };

struct Fact {
  std::string id;  ///< [a-z0-9_]+, unique within the case
  Domain domain = Domain::FoodNutritionHistory;
  std::vector<std::string> topics;  ///< ids from topics(); at least one
  std::string answer;               ///< first person, in the patient's (or speaker's) voice
  Disclosure disclosure = Disclosure::WhenAsked;
  bool key = false;  ///< a key finding: missing it costs the student most
};

struct RecallItem {
  std::string food;
  std::string amount;
  std::string detail;  ///< preparation, brand, additions; may be empty
};

struct RecallEntry {
  std::string time;      ///< "HH:MM"
  std::string occasion;  ///< breakfast, snack, lunch…
  std::string place;
  std::vector<RecallItem> items;
};

/// Problem, etiology, signs/symptoms.
struct PesStatement {
  std::string problem;
  std::string etiology;
  std::string signsSymptoms;
};

struct Persona {
  Level talkativeness = Level::Medium;
  std::string mood;
  Level healthLiteracy = Level::Medium;
  Readiness readiness = Readiness::Contemplation;
  std::vector<std::string> fillers;  ///< verbal habits, e.g. "to be honest", "well"
};

/// Who answers when it is not the patient: a parent for a child, a carer.
struct Speaker {
  std::string name;
  std::string relation;  ///< "mother", "husband"…
};

struct Case {
  std::string occupation;
  std::string livingSituation;
  std::string culturalBackground;
  std::string setting;
  std::string referralReason;
  Persona persona;
  std::optional<Speaker> speaker;
  std::string openingLine;
  std::vector<Fact> facts;
  std::vector<RecallEntry> recall;
  std::vector<PesStatement> diagnoses;

  const Fact* findFact(std::string_view id) const;
};

/// Parses and validates a case; throws ApiError(ValidationFailed) listing every problem under
/// details.fields by path ("case.facts[3].topics"…).
Case parseCase(const boost::json::object& object);
boost::json::object toJson(const Case& c);

}  // namespace practicum::consultation

template <> struct practicum::EnumNames<practicum::consultation::Disclosure> {
  static constexpr std::array<std::string_view, 3> names{"volunteered", "when_asked", "probed"};
};
template <> struct practicum::EnumNames<practicum::consultation::Level> {
  static constexpr std::array<std::string_view, 3> names{"low", "medium", "high"};
};
template <> struct practicum::EnumNames<practicum::consultation::Readiness> {
  static constexpr std::array<std::string_view, 5> names{"precontemplation", "contemplation", "preparation", "action",
                                                         "maintenance"};
};
