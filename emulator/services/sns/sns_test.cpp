// SNS handlers without HTTP: topics and their default policy, subscriptions confirmed with the outbox's token,
// Publish into the outbox, filter policies, the service-principal rules of service_publish.hpp, and errors.
#include <gtest/gtest.h>

#include "core/aws_error.hpp"
#include "services/common/handler_harness.hpp"
#include "services/sns/outbox.hpp"
#include "services/sns/service_publish.hpp"
#include "services/sns/sns_service.hpp"

namespace trailbox::sns {
namespace {

constexpr const char* kArn = "arn:aws:sns:us-east-1:111122223333:alerts";

class SnsTest : public ::testing::Test {
 protected:
  SnsTest() { h.Register(AddSnsOperations); }

  std::string CreateTopic(const std::string& name = "alerts") {
    return h.Run("CreateTopic", {{"Name", name}})["TopicArn"];
  }
  // Subscribes and confirms with the token in the confirmation message of the outbox.
  std::string SubscribeEmail(const std::string& address) {
    std::string arn =
        h.Run("Subscribe", {{"TopicArn", kArn}, {"Protocol", "email"}, {"Endpoint", address},
                            {"ReturnSubscriptionArn", true}})["SubscriptionArn"];
    Json messages = ListOutbox(h.db(), address);
    std::string body = messages.back()["body"];
    size_t at = body.find("Token=");
    std::string token = body.substr(at + 6, body.find('\n', at) - at - 6);
    h.Run("ConfirmSubscription", {{"TopicArn", kArn}, {"Token", token}});
    return arn;
  }

