// Recurring sweeps whose next due time is kept in the store (recurring_sweep.hpp).
#include "services/cloudwatch/recurring_sweep.hpp"

#include <algorithm>
#include <optional>

#include "store/database.hpp"

namespace trailbox::cloudwatch {
namespace {

int64_t Millis(TimePoint time) { return time.time_since_epoch().count(); }

std::optional<int64_t> RecordedDue(store::Database& db, const char* key) {
  auto statement = db.Prepare("SELECT value FROM meta WHERE key = ?1");
  statement.BindAll(key);
  if (!statement.Step()) return std::nullopt;
  return std::stoll(statement.Text(0));
}

void ScheduleRun(store::Database& db, Scheduler& scheduler, const RecurringSweep& sweep, TimePoint due) {
  db.Prepare("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")
      .BindAll(sweep.meta_key, std::to_string(Millis(due)))
      .Run();
  scheduler.Schedule(due, sweep.meta_key, [&db, &scheduler, sweep](TimePoint when) {
    if (RecordedDue(db, sweep.meta_key) != Millis(when)) return;
    if (sweep.work) sweep.work(db, when);
    if (sweep.scheduled_work) sweep.scheduled_work(db, scheduler, when);
    ScheduleRun(db, scheduler, sweep, when + sweep.period);
  });
}

}  // namespace

void EnsureSweep(store::Database& db, Scheduler& scheduler, const RecurringSweep& sweep) {
  std::optional<int64_t> due = RecordedDue(db, sweep.meta_key);
  if (due && *due > Millis(scheduler.now())) return;
  ScheduleRun(db, scheduler, sweep, scheduler.now() + sweep.period);
}

void ResumeSweep(store::Database& db, Scheduler& scheduler, const RecurringSweep& sweep) {
  std::optional<int64_t> due = RecordedDue(db, sweep.meta_key);
  if (!due) return;
  ScheduleRun(db, scheduler, sweep, std::max(TimePoint(Duration(*due)), scheduler.now()));
}

}  // namespace trailbox::cloudwatch
