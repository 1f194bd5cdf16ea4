// Matching (matcher.hpp), per https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
// and shared/reference/filter-patterns.md ("spec"). The rules, with the choices the spec leaves open:
//
// Terms (spec §3.2): case-sensitive substring tests on the raw message. With any required or excluded term, the
//   event matches when every required term occurs and no excluded one does, and optional (?) terms are ignored
//   (AWS: "all question mark terms will be ignored"); with only optional terms, when one of them occurs.
// Regex (spec §4.3): a search anywhere in the message (or in the one value it is compared with).
// JSON (spec §5.2, §5.3): the message must be a JSON object. A selector with a wildcard selects several nodes and
//   a condition holds when it holds for any of them. A comparison reads only strings, numbers and booleans;
//   on null, arrays, objects or a missing property every comparison, = and != alike, is false.
//   Open (spec §13.5): `!=` on a missing property is false; `= *` on null is false (use IS NULL); with a
//     wildcard selector `!=` is "any selected value differs", like every other condition; IS TRUE / IS FALSE
//     match JSON booleans only, not the strings "true"/"false"; booleans compare as the text true/false, so
//     `= true` matches a boolean true.
//   Open (spec §13.5): a number literal compares numerically with any value that reads as a number, so 400
//     matches both 400 and "400" (delimited fields are text, and the same rule serves both); with a value that
//     does not read as a number every numeric comparison, != included, is false (spec §6.3, [INF]).
//   Open (spec §13.5): `!=` with a regex is true when the regex does not occur in the value.
//   Open (spec §13.7): a line with a text prefix before its JSON (Lambda's format) is not a JSON event.
//   Open: when a key repeats in an object, the last occurrence counts (JavaScript's and Jackson's rule).
// Delimited (spec §6.3): fields as split by event.cpp.
//   Open (spec §12.2): without '...', an event with more fields than the pattern has slots still matches: the
//     last slot takes the rest of the line, from its field to the end. The current AWS page says
//     `[w1=ERROR, w2]` finds events "where the first word is ERROR" in longer lines and that the blank w2 must
//     be there — which only makes sense if w2 takes the rest — and Lambda's widely used
//     `[timestamp=*Z, request_id="*-*", event]` relies on it. Fewer fields than slots never match.
//   With '...': the slots before it take the first fields, those after it the last ones, '...' the fields
//     between (zero or more).
// TestMetricFilter (spec §8): records for matching messages only, in input order, eventNumber 0-based.
//   Open (spec §13.11): no match gives an empty list, which the service serializes as "matches": [].
#include "filter/matcher.hpp"

#include <array>

#include "filter/lexer.hpp"

namespace trailbox::filter {
namespace {

bool CompareNumbers(CompareOp op, double left, double right) {
  switch (op) {
    case CompareOp::kEqual: return left == right;
    case CompareOp::kNotEqual: return left != right;
    case CompareOp::kLess: return left < right;
    case CompareOp::kLessEqual: return left <= right;
    case CompareOp::kGreater: return left > right;
    case CompareOp::kGreaterEqual: return left >= right;
  }
  return false;
}

bool TextMatches(const Operand& operand, std::string_view value) {
  switch (operand.text_match) {
    case TextMatch::kExact: return value == operand.text;
    case TextMatch::kPrefix: return value.starts_with(operand.text);
    case TextMatch::kSuffix: return value.ends_with(operand.text);
    case TextMatch::kContains: return value.find(operand.text) != std::string_view::npos;
    case TextMatch::kAny: return true;
  }
  return false;
}

/// The one comparison rule, for a delimited field or a JSON scalar's text.
bool Compare(const Pattern& pattern, const Condition& condition, std::string_view value) {
  const Operand& operand = condition.operand;
  if (operand.kind == Operand::Kind::kNumber) {
    std::optional<double> number = ParseNumber(value);
    return number && CompareNumbers(condition.op, *number, operand.number);
  }
  bool is_match = operand.kind == Operand::Kind::kText ? TextMatches(operand, value)
                                                       : pattern.regexes[operand.regex].Search(value);
  return condition.op == CompareOp::kEqual ? is_match : !is_match;
}

template <typename Visit>
bool Walk(const JsonDocument& document, const std::vector<Segment>& segments, size_t at, uint32_t node,
          Visit& visit) {
  if (at == segments.size()) return visit(node);
  const Segment& segment = segments[at];
  auto descend = [&](uint32_t child) { return Walk(document, segments, at + 1, child, visit); };
  switch (segment.kind) {
    case Segment::Kind::kMember: {
      uint32_t child = document.Member(node, segment.name);
      return child != JsonDocument::kNotFound && descend(child);
    }
    case Segment::Kind::kIndex: {
      uint32_t child = document.Element(node, segment.index);
      return child != JsonDocument::kNotFound && descend(child);
    }
    case Segment::Kind::kAnyMember:
      return document.node(node).type == JsonType::kObject && document.AnyChild(node, descend);
    case Segment::Kind::kAnyIndex:
      return document.node(node).type == JsonType::kArray && document.AnyChild(node, descend);
  }
  return false;
}

/// Evaluates one JSON pattern on one document, resolving each wildcard-free selector at most once.
class JsonEvaluator {
 public:
  JsonEvaluator(const Pattern& pattern, const JsonDocument& document) : pattern_(pattern), document_(document) {
    resolved_.fill(kUnresolved);
  }

