// AWS Signature Version 4: reading the credential scope (which service, region and access key a request is for)
// and verifying the signature when `--auth sigv4` is on. Follows "Create a signed AWS API request" (AWS General
// Reference), for the Authorization header and for presigned URLs (X-Amz-Credential, X-Amz-Signature).
#pragma once
#include <optional>
#include <string>

#include "protocol/http_message.hpp"

namespace trailbox::protocol {

struct SigV4Scope {
  std::string access_key_id;
  std::string date;     // yyyymmdd
  std::string region;
  std::string service;  // the signing name: "iam", "monitoring", "s3"...
  std::string signed_headers;  // "host;x-amz-date"
  std::string signature;       // hex
  bool is_presigned = false;
};

/// The scope from the Authorization header or a presigned URL; nullopt for unsigned requests (and SigV2).
std::optional<SigV4Scope> ReadSigV4Scope(const HttpRequest& request);

/// The signature the request should carry if signed with `secret_access_key`. S3 signs the path as sent; other
/// services sign it URI-encoded once more (botocore's behaviour).
std::string ExpectedSignature(const HttpRequest& request, const SigV4Scope& scope,
                              const std::string& secret_access_key);

}  // namespace trailbox::protocol
