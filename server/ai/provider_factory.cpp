#include "server/ai/provider_factory.h"

#include "server/ai/openai_provider.h"
#include "server/ai/scripted_provider.h"

#include <stdexcept>

namespace practicum::server::ai {

std::shared_ptr<PatientProvider> makeProvider(const Config& config) {
  if (config.aiProvider == "scripted") return std::make_shared<ScriptedProvider>();
  if (config.aiProvider == "openai") return std::make_shared<OpenAiProvider>(OpenAiConfig::fromEnvironment());
  throw std::invalid_argument("PRACTICUM_AI_PROVIDER must be scripted or openai, got '" + config.aiProvider + "'");
}

}  // namespace practicum::server::ai
