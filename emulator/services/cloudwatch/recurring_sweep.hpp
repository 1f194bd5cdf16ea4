// A recurring sweep on the scheduler. Scheduled tasks live in memory; the due time of the next sweep lives in the
// `meta` table. At start-up ResumeSweep schedules the recorded run again. Writers call EnsureSweep: when no sweep is
// recorded, or the recorded one is overdue (its task was lost, e.g. rolled back with a failed request), it
// schedules a new one. Each run does its work and schedules the next, unless the record names another run (a stale
// duplicate), which then ends its chain. Used by CloudWatch's datapoint expiry and by CloudWatch Logs' retention.
#pragma once
#include <string>

#include "core/clock.hpp"
#include "core/scheduler.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::cloudwatch {

/// What a sweep does at `now`, inside the task's transaction.
using SweepWork = void (*)(store::Database& db, TimePoint now);
/// The same, for work that schedules tasks of its own (alarm actions' deliveries).
using ScheduledSweepWork = void (*)(store::Database& db, Scheduler& scheduler, TimePoint now);

/// A named sweep: its `meta` key, its period and its work (either kind; null when unused).
struct RecurringSweep {
  const char* meta_key;
  Duration period;
  SweepWork work;
  ScheduledSweepWork scheduled_work = nullptr;
};

/// Schedules `sweep` one period from now unless a run is already pending.
void EnsureSweep(store::Database& db, Scheduler& scheduler, const RecurringSweep& sweep);

/// Start-up: schedules the recorded run of `sweep` again (at once when it is overdue); nothing when none is recorded.
void ResumeSweep(store::Database& db, Scheduler& scheduler, const RecurringSweep& sweep);

}  // namespace trailbox::cloudwatch
