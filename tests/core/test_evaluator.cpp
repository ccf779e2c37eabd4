// The consultation evaluator: transcripts with planted omissions and planted good practice, each
// detected; the score's weights and determinism; the JSON and text it hands the server; the
// coach's hint; and, on the shipped cases, agreement with the scripted patient's disclosure rules.

#include "core/consultation/evaluator.h"

#include "core/consultation/lexicon.h"
#include "core/consultation/scripted_patient.h"
#include "core/errors.h"
#include "core/json_reader.h"

#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace practicum;
using namespace practicum::consultation;

namespace {

// A small type 2 diabetes case: every NCP domain, every disclosure, key findings in four domains.
constexpr std::string_view kFixture = R"({
  "schema_version": 1,
  "demographics": {"occupation": "bus driver", "living_situation": "lives with his wife"},
  "setting": "outpatient diabetes clinic",
  "referral_reason": "newly diagnosed type 2 diabetes",
  "personality": {"talkativeness": "medium", "mood": "a bit worried", "health_literacy": "medium",
                  "readiness_to_change": "contemplation"},
  "opening_line": "Hello. The doctor said I should come and see you about my sugar.",
  "facts": [
    {"id": "usual_diet", "domain": "food_nutrition_history", "topics": ["diet_general", "typical_day"],
     "answer": "I eat whatever is quick, mostly bread and takeaways.", "disclosure": "volunteered"},
    {"id": "breakfast_skipped", "domain": "food_nutrition_history", "topics": ["breakfast"],
     "answer": "I never have breakfast, just coffee.", "disclosure": "when_asked"},
    {"id": "cola_daily", "domain": "food_nutrition_history", "topics": ["sugary_drinks"],
     "answer": "I get through two litres of cola on a shift.", "disclosure": "probed", "key": true},
    {"id": "alcohol_weekend", "domain": "food_nutrition_history", "topics": ["alcohol"],
     "answer": "Eight pints on a Saturday, maybe.", "disclosure": "probed"},
    {"id": "weight_now", "domain": "anthropometric", "topics": ["weight_current"],
     "answer": "I weighed 104 kilos at the surgery.", "disclosure": "when_asked", "key": true},
    {"id": "weight_gain", "domain": "anthropometric", "topics": ["weight_history"],
     "answer": "I have put on two stone since I started nights.", "disclosure": "volunteered"},
    {"id": "height_cm", "domain": "anthropometric", "topics": ["height"],
     "answer": "About five foot ten.", "disclosure": "when_asked"},
    {"id": "hba1c_high", "domain": "biochemical", "topics": ["blood_glucose"],
     "answer": "They said my HbA1c was 71.", "disclosure": "when_asked", "key": true},
    {"id": "cholesterol", "domain": "biochemical", "topics": ["lipids"],
     "answer": "My cholesterol was 6.2.", "disclosure": "probed"},
    {"id": "thirsty", "domain": "physical_findings", "topics": ["thirst_urination"],
     "answer": "I am up three times a night to pass water.", "disclosure": "volunteered"},
    {"id": "tired", "domain": "physical_findings", "topics": ["energy"],
     "answer": "I am shattered by the afternoon.", "disclosure": "when_asked"},
    {"id": "t2dm_new", "domain": "client_medical", "topics": ["diagnosis"],
     "answer": "The GP told me last month it is type 2.", "disclosure": "volunteered"},
    {"id": "metformin", "domain": "client_medications", "topics": ["medications"],
     "answer": "Metformin, 500 twice a day, but it upsets my stomach.", "disclosure": "when_asked", "key": true},
    {"id": "night_shifts", "domain": "client_social", "topics": ["occupation"],
     "answer": "I drive the night buses, four nights a week.", "disclosure": "when_asked"},
    {"id": "mum_diabetes", "domain": "client_family", "topics": ["family_history"],
     "answer": "My mum had diabetes and lost a leg to it.", "disclosure": "when_asked"}
  ],
  "recall_24h": [
    {"time": "07:30", "occasion": "after shift", "place": "home",
     "items": [{"food": "white toast", "amount": "4 slices", "detail": "with butter"}]},
    {"time": "15:00", "occasion": "lunch", "place": "home", "items": [{"food": "chips", "amount": "large portion"}]},
    {"time": "23:00", "occasion": "on shift", "place": "bus depot", "items": [{"food": "cola", "amount": "1 litre"}]}
  ],
  "expected_diagnoses": [
    {"problem": "Excessive carbohydrate intake", "etiology": "reliance on sugary drinks on night shifts",
     "signs_symptoms": "HbA1c 71 mmol/mol, two litres of cola a shift"}
  ]
})";

const Case& fixture() {
  static const Case c = parseCase(parseJsonObject(kFixture));
  return c;
}

constexpr std::string_view kReply = "Mm, okay.";

/// The student's lines, each followed by a patient reply: student line k is transcript turn 2k.
Transcript script(const std::vector<std::string>& lines) {
  Transcript t;
  for (const auto& line : lines) {
    t.push_back({Sender::User, line});
    t.push_back({Sender::Patient, std::string(kReply)});
  }
  return t;
}

