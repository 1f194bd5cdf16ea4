// Service and protocol detection for the single listener.
#include "http/router.hpp"

#include <cctype>

namespace trailbox::http {
namespace {

using protocol::FindServiceModel;
using protocol::HttpRequest;
using protocol::ServiceModel;
using protocol::WireProtocol;

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// A target prefix matches the model's, or its last dotted component (CloudTrail's short form, from the JS SDK).
bool TargetPrefixMatches(std::string_view sent, std::string_view model_prefix) {
  if (sent == model_prefix) return true;
  size_t dot = model_prefix.rfind('.');
  return dot != std::string_view::npos && sent == model_prefix.substr(dot + 1);
}

const ServiceModel* ModelForTarget(std::string_view target) {
  size_t dot = target.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  std::string_view prefix = target.substr(0, dot);
  for (const auto& name : protocol::EmbeddedServiceNames()) {
    const ServiceModel* model = FindServiceModel(name);
    if (model && !model->target_prefix().empty() && TargetPrefixMatches(prefix, model->target_prefix())) {
      return model;
    }
  }
  return nullptr;
}

// "/service/GraniteServiceVersion20100801/operation/PutMetricData" -> the model whose target prefix is the name.
const ServiceModel* ModelForRpcV2Path(std::string_view path) {
  if (!StartsWith(path, "/service/")) return nullptr;
  std::string_view rest = path.substr(9);
  std::string_view name = rest.substr(0, rest.find('/'));
  for (const auto& model_name : protocol::EmbeddedServiceNames()) {
    const ServiceModel* model = FindServiceModel(model_name);
    if (model && TargetPrefixMatches(name, model->target_prefix())) return model;
  }
  return nullptr;
}

std::string FormField(const HttpRequest& request, std::string_view field) {
  if (const std::string* value = request.QueryParam(field)) return *value;
  if (!StartsWith(request.Header("Content-Type"), "application/x-www-form-urlencoded")) return {};
  HttpRequest form = HttpRequest::Make("POST", "/?" + request.body);
  const std::string* value = form.QueryParam(field);
  return value ? *value : std::string();
}

const ServiceModel* ModelForAction(const std::string& action) {
  if (action.empty()) return nullptr;
  for (const auto& name : protocol::EmbeddedServiceNames()) {
    const ServiceModel* model = FindServiceModel(name);
    std::string wire = model ? model->protocol() : "";
    if ((wire == "query" || wire == "ec2") && model->FindOperation(action)) return model;
  }
  return nullptr;
}

// "bucket.s3.amazonaws.com", "bucket.s3.us-east-1.amazonaws.com", "bucket.s3.localhost.localstack.cloud:4566",
// "bucket.localhost:4566": everything before ".s3." (or before "localhost") is the bucket.
std::optional<std::string> VirtualHostedBucket(std::string host) {
  host = host.substr(0, host.find(':'));
  for (std::string_view marker : {".s3.", ".s3-"}) {
    size_t at = host.find(marker);
    if (at != std::string::npos && at > 0) return host.substr(0, at);
  }
  const std::string localhost = ".localhost";
  if (host.size() > localhost.size() && host.ends_with(localhost)) {
    return host.substr(0, host.size() - localhost.size());
  }
  return std::nullopt;
}

void RewriteToPathStyle(HttpRequest& request, const std::string& bucket) {
  std::string path = request.raw_path == "/" ? "" : request.raw_path;
  std::string query = request.target.substr(request.raw_path.size());
  HttpRequest rewritten = HttpRequest::Make(request.method, "/" + bucket + path + query, std::move(request.headers),
                                            std::move(request.body));
  rewritten.remote_address = request.remote_address;
  request = std::move(rewritten);
}

WireProtocol ProtocolFor(const ServiceModel& model, const HttpRequest& request) {
  if (request.Header("smithy-protocol") == "rpc-v2-cbor") return WireProtocol::kRpcV2Cbor;
  if (request.HasHeader("X-Amz-Target")) {
    std::string content_type = request.Header("Content-Type");
    if (content_type.find("1.0") != std::string::npos) return WireProtocol::kAwsJson1_0;
    if (content_type.find("1.1") != std::string::npos) return WireProtocol::kAwsJson1_1;
    return model.metadata().value("jsonVersion", "1.1") == "1.0" ? WireProtocol::kAwsJson1_0
                                                                  : WireProtocol::kAwsJson1_1;
  }
  return NativeProtocol(model);
}

}  // namespace

WireProtocol NativeProtocol(const ServiceModel& model) {
  std::string wire = model.protocol();
  if (wire == "ec2") return WireProtocol::kEc2;
  if (wire == "rest-xml") return WireProtocol::kRestXml;
  if (wire == "json") {
    return model.metadata().value("jsonVersion", "1.1") == "1.0" ? WireProtocol::kAwsJson1_0
                                                                  : WireProtocol::kAwsJson1_1;
  }
  return WireProtocol::kAwsQuery;
}

Route RouteRequest(HttpRequest& request) {
  Route route;
  if (StartsWith(request.raw_path, "/_trailbox/") || request.raw_path == "/_trailbox") {
    route.kind = Route::Kind::kAdmin;
    return route;
  }
  route.scope = protocol::ReadSigV4Scope(request);
  if (route.scope && !route.scope->region.empty()) route.region = route.scope->region;

  const ServiceModel* model = nullptr;
  if (route.scope) {
    route.requested_service = route.scope->service;
    model = FindServiceModel(route.scope->service);
  } else if (request.HasHeader("X-Amz-Target")) {
    route.requested_service = request.Header("X-Amz-Target");
    model = ModelForTarget(route.requested_service);
  } else if (request.Header("smithy-protocol") == "rpc-v2-cbor") {
    route.requested_service = request.raw_path;
    model = ModelForRpcV2Path(request.raw_path);
  } else if (VirtualHostedBucket(request.Header("Host"))) {
    model = FindServiceModel("s3");
  } else if (std::string action = FormField(request, "Action"); !action.empty()) {
    route.requested_service = action;
    model = ModelForAction(action);
  } else {
    model = FindServiceModel("s3");
  }
  if (!model) return route;

  if (model->endpoint_prefix() == "s3") {
    if (auto bucket = VirtualHostedBucket(request.Header("Host"))) RewriteToPathStyle(request, *bucket);
  }
  route.kind = Route::Kind::kService;
  route.model = model;
  route.protocol = ProtocolFor(*model, request);
  return route;
}

}  // namespace trailbox::http
