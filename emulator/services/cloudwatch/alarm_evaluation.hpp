// How a metric alarm decides its state from the datapoints of its evaluation range, pure (no store, no clock):
// M out of N with DatapointsToAlarm, the four TreatMissingData modes, the "premature ALARM" rule, and the state
// reason text and StateReasonData JSON CloudWatch writes
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html and
// "Configuring how CloudWatch alarms treat missing data").
//
// The evaluation range is the last N + 2 aligned periods (Open: AWS fetches "a higher number of data points than
// Evaluation Periods", depending on the period; its documented example fetches 5 for N = 3). Then:
// - at least N real datapoints in the range: the N most recent real ones decide (missing ones are skipped, and
//   TreatMissingData is not used): ALARM when at least M breach, else OK;
// - none: missing -> INSUFFICIENT_DATA, ignore -> the state stays, breaching -> ALARM, notBreaching -> OK;
// - fewer than N: every real datapoint counts, and as few missing ones as complete N. breaching/notBreaching count
//   those as breaching/not breaching. missing/ignore decide on the real ones: ALARM when M breach; with missing,
//   also ALARM when the oldest breaching datapoint of the last N periods is at least M periods old and every more
//   recent one breaches or is missing; OK when more than N - M are not breaching (ALARM is then impossible); else
//   the state stays.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace trailbox::cloudwatch {

/// StateValue.
enum class AlarmState { kOk, kAlarm, kInsufficientData };

/// "OK", "ALARM", "INSUFFICIENT_DATA".
std::string_view StateName(AlarmState state);
/// The state named `name`; nullopt for anything else.
std::optional<AlarmState> ParseState(std::string_view name);

/// The four static ComparisonOperators.
enum class Comparison { kGreaterThanOrEqual, kGreaterThan, kLessThan, kLessThanOrEqual };

/// The comparison `name` names (the model's spelling); nullopt for anomaly-band operators and anything else.
std::optional<Comparison> ParseComparison(std::string_view name);

/// TreatMissingData.
enum class MissingData { kMissing, kNotBreaching, kBreaching, kIgnore };

/// "missing", "notBreaching", "breaching", "ignore"; nullopt for anything else.
std::optional<MissingData> ParseMissingData(std::string_view name);

/// What an alarm compares.
struct AlarmRule {
  Comparison comparison = Comparison::kGreaterThanOrEqual;
  double threshold = 0;
  int evaluation_periods = 1;
  int datapoints_to_alarm = 1;
  MissingData missing_data = MissingData::kMissing;
  int64_t period_seconds = 60;
  /// As StateReasonData names it: "Sum", "p99"...
  std::string statistic;
};

/// One period of the evaluation range: its start and the statistic's value, absent when no data.
struct PeriodValue {
  int64_t start_ms = 0;
  std::optional<double> value;
  std::optional<double> sample_count;
};

/// The outcome of one evaluation.
struct Evaluation {
  /// nullopt: the alarm keeps its state (and its reason).
  std::optional<AlarmState> state;
  std::string reason;
  /// StateReasonData, as a JSON document.
  Json reason_data;
};

/// How many periods the evaluation range holds for `rule`.
int EvaluationRangeLength(const AlarmRule& rule);

/// Whether `value` breaches the threshold.
bool IsBreaching(const AlarmRule& rule, double value);

/// Evaluates `rule` over `range` (consecutive periods, oldest first, EvaluationRangeLength of them) for an alarm
/// now in `current`, queried at `query_ms`. The reason names the transition from `current`.
Evaluation EvaluateAlarm(const AlarmRule& rule, const std::vector<PeriodValue>& range, AlarmState current,
                         int64_t query_ms);

/// A number as CloudWatch's reasons print it (Java's Double.toString): "3.0", "0.25", "1.0E7".
std::string FormatReasonNumber(double value);

/// "2026-11-27T10:00:00.000+0000", the timestamp format of StateReasonData and alarm notifications.
std::string FormatAlarmTimestamp(int64_t epoch_ms);

}  // namespace trailbox::cloudwatch
