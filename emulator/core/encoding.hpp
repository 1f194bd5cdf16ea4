// Byte encodings and digests the protocols and services share: base64, hex, URL encoding, MD5/SHA-256/HMAC.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace trailbox {

/// Standard base64 with padding.
std::string Base64Encode(std::string_view bytes);
/// Decodes standard base64 (padding optional); nullopt on a character outside the alphabet.
std::optional<std::string> Base64Decode(std::string_view text);
/// Lower-case hex.
std::string HexEncode(std::string_view bytes);
/// RFC 3986 percent-encoding; '/' kept when `keep_slash` (S3 keys in paths, SigV4 canonical URIs).
std::string UrlEncode(std::string_view text, bool keep_slash = false);
/// Percent-decoding; '+' becomes a space only when `plus_is_space` (form bodies).
std::string UrlDecode(std::string_view text, bool plus_is_space = false);
/// Raw digests (not hex).
std::string Md5(std::string_view bytes);
std::string Sha1(std::string_view bytes);
std::string Sha256(std::string_view bytes);
std::string HmacSha256(std::string_view key, std::string_view data);
/// Cryptographically random bytes.
std::string RandomBytes(size_t count);

}  // namespace trailbox
