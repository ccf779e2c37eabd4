#pragma once
/// The consultation's vocabulary: the topics a dietitian's question can be about. A case's facts
/// name the topics that draw them out; the scripted patient recognises topics in questions.

#include "core/domain.h"

#include <optional>
#include <span>
#include <string_view>

namespace practicum::consultation {

/// Nutrition Care Process assessment domains (client history split into its four parts).
enum class Domain {
  FoodNutritionHistory,  ///< FH: intake, patterns, beliefs, activity, supplements
  Anthropometric,        ///< AD: height, weight, weight history, growth
  Biochemical,           ///< BD: labs, medical tests and procedures
  PhysicalFindings,      ///< PD: nutrition-focused physical findings, symptoms, vital signs
  ClientMedical,         ///< CH: personal medical history, diagnoses, mental health
  ClientMedications,     ///< CH: medicines and their use
  ClientSocial,          ///< CH: work, home, support, money, culture, smoking
  ClientFamily,          ///< CH: family history
};

/// "FH", "AD", "BD", "PD", "CH": the NCP abbreviation; the four client-history parts share "CH".
std::string_view ncpCode(Domain domain);
/// The five NCP assessment domains, for coverage reports.
inline constexpr std::string_view kNcpCodes[] = {"FH", "AD", "BD", "PD", "CH"};

struct Topic {
  std::string_view id;           ///< stable identifier used in case files
  Domain domain;                 ///< where facts on this topic usually belong
  bool general;                  ///< an opening into the whole domain ("tell me about your diet")
  std::string_view description;  ///< what a question on this topic asks, for authors
};

/// Every topic, grouped by domain.
std::span<const Topic> topics();
const Topic* findTopic(std::string_view id);

}  // namespace practicum::consultation

template <> struct practicum::EnumNames<practicum::consultation::Domain> {
  static constexpr std::array<std::string_view, 8> names{
      "food_nutrition_history", "anthropometric", "biochemical",  "physical_findings",
      "client_medical",         "client_medications", "client_social", "client_family"};
};
