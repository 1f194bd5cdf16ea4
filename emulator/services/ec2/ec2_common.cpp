// Shared EC2 mechanics (ec2_common.hpp).
// Open: the catalogue is small and the same in every region (AZs a-c, AMI ids): enough for the CLI, SDKs and
// Terraform's lookups; real AMI ids differ per region.
#include "services/ec2/ec2_common.hpp"

#include <algorithm>
#include <ctime>

#include "core/aws_error.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "policy/match.hpp"
#include "services/common/pagination.hpp"
#include "store/database.hpp"

namespace trailbox::ec2 {
namespace {

std::string DerivedId(std::string_view prefix, const Call& call, std::string_view kind) {
  return std::string(prefix) + HexEncode(Sha256(call.account_id() + "/" + call.region + "/" + std::string(kind)))
                                   .substr(0, 17);
}

// "us-east-1" -> "use1", "ap-southeast-2" -> "apse2": the prefix of AWS's zone ids.
std::string ZoneIdPrefix(const std::string& region) {
  static const std::pair<const char*, const char*> kDirections[] = {
      {"northeast", "ne"}, {"southeast", "se"}, {"central", "c"}, {"north", "n"},
      {"south", "s"},      {"east", "e"},       {"west", "w"}};
  size_t first = region.find('-');
  size_t last = region.rfind('-');
  if (first == std::string::npos || first == last) return region;
  std::string direction = region.substr(first + 1, last - first - 1);
  std::string code = direction.substr(0, 1);
  for (const auto& [word, abbreviation] : kDirections) {
    if (direction == word) {
      code = abbreviation;
      break;
    }
  }
  return region.substr(0, first) + code + region.substr(last + 1);
}

Json Image(const char* id, const char* name, const char* description, const char* owner, const char* alias,
           const char* architecture, const char* platform_details, const char* creation) {
  Json image = {{"Architecture", architecture},
                {"CreationDate", creation},
                {"ImageId", id},
                {"ImageLocation", std::string(alias) + "/" + name},
                {"ImageType", "machine"},
                {"Public", true},
                {"OwnerId", owner},
                {"PlatformDetails", platform_details},
                {"UsageOperation", "RunInstances"},
                {"State", "available"},
                {"BlockDeviceMappings",
                 Json::array({{{"DeviceName", "/dev/xvda"},
                               {"Ebs",
                                {{"DeleteOnTermination", true},
                                 {"SnapshotId", std::string("snap-") + (id + 4)},
                                 {"VolumeSize", 8},
                                 {"VolumeType", "gp3"},
                                 {"Encrypted", false}}}}})},
                {"Description", description},
                {"EnaSupport", true},
                {"Hypervisor", "xen"},
                {"ImageOwnerAlias", alias},
                {"Name", name},
                {"RootDeviceName", "/dev/xvda"},
                {"RootDeviceType", "ebs"},
                {"SriovNetSupport", "simple"},
                {"VirtualizationType", "hvm"},
                {"BootMode", "uefi-preferred"},
                {"ImdsSupport", "v2.0"}};
  if (*alias == '\0') {
    image.erase("ImageOwnerAlias");
    image["ImageLocation"] = std::string(owner) + "/" + name;
  }
  return image;
}

}  // namespace

void CheckDryRun(const Json& input) {
  if (input.value("DryRun", false)) {
    throw AwsError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
  }
}

Filters ReadFilters(const Json& input, const std::vector<std::string>& allowed) {
  Filters filters;
  auto list = input.find("Filters");
  if (list == input.end()) return filters;
  for (const Json& filter : *list) {
    std::string name = filter.value("Name", "");
    bool known = name.starts_with("tag:") || name == "tag-key" ||
                 std::find(allowed.begin(), allowed.end(), name) != allowed.end();
    if (!known) throw AwsError("InvalidParameterValue", "The filter '" + name + "' is invalid");
    std::vector<std::string> patterns;
    for (const Json& value : filter.value("Values", Json::array())) patterns.push_back(value.get<std::string>());
    filters.conditions.emplace_back(name, std::move(patterns));
  }
  return filters;
}

bool Filters::Match(const FilterValues& values) const {
  for (const auto& [name, patterns] : conditions) {
    auto found = values.find(name);
    if (found == values.end()) return false;
    bool any = std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
      return std::any_of(found->second.begin(), found->second.end(),
                         [&](const std::string& value) { return policy::WildcardMatch(pattern, value, false); });
    });
    if (!any) return false;
  }
  return true;
}

void AddTagFilterValues(const Json& tags, FilterValues& values) {
  auto& keys = values["tag-key"];
  for (const Json& tag : tags) {
    std::string key = tag.value("Key", "");
    keys.push_back(key);
    values["tag:" + key].push_back(tag.value("Value", ""));
  }
}

