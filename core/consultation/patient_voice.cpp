#include "core/consultation/patient_voice.h"

#include "core/consultation/lexicon.h"
#include "core/consultation/lexicon_engine.h"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace practicum::consultation::voice {

namespace {

using List = std::vector<std::string_view>;

/// Placeholders: {name} {first} {speaker} {relation} {they} {them} ({They} capitalised).
std::string fill(std::string_view text, const Voice& v) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const auto close = text.find('}', i);
      const auto key = text.substr(i + 1, close - i - 1);
      std::string value;
      if (key == "name")
        value = v.name;
      else if (key == "first")
        value = v.first;
      else if (key == "speaker")
        value = v.speakerName;
      else if (key == "relation")
        value = v.relation;
      else if (key == "they")
        value = v.subject;
      else if (key == "them")
        value = v.object;
      else if (key == "They") {
        value = v.subject;
        if (!value.empty() && value[0] >= 'a' && value[0] <= 'z') value[0] = static_cast<char>(value[0] - 'a' + 'A');
      }
      out += value;
      i = close + 1;
    } else {
      out += text[i++];
    }
  }
  return out;
}

List selfWordings(Act act, Mood mood, Readiness readiness) {
  switch (act) {
    case Act::Greeting:
      switch (mood) {
        case Mood::Warm:
          return {"Hello, nice to meet you.", "Hi there, thanks for seeing me.", "Hello! Lovely to meet you."};
        case Mood::Anxious:
          return {"Oh, hello.", "Hi. Sorry, I'm a bit nervous.", "Hello, nice to meet you."};
        case Mood::Guarded:
          return {"Hello.", "Hi.", "Alright."};
        case Mood::Neutral:
          return {"Hello.", "Hi, nice to meet you.", "Hello there."};
      }
      break;
    case Act::HowAreYou:
      switch (mood) {
        case Mood::Warm:
          return {"I'm fine, thanks for asking.", "Not bad at all, thank you.", "I'm well, thanks."};
        case Mood::Anxious:
          return {"I'm okay, a bit nervous.", "Alright, I think. Thanks for asking.", "I'm okay, thank you."};
        case Mood::Guarded:
          return {"I'm alright.", "Fine, I suppose.", "Could be worse."};
        case Mood::Neutral:
          return {"I'm okay, thanks.", "Not too bad, thanks.", "I'm fine, thank you."};
      }
      break;
    case Act::Introduced:
      switch (mood) {
        case Mood::Warm:
          return {"Nice to meet you.", "Lovely to meet you.", "Hello, nice to meet you too."};
        case Mood::Anxious:
          return {"Nice to meet you too.", "Okay, hello.", "Hi, nice to meet you."};
        case Mood::Guarded:
          return {"Right.", "Okay.", "Hello."};
        case Mood::Neutral:
          return {"Nice to meet you.", "Okay, nice to meet you.", "Hello."};
      }
      break;
    case Act::Name:
      return {"I'm {name}.", "Yes, I'm {name}.", "It's {name}."};
    case Act::Consent:
      switch (mood) {
        case Mood::Warm:
          return {"Yes, that's fine.", "Of course, go ahead.", "Yes, that sounds good."};
        case Mood::Anxious:
          return {"Okay, yes.", "Yes, that's fine.", "Okay. Yes, go ahead."};
        case Mood::Guarded:
          if (readiness == Readiness::Precontemplation) return {"I suppose so.", "If we have to.", "Go on then."};
          return {"Fine.", "Go on then.", "Okay."};
        case Mood::Neutral:
          return {"Yes, that's fine.", "Okay.", "Sure, go ahead."};
      }
      break;
    case Act::Acknowledge:
      if (mood == Mood::Guarded) return {"Right.", "Okay.", "Mm."};
      return {"Okay.", "Right, okay.", "Mm-hm."};
    case Act::Empathy:
      switch (mood) {
        case Mood::Warm:
          return {"Thank you, that's kind.", "Thanks, I appreciate that.", "Thank you."};
        case Mood::Anxious:
          return {"Thank you. That helps a bit.", "Thanks, I appreciate that.", "Thank you for saying that."};
        case Mood::Guarded:
          return {"Yeah, well.", "I suppose.", "Right."};
        case Mood::Neutral:
          return {"Thanks.", "Yes, thank you.", "Thank you."};
      }
      break;
    case Act::Reflection:
      switch (mood) {
        case Mood::Guarded:
          return {"Maybe.", "Something like that.", "I suppose so."};
        case Mood::Anxious:
          return {"I think so, yes.", "Yes, I suppose that's it.", "Mm, I think so."};
        default:
          return {"Mm, I suppose so.", "Yes, I think so.", "Mm-hm."};
      }
    case Act::Summary:
      if (mood == Mood::Guarded) return {"Yes, that's about it.", "I suppose so.", "Sounds about right."};
      return {"Yes, that sounds about right.", "Yes, I think that's it.", "That sounds right, yes."};
    case Act::Understanding:
      if (mood == Mood::Guarded) return {"I suppose so.", "Yes, I get it.", "I think so."};
      if (mood == Mood::Anxious) return {"I think so, yes.", "Yes, I think I understand.", "Mostly, yes."};
      return {"Yes, that makes sense.", "Yes, I understand.", "That makes sense, thank you."};
    case Act::NoQuestions:
      if (mood == Mood::Anxious)
        return {"Um, not that I can think of.", "I don't think so, no.", "Not right now, thank you."};
      return {"No, I don't think so.", "Not right now, thanks.", "No, I think that's all."};
    case Act::Thanks:
      return {"You're welcome.", "No problem.", "That's okay."};
    case Act::Closing:
      switch (readiness) {
        case Readiness::Precontemplation:
          return {"Okay. Thanks, I suppose.", "Right. I'll see how it goes.", "Okay then. Bye."};
        case Readiness::Contemplation:
          return {"Thank you. I'll have a think about it.", "Thanks, that's given me something to think about.",
                  "Okay, thank you. Bye for now."};
        case Readiness::Preparation:
          return {"Thank you, I'm going to give it a go.", "Thanks, I feel ready to make a start.",
                  "Thank you, see you next time."};
        case Readiness::Action:
          return {"Thanks, I'm keen to keep going.", "Thank you, that's really helpful.",
                  "Great, thank you. See you next time."};
        case Readiness::Maintenance:
          return {"Thank you, I'll keep going as I am.", "Thanks, that's reassuring.", "Thank you, see you next time."};
      }
      break;
    case Act::Deflect:
      if (mood == Mood::Guarded)
        return {"No idea, to be honest.", "Couldn't tell you.", "I don't really know about that."};
      return {"I'm not sure, to be honest. Nobody's asked me that.", "I don't really know about that.",
              "Hmm, I couldn't tell you.", "I'm not sure. I haven't really thought about it."};
    case Act::Hedge:
      if (mood == Mood::Guarded) return {"Why do you ask?", "Depends.", "Hard to say."};
      return {"Hmm, what do you mean exactly?", "It's hard to say, really.",
              "Um, it depends. What would you like to know?"};
    case Act::NothingElse:
      return {"I can't think of anything else right now.", "No, I think that's it for now.",
              "Nothing else comes to mind."};
    case Act::Readiness:
      switch (readiness) {
        case Readiness::Precontemplation:
          return {"I'm not really sure I need to change anything, to be honest.",
                  "I don't know that I need to do much differently."};
        case Readiness::Contemplation:
          return {"I know I probably should change some things. I'm just not sure where to start.",
                  "I've been thinking about it, but I'm not sure I can."};
        case Readiness::Preparation:
          return {"I want to make some changes. I just need a plan.", "I'm ready to try, I think."};
        case Readiness::Action:
          return {"I've started making changes and I want to keep going.",
                  "I'm trying hard already, and I want to get it right."};
        case Readiness::Maintenance:
          return {"I want to keep doing what I'm doing.", "I just want to stay on track."};
      }
      break;
    case Act::MoreOfTheSame:
      return {"That's really all I can tell you.", "I don't think there's much more to it.",
              "That's about it, really."};
  }
  return {"Okay."};
}

