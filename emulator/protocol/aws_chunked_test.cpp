// aws-chunked decoding and Content-MD5: signed and unsigned streaming bodies, trailers, truncation.
#include "protocol/aws_chunked.hpp"

#include <gtest/gtest.h>

#include "core/aws_error.hpp"
#include "core/encoding.hpp"

namespace trailbox::protocol {
namespace {

HttpRequest Chunked(std::string body, HeaderList extra = {}) {
  HeaderList headers = {{"Content-Encoding", "aws-chunked"}};
  headers.insert(headers.end(), extra.begin(), extra.end());
  return HttpRequest::Make("PUT", "/bucket/key", std::move(headers), std::move(body));
}

std::string ErrorCode(HttpRequest request) {
  try {
    PrepareS3Body(request);
  } catch (const AwsError& error) {
    return error.code();
  }
  return "";
}

TEST(AwsChunked, UnsignedBodyWithTrailingChecksumBecomesPayloadAndHeader) {
  HttpRequest request = Chunked("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n",
                                {{"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
                                 {"x-amz-decoded-content-length", "11"},
                                 {"x-amz-trailer", "x-amz-checksum-crc32"}});
  PrepareS3Body(request);
  EXPECT_EQ(request.body, "hello world");
  EXPECT_EQ(request.Header("x-amz-checksum-crc32"), "DUoRhQ==");
  EXPECT_EQ(request.Header("Content-Length"), "11");
  EXPECT_FALSE(request.HasHeader("Content-Encoding"));
}

TEST(AwsChunked, SignedChunksAndOtherEncodingsAreKept) {
  std::string signature(64, 'a');
  HttpRequest request = Chunked("3;chunk-signature=" + signature + "\r\nabc\r\n0;chunk-signature=" + signature +
                                    "\r\n\r\n",
                                {{"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"}});
  request.headers[0].second = "aws-chunked,gzip";
  PrepareS3Body(request);
  EXPECT_EQ(request.body, "abc");
  EXPECT_EQ(request.Header("Content-Encoding"), "gzip");
}

TEST(AwsChunked, TrailerSignatureIsDropped) {
  HttpRequest request = Chunked("1\r\nx\r\n0\r\nx-amz-checksum-sha256:abc\r\nx-amz-trailer-signature:" +
                                std::string(64, 'b') + "\r\n\r\n");
  PrepareS3Body(request);
  EXPECT_EQ(request.body, "x");
  EXPECT_FALSE(request.HasHeader("x-amz-trailer-signature"));
}

TEST(AwsChunked, TruncatedOrMalformedBodiesAreIncomplete) {
  EXPECT_EQ(ErrorCode(Chunked("a\r\nhello")), "IncompleteBody");
  EXPECT_EQ(ErrorCode(Chunked("5\r\nhello\r\n")), "IncompleteBody");
  EXPECT_EQ(ErrorCode(Chunked("zz\r\nhello\r\n0\r\n\r\n")), "IncompleteBody");
  EXPECT_EQ(ErrorCode(Chunked("5\r\nhello\r\n0\r\n\r\n", {{"x-amz-decoded-content-length", "6"}})),
            "IncompleteBody");
  EXPECT_EQ(ErrorCode(Chunked("5\r\nhelloXX0\r\n\r\n")), "IncompleteBody");
}

TEST(AwsChunked, ContentMd5IsVerified) {
  std::string good = Base64Encode(Md5("hello"));
  EXPECT_EQ(ErrorCode(HttpRequest::Make("PUT", "/b/k", {{"Content-MD5", good}}, "hello")), "");
  EXPECT_EQ(ErrorCode(HttpRequest::Make("PUT", "/b/k", {{"Content-MD5", good}}, "hellO")), "BadDigest");
  EXPECT_EQ(ErrorCode(HttpRequest::Make("PUT", "/b/k", {{"Content-MD5", "not-md5"}}, "hello")), "InvalidDigest");
  EXPECT_EQ(ErrorCode(Chunked("5\r\nhello\r\n0\r\n\r\n", {{"Content-MD5", good}})), "");
}

}  // namespace
}  // namespace trailbox::protocol
