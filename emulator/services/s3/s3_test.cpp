// S3 handlers without HTTP: buckets, objects, listings, multipart uploads, bucket policies, lifecycle on the
// virtual clock, checksums.
#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "services/common/handler_harness.hpp"
#include "services/s3/access.hpp"
#include "services/s3/checksums.hpp"
#include "services/s3/lifecycle.hpp"
#include "services/s3/s3_service.hpp"

namespace trailbox::s3 {
namespace {

Json Bytes(const std::string& text) { return Json::binary(std::vector<std::uint8_t>(text.begin(), text.end())); }

std::string Text(const Json& body) { return std::string(body.get_binary().begin(), body.get_binary().end()); }

class S3Test : public testing::Test {
 protected:
  void SetUp() override {
    h.Register(AddS3Operations);
    h.Run("CreateBucket", {{"Bucket", "logs"}});
  }
  void Put(const std::string& key, const std::string& body = "x") {
    h.Run("PutObject", {{"Bucket", "logs"}, {"Key", key}, {"Body", Bytes(body)}});
  }
  std::vector<std::string> Keys(const Json& output) {
    std::vector<std::string> keys;
    for (const Json& item : output.value("Contents", Json::array())) keys.push_back(item["Key"]);
    for (const Json& item : output.value("CommonPrefixes", Json::array())) keys.push_back(item["Prefix"]);
    return keys;
  }
  void ActAs(const std::string& account) { h.call().identity = Identity::RootOf(account); }

