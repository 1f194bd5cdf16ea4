// Compile (parser.hpp): the CloudWatch Logs filter-pattern language, parsed by recursive descent into the tree of
// pattern.hpp. Sources: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/regex-expressions.html and the archived pages cited in
// shared/reference/filter-patterns.md ("spec §N" below). This comment is the grammar's specification.
//
// CLASSIFICATION (spec §2), on the text with surrounding white space (space, tab, CR, LF) removed:
//   empty                           -> match-all (so is a text of only white space: Open, spec §13.4)
//   first character '{'             -> json-pattern; the last must be '}'
//   first character '['             -> delimited-pattern; the last must be ']'
//   first and last characters '%'   -> regex-pattern: the whole pattern is one regular expression
//   anything else                   -> term-pattern
// A pattern is at most 1024 characters, counted as the API counts them (code points of the whole text).
//
// TOKENS (lexer.cpp) of json and delimited bodies; any white space, or none, may separate them:
//   selector  := '$' ( [A-Za-z0-9_-] | '.' | '*' | '[' | ']' | "'" <any but '> "'" )*   (checked below)
//   quoted    := '"' ( '\"' | '\\' | <any but "> )* '"'        \" is ", \\ is \, any other \ is itself
//   regex     := '%' <any but %>+ '%'                          (checked by regex.cpp, spec §4)
//   compare   := '=' | '!=' | '<' | '<=' | '>' | '>='
//   and := '&&'   or := '||'   lparen := '('   rparen := ')'   comma := ','
//   word      := <any but white space and ( ) , & | = ! < > [ ] { }>+   names, values, numbers, '...', keywords
//
// term-pattern := term ( WS+ term )*
//   term       := prefix? WS* ( quoted | bare-term )     a quoted term is followed by white space or the end;
//                                                        Open: a prefix may stand apart from its term
//   prefix     := '?' | '-'
//   bare-term  := [A-Za-z0-9_]+
//   A pattern that is one unprefixed quoted phrase of only white space (`" "`, `""`) matches every event.
//
// regex-pattern := '%' regex '%'
//
// json-pattern := '{' or-expr '}'
//   or-expr    := and-expr ( or and-expr )*                  precedence: ( ) over && over ||  (spec §5.1)
//   and-expr   := unary ( and unary )*
//   unary      := lparen or-expr rparen | condition
//   condition  := selector compare value
//               | selector 'IS' ( 'NULL' | 'TRUE' | 'FALSE' )
//               | selector 'NOT' 'EXISTS'
//   selector   := '$' segment+                               the first segment starts with '.'
//   segment    := '.' name | '.' '*' | '.' "['" key "']" | '[' digits ']' | '[' '*' ']'
//   name       := [A-Za-z0-9_-]+                             key := <any but '>*
//   value      := number | quoted | bare-value | regex       after < <= > >= only a number; a regex only
//                                                            after = or !=
//   number     := [+-]? digits ( '.' digits )? ( [eE] [+-]? digits )?
//   bare-value := [A-Za-z0-9_.*-]+
//   In quoted and bare values a leading and/or trailing '*' is a wildcard; '*' alone means "any value"; a '*'
//   elsewhere is a literal character.
//
// delimited-pattern := '[' ( slot ( comma slot )* )? ']'
//   slot       := '...'                                      zero or more fields, at most once per pattern
//               | field-name?                              an unnamed slot when empty
//               | field-name compare value ( ( and | or ) field-name compare value )*
//   field-name := [A-Za-z0-9_-]+, not all digits; all names within one slot are the same, case-sensitively
//   value      := as in json-pattern
//   `[]` has no slots and matches every event; `[,]` has two unnamed slots.
//
// LIMITS: at most 2 regexes per pattern; JSON wildcard segments (.* and [*]) at most 1 per selector and 3 per
// pattern (spec §1).
//
// KEYWORDS are upper-case. Open (spec §13.6): `is null`, `not exists` are rejected with a message naming the
// upper-case form. `IS NOT` and `EXISTS` alone are rejected as AWS documents ("currently aren't supported").
// Open: bare values are [A-Za-z0-9_.*-]+ (AWS's own examples leave `iam.amazonaws.com`, `123.123.*`,
// `*.8xlarge` unquoted; A2018 requires quotes for '@', '$', '\' and non-ASCII); anything else must be quoted.
// Open: a field name may not be all digits (it would collide with the positional keys $1, $2, ...), and two slots
// may not share a name (their extracted values would collide).
// Open (spec §12.10): field names are case-sensitive, so `[w1=ERROR || W1=WARNING, w2]` (A2022) is rejected.
#include "filter/parser.hpp"

