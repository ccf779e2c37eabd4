#include "core/consultation/scripted_patient.h"

#include "core/consultation/lexicon.h"
#include "core/consultation/lexicon_engine.h"
#include "core/consultation/patient_voice.h"
#include "core/consultation/reading_cache.h"
#include "core/consultation/topics.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <set>

namespace practicum::consultation {

namespace {

using voice::Act;
using lexicon::Reading;
using lexicon::read;

constexpr std::size_t kMostFactsPerReply = 3;
constexpr int kMaxOverlapCounted = 5;
constexpr std::string_view kFacet = "facet_";
/// The facets a probe asks for: "how often, exactly?" digs for a frequency, "how much?" an amount.
constexpr std::string_view kProbeFacets[] = {"facet_how_often", "facet_how_much"};

// ---------------------------------------------------------------------------------------------
// Deterministic choice: a hash of (seed, turn, message, what is being chosen), never a clock or
// a global generator, so a session replays identically.

std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ull;
  }
  return h;
}

struct Chooser {
  std::uint64_t base = 0;
  std::uint64_t attempt = 0;

  std::size_t pick(std::string_view what, std::size_t n) const {
    if (n == 0) return 0;
    return static_cast<std::size_t>(mix(base ^ mix(fnv1a(what) + attempt)) % n);
  }
  /// True with probability 1/n.
  bool oneIn(std::string_view what, std::size_t n) const { return pick(what, n) == 0; }
};


std::string firstSentence(const std::string& answer) {
  auto sentences = lexicon::splitSentences(answer);
  return sentences.empty() ? answer : sentences.front();
}

bool isUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

/// Words the case writes with a capital in mid-sentence (names, places, brands): never
/// lower-cased when a sentence is continued after "Like I said, ".
std::set<std::string> properNouns(const Case& c) {
  std::set<std::string> out;
  const auto scan = [&](const std::string& text) {
    for (const auto& sentence : lexicon::splitSentences(text)) {
      std::size_t i = 0;
      bool first = true;
      while (i < sentence.size()) {
        while (i < sentence.size() && sentence[i] == ' ') ++i;
        std::size_t j = i;
        while (j < sentence.size() && sentence[j] != ' ') ++j;
        std::string word = sentence.substr(i, j - i);
        while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.back()))) word.pop_back();
        if (!first && !word.empty() && isUpper(word.front())) out.insert(word);
        first = false;
        i = j;
      }
    }
  };
  scan(c.openingLine);
  for (const auto& f : c.facts) scan(f.answer);
  return out;
}

// ---------------------------------------------------------------------------------------------

struct Candidate {
  std::size_t index = 0;
  bool direct = false;  ///< one of the fact's own topics was asked about
  int topic = -1;       ///< position in the question's topics of the topic that reached it
  bool told = false;
  int overlap = 0;
  int facets = 0;  ///< facets (how often, how much…) the question asks for and the answer tells
  int score = 0;
};

/// The lexicon's facets ("how often", "how much"…) found in `cues`.
std::vector<std::string> facetsOf(const std::vector<std::string>& cues) {
  std::vector<std::string> out;
  for (const auto& cue : cues) {
    if (cue.starts_with(kFacet)) out.push_back(cue);
  }
  return out;
}

bool isProbeFacet(std::string_view facet) {
  return std::find(std::begin(kProbeFacets), std::end(kProbeFacets), facet) != std::end(kProbeFacets);
}

/// read() and normalise(), through the cache when there is one.
struct Reader {
  lexicon::ReadingCache* cache = nullptr;

  std::shared_ptr<const Reading> reading(std::string_view text) const {
    return cache ? cache->reading(text) : std::make_shared<const Reading>(read(text));
  }
  std::shared_ptr<const std::string> normalised(std::string_view text) const {
    return cache ? cache->normalised(text) : std::make_shared<const std::string>(normalise(text));
  }
};

/// What the patient knows from the turns before the message.
struct History {
  std::set<std::string> askedTopics;
  std::vector<std::string_view> replies;  ///< the patient's own words, viewing the transcript
  std::vector<std::shared_ptr<const std::string>> normalisedReplies;
  std::size_t userTurns = 0;
};