  common::HandlerHarness h;
};

TEST_F(S3Test, BucketNamesFollowS3Rules) {
  for (const char* bad : {"ab", "Upper", "a..b", "192.168.1.1", "-start", "end-", "xn--abc", "b-s3alias"}) {
    AwsError error = h.Fail("CreateBucket", {{"Bucket", bad}});
    EXPECT_EQ(error.code(), "InvalidBucketName") << bad;
    EXPECT_EQ(error.message(), "The specified bucket is not valid.");
    EXPECT_EQ(error.extra()["BucketName"], bad);
  }
  EXPECT_EQ(h.Fail("CreateBucket", {{"Bucket", "name--ol-s3"}}).code(), "InvalidBucketName");
  h.Run("CreateBucket", {{"Bucket", "a.b-c1"}});
}

TEST_F(S3Test, ExistingBucketsAcrossAccountsAndRegions) {
  EXPECT_EQ(h.Run("CreateBucket", {{"Bucket", "logs"}})["Location"], "/logs");  // us-east-1: success, no change
  ActAs("222233334444");
  AwsError taken = h.Fail("CreateBucket", {{"Bucket", "logs"}});
  EXPECT_EQ(taken.code(), "BucketAlreadyExists");
  h.call().region = "eu-west-1";
  h.Run("CreateBucket", {{"Bucket", "eu-logs"}, {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}});
  AwsError owned = h.Fail("CreateBucket", {{"Bucket", "eu-logs"},
                                           {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}});
  EXPECT_EQ(owned.code(), "BucketAlreadyOwnedByYou");
  EXPECT_EQ(h.Fail("CreateBucket", {{"Bucket", "other"}}).code(), "IllegalLocationConstraintException");
  EXPECT_EQ(h.Run("GetBucketLocation", {{"Bucket", "eu-logs"}})["LocationConstraint"], "eu-west-1");
  EXPECT_EQ(h.Run("ListBuckets")["Buckets"].size(), 1u);
}

TEST_F(S3Test, DeleteBucketRefusesWhileObjectsRemain) {
  Put("a");
  AwsError error = h.Fail("DeleteBucket", {{"Bucket", "logs"}});
  EXPECT_EQ(error.code(), "BucketNotEmpty");
  h.Run("DeleteObject", {{"Bucket", "logs"}, {"Key", "a"}});
  h.Run("DeleteBucket", {{"Bucket", "logs"}});
  EXPECT_EQ(h.Fail("HeadBucket", {{"Bucket", "logs"}}).code(), "NoSuchBucket");
}

TEST_F(S3Test, ObjectsRoundTripWithMetadataAndMd5Etag) {
  Json put = h.Run("PutObject", {{"Bucket", "logs"}, {"Key", "dir/ü ../%20 x"}, {"Body", Bytes("hello")},
                                 {"ContentType", "text/plain"}, {"Metadata", {{"color", "blue"}}},
                                 {"CacheControl", "no-cache"}});
  EXPECT_EQ(put["ETag"], "\"5d41402abc4b2a76b9719d911017c592\"");
  Json got = h.Run("GetObject", {{"Bucket", "logs"}, {"Key", "dir/ü ../%20 x"}});
  EXPECT_EQ(Text(got["Body"]), "hello");
  EXPECT_EQ(got["ContentType"], "text/plain");
  EXPECT_EQ(got["Metadata"]["color"], "blue");
  EXPECT_EQ(got["CacheControl"], "no-cache");
  EXPECT_EQ(got["ContentLength"], 5);
  AwsError missing = h.Fail("GetObject", {{"Bucket", "logs"}, {"Key", "nope"}});
  EXPECT_EQ(missing.code(), "NoSuchKey");
  EXPECT_EQ(missing.extra()["Key"], "nope");
}

TEST_F(S3Test, RangesAndConditions) {
  Put("k", "0123456789");
  Json part = h.Run("GetObject", {{"Bucket", "logs"}, {"Key", "k"}, {"Range", "bytes=2-4"}});
  EXPECT_EQ(Text(part["Body"]), "234");
  EXPECT_EQ(part["StatusCode"], 206);
  EXPECT_EQ(part["ContentRange"], "bytes 2-4/10");
  EXPECT_EQ(Text(h.Run("GetObject", {{"Bucket", "logs"}, {"Key", "k"}, {"Range", "bytes=-3"}})["Body"]), "789");
  EXPECT_EQ(Text(h.Run("GetObject", {{"Bucket", "logs"}, {"Key", "k"}, {"Range", "bytes=8-"}})["Body"]), "89");
  EXPECT_EQ(h.Fail("GetObject", {{"Bucket", "logs"}, {"Key", "k"}, {"Range", "bytes=10-"}}).code(), "InvalidRange");
  std::string etag = h.Run("HeadObject", {{"Bucket", "logs"}, {"Key", "k"}})["ETag"];
  EXPECT_EQ(h.Run("GetObject", {{"Bucket", "logs"}, {"Key", "k"}, {"IfNoneMatch", etag}})["StatusCode"], 304);
  AwsError failed = h.Fail("GetObject", {{"Bucket", "logs"}, {"Key", "k"}, {"IfMatch", "\"other\""}});
  EXPECT_EQ(failed.code(), "PreconditionFailed");
  EXPECT_EQ(failed.extra()["Condition"], "If-Match");
  double later = NowSeconds(h.call()) + 60;
  EXPECT_EQ(h.Run("GetObject", {{"Bucket", "logs"}, {"Key", "k"}, {"IfModifiedSince", later}})["StatusCode"], 304);
  EXPECT_FALSE(h.Run("GetObject", {{"Bucket", "logs"}, {"Key", "k"}, {"IfMatch", etag}}).contains("StatusCode"));
}

TEST_F(S3Test, ChecksumsAreVerifiedAndReturned) {
  EXPECT_EQ(Crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  std::string crc = Checksum("CRC32", "hello");
  Json put = h.Run("PutObject", {{"Bucket", "logs"}, {"Key", "c"}, {"Body", Bytes("hello")}, {"ChecksumCRC32", crc}});
  EXPECT_EQ(put["ChecksumCRC32"], crc);
  EXPECT_EQ(h.Run("HeadObject", {{"Bucket", "logs"}, {"Key", "c"}, {"ChecksumMode", "ENABLED"}})["ChecksumCRC32"], crc);
  AwsError bad = h.Fail("PutObject", {{"Bucket", "logs"}, {"Key", "d"}, {"Body", Bytes("hellO")},
                                      {"ChecksumCRC32", crc}});
  EXPECT_EQ(bad.code(), "BadDigest");
  EXPECT_EQ(bad.message(), "The CRC32 you specified did not match the calculated checksum.");
  EXPECT_EQ(h.Fail("HeadObject", {{"Bucket", "logs"}, {"Key", "d"}}).code(), "NoSuchKey");
}

TEST_F(S3Test, ListingWithDelimiterPagesAndStartAfter) {
  for (const char* key : {"a", "b/1", "b/2", "c/1", "d"}) Put(key);
  Json all = h.Run("ListObjectsV2", {{"Bucket", "logs"}, {"Delimiter", "/"}});
  EXPECT_EQ(Keys(all), (std::vector<std::string>{"a", "d", "b/", "c/"}));
  EXPECT_EQ(all["KeyCount"], 4);
  Json first = h.Run("ListObjectsV2", {{"Bucket", "logs"}, {"Delimiter", "/"}, {"MaxKeys", 2}});
  EXPECT_EQ(Keys(first), (std::vector<std::string>{"a", "b/"}));
  EXPECT_TRUE(first["IsTruncated"].get<bool>());
  Json second = h.Run("ListObjectsV2", {{"Bucket", "logs"}, {"Delimiter", "/"}, {"MaxKeys", 2},
                                        {"ContinuationToken", first["NextContinuationToken"]}});
  EXPECT_EQ(Keys(second), (std::vector<std::string>{"d", "c/"}));
  EXPECT_FALSE(second["IsTruncated"].get<bool>());
  EXPECT_EQ(Keys(h.Run("ListObjectsV2", {{"Bucket", "logs"}, {"Prefix", "b/"}, {"StartAfter", "b/1"}})),
            (std::vector<std::string>{"b/2"}));
  Json v1 = h.Run("ListObjects", {{"Bucket", "logs"}, {"Delimiter", "/"}, {"MaxKeys", 2}});
  EXPECT_EQ(v1["NextMarker"], "b/");
  EXPECT_EQ(Keys(h.Run("ListObjects", {{"Bucket", "logs"}, {"Delimiter", "/"}, {"Marker", "b/"}})),
            (std::vector<std::string>{"d", "c/"}));
  Put("sp ace+");
  Json encoded = h.Run("ListObjectsV2", {{"Bucket", "logs"}, {"Prefix", "sp"}, {"EncodingType", "url"}});
  EXPECT_EQ(Keys(encoded), (std::vector<std::string>{"sp%20ace%2B"}));
}

TEST_F(S3Test, MultipartUploadRulesAndEtag) {
  std::string upload = h.Run("CreateMultipartUpload", {{"Bucket", "logs"}, {"Key", "big"}})["UploadId"];
  std::string five_mib(5 * 1024 * 1024, 'a');
  Json base = {{"Bucket", "logs"}, {"Key", "big"}, {"UploadId", upload}};
  Json p1 = base, p2 = base;
  p1["PartNumber"] = 1;
  p1["Body"] = Bytes(five_mib);
  p2["PartNumber"] = 2;
  p2["Body"] = Bytes("tail");
  std::string e1 = h.Run("UploadPart", p1)["ETag"], e2 = h.Run("UploadPart", p2)["ETag"];
  Json bad_order = base;
  bad_order["MultipartUpload"] = {{"Parts", {{{"PartNumber", 2}, {"ETag", e2}}, {{"PartNumber", 1}, {"ETag", e1}}}}};
  EXPECT_EQ(h.Fail("CompleteMultipartUpload", bad_order).code(), "InvalidPartOrder");
  Json bad_etag = base;
  bad_etag["MultipartUpload"] = {{"Parts", {{{"PartNumber", 1}, {"ETag", "\"0\""}}}}};
  EXPECT_EQ(h.Fail("CompleteMultipartUpload", bad_etag).code(), "InvalidPart");
  Json small = base;
  small["MultipartUpload"] = {{"Parts", {{{"PartNumber", 2}, {"ETag", e2}}, {{"PartNumber", 3}, {"ETag", e2}}}}};
  EXPECT_EQ(h.Fail("CompleteMultipartUpload", small).code(), "InvalidPart");
  EXPECT_EQ(h.Run("ListParts", base)["Parts"].size(), 2u);
  Json complete = base;
  complete["MultipartUpload"] = {{"Parts", {{{"PartNumber", 1}, {"ETag", e1}}, {{"PartNumber", 2}, {"ETag", e2}}}}};
  std::string digests = Md5(five_mib) + Md5("tail");
  EXPECT_EQ(h.Run("CompleteMultipartUpload", complete)["ETag"], "\"" + HexEncode(Md5(digests)) + "-2\"");
  EXPECT_EQ(h.Run("HeadObject", {{"Bucket", "logs"}, {"Key", "big"}})["ContentLength"], 5 * 1024 * 1024 + 4);
  EXPECT_EQ(h.Fail("ListParts", base).code(), "NoSuchUpload");
}

TEST_F(S3Test, EntityTooSmallForShortMiddleParts) {
  std::string upload = h.Run("CreateMultipartUpload", {{"Bucket", "logs"}, {"Key", "k"}})["UploadId"];
  Json base = {{"Bucket", "logs"}, {"Key", "k"}, {"UploadId", upload}};
  Json parts = Json::array();
  for (int number : {1, 2}) {
    Json part = base;
    part["PartNumber"] = number;
    part["Body"] = Bytes("small");
    parts.push_back({{"PartNumber", number}, {"ETag", h.Run("UploadPart", part)["ETag"]}});
  }
  base["MultipartUpload"] = {{"Parts", parts}};
  AwsError error = h.Fail("CompleteMultipartUpload", base);
  EXPECT_EQ(error.code(), "EntityTooSmall");
  EXPECT_EQ(error.extra()["MinSizeAllowed"], "5242880");
}

constexpr const char* kTrailPolicy = R"({"Version":"2012-10-17","Statement":[
  {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
   "Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::logs",
   "Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:111122223333:trail/main"}}},
  {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
   "Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/AWSLogs/111122223333/*",
   "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control",
                "aws:SourceArn":"arn:aws:cloudtrail:us-east-1:111122223333:trail/main"}}},
  {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"s3:GetObject",
   "Resource":"arn:aws:s3:::logs/*"},
  {"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::logs/locked/*"}]})";