/// A parent or carer speaks: the same acts in their voice, about the child.
List speakerWordings(Act act, Mood mood, Readiness readiness) {
  switch (act) {
    case Act::Greeting:
      if (mood == Mood::Guarded) return {"Hello.", "Hi.", "Hello. I'm {speaker}, {first}'s {relation}."};
      return {"Hello, I'm {speaker}, {first}'s {relation}.", "Hi, nice to meet you. I'm {first}'s {relation}.",
              "Hello, thanks for seeing us."};
    case Act::HowAreYou:
      return {"We're okay, thanks.", "Not too bad, thank you.", "We're fine, thanks for asking."};
    case Act::Name:
      return {"I'm {speaker}, {first}'s {relation}.", "I'm {speaker}. This is {first}.",
              "I'm {first}'s {relation}, {speaker}."};
    case Act::Empathy:
      if (mood == Mood::Guarded) return {"Yeah, well.", "I suppose.", "Right."};
      return {"Thank you. It's been a worry.", "Thanks, I appreciate that.", "Thank you, that's kind."};
    case Act::Closing:
      switch (readiness) {
        case Readiness::Precontemplation:
          return {"Okay. Thanks, I suppose.", "Right. We'll see how it goes.", "Okay then. Bye."};
        case Readiness::Contemplation:
          return {"Thank you. I'll have a think about it at home.", "Thanks, that's given me something to think about.",
                  "Okay, thank you. Bye for now."};
        default:
          return {"Thank you, we'll give it a go at home.", "Thanks, that's really helpful for us.",
                  "Thank you, see you next time."};
      }
    case Act::Deflect:
      return {"I'm not sure, to be honest. Nobody's asked me that.", "I don't really know about that, sorry.",
              "I couldn't tell you, I'm afraid.", "I'm not sure. I'd have to think about it."};
    case Act::Hedge:
      return {"Hmm, what do you mean exactly?", "It's hard to say, really.",
              "It depends. What would you like to know?"};
    case Act::Readiness:
      switch (readiness) {
        case Readiness::Precontemplation:
          return {"I'm not really sure we need to change anything, to be honest.",
                  "I don't know that we need to do much differently."};
        case Readiness::Contemplation:
          return {"I know we probably need to change some things at home. I'm just not sure where to start.",
                  "I've been thinking about it, but I'm not sure how we'd manage."};
        case Readiness::Preparation:
          return {"I want to make some changes at home. I just need a plan.", "We're ready to try, I think."};
        case Readiness::Action:
          return {"We've started making changes and I want to keep going.",
                  "We're trying hard already, and I want to get it right for {them}."};
        case Readiness::Maintenance:
          return {"I want to keep doing what we're doing.", "I just want us to stay on track."};
      }
      break;
    default:
      break;
  }
  return selfWordings(act, mood, readiness);
}

