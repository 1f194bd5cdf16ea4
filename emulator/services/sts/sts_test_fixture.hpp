// Test fixture for STS handlers: IAM and STS operations on one store, a user "alice" and a role "ops"
// (path /team/, MaxSessionDuration 7200) that trusts account 111122223333, and helpers that switch the caller the
// way the dispatcher resolves access keys.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "services/common/handler_harness.hpp"
#include "services/iam/credentials.hpp"
#include "services/iam/iam_service.hpp"
#include "services/sts/sts_service.hpp"

namespace trailbox::sts {

/// A trust policy allowing sts:AssumeRole to `principal` (a JSON principal value), plus `extra_statement`.
inline std::string TrustOf(const std::string& principal, const std::string& extra_statement = "") {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)" + principal +
         R"(,"Action":"sts:AssumeRole"})" + extra_statement + "]}";
}

/// The fixture of STS tests; each test file derives its suite from it.
class StsFixture : public testing::Test {
 protected:
  StsFixture() {
    harness_.Register(iam::AddIamOperations);
    harness_.Register(AddStsOperations);
    harness_.Run("CreateUser", {{"UserName", "alice"}});
    role_ = harness_.Run("CreateRole", {{"RoleName", "ops"},
                                        {"Path", "/team/"},
                                        {"AssumeRolePolicyDocument", TrustOf(R"({"AWS":"111122223333"})")},
                                        {"MaxSessionDuration", 7200}})["Role"];
  }

  /// Signs later calls with a new access key of `user`, as the dispatcher would resolve it.
  void ActAsUser(const std::string& user) {
    std::string key = harness_.Run("CreateAccessKey", {{"UserName", user}})["AccessKey"]["AccessKeyId"];
    harness_.call().identity = iam::FindCredentials(harness_.db(), key)->identity;
  }

  /// Signs later calls with `access_key_id`.
  void ActAsKey(const std::string& access_key_id) {
    harness_.call().identity = iam::FindCredentials(harness_.db(), access_key_id)->identity;
  }

  common::HandlerHarness harness_;
  Json role_;
};

}  // namespace trailbox::sts
