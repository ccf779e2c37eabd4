#pragma once
/// The deterministic assessment of a consultation: what the student found out (per fact and per
/// NCP domain), how they ran the 24-hour recall, how they communicated, and an overall score out
/// of 100 with documented weights (docs/cases.md). The same case and transcript always score the same.

#include "core/consultation/case.h"
#include "core/consultation/transcript.h"

#include <boost/json/object.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace practicum::consultation {

enum class Coverage { Covered, Partial, Missed };

/// The five passes of the multiple-pass 24-hour recall, in the order they are made.
enum class RecallPass { QuickList, ForgottenFoods, TimeAndOccasion, Detail, FinalReview };
inline constexpr std::array<RecallPass, 5> kRecallPasses{RecallPass::QuickList, RecallPass::ForgottenFoods,
                                                         RecallPass::TimeAndOccasion, RecallPass::Detail,
                                                         RecallPass::FinalReview};

/// The weights of the score (docs/cases.md, "Evaluation"); they add up to 100.
struct ScoreWeights {
  static constexpr int kCoverage = 50;      ///< facts: key facts count double, partial earns half
  static constexpr int kKeyFactWeight = 2;  ///< a key fact's weight; other facts weigh 1
  static constexpr int kRecall = 20;        ///< the 24-hour recall
  static constexpr int kRecallPerPass = 4;  ///< each of the five passes
  static constexpr int kGreeting = 2;       ///< opening: greets the patient
  static constexpr int kIntroduction = 2;   ///< opening: gives own name or role
  static constexpr int kPurpose = 2;        ///< opening: says what the session is for
  static constexpr int kOpenQuestions = 8;  ///< full at half or more of the questions open, pro rata below
  static constexpr int kEmpathy = 3;        ///< at least one empathic statement
  static constexpr int kReflection = 3;     ///< at least one reflection
  static constexpr int kSummary = 4;        ///< summarises what was heard
  static constexpr int kCheckUnderstanding = 3;
  static constexpr int kClosing = 3;  ///< closes with next steps
  static constexpr int kCommunication = kGreeting + kIntroduction + kPurpose + kOpenQuestions + kEmpathy + kReflection +
                                        kSummary + kCheckUnderstanding + kClosing;
  /// Opening acts count in the student's first turns; closing acts in their last turns.
  static constexpr int kOpeningTurns = 3;
  static constexpr int kClosingTurns = 3;
};
static_assert(ScoreWeights::kCoverage + ScoreWeights::kRecall + ScoreWeights::kCommunication == 100);
static_assert(ScoreWeights::kRecallPerPass * 5 == ScoreWeights::kRecall);

struct FactCoverage {
  std::string factId;
  Coverage coverage = Coverage::Missed;
  /// Index in the transcript of the student turn that drew it out (covered) or first came near it
  /// (partial); -1 when missed.
  int turn = -1;
  std::string studentWords;  ///< that turn's text
  Domain domain = Domain::FoodNutritionHistory;
  bool key = false;
  Disclosure disclosure = Disclosure::WhenAsked;
};

/// Coverage of one NCP domain ("FH", "AD", "BD", "PD", "CH").
struct DomainCoverage {
  std::string code;
  int covered = 0;
  int partial = 0;
  int total = 0;
};

/// A key finding the student did not draw out, with a question that would have.
struct MissedKeyFinding {
  std::string factId;
  Domain domain = Domain::FoodNutritionHistory;
  std::string area;  ///< what to ask about (the topic's description), never the answer
  std::string exampleQuestion;
};

struct RecallResult {
  std::vector<RecallPass> passesMade;               ///< in the order of the method, each once
  std::vector<RecallPass> passesMissed;             ///< likewise
  std::array<int, 5> passTurn{-1, -1, -1, -1, -1};  ///< first student turn making each pass, or -1
};

struct Communication {
  bool greeting = false;
  bool introduction = false;
  bool purpose = false;
  int openQuestions = 0;
  int closedQuestions = 0;
  int reflections = 0;
  int empathy = 0;
  bool summarised = false;
  bool checkedUnderstanding = false;
  bool closing = false;  ///< closed with next steps in the last turns
  /// Share of open questions among all questions, 0 when none were asked.
  double openRatio() const;
};

/// Points earned in each part of the score.
struct ScoreBreakdown {
  int coverage = 0;
  int recall = 0;
  int opening = 0;
  int openQuestions = 0;
  int empathyReflection = 0;
  int summary = 0;
  int checkUnderstanding = 0;
  int closing = 0;
  int communication() const {
    return opening + openQuestions + empathyReflection + summary + checkUnderstanding + closing;
  }
  int total() const { return coverage + recall + communication(); }
};

/// The evaluator's verdict on one consultation.
struct Evaluation {
  std::vector<FactCoverage> facts;                  ///< in the case's order
  std::vector<DomainCoverage> domains;              ///< FH, AD, BD, PD, CH
  std::vector<MissedKeyFinding> keyFindingsMissed;  ///< in the case's order
  RecallResult recall;
  Communication communication;
  int studentTurns = 0;
  ScoreBreakdown breakdown;
  int score = 0;  ///< 0–100

  boost::json::object toJson() const;
  /// A readable summary for the transcript's closing feedback message.
  std::string summary() const;
};

Evaluation evaluate(const Case& c, const Transcript& transcript);

/// The coach's hint during a session: a plain sentence pointing at an area not yet explored.
std::string coachHint(const Case& c, const Transcript& transcript);

/// A question that would draw out `fact` from the scripted patient (probing when it must be probed),
/// phrased from its topics' descriptions; never contains the answer.
std::string exampleQuestion(const Fact& fact);

}  // namespace practicum::consultation

template <>
struct practicum::EnumNames<practicum::consultation::Coverage> {
  static constexpr std::array<std::string_view, 3> names{"covered", "partial", "missed"};
};
template <>
struct practicum::EnumNames<practicum::consultation::RecallPass> {
  static constexpr std::array<std::string_view, 5> names{"quick_list", "forgotten_foods", "time_and_occasion", "detail",
                                                         "final_review"};
};
