// SigV4 against AWS's published example (General Reference, "Signature Version 4 signing process": IAM ListUsers
// signed by AKIDEXAMPLE on 2015-08-30).
#include "protocol/sigv4.hpp"

#include <gtest/gtest.h>

namespace trailbox::protocol {
namespace {

HttpRequest ExampleRequest() {
  return HttpRequest::Make(
      "GET", "/?Action=ListUsers&Version=2010-05-08",
      {{"Host", "iam.amazonaws.com"},
       {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
       {"X-Amz-Date", "20150830T123600Z"},
       {"Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date, "
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"}});
}

TEST(SigV4, ReadsTheCredentialScope) {
  auto scope = ReadSigV4Scope(ExampleRequest());
  ASSERT_TRUE(scope);
  EXPECT_EQ(scope->access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(scope->date, "20150830");
  EXPECT_EQ(scope->region, "us-east-1");
  EXPECT_EQ(scope->service, "iam");
  EXPECT_EQ(scope->signed_headers, "content-type;host;x-amz-date");
  EXPECT_FALSE(scope->is_presigned);
}

TEST(SigV4, ComputesAwsExampleSignature) {
  HttpRequest request = ExampleRequest();
  auto scope = ReadSigV4Scope(request);
  ASSERT_TRUE(scope);
  EXPECT_EQ(ExpectedSignature(request, *scope, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), scope->signature);
  EXPECT_NE(ExpectedSignature(request, *scope, "another-secret"), scope->signature);
}

TEST(SigV4, ReadsPresignedUrlScope) {
  HttpRequest request = HttpRequest::Make(
      "GET",
      "/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Feu-west-1%2Fs3%2Faws4_request"
      "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abc");
  auto scope = ReadSigV4Scope(request);
  ASSERT_TRUE(scope);
  EXPECT_TRUE(scope->is_presigned);
  EXPECT_EQ(scope->region, "eu-west-1");
  EXPECT_EQ(scope->service, "s3");
  EXPECT_EQ(scope->signature, "abc");
}

TEST(SigV4, UnsignedAndMalformedHeadersHaveNoScope) {
  EXPECT_FALSE(ReadSigV4Scope(HttpRequest::Make("GET", "/")));
  EXPECT_FALSE(ReadSigV4Scope(HttpRequest::Make(
      "GET", "/", {{"Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1, Signature=00"}})));
}

}  // namespace
}  // namespace trailbox::protocol
