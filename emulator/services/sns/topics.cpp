// Topics: CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes
// (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html and the pages of the other operations).
// Settable attributes: DisplayName, Policy, DeliveryPolicy. Deviation: FIFO topics, KMS encryption, tracing,
// SignatureVersion 2, archive and data protection policies are refused with InvalidParameter (not emulated).
#include "services/sns/sns_topics.hpp"

#include <set>

#include "core/aws_error.hpp"
#include "services/common/pagination.hpp"
#include "services/sns/sns_common.hpp"
#include "services/sns/topic_policy.hpp"

namespace trailbox::sns {
namespace {

constexpr size_t kMaxDisplayName = 100;
const std::set<std::string, std::less<>> kSettable = {"DisplayName", "Policy", "DeliveryPolicy"};
const std::set<std::string, std::less<>> kNotEmulated = {
    "FifoTopic", "ContentBasedDeduplication", "KmsMasterKeyId", "SignatureVersion", "TracingConfig", "ArchivePolicy",
    "FifoThroughputScope"};

// AWS's default delivery policy for HTTP/HTTPS, answered as EffectiveDeliveryPolicy when none is set.
constexpr const char* kDefaultDeliveryPolicy =
    R"({"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,)"
    R"("numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},)"
    R"("disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}})";

void ValidateAttribute(const std::string& name, const std::string& value) {
  if (name == "DisplayName" && value.size() > kMaxDisplayName) ThrowInvalidParameter("DisplayName");
  if (name == "Policy") ValidateTopicPolicy(value);
  if (name == "DeliveryPolicy") {
    Json policy = Json::parse(value, nullptr, false);
    if (!policy.is_object()) ThrowInvalidParameter("DeliveryPolicy: failed to parse JSON.");
  }
}

// The attributes CreateTopic may set, validated; FIFO and other features trailbox does not emulate are refused.
Json CreateAttributes(const Json& input) {
  Json attributes = Json::object();
  Json requested = input.value("Attributes", Json::object());
  for (const auto& [name, value] : requested.items()) {
    std::string text = value.get<std::string>();
    if (kNotEmulated.contains(name)) {
      if (name == "FifoTopic" && text == "false") continue;
      ThrowInvalidParameter("Attributes Reason: trailbox does not emulate the topic attribute " + name);
    }
    if (!kSettable.contains(name)) ThrowInvalidParameter("Attributes Reason: Unknown attribute " + name);
    ValidateAttribute(name, text);
    if (!text.empty()) attributes[name] = text;
  }
  return attributes;
}

int64_t CountSubscriptions(store::Database& db, const std::string& topic_arn, bool is_confirmed) {
  auto statement =
      db.Prepare("SELECT count(*) FROM sns_subscriptions WHERE topic_arn = ?1 AND is_confirmed = ?2");
  statement.BindAll(topic_arn, is_confirmed);
  statement.Step();
  return statement.Int(0);
}

Json CreateTopic(Call& call, const Json& input) {
  std::string name = input.at("Name");
  if (!IsValidTopicName(name, false)) ThrowInvalidParameter("Topic Name");
  if (input.contains("DataProtectionPolicy")) {
    ThrowInvalidParameter("DataProtectionPolicy Reason: trailbox does not emulate data protection policies");
  }
  Json attributes = CreateAttributes(input);
  Json tags = WithTags(Json::object(), input.value("Tags", Json::array()));
  std::string arn = TopicArn(call.region, call.account_id(), name);
  if (std::optional<TopicRow> existing = FindTopic(call.db(), arn)) {
    for (const auto& [key, value] : attributes.items()) {
      if (existing->attributes.value(key, Json()) != value) {
        ThrowInvalidParameter("Attributes Reason: Topic already exists with different attributes");
      }
    }
    if (input.contains("Tags") && existing->tags != tags) {
      ThrowInvalidParameter("Tags Reason: Topic already exists with different tags");
    }
    return {{"TopicArn", arn}};
  }
  SaveTopic(call.db(), {arn, call.account_id(), call.region, name, attributes, tags});
  return {{"TopicArn", arn}};
}

