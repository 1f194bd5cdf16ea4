// Timestamps on the wire: ISO 8601 (query, XML, CloudTrail records), RFC 7231 HTTP dates (S3 headers) and epoch
// seconds (JSON, CBOR). Inside documents a timestamp is epoch seconds (core/json.hpp).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace trailbox {

/// "2026-01-02T03:04:05Z", or with milliseconds "2026-01-02T03:04:05.123Z" when `with_millis`.
std::string FormatIso8601(double epoch_seconds, bool with_millis = false);
/// Accepts "2026-01-02T03:04:05Z", fractional seconds, "+hh:mm"/"-hh:mm" offsets, lower-case 't'/'z'.
std::optional<double> ParseIso8601(std::string_view text);
/// "Thu, 02 Jan 2026 03:04:05 GMT".
std::string FormatHttpDate(double epoch_seconds);
/// RFC 7231 IMF-fixdate (also accepts fractional seconds as some SDKs send).
std::optional<double> ParseHttpDate(std::string_view text);
/// Epoch seconds as JSON/CBOR/headers write them: integer when whole, else up to 3 decimals.
std::string FormatEpochSeconds(double epoch_seconds);
/// Parses any of the three forms (ISO 8601, HTTP date, epoch seconds as text).
std::optional<double> ParseAnyTimestamp(std::string_view text);

}  // namespace trailbox
