// `trailbox serve`: the emulator on a port for real clients.
#pragma once
#include <string>
#include <vector>

namespace trailbox::cli {

/// Runs `trailbox serve ARGS...`; returns the exit code.
int RunServe(const std::vector<std::string>& args);

}  // namespace trailbox::cli
