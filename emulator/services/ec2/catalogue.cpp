// The read-only catalogue (EC2 API Reference: DescribeVpcs, DescribeSubnets, DescribeAvailabilityZones,
// DescribeRegions, DescribeImages): the default VPC 172.31.0.0/16 with one default /20 subnet per zone, as AWS
// creates for every account ("Default VPCs"), the regions, three zones per region, a few public images.
#include <algorithm>

#include "core/aws_error.hpp"
#include "services/ec2/ec2_common.hpp"
#include "services/ec2/ec2_topics.hpp"

namespace trailbox::ec2 {
namespace {

using Items = std::vector<std::pair<std::string, Json>>;

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Answers `not_found` for the first id of `wanted` that `known` lacks.
void RequireKnown(const std::vector<std::string>& wanted, const std::vector<std::string>& known,
                  const std::string& code, const std::string& before, const std::string& after) {
  for (const std::string& id : wanted) {
    if (!Contains(known, id)) throw AwsError(code, before + id + after);
  }
}

Json Page(Items items, const Json& input, const std::string& member) {
  if (input.contains("MaxResults") || input.contains("NextToken")) return PageOf(std::move(items), input, member);
  Json list = Json::array();
  for (auto& [key, item] : items) list.push_back(std::move(item));
  return {{member, list}};
}

}  // namespace

Json DescribeVpcs(Call& call, const Json& input) {
  CheckDryRun(input);
  RegionCatalogue catalogue = Catalogue(call);
  Filters filters = ReadFilters(input, {"vpc-id", "is-default", "cidr", "cidr-block-association.cidr-block",
                                        "state", "owner-id", "dhcp-options-id"});
  std::vector<std::string> wanted = input.value("VpcIds", std::vector<std::string>{});
  RequireKnown(wanted, {catalogue.vpc_id}, "InvalidVpcID.NotFound", "The vpc ID '", "' does not exist");
  Json vpc = {{"CidrBlock", "172.31.0.0/16"},
              {"DhcpOptionsId", "dopt-" + catalogue.vpc_id.substr(4)},
              {"State", "available"},
              {"VpcId", catalogue.vpc_id},
              {"OwnerId", call.account_id()},
              {"InstanceTenancy", "default"},
              {"CidrBlockAssociationSet",
               Json::array({{{"AssociationId", "vpc-cidr-assoc-" + catalogue.vpc_id.substr(4)},
                             {"CidrBlock", "172.31.0.0/16"},
                             {"CidrBlockState", {{"State", "associated"}}}}})},
              {"IsDefault", true}};
  Json tags = TagsOf(call, catalogue.vpc_id);
  if (!tags.empty()) vpc["Tags"] = tags;
  FilterValues values = {{"vpc-id", {catalogue.vpc_id}}, {"is-default", {"true"}},
                         {"cidr", {"172.31.0.0/16"}},   {"cidr-block-association.cidr-block", {"172.31.0.0/16"}},
                         {"state", {"available"}},      {"owner-id", {call.account_id()}},
                         {"dhcp-options-id", {vpc["DhcpOptionsId"]}}};
  AddTagFilterValues(tags, values);
  Items items;
  if (filters.Match(values)) items.emplace_back(catalogue.vpc_id, vpc);
  return Page(std::move(items), input, "Vpcs");
}

Json DescribeSubnets(Call& call, const Json& input) {
  CheckDryRun(input);
  RegionCatalogue catalogue = Catalogue(call);
  Filters filters = ReadFilters(input, {"subnet-id", "vpc-id", "availability-zone", "availability-zone-id",
                                        "default-for-az", "cidr-block", "state", "owner-id"});
  std::vector<std::string> known;
  for (const AvailabilityZoneInfo& zone : catalogue.zones) known.push_back(zone.subnet_id);
  std::vector<std::string> wanted = input.value("SubnetIds", std::vector<std::string>{});
  RequireKnown(wanted, known, "InvalidSubnetID.NotFound", "The subnet ID '", "' does not exist");
  Items items;
  for (const AvailabilityZoneInfo& zone : catalogue.zones) {
    if (!wanted.empty() && !Contains(wanted, zone.subnet_id)) continue;
    Json subnet = {{"AvailabilityZone", zone.name},
                   {"AvailabilityZoneId", zone.zone_id},
                   {"AvailableIpAddressCount", 4091},
                   {"CidrBlock", zone.subnet_cidr},
                   {"DefaultForAz", true},
                   {"MapPublicIpOnLaunch", true},
                   {"MapCustomerOwnedIpOnLaunch", false},
                   {"State", "available"},
                   {"SubnetId", zone.subnet_id},
                   {"VpcId", catalogue.vpc_id},
                   {"OwnerId", call.account_id()},
                   {"AssignIpv6AddressOnCreation", false},
                   {"Ipv6CidrBlockAssociationSet", Json::array()},
                   {"SubnetArn", "arn:aws:ec2:" + call.region + ":" + call.account_id() + ":subnet/" + zone.subnet_id},
                   {"EnableDns64", false},
                   {"Ipv6Native", false},
                   {"PrivateDnsNameOptionsOnLaunch",
                    {{"HostnameType", "ip-name"},
                     {"EnableResourceNameDnsARecord", false},
                     {"EnableResourceNameDnsAAAARecord", false}}}};
    Json tags = TagsOf(call, zone.subnet_id);
    if (!tags.empty()) subnet["Tags"] = tags;
    FilterValues values = {{"subnet-id", {zone.subnet_id}},     {"vpc-id", {catalogue.vpc_id}},
                           {"availability-zone", {zone.name}},   {"availability-zone-id", {zone.zone_id}},
                           {"default-for-az", {"true"}},         {"cidr-block", {zone.subnet_cidr}},
                           {"state", {"available"}},             {"owner-id", {call.account_id()}}};
    AddTagFilterValues(tags, values);
    if (filters.Match(values)) items.emplace_back(zone.subnet_id, std::move(subnet));
  }
  return Page(std::move(items), input, "Subnets");
}

Json DescribeAvailabilityZones(Call& call, const Json& input) {
  CheckDryRun(input);
  RegionCatalogue catalogue = Catalogue(call);
  Filters filters = ReadFilters(input, {"zone-name", "zone-id", "state", "region-name", "zone-type",
                                        "opt-in-status", "group-name"});
  std::vector<std::string> names;
  std::vector<std::string> ids;
  for (const AvailabilityZoneInfo& zone : catalogue.zones) {
    names.push_back(zone.name);
    ids.push_back(zone.zone_id);
  }
  std::vector<std::string> wanted_names = input.value("ZoneNames", std::vector<std::string>{});
  std::vector<std::string> wanted_ids = input.value("ZoneIds", std::vector<std::string>{});
  RequireKnown(wanted_names, names, "InvalidParameterValue", "The zone '", "' does not exist in the region");
  RequireKnown(wanted_ids, ids, "InvalidParameterValue", "The zone ID '", "' does not exist in the region");
  Json zones = Json::array();
  for (const AvailabilityZoneInfo& zone : catalogue.zones) {
    bool named = (wanted_names.empty() && wanted_ids.empty()) || Contains(wanted_names, zone.name) ||
                 Contains(wanted_ids, zone.zone_id);
    FilterValues values = {{"zone-name", {zone.name}},          {"zone-id", {zone.zone_id}},
                           {"state", {"available"}},             {"region-name", {call.region}},
                           {"zone-type", {"availability-zone"}}, {"opt-in-status", {"opt-in-not-required"}},
                           {"group-name", {call.region}}};
    if (!named || !filters.Match(values)) continue;
    zones.push_back({{"State", "available"},
                     {"OptInStatus", "opt-in-not-required"},
                     {"Messages", Json::array()},
                     {"RegionName", call.region},
                     {"ZoneName", zone.name},
                     {"ZoneId", zone.zone_id},
                     {"GroupName", call.region},
                     {"NetworkBorderGroup", call.region},
                     {"ZoneType", "availability-zone"}});
  }
  return {{"AvailabilityZones", zones}};
}

Json DescribeRegions(Call&, const Json& input) {
  CheckDryRun(input);
  Filters filters = ReadFilters(input, {"region-name", "endpoint", "opt-in-status"});
  std::vector<std::string> wanted = input.value("RegionNames", std::vector<std::string>{});
  RequireKnown(wanted, KnownRegions(), "InvalidParameterValue", "Invalid region: ", "");
  Json regions = Json::array();
  for (const std::string& region : KnownRegions()) {
    std::string endpoint = "ec2." + region + ".amazonaws.com";
    FilterValues values = {{"region-name", {region}},
                           {"endpoint", {endpoint}},
                           {"opt-in-status", {"opt-in-not-required"}}};
    if ((!wanted.empty() && !Contains(wanted, region)) || !filters.Match(values)) continue;
    regions.push_back({{"Endpoint", endpoint}, {"RegionName", region}, {"OptInStatus", "opt-in-not-required"}});
  }
  return {{"Regions", regions}};
}

Json DescribeImages(Call& call, const Json& input) {
  CheckDryRun(input);
  Filters filters = ReadFilters(input, {"image-id", "name", "architecture", "owner-id", "owner-alias", "state",
                                        "root-device-type", "virtualization-type", "is-public", "image-type",
                                        "platform-details", "description"});
  std::vector<std::string> wanted = input.value("ImageIds", std::vector<std::string>{});
  std::vector<std::string> known;
  for (const Json& image : CatalogueImages()) known.push_back(image["ImageId"]);
  for (const std::string& id : wanted) {
    if (!Contains(known, id)) {
      throw AwsError("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
    }
  }
  std::vector<std::string> owners = input.value("Owners", std::vector<std::string>{});
  Json images = Json::array();
  for (const Json& image : CatalogueImages()) {
    std::string alias = image.value("ImageOwnerAlias", "");
    std::string owner = image["OwnerId"];
    bool owned = owners.empty() || Contains(owners, owner) || (!alias.empty() && Contains(owners, alias)) ||
                 (Contains(owners, "self") && owner == call.account_id());
    if ((!wanted.empty() && !Contains(wanted, image["ImageId"])) || !owned) continue;
    FilterValues values = {{"image-id", {image["ImageId"]}},
                           {"name", {image["Name"]}},
                           {"architecture", {image["Architecture"]}},
                           {"owner-id", {owner}},
                           {"state", {"available"}},
                           {"root-device-type", {"ebs"}},
                           {"virtualization-type", {"hvm"}},
                           {"is-public", {"true"}},
                           {"image-type", {"machine"}},
                           {"platform-details", {image["PlatformDetails"]}},
                           {"description", {image["Description"]}}};
    if (!alias.empty()) values["owner-alias"] = {alias};
    if (filters.Match(values)) images.push_back(image);
  }
  return {{"Images", images}};
}

void AddCatalogueOperations(OperationTable& table) {
  table.Add("DescribeVpcs", DescribeVpcs);
  table.Add("DescribeSubnets", DescribeSubnets);
  table.Add("DescribeAvailabilityZones", DescribeAvailabilityZones);
  table.Add("DescribeRegions", DescribeRegions);
  table.Add("DescribeImages", DescribeImages);
}

}  // namespace trailbox::ec2