History readHistory(const Transcript& history, const Reader& reader) {
  History h;
  for (const auto& turn : history) {
    if (turn.sender == Sender::User) {
      ++h.userTurns;
      const auto r = reader.reading(turn.text);
      h.askedTopics.insert(r->topics.begin(), r->topics.end());
    } else if (turn.sender == Sender::Patient) {
      h.replies.push_back(turn.text);
      h.normalisedReplies.push_back(reader.normalised(turn.text));
    }
  }
  return h;
}

}  // namespace

ScriptedPatient::ScriptedPatient(const Case& c, std::string patientName, std::uint64_t seed)
    : case_(c), name_(std::move(patientName)), seed_(seed) {}

std::string ScriptedPatient::opening() const {
  return case_.openingLine;
}

std::vector<std::string> ScriptedPatient::templateSentences() const {
  return voice::allSentences(voice::voiceOf(case_, name_));
}

std::vector<std::string> ScriptedPatient::sentencePrefixes() const {
  auto out = voice::restatementOpeners(voice::voiceOf(case_, name_));
  for (const auto& filler : case_.persona.fillers) {
    std::string f = filler;
    if (!f.empty() && f[0] >= 'a' && f[0] <= 'z') f[0] = static_cast<char>(f[0] - 'a' + 'A');
    out.push_back(f + ", ");
  }
  return out;
}