TEST_F(S3Test, BucketPolicyDecidesCrossAccountAndServiceAccess) {
  Put("AWSLogs/111122223333/x");
  Put("locked/y");
  h.Run("PutBucketPolicy", {{"Bucket", "logs"}, {"Policy", kTrailPolicy}});
  EXPECT_FALSE(h.Run("GetBucketPolicyStatus", {{"Bucket", "logs"}})["PolicyStatus"]["IsPublic"].get<bool>());
  EXPECT_EQ(h.Fail("DeleteObject", {{"Bucket", "logs"}, {"Key", "locked/y"}}).code(), "AccessDenied");
  ActAs("222233334444");
  h.Run("GetObject", {{"Bucket", "logs"}, {"Key", "AWSLogs/111122223333/x"}});
  EXPECT_EQ(h.Fail("PutObject", {{"Bucket", "logs"}, {"Key", "z"}}).code(), "AccessDenied");
  EXPECT_EQ(h.Fail("ListObjectsV2", {{"Bucket", "logs"}}).code(), "AccessDenied");

  ServiceAccess write{.service = "cloudtrail.amazonaws.com", .action = "s3:PutObject", .bucket = "logs",
                      .key = "AWSLogs/111122223333/CloudTrail/f.json.gz", .acl = "bucket-owner-full-control",
                      .source_arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/main",
                      .source_account = "111122223333"};
  TimePoint now = h.call().now();
  EXPECT_FALSE(CheckServiceAccess(h.db(), now, write));
  ServiceAccess no_acl = write;
  no_acl.acl.clear();
  EXPECT_EQ(CheckServiceAccess(h.db(), now, no_acl)->code(), "AccessDenied");
  ServiceAccess other_trail = write;
  other_trail.source_arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/other";
  EXPECT_TRUE(CheckServiceAccess(h.db(), now, other_trail));
  ServiceAccess acl_check{.service = "cloudtrail.amazonaws.com", .action = "s3:GetBucketAcl", .bucket = "logs",
                          .source_arn = write.source_arn};
  EXPECT_FALSE(CheckServiceAccess(h.db(), now, acl_check));
  acl_check.bucket = "missing";
  EXPECT_EQ(CheckServiceAccess(h.db(), now, acl_check)->code(), "NoSuchBucket");
}

