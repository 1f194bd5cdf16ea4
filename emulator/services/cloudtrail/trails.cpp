// Trails: CreateTrail, UpdateTrail, DeleteTrail, GetTrail, DescribeTrails, ListTrails, StartLogging, StopLogging,
// GetTrailStatus (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html and
// neighbours). CreateTrail and UpdateTrail validate as AWS does, in AWS's order (cloudtrail-fidelity.md §(h)): the
// name, an existing trail, the trail limit, the bucket, its policy for cloudtrail.amazonaws.com (asked through
// s3::CheckServiceAccess), SNS, CloudWatch Logs (the role's trust and permissions), KMS, organization.
// Deviation: trailbox has no KMS or Organizations; a trail naming a KMS key is refused with the error AWS gives for a
// key that does not exist, and an organization trail with AWS's error for an account outside any organization.
// The SNS topic is asked through sns::CheckServicePublish.
// Open: InvalidSnsTopicNameException's message is not documented.
// InsufficientSnsTopicPolicyException's message is AWS's as reported (github.com/aws/aws-cdk/issues/11387).
// Open: the messages of TrailAlreadyExistsException, MaximumNumberOfTrailsExceededException,
// S3BucketDoesNotExistException, InvalidKmsKeyIdException and OrganizationsNotInUseException are not documented;
// ours follow the wording commonly reported.
#include <algorithm>
#include <cctype>
#include <regex>

#include "core/aws_error.hpp"
#include "core/time_format.hpp"
#include "services/cloudtrail/trail_common.hpp"
#include "services/cloudtrail/trail_topics.hpp"
#include "services/s3/access.hpp"
#include "services/s3/s3_common.hpp"
#include "services/sns/service_publish.hpp"
#include "trail/delivery.hpp"

