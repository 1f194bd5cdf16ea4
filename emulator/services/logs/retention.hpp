// Retention of log events (PutRetentionPolicy): the allowed day counts and the hourly sweep that deletes events
// older than their group's retention and shrinks storedBytes.
#pragma once
#include <cstdint>

#include "core/scheduler.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::logs {

/// Schedules the retention sweep unless one is pending (cloudwatch/recurring_sweep.hpp).
void EnsureRetentionSweep(store::Database& db, Scheduler& scheduler);

}  // namespace trailbox::logs