  bool Evaluate(const Expr& expr) {
    switch (expr.kind) {
      case Expr::Kind::kAnd:
        for (const Expr& child : expr.children) {
          if (!Evaluate(child)) return false;
        }
        return true;
      case Expr::Kind::kOr:
        for (const Expr& child : expr.children) {
          if (Evaluate(child)) return true;
        }
        return false;
      case Expr::Kind::kCondition:
        return EvaluateCondition(expr.condition);
    }
    return false;
  }

 private:
  static constexpr uint32_t kUnresolved = JsonDocument::kNotFound - 1;
  static constexpr size_t kCachedSelectors = 32;

  bool EvaluateCondition(const Condition& condition) {
    auto holds = [&](uint32_t index) {
      const JsonNode& node = document_.node(index);
      switch (condition.check) {
        case Check::kIsNull: return node.type == JsonType::kNull;
        case Check::kIsTrue: return node.type == JsonType::kTrue;
        case Check::kIsFalse: return node.type == JsonType::kFalse;
        case Check::kNotExists: return true;
        case Check::kCompare: {
          std::optional<std::string_view> text = ScalarText(node);
          return text && Compare(pattern_, condition, *text);
        }
      }
      return false;
    };
    bool is_any = AnySelected(condition.selector, holds);
    return condition.check == Check::kNotExists ? !is_any : is_any;
  }

  template <typename Visit>
  bool AnySelected(size_t selector_index, Visit& visit) {
    const Selector& selector = pattern_.selectors[selector_index];
    if (selector.has_wildcard || selector_index >= kCachedSelectors) {
      return Walk(document_, selector.segments, 0, 0, visit);
    }
    uint32_t& node = resolved_[selector_index];
    if (node == kUnresolved) node = SelectOne(document_, selector);
    return node != JsonDocument::kNotFound && visit(node);
  }

  const Pattern& pattern_;
  const JsonDocument& document_;
  std::array<uint32_t, kCachedSelectors> resolved_;
};

bool MatchesTerms(const Pattern& pattern, std::string_view message) {
  bool has_required_or_excluded = false;
  bool is_optional_found = false;
  for (const Term& term : pattern.terms) {
    bool is_found = message.find(term.text) != std::string_view::npos;
    switch (term.kind) {
      case TermKind::kRequired:
        if (!is_found) return false;
        has_required_or_excluded = true;
        break;
      case TermKind::kExcluded:
        if (is_found) return false;
        has_required_or_excluded = true;
        break;
      case TermKind::kOptional:
        is_optional_found = is_optional_found || is_found;
        break;
    }
  }
  return has_required_or_excluded || is_optional_found;
}

/// Where the slots of a delimited pattern fall in one event's fields.
class DelimitedLayout {
 public:
  DelimitedLayout(const Pattern& pattern, const Event& event)
      : slots_(pattern.slots), fields_(event.Fields()), message_(event.message()) {
    const size_t slot_count = slots_.size();
    const size_t field_count = fields_.size();
    for (size_t i = 0; i < slot_count; ++i) {
      if (slots_[i].kind == Slot::Kind::kEllipsis) ellipsis_ = i;
    }
    if (ellipsis_ == kNone) {
      fits_ = field_count >= slot_count;
      last_takes_rest_ = slot_count > 0 && field_count > slot_count;
    } else {
      fits_ = field_count + 1 >= slot_count;
      if (fits_) ellipsis_count_ = field_count + 1 - slot_count;
    }
  }

  bool fits() const { return fits_; }

  /// The first field of slot `slot` (for '...', the first field it covers).
  size_t FirstField(size_t slot) const {
    return ellipsis_ == kNone || slot <= ellipsis_ ? slot : slot - 1 + ellipsis_count_;
  }

  size_t EllipsisCount() const { return ellipsis_count_; }

