// Subscriptions: Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic,
// GetSubscriptionAttributes, SetSubscriptionAttributes (https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
// and the pages of the other operations). Emulated protocols: email, email-json, http, https — each starts pending
// and is confirmed with the token of its SubscriptionConfirmation. Deviation: sqs, lambda, sms, application and
// firehose are refused with InvalidParameter (trailbox has no such endpoints); tokens do not expire.
#include <cstdio>
#include <set>

#include "core/aws_error.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "services/common/pagination.hpp"
#include "services/sns/deliveries.hpp"
#include "services/sns/filter_policy.hpp"
#include "services/sns/sns_common.hpp"
#include "services/sns/sns_topics.hpp"
#include "services/sns/topic_policy.hpp"

namespace trailbox::sns {
namespace {

constexpr const char* kPending = "PendingConfirmation";
const std::set<std::string, std::less<>> kEmulatedProtocols = {"email", "email-json", "http", "https"};
const std::set<std::string, std::less<>> kOtherProtocols = {"sms", "sqs", "application", "lambda", "firehose"};
const std::set<std::string, std::less<>> kSettable = {"RawMessageDelivery", "FilterPolicy", "FilterPolicyScope",
                                                      "DeliveryPolicy"};
const std::set<std::string, std::less<>> kNotEmulated = {"RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy"};

bool IsHttp(std::string_view protocol) { return protocol == "http" || protocol == "https"; }

void ValidateEndpoint(const std::string& protocol, const std::string& endpoint) {
  if (endpoint.empty()) ThrowInvalidParameter("Endpoint");
  if (protocol == "email" || protocol == "email-json") {
    size_t at = endpoint.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == endpoint.size() || endpoint.find(' ') != std::string::npos) {
      ThrowInvalidParameter("Email address");
    }
  } else if (!endpoint.starts_with(protocol + "://") || endpoint.size() == protocol.size() + 3) {
    ThrowInvalidParameter("Endpoint must match the specified protocol");
  }
}

// One attribute of a subscription, as Subscribe's Attributes or SetSubscriptionAttributes sets it.
void ValidateAttribute(const std::string& protocol, const std::string& name, const std::string& value) {
  if (kNotEmulated.contains(name)) {
    ThrowInvalidParameter("Attributes Reason: trailbox does not emulate the subscription attribute " + name);
  }
  if (!kSettable.contains(name)) ThrowInvalidParameter("AttributeName");
  if (name == "RawMessageDelivery") {
    if (value != "true" && value != "false") {
      ThrowInvalidParameter("Attributes Reason: RawMessageDelivery: Invalid value [" + value +
                            "]. Must be true or false.");
    }
    if (!IsHttp(protocol) && value == "true") {
      ThrowInvalidParameter("Attributes Reason: Delivery protocol [" + protocol +
                            "] does not support raw message delivery.");
    }
  } else if (name == "FilterPolicy" && !value.empty()) {
    if (auto problem = ValidateFilterPolicy(value)) ThrowInvalidParameter("FilterPolicy: " + *problem);
  } else if (name == "FilterPolicyScope" && value != "MessageAttributes" && value != "MessageBody") {
    ThrowInvalidParameter("Attributes Reason: FilterPolicyScope: Invalid value [" + value +
                          "]. Please use either MessageBody or MessageAttributes");
  } else if (name == "DeliveryPolicy") {
    if (!IsHttp(protocol)) ThrowInvalidParameter("DeliveryPolicy: Can only be set on http(s) subscriptions");
    if (!Json::parse(value, nullptr, false).is_object()) ThrowInvalidParameter("DeliveryPolicy: failed to parse JSON.");
  }
}

void SetAttribute(Json& attributes, const std::string& name, const std::string& value) {
  if (value.empty()) {
    attributes.erase(name);
  } else {
    attributes[name] = value;
  }
}

// The listing entry of a subscription (SubscriptionArn "PendingConfirmation" until confirmed).
Json ListEntry(const SubscriptionRow& subscription) {
  return {{"SubscriptionArn", subscription.is_confirmed ? subscription.subscription_arn : kPending},
          {"Owner", subscription.owner},
          {"Protocol", subscription.protocol},
          {"Endpoint", subscription.endpoint},
          {"TopicArn", subscription.topic_arn}};
}

// Subscriptions matching `where` (an SQL condition on ?1 and ?2), paged by creation order.
Json ListWhere(Call& call, const Json& input, const std::string& where, const std::string& first,
               const std::string& second) {
  auto statement = call.db().Prepare("SELECT rowid, subscription_arn FROM sns_subscriptions WHERE " + where);
  statement.BindAll(first, second);
  std::vector<std::pair<int64_t, std::string>> rows;
  while (statement.Step()) rows.emplace_back(statement.Int(0), statement.Text(1));
  std::vector<common::KeyedItem> items;
  for (const auto& [rowid, arn] : rows) {
    char key[24];
    std::snprintf(key, sizeof key, "%020lld", static_cast<long long>(rowid));
    items.emplace_back(key, ListEntry(*FindSubscription(call.db(), arn)));
  }
  std::optional<Json> page = common::Paginate(std::move(items), input, "Subscriptions",
                                              {.token_in = "NextToken", .token_out = "NextToken", .truncated_out = ""});
  if (!page) ThrowInvalidParameter("NextToken");
  return *page;
}

// Only the subscription's owner or the topic's owner changes a subscription.
void RequireOwner(Call& call, const SubscriptionRow& subscription, std::string_view action) {
  if (call.account_id() == subscription.owner) return;
  std::optional<TopicRow> topic = FindTopic(call.db(), subscription.topic_arn);
  if (topic && topic->account_id == call.account_id()) return;
  throw AuthorizationError(call.identity.arn, action, subscription.subscription_arn);
}

std::optional<SubscriptionRow> ExistingSubscription(store::Database& db, const std::string& topic_arn,
                                                    const std::string& protocol, const std::string& endpoint) {
  auto statement = db.Prepare(
      "SELECT subscription_arn FROM sns_subscriptions WHERE topic_arn = ?1 AND protocol = ?2 AND endpoint = ?3");
  statement.BindAll(topic_arn, protocol, endpoint);
  if (!statement.Step()) return std::nullopt;
  return FindSubscription(db, statement.Text(0));
}

Json Subscribe(Call& call, const Json& input) {
  TopicRow topic = RequireTopic(call.db(), input.at("TopicArn").get<std::string>());
  AuthorizeCaller(call, topic, "SNS:Subscribe");
  std::string protocol = input.at("Protocol");
  if (kOtherProtocols.contains(protocol)) {
    ThrowInvalidParameter("trailbox does not deliver to protocol " + protocol +
                          " (emulated protocols: email, email-json, http, https)");
  }
  if (!kEmulatedProtocols.contains(protocol)) {
    ThrowInvalidParameter("Amazon SNS does not support this protocol string: " + protocol);
  }
  std::string endpoint = input.value("Endpoint", "");
  ValidateEndpoint(protocol, endpoint);
  Json attributes = Json::object();
  Json requested = input.value("Attributes", Json::object());
  for (const auto& [name, value] : requested.items()) {
    ValidateAttribute(protocol, name, value.get<std::string>());
    SetAttribute(attributes, name, value.get<std::string>());
  }
  bool wants_arn = input.value("ReturnSubscriptionArn", false);
  if (std::optional<SubscriptionRow> existing = ExistingSubscription(call.db(), topic.topic_arn, protocol, endpoint)) {
    if (input.contains("Attributes") && existing->attributes != attributes) {
      ThrowInvalidParameter("Attributes Reason: Subscription already exists with different attributes");
    }
    if (!existing->is_confirmed) SendConfirmation(call.db(), call.scheduler(), topic, *existing);
    bool shows_arn = existing->is_confirmed || wants_arn;
    return {{"SubscriptionArn", shows_arn ? existing->subscription_arn : "pending confirmation"}};
  }
  SubscriptionRow subscription{topic.topic_arn + ":" + NewUuid(), topic.topic_arn, call.account_id(), protocol,
                               endpoint, HexEncode(RandomBytes(64)), false, false, attributes};
  SaveSubscription(call.db(), subscription);
  SendConfirmation(call.db(), call.scheduler(), topic, subscription);
  return {{"SubscriptionArn", wants_arn ? subscription.subscription_arn : "pending confirmation"}};
}

Json ConfirmSubscription(Call& call, const Json& input) {
  TopicRow topic = RequireTopic(call.db(), input.at("TopicArn").get<std::string>());
  auto statement =
      call.db().Prepare("SELECT subscription_arn FROM sns_subscriptions WHERE topic_arn = ?1 AND token = ?2");
  statement.BindAll(topic.topic_arn, input.at("Token").get<std::string>());
  if (!statement.Step()) throw AwsError("InvalidParameter", "Invalid token");
  SubscriptionRow subscription = *FindSubscription(call.db(), statement.Text(0));
  if (!subscription.is_confirmed) {
    subscription.is_confirmed = true;
    subscription.is_authenticated = input.value("AuthenticateOnUnsubscribe", "false") == "true";
    SaveSubscription(call.db(), subscription);
  }
  return {{"SubscriptionArn", subscription.subscription_arn}};
}

Json Unsubscribe(Call& call, const Json& input) {
  SubscriptionRow subscription = RequireSubscription(call.db(), input.at("SubscriptionArn").get<std::string>());
  // Without AuthenticateOnUnsubscribe, anyone holding the link may unsubscribe (AWS's email footer link).
  if (subscription.is_authenticated) RequireOwner(call, subscription, "SNS:Unsubscribe");
  call.db().Prepare("DELETE FROM sns_subscriptions WHERE subscription_arn = ?1")
      .BindAll(subscription.subscription_arn)
      .Run();
  return Json::object();
}

Json ListSubscriptions(Call& call, const Json& input) {
  return ListWhere(call, input, "owner = ?1 AND topic_arn LIKE ?2",
                   call.account_id(), "arn:aws:sns:" + call.region + ":%");
}

Json ListSubscriptionsByTopic(Call& call, const Json& input) {
  TopicRow topic = RequireTopic(call.db(), input.at("TopicArn").get<std::string>());
  AuthorizeCaller(call, topic, "SNS:ListSubscriptionsByTopic");
  return ListWhere(call, input, "topic_arn = ?1 AND ?2 = ''", topic.topic_arn, "");
}

Json GetSubscriptionAttributes(Call& call, const Json& input) {
  SubscriptionRow subscription = RequireSubscription(call.db(), input.at("SubscriptionArn").get<std::string>());
  Json attributes = {{"ConfirmationWasAuthenticated", subscription.is_authenticated ? "true" : "false"},
                     {"Endpoint", subscription.endpoint},
                     {"Owner", subscription.owner},
                     {"PendingConfirmation", subscription.is_confirmed ? "false" : "true"},
                     {"Protocol", subscription.protocol},
                     {"RawMessageDelivery", subscription.attributes.value("RawMessageDelivery", "false")},
                     {"SubscriptionArn", subscription.subscription_arn},
                     {"TopicArn", subscription.topic_arn}};
  for (const char* name : {"FilterPolicy", "FilterPolicyScope", "DeliveryPolicy"}) {
    if (subscription.attributes.contains(name)) attributes[name] = subscription.attributes[name];
  }
  if (attributes.contains("FilterPolicy") && !attributes.contains("FilterPolicyScope")) {
    attributes["FilterPolicyScope"] = "MessageAttributes";
  }
  return {{"Attributes", attributes}};
}

Json SetSubscriptionAttributes(Call& call, const Json& input) {
  SubscriptionRow subscription = RequireSubscription(call.db(), input.at("SubscriptionArn").get<std::string>());
  RequireOwner(call, subscription, "SNS:SetSubscriptionAttributes");
  std::string name = input.at("AttributeName");
  std::string value = input.value("AttributeValue", "");
  ValidateAttribute(subscription.protocol, name, value);
  SetAttribute(subscription.attributes, name, value);
  SaveSubscription(call.db(), subscription);
  return Json::object();
}

}  // namespace

void AddSubscriptionOperations(OperationTable& table) {
  table.Add("Subscribe", Subscribe);
  table.Add("ConfirmSubscription", ConfirmSubscription);
  table.Add("Unsubscribe", Unsubscribe);
  table.Add("ListSubscriptions", ListSubscriptions);
  table.Add("ListSubscriptionsByTopic", ListSubscriptionsByTopic);
  table.Add("GetSubscriptionAttributes", GetSubscriptionAttributes);
  table.Add("SetSubscriptionAttributes", SetSubscriptionAttributes);
}

}  // namespace trailbox::sns
