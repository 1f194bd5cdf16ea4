// S3 request bodies before the restXml codec reads them: aws-chunked content encoding (SigV4 streaming uploads,
// signed and unsigned, with trailing checksums) and Content-MD5. AWS: "Signature Calculations for the Authorization
// Header: Transferring Payload in Multiple Chunks (Chunked Upload)" and "... Including Trailing Headers".
#pragma once
#include "protocol/http_message.hpp"

namespace trailbox::protocol {

/// True when the request's body is aws-chunked (Content-Encoding aws-chunked or a STREAMING-* payload hash).
bool IsAwsChunked(const HttpRequest& request);

/// Decodes an aws-chunked body in place: the body becomes the payload, trailing headers (x-amz-checksum-*) join the
/// request's headers, "aws-chunked" leaves Content-Encoding and Content-Length becomes the payload's length.
/// Throws AwsError IncompleteBody for a truncated or malformed encoding, or a payload whose length differs from
/// x-amz-decoded-content-length.
void DecodeAwsChunked(HttpRequest& request);

/// Checks a Content-MD5 header against the body: InvalidDigest when it is not a base64 MD5, BadDigest when it
/// differs. No header, nothing to check.
void VerifyContentMd5(const HttpRequest& request);

/// What an S3 request needs before its body is parsed: DecodeAwsChunked when aws-chunked, then VerifyContentMd5.
void PrepareS3Body(HttpRequest& request);

}  // namespace trailbox::protocol
