#pragma once
/// The machinery behind analyse(): the phrase table (lexicon_table.cpp) compiled once into rules,
/// and a detailed analysis that also reports the lexicon's private cues (asking the patient's
/// name, asking consent…) which the scripted patient needs but Utterance does not carry.

#include "core/consultation/lexicon.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace practicum::consultation::lexicon {

/// One row of the phrase table: `key` is a topic id, a flag ("@greeting"), a private cue
/// ("@ask_name") or "@block"; `patterns` is the mini-language documented in lexicon_table.cpp.
struct Entry {
  std::string_view key;
  std::string_view patterns;
};

/// The phrase table, in the order written.
std::span<const Entry> entries();

struct Analysis {
  Utterance utterance;
  std::vector<std::string> cues;  ///< private cues found, without the '@' ("ask_name", "consent"…)

  bool has(std::string_view cue) const;
};

Analysis analyseDetailed(std::string_view text);

/// The facets (the "@facet_…" cues, without the '@') of `text`: what a question asks for beyond
/// its topic, or what an answer tells ("facet_how_often" in "how often?" and in "every day").
/// The same as analyseDetailed(text)'s facet cues, for the cost of the facet rows alone.
std::vector<std::string> facets(std::string_view text);

/// A whole turn read sentence by sentence, the one way both the scripted patient (to answer) and
/// the evaluator (to score) read it, so "covered" means "the patient would have told it": a
/// sentence asks about its topics unless it only frames the conversation (purpose, summary,
/// closing, reading the recall back, consent, "any questions?") or only greets, introduces or
/// empathises. A question that only probes ("How often, exactly?") probes the topics asked
/// before it in the same turn.
struct Reading {
  std::vector<std::string> topics;  ///< asked about, most specific first
  bool probing = false;             ///< among the asking sentences
  bool open = false;                ///< likewise
  bool confirming = false;          ///< a reflection that states rather than asks
  Utterance acts;                   ///< every flag of every sentence
  std::vector<std::string> cues;    ///< private cues of every sentence

  bool has(std::string_view cue) const;
  bool operator==(const Reading&) const = default;
};

Reading read(std::string_view text);

/// The raw text split into sentences at . ? ! ; and line breaks (not at a decimal point),
/// each trimmed; empty sentences dropped. Shared with the scripted patient so that a fact's
/// answer and a reply are cut the same way.
std::vector<std::string> splitSentences(std::string_view text);

/// The words of `text` that carry meaning, in the lexicon's canonical, singular form, without
/// the common function words ("the", "do", "you"…): for telling how close an answer is to a
/// question.
std::vector<std::string> contentWords(std::string_view text);

}  // namespace practicum::consultation::lexicon
