// The backtest's passes in order (backtest.hpp). Elapsed time is measured on the steady clock: it is the
// program's own duration, not AWS time, which the records carry.
#include "scenario/backtest.hpp"

#include <chrono>

namespace trailbox::backtest {
namespace {

std::vector<FilterLine> FilterLines(const Rules& rules, const MatchingPass& pass) {
  std::vector<FilterLine> lines;
  for (size_t i = 0; i < rules.filters.size(); ++i) {
    const logs::CompiledMetricFilter& compiled = rules.filters[i].compiled;
    lines.push_back({compiled.name, rules.filters[i].log_group_name, compiled.transformation.metric_namespace,
                     compiled.transformation.metric_name, pass.matches()[i]});
  }
  return lines;
}

}  // namespace

BacktestReport RunBacktest(const Rules& rules, const LogFileList& files) {
  auto started = std::chrono::steady_clock::now();
  BacktestReport report;
  report.skipped_files = files.skipped;
  MatchingPass pass(rules.filters);
  for (const std::filesystem::path& path : files.files) {
    std::string source = path.string();
    LogFileRecords records = SplitRecords(ReadFileBytes(path), source);
    if (!records.not_a_log_file().empty()) {
      report.skipped_files.push_back({source, records.not_a_log_file()});
      continue;
    }
    pass.AddFile(records, source);
    report.files_read.push_back(source);
  }
  report.records = pass.records();
  report.skipped_record_count = pass.skipped_count();
  report.skipped_records = pass.skipped();
  report.first_event_ms = pass.first_event_ms();
  report.last_event_ms = pass.last_event_ms();
  report.filters = FilterLines(rules, pass);
  std::map<std::string, MetricSeries> series = pass.Datapoints();
  for (const Json& config : rules.alarms) {
    AlarmLine line;
    line.alarm_name = config.at("AlarmName");
    line.metric_namespace = config.at("Namespace");
    line.metric_name = config.at("MetricName");
    line.dimensions = config.value("Dimensions", Json::array());
    if (report.first_event_ms) line.outcome = RunAlarm(config, series, *report.first_event_ms, *report.last_event_ms);
    report.alarms.push_back(std::move(line));
  }
  report.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace trailbox::backtest
