// SigV4 canonical request, string to sign and signing key (AWS General Reference, "Signature Version 4").
#include "protocol/sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

#include "core/encoding.hpp"

namespace trailbox::protocol {
namespace {

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Collapses runs of spaces inside a header value, as the canonical form requires.
std::string CanonicalHeaderValue(std::string_view value) {
  std::string trimmed = Trim(value);
  std::string out;
  bool in_space = false;
  for (char c : trimmed) {
    if (c == ' ' || c == '\t') {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) out += ' ';
    in_space = false;
    out += c;
  }
  return out;
}

bool FillFromCredential(std::string_view credential, SigV4Scope& scope) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream{std::string(credential)};
  while (std::getline(stream, part, '/')) parts.push_back(part);
  if (parts.size() != 5 || parts[4] != "aws4_request") return false;
  scope.access_key_id = parts[0];
  scope.date = parts[1];
  scope.region = parts[2];
  scope.service = parts[3];
  return true;
}

std::string CanonicalQuery(const HttpRequest& request, bool presigned) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [key, value] : request.query) {
    if (presigned && key == "X-Amz-Signature") continue;
    pairs.emplace_back(UrlEncode(key), UrlEncode(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out += '&';
    out += key + "=" + value;
  }
  return out;
}

std::string CanonicalUri(const HttpRequest& request, const std::string& service) {
  std::string path = request.raw_path.empty() ? "/" : request.raw_path;
  if (service == "s3") return path;
  return UrlEncode(path, true);
}

}  // namespace

std::optional<SigV4Scope> ReadSigV4Scope(const HttpRequest& request) {
  SigV4Scope scope;
  std::string authorization = request.Header("Authorization");
  const std::string prefix = "AWS4-HMAC-SHA256 ";
  if (authorization.rfind(prefix, 0) == 0) {
    std::string_view rest = std::string_view(authorization).substr(prefix.size());
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string item = Trim(rest.substr(0, comma));
      size_t equals = item.find('=');
      if (equals != std::string::npos) {
        std::string key = item.substr(0, equals), value = item.substr(equals + 1);
        if (key == "Credential" && !FillFromCredential(value, scope)) return std::nullopt;
        if (key == "SignedHeaders") scope.signed_headers = value;
        if (key == "Signature") scope.signature = value;
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (scope.access_key_id.empty()) return std::nullopt;
    return scope;
  }
  const std::string* credential = request.QueryParam("X-Amz-Credential");
  if (credential && FillFromCredential(*credential, scope)) {
    scope.is_presigned = true;
    if (const auto* headers = request.QueryParam("X-Amz-SignedHeaders")) scope.signed_headers = *headers;
    if (const auto* signature = request.QueryParam("X-Amz-Signature")) scope.signature = *signature;
    return scope;
  }
  return std::nullopt;
}

std::string ExpectedSignature(const HttpRequest& request, const SigV4Scope& scope,
                              const std::string& secret_access_key) {
  std::string canonical_headers;
  std::istringstream names(scope.signed_headers);
  std::string name;
  while (std::getline(names, name, ';')) {
    std::string value;
    bool first = true;
    for (const auto& [key, header_value] : request.headers) {
      if (!HeaderNameEquals(key, name)) continue;
      value += (first ? "" : ",") + CanonicalHeaderValue(header_value);
      first = false;
    }
    canonical_headers += Lower(name) + ":" + value + "\n";
  }
  std::string payload_hash = request.Header("x-amz-content-sha256");
  if (payload_hash.empty()) payload_hash = scope.is_presigned ? "UNSIGNED-PAYLOAD" : HexEncode(Sha256(request.body));
  std::string canonical_request = request.method + "\n" + CanonicalUri(request, scope.service) + "\n" +
                                  CanonicalQuery(request, scope.is_presigned) + "\n" + canonical_headers + "\n" +
                                  scope.signed_headers + "\n" + payload_hash;
  std::string amz_date = request.Header("x-amz-date");
  if (amz_date.empty()) {
    if (const auto* query_date = request.QueryParam("X-Amz-Date")) amz_date = *query_date;
  }
  std::string credential_scope = scope.date + "/" + scope.region + "/" + scope.service + "/aws4_request";
  std::string string_to_sign =
      "AWS4-HMAC-SHA256\n" + amz_date + "\n" + credential_scope + "\n" + HexEncode(Sha256(canonical_request));
  std::string key = HmacSha256("AWS4" + secret_access_key, scope.date);
  key = HmacSha256(key, scope.region);
  key = HmacSha256(key, scope.service);
  key = HmacSha256(key, "aws4_request");
  return HexEncode(HmacSha256(key, string_to_sign));
}

}  // namespace trailbox::protocol
