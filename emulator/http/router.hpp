// The router: which service and which wire protocol a request speaks (shared/DESIGN.md, Protocol layer, Router).
// Decided, in order, from: the admin prefix /_trailbox/; the SigV4 credential scope; X-Amz-Target; the Smithy
// RPCv2 path with `smithy-protocol: rpc-v2-cbor`; the Host header (virtual-hosted S3); the form field Action;
// else S3 path style.
#pragma once
#include <optional>
#include <string>

#include "protocol/codec.hpp"
#include "protocol/http_message.hpp"
#include "protocol/model.hpp"
#include "protocol/sigv4.hpp"

namespace trailbox::http {

struct Route {
  enum class Kind { kAdmin, kService, kUnknownService };
  Kind kind = Kind::kUnknownService;
  const protocol::ServiceModel* model = nullptr;
  protocol::WireProtocol protocol = protocol::WireProtocol::kRestXml;
  std::string region = "us-east-1";
  std::optional<protocol::SigV4Scope> scope;
  /// What the service is called when it is unknown (for the error message).
  std::string requested_service;
};

/// Routes `request`; rewrites a virtual-hosted S3 request (bucket in Host) to path style in place.
Route RouteRequest(protocol::HttpRequest& request);

/// The protocol a service's model names first (its own wire format, before any newer alternative).
protocol::WireProtocol NativeProtocol(const protocol::ServiceModel& model);

}  // namespace trailbox::http
