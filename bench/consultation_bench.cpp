// practicum-bench-consultation: the CPU cost of the consultation engine per request, on the shipped
// cases (resources/cases) with a student's realistic messages (bench/data/dietitian-questions.txt):
//   1. the scripted patient's reply after a 40-turn history (what POST /sessions/{id}/messages
//      computes), per case, through a ReadingCache as the server replies, and without one;
//   2. the same reply as the server computes it, parsing the session's frozen case JSON first;
//   3. how the reply's cost grows with the history, up to the 300-message limit of a session;
//   4. the evaluator on a 100-turn transcript (what completing a session computes), per case.
// Each operation is timed on its own; see bench/README.md for how to run it and read it.

#include "bench/harness.h"
#include "core/consultation/case.h"
#include "core/consultation/evaluator.h"
#include "core/consultation/reading_cache.h"
#include "core/consultation/scripted_patient.h"
#include "core/json_reader.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace practicum::bench {

namespace {

using consultation::Case;
using consultation::ScriptedPatient;
using consultation::Transcript;
using consultation::lexicon::ReadingCache;

/// The server's budget (ScriptedProvider::kReadingCacheBytes).
constexpr std::size_t kCacheBytes = std::size_t{16} << 20;

/// One of resources/cases/*.json, parsed as the server would after a session starts.
struct ShippedCase {
  std::string name;  ///< the file's stem
  std::string patientName;
  std::string caseJson;  ///< the "case" object, serialised: what sessions.case_snapshot holds
  Case parsed;
};

struct Settings {
  int passes = 3;  ///< how many times each set of operations runs (after one unmeasured pass)
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<ShippedCase> loadCases(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ShippedCase> out;
  for (const auto& file : files) {
    const auto object = parseJsonObject(readFile(file));
    ShippedCase c;
    c.name = file.stem().string();
    c.patientName = std::string(object.at("patient").at("name").as_string());
    c.caseJson = boost::json::serialize(object.at("case"));
    c.parsed = consultation::parseCase(object.at("case").as_object());
    out.push_back(std::move(c));
  }
  if (out.empty()) throw std::runtime_error("no case files in " + dir.string());
  return out;
}

std::vector<std::string> loadQuestions(const fs::path& file) {
  std::istringstream in(readFile(file));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.front() != '#') out.push_back(line);
  }
  if (out.size() < 50) throw std::runtime_error(file.string() + " should hold at least 50 messages");
  return out;
}

/// A consultation so far: the patient's opening line, then `exchanges` student messages (the
/// list's, from `first` on, wrapping) each followed by the patient's own reply.
Transcript conversation(const ScriptedPatient& patient, const std::vector<std::string>& questions, std::size_t first,
                        std::size_t exchanges) {
  Transcript t{{Sender::Patient, patient.opening()}};
  for (std::size_t i = 0; i < exchanges; ++i) {
    const auto& question = questions[(first + i) % questions.size()];
    auto reply = patient.respond(t, question);
    t.push_back({Sender::User, question});
    t.push_back({Sender::Patient, std::move(reply.text)});
  }
  return t;
}

/// Histories per case and messages answered after each: every case sees 10 × 30 distinct replies a pass.
constexpr std::size_t kHistoriesPerCase = 10;
constexpr std::size_t kMessagesPerHistory = 30;

/// One conversation to continue: its history and the messages to answer after it.
struct Probe {
  std::uint64_t seed;
  Transcript history;
  std::vector<const std::string*> messages;
};

std::vector<Probe> probes(const ShippedCase& c, const std::vector<std::string>& questions, std::size_t exchanges) {
  std::vector<Probe> out;
  for (std::size_t h = 0; h < kHistoriesPerCase; ++h) {
    const std::uint64_t seed = 0x5eed0000u + h;
    const std::size_t first = h * questions.size() / kHistoriesPerCase;
    Probe p{seed, conversation(ScriptedPatient(c.parsed, c.patientName, seed), questions, first, exchanges), {}};
    for (std::size_t m = 0; m < kMessagesPerHistory; ++m) {
      p.messages.push_back(&questions[(first + exchanges + m) % questions.size()]);
    }
    out.push_back(std::move(p));
  }
  return out;
}

/// Puts in `cache` what the server's holds when `message` arrives after `history`: every turn
/// read for an earlier reply, that is all but the patient's last reply, which this reply is the
/// first to read. The message is new: an earlier turn of the same words (the 50 messages repeat
/// in long histories) is left out too, so that the reply reads those words once, as a new
/// message's.
void warm(ReadingCache& cache, const Transcript& history, std::string_view message = {}) {
  for (std::size_t i = 0; i + 1 < history.size(); ++i) {
    if (history[i].sender == Sender::User && history[i].text != message)
      keep(cache.reading(history[i].text)->topics.size());
    else if (history[i].sender == Sender::Patient)
      keep(cache.normalised(history[i].text)->size());
  }
}

