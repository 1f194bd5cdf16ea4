// Tokens of filter patterns: the lexical half of the grammar whose full specification is the opening comment of
// parser.cpp, and the lexical rules the matcher shares (what a number is). Follows
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html (spec §3, §5.1, §6.2).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filter/pattern.hpp"

namespace trailbox::filter {

/// What a token is.
enum class TokenKind {
  kEnd,         // end of the body
  kWord,        // a run of value characters: a name, bare value, number, `...`, or IS / NOT / NULL / TRUE ...
  kSelector,    // `$` and the selector characters after it: $.a.b[0], $.['k.k'], $.*
  kQuoted,      // "..."; value: the contents with \" and \\ unescaped
  kRegex,       // %...%; value: the expression between the % signs
  kCompare,     // = != < <= > >=
  kAnd,         // &&
  kOr,          // ||
  kLeftParen,   // (
  kRightParen,  // )
  kComma,       // ,
};

/// One token of a JSON or space-delimited pattern body.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  /// The token as written (quotes and % signs included); for kEnd, the closing } or ] of the body, if any.
  std::string_view raw;
  /// kQuoted and kRegex: the contents; other kinds: `raw`.
  std::string value;
  /// kCompare: which operator.
  CompareOp op = CompareOp::kEqual;
  /// Offset of the token in the whole pattern text.
  size_t position = 0;
};

/// Reads the tokens of a JSON or space-delimited pattern body, the text between `begin` and `end` of the whole
/// pattern `text` (positions stay those of the whole pattern). Throws SyntaxError on a character no token
/// starts with.
class Lexer {
 public:
  Lexer(std::string_view text, size_t begin, size_t end);
  /// The next token, not consumed.
  const Token& Peek() const { return next_; }
  /// Consumes and returns the next token.
  Token Take();

 private:
  Token Read();
  Token ReadSelector(size_t start);
  Token ReadQuoted(size_t start);
  Token ReadRegex(size_t start);

  std::string_view text_;
  size_t at_;
  size_t end_;
  Token next_;
};

/// One item of a term pattern as written.
struct TermToken {
  TermKind kind = TermKind::kRequired;
  /// The text to search for: quotes removed and escapes resolved.
  std::string text;
  bool is_quoted = false;
  /// Offset of the item (its prefix, if any) in the pattern.
  size_t position = 0;
};

/// Splits the term pattern text[begin, end) into its items. Throws SyntaxError.
std::vector<TermToken> LexTerms(std::string_view text, size_t begin, size_t end);

/// A number as filter patterns write it, [+-]? digits (. digits)? ([eE] [+-]? digits)?, or nullopt for any
/// other text (JSON number nodes and delimited fields are read with the same rule).
std::optional<double> ParseNumber(std::string_view text);

/// Whether `c` is white space between tokens: space, tab, CR or LF.
bool IsWhiteSpace(char c);

/// Whether `c` may appear in a JSON selector name or a delimited field name: [A-Za-z0-9_-].
bool IsNameCharacter(char c);

/// The token as an error message shows it: 'text', or "the end of the pattern".
std::string Describe(const Token& token);

}  // namespace trailbox::filter