TEST_F(S3Test, MalformedPoliciesLeaveTheOldOne) {
  h.Run("PutBucketPolicy", {{"Bucket", "logs"}, {"Policy", kTrailPolicy}});
  AwsError error = h.Fail("PutBucketPolicy", {{"Bucket", "logs"}, {"Policy", R"({"Statement":[{"Effect":"Allow",
      "Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::elsewhere/*"}]})"}});
  EXPECT_EQ(error.code(), "MalformedPolicy");
  EXPECT_EQ(error.message(), "Policy has invalid resource");
  EXPECT_EQ(h.Fail("PutBucketPolicy", {{"Bucket", "logs"}, {"Policy", "{not json"}}).code(), "MalformedPolicy");
  EXPECT_EQ(h.Run("GetBucketPolicy", {{"Bucket", "logs"}})["Policy"], kTrailPolicy);
  h.Run("DeleteBucketPolicy", {{"Bucket", "logs"}});
  EXPECT_EQ(h.Fail("GetBucketPolicy", {{"Bucket", "logs"}}).code(), "NoSuchBucketPolicy");
}

TEST_F(S3Test, LifecycleExpiresObjectsAtMidnightAfterTheirDays) {
  EXPECT_EQ(ExpiryTime(1389781800, 3), 1390089600);  // 2014-01-15T10:30Z + 3 days -> 2014-01-19T00:00Z
  Put("logs/old");
  Put("keep/old");
  h.Run("PutBucketLifecycleConfiguration",
        {{"Bucket", "logs"},
         {"LifecycleConfiguration",
          {{"Rules", {{{"ID", "expire"}, {"Status", "Enabled"}, {"Filter", {{"Prefix", "logs/"}}},
                       {"Expiration", {{"Days", 30}}}}}}}}});
  h.scheduler().AdvanceTo(h.call().now() + std::chrono::days(30));
  EXPECT_EQ(Keys(h.Run("ListObjectsV2", {{"Bucket", "logs"}})).size(), 2u);
  h.scheduler().AdvanceTo(h.call().now() + std::chrono::days(1));
  EXPECT_EQ(Keys(h.Run("ListObjectsV2", {{"Bucket", "logs"}})), (std::vector<std::string>{"keep/old"}));
}

