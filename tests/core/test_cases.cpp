// The shipped cases (resources/cases/*.json): each parses as a case and meets the bar for a
// teaching case — enough facts across every NCP domain, key findings, a real 24-hour recall.

#include "core/consultation/case.h"
#include "core/errors.h"
#include "core/json_reader.h"

#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace practicum;
using namespace practicum::consultation;

namespace {

std::vector<fs::path> caseFiles() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(PRACTICUM_RESOURCES_DIR) / "cases")) {
    if (entry.path().extension() == ".json") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

boost::json::object load(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return parseJsonObject(text.str());
}

std::string problems(const ApiError& e) { return boost::json::serialize(e.details()); }

}  // namespace

TEST(ShippedCases, TwelveOrMore) { EXPECT_GE(caseFiles().size(), 12u); }

TEST(ShippedCases, EachParsesAndMeetsTheTeachingBar) {
  for (const auto& path : caseFiles()) {
    SCOPED_TRACE(path.filename().string());
    const auto file = load(path);
    ASSERT_TRUE(file.contains("patient") && file.contains("case"));
    Case c;
    try {
      c = parseCase(file.at("case").as_object());
    } catch (const ApiError& e) {
      FAIL() << problems(e);
    }
    EXPECT_GE(c.facts.size(), 25u);
    std::set<std::string_view> codes;
    std::map<Disclosure, int> disclosures;
    int keys = 0;
    for (const auto& f : c.facts) {
      codes.insert(ncpCode(f.domain));
      ++disclosures[f.disclosure];
      keys += f.key ? 1 : 0;
    }
    EXPECT_EQ(codes.size(), 5u) << "facts must cover FH, AD, BD, PD and CH";
    EXPECT_GE(keys, 3);
    EXPECT_GE(disclosures[Disclosure::Probed], 2) << "some facts must need probing";
    EXPECT_GE(disclosures[Disclosure::Volunteered], 1);
    EXPECT_GE(c.recall.size(), 3u);
    EXPECT_FALSE(c.diagnoses.empty());
  }
}

TEST(ShippedCases, RoundTripThroughJson) {
  for (const auto& path : caseFiles()) {
    SCOPED_TRACE(path.filename().string());
    const auto c = parseCase(load(path).at("case").as_object());
    EXPECT_EQ(boost::json::serialize(toJson(parseCase(toJson(c)))), boost::json::serialize(toJson(c)));
  }
}
