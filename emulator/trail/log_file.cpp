// Log and digest file keys, bodies and gzip framing (cloudtrail-fidelity.md §(b), §(e)).
#include "trail/log_file.hpp"

#include <zlib.h>

#include <cmath>
#include <ctime>
#include <stdexcept>

#include "core/encoding.hpp"

namespace trailbox::trail {
namespace {

std::string FormatUtc(double epoch_seconds, const char* format) {
  std::time_t seconds = static_cast<std::time_t>(std::floor(epoch_seconds));
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[64];
  std::strftime(text, sizeof text, format, &parts);
  return text;
}

// The unique string of a log file name: 16 letters and digits.
std::string UniqueString() {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string random = RandomBytes(16);
  std::string text;
  for (unsigned char byte : random) text += kAlphabet[byte % (sizeof kAlphabet - 1)];
  return text;
}

std::string PrefixPath(const std::string& prefix) { return prefix.empty() ? "" : prefix + "/"; }

}  // namespace

std::string LogFileKey(const std::string& prefix, const std::string& account_id, const std::string& region,
                       double now) {
  return PrefixPath(prefix) + "AWSLogs/" + account_id + "/CloudTrail/" + region + "/" +
         FormatUtc(now, "%Y/%m/%d/") + account_id + "_CloudTrail_" + region + "_" +
         FormatUtc(now, "%Y%m%dT%H%MZ") + "_" + UniqueString() + ".json.gz";
}

std::string DigestFileKey(const std::string& prefix, const std::string& account_id, const std::string& region,
                          const std::string& trail_name, const std::string& home_region, double end) {
  return PrefixPath(prefix) + "AWSLogs/" + account_id + "/CloudTrail-Digest/" + region + "/" +
         FormatUtc(end, "%Y/%m/%d/") + account_id + "_CloudTrail-Digest_" + region + "_" + trail_name + "_" +
         home_region + "_" + FormatUtc(end, "%Y%m%dT%H%M%SZ") + ".json.gz";
}

std::string LogFileBody(const std::vector<std::string>& records) {
  std::string body = "{\"Records\":[";
  for (size_t i = 0; i < records.size(); ++i) {
    if (i > 0) body += ',';
    body += records[i];
  }
  return body + "]}";
}

std::string Gzip(const std::string& bytes) {
  z_stream stream{};
  // windowBits 15 + 16: a gzip container.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, bytes.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int result = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("gzip compression failed");
  out.resize(stream.total_out);
  return out;
}

}  // namespace trailbox::trail
