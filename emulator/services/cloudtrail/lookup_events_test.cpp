// LookupEvents: attributes, time ranges, pages and the documented errors.
#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "services/cloudtrail/cloudtrail_service.hpp"
#include "services/common/handler_harness.hpp"
#include "trail/recorder.hpp"

namespace trailbox::cloudtrail {
namespace {

class LookupEventsTest : public ::testing::Test {
 protected:
  LookupEventsTest() { harness_.Register(AddCloudTrailOperations); }

  void Inject(const std::string& name, double at) {
    store::Transaction transaction(harness_.db());
    trail::InjectRecord(harness_.db(),
                        {{"eventSource", "ec2.amazonaws.com"},
                         {"eventName", name},
                         {"readOnly", name.starts_with("Describe")},
                         {"userIdentity", {{"type", "Root"}, {"accountId", "111122223333"}, {"accessKeyId", "AKIA1"}}}},
                        at);
    transaction.Commit();
  }

  double Now() { return ToEpochSeconds(harness_.call().now()); }

  common::HandlerHarness harness_;
};

TEST_F(LookupEventsTest, FindsEventsByNameNewestFirstInPages) {
  for (int i = 0; i < 3; ++i) Inject("RunInstances", Now() - 30 + i);
  Inject("DescribeInstances", Now() - 10);
  Json output = harness_.Run("LookupEvents", {{"LookupAttributes", {{{"AttributeKey", "EventName"}, {"AttributeValue", "RunInstances"}}}},
                                              {"MaxResults", 2}});
  ASSERT_EQ(output["Events"].size(), 2u);
  EXPECT_EQ(output["Events"][0]["EventTime"], Now() - 28);
  EXPECT_EQ(output["Events"][0]["Username"], "root");
  EXPECT_EQ(output["Events"][0]["AccessKeyId"], "AKIA1");
  ASSERT_TRUE(output.contains("NextToken"));
  Json next = harness_.Run("LookupEvents", {{"LookupAttributes", {{{"AttributeKey", "EventName"}, {"AttributeValue", "RunInstances"}}}},
                                            {"MaxResults", 2},
                                            {"NextToken", output["NextToken"]}});
  EXPECT_EQ(next["Events"].size(), 1u);
  EXPECT_FALSE(next.contains("NextToken"));
  Json read_only = harness_.Run("LookupEvents", {{"LookupAttributes", {{{"AttributeKey", "ReadOnly"}, {"AttributeValue", "true"}}}}});
  ASSERT_EQ(read_only["Events"].size(), 1u);
  EXPECT_EQ(read_only["Events"][0]["EventName"], "DescribeInstances");
  EXPECT_EQ(read_only["Events"][0]["ReadOnly"], "true");
}

TEST_F(LookupEventsTest, TimeRangeSelectsAndOldEventsAreGone) {
  Inject("RunInstances", Now() - 91 * 86400.0);
  Inject("StopInstances", Now() - 3600);
  Inject("StartInstances", Now() - 60);
  Json output = harness_.Run("LookupEvents", {{"StartTime", Now() - 7200}, {"EndTime", Now() - 1800}});
  ASSERT_EQ(output["Events"].size(), 1u);
  EXPECT_EQ(output["Events"][0]["EventName"], "StopInstances");
  EXPECT_EQ(harness_.Run("LookupEvents")["Events"].size(), 2u);
}

TEST_F(LookupEventsTest, BadInputAnswersTheDocumentedErrors) {
  Json two = {{"LookupAttributes", {{{"AttributeKey", "EventName"}, {"AttributeValue", "A"}},
                                    {{"AttributeKey", "Username"}, {"AttributeValue", "B"}}}}};
  AwsError error = harness_.Fail("LookupEvents", two);
  EXPECT_EQ(error.code(), "InvalidLookupAttributesException");
  EXPECT_EQ(error.message(), "You can specify only one lookup attribute.");
  error = harness_.Fail("LookupEvents", {{"StartTime", Now()}, {"EndTime", Now() - 1}});
  EXPECT_EQ(error.code(), "InvalidTimeRangeException");
  error = harness_.Fail("LookupEvents", {{"NextToken", "bogus"}});
  EXPECT_EQ(error.code(), "InvalidNextTokenException");
  error = harness_.Fail("LookupEvents", {{"LookupAttributes", {{{"AttributeKey", "ReadOnly"}, {"AttributeValue", "yes"}}}}});
  EXPECT_EQ(error.code(), "InvalidLookupAttributesException");
}

}  // namespace
}  // namespace trailbox::cloudtrail
