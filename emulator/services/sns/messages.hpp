// The messages SNS sends, as pure text: the JSON envelope posted to HTTP/HTTPS endpoints and mailed to email-json
// subscribers, its canonical string to sign, and RFC 5322 emails with AWS's texts
// (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html,
// sns-verify-signature-of-message.html, sns-email-notifications.html).
#pragma once
#include <string>

#include "core/json.hpp"

namespace trailbox::sns {

/// AWS's subject for a notification published without one.
inline constexpr const char* kDefaultSubject = "AWS Notification Message";
/// The subject of a subscription confirmation email.
inline constexpr const char* kConfirmationSubject = "AWS Notification - Subscription Confirmation";

/// One message in SNS's JSON envelope.
struct Envelope {
  std::string type;  // "Notification", "SubscriptionConfirmation"
  std::string message_id;
  std::string topic_arn;
  std::string subject;  // Notification only; empty for none
  std::string message;
  std::string timestamp;  // ISO 8601 with milliseconds, "Z"
  std::string token;          // SubscriptionConfirmation only
  std::string subscribe_url;  // SubscriptionConfirmation only
  std::string unsubscribe_url;  // Notification only
  std::string signing_cert_url;
  Json message_attributes = Json::object();  // Notification: name -> {"Type", "Value"}
};

/// The canonical string SignatureVersion 1 signs: "Key\nvalue\n" for the message type's keys in byte order
/// (Notification: Message, MessageId, Subject if any, Timestamp, TopicArn, Type; SubscriptionConfirmation:
/// Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type).
std::string StringToSign(const Envelope& envelope);
/// The envelope as SNS serializes it (AWS's member order), with SignatureVersion "1" and `signature`.
Json EnvelopeJson(const Envelope& envelope, const std::string& signature);
/// The Message of a SubscriptionConfirmation envelope.
std::string ConfirmationMessage(const std::string& topic_arn);

/// An email as SNS sends it from no-reply@sns.amazonaws.com.
struct Email {
  std::string from_name;  // the topic's DisplayName, or "AWS Notifications"
  std::string to;
  std::string subject;
  double date = 0;  // epoch seconds
  std::string message_id;  // without angle brackets
  std::string body;
};

/// The email as RFC 5322 text (CRLF line ends; UTF-8 body, base64 when a line exceeds 998 octets; RFC 2047
/// encoded-words for a non-ASCII display name or subject).
std::string RenderEmail(const Email& email);
/// The body of an email notification: the message and AWS's footer with the unsubscribe link.
std::string EmailNotificationBody(const std::string& message, const std::string& unsubscribe_url);
/// The body of the subscription confirmation email with its confirmation link.
std::string EmailConfirmationBody(const std::string& topic_arn, const std::string& confirm_url);

}  // namespace trailbox::sns