const FactCoverage& fact(const Evaluation& e, std::string_view id) {
  const auto it = std::find_if(e.facts.begin(), e.facts.end(), [&](const FactCoverage& f) { return f.factId == id; });
  if (it == e.facts.end()) throw std::runtime_error("no fact " + std::string(id));
  return *it;
}

const DomainCoverage& domain(const Evaluation& e, std::string_view code) {
  const auto it =
      std::find_if(e.domains.begin(), e.domains.end(), [&](const DomainCoverage& d) { return d.code == code; });
  if (it == e.domains.end()) throw std::runtime_error("no domain " + std::string(code));
  return *it;
}

bool made(const Evaluation& e, RecallPass p) {
  return std::find(e.recall.passesMade.begin(), e.recall.passesMade.end(), p) != e.recall.passesMade.end();
}

bool listsMissedKey(const Evaluation& e, std::string_view id) {
  return std::any_of(e.keyFindingsMissed.begin(), e.keyFindingsMissed.end(),
                     [&](const MissedKeyFinding& m) { return m.factId == id; });
}

// Plain closed questions on no topic and with no conversational act: the neutral background.
const std::vector<std::string> kFiller = {"Okay.", "Right.", "Mm-hm."};

// Lines the tests rely on the lexicon to read in one way each.
const std::string kGreeting = "Hello, good morning!";
const std::string kIntroduction = "My name is Sam and I am a student dietitian.";
const std::string kPurpose = "Today I would like to talk about what you eat and see how I can help.";
const std::string kEmpathy = "That sounds really hard for you.";
const std::string kReflection = "So you feel that work makes it difficult to eat well.";
const std::string kSummary = "Let me recap what we have talked about today.";
const std::string kCheck = "Does that make sense?";
const std::string kClosing = "As next steps, let us book a follow-up appointment in four weeks.";

const std::string kQuickList = "Could you tell me everything you ate and drank yesterday, from when you woke up?";
const std::string kForgotten = "Were there any drinks, snacks or sweets you might have forgotten?";
const std::string kTimeOccasion = "What time did you have that, and where were you?";
const std::string kDetail = "How much did you have, and how was it cooked?";
const std::string kReview = "Let me read back your day to check I have got everything right.";

/// A thorough consultation of the fixture: opening, every domain, the five recall passes, empathy,
/// reflection, summary, checking understanding, closing.
std::vector<std::string> thorough() {
  return {kGreeting,
          kIntroduction,
          kPurpose,
          "Tell me about what you usually eat.",
          "What do you have for breakfast?",
          "What do you drink during the day? How much cola exactly do you drink on a shift?",
          "How much alcohol do you drink exactly, and how often?",
          kQuickList,
          kForgotten,
          kTimeOccasion,
          kDetail,
          kReview,
          "What is your weight at the moment?",
          "How has your weight changed over the years?",
          "How tall are you?",
          "What were your blood sugar results, your HbA1c?",
          "What was your cholesterol level exactly?",
          "Have you been thirsty or passing urine a lot?",
          "How are your energy levels?",
          kEmpathy,
          "What did the doctor tell you about your diagnosis?",
          "What medications are you taking?",
          "What do you do for a living?",
          kReflection,
          "Does anyone in your family have diabetes?",
          kSummary,
          kCheck,
          kClosing};
}

}  // namespace

// ---- Assessment coverage --------------------------------------------------------------------

TEST(Evaluator, FactDrawnOutReportsItsTurnAndTheStudentsWords) {
  const auto e = evaluate(fixture(), script({kGreeting, "Okay.", "What do you usually have for breakfast?"}));
  const auto& f = fact(e, "breakfast_skipped");
  EXPECT_EQ(f.coverage, Coverage::Covered);
  EXPECT_EQ(f.turn, 4);
  EXPECT_EQ(f.studentWords, "What do you usually have for breakfast?");
  EXPECT_EQ(fact(e, "weight_now").coverage, Coverage::Missed);
  EXPECT_EQ(fact(e, "weight_now").turn, -1);
  EXPECT_TRUE(fact(e, "weight_now").studentWords.empty());
}

TEST(Evaluator, TheFirstTurnThatDrawsAFactIsReported) {
  const auto e = evaluate(fixture(), script({"How tall are you?", "And how tall are you again?"}));
  EXPECT_EQ(fact(e, "height_cm").coverage, Coverage::Covered);
  EXPECT_EQ(fact(e, "height_cm").turn, 0);
}

TEST(Evaluator, VolunteeredFactsComeOutOnAGeneralQuestionOfTheirDomain) {
  const auto e = evaluate(fixture(), script({"Tell me about your diet in general."}));
  EXPECT_EQ(fact(e, "usual_diet").coverage, Coverage::Covered);
  // The same general question only touches the food history facts that must be asked for.
  EXPECT_EQ(fact(e, "breakfast_skipped").coverage, Coverage::Partial);
  EXPECT_EQ(fact(e, "breakfast_skipped").turn, 0);
  EXPECT_EQ(fact(e, "cola_daily").coverage, Coverage::Partial);
  EXPECT_EQ(fact(e, "weight_now").coverage, Coverage::Missed);
}

