// `trailbox backtest --rules RULES [--report text|json] [--output FILE] PATH...`: CloudTrail log files through
// metric filters and alarms (scenario/backtest.hpp).
#pragma once
#include <string>
#include <vector>

namespace trailbox::cli {

/// Runs `trailbox backtest ARGS...`; returns the exit code (0 it ran, 2 bad options, unreadable input or an
/// invalid rule).
int RunBacktest(const std::vector<std::string>& args);

}  // namespace trailbox::cli