#include <algorithm>

#include "filter/lexer.hpp"

namespace trailbox::filter {
namespace {

bool IsBareValueCharacter(char c) { return IsNameCharacter(c) || c == '.' || c == '*'; }

bool IsWhiteSpaceOnly(std::string_view text) { return std::all_of(text.begin(), text.end(), IsWhiteSpace); }

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string OperatorText(CompareOp op) {
  switch (op) {
    case CompareOp::kEqual: return "=";
    case CompareOp::kNotEqual: return "!=";
    case CompareOp::kLess: return "<";
    case CompareOp::kLessEqual: return "<=";
    case CompareOp::kGreater: return ">";
    case CompareOp::kGreaterEqual: return ">=";
  }
  return "=";
}

/// A text operand: wildcards at the ends become the match kind.
Operand TextOperand(std::string_view text) {
  Operand operand;
  operand.kind = Operand::Kind::kText;
  if (text == "*") {
    operand.text_match = TextMatch::kAny;
    return operand;
  }
  bool is_leading = !text.empty() && text.front() == '*';
  if (is_leading) text.remove_prefix(1);
  bool is_trailing = !text.empty() && text.back() == '*';
  if (is_trailing) text.remove_suffix(1);
  operand.text = std::string(text);
  operand.text_match = is_leading && is_trailing ? TextMatch::kContains
                       : is_leading              ? TextMatch::kSuffix
                       : is_trailing             ? TextMatch::kPrefix
                                                 : TextMatch::kExact;
  return operand;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { pattern_.text = std::string(text); }

  Pattern Run() {
    CheckLength();
    size_t begin = 0;
    size_t end = text_.size();
    while (begin < end && IsWhiteSpace(text_[begin])) ++begin;
    while (end > begin && IsWhiteSpace(text_[end - 1])) --end;
    if (begin == end) {
      pattern_.family = Family::kMatchAll;
    } else if (text_[begin] == '{') {
      ParseJson(begin, end);
    } else if (text_[begin] == '[') {
      ParseDelimited(begin, end);
    } else if (end - begin >= 2 && text_[begin] == '%' && text_[end - 1] == '%') {
      pattern_.family = Family::kRegex;
      pattern_.regexes.push_back(Regex::Compile(text_.substr(begin + 1, end - begin - 2), begin + 1));
    } else {
      ParseTerms(begin, end);
    }
    return std::move(pattern_);
  }

 private:
  void CheckLength() const {
    size_t characters = 0;
    for (size_t i = 0; i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) continue;
      if (++characters > kMaxPatternLength) {
        throw MakeSyntaxError(i, "a filter pattern is at most " + std::to_string(kMaxPatternLength) +
                                     " characters long");
      }
    }
  }

  void ParseTerms(size_t begin, size_t end) {
    std::vector<TermToken> items = LexTerms(text_, begin, end);
    if (items.size() == 1 && items[0].is_quoted && items[0].kind == TermKind::kRequired &&
        IsWhiteSpaceOnly(items[0].text)) {
      pattern_.family = Family::kMatchAll;
      return;
    }
    pattern_.family = Family::kTerms;
    for (TermToken& item : items) pattern_.terms.push_back({item.kind, std::move(item.text)});
  }

  void ParseJson(size_t begin, size_t end) {
    if (text_[end - 1] != '}') {
      throw MakeSyntaxError(end - 1, "If a filter pattern starts with '{' it must end with '}'");
    }
    pattern_.family = Family::kJson;
    Lexer lexer(text_, begin + 1, end - 1);
    pattern_.expr = ParseOr(lexer);
    const Token& rest = lexer.Peek();
    if (rest.kind != TokenKind::kEnd) {
      throw MakeSyntaxError(rest.position, "expected '&&', '||' or the closing '}' after a condition, found " +
                                               Describe(rest));
    }
    for (const Selector& selector : pattern_.selectors) pattern_.fields.push_back(selector.text);
  }

  Expr ParseOr(Lexer& lexer) { return ParseChain(lexer, TokenKind::kOr, Expr::Kind::kOr); }

  Expr ParseAnd(Lexer& lexer) { return ParseChain(lexer, TokenKind::kAnd, Expr::Kind::kAnd); }

