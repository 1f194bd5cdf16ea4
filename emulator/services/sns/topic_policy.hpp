// Topic access policies: the default policy SNS writes for a new topic, validation of a Policy attribute, and the
// decision for a caller or a service principal
// (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/aws_error.hpp"
#include "core/call.hpp"
#include "core/identity.hpp"
#include "services/sns/sns_common.hpp"

namespace trailbox::sns {

/// The policy text SNS stores for a topic created without one: __default_statement_ID allowing the topic's SNS
/// actions to Principal {"AWS": "*"} on condition StringEquals AWS:SourceOwner = the owner account.
std::string DefaultTopicPolicy(std::string_view topic_arn, std::string_view account_id);
/// The topic's Policy attribute, or its default policy.
std::string TopicPolicyText(const TopicRow& topic);
/// Throws InvalidParameter "Invalid parameter: Policy Error: ..." unless `text` is a valid resource policy.
void ValidateTopicPolicy(std::string_view text);

/// What a client caller's request needs: nullopt when `caller` may perform `action` ("SNS:Publish") on the
/// topic, else AuthorizationError. Callers in the owner account are allowed unless the policy denies them
/// (Deviation: their IAM identity policies are not evaluated); other accounts need an Allow.
std::optional<AwsError> CheckCaller(const TopicRow& topic, const Identity& caller, std::string_view action,
                                    double now, std::string_view source_ip);

/// Throws CheckCaller's error for the call's caller, if any.
void AuthorizeCaller(Call& call, const TopicRow& topic, std::string_view action);

/// A service principal's Publish: nullopt when the topic policy allows `service` SNS:Publish with aws:SourceArn
/// and aws:SourceAccount (AWS:SourceOwner) as given. CloudWatch alarms publishing for a resource in the topic's
/// own account count as that account (AWS documents that alarms publish under the default policy).
std::optional<AwsError> CheckService(const TopicRow& topic, std::string_view service, std::string_view source_arn,
                                     std::string_view source_account);

}  // namespace trailbox::sns
