// --explain output (explain.hpp): the family, the tree as parsed and what each condition means.
#include "filter/explain.hpp"

#include <gtest/gtest.h>

#include "filter/test_support.hpp"

namespace trailbox::filter {
namespace {

using testing_support::MustCompile;

TEST(Explain, JsonTreeShowsPrecedence) {
  std::string text = Explain(MustCompile(
      R"({ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && )"
      R"(($.eventName!="HeadBucket") })"));
  EXPECT_EQ(text,
            "JSON pattern: the event must be a JSON object\n"
            "  ANY of (||):\n"
            "    $.errorCode ends with \"UnauthorizedOperation\"\n"
            "    ALL of (&&):\n"
            "      $.errorCode starts with \"AccessDenied\"\n"
            "      $.eventName does not equal \"HeadBucket\"\n"
            "reads: $.errorCode $.eventName\n");
}

TEST(Explain, OtherFamilies) {
  EXPECT_EQ(Explain(MustCompile("")), "match-all pattern: every event matches\n");
  EXPECT_NE(Explain(MustCompile("?A B")).find("(ignored: AWS ignores ?terms next to other terms)"), std::string::npos);
  EXPECT_NE(Explain(MustCompile("%a|b%")).find("regex pattern: %a|b%"), std::string::npos);
  std::string delimited = Explain(MustCompile("[ip, ..., status = 4* || status = 500, bytes > 1000]"));
  EXPECT_NE(delimited.find("field 1: $ip"), std::string::npos) << delimited;
  EXPECT_NE(delimited.find("    where starts with \"4\"\n    or = 500 (as a number)"), std::string::npos) << delimited;
  EXPECT_NE(delimited.find("after ...: $bytes\n    where > 1000 (as a number)"), std::string::npos) << delimited;
  EXPECT_NE(Explain(MustCompile("[w1=ERROR, w2]")).find("takes the rest of the line"), std::string::npos);
  EXPECT_NE(Explain(MustCompile("{ $.a[*] IS NULL || $.b NOT EXISTS }")).find("$.a[*] (any selected value) is null"),
            std::string::npos);
}

}  // namespace
}  // namespace trailbox::filter
