#include "core/consultation/evaluator.h"

#include "core/consultation/lexicon.h"
#include "core/consultation/lexicon_engine.h"

#include <boost/json/array.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace json = boost::json;

namespace practicum::consultation {

namespace {

using W = ScoreWeights;

using lexicon::Reading;
using lexicon::read;

struct StudentTurn {
  int index;  ///< in the transcript
  const std::string* text;
  Reading reading;
};

/// The student's turns; coach feedback and the patient's replies play no part in the score.
std::vector<StudentTurn> studentTurns(const Transcript& transcript) {
  std::vector<StudentTurn> out;
  for (std::size_t i = 0; i < transcript.size(); ++i) {
    if (transcript[i].sender != Sender::User) continue;
    out.push_back({static_cast<int>(i), &transcript[i].text, read(transcript[i].text)});
  }
  return out;
}

bool mentions(const Reading& r, std::string_view topic) {
  return std::find(r.topics.begin(), r.topics.end(), topic) != r.topics.end();
}

bool asksOwnTopic(const Fact& f, const Reading& r) {
  return std::any_of(f.topics.begin(), f.topics.end(), [&](const std::string& t) { return mentions(r, t); });
}

/// Opens the fact's domain: a general topic of it ("tell me about your diet"), or an open
/// question on any topic of it ("how do you find your meals?").
bool opensDomain(const Fact& f, const Reading& r) {
  return std::any_of(r.topics.begin(), r.topics.end(), [&](const std::string& id) {
    const auto* t = findTopic(id);
    return t && t->domain == f.domain && (t->general || r.open);
  });
}

bool touchesDomain(const Fact& f, const Reading& r) {
  return std::any_of(r.topics.begin(), r.topics.end(), [&](const std::string& id) {
    const auto* t = findTopic(id);
    return t && t->domain == f.domain;
  });
}

/// The topics the student's earlier turns asked about.
using Asked = std::set<std::string, std::less<>>;

bool askedBefore(const Fact& f, const Reading& r, const Asked& earlier) {
  return std::any_of(f.topics.begin(), f.topics.end(),
                     [&](const std::string& t) { return mentions(r, t) && earlier.contains(t); });
}

/// The scripted patient's disclosure rule (docs/cases.md): whether this turn makes the patient tell `f`.
bool draws(const Fact& f, const Reading& r, const Asked& earlier) {
  switch (f.disclosure) {
    case Disclosure::Volunteered:
      return asksOwnTopic(f, r) || opensDomain(f, r);
    case Disclosure::WhenAsked:
      return asksOwnTopic(f, r);
    case Disclosure::Probed:
      return asksOwnTopic(f, r) && (r.probing || askedBefore(f, r, earlier));
  }
  return false;
}

bool nearly(const Fact& f, const Reading& r) {
  return touchesDomain(f, r) || (f.disclosure == Disclosure::Probed && asksOwnTopic(f, r));
}

bool recallFlag(const Utterance& u, RecallPass pass) {
  switch (pass) {
    case RecallPass::QuickList:
      return u.recallQuickList;
    case RecallPass::ForgottenFoods:
      return u.recallForgotten;
    case RecallPass::TimeAndOccasion:
      return u.recallTimeOccasion;
    case RecallPass::Detail:
      return u.recallDetail;
    case RecallPass::FinalReview:
      return u.recallReview;
  }
  return false;
}

/// Rounds num/den (both ≥ 0, den > 0) to the nearest integer, halves up: integer arithmetic so
/// every platform scores alike.
int roundedRatio(long long num, long long den) {
  return static_cast<int>((2 * num + den) / (2 * den));
}

// ---- Wording -----------------------------------------------------------------------------

std::string replaceAll(std::string text, std::string_view from, std::string_view to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// A topic's description (written for case authors, about "the patient") turned to the student's
/// side of the conversation: "what the patient usually eats" → "what you usually eat",
/// "current weight" → "your current weight".
std::string area(const Topic& topic) {
  std::string d(topic.description);
  if (const auto paren = d.find(" ("); paren != std::string::npos) d.erase(paren);
  static constexpr std::pair<std::string_view, std::string_view> kPerson[] = {
      {"the patient usually eats", "you usually eat"},
      {"how much is eaten", "how much you eat"},
      {"the patient drinks", "you drink"},
      {"the patient knows or believes", "you know or believe"},
      {"the patient feels", "you feel"},
      {"the patient hopes", "you hope"},
      {"the patient", "you"},
      {"they were", "you were"},
      {"they live", "you live"},
      {"their ", "your "},
  };
  for (const auto& [from, to] : kPerson) d = replaceAll(std::move(d), from, to);
  if (startsWith(d, "for a child: ")) return "your child's " + d.substr(13);
  if (startsWith(d, "conditions ")) return "any " + d;
  static constexpr std::string_view kNoPossessive[] = {"a ", "an ", "any ", "the ", "what ", "how ", "who ", "when "};
  if (std::any_of(std::begin(kNoPossessive), std::end(kNoPossessive), [&](auto p) { return startsWith(d, p); })) {
    return d;
  }
  return "your " + d;
}

bool isClause(std::string_view a) {
  return startsWith(a, "what ") || startsWith(a, "how ") || startsWith(a, "who ") || startsWith(a, "when ");
}

std::string plainQuestion(std::string_view a) {
  return isClause(a) ? "Could you tell me " + std::string(a) + "?" : "Could you tell me about " + std::string(a) + "?";
}

std::string probingQuestion(std::string_view a) {
  return isClause(a)
             ? "Could you tell me specifically " + std::string(a) + " - exactly what, how much and how often?"
             : "Could you tell me specifically about " + std::string(a) + " - exactly what, how much and how often?";
}

std::string topicWords(std::string_view id) {
  std::string out(id);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

/// Whether the patient would tell `f` on hearing `question` as a first question on its topics.
bool wouldDraw(const Fact& f, const std::string& question) {
  return draws(f, read(question), Asked{});
}

std::string_view domainName(std::string_view code) {
  if (code == "FH") return "food and nutrition history";
  if (code == "AD") return "anthropometric measurements";
  if (code == "BD") return "biochemical data and medical tests";
  if (code == "PD") return "nutrition-focused physical findings";
  return "client history";
}

std::string_view partName(Domain d) {
  switch (d) {
    case Domain::FoodNutritionHistory:
      return "food and nutrition history";
    case Domain::Anthropometric:
      return "body measurements (anthropometrics)";
    case Domain::Biochemical:
      return "blood tests and medical tests (biochemical data)";
    case Domain::PhysicalFindings:
      return "physical signs and symptoms";
    case Domain::ClientMedical:
      return "medical history";
    case Domain::ClientMedications:
      return "medications";
    case Domain::ClientSocial:
      return "social history (home, work, support)";
    case Domain::ClientFamily:
      return "family history";
  }
  return "client history";
}

std::string_view passName(RecallPass p) {
  switch (p) {
    case RecallPass::QuickList:
      return "the quick list (everything eaten and drunk in the last 24 hours)";
    case RecallPass::ForgottenFoods:
      return "forgotten foods (drinks, snacks, sweets, extras)";
    case RecallPass::TimeAndOccasion:
      return "time and occasion (when and where each eating occasion was)";
    case RecallPass::Detail:
      return "detail (amounts, preparation, brands, additions)";
    case RecallPass::FinalReview:
      return "the final review (reading the recall back to the patient)";
  }
  return "";
}

std::string_view passAdvice(RecallPass p) {
  switch (p) {
    case RecallPass::QuickList:
      return "You have not taken a 24-hour recall yet: ask the patient to list everything they ate and drank "
             "yesterday, from waking up.";
    case RecallPass::ForgottenFoods:
      return "In the 24-hour recall, prompt for commonly forgotten items: drinks, snacks, sweets and extras like "
             "sauces or spreads.";
    case RecallPass::TimeAndOccasion:
      return "In the 24-hour recall, ask when and where each meal or snack was eaten.";
    case RecallPass::Detail:
      return "In the 24-hour recall, go through the detail: amounts, how the food was prepared, brands and "
             "anything added.";
    case RecallPass::FinalReview:
      return "Finish the 24-hour recall by reading it back to the patient and asking whether anything is missing.";
  }
  return "";
}

const Topic& firstTopic(const Fact& f) {
  // parseCase guarantees at least one known topic.
  return *findTopic(f.topics.front());
}

const Topic* generalTopic(Domain d) {
  for (const auto& t : topics()) {
    if (t.general && t.domain == d) return &t;
  }
  return nullptr;
}

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

double Communication::openRatio() const {
  const int questions = openQuestions + closedQuestions;
  return questions == 0 ? 0.0 : static_cast<double>(openQuestions) / static_cast<double>(questions);
}

std::string exampleQuestion(const Fact& f) {
  const bool probe = f.disclosure == Disclosure::Probed;
  const auto phrase = [probe](std::string_view a) { return probe ? probingQuestion(a) : plainQuestion(a); };
  // The first topic's description reads best; when the lexicon does not hear that phrasing as the
  // topic, fall back to the other topics and then to the topics' own names, so that the example
  // really would draw the fact out.
  std::vector<std::string> candidates;
  for (const auto& id : f.topics) {
    if (const auto* t = findTopic(id)) candidates.push_back(phrase(area(*t)));
  }
  for (const auto& id : f.topics) candidates.push_back(phrase("your " + topicWords(id)));
  for (const auto& q : candidates) {
    if (wouldDraw(f, q)) return q;
  }
  return candidates.front();
}

Evaluation evaluate(const Case& c, const Transcript& transcript) {
  Evaluation e;
  const auto turns = studentTurns(transcript);
  e.studentTurns = static_cast<int>(turns.size());

  // Assessment coverage: replay the student's turns as the scripted patient hears them.
  e.facts.reserve(c.facts.size());
  for (const auto& f : c.facts) {
    e.facts.push_back({f.id, Coverage::Missed, -1, {}, f.domain, f.key, f.disclosure});
  }
  Asked earlier;
  for (const auto& turn : turns) {
    for (std::size_t i = 0; i < c.facts.size(); ++i) {
      auto& fc = e.facts[i];
      if (fc.coverage == Coverage::Covered) continue;
      if (draws(c.facts[i], turn.reading, earlier)) {
        fc.coverage = Coverage::Covered;
      } else if (fc.coverage == Coverage::Missed && nearly(c.facts[i], turn.reading)) {
        fc.coverage = Coverage::Partial;
      } else {
        continue;
      }
      fc.turn = turn.index;
      fc.studentWords = *turn.text;
    }
    earlier.insert(turn.reading.topics.begin(), turn.reading.topics.end());
  }

  for (const auto code : kNcpCodes) {
    DomainCoverage d{std::string(code), 0, 0, 0};
    for (const auto& fc : e.facts) {
      if (ncpCode(fc.domain) != code) continue;
      ++d.total;
      d.covered += fc.coverage == Coverage::Covered ? 1 : 0;
      d.partial += fc.coverage == Coverage::Partial ? 1 : 0;
    }
    e.domains.push_back(std::move(d));
  }

  for (std::size_t i = 0; i < c.facts.size(); ++i) {
    const auto& f = c.facts[i];
    if (!f.key || e.facts[i].coverage == Coverage::Covered) continue;
    e.keyFindingsMissed.push_back({f.id, f.domain, area(firstTopic(f)), exampleQuestion(f)});
  }

  // The 24-hour recall: each pass once, at the first turn that makes it.
  for (const auto& turn : turns) {
    for (std::size_t p = 0; p < kRecallPasses.size(); ++p) {
      if (e.recall.passTurn[p] < 0 && recallFlag(turn.reading.acts, kRecallPasses[p]))
        e.recall.passTurn[p] = turn.index;
    }
  }
  for (std::size_t p = 0; p < kRecallPasses.size(); ++p) {
    (e.recall.passTurn[p] >= 0 ? e.recall.passesMade : e.recall.passesMissed).push_back(kRecallPasses[p]);
  }

  // Communication: the opening belongs to the first turns and the close to the last ones.
  auto& com = e.communication;
  const auto n = turns.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto& u = turns[i].reading.acts;
    const bool opening = i < static_cast<std::size_t>(W::kOpeningTurns);
    const bool closing = i + static_cast<std::size_t>(W::kClosingTurns) >= n;
    com.greeting = com.greeting || (opening && u.greeting);
    com.introduction = com.introduction || (opening && u.introduction);
    com.purpose = com.purpose || (opening && u.purpose);
    com.closing = com.closing || (closing && u.closing);
    if (u.question || u.open) ++(u.open ? com.openQuestions : com.closedQuestions);
    com.reflections += u.reflection ? 1 : 0;
    com.empathy += u.empathy ? 1 : 0;
    com.summarised = com.summarised || u.summary;
    com.checkedUnderstanding = com.checkedUnderstanding || u.checksUnderstanding;
  }

  // The score, every part in whole points (docs/cases.md, "Evaluation").
  auto& b = e.breakdown;
  long long earned = 0;  // in half-weights: covered earns 2, partial 1
  long long possible = 0;
  for (const auto& fc : e.facts) {
    const int weight = fc.key ? W::kKeyFactWeight : 1;
    possible += 2 * weight;
    earned += weight * (fc.coverage == Coverage::Covered ? 2 : fc.coverage == Coverage::Partial ? 1 : 0);
  }
  b.coverage = possible == 0 ? 0 : roundedRatio(W::kCoverage * earned, possible);
  b.recall = W::kRecallPerPass * static_cast<int>(e.recall.passesMade.size());
  b.opening =
      (com.greeting ? W::kGreeting : 0) + (com.introduction ? W::kIntroduction : 0) + (com.purpose ? W::kPurpose : 0);
  const int questions = com.openQuestions + com.closedQuestions;
  // Full marks when at least half the questions are open; pro rata below.
  b.openQuestions = questions == 0 ? 0
                                   : std::min(W::kOpenQuestions,
                                              roundedRatio(2LL * W::kOpenQuestions * com.openQuestions, questions));
  b.empathyReflection = (com.empathy > 0 ? W::kEmpathy : 0) + (com.reflections > 0 ? W::kReflection : 0);
  b.summary = com.summarised ? W::kSummary : 0;
  b.checkUnderstanding = com.checkedUnderstanding ? W::kCheckUnderstanding : 0;
  b.closing = com.closing ? W::kClosing : 0;
  e.score = std::clamp(b.total(), 0, 100);
  return e;
}

json::object Evaluation::toJson() const {
  json::array factArray;
  for (const auto& fc : facts) {
    json::object o{
        {"fact_id", fc.factId}, {"domain", toString(fc.domain)},         {"ncp_domain", ncpCode(fc.domain)},
        {"key", fc.key},        {"disclosure", toString(fc.disclosure)}, {"coverage", toString(fc.coverage)}};
    if (fc.turn >= 0) {
      o["turn"] = fc.turn;
      o["student_words"] = fc.studentWords;
    } else {
      o["turn"] = nullptr;
      o["student_words"] = nullptr;
    }
    factArray.push_back(std::move(o));
  }
  json::object domainObject;
  for (const auto& d : domains) {
    domainObject[d.code] = {{"covered", d.covered}, {"partial", d.partial}, {"total", d.total}};
  }
  json::array missed;
  for (const auto& m : keyFindingsMissed) {
    missed.push_back({{"fact_id", m.factId},
                      {"domain", toString(m.domain)},
                      {"ncp_domain", ncpCode(m.domain)},
                      {"area", m.area},
                      {"example_question", m.exampleQuestion}});
  }
  json::array made;
  json::array notMade;
  json::object passTurns;
  for (const auto p : recall.passesMade) made.emplace_back(toString(p));
  for (const auto p : recall.passesMissed) notMade.emplace_back(toString(p));
  for (std::size_t p = 0; p < kRecallPasses.size(); ++p) {
    if (recall.passTurn[p] >= 0)
      passTurns[toString(kRecallPasses[p])] = recall.passTurn[p];
    else
      passTurns[toString(kRecallPasses[p])] = nullptr;
  }
  const auto& com = communication;
  // Two decimals: enough to read, and the same text on every platform.
  const double ratio = std::round(com.openRatio() * 100.0) / 100.0;
  return {
      {"facts", std::move(factArray)},
      {"domains", std::move(domainObject)},
      {"key_findings_missed", std::move(missed)},
      {"recall",
       {{"passes_made", std::move(made)}, {"passes_missed", std::move(notMade)}, {"pass_turns", std::move(passTurns)}}},
      {"communication",
       {{"greeting", com.greeting},
        {"introduction", com.introduction},
        {"purpose", com.purpose},
        {"open_questions", com.openQuestions},
        {"closed_questions", com.closedQuestions},
        {"open_ratio", ratio},
        {"empathy", com.empathy},
        {"reflections", com.reflections},
        {"summarised", com.summarised},
        {"checked_understanding", com.checkedUnderstanding},
        {"closing", com.closing}}},
      {"student_turns", studentTurns},
      {"score", score},
      {"score_breakdown",
       {{"coverage", breakdown.coverage},
        {"recall", breakdown.recall},
        {"communication", breakdown.communication()},
        {"opening", breakdown.opening},
        {"open_questions", breakdown.openQuestions},
        {"empathy_reflection", breakdown.empathyReflection},
        {"summary", breakdown.summary},
        {"check_understanding", breakdown.checkUnderstanding},
        {"closing", breakdown.closing}}},
      {"weights",
       {{"coverage", W::kCoverage},
        {"key_fact_weight", W::kKeyFactWeight},
        {"partial_credit", 0.5},
        {"recall", W::kRecall},
        {"recall_per_pass", W::kRecallPerPass},
        {"communication", W::kCommunication},
        {"greeting", W::kGreeting},
        {"introduction", W::kIntroduction},
        {"purpose", W::kPurpose},
        {"open_questions", W::kOpenQuestions},
        {"empathy", W::kEmpathy},
        {"reflection", W::kReflection},
        {"summary", W::kSummary},
        {"check_understanding", W::kCheckUnderstanding},
        {"closing", W::kClosing}}},
  };
}

std::string Evaluation::summary() const {
  std::vector<std::string> good;
  std::vector<std::string> work;

  int covered = 0;
  int keys = 0;
  int keysCovered = 0;
  std::vector<std::string> partialAreas;
  for (const auto& fc : facts) {
    covered += fc.coverage == Coverage::Covered ? 1 : 0;
    keys += fc.key ? 1 : 0;
    keysCovered += fc.key && fc.coverage == Coverage::Covered ? 1 : 0;
  }
  std::string found = "You drew out " + std::to_string(covered) + " of " + std::to_string(facts.size()) + " facts";
  if (keys > 0)
    found += " (" + std::to_string(keysCovered) + " of " + plural(keys, "key finding", "key findings") + ")";
  (covered * 2 >= static_cast<int>(facts.size()) ? good : work).push_back(found + ".");

  for (const auto& d : domains) {
    if (d.total == 0) continue;
    const auto name = std::string(domainName(d.code));
    const auto counts = std::to_string(d.covered) + " of " + std::to_string(d.total) + " covered";
    if (d.covered == d.total) {
      good.push_back("You explored the " + name + " (" + d.code + ") fully: " + counts + ".");
    } else if (d.covered == 0 && d.partial == 0) {
      work.push_back("You did not explore the " + name + " (" + d.code + ") at all: " + counts + ".");
    } else if (d.partial > 0) {
      work.push_back("The " + name + " (" + d.code + "): " + counts + ", " + std::to_string(d.partial) +
                     " only touched on. Follow up with specific questions: exactly what, how much, how often.");
    } else {
      work.push_back("The " + name + " (" + d.code + "): " + counts + ".");
    }
  }

  if (!recall.passesMade.empty()) {
    std::vector<std::string> names;
    for (const auto p : recall.passesMade) names.emplace_back(passName(p));
    good.push_back("24-hour recall: you made " + joinList(names) + ".");
  }
  if (!recall.passesMissed.empty()) {
    std::vector<std::string> names;
    for (const auto p : recall.passesMissed) names.emplace_back(passName(p));
    work.push_back("24-hour recall: passes not made: " + joinList(names) + ".");
  }

  const auto& com = communication;
  std::vector<std::string> opened;
  std::vector<std::string> notOpened;
  if (com.greeting)
    opened.emplace_back("greeted the patient");
  else
    notOpened.emplace_back("greet the patient");
  if (com.introduction)
    opened.emplace_back("introduced yourself and your role");
  else
    notOpened.emplace_back("introduce yourself and your role");
  if (com.purpose)
    opened.emplace_back("explained the purpose of the session");
  else
    notOpened.emplace_back("explain the purpose of the session");
  if (!opened.empty()) good.push_back("In the opening you " + joinList(opened) + ".");
  if (!notOpened.empty()) work.push_back("At the start, remember to " + joinList(notOpened) + ".");

  const int questions = com.openQuestions + com.closedQuestions;
  if (questions > 0) {
    const auto share = std::to_string(roundedRatio(100LL * com.openQuestions, questions)) + "%";
    const auto line = std::to_string(com.openQuestions) + " of your " + plural(questions, "question", "questions") +
                      (com.openQuestions == 1 ? " was" : " were") + " open (" + share + ")";
    if (breakdown.openQuestions == W::kOpenQuestions)
      good.push_back(line + ".");
    else
      work.push_back(line + ": use more open questions (what, how, tell me about...).");
  }
  if (com.empathy > 0)
    good.push_back("You showed empathy (" + plural(com.empathy, "time", "times") + ").");
  else
    work.push_back("Acknowledge the patient's feelings: show empathy.");
  if (com.reflections > 0)
    good.push_back("You reflected back what you heard (" + plural(com.reflections, "time", "times") + ").");
  else
    work.push_back("Reflect back what the patient tells you (\"it sounds like...\").");
  if (com.summarised)
    good.push_back("You summarised the consultation.");
  else
    work.push_back("Summarise what you have heard before moving on or closing.");
  if (com.checkedUnderstanding)
    good.push_back("You checked the patient's understanding.");
  else
    work.push_back("Check the patient's understanding.");
  if (com.closing)
    good.push_back("You closed with next steps.");
  else
    work.push_back("Close the consultation by agreeing next steps and follow-up.");

  std::string out = "Score: " + std::to_string(score) + "/100 (assessment " + std::to_string(breakdown.coverage) + "/" +
                    std::to_string(W::kCoverage) + ", 24-hour recall " + std::to_string(breakdown.recall) + "/" +
                    std::to_string(W::kRecall) + ", communication " + std::to_string(breakdown.communication()) + "/" +
                    std::to_string(W::kCommunication) + ")\n";
  const auto section = [&out](std::string_view title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out += "\n";
    out += title;
    out += "\n";
    for (const auto& l : lines) out += "- " + l + "\n";
  };
  section("What went well:", good);
  section("What to work on:", work);
  std::vector<std::string> missedLines;
  for (const auto& m : keyFindingsMissed) {
    missedLines.push_back(m.area + " (" + std::string(ncpCode(m.domain)) + "). For example: \"" + m.exampleQuestion +
                          "\"");
  }
  section("Key findings you missed:", missedLines);
  return out;
}

std::string coachHint(const Case& c, const Transcript& transcript) {
  const auto e = evaluate(c, transcript);
  if (e.studentTurns == 0) {
    return "Start by greeting the patient, introducing yourself and explaining what this session is for.";
  }
  const auto touched = [&](std::size_t i) { return e.facts[i].coverage != Coverage::Missed; };

  // 1. A part of the assessment not opened at all (client history by its parts: medical,
  //    medications, social, family), those holding a key finding first.
  for (const bool keyOnly : {true, false}) {
    for (std::size_t d = 0; d < EnumNames<Domain>::names.size(); ++d) {
      const auto domain = static_cast<Domain>(d);
      bool opened = false;
      const Fact* target = nullptr;
      for (std::size_t i = 0; i < c.facts.size(); ++i) {
        if (c.facts[i].domain != domain) continue;
        opened = opened || touched(i);
        if (!target && (!keyOnly || c.facts[i].key)) target = &c.facts[i];
      }
      if (opened || !target) continue;
      const auto* general = generalTopic(domain);
      const auto question = plainQuestion(area(general ? *general : firstTopic(*target)));
      return "You have not explored the patient's " + std::string(partName(domain)) +
             " yet. Try an open question such as \"" + question + "\"";
    }
  }
  // 2. A key finding not yet drawn out.
  for (std::size_t i = 0; i < c.facts.size(); ++i) {
    const auto& f = c.facts[i];
    if (!f.key || e.facts[i].coverage == Coverage::Covered) continue;
    return "An important area is still open: " + area(firstTopic(f)) + ". " +
           (f.disclosure == Disclosure::Probed
                ? "Ask about it specifically, then follow up: exactly what, how much, how often."
                : "Ask the patient about it.");
  }
  // 3. The next recall pass.
  if (!e.recall.passesMissed.empty()) return std::string(passAdvice(e.recall.passesMissed.front()));
  // 4. Any other fact not yet drawn out.
  for (std::size_t i = 0; i < c.facts.size(); ++i) {
    if (e.facts[i].coverage == Coverage::Covered) continue;
    const auto& f = c.facts[i];
    return "You could still ask about " + area(firstTopic(f)) + "." +
           (f.disclosure == Disclosure::Probed ? " Be specific: exactly what, how much, how often." : "");
  }
  // 5. Bringing the consultation to a close.
  if (!e.communication.summarised) return "You have explored every area: summarise what you have heard.";
  if (!e.communication.checkedUnderstanding) return "Check that the patient understands what you have discussed.";
  if (!e.communication.closing) return "Close the consultation by agreeing next steps and follow-up.";
  return "You have explored every area of this consultation; anything more is up to you.";
}

}  // namespace practicum::consultation
