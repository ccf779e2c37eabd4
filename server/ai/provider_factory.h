#pragma once
/// Chooses the patient provider named by PRACTICUM_AI_PROVIDER (Config::aiProvider).

#include "server/ai/provider.h"
#include "server/config.h"

#include <memory>

namespace practicum::server::ai {

/// "scripted" (default) or "openai" (reads the PRACTICUM_OPENAI_* variables). Throws
/// std::invalid_argument with a message naming the variable when the choice cannot work.
std::shared_ptr<PatientProvider> makeProvider(const Config& config);

}  // namespace practicum::server::ai