PatientReply ScriptedPatient::respond(const Transcript& history, std::string_view message,
                                      lexicon::ReadingCache* cache) const {
  const Reader reader{cache};
  const auto v = voice::voiceOf(case_, name_);
  const History past = readHistory(history, reader);
  // Through the cache too: the next reply finds this message in its history.
  const auto reading = reader.reading(message);
  const Reading& r = *reading;
  const auto questionWords = lexicon::contentWords(message);
  const auto askedFacets = facetsOf(r.cues);
  const Level talk = case_.persona.talkativeness;

  // Topics the student set aside ("anything else apart from coffee?") rank last.
  std::vector<std::string> setAside;
  {
    const std::string n = normalise(message);
    for (const std::string_view marker : {"apart from ", "other than ", "besides ", "except ", "aside from ",
                                          "as well as ", "on top of ", "not counting ", "instead of "}) {
      const auto at = n.find(marker);
      if (at == std::string::npos) continue;
      for (auto& t : analyse(n.substr(at + marker.size())).topics) setAside.push_back(std::move(t));
    }
  }

  // Which facts the question can draw out, by their disclosure, and how well.
  std::vector<Candidate> candidates;
  bool probeWithheld = false;
  for (std::size_t i = 0; i < case_.facts.size(); ++i) {
    const Fact& f = case_.facts[i];
    int best = -1;
    int matched = 0;
    bool askedBefore = false;
    bool onlySetAside = true;
    for (const auto& t : f.topics) {
      const auto it = std::find(r.topics.begin(), r.topics.end(), t);
      if (it == r.topics.end()) continue;
      const int rank = static_cast<int>(it - r.topics.begin());
      best = best < 0 ? rank : std::min(best, rank);
      ++matched;
      askedBefore |= past.askedTopics.count(t) > 0;
      onlySetAside &= std::find(setAside.begin(), setAside.end(), t) != setAside.end();
    }
    const bool touchesOwnTopic = matched > 0;
    int generalRank = -1;
    bool openDomain = false;
    for (std::size_t k = 0; k < r.topics.size(); ++k) {
      const Topic* topic = findTopic(r.topics[k]);
      if (!topic || topic->domain != f.domain) continue;
      if (topic->general && generalRank < 0) generalRank = static_cast<int>(k);
      if (r.open) openDomain = true;
    }
    bool eligible = false;
    switch (f.disclosure) {
      case Disclosure::Volunteered:
        eligible = touchesOwnTopic || generalRank >= 0 || openDomain;
        break;
      case Disclosure::WhenAsked:
        eligible = touchesOwnTopic;
        break;
      case Disclosure::Probed:
        eligible = touchesOwnTopic && (r.probing || askedBefore);
        if (touchesOwnTopic && !eligible) probeWithheld = true;
        break;
    }
    if (!eligible) continue;

    Candidate c;
    c.index = i;
    c.direct = touchesOwnTopic;
    c.topic = touchesOwnTopic ? best : generalRank >= 0 ? generalRank : -1;
    const std::string firstNorm = normalise(firstSentence(f.answer));
    c.told = std::any_of(past.normalisedReplies.begin(), past.normalisedReplies.end(),
                         [&](const auto& reply) { return reply->find(firstNorm) != std::string::npos; });
    const auto answerWords = lexicon::contentWords(f.answer);
    for (const auto& w : questionWords) {
      if (std::find(answerWords.begin(), answerWords.end(), w) != answerWords.end()) ++c.overlap;
    }
    // What the question asks for beyond its topic (how often, how much, readings at home…) and
    // whether this answer tells it. A probe digs out the hidden fact it asks for: "how often?"
    // does not draw the one that says how much.
    bool probesForFacet = false;
    bool tellsProbedFacet = false;
    if (!askedFacets.empty()) {
      const auto told = lexicon::facets(f.answer);
      for (const auto& facet : askedFacets) {
        const bool tells = std::find(told.begin(), told.end(), facet) != told.end();
        c.facets += tells ? 1 : 0;
        probesForFacet |= isProbeFacet(facet);
        tellsProbedFacet |= isProbeFacet(facet) && tells;
      }
    }
    const bool probeFits = f.disclosure == Disclosure::Probed && r.probing && (!probesForFacet || tellsProbedFacet);
    // Its own topic first (the more specific, the better), then the domain's general question,
    // then an open question about the domain; within those, the closer wording, the answer that
    // tells what the question asks for (how often, how much…), a probe's hidden fact when the
    // student probes for it, and key findings.
    if (touchesOwnTopic)
      c.score = 1000 - 30 * best + 25 * (matched - 1) - (onlySetAside ? 400 : 0);
    else if (generalRank >= 0)
      c.score = 800 - 30 * generalRank;
    else
      c.score = 500;
    c.score += 50 * std::min(c.overlap, kMaxOverlapCounted) + 80 * c.facets + (f.key ? 15 : 0) + (probeFits ? 80 : 0);
    candidates.push_back(c);
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.index < b.index;
  });

  const std::size_t limit = talk == Level::Low ? 1 : talk == Level::Medium ? 2 : 3;
  std::vector<Candidate> tell;
  std::optional<Candidate> restate;
  // Asked again about something already told, the patient does not change the subject.
  const bool againOnTopic = !candidates.empty() && candidates.front().direct && candidates.front().told;
  for (const auto& c : candidates) {
    if (c.told || tell.size() >= kMostFactsPerReply || (againOnTopic && !c.direct)) continue;
    // A quiet patient still answers both halves of a question that asks two things.
    const bool secondHalf =
        talk == Level::Low && tell.size() == 1 && c.direct && tell.front().direct && c.topic != tell.front().topic;
    const bool close = c.direct && c.overlap >= 2;
    if (tell.size() < limit || secondHalf || close) tell.push_back(c);
  }
  // Asked again about what was already said: say it again, briefly, unless a reflection only
  // checks what was said.
  if (tell.empty() && !candidates.empty() && !r.confirming) restate = candidates.front();

  // Only a filler or a restatement needs them: not worth scanning the whole case on every reply.
  std::optional<std::set<std::string>> proper;
  const auto lowerFirst = [&](std::string s) {
    if (!proper) proper = properNouns(case_);
    std::size_t end = 0;
    while (end < s.size() && s[end] != ' ' && s[end] != ',' && s[end] != '\'') ++end;
    const std::string word = s.substr(0, end);
    const bool keep = word.empty() || word == "I" || proper->count(word) > 0 ||
                      std::any_of(word.begin() + 1, word.end(), [](char ch) { return isUpper(ch); });
    if (!keep && isUpper(s[0])) s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
  };

  const std::string normalisedMessage = normalise(message);
  const std::uint64_t base = mix(seed_ ^ mix(past.userTurns + 1) ^ fnv1a(normalisedMessage));

  const auto compose = [&](std::uint64_t attempt, std::vector<std::string>& disclosed) {
    const Chooser choose{base, attempt};
    const auto say = [&](Act act) {
      const auto options = voice::wordings(v, act);
      return options[choose.pick(std::to_string(static_cast<int>(act)), options.size())];
    };
    std::vector<std::string> parts;
    disclosed.clear();

    // Openers: greeting, how-are-you, name.
    const bool asksName = r.has("ask_name");
    if (r.acts.greeting) parts.push_back(say(Act::Greeting));
    if (r.has("how_are_you")) parts.push_back(say(Act::HowAreYou));
    if (asksName) {
      const bool permission = normalisedMessage.find("call you") != std::string::npos;
      parts.push_back(say(permission ? Act::Consent : Act::Name));
    } else if (r.acts.introduction && !r.acts.greeting) {
      parts.push_back(say(Act::Introduced));
    }
    const std::size_t openers = parts.size();

    if (!tell.empty()) {
      const std::size_t fillerOdds = talk == Level::High ? 2 : talk == Level::Medium ? 3 : 6;
      for (std::size_t k = 0; k < tell.size(); ++k) {
        const Fact& f = case_.facts[tell[k].index];
        std::string text = f.answer;
        if (k == 0 && !case_.persona.fillers.empty() && choose.oneIn("filler?", fillerOdds)) {
          std::string filler = case_.persona.fillers[choose.pick("filler", case_.persona.fillers.size())];
          if (!filler.empty() && filler[0] >= 'a' && filler[0] <= 'z')
            filler[0] = static_cast<char>(filler[0] - 'a' + 'A');
          text = filler + ", " + lowerFirst(text);
        }
        parts.push_back(text);
        disclosed.push_back(f.id);
      }
    } else if (restate) {
      const Fact& f = case_.facts[restate->index];
      const auto openersList = voice::restatementOpeners(v);
      parts.push_back(openersList[choose.pick("restate", openersList.size())] + lowerFirst(firstSentence(f.answer)));
      disclosed.push_back(f.id);
    } else if (r.has("consent") || (r.acts.purpose && r.topics.empty())) {
      parts.push_back(say(Act::Consent));
    } else if (r.acts.summary || r.acts.recallReview) {
      parts.push_back(say(Act::Summary));
    } else if (r.has("any_questions")) {
      parts.push_back(say(Act::NoQuestions));
    } else if (r.acts.checksUnderstanding) {
      parts.push_back(say(Act::Understanding));
    } else if (r.acts.closing) {
      parts.push_back(say(Act::Closing));
    } else if (!r.topics.empty()) {
      const bool aboutChange = std::find(r.topics.begin(), r.topics.end(), "motivation") != r.topics.end() ||
                               std::find(r.topics.begin(), r.topics.end(), "goals") != r.topics.end();
      if (r.confirming)
        parts.push_back(say(Act::Reflection));
      else if (probeWithheld)
        parts.push_back(say(Act::Hedge));
      else if (aboutChange)
        parts.push_back(say(Act::Readiness));
      else
        parts.push_back(say(Act::Deflect));
    } else if (r.acts.empathy) {
      parts.push_back(say(Act::Empathy));
    } else if (r.acts.reflection) {
      parts.push_back(say(Act::Reflection));
    } else if (r.has("anything_else")) {
      parts.push_back(say(Act::NothingElse));
    } else if (r.has("thanks") && openers == 0) {
      parts.push_back(say(Act::Thanks));
    } else if (r.acts.question) {
      parts.push_back(say(Act::Deflect));
    } else if (openers == 0) {
      parts.push_back(say(Act::Acknowledge));
    }

    std::string text;
    for (auto p : parts) {
      // Each part ends a sentence, so the next one never runs on into it.
      while (!p.empty() && (p.back() == ' ' || p.back() == '\n')) p.pop_back();
      if (p.empty()) continue;
      if (p.back() != '.' && p.back() != '!' && p.back() != '?' && p.back() != '"' && p.back() != ')') p += '.';
      if (!text.empty()) text += ' ';
      text += p;
    }
    return text;
  };

  PatientReply reply;
  // Never the same words twice: vary every choice until the reply is new.
  constexpr std::uint64_t kAttempts = 12;
  for (std::uint64_t attempt = 0; attempt < kAttempts; ++attempt) {
    reply.text = compose(attempt, reply.disclosedFacts);
    if (std::find(past.replies.begin(), past.replies.end(), reply.text) == past.replies.end()) return reply;
  }
  const auto more = voice::wordings(v, Act::MoreOfTheSame);
  for (std::size_t k = 0; k < more.size(); ++k) {
    const std::string candidate = reply.text + " " + more[k];
    if (std::find(past.replies.begin(), past.replies.end(), candidate) == past.replies.end()) {
      reply.text = candidate;
      return reply;
    }
  }
  reply.text += " " + more.front() + " " + more.back();
  return reply;
}

}  // namespace practicum::consultation
