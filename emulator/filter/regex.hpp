// Regular expressions of the filter-pattern language: the text between two % signs
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/regex-expressions.html; spec §4). AWS's character
// whitelist is enforced; the operators are RE2's minus groups. Matching is a bit-parallel simulation of a
// Thompson NFA: linear in the text, with no backtracking, so no evaluation time limit is needed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trailbox::filter {

/// A compiled expression. Copyable; const methods are safe to call from several threads.
class Regex {
 public:
  /// Compiles `source` (the text between the % signs). `position` is where `source` starts in the pattern, so
  /// that errors point into the pattern. Throws SyntaxError.
  static Regex Compile(std::string_view source, size_t position);

  /// Whether the expression occurs anywhere in `text` (a search, not a full match); ^ and $ anchor to the ends
  /// of `text`. Characters are UTF-8 code points; every non-ASCII code point is one character.
  bool Search(std::string_view text) const;

  /// The expression as written.
  const std::string& source() const { return source_; }

  /// Number of NFA states (for --explain).
  size_t state_count() const { return state_count_; }

 private:
  bool SearchAutomaton(std::string_view text) const;
  const uint64_t* Mask(size_t row) const { return masks_.data() + row * words_; }

  std::string source_;
  /// Set when the expression is one plain string: searched with string_view::find.
  bool is_literal_ = false;
  std::string literal_;
  /// Set when every alternative starts with ^: the search tries position 0 only.
  bool is_anchored_ = false;
  size_t state_count_ = 0;
  size_t words_ = 0;
  /// Rows of `words_` bits each, see the row constants in regex.cpp.
  std::vector<uint64_t> masks_;
};

}  // namespace trailbox::filter
