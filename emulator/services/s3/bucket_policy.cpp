// S3 bucket policies: PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html and neighbours). The document is
// validated as S3 does (policy/validate.hpp, S3's MalformedPolicy wording), and its resources must lie in the
// bucket. Public means, as in "The meaning of public" (access-control-block-public-access.html): an Allow
// statement whose principal is everyone and whose conditions fix no source (account, ARN, IP, VPC, org).
#include <algorithm>

#include "policy/match.hpp"
#include "policy/parse.hpp"
#include "policy/validate.hpp"
#include "services/s3/s3_common.hpp"
#include "services/s3/s3_topics.hpp"

namespace trailbox::s3 {
namespace {

constexpr size_t kMaxPolicyBytes = 20 * 1024;

AwsError MalformedPolicy(const std::string& message) { return AwsError("MalformedPolicy", message, 400); }

// Every Resource/NotResource must name this bucket or objects in it (wildcards allowed).
void RequireResourcesInBucket(const policy::Document& document, const std::string& bucket) {
  for (const auto& statement : document.statements) {
    for (const auto* resources : {&statement.resource, &statement.not_resource}) {
      if (!*resources) continue;
      for (const std::string& resource : **resources) {
        bool names_bucket = policy::WildcardMatch(resource, BucketArn(bucket), false) ||
                            policy::WildcardMatch(resource, ObjectArn(bucket, "x"), false) ||
                            resource.starts_with(ObjectArn(bucket, ""));
        if (!names_bucket) throw MalformedPolicy("Policy has invalid resource");
      }
    }
  }
}

bool IsEveryone(const policy::Principals& principals) {
  if (principals.is_wildcard) return true;
  auto aws = principals.by_type.find("AWS");
  return aws != principals.by_type.end() &&
         std::find(aws->second.begin(), aws->second.end(), "*") != aws->second.end();
}

bool FixesSource(const policy::Condition& condition) {
  static const char* const kFixingKeys[] = {"aws:sourcearn",   "aws:sourceaccount", "aws:sourceowner",
                                            "aws:sourceip",    "aws:sourcevpc",     "aws:sourcevpce",
                                            "aws:principalarn", "aws:principalaccount", "aws:principalorgid",
                                            "aws:userid",      "aws:principalserviceName"};
  std::string key = policy::Lower(condition.key);
  for (const char* fixing : kFixingKeys) {
    if (key == policy::Lower(fixing)) return !condition.values.empty() && condition.values.front().find('*') ==
                                                                              std::string::npos;
  }
  return false;
}

bool IsPublic(const policy::Document& document) {
  for (const auto& statement : document.statements) {
    if (statement.effect != policy::Effect::kAllow || !statement.principal || !IsEveryone(*statement.principal)) {
      continue;
    }
    if (std::none_of(statement.conditions.begin(), statement.conditions.end(), FixesSource)) return true;
  }
  return false;
}

std::string RequirePolicy(const Bucket& bucket) {
  if (!bucket.policy) throw BucketError("NoSuchBucketPolicy", "The bucket policy does not exist", bucket.name, 404);
  return *bucket.policy;
}

}  // namespace

Json PutBucketPolicy(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:PutBucketPolicy", BucketArn(bucket.name));
  std::string text = input.value("Policy", "");
  if (text.size() > kMaxPolicyBytes) throw MalformedPolicy("Policies must be less than 20 KB in size");
  if (auto problem = policy::Validate(text, policy::PolicyKind::kResource)) throw MalformedPolicy(*problem);
  RequireResourcesInBucket(policy::Parse(text), bucket.name);
  call.db().Prepare("UPDATE s3_buckets SET policy = ?2 WHERE name = ?1").BindAll(bucket.name, text).Run();
  return Json::object();
}

Json GetBucketPolicy(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:GetBucketPolicy", BucketArn(bucket.name));
  return {{"Policy", RequirePolicy(bucket)}};
}

Json DeleteBucketPolicy(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:DeleteBucketPolicy", BucketArn(bucket.name));
  call.db().Prepare("UPDATE s3_buckets SET policy = NULL WHERE name = ?1").Bind(1, bucket.name).Run();
  return Json::object();
}

Json GetBucketPolicyStatus(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:GetBucketPolicyStatus", BucketArn(bucket.name));
  return {{"PolicyStatus", {{"IsPublic", IsPublic(policy::Parse(RequirePolicy(bucket)))}}}};
}

void AddBucketPolicyOperations(OperationTable& table) {
  table.Add("PutBucketPolicy", PutBucketPolicy);
  table.Add("GetBucketPolicy", GetBucketPolicy);
  table.Add("DeleteBucketPolicy", DeleteBucketPolicy);
  table.Add("GetBucketPolicyStatus", GetBucketPolicyStatus);
}

}  // namespace trailbox::s3