TEST(Evaluator, VolunteeredFactsAlsoComeOutOnAnOpenQuestionOnAnyTopicOfTheirDomain) {
  // As the scripted patient: an open question on breakfast opens the food history.
  const auto open = evaluate(fixture(), script({"What do you usually have for breakfast?"}));
  EXPECT_EQ(fact(open, "usual_diet").coverage, Coverage::Covered);
  const auto closed = evaluate(fixture(), script({"Do you eat breakfast?"}));
  EXPECT_EQ(fact(closed, "breakfast_skipped").coverage, Coverage::Covered);
  EXPECT_EQ(fact(closed, "usual_diet").coverage, Coverage::Partial);
}

TEST(Evaluator, SentencesThatOnlyFrameTheConsultationAskNothing) {
  // Stating the purpose, summarising or closing names topics without asking about them.
  const auto e = evaluate(fixture(), script({kPurpose, "Let me recap: you skip breakfast and drink a lot of cola.",
                                             "Next time we will talk about your weight and your medications."}));
  for (const auto& f : e.facts) EXPECT_EQ(f.coverage, Coverage::Missed) << f.factId;
  EXPECT_TRUE(e.communication.purpose);
  EXPECT_TRUE(e.communication.summarised);
}

TEST(Evaluator, AQuestionAfterAFramingSentenceStillAsks) {
  const auto e = evaluate(fixture(), script({"Let me recap what we have talked about. How tall are you?"}));
  EXPECT_EQ(fact(e, "height_cm").coverage, Coverage::Covered);
  EXPECT_TRUE(e.communication.summarised);
}

TEST(Evaluator, WhenAskedFactsNeedTheirOwnTopic) {
  const auto general = evaluate(fixture(), script({"Tell me about your weight in general."}));
  EXPECT_EQ(fact(general, "weight_gain").coverage, Coverage::Covered) << "volunteered: a general question is enough";
  EXPECT_EQ(fact(general, "height_cm").coverage, Coverage::Partial);
  const auto specific = evaluate(fixture(), script({"Tell me about your weight in general.", "How tall are you?"}));
  EXPECT_EQ(fact(specific, "height_cm").coverage, Coverage::Covered);
  EXPECT_EQ(fact(specific, "height_cm").turn, 2);
}

TEST(Evaluator, AProbedFactAskedWithoutProbingIsPartial) {
  const auto e = evaluate(fixture(), script({"Do you drink alcohol?"}));
  const auto& f = fact(e, "alcohol_weekend");
  EXPECT_EQ(f.coverage, Coverage::Partial);
  EXPECT_EQ(f.turn, 0);
  EXPECT_EQ(f.studentWords, "Do you drink alcohol?");
}

TEST(Evaluator, AProbedFactIsDrawnOutByProbingOrByAskingItsTopicAgain) {
  const auto probing =
      evaluate(fixture(), script({"Do you drink alcohol?", "How much alcohol exactly, and how often?"}));
  EXPECT_EQ(fact(probing, "alcohol_weekend").coverage, Coverage::Covered);
  EXPECT_EQ(fact(probing, "alcohol_weekend").turn, 2);

  const auto again = evaluate(fixture(), script({"Do you drink alcohol?", "Okay.", "Do you drink alcohol?"}));
  EXPECT_EQ(fact(again, "alcohol_weekend").coverage, Coverage::Covered);
  EXPECT_EQ(fact(again, "alcohol_weekend").turn, 4);
}

TEST(Evaluator, ADomainNeverTouchedIsAllMissedAndItsKeyFindingListedWithAQuestion) {
  // Everything but biochemistry.
  auto lines = thorough();
  lines.erase(std::remove_if(lines.begin(), lines.end(),
                             [](const std::string& l) {
                               return l.find("blood sugar") != std::string::npos ||
                                      l.find("cholesterol level") != std::string::npos;
                             }),
              lines.end());
  const auto e = evaluate(fixture(), script(lines));
  EXPECT_EQ(fact(e, "hba1c_high").coverage, Coverage::Missed);
  EXPECT_EQ(fact(e, "cholesterol").coverage, Coverage::Missed);
  const auto& bd = domain(e, "BD");
  EXPECT_EQ(bd.covered, 0);
  EXPECT_EQ(bd.partial, 0);
  EXPECT_EQ(bd.total, 2);
  ASSERT_TRUE(listsMissedKey(e, "hba1c_high"));
  EXPECT_FALSE(listsMissedKey(e, "cholesterol")) << "not a key finding";
  const auto& missed = *std::find_if(e.keyFindingsMissed.begin(), e.keyFindingsMissed.end(),
                                     [](const MissedKeyFinding& m) { return m.factId == "hba1c_high"; });
  EXPECT_FALSE(missed.exampleQuestion.empty());
  EXPECT_EQ(missed.exampleQuestion.back(), '?');
  EXPECT_EQ(missed.exampleQuestion.find("71"), std::string::npos) << "never the answer";
  // The example question really would have drawn it out.
  lines.push_back(missed.exampleQuestion);
  EXPECT_EQ(fact(evaluate(fixture(), script(lines)), "hba1c_high").coverage, Coverage::Covered);
}

