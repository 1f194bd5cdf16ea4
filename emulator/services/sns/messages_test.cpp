// Message formats: the canonical string to sign, the envelope's members, RFC 5322 emails, topic names.
#include "services/sns/messages.hpp"

#include <gtest/gtest.h>

#include "services/sns/sns_common.hpp"

namespace trailbox::sns {
namespace {

TEST(SnsMessages, NotificationStringToSignSkipsAnAbsentSubject) {
  Envelope envelope{.type = "Notification", .message_id = "id", .topic_arn = "arn", .message = "m",
                    .timestamp = "2026-01-01T00:00:00.000Z"};
  EXPECT_EQ(StringToSign(envelope),
            "Message\nm\nMessageId\nid\nTimestamp\n2026-01-01T00:00:00.000Z\nTopicArn\narn\nType\nNotification\n");
  envelope.subject = "s";
  EXPECT_NE(StringToSign(envelope).find("MessageId\nid\nSubject\ns\nTimestamp"), std::string::npos);
}

TEST(SnsMessages, ConfirmationStringToSignHasSubscribeUrlAndToken) {
  Envelope envelope{.type = "SubscriptionConfirmation", .message_id = "id", .topic_arn = "arn", .message = "m",
                    .timestamp = "t", .token = "tok", .subscribe_url = "url"};
  EXPECT_EQ(StringToSign(envelope),
            "Message\nm\nMessageId\nid\nSubscribeURL\nurl\nTimestamp\nt\nToken\ntok\nTopicArn\narn\nType\n"
            "SubscriptionConfirmation\n");
  Json json = EnvelopeJson(envelope, "sig");
  EXPECT_EQ(json.begin().key(), "Type");
  EXPECT_EQ(json["Token"], "tok");
  EXPECT_FALSE(json.contains("UnsubscribeURL"));
}

TEST(SnsMessages, EmailIsRfc5322WithCrlfAndEncodedWords) {
  Email email{"Ops \"team\"", "a@example.com", "Caf\xc3\xa9", 1767225600, "id@sns.amazonaws.com", "line1\nline2"};
  std::string raw = RenderEmail(email);
  EXPECT_NE(raw.find("From: \"Ops \\\"team\\\"\" <no-reply@sns.amazonaws.com>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Subject: =?UTF-8?B?Q2Fmw6k=?=\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Date: Thu, 01 Jan 2026 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(raw.find("\r\n\r\nline1\r\nline2\r\n"), std::string::npos);
  email.body = std::string(1200, 'x');
  EXPECT_NE(RenderEmail(email).find("Content-Transfer-Encoding: base64"), std::string::npos);
}

TEST(SnsTopicNames, FollowAwsRules) {
  EXPECT_TRUE(IsValidTopicName("My_Topic-1", false));
  EXPECT_FALSE(IsValidTopicName("", false));
  EXPECT_FALSE(IsValidTopicName(std::string(257, 'a'), false));
  EXPECT_FALSE(IsValidTopicName("a.fifo", false));
  EXPECT_TRUE(IsValidTopicName("a.fifo", true));
  EXPECT_TRUE(IsTopicArnShape("arn:aws:sns:us-east-1:111122223333:a"));
  EXPECT_FALSE(IsTopicArnShape("arn:aws:sns:us-east-1:1111:a"));
}

}  // namespace
}  // namespace trailbox::sns
