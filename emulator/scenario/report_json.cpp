// The JSON report of `trailbox run` (report.hpp): the text report's content as data, for scripts.
#include "scenario/report.hpp"

namespace trailbox::scenario {
namespace {

Json StepDocument(const StepResult& step) {
  Json document = {{"number", step.number}, {"line", step.line}};
  if (!step.label.empty()) document["name"] = step.label;
  document["description"] = step.description;
  document["outcome"] = OutcomeName(step.outcome);
  if (!step.detail.empty()) document["detail"] = step.detail;
  document["elapsed_ms"] = step.elapsed_ms;
  Json checks = Json::array();
  for (const CheckResult& check : step.checks) {
    Json entry = {{"what", check.what}, {"passed", check.passed}};
    if (!check.passed) entry["detail"] = check.detail;
    checks.push_back(std::move(entry));
  }
  document["checks"] = std::move(checks);
  return document;
}

}  // namespace

Json JsonReport(const std::vector<ScenarioResult>& results) {
  Json scenarios = Json::array();
  size_t failed = 0;
  for (const ScenarioResult& result : results) {
    if (!result.passed()) ++failed;
    Json document = {{"file", result.file}, {"name", result.name}, {"description", result.description},
                     {"passed", result.passed()}};
    if (result.load_error) document["load_error"] = *result.load_error;
    document["elapsed_ms"] = result.elapsed_ms;
    document["virtual_seconds"] = result.virtual_seconds;
    Json steps = Json::array();
    for (const StepResult& step : result.steps) steps.push_back(StepDocument(step));
    document["steps"] = std::move(steps);
    scenarios.push_back(std::move(document));
  }
  return {{"scenarios", std::move(scenarios)},
          {"passed", failed == 0},
          {"scenarios_run", results.size()},
          {"scenarios_failed", failed}};
}

}  // namespace trailbox::scenario
