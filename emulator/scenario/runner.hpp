// Running a scenario (shared/DESIGN.md "The same engine runs in three ways"): a fresh ephemeral engine on a virtual
// clock set to the scenario's start, its steps in order, each expectation checked where it stands. A step that
// fails (a call answering an error it did not expect) ends the run and the remaining steps are skipped; a failed
// expectation does not, so one run reports every expectation it can.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "scenario/expectations.hpp"
#include "scenario/loader.hpp"

namespace trailbox::scenario {

enum class Outcome { kPassed, kFailed, kSkipped };

/// What one step did.
struct StepResult {
  size_t number = 0;
  int line = 0;
  StepKind kind = StepKind::kCall;
  std::string label;        // the step's `name:`, may be empty
  std::string description;  // Step::Describe()
  Outcome outcome = Outcome::kPassed;
  std::string detail;       // a failed step's reason; a passed call's saved values
  std::vector<CheckResult> checks;  // expect steps
  double elapsed_ms = 0;
};

/// What one scenario file did.
struct ScenarioResult {
  std::string file;
  std::string name;
  std::string description;
  /// Set when the file could not be loaded (nothing ran).
  std::optional<std::string> load_error;
  std::vector<StepResult> steps;
  /// Wall time of the run (engine start included).
  double elapsed_ms = 0;
  /// The virtual time the scenario covered, in seconds.
  double virtual_seconds = 0;

  bool passed() const;
  /// Steps that failed (expect steps with a failed check included).
  size_t failed_steps() const;
  /// Checks that ran, and how many of them failed.
  size_t checks_run() const;
  size_t checks_failed() const;
};

/// Runs `scenario` in a fresh ephemeral engine.
ScenarioResult RunScenario(const Scenario& scenario);

/// The result of a file that could not be loaded.
ScenarioResult LoadFailure(const std::string& file, const std::string& message);

/// Loads and runs every file, in order.
std::vector<ScenarioResult> RunScenarioFiles(const std::vector<std::string>& files);

}  // namespace trailbox::scenario
