// The SNS service: its operation table, and the HTTP/HTTPS deliveries it resumes at start-up. Other services
// publish through service_publish.hpp.
#pragma once
#include "core/operation_table.hpp"
#include "core/scheduler.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::sns {

/// Registers every SNS operation trailbox implements.
void AddSnsOperations(OperationTable& table);
/// Start-up: schedules again the HTTP/HTTPS messages not yet delivered.
void ResumeSnsTasks(store::Database& db, Scheduler& scheduler);

}  // namespace trailbox::sns
