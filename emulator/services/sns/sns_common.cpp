// Topic and subscription rows, ARNs, names and the shared error wording of SNS
// (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html, CommonErrors.html).
#include "services/sns/sns_common.hpp"

#include <algorithm>
#include <cctype>

#include "core/aws_error.hpp"

namespace trailbox::sns {
namespace {

constexpr size_t kMaxTopicName = 256;
constexpr const char* kEndpointKey = "sns.public_host";

bool IsNameCharacter(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

bool IsAccountId(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(c); });
}

TopicRow ReadTopic(const store::Statement& statement) {
  return {statement.Text(0), statement.Text(1), statement.Text(2), statement.Text(3),
          Json::parse(statement.Text(4)), Json::parse(statement.Text(5))};
}

}  // namespace

void ThrowInvalidParameter(std::string_view what) {
  throw AwsError("InvalidParameter", "Invalid parameter: " + std::string(what));
}

AwsError AuthorizationError(std::string_view caller_arn, std::string_view action, std::string_view resource) {
  return AwsError("AuthorizationError", "User: " + std::string(caller_arn) + " is not authorized to perform: " +
                                            std::string(action) + " on resource: " + std::string(resource));
}

bool IsValidTopicName(std::string_view name, bool is_fifo) {
  if (name.empty() || name.size() > kMaxTopicName) return false;
  std::string_view stem = name;
  if (is_fifo) {
    if (!name.ends_with(".fifo") || name.size() == 5) return false;
    stem = name.substr(0, name.size() - 5);
  }
  return std::all_of(stem.begin(), stem.end(), IsNameCharacter);
}

std::string TopicArn(std::string_view region, std::string_view account_id, std::string_view name) {
  return "arn:aws:sns:" + std::string(region) + ":" + std::string(account_id) + ":" + std::string(name);
}

bool IsTopicArnShape(std::string_view arn) {
  if (!arn.starts_with("arn:aws:sns:")) return false;
  std::string_view rest = arn.substr(12);
  size_t region_end = rest.find(':');
  if (region_end == std::string_view::npos || region_end == 0) return false;
  std::string_view after_region = rest.substr(region_end + 1);
  size_t account_end = after_region.find(':');
  if (account_end == std::string_view::npos || !IsAccountId(after_region.substr(0, account_end))) return false;
  std::string_view name = after_region.substr(account_end + 1);
  return IsValidTopicName(name, name.ends_with(".fifo"));
}

std::optional<TopicRow> FindTopic(store::Database& db, std::string_view topic_arn) {
  auto statement = db.Prepare(
      "SELECT topic_arn, account_id, region, name, attributes, tags FROM sns_topics WHERE topic_arn = ?1");
  statement.BindAll(topic_arn);
  if (!statement.Step()) return std::nullopt;
  return ReadTopic(statement);
}

TopicRow RequireTopic(store::Database& db, std::string_view arn, std::string_view member) {
  if (!IsTopicArnShape(arn)) ThrowInvalidParameter(member);
  std::optional<TopicRow> topic = FindTopic(db, arn);
  if (!topic) throw AwsError("NotFound", "Topic does not exist");
  return *topic;
}

void SaveTopic(store::Database& db, const TopicRow& topic) {
  db.Prepare(
        "INSERT INTO sns_topics (topic_arn, account_id, region, name, attributes, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT (topic_arn) DO UPDATE SET attributes = ?5, tags = ?6")
      .BindAll(topic.topic_arn, topic.account_id, topic.region, topic.name, topic.attributes.dump(), topic.tags.dump())
      .Run();
}

std::optional<SubscriptionRow> FindSubscription(store::Database& db, std::string_view subscription_arn) {
  auto statement = db.Prepare(
      "SELECT subscription_arn, topic_arn, owner, protocol, endpoint, token, is_confirmed, is_authenticated, "
      "attributes FROM sns_subscriptions WHERE subscription_arn = ?1");
  statement.BindAll(subscription_arn);
  if (!statement.Step()) return std::nullopt;
  return SubscriptionRow{statement.Text(0), statement.Text(1), statement.Text(2),     statement.Text(3),
                         statement.Text(4), statement.Text(5), statement.Int(6) != 0, statement.Int(7) != 0,
                         Json::parse(statement.Text(8))};
}

SubscriptionRow RequireSubscription(store::Database& db, std::string_view subscription_arn) {
  size_t last_colon = subscription_arn.rfind(':');
  if (last_colon == std::string_view::npos || !IsTopicArnShape(subscription_arn.substr(0, last_colon))) {
    ThrowInvalidParameter("SubscriptionArn");
  }
  std::optional<SubscriptionRow> subscription = FindSubscription(db, subscription_arn);
  if (!subscription) throw AwsError("NotFound", "Subscription does not exist");
  return *subscription;
}

void SaveSubscription(store::Database& db, const SubscriptionRow& subscription) {
  db.Prepare(
        "INSERT INTO sns_subscriptions (subscription_arn, topic_arn, owner, protocol, endpoint, token, is_confirmed, "
        "is_authenticated, attributes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (subscription_arn) "
        "DO UPDATE SET token = ?6, is_confirmed = ?7, is_authenticated = ?8, attributes = ?9")
      .BindAll(subscription.subscription_arn, subscription.topic_arn, subscription.owner, subscription.protocol,
               subscription.endpoint, subscription.token, subscription.is_confirmed, subscription.is_authenticated,
               subscription.attributes.dump())
      .Run();
}

void RememberEndpoint(store::Database& db, std::string_view host) {
  if (host.empty()) return;
  db.Prepare("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2 "
             "WHERE value <> ?2")
      .BindAll(kEndpointKey, host)
      .Run();
}

std::string PublicUrl(store::Database& db) {
  auto statement = db.Prepare("SELECT value FROM meta WHERE key = ?1");
  statement.BindAll(kEndpointKey);
  return "http://" + (statement.Step() ? statement.Text(0) : std::string("localhost:4566"));
}

}  // namespace trailbox::sns
