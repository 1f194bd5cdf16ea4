// The filter-pattern tree: what Compile (parser.cpp) builds from a pattern's text, and what the matcher, value
// extraction and `trailbox test-pattern --explain` read. One tree for every family of the CloudWatch Logs
// filter-pattern language (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html;
// shared/reference/filter-patterns.md is the working spec, cited below as "spec §N").
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "filter/regex.hpp"

namespace trailbox::filter {

/// The family of a pattern, decided by its first character (spec §2).
enum class Family {
  kMatchAll,   // empty pattern, or one quoted blank phrase: every event matches
  kTerms,      // ERROR ?WARN -DEBUG "exact phrase": substrings of the raw message
  kRegex,      // %regex%: the whole pattern is one regular expression searched in the raw message
  kJson,       // { $.selector = value && ... }: conditions on the event's JSON document
  kDelimited,  // [ip, user, ..., status_code = 4*, bytes]: conditions on space-delimited fields
};

/// The prefix of a term.
enum class TermKind {
  kRequired,  // ERROR: must occur
  kExcluded,  // -ERROR: must not occur
  kOptional,  // ?ERROR: one of the optional terms must occur, unless there are required or excluded terms
};

/// One item of a term pattern: the text to look for (quotes removed) and its prefix.
struct Term {
  TermKind kind = TermKind::kRequired;
  std::string text;
};

/// A comparison operator: = != < <= > >=.
enum class CompareOp { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

/// How a text operand meets a value: `abc` exact, `abc*` prefix, `*abc` suffix, `*abc*` contains, `*` any value.
/// A `*` inside the text is a literal character (spec §5.3: "Ev*ent will only match the actual string Ev*ent").
enum class TextMatch { kExact, kPrefix, kSuffix, kContains, kAny };

/// The right-hand side of a comparison.
struct Operand {
  enum class Kind {
    kText,    // quoted or bare string, maybe with leading/trailing `*`
    kNumber,  // a number literal (+1000, 1e-3, 55.5); also compared as text against non-number JSON values
    kRegex,   // %regex%
  };
  Kind kind = Kind::kText;
  /// kText: the literal without its wildcards; kNumber: the literal as written; kRegex: the expression.
  std::string text;
  TextMatch text_match = TextMatch::kExact;
  double number = 0;
  /// kRegex: index into Pattern::regexes.
  size_t regex = 0;
};

/// What a condition tests. Only kCompare exists in space-delimited patterns.
enum class Check { kCompare, kIsNull, kIsTrue, kIsFalse, kNotExists };

/// One test on a value: `$.a.b != "x"`, `$.flag IS TRUE`, `status_code = 4*`.
struct Condition {
  Check check = Check::kCompare;
  CompareOp op = CompareOp::kEqual;
  Operand operand;
  /// JSON: index into Pattern::selectors (conditions on the same selector share one entry).
  size_t selector = 0;
  /// Where the condition starts in the pattern text.
  size_t position = 0;
};

/// One step of a JSON selector: `.name`, `.['dotted.name']`, `[3]`, `.*`, `[*]`.
struct Segment {
  enum class Kind { kMember, kIndex, kAnyMember, kAnyIndex };
  Kind kind = Kind::kMember;
  std::string name;
  uint32_t index = 0;
};

/// A JSON property selector such as `$.userIdentity.type` or `$.objectList[1].id`.
struct Selector {
  std::string text;
  std::vector<Segment> segments;
  bool has_wildcard = false;
};

/// A node of a JSON pattern's boolean expression. && binds tighter than ||; parentheses group (spec §5.1).
struct Expr {
  enum class Kind { kAnd, kOr, kCondition };
  Kind kind = Kind::kCondition;
  std::vector<Expr> children;
  Condition condition;
};

/// One comma-separated slot of a space-delimited pattern.
struct Slot {
  enum class Kind {
    kNamed,     // `status_code` or `status_code = 4* || status_code = 5*`
    kUnnamed,   // an empty slot, as in the trailing comma of `[..., status_code=4*,]`
    kEllipsis,  // `...`: zero or more fields
  };
  Kind kind = Kind::kUnnamed;
  std::string name;
  /// Conditions on the field as alternatives of conjunctions (a || b && c is {{a}, {b, c}}); empty: any value.
  std::vector<std::vector<Condition>> any_of;
};

/// A compiled filter pattern. Built only by Compile (parser.hpp); immutable afterwards and safe to share
/// between threads.
struct Pattern {
  /// The text as given (PutMetricFilter stores and returns it byte for byte).
  std::string text;
  Family family = Family::kMatchAll;
  /// kTerms.
  std::vector<Term> terms;
  /// Every regular expression in the pattern; for kRegex the first is the whole pattern.
  std::vector<Regex> regexes;
  /// kJson: the distinct selectors the conditions read, and the expression.
  std::vector<Selector> selectors;
  Expr expr;
  /// kDelimited.
  std::vector<Slot> slots;
  /// The fields this pattern reads: JSON selectors (`$.eventName`) or delimited slot keys (`$status_code`).
  /// Term and regex patterns read the raw message and list nothing.
  std::vector<std::string> fields;
};

}  // namespace trailbox::filter