  /// operand ( op operand )*, where the operands of || are &&-chains and those of && are unaries; a nested
  /// chain of the same kind (from parentheses) is flattened into this one.
  Expr ParseChain(Lexer& lexer, TokenKind op, Expr::Kind kind) {
    Expr chain;
    chain.kind = kind;
    for (;;) {
      Expr operand = kind == Expr::Kind::kOr ? ParseAnd(lexer) : ParseUnary(lexer);
      if (operand.kind == kind) {
        for (Expr& child : operand.children) chain.children.push_back(std::move(child));
      } else {
        chain.children.push_back(std::move(operand));
      }
      if (lexer.Peek().kind != op) break;
      lexer.Take();
    }
    if (chain.children.size() == 1) return std::move(chain.children[0]);
    return chain;
  }

  Expr ParseUnary(Lexer& lexer) {
    if (lexer.Peek().kind == TokenKind::kLeftParen) {
      Token open = lexer.Take();
      Expr inner = ParseOr(lexer);
      const Token& close = lexer.Peek();
      if (close.kind != TokenKind::kRightParen) {
        throw MakeSyntaxError(close.position, "expected ')' to close the '(' at column " +
                                                  std::to_string(open.position + 1) + ", found " + Describe(close));
      }
      lexer.Take();
      return inner;
    }
    Expr leaf;
    leaf.kind = Expr::Kind::kCondition;
    leaf.condition = ParseCondition(lexer);
    return leaf;
  }

  Condition ParseCondition(Lexer& lexer) {
    Token selector = lexer.Take();
    if (selector.kind == TokenKind::kWord) {
      throw MakeSyntaxError(selector.position, "expected a property selector starting with '$.', as in $." +
                                                   std::string(selector.raw) + ", found " + Describe(selector));
    }
    if (selector.kind != TokenKind::kSelector) {
      throw MakeSyntaxError(selector.position, "expected a condition such as $.eventName = \"CreateTrail\", found " +
                                                   Describe(selector));
    }
    Condition condition;
    condition.position = selector.position;
    condition.selector = AddSelector(selector);
    const Token& next = lexer.Peek();
    if (next.kind == TokenKind::kCompare) {
      Token op = lexer.Take();
      condition.op = op.op;
      condition.operand = ParseValue(lexer, op);
      return condition;
    }
    std::string keyword = next.kind == TokenKind::kWord ? std::string(next.raw) : std::string();
    if (keyword == "IS") {
      lexer.Take();
      Token what = lexer.Take();
      if (what.raw == "NULL" || what.raw == "TRUE" || what.raw == "FALSE") {
        condition.check = what.raw == "NULL" ? Check::kIsNull : what.raw == "TRUE" ? Check::kIsTrue : Check::kIsFalse;
        return condition;
      }
      if (what.raw == "NOT") {
        throw MakeSyntaxError(what.position, "IS NOT is not supported by CloudWatch Logs: use != or NOT EXISTS");
      }
      std::string upper = Upper(what.raw);
      if (upper == "NULL" || upper == "TRUE" || upper == "FALSE") {
        throw MakeSyntaxError(what.position, "keywords are upper-case: write 'IS " + upper + "'");
      }
      throw MakeSyntaxError(what.position, "expected NULL, TRUE or FALSE after IS, found " + Describe(what));
    }
    if (keyword == "NOT") {
      lexer.Take();
      Token what = lexer.Take();
      if (what.raw == "EXISTS") {
        condition.check = Check::kNotExists;
        return condition;
      }
      if (Upper(what.raw) == "EXISTS") {
        throw MakeSyntaxError(what.position, "keywords are upper-case: write 'NOT EXISTS'");
      }
      throw MakeSyntaxError(what.position, "expected EXISTS after NOT, found " + Describe(what));
    }
    if (keyword == "EXISTS") {
      throw MakeSyntaxError(next.position, "EXISTS is not supported by CloudWatch Logs: write NOT EXISTS, or "
                                           "'= *' to require a value");
    }
    std::string upper = Upper(keyword);
    if (upper == "IS" || upper == "NOT" || upper == "EXISTS") {
      throw MakeSyntaxError(next.position, "keywords are upper-case: write '" + upper + "'");
    }
    throw MakeSyntaxError(next.position, "expected a comparison (=, !=, <, <=, >, >=), IS or NOT EXISTS after " +
                                             std::string(selector.raw) + ", found " + Describe(next));
  }

  size_t AddSelector(const Token& token) {
    Selector selector = ParseSelector(token.raw, token.position);
    if (selector.has_wildcard && ++wildcard_count_ > kMaxWildcardsPerPattern) {
      throw MakeSyntaxError(token.position, "a filter pattern may use at most " +
                                                std::to_string(kMaxWildcardsPerPattern) + " wildcard selectors");
    }
    for (size_t i = 0; i < pattern_.selectors.size(); ++i) {
      if (pattern_.selectors[i].text == selector.text) return i;
    }
    pattern_.selectors.push_back(std::move(selector));
    return pattern_.selectors.size() - 1;
  }

