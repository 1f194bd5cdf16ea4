// STS GetSessionToken: the caller keeps its identity under a temporary key; durations; session callers refused.
#include "services/sts/sts_test_fixture.hpp"

namespace trailbox::sts {
namespace {

class StsSessionToken : public StsFixture {};

TEST_F(StsSessionToken, GetSessionTokenKeepsTheCallersIdentity) {
  ActAsUser("alice");
  Json credentials = harness_.Run("GetSessionToken")["Credentials"];
  EXPECT_EQ(credentials["Expiration"], 1767225600.0 + 43200);
  std::optional<iam::Credentials> session =
      iam::FindCredentials(harness_.db(), credentials["AccessKeyId"].get<std::string>());
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->identity.type, IdentityType::kIamUser);
  EXPECT_EQ(session->identity.arn, "arn:aws:iam::111122223333:user/alice");
  ActAsKey(credentials["AccessKeyId"]);
  AwsError error = harness_.Fail("GetSessionToken");
  EXPECT_EQ(error.code(), "AccessDenied");
  EXPECT_EQ(error.message(), "Cannot call GetSessionToken with session credentials");

  harness_.call().identity = Identity::RootOf("111122223333");
  Json root = harness_.Run("GetSessionToken", {{"DurationSeconds", 7200}})["Credentials"];
  EXPECT_EQ(root["Expiration"], 1767225600.0 + 3600);
}

}  // namespace
}  // namespace trailbox::sts
