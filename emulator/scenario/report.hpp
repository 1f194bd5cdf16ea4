// The reports of `trailbox run` (scenarios/README.md "Reports"): text for people, JSON for scripts, JUnit XML for CI
// systems. Each is written from the same results; report_text.cpp, report_json.cpp and report_junit.cpp hold one
// each.
#pragma once
#include <string>
#include <vector>

#include "core/json.hpp"
#include "scenario/runner.hpp"

namespace trailbox::scenario {

/// One line per step (✓ passed, ✗ failed, - skipped) with its checks and failure details, then a summary per file
/// with its elapsed milliseconds, then a total line.
std::string TextReport(const std::vector<ScenarioResult>& results);

/// {"scenarios": [{file, name, description, passed, load_error?, elapsed_ms, virtual_seconds, steps: [{number,
/// line, name?, description, outcome, detail?, elapsed_ms, checks: [{what, passed, detail?}]}]}],
///  "passed": bool, "scenarios_run": n, "scenarios_failed": n}
Json JsonReport(const std::vector<ScenarioResult>& results);

/// JUnit XML: <testsuites> with one <testsuite> per file and one <testcase> per expect step (its failed checks in
/// <failure>); a step that failed before its expectations adds a testcase with its <failure>, steps not reached are
/// <skipped/>, and a file that could not be loaded is a testsuite with one testcase holding an <error>.
std::string JunitReport(const std::vector<ScenarioResult>& results);

/// "passed", "failed", "skipped".
const char* OutcomeName(Outcome outcome);

}  // namespace trailbox::scenario
