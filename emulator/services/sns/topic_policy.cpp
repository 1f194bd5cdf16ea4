// Topic policies: AWS's default policy text and the evaluation of a Policy attribute for callers and service
// principals (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html; the CloudWatch alarm
// exception: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
#include "services/sns/topic_policy.hpp"

#include "policy/evaluate.hpp"
#include "policy/parse.hpp"
#include "policy/validate.hpp"

namespace trailbox::sns {
namespace {

constexpr const char* kCloudWatchService = "cloudwatch.amazonaws.com";

policy::Decision Decide(const TopicRow& topic, policy::Request request, std::string_view source_owner) {
  request.context["AWS:SourceOwner"] = {std::string(source_owner)};
  return policy::Evaluate(policy::Parse(TopicPolicyText(topic)), request);
}

}  // namespace

std::string DefaultTopicPolicy(std::string_view topic_arn, std::string_view account_id) {
  Json statement = {{"Sid", "__default_statement_ID"},
                    {"Effect", "Allow"},
                    {"Principal", {{"AWS", "*"}}},
                    {"Action",
                     {"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                      "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"}},
                    {"Resource", topic_arn},
                    {"Condition", {{"StringEquals", {{"AWS:SourceOwner", account_id}}}}}};
  Json document = {{"Version", "2008-10-17"}, {"Id", "__default_policy_ID"}, {"Statement", Json::array({statement})}};
  return document.dump();
}

std::string TopicPolicyText(const TopicRow& topic) {
  if (topic.attributes.contains("Policy")) return topic.attributes["Policy"].get<std::string>();
  return DefaultTopicPolicy(topic.topic_arn, topic.account_id);
}

void ValidateTopicPolicy(std::string_view text) {
  if (auto problem = policy::Validate(text, policy::PolicyKind::kResource)) {
    ThrowInvalidParameter("Policy Error: " + *problem);
  }
}

std::optional<AwsError> CheckCaller(const TopicRow& topic, const Identity& caller, std::string_view action,
                                    double now, std::string_view source_ip) {
  policy::Request request = policy::RequestFor(caller, std::string(action), topic.topic_arn);
  policy::AddGlobalContext(request, {.now = now, .source_ip = std::string(source_ip), .is_secure = false});
  policy::Decision decision = Decide(topic, std::move(request), caller.account_id);
  bool is_owner_account = caller.account_id == topic.account_id;
  if (decision == policy::Decision::kAllow || (is_owner_account && decision != policy::Decision::kDeny)) {
    return std::nullopt;
  }
  return AuthorizationError(caller.arn, action, topic.topic_arn);
}

void AuthorizeCaller(Call& call, const TopicRow& topic, std::string_view action) {
  if (auto error = CheckCaller(topic, call.identity, action, ToEpochSeconds(call.now()), call.source_ip)) throw *error;
}

std::optional<AwsError> CheckService(const TopicRow& topic, std::string_view service, std::string_view source_arn,
                                     std::string_view source_account) {
  policy::Request request = policy::ServiceRequest(std::string(service), "SNS:Publish", topic.topic_arn,
                                                   std::string(source_arn), std::string(source_account));
  policy::Decision decision = Decide(topic, std::move(request), source_account);
  if (service == kCloudWatchService && source_account == topic.account_id) {
    policy::Request as_owner =
        policy::RequestFor(Identity::RootOf(topic.account_id), "SNS:Publish", topic.topic_arn);
    decision = policy::Combine({decision, Decide(topic, std::move(as_owner), topic.account_id)});
    // As the owner account, the alarm is allowed unless the policy denies it (as CheckCaller treats the owner).
    if (decision != policy::Decision::kDeny) return std::nullopt;
  }
  if (decision == policy::Decision::kAllow) return std::nullopt;
  return AuthorizationError(service, "SNS:Publish", topic.topic_arn);
}

}  // namespace trailbox::sns
