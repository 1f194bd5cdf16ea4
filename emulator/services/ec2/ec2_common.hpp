// What the EC2 topic files share: DryRun, Describe filters, tags, pagination, and the per-region catalogue (the
// default VPC with one default subnet per Availability Zone, the regions, the zones and a few public images).
// EC2 API Reference: "Filtering", "Pagination", "Default VPCs", "Tag your Amazon EC2 resources".
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/call.hpp"
#include "core/json.hpp"

namespace trailbox::ec2 {

/// Answers DryRunOperation (HTTP 412) when the input sets DryRun: the request would have succeeded.
void CheckDryRun(const Json& input);

/// The values a resource offers to each filter name, e.g. {"instance-state-name": {"running"}}.
using FilterValues = std::map<std::string, std::vector<std::string>>;

/// The input's Filters, checked against the names `allowed` (plus tag:<key> and tag-key, which every taggable
/// resource supports): InvalidParameterValue "The filter 'x' is invalid" otherwise.
struct Filters {
  std::vector<std::pair<std::string, std::vector<std::string>>> conditions;
  /// True when every filter has a value of the resource matching one of its patterns (* and ? wildcards).
  bool Match(const FilterValues& values) const;
};
Filters ReadFilters(const Json& input, const std::vector<std::string>& allowed);

/// Adds "tag:<key>" and "tag-key" filter values for `tags` (a model Tag list).
void AddTagFilterValues(const Json& tags, FilterValues& values);

/// The resource's tags as a model TagList ([{"Key","Value"}]), sorted by key.
Json TagsOf(Call& call, const std::string& resource_id);
/// Sets tags (a model TagList) on a resource of `resource_type` ("instance", "security-group", "vpc", "subnet").
void PutTags(Call& call, const std::string& resource_id, const std::string& resource_type, const Json& tags);
/// Removes every tag of a resource.
void DeleteAllTags(Call& call, const std::string& resource_id);

/// The tags of `tag_specifications` (model TagSpecificationList) for `resource_type`; InvalidParameterValue for
/// a resource type this call cannot tag.
Json TagsForResourceType(const Json& tag_specifications, const std::string& resource_type);

/// One page of `items` (key, document) as NextToken/MaxResults describe it: {list_member: [...], NextToken?}.
/// InvalidParameterValue for a token that is not ours.
Json PageOf(std::vector<std::pair<std::string, Json>> items, const Json& input, const std::string& list_member);

/// The catalogue of the caller's region.
struct AvailabilityZoneInfo {
  std::string name;     // us-east-1a
  std::string zone_id;  // use1-az1
  std::string subnet_id;
  std::string subnet_cidr;
};
struct RegionCatalogue {
  std::string vpc_id;
  std::string default_group_id;
  std::vector<AvailabilityZoneInfo> zones;
};
/// The default VPC, its subnets and default security group of the account in the call's region; ids derive from
/// the account and region, so they are stable across restarts and resets. Stores the default security group on
/// first use.
RegionCatalogue Catalogue(Call& call);
/// The regions trailbox lists (DescribeRegions) and accepts.
const std::vector<std::string>& KnownRegions();

/// The owner alias and id of the catalogue images, and the images themselves (model Image documents).
const std::vector<Json>& CatalogueImages();

/// "2026-01-01 00:00:00 GMT", as EC2 writes times into StateTransitionReason.
std::string GmtText(double epoch_seconds);

}  // namespace trailbox::ec2
