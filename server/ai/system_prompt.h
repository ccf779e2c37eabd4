#pragma once
/// The system prompt that makes a chat model play a case's patient: role-play instructions, the
/// persona and voice (or the speaker who talks for the patient), the facts grouped by disclosure
/// with the rule for each group, the true 24-hour recall, and the rules that keep the model to
/// the case (never invent a fact, deflect, keep replies short).

#include "core/consultation/case.h"

#include <string>

namespace practicum::server::ai {

/// Builds the prompt from the frozen case. Deterministic: the same case and name give the same
/// text. Leaves out what the patient must not know or hint at: the expected nutrition diagnoses,
/// which facts are key findings, and the case's internal ids.
std::string buildSystemPrompt(const consultation::Case& frozenCase, const std::string& patientName);

}  // namespace practicum::server::ai
