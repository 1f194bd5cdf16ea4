// How an AwsError appears on the wire: HTTP status, sender/receiver fault, and the awsQuery-compatible code, all
// from the model's error shape ("error": {"code", "httpStatusCode", "senderFault"}) when it has one.
#pragma once
#include <string>

#include "core/aws_error.hpp"
#include "protocol/model.hpp"

namespace trailbox::protocol {

struct ErrorInfo {
  int status = 400;
  bool sender_fault = true;
  /// The error shape's name (the code JSON and CBOR protocols send), or the AwsError's code when unmodelled.
  std::string code;
  /// The awsQuery code ("error.code" trait), for query/ec2 bodies and x-amzn-query-error; same as code if none.
  std::string query_code;
  /// The error shape, when the model has one.
  const Json* shape = nullptr;
};

ErrorInfo ResolveError(const ServiceModel& model, const AwsError& error);

}  // namespace trailbox::protocol
