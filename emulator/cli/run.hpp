// `trailbox run [--report text|json|junit] [--output FILE] FILE...`: scenarios replayed in-process on a virtual clock
// (shared/DESIGN.md "The same engine runs in three ways"; the format is scenarios/README.md).
#pragma once
#include <string>
#include <vector>

namespace trailbox::cli {

/// Runs `trailbox run ARGS...`; returns the exit code (0 every scenario passed, 1 a step or expectation failed,
/// 2 a file could not be loaded or the options are wrong).
int RunScenarios(const std::vector<std::string>& args);

}  // namespace trailbox::cli