constexpr std::array kAllActs{Act::Greeting,    Act::HowAreYou, Act::Introduced,   Act::Name,    Act::Consent,
                              Act::Acknowledge, Act::Empathy,   Act::Reflection,   Act::Summary, Act::Understanding,
                              Act::NoQuestions, Act::Thanks,    Act::Closing,      Act::Deflect, Act::Hedge,
                              Act::NothingElse, Act::Readiness, Act::MoreOfTheSame};

std::size_t countWords(const std::string& normalised, std::initializer_list<std::string_view> words) {
  const std::string padded = " " + normalised + " ";
  std::size_t n = 0;
  for (auto w : words) {
    const std::string needle = " " + std::string(w) + " ";
    for (auto pos = padded.find(needle); pos != std::string::npos; pos = padded.find(needle, pos + 1)) ++n;
  }
  return n;
}

}  // namespace

Mood moodOf(std::string_view mood) {
  // The first telling word wins: "cheerful, slightly dismissive" is cheerful first.
  struct Cue {
    std::string_view word;
    Mood mood;
  };
  static const std::vector<Cue> kCues{
      {"irritab", Mood::Guarded},    {"grump", Mood::Guarded},
      {"gruff", Mood::Guarded},      {"defensive", Mood::Guarded},
      {"reluctant", Mood::Guarded},  {"scepti", Mood::Guarded},
      {"skepti", Mood::Guarded},     {"annoy", Mood::Guarded},
      {"resist", Mood::Guarded},     {"dismissive", Mood::Guarded},
      {"guarded", Mood::Guarded},    {"hostile", Mood::Guarded},
      {"curt", Mood::Guarded},       {"impatient", Mood::Guarded},
      {"angry", Mood::Guarded},      {"frustrat", Mood::Guarded},
      {"fed up", Mood::Guarded},     {"withdrawn", Mood::Guarded},
      {"wary", Mood::Guarded},       {"closed", Mood::Guarded},
      {"anxious", Mood::Anxious},    {"worried", Mood::Anxious},
      {"nervous", Mood::Anxious},    {"embarrass", Mood::Anxious},
      {"shy", Mood::Anxious},        {"apprehensive", Mood::Anxious},
      {"tearful", Mood::Anxious},    {"overwhelm", Mood::Anxious},
      {"stressed", Mood::Anxious},   {"self conscious", Mood::Anxious},
      {"uneasy", Mood::Anxious},     {"scared", Mood::Anxious},
      {"timid", Mood::Anxious},      {"exhausted", Mood::Anxious},
      {"friendly", Mood::Warm},      {"cheerful", Mood::Warm},
      {"chatty", Mood::Warm},        {"keen", Mood::Warm},
      {"motivated", Mood::Warm},     {"enthusias", Mood::Warm},
      {"upbeat", Mood::Warm},        {"warm", Mood::Warm},
      {"positive", Mood::Warm},      {"bubbly", Mood::Warm},
      {"eager", Mood::Warm},         {"pleasant", Mood::Warm},
      {"optimistic", Mood::Warm},    {"talkative", Mood::Warm},
      {"joking", Mood::Warm},        {"calm", Mood::Neutral},
      {"analytical", Mood::Neutral}, {"stoic", Mood::Neutral},
      {"polite", Mood::Neutral},     {"matter of fact", Mood::Neutral},
      {"quiet", Mood::Neutral},
  };
  const std::string m = " " + normalise(mood);
  std::size_t best = std::string::npos;
  Mood found = Mood::Neutral;
  for (const auto& cue : kCues) {
    const auto at = m.find(" " + std::string(cue.word));
    if (at != std::string::npos && at < best) {
      best = at;
      found = cue.mood;
    }
  }
  return found;
}

