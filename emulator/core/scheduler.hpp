// The scheduler: every time-driven effect (delivery, alarms, retention, lifecycle, instance state changes) is a
// task with a due time. Tasks run in due-time order (ties in scheduling order). In virtual mode the clock is moved
// to each task's due time before it runs, so a task sees the time it was meant for.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/clock.hpp"

namespace trailbox {

class Scheduler {
 public:
  using Task = std::function<void(TimePoint due)>;
  /// Runs one task; the engine wraps each in a transaction. The default just calls it.
  using Runner = std::function<void(const std::string& name, const Task& task, TimePoint due)>;

  explicit Scheduler(Clock& clock);

  Clock& clock() { return clock_; }
  TimePoint now() const { return clock_.now(); }
  /// Schedules `task` at `due`; returns an id for Cancel.
  uint64_t Schedule(TimePoint due, std::string name, Task task);
  /// Removes a pending task; false when it already ran or never existed.
  bool Cancel(uint64_t id);
  /// The earliest due time, if any task is pending.
  std::optional<TimePoint> NextDue() const;
  size_t pending() const;
  /// Runs every task due at or before now() (real mode's tick, and after a virtual Set). Returns how many ran.
  size_t RunDue();
  /// Virtual mode: runs the tasks due up to `target` in order, moving the clock to each, then sets it to `target`.
  size_t AdvanceTo(TimePoint target);
  void set_runner(Runner runner) { runner_ = std::move(runner); }
  /// Drops every pending task (admin reset).
  void Clear();

 private:
  struct Entry {
    std::string name;
    Task task;
  };
  std::optional<std::pair<TimePoint, Entry>> PopDue(TimePoint limit);

  Clock& clock_;
  mutable std::recursive_mutex mutex_;
  // Key: (due time, sequence number) so ties run in scheduling order; the sequence number is also the task id.
  std::map<std::pair<TimePoint, uint64_t>, Entry> tasks_;
  std::map<uint64_t, TimePoint> due_by_id_;
  uint64_t next_id_ = 1;
  Runner runner_;
};

}  // namespace trailbox
