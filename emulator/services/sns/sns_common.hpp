// What the SNS topic files share: topic and subscription rows, their lookups by ARN with AWS's NotFound, the
// InvalidParameter wording, ARNs, and the URL at which trailbox answers links it writes into messages
// (https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html, API_CreateTopic.html).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/aws_error.hpp"
#include "core/call.hpp"
#include "core/json.hpp"
#include "store/database.hpp"

namespace trailbox::sns {

/// A row of sns_topics.
struct TopicRow {
  std::string topic_arn;
  std::string account_id;
  std::string region;
  std::string name;
  Json attributes = Json::object();  // the settable attributes as stored: DisplayName, Policy, DeliveryPolicy
  Json tags = Json::object();        // key -> value
};

/// A row of sns_subscriptions.
struct SubscriptionRow {
  std::string subscription_arn;
  std::string topic_arn;
  std::string owner;
  std::string protocol;
  std::string endpoint;
  std::string token;
  bool is_confirmed = false;
  bool is_authenticated = false;  // ConfirmationWasAuthenticated
  Json attributes = Json::object();  // RawMessageDelivery, FilterPolicy, FilterPolicyScope, DeliveryPolicy
};

/// InvalidParameter with AWS's "Invalid parameter: " prefix.
[[noreturn]] void ThrowInvalidParameter(std::string_view what);
/// AuthorizationError as SNS words it for `caller_arn` doing `action` ("SNS:Publish") on `resource`.
AwsError AuthorizationError(std::string_view caller_arn, std::string_view action, std::string_view resource);

/// True when `name` is a valid standard topic name: 1-256 ASCII letters, digits, '_' and '-'; FIFO names may end
/// in ".fifo" (counted in the 256).
bool IsValidTopicName(std::string_view name, bool is_fifo);
/// arn:aws:sns:REGION:ACCOUNT:NAME.
std::string TopicArn(std::string_view region, std::string_view account_id, std::string_view name);
/// True when `arn` has the form of a topic ARN (arn:aws:sns:REGION:12-digit account:valid name).
bool IsTopicArnShape(std::string_view arn);

/// The topic, when it exists.
std::optional<TopicRow> FindTopic(store::Database& db, std::string_view topic_arn);
/// The topic named by `arn`, or InvalidParameter "Invalid parameter: <member>" for a malformed ARN, or NotFound
/// "Topic does not exist".
TopicRow RequireTopic(store::Database& db, std::string_view arn, std::string_view member = "TopicArn");
/// Stores the attributes and tags of `topic`.
void SaveTopic(store::Database& db, const TopicRow& topic);

/// The subscription, when it exists.
std::optional<SubscriptionRow> FindSubscription(store::Database& db, std::string_view subscription_arn);
/// The subscription, or InvalidParameter (malformed ARN) / NotFound "Subscription does not exist".
SubscriptionRow RequireSubscription(store::Database& db, std::string_view subscription_arn);
/// Stores the subscription's state and attributes.
void SaveSubscription(store::Database& db, const SubscriptionRow& subscription);

/// `tags` with the model's TagList [{Key, Value}] added or replaced; TagLimitExceeded past 50 tags (tags.cpp).
Json WithTags(Json tags, const Json& tag_list);

/// Remembers the scheme and host clients reach trailbox at (the Host header of SNS requests), for the links
/// trailbox writes into messages (SubscribeURL, UnsubscribeURL, SigningCertURL).
void RememberEndpoint(store::Database& db, std::string_view host);
/// "http://HOST" as remembered; http://localhost:4566 (serve's default) before any SNS request.
std::string PublicUrl(store::Database& db);

}  // namespace trailbox::sns
