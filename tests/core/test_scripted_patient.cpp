// The scripted patient: disclosure rules, persona, deflection and determinism on a small case
// written here, then on every shipped case (resources/cases/*.json) with the questions in
// tests/data/case_questions/<case>.json: each fact drawn out by its questions (hit rate >= 95%),
// probe-only facts hidden from unrelated questions, no sentence that is not the case's or the
// engine's own, no reply repeated word for word; and the same replies with a ReadingCache as
// without, one cache serving many threads and sessions.

#include "core/consultation/case.h"
#include "core/consultation/lexicon.h"
#include "core/consultation/lexicon_engine.h"
#include "core/consultation/reading_cache.h"
#include "core/consultation/scripted_patient.h"
#include "core/json_reader.h"

#include <boost/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace practicum;
using namespace practicum::consultation;

namespace {

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool discloses(const PatientReply& reply, std::string_view id) {
  return std::find(reply.disclosedFacts.begin(), reply.disclosedFacts.end(), id) != reply.disclosedFacts.end();
}

std::string lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string trimEnd(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ' ' || s.back() == '"' ||
                        s.back() == '\'' || s.back() == ')')) {
    s.pop_back();
  }
  return s;
}

/// Checks that every sentence of `reply` is the engine's own template, or a sentence of one of
/// the case's facts (after an optional "Like I said, " or filler); returns the sentences that are
/// neither.
std::vector<std::string> inventedSentences(const Case& c, const ScriptedPatient& patient, const std::string& reply) {
  std::set<std::string> templates;
  for (const auto& t : patient.templateSentences()) templates.insert(trimEnd(t));
  std::set<std::string> factSentences;
  for (const auto& f : c.facts) {
    for (const auto& s : lexicon::splitSentences(f.answer)) factSentences.insert(lower(trimEnd(s)));
  }
  const auto prefixes = patient.sentencePrefixes();
  std::vector<std::string> out;
  for (const auto& sentence : lexicon::splitSentences(reply)) {
    const std::string s = trimEnd(sentence);
    if (templates.count(s)) continue;
    bool ok = factSentences.count(lower(s)) > 0;
    for (const auto& p : prefixes) {
      if (!ok && s.starts_with(p)) ok = factSentences.count(lower(s.substr(p.size()))) > 0;
    }
    if (!ok) out.push_back(sentence);
  }
  return out;
}

Transcript conversation(std::initializer_list<std::pair<Sender, std::string>> turns) {
  Transcript t;
  for (const auto& [sender, text] : turns) t.push_back({sender, text});
  return t;
}

// =============================================================================================
// A small case of our own, for the rules one at a time.

