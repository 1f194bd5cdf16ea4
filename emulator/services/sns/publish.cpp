// Publish: a message to a topic's subscribers, checked against the topic policy for the caller
// (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html). Deviation: PhoneNumber (SMS) and platform
// endpoint TargetArns are refused with InvalidParameter; a TargetArn naming a topic publishes to it.
#include "services/sns/publish.hpp"

#include <algorithm>
#include <cctype>

#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "services/sns/deliveries.hpp"
#include "services/sns/sns_common.hpp"
#include "services/sns/sns_topics.hpp"
#include "services/sns/topic_policy.hpp"

namespace trailbox::sns {
namespace {

constexpr size_t kMaxSubject = 100;

bool IsPrintableAscii(char c) { return c >= 0x20 && c < 0x7f; }

size_t AttributesSize(const Json& attributes) {
  size_t size = 0;
  for (const auto& [name, attribute] : attributes.items()) {
    size += name.size() + attribute.value("DataType", "").size() + attribute.value("StringValue", "").size();
    if (attribute.contains("BinaryValue") && attribute["BinaryValue"].is_binary()) {
      size += attribute["BinaryValue"].get_binary().size();
    }
  }
  return size;
}

void ValidateAttributes(const Json& attributes) {
  for (const auto& [name, attribute] : attributes.items()) {
    std::string type = attribute.value("DataType", "");
    std::string base = type.substr(0, type.find('.'));
    if (type.starts_with("String.Array")) base = "String.Array";
    if (base != "String" && base != "Number" && base != "Binary" && base != "String.Array") {
      throw AwsError("ParameterValueInvalid",
                     "The message attribute '" + name +
                         "' has an invalid message attribute type, the set of supported type prefixes is Binary, "
                         "Number, and String.");
    }
    bool has_value = base == "Binary" ? attribute.contains("BinaryValue")
                                      : !attribute.value("StringValue", "").empty();
    if (!has_value) {
      throw AwsError("ParameterValueInvalid", "The message attribute '" + name +
                                                  "' must contain non-empty message attribute value for message "
                                                  "attribute type '" + base + "'.");
    }
  }
}

// The topic Publish names: TopicArn or TargetArn (exactly one); PhoneNumber is not emulated.
std::string TargetTopic(const Json& input) {
  if (input.contains("PhoneNumber")) {
    ThrowInvalidParameter("PhoneNumber Reason: trailbox does not deliver SMS messages");
  }
  bool has_topic = input.contains("TopicArn");
  bool has_target = input.contains("TargetArn");
  if (has_topic && has_target) {
    ThrowInvalidParameter("TopicArn or TargetArn Reason: Only one of TopicArn or TargetArn may be specified");
  }
  if (!has_topic && !has_target) ThrowInvalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
  std::string arn = input.value(has_topic ? "TopicArn" : "TargetArn", "");
  if (has_target && !IsTopicArnShape(arn)) {
    ThrowInvalidParameter("TargetArn Reason: trailbox publishes only to topics (no platform endpoints)");
  }
  return arn;
}

Json Publish(Call& call, const Json& input) {
  std::string topic_arn = TargetTopic(input);
  std::string message = input.at("Message");
  Json attributes = input.value("MessageAttributes", Json::object());
  ValidateMessage(message, attributes);
  if (input.contains("Subject")) ValidateSubject(input["Subject"]);
  std::optional<Json> per_protocol;
  if (input.contains("MessageStructure")) {
    if (input["MessageStructure"] != "json") ThrowInvalidParameter("MessageStructure");
    per_protocol = PerProtocolMessages(message);
  }
  TopicRow topic = RequireTopic(call.db(), topic_arn, input.contains("TopicArn") ? "TopicArn" : "TargetArn");
  for (const char* fifo_only : {"MessageGroupId", "MessageDeduplicationId"}) {
    if (input.contains(fifo_only)) {
      ThrowInvalidParameter(std::string(fifo_only) + " Reason: The request includes " + fifo_only +
                            " parameter that is not valid for this topic type");
    }
  }
  AuthorizeCaller(call, topic, "SNS:Publish");
  Publication publication{topic, NewUuid(), input.value("Subject", ""),
                          per_protocol ? (*per_protocol)["default"].get<std::string>() : message, per_protocol,
                          attributes};
  Fanout(call.db(), call.scheduler(), publication);
  return {{"MessageId", publication.message_id}};
}

}  // namespace

void ValidateSubject(const std::string& subject) {
  bool is_valid = !subject.empty() && subject.size() <= kMaxSubject &&
                  std::all_of(subject.begin(), subject.end(), IsPrintableAscii) &&
                  std::isgraph(static_cast<unsigned char>(subject.front()));
  if (!is_valid) ThrowInvalidParameter("Subject");
}

void ValidateMessage(const std::string& message, const Json& attributes) {
  if (message.empty()) ThrowInvalidParameter("Empty message");
  ValidateAttributes(attributes);
  if (message.size() + AttributesSize(attributes) > kMaxMessageBytes) ThrowInvalidParameter("Message too long");
}

Json PerProtocolMessages(const std::string& message) {
  Json messages = Json::parse(message, nullptr, false);
  if (messages.is_discarded() || !messages.is_object()) {
    ThrowInvalidParameter("Message Structure - JSON message body failed to parse");
  }
  if (!messages.contains("default") || !messages["default"].is_string()) {
    ThrowInvalidParameter("Message Structure - No default entry in JSON message body");
  }
  for (auto& [protocol, text] : messages.items()) {
    if (!text.is_string()) text = text.dump();
  }
  return messages;
}

void AddPublishOperations(OperationTable& table) { table.Add("Publish", Publish); }

}  // namespace trailbox::sns
