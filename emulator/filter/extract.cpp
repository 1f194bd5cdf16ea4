// Metric and dimension values (extract.hpp), spec §7 and
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html. Choices:
//   Open (spec §13.9): a `$.property` value may name any property of the event, not only ones the pattern
//     tests: the event's document is parsed anyway, and AWS's own example (`{ $.latency = * }` with
//     `$.latency`) does not settle it. Wildcard selectors are rejected: they do not name one value.
//   Open (spec §13.9): a value that is missing or does not read as a number gives no metric value (the caller
//     publishes nothing for that event); a missing dimension value is reported as nullopt for the caller to
//     drop, as CloudFormation documents ("only published ... if the value is found in the log event").
//   Open: `$N` names a positional extracted value (an unnamed slot or a field covered by `...`); a field that
//     has a name in the pattern is read as `$name`. Without `...` a `$N` that can never be positional is an
//     error naming the right reference.
//   A bare word such as `length` is rejected, as AWS does (cfn-lint#1525).
#include "filter/extract.hpp"

#include <algorithm>
#include <charconv>

#include "filter/lexer.hpp"
#include "filter/parser.hpp"

namespace trailbox::filter {
namespace {

ValueRef ReadValueRef(std::string_view text, const Pattern& pattern) {
  ValueRef ref;
  ref.text = std::string(text);
  if (std::optional<double> number = ParseNumber(text)) {
    ref.number = *number;
    return ref;
  }
  if (text.empty() || text[0] != '$') {
    throw MakeSyntaxError(0, "a metric value is a number or a reference such as $.latency (JSON patterns) or "
                             "$size or $7 (space-delimited patterns), not '" + std::string(text) + "'");
  }
  if (pattern.family != Family::kJson && pattern.family != Family::kDelimited) {
    throw MakeSyntaxError(0, "'" + std::string(text) + "' refers to a value, but only JSON and space-delimited "
                             "patterns extract values");
  }
  if (text.size() >= 2 && text[1] == '.') {
    if (pattern.family != Family::kJson) {
      throw MakeSyntaxError(0, "'" + std::string(text) + "' reads a JSON property, but the pattern is "
                               "space-delimited: use $name or $N");
    }
    ref.kind = ValueRef::Kind::kJsonProperty;
    ref.selector = ParseSelector(text, 0);
    if (ref.selector.has_wildcard) {
      throw MakeSyntaxError(0, "a metric or dimension value cannot use a wildcard selector: it must name one value");
    }
    return ref;
  }
  if (pattern.family != Family::kDelimited) {
    throw MakeSyntaxError(0, "'" + std::string(text) + "' names a space-delimited field, but the pattern is a JSON "
                             "pattern: use $.property");
  }
  ref.kind = ValueRef::Kind::kExtracted;
  std::string_view key = text.substr(1);
  bool is_position = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (is_position) {
    size_t position = 0;
    if (std::from_chars(key.data(), key.data() + key.size(), position).ec != std::errc()) {
      throw MakeSyntaxError(1, "field position " + std::string(key) + " is too large");
    }
    bool has_ellipsis = std::any_of(pattern.slots.begin(), pattern.slots.end(),
                                    [](const Slot& slot) { return slot.kind == Slot::Kind::kEllipsis; });
    if (position == 0) throw MakeSyntaxError(1, "field positions start at $1");
    if (!has_ellipsis && !pattern.slots.empty() && position <= pattern.slots.size() &&
        pattern.slots[position - 1].kind == Slot::Kind::kNamed) {
      throw MakeSyntaxError(1, "field " + std::string(key) + " is named in the pattern: write $" +
                                   pattern.slots[position - 1].name);
    }
    return ref;
  }
  bool is_named = std::any_of(pattern.slots.begin(), pattern.slots.end(), [&](const Slot& slot) {
    return slot.kind == Slot::Kind::kNamed && slot.name == key;
  });
  if (!is_named) throw MakeSyntaxError(1, "the pattern has no field named '" + std::string(key) + "'");
  return ref;
}

}  // namespace

std::variant<ValueRef, SyntaxError> CompileValueRef(std::string_view text, const Pattern& pattern) {
  try {
    return ReadValueRef(text, pattern);
  } catch (SyntaxError& error) {
    return std::move(error);
  }
}

std::optional<std::string> ExtractText(const ValueRef& ref, const Event& event, const MatchResult& match) {
  switch (ref.kind) {
    case ValueRef::Kind::kNumber:
      return ref.text;
    case ValueRef::Kind::kJsonProperty: {
      const JsonDocument* document = event.Json();
      if (document == nullptr) return std::nullopt;
      uint32_t node = SelectOne(*document, ref.selector);
      if (node == JsonDocument::kNotFound) return std::nullopt;
      std::optional<std::string_view> text = ScalarText(document->node(node));
      if (!text) return std::nullopt;
      return std::string(*text);
    }
    case ValueRef::Kind::kExtracted:
      for (const ExtractedValue& value : match.extracted_values) {
        if (value.key == ref.text) return value.value;
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<double> ExtractNumber(const ValueRef& ref, const Event& event, const MatchResult& match) {
  if (ref.kind == ValueRef::Kind::kNumber) return ref.number;
  std::optional<std::string> text = ExtractText(ref, event, match);
  if (!text) return std::nullopt;
  return ParseNumber(*text);
}

}  // namespace trailbox::filter
