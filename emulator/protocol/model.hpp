// Service models in botocore's service-2.json format: the embedded, trimmed models of the services trailbox
// implements (tools/embed_models.py), and any model given as a document (the protocol vectors' suites).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace trailbox::protocol {

class ServiceModel {
 public:
  /// `document` has "metadata", "shapes" and (optionally) "operations", as in service-2.json.
  explicit ServiceModel(Json document);

  const Json& document() const { return document_; }
  const Json& metadata() const { return document_["metadata"]; }
  /// metadata.protocol: "json", "query", "ec2", "rest-xml", "rest-json", "smithy-rpc-v2-cbor".
  std::string protocol() const;
  /// e.g. "logs", "monitoring", "s3" (metadata.endpointPrefix).
  std::string endpoint_prefix() const;
  /// metadata.signingName, else the endpoint prefix.
  std::string signing_name() const;
  /// metadata.targetPrefix (JSON protocols), e.g. "Logs_20140328".
  std::string target_prefix() const;
  std::string api_version() const;
  /// The XML namespace for query/ec2/rest-xml responses (metadata.xmlNamespace, else a derived one).
  std::string xml_namespace() const;

  /// The operation definition, or nullptr.
  const Json* FindOperation(std::string_view name) const;
  /// Every operation name the model holds (implemented ones with shapes, the rest by name only).
  std::vector<std::string> operation_names() const;
  /// The shape definition; throws std::out_of_range for an unknown name.
  const Json& Shape(std::string_view name) const;
  bool HasShape(std::string_view name) const;
  /// The shape of a structure member reference ({"shape": "X", ...}).
  const Json& Target(const Json& member_reference) const { return Shape(member_reference["shape"].get<std::string>()); }
  /// An exception shape by its name, or by the query-compatible code of its "error" trait; nullptr if none.
  const Json* FindErrorShape(std::string_view code, std::string* shape_name = nullptr) const;

 private:
  Json document_;
};

/// The embedded model for a service, looked up by model name ("cloudwatch"), endpoint prefix ("monitoring") or
/// signing name; parsed on first use so start-up stays fast. nullptr when trailbox has no such service.
const ServiceModel* FindServiceModel(std::string_view name);
/// The model names of all embedded services.
std::vector<std::string> EmbeddedServiceNames();

}  // namespace trailbox::protocol
