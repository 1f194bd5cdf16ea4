// The alarm pass (backtest_alarms.hpp): cloudwatch::EvaluateStoredAlarm's evaluation over the matching pass's
// datapoints instead of the store, one evaluation a minute.
#include "scenario/backtest_alarms.hpp"

#include <algorithm>

#include "services/cloudwatch/alarm_sweep.hpp"
#include "services/cloudwatch/statistics.hpp"

namespace trailbox::backtest {
namespace {

constexpr int64_t kMinuteMs = 60'000;

int64_t FloorTo(int64_t time, int64_t step) { return time - (((time % step) + step) % step); }
int64_t CeilTo(int64_t time, int64_t step) { return FloorTo(time + step - 1, step); }

bool IsBefore(const cloudwatch::StoredDatapoint& point, int64_t time_ms) { return point.timestamp_ms < time_ms; }

// The datapoints of `points` (oldest first) in [start_ms, end_ms).
std::vector<cloudwatch::StoredDatapoint> PointsIn(const std::vector<cloudwatch::StoredDatapoint>& points,
                                                  int64_t start_ms, int64_t end_ms) {
  auto begin = std::lower_bound(points.begin(), points.end(), start_ms, IsBefore);
  auto end = std::lower_bound(begin, points.end(), end_ms, IsBefore);
  return {begin, end};
}

// An evaluation over a range without datapoints that left the state as it was gives the same answer until a
// datapoint enters the range: the last minute before the first range that holds the next datapoint after
// `window_end_ms` (past `last_ms` when there is none). The alarm pass skips to it.
int64_t QuietUntil(const std::vector<cloudwatch::StoredDatapoint>& points, int64_t window_end_ms, int64_t period_ms,
                   int64_t now_ms, int64_t last_ms) {
  auto next = std::lower_bound(points.begin(), points.end(), window_end_ms, IsBefore);
  if (next == points.end()) return last_ms;
  int64_t first_seen_ms = CeilTo(FloorTo(next->timestamp_ms, period_ms) + period_ms, kMinuteMs);
  return std::max(now_ms, first_seen_ms - kMinuteMs);
}

}  // namespace

AlarmOutcome RunAlarm(const Json& config, const std::map<std::string, MetricSeries>& series, int64_t first_ms,
                      int64_t last_ms) {
  AlarmOutcome outcome;
  outcome.name = config.at("AlarmName");
  cloudwatch::AlarmRule rule = cloudwatch::RuleOf(config);
  std::optional<cloudwatch::Statistic> statistic = cloudwatch::ParseStatistic(rule.statistic);
  auto found = series.find(MetricId(cloudwatch::MetricOfAlarm(config)));
  outcome.has_metric = found != series.end();
  static const std::vector<cloudwatch::StoredDatapoint> kNoPoints;
  const std::vector<cloudwatch::StoredDatapoint>& points = outcome.has_metric ? found->second.points : kNoPoints;
  std::optional<std::string> unit;
  if (config.contains("Unit")) unit = config["Unit"].get<std::string>();

  int64_t period_ms = rule.period_seconds * 1000;
  outcome.start_ms = FloorTo(first_ms, kMinuteMs) + kMinuteMs;
  outcome.end_ms = std::max(outcome.start_ms, CeilTo(CeilTo(last_ms + 1, period_ms), kMinuteMs));
  cloudwatch::AlarmState state = cloudwatch::AlarmState::kInsufficientData;
  std::optional<int64_t> alarm_since;
  int64_t now_ms = outcome.start_ms;
  for (; statistic && now_ms <= outcome.end_ms; now_ms += kMinuteMs) {
    auto [start_ms, end_ms] = cloudwatch::EvaluationWindow(rule, now_ms);
    std::vector<cloudwatch::StoredDatapoint> window = PointsIn(points, start_ms, end_ms);
    std::vector<cloudwatch::PeriodValue> range = cloudwatch::EvaluationRange(rule, *statistic, window, now_ms, unit);
    cloudwatch::Evaluation evaluation = cloudwatch::EvaluateAlarm(rule, range, state, now_ms);
    if (!evaluation.state || *evaluation.state == state) {
      if (window.empty()) now_ms = QuietUntil(points, end_ms, period_ms, now_ms, outcome.end_ms);
      continue;
    }
    outcome.transitions.push_back(
        {now_ms, state, *evaluation.state, std::move(evaluation.reason), std::move(evaluation.reason_data)});
    if (*evaluation.state == cloudwatch::AlarmState::kAlarm) {
      alarm_since = now_ms;
    } else if (alarm_since) {
      outcome.alarm_ms += now_ms - *alarm_since;
      alarm_since.reset();
    }
    state = *evaluation.state;
  }
  if (alarm_since) outcome.alarm_ms += outcome.end_ms - *alarm_since;
  outcome.final_state = state;
  return outcome;
}

}  // namespace trailbox::backtest
