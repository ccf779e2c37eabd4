#include "bench/harness.h"

#include <sys/utsname.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <thread>

namespace practicum::bench {

namespace {

std::size_t sink = 0;

double percentileOf(std::vector<std::int64_t> values, double p) {
  if (values.empty()) return 0;
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  const auto index = std::clamp<std::size_t>(rank, 1, values.size()) - 1;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
  return static_cast<double>(values[index]) / 1000.0;
}

}  // namespace

void Timings::merge(const Timings& other) {
  wallNs_.insert(wallNs_.end(), other.wallNs_.begin(), other.wallNs_.end());
  cpuNs_.insert(cpuNs_.end(), other.cpuNs_.begin(), other.cpuNs_.end());
}

double Timings::percentileUs(double p, bool cpu) const {
  return percentileOf(cpu ? cpuNs_ : wallNs_, p);
}

double Timings::meanUs(bool cpu) const {
  const auto& v = cpu ? cpuNs_ : wallNs_;
  if (v.empty()) return 0;
  return static_cast<double>(std::accumulate(v.begin(), v.end(), std::int64_t{0})) / static_cast<double>(v.size()) /
         1000.0;
}

void printTableHeader(std::string_view title, std::string_view firstColumn) {
  std::printf("\n%.*s\n", static_cast<int>(title.size()), title.data());
  std::printf("  %-34.*s %7s %9s %9s %9s %9s | %9s %9s\n", static_cast<int>(firstColumn.size()), firstColumn.data(),
              "ops", "median", "p99", "mean", "max", "cpu med", "cpu p99");
}

void printRow(std::string_view label, const Timings& t) {
  std::printf("  %-34.*s %7zu %9.1f %9.1f %9.1f %9.1f | %9.1f %9.1f\n", static_cast<int>(label.size()), label.data(),
              t.count(), t.percentileUs(50), t.percentileUs(99), t.meanUs(), t.percentileUs(100),
              t.percentileUs(50, true), t.percentileUs(99, true));
  std::fflush(stdout);
}

std::string machineDescription() {
  std::string cpu = "unknown CPU";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.starts_with("model name")) {
      if (const auto colon = line.find(": "); colon != std::string::npos) cpu = line.substr(colon + 2);
      break;
    }
  }
  utsname u{};
  std::string kernel = uname(&u) == 0 ? std::string(u.sysname) + " " + u.release : "unknown kernel";
  return std::to_string(std::thread::hardware_concurrency()) + " cores, " + cpu + ", " + kernel;
}

std::string buildDescription() {
  std::string out = PRACTICUM_BENCH_BUILD_TYPE;
#ifdef NDEBUG
  out += " (NDEBUG)";
#else
  out += " (assertions on)";
#endif
#if defined(__clang__)
  out += ", Clang " __clang_version__;
#elif defined(__GNUC__)
  out += ", GCC " __VERSION__;
#endif
  return out;
}

std::string utcNow() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

void keep(std::size_t value) {
  sink += value;
}

std::size_t kept() {
  return sink;
}

}  // namespace practicum::bench
