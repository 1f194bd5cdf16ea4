// Resource extraction for the event history (resources.hpp): one table of member names per service.
#include "trail/resources.hpp"

#include <string>

namespace trailbox::trail {
namespace {

struct ResourceMember {
  std::string_view service;  // endpoint prefix; "" for any
  std::string_view member;
  std::string_view type;     // "" : decided by the id's prefix (EC2 CreateTags/DeleteTags Resources)
};

constexpr ResourceMember kMembers[] = {
    {"ec2", "InstanceId", "AWS::EC2::Instance"},
    {"ec2", "InstanceIds", "AWS::EC2::Instance"},
    {"ec2", "GroupId", "AWS::EC2::SecurityGroup"},
    {"ec2", "GroupIds", "AWS::EC2::SecurityGroup"},
    {"ec2", "SecurityGroupIds", "AWS::EC2::SecurityGroup"},
    {"ec2", "VpcId", "AWS::EC2::VPC"},
    {"ec2", "SubnetId", "AWS::EC2::Subnet"},
    {"ec2", "ImageId", "AWS::EC2::Ami"},
    {"ec2", "KeyName", "AWS::EC2::KeyPair"},
    {"ec2", "Resources", ""},
    {"iam", "UserName", "AWS::IAM::User"},
    {"iam", "RoleName", "AWS::IAM::Role"},
    {"iam", "PolicyArn", "AWS::IAM::Policy"},
    {"iam", "AccessKeyId", "AWS::IAM::AccessKey"},
    {"iam", "GroupName", "AWS::IAM::Group"},
    {"sts", "RoleArn", "AWS::IAM::Role"},
    {"sts", "AccessKeyId", "AWS::IAM::AccessKey"},
    {"s3", "Bucket", "AWS::S3::Bucket"},
    {"logs", "logGroupName", "AWS::Logs::LogGroup"},
    {"monitoring", "AlarmName", "AWS::CloudWatch::Alarm"},
    {"sns", "TopicArn", "AWS::SNS::Topic"},
    {"cloudtrail", "Name", "AWS::CloudTrail::Trail"},
};

std::string_view Ec2TypeOfId(std::string_view id) {
  if (id.starts_with("i-")) return "AWS::EC2::Instance";
  if (id.starts_with("sg-")) return "AWS::EC2::SecurityGroup";
  if (id.starts_with("vpc-")) return "AWS::EC2::VPC";
  if (id.starts_with("subnet-")) return "AWS::EC2::Subnet";
  if (id.starts_with("ami-")) return "AWS::EC2::Ami";
  return "";
}

void Add(Json& out, std::string_view type, const std::string& name) {
  if (type.empty() || name.empty()) return;
  Json entry = {{"ResourceType", type}, {"ResourceName", name}};
  for (const Json& existing : out) {
    if (existing == entry) return;
  }
  out.push_back(std::move(entry));
}

void AddValues(Json& out, const ResourceMember& member, const Json& value) {
  if (value.is_string()) {
    std::string name = value;
    Add(out, member.type.empty() ? Ec2TypeOfId(name) : member.type, name);
  } else if (value.is_array()) {
    for (const Json& item : value) AddValues(out, member, item);
  }
}

void Walk(std::string_view service, const Json& document, Json& out) {
  if (document.is_array()) {
    for (const Json& item : document) Walk(service, item, out);
    return;
  }
  if (!document.is_object()) return;
  for (const auto& [key, value] : document.items()) {
    bool matched = false;
    for (const ResourceMember& member : kMembers) {
      if (member.service == service && member.member == key) {
        AddValues(out, member, value);
        matched = true;
      }
    }
    if (!matched) Walk(service, value, out);
  }
}

}  // namespace

Json FindResources(std::string_view service, const Json& input, const Json& output) {
  Json out = Json::array();
  Walk(service, input, out);
  Walk(service, output, out);
  return out;
}

Json ResourcesOfRecord(const Json& record) {
  Json out = Json::array();
  auto resources = record.find("resources");
  if (resources == record.end() || !resources->is_array()) return out;
  for (const Json& resource : *resources) {
    if (resource.is_object() && resource.contains("type") && resource.contains("ARN")) {
      Add(out, resource["type"].get<std::string>(), resource["ARN"].get<std::string>());
    }
  }
  return out;
}

}  // namespace trailbox::trail