namespace trailbox::cloudtrail {
namespace {

constexpr size_t kMaxPrefixLength = 200;

AwsError InvalidName(const std::string& message) { return AwsError("InvalidTrailNameException", message); }

void RequireValidTrailName(const std::string& name) {
  if (name.size() < 3) {
    throw InvalidName("Trail name too short. Minimum allowed length: 3 characters. Specified name length: " +
                      std::to_string(name.size()) + " characters.");
  }
  if (name.size() > 128) {
    throw InvalidName("Trail name too long. Maximum allowed length: 128 characters. Specified name length: " +
                      std::to_string(name.size()) + " characters.");
  }
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (!alnum(name.front())) throw InvalidName("Trail name must starts with a letter or number.");
  if (!alnum(name.back())) throw InvalidName("Trail name must ends with a letter or number.");
  auto punctuation = [](char c) { return c == '.' || c == '-' || c == '_'; };
  for (size_t i = 0; i < name.size(); ++i) {
    if (!alnum(name[i]) && !punctuation(name[i])) {
      throw InvalidName(
          "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens "
          "(-), and underscores (_).");
    }
    if (i > 0 && punctuation(name[i]) && punctuation(name[i - 1])) {
      throw InvalidName("Trail name or ARN cannot have adjacent periods (.), hyphens (-), or underscores (_).");
    }
  }
  // The IP-address form (192.168.5.4) is refused as well.
  bool dotted_digits = std::all_of(name.begin(), name.end(), [](char c) { return c == '.' || std::isdigit(c); });
  if (dotted_digits && std::count(name.begin(), name.end(), '.') == 3) {
    throw InvalidName("Trail name cannot be formatted as an IP address.");
  }
}

void RequireBucketName(const std::string& bucket) {
  bool valid = bucket.size() >= 3 && bucket.size() <= 63 &&
               std::all_of(bucket.begin(), bucket.end(),
                           [](char c) { return std::islower(c) || std::isdigit(c) || c == '.' || c == '-'; }) &&
               std::isalnum(static_cast<unsigned char>(bucket.front())) &&
               std::isalnum(static_cast<unsigned char>(bucket.back()));
  if (!valid) throw AwsError("InvalidS3BucketNameException", "Bucket name is not valid: " + bucket);
}

// The bucket exists and its policy lets cloudtrail.amazonaws.com read its ACL and write under AWSLogs/<account>/.
void RequireDeliverableBucket(Call& call, const trail::TrailRow& trail) {
  std::string bucket = trail.config.value("S3BucketName", "");
  RequireBucketName(bucket);
  std::string prefix = trail.config.value("S3KeyPrefix", "");
  if (prefix.size() > kMaxPrefixLength) {
    throw AwsError("InvalidS3PrefixException", "S3 prefix is longer than maximum length: " +
                                                   std::to_string(kMaxPrefixLength) + " characters.");
  }
  if (!s3::FindBucket(call.db(), bucket)) {
    throw AwsError("S3BucketDoesNotExistException", "S3 bucket " + bucket + " does not exist.");
  }
  std::string key = (prefix.empty() ? "" : prefix + "/") + "AWSLogs/" + trail.account_id + "/CloudTrail/";
  auto acl_check = s3::CheckServiceAccess(call.db(), call.now(),
                                          {"cloudtrail.amazonaws.com", "s3:GetBucketAcl", bucket, "", "", trail.arn,
                                           trail.account_id});
  auto write_check = s3::CheckServiceAccess(call.db(), call.now(),
                                            {"cloudtrail.amazonaws.com", "s3:PutObject", bucket, key,
                                             "bucket-owner-full-control", trail.arn, trail.account_id});
  if (acl_check || write_check) {
    throw AwsError("InsufficientS3BucketPolicyException",
                   "Incorrect S3 bucket policy is detected for bucket: " + bucket);
  }
}

void RequireLogsSettings(Call& call, const trail::TrailRow& trail) {
  bool has_group = trail.config.contains("CloudWatchLogsLogGroupArn");
  bool has_role = trail.config.contains("CloudWatchLogsRoleArn");
  if (!has_group && !has_role) return;
  if (!has_role) {
    throw AwsError("InvalidCloudWatchLogsRoleArnException", "You must specify a role ARN as well as a log group.");
  }
  if (!has_group) {
    throw AwsError("InvalidCloudWatchLogsLogGroupArnException",
                   "You must specify a log group as well as a role ARN.");
  }
  std::string group_arn = trail.config["CloudWatchLogsLogGroupArn"];
  auto group = trail::ParseLogGroupArn(group_arn);
  if (group && (group->region != trail.home_region || group->account_id != trail.account_id)) {
    throw AwsError("InvalidCloudWatchLogsLogGroupArnException",
                   "The log group must be in the trail's home region and account.");
  }
  std::string role_arn = trail.config["CloudWatchLogsRoleArn"];
  if (auto error =
          trail::CheckLogsDelivery(call.db(), trail.account_id, group_arn, role_arn, ToEpochSeconds(call.now()))) {
    throw *error;
  }
}

// SnsTopicName (a topic name or ARN; "" removes it): CloudTrail must be allowed to publish to the topic
// (cloudtrail-fidelity.md §(d)). The trail keeps the name (deprecated SnsTopicName) and the ARN (SnsTopicARN).
void ApplySnsTopic(Call& call, const Json& input, trail::TrailRow& trail) {
  auto topic = input.find("SnsTopicName");
  if (topic == input.end()) return;
  std::string value = *topic;
  if (value.empty()) {
    trail.config.erase("SnsTopicName");
    trail.config.erase("SnsTopicARN");
    return;
  }
  static const std::regex kTopicName(R"([A-Za-z0-9_\-]{1,256})");
  static const std::regex kTopicArn(R"(arn:aws:sns:[a-z0-9\-]+:\d{12}:[A-Za-z0-9_\-]{1,256})");
  bool is_arn = value.rfind("arn:", 0) == 0;
  if (!std::regex_match(value, is_arn ? kTopicArn : kTopicName)) {
    throw AwsError("InvalidSnsTopicNameException", "SNS topic name " + value + " is not valid.");
  }
  std::string arn = is_arn ? value : "arn:aws:sns:" + trail.home_region + ":" + trail.account_id + ":" + value;
  sns::ServicePublish publish{arn, "cloudtrail.amazonaws.com", trail.arn, trail.account_id, "", ""};
  if (sns::CheckServicePublish(call.db(), publish)) {
    throw AwsError("InsufficientSnsTopicPolicyException", "SNS Topic does not exist or the topic policy is incorrect!");
  }
  trail.config["SnsTopicName"] = arn.substr(arn.rfind(':') + 1);
  trail.config["SnsTopicARN"] = arn;
}

void RequireNoKmsKeyOrOrganization(const Json& input) {
  if (auto key = input.find("KmsKeyId"); key != input.end() && !key->get<std::string>().empty()) {
    throw AwsError("InvalidKmsKeyIdException", "KMS key " + key->get<std::string>() + " does not exist.");
  }
  if (input.value("IsOrganizationTrail", false)) {
    throw AwsError("OrganizationsNotInUseException", "This account is not a member of an organization.");
  }
}

void RequireGlobalEventsForMultiRegion(const Json& config) {
  if (config.value("IsMultiRegionTrail", false) && !config.value("IncludeGlobalServiceEvents", true)) {
    throw AwsError("InvalidParameterCombinationException", "Multi-Region trail must include global service events.");
  }
}

// Copies the settings the input names into the trail's configuration; an empty string clears an optional one.
void ApplySettings(const Json& input, Json& config) {
  for (const char* member : {"S3BucketName", "IncludeGlobalServiceEvents", "IsMultiRegionTrail"}) {
    if (input.contains(member)) config[member] = input[member];
  }
  if (input.contains("EnableLogFileValidation")) config["LogFileValidationEnabled"] = input["EnableLogFileValidation"];
  for (const char* member : {"S3KeyPrefix", "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn"}) {
    if (!input.contains(member)) continue;
    if (input[member].get<std::string>().empty()) {
      config.erase(member);
    } else {
      config[member] = input[member];
    }
  }
}

// CreateTrail's and UpdateTrail's answer: the Trail document without the members only GetTrail has.
Json TrailResponse(const trail::TrailRow& trail) {
  Json document = TrailDocument(trail);
  for (const char* member : {"HomeRegion", "HasCustomEventSelectors", "HasInsightSelectors"}) document.erase(member);
  return document;
}

size_t TrailsCountedIn(Call& call) {
  return trail::TrailsVisibleIn(call.db(), call.account_id(), call.region, true).size();
}

}  // namespace

Json CreateTrail(Call& call, const Json& input) {
  std::string name = input.at("Name");
  RequireValidTrailName(name);
  trail::TrailRow trail;
  trail.name = name;
  trail.account_id = call.account_id();
  trail.home_region = call.region;
  trail.arn = trail::TrailArn(call.region, call.account_id(), name);
  for (const trail::TrailRow& existing : trail::TrailsVisibleIn(call.db(), call.account_id(), call.region, true)) {
    if (existing.name == name) {
      throw AwsError("TrailAlreadyExistsException",
                     "Trail " + name + " already exists for customer: " + call.account_id());
    }
  }
  if (TrailsCountedIn(call) >= trail::kMaxTrailsPerRegion) {
    throw AwsError("MaximumNumberOfTrailsExceededException",
                   "User: " + call.account_id() + " already has " + std::to_string(trail::kMaxTrailsPerRegion) +
                       " trails in " + call.region + ".");
  }
  trail.config = {{"IncludeGlobalServiceEvents", true}, {"IsMultiRegionTrail", false},
                  {"LogFileValidationEnabled", false}};
  ApplySettings(input, trail.config);
  RequireGlobalEventsForMultiRegion(trail.config);
  RequireDeliverableBucket(call, trail);
  ApplySnsTopic(call, input, trail);
  RequireLogsSettings(call, trail);
  RequireNoKmsKeyOrOrganization(input);
  trail.selectors = trail::DefaultSelectors();
  trail.tags = input.value("TagsList", Json::array());
  trail.status = Json::object();
  trail::SaveTrail(call.db(), trail);
  return TrailResponse(trail);
}

Json UpdateTrail(Call& call, const Json& input) {
  trail::TrailRow trail = RequireHomeTrail(call, input.at("Name"));
  ApplySettings(input, trail.config);
  RequireGlobalEventsForMultiRegion(trail.config);
  if (input.contains("S3BucketName") || input.contains("S3KeyPrefix")) RequireDeliverableBucket(call, trail);
  ApplySnsTopic(call, input, trail);
  if (input.contains("CloudWatchLogsLogGroupArn") || input.contains("CloudWatchLogsRoleArn")) {
    RequireLogsSettings(call, trail);
  }
  RequireNoKmsKeyOrOrganization(input);
  trail::SaveTrail(call.db(), trail);
  return TrailResponse(trail);
}

Json DeleteTrail(Call& call, const Json& input) {
  trail::TrailRow trail = RequireHomeTrail(call, input.at("Name"));
  trail::DeleteTrailRow(call.db(), trail.arn);
  return Json::object();
}

Json GetTrail(Call& call, const Json& input) { return {{"Trail", TrailDocument(RequireTrail(call, input.at("Name")))}}; }

Json DescribeTrails(Call& call, const Json& input) {
  bool with_shadows = input.value("includeShadowTrails", true);
  std::vector<trail::TrailRow> trails =
      trail::TrailsVisibleIn(call.db(), call.account_id(), call.region, with_shadows);
  Json list = Json::array();
  const Json& names = input.value("trailNameList", Json::array());
  for (const trail::TrailRow& trail : trails) {
    bool wanted = names.empty() || std::any_of(names.begin(), names.end(), [&](const Json& name) {
                    return name == trail.arn || name == trail.name;
                  });
    if (wanted) list.push_back(TrailDocument(trail));
  }
  return {{"trailList", list}};
}

Json ListTrails(Call& call, const Json&) {
  Json trails = Json::array();
  for (const trail::TrailRow& trail : trail::TrailsVisibleIn(call.db(), call.account_id(), call.region, true)) {
    trails.push_back({{"TrailARN", trail.arn}, {"Name", trail.name}, {"HomeRegion", trail.home_region}});
  }
  return {{"Trails", trails}};
}

Json StartLogging(Call& call, const Json& input) {
  trail::TrailRow trail = RequireHomeTrail(call, input.at("Name"));
  double now = ToEpochSeconds(call.now());
  if (!trail.is_logging) {
    trail.is_logging = true;
    trail.status["StartLoggingTime"] = now;
    trail.status["TimeLoggingStarted"] = FormatIso8601(now);
  }
  trail::ScheduleTrailDelivery(call.db(), call.scheduler(), trail, now);
  trail::SaveTrail(call.db(), trail);
  return Json::object();
}

Json StopLogging(Call& call, const Json& input) {
  trail::TrailRow trail = RequireHomeTrail(call, input.at("Name"));
  if (trail.is_logging) {
    double now = ToEpochSeconds(call.now());
    trail.is_logging = false;
    trail.status["StopLoggingTime"] = now;
    trail.status["TimeLoggingStopped"] = FormatIso8601(now);
  }
  trail::SaveTrail(call.db(), trail);
  return Json::object();
}

Json GetTrailStatus(Call& call, const Json& input) {
  std::string name = input.at("Name");
  trail::TrailRow trail;
  try {
    trail = RequireTrail(call, name);
  } catch (const AwsError& error) {
    if (name.rfind("arn:", 0) == 0) throw;
    throw AwsError(error.code(), "Unknown trail: " + trail::TrailArn(call.region, call.account_id(), name) +
                                     " for the user: " + call.account_id());
  }
  Json output = {{"IsLogging", trail.is_logging}};
  for (auto& [member, value] : trail.status.items()) output[member] = value;
  return output;
}

void AddTrailOperations(OperationTable& table) {
  table.Add("CreateTrail", CreateTrail);
  table.Add("UpdateTrail", UpdateTrail);
  table.Add("DeleteTrail", DeleteTrail);
  table.Add("GetTrail", GetTrail);
  table.Add("DescribeTrails", DescribeTrails);
  table.Add("ListTrails", ListTrails);
  table.Add("StartLogging", StartLogging);
  table.Add("StopLogging", StopLogging);
  table.Add("GetTrailStatus", GetTrailStatus);
}

}  // namespace trailbox::cloudtrail
