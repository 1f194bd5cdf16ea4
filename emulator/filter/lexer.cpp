// Lexer for filter-pattern bodies and term patterns (lexer.hpp). The token rules are part of the grammar in
// parser.cpp's opening comment; the choices made here:
//   - Open (spec §13.3): inside double quotes, \" is a quote and \\ a backslash (what AWS CDK emits); any other
//     backslash is an ordinary character.
//   - Open (spec §13.2): an unquoted term is [A-Za-z0-9_]+ as AWS documents ("terms that include
//     non-alphanumeric characters" must be quoted). Deviation: AWS accepts `ORDER-ITEM-1` unquoted and finds
//     nothing (awslogs#381); we reject it, naming the character, so the pattern gets fixed instead of silently
//     matching nothing. `.`, `:`, `/`, `@` are rejected as AWS does for `/` and `@` (cw#181).
//   - Open: a `?` or `-` prefix may be separated from its term by spaces; A2018's example `"ERROR" - "Exiting"`
//     excludes "Exiting".
#include "filter/lexer.hpp"

#include <charconv>

#include "filter/syntax_error.hpp"

namespace trailbox::filter {
namespace {

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/// Characters that end a word (besides white space): the operators and brackets of the grammar.
bool IsWordTerminator(char c) {
  static constexpr std::string_view kTerminators = "(),&|=!<>[]{}";
  return kTerminators.find(c) != std::string_view::npos;
}

/// Reads "..." starting at `start` (the opening quote) into `out`; returns the offset after the closing quote.
size_t ReadQuotedText(std::string_view text, size_t start, size_t end, std::string& out) {
  for (size_t at = start + 1; at < end; ++at) {
    char c = text[at];
    if (c == '"') return at + 1;
    if (c == '\\' && at + 1 < end && (text[at + 1] == '"' || text[at + 1] == '\\')) c = text[++at];
    out.push_back(c);
  }
  throw MakeSyntaxError(start, "unterminated quoted string: expected a closing '\"'");
}

std::string PrefixName(TermKind kind) { return kind == TermKind::kOptional ? "'?'" : "'-'"; }

}  // namespace

Lexer::Lexer(std::string_view text, size_t begin, size_t end) : text_(text), at_(begin), end_(end) {
  next_ = Read();
}

Token Lexer::Take() {
  Token token = std::move(next_);
  next_ = Read();
  return token;
}

Token Lexer::Read() {
  while (at_ < end_ && IsWhiteSpace(text_[at_])) ++at_;
  Token token;
  token.position = at_;
  if (at_ >= end_) {
    // The end of a body is its closing } or ]: name that in messages.
    token.raw = text_.substr(end_, end_ < text_.size() ? 1 : 0);
    return token;
  }
  size_t start = at_;
  char c = text_[at_];
  char next = at_ + 1 < end_ ? text_[at_ + 1] : '\0';
  auto simple = [&](TokenKind kind, size_t length, CompareOp op = CompareOp::kEqual) {
    token.kind = kind;
    token.op = op;
    token.raw = text_.substr(start, length);
    token.value = std::string(token.raw);
    at_ += length;
    return token;
  };
  switch (c) {
    case '$': return ReadSelector(start);
    case '"': return ReadQuoted(start);
    case '%': return ReadRegex(start);
    case '(': return simple(TokenKind::kLeftParen, 1);
    case ')': return simple(TokenKind::kRightParen, 1);
    case ',': return simple(TokenKind::kComma, 1);
    case '=': return simple(TokenKind::kCompare, 1, CompareOp::kEqual);
    case '<':
      return next == '=' ? simple(TokenKind::kCompare, 2, CompareOp::kLessEqual)
                         : simple(TokenKind::kCompare, 1, CompareOp::kLess);
    case '>':
      return next == '=' ? simple(TokenKind::kCompare, 2, CompareOp::kGreaterEqual)
                         : simple(TokenKind::kCompare, 1, CompareOp::kGreater);
    case '!':
      if (next != '=') throw MakeSyntaxError(start, "expected '!=' but found '!' alone");
      return simple(TokenKind::kCompare, 2, CompareOp::kNotEqual);
    case '&':
      if (next != '&') throw MakeSyntaxError(start, "expected '&&' but found '&' alone");
      return simple(TokenKind::kAnd, 2);
    case '|':
      if (next != '|') throw MakeSyntaxError(start, "expected '||' but found '|' alone");
      return simple(TokenKind::kOr, 2);
    default:
      break;
  }
  if (IsWordTerminator(c)) throw MakeSyntaxError(start, std::string("unexpected '") + c + "'");
  while (at_ < end_ && !IsWhiteSpace(text_[at_]) && !IsWordTerminator(text_[at_])) ++at_;
  token.kind = TokenKind::kWord;
  token.raw = text_.substr(start, at_ - start);
  token.value = std::string(token.raw);
  return token;
}

Token Lexer::ReadSelector(size_t start) {
  at_ = start + 1;
  while (at_ < end_) {
    char c = text_[at_];
    if (c == '[' && at_ + 1 < end_ && text_[at_ + 1] == '\'') {
      size_t close = text_.find('\'', at_ + 2);
      if (close == std::string_view::npos || close >= end_) {
        throw MakeSyntaxError(at_ + 1, "unterminated quoted key: expected a closing \"'\"");
      }
      at_ = close + 1;
    } else if (IsNameCharacter(c) || c == '.' || c == '*' || c == '[' || c == ']') {
      ++at_;
    } else {
      break;
    }
  }
  Token token;
  token.kind = TokenKind::kSelector;
  token.position = start;
  token.raw = text_.substr(start, at_ - start);
  token.value = std::string(token.raw);
  return token;
}

Token Lexer::ReadQuoted(size_t start) {
  Token token;
  token.kind = TokenKind::kQuoted;
  token.position = start;
  at_ = ReadQuotedText(text_, start, end_, token.value);
  token.raw = text_.substr(start, at_ - start);
  return token;
}

Token Lexer::ReadRegex(size_t start) {
  size_t close = text_.find('%', start + 1);
  if (close == std::string_view::npos || close >= end_) {
    throw MakeSyntaxError(start, "unterminated regular expression: expected a closing '%'");
  }
  Token token;
  token.kind = TokenKind::kRegex;
  token.position = start;
  token.raw = text_.substr(start, close + 1 - start);
  token.value = std::string(text_.substr(start + 1, close - start - 1));
  at_ = close + 1;
  return token;
}

std::vector<TermToken> LexTerms(std::string_view text, size_t begin, size_t end) {
  std::vector<TermToken> items;
  size_t at = begin;
  auto skip_space = [&]() {
    while (at < end && IsWhiteSpace(text[at])) ++at;
  };
  for (skip_space(); at < end; skip_space()) {
    TermToken item;
    item.position = at;
    if (text[at] == '?' || text[at] == '-') {
      item.kind = text[at] == '?' ? TermKind::kOptional : TermKind::kExcluded;
      ++at;
      skip_space();
      if (at >= end) throw MakeSyntaxError(item.position, "expected a term after " + PrefixName(item.kind));
    }
    if (text[at] == '"') {
      item.is_quoted = true;
      at = ReadQuotedText(text, at, end, item.text);
      if (at < end && !IsWhiteSpace(text[at])) {
        throw MakeSyntaxError(at, "expected a space after the closing '\"' of a quoted term");
      }
    } else {
      size_t word_begin = at;
      while (at < end && !IsWhiteSpace(text[at])) ++at;
      std::string_view word = text.substr(word_begin, at - word_begin);
      for (size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (IsAsciiAlnum(c) || c == '_') continue;
        std::string what = "Invalid character(s) in term '" + std::string(word) + "': ";
        if (static_cast<unsigned char>(c) >= 0x80) {
          what += "non-ASCII characters";
        } else {
          what += std::string("'") + c + "'";
        }
        what += " must be inside double quotes, as in \"" + std::string(word) + "\"";
        throw MakeSyntaxError(word_begin + i, std::move(what));
      }
      item.text = std::string(word);
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::optional<double> ParseNumber(std::string_view text) {
  size_t at = 0;
  auto digits = [&]() {
    size_t first = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    return at > first;
  };
  bool has_plus = !text.empty() && text[0] == '+';
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) ++at;
  if (!digits()) return std::nullopt;
  if (at < text.size() && text[at] == '.') {
    ++at;
    if (!digits()) return std::nullopt;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    if (!digits()) return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  const char* first = text.data() + (has_plus ? 1 : 0);
  double value = 0;
  auto [end, error] = std::from_chars(first, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool IsWhiteSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsNameCharacter(char c) { return IsAsciiAlnum(c) || c == '_' || c == '-'; }

std::string Describe(const Token& token) {
  if (token.raw.empty()) return "the end of the pattern";
  std::string shown(1, '\'');
  shown.append(token.raw);
  shown.push_back('\'');
  return shown;
}

}  // namespace trailbox::filter
