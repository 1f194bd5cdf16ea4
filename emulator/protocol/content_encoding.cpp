// gzip request bodies (content_encoding.hpp), inflated with zlib.
#include "protocol/content_encoding.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>

#include "core/aws_error.hpp"

namespace trailbox::protocol {
namespace {

// The largest inflated body accepted: a bound against decompression bombs, far above any AWS request limit.
constexpr size_t kMaxInflatedBytes = 64 * 1024 * 1024;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

AwsError NotGzip() { return AwsError("SerializationException", "The request body is not valid gzip data.", 400); }

std::string Inflate(const std::string& compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw NotGzip();
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string inflated;
  char buffer[65536];
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) break;
    inflated.append(buffer, sizeof(buffer) - stream.avail_out);
    if (inflated.size() > kMaxInflatedBytes || (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)) {
      break;
    }
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) throw NotGzip();
  return inflated;
}

}  // namespace

void InflateRequestBody(HttpRequest& request) {
  std::string encoding = Lower(request.Header("Content-Encoding"));
  if (encoding.find("gzip") == std::string::npos) return;
  request.body = Inflate(request.body);
  for (auto& [name, value] : request.headers) {
    if (Lower(name) == "content-encoding") value.clear();
  }
}

}  // namespace trailbox::protocol
