// Compile (parser.hpp): classification of the pattern families, the trees built (precedence, flattening,
// shared selectors, slots), the fields a pattern reads, selector syntax and the errors' positions. Case files in
// fixtures/filter-patterns cover the documented examples; this file covers the tree.
#include "filter/parser.hpp"

#include <gtest/gtest.h>

#include "filter/test_support.hpp"

namespace trailbox::filter {
namespace {

using testing_support::MustCompile;
using testing_support::MustFail;

TEST(Compile, ClassifiesByFirstCharacter) {
  EXPECT_EQ(MustCompile("").family, Family::kMatchAll);
  EXPECT_EQ(MustCompile(" \t\n").family, Family::kMatchAll);
  EXPECT_EQ(MustCompile("\" \"").family, Family::kMatchAll);
  EXPECT_EQ(MustCompile("\"\"").family, Family::kMatchAll);
  EXPECT_EQ(MustCompile("ERROR").family, Family::kTerms);
  EXPECT_EQ(MustCompile("\"[ERROR]\"").family, Family::kTerms);
  EXPECT_EQ(MustCompile("[ERROR]").family, Family::kDelimited);
  EXPECT_EQ(MustCompile("  { $.a = 1 }  ").family, Family::kJson);
  EXPECT_EQ(MustCompile("%a.c%").family, Family::kRegex);
}

TEST(Compile, KeepsTheTextByteForByte) {
  std::string text = "  {($.eventName=CreateTrail)}\n";
  EXPECT_EQ(MustCompile(text).text, text);
}

TEST(Compile, TermsKeepPrefixesAndOrder) {
  Pattern pattern = MustCompile(R"(ERROR ?"two words" -DEBUG)");
  ASSERT_EQ(pattern.terms.size(), 3u);
  EXPECT_EQ(pattern.terms[0].kind, TermKind::kRequired);
  EXPECT_EQ(pattern.terms[1].kind, TermKind::kOptional);
  EXPECT_EQ(pattern.terms[1].text, "two words");
  EXPECT_EQ(pattern.terms[2].kind, TermKind::kExcluded);
  EXPECT_TRUE(pattern.fields.empty());
}

TEST(Compile, AndBindsTighterThanOr) {
  // CIS 4.1: A || B && C && D reads as A || (B && C && D).
  Pattern pattern = MustCompile(
      R"({ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && )"
      R"(($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") })");
  ASSERT_EQ(pattern.expr.kind, Expr::Kind::kOr);
  ASSERT_EQ(pattern.expr.children.size(), 2u);
  EXPECT_EQ(pattern.expr.children[0].kind, Expr::Kind::kCondition);
  ASSERT_EQ(pattern.expr.children[1].kind, Expr::Kind::kAnd);
  EXPECT_EQ(pattern.expr.children[1].children.size(), 3u);
}

TEST(Compile, SameOperatorChainsAreFlattened) {
  Pattern pattern = MustCompile("{ ($.a = 1 || $.b = 2) || ($.c = 3 || ($.d = 4)) }");
  ASSERT_EQ(pattern.expr.kind, Expr::Kind::kOr);
  EXPECT_EQ(pattern.expr.children.size(), 4u);
}

TEST(Compile, ConditionsOnOneSelectorShareIt) {
  Pattern pattern = MustCompile("{ $.eventName = A || $.eventName = B || $.eventSource = c }");
  ASSERT_EQ(pattern.selectors.size(), 2u);
  EXPECT_EQ(pattern.fields, (std::vector<std::string>{"$.eventName", "$.eventSource"}));
  EXPECT_EQ(pattern.expr.children[0].condition.selector, pattern.expr.children[1].condition.selector);
}

TEST(Compile, OperandsReadWildcardsNumbersAndRegexes) {
  Pattern pattern = MustCompile(
      R"({ $.a = "*x" && $.b = y* && $.c = *z* && $.d = * && $.e = Ev*ent && $.f = +1e3 && $.g = %r% })");
  const auto& c = pattern.expr.children;
  EXPECT_EQ(c[0].condition.operand.text_match, TextMatch::kSuffix);
  EXPECT_EQ(c[0].condition.operand.text, "x");
  EXPECT_EQ(c[1].condition.operand.text_match, TextMatch::kPrefix);
  EXPECT_EQ(c[2].condition.operand.text_match, TextMatch::kContains);
  EXPECT_EQ(c[3].condition.operand.text_match, TextMatch::kAny);
  EXPECT_EQ(c[4].condition.operand.text_match, TextMatch::kExact);
  EXPECT_EQ(c[4].condition.operand.text, "Ev*ent");
  EXPECT_EQ(c[5].condition.operand.kind, Operand::Kind::kNumber);
  EXPECT_EQ(c[5].condition.operand.number, 1000.0);
  EXPECT_EQ(c[6].condition.operand.kind, Operand::Kind::kRegex);
  EXPECT_EQ(pattern.regexes.size(), 1u);
}

