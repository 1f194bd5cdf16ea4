// The %regex% dialect (regex.hpp): AWS's character whitelist, syntax errors, and linear time on inputs that make
// backtracking engines explode. The operators are exercised as data in fixtures/filter-patterns/regex-dialect.json.
#include "filter/regex.hpp"

#include <gtest/gtest.h>

#include "filter/syntax_error.hpp"

namespace trailbox::filter {
namespace {

SyntaxError CompileError(std::string_view regex) {
  try {
    Regex::Compile(regex, 1);
  } catch (const SyntaxError& error) {
    return error;
  }
  ADD_FAILURE() << "accepted: " << regex;
  return SyntaxError();
}

TEST(Regex, WhitelistRejectsOtherCharacters) {
  EXPECT_NE(CompileError("something!").message.find("Invalid character(s) in term '%something!%'"),
            std::string::npos);
  EXPECT_EQ(CompileError("something!").position, 10u) << "position counts from the start given to Compile";
  EXPECT_NE(CompileError("a(b)").message.find("no groups"), std::string::npos);
  for (std::string_view bad : {"a\"b", "a'b", "a&b", "a<b", "a>b", "a~b", "a\tb", "caf\xC3\xA9"}) {
    CompileError(bad);
  }
  EXPECT_NO_THROW(Regex::Compile("a:b_c#d=e@f/g;h,i-j k", 0)) << "every listed symbol, and space";
}

TEST(Regex, SyntaxErrors) {
  EXPECT_NE(CompileError("*a").message.find("nothing to repeat"), std::string::npos);
  EXPECT_NE(CompileError("a**").message.find("cannot follow another repetition"), std::string::npos);
  EXPECT_NE(CompileError("^*").message.find("cannot be repeated"), std::string::npos);
  EXPECT_NE(CompileError("a{2,1}").message.find("m greater than n"), std::string::npos);
  EXPECT_NE(CompileError("a{x}").message.find("expected a repetition count"), std::string::npos);
  EXPECT_NE(CompileError("a{,}").message.find("expected a repetition count"), std::string::npos);
  EXPECT_NE(CompileError("a{1001}").message.find("above 1000"), std::string::npos);
  EXPECT_NE(CompileError("a}").message.find("unmatched '}'"), std::string::npos);
  EXPECT_NE(CompileError("[abc").message.find("unterminated character class"), std::string::npos);
  EXPECT_NE(CompileError("[[:alpha:]]").message.find("POSIX"), std::string::npos);
  EXPECT_NE(CompileError("[z-a]").message.find("range end is before range start"), std::string::npos);
  EXPECT_NE(CompileError(R"(a\)").message.find("cannot end with"), std::string::npos);
  EXPECT_NE(CompileError(R"(\1)").message.find("backreferences"), std::string::npos);
  EXPECT_NE(CompileError(R"(\q)").message.find("unsupported escape"), std::string::npos);
  EXPECT_NE(CompileError(R"(\xZZ)").message.find("two hex digits"), std::string::npos);
  EXPECT_NE(CompileError(R"(\xFF)").message.find("above \\x7F"), std::string::npos);
  EXPECT_NE(CompileError(R"([\b])").message.find("not allowed inside"), std::string::npos);
  EXPECT_NE(CompileError("").message.find("empty regular expression"), std::string::npos);
  EXPECT_NE(CompileError("a{1000}b{1000}c{1000}d{1000}e{1000}").message.find("too large"), std::string::npos);
}

TEST(Regex, LiteralsAndAutomataAgree) {
  // A plain string is searched with find(); the same text through the automaton must agree.
  Regex literal = Regex::Compile("UNAUTHORIZED", 0);
  Regex automaton = Regex::Compile("UNAUTHORIZE[D]", 0);
  for (std::string_view text : {"[ERROR 401] UNAUTHORIZED REQUEST", "UNAUTHORIZE", "", "UNAUTHORIZEDUNAUTHORIZED"}) {
    EXPECT_EQ(literal.Search(text), automaton.Search(text)) << text;
  }
}

TEST(Regex, LargeExpressionsUseSeveralWords) {
  EXPECT_EQ(Regex::Compile("^a{200}b$", 0).state_count(), 204u) << "^, 200 copies of a, b, $ and accept";
}

TEST(Regex, NoBacktrackingBlowUp) {
  // Inputs that take exponential time in backtracking engines (AWS: "Regular expression evaluation time
  // exceeded allowed limit"); linear here, so this finishes at once. Speed itself is measured, not asserted.
  Regex regex = Regex::Compile("a*a*a*a*a*a*a*a*a*a*a*a*b", 0);
  EXPECT_FALSE(regex.Search(std::string(20000, 'a')));
}

}  // namespace
}  // namespace trailbox::filter