TEST(Evaluator, ExampleQuestionsForProbedFactsProbe) {
  const auto* cola = fixture().findFact("cola_daily");
  ASSERT_NE(cola, nullptr);
  const auto question = exampleQuestion(*cola);
  EXPECT_TRUE(analyse(question).probing) << question;
  const auto e = evaluate(fixture(), script({question}));
  EXPECT_EQ(fact(e, "cola_daily").coverage, Coverage::Covered) << question;
}

TEST(Evaluator, EveryFixtureFactsExampleQuestionDrawsItOut) {
  for (const auto& f : fixture().facts) {
    const auto question = exampleQuestion(f);
    EXPECT_EQ(fact(evaluate(fixture(), script({question})), f.id).coverage, Coverage::Covered)
        << f.id << ": " << question;
  }
}

TEST(Evaluator, EveryTopicsExampleQuestionDrawsOutAFactOnIt) {
  // Whatever topic a case's key finding is on, the example question offered for it works.
  for (const auto& t : topics()) {
    for (const auto disclosure : {Disclosure::WhenAsked, Disclosure::Probed}) {
      Case c;
      c.facts.push_back({"finding", t.domain, {std::string(t.id)}, "An answer.", disclosure, true});
      const auto question = exampleQuestion(c.facts.front());
      EXPECT_EQ(evaluate(c, script({question})).facts.front().coverage, Coverage::Covered)
          << t.id << " (" << toString(disclosure) << "): " << question;
      EXPECT_EQ(question.find("An answer"), std::string::npos);
    }
  }
}

TEST(Evaluator, DomainCoverageCountsEveryFiveDomains) {
  const auto e = evaluate(fixture(), script(thorough()));
  ASSERT_EQ(e.domains.size(), 5u);
  EXPECT_EQ(e.domains[0].code, "FH");
  EXPECT_EQ(e.domains[4].code, "CH");
  EXPECT_EQ(domain(e, "FH").total, 4);
  EXPECT_EQ(domain(e, "AD").total, 3);
  EXPECT_EQ(domain(e, "PD").total, 2);
  EXPECT_EQ(domain(e, "CH").total, 4);
  for (const auto& f : e.facts) EXPECT_EQ(f.coverage, Coverage::Covered) << f.factId;
  for (const auto& d : e.domains) EXPECT_EQ(d.covered, d.total) << d.code;
  EXPECT_TRUE(e.keyFindingsMissed.empty());
}

TEST(Evaluator, OnlyTheStudentsTurnsCount) {
  Transcript t = {{Sender::Patient, "What do you have for breakfast? How tall are you?"},
                  {Sender::Feedback, "Ask about breakfast: what do you have for breakfast?"},
                  {Sender::User, "Okay."}};
  const auto e = evaluate(fixture(), t);
  EXPECT_EQ(e.studentTurns, 1);
  EXPECT_EQ(fact(e, "breakfast_skipped").coverage, Coverage::Missed);
  EXPECT_EQ(fact(e, "height_cm").coverage, Coverage::Missed);
}

// ---- The 24-hour recall ---------------------------------------------------------------------

TEST(Evaluator, EachRecallPassIsDetectedWhenMadeAndAbsentWhenNot) {
  const std::vector<std::pair<RecallPass, std::string>> passes = {{RecallPass::QuickList, kQuickList},
                                                                  {RecallPass::ForgottenFoods, kForgotten},
                                                                  {RecallPass::TimeAndOccasion, kTimeOccasion},
                                                                  {RecallPass::Detail, kDetail},
                                                                  {RecallPass::FinalReview, kReview}};
  const auto none = evaluate(fixture(), script(kFiller));
  EXPECT_TRUE(none.recall.passesMade.empty());
  EXPECT_EQ(none.recall.passesMissed.size(), 5u);
  for (const auto& [pass, line] : passes) {
    SCOPED_TRACE(std::string(toString(pass)));
    auto lines = kFiller;
    lines.push_back(line);
    const auto e = evaluate(fixture(), script(lines));
    EXPECT_TRUE(made(e, pass)) << line;
    EXPECT_EQ(e.recall.passTurn[static_cast<std::size_t>(pass)], 6);
    // Every other pass, planted without this one, does not make it.
    std::vector<std::string> others = kFiller;
    for (const auto& [other, otherLine] : passes) {
      if (other != pass) others.push_back(otherLine);
    }
    EXPECT_FALSE(made(evaluate(fixture(), script(others)), pass));
  }
}

TEST(Evaluator, RecallPassesAreListedInTheMethodsOrderAndCountOnce) {
  const auto e = evaluate(fixture(), script({kDetail, kQuickList, kQuickList, kReview, kQuickList}));
  EXPECT_EQ(e.recall.passesMade,
            (std::vector<RecallPass>{RecallPass::QuickList, RecallPass::Detail, RecallPass::FinalReview}));
  EXPECT_EQ(e.recall.passesMissed, (std::vector<RecallPass>{RecallPass::ForgottenFoods, RecallPass::TimeAndOccasion}));
  EXPECT_EQ(e.recall.passTurn[0], 2) << "the first time the pass was made";
  EXPECT_EQ(e.breakdown.recall, 3 * ScoreWeights::kRecallPerPass);
}

