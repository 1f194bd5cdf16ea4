// What happens when an alarm's state is set — by evaluation or by SetAlarmState: the StateUpdate history item, and
// on a transition with ActionsEnabled, an SNS notification to each topic of the new state's action list with an
// Action history item for each, succeeded or failed
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html).
#pragma once
#include <cstdint>
#include <string>

#include "core/json.hpp"
#include "core/scheduler.hpp"
#include "services/cloudwatch/alarm_evaluation.hpp"
#include "services/cloudwatch/alarm_store.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::cloudwatch {

/// A new state with its reason; `reason_data` is StateReasonData text (empty for none).
struct StateChange {
  AlarmState state = AlarmState::kInsufficientData;
  std::string reason;
  std::string reason_data;
};

/// Sets the state of `alarm` at `now_ms`, saves it, records history and runs the actions of a transition.
void ChangeAlarmState(store::Database& db, Scheduler& scheduler, StoredAlarm& alarm, const StateChange& change,
                      int64_t now_ms);

/// The notification CloudWatch publishes for a transition from `old_state` (AWS's JSON message).
Json AlarmNotification(const StoredAlarm& alarm, const std::string& old_state, int64_t now_ms);

/// `ALARM: "name" in US East (N. Virginia)`, at most 100 characters.
std::string AlarmSubject(const StoredAlarm& alarm);

}  // namespace trailbox::cloudwatch
