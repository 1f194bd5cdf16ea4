// The CloudWatch Logs service: its operation table. Events enter only through logs::Ingest (ingest.hpp).
#pragma once
#include "core/operation_table.hpp"
#include "core/scheduler.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::logs {

/// Registers every CloudWatch Logs operation trailbox implements.
void AddLogsOperations(OperationTable& table);

/// Start-up: schedules again the retention sweep recorded in the store.
void ResumeLogsTasks(store::Database& db, Scheduler& scheduler);

}  // namespace trailbox::logs
