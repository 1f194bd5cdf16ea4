// The scheduler on a virtual clock: due-time order, ties in scheduling order, tasks see their own due time.
#include "core/scheduler.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace trailbox {
namespace {

TimePoint At(int64_t seconds) { return TimePoint{Duration{seconds * 1000}}; }

TEST(Scheduler, RunsTasksInDueOrderAndMovesTheVirtualClockToEach) {
  Clock clock(ClockMode::kVirtual, At(1000));
  Scheduler scheduler(clock);
  std::vector<std::pair<std::string, int64_t>> ran;
  auto record = [&](std::string name) {
    return [&, name](TimePoint due) {
      ran.emplace_back(name, clock.now().time_since_epoch().count() / 1000);
      EXPECT_EQ(due, clock.now());
    };
  };
  scheduler.Schedule(At(1300), "c", record("c"));
  scheduler.Schedule(At(1100), "a", record("a"));
  scheduler.Schedule(At(1200), "b", record("b"));
  scheduler.Schedule(At(5000), "later", record("later"));
  EXPECT_EQ(scheduler.AdvanceTo(At(1300)), 3u);
  ASSERT_EQ(ran.size(), 3u);
  EXPECT_EQ(ran[0], std::make_pair(std::string("a"), int64_t{1100}));
  EXPECT_EQ(ran[1], std::make_pair(std::string("b"), int64_t{1200}));
  EXPECT_EQ(ran[2], std::make_pair(std::string("c"), int64_t{1300}));
  EXPECT_EQ(clock.now(), At(1300));
  EXPECT_EQ(scheduler.pending(), 1u);
  EXPECT_EQ(scheduler.NextDue(), At(5000));
}

TEST(Scheduler, TiesRunInSchedulingOrder) {
  Clock clock(ClockMode::kVirtual, At(0));
  Scheduler scheduler(clock);
  std::string order;
  for (char c : std::string("xyz")) scheduler.Schedule(At(10), std::string(1, c), [&, c](TimePoint) { order += c; });
  scheduler.AdvanceTo(At(10));
  EXPECT_EQ(order, "xyz");
}

TEST(Scheduler, TaskScheduledByATaskRunsInTheSameAdvanceWhenDue) {
  Clock clock(ClockMode::kVirtual, At(0));
  Scheduler scheduler(clock);
  int runs = 0;
  std::function<void(TimePoint)> periodic = [&](TimePoint due) {
    ++runs;
    scheduler.Schedule(due + Duration{60'000}, "periodic", periodic);
  };
  scheduler.Schedule(At(60), "periodic", periodic);
  scheduler.AdvanceTo(At(60 * 10));
  EXPECT_EQ(runs, 10);
  EXPECT_EQ(scheduler.NextDue(), At(60 * 11));
}

TEST(Scheduler, CancelledTaskNeverRuns) {
  Clock clock(ClockMode::kVirtual, At(0));
  Scheduler scheduler(clock);
  bool ran = false;
  uint64_t id = scheduler.Schedule(At(5), "x", [&](TimePoint) { ran = true; });
  EXPECT_TRUE(scheduler.Cancel(id));
  EXPECT_FALSE(scheduler.Cancel(id));
  scheduler.AdvanceTo(At(10));
  EXPECT_FALSE(ran);
}

TEST(Scheduler, RunDueRunsOnlyWhatIsDueNow) {
  Clock clock(ClockMode::kVirtual, At(100));
  Scheduler scheduler(clock);
  int ran = 0;
  scheduler.Schedule(At(50), "past", [&](TimePoint) { ++ran; });
  scheduler.Schedule(At(150), "future", [&](TimePoint) { ++ran; });
  EXPECT_EQ(scheduler.RunDue(), 1u);
  EXPECT_EQ(ran, 1);
}

TEST(Scheduler, AdvanceNeedsAVirtualClock) {
  Clock clock(ClockMode::kReal);
  Scheduler scheduler(clock);
  EXPECT_THROW(scheduler.AdvanceTo(At(0)), std::logic_error);
}

}  // namespace
}  // namespace trailbox
