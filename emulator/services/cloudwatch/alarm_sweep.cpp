// The minute evaluation of every alarm (alarm_sweep.hpp). Deviation: EvaluateLowSampleCountPercentile is stored
// and returned, but percentile alarms are always evaluated ("evaluate"), whatever the sample count.
#include "services/cloudwatch/alarm_sweep.hpp"

#include <chrono>

#include "services/cloudwatch/alarm_actions.hpp"
#include "services/cloudwatch/metric_store.hpp"
#include "services/cloudwatch/recurring_sweep.hpp"
#include "services/cloudwatch/statistics.hpp"

namespace trailbox::cloudwatch {
namespace {

constexpr int64_t kHistoryRetentionMs = int64_t{30} * 24 * 3600 * 1000;

int64_t Millis(TimePoint time) { return time.time_since_epoch().count(); }

std::string StatisticName(const Json& config) {
  return config.contains("ExtendedStatistic") ? config["ExtendedStatistic"].get<std::string>()
                                              : config.value("Statistic", "");
}

void EvaluateAll(store::Database& db, Scheduler& scheduler, TimePoint now) {
  int64_t now_ms = Millis(now);
  for (StoredAlarm& alarm : ListAllAlarms(db)) EvaluateStoredAlarm(db, scheduler, alarm, now_ms);
  ExpireHistory(db, now_ms - kHistoryRetentionMs);
}

constexpr RecurringSweep kEvaluationSweep{"cloudwatch.alarm_evaluation_due", std::chrono::minutes(1), nullptr,
                                          EvaluateAll};

}  // namespace

AlarmRule RuleOf(const Json& config) {
  AlarmRule rule;
  rule.comparison = ParseComparison(config.at("ComparisonOperator").get<std::string>()).value();
  rule.threshold = config.value("Threshold", 0.0);
  rule.evaluation_periods = config.at("EvaluationPeriods");
  rule.datapoints_to_alarm = config.value("DatapointsToAlarm", rule.evaluation_periods);
  rule.missing_data = ParseMissingData(config.value("TreatMissingData", "missing")).value_or(MissingData::kMissing);
  rule.period_seconds = config.at("Period");
  rule.statistic = StatisticName(config);
  return rule;
}

MetricKey MetricOfAlarm(const Json& config) {
  MetricKey metric{config.at("Namespace"), config.at("MetricName"), {}};
  for (const Json& dimension : config.value("Dimensions", Json::array())) {
    metric.dimensions.push_back({dimension.at("Name"), dimension.at("Value")});
  }
  return metric;
}

std::pair<int64_t, int64_t> EvaluationWindow(const AlarmRule& rule, int64_t now_ms) {
  int64_t period_ms = rule.period_seconds * 1000;
  int64_t end_ms = now_ms / period_ms * period_ms;
  return {end_ms - EvaluationRangeLength(rule) * period_ms, end_ms};
}

std::vector<PeriodValue> EvaluationRange(const AlarmRule& rule, const Statistic& statistic,
                                         const std::vector<StoredDatapoint>& points, int64_t now_ms,
                                         const std::optional<std::string>& unit) {
  int64_t period_ms = rule.period_seconds * 1000;
  auto [start_ms, end_ms] = EvaluationWindow(rule, now_ms);
  int length = EvaluationRangeLength(rule);
  std::vector<PeriodValue> range(static_cast<size_t>(length));
  for (int i = 0; i < length; ++i) range[static_cast<size_t>(i)].start_ms = start_ms + i * period_ms;
  for (const Bucket& bucket : Buckets(points, start_ms, end_ms, rule.period_seconds, now_ms, unit)) {
    PeriodValue& period = range[static_cast<size_t>((bucket.start_ms - start_ms) / period_ms)];
    period.value = Evaluate(bucket.aggregate, statistic);
    if (period.value) period.sample_count = bucket.aggregate.sample_count;
  }
  return range;
}

void EvaluateStoredAlarm(store::Database& db, Scheduler& scheduler, StoredAlarm& alarm, int64_t now_ms) {
  AlarmRule rule = RuleOf(alarm.config);
  std::optional<Statistic> statistic = ParseStatistic(rule.statistic);
  if (!statistic) return;
  std::optional<std::string> unit;
  if (alarm.config.contains("Unit")) unit = alarm.config["Unit"].get<std::string>();
  auto [start_ms, end_ms] = EvaluationWindow(rule, now_ms);
  auto points = ReadDatapoints(db, alarm.account_id, alarm.region, MetricOfAlarm(alarm.config), start_ms, end_ms);
  std::vector<PeriodValue> range = EvaluationRange(rule, *statistic, points, now_ms, unit);
  AlarmState current = ParseState(alarm.state_value).value_or(AlarmState::kInsufficientData);
  Evaluation evaluation = EvaluateAlarm(rule, range, current, now_ms);
  if (!evaluation.state || *evaluation.state == current) return;
  ChangeAlarmState(db, scheduler, alarm, {*evaluation.state, evaluation.reason, evaluation.reason_data.dump()}, now_ms);
}

void EnsureAlarmEvaluation(store::Database& db, Scheduler& scheduler) { EnsureSweep(db, scheduler, kEvaluationSweep); }

void ResumeAlarmEvaluation(store::Database& db, Scheduler& scheduler) { ResumeSweep(db, scheduler, kEvaluationSweep); }

}  // namespace trailbox::cloudwatch
