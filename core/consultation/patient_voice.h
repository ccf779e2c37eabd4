#pragma once
/// The scripted patient's own words: the fixed sentences it says around the case's facts
/// (greetings, consent, acknowledgements, deflections, closing), chosen by persona. None of
/// them carries clinical content; everything clinical a patient says is a fact's answer.

#include "core/consultation/case.h"

#include <string>
#include <string_view>
#include <vector>

namespace practicum::consultation::voice {

enum class Act {
  Greeting,       ///< hello
  HowAreYou,      ///< "how are you?"
  Introduced,     ///< the student gave their name or role
  Name,           ///< the student asked the patient's name
  Consent,        ///< "is that ok?" / the student set out the session's purpose
  Acknowledge,    ///< a statement that asks nothing: "okay"
  Empathy,        ///< the student acknowledged feelings
  Reflection,     ///< the student reflected back and there is nothing new to add
  Summary,        ///< the student summarised or read the recall back
  Understanding,  ///< "does that make sense?"
  NoQuestions,    ///< "any questions?"
  Thanks,         ///< the student thanked the patient
  Closing,        ///< next steps, goodbye
  Deflect,        ///< a question the case does not cover
  Hedge,          ///< a question near a probe-only fact, not yet specific enough
  NothingElse,    ///< "anything else?" with nothing to add
  Readiness,      ///< goals or motivation the case has no fact about
  MoreOfTheSame,  ///< appended when every wording has already been used
};

/// Broad reading of the case's free-text mood.
enum class Mood { Warm, Anxious, Guarded, Neutral };
Mood moodOf(std::string_view mood);

/// Who is talking and about whom, for filling in templates.
struct Voice {
  Mood mood = Mood::Neutral;
  Readiness readiness = Readiness::Contemplation;
  bool speaker = false;     ///< a parent or carer answers
  std::string name;         ///< the patient's full name
  std::string first;        ///< the patient's first name
  std::string speakerName;  ///< the one answering, when a speaker
  std::string relation;     ///< "mother"…
  std::string subject;      ///< "she", "he" or the first name (a speaker's child)
  std::string object;       ///< "her", "him" or the first name
};

Voice voiceOf(const Case& c, const std::string& patientName);

/// The wordings of `act` for this voice, names filled in (never empty).
std::vector<std::string> wordings(const Voice& v, Act act);

/// Openers for saying a fact again ("Like I said, "), each followed by the fact's first sentence.
std::vector<std::string> restatementOpeners(const Voice& v);

/// Every sentence `wordings` can produce for this voice, split into sentences.
std::vector<std::string> allSentences(const Voice& v);

}  // namespace practicum::consultation::voice
