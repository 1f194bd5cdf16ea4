// The filter-pattern case files, fixtures/filter-patterns/*.json (format in that folder's README.md), run by
// one parameterized test: each case compiles its pattern and checks every event's match, extracted values and
// metric/dimension values — or checks the error a rejected pattern gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/json.hpp"
#include "filter/filter.hpp"

namespace trailbox::filter {
namespace {

const std::string kCasesDir = std::string(TRAILBOX_FIXTURES_DIR) + "/filter-patterns";

struct PatternCase {
  std::string name;
  /// The case object, and the file's shared events.
  Json spec;
  Json shared_events;
  bool is_value_case = false;
};

void PrintTo(const PatternCase& pattern_case, std::ostream* out) { *out << pattern_case.name; }

std::vector<PatternCase> LoadCases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(kCasesDir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<PatternCase> cases;
  for (const auto& path : files) {
    std::ifstream in(path);
    Json file = Json::parse(in);
    std::string stem = path.stem().string();
    std::replace(stem.begin(), stem.end(), '-', '_');
    Json shared = file.value("events", Json::object());
    for (const char* list : {"cases", "value_cases"}) {
      for (const Json& spec : file.value(list, Json::array())) {
        cases.push_back({stem + "__" + spec.at("name").get<std::string>(), spec, shared,
                         std::string(list) == "value_cases"});
      }
    }
  }
  return cases;
}

std::string EventText(const Json& entry, const Json& shared) {
  const Json& event = entry.contains("event_ref") ? shared.at(entry.at("event_ref").get<std::string>())
                                                  : entry.at("event");
  return event.is_string() ? event.get<std::string>() : event.dump();
}

Pattern CompileOrFail(const std::string& text) {
  CompileResult result = Compile(text);
  if (const auto* error = std::get_if<SyntaxError>(&result)) {
    ADD_FAILURE() << "pattern rejected: " << error->message;
    return Pattern();
  }
  return std::get<Pattern>(std::move(result));
}

void CheckValues(const Json& expected_values, const Pattern& pattern, const Event& event, const MatchResult& match) {
  for (const auto& [text, expected] : expected_values.items()) {
    auto ref = CompileValueRef(text, pattern);
    const auto* compiled = std::get_if<ValueRef>(&ref);
    ASSERT_NE(compiled, nullptr) << text << ": " << std::get<SyntaxError>(ref).message;
    std::optional<std::string> actual = ExtractText(*compiled, event, match);
    if (expected.is_null()) {
      EXPECT_FALSE(actual.has_value()) << text << " gave " << *actual;
    } else {
      EXPECT_EQ(actual.value_or("(none)"), expected.get<std::string>()) << text;
    }
  }
}

void RunEvents(const PatternCase& pattern_case) {
  const Json& spec = pattern_case.spec;
  Pattern pattern = CompileOrFail(spec.at("pattern").get<std::string>());
  if (testing::Test::HasFailure()) return;
  for (const Json& entry : spec.at("events")) {
    std::string message = EventText(entry, pattern_case.shared_events);
    SCOPED_TRACE("event: " + message.substr(0, 200));
    Event event(message);
    MatchResult result = Match(pattern, event);
    EXPECT_EQ(result.matched, entry.at("match").get<bool>());
    EXPECT_EQ(Matches(pattern, event), result.matched);
    if (pattern.family != Family::kDelimited) EXPECT_TRUE(result.extracted_values.empty());
    if (entry.contains("extracted")) {
      std::map<std::string, std::string> actual;
      for (const ExtractedValue& value : result.extracted_values) {
        EXPECT_TRUE(actual.emplace(value.key, value.value).second) << "duplicate key " << value.key;
      }
      auto expected = entry.at("extracted").get<std::map<std::string, std::string>>();
      EXPECT_EQ(actual, expected);
    }
    if (entry.contains("values")) CheckValues(entry.at("values"), pattern, event, result);
  }
}

void RunError(const Json& spec) {
  CompileResult result = Compile(spec.at("pattern").get<std::string>());
  const auto* error = std::get_if<SyntaxError>(&result);
  ASSERT_NE(error, nullptr) << "pattern was accepted";
  const Json& expected = spec.at("error");
  EXPECT_NE(error->message.find(expected.at("contains").get<std::string>()), std::string::npos) << error->message;
  EXPECT_EQ(error->position + 1, expected.at("column").get<size_t>()) << error->message;
}

void RunValueCase(const Json& spec) {
  Pattern pattern = CompileOrFail(spec.at("pattern").get<std::string>());
  if (testing::Test::HasFailure()) return;
  auto ref = CompileValueRef(spec.at("value").get<std::string>(), pattern);
  if (!spec.contains("error")) {
    EXPECT_TRUE(std::holds_alternative<ValueRef>(ref)) << std::get<SyntaxError>(ref).message;
    return;
  }
  const auto* error = std::get_if<SyntaxError>(&ref);
  ASSERT_NE(error, nullptr) << "reference was accepted";
  EXPECT_NE(error->message.find(spec.at("error").get<std::string>()), std::string::npos) << error->message;
}

class PatternCaseTest : public testing::TestWithParam<PatternCase> {};

TEST_P(PatternCaseTest, Run) {
  const PatternCase& pattern_case = GetParam();
  if (pattern_case.is_value_case) {
    RunValueCase(pattern_case.spec);
  } else if (pattern_case.spec.contains("error")) {
    RunError(pattern_case.spec);
  } else {
    RunEvents(pattern_case);
  }
}

INSTANTIATE_TEST_SUITE_P(Files, PatternCaseTest, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<PatternCase>& info) { return info.param.name; });

TEST(PatternCaseFiles, EveryFileHasCasesAndNamesAreUnique) {
  std::vector<PatternCase> cases = LoadCases();
  EXPECT_GE(cases.size(), 200u);
  std::set<std::string> names;
  for (const PatternCase& pattern_case : cases) {
    EXPECT_TRUE(names.insert(pattern_case.name).second) << pattern_case.name;
  }
}

}  // namespace
}  // namespace trailbox::filter