enum class Mode {
  Cached,   ///< through a ReadingCache holding the history (warm()), not the message: as the server replies
  Uncached  ///< re-reading the whole history, as before the cache
};

/// One reply to `message` after `history`, timed.
void timeReply(Timings& t, const ScriptedPatient& patient, const Transcript& history, const std::string& message,
               Mode how) {
  if (how == Mode::Uncached) {
    t.time([&] { keep(patient.respond(history, message).text.size()); });
    return;
  }
  ReadingCache cache(kCacheBytes);
  warm(cache, history, message);
  t.time([&] { keep(patient.respond(history, message, &cache).text.size()); });
}

/// Times ScriptedPatient::respond() on every probe's messages, one pass unmeasured, then `passes`.
Timings timeReplies(const ShippedCase& c, const std::vector<Probe>& ps, int passes, Mode how) {
  Timings t, warmup;
  for (int pass = 0; pass <= passes; ++pass) {
    for (const auto& p : ps) {
      const ScriptedPatient patient(c.parsed, c.patientName, p.seed);
      for (const auto* message : p.messages) timeReply(pass == 0 ? warmup : t, patient, p.history, *message, how);
    }
  }
  return t;
}

void benchReplies(const std::vector<ShippedCase>& cases, const std::vector<std::string>& questions, const Settings& s) {
  printTableHeader(
      "1. Scripted patient: one reply after a 40-turn history (the opening line, then 20 questions "
      "and their answers), through a reading cache holding the history as the server's does, µs per reply",
      "case");
  Timings all, uncached;
  std::size_t entries = 0, bytes = 0;
  for (const auto& c : cases) {
    const auto ps = probes(c, questions, 20);
    const auto t = timeReplies(c, ps, s.passes, Mode::Cached);
    printRow(c.name, t);
    all.merge(t);
    uncached.merge(timeReplies(c, ps, s.passes, Mode::Uncached));
    ReadingCache cache(kCacheBytes);
    for (const auto& p : ps) warm(cache, p.history);
    entries += cache.stats().entries;
    bytes += cache.stats().bytes;
  }
  printRow("all cases", all);
  printRow("all cases, no cache", uncached);
  std::printf("  (the cache takes %zu bytes per turn, an estimate of the heap used)\n", entries ? bytes / entries : 0);
}

/// What the server does per message besides respond(): parse the frozen case from its JSON text.
void benchServerReplyPath(const std::vector<ShippedCase>& cases, const std::vector<std::string>& questions) {
  printTableHeader(
      "2. The same reply as the server computes it (answer() in server/api/session_routes.cpp: parse "
      "the frozen case JSON, then reply through the reading cache), µs per message",
      "step");
  Timings parseOnly, whole, warmup;
  for (const auto& c : cases) {
    const auto ps = probes(c, questions, 20);
    for (int pass = 0; pass <= 1; ++pass) {
      for (const auto& p : ps) {
        for (const auto* message : p.messages) {
          (pass == 0 ? warmup : parseOnly).time([&] {
            keep(consultation::parseCase(boost::json::parse(c.caseJson).as_object()).facts.size());
          });
          ReadingCache cache(kCacheBytes);
          warm(cache, p.history, *message);
          (pass == 0 ? warmup : whole).time([&] {
            const auto frozen = consultation::parseCase(boost::json::parse(c.caseJson).as_object());
            keep(ScriptedPatient(frozen, c.patientName, p.seed).respond(p.history, *message, &cache).text.size());
          });
        }
      }
    }
  }
  std::size_t bytes = 0;
  for (const auto& c : cases) bytes += c.caseJson.size();
  printRow("parse the case JSON (" + std::to_string(bytes / cases.size() / 1024) + " KiB avg)", parseOnly);
  printRow("parse + reply", whole);
}

