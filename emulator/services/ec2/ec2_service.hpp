// The EC2 service: its operation table (instances, security groups, tags, the default VPC catalogue).
#pragma once
#include "core/operation_table.hpp"
#include "core/scheduler.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::ec2 {

/// Registers every EC2 operation trailbox implements.
void AddEc2Operations(OperationTable& table);
/// At start-up: schedules again each stored instance state transition (tasks live in memory, the transition times
/// in SQLite); requests also apply overdue transitions first.
void ResumeEc2Tasks(store::Database& db, Scheduler& scheduler);

}  // namespace trailbox::ec2
