// Checksums of S3 objects (checksums.hpp). CRC-32 is the reflected polynomial 0xEDB88320, CRC-32C 0x82F63B78,
// both with initial value and final XOR 0xFFFFFFFF; S3 carries them as base64 of the 4 big-endian bytes.
#include "services/s3/checksums.hpp"

#include <array>
#include <cctype>

#include "core/aws_error.hpp"
#include "core/encoding.hpp"

namespace trailbox::s3 {
namespace {

using Table = std::array<uint32_t, 256>;

Table MakeTable(uint32_t polynomial) {
  Table table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ polynomial : crc >> 1;
    table[i] = crc;
  }
  return table;
}

uint32_t Crc(const Table& table, std::string_view bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::string BigEndian(uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
          static_cast<char>(value)};
}

size_t RawSize(std::string_view algorithm) {
  if (algorithm == "SHA1") return 20;
  if (algorithm == "SHA256") return 32;
  return 4;
}

}  // namespace

uint32_t Crc32(std::string_view bytes) {
  static const Table table = MakeTable(0xEDB88320u);
  return Crc(table, bytes);
}

uint32_t Crc32c(std::string_view bytes) {
  static const Table table = MakeTable(0x82F63B78u);
  return Crc(table, bytes);
}

const std::vector<std::string>& ChecksumAlgorithms() {
  static const std::vector<std::string> algorithms = {"CRC32", "CRC32C", "SHA1", "SHA256"};
  return algorithms;
}

std::string RawChecksum(std::string_view algorithm, std::string_view bytes) {
  if (algorithm == "CRC32") return BigEndian(Crc32(bytes));
  if (algorithm == "CRC32C") return BigEndian(Crc32c(bytes));
  if (algorithm == "SHA1") return Sha1(bytes);
  return Sha256(bytes);
}

std::string Checksum(std::string_view algorithm, std::string_view bytes) {
  return Base64Encode(RawChecksum(algorithm, bytes));
}

std::string ChecksumMember(std::string_view algorithm) { return "Checksum" + std::string(algorithm); }

std::optional<StoredChecksum> VerifyChecksums(const Json& input, std::string_view body) {
  std::optional<StoredChecksum> stored;
  for (const std::string& algorithm : ChecksumAlgorithms()) {
    auto sent = input.find(ChecksumMember(algorithm));
    if (sent == input.end()) continue;
    std::string value = sent->get<std::string>();
    auto raw = Base64Decode(value);
    if (!raw || raw->size() != RawSize(algorithm)) {
      std::string header = "x-amz-checksum-" + std::string(algorithm);
      for (char& c : header) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      throw AwsError("InvalidRequest", "Value for " + header + " header is invalid.", 400);
    }
    if (*raw != RawChecksum(algorithm, body)) {
      throw AwsError("BadDigest", "The " + algorithm + " you specified did not match the calculated checksum.", 400);
    }
    stored = StoredChecksum{algorithm, value};
  }
  if (!stored) {
    if (auto algorithm = input.find("ChecksumAlgorithm"); algorithm != input.end()) {
      std::string name = algorithm->get<std::string>();
      stored = StoredChecksum{name, Checksum(name, body)};
    }
  }
  return stored;
}

}  // namespace trailbox::s3
