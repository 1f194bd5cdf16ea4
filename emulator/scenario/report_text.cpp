// The text report of `trailbox run` (report.hpp): what a person reads in a terminal or a CI log.
//   seed-walkthrough.yaml — EC2 launches reach the security team
//     ✓ 1 call s3.CreateBucket
//     ✗ 24 expect alarm, email
//         ✓ alarm ec2-run-instances is ALARM
//         ✗ email to secops@example.com (1): expected 1 matching email, found 0; ...
//   ✗ seed-walkthrough.yaml: 1 of 25 steps failed, 1 of 6 checks failed, 31.2 ms (1800 s virtual)
#include "scenario/report.hpp"

#include <iomanip>
#include <sstream>

namespace trailbox::scenario {
namespace {

const char* Mark(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPassed: return "✓";
    case Outcome::kFailed: return "✗";
    case Outcome::kSkipped: return "-";
  }
  return "?";
}

std::string Millis(double ms) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << ms << " ms";
  return text.str();
}

void WriteSteps(std::ostringstream& out, const ScenarioResult& result) {
  for (const StepResult& step : result.steps) {
    out << "    " << Mark(step.outcome) << " " << step.number << " " << step.description;
    if (!step.label.empty()) out << " — " << step.label;
    if (step.outcome == Outcome::kSkipped) out << " (skipped)";
    if (!step.detail.empty()) out << (step.outcome == Outcome::kFailed ? ": " : " (") << step.detail
                                  << (step.outcome == Outcome::kFailed ? "" : ")");
    out << "\n";
    for (const CheckResult& check : step.checks) {
      out << "        " << (check.passed ? "✓" : "✗") << " " << check.what;
      if (!check.passed) out << ": " << check.detail;
      out << "\n";
    }
  }
}

}  // namespace

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPassed: return "passed";
    case Outcome::kFailed: return "failed";
    case Outcome::kSkipped: return "skipped";
  }
  return "?";
}

std::string TextReport(const std::vector<ScenarioResult>& results) {
  std::ostringstream out;
  size_t failed = 0;
  double total_ms = 0;
  for (const ScenarioResult& result : results) {
    total_ms += result.elapsed_ms;
    if (!result.passed()) ++failed;
    if (result.load_error) {
      out << "✗ " << result.file << ": could not be loaded: " << *result.load_error << "\n";
      continue;
    }
    out << result.file << " — " << result.name << "\n";
    WriteSteps(out, result);
    out << "  " << (result.passed() ? "✓ " : "✗ ") << result.file << ": ";
    if (result.passed()) {
      out << result.steps.size() << " steps, " << result.checks_run() << " checks passed";
    } else {
      out << result.failed_steps() << " of " << result.steps.size() << " steps failed, " << result.checks_failed()
          << " of " << result.checks_run() << " checks failed";
    }
    out << ", " << Millis(result.elapsed_ms) << " (" << static_cast<int64_t>(result.virtual_seconds)
        << " s virtual)\n\n";
  }
  out << (failed == 0 ? "all " + std::to_string(results.size()) + " scenarios passed"
                      : std::to_string(failed) + " of " + std::to_string(results.size()) + " scenarios failed")
      << " in " << Millis(total_ms) << "\n";
  return out.str();
}

}  // namespace trailbox::scenario