Json DeleteTopic(Call& call, const Json& input) {
  std::string arn = input.at("TopicArn");
  if (!IsTopicArnShape(arn)) ThrowInvalidParameter("TopicArn");
  // Idempotent, as AWS documents: deleting a topic that does not exist is not an error.
  std::optional<TopicRow> topic = FindTopic(call.db(), arn);
  if (!topic) return Json::object();
  AuthorizeCaller(call, *topic, "SNS:DeleteTopic");
  call.db().Prepare("DELETE FROM sns_subscriptions WHERE topic_arn = ?1").BindAll(arn).Run();
  call.db().Prepare("DELETE FROM sns_topics WHERE topic_arn = ?1").BindAll(arn).Run();
  return Json::object();
}

Json ListTopics(Call& call, const Json& input) {
  auto statement = call.db().Prepare("SELECT topic_arn FROM sns_topics WHERE account_id = ?1 AND region = ?2");
  statement.BindAll(call.account_id(), call.region);
  std::vector<common::KeyedItem> items;
  while (statement.Step()) items.emplace_back(statement.Text(0), Json{{"TopicArn", statement.Text(0)}});
  std::optional<Json> page = common::Paginate(std::move(items), input, "Topics",
                                              {.token_in = "NextToken", .token_out = "NextToken", .truncated_out = ""});
  if (!page) ThrowInvalidParameter("NextToken");
  return *page;
}

Json GetTopicAttributes(Call& call, const Json& input) {
  TopicRow topic = RequireTopic(call.db(), input.at("TopicArn").get<std::string>());
  AuthorizeCaller(call, topic, "SNS:GetTopicAttributes");
  Json attributes = {{"Policy", TopicPolicyText(topic)},
                     {"Owner", topic.account_id},
                     {"SubscriptionsPending", std::to_string(CountSubscriptions(call.db(), topic.topic_arn, false))},
                     {"TopicArn", topic.topic_arn},
                     {"EffectiveDeliveryPolicy", topic.attributes.value("DeliveryPolicy", kDefaultDeliveryPolicy)},
                     {"SubscriptionsConfirmed", std::to_string(CountSubscriptions(call.db(), topic.topic_arn, true))},
                     {"DisplayName", topic.attributes.value("DisplayName", "")},
                     {"SubscriptionsDeleted", "0"}};
  if (topic.attributes.contains("DeliveryPolicy")) attributes["DeliveryPolicy"] = topic.attributes["DeliveryPolicy"];
  return {{"Attributes", attributes}};
}

Json SetTopicAttributes(Call& call, const Json& input) {
  TopicRow topic = RequireTopic(call.db(), input.at("TopicArn").get<std::string>());
  AuthorizeCaller(call, topic, "SNS:SetTopicAttributes");
  std::string name = input.at("AttributeName");
  std::string value = input.value("AttributeValue", "");
  if (kNotEmulated.contains(name)) {
    ThrowInvalidParameter("AttributeName Reason: trailbox does not emulate the topic attribute " + name);
  }
  if (!kSettable.contains(name)) ThrowInvalidParameter("AttributeName");
  ValidateAttribute(name, value);
  if (value.empty()) {
    topic.attributes.erase(name);
  } else {
    topic.attributes[name] = value;
  }
  SaveTopic(call.db(), topic);
  return Json::object();
}

}  // namespace

void AddTopicOperations(OperationTable& table) {
  table.Add("CreateTopic", CreateTopic);
  table.Add("DeleteTopic", DeleteTopic);
  table.Add("ListTopics", ListTopics);
  table.Add("GetTopicAttributes", GetTopicAttributes);
  table.Add("SetTopicAttributes", SetTopicAttributes);
}

}  // namespace trailbox::sns
