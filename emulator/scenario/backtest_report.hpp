// The report of `trailbox backtest`: files and records read (and skipped, with why), the time range, per metric
// filter its matches with the first and last match time, per alarm each state transition (time, from, to, and
// the reason CloudWatch writes) and how long it was in ALARM, then the elapsed time and records per second. As
// text for people and as JSON for tools (snake_case keys; times in ISO 8601 UTC; StateReasonData as an object).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "scenario/backtest_alarms.hpp"
#include "scenario/backtest_input.hpp"
#include "scenario/backtest_metrics.hpp"

namespace trailbox::backtest {

/// One metric filter's line of the report.
struct FilterLine {
  std::string filter_name;
  std::string log_group_name;
  std::string metric_namespace;
  std::string metric_name;
  FilterMatches matches;
};

/// One alarm's part of the report.
struct AlarmLine {
  std::string alarm_name;
  std::string metric_namespace;
  std::string metric_name;
  /// [{"Name", "Value"}], as the alarm names them.
  Json dimensions = Json::array();
  /// Absent when no record was read (nothing to evaluate).
  std::optional<AlarmOutcome> outcome;
};

/// Everything a backtest found.
struct BacktestReport {
  std::vector<std::string> files_read;
  std::vector<SkippedFile> skipped_files;
  size_t records = 0;
  size_t skipped_record_count = 0;
  /// The first MatchingPass::kMaxListedSkips skipped records.
  std::vector<SkippedRecord> skipped_records;
  std::optional<int64_t> first_event_ms;
  std::optional<int64_t> last_event_ms;
  std::vector<FilterLine> filters;
  std::vector<AlarmLine> alarms;
  /// Reading, matching and the alarm pass (rules checking excluded).
  double elapsed_ms = 0;
};

/// The report as JSON.
Json ReportJson(const BacktestReport& report);

/// The report as text.
std::string ReportText(const BacktestReport& report);

}  // namespace trailbox::backtest
