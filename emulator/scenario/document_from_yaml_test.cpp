// YAML -> model documents (document_from_yaml.hpp) against the embedded models: each type, JSON-encoded policies,
// and errors that name the member.
#include "scenario/document_from_yaml.hpp"

#include <gtest/gtest.h>

namespace trailbox::scenario {
namespace {

Json Input(const std::string& yaml, const char* service, const char* operation,
           UnknownMembers unknown = UnknownMembers::kReject) {
  return OperationDocumentFromYaml(YAML::Load(yaml), service, operation, false, unknown);
}

std::string ErrorMember(const std::string& yaml, const char* service, const char* operation) {
  try {
    Input(yaml, service, operation);
  } catch (const ConversionError& error) {
    return error.member() + " | " + error.problem();
  }
  return "no error";
}

TEST(DocumentFromYaml, IntegersDoublesAndBooleansFollowTheModel) {
  Json alarm = Input("{AlarmName: a, Period: 300, EvaluationPeriods: 1, Threshold: 1, ActionsEnabled: true}",
                     "cloudwatch", "PutMetricAlarm");
  EXPECT_TRUE(alarm["Period"].is_number_integer());
  EXPECT_EQ(alarm["Period"], 300);
  EXPECT_TRUE(alarm["Threshold"].is_number_float());
  EXPECT_EQ(alarm["Threshold"].get<double>(), 1.0);
  EXPECT_EQ(alarm["ActionsEnabled"], true);
}

TEST(DocumentFromYaml, TimestampsFromIso8601OrEpochSeconds) {
  Json iso = Input("{StartTime: 2026-01-01T00:00:00Z, EndTime: 1767225660}", "cloudtrail", "LookupEvents");
  EXPECT_EQ(iso["StartTime"].get<double>(), 1767225600.0);
  EXPECT_EQ(iso["EndTime"].get<double>(), 1767225660.0);
  EXPECT_EQ(ErrorMember("{StartTime: yesterday}", "cloudtrail", "LookupEvents"),
            "StartTime | expected an ISO 8601 time such as 2026-01-01T00:00:00Z, got 'yesterday'");
}

TEST(DocumentFromYaml, AMapForAStringMemberIsJsonEncoded) {
  Json policy = Input(R"({Bucket: b, Policy: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*",
                        Condition: {StringEquals: {"aws:SourceAccount": 000000000000}}}]}})",
                      "s3", "PutBucketPolicy");
  ASSERT_TRUE(policy["Policy"].is_string());
  EXPECT_EQ(policy["Policy"], R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",)"
                              R"("Condition":{"StringEquals":{"aws:SourceAccount":"000000000000"}}}]})");
}

TEST(DocumentFromYaml, ScalarsForStringMembersStayAsWritten) {
  Json filter = Input("{logGroupName: g, filterName: f, filterPattern: ERROR, metricTransformations: "
                      "[{metricName: m, metricNamespace: n, metricValue: 1}]}",
                      "logs", "PutMetricFilter");
  EXPECT_EQ(filter["metricTransformations"][0]["metricValue"], "1");
}

TEST(DocumentFromYaml, BlobsAreTheStringsBytes) {
  Json object = Input("{Bucket: b, Key: k, Body: hello}", "s3", "PutObject");
  ASSERT_TRUE(object["Body"].is_binary());
  EXPECT_EQ(std::string(object["Body"].get_binary().begin(), object["Body"].get_binary().end()), "hello");
}

TEST(DocumentFromYaml, ErrorsNameTheMemberPath) {
  EXPECT_EQ(ErrorMember("{TrailName: t, EventSelectors: [{ReadWriteType: All, IncludeManagementEvents: maybe}]}",
                        "cloudtrail", "PutEventSelectors"),
            "EventSelectors[0].IncludeManagementEvents | expected true or false, got 'maybe'");
  EXPECT_EQ(ErrorMember("{AlarmName: a, Period: five}", "cloudwatch", "PutMetricAlarm"),
            "Period | expected an integer, got 'five'");
  EXPECT_EQ(ErrorMember("{Bukket: b}", "s3", "CreateBucket").substr(0, 24), "Bukket | no such member ");
  EXPECT_EQ(ErrorMember("{AlarmName: a, Period: '${period}'}", "cloudwatch", "PutMetricAlarm"),
            "Period | expected an integer, got '${period}' (${...} substitutions are only allowed in string members)");
  EXPECT_EQ(ErrorMember("{AlarmNames: a}", "cloudwatch", "DescribeAlarms"), "AlarmNames | expected a list, got 'a'");
}

TEST(DocumentFromYaml, UnknownMembersCanBeIgnored) {
  Json filter = Input("{filterName: f, creationTime: 5, filterPattern: x}", "logs", "PutMetricFilter",
                      UnknownMembers::kIgnore);
  EXPECT_EQ(filter, (Json{{"filterName", "f"}, {"filterPattern", "x"}}));
}

TEST(DocumentFromYaml, UnknownOperationsAndEmptyInputs) {
  EXPECT_EQ(ErrorMember("{}", "s3", "NoSuchOperation"), " | the s3 model has no operation 'NoSuchOperation'");
  EXPECT_EQ(ErrorMember("{}", "nosuch", "Op"), " | trailbox has no service model named 'nosuch'");
  EXPECT_EQ(OperationDocumentFromYaml(YAML::Node(), "ec2", "DescribeInstances"), Json::object());
}

TEST(PlainJsonFromYaml, FollowsTheCoreSchemaAndKeepsAccountIds) {
  Json value = PlainJsonFromYaml(YAML::Load(
      "{a: 1, b: 1.5, c: true, d: ~, e: '1', f: 000000000000, g: text, h: [1, x], i: 2012-10-17, j: -3}"));
  EXPECT_EQ(value, Json::parse(R"({"a": 1, "b": 1.5, "c": true, "d": null, "e": "1", "f": "000000000000",
                                  "g": "text", "h": [1, "x"], "i": "2012-10-17", "j": -3})"));
}

}  // namespace
}  // namespace trailbox::scenario
