// Tokens of pattern bodies and term patterns (lexer.hpp), and the number rule shared with the matcher.
#include "filter/lexer.hpp"

#include <gtest/gtest.h>

#include "filter/syntax_error.hpp"

namespace trailbox::filter {
namespace {

std::vector<Token> Tokens(std::string_view text) {
  Lexer lexer(text, 0, text.size());
  std::vector<Token> tokens;
  while (lexer.Peek().kind != TokenKind::kEnd) tokens.push_back(lexer.Take());
  return tokens;
}

TEST(Lexer, JsonBody) {
  std::vector<Token> tokens = Tokens(R"( ($.a.b[0]!="x y"||$.['k.k'] >= -1e3) && $.c = %re% )");
  ASSERT_EQ(tokens.size(), 13u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kLeftParen);
  EXPECT_EQ(tokens[1].kind, TokenKind::kSelector);
  EXPECT_EQ(tokens[1].raw, "$.a.b[0]");
  EXPECT_EQ(tokens[1].position, 2u);
  EXPECT_EQ(tokens[2].op, CompareOp::kNotEqual);
  EXPECT_EQ(tokens[3].kind, TokenKind::kQuoted);
  EXPECT_EQ(tokens[3].value, "x y");
  EXPECT_EQ(tokens[4].kind, TokenKind::kOr);
  EXPECT_EQ(tokens[5].raw, "$.['k.k']");
  EXPECT_EQ(tokens[6].op, CompareOp::kGreaterEqual);
  EXPECT_EQ(tokens[7].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[7].raw, "-1e3");
  EXPECT_EQ(tokens[8].kind, TokenKind::kRightParen);
  EXPECT_EQ(tokens[9].kind, TokenKind::kAnd);
  EXPECT_EQ(tokens[12].kind, TokenKind::kRegex);
  EXPECT_EQ(tokens[12].value, "re");
}

TEST(Lexer, DelimitedBody) {
  std::vector<Token> tokens = Tokens("..., request=*.html*, status_code=4*,");
  ASSERT_EQ(tokens.size(), 10u);
  EXPECT_EQ(tokens[0].raw, "...");
  EXPECT_EQ(tokens[2].raw, "request");
  EXPECT_EQ(tokens[4].raw, "*.html*");
  EXPECT_EQ(tokens[8].raw, "4*");
  EXPECT_EQ(tokens[9].kind, TokenKind::kComma);
}

TEST(Lexer, QuotedEscapes) {
  std::vector<Token> tokens = Tokens(R"("a\"b\\c\d")");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].value, R"(a"b\c\d)");
}

TEST(Lexer, EndTokenNamesTheClosingBracket) {
  std::string_view text = "{ $.a = }";
  Lexer lexer(text, 1, text.size() - 1);
  lexer.Take();
  lexer.Take();
  EXPECT_EQ(Describe(lexer.Peek()), "'}'");
}

TEST(Lexer, Errors) {
  auto error_at = [](std::string_view text) -> size_t {
    try {
      Tokens(text);
    } catch (const SyntaxError& error) {
      return error.position;
    }
    return SIZE_MAX;
  };
  EXPECT_EQ(error_at("a & b"), 2u);
  EXPECT_EQ(error_at("a | b"), 2u);
  EXPECT_EQ(error_at("a ! b"), 2u);
  EXPECT_EQ(error_at("a \"open"), 2u);
  EXPECT_EQ(error_at("a %open"), 2u);
  EXPECT_EQ(error_at("a { b"), 2u);
  EXPECT_EQ(error_at("$.['open"), 3u) << "at the opening quote of the key";
}

TEST(LexTerms, PrefixesQuotesAndSpaces) {
  std::string_view text = R"(  ERROR   ?"a b" -x  - "y")";
  std::vector<TermToken> items = LexTerms(text, 0, text.size());
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].text, "ERROR");
  EXPECT_EQ(items[0].position, 2u);
  EXPECT_EQ(items[1].kind, TermKind::kOptional);
  EXPECT_EQ(items[1].text, "a b");
  EXPECT_TRUE(items[1].is_quoted);
  EXPECT_EQ(items[2].kind, TermKind::kExcluded);
  EXPECT_EQ(items[3].kind, TermKind::kExcluded);
  EXPECT_EQ(items[3].text, "y");
}

TEST(LexTerms, BareTermCharacters) {
  std::string_view good = "abc_XYZ_019";
  EXPECT_EQ(LexTerms(good, 0, good.size()).size(), 1u);
  for (std::string_view bad : {"a.b", "a:b", "a/b", "a@b", "a-b", "a\"b", "caf\xC3\xA9", "a%b"}) {
    EXPECT_THROW(LexTerms(bad, 0, bad.size()), SyntaxError) << bad;
  }
}

TEST(ParseNumber, FilterLanguageNumbers) {
  EXPECT_EQ(ParseNumber("400"), 400.0);
  EXPECT_EQ(ParseNumber("+1000"), 1000.0);
  EXPECT_EQ(ParseNumber("-5"), -5.0);
  EXPECT_EQ(ParseNumber("55.5"), 55.5);
  EXPECT_EQ(ParseNumber("1e-3"), 0.001);
  EXPECT_EQ(ParseNumber("10e3"), 10000.0);
  EXPECT_EQ(ParseNumber("1E+3"), 1000.0);
  for (std::string_view not_number : {"", "+", "1.", ".5", "1e", "1e+", "0x10", "inf", "nan", "1,000", "4*",
                                      "123.123.1", " 1", "1 ", "--1"}) {
    EXPECT_FALSE(ParseNumber(not_number).has_value()) << not_number;
  }
}

}  // namespace
}  // namespace trailbox::filter
