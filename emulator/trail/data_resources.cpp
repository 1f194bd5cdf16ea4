// Data events: the resources of a data-event record and the DataResources values that select it.
// Value forms are the documented ones (cloudtrail-fidelity.md §(g)); a bucket ARN without the trailing "/" is
// refused as AWS refuses it ("Value arn:aws:s3:::<bucket> for DataResources.Values is invalid.", aws-cdk#3450).
#include "trail/data_resources.hpp"

#include <algorithm>
#include <regex>
#include <vector>

namespace trailbox::trail {
namespace {

// Open: AWS keeps adding data-event resource types; these are the ones its API reference listed for advanced
// selectors when trailbox was written. trailbox's services produce data events of AWS::S3::Object only.
constexpr std::string_view kAdvancedTypes[] = {
    "AWS::S3::Object",          "AWS::Lambda::Function",       "AWS::DynamoDB::Table",
    "AWS::S3Outposts::Object",  "AWS::ManagedBlockchain::Node", "AWS::S3ObjectLambda::AccessPoint",
    "AWS::EC2::Snapshot",       "AWS::S3::AccessPoint",        "AWS::DynamoDB::Stream",
    "AWS::Glue::Table",         "AWS::SNS::Topic",             "AWS::SNS::PlatformEndpoint",
    "AWS::SQS::Queue",          "AWS::CloudTrail::Channel",    "AWS::KMS::Key"};

// The value that selects every resource of a basic type ("all current and future buckets").
std::string_view AllResourcesValue(std::string_view type) {
  if (type == "AWS::S3::Object") return "arn:aws:s3";
  if (type == "AWS::Lambda::Function") return "arn:aws:lambda";
  return "arn:aws:dynamodb";
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

bool IsDataEvent(const Json& record) {
  return record.value("managementEvent", true) == false || record.value("eventCategory", "") == "Data";
}

Json S3DataResources(const std::string& account_id, const std::string& bucket, const std::string* key,
                     const std::string& prefix) {
  if (bucket.empty()) return nullptr;
  std::string bucket_arn = "arn:aws:s3:::" + bucket;
  Json objects = key ? Json{{"type", "AWS::S3::Object"}, {"ARN", bucket_arn + "/" + *key}}
                     : Json{{"type", "AWS::S3::Object"}, {"ARNPrefix", bucket_arn + "/" + prefix}};
  return Json::array({objects, {{"accountId", account_id}, {"type", "AWS::S3::Bucket"}, {"ARN", bucket_arn}}});
}

bool IsBasicDataResourceType(std::string_view type) {
  return type == "AWS::S3::Object" || type == "AWS::Lambda::Function" || type == "AWS::DynamoDB::Table";
}

bool IsAdvancedDataResourceType(std::string_view type) {
  return std::find(std::begin(kAdvancedTypes), std::end(kAdvancedTypes), type) != std::end(kAdvancedTypes);
}

bool IsValidDataResourceValue(std::string_view type, std::string_view value) {
  if (value == AllResourcesValue(type)) return true;
  static const std::regex kS3Object(R"(arn:aws:s3:::[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]/[^*]*)");
  static const std::regex kFunction(R"(arn:aws:lambda:[a-z0-9\-]+:\d{12}:function:[A-Za-z0-9\-_]+(:[A-Za-z0-9$\-_]+)?)");
  static const std::regex kTable(R"(arn:aws:dynamodb:[a-z0-9\-]+:\d{12}:table/[A-Za-z0-9_.\-]{3,255})");
  std::string text(value);
  if (type == "AWS::S3::Object") return std::regex_match(text, kS3Object);
  if (type == "AWS::Lambda::Function") return std::regex_match(text, kFunction);
  return std::regex_match(text, kTable);
}

std::vector<std::string> ResourceArnsOfType(const Json& record, std::string_view type) {
  std::vector<std::string> arns;
  auto resources = record.find("resources");
  if (resources == record.end() || !resources->is_array()) return arns;
  for (const Json& resource : *resources) {
    if (!resource.is_object() || resource.value("type", "") != type) continue;
    if (resource.contains("ARN")) arns.push_back(resource.value("ARN", ""));
    if (resource.contains("ARNPrefix")) arns.push_back(resource.value("ARNPrefix", ""));
  }
  return arns;
}

bool DataResourceSelects(const Json& data_resource, const Json& record) {
  std::string type = data_resource.value("Type", "");
  std::vector<std::string> arns = ResourceArnsOfType(record, type);
  if (arns.empty()) return false;
  for (const Json& value : data_resource.value("Values", Json::array())) {
    std::string text = value.get<std::string>();
    if (text == AllResourcesValue(type)) return true;
    bool is_prefix = type == "AWS::S3::Object";  // S3 values name a bucket and a key prefix; others one resource
    for (const std::string& arn : arns) {
      if (is_prefix ? StartsWith(arn, text) : arn == text) return true;
    }
  }
  return false;
}

}  // namespace trailbox::trail