Json TagsOf(Call& call, const std::string& resource_id) {
  Json tags = Json::array();
  auto statement = call.db().Prepare(
      "SELECT key, value FROM ec2_tags WHERE resource_id = ?1 ORDER BY key");
  statement.Bind(1, resource_id);
  while (statement.Step()) tags.push_back({{"Key", statement.Text(0)}, {"Value", statement.Text(1)}});
  return tags;
}

void PutTags(Call& call, const std::string& resource_id, const std::string& resource_type, const Json& tags) {
  for (const Json& tag : tags) {
    call.db()
        .Prepare("INSERT OR REPLACE INTO ec2_tags (resource_id, account_id, region, resource_type, key, value) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .BindAll(resource_id, call.account_id(), call.region, resource_type, tag.value("Key", ""),
                 tag.value("Value", ""))
        .Run();
  }
}

void DeleteAllTags(Call& call, const std::string& resource_id) {
  call.db().Prepare("DELETE FROM ec2_tags WHERE resource_id = ?1").Bind(1, resource_id).Run();
}

Json TagsForResourceType(const Json& tag_specifications, const std::string& resource_type) {
  Json tags = Json::array();
  for (const Json& specification : tag_specifications) {
    std::string type = specification.value("ResourceType", "");
    if (type != resource_type) {
      throw AwsError("InvalidParameterValue", "trailbox can tag only the " + resource_type +
                                                  " this call creates; TagSpecification resource type '" + type +
                                                  "' is not supported");
    }
    for (const Json& tag : specification.value("Tags", Json::array())) tags.push_back(tag);
  }
  return tags;
}

Json PageOf(std::vector<std::pair<std::string, Json>> items, const Json& input, const std::string& list_member) {
  common::PageMembers members{"NextToken", "MaxResults", "NextToken", "", 1000};
  std::optional<Json> page = common::Paginate(std::move(items), input, list_member, members);
  if (!page) throw AwsError("InvalidParameterValue", "Invalid value for parameter NextToken");
  return *page;
}

RegionCatalogue Catalogue(Call& call) {
  RegionCatalogue catalogue;
  catalogue.vpc_id = DerivedId("vpc-", call, "vpc");
  catalogue.default_group_id = DerivedId("sg-", call, "default-security-group");
  std::string zone_prefix = ZoneIdPrefix(call.region);
  const char* letters = "abc";
  for (int i = 0; i < 3; ++i) {
    catalogue.zones.push_back({call.region + letters[i], zone_prefix + "-az" + std::to_string(i + 1),
                               DerivedId("subnet-", call, std::string("subnet-") + letters[i]),
                               "172.31." + std::to_string(16 * i) + ".0/20"});
  }
  Json ingress = Json::array({{{"RuleId", DerivedId("sgr-", call, "default-ingress")},
                               {"IpProtocol", "-1"},
                               {"GroupId", catalogue.default_group_id}}});
  Json egress = Json::array({{{"RuleId", DerivedId("sgr-", call, "default-egress")},
                              {"IpProtocol", "-1"},
                              {"CidrIp", "0.0.0.0/0"}}});
  call.db()
      .Prepare("INSERT OR IGNORE INTO ec2_security_groups (group_id, account_id, region, vpc_id, group_name, "
               "description, ingress, egress) VALUES (?1, ?2, ?3, ?4, 'default', 'default VPC security group', ?5, ?6)")
      .BindAll(catalogue.default_group_id, call.account_id(), call.region, catalogue.vpc_id, ingress.dump(),
               egress.dump())
      .Run();
  return catalogue;
}

const std::vector<std::string>& KnownRegions() {
  static const std::vector<std::string> kRegions = {
      "ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
      "eu-central-1",   "eu-north-1",     "eu-west-1",  "eu-west-2",      "eu-west-3",      "sa-east-1",
      "us-east-1",      "us-east-2",      "us-west-1",  "us-west-2"};
  return kRegions;
}

const std::vector<Json>& CatalogueImages() {
  static const std::vector<Json> kImages = {
      Image("ami-0c101f26f147fa7fd", "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64",
            "Amazon Linux 2023 AMI 2023.6.20241212.0 x86_64 HVM kernel-6.1", "137112412989", "amazon", "x86_64",
            "Linux/UNIX", "2024-12-12T20:25:12.000Z"),
      Image("ami-0b8a8a2d3c7e1f6a2", "al2023-ami-2023.6.20241212.0-kernel-6.1-arm64",
            "Amazon Linux 2023 AMI 2023.6.20241212.0 arm64 HVM kernel-6.1", "137112412989", "amazon", "arm64",
            "Linux/UNIX", "2024-12-12T20:25:14.000Z"),
      Image("ami-0e2c8caa4b6378d8c", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206",
            "Canonical, Ubuntu, 24.04, amd64 noble image", "099720109477", "", "x86_64", "Linux/UNIX",
            "2024-12-06T10:14:06.000Z"),
  };
  return kImages;
}

std::string GmtText(double epoch_seconds) {
  std::time_t seconds = static_cast<std::time_t>(epoch_seconds);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S GMT", &utc);
  return text;
}

}  // namespace trailbox::ec2
