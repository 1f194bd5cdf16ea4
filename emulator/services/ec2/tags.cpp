// Tags on EC2 resources (EC2 API Reference: CreateTags, DeleteTags, DescribeTags). trailbox tags instances,
// security groups, and the default VPC and subnets; the resource type comes from the id's prefix.
#include "core/aws_error.hpp"
#include "services/ec2/ec2_common.hpp"
#include "services/ec2/ec2_topics.hpp"
#include "store/database.hpp"

namespace trailbox::ec2 {
namespace {

// The resource type of an existing resource, or the error AWS gives for an unknown one.
std::string RequireTaggable(Call& call, const std::string& id) {
  RegionCatalogue catalogue = Catalogue(call);
  if (id.starts_with("i-")) {
    if (!InstanceExists(call, id)) {
      throw AwsError("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
    }
    return "instance";
  }
  if (id.starts_with("sg-")) {
    if (!FindGroupById(call, id)) throw AwsError("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
    return "security-group";
  }
  if (id.starts_with("vpc-")) {
    if (id != catalogue.vpc_id) throw AwsError("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
    return "vpc";
  }
  if (id.starts_with("subnet-")) {
    for (const AvailabilityZoneInfo& zone : catalogue.zones) {
      if (zone.subnet_id == id) return "subnet";
    }
    throw AwsError("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
  }
  throw AwsError("InvalidID", "The ID '" + id + "' is not valid");
}

}  // namespace

Json CreateTags(Call& call, const Json& input) {
  CheckDryRun(input);
  for (const Json& id : input.at("Resources")) {
    std::string type = RequireTaggable(call, id);
    PutTags(call, id, type, input.at("Tags"));
  }
  return Json::object();
}

Json DeleteTags(Call& call, const Json& input) {
  CheckDryRun(input);
  for (const Json& id : input.at("Resources")) {
    RequireTaggable(call, id);
    if (!input.contains("Tags")) {
      DeleteAllTags(call, id);
      continue;
    }
    for (const Json& tag : input["Tags"]) {
      // A tag given with a value is deleted only when the value matches; without one, whatever its value.
      if (tag.contains("Value")) {
        call.db()
            .Prepare("DELETE FROM ec2_tags WHERE resource_id = ?1 AND key = ?2 AND value = ?3")
            .BindAll(id.get<std::string>(), tag.value("Key", ""), tag["Value"].get<std::string>())
            .Run();
      } else {
        call.db()
            .Prepare("DELETE FROM ec2_tags WHERE resource_id = ?1 AND key = ?2")
            .BindAll(id.get<std::string>(), tag.value("Key", ""))
            .Run();
      }
    }
  }
  return Json::object();
}

Json DescribeTags(Call& call, const Json& input) {
  CheckDryRun(input);
  Filters filters = ReadFilters(input, {"key", "value", "resource-id", "resource-type"});
  auto statement = call.db().Prepare(
      "SELECT resource_id, resource_type, key, value FROM ec2_tags WHERE account_id = ?1 AND region = ?2");
  statement.BindAll(call.account_id(), call.region);
  std::vector<std::pair<std::string, Json>> items;
  while (statement.Step()) {
    Json tag = {{"Key", statement.Text(2)},
                {"ResourceId", statement.Text(0)},
                {"ResourceType", statement.Text(1)},
                {"Value", statement.Text(3)}};
    FilterValues values = {{"key", {statement.Text(2)}},
                           {"value", {statement.Text(3)}},
                           {"resource-id", {statement.Text(0)}},
                           {"resource-type", {statement.Text(1)}},
                           {"tag-key", {statement.Text(2)}},
                           {"tag:" + statement.Text(2), {statement.Text(3)}}};
    if (filters.Match(values)) items.emplace_back(statement.Text(0) + "\n" + statement.Text(2), std::move(tag));
  }
  return PageOf(std::move(items), input, "Tags");
}

void AddTagOperations(OperationTable& table) {
  table.Add("CreateTags", CreateTags);
  table.Add("DeleteTags", DeleteTags);
  table.Add("DescribeTags", DescribeTags);
}

}  // namespace trailbox::ec2
