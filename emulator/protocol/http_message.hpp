// Our own plain HTTP request/response structs: the protocol layer and the dispatcher never see Beast types
// (shared/STYLE.md, http/). Deviation from STYLE.md's http/request.hpp: they live here because protocol/ may not
// depend on http/, and both need them.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trailbox::protocol {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  /// The raw request-target as received: "/path?query".
  std::string target = "/";
  /// The raw (still percent-encoded) path part of target.
  std::string raw_path = "/";
  /// Query parameters, percent-decoded, in order; a key without '=' has an empty value.
  std::vector<std::pair<std::string, std::string>> query;
  HeaderList headers;
  std::string body;
  /// The peer's address, for sourceIPAddress and aws:SourceIp.
  std::string remote_address = "127.0.0.1";

  /// Builds a request, splitting `target` into raw_path and query.
  static HttpRequest Make(std::string method, std::string target, HeaderList headers = {}, std::string body = {});
  /// The first header with this name (case-insensitive), or empty.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  /// The first query parameter with this name, or nullptr.
  const std::string* QueryParam(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  HeaderList headers;
  std::string body;

  /// Replaces any header of this name (case-insensitive).
  void SetHeader(std::string_view name, std::string value);
  std::string Header(std::string_view name) const;
};

/// Case-insensitive ASCII comparison for header names.
bool HeaderNameEquals(std::string_view a, std::string_view b);

}  // namespace trailbox::protocol
