#include "core/consultation/lexicon.h"

#include "core/consultation/lexicon_engine.h"
#include "core/consultation/topics.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <utility>

namespace practicum::consultation {

namespace {

bool isLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isWordChar(char c) {
  return isLower(c) || isDigit(c);
}
char toLowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Lower-cases ASCII and folds the UTF-8 a student's keyboard produces (curly quotes, dashes,
/// accented letters, the pound sign) to plain ASCII; anything else becomes a space.
std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned c = byte(i);
    if (c < 0x80) {
      out += c == '`' ? '\'' : toLowerAscii(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c == 0xE2 && byte(i + 1) == 0x80) {
      const unsigned d = byte(i + 2);
      if (d == 0x98 || d == 0x99 || d == 0x9B)
        out += '\'';
      else if (d == 0xA6)
        out += "...";
      else
        out += ' ';
      i += 3;
      continue;
    }
    if (c == 0xC2 && byte(i + 1) == 0xA3) {
      out += " pound ";
      i += 2;
      continue;
    }
    if (c == 0xC3) {
      const unsigned d = byte(i + 1) | 0x20u;  // upper-case accented letters to lower case
      if (d >= 0xA0 && d <= 0xA5)
        out += 'a';
      else if (d == 0xA7)
        out += 'c';
      else if (d >= 0xA8 && d <= 0xAB)
        out += 'e';
      else if (d >= 0xAC && d <= 0xAF)
        out += 'i';
      else if (d == 0xB1)
        out += 'n';
      else if (d >= 0xB2 && d <= 0xB6)
        out += 'o';
      else if (d >= 0xB9 && d <= 0xBC)
        out += 'u';
      else
        out += ' ';
      i += 2;
      continue;
    }
    // Any other multi-byte sequence: skip it whole.
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    out += ' ';
    i += length;
  }
  return out;
}

/// Contractions a student types, with or without the apostrophe.
std::string_view expandBare(std::string_view word) {
  static const std::unordered_map<std::string_view, std::string_view> kBare{
      {"dont", "do not"},
      {"didnt", "did not"},
      {"doesnt", "does not"},
      {"isnt", "is not"},
      {"cant", "can not"},
      {"cannot", "can not"},
      {"wasnt", "was not"},
      {"havent", "have not"},
      {"hasnt", "has not"},
      {"wouldnt", "would not"},
      {"couldnt", "could not"},
      {"shouldnt", "should not"},
      {"arent", "are not"},
      {"werent", "were not"},
      {"whats", "what is"},
      {"thats", "that is"},
      {"hows", "how is"},
      {"youre", "you are"},
      {"im", "i am"},
      {"ive", "i have"},
      {"youve", "you have"},
      {"theyre", "they are"},
      {"lets", "let us"},
      {"gonna", "going to"},
      {"wanna", "want to"},
      {"gotta", "got to"},
      {"u", "you"},
      {"ur", "your"},
      {"ya", "you"},
      {"wont", "will not"},
      {"okay", "ok"},
      {"okey", "ok"},
      {"kinda", "kind of"},
      {"sorta", "sort of"},
      {"lemme", "let me"},
      {"gimme", "give me"},
  };
  const auto it = kBare.find(word);
  return it == kBare.end() ? word : it->second;
}

void appendWord(std::string& out, std::string_view word) {
  if (word.empty()) return;
  if (!out.empty()) out += ' ';
  out += word;
}

void appendExpanded(std::string& out, std::string_view word) {
  const auto apostrophe = word.find('\'');
  if (apostrophe == std::string_view::npos) {
    appendWord(out, expandBare(word));
    return;
  }
  const auto stem = word.substr(0, apostrophe);
  const auto suffix = word.substr(apostrophe + 1);
  if (suffix == "t" && !stem.empty() && stem.back() == 'n') {
    const auto base = stem.substr(0, stem.size() - 1);
    if (base == "ca")
      appendWord(out, "can not");
    else if (base == "wo")
      appendWord(out, "will not");
    else if (base == "sha")
      appendWord(out, "shall not");
    else if (base == "ai")
      appendWord(out, "is not");
    else {
      appendWord(out, base);
      appendWord(out, "not");
    }
    return;
  }
  static const std::array<std::pair<std::string_view, std::string_view>, 5> kSuffixes{
      {{"m", "am"}, {"re", "are"}, {"ve", "have"}, {"ll", "will"}, {"d", "would"}}};
  for (const auto& [from, to] : kSuffixes) {
    if (suffix == from) {
      appendWord(out, stem);
      appendWord(out, to);
      return;
    }
  }
  if (suffix == "s") {
    static const std::array<std::string_view, 13> kIs{"it",    "that", "what", "how", "there", "here",      "who",
                                                      "where", "when", "he",   "she", "why",   "everything"};
    if (stem == "let") {
      appendWord(out, "let us");
    } else if (std::find(kIs.begin(), kIs.end(), stem) != kIs.end()) {
      appendWord(out, stem);
      appendWord(out, "is");
    } else {
      appendWord(out, stem);  // a possessive: "doctor's" reads as "doctor"
    }
    return;
  }
  appendWord(out, stem);
  appendWord(out, suffix);
}

// ---------------------------------------------------------------------------------------------
// Tokens: each word of the normalised text with its canonical spelling and a light stem, so
// "yogurts", "yoghurt" and "yoghurts" all read as one word.

std::string_view canonicalSpelling(std::string_view word) {
  static const std::unordered_map<std::string_view, std::string_view> kUk{
      {"yogurt", "yoghurt"},
      {"yogurts", "yoghurts"},
      {"yoghourt", "yoghurt"},
      {"fiber", "fibre"},
      {"diarrhea", "diarrhoea"},
      {"hemoglobin", "haemoglobin"},
      {"anemia", "anaemia"},
      {"anemic", "anaemic"},
      {"edema", "oedema"},
      {"estrogen", "oestrogen"},
      {"estradiol", "oestradiol"},
      {"esophagus", "oesophagus"},
      {"feces", "faeces"},
      {"fecal", "faecal"},
      {"color", "colour"},
      {"colors", "colours"},
      {"favorite", "favourite"},
      {"favorites", "favourites"},
      {"flavor", "flavour"},
      {"flavors", "flavours"},
      {"liter", "litre"},
      {"liters", "litres"},
      {"dietician", "dietitian"},
      {"dieticians", "dietitians"},
      {"glycemic", "glycaemic"},
      {"hypoglycemia", "hypoglycaemia"},
      {"hypoglycemic", "hypoglycaemic"},
      {"celiac", "coeliac"},
      {"celiacs", "coeliacs"},
      {"apnea", "apnoea"},
      {"mom", "mum"},
      {"moms", "mums"},
      {"mommy", "mum"},
      {"mummy", "mum"},
      {"mam", "mum"},
      {"pediatric", "paediatric"},
      {"behavior", "behaviour"},
      {"behaviors", "behaviours"},
      {"summarize", "summarise"},
      {"summarizing", "summarising"},
      {"summarized", "summarised"},
      {"counseling", "counselling"},
      {"counselor", "counsellor"},
      {"center", "centre"},
      {"gray", "grey"},
      {"practice", "practise"},
      {"programme", "program"},
      {"organize", "organise"},
      {"realize", "realise"},
      {"recognize", "recognise"},
      {"specialized", "specialised"},
      {"catalog", "catalogue"},
      {"fulfill", "fulfil"},
      {"hematocrit", "haematocrit"},
      {"hyperglycemia", "hyperglycaemia"},
      {"leukocytes", "leucocytes"},
      {"gynecologist", "gynaecologist"},
      {"labeling", "labelling"},
      {"labeled", "labelled"},
      {"stomachache", "stomach ache"},
      {"tummyache", "tummy ache"},
      {"bellyache", "belly ache"},
      {"ish", "ish"},
  };
  const auto it = kUk.find(word);
  return it == kUk.end() ? word : it->second;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Plurals only: verbs are matched with explicit forms or prefixes in the table, because
/// stripping -ed/-ing turns too many words into others ("bed", "sing").
std::string stem(std::string_view word) {
  std::string w(word);
  if (w.size() <= 3) return w;
  if (endsWith(w, "ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
  if (endsWith(w, "sses") || endsWith(w, "xes") || endsWith(w, "ches") || endsWith(w, "shes") || endsWith(w, "zes")) {
    return w.substr(0, w.size() - 2);
  }
  if (endsWith(w, "ss") || endsWith(w, "us") || endsWith(w, "is")) return w;
  if (w.back() == 's') return w.substr(0, w.size() - 1);
  return w;
}

struct Token {
  std::string raw;    ///< as normalised
  std::string canon;  ///< UK spelling
  std::string key;    ///< canon, stemmed
  bool boundary = false;
};

using Tokens = std::vector<Token>;

void appendTokens(Tokens& out, std::string_view normalised) {
  std::size_t i = 0;
  while (i < normalised.size()) {
    while (i < normalised.size() && normalised[i] == ' ') ++i;
    std::size_t j = i;
    while (j < normalised.size() && normalised[j] != ' ') ++j;
    if (j > i) {
      Token t;
      t.raw = std::string(normalised.substr(i, j - i));
      const auto canon = canonicalSpelling(t.raw);
      if (canon.find(' ') != std::string_view::npos) {
        // A spelling that splits into two words ("stomachache").
        appendTokens(out, canon);
      } else {
        t.canon = std::string(canon);
        t.key = stem(t.canon);
        out.push_back(std::move(t));
      }
    }
    i = j;
  }
}

// ---------------------------------------------------------------------------------------------
// The compiled table.

struct Word {
  enum class Kind { Normal, Prefix, Exact, Gap, Start, End, Number };
  Kind kind = Kind::Normal;
  std::string text;
};

struct Phrase {
  std::vector<Word> words;
  int length = 0;     ///< words that consume a token (gaps and anchors excluded)
  bool weak = false;  ///< written "~phrase": a loose general opening
};

struct Rule {
  std::size_t key = 0;  ///< index into Compiled::keys
  Phrase main;
  std::vector<std::vector<Phrase>> requireEach;  ///< each group: at least one phrase present
  std::vector<Phrase> forbid;                    ///< none of these present
  bool weak = false;                             ///< a general opening dropped beside a specific topic
};

struct Compiled {
  std::vector<std::string> keys;
  std::vector<Rule> rules;
  std::size_t blockKey = 0;
  // Rules by the first word their main phrase needs, so that an utterance is matched only
  // against rules that can start at one of its words.
  std::unordered_map<std::string, std::vector<std::size_t>> byKey;     ///< Normal first word
  std::unordered_map<std::string, std::vector<std::size_t>> byExact;   ///< Exact first word
  std::unordered_map<std::string, std::vector<std::size_t>> byPrefix;  ///< first two letters of a Prefix
  std::vector<std::size_t> always;                                     ///< anything else
  std::vector<std::size_t> facetRules;                                 ///< the "@facet_…" rows' rules
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == separator) {
      const auto part = trim(s.substr(start, i - start));
      if (!part.empty()) out.push_back(part);
      start = i + 1;
    }
  }
  return out;
}

Phrase compilePhrase(std::string_view text) {
  Phrase phrase;
  if (!text.empty() && text.front() == '~') {
    phrase.weak = true;
    text.remove_prefix(1);
  }
  for (const auto part : split(text, ' ')) {
    Word w;
    if (part == "...") {
      w.kind = Word::Kind::Gap;
    } else if (part == "^") {
      w.kind = Word::Kind::Start;
    } else if (part == "$") {
      w.kind = Word::Kind::End;
    } else if (part == "#") {
      w.kind = Word::Kind::Number;
    } else if (part.front() == '=') {
      w.kind = Word::Kind::Exact;
      w.text = std::string(part.substr(1));
    } else if (part.back() == '*') {
      w.kind = Word::Kind::Prefix;
      w.text = std::string(part.substr(0, part.size() - 1));
    } else {
      w.text = stem(canonicalSpelling(part));
    }
    if (w.kind != Word::Kind::Gap && w.kind != Word::Kind::Start && w.kind != Word::Kind::End) ++phrase.length;
    phrase.words.push_back(std::move(w));
  }
  return phrase;
}

std::vector<Phrase> compileAlternatives(std::string_view text) {
  std::vector<Phrase> out;
  for (const auto alternative : split(text, '|')) out.push_back(compilePhrase(alternative));
  return out;
}

/// Pattern mini-language (see lexicon_table.cpp): `main[|main…] [& ctx|ctx…]… [! neg|neg…]`.
void compilePattern(Compiled& compiled, std::size_t key, std::string_view pattern) {
  std::vector<std::pair<char, std::string_view>> segments;
  std::size_t start = 0;
  char op = ' ';
  for (std::size_t i = 0; i <= pattern.size(); ++i) {
    if (i == pattern.size() || pattern[i] == '&' || pattern[i] == '!') {
      segments.emplace_back(op, trim(pattern.substr(start, i - start)));
      if (i < pattern.size()) op = pattern[i];
      start = i + 1;
    }
  }
  std::vector<std::vector<Phrase>> requireEach;
  std::vector<Phrase> forbid;
  for (std::size_t s = 1; s < segments.size(); ++s) {
    auto alternatives = compileAlternatives(segments[s].second);
    if (alternatives.empty()) continue;
    if (segments[s].first == '&') {
      requireEach.push_back(std::move(alternatives));
    } else {
      for (auto& a : alternatives) forbid.push_back(std::move(a));
    }
  }
  // "(a|b) & x": the context binds every alternative; "a|b & x": only the last one.
  auto mainText = segments.front().second;
  const bool grouped = mainText.size() >= 2 && mainText.front() == '(' && mainText.back() == ')';
  if (grouped) mainText = mainText.substr(1, mainText.size() - 2);
  auto mains = compileAlternatives(mainText);
  for (std::size_t i = 0; i < mains.size(); ++i) {
    const bool bound = grouped || i + 1 == mains.size();
    const bool weak = mains[i].weak;
    compiled.rules.push_back(Rule{key, std::move(mains[i]), bound ? requireEach : std::vector<std::vector<Phrase>>{},
                                  bound ? forbid : std::vector<Phrase>{}, weak});
  }
}

const Compiled& compiled() {
  static const Compiled instance = [] {
    Compiled c;
    std::unordered_map<std::string_view, std::size_t> index;
    for (const auto& entry : lexicon::entries()) {
      auto [it, added] = index.try_emplace(entry.key, c.keys.size());
      if (added) c.keys.emplace_back(entry.key);
      for (const auto pattern : split(entry.patterns, ';')) compilePattern(c, it->second, pattern);
    }
    const auto block = index.find("@block");
    c.blockKey = block == index.end() ? c.keys.size() : block->second;
    for (std::size_t r = 0; r < c.rules.size(); ++r) {
      if (c.keys[c.rules[r].key].starts_with("@facet_")) c.facetRules.push_back(r);
      const auto& words = c.rules[r].main.words;
      const auto first = std::find_if(words.begin(), words.end(), [](const Word& w) {
        return w.kind != Word::Kind::Start && w.kind != Word::Kind::End;
      });
      if (first == words.end()) {
        c.always.push_back(r);
      } else if (first->kind == Word::Kind::Normal) {
        c.byKey[first->text].push_back(r);
      } else if (first->kind == Word::Kind::Exact) {
        c.byExact[first->text].push_back(r);
      } else if (first->kind == Word::Kind::Prefix && first->text.size() >= 2) {
        c.byPrefix[first->text.substr(0, 2)].push_back(r);
      } else {
        c.always.push_back(r);
      }
    }
    return c;
  }();
  return instance;
}

// ---------------------------------------------------------------------------------------------
// Matching.

bool wordMatches(const Word& w, const Token& t) {
  if (t.boundary) return false;
  switch (w.kind) {
    case Word::Kind::Normal:
      return t.key == w.text;
    case Word::Kind::Prefix:
      return t.canon.starts_with(w.text) || t.raw.starts_with(w.text);
    case Word::Kind::Exact:
      return t.raw == w.text;
    case Word::Kind::Number:
      return !t.raw.empty() && isDigit(t.raw.front());
    case Word::Kind::Gap:
    case Word::Kind::Start:
    case Word::Kind::End:
      return false;
  }
  return false;
}

constexpr std::size_t kMaxGap = 3;

std::optional<std::size_t> matchFrom(const Phrase& p, std::size_t wi, const Tokens& tokens, std::size_t pos) {
  if (wi == p.words.size()) return pos;
  const Word& w = p.words[wi];
  switch (w.kind) {
    case Word::Kind::Start:
      if (pos == 0 || tokens[pos - 1].boundary) return matchFrom(p, wi + 1, tokens, pos);
      return std::nullopt;
    case Word::Kind::End:
      if (pos == tokens.size() || tokens[pos].boundary) return matchFrom(p, wi + 1, tokens, pos);
      return std::nullopt;
    case Word::Kind::Gap:
      for (std::size_t k = 0; k <= kMaxGap; ++k) {
        if (k > 0 && (pos + k - 1 >= tokens.size() || tokens[pos + k - 1].boundary)) break;
        if (auto end = matchFrom(p, wi + 1, tokens, pos + k)) return end;
      }
      return std::nullopt;
    default:
      if (pos < tokens.size() && wordMatches(w, tokens[pos])) return matchFrom(p, wi + 1, tokens, pos + 1);
      return std::nullopt;
  }
}

struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
};

void findAll(const Phrase& p, const Tokens& tokens, std::vector<Span>& out) {
  for (std::size_t start = 0; start < tokens.size(); ++start) {
    if (auto end = matchFrom(p, 0, tokens, start)) out.push_back({start, std::max(*end, start + 1)});
  }
}

bool present(const Phrase& p, const Tokens& tokens) {
  for (std::size_t start = 0; start <= tokens.size(); ++start) {
    if (matchFrom(p, 0, tokens, start)) return true;
  }
  return false;
}

struct Match {
  std::size_t key = 0;
  Span span;
  int specificity = 0;
  bool weak = false;
};

std::vector<Match> matchRules(const Tokens& tokens, const std::vector<std::size_t>& candidates);

std::vector<Match> matchAll(const Tokens& tokens) {
  const auto& c = compiled();
  std::vector<std::size_t> candidates = c.always;
  const auto add = [&](const std::unordered_map<std::string, std::vector<std::size_t>>& index, const std::string& k) {
    if (const auto it = index.find(k); it != index.end()) {
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
  };
  for (const auto& t : tokens) {
    if (t.boundary) continue;
    add(c.byKey, t.key);
    add(c.byExact, t.raw);
    if (t.raw.size() >= 2) add(c.byPrefix, t.raw.substr(0, 2));
    if (t.canon.size() >= 2 && t.canon.substr(0, 2) != t.raw.substr(0, 2)) add(c.byPrefix, t.canon.substr(0, 2));
  }
  // Rule order is the table's order, so the result does not depend on the words' order.
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return matchRules(tokens, candidates);
}

/// The matches of the given rules (indices into Compiled::rules, in table order).
std::vector<Match> matchRules(const Tokens& tokens, const std::vector<std::size_t>& candidates) {
  const auto& c = compiled();
  std::vector<Match> out;
  std::vector<Span> spans;
  for (const auto r : candidates) {
    const Rule& rule = c.rules[r];
    spans.clear();
    findAll(rule.main, tokens, spans);
    if (spans.empty()) continue;
    const bool contextOk =
        std::all_of(rule.requireEach.begin(), rule.requireEach.end(),
                    [&](const auto& group) {
                      return std::any_of(group.begin(), group.end(),
                                         [&](const Phrase& p) { return present(p, tokens); });
                    }) &&
        std::none_of(rule.forbid.begin(), rule.forbid.end(), [&](const Phrase& p) { return present(p, tokens); });
    if (!contextOk) continue;
    // A phrase that needed context to be read is more specific than the same words alone.
    const int specificity = rule.main.length * 2 + (rule.requireEach.empty() ? 0 : 1);
    for (const auto& span : spans) out.push_back({rule.key, span, specificity, rule.weak});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sentence-level reading of questions.

const std::array<std::string_view, 40> kDiscourseMarkers{
    "so",        "and",         "ok",        "right", "alright", "great",   "well",   "now",       "then", "just",
    "also",      "but",         "oh",        "ah",    "thanks",  "perfect", "lovely", "brilliant", "cool", "sure",
    "yes",       "yeah",        "um",        "uh",    "hmm",     "mm",      "erm",    "fine",      "good", "excellent",
    "wonderful", "interesting", "fantastic", "super", "nice",    "hi",      "hello",  "thank",     "you",  "okay"};

const std::array<std::string_view, 25> kInterrogatives{
    "what", "how",  "when", "where", "why", "who", "which", "whose", "do",   "does",   "did", "are",     "is",
    "was",  "were", "have", "has",   "had", "can", "could", "would", "will", "should", "any", "anything"};

template <std::size_t N>
bool oneOf(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

/// The first word that carries the sentence, past "so", "ok", "thanks"… ("thank you" too).
std::size_t firstContentWord(const Tokens& tokens, std::size_t begin, std::size_t end) {
  std::size_t i = begin;
  while (i < end && oneOf(kDiscourseMarkers, tokens[i].raw)) {
    // "you" only as part of "thank you", never as the sentence's subject.
    if (tokens[i].raw == "you" && (i == begin || tokens[i - 1].raw != "thank")) break;
    ++i;
  }
  return i;
}

void readSentence(const Tokens& tokens, std::size_t begin, std::size_t end, Utterance& u) {
  const std::size_t first = firstContentWord(tokens, begin, end);
  if (first >= end) return;
  const auto& w = tokens[first].raw;
  const auto next = first + 1 < end ? std::string_view(tokens[first + 1].raw) : std::string_view();
  if (oneOf(kInterrogatives, w)) u.question = true;
  if (w == "tell" || w == "describe" || w == "explain" || w == "talk" || w == "walk" || w == "take") u.question = true;
  if (w == "what" || w == "why" || w == "describe" || w == "explain") {
    // "What time…?" and "What is your name?" want one fact, not a story.
    const bool asksName =
        next == "is" && first + 3 < end && tokens[first + 2].raw == "your" && tokens[first + 3].raw == "name";
    if (!(w == "what" && (next == "time" || asksName))) u.open = true;
  }
  if (w == "how") {
    static const std::array<std::string_view, 12> kClosedHow{"much", "many", "often", "long", "old",        "tall",
                                                             "far",  "big",  "heavy", "are",  "frequently", "soon"};
    if (!oneOf(kClosedHow, next)) u.open = true;
  }
}

void setFlag(Utterance& u, std::string_view flag) {
  static const std::unordered_map<std::string_view, bool Utterance::*> kFlags{
      {"@question", &Utterance::question},
      {"@open", &Utterance::open},
      {"@probing", &Utterance::probing},
      {"@greeting", &Utterance::greeting},
      {"@introduction", &Utterance::introduction},
      {"@purpose", &Utterance::purpose},
      {"@empathy", &Utterance::empathy},
      {"@reflection", &Utterance::reflection},
      {"@summary", &Utterance::summary},
      {"@checks_understanding", &Utterance::checksUnderstanding},
      {"@closing", &Utterance::closing},
      {"@recall_quick_list", &Utterance::recallQuickList},
      {"@recall_forgotten", &Utterance::recallForgotten},
      {"@recall_time_occasion", &Utterance::recallTimeOccasion},
      {"@recall_detail", &Utterance::recallDetail},
      {"@recall_review", &Utterance::recallReview},
  };
  if (const auto it = kFlags.find(flag); it != kFlags.end()) u.*(it->second) = true;
}

bool isAbbreviation(std::string_view text, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && (isLower(toLowerAscii(text[start - 1])) || text[start - 1] == '.')) --start;
  std::string word;
  for (std::size_t i = start; i < dot; ++i) word += toLowerAscii(text[i]);
  static const std::array<std::string_view, 12> kAbbreviations{"dr", "mr", "mrs", "ms",     "e.g", "i.e",
                                                               "eg", "ie", "etc", "approx", "vs",  "st"};
  return oneOf(kAbbreviations, word);
}

}  // namespace

std::string normalise(std::string_view text) {
  const std::string folded = fold(text);
  std::string out;
  std::size_t i = 0;
  while (i < folded.size()) {
    if (!isWordChar(folded[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < folded.size() &&
           (isWordChar(folded[j]) || (folded[j] == '\'' && j + 1 < folded.size() && isLower(folded[j + 1])))) {
      ++j;
    }
    appendExpanded(out, std::string_view(folded).substr(i, j - i));
    i = j;
  }
  return out;
}

namespace lexicon {

bool Analysis::has(std::string_view cue) const {
  return std::find(cues.begin(), cues.end(), cue) != cues.end();
}

std::vector<std::string> splitSentences(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  const auto cut = [&](std::size_t end) {
    auto sentence = trim(text.substr(start, end - start));
    while (!sentence.empty() && (sentence.front() == '\n' || sentence.front() == '\r' || sentence.front() == '\t')) {
      sentence = trim(sentence.substr(1));
    }
    while (!sentence.empty() && (sentence.back() == '\n' || sentence.back() == '\r' || sentence.back() == '\t')) {
      sentence = trim(sentence.substr(0, sentence.size() - 1));
    }
    if (!sentence.empty()) out.emplace_back(sentence);
    start = end;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      cut(i + 1);
      continue;
    }
    if (c != '.' && c != '?' && c != '!' && c != ';') continue;
    if (c == '.' && i > 0 && i + 1 < text.size() && isDigit(text[i - 1]) && isDigit(text[i + 1])) continue;
    if (c == '.' && i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\n' && text[i + 1] != '"' &&
        text[i + 1] != '.' && text[i + 1] != ')') {
      continue;  // "e.g" or "1.5kg": a dot inside a word
    }
    if (c == '.' && isAbbreviation(text, i)) continue;
    std::size_t end = i + 1;
    while (end < text.size() && (text[end] == '.' || text[end] == '?' || text[end] == '!' || text[end] == '"' ||
                                 text[end] == ')' || text[end] == '\'')) {
      ++end;
    }
    cut(end);
    i = end - 1;
  }
  cut(text.size());
  return out;
}

std::vector<std::string> contentWords(std::string_view text) {
  static const std::vector<std::string_view> kStop{
      "a",     "about",   "after", "again",     "all",   "also",   "am",      "an",    "and",  "any",   "anything",
      "are",   "as",      "at",    "be",        "been",  "before", "being",   "but",   "by",   "can",   "could",
      "did",   "do",      "doe",   "does",      "doing", "done",   "each",    "else",  "ever", "every", "for",
      "from",  "get",     "got",   "had",       "has",   "have",   "having",  "he",    "her",  "here",  "him",
      "his",   "how",     "i",     "if",        "in",    "into",   "is",      "it",    "just", "know",  "like",
      "lot",   "me",      "mine",  "more",      "most",  "much",   "my",      "no",    "not",  "now",   "of",
      "off",   "ok",      "on",    "one",       "or",    "other",  "our",     "out",   "over", "quite", "really",
      "right", "so",      "some",  "something", "such",  "tell",   "than",    "that",  "the",  "their", "them",
      "then",  "there",   "these", "they",      "thing", "think",  "this",    "those", "to",   "too",   "up",
      "u",     "usually", "very",  "wa",        "was",   "we",     "well",    "were",  "what", "when",  "where",
      "which", "while",   "who",   "why",       "will",  "with",   "would",   "yes",   "you",  "your",  "yourself",
      "go",    "take",    "bit",   "use",       "say",   "said",   "normally"};
  Tokens tokens;
  appendTokens(tokens, normalise(text));
  std::vector<std::string> out;
  for (auto& t : tokens) {
    const auto stop = [&](std::string_view w) { return std::find(kStop.begin(), kStop.end(), w) != kStop.end(); };
    if (stop(t.key) || stop(t.raw)) continue;
    // Closeness of wording, not meaning: "checking" and "checked" count as "check".
    std::string w = std::move(t.key);
    if (w.size() > 6 && endsWith(w, "ing"))
      w.resize(w.size() - 3);
    else if (w.size() > 5 && endsWith(w, "ed"))
      w.resize(w.size() - 2);
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  }
  return out;
}

namespace {

/// The words of `text`, sentence by sentence, with a boundary token between sentences (a phrase
/// never runs across one); `sentences` gets each sentence's tokens.
Tokens tokenise(std::string_view text, std::vector<Span>& sentences) {
  Tokens tokens;
  for (const auto& sentence : splitSentences(text)) {
    if (!tokens.empty()) {
      Token boundary;
      boundary.boundary = true;
      tokens.push_back(std::move(boundary));
    }
    const std::size_t begin = tokens.size();
    appendTokens(tokens, normalise(sentence));
    if (tokens.size() > begin) sentences.push_back({begin, tokens.size()});
  }
  return tokens;
}

}  // namespace

std::vector<std::string> facets(std::string_view text) {
  const auto& c = compiled();
  std::vector<Span> sentences;
  const Tokens tokens = tokenise(text, sentences);
  std::vector<std::string> out;
  for (const auto& m : matchRules(tokens, c.facetRules)) {
    const auto facet = c.keys[m.key].substr(1);
    if (std::find(out.begin(), out.end(), facet) == out.end()) out.push_back(facet);
  }
  return out;
}

Analysis analyseDetailed(std::string_view text) {
  const auto& c = compiled();
  Analysis a;
  Utterance& u = a.utterance;
  if (text.find('?') != std::string_view::npos) u.question = true;

  std::vector<Span> sentences;
  const Tokens tokens = tokenise(text, sentences);
  for (const auto& s : sentences) readSentence(tokens, s.start, s.end, u);

  auto matches = matchAll(tokens);

  // A topic inside a longer phrase of another reading is not a topic ("blood sugar" is not
  // "sweets"; "walk me through" is not exercise).
  const auto contains = [](const Match& outer, const Match& inner) {
    return outer.span.start <= inner.span.start && outer.span.end >= inner.span.end &&
           (outer.span.end - outer.span.start) > (inner.span.end - inner.span.start);
  };
  std::vector<const Topic*> topicOf(c.keys.size(), nullptr);
  for (std::size_t k = 0; k < c.keys.size(); ++k) topicOf[k] = findTopic(c.keys[k]);

  struct Found {
    const Topic* topic;
    int specificity;
    std::size_t position;
    bool weak;
  };
  std::vector<Found> found;
  for (const auto& m : matches) {
    const std::string& key = c.keys[m.key];
    if (key.front() == '@') {
      if (m.key == c.blockKey) continue;
      setFlag(u, key);
      if (!a.has(std::string_view(key).substr(1))) a.cues.push_back(key.substr(1));
      continue;
    }
    const Topic* topic = topicOf[m.key];
    if (!topic) continue;
    const bool inside = std::any_of(matches.begin(), matches.end(), [&](const Match& other) {
      if (&other == &m || other.key == m.key) return false;
      const std::string& otherKey = c.keys[other.key];
      if (otherKey.front() == '@' && other.key != c.blockKey) return false;
      return contains(other, m);
    });
    if (inside) continue;
    found.push_back({topic, m.specificity, m.span.start, m.weak});
  }
  // A general opening found only through a loose phrase ("what do you eat") gives way to a
  // specific topic of its domain in the same words ("what do you eat for breakfast").
  std::erase_if(found, [&](const Found& f) {
    if (!f.weak || !f.topic->general) return false;
    return std::any_of(found.begin(), found.end(),
                       [&](const Found& g) { return !g.topic->general && g.topic->domain == f.topic->domain; });
  });
  std::stable_sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
    if (x.topic->general != y.topic->general) return !x.topic->general;
    if (x.specificity != y.specificity) return x.specificity > y.specificity;
    return x.position < y.position;
  });
  for (const auto& f : found) {
    const std::string id(f.topic->id);
    if (std::find(u.topics.begin(), u.topics.end(), id) == u.topics.end()) u.topics.push_back(id);
  }
  if (u.open) u.question = true;
  return a;
}

}  // namespace lexicon

Utterance analyse(std::string_view text) {
  return lexicon::analyseDetailed(text).utterance;
}

}  // namespace practicum::consultation

namespace practicum::consultation::lexicon {

bool Reading::has(std::string_view cue) const { return std::find(cues.begin(), cues.end(), cue) != cues.end(); }

namespace {

void mergeFlags(Utterance& into, const Utterance& u) {
  into.question |= u.question;
  into.open |= u.open;
  into.probing |= u.probing;
  into.greeting |= u.greeting;
  into.introduction |= u.introduction;
  into.purpose |= u.purpose;
  into.empathy |= u.empathy;
  into.reflection |= u.reflection;
  into.summary |= u.summary;
  into.checksUnderstanding |= u.checksUnderstanding;
  into.closing |= u.closing;
  into.recallQuickList |= u.recallQuickList;
  into.recallForgotten |= u.recallForgotten;
  into.recallTimeOccasion |= u.recallTimeOccasion;
  into.recallDetail |= u.recallDetail;
  into.recallReview |= u.recallReview;
}

}  // namespace

Reading read(std::string_view message) {
  Reading r;
  for (const auto& sentence : lexicon::splitSentences(message)) {
    const auto a = lexicon::analyseDetailed(sentence);
    const Utterance& u = a.utterance;
    mergeFlags(r.acts, u);
    for (const auto& cue : a.cues) {
      if (!r.has(cue)) r.cues.push_back(cue);
    }
    const bool framing =
        u.purpose || u.summary || u.closing || u.recallReview || a.has("any_questions") || a.has("consent");
    // "Do you eat during the night? How often, exactly?": the second sentence digs into the first.
    if (u.topics.empty() && !framing && u.question && u.probing && !r.topics.empty()) r.probing = true;
    const bool elicits =
        !u.topics.empty() && !framing && (u.question || u.reflection || !(u.empathy || u.greeting || u.introduction));
    if (!elicits) continue;
    for (const auto& t : u.topics) {
      if (std::find(r.topics.begin(), r.topics.end(), t) == r.topics.end()) r.topics.push_back(t);
    }
    r.probing |= u.probing;
    r.open |= u.open;
    if (u.reflection && !u.question) r.confirming = true;
  }
  return r;
}

}  // namespace practicum::consultation::lexicon
