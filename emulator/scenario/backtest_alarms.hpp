// The alarm pass of `trailbox backtest`: each metric alarm evaluated minute by minute over the covered time, as
// CloudWatch evaluates every alarm each minute (services/cloudwatch/alarm_sweep.cpp), with the same pure
// evaluation (alarm_evaluation.hpp: M of N, TreatMissingData, AWS's reason texts) over the datapoints the matching
// pass built (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html).
// Open: the covered time runs from the minute of the first record to the end of the alarm's period that holds
// the last record, so that period is evaluated once complete; the alarm starts in INSUFFICIENT_DATA, as a new
// alarm does ("Unchecked: Initial alarm creation").
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "scenario/backtest_metrics.hpp"
#include "services/cloudwatch/alarm_evaluation.hpp"

namespace trailbox::backtest {

/// One state change of an alarm.
struct Transition {
  int64_t time_ms = 0;
  cloudwatch::AlarmState from = cloudwatch::AlarmState::kInsufficientData;
  cloudwatch::AlarmState to = cloudwatch::AlarmState::kInsufficientData;
  /// StateReason and StateReasonData as CloudWatch writes them.
  std::string reason;
  Json reason_data;
};

/// What an alarm did over the covered time.
struct AlarmOutcome {
  std::string name;
  /// Whether some metric filter publishes the alarm's metric (with exactly its dimensions).
  bool has_metric = false;
  std::vector<Transition> transitions;
  cloudwatch::AlarmState final_state = cloudwatch::AlarmState::kInsufficientData;
  /// How long it was in ALARM, until the end of the covered time.
  int64_t alarm_ms = 0;
  /// The first and last evaluation times, epoch ms.
  int64_t start_ms = 0;
  int64_t end_ms = 0;
};

/// Evaluates the alarm `config` (a PutMetricAlarm input) each minute from the minute of `first_ms` to the end of
/// the period holding `last_ms`, over `series` (MatchingPass::Datapoints).
AlarmOutcome RunAlarm(const Json& config, const std::map<std::string, MetricSeries>& series, int64_t first_ms,
                      int64_t last_ms);

}  // namespace trailbox::backtest