constexpr const char* kFixture = R"({
  "schema_version": 1,
  "demographics": {"occupation": "Bus driver", "living_situation": "Lives with his wife"},
  "setting": "GP practice",
  "referral_reason": "Type 2 diabetes, rising HbA1c",
  "personality": {"talkativeness": "medium", "mood": "friendly but tired", "health_literacy": "medium",
                  "readiness_to_change": "contemplation", "fillers": ["to be honest", "you know"]},
  "opening_line": "Hello. The doctor sent me about my sugar.",
  "facts": [
    {"id": "hba1c", "domain": "biochemical", "topics": ["blood_glucose", "tests_general"],
     "answer": "The nurse said my HbA1c was 64. It was 53 last year.", "disclosure": "when_asked", "key": true},
    {"id": "cola", "domain": "food_nutrition_history", "topics": ["sugary_drinks", "drinks"],
     "answer": "I have about four cans of full-sugar cola on a shift.", "disclosure": "volunteered", "key": true},
    {"id": "breakfast", "domain": "food_nutrition_history", "topics": ["breakfast"],
     "answer": "Usually two slices of white toast with jam. Sometimes nothing if I'm late.",
     "disclosure": "when_asked"},
    {"id": "night_biscuits", "domain": "food_nutrition_history", "topics": ["night_eating", "snacks"],
     "answer": "When I get in from a late shift I'll have half a packet of biscuits.", "disclosure": "probed",
     "key": true},
    {"id": "weight", "domain": "anthropometric", "topics": ["weight_current", "body_general"],
     "answer": "I'm about 98 kilos now.", "disclosure": "when_asked"},
    {"id": "shifts", "domain": "client_social", "topics": ["occupation", "daily_routine"],
     "answer": "I drive buses on a rotating shift, earlies and lates.", "disclosure": "volunteered"},
    {"id": "metformin", "domain": "client_medications", "topics": ["medications"],
     "answer": "Metformin, 500 twice a day.", "disclosure": "when_asked"},
    {"id": "missed_doses", "domain": "client_medications", "topics": ["medication_use", "side_effects"],
     "answer": "I skip the evening one on lates because it upsets my stomach.", "disclosure": "probed"},
    {"id": "dad_diabetes", "domain": "client_family", "topics": ["family_history"],
     "answer": "My dad had diabetes and lost a toe to it.", "disclosure": "when_asked"},
    {"id": "tired", "domain": "physical_findings", "topics": ["energy", "symptoms_general"],
     "answer": "I'm shattered most afternoons.", "disclosure": "volunteered"}
  ],
  "recall_24h": [{"time": "07:00", "occasion": "breakfast", "place": "home",
                  "items": [{"food": "white toast", "amount": "2 slices"}]}],
  "expected_diagnoses": [{"problem": "Excessive carbohydrate intake", "etiology": "sugary drinks",
                          "signs_symptoms": "HbA1c 64"}]
})";

Case fixture(std::string_view talkativeness = "medium") {
  auto object = parseJsonObject(kFixture);
  object["personality"].as_object()["talkativeness"] = talkativeness;
  return parseCase(object);
}

TEST(ScriptedPatient, OpeningIsTheCasesOpeningLine) {
  const auto c = fixture();
  EXPECT_EQ(ScriptedPatient(c, "Dev Patel", 1).opening(), "Hello. The doctor sent me about my sugar.");
}

TEST(ScriptedPatient, WhenAskedFactIsToldWhenItsTopicIsAsked) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  const auto reply = p.respond({}, "What was your last HbA1c?");
  EXPECT_TRUE(discloses(reply, "hba1c")) << reply.text;
  EXPECT_NE(reply.text.find("64"), std::string::npos);
  EXPECT_FALSE(discloses(p.respond({}, "How are you sleeping?"), "hba1c"));
}

TEST(ScriptedPatient, VolunteeredFactIsToldOnTheDomainsGeneralQuestion) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  const auto reply = p.respond({}, "Tell me about your diet.");
  EXPECT_TRUE(discloses(reply, "cola")) << reply.text;
  // A when-asked fact of the same domain waits for its own topic.
  EXPECT_FALSE(discloses(reply, "breakfast"));
  EXPECT_FALSE(discloses(reply, "night_biscuits"));
  // The social domain's opener brings out the volunteered job, not the family history.
  const auto social = p.respond({}, "Tell me a bit about yourself.");
  EXPECT_TRUE(discloses(social, "shifts")) << social.text;
  EXPECT_FALSE(discloses(social, "dad_diabetes"));
}

TEST(ScriptedPatient, ProbedFactNeedsAProbeOrASecondQuestion) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  const auto plain = p.respond({}, "Do you snack in the evenings?");
  EXPECT_FALSE(discloses(plain, "night_biscuits")) << plain.text;
  const auto probe = p.respond({}, "What exactly do you eat when you get in late at night?");
  EXPECT_TRUE(discloses(probe, "night_biscuits")) << probe.text;
  // Asked about the topic a second time: the follow-up draws it out without a probing word.
  const auto history = conversation({{Sender::User, "Do you snack in the evenings?"}, {Sender::Patient, plain.text}});
  const auto again = p.respond(history, "Do you have any snacks in the evening?");
  EXPECT_TRUE(discloses(again, "night_biscuits")) << again.text;
}

