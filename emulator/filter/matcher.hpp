// Evaluates compiled filter patterns against log events (spec §3.2 terms, §4.3 regexes, §5.2-§5.3 JSON, §6.3
// space-delimited) and lists what a match extracts, as TestMetricFilter's extractedValues (spec §6.4, §8;
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TestMetricFilter.html).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filter/event.hpp"
#include "filter/pattern.hpp"

namespace trailbox::filter {

/// One extracted value: `$name` for a named delimited field, `$N` (1-based field position) for the others.
struct ExtractedValue {
  std::string key;
  std::string value;
};

/// The outcome of matching one event.
struct MatchResult {
  bool matched = false;
  /// Delimited patterns that matched: every field of the event, in field order. Empty for other families, as
  /// TestMetricFilter's extractedValues is `{}` for them.
  std::vector<ExtractedValue> extracted_values;
};

/// One record of TestMetricFilter's answer (MetricFilterMatchRecord).
struct MatchRecord {
  /// 0-based index of the message in the request (spec §8).
  size_t event_number = 0;
  std::string event_message;
  std::vector<ExtractedValue> extracted_values;
};

/// Whether `event` matches `pattern`. The hot path: it allocates nothing beyond the event's own one-time parse.
bool Matches(const Pattern& pattern, const Event& event);

/// Matches and, for a delimited pattern that matched, extracts the values.
MatchResult Match(const Pattern& pattern, const Event& event);

/// TestMetricFilter: a record for each matching message, in input order. No match gives an empty list.
std::vector<MatchRecord> TestMessages(const Pattern& pattern, const std::vector<std::string>& messages);

/// The one node a wildcard-free selector selects in `document`, or JsonDocument::kNotFound.
uint32_t SelectOne(const JsonDocument& document, const Selector& selector);

/// The text a JSON node compares and extracts as: a string's value, a number as written, `true`/`false`;
/// nullopt for null, arrays and objects (spec §5.2: the selector must land on a value node).
std::optional<std::string_view> ScalarText(const JsonNode& node);

}  // namespace trailbox::filter
