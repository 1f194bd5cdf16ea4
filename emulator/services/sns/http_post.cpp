// HTTP/HTTPS POSTs to subscriber endpoints with cpp-httplib (Debian's libcpp-httplib, built with OpenSSL, zlib and
// brotli: the same macros as its pkg-config Cflags, so the declarations match the library).
#define CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#include "services/sns/http_post.hpp"

#include <httplib.h>

#include <thread>

namespace trailbox::sns {
namespace {

constexpr time_t kTimeoutSeconds = 15;

// "http://host:port" and "/path?query" of a URL.
std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  size_t scheme_end = url.find("://");
  size_t path_start = scheme_end == std::string::npos ? std::string::npos : url.find('/', scheme_end + 3);
  if (path_start == std::string::npos) return {url, "/"};
  return {url.substr(0, path_start), url.substr(path_start)};
}

}  // namespace

HttpOutcome SendPost(const HttpPost& post) {
  auto [origin, path] = SplitUrl(post.url);
  httplib::Client client(origin);
  if (!client.is_valid()) return {0, "invalid endpoint " + origin};
  client.set_connection_timeout(kTimeoutSeconds);
  client.set_read_timeout(kTimeoutSeconds);
  client.set_write_timeout(kTimeoutSeconds);
  httplib::Headers headers;
  std::string content_type = "text/plain; charset=UTF-8";
  for (const auto& [name, value] : post.headers) {
    if (name == "Content-Type") {
      content_type = value;
    } else {
      headers.emplace(name, value);
    }
  }
  httplib::Result result = client.Post(path, headers, post.body, content_type);
  if (!result) return {0, httplib::to_string(result.error())};
  return {result->status, {}};
}

void SendPostInBackground(HttpPost post, std::function<void(HttpOutcome)> done) {
  std::thread([post = std::move(post), done = std::move(done)] { done(SendPost(post)); }).detach();
}

}  // namespace trailbox::sns
