#pragma once
/// Understanding what a student says: which topics a question is about and what kind of
/// conversational act it is. Shared by the scripted patient (to answer) and the evaluator (to
/// score), so both read a transcript the same way. Deterministic, dictionary-driven, Qt-free.

#include <string>
#include <string_view>
#include <vector>

namespace practicum::consultation {

struct Utterance {
  std::vector<std::string> topics;  ///< topic ids (see topics.h) recognised, most specific first
  bool question = false;            ///< asks something (a '?' or an interrogative form)
  bool open = false;                ///< an open question: what/how/tell me/describe/walk me through…
  bool probing = false;             ///< a follow-up digging deeper: exactly, how much, how often, specifically…
  // Conversational acts
  bool greeting = false;             ///< hello, good morning
  bool introduction = false;         ///< the student gives their own name or role ("I'm a student dietitian")
  bool purpose = false;              ///< states why we are here / what the session will cover / asks consent
  bool empathy = false;              ///< acknowledges feelings: "that sounds hard", "I understand"
  bool reflection = false;           ///< reflects back: "so you feel…", "it sounds like…"
  bool summary = false;              ///< summarises: "so to sum up", "let me recap"
  bool checksUnderstanding = false;  ///< "does that make sense?", "what did you understand?"
  bool closing = false;              ///< next steps, follow-up, goodbye, thanks for coming
  // 24-hour recall passes (multiple-pass method)
  bool recallQuickList = false;    ///< asks for everything eaten and drunk in the last 24 hours / yesterday
  bool recallForgotten = false;    ///< prompts for commonly forgotten items: drinks, snacks, sweets, extras
  bool recallTimeOccasion = false; ///< asks when and where each eating occasion happened
  bool recallDetail = false;       ///< asks amounts, preparation, brands, additions
  bool recallReview = false;       ///< reads the recall back for a final check

  bool operator==(const Utterance&) const = default;
};

/// Analyses one thing the student said.
Utterance analyse(std::string_view text);

/// Lower-case ASCII, punctuation folded to spaces, common contractions expanded: the form the
/// lexicon's phrases are written in.
std::string normalise(std::string_view text);

}  // namespace practicum::consultation
