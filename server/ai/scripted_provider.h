#pragma once
/// The `scripted` patient provider (the default): core's ScriptedPatient, offline and
/// deterministic, with its reply handed out word by word so clients render it as they would a
/// live model's.

#include "server/ai/provider.h"

namespace practicum::server::ai {

class ScriptedProvider : public PatientProvider {
public:
  std::string reply(const ReplyRequest& request, const std::function<void(std::string_view)>& onDelta) override;
  std::string opening(const consultation::Case& frozenCase, const std::string& patientName,
                      std::uint64_t seed) override;
  std::string_view name() const override { return "scripted"; }
};

/// Splits `text` into pieces of a word and the spaces after it; the pieces concatenate to `text`.
std::vector<std::string_view> wordPieces(std::string_view text);

}  // namespace practicum::server::ai
