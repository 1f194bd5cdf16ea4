// Durations, epoch conversion and the clock modes.
#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace trailbox {
namespace {

TEST(ParseDuration, AcceptsUnitsAndCombinations) {
  EXPECT_EQ(ParseDuration("5m"), Duration{300'000});
  EXPECT_EQ(ParseDuration("90s"), Duration{90'000});
  EXPECT_EQ(ParseDuration("31d"), Duration{31LL * 86'400'000});
  EXPECT_EQ(ParseDuration("1h30m"), Duration{5'400'000});
  EXPECT_EQ(ParseDuration("1500ms"), Duration{1500});
}

TEST(ParseDuration, RejectsMalformedText) {
  EXPECT_FALSE(ParseDuration(""));
  EXPECT_FALSE(ParseDuration("5"));
  EXPECT_FALSE(ParseDuration("m"));
  EXPECT_FALSE(ParseDuration("5 minutes"));
  EXPECT_FALSE(ParseDuration("-5m"));
}

TEST(Clock, VirtualClockStandsStillUntilSet) {
  Clock clock(ClockMode::kVirtual, FromEpochSeconds(1'700'000'000));
  EXPECT_EQ(ToEpochSeconds(clock.now()), 1'700'000'000);
  clock.SetVirtual(FromEpochSeconds(1'700'000'060.5));
  EXPECT_DOUBLE_EQ(ToEpochSeconds(clock.now()), 1'700'000'060.5);
}

TEST(Clock, RealClockCannotBeSet) {
  Clock clock(ClockMode::kReal);
  EXPECT_THROW(clock.SetVirtual(FromEpochSeconds(0)), std::logic_error);
}

}  // namespace
}  // namespace trailbox
