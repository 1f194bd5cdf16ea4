// S3's additional checksums (x-amz-checksum-crc32/crc32c/sha1/sha256): computing, verifying what a client sent,
// and the composite checksum of a multipart object. AWS: "Checking object integrity"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace trailbox::s3 {

/// CRC-32 (ISO-HDLC, as zlib) and CRC-32C (Castagnoli) of `bytes`.
uint32_t Crc32(std::string_view bytes);
uint32_t Crc32c(std::string_view bytes);

/// The algorithms S3 names: "CRC32", "CRC32C", "SHA1", "SHA256".
const std::vector<std::string>& ChecksumAlgorithms();
/// The raw digest of `bytes` under `algorithm` (4 bytes big-endian for the CRCs).
std::string RawChecksum(std::string_view algorithm, std::string_view bytes);
/// Its base64 form, as the x-amz-checksum-* headers carry it.
std::string Checksum(std::string_view algorithm, std::string_view bytes);
/// The document member for `algorithm`: "ChecksumCRC32"...
std::string ChecksumMember(std::string_view algorithm);

/// A checksum stored with an object or part.
struct StoredChecksum {
  std::string algorithm;
  std::string value;  // base64; a multipart object's ends in "-<parts>"
};

/// Verifies the Checksum* members of `input` against `body` (BadDigest on a mismatch, InvalidRequest on a value
/// that is not base64 of the right length) and returns the checksum to store: the one sent, else the one
/// ChecksumAlgorithm asks for, else none.
std::optional<StoredChecksum> VerifyChecksums(const Json& input, std::string_view body);

}  // namespace trailbox::s3