TEST(ScriptedPatient, ProbedMedicationFactNeedsAProbe) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  EXPECT_FALSE(discloses(p.respond({}, "Do you take your tablets?"), "missed_doses"));
  EXPECT_TRUE(discloses(p.respond({}, "How often do you miss a dose of your metformin?"), "missed_doses"));
}

TEST(ScriptedPatient, AProbeThatOnlyProbesDigsIntoTheQuestionBeforeIt) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  const auto reply = p.respond({}, "Do you eat anything late at night? What exactly?");
  EXPECT_TRUE(discloses(reply, "night_biscuits")) << reply.text;
}

TEST(ScriptedPatient, OfFactsOnOneTopicTheOneThatTellsWhatTheQuestionAsksForComesFirst) {
  auto object = parseJsonObject(kFixture);
  object["personality"].as_object()["talkativeness"] = "low";
  auto& facts = object["facts"].as_array();
  const auto add = [&](std::string_view id, std::string_view domain, std::string_view topic, std::string_view answer,
                       std::string_view disclosure, bool key) {
    facts.push_back(json::object{{"id", id},
                                 {"domain", domain},
                                 {"topics", json::array{topic}},
                                 {"answer", answer},
                                 {"disclosure", disclosure},
                                 {"key", key}});
  };
  add("rice_often", "food_nutrition_history", "starchy_foods", "We have rice every day, lunch and dinner.",
      "when_asked", false);
  add("rice_amount", "food_nutrition_history", "starchy_foods", "At dinner I have a big plate, four spoons of it.",
      "probed", true);
  add("surgery_sugar", "biochemical", "blood_glucose", "The blood sugar test at the surgery was 9 in the morning.",
      "when_asked", true);
  add("home_readings", "biochemical", "blood_glucose", "I check my finger every morning before breakfast, about 8.",
      "when_asked", false);
  const auto c = parseCase(object);
  const ScriptedPatient p(c, "Dev Patel", 1);
  const auto first = [&](std::string_view q) {
    const auto reply = p.respond({}, q);
    return reply.disclosedFacts.empty() ? std::string() : reply.disclosedFacts.front();
  };
  // A probe for how often does not dig out the hidden fact that says how much, and the other way round.
  EXPECT_EQ(first("How often do you have rice?"), "rice_often");
  EXPECT_EQ(first("How much rice do you have, exactly?"), "rice_amount");
  // Checking at home and readings are the meter's, not the surgery's test, though its answer says
  // "blood sugar" and "morning".
  EXPECT_EQ(first("Are you checking your blood sugar at home?"), "home_readings");
  EXPECT_EQ(first("What are your morning sugar readings like?"), "home_readings");
  EXPECT_EQ(first("What was the result of your blood sugar test?"), "surgery_sugar");
}

TEST(ScriptedPatient, UncoveredTopicIsDeflectedWithoutInventing) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  for (const std::string q : {"Do you smoke?", "Have you had a bone density scan?", "What's your favourite colour?",
                              "Are your periods regular?", "How much do you spend on food each week?"}) {
    SCOPED_TRACE(q);
    const auto reply = p.respond({}, q);
    EXPECT_TRUE(reply.disclosedFacts.empty()) << reply.text;
    const auto templates = p.templateSentences();
    for (const auto& s : lexicon::splitSentences(reply.text)) {
      EXPECT_NE(std::find(templates.begin(), templates.end(), s), templates.end()) << s;
    }
  }
}

TEST(ScriptedPatient, ConversationalActsAreAnsweredWithoutFacts) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  for (const std::string q : {"Hello, nice to meet you!", "Hi, I'm Sam, a student dietitian.",
                              "Today I'd like to talk about what you eat and drink, is that okay?",
                              "That sounds really hard.", "Does that make sense?", "Do you have any questions for me?",
                              "Thank you for coming, see you in two weeks.", "Okay."}) {
    SCOPED_TRACE(q);
    const auto reply = p.respond({}, q);
    EXPECT_TRUE(reply.disclosedFacts.empty()) << reply.text;
    EXPECT_FALSE(reply.text.empty());
    EXPECT_TRUE(inventedSentences(c, p, reply.text).empty()) << reply.text;
  }
  EXPECT_NE(p.respond({}, "Can you confirm your name for me?").text.find("Dev Patel"), std::string::npos);
}

