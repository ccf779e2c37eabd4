#pragma once
/// A bounded, thread-safe memo of how the lexicon reads a turn, so that a process reads each
/// message of a consultation once instead of once per later reply.

#include "core/consultation/lexicon_engine.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace practicum::consultation::lexicon {

/// Remembers read(text) of students' messages and normalise(text) of the patient's replies, keyed
/// by the whole text, within a fixed memory budget (the least recently used go first). Both are
/// pure functions of the text, so a cached result is the computed one: a reply is the same with
/// or without a cache. One instance may serve every session and thread of a process.
class ReadingCache {
public:
  struct Stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;  ///< estimated, overheads included; never above maxBytes()
  };

  /// `maxBytes` bounds the texts, the results and the cache's own bookkeeping together (an
  /// estimate of the heap they take). A text too large for its share is computed, not kept.
  explicit ReadingCache(std::size_t maxBytes);
  ~ReadingCache();
  ReadingCache(const ReadingCache&) = delete;
  ReadingCache& operator=(const ReadingCache&) = delete;

  /// read(text): what a student's message asks about and how.
  std::shared_ptr<const Reading> reading(std::string_view text);
  /// normalise(text): a patient's reply in the form facts are looked for in.
  std::shared_ptr<const std::string> normalised(std::string_view text);

  std::size_t maxBytes() const { return maxBytes_; }
  Stats stats() const;

private:
  class Shards;
  std::size_t maxBytes_;
  std::unique_ptr<Shards> shards_;
};

}  // namespace practicum::consultation::lexicon
