#pragma once
/// A small timing harness for the compiled benchmarks: times one operation at a time (wall clock
/// and the thread's CPU time) and prints, per row, the median, p99, mean and maximum per operation.
/// Google Benchmark reports means over batches; these benchmarks need the tail of single
/// operations (one operation = one request's work in the server), hence this.

#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace practicum::bench {

/// The thread's CPU time: unlike the wall clock, it does not count the time another process held
/// the core, which on a shared machine is most of a wall-clock p99's noise.
inline std::int64_t threadCpuNs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

/// Per-operation timings of one row of a table.
class Timings {
public:
  /// Runs `op` once and records how long it took.
  template <class Op>
  void time(Op&& op) {
    const auto cpu0 = threadCpuNs();
    const auto wall0 = std::chrono::steady_clock::now();
    op();
    const auto wall1 = std::chrono::steady_clock::now();
    const auto cpu1 = threadCpuNs();
    wallNs_.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(wall1 - wall0).count());
    cpuNs_.push_back(cpu1 - cpu0);
  }
  void merge(const Timings& other);

  std::size_t count() const { return wallNs_.size(); }
  /// The p-th percentile (0–100, nearest rank) in microseconds, of the wall clock or of CPU time.
  double percentileUs(double p, bool cpu = false) const;
  double meanUs(bool cpu = false) const;

private:
  std::vector<std::int64_t> wallNs_;
  std::vector<std::int64_t> cpuNs_;
};

/// Prints a table's title and column names.
void printTableHeader(std::string_view title, std::string_view firstColumn);
/// One row: operations, then wall-clock median, p99, mean, max and the CPU-time median and p99 (µs).
void printRow(std::string_view label, const Timings& t);

/// "2 cores, <CPU model>, Linux <release>".
std::string machineDescription();
/// "Release, GCC 12.2.0" — which build made the figures.
std::string buildDescription();
/// UTC now, "2026-11-25T16:30:00Z".
std::string utcNow();

/// Keeps a value the optimiser would otherwise consider unused.
void keep(std::size_t value);
/// The sum of everything passed to keep(), printed at the end so no work is optimised away.
std::size_t kept();

}  // namespace practicum::bench