  /// The value slot `slot` (not '...') matches against.
  std::string_view Value(size_t slot) const {
    const Field& field = fields_[FirstField(slot)];
    if (!last_takes_rest_ || slot + 1 != slots_.size()) return field.value;
    std::string_view rest = message_.substr(field.begin);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
    return rest;
  }

 private:
  static constexpr size_t kNone = SIZE_MAX;
  const std::vector<Slot>& slots_;
  const std::vector<Field>& fields_;
  std::string_view message_;
  size_t ellipsis_ = kNone;
  size_t ellipsis_count_ = 0;
  bool fits_ = false;
  bool last_takes_rest_ = false;
};

bool SlotMatches(const Pattern& pattern, const Slot& slot, std::string_view value) {
  if (slot.any_of.empty()) return true;
  for (const std::vector<Condition>& all_of : slot.any_of) {
    bool is_all = true;
    for (const Condition& condition : all_of) {
      if (!Compare(pattern, condition, value)) {
        is_all = false;
        break;
      }
    }
    if (is_all) return true;
  }
  return false;
}

bool MatchesDelimited(const Pattern& pattern, const DelimitedLayout& layout) {
  if (!layout.fits()) return false;
  for (size_t i = 0; i < pattern.slots.size(); ++i) {
    const Slot& slot = pattern.slots[i];
    if (slot.kind == Slot::Kind::kNamed && !SlotMatches(pattern, slot, layout.Value(i))) return false;
  }
  return true;
}

/// An extracted value's key: `$` and the field's name or 1-based position.
std::string Key(std::string_view name) {
  std::string key(1, '$');
  key.append(name);
  return key;
}

std::vector<ExtractedValue> ExtractDelimited(const Pattern& pattern, const DelimitedLayout& layout,
                                             const std::vector<Field>& fields) {
  std::vector<ExtractedValue> values;
  auto positional = [&](size_t field) {
    values.push_back({Key(std::to_string(field + 1)), std::string(fields[field].value)});
  };
  if (pattern.slots.empty()) {
    for (size_t field = 0; field < fields.size(); ++field) positional(field);
    return values;
  }
  for (size_t i = 0; i < pattern.slots.size(); ++i) {
    const Slot& slot = pattern.slots[i];
    size_t first = layout.FirstField(i);
    switch (slot.kind) {
      case Slot::Kind::kEllipsis:
        for (size_t field = first; field < first + layout.EllipsisCount(); ++field) positional(field);
        break;
      case Slot::Kind::kNamed:
        values.push_back({Key(slot.name), std::string(layout.Value(i))});
        break;
      case Slot::Kind::kUnnamed:
        values.push_back({Key(std::to_string(first + 1)), std::string(layout.Value(i))});
        break;
    }
  }
  return values;
}

}  // namespace

std::optional<std::string_view> ScalarText(const JsonNode& node) {
  switch (node.type) {
    case JsonType::kString:
    case JsonType::kNumber:
    case JsonType::kTrue:
    case JsonType::kFalse:
      return node.text;
    default:
      return std::nullopt;
  }
}

uint32_t SelectOne(const JsonDocument& document, const Selector& selector) {
  uint32_t found = JsonDocument::kNotFound;
  auto take = [&](uint32_t node) {
    found = node;
    return true;
  };
  Walk(document, selector.segments, 0, 0, take);
  return found;
}

bool Matches(const Pattern& pattern, const Event& event) {
  switch (pattern.family) {
    case Family::kMatchAll:
      return true;
    case Family::kTerms:
      return MatchesTerms(pattern, event.message());
    case Family::kRegex:
      return pattern.regexes[0].Search(event.message());
    case Family::kJson: {
      const JsonDocument* document = event.Json();
      return document != nullptr && JsonEvaluator(pattern, *document).Evaluate(pattern.expr);
    }
    case Family::kDelimited:
      return MatchesDelimited(pattern, DelimitedLayout(pattern, event));
  }
  return false;
}

MatchResult Match(const Pattern& pattern, const Event& event) {
  MatchResult result;
  if (pattern.family != Family::kDelimited) {
    result.matched = Matches(pattern, event);
    return result;
  }
  DelimitedLayout layout(pattern, event);
  result.matched = MatchesDelimited(pattern, layout);
  if (result.matched) result.extracted_values = ExtractDelimited(pattern, layout, event.Fields());
  return result;
}

std::vector<MatchRecord> TestMessages(const Pattern& pattern, const std::vector<std::string>& messages) {
  std::vector<MatchRecord> records;
  Event event;
  for (size_t i = 0; i < messages.size(); ++i) {
    event.Reset(messages[i]);
    MatchResult result = Match(pattern, event);
    if (result.matched) records.push_back({i, messages[i], std::move(result.extracted_values)});
  }
  return records;
}

}  // namespace trailbox::filter