TEST(ScriptedPatient, GreetingAndQuestionInOneMessage) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  const auto reply = p.respond({}, "Hello, I'm Sam, a student dietitian. What do you do for work?");
  EXPECT_TRUE(discloses(reply, "shifts")) << reply.text;
  EXPECT_TRUE(inventedSentences(c, p, reply.text).empty()) << reply.text;
}

TEST(ScriptedPatient, AskedTwiceSaysItAgainInOtherWords) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 7);
  const std::string q = "What do you usually have for breakfast?";
  const auto first = p.respond({}, q);
  ASSERT_TRUE(discloses(first, "breakfast")) << first.text;
  Transcript history = conversation({{Sender::User, q}, {Sender::Patient, first.text}});
  std::set<std::string> seen{first.text};
  for (int i = 0; i < 6; ++i) {
    const auto again = p.respond(history, q);
    EXPECT_TRUE(seen.insert(again.text).second) << "repeated: " << again.text;
    EXPECT_TRUE(inventedSentences(c, p, again.text).empty()) << again.text;
    history.push_back({Sender::User, q});
    history.push_back({Sender::Patient, again.text});
  }
  // The second time is a restatement of the first sentence, not the whole answer again.
  const auto second = p.respond(conversation({{Sender::User, q}, {Sender::Patient, first.text}}), q);
  EXPECT_TRUE(discloses(second, "breakfast"));
  EXPECT_EQ(second.text.find("Sometimes nothing"), std::string::npos) << second.text;
}

TEST(ScriptedPatient, ToldFactsAreReadFromTheTranscriptAlone) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 3);
  // A history written by another seed (or provider): the fact's words in a patient turn count.
  const auto history = conversation({{Sender::User, "What do you drink?"},
                                     {Sender::Patient, "Oh. I have about four cans of full-sugar cola on a shift."}});
  const auto reply = p.respond(history, "Tell me about your diet.");
  // Not told afresh: either something new, or the cola again in other words.
  EXPECT_EQ(reply.text.find("I have about four cans"),
            reply.text.find("I have about four cans") == 0 ? 1u : reply.text.find("I have about four cans"));
  if (std::find(reply.disclosedFacts.begin(), reply.disclosedFacts.end(), "cola") != reply.disclosedFacts.end()) {
    const auto prefixes = p.sentencePrefixes();
    EXPECT_TRUE(std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
      return reply.text.find(prefix) != std::string::npos;
    })) << reply.text;
  }
}

TEST(ScriptedPatient, QuietPatientTellsLessThanATalkativeOne) {
  const auto quiet = fixture("low");
  const auto chatty = fixture("high");
  const std::string q = "Tell me about what you eat and drink.";
  const auto a = ScriptedPatient(quiet, "Dev Patel", 1).respond({}, q);
  const auto b = ScriptedPatient(chatty, "Dev Patel", 1).respond({}, q);
  EXPECT_LE(a.disclosedFacts.size(), 1u) << a.text;
  EXPECT_LE(b.disclosedFacts.size(), 3u);
  EXPECT_LE(a.text.size(), b.text.size() + 40);
}

TEST(ScriptedPatient, AtMostThreeFactsInOneReply) {
  const auto c = fixture("high");
  const ScriptedPatient p(c, "Dev Patel", 1);
  const auto reply = p.respond({}, "Tell me about your diet, your drinks, your breakfast, your weight and your tests.");
  EXPECT_LE(reply.disclosedFacts.size(), 3u);
  EXPECT_FALSE(reply.disclosedFacts.empty());
}