Voice voiceOf(const Case& c, const std::string& patientName) {
  Voice v;
  v.mood = moodOf(c.persona.mood);
  v.readiness = c.persona.readiness;
  v.name = patientName;
  v.first = patientName.substr(0, patientName.find(' '));
  if (c.speaker) {
    v.speaker = true;
    v.speakerName = c.speaker->name;
    v.relation = c.speaker->relation;
    // The parent talks about the child: read the case's own pronouns for them.
    std::string all = normalise(c.openingLine);
    for (const auto& f : c.facts) all += " " + normalise(f.answer);
    const auto she = countWords(all, {"she", "her", "hers", "herself"});
    const auto he = countWords(all, {"he", "him", "his", "himself"});
    if (she > he) {
      v.subject = "she";
      v.object = "her";
    } else if (he > she) {
      v.subject = "he";
      v.object = "him";
    } else {
      v.subject = v.first;
      v.object = v.first;
    }
  }
  return v;
}

std::vector<std::string> wordings(const Voice& v, Act act) {
  const List list = v.speaker ? speakerWordings(act, v.mood, v.readiness) : selfWordings(act, v.mood, v.readiness);
  std::vector<std::string> out;
  for (auto w : list) out.push_back(fill(w, v));
  if (out.empty()) out.emplace_back("Okay.");
  return out;
}

std::vector<std::string> restatementOpeners(const Voice& v) {
  if (v.mood == Mood::Guarded) return {"Like I said, ", "I already said, ", "As I said, ", "Like I told you, "};
  return {"Like I said, ",      "As I mentioned, ",  "Like I told you, ",
          "As I said before, ", "Well, as I said, ", "I think I mentioned, "};
}

std::vector<std::string> allSentences(const Voice& v) {
  std::vector<std::string> out;
  for (const auto act : kAllActs) {
    for (const auto& w : wordings(v, act)) {
      for (auto& s : lexicon::splitSentences(w)) out.push_back(std::move(s));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace practicum::consultation::voice
