#pragma once
/// The `scripted` patient provider (the default): core's ScriptedPatient, offline and
/// deterministic, with its reply handed out word by word so clients render it as they would a
/// live model's.

#include "core/consultation/reading_cache.h"
#include "server/ai/provider.h"

#include <cstddef>

namespace practicum::server::ai {

class ScriptedProvider : public PatientProvider {
public:
  /// How much memory the readings of past turns may take, shared by every session: ~500 bytes a
  /// turn, so ~33 000 turns, some 400 sessions of 80 turns in progress at once.
  static constexpr std::size_t kReadingCacheBytes = std::size_t{16} << 20;

  explicit ScriptedProvider(std::size_t readingCacheBytes = kReadingCacheBytes) : readings_(readingCacheBytes) {}

  /// Thread-safe: the server's workers call it for many sessions at once.
  std::string reply(const ReplyRequest& request, const std::function<void(std::string_view)>& onDelta) override;
  std::string opening(const consultation::Case& frozenCase, const std::string& patientName,
                      std::uint64_t seed) override;
  std::string_view name() const override { return "scripted"; }

private:
  /// Each turn of a transcript is read once, not once per later reply: without it a reply's cost
  /// grows with the history (~24 µs a turn; docs/performance.md).
  consultation::lexicon::ReadingCache readings_;
};

/// Splits `text` into pieces of a word and the spaces after it; the pieces concatenate to `text`.
std::vector<std::string_view> wordPieces(std::string_view text);

}  // namespace practicum::server::ai
