#include "core/consultation/reading_cache.h"

#include "core/consultation/lexicon.h"

#include <array>
#include <functional>
#include <list>
#include <mutex>
#include <type_traits>
#include <unordered_map>
#include <variant>

namespace practicum::consultation::lexicon {

namespace {

/// Independent locks, so that worker threads rarely wait for each other.
constexpr std::size_t kShardBits = 4;
constexpr std::size_t kShards = std::size_t{1} << kShardBits;

/// What an entry costs besides its text and its result: its list node, its index node and bucket,
/// the result's control block (libstdc++, 64-bit, rounded up).
constexpr std::size_t kEntryOverhead = 192;

std::size_t heapBytes(const std::string& s) {
  static const std::size_t kInline = std::string().capacity();
  return s.capacity() > kInline ? s.capacity() + 1 : 0;
}

std::size_t heapBytes(const std::vector<std::string>& v) {
  std::size_t n = v.capacity() * sizeof(std::string);
  for (const auto& s : v) n += heapBytes(s);
  return n;
}

std::size_t resultBytes(const Reading& r) {
  return sizeof(Reading) + heapBytes(r.topics) + heapBytes(r.cues) + heapBytes(r.acts.topics);
}

std::size_t resultBytes(const std::string& s) {
  return sizeof(std::string) + heapBytes(s);
}

using Result = std::variant<std::shared_ptr<const Reading>, std::shared_ptr<const std::string>>;

template <class T>
constexpr std::size_t kKind = std::is_same_v<T, Reading> ? 0 : 1;

struct Slot {
  std::size_t hash = 0;
  std::string text;
  Result result;
  std::size_t bytes = 0;
};

/// An index key: the text is a view of the entry's own copy, so a lookup need not copy the text.
struct Key {
  std::size_t hash = 0;
  std::size_t kind = 0;  ///< which alternative of Result: the same text read two ways is two entries
  std::string_view text;
};

struct KeyHash {
  std::size_t operator()(const Key& k) const noexcept { return k.hash; }
};

struct KeyEqual {
  bool operator()(const Key& a, const Key& b) const noexcept { return a.kind == b.kind && a.text == b.text; }
};

struct Shard {
  mutable std::mutex mutex;
  std::list<Slot> lru;  ///< most recently used first
  std::unordered_map<Key, std::list<Slot>::iterator, KeyHash, KeyEqual> index;
  std::size_t bytes = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;
};

}  // namespace

class ReadingCache::Shards {
public:
  explicit Shards(std::size_t maxBytes) : budget_(maxBytes / kShards) {}

  template <class T, class Compute>
  std::shared_ptr<const T> get(std::string_view text, Compute compute) {
    constexpr std::size_t kind = kKind<T>;
    const std::size_t hash = std::hash<std::string_view>{}(text) + kind * 0x9E3779B97F4A7C15ull;
    Shard& s = shards_[(hash * 0x9E3779B97F4A7C15ull) >> (8 * sizeof(std::size_t) - kShardBits)];
    const auto found = [&](std::list<Slot>::iterator it) {
      s.lru.splice(s.lru.begin(), s.lru, it);
      return std::get<kind>(it->result);
    };
    {
      const std::lock_guard lock(s.mutex);
      if (const auto it = s.index.find(Key{hash, kind, text}); it != s.index.end()) {
        ++s.hits;
        return found(it->second);
      }
      ++s.misses;
    }
    // Computed without the lock. Another thread may compute the same text meanwhile: the result
    // is the same, and the first one stored is kept.
    auto result = std::make_shared<const T>(compute(text));
    Slot entry{hash, std::string(text), result, 0};
    entry.bytes = kEntryOverhead + heapBytes(entry.text) + resultBytes(*result);
    if (entry.bytes > budget_) return result;

    const std::lock_guard lock(s.mutex);
    if (const auto it = s.index.find(Key{hash, kind, text}); it != s.index.end()) return found(it->second);
    s.lru.push_front(std::move(entry));
    s.index.emplace(Key{hash, kind, s.lru.front().text}, s.lru.begin());
    s.bytes += s.lru.front().bytes;
    while (s.bytes > budget_) {  // never reaches the new entry, which fits on its own
      const Slot& old = s.lru.back();
      s.index.erase(Key{old.hash, old.result.index(), old.text});
      s.bytes -= old.bytes;
      s.lru.pop_back();
      ++s.evictions;
    }
    return result;
  }

  Stats stats() const {
    Stats out;
    for (const auto& s : shards_) {
      const std::lock_guard lock(s.mutex);
      out.hits += s.hits;
      out.misses += s.misses;
      out.evictions += s.evictions;
      out.entries += s.lru.size();
      out.bytes += s.bytes;
    }
    return out;
  }

private:
  std::size_t budget_;  ///< per shard
  std::array<Shard, kShards> shards_;
};

ReadingCache::ReadingCache(std::size_t maxBytes) : maxBytes_(maxBytes), shards_(std::make_unique<Shards>(maxBytes)) {}

ReadingCache::~ReadingCache() = default;

std::shared_ptr<const Reading> ReadingCache::reading(std::string_view text) {
  return shards_->get<Reading>(text, [](std::string_view t) { return read(t); });
}

std::shared_ptr<const std::string> ReadingCache::normalised(std::string_view text) {
  return shards_->get<std::string>(text, [](std::string_view t) { return normalise(t); });
}

ReadingCache::Stats ReadingCache::stats() const {
  return shards_->stats();
}

}  // namespace practicum::consultation::lexicon
