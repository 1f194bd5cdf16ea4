// Event selectors: PutEventSelectors' checks and which management records a trail takes.
#include "trail/selectors.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "core/aws_error.hpp"
#include "trail/log_file.hpp"

namespace trailbox::trail {
namespace {

Json Record(const char* source, bool read_only) { return {{"eventSource", source}, {"readOnly", read_only}}; }

std::string ErrorCode(const Json& input) {
  try {
    NormalizeSelectors(input);
  } catch (const AwsError& error) {
    return error.code();
  }
  return "";
}

TEST(Selectors, BasicWriteOnlyWithoutKms) {
  Json selectors = NormalizeSelectors({{"EventSelectors",
                                        {{{"ReadWriteType", "WriteOnly"},
                                          {"ExcludeManagementEventSources", {"kms.amazonaws.com"}}}}}});
  EXPECT_EQ(selectors["EventSelectors"][0]["IncludeManagementEvents"], true);
  EXPECT_EQ(selectors["EventSelectors"][0]["DataResources"], Json::array());
  EXPECT_TRUE(SelectsRecord(selectors, Record("ec2.amazonaws.com", false)));
  EXPECT_FALSE(SelectsRecord(selectors, Record("ec2.amazonaws.com", true)));
  EXPECT_FALSE(SelectsRecord(selectors, Record("kms.amazonaws.com", false)));
  EXPECT_TRUE(SelectsRecord(selectors, {{"eventSource", "iam.amazonaws.com"}}));  // no readOnly: a write
  EXPECT_TRUE(SelectsRecord(selectors, {{"eventSource", "iam.amazonaws.com"}, {"readOnly", "false"}}));
}

TEST(Selectors, AdvancedManagementSelectors) {
  Json selectors = NormalizeSelectors(
      {{"AdvancedEventSelectors",
        {{{"FieldSelectors",
           {{{"Field", "eventCategory"}, {"Equals", {"Management"}}},
            {{"Field", "readOnly"}, {"Equals", {"true"}}},
            {{"Field", "eventSource"}, {"NotEquals", {"rdsdata.amazonaws.com"}}}}}}}}});
  EXPECT_TRUE(SelectsRecord(selectors, Record("ec2.amazonaws.com", true)));
  EXPECT_FALSE(SelectsRecord(selectors, Record("ec2.amazonaws.com", false)));
  EXPECT_FALSE(SelectsRecord(selectors, Record("rdsdata.amazonaws.com", true)));
}

TEST(Selectors, Errors) {
  EXPECT_EQ(ErrorCode({{"EventSelectors", Json::array()}, {"AdvancedEventSelectors", Json::array()}}),
            "InvalidParameterCombinationException");
  EXPECT_EQ(ErrorCode({{"EventSelectors", {{{"ExcludeManagementEventSources", {"s3.amazonaws.com"}}}}}}),
            "InvalidEventSelectorsException");
  EXPECT_EQ(ErrorCode({{"EventSelectors", Json::array({Json::object(), Json::object(), Json::object(),
                                                       Json::object(), Json::object(), Json::object()})}}),
            "InvalidEventSelectorsException");
  EXPECT_EQ(ErrorCode({{"EventSelectors",
                        {{{"DataResources", {{{"Type", "AWS::S3::Object"}, {"Values", {"arn:aws:s3:::*"}}}}}}}}}),
            "InvalidEventSelectorsException");
  EXPECT_EQ(ErrorCode({{"EventSelectors",
                        {{{"DataResources", {{{"Type", "AWS::S3::Object"}, {"Values", {"arn:aws:s3:::bucket"}}}}}}}}}),
            "InvalidEventSelectorsException");  // a bucket needs its trailing "/"
  EXPECT_EQ(ErrorCode({{"EventSelectors",
                        {{{"DataResources", {{{"Type", "AWS::SQS::Queue"}, {"Values", {"arn:aws:sqs"}}}}}}}}}),
            "InvalidEventSelectorsException");  // an advanced-only type
  EXPECT_EQ(ErrorCode({{"EventSelectors", {{{"IncludeManagementEvents", false}}}}}), "InvalidEventSelectorsException");
  EXPECT_EQ(ErrorCode({{"AdvancedEventSelectors",
                        {{{"FieldSelectors", {{{"Field", "eventCategory"}, {"Equals", {"Data"}}}}}}}}}),
            "InvalidEventSelectorsException");  // no resources.type
  EXPECT_EQ(ErrorCode({{"AdvancedEventSelectors",
                        {{{"FieldSelectors",
                           {{{"Field", "eventCategory"}, {"Equals", {"Data"}}},
                            {{"Field", "resources.type"}, {"StartsWith", {"AWS::S3"}}}}}}}}}),
            "InvalidEventSelectorsException");
  EXPECT_EQ(ErrorCode({{"AdvancedEventSelectors",
                        {{{"FieldSelectors",
                           {{{"Field", "eventCategory"}, {"Equals", {"Management"}}},
                            {{"Field", "eventName"}, {"Equals", {"RunInstances"}}}}}}}}}),
            "InvalidEventSelectorsException");
  EXPECT_EQ(ErrorCode({{"AdvancedEventSelectors",
                        {{{"FieldSelectors", {{{"Field", "readOnly"}, {"Equals", {"true"}}}}}}}}}),
            "InvalidEventSelectorsException");
}

Json S3DataRecord(const char* event_name, bool read_only, const std::string& object_arn) {
  return {{"eventSource", "s3.amazonaws.com"},
          {"eventName", event_name},
          {"readOnly", read_only},
          {"managementEvent", false},
          {"eventCategory", "Data"},
          {"resources", {{{"type", "AWS::S3::Object"}, {"ARN", object_arn}},
                         {{"type", "AWS::S3::Bucket"}, {"ARN", object_arn.substr(0, object_arn.find('/'))}}}}};
}

TEST(Selectors, BasicDataResources) {
  Json selectors = NormalizeSelectors(
      {{"EventSelectors",
        {{{"ReadWriteType", "WriteOnly"},
          {"IncludeManagementEvents", false},
          {"DataResources", {{{"Type", "AWS::S3::Object"}, {"Values", {"arn:aws:s3:::bucket-1/images"}}}}}}}}});
  EXPECT_EQ(selectors["EventSelectors"][0]["DataResources"][0]["Values"][0], "arn:aws:s3:::bucket-1/images");
  EXPECT_TRUE(SelectsRecord(selectors, S3DataRecord("PutObject", false, "arn:aws:s3:::bucket-1/images/a.png")));
  EXPECT_FALSE(SelectsRecord(selectors, S3DataRecord("GetObject", true, "arn:aws:s3:::bucket-1/images/a.png")));
  EXPECT_FALSE(SelectsRecord(selectors, S3DataRecord("PutObject", false, "arn:aws:s3:::bucket-1/docs/a.txt")));
  EXPECT_FALSE(SelectsRecord(selectors, S3DataRecord("PutObject", false, "arn:aws:s3:::bucket-2/images/a.png")));
  EXPECT_FALSE(SelectsRecord(selectors, Record("ec2.amazonaws.com", false)));  // no management events

  Json every_bucket = NormalizeSelectors(
      {{"EventSelectors", {{{"DataResources", {{{"Type", "AWS::S3::Object"}, {"Values", {"arn:aws:s3"}}}}}}}}});
  EXPECT_TRUE(SelectsRecord(every_bucket, S3DataRecord("GetObject", true, "arn:aws:s3:::any/key")));
  EXPECT_TRUE(SelectsRecord(every_bucket, Record("ec2.amazonaws.com", true)));
  // The default selectors take management events only.
  EXPECT_FALSE(SelectsRecord(NormalizeSelectors({{"EventSelectors", {Json::object()}}}),
                             S3DataRecord("GetObject", true, "arn:aws:s3:::any/key")));
}

TEST(Selectors, AdvancedDataSelectors) {
  Json selectors = NormalizeSelectors(
      {{"AdvancedEventSelectors",
        {{{"Name", "Uploads to bucket-1 except tmp/"},
          {"FieldSelectors",
           {{{"Field", "eventCategory"}, {"Equals", {"Data"}}},
            {{"Field", "resources.type"}, {"Equals", {"AWS::S3::Object"}}},
            {{"Field", "resources.ARN"},
             {"StartsWith", {"arn:aws:s3:::bucket-1/"}},
             {"NotStartsWith", {"arn:aws:s3:::bucket-1/tmp/"}}},
            {{"Field", "eventName"}, {"Equals", {"PutObject", "DeleteObject"}}}}}}}}});
  EXPECT_TRUE(SelectsRecord(selectors, S3DataRecord("PutObject", false, "arn:aws:s3:::bucket-1/a")));
  EXPECT_TRUE(SelectsRecord(selectors, S3DataRecord("DeleteObject", false, "arn:aws:s3:::bucket-1/a")));
  EXPECT_FALSE(SelectsRecord(selectors, S3DataRecord("GetObject", true, "arn:aws:s3:::bucket-1/a")));
  EXPECT_FALSE(SelectsRecord(selectors, S3DataRecord("PutObject", false, "arn:aws:s3:::bucket-1/tmp/a")));
  EXPECT_FALSE(SelectsRecord(selectors, S3DataRecord("PutObject", false, "arn:aws:s3:::bucket-2/a")));
  EXPECT_FALSE(SelectsRecord(selectors, Record("ec2.amazonaws.com", false)));
}

TEST(LogFile, KeysAndGzip) {
  double when = 1767225600 + 3 * 3600 + 7 * 60 + 9;  // 2026-01-01T03:07:09Z
  std::string key = LogFileKey("logs", "111122223333", "eu-west-1", when);
  EXPECT_TRUE(std::regex_match(key, std::regex("logs/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/01/01/"
                                               "111122223333_CloudTrail_eu-west-1_20260101T0307Z_[A-Za-z0-9]{16}"
                                               "\\.json\\.gz")))
      << key;
  EXPECT_EQ(DigestFileKey("", "111122223333", "eu-west-1", "t1", "us-east-1", when),
            "AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/01/01/"
            "111122223333_CloudTrail-Digest_eu-west-1_t1_us-east-1_20260101T030709Z.json.gz");
  EXPECT_EQ(LogFileBody({"{\"a\":1}", "{\"b\":2}"}), "{\"Records\":[{\"a\":1},{\"b\":2}]}");
  std::string gz = Gzip("hello");
  ASSERT_GE(gz.size(), 10u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
}

}  // namespace
}  // namespace trailbox::trail