  Operand ParseValue(Lexer& lexer, const Token& op) {
    Token value = lexer.Take();
    const bool is_ordering = op.op != CompareOp::kEqual && op.op != CompareOp::kNotEqual;
    const std::string after = " after '" + OperatorText(op.op) + "'";
    if (value.kind == TokenKind::kRegex) {
      if (is_ordering) {
        throw MakeSyntaxError(value.position, "a regular expression can only follow = or !=, not '" +
                                                  OperatorText(op.op) + "'");
      }
      if (++regex_count_ > kMaxRegexesPerPattern) {
        throw MakeSyntaxError(value.position, "a filter pattern may contain at most " +
                                                  std::to_string(kMaxRegexesPerPattern) + " regular expressions");
      }
      pattern_.regexes.push_back(Regex::Compile(value.value, value.position + 1));
      Operand operand;
      operand.kind = Operand::Kind::kRegex;
      operand.text = value.value;
      operand.regex = pattern_.regexes.size() - 1;
      return operand;
    }
    if (value.kind == TokenKind::kWord) {
      if (std::optional<double> number = ParseNumber(value.raw)) {
        Operand operand;
        operand.kind = Operand::Kind::kNumber;
        operand.text = value.value;
        operand.number = *number;
        return operand;
      }
    }
    if (is_ordering && (value.kind == TokenKind::kWord || value.kind == TokenKind::kQuoted)) {
      throw MakeSyntaxError(value.position, "expected a number" + after + ", found " + Describe(value));
    }
    if (value.kind == TokenKind::kQuoted) return TextOperand(value.value);
    if (value.kind != TokenKind::kWord) {
      throw MakeSyntaxError(value.position, "expected a value" + after + ", found " + Describe(value));
    }
    for (size_t i = 0; i < value.raw.size(); ++i) {
      char c = value.raw[i];
      if (IsBareValueCharacter(c)) continue;
      std::string shown = static_cast<unsigned char>(c) >= 0x80 ? "non-ASCII characters" : std::string{'\'', c, '\''};
      throw MakeSyntaxError(value.position + i, "Invalid character(s) in term '" + std::string(value.raw) +
                                                    "': " + shown + " must be inside double quotes, as in \"" +
                                                    std::string(value.raw) + "\"");
    }
    return TextOperand(value.raw);
  }

  void ParseDelimited(size_t begin, size_t end) {
    if (text_[end - 1] != ']') {
      throw MakeSyntaxError(end - 1, "If a filter pattern starts with '[' it must end with ']'");
    }
    pattern_.family = Family::kDelimited;
    Lexer lexer(text_, begin + 1, end - 1);
    if (lexer.Peek().kind == TokenKind::kEnd) return;
    for (;;) {
      pattern_.slots.push_back(ParseSlot(lexer));
      const Token& next = lexer.Peek();
      if (next.kind == TokenKind::kEnd) break;
      if (next.kind != TokenKind::kComma) {
        throw MakeSyntaxError(next.position, "expected ',' or the closing ']' after a field, found " + Describe(next));
      }
      lexer.Take();
    }
    for (const Slot& slot : pattern_.slots) {
      if (slot.kind == Slot::Kind::kNamed) pattern_.fields.push_back("$" + slot.name);
    }
  }

  Slot ParseSlot(Lexer& lexer) {
    Slot slot;
    const Token& first = lexer.Peek();
    if (first.kind == TokenKind::kComma || first.kind == TokenKind::kEnd) return slot;
    if (first.kind != TokenKind::kWord) {
      throw MakeSyntaxError(first.position, "expected a field name, '...' or ',', found " + Describe(first));
    }
    Token name = lexer.Take();
    if (name.raw == "...") {
      if (has_ellipsis_) throw MakeSyntaxError(name.position, "'...' may appear only once in a pattern");
      has_ellipsis_ = true;
      slot.kind = Slot::Kind::kEllipsis;
      return slot;
    }
    CheckFieldName(name);
    slot.kind = Slot::Kind::kNamed;
    slot.name = std::string(name.raw);
    if (lexer.Peek().kind != TokenKind::kCompare) return slot;
    slot.any_of.emplace_back();
    size_t subject_position = name.position;
    for (;;) {
      Token op = lexer.Take();
      Condition condition;
      condition.position = subject_position;
      condition.op = op.op;
      condition.operand = ParseValue(lexer, op);
      slot.any_of.back().push_back(std::move(condition));
      TokenKind joiner = lexer.Peek().kind;
      if (joiner != TokenKind::kAnd && joiner != TokenKind::kOr) break;
      lexer.Take();
      if (joiner == TokenKind::kOr) slot.any_of.emplace_back();
      Token again = lexer.Take();
      if (again.kind != TokenKind::kWord || again.raw != slot.name) {
        throw MakeSyntaxError(again.position, "each condition in a field must name that field: expected '" +
                                                  slot.name + "', found " + Describe(again));
      }
      subject_position = again.position;
      const Token& compare = lexer.Peek();
      if (compare.kind != TokenKind::kCompare) {
        throw MakeSyntaxError(compare.position, "expected a comparison after '" + slot.name + "', found " +
                                                    Describe(compare));
      }
    }
    return slot;
  }

