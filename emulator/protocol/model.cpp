// Service model access over the botocore document, and the registry of embedded models.
#include "protocol/model.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "protocol/embedded_models.hpp"

namespace trailbox::protocol {

ServiceModel::ServiceModel(Json document) : document_(std::move(document)) {
  if (!document_.contains("metadata")) document_["metadata"] = Json::object();
  if (!document_.contains("shapes")) document_["shapes"] = Json::object();
  if (!document_.contains("operations")) document_["operations"] = Json::object();
}

std::string ServiceModel::protocol() const { return metadata().value("protocol", ""); }
std::string ServiceModel::endpoint_prefix() const { return metadata().value("endpointPrefix", ""); }
std::string ServiceModel::signing_name() const { return metadata().value("signingName", endpoint_prefix()); }
std::string ServiceModel::target_prefix() const { return metadata().value("targetPrefix", ""); }
std::string ServiceModel::api_version() const { return metadata().value("apiVersion", ""); }

std::string ServiceModel::xml_namespace() const {
  if (metadata().contains("xmlNamespace")) {
    const Json& ns = metadata()["xmlNamespace"];
    if (ns.is_string()) return ns.get<std::string>();
    if (ns.is_object() && ns.contains("uri")) return ns["uri"].get<std::string>();
  }
  // Query services answer in "https://<prefix>.amazonaws.com/doc/<apiVersion>/".
  return "https://" + endpoint_prefix() + ".amazonaws.com/doc/" + api_version() + "/";
}

const Json* ServiceModel::FindOperation(std::string_view name) const {
  const Json& operations = document_["operations"];
  auto found = operations.find(std::string(name));
  return found == operations.end() ? nullptr : &*found;
}

std::vector<std::string> ServiceModel::operation_names() const {
  std::vector<std::string> names;
  for (const auto& [name, operation] : document_["operations"].items()) names.push_back(name);
  return names;
}

const Json& ServiceModel::Shape(std::string_view name) const {
  const Json& shapes = document_["shapes"];
  auto found = shapes.find(std::string(name));
  if (found == shapes.end()) throw std::out_of_range("unknown shape " + std::string(name));
  return *found;
}

bool ServiceModel::HasShape(std::string_view name) const { return document_["shapes"].contains(std::string(name)); }

const Json* ServiceModel::FindErrorShape(std::string_view code, std::string* shape_name) const {
  const Json& shapes = document_["shapes"];
  auto found = shapes.find(std::string(code));
  if (found != shapes.end() && found->value("exception", false)) {
    if (shape_name) *shape_name = found.key();
    return &*found;
  }
  for (auto it = shapes.begin(); it != shapes.end(); ++it) {
    const Json& shape = it.value();
    if (shape.contains("error") && shape["error"].value("code", "") == code) {
      if (shape_name) *shape_name = it.key();
      return &shape;
    }
  }
  return nullptr;
}

namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<ServiceModel>, std::less<>> parsed;
};

Registry& TheRegistry() {
  static Registry registry;
  return registry;
}

}  // namespace

const ServiceModel* FindServiceModel(std::string_view name) {
  for (const EmbeddedModel& embedded : EmbeddedModels()) {
    if (name != embedded.name && name != embedded.endpoint_prefix && name != embedded.signing_name) continue;
    Registry& registry = TheRegistry();
    std::lock_guard lock(registry.mutex);
    auto found = registry.parsed.find(embedded.name);
    if (found == registry.parsed.end()) {
      auto model = std::make_unique<ServiceModel>(Json::parse(embedded.json));
      found = registry.parsed.emplace(std::string(embedded.name), std::move(model)).first;
    }
    return found->second.get();
  }
  return nullptr;
}

std::vector<std::string> EmbeddedServiceNames() {
  std::vector<std::string> names;
  for (const EmbeddedModel& embedded : EmbeddedModels()) names.emplace_back(embedded.name);
  return names;
}

}  // namespace trailbox::protocol
