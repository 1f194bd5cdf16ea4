// Plain HTTP request/response helpers.
#include "protocol/http_message.hpp"

#include <cctype>

#include "core/encoding.hpp"

namespace trailbox::protocol {

bool HeaderNameEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

HttpRequest HttpRequest::Make(std::string method, std::string target, HeaderList headers, std::string body) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.headers = std::move(headers);
  request.body = std::move(body);
  size_t question = request.target.find('?');
  request.raw_path = request.target.substr(0, question);
  if (question != std::string::npos) {
    std::string_view query = std::string_view(request.target).substr(question + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      if (!pair.empty()) {
        size_t equals = pair.find('=');
        std::string key = UrlDecode(pair.substr(0, equals), true);
        std::string value = equals == std::string_view::npos ? "" : UrlDecode(pair.substr(equals + 1), true);
        request.query.emplace_back(std::move(key), std::move(value));
      }
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  return request;
}

std::string HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (HeaderNameEquals(key, name)) return value;
  }
  return {};
}

bool HttpRequest::HasHeader(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (HeaderNameEquals(key, name)) return true;
  }
  return false;
}

const std::string* HttpRequest::QueryParam(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return &value;
  }
  return nullptr;
}

void HttpResponse::SetHeader(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& header) { return HeaderNameEquals(header.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (HeaderNameEquals(key, name)) return value;
  }
  return {};
}

}  // namespace trailbox::protocol
