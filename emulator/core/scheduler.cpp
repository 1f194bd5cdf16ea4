// Due-time ordered task queue on the one clock (shared/DESIGN.md, principle 3).
#include "core/scheduler.hpp"

#include <stdexcept>

namespace trailbox {

Scheduler::Scheduler(Clock& clock) : clock_(clock) {}

uint64_t Scheduler::Schedule(TimePoint due, std::string name, Task task) {
  std::lock_guard lock(mutex_);
  uint64_t id = next_id_++;
  tasks_.emplace(std::make_pair(due, id), Entry{std::move(name), std::move(task)});
  due_by_id_.emplace(id, due);
  return id;
}

bool Scheduler::Cancel(uint64_t id) {
  std::lock_guard lock(mutex_);
  auto found = due_by_id_.find(id);
  if (found == due_by_id_.end()) return false;
  tasks_.erase(std::make_pair(found->second, id));
  due_by_id_.erase(found);
  return true;
}

std::optional<TimePoint> Scheduler::NextDue() const {
  std::lock_guard lock(mutex_);
  if (tasks_.empty()) return std::nullopt;
  return tasks_.begin()->first.first;
}

size_t Scheduler::pending() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

std::optional<std::pair<TimePoint, Scheduler::Entry>> Scheduler::PopDue(TimePoint limit) {
  std::lock_guard lock(mutex_);
  if (tasks_.empty() || tasks_.begin()->first.first > limit) return std::nullopt;
  auto node = tasks_.extract(tasks_.begin());
  due_by_id_.erase(node.key().second);
  return std::make_pair(node.key().first, std::move(node.mapped()));
}

size_t Scheduler::RunDue() {
  size_t ran = 0;
  // now() is read per task: a task may schedule another that is already due.
  while (auto next = PopDue(clock_.now())) {
    auto& [due, entry] = *next;
    if (runner_) runner_(entry.name, entry.task, due);
    else entry.task(due);
    ++ran;
  }
  return ran;
}

size_t Scheduler::AdvanceTo(TimePoint target) {
  if (!clock_.is_virtual()) throw std::logic_error("AdvanceTo needs a virtual clock");
  size_t ran = 0;
  while (auto next = PopDue(target)) {
    auto& [due, entry] = *next;
    if (due > clock_.now()) clock_.SetVirtual(due);
    if (runner_) runner_(entry.name, entry.task, due);
    else entry.task(due);
    ++ran;
  }
  clock_.SetVirtual(target);
  return ran;
}

void Scheduler::Clear() {
  std::lock_guard lock(mutex_);
  tasks_.clear();
  due_by_id_.clear();
}

}  // namespace trailbox
