// S3's requestParameters (s3_parameters.hpp).
// Deviation: the Host is the virtual-hosted AWS endpoint name the call would have used, not trailbox's address
// (as tlsDetails.clientProvidedHostHeader), so records read like AWS's.
#include "trail/s3_parameters.hpp"

namespace trailbox::trail {
namespace {

std::string HostFor(const std::string& bucket, const std::string& region) {
  std::string endpoint = "s3." + region + ".amazonaws.com";
  return bucket.empty() ? endpoint : bucket + "." + endpoint;
}

// A payload member: the bucket policy as the JSON it holds, structures under their XML element name, blobs never.
void AddPayload(Json& parameters, const std::string& name, const Json& member, const Json& target, const Json& value) {
  std::string type = target.value("type", "");
  if (type == "blob" || target.value("streaming", false)) return;
  if (name == "Policy" && value.is_string()) {
    Json policy = Json::parse(value.get<std::string>(), nullptr, false);
    parameters["bucketPolicy"] = policy.is_discarded() ? value : policy;
    return;
  }
  parameters[member.value("locationName", name)] = value;
}

}  // namespace

Json S3RequestParameters(const protocol::ServiceModel& model, const std::string& input_shape, const Json& input,
                         const std::string& region) {
  const Json& shape = model.Shape(input_shape);
  const Json& members = shape.contains("members") ? shape["members"] : Json::object();
  std::string payload = shape.value("payload", "");
  std::string bucket = input.value("Bucket", "");
  Json parameters = Json::object();
  if (!bucket.empty()) parameters["bucketName"] = bucket;
  parameters["Host"] = HostFor(bucket, region);
  for (const auto& [name, value] : input.items()) {
    auto member = members.find(name);
    if (member == members.end() || name == "Bucket") continue;
    std::string location = member->value("location", "");
    if (name == "Key") {
      parameters["key"] = value;
    } else if (location == "uri" || location == "querystring") {
      parameters[member->value("locationName", name)] = value;
    } else if (name == payload) {
      AddPayload(parameters, name, *member, model.Target(*member), value);
    }
  }
  return parameters;
}

}  // namespace trailbox::trail