// ---- Communication --------------------------------------------------------------------------

TEST(Evaluator, EachCommunicationActIsDetectedWhenPlantedAndAbsentWhenNot) {
  const auto none = evaluate(fixture(), script(kFiller));
  const auto& n = none.communication;
  EXPECT_FALSE(n.greeting || n.introduction || n.purpose || n.summarised || n.checkedUnderstanding || n.closing);
  EXPECT_EQ(n.empathy, 0);
  EXPECT_EQ(n.reflections, 0);

  // Opening acts are planted first, the rest in the middle or at the end.
  const auto with = [](const std::string& line, bool atStart) {
    auto lines = kFiller;
    if (atStart)
      lines.insert(lines.begin(), line);
    else
      lines.push_back(line);
    return evaluate(fixture(), script(lines)).communication;
  };
  EXPECT_TRUE(with(kGreeting, true).greeting);
  EXPECT_TRUE(with(kIntroduction, true).introduction);
  EXPECT_TRUE(with(kPurpose, true).purpose);
  EXPECT_EQ(with(kEmpathy, false).empathy, 1);
  EXPECT_EQ(with(kReflection, false).reflections, 1);
  EXPECT_TRUE(with(kSummary, false).summarised);
  EXPECT_TRUE(with(kCheck, false).checkedUnderstanding);
  EXPECT_TRUE(with(kClosing, false).closing);
  // And each planted line makes only its own act.
  EXPECT_FALSE(with(kGreeting, true).introduction);
  EXPECT_FALSE(with(kIntroduction, true).greeting);
  EXPECT_EQ(with(kEmpathy, false).reflections, 0);
  EXPECT_FALSE(with(kSummary, false).closing);
  EXPECT_FALSE(with(kClosing, false).summarised);
}

TEST(Evaluator, TheOpeningBelongsToTheStartAndTheClosingToTheEnd) {
  std::vector<std::string> lines(6, "Okay.");
  lines.push_back(kGreeting);
  lines.push_back(kIntroduction);
  lines.push_back(kPurpose);
  const auto late = evaluate(fixture(), script(lines)).communication;
  EXPECT_FALSE(late.greeting || late.introduction || late.purpose);

  std::vector<std::string> early = {kClosing};
  early.insert(early.end(), 6, "Okay.");
  EXPECT_FALSE(evaluate(fixture(), script(early)).communication.closing);
}

TEST(Evaluator, OpenAndClosedQuestionsAreCounted) {
  const auto e =
      evaluate(fixture(), script({"Tell me about what you usually eat.", "How do you feel about your weight?",
                                  "Do you eat breakfast?", "Is that every day?", "Do you smoke?", "Okay."}));
  EXPECT_EQ(e.communication.openQuestions, 2);
  EXPECT_EQ(e.communication.closedQuestions, 3);
  EXPECT_DOUBLE_EQ(e.communication.openRatio(), 0.4);
  // 0.4 of the questions open is 0.8 of the way to full marks (half open): 6.4 → 6 points.
  EXPECT_EQ(e.breakdown.openQuestions, 6);
}

// ---- Score ----------------------------------------------------------------------------------

TEST(Evaluator, WeightsAddUpToAHundred) {
  EXPECT_EQ(ScoreWeights::kCoverage + ScoreWeights::kRecall + ScoreWeights::kCommunication, 100);
  const auto weights = evaluate(fixture(), {}).toJson().at("weights").as_object();
  EXPECT_EQ(
      weights.at("coverage").as_int64() + weights.at("recall").as_int64() + weights.at("communication").as_int64(),
      100);
}

TEST(Evaluator, AnEmptyConsultationScoresZeroAndAThoroughOneScoresFull) {
  const auto empty = evaluate(fixture(), {});
  EXPECT_EQ(empty.score, 0);
  EXPECT_EQ(empty.studentTurns, 0);
  for (const auto& f : empty.facts) EXPECT_EQ(f.coverage, Coverage::Missed);

  const auto full = evaluate(fixture(), script(thorough()));
  EXPECT_EQ(full.breakdown.coverage, ScoreWeights::kCoverage);
  EXPECT_EQ(full.breakdown.recall, ScoreWeights::kRecall);
  EXPECT_EQ(full.breakdown.opening, 6);
  EXPECT_EQ(full.breakdown.empathyReflection, 6);
  EXPECT_EQ(full.breakdown.summary, ScoreWeights::kSummary);
  EXPECT_EQ(full.breakdown.checkUnderstanding, ScoreWeights::kCheckUnderstanding);
  EXPECT_EQ(full.breakdown.closing, ScoreWeights::kClosing);
  EXPECT_EQ(full.score, full.breakdown.total());
  EXPECT_EQ(full.score, 100) << boost::json::serialize(full.toJson());
}

