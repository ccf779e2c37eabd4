#pragma once
/// The offline simulated patient: answers from the case alone, in character, obeying each fact's
/// disclosure; deflects what the case does not cover (never invents a fact); deterministic for a
/// given case, transcript and seed. Stateless between calls: everything it needs is in the
/// transcript, so a server can answer any session from the database alone. A ReadingCache passed
/// to respond() saves re-reading the transcript's earlier turns on every reply; it changes nothing
/// in the reply.

#include "core/consultation/case.h"
#include "core/consultation/transcript.h"

#include <cstdint>
#include <string>
#include <vector>

namespace practicum::consultation {

namespace lexicon {
class ReadingCache;
}

struct PatientReply {
  std::string text;
  std::vector<std::string> disclosedFacts;  ///< ids of the facts this reply tells, in order
};

class ScriptedPatient {
public:
  /// `patientName` is how the patient introduces themself; `seed` varies wording between sessions.
  ScriptedPatient(const Case& c, std::string patientName, std::uint64_t seed);

  /// The first thing the patient says when the session starts.
  std::string opening() const;
  /// The reply to `message`, given everything said before it (`history`, oldest first,
  /// feedback turns ignored). With a `cache`, each turn is read through it: a turn read for an
  /// earlier reply (in any session of the process) is not read again.
  PatientReply respond(const Transcript& history, std::string_view message,
                       lexicon::ReadingCache* cache = nullptr) const;

  /// Every sentence the engine itself may say (greetings, consent, acknowledgements,
  /// deflections, closing…), names filled in. Any other sentence of a reply is a sentence of a
  /// fact's answer, possibly after one of sentencePrefixes(): that is how the patient never
  /// states anything the case does not.
  std::vector<std::string> templateSentences() const;
  /// What may open a fact's sentence in a reply: "Like I said, " and the persona's fillers
  /// ("To be honest, "). The sentence after it may start with a lower-case letter.
  std::vector<std::string> sentencePrefixes() const;

private:
  const Case& case_;
  std::string name_;
  std::uint64_t seed_;
};

}  // namespace practicum::consultation
