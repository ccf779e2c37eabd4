#include "core/consultation/case.h"

#include "core/errors.h"
#include "core/json_reader.h"

#include <algorithm>
#include <set>

namespace json = boost::json;

namespace practicum::consultation {

namespace {

constexpr TextRule kShort{1, 200};
constexpr TextRule kSentence{1, 500};
constexpr TextRule kAnswer{1, 2000, true};
constexpr TextRule kOptionalShort{0, 200};
constexpr std::size_t kMaxFacts = 200;
constexpr std::size_t kMaxRecall = 20;
constexpr std::size_t kMaxItems = 30;
constexpr std::size_t kMaxDiagnoses = 10;

/// Reads a nested object with its own strict reader; its problems are reported on the parent
/// under "path.key".
template <class Read> void nested(ObjectReader& parent, const std::string& path, const json::object& object, Read read) {
  ObjectReader reader(object);
  read(reader);
  try {
    reader.finish();
  } catch (const ApiError& e) {
    for (const auto& [key, message] : e.details().at("fields").as_object()) {
      parent.fail(path + "." + std::string(key), std::string(message.as_string()));
    }
  }
}

/// Reads an array of objects, each with read(reader, item, itemObject), reporting "key[i].field".
template <class T, class Read>
std::vector<T> objects(ObjectReader& parent, const json::object& owner, std::string_view key, std::size_t min,
                       std::size_t max, Read read) {
  std::vector<T> out;
  const auto* value = owner.if_contains(key);
  if (!value || !value->is_array()) {
    // Presence and type are reported by the parent's own read of the key.
    return out;
  }
  const auto& array = value->get_array();
  if (array.size() < min || array.size() > max) {
    parent.fail(key, "must have " + std::to_string(min) + " to " + std::to_string(max) + " items");
    return out;
  }
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto path = std::string(key) + "[" + std::to_string(i) + "]";
    if (!array[i].is_object()) {
      parent.fail(path, "must be an object");
      continue;
    }
    T item{};
    const auto& itemObject = array[i].get_object();
    nested(parent, path, itemObject, [&](ObjectReader& r) { read(r, item, itemObject); });
    out.push_back(std::move(item));
  }
  return out;
}

/// Marks an array-valued key as read (so finish() does not call it unknown) and checks its type.
void expectArray(ObjectReader& reader, const json::object& owner, std::string_view key) {
  const auto* v = owner.if_contains(key);
  if (!v) reader.fail(key, "is required");
  else if (!v->is_array()) reader.fail(key, "must be an array");
  reader.skip(key);
}

bool isIdentifier(std::string_view id) {
  return !id.empty() && id.size() <= 60 &&
         std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool isClockTime(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return false;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(t[0]) || !digit(t[1]) || !digit(t[3]) || !digit(t[4])) return false;
  return (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

}  // namespace

const Fact* Case::findFact(std::string_view id) const {
  const auto it = std::find_if(facts.begin(), facts.end(), [id](const Fact& f) { return f.id == id; });
  return it == facts.end() ? nullptr : &*it;
}

Case parseCase(const json::object& object) {
  ObjectReader reader(object);
  Case c;
  if (auto version = reader.integer("schema_version", true, 1, 1000); version && *version != kCaseSchemaVersion) {
    reader.fail("schema_version", "must be " + std::to_string(kCaseSchemaVersion));
  }
  if (auto demographics = reader.object("demographics", true)) {
    nested(reader, "demographics", *demographics, [&](ObjectReader& r) {
      c.occupation = r.text("occupation", true, kShort).value_or("");
      c.livingSituation = r.text("living_situation", true, kSentence).value_or("");
      c.culturalBackground = r.text("cultural_background", false, {0, 200}).value_or("");
    });
  }
  c.setting = reader.text("setting", true, kSentence).value_or("");
  c.referralReason = reader.text("referral_reason", true, kSentence).value_or("");
  if (auto personality = reader.object("personality", true)) {
    nested(reader, "personality", *personality, [&](ObjectReader& r) {
      c.persona.talkativeness = r.choice<Level>("talkativeness", true).value_or(Level::Medium);
      c.persona.mood = r.text("mood", true, kShort).value_or("");
      c.persona.healthLiteracy = r.choice<Level>("health_literacy", true).value_or(Level::Medium);
      c.persona.readiness = r.choice<Readiness>("readiness_to_change", true).value_or(Readiness::Contemplation);
      c.persona.fillers = r.textList("fillers", false, 10, {1, 40}).value_or(std::vector<std::string>{});
    });
  }
  if (auto speaker = reader.object("speaker", false)) {
    Speaker s;
    nested(reader, "speaker", *speaker, [&](ObjectReader& r) {
      s.name = r.text("name", true, kShort).value_or("");
      s.relation = r.text("relation", true, kShort).value_or("");
    });
    c.speaker = s;
  }
  c.openingLine = reader.text("opening_line", true, kAnswer).value_or("");

  expectArray(reader, object, "facts");
  c.facts = objects<Fact>(reader, object, "facts", 1, kMaxFacts, [](ObjectReader& r, Fact& f, const json::object&) {
    f.id = r.text("id", true, kShort).value_or("");
    if (!f.id.empty() && !isIdentifier(f.id)) r.fail("id", "must be lower-case letters, digits and _ (at most 60)");
    f.domain = r.choice<Domain>("domain", true).value_or(Domain::FoodNutritionHistory);
    f.topics = r.textList("topics", true, 10, {1, 40}).value_or(std::vector<std::string>{});
    if (f.topics.empty()) r.fail("topics", "must name at least one topic");
    for (const auto& t : f.topics) {
      if (!findTopic(t)) r.fail("topics", "'" + t + "' is not a known topic (see docs/cases.md)");
    }
    f.answer = r.text("answer", true, kAnswer).value_or("");
    f.disclosure = r.choice<Disclosure>("disclosure", true).value_or(Disclosure::WhenAsked);
    f.key = r.boolean("key", false).value_or(false);
  });
  std::set<std::string> ids;
  for (std::size_t i = 0; i < c.facts.size(); ++i) {
    if (!c.facts[i].id.empty() && !ids.insert(c.facts[i].id).second) {
      reader.fail("facts[" + std::to_string(i) + "].id", "repeats the id '" + c.facts[i].id + "'");
    }
  }

  expectArray(reader, object, "recall_24h");
  c.recall = objects<RecallEntry>(reader, object, "recall_24h", 1, kMaxRecall, [](ObjectReader& r, RecallEntry& e, const json::object& entryObject) {
    e.time = r.text("time", true, {5, 5}).value_or("");
    if (!e.time.empty() && !isClockTime(e.time)) r.fail("time", "must be HH:MM (24-hour clock)");
    e.occasion = r.text("occasion", true, kShort).value_or("");
    e.place = r.text("place", true, kShort).value_or("");
    expectArray(r, entryObject, "items");
    e.items = objects<RecallItem>(r, entryObject, "items", 1, kMaxItems, [](ObjectReader& ir, RecallItem& item, const json::object&) {
      item.food = ir.text("food", true, kShort).value_or("");
      item.amount = ir.text("amount", true, kShort).value_or("");
      item.detail = ir.text("detail", false, kOptionalShort).value_or("");
    });
  });
  for (std::size_t i = 1; i < c.recall.size(); ++i) {
    if (!c.recall[i].time.empty() && c.recall[i].time < c.recall[i - 1].time) {
      reader.fail("recall_24h[" + std::to_string(i) + "].time", "must not be earlier than the entry before");
    }
  }

  expectArray(reader, object, "expected_diagnoses");
  c.diagnoses = objects<PesStatement>(reader, object, "expected_diagnoses", 1, kMaxDiagnoses,
                                      [](ObjectReader& r, PesStatement& p, const json::object&) {
                                        p.problem = r.text("problem", true, kSentence).value_or("");
                                        p.etiology = r.text("etiology", true, kSentence).value_or("");
                                        p.signsSymptoms = r.text("signs_symptoms", true, kSentence).value_or("");
                                      });
  reader.finish();
  return c;
}

json::object toJson(const Case& c) {
  json::array facts;
  for (const auto& f : c.facts) {
    json::array topics;
    for (const auto& t : f.topics) topics.emplace_back(t);
    facts.push_back({{"id", f.id},
                     {"domain", toString(f.domain)},
                     {"topics", std::move(topics)},
                     {"answer", f.answer},
                     {"disclosure", toString(f.disclosure)},
                     {"key", f.key}});
  }
  json::array recall;
  for (const auto& e : c.recall) {
    json::array items;
    for (const auto& i : e.items) {
      json::object item{{"food", i.food}, {"amount", i.amount}};
      if (!i.detail.empty()) item["detail"] = i.detail;
      items.push_back(std::move(item));
    }
    recall.push_back({{"time", e.time}, {"occasion", e.occasion}, {"place", e.place}, {"items", std::move(items)}});
  }
  json::array diagnoses;
  for (const auto& d : c.diagnoses) {
    diagnoses.push_back({{"problem", d.problem}, {"etiology", d.etiology}, {"signs_symptoms", d.signsSymptoms}});
  }
  json::array fillers;
  for (const auto& f : c.persona.fillers) fillers.emplace_back(f);
  json::object demographics{{"occupation", c.occupation}, {"living_situation", c.livingSituation}};
  if (!c.culturalBackground.empty()) demographics["cultural_background"] = c.culturalBackground;
  json::object out{{"schema_version", kCaseSchemaVersion},
                   {"demographics", std::move(demographics)},
                   {"setting", c.setting},
                   {"referral_reason", c.referralReason},
                   {"personality",
                    {{"talkativeness", toString(c.persona.talkativeness)},
                     {"mood", c.persona.mood},
                     {"health_literacy", toString(c.persona.healthLiteracy)},
                     {"readiness_to_change", toString(c.persona.readiness)},
                     {"fillers", std::move(fillers)}}},
                   {"opening_line", c.openingLine},
                   {"facts", std::move(facts)},
                   {"recall_24h", std::move(recall)},
                   {"expected_diagnoses", std::move(diagnoses)}};
  if (c.speaker) out["speaker"] = {{"name", c.speaker->name}, {"relation", c.speaker->relation}};
  return out;
}

}  // namespace practicum::consultation