TEST(ScriptedPatient, DeterministicForTheSameInputs) {
  const auto c = fixture();
  const ScriptedPatient a(c, "Dev Patel", 42);
  const ScriptedPatient b(c, "Dev Patel", 42);
  const auto history = conversation({{Sender::User, "Hello"}, {Sender::Patient, "Hello."}});
  bool variesWithSeed = false;
  for (const std::string q : {"Hello!", "What do you have for breakfast?", "Do you smoke?", "That sounds hard.",
                              "Thanks for coming in.", "Tell me about your diet.", "How are you sleeping?"}) {
    EXPECT_EQ(a.respond(history, q).text, b.respond(history, q).text);
    for (std::uint64_t seed = 1; seed < 6; ++seed) {
      variesWithSeed |= ScriptedPatient(c, "Dev Patel", seed).respond(history, q).text != a.respond(history, q).text;
    }
  }
  EXPECT_TRUE(variesWithSeed) << "the seed should vary the wording somewhere";
}

TEST(ScriptedPatient, ParentSpeaksForAChild) {
  auto object = parseJsonObject(kFixture);
  object["speaker"] = json::object{{"name", "Layla"}, {"relation", "mother"}};
  auto& facts = object["facts"].as_array();
  facts[2].as_object()["answer"] = "She has a bowl of cereal, but she often leaves half of it.";
  const auto c = parseCase(object);
  const ScriptedPatient p(c, "Amira Haddad", 5);
  bool named = false;
  for (std::uint64_t seed = 1; seed < 8; ++seed) {
    const auto hello = ScriptedPatient(c, "Amira Haddad", seed).respond({}, "Can I ask who you are?");
    named |= hello.text.find("Layla") != std::string::npos || hello.text.find("mother") != std::string::npos;
  }
  EXPECT_TRUE(named);
  const auto reply = p.respond({}, "What does she have for breakfast?");
  EXPECT_TRUE(discloses(reply, "breakfast")) << reply.text;
}

TEST(ScriptedPatient, TemplatesStateNoClinicalFacts) {
  const auto c = fixture();
  const ScriptedPatient p(c, "Dev Patel", 1);
  // Digits and food words in a template would be the engine inventing history.
  const std::set<std::string> allowed{"motivation", "goals", "concerns"};
  for (const auto& t : p.templateSentences()) {
    EXPECT_EQ(t.find_first_of("0123456789"), std::string::npos) << t;
    for (const auto& topic : analyse(t).topics) EXPECT_TRUE(allowed.count(topic) > 0) << t << " names " << topic;
  }
}

// =============================================================================================
// The shipped cases.

struct ShippedCase {
  std::string slug;
  std::string patientName;
  Case c;
  std::map<std::string, std::vector<std::string>> questions;  ///< fact id -> questions
  bool hasQuestions = false;
};

const std::vector<ShippedCase>& shippedCases() {
  static const std::vector<ShippedCase> cases = [] {
    std::vector<ShippedCase> out;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(PRACTICUM_RESOURCES_DIR) / "cases")) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      ShippedCase s;
      s.slug = path.stem().string();
      const auto file = parseJsonObject(readFile(path));
      s.patientName = std::string(file.at("patient").at("name").as_string());
      s.c = parseCase(file.at("case").as_object());
      const auto questionsPath = fs::path(PRACTICUM_TEST_DATA_DIR) / "case_questions" / (s.slug + ".json");
      if (fs::exists(questionsPath)) {
        s.hasQuestions = true;
        for (const auto& [id, list] : parseJsonObject(readFile(questionsPath))) {
          auto& qs = s.questions[std::string(id)];
          for (const auto& q : list.as_array()) qs.emplace_back(q.as_string());
        }
      }
      out.push_back(std::move(s));
    }
    return out;
  }();
  return cases;
}