void benchHistoryGrowth(const std::vector<ShippedCase>& cases, const std::vector<std::string>& questions,
                        const Settings& s) {
  // One conversation per case, as long as a session may get; each row continues a prefix of it.
  constexpr std::size_t kLongest = 299;
  struct Long {
    const ShippedCase* c;
    std::uint64_t seed;
    Transcript conversation;
  };
  std::vector<Long> longs;
  for (std::size_t i = 0; i < cases.size(); i += 3) {
    const std::uint64_t seed = 0x10a9u + i;
    longs.push_back(
        {&cases[i], seed,
         conversation(ScriptedPatient(cases[i].parsed, cases[i].patientName, seed), questions, 0, kLongest)});
  }
  printTableHeader(
      "3. Scripted patient: one reply by history length (turns after the opening line; a session takes "
      "at most 300 questions), " +
          std::to_string(longs.size()) + " of the cases, through the reading cache and without it, µs per reply",
      "history");
  for (const auto how : {Mode::Cached, Mode::Uncached}) {
    for (const std::size_t exchanges : std::array<std::size_t, 8>{0, 5, 10, 20, 40, 80, 160, kLongest}) {
      Timings row;
      for (const auto& l : longs) {
        Probe p{l.seed,
                Transcript(l.conversation.begin(), l.conversation.begin() + 1 + 2 * static_cast<long>(exchanges)),
                {}};
        for (std::size_t m = 0; m < kMessagesPerHistory; ++m) {
          p.messages.push_back(&questions[(exchanges + m) % questions.size()]);
        }
        row.merge(timeReplies(*l.c, {p}, exchanges >= 160 ? 1 : s.passes, how));
      }
      printRow(std::to_string(2 * exchanges) + " turns" + (how == Mode::Uncached ? ", no cache" : ""), row);
    }
  }
}

void benchEvaluator(const std::vector<ShippedCase>& cases, const std::vector<std::string>& questions,
                    const Settings& s) {
  printTableHeader(
      "4. Evaluator: one evaluation of a 100-turn transcript (the opening line, 49 questions and their "
      "answers, a closing message), µs per evaluation",
      "case");
  Timings all, withReport;
  constexpr std::size_t kTranscriptsPerCase = 5;
  for (const auto& c : cases) {
    std::vector<Transcript> transcripts;
    for (std::size_t i = 0; i < kTranscriptsPerCase; ++i) {
      const ScriptedPatient patient(c.parsed, c.patientName, 0xe7a1u + i);
      auto t = conversation(patient, questions, i * 10, 49);
      t.push_back({Sender::User, questions.back()});
      transcripts.push_back(std::move(t));
    }
    Timings row, warmup;
    for (int pass = 0; pass <= s.passes * 10; ++pass) {
      for (const auto& t : transcripts) {
        (pass == 0 ? warmup : row).time([&] {
          keep(static_cast<std::size_t>(consultation::evaluate(c.parsed, t).score));
        });
      }
    }
    for (const auto& t : transcripts) {
      // completeLocked() also stores the result as JSON and posts its summary.
      withReport.time([&] {
        const auto e = consultation::evaluate(c.parsed, t);
        keep(boost::json::serialize(e.toJson()).size() + e.summary().size());
      });
    }
    printRow(c.name, row);
    all.merge(row);
  }
  printRow("all cases", all);
  printRow("all cases, + toJson + summary", withReport);
}

int run(int argc, char** argv) {
  Settings s;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--quick") {
      s.passes = 1;
    } else {
      std::fprintf(stderr,
                   "usage: practicum-bench-consultation [--quick]\n"
                   "  --quick  one measured pass instead of %d (a smoke run; the figures are rougher)\n",
                   s.passes);
      return arg == "--help" || arg == "-h" ? 0 : 2;
    }
  }
  const auto cases = loadCases(fs::path(PRACTICUM_RESOURCES_DIR) / "cases");
  const auto questions = loadQuestions(fs::path(PRACTICUM_BENCH_DATA_DIR) / "dietitian-questions.txt");
  std::printf("practicum-bench-consultation  %s\n", utcNow().c_str());
  std::printf("  build     %s\n", buildDescription().c_str());
  std::printf("  machine   %s\n", machineDescription().c_str());
  std::printf("  input     %zu cases (resources/cases), %zu student messages (bench/data/dietitian-questions.txt)\n",
              cases.size(), questions.size());
  std::printf(
      "  columns   wall-clock µs per operation; cpu = the thread's CPU time (not inflated by other "
      "processes)\n");
#ifndef NDEBUG
  std::printf("  WARNING   not an optimised build: use build/release/bench/practicum-bench-consultation\n");
#endif
  benchReplies(cases, questions, s);
  benchServerReplyPath(cases, questions);
  benchHistoryGrowth(cases, questions, s);
  benchEvaluator(cases, questions, s);
  std::printf("\n(checksum %zu)\n", kept());
  return 0;
}

}  // namespace

}  // namespace practicum::bench

int main(int argc, char** argv) {
  try {
    return practicum::bench::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "practicum-bench-consultation: %s\n", e.what());
    return 1;
  }
}
