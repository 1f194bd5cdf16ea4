// AwsError ends a request with AWS's error code and message. The HTTP status, fault type and query-compatible
// code come from the service model's error shape (protocol/errors); only errors the model does not describe
// (common errors such as ValidationError, InvalidClientTokenId) state their status here.
#pragma once
#include <stdexcept>
#include <string>

#include "core/json.hpp"

namespace trailbox {

class AwsError : public std::runtime_error {
 public:
  /// An error whose status comes from the model (400 when the model does not know the code).
  AwsError(std::string code, std::string message, int http_status = 0)
      : std::runtime_error(message), code_(std::move(code)), message_(std::move(message)), http_status_(http_status) {}

  /// The error code as AWS spells it, e.g. "NoSuchEntity".
  const std::string& code() const { return code_; }
  /// The human-readable message.
  const std::string& message() const { return message_; }
  /// 0 when the model's error shape decides the status.
  int http_status() const { return http_status_; }
  /// Members of the error shape beyond Code/Message (e.g. S3's BucketName), serialized by the protocol.
  Json& extra() { return extra_; }
  const Json& extra() const { return extra_; }
  /// True when the fault is the server's (5xx), e.g. InternalFailure.
  bool is_server_fault() const { return http_status_ >= 500; }

 private:
  std::string code_;
  std::string message_;
  int http_status_;
  Json extra_ = Json::object();
};

}  // namespace trailbox
