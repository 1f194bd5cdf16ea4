// The JUnit XML report of `trailbox run` (report.hpp), in the form CI systems (Jenkins, GitLab, GitHub actions that
// publish test results) read:
//   <testsuites name="trailbox run" tests= failures= errors= skipped= time=>
//     <testsuite name="<scenario name>" file="<file>" tests= failures= errors= skipped= time=>
//       <testcase classname="<file without .yaml, '/' -> '.'>" name="step N: <name or description>" file= line= time=>
//         <failure message="<first failed check>" type="expectation">every failed check, one per line</failure>
//         | <skipped/>
//   A file that could not be loaded: one testcase "load" with <error message=... type="load">.
// Times are seconds. Written with protocol/xml.hpp's XmlWriter (its escaping), control characters dropped first
// (XML 1.0 allows none but tab, newline and carriage return).
#include "scenario/report.hpp"

#include <sstream>

#include "protocol/xml.hpp"

namespace trailbox::scenario {
namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;

std::string Printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
  }
  return out;
}

std::string Seconds(double ms) {
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(4);
  text << ms / 1000;
  return text.str();
}

std::string ClassName(const std::string& file) {
  std::string name = file;
  if (name.ends_with(".yaml")) name.resize(name.size() - 5);
  if (name.ends_with(".yml")) name.resize(name.size() - 4);
  while (name.starts_with("./")) name.erase(0, 2);
  for (char& c : name) {
    if (c == '/' || c == '\\') c = '.';
  }
  return name;
}

struct Counts {
  size_t tests = 0;
  size_t failures = 0;
  size_t errors = 0;
  size_t skipped = 0;
};

// A step is a testcase when it is an expectation, or when it failed (the reason later expectations were skipped).
bool IsTestcase(const StepResult& step) {
  return step.kind == StepKind::kExpect || step.outcome == Outcome::kFailed;
}

Counts CountsOf(const ScenarioResult& result) {
  if (result.load_error) return {1, 0, 1, 0};
  Counts counts;
  for (const StepResult& step : result.steps) {
    if (!IsTestcase(step)) continue;
    ++counts.tests;
    if (step.outcome == Outcome::kFailed) ++counts.failures;
    if (step.outcome == Outcome::kSkipped) ++counts.skipped;
  }
  return counts;
}

Attributes CountAttributes(const std::string& name, const Counts& counts, double ms) {
  return {{"name", Printable(name)},
          {"tests", std::to_string(counts.tests)},
          {"failures", std::to_string(counts.failures)},
          {"errors", std::to_string(counts.errors)},
          {"skipped", std::to_string(counts.skipped)},
          {"time", Seconds(ms)}};
}

void WriteTestcase(protocol::XmlWriter& xml, const ScenarioResult& result, const StepResult& step) {
  std::string name = "step " + std::to_string(step.number) + ": " + (step.label.empty() ? step.description : step.label);
  xml.Open("testcase", {{"classname", Printable(ClassName(result.file))},
                        {"name", Printable(name)},
                        {"file", Printable(result.file)},
                        {"line", std::to_string(step.line)},
                        {"time", Seconds(step.elapsed_ms)}});
  if (step.outcome == Outcome::kSkipped) {
    xml.Open("skipped", {{"message", "an earlier step failed"}});
    xml.Close();
  } else if (step.outcome == Outcome::kFailed) {
    std::string message = step.detail;
    std::string body = step.detail.empty() ? "" : step.description + ": " + step.detail + "\n";
    for (const CheckResult& check : step.checks) {
      if (check.passed) continue;
      if (message.empty()) message = check.what + ": " + check.detail;
      body += check.what + ": " + check.detail + "\n";
    }
    xml.Open("failure", {{"message", Printable(message)},
                         {"type", step.kind == StepKind::kExpect ? "expectation" : "step"}});
    xml.Text(Printable(body));
    xml.Close();
  }
  xml.Close();
}

void WriteTestsuite(protocol::XmlWriter& xml, const ScenarioResult& result) {
  Attributes attributes = CountAttributes(result.name, CountsOf(result), result.elapsed_ms);
  attributes.insert(attributes.begin() + 1, {"file", Printable(result.file)});
  xml.Open("testsuite", attributes);
  if (result.load_error) {
    xml.Open("testcase", {{"classname", Printable(ClassName(result.file))}, {"name", "load"},
                          {"file", Printable(result.file)}, {"time", "0"}});
    xml.Open("error", {{"message", Printable(*result.load_error)}, {"type", "load"}});
    xml.Close();
    xml.Close();
  } else {
    for (const StepResult& step : result.steps) {
      if (IsTestcase(step)) WriteTestcase(xml, result, step);
    }
  }
  xml.Close();
}

}  // namespace

std::string JunitReport(const std::vector<ScenarioResult>& results) {
  Counts total;
  double total_ms = 0;
  for (const ScenarioResult& result : results) {
    Counts counts = CountsOf(result);
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
    total_ms += result.elapsed_ms;
  }
  protocol::XmlWriter xml(true);
  xml.Open("testsuites", CountAttributes("trailbox run", total, total_ms));
  for (const ScenarioResult& result : results) WriteTestsuite(xml, result);
  xml.Close();
  return xml.str() + "\n";
}

}  // namespace trailbox::scenario
