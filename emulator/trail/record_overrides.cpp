// Record details that do not follow from the model (record_overrides.hpp). EC2 names are the legacy XML names real
// CloudTrail logs carry (instancesSet, resourcesSet, groupSet...); the RunInstances and CreateSecurityGroup forms
// follow shared/reference/samples/run-instances.json and create-security-group.json.
#include "trail/record_overrides.hpp"

#include "trail/classification.hpp"
#include "trail/data_resources.hpp"

namespace trailbox::trail {
namespace {

constexpr MemberRename kRenames[] = {
    {"RunInstancesRequest", "SecurityGroupIds", "groupSet", "groupId"},
    {"RunInstancesRequest", "SecurityGroups", "groupSet", "groupName"},
    {"RunInstancesRequest", "BlockDeviceMappings", "blockDeviceMapping", ""},
    {"TagSpecification", "Tags", "tags", "", true},
    {"TerminateInstancesRequest", "InstanceIds", "instancesSet", "instanceId"},
    {"StartInstancesRequest", "InstanceIds", "instancesSet", "instanceId"},
    {"StopInstancesRequest", "InstanceIds", "instancesSet", "instanceId"},
    {"DescribeInstancesRequest", "InstanceIds", "instancesSet", "instanceId"},
    {"DescribeInstanceStatusRequest", "InstanceIds", "instancesSet", "instanceId"},
    {"CreateTagsRequest", "Resources", "resourcesSet", "resourceId"},
    {"DeleteTagsRequest", "Resources", "resourcesSet", "resourceId"},
    {"DeleteTagsRequest", "Tags", "tagSet", ""},
    {"DescribeSecurityGroupsRequest", "GroupIds", "securityGroupIdSet", "groupId"},
    {"DescribeSecurityGroupsRequest", "GroupNames", "securityGroupSet", "groupName"},
    {"DescribeVpcsRequest", "VpcIds", "vpcSet", "vpcId"},
    {"DescribeSubnetsRequest", "SubnetIds", "subnetSet", "subnetId"},
    {"DescribeImagesRequest", "ImageIds", "imagesSet", "imageId"},
    {"DescribeImagesRequest", "Owners", "ownersSet", "owner"},
    {"DescribeImagesRequest", "ExecutableUsers", "executableBySet", "user"},
    {"DescribeRegionsRequest", "RegionNames", "regionSet", "regionName"},
    {"DescribeAvailabilityZonesRequest", "ZoneNames", "availabilityZoneSet", "zoneName"},
    {"DescribeAvailabilityZonesRequest", "ZoneIds", "availabilityZoneIdSet", "zoneId"},
};

// RunInstances: the image, counts and key pair sit in instancesSet.items[0]; AWS echoes the defaults it applied,
// right after the instance type (order as in shared/reference/samples/run-instances.json).
void AdjustRunInstancesRequest(Json& parameters) {
  Json launch = Json::object();
  for (const char* key : {"imageId", "minCount", "maxCount", "keyName"}) {
    if (auto found = parameters.find(key); found != parameters.end()) {
      launch[key] = *found;
      parameters.erase(found);
    }
  }
  Json out = {{"instancesSet", {{"items", Json::array({launch})}}}};
  if (parameters.contains("instanceType")) out["instanceType"] = parameters["instanceType"];
  for (const auto& [key, fallback] : {std::pair<const char*, Json>{"blockDeviceMapping", Json::object()},
                                      {"monitoring", {{"enabled", false}}},
                                      {"disableApiTermination", false},
                                      {"disableApiStop", false}}) {
    out[key] = parameters.value(key, fallback);
  }
  for (auto& [key, value] : parameters.items()) {
    if (!out.contains(key)) out[key] = std::move(value);
  }
  parameters = std::move(out);
}

// Renames `from` to `to` keeping the member's position.
void RenameKey(Json& object, const std::string& from, const std::string& to) {
  if (!object.is_object() || !object.contains(from)) return;
  Json out = Json::object();
  for (auto& [key, value] : object.items()) out[key == from ? to : key] = std::move(value);
  object = std::move(out);
}

// RunInstances: each instance's state is "currentState"; the private addresses list uses "item".
void AdjustRunInstancesResponse(Json& elements) {
  auto instances = elements.find("instancesSet");
  if (instances == elements.end() || !instances->contains("items")) return;
  for (Json& instance : (*instances)["items"]) {
    RenameKey(instance, "instanceState", "currentState");
    if (!instance.contains("networkInterfaceSet") || !instance["networkInterfaceSet"].contains("items")) continue;
    for (Json& interface : instance["networkInterfaceSet"]["items"]) {
      if (interface.contains("privateIpAddressesSet")) RenameKey(interface["privateIpAddressesSet"], "items", "item");
    }
  }
}

// CreateSecurityGroup: {"requestId", "_return": true, "groupId", "securityGroupArn"}.
void AdjustCreateSecurityGroupResponse(const Call& call, Json& elements) {
  Json out = Json::object();
  for (auto& [key, value] : elements.items()) {
    if (key == "groupId") out["_return"] = true;
    out[key] = std::move(value);
  }
  if (out.contains("groupId")) {
    out["securityGroupArn"] = "arn:aws:ec2:" + call.region + ":" + call.account_id() + ":security-group/" +
                              out["groupId"].get<std::string>();
  }
  elements = std::move(out);
}

}  // namespace

const MemberRename* FindMemberRename(std::string_view shape, std::string_view member) {
  for (const MemberRename& rename : kRenames) {
    if (rename.shape == shape && rename.member == member) return &rename;
  }
  return nullptr;
}

bool IsHiddenMember(std::string_view shape, std::string_view member) {
  return shape == "Credentials" && member == "SecretAccessKey";
}

void AdjustRequestParameters(const Call& call, Json& parameters) {
  if (call.service == "ec2" && call.operation == "RunInstances") AdjustRunInstancesRequest(parameters);
}

void AdjustResponseElements(const Call& call, Json& elements) {
  if (call.service != "ec2") return;
  if (call.operation == "RunInstances") AdjustRunInstancesResponse(elements);
  if (call.operation == "CreateSecurityGroup") AdjustCreateSecurityGroupResponse(call, elements);
}

bool RecordsReadResponse(const Call& call) {
  return call.service == "sts" && (call.operation == "AssumeRole" || call.operation == "GetSessionToken");
}

Json RecordResources(const Call& call, const Json& input) {
  if (call.service == "s3" && Classify(call.service, call.operation).category == EventCategory::kData) {
    const Json* key = input.contains("Key") ? &input["Key"] : nullptr;
    std::string key_text = key ? key->get<std::string>() : "";
    return S3DataResources(call.account_id(), input.value("Bucket", ""), key ? &key_text : nullptr,
                           input.value("Prefix", ""));
  }
  if (call.service == "sts" && call.operation == "AssumeRole" && input.contains("RoleArn")) {
    std::string arn = input["RoleArn"];
    // arn:aws:iam::<account>:role/<name>
    std::string account = arn.size() > 13 ? arn.substr(13, arn.find(':', 13) - 13) : "";
    return Json::array({{{"ARN", arn}, {"accountId", account}, {"type", "AWS::IAM::Role"}}});
  }
  return nullptr;
}

}  // namespace trailbox::trail