TEST(ShippedCases, EveryCaseHasQuestionsForEveryFact) {
  for (const auto& s : shippedCases()) {
    SCOPED_TRACE(s.slug);
    ASSERT_TRUE(s.hasQuestions) << "tests/data/case_questions/" << s.slug << ".json is missing";
    for (const auto& f : s.c.facts) {
      const auto it = s.questions.find(f.id);
      EXPECT_TRUE(it != s.questions.end() && it->second.size() >= 2) << f.id << " needs at least two questions";
    }
    for (const auto& [id, list] : s.questions) EXPECT_TRUE(s.c.findFact(id)) << "no fact " << id;
  }
}

TEST(ShippedCases, EachFactIsDrawnOutByItsQuestions) {
  std::printf("\n%-36s %6s %6s %8s\n", "case", "asked", "drawn", "hit rate");
  for (const auto& s : shippedCases()) {
    SCOPED_TRACE(s.slug);
    const ScriptedPatient patient(s.c, s.patientName, 1);
    int asked = 0;
    int drawn = 0;
    std::string misses;
    for (const auto& f : s.c.facts) {
      const auto it = s.questions.find(f.id);
      if (it == s.questions.end()) continue;
      for (const auto& q : it->second) {
        ++asked;
        const auto reply = patient.respond({}, q);
        if (discloses(reply, f.id)) {
          ++drawn;
        } else {
          std::string topics;
          for (const auto& t : analyse(q).topics) topics += t + " ";
          std::string own;
          for (const auto& t : f.topics) own += t + " ";
          misses += "  " + f.id + " [" + std::string(toString(f.disclosure)) + ": " + own + "] \"" + q + "\" -> [" +
                    topics + "] " + reply.text.substr(0, 90) + "\n";
        }
      }
    }
    const double rate = asked == 0 ? 1.0 : static_cast<double>(drawn) / asked;
    std::printf("%-36s %6d %6d %7.1f%%\n", s.slug.c_str(), asked, drawn, rate * 100.0);
    if (!misses.empty()) std::printf("%s", misses.c_str());
    EXPECT_GE(rate, 0.95) << s.slug << " hit rate " << rate;
  }
}

/// A general opening question for each domain.
std::string opener(Domain d) {
  switch (d) {
    case Domain::FoodNutritionHistory:
      return "Tell me about your diet.";
    case Domain::Anthropometric:
      return "Tell me about your weight.";
    case Domain::Biochemical:
      return "Could you tell me about any blood tests you've had?";
    case Domain::PhysicalFindings:
      return "How have you been feeling physically?";
    case Domain::ClientMedical:
      return "Can you tell me about your medical history?";
    case Domain::ClientMedications:
      return "Can you tell me about your medicines?";
    case Domain::ClientSocial:
      return "Tell me a bit about yourself and your life at home.";
    case Domain::ClientFamily:
      return "Is there any family history I should know about?";
  }
  return "Tell me about yourself.";
}

TEST(ShippedCases, ProbeOnlyFactsStayHiddenFromUnrelatedQuestions) {
  for (const auto& s : shippedCases()) {
    SCOPED_TRACE(s.slug);
    const ScriptedPatient patient(s.c, s.patientName, 1);
    for (const auto& f : s.c.facts) {
      if (f.disclosure != Disclosure::Probed) continue;
      const std::set<std::string> own(f.topics.begin(), f.topics.end());
      // Questions written for facts of other domains, none of whose topics this fact has.
      std::vector<std::string> unrelated;
      for (const auto& other : s.c.facts) {
        if (other.domain == f.domain) continue;
        if (std::any_of(other.topics.begin(), other.topics.end(), [&](const auto& t) { return own.count(t) > 0; })) {
          continue;
        }
        const auto it = s.questions.find(other.id);
        if (it != s.questions.end() && !it->second.empty()) unrelated.push_back(it->second.front());
      }
      const std::size_t step = std::max<std::size_t>(1, unrelated.size() / 10);
      std::vector<std::string> asked{opener(f.domain)};
      for (std::size_t i = 0; i < unrelated.size() && asked.size() < 11; i += step) asked.push_back(unrelated[i]);
      EXPECT_GE(asked.size(), 11u) << f.id << ": not enough unrelated questions";
      for (const auto& q : asked) {
        const auto reply = patient.respond({}, q);
        EXPECT_FALSE(discloses(reply, f.id)) << f.id << " told to \"" << q << "\": " << reply.text;
      }
    }
  }
}

