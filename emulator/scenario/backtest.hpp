// `trailbox backtest` as a function: CloudTrail log files through the rules' metric filters, then their alarms
// over the covered time (shared/DESIGN.md "The same engine runs in three ways"; backtest_*.hpp hold each step).
#pragma once
#include "scenario/backtest_input.hpp"
#include "scenario/backtest_report.hpp"
#include "scenario/backtest_rules.hpp"

namespace trailbox::backtest {

/// Reads `files` one at a time through `rules`' filters, then evaluates the alarms. Throws InputError for a file
/// that cannot be read.
BacktestReport RunBacktest(const Rules& rules, const LogFileList& files);

}  // namespace trailbox::backtest
