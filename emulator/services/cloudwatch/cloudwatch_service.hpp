// The CloudWatch service: its operation table (metrics and metric alarms) and its tasks on the clock.
#pragma once
#include "core/operation_table.hpp"
#include "core/scheduler.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::cloudwatch {

/// Registers every CloudWatch operation trailbox implements.
void AddCloudWatchOperations(OperationTable& table);

/// Start-up: schedules again the datapoint expiry sweep and the alarm evaluation recorded in the store.
void ResumeCloudWatchTasks(store::Database& db, Scheduler& scheduler);

}  // namespace trailbox::cloudwatch
