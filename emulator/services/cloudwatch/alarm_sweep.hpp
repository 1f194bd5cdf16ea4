// Alarm evaluation on the clock (shared/DESIGN.md principle 3): one task a minute evaluates every alarm, as AWS
// evaluates each alarm every minute, over the aligned periods that end at the evaluation time. The task is a
// recurring sweep (recurring_sweep.hpp), so it survives a restart; it also drops alarm history older than
// 30 days. Open: AWS's history retention is not documented precisely; we keep 30 days.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "core/scheduler.hpp"
#include "services/cloudwatch/alarm_evaluation.hpp"
#include "services/cloudwatch/alarm_store.hpp"
#include "services/cloudwatch/metric_store.hpp"
#include "services/cloudwatch/statistics.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::cloudwatch {

/// The rule of an alarm configuration (a checked PutMetricAlarm input).
AlarmRule RuleOf(const Json& config);

/// The metric an alarm configuration watches.
MetricKey MetricOfAlarm(const Json& config);

/// The evaluation range of `rule` at `now_ms`: [start, end) of its aligned periods.
std::pair<int64_t, int64_t> EvaluationWindow(const AlarmRule& rule, int64_t now_ms);

/// The periods of the evaluation range at `now_ms`, oldest first, with `statistic` over `points` (the metric's
/// datapoints in EvaluationWindow, oldest first); `unit` filters when given.
std::vector<PeriodValue> EvaluationRange(const AlarmRule& rule, const Statistic& statistic,
                                         const std::vector<StoredDatapoint>& points, int64_t now_ms,
                                         const std::optional<std::string>& unit);

/// Evaluates `alarm` at `now_ms` against its metric's datapoints and applies a state change, if any.
void EvaluateStoredAlarm(store::Database& db, Scheduler& scheduler, StoredAlarm& alarm, int64_t now_ms);

/// Schedules the minute evaluation unless it is pending (PutMetricAlarm calls it).
void EnsureAlarmEvaluation(store::Database& db, Scheduler& scheduler);

/// Start-up: schedules the recorded evaluation again.
void ResumeAlarmEvaluation(store::Database& db, Scheduler& scheduler);

}  // namespace trailbox::cloudwatch
