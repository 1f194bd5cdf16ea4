// One codec per wire protocol: find the operation, parse the request into the input document, serialize the
// output document or an error. Pure: plain inputs, plain outputs, driven by the model (shared/STYLE.md, rule 10).
#pragma once
#include <optional>
#include <string>

#include "core/aws_error.hpp"
#include "core/json.hpp"
#include "protocol/http_message.hpp"
#include "protocol/model.hpp"

namespace trailbox::protocol {

enum class WireProtocol { kAwsJson1_0, kAwsJson1_1, kAwsQuery, kEc2, kRestXml, kRpcV2Cbor };

/// "awsJson1_0", "awsJson1_1", "awsQuery", "ec2", "restXml", "smithy-rpc-v2-cbor".
const char* WireProtocolName(WireProtocol protocol);

class Codec {
 public:
  virtual ~Codec() = default;
  virtual WireProtocol protocol() const = 0;

  /// The operation the request names (X-Amz-Target, Action, the RPCv2 path, the REST URI and method);
  /// nullopt when the request names none this model knows.
  virtual std::optional<std::string> OperationName(const ServiceModel& model, const HttpRequest& request) const = 0;

  /// Parses the request into the input document of `operation` (an entry of the model's "operations").
  /// Throws AwsError with the protocol's own code for a body it cannot read (e.g. SerializationException).
  /// Members the model does not know are ignored. Does not validate constraints (see validate.hpp).
  virtual Json ParseRequest(const ServiceModel& model, const Json& operation, const HttpRequest& request) const = 0;

  /// Serializes the output document of `operation`, with the request id in the headers AWS uses.
  virtual HttpResponse SerializeResponse(const ServiceModel& model, const Json& operation, const Json& output,
                                         const std::string& request_id) const = 0;

  /// Serializes an error in the protocol's envelope; status and codes from ResolveError (errors.hpp).
  /// `operation` is null when the request named no operation.
  virtual HttpResponse SerializeError(const ServiceModel& model, const Json* operation, const AwsError& error,
                                      const std::string& request_id) const = 0;
};

/// The codec for a protocol (one static instance each).
const Codec& CodecFor(WireProtocol protocol);

}  // namespace trailbox::protocol
