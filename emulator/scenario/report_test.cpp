// The reports (report.hpp): JUnit XML that parses and counts right, escaping; the text and JSON reports.
#include "scenario/report.hpp"

#include <gtest/gtest.h>

#include "protocol/xml.hpp"

namespace trailbox::scenario {
namespace {

std::vector<ScenarioResult> Results() {
  ScenarioResult passed;
  passed.file = "scenarios/ok.yaml";
  passed.name = "all good";
  passed.elapsed_ms = 12.5;
  passed.steps.push_back({1, 3, StepKind::kCall, "", "call s3.CreateBucket", Outcome::kPassed, "", {}, 1});
  passed.steps.push_back({2, 5, StepKind::kExpect, "", "expect alarm", Outcome::kPassed, "",
                          {{"alarm a is OK", true, ""}}, 1});

  ScenarioResult failed;
  failed.file = "scenarios/bad.yaml";
  failed.name = "fails <&\"'>";
  failed.elapsed_ms = 20;
  failed.steps.push_back({1, 4, StepKind::kExpect, "named check", "expect email, alarm", Outcome::kFailed, "",
                          {{"email to a@example.com (1)", false, "expected 1 matching email, found 0\x01"},
                           {"alarm a is ALARM", true, ""}},
                          2});
  failed.steps.push_back({2, 8, StepKind::kCall, "", "call s3.GetObject", Outcome::kFailed,
                          "failed with NoSuchBucket: The specified bucket does not exist", {}, 1});
  failed.steps.push_back({3, 10, StepKind::kExpect, "", "expect alarm", Outcome::kSkipped, "", {}, 0});
  return {passed, failed, LoadFailure("scenarios/broken.yaml", "scenarios/broken.yaml:2: name: missing")};
}

const std::string& Attribute(const protocol::XmlNode& node, const char* name) {
  static const std::string kMissing = "(missing)";
  const std::string* value = node.Attribute(name);
  return value ? *value : kMissing;
}

TEST(JunitReport, IsWellFormedWithCountsPerSuiteAndInTotal) {
  protocol::XmlNode root = protocol::ParseXml(JunitReport(Results()));
  EXPECT_EQ(root.name, "testsuites");
  EXPECT_EQ(Attribute(root, "tests"), "5");
  EXPECT_EQ(Attribute(root, "failures"), "2");
  EXPECT_EQ(Attribute(root, "errors"), "1");
  EXPECT_EQ(Attribute(root, "skipped"), "1");
  auto suites = root.Children("testsuite");
  ASSERT_EQ(suites.size(), 3u);
  EXPECT_EQ(Attribute(*suites[0], "tests"), "1");
  EXPECT_EQ(Attribute(*suites[0], "failures"), "0");
  EXPECT_EQ(Attribute(*suites[0], "time"), "0.0125");
  EXPECT_EQ(Attribute(*suites[1], "name"), "fails <&\"'>");
  EXPECT_EQ(Attribute(*suites[1], "tests"), "3");
  EXPECT_EQ(Attribute(*suites[1], "failures"), "2");
  EXPECT_EQ(Attribute(*suites[1], "skipped"), "1");
  auto cases = suites[1]->Children("testcase");
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(Attribute(*cases[0], "name"), "step 1: named check");
  EXPECT_EQ(Attribute(*cases[0], "classname"), "scenarios.bad");
  EXPECT_EQ(Attribute(*cases[0], "line"), "4");
  const protocol::XmlNode* failure = cases[0]->Child("failure");
  ASSERT_NE(failure, nullptr);
  EXPECT_EQ(Attribute(*failure, "message"), "email to a@example.com (1): expected 1 matching email, found 0");
  EXPECT_EQ(Attribute(*failure, "type"), "expectation");
  EXPECT_EQ(Attribute(*cases[1]->Child("failure"), "type"), "step");
  EXPECT_NE(cases[2]->Child("skipped"), nullptr);
  const protocol::XmlNode* error = suites[2]->Child("testcase")->Child("error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(Attribute(*error, "message"), "scenarios/broken.yaml:2: name: missing");
}

TEST(TextReport, OneLinePerStepAndASummaryWithTimes) {
  std::string text = TextReport(Results());
  EXPECT_NE(text.find("    ✓ 1 call s3.CreateBucket\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  ✓ scenarios/ok.yaml: 2 steps, 1 checks passed, 12.5 ms (0 s virtual)\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("    ✗ 1 expect email, alarm — named check\n"
                      "        ✗ email to a@example.com (1): expected 1 matching email, found 0"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    - 3 expect alarm (skipped)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  ✗ scenarios/bad.yaml: 2 of 3 steps failed, 1 of 2 checks failed, 20.0 ms"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("✗ scenarios/broken.yaml: could not be loaded: scenarios/broken.yaml:2: name: missing\n"),
            std::string::npos);
  EXPECT_NE(text.find("2 of 3 scenarios failed in 32.5 ms\n"), std::string::npos) << text;
}

TEST(JsonReport, TheSameAsData) {
  Json report = JsonReport(Results());
  EXPECT_EQ(report["passed"], false);
  EXPECT_EQ(report["scenarios_run"], 3);
  EXPECT_EQ(report["scenarios_failed"], 2);
  EXPECT_EQ(report["scenarios"][0]["passed"], true);
  EXPECT_EQ(report["scenarios"][1]["steps"][0]["outcome"], "failed");
  EXPECT_EQ(report["scenarios"][1]["steps"][0]["checks"][0]["passed"], false);
  EXPECT_EQ(report["scenarios"][1]["steps"][2]["outcome"], "skipped");
  EXPECT_EQ(report["scenarios"][2]["load_error"], "scenarios/broken.yaml:2: name: missing");
}

}  // namespace
}  // namespace trailbox::scenario
