// Policy validation against fixtures/policies/validation-cases.json: each case is a document, the kind of policy
// it is stored as, and the message AWS answers (null when AWS accepts it).
#include "policy/validate.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace trailbox::policy {
namespace {

struct Case {
  std::string name;
  PolicyKind kind;
  std::string document;
  std::optional<std::string> message;
};

std::vector<Case> LoadCases() {
  std::ifstream file(std::string(TRAILBOX_FIXTURES_DIR) + "/policies/validation-cases.json");
  Json fixture = Json::parse(file);
  std::vector<Case> cases;
  for (const auto& entry : fixture.at("cases")) {
    Case test_case;
    test_case.name = "case" + std::to_string(cases.size());
    std::string kind = entry.at("kind");
    test_case.kind = kind == "identity" ? PolicyKind::kIdentity
                     : kind == "trust"  ? PolicyKind::kTrust
                                        : PolicyKind::kResource;
    test_case.document = entry.contains("text") ? entry.at("text").get<std::string>() : entry.at("document").dump();
    if (!entry.at("message").is_null()) test_case.message = entry.at("message").get<std::string>();
    cases.push_back(std::move(test_case));
  }
  return cases;
}

class PolicyValidation : public testing::TestWithParam<Case> {};

TEST_P(PolicyValidation, AnswersAwsMessage) {
  const Case& test_case = GetParam();
  EXPECT_EQ(Validate(test_case.document, test_case.kind), test_case.message) << test_case.document;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, PolicyValidation, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(PolicySize, IgnoresWhiteSpaceOutsideStrings) {
  EXPECT_EQ(PolicySize("{ \"a b\" :\n [ 1 ] }"), std::string("{\"a b\":[1]}").size());
}

}  // namespace
}  // namespace trailbox::policy
