// Random identifiers shaped like AWS's.
#include "core/ids.hpp"

#include <cstdio>

#include "core/encoding.hpp"

namespace trailbox {
namespace {

std::string FromAlphabet(std::string_view alphabet, size_t length) {
  std::string random = RandomBytes(length);
  std::string out;
  out.reserve(length);
  for (unsigned char c : random) out += alphabet[c % alphabet.size()];
  return out;
}

}  // namespace

std::string NewUuid() {
  std::string bytes = RandomBytes(16);
  bytes[6] = static_cast<char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<char>((bytes[8] & 0x3F) | 0x80);
  std::string hex = HexEncode(bytes);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

std::string NewUpperAlnumId(std::string_view prefix, size_t length) {
  return std::string(prefix) + FromAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);
}

std::string NewHexId(std::string_view prefix, size_t length) {
  return std::string(prefix) + FromAlphabet("0123456789abcdef", length);
}

std::string NewSecret(size_t length) {
  return FromAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", length);
}

}  // namespace trailbox