TEST(Compile, KeywordTests) {
  Pattern pattern = MustCompile("{ $.a IS NULL || $.b IS TRUE || $.c IS FALSE || $.d NOT EXISTS }");
  const auto& c = pattern.expr.children;
  EXPECT_EQ(c[0].condition.check, Check::kIsNull);
  EXPECT_EQ(c[1].condition.check, Check::kIsTrue);
  EXPECT_EQ(c[2].condition.check, Check::kIsFalse);
  EXPECT_EQ(c[3].condition.check, Check::kNotExists);
}

TEST(Compile, DelimitedSlots) {
  Pattern pattern = MustCompile("[ip, , ..., status = 4* && status != 403 || status = 500, bytes,]");
  ASSERT_EQ(pattern.slots.size(), 6u);
  EXPECT_EQ(pattern.slots[0].kind, Slot::Kind::kNamed);
  EXPECT_EQ(pattern.slots[1].kind, Slot::Kind::kUnnamed);
  EXPECT_EQ(pattern.slots[2].kind, Slot::Kind::kEllipsis);
  ASSERT_EQ(pattern.slots[3].any_of.size(), 2u);
  EXPECT_EQ(pattern.slots[3].any_of[0].size(), 2u);
  EXPECT_EQ(pattern.slots[3].any_of[1].size(), 1u);
  EXPECT_EQ(pattern.slots[5].kind, Slot::Kind::kUnnamed);
  EXPECT_EQ(pattern.fields, (std::vector<std::string>{"$ip", "$status", "$bytes"}));
  EXPECT_TRUE(MustCompile("[]").slots.empty());
  EXPECT_TRUE(MustCompile("[  ]").slots.empty());
  EXPECT_EQ(MustCompile("[,]").slots.size(), 2u);
}

TEST(ParseSelector, Segments) {
  Selector selector = ParseSelector("$.a-b_c.['x.y'][3].*", 0);
  ASSERT_EQ(selector.segments.size(), 4u);
  EXPECT_EQ(selector.segments[0].name, "a-b_c");
  EXPECT_EQ(selector.segments[1].kind, Segment::Kind::kMember);
  EXPECT_EQ(selector.segments[1].name, "x.y");
  EXPECT_EQ(selector.segments[2].kind, Segment::Kind::kIndex);
  EXPECT_EQ(selector.segments[2].index, 3u);
  EXPECT_EQ(selector.segments[3].kind, Segment::Kind::kAnyMember);
  EXPECT_TRUE(selector.has_wildcard);
  EXPECT_EQ(ParseSelector("$.a[*]", 0).segments[1].kind, Segment::Kind::kAnyIndex);
}

TEST(ParseSelector, Errors) {
  for (std::string_view bad : {"$", "$a", "$[0]", "$.", "$.a.", "$.a[", "$.a[]", "$.a[1", "$.a['x']", "$.a..b",
                               "$.a[99999999999]", "$.*.*"}) {
    EXPECT_THROW(ParseSelector(bad, 0), SyntaxError) << bad;
  }
}

TEST(Compile, ErrorsPointAtTheProblem) {
  SyntaxError error = MustFail("{ $.eventName = CreateTrail && $.eventSource = }");
  EXPECT_EQ(error.position, 47u);
  EXPECT_NE(error.message.find("expected a value after '=', found '}'"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("(column 48)"), std::string::npos) << error.message;
  error = MustFail("{ ($.a = 1 || ($.b = 2 }");
  EXPECT_NE(error.message.find("'(' at column 15"), std::string::npos) << error.message;
  error = MustFail("{ $.a = 1 } extra }");
  EXPECT_EQ(error.position, 10u) << error.message;
  error = MustFail("{ $.a = 1 }}");
  EXPECT_NE(error.message.find("unexpected '}'"), std::string::npos) << error.message;
}

TEST(Compile, LengthCountsCharactersNotBytes) {
  std::string ascii(1024, 'a');
  MustCompile(ascii);
  std::string quoted = "\"" + std::string(1022, 'a') + "\"";
  MustCompile(quoted);
  std::string multibyte = "\"";
  for (int i = 0; i < 1000; ++i) multibyte += "\xC3\xA9";
  multibyte += "\"";
  EXPECT_EQ(MustCompile(multibyte).family, Family::kTerms) << "1002 characters, 2002 bytes";
  EXPECT_EQ(MustFail(ascii + "a").position, 1024u);
}

}  // namespace
}  // namespace trailbox::filter