  common::HandlerHarness h;
};

TEST_F(SnsTest, CreateTopicIsIdempotentAndAnswersTheDefaultPolicy) {
  EXPECT_EQ(CreateTopic(), kArn);
  EXPECT_EQ(CreateTopic(), kArn);
  Json attributes = h.Run("GetTopicAttributes", {{"TopicArn", kArn}})["Attributes"];
  Json policy = Json::parse(attributes["Policy"].get<std::string>());
  EXPECT_EQ(policy["Statement"][0]["Sid"], "__default_statement_ID");
  EXPECT_EQ(policy["Statement"][0]["Principal"], Json({{"AWS", "*"}}));
  EXPECT_EQ(policy["Statement"][0]["Condition"]["StringEquals"]["AWS:SourceOwner"], "111122223333");
  EXPECT_EQ(attributes["Owner"], "111122223333");
  EXPECT_EQ(attributes["SubscriptionsPending"], "0");
  AwsError error = h.Fail("CreateTopic", {{"Name", "bad name"}});
  EXPECT_EQ(error.code(), "InvalidParameter");
  EXPECT_EQ(error.message(), "Invalid parameter: Topic Name");
  error = h.Fail("CreateTopic", {{"Name", "alerts"}, {"Attributes", {{"DisplayName", "other"}}}});
  EXPECT_EQ(error.message(), "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
}

TEST_F(SnsTest, MissingTopicIsNotFoundAndBadAttributeIsInvalid) {
  AwsError error = h.Fail("GetTopicAttributes", {{"TopicArn", kArn}});
  EXPECT_EQ(error.code(), "NotFound");
  EXPECT_EQ(error.message(), "Topic does not exist");
  CreateTopic();
  error = h.Fail("SetTopicAttributes", {{"TopicArn", kArn}, {"AttributeName", "Colour"}, {"AttributeValue", "x"}});
  EXPECT_EQ(error.message(), "Invalid parameter: AttributeName");
  error = h.Fail("SetTopicAttributes", {{"TopicArn", kArn}, {"AttributeName", "Policy"}, {"AttributeValue", "{"}});
  EXPECT_EQ(error.code(), "InvalidParameter");
}

TEST_F(SnsTest, EmailSubscriptionConfirmsAndPublishLandsInTheOutbox) {
  CreateTopic();
  h.Run("SetTopicAttributes", {{"TopicArn", kArn}, {"AttributeName", "DisplayName"}, {"AttributeValue", "Ops"}});
  std::string subscription = SubscribeEmail("ops@example.com");
  Json attributes = h.Run("GetSubscriptionAttributes", {{"SubscriptionArn", subscription}})["Attributes"];
  EXPECT_EQ(attributes["PendingConfirmation"], "false");
  std::string id = h.Run("Publish", {{"TopicArn", kArn}, {"Message", "disk full"}})["MessageId"];
  Json last = ListOutbox(h.db(), "ops@example.com").back();
  EXPECT_EQ(last["message_id"], id);
  EXPECT_EQ(last["subject"], "AWS Notification Message");
  std::string raw = last["raw"];
  EXPECT_NE(raw.find("From: \"Ops\" <no-reply@sns.amazonaws.com>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Subject: AWS Notification Message\r\n"), std::string::npos);
  EXPECT_NE(raw.find("disk full\r\n\r\n--\r\nIf you wish to stop receiving"), std::string::npos);
}

TEST_F(SnsTest, FilterPolicyDecidesWhoGetsTheMessage) {
  CreateTopic();
  std::string subscription = SubscribeEmail("ops@example.com");
  h.Run("SetSubscriptionAttributes", {{"SubscriptionArn", subscription},
                                      {"AttributeName", "FilterPolicy"},
                                      {"AttributeValue", R"({"severity": ["high"]})"}});
  size_t before = ListOutbox(h.db(), std::nullopt).size();
  h.Run("Publish", {{"TopicArn", kArn}, {"Message", "low"},
                    {"MessageAttributes", {{"severity", {{"DataType", "String"}, {"StringValue", "low"}}}}}});
  EXPECT_EQ(ListOutbox(h.db(), std::nullopt).size(), before);
  h.Run("Publish", {{"TopicArn", kArn}, {"Message", "high"},
                    {"MessageAttributes", {{"severity", {{"DataType", "String"}, {"StringValue", "high"}}}}}});
  EXPECT_EQ(ListOutbox(h.db(), std::nullopt).size(), before + 1);
  AwsError error = h.Fail("SetSubscriptionAttributes", {{"SubscriptionArn", subscription},
                                                        {"AttributeName", "FilterPolicy"},
                                                        {"AttributeValue", R"({"a": [{"wildcard": "x"}]})"}});
  EXPECT_EQ(error.message(), "Invalid parameter: FilterPolicy: Unrecognized match type wildcard");
}

TEST_F(SnsTest, PublishErrorsChangeNothing) {
  CreateTopic();
  EXPECT_EQ(h.Fail("Publish", {{"TopicArn", kArn}, {"Message", ""}}).message(), "Invalid parameter: Empty message");
  EXPECT_EQ(h.Fail("Publish", {{"TopicArn", kArn}, {"Message", "m"}, {"Subject", "line\nbreak"}}).message(),
            "Invalid parameter: Subject");
  EXPECT_EQ(h.Fail("Publish", {{"TopicArn", kArn}, {"Message", std::string(262145, 'x')}}).message(),
            "Invalid parameter: Message too long");
  EXPECT_EQ(h.Fail("Publish", {{"TopicArn", kArn}, {"Message", R"({"email": "x"})"}, {"MessageStructure", "json"}})
                .message(),
            "Invalid parameter: Message Structure - No default entry in JSON message body");
  h.call().identity = Identity::RootOf("444455556666");
  AwsError error = h.Fail("Publish", {{"TopicArn", kArn}, {"Message", "m"}});
  EXPECT_EQ(error.code(), "AuthorizationError");
  EXPECT_EQ(error.message(), "User: arn:aws:iam::444455556666:root is not authorized to perform: SNS:Publish on "
                             "resource: " + std::string(kArn));
  EXPECT_TRUE(ListOutbox(h.db(), std::nullopt).empty());
}

TEST_F(SnsTest, ServicePrincipalsNeedAStatementNamingThem) {
  ServicePublish trail{kArn, "cloudtrail.amazonaws.com", "arn:aws:cloudtrail:us-east-1:111122223333:trail/t",
                       "111122223333", "", "log file"};
  EXPECT_EQ(CheckServicePublish(h.db(), trail)->code(), "NotFound");
  CreateTopic();
  EXPECT_EQ(CheckServicePublish(h.db(), trail)->code(), "AuthorizationError");
  ServicePublish alarm = trail;
  alarm.service = "cloudwatch.amazonaws.com";
  EXPECT_FALSE(CheckServicePublish(h.db(), alarm).has_value());
  alarm.source_account = "444455556666";
  EXPECT_TRUE(CheckServicePublish(h.db(), alarm).has_value());
  Json policy = {{"Version", "2012-10-17"},
                 {"Statement",
                  {{{"Effect", "Allow"}, {"Principal", {{"Service", "cloudtrail.amazonaws.com"}}},
                    {"Action", "SNS:Publish"}, {"Resource", kArn}}}}};
  h.Run("SetTopicAttributes", {{"TopicArn", kArn}, {"AttributeName", "Policy"}, {"AttributeValue", policy.dump()}});
  EXPECT_FALSE(CheckServicePublish(h.db(), trail).has_value());
  SubscribeEmail("ops@example.com");
  std::string id;
  {
    store::Transaction transaction(h.db());
    id = PublishAsService(h.db(), h.scheduler(), trail);
    transaction.Commit();
  }
  EXPECT_EQ(ListOutbox(h.db(), "ops@example.com").back()["message_id"], id);
}

TEST_F(SnsTest, HttpSubscriptionQueuesASignedConfirmationPost) {
  CreateTopic();
  h.Run("Subscribe", {{"TopicArn", kArn}, {"Protocol", "http"}, {"Endpoint", "http://127.0.0.1:9/hook"}});
  Json message = ListOutbox(h.db(), "http://127.0.0.1:9/hook").back();
  EXPECT_EQ(message["status"], "pending");
  Json body = Json::parse(message["body"].get<std::string>());
  EXPECT_EQ(body["Type"], "SubscriptionConfirmation");
  EXPECT_EQ(body["SignatureVersion"], "1");
  EXPECT_FALSE(body["Signature"].get<std::string>().empty());
  EXPECT_EQ(h.scheduler().pending(), 1u);
  AwsError error = h.Fail("Subscribe", {{"TopicArn", kArn}, {"Protocol", "http"}, {"Endpoint", "ftp://x"}});
  EXPECT_EQ(error.message(), "Invalid parameter: Endpoint must match the specified protocol");
  error = h.Fail("Subscribe", {{"TopicArn", kArn}, {"Protocol", "carrier-pigeon"}, {"Endpoint", "x"}});
  EXPECT_EQ(error.message(), "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon");
}

}  // namespace
}  // namespace trailbox::sns