TEST_F(S3Test, LifecycleValidation) {
  auto put = [&](Json rule) {
    return h.Fail("PutBucketLifecycleConfiguration",
                  {{"Bucket", "logs"}, {"LifecycleConfiguration", {{"Rules", Json::array({rule})}}}});
  };
  EXPECT_EQ(put({{"Status", "Enabled"}, {"Expiration", {{"Days", 1}}}}).code(), "MalformedXML");
  EXPECT_EQ(put({{"Status", "Enabled"}, {"Filter", Json::object()}, {"Expiration", {{"Days", 0}}}}).message(),
            "'Days' for Expiration action must be a positive integer");
  EXPECT_EQ(put({{"Status", "Enabled"}, {"Filter", {{"Prefix", "a"}, {"Tag", {{"Key", "k"}, {"Value", "v"}}}}},
                 {"Expiration", {{"Days", 1}}}})
                .code(),
            "MalformedXML");
  EXPECT_EQ(put({{"Status", "Enabled"}, {"Filter", Json::object()}}).code(), "InvalidRequest");
  EXPECT_EQ(h.Fail("GetBucketLifecycleConfiguration", {{"Bucket", "logs"}}).code(), "NoSuchLifecycleConfiguration");
}

}  // namespace
}  // namespace trailbox::s3