TEST(ShippedCases, RepliesSayNothingTheCaseDoesNot) {
  const std::vector<std::string> talk{
      "Hello, my name is Sam and I'm a student dietitian.",
      "Is it okay if I ask you some questions about your eating today?",
      "How are you today?",
      "That sounds really difficult, I'm sorry to hear that.",
      "So it sounds like you've been struggling a bit.",
      "What's your favourite film?",
      "Do you have a passport?",
      "How old are you?",
      "Does that make sense?",
      "Do you have any questions?",
      "So to sum up, we talked about your meals and your drinks.",
      "Thanks for coming in today, I'll see you in four weeks. Take care!",
  };
  // Through a cache, as the server answers: the replies are the same (RepliesAreTheSameWithOrWithout
  // AReadingCache), and the long consultations need not re-read their history on every reply.
  lexicon::ReadingCache cache(std::size_t{16} << 20);
  for (const auto& s : shippedCases()) {
    SCOPED_TRACE(s.slug);
    for (std::uint64_t seed : {1u, 2u}) {
      const ScriptedPatient patient(s.c, s.patientName, seed);
      Transcript history;
      const auto check = [&](const std::string& q, bool keep) {
        const auto reply = patient.respond(keep ? history : Transcript{}, q, &cache);
        const auto invented = inventedSentences(s.c, patient, reply.text);
        EXPECT_TRUE(invented.empty()) << "\"" << q << "\" -> " << reply.text
                                      << "\n  first unknown: " << (invented.empty() ? "" : invented.front());
        if (!keep) return;
        history.push_back({Sender::User, q});
        history.push_back({Sender::Patient, reply.text});
      };
      // Every question on its own…
      for (const auto& [id, list] : s.questions) {
        for (const auto& q : list) check(q, false);
      }
      // …and one long consultation: small talk, a question per fact, then each asked again.
      for (const auto& q : talk) check(q, true);
      for (const auto& [id, list] : s.questions) check(list.back(), true);
      for (const auto& [id, list] : s.questions) check(list.back(), true);
    }
  }
}

TEST(ShippedCases, AskedTwiceTheReplyDiffers) {
  for (const auto& s : shippedCases()) {
    SCOPED_TRACE(s.slug);
    const ScriptedPatient patient(s.c, s.patientName, 1);
    for (const auto& [id, list] : s.questions) {
      for (const auto& q : list) {
        const auto first = patient.respond({}, q);
        const auto second = patient.respond(conversation({{Sender::User, q}, {Sender::Patient, first.text}}), q);
        EXPECT_NE(first.text, second.text) << q;
        EXPECT_EQ(patient.respond({}, q).text, first.text) << "not deterministic: " << q;
      }
    }
  }
}

/// A consultation with case `s`, different for each `variant`: small talk, then 30 of the case's
/// questions from a point that depends on the variant, some of them asked again word for word.
std::vector<std::string> consultationMessages(const ShippedCase& s, std::size_t variant) {
  const std::vector<std::string> talk{
      "Hello, my name is Sam and I'm a student dietitian.",
      "Is it okay if I ask you some questions about your eating today?",
      "How are you today?",
      "That sounds really difficult, I'm sorry to hear that.",
  };
  std::vector<std::string> questions;
  for (const auto& [id, list] : s.questions) questions.push_back(variant % 2 ? list.front() : list.back());
  std::vector<std::string> out(talk.begin(), talk.end());
  const std::size_t first = variant * 7;
  for (std::size_t i = 0; i < 30 && !questions.empty(); ++i) out.push_back(questions[(first + i) % questions.size()]);
  for (std::size_t i = 0; i < 6 && !questions.empty(); ++i)
    out.push_back(questions[(first + 3 * i) % questions.size()]);
  out.push_back("So to sum up, we talked about your meals and your drinks. Does that make sense?");
  return out;
}

