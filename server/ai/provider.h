#pragma once
/// Where a simulated patient's words come from: the scripted engine of core/ (default, offline)
/// or an OpenAI-compatible chat completions endpoint. Chosen by PRACTICUM_AI_PROVIDER.

#include "core/consultation/case.h"
#include "core/consultation/transcript.h"

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace practicum::server::ai {

struct ReplyRequest {
  const consultation::Case& frozenCase;  ///< the case as frozen when the session started
  std::string patientName;
  consultation::Transcript history;  ///< every turn before `message`, oldest first
  std::string message;               ///< what the student just said
  std::uint64_t seed = 0;            ///< per session: the scripted patient's wording varies with it
};

/// The provider could not produce a reply. `afterFirstToken` tells whether part of the reply was
/// already streamed (so the caller ends the stream with an error event rather than retrying).
class ProviderError : public std::runtime_error {
public:
  ProviderError(std::string message, bool afterFirstToken)
      : std::runtime_error(std::move(message)), afterFirstToken_(afterFirstToken) {}
  bool afterFirstToken() const noexcept { return afterFirstToken_; }

private:
  bool afterFirstToken_;
};

class PatientProvider {
public:
  virtual ~PatientProvider() = default;
  /// Produces the patient's reply, calling `onDelta` with each piece as it is produced (the
  /// pieces concatenate to the returned text). Blocking; runs on a worker thread. Throws
  /// ProviderError.
  virtual std::string reply(const ReplyRequest& request, const std::function<void(std::string_view)>& onDelta) = 0;
  /// The patient's first words when a session starts.
  virtual std::string opening(const consultation::Case& frozenCase, const std::string& patientName,
                              std::uint64_t seed) = 0;
  /// "scripted" or "openai", for logs and the session record.
  virtual std::string_view name() const = 0;
};

}  // namespace practicum::server::ai
