// Message formats of SNS deliveries: the JSON envelope and its string to sign, and RFC 5322 emails
// (https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html, http-subscription-confirmation-json.html,
// sns-verify-signature-of-message.html; RFC 5322, RFC 2045, RFC 2047).
#include "services/sns/messages.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/encoding.hpp"
#include "core/time_format.hpp"

namespace trailbox::sns {
namespace {

constexpr size_t kMaxLineOctets = 998;
constexpr size_t kBase64LineLength = 76;

bool IsNotification(const Envelope& envelope) { return envelope.type == "Notification"; }

bool IsAscii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A header value: as is when ASCII, else one RFC 2047 encoded-word.
std::string HeaderText(const std::string& text) {
  return IsAscii(text) ? text : "=?UTF-8?B?" + Base64Encode(text) + "?=";
}

// A display name: a quoted-string when ASCII, else an encoded-word.
std::string DisplayName(const std::string& name) {
  if (!IsAscii(name)) return HeaderText(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// The body with CRLF line ends.
std::string WithCrlf(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

bool HasLongLine(const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start > kMaxLineOctets) return true;
    start = end + 1;
  }
  return false;
}

std::string WrappedBase64(const std::string& bytes) {
  std::string encoded = Base64Encode(bytes);
  std::string out;
  for (size_t at = 0; at < encoded.size(); at += kBase64LineLength) {
    out += encoded.substr(at, kBase64LineLength) + "\r\n";
  }
  return out;
}

}  // namespace

std::string StringToSign(const Envelope& envelope) {
  std::vector<std::pair<const char*, const std::string*>> fields;
  fields.emplace_back("Message", &envelope.message);
  fields.emplace_back("MessageId", &envelope.message_id);
  if (IsNotification(envelope)) {
    if (!envelope.subject.empty()) fields.emplace_back("Subject", &envelope.subject);
  } else {
    fields.emplace_back("SubscribeURL", &envelope.subscribe_url);
  }
  fields.emplace_back("Timestamp", &envelope.timestamp);
  if (!IsNotification(envelope)) fields.emplace_back("Token", &envelope.token);
  fields.emplace_back("TopicArn", &envelope.topic_arn);
  fields.emplace_back("Type", &envelope.type);
  std::string text;
  for (const auto& [key, value] : fields) text += std::string(key) + "\n" + *value + "\n";
  return text;
}

Json EnvelopeJson(const Envelope& envelope, const std::string& signature) {
  Json json = {{"Type", envelope.type}, {"MessageId", envelope.message_id}};
  if (!IsNotification(envelope)) json["Token"] = envelope.token;
  json["TopicArn"] = envelope.topic_arn;
  if (IsNotification(envelope) && !envelope.subject.empty()) json["Subject"] = envelope.subject;
  json["Message"] = envelope.message;
  if (!IsNotification(envelope)) json["SubscribeURL"] = envelope.subscribe_url;
  json["Timestamp"] = envelope.timestamp;
  json["SignatureVersion"] = "1";
  json["Signature"] = signature;
  json["SigningCertURL"] = envelope.signing_cert_url;
  if (IsNotification(envelope)) {
    json["UnsubscribeURL"] = envelope.unsubscribe_url;
    if (!envelope.message_attributes.empty()) json["MessageAttributes"] = envelope.message_attributes;
  }
  return json;
}

std::string ConfirmationMessage(const std::string& topic_arn) {
  return "You have chosen to subscribe to the topic " + topic_arn +
         ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
}

std::string RenderEmail(const Email& email) {
  std::string date = FormatHttpDate(email.date);
  if (date.ends_with(" GMT")) date.replace(date.size() - 3, 3, "+0000");
  std::string text = "From: " + DisplayName(email.from_name) + " <no-reply@sns.amazonaws.com>\r\n";
  text += "To: " + email.to + "\r\n";
  text += "Subject: " + HeaderText(email.subject) + "\r\n";
  text += "Date: " + date + "\r\n";
  text += "Message-ID: <" + email.message_id + ">\r\n";
  text += "MIME-Version: 1.0\r\n";
  text += "Content-Type: text/plain; charset=UTF-8\r\n";
  if (HasLongLine(email.body)) {
    text += "Content-Transfer-Encoding: base64\r\n\r\n" + WrappedBase64(WithCrlf(email.body));
  } else {
    text += "Content-Transfer-Encoding: 8bit\r\n\r\n" + WithCrlf(email.body) + "\r\n";
  }
  return text;
}

std::string EmailNotificationBody(const std::string& message, const std::string& unsubscribe_url) {
  return message +
         "\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below "
         "to unsubscribe:\n" +
         unsubscribe_url +
         "\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this "
         "email, please contact us at https://aws.amazon.com/support";
}

std::string EmailConfirmationBody(const std::string& topic_arn, const std::string& confirm_url) {
  return "You have chosen to subscribe to the topic: \n" + topic_arn +
         "\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is "
         "necessary): \n" +
         confirm_url +
         "\n\nPlease do not reply directly to this email. If you wish to remove yourself from receiving all future "
         "SNS subscription confirmation requests please send an email to sns-opt-out";
}

}  // namespace trailbox::sns
