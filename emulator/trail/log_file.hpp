// Log and digest files as CloudTrail writes them into S3: key layout, gzip framing, the records' JSON text
// (cloudtrail-fidelity.md §(b) "Log files in S3" and §(e) "Key layout").
#pragma once
#include <string>
#include <vector>

namespace trailbox::trail {

/// [prefix/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
/// <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16>.json.gz at delivery time `now` (epoch seconds), with a fresh 16-character unique string.
std::string LogFileKey(const std::string& prefix, const std::string& account_id, const std::string& region,
                       double now);

/// [prefix/]AWSLogs/<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/
/// <account>_CloudTrail-Digest_<region>_<trail>_<homeRegion>_<YYYYMMDDTHHMMSSZ>.json.gz for digest end `end`.
std::string DigestFileKey(const std::string& prefix, const std::string& account_id, const std::string& region,
                          const std::string& trail_name, const std::string& home_region, double end);

/// {"Records":[...]} from records already serialized as CloudTrail writes them (compact, HTML-safe escapes).
std::string LogFileBody(const std::vector<std::string>& records);

/// One gzip member holding `bytes` (validate-logs inflates a single member).
std::string Gzip(const std::string& bytes);

}  // namespace trailbox::trail
