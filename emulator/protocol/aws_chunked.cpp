// aws-chunked decoding and Content-MD5 (aws_chunked.hpp). The encoding, as SigV4 streaming uploads send it:
//   chunk   = hex-size [";chunk-signature=" 64hex] CRLF data CRLF          (signed chunks carry a signature)
//   last    = "0" [";chunk-signature=" 64hex] CRLF
//   trailer = *(name ":" value CRLF) ["x-amz-trailer-signature:" 64hex CRLF]
//   body    = *chunk last trailer CRLF
// Some clients omit the final CRLF after the trailers; the body ending there is accepted.
// Deviation: chunk and trailer signatures are not verified (the seed signature over the headers is, under
// --auth sigv4); a body that decodes is accepted whatever its chunk signatures say.
#include "protocol/aws_chunked.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/aws_error.hpp"
#include "core/encoding.hpp"

namespace trailbox::protocol {
namespace {

[[noreturn]] void ThrowIncompleteBody() {
  throw AwsError("IncompleteBody", "The request body terminated unexpectedly", 400);
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The line starting at `pos` (without its CRLF); advances `pos` past the CRLF. Throws when no CRLF follows.
std::string_view ReadLine(std::string_view body, size_t& pos) {
  size_t end = body.find("\r\n", pos);
  if (end == std::string_view::npos) ThrowIncompleteBody();
  std::string_view line = body.substr(pos, end - pos);
  pos = end + 2;
  return line;
}

size_t ParseChunkSize(std::string_view line) {
  std::string_view size_text = TrimSpaces(line.substr(0, line.find(';')));
  if (size_text.empty() || size_text.size() > 15) ThrowIncompleteBody();
  size_t size = 0;
  for (char c : size_text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) ThrowIncompleteBody();
    size = size * 16 + static_cast<size_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                                                       : std::tolower(c) - 'a' + 10);
  }
  return size;
}

// "aws-chunked" removed from a Content-Encoding list ("aws-chunked,gzip" -> "gzip").
std::string WithoutAwsChunked(std::string_view encodings) {
  std::string kept;
  size_t pos = 0;
  while (pos <= encodings.size()) {
    size_t comma = encodings.find(',', pos);
    std::string_view item = TrimSpaces(encodings.substr(pos, comma == std::string_view::npos ? comma : comma - pos));
    if (!item.empty() && item != "aws-chunked") kept += (kept.empty() ? "" : ",") + std::string(item);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return kept;
}

void SetHeader(HttpRequest& request, std::string_view name, std::string value) {
  auto& headers = request.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const auto& header) { return HeaderNameEquals(header.first, name); }),
                headers.end());
  headers.emplace_back(std::string(name), std::move(value));
}

}  // namespace

bool IsAwsChunked(const HttpRequest& request) {
  if (request.Header("x-amz-content-sha256").starts_with("STREAMING-")) return true;
  std::string encoding = request.Header("Content-Encoding");
  return encoding.find("aws-chunked") != std::string::npos;
}

void DecodeAwsChunked(HttpRequest& request) {
  std::string_view body = request.body;
  std::string payload;
  size_t pos = 0;
  while (true) {
    size_t size = ParseChunkSize(ReadLine(body, pos));
    if (size == 0) break;
    if (body.size() - pos < size + 2 || body.substr(pos + size, 2) != "\r\n") ThrowIncompleteBody();
    payload.append(body.substr(pos, size));
    pos += size + 2;
  }
  std::vector<std::pair<std::string, std::string>> trailers;
  while (pos < body.size()) {
    std::string_view line = ReadLine(body, pos);
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) ThrowIncompleteBody();
    std::string name(TrimSpaces(line.substr(0, colon)));
    if (HeaderNameEquals(name, "x-amz-trailer-signature")) continue;
    trailers.emplace_back(std::move(name), std::string(TrimSpaces(line.substr(colon + 1))));
  }
  std::string declared = request.Header("x-amz-decoded-content-length");
  if (!declared.empty() && declared != std::to_string(payload.size())) ThrowIncompleteBody();
  for (auto& [name, value] : trailers) SetHeader(request, name, std::move(value));
  std::string encodings = WithoutAwsChunked(request.Header("Content-Encoding"));
  if (encodings.empty()) {
    std::erase_if(request.headers, [](const auto& header) { return HeaderNameEquals(header.first, "Content-Encoding"); });
  } else {
    SetHeader(request, "Content-Encoding", std::move(encodings));
  }
  SetHeader(request, "Content-Length", std::to_string(payload.size()));
  request.body = std::move(payload);
}

void VerifyContentMd5(const HttpRequest& request) {
  if (!request.HasHeader("Content-MD5")) return;
  std::string given = request.Header("Content-MD5");
  auto digest = Base64Decode(given);
  if (!digest || digest->size() != 16) {
    throw AwsError("InvalidDigest", "The Content-MD5 you specified was not valid.", 400);
  }
  std::string calculated = Md5(request.body);
  if (*digest != calculated) {
    AwsError error("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);
    error.extra()["ExpectedDigest"] = HexEncode(*digest);
    error.extra()["CalculatedDigest"] = Base64Encode(calculated);
    throw error;
  }
}

void PrepareS3Body(HttpRequest& request) {
  if (IsAwsChunked(request)) DecodeAwsChunked(request);
  VerifyContentMd5(request);
}

}  // namespace trailbox::protocol
