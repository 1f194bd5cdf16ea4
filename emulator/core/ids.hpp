// Identifiers in AWS's shapes: request ids (UUID), IAM unique ids (AIDA/AROA/ANPA + 17 chars), access keys,
// EC2 ids (i-0123456789abcdef0). All random, from OpenSSL.
#pragma once
#include <string>
#include <string_view>

namespace trailbox {

/// A version 4 UUID, lower case: request ids, event ids.
std::string NewUuid();
/// Upper-case letters and digits, as IAM unique ids and access keys use: prefix + `length` characters.
std::string NewUpperAlnumId(std::string_view prefix, size_t length);
/// Lower-case hex after a prefix, as EC2 ids: NewHexId("i-", 17) -> "i-0a1b2c3d4e5f60718".
std::string NewHexId(std::string_view prefix, size_t length);
/// Mixed-case letters, digits, '/' and '+', as secret access keys (40 characters).
std::string NewSecret(size_t length);

}  // namespace trailbox
