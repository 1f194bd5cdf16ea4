// Every question shared/reference/filter-patterns.md leaves open (its §13, plus the [OPEN] items of §3-§8 and
// §12), each with the behaviour trailbox picked, one test per decision, named after the spec item. The code
// comment marked `Open:` at each rule gives the reasoning.
#include <gtest/gtest.h>

#include "filter/test_support.hpp"

namespace trailbox::filter {
namespace {

using testing_support::MustCompile;
using testing_support::MustFail;
using testing_support::PatternMatches;

// §13.1: messages lead with AWS's text where it is known, then say what was expected, and name the column.
TEST(OpenDecisions, Spec13_1_MessagesLeadWithAwsTextAndNameTheColumn) {
  SyntaxError error = MustFail("{ $.eventName = CreateTrail");
  EXPECT_EQ(error.message.rfind("If a filter pattern starts with '{' it must end with '}'", 0), 0u) << error.message;
  EXPECT_EQ(error.position, 26u);
  error = MustFail("user@example.com");
  EXPECT_EQ(error.message.rfind("Invalid character(s) in term 'user@example.com'", 0), 0u) << error.message;
  EXPECT_NE(error.message.find("(column 5)"), std::string::npos) << error.message;
}

// §13.2 / §3.4: an unquoted term is [A-Za-z0-9_]+; '-', '.', ':' and '/' inside it are rejected (Deviation for
// '-': AWS accepts ORDER-ITEM-1 and matches nothing).
TEST(OpenDecisions, Spec13_2_UnquotedTermsAreLettersDigitsUnderscore) {
  for (const char* text : {"ORDER-ITEM-1", "v1.2", "a:b", "/var/log", "x@y"}) MustFail(text);
  EXPECT_TRUE(PatternMatches("\"ORDER-ITEM-1\"", "placed ORDER-ITEM-1"));
  EXPECT_TRUE(PatternMatches("snake_case_99", "a snake_case_99 b"));
}

// §13.3: inside double quotes \" is a quote and \\ a backslash; other backslashes are literal.
TEST(OpenDecisions, Spec13_3_BackslashEscapesInQuotes) {
  EXPECT_TRUE(PatternMatches(R"("a \"quoted\" word")", R"(a "quoted" word)"));
  EXPECT_TRUE(PatternMatches(R"("C:\\temp")", R"(path C:\temp)"));
  EXPECT_TRUE(PatternMatches(R"("\d+")", R"(literal \d+ here)"));
  EXPECT_TRUE(PatternMatches(R"({ $.path = "C:\\temp" })", R"({"path":"C:\\temp"})"));
}

// §13.4: a pattern of only white space matches everything; a quoted blank is match-all only as the whole
// pattern — next to other terms it is an ordinary term (" " requires a space, "" occurs everywhere).
TEST(OpenDecisions, Spec13_4_WhiteSpaceOnlyAndQuotedBlanks) {
  EXPECT_EQ(MustCompile("   ").family, Family::kMatchAll);
  EXPECT_EQ(MustCompile("\"   \"").family, Family::kMatchAll);
  EXPECT_TRUE(PatternMatches("\" \" ERROR", "ERROR here"));
  EXPECT_FALSE(PatternMatches("\" \" ERROR", "ERROR"));
  EXPECT_TRUE(PatternMatches("\"\" ERROR", "ERROR"));
  EXPECT_FALSE(PatternMatches("-\"\"", "anything"));
  EXPECT_EQ(MustCompile("?\" \"").family, Family::kTerms);
}

// §13.5: `= *` needs a value node, and null is none: use IS NULL.
TEST(OpenDecisions, Spec13_5_StarOnNullIsFalse) {
  EXPECT_FALSE(PatternMatches("{ $.a = * }", R"({"a":null})"));
  EXPECT_TRUE(PatternMatches("{ $.a = * }", R"({"a":""})"));
  EXPECT_TRUE(PatternMatches("{ $.a = * }", R"({"a":0})"));
}

// §13.5: `!=` on a missing property is false (CIS 4.2's MFAUsed != "Yes" needs the field present).
TEST(OpenDecisions, Spec13_5_NotEqualOnMissingPropertyIsFalse) {
  EXPECT_FALSE(PatternMatches("{ $.additionalEventData.MFAUsed != \"Yes\" }", R"({"eventName":"ConsoleLogin"})"));
  EXPECT_FALSE(PatternMatches("{ $.a != 5 }", R"({"b":1})"));
  EXPECT_TRUE(PatternMatches("{ $.a != 5 }", R"({"a":6})"));
}

// §13.5: a number literal compares numerically with anything that reads as a number, "400" included; a quoted
// or bare text compares with a number node's text as written.
TEST(OpenDecisions, Spec13_5_StringAndNumberCompareByTheLiteralsKind) {
  EXPECT_TRUE(PatternMatches("{ $.code = 400 }", R"({"code":"400"})"));
  EXPECT_TRUE(PatternMatches("{ $.code = 4e2 }", R"({"code":400})"));
  EXPECT_TRUE(PatternMatches("{ $.code > 399 }", R"({"code":"400"})"));
  EXPECT_TRUE(PatternMatches("{ $.code = \"400\" }", R"({"code":400})"));
  EXPECT_FALSE(PatternMatches("{ $.code = \"4e2\" }", R"({"code":400})"));
  EXPECT_TRUE(PatternMatches("{ $.code = 4* }", R"({"code":404})"));
  EXPECT_FALSE(PatternMatches("{ $.code != 400 }", R"({"code":"abc"})")) << "no number, no numeric comparison";
}

// §13.5: IS TRUE / IS FALSE match JSON booleans only; `= true` compares a boolean's text.
TEST(OpenDecisions, Spec13_5_IsTrueOnlyForBooleans) {
  EXPECT_FALSE(PatternMatches("{ $.flag IS TRUE }", R"({"flag":"true"})"));
  EXPECT_TRUE(PatternMatches("{ $.flag IS TRUE }", R"({"flag":true})"));
  EXPECT_TRUE(PatternMatches("{ $.flag = true }", R"({"flag":true})"));
  EXPECT_TRUE(PatternMatches("{ $.readOnly = false }", R"({"readOnly":false})"));
}

// §13.5: `!=` with a regex is true when the regex does not occur in the (present) value.
TEST(OpenDecisions, Spec13_5_NotEqualRegexNegates) {
  EXPECT_TRUE(PatternMatches("{ $.a != %^Get% }", R"({"a":"PutObject"})"));
  EXPECT_FALSE(PatternMatches("{ $.a != %^Get% }", R"({"a":"GetObject"})"));
  EXPECT_FALSE(PatternMatches("{ $.a != %^Get% }", R"({"b":"PutObject"})"));
}

// §13.5: a wildcard selector holds when any selected value satisfies the condition, `!=` included.
TEST(OpenDecisions, Spec13_5_NotEqualOnWildcardIsAny) {
  EXPECT_TRUE(PatternMatches("{ $.tags[*] != prod }", R"({"tags":["prod","dev"]})"));
  EXPECT_FALSE(PatternMatches("{ $.tags[*] != prod }", R"({"tags":["prod"]})"));
}

// §13.6 / §5.1: keywords are upper-case; lower-case forms are rejected with the right spelling.
TEST(OpenDecisions, Spec13_6_LowerCaseKeywordsAreRejected) {
  EXPECT_NE(MustFail("{ $.a IS null }").message.find("write 'IS NULL'"), std::string::npos);
  EXPECT_NE(MustFail("{ $.a Is NULL }").message.find("write 'IS'"), std::string::npos);
  EXPECT_NE(MustFail("{ $.a not EXISTS }").message.find("write 'NOT'"), std::string::npos);
}

// §13.7 / §5.4: a line with a text prefix before its JSON (Lambda's format) is not a JSON event.
TEST(OpenDecisions, Spec13_7_PrefixedJsonIsNotJson) {
  EXPECT_FALSE(PatternMatches("{ $.level = INFO }",
                              "2023-10-16T17:04:56.092Z\t3f6d\tINFO\t{\"level\":\"INFO\"}"));
  EXPECT_TRUE(PatternMatches("{ $.level = INFO }", "  {\"level\":\"INFO\"}\n")) << "white space is not a prefix";
}

// §13.8 / §6.1: tabs separate fields like spaces, and a run of separators is one.
TEST(OpenDecisions, Spec13_8_TabsAndRepeatedSpacesSeparate) {
  MatchResult result = Match(MustCompile("[a, b, c]"), Event("x\t\ty   z"));
  ASSERT_TRUE(result.matched);
  EXPECT_EQ(result.extracted_values[1].value, "y");
}

// §13.8: an opening [ or " with no partner is an ordinary character; text right after a closing ] or " starts
// the next field.
TEST(OpenDecisions, Spec13_8_UnbalancedGroupsAreOrdinaryCharacters) {
  MatchResult result = Match(MustCompile("[a, b, c]"), Event("[x \"y z"));
  ASSERT_TRUE(result.matched);
  EXPECT_EQ(result.extracted_values[0].value, "[x");
  EXPECT_EQ(result.extracted_values[1].value, "\"y");
  EXPECT_TRUE(Matches(MustCompile("[a=x, b=y]"), Event("[x]y")));
}

// §13.8: numeric tests read 1e3, +5 and 0.5 as numbers.
TEST(OpenDecisions, Spec13_8_NumericFieldsUseTheNumberRule) {
  EXPECT_TRUE(Matches(MustCompile("[n = 1000]"), Event("1e3")));
  EXPECT_TRUE(Matches(MustCompile("[n > 4]"), Event("+5")));
  EXPECT_FALSE(Matches(MustCompile("[n > 0]"), Event("5ms")));
}

// §12.2 / §13.8: without '...', extra fields go to the last slot (the current AWS page and the Lambda pattern
// need it); fewer fields than slots never match.
TEST(OpenDecisions, Spec12_2_LastSlotTakesTheRestOfTheLine) {
  MatchResult result = Match(MustCompile("[w1=ERROR, w2]"), Event("ERROR WARN message"));
  ASSERT_TRUE(result.matched);
  EXPECT_EQ(result.extracted_values[1].value, "WARN message");
  EXPECT_FALSE(Matches(MustCompile("[w1, w2, w3]"), Event("ERROR message")));
}

// §12.10 / §13.8: field names are case-sensitive, so W1 in w1's slot is another field and is rejected.
TEST(OpenDecisions, Spec12_10_FieldNamesAreCaseSensitive) {
  EXPECT_NE(MustFail("[w1=ERROR || W1=WARNING, w2]").message.find("expected 'w1', found 'W1'"), std::string::npos);
}

// §13.9: a metric value may read any JSON property; one that is missing or not a number gives no value; a
// missing dimension value is nullopt for the service to drop.
TEST(OpenDecisions, Spec13_9_MetricValuesFromAnyPropertyAndOnlyNumbers) {
  Pattern pattern = MustCompile("{ $.eventName = GetObject }");
  Event event(R"({"eventName":"GetObject","additionalEventData":{"bytesTransferredOut":1024},"userAgent":"x"})");
  MatchResult match = Match(pattern, event);
  auto bytes = std::get<ValueRef>(CompileValueRef("$.additionalEventData.bytesTransferredOut", pattern));
  auto agent = std::get<ValueRef>(CompileValueRef("$.userAgent", pattern));
  auto missing = std::get<ValueRef>(CompileValueRef("$.errorCode", pattern));
  EXPECT_EQ(ExtractNumber(bytes, event, match), 1024.0);
  EXPECT_FALSE(ExtractNumber(agent, event, match).has_value());
  EXPECT_FALSE(ExtractText(missing, event, match).has_value());
}

// §13.11 / §8: TestMetricFilter without a match is an empty list ("matches": []); eventNumber is 0-based.
TEST(OpenDecisions, Spec13_11_NoMatchesIsAnEmptyList) {
  Pattern pattern = MustCompile("[..., status_code=200, size]");
  EXPECT_TRUE(TestMessages(pattern, {"a b 404 1", "c d 500 2"}).empty());
  std::vector<MatchRecord> records = TestMessages(pattern, {"a 200 1", "b 500 2", "c 200 3"});
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].event_number, 0u);
  EXPECT_EQ(records[1].event_number, 2u);
  EXPECT_EQ(records[1].event_message, "c 200 3");
}

// §13.12: regex dialect details follow RE2 within AWS's whitelist: {,n} is 0..n (AWS's page), \b works, lazy
// quantifiers are accepted, POSIX classes and other unlisted escapes are rejected.
TEST(OpenDecisions, Spec13_12_RegexDialect) {
  EXPECT_TRUE(PatternMatches("%^a{,2}$%", "aa"));
  EXPECT_TRUE(PatternMatches(R"(%\bERROR\b%)", "an ERROR here"));
  EXPECT_FALSE(PatternMatches(R"(%\bERROR\b%)", "ERRORS"));
  EXPECT_TRUE(PatternMatches("%a+?b%", "aab"));
  MustFail("%[[:digit:]]%");
  MustFail(R"(%\pL%)");
  MustFail(R"(%\Q.\E%)");
}

// §4: a regex is standalone for unstructured events; mixing it with terms is rejected.
TEST(OpenDecisions, Spec4_RegexIsNotMixedWithTerms) {
  MustFail("%ERROR% WARN");
  MustFail("WARN %ERROR%");
  MustFail("%a% %b%");
}

// §5.1: unquoted values are [A-Za-z0-9_.*-]+; anything else must be quoted.
TEST(OpenDecisions, Spec5_1_BareValueCharacters) {
  EXPECT_TRUE(PatternMatches("{ $.eventSource = iam.amazonaws.com }", R"({"eventSource":"iam.amazonaws.com"})"));
  EXPECT_TRUE(PatternMatches("{ $.region = us-east-1 }", R"({"region":"us-east-1"})"));
  MustFail("{ $.arn = arn:aws:iam::1:root }");
  MustFail("{ $.path = /a/b }");
  EXPECT_TRUE(PatternMatches(R"({ $.arn = "arn:aws:iam::1:root" })", R"({"arn":"arn:aws:iam::1:root"})"));
}

// §6.2: a field name may not be all digits or repeat another slot's name (extracted keys would collide).
TEST(OpenDecisions, Spec6_2_FieldNamesCannotCollide) {
  MustFail("[1, b]");
  MustFail("[a, a]");
  MustCompile("[a1, b-2, _c]");
}

// JSON objects with a repeated key: the last occurrence counts.
TEST(OpenDecisions, RepeatedJsonKeyLastOneCounts) {
  EXPECT_TRUE(PatternMatches("{ $.a = 2 }", R"({"a":1,"a":2})"));
  EXPECT_FALSE(PatternMatches("{ $.a = 1 }", R"({"a":1,"a":2})"));
}

}  // namespace
}  // namespace trailbox::filter
