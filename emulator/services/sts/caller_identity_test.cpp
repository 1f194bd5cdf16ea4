// STS GetCallerIdentity for root, users and role sessions (role sessions: assume_role_test.cpp).
#include "services/sts/sts_test_fixture.hpp"

namespace trailbox::sts {
namespace {

class StsCallerIdentity : public StsFixture {};

TEST_F(StsCallerIdentity, GetCallerIdentityOfRootAndUser) {
  EXPECT_EQ(harness_.Run("GetCallerIdentity"),
            Json({{"UserId", "111122223333"}, {"Account", "111122223333"}, {"Arn", "arn:aws:iam::111122223333:root"}}));
  ActAsUser("alice");
  Json caller = harness_.Run("GetCallerIdentity");
  EXPECT_TRUE(caller["UserId"].get<std::string>().starts_with("AIDA"));
  EXPECT_EQ(caller["Arn"], "arn:aws:iam::111122223333:user/alice");
}

}  // namespace
}  // namespace trailbox::sts