  void CheckFieldName(const Token& name) {
    for (size_t i = 0; i < name.raw.size(); ++i) {
      if (!IsNameCharacter(name.raw[i])) {
        throw MakeSyntaxError(name.position + i, "invalid field name " + Describe(name) +
                                                     ": names use letters, digits, '_' and '-'");
      }
    }
    if (std::all_of(name.raw.begin(), name.raw.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw MakeSyntaxError(name.position, "a field name cannot be a number (" + Describe(name) +
                                               " would collide with the positional value $" +
                                               std::string(name.raw) + ")");
    }
    for (const Slot& slot : pattern_.slots) {
      if (slot.kind == Slot::Kind::kNamed && slot.name == name.raw) {
        throw MakeSyntaxError(name.position, "field name " + Describe(name) + " is used twice");
      }
    }
  }

  std::string_view text_;
  Pattern pattern_;
  size_t wildcard_count_ = 0;
  size_t regex_count_ = 0;
  bool has_ellipsis_ = false;
};

}  // namespace

Selector ParseSelector(std::string_view text, size_t position) {
  Selector selector;
  selector.text = std::string(text);
  if (text.size() < 2 || text[0] != '$' || text[1] != '.') {
    throw MakeSyntaxError(position, "a property selector starts with '$.', as in $.eventName");
  }
  size_t wildcards = 0;
  size_t at = 1;
  auto fail = [&](size_t offset, const std::string& what) { throw MakeSyntaxError(position + offset, what); };
  while (at < text.size()) {
    Segment segment;
    if (text[at] == '.') {
      ++at;
      if (at < text.size() && text[at] == '*') {
        segment.kind = Segment::Kind::kAnyMember;
        ++at;
      } else if (at + 1 < text.size() && text[at] == '[' && text[at + 1] == '\'') {
        size_t close = text.find('\'', at + 2);
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ']') {
          fail(at, "expected ['key'] after '.'");
        }
        segment.name = std::string(text.substr(at + 2, close - at - 2));
        at = close + 2;
      } else {
        size_t begin = at;
        while (at < text.size() && IsNameCharacter(text[at])) ++at;
        if (at == begin) fail(begin, "expected a property name after '.' in " + std::string(text));
        segment.name = std::string(text.substr(begin, at - begin));
      }
    } else if (text[at] == '[') {
      size_t open = at++;
      if (at < text.size() && text[at] == '*') {
        segment.kind = Segment::Kind::kAnyIndex;
        ++at;
      } else {
        segment.kind = Segment::Kind::kIndex;
        size_t begin = at;
        uint64_t index = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
          index = index * 10 + static_cast<uint64_t>(text[at++] - '0');
          if (index > UINT32_MAX) fail(begin, "array index too large");
        }
        if (at == begin) fail(open, "expected an array index or '*' inside [ ] (a quoted key is written .['key'])");
        segment.index = static_cast<uint32_t>(index);
      }
      if (at >= text.size() || text[at] != ']') fail(at, "expected ']' to close the '[' at column " +
                                                              std::to_string(position + open + 1));
      ++at;
    } else {
      fail(at, "unexpected '" + std::string(1, text[at]) + "' in property selector " + std::string(text));
    }
    if (segment.kind == Segment::Kind::kAnyMember || segment.kind == Segment::Kind::kAnyIndex) {
      selector.has_wildcard = true;
      if (++wildcards > 1) fail(at - 1, "a property selector may use at most one wildcard ('*')");
    }
    selector.segments.push_back(std::move(segment));
  }
  return selector;
}

CompileResult Compile(std::string_view text) {
  try {
    return Parser(text).Run();
  } catch (SyntaxError& error) {
    return std::move(error);
  }
}

}  // namespace trailbox::filter
