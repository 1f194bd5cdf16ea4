// Timestamp formats of the AWS protocols.
#include "core/time_format.hpp"

#include <gtest/gtest.h>

namespace trailbox {
namespace {

TEST(TimeFormat, Iso8601RoundTrips) {
  EXPECT_EQ(FormatIso8601(1398796238), "2014-04-29T18:30:38Z");
  EXPECT_EQ(FormatIso8601(1398796238.123, true), "2014-04-29T18:30:38.123Z");
  EXPECT_EQ(ParseIso8601("2014-04-29T18:30:38Z"), 1398796238.0);
  EXPECT_DOUBLE_EQ(*ParseIso8601("2014-04-29T18:30:38.123Z"), 1398796238.123);
}

TEST(TimeFormat, Iso8601HonoursOffsets) {
  EXPECT_EQ(ParseIso8601("2019-12-16T22:48:18-01:00"), 1576540098.0);
  EXPECT_EQ(ParseIso8601("2019-12-17T00:48:18+01:00"), 1576540098.0);
}

TEST(TimeFormat, Iso8601RejectsGarbage) {
  EXPECT_FALSE(ParseIso8601("2014-13-29T18:30:38Z"));
  EXPECT_FALSE(ParseIso8601("yesterday"));
  EXPECT_FALSE(ParseIso8601("2014-04-29T18:30:38Zjunk"));
}

TEST(TimeFormat, HttpDateRoundTrips) {
  EXPECT_EQ(FormatHttpDate(1398796238), "Tue, 29 Apr 2014 18:30:38 GMT");
  EXPECT_EQ(ParseHttpDate("Tue, 29 Apr 2014 18:30:38 GMT"), 1398796238.0);
  EXPECT_FALSE(ParseHttpDate("Tue, 29 Foo 2014 18:30:38 GMT"));
}

TEST(TimeFormat, EpochSecondsAreIntegersWhenWhole) {
  EXPECT_EQ(FormatEpochSeconds(1398796238), "1398796238");
  EXPECT_EQ(FormatEpochSeconds(1398796238.5), "1398796238.5");
  EXPECT_EQ(ParseAnyTimestamp("1398796238"), 1398796238.0);
}

}  // namespace
}  // namespace trailbox
