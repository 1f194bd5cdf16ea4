// Metric values and dimension values of a metric filter's transformation (spec §7): a number literal, or a
// reference to a value the pattern extracts from a matched event — `$.latency` for JSON patterns, `$size` or
// `$7` for space-delimited ones
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "filter/event.hpp"
#include "filter/matcher.hpp"
#include "filter/pattern.hpp"
#include "filter/syntax_error.hpp"

namespace trailbox::filter {

/// A compiled metricValue or dimension value.
struct ValueRef {
  enum class Kind {
    kNumber,        // "1", "-2.5": the same value for every match
    kJsonProperty,  // "$.latency": a property of the event's JSON document
    kExtracted,     // "$size", "$7": a key of the match's extracted values
  };
  Kind kind = Kind::kNumber;
  /// As written.
  std::string text;
  double number = 0;
  /// kJsonProperty.
  Selector selector;
};

/// Compiles `text` as a value of `pattern`'s metric, or says why AWS would reject it (a bare word such as
/// `length`, a `$.` reference on a non-JSON pattern, a field the pattern does not name).
std::variant<ValueRef, SyntaxError> CompileValueRef(std::string_view text, const Pattern& pattern);

/// The value for one matched event as text (dimension values), or nullopt when the event has none: the property
/// is missing or not a string, number or boolean, or no extracted value has the key.
std::optional<std::string> ExtractText(const ValueRef& ref, const Event& event, const MatchResult& match);

/// The value for one matched event as a number (metric values), or nullopt when it is missing or not a number.
std::optional<double> ExtractNumber(const ValueRef& ref, const Event& event, const MatchResult& match);

}  // namespace trailbox::filter