TEST(ShippedCases, RepliesAreTheSameWithOrWithoutAReadingCache) {
  // One cache for everything, as the server's, and one so small it keeps evicting what the next
  // reply needs.
  lexicon::ReadingCache shared(std::size_t{16} << 20);
  lexicon::ReadingCache tiny(64 << 10);
  std::size_t replies = 0;
  for (const auto& s : shippedCases()) {
    SCOPED_TRACE(s.slug);
    for (std::size_t variant = 0; variant < 4; ++variant) {
      const ScriptedPatient patient(s.c, s.patientName, 1 + variant);
      Transcript history{{Sender::Patient, patient.opening()}};
      const auto messages = consultationMessages(s, variant);
      for (std::size_t i = 0; i < messages.size(); ++i) {
        // The student also says what the patient just said: the same text, read as a message.
        const std::string& q = i == 20 ? history.back().text : messages[i];
        const auto expected = patient.respond(history, q);
        for (auto* cache : {&shared, &tiny}) {
          const auto reply = patient.respond(history, q, cache);
          ASSERT_EQ(reply.text, expected.text) << "after " << history.size() << " turns: \"" << q << "\"";
          ASSERT_EQ(reply.disclosedFacts, expected.disclosedFacts) << q;
        }
        ++replies;
        history.push_back({Sender::User, q});
        history.push_back({Sender::Patient, expected.text});
        if (i == 10) history.push_back({Sender::Feedback, "Try an open question about their drinks."});
      }
    }
  }
  EXPECT_GE(replies, 12u * 4u * 40u);
  EXPECT_GT(shared.stats().hits, shared.stats().misses);
  EXPECT_GT(tiny.stats().evictions, 0u);
}

TEST(ShippedCases, OneReadingCacheServesManyThreadsAndSessions) {
  // Every case's consultation, replied to without a cache first…
  struct Step {
    const ShippedCase* s;
    std::uint64_t seed;
    Transcript history;
    std::string message;
    PatientReply expected;
  };
  std::vector<std::vector<Step>> sessions;
  for (const auto& s : shippedCases()) {
    const std::uint64_t seed = 11;
    const ScriptedPatient patient(s.c, s.patientName, seed);
    Transcript history{{Sender::Patient, patient.opening()}};
    std::vector<Step> steps;
    for (const auto& q : consultationMessages(s, 1)) {
      if (steps.size() == 20) break;
      auto reply = patient.respond(history, q);
      steps.push_back({&s, seed, history, q, reply});
      history.push_back({Sender::User, q});
      history.push_back({Sender::Patient, reply.text});
    }
    sessions.push_back(std::move(steps));
  }
  // …then by several threads at once through one cache, too small for all of them, each thread
  // taking the sessions in its own order.
  lexicon::ReadingCache cache(256 << 10);
  constexpr std::size_t kThreads = 6;
  std::atomic<std::size_t> wrong{0};
  std::atomic<std::size_t> done{0};
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < kThreads; ++k) {
    threads.emplace_back([&, k] {
      for (std::size_t n = 0; n < sessions.size(); ++n) {
        for (const auto& step : sessions[(n + 5 * k) % sessions.size()]) {
          const ScriptedPatient patient(step.s->c, step.s->patientName, step.seed);
          const auto reply = patient.respond(step.history, step.message, &cache);
          if (reply.text != step.expected.text || reply.disclosedFacts != step.expected.disclosedFacts) ++wrong;
          ++done;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0u);
  EXPECT_EQ(done.load(), kThreads * sessions.size() * 20);
  const auto stats = cache.stats();
  EXPECT_GT(stats.hits, 0u);
  EXPECT_LE(stats.bytes, cache.maxBytes());
}

}  // namespace