TEST(Evaluator, CoverageWeighsKeyFindingsDoubleAndPartialHalf) {
  // Fixture: 15 facts, 4 key → 19 weights, 38 half-weights. Breakfast (1) covered, the general
  // question on food covers usual_diet (1) and touches breakfast's siblings: cola (key, 2) and
  // alcohol (1) partial → 2·1 + 2·1 + 1·2 + 1·1 = 7 half-weights → 50·7/38 = 9.2 → 9.
  const auto e =
      evaluate(fixture(), script({"Tell me about your diet in general.", "What do you have for breakfast?"}));
  EXPECT_EQ(fact(e, "usual_diet").coverage, Coverage::Covered);
  EXPECT_EQ(fact(e, "breakfast_skipped").coverage, Coverage::Covered);
  EXPECT_EQ(fact(e, "cola_daily").coverage, Coverage::Partial);
  EXPECT_EQ(fact(e, "alcohol_weekend").coverage, Coverage::Partial);
  EXPECT_EQ(e.breakdown.coverage, 9);
}

TEST(Evaluator, MoreGoodPracticeScoresHigher) {
  // Each step adds good practice to the one before.
  const std::vector<std::vector<std::string>> steps = {
      {"Do you eat breakfast?"},
      {"Do you eat breakfast?", "What is your weight at the moment?"},
      {kGreeting, "Do you eat breakfast?", "What is your weight at the moment?"},
      {kGreeting, kIntroduction, kPurpose, "Do you eat breakfast?", "What is your weight at the moment?"},
      {kGreeting, kIntroduction, kPurpose, "Do you eat breakfast?", "What is your weight at the moment?", kQuickList,
       kForgotten},
      {kGreeting, kIntroduction, kPurpose, "Do you eat breakfast?", "What is your weight at the moment?", kQuickList,
       kForgotten, kEmpathy, "What medications are you taking?", kSummary, kClosing},
      thorough(),
  };
  int previous = -1;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const int score = evaluate(fixture(), script(steps[i])).score;
    EXPECT_GT(score, previous) << "step " << i;
    previous = score;
  }
}

TEST(Evaluator, TheSameTranscriptAlwaysEvaluatesTheSame) {
  const auto t = script(thorough());
  const auto first = evaluate(fixture(), t);
  const auto text = json::serialize(first.toJson());
  for (int i = 0; i < 5; ++i) {
    const auto again = evaluate(fixture(), t);
    EXPECT_EQ(again.score, first.score);
    EXPECT_EQ(json::serialize(again.toJson()), text);
    EXPECT_EQ(again.summary(), first.summary());
  }
  // And a copy of the case evaluates the same as the original.
  const Case copy = parseCase(toJson(fixture()));
  EXPECT_EQ(json::serialize(evaluate(copy, t).toJson()), text);
}

// ---- What the server stores and shows ---------------------------------------------------------

