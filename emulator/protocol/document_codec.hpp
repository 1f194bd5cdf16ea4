// What awsJson1_0, awsJson1_1 and smithy-rpc-v2-cbor share: their bodies are self-describing documents, so a
// request is decoded into a generic value and walked along the model's shapes into the input document, and an
// output document is walked along its shape into a sink that writes JSON text or CBOR bytes. Follows the Smithy
// "AWS JSON 1.0/1.1 protocol" and "RPC v2 CBOR protocol" specifications (smithy.io, aws/protocols).
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "protocol/codec.hpp"
#include "protocol/errors.hpp"

namespace trailbox::protocol {

/// How the generic value of a request body carries what JSON text cannot: blobs are base64 strings in JSON and
/// byte strings in CBOR.
enum class DocumentWire { kJson, kCbor };

/// Converts a decoded body value into the document representation of `shape` (core/json.hpp): members renamed
/// from their wire names, nulls and unknown members dropped. Throws AwsError SerializationException on a value
/// of the wrong type.
Json WireToDocument(const ServiceModel& model, const Json& shape, const Json& value, DocumentWire wire);

/// Receives a document as the shape walk visits it; a body format (JSON text, CBOR bytes) implements it.
class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  /// A structure or map with `size` entries follows as Key/value pairs, then EndMap.
  virtual void BeginMap(size_t size) = 0;
  virtual void Key(std::string_view key) = 0;
  virtual void EndMap() = 0;
  /// A list with `size` values follows, then EndList.
  virtual void BeginList(size_t size) = 0;
  virtual void EndList() = 0;
  /// A string, boolean or integer, or a free-form document value (document shapes) written as it is.
  virtual void Value(const Json& value) = 0;
  /// A float or double, NaN and infinities included.
  virtual void Float(double value) = 0;
  virtual void Blob(const Json::binary_t& bytes) = 0;
  /// `format` is the shape's timestampFormat ("iso8601", "rfc822", "unixTimestamp"; empty when unset).
  virtual void Timestamp(double epoch_seconds, std::string_view format) = 0;
  /// The finished body.
  virtual std::string Finish() = 0;
};

/// Walks `document` along `shape` into `sink`, writing members under their wire names and skipping nulls.
void WriteDocument(const ServiceModel& model, const Json& shape, const Json& document, DocumentSink& sink);

/// The Codec half that JSON and CBOR share: parsing bodies, serializing outputs and error envelopes
/// ({"__type": code, message member, modelled members}, x-amzn-query-error for query-compatible models).
class DocumentCodec : public Codec {
 public:
  Json ParseRequest(const ServiceModel& model, const Json& operation, const HttpRequest& request) const final;
  HttpResponse SerializeResponse(const ServiceModel& model, const Json& operation, const Json& output,
                                 const std::string& request_id) const final;
  HttpResponse SerializeError(const ServiceModel& model, const Json* operation, const AwsError& error,
                              const std::string& request_id) const final;

 protected:
  virtual DocumentWire wire() const = 0;
  /// Decodes a non-empty body into a generic value; throws AwsError SerializationException when malformed.
  virtual Json DecodeBody(std::string_view body) const = 0;
  /// A fresh sink for one body.
  virtual std::unique_ptr<DocumentSink> NewSink() const = 0;
  /// The body of a successful response to an operation without an output shape.
  virtual std::string EmptyOutputBody() const = 0;
  /// Content-Type and the protocol's own headers; `has_body` is false for an empty body.
  virtual void AddProtocolHeaders(HttpResponse& response, bool has_body) const = 0;
  /// Headers only error responses carry, beyond x-amzn-query-error.
  virtual void AddErrorHeaders(HttpResponse& response, const ErrorInfo& info) const;
};

/// True when `prefix` is the model's target prefix, or one is the other's last dot-separated part(s): botocore sends
/// the long form "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", recent JS SDKs the short
/// "CloudTrail_20131101", and AWS accepts both whichever the model states. Any prefix when the model has none.
bool MatchesTargetPrefix(const ServiceModel& model, std::string_view prefix);

}  // namespace trailbox::protocol
