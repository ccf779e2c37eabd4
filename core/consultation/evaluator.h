#pragma once
/// The deterministic assessment of a consultation: what the student found out (per fact and per
/// NCP domain), how they ran the 24-hour recall, how they communicated, and an overall score out
/// of 100 with documented weights (docs/cases.md). The same case and transcript always score the same.

#include "core/consultation/case.h"
#include "core/consultation/transcript.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace practicum::consultation {

enum class Coverage { Covered, Partial, Missed };

struct FactCoverage {
  std::string factId;
  Coverage coverage = Coverage::Missed;
  int turn = -1;              ///< index in the transcript of the student turn that drew it out
  std::string studentWords;   ///< that turn's text
};

struct Evaluation {
  std::vector<FactCoverage> facts;
  // Further fields (domain coverage, missed key findings with example questions, recall passes,
  // communication, score) are defined with the evaluator.
  int score = 0;  ///< 0–100

  boost::json::object toJson() const;
  /// A readable summary for the transcript's closing feedback message.
  std::string summary() const;
};

Evaluation evaluate(const Case& c, const Transcript& transcript);

/// The coach's hint during a session: a plain sentence pointing at an area not yet explored.
std::string coachHint(const Case& c, const Transcript& transcript);

}  // namespace practicum::consultation