TEST(Evaluator, ToJsonHasTheDocumentedShape) {
  const auto e =
      evaluate(fixture(), script({kGreeting, "What do you have for breakfast?", "Do you drink alcohol?", kQuickList}));
  const auto j = e.toJson();
  for (const auto* key : {"facts", "domains", "key_findings_missed", "recall", "communication", "score",
                          "score_breakdown", "weights", "student_turns"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  const auto& facts = j.at("facts").as_array();
  ASSERT_EQ(facts.size(), fixture().facts.size());
  for (const auto& v : facts) {
    const auto& f = v.as_object();
    for (const auto* key :
         {"fact_id", "domain", "ncp_domain", "key", "disclosure", "coverage", "turn", "student_words"}) {
      EXPECT_TRUE(f.contains(key)) << key;
    }
    EXPECT_FALSE(f.contains("answer")) << "the evaluation never carries the case's answers";
  }
  const auto& breakfast = facts[1].as_object();
  EXPECT_EQ(breakfast.at("fact_id").as_string(), "breakfast_skipped");
  EXPECT_EQ(breakfast.at("coverage").as_string(), "covered");
  EXPECT_EQ(breakfast.at("turn").as_int64(), 2);
  EXPECT_EQ(breakfast.at("student_words").as_string(), "What do you have for breakfast?");
  EXPECT_EQ(facts[3].as_object().at("coverage").as_string(), "partial");
  EXPECT_TRUE(facts[7].as_object().at("turn").is_null());

  const auto& domains = j.at("domains").as_object();
  ASSERT_EQ(domains.size(), 5u);
  for (const auto* code : {"FH", "AD", "BD", "PD", "CH"}) {
    const auto& d = domains.at(code).as_object();
    EXPECT_TRUE(d.contains("covered") && d.contains("partial") && d.contains("total")) << code;
  }
  EXPECT_EQ(domains.at("FH").as_object().at("total").as_int64(), 4);
  EXPECT_EQ(domains.at("CH").as_object().at("total").as_int64(), 4);

  const auto& missed = j.at("key_findings_missed").as_array();
  EXPECT_EQ(missed.size(), e.keyFindingsMissed.size());
  ASSERT_FALSE(missed.empty());
  EXPECT_TRUE(missed[0].as_object().contains("fact_id"));
  EXPECT_TRUE(missed[0].as_object().contains("example_question"));

  const auto& recall = j.at("recall").as_object();
  EXPECT_EQ(recall.at("passes_made").as_array(), json::array({"quick_list"}));
  EXPECT_EQ(recall.at("passes_missed").as_array().size(), 4u);
  EXPECT_EQ(recall.at("pass_turns").as_object().at("quick_list").as_int64(), 6);

  const auto& com = j.at("communication").as_object();
  EXPECT_TRUE(com.at("greeting").as_bool());
  EXPECT_FALSE(com.at("closing").as_bool());
  for (const auto* key : {"introduction", "purpose", "open_questions", "closed_questions", "open_ratio", "empathy",
                          "reflections", "summarised", "checked_understanding"}) {
    EXPECT_TRUE(com.contains(key)) << key;
  }
  EXPECT_EQ(j.at("score").as_int64(), e.score);
  EXPECT_EQ(j.at("score_breakdown").as_object().at("coverage").as_int64() +
                j.at("score_breakdown").as_object().at("recall").as_int64() +
                j.at("score_breakdown").as_object().at("communication").as_int64(),
            e.score);
}

TEST(Evaluator, TheSummaryNamesTheMissedKeyFindingsAreaButNotTheAnswers) {
  auto lines = thorough();
  lines.erase(std::remove(lines.begin(), lines.end(), "What medications are you taking?"), lines.end());
  const auto e = evaluate(fixture(), script(lines));
  ASSERT_TRUE(listsMissedKey(e, "metformin"));
  const auto text = e.summary();
  EXPECT_NE(text.find("What went well"), std::string::npos) << text;
  EXPECT_NE(text.find("Key findings you missed"), std::string::npos) << text;
  EXPECT_NE(text.find(e.keyFindingsMissed.front().area), std::string::npos) << text;
  EXPECT_NE(text.find(e.keyFindingsMissed.front().exampleQuestion), std::string::npos) << text;
  EXPECT_NE(text.find("medicines"), std::string::npos) << text;
  EXPECT_NE(text.find(std::to_string(e.score) + "/100"), std::string::npos) << text;
  for (const auto& f : fixture().facts) {
    EXPECT_EQ(text.find(f.answer), std::string::npos) << f.id;
  }
  EXPECT_EQ(text.find("Metformin"), std::string::npos);
  EXPECT_EQ(text.find("500"), std::string::npos);
}

TEST(Evaluator, TheSummaryOfAPoorConsultationSaysWhatToWorkOn) {
  const auto text = evaluate(fixture(), script({"Do you eat breakfast?"})).summary();
  EXPECT_NE(text.find("What to work on"), std::string::npos) << text;
  EXPECT_NE(text.find("24-hour recall"), std::string::npos) << text;
  EXPECT_NE(text.find("(BD)"), std::string::npos) << text;
  for (const auto& f : fixture().facts) EXPECT_EQ(text.find(f.answer), std::string::npos) << f.id;
}

// ---- The coach ------------------------------------------------------------------------------

TEST(Evaluator, TheCoachPointsAtAnUnexploredAreaAndMovesOnOnceItIsExplored) {
  std::vector<std::string> lines = {kGreeting, "Tell me about what you usually eat.",
                                    "What do you have for breakfast?"};
  std::vector<std::string> hints;
  // Follow the coach's advice a few times: each hint must change once its area is explored.
  const std::vector<std::string> exploring = {"What is your weight at the moment?",
                                              "What were your blood sugar results?", "What medications are you taking?",
                                              "Have you been thirsty or passing urine a lot?"};
  for (const auto& next : exploring) {
    const auto hint = coachHint(fixture(), script(lines));
    EXPECT_FALSE(hint.empty());
    for (const auto& f : fixture().facts) EXPECT_EQ(hint.find(f.answer), std::string::npos) << hint;
    EXPECT_EQ(coachHint(fixture(), script(lines)), hint) << "deterministic";
    hints.push_back(hint);
    lines.push_back(next);
    EXPECT_NE(coachHint(fixture(), script(lines)), hint) << "after: " << next;
  }
  // Food history is open; the coach points first at the unexplored parts holding a key finding
  // (body measurements, blood tests, medications), then at the others (physical signs).
  EXPECT_NE(hints[0].find("body measurements"), std::string::npos) << hints[0];
  EXPECT_NE(hints[1].find("blood tests"), std::string::npos) << hints[1];
  EXPECT_NE(hints[2].find("medications"), std::string::npos) << hints[2];
  EXPECT_NE(hints[3].find("physical signs"), std::string::npos) << hints[3];
}

TEST(Evaluator, TheCoachAsksForTheRecallOnceTheDomainsAndKeyFindingsAreCovered) {
  std::vector<std::string> lines = thorough();
  // Drop the recall.
  for (const auto& l : {kQuickList, kForgotten, kTimeOccasion, kDetail, kReview}) {
    lines.erase(std::remove(lines.begin(), lines.end(), l), lines.end());
  }
  const auto hint = coachHint(fixture(), script(lines));
  EXPECT_NE(hint.find("24-hour recall"), std::string::npos) << hint;
  lines.push_back(kQuickList);
  const auto next = coachHint(fixture(), script(lines));
  EXPECT_NE(next, hint);
  EXPECT_NE(next.find("forgotten"), std::string::npos) << next;
}

// ---- The shipped cases ------------------------------------------------------------------------

namespace {

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Plays `questions` to the scripted patient; returns the transcript and, for each fact it
/// disclosed, the first transcript index of the student turn that drew it.
std::pair<Transcript, std::map<std::string, int>> playToPatient(const Case& c, const std::string& name,
                                                                const std::vector<std::string>& questions) {
  const ScriptedPatient patient(c, name, 7);
  Transcript t{{Sender::Patient, patient.opening()}};
  std::map<std::string, int> disclosed;
  for (const auto& q : questions) {
    const auto reply = patient.respond(t, q);
    const int turn = static_cast<int>(t.size());
    t.push_back({Sender::User, q});
    t.push_back({Sender::Patient, reply.text});
    for (const auto& id : reply.disclosedFacts) disclosed.try_emplace(id, turn);
  }
  return {std::move(t), std::move(disclosed)};
}

/// Every fact the scripted patient told is covered, no later than the turn that drew it.
void expectAgreesWithThePatient(const Evaluation& e, const std::map<std::string, int>& disclosed) {
  for (const auto& [id, turn] : disclosed) {
    const auto& f = fact(e, id);
    EXPECT_EQ(f.coverage, Coverage::Covered) << id << " told at turn " << turn;
    EXPECT_LE(f.turn, turn) << id;
    EXPECT_GE(f.turn, 0) << id;
  }
}

/// The groups of questions of a questions file (each array of strings: the phrasings prepared
/// for one fact), whatever its nesting.
void collectQuestions(const json::value& v, std::vector<std::vector<std::string>>& out) {
  if (v.is_array()) {
    std::vector<std::string> group;
    for (const auto& item : v.get_array()) {
      if (item.is_string())
        group.emplace_back(item.get_string());
      else
        collectQuestions(item, out);
    }
    if (!group.empty()) out.push_back(std::move(group));
  }
  if (v.is_object()) {
    for (const auto& [key, item] : v.get_object()) collectQuestions(item, out);
  }
}

struct ShippedCase {
  std::string slug;
  std::string patientName;
  Case c;
  std::vector<std::vector<std::string>> questions;
};

/// resources/cases/*.json, each with tests/data/case_questions/<slug>.json.
const std::vector<ShippedCase>& shippedCases() {
  static const std::vector<ShippedCase> cases = [] {
    std::vector<ShippedCase> out;
    const auto dir = fs::path(PRACTICUM_RESOURCES_DIR) / "cases";
    if (!fs::exists(dir)) return out;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      ShippedCase sc;
      sc.slug = path.stem().string();
      const auto file = parseJsonObject(readFile(path));
      sc.patientName = std::string(file.at("patient").as_object().at("name").as_string());
      sc.c = parseCase(file.at("case").as_object());
      const auto questionsPath = fs::path(PRACTICUM_TEST_DATA_DIR) / "case_questions" / (sc.slug + ".json");
      if (fs::exists(questionsPath))
        collectQuestions(json::value(parseJsonObject(readFile(questionsPath))), sc.questions);
      out.push_back(std::move(sc));
    }
    return out;
  }();
  return cases;
}

}  // namespace

TEST(Evaluator, EveryFactTheScriptedPatientTellsIsCovered) {
  const auto [transcript, disclosed] = playToPatient(fixture(), "Dave", thorough());
  EXPECT_GE(disclosed.size(), fixture().facts.size() - 2);
  expectAgreesWithThePatient(evaluate(fixture(), transcript), disclosed);
}

TEST(Evaluator, OnTheShippedCasesAskingEveryPreparedQuestionCoversNearlyEveryFact) {
  for (const auto& sc : shippedCases()) {
    SCOPED_TRACE(sc.slug);
    ASSERT_FALSE(sc.questions.empty()) << "tests/data/case_questions/" << sc.slug << ".json";
    std::vector<std::string> all;
    for (const auto& group : sc.questions) all.insert(all.end(), group.begin(), group.end());
    const auto e = evaluate(sc.c, script(all));
    int covered = 0;
    std::string uncovered;
    for (const auto& f : e.facts) {
      if (f.coverage == Coverage::Covered)
        ++covered;
      else
        uncovered += " " + f.factId;
    }
    EXPECT_GE(covered * 10, static_cast<int>(e.facts.size()) * 9)
        << covered << " of " << e.facts.size() << " covered; not:" << uncovered;
    // The example question for every key finding draws it out on its own.
    for (const auto& f : sc.c.facts) {
      if (!f.key) continue;
      const auto q = exampleQuestion(f);
      EXPECT_EQ(fact(evaluate(sc.c, script({q})), f.id).coverage, Coverage::Covered) << f.id << ": " << q;
    }
  }
}

TEST(Evaluator, OnTheShippedCasesEveryFactTheScriptedPatientTellsIsCovered) {
  // Each fact's prepared phrasings, asked in turn in a fresh consultation: whatever the patient
  // tells, the evaluator credits, at the same turn or earlier.
  for (const auto& sc : shippedCases()) {
    SCOPED_TRACE(sc.slug);
    std::size_t told = 0;
    for (const auto& group : sc.questions) {
      const auto [transcript, disclosed] = playToPatient(sc.c, sc.patientName, group);
      expectAgreesWithThePatient(evaluate(sc.c, transcript), disclosed);
      told += disclosed.size();
    }
    EXPECT_GT(told, 0u);
  }
}
