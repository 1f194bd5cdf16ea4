// The backtest report as JSON and as text (backtest_report.hpp).
#include "scenario/backtest_report.hpp"

#include <cstdio>
#include <sstream>

#include "core/time_format.hpp"

namespace trailbox::backtest {
namespace {

std::string Time(int64_t epoch_ms) { return FormatIso8601(static_cast<double>(epoch_ms) / 1000, epoch_ms % 1000 != 0); }

Json OptionalTime(const std::optional<int64_t>& epoch_ms) { return epoch_ms ? Json(Time(*epoch_ms)) : Json(); }

double RecordsPerSecond(const BacktestReport& report) {
  return report.elapsed_ms > 0 ? static_cast<double>(report.records) * 1000 / report.elapsed_ms : 0;
}

// "1h 25m", "5m", "0s".
std::string Span(int64_t ms) {
  int64_t seconds = ms / 1000;
  std::string text;
  if (seconds >= 3600) text += std::to_string(seconds / 3600) + "h";
  if (seconds % 3600 >= 60) text += (text.empty() ? "" : " ") + std::to_string(seconds % 3600 / 60) + "m";
  if (seconds % 60 != 0 || text.empty()) text += (text.empty() ? "" : " ") + std::to_string(seconds % 60) + "s";
  return text;
}

std::string MetricText(const AlarmLine& alarm) {
  std::string text = alarm.metric_namespace + "/" + alarm.metric_name;
  for (const Json& dimension : alarm.dimensions) {
    text += " " + dimension.value("Name", "") + "=" + dimension.value("Value", "");
  }
  return text;
}

Json AlarmJson(const AlarmLine& alarm) {
  Json line = {{"alarm_name", alarm.alarm_name},
               {"metric", {{"namespace", alarm.metric_namespace},
                           {"name", alarm.metric_name},
                           {"dimensions", alarm.dimensions}}}};
  if (!alarm.outcome) {
    line["evaluated"] = false;
    return line;
  }
  const AlarmOutcome& outcome = *alarm.outcome;
  line["evaluated"] = true;
  line["has_metric_data"] = outcome.has_metric;
  line["evaluated_from"] = Time(outcome.start_ms);
  line["evaluated_to"] = Time(outcome.end_ms);
  Json transitions = Json::array();
  for (const Transition& transition : outcome.transitions) {
    transitions.push_back({{"time", Time(transition.time_ms)},
                           {"from", cloudwatch::StateName(transition.from)},
                           {"to", cloudwatch::StateName(transition.to)},
                           {"reason", transition.reason},
                           {"reason_data", transition.reason_data}});
  }
  line["transitions"] = std::move(transitions);
  line["final_state"] = cloudwatch::StateName(outcome.final_state);
  line["seconds_in_alarm"] = outcome.alarm_ms / 1000;
  return line;
}

}  // namespace

Json ReportJson(const BacktestReport& report) {
  Json skipped_files = Json::array();
  for (const SkippedFile& file : report.skipped_files) skipped_files.push_back({{"path", file.path}, {"reason", file.reason}});
  Json skipped_records = Json::array();
  for (const SkippedRecord& record : report.skipped_records) {
    skipped_records.push_back({{"file", record.file}, {"index", record.index}, {"reason", record.reason}});
  }
  Json filters = Json::array();
  for (const FilterLine& filter : report.filters) {
    filters.push_back({{"filter_name", filter.filter_name},
                       {"log_group_name", filter.log_group_name},
                       {"metric", {{"namespace", filter.metric_namespace}, {"name", filter.metric_name}}},
                       {"matches", filter.matches.matches},
                       {"first_match", OptionalTime(filter.matches.first_ms)},
                       {"last_match", OptionalTime(filter.matches.last_ms)}});
  }
  Json alarms = Json::array();
  for (const AlarmLine& alarm : report.alarms) alarms.push_back(AlarmJson(alarm));
  return {{"files", {{"read", report.files_read}, {"skipped", std::move(skipped_files)}}},
          {"records", {{"read", report.records},
                       {"skipped", report.skipped_record_count},
                       {"skipped_listed", std::move(skipped_records)}}},
          {"time_range", {{"first", OptionalTime(report.first_event_ms)}, {"last", OptionalTime(report.last_event_ms)}}},
          {"filters", std::move(filters)},
          {"alarms", std::move(alarms)},
          {"elapsed_ms", report.elapsed_ms},
          {"records_per_second", RecordsPerSecond(report)}};
}

std::string ReportText(const BacktestReport& report) {
  std::ostringstream out;
  out << "read " << report.files_read.size() << (report.files_read.size() == 1 ? " file, " : " files, ")
      << report.records << (report.records == 1 ? " record" : " records");
  if (report.first_event_ms) out << " from " << Time(*report.first_event_ms) << " to " << Time(*report.last_event_ms);
  out << "\n";
  for (const SkippedFile& file : report.skipped_files) out << "  skipped " << file.path << ": " << file.reason << "\n";
  if (report.skipped_record_count > 0) {
    out << "  skipped " << report.skipped_record_count << " records";
    for (const SkippedRecord& record : report.skipped_records) {
      out << "\n    " << record.file << " record " << record.index << ": " << record.reason;
    }
    if (report.skipped_records.size() < report.skipped_record_count) out << "\n    ...";
    out << "\n";
  }
  out << "\nmetric filters (matches, first and last match):\n";
  for (const FilterLine& filter : report.filters) {
    char count[32];
    std::snprintf(count, sizeof(count), "%8zu", filter.matches.matches);
    out << "  " << count << "  " << filter.filter_name;
    if (filter.matches.first_ms) {
      out << "  " << Time(*filter.matches.first_ms) << " .. " << Time(*filter.matches.last_ms);
    }
    out << "\n";
  }
  if (!report.alarms.empty()) out << "\nalarms:\n";
  for (const AlarmLine& alarm : report.alarms) {
    out << "  " << alarm.alarm_name << " on " << MetricText(alarm);
    if (!alarm.outcome) {
      out << ": not evaluated (no records)\n";
      continue;
    }
    const AlarmOutcome& outcome = *alarm.outcome;
    out << ": " << Span(outcome.alarm_ms) << " in ALARM, ends in " << cloudwatch::StateName(outcome.final_state);
    if (!outcome.has_metric) out << " (no metric filter publishes this metric)";
    out << "\n";
    for (const Transition& transition : outcome.transitions) {
      out << "    " << Time(transition.time_ms) << "  " << cloudwatch::StateName(transition.from) << " -> "
          << cloudwatch::StateName(transition.to) << "  " << transition.reason << "\n";
    }
  }
  char rate[64];
  std::snprintf(rate, sizeof(rate), "%.0f ms, %.0f records/s", report.elapsed_ms, RecordsPerSecond(report));
  out << "\nelapsed " << rate << "\n";
  return out.str();
}

}  // namespace trailbox::backtest
