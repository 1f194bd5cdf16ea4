// Security groups (EC2 API Reference: CreateSecurityGroup, DeleteSecurityGroup, DescribeSecurityGroups,
// AuthorizeSecurityGroupIngress, AuthorizeSecurityGroupEgress, RevokeSecurityGroupIngress). Groups live in a VPC
// (the default VPC unless VpcId names another); each rule is stored on its own with its sgr- id:
//   {"RuleId", "IpProtocol", "FromPort"?, "ToPort"?, "CidrIp" | "CidrIpv6" | "GroupId" (+"UserId"), "Description"?}
// and grouped back into IpPermissions by (protocol, from port, to port) when described.
#include <algorithm>

#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "services/ec2/ec2_common.hpp"
#include "services/ec2/ec2_topics.hpp"
#include "store/database.hpp"

namespace trailbox::ec2 {
namespace {

struct GroupRow {
  GroupRef ref;
  std::string description;
  Json ingress;
  Json egress;
};

constexpr const char* kGroupColumns = "group_id, group_name, vpc_id, description, ingress, egress";

GroupRow ReadGroup(store::Statement& statement) {
  return {{statement.Text(0), statement.Text(1), statement.Text(2)},
          statement.Text(3),
          Json::parse(statement.Text(4)),
          Json::parse(statement.Text(5))};
}

std::optional<GroupRow> LoadGroup(Call& call, const std::string& group_id) {
  auto statement = call.db().Prepare(std::string("SELECT ") + kGroupColumns +
                                     " FROM ec2_security_groups WHERE group_id = ?1 AND account_id = ?2 AND "
                                     "region = ?3");
  statement.BindAll(group_id, call.account_id(), call.region);
  if (!statement.Step()) return std::nullopt;
  return ReadGroup(statement);
}

[[noreturn]] void GroupNotFound(const std::string& group_id) {
  throw AwsError("InvalidGroup.NotFound", "The security group '" + group_id + "' does not exist");
}

// The group a call names by GroupId, or by GroupName in the default VPC.
GroupRow TargetGroup(Call& call, const Json& input) {
  RegionCatalogue catalogue = Catalogue(call);
  if (auto id = input.find("GroupId"); id != input.end()) {
    std::optional<GroupRow> row = LoadGroup(call, *id);
    if (!row) GroupNotFound(*id);
    return *row;
  }
  if (auto name = input.find("GroupName"); name != input.end()) {
    std::optional<GroupRef> ref = FindGroupByName(call, catalogue.vpc_id, *name);
    if (!ref) {
      throw AwsError("InvalidGroup.NotFound", "The security group '" + name->get<std::string>() +
                                                  "' does not exist in default VPC '" + catalogue.vpc_id + "'");
    }
    return *LoadGroup(call, ref->group_id);
  }
  throw AwsError("MissingParameter", "The request must contain the parameter groupName or groupId");
}

void SaveRules(Call& call, const GroupRow& group) {
  call.db()
      .Prepare("UPDATE ec2_security_groups SET ingress = ?1, egress = ?2 WHERE group_id = ?3")
      .BindAll(group.ingress.dump(), group.egress.dump(), group.ref.group_id)
      .Run();
}

std::string Protocol(const Json& value) {
  std::string protocol = value.is_string() ? value.get<std::string>() : "-1";
  std::transform(protocol.begin(), protocol.end(), protocol.begin(), ::tolower);
  if (protocol == "6") return "tcp";
  if (protocol == "17") return "udp";
  if (protocol == "1") return "icmp";
  if (protocol == "all") return "-1";
  return protocol;
}

Json RuleBase(const std::string& protocol, const Json& permission) {
  Json rule = {{"IpProtocol", protocol}};
  if (protocol != "-1") {
    if (permission.contains("FromPort")) rule["FromPort"] = permission["FromPort"];
    if (permission.contains("ToPort")) rule["ToPort"] = permission["ToPort"];
  }
  return rule;
}

// Every single rule the request names: its IpPermissions, or the legacy top-level CidrIp/ports/source group.
std::vector<Json> RequestedRules(Call& call, const Json& input, const GroupRow& group) {
  Json permissions = input.value("IpPermissions", Json::array());
  if (permissions.empty()) {
    Json legacy = Json::object();
    for (const char* key : {"IpProtocol", "FromPort", "ToPort"}) {
      if (input.contains(key)) legacy[key] = input[key];
    }
    if (input.contains("CidrIp")) legacy["IpRanges"] = Json::array({{{"CidrIp", input["CidrIp"]}}});
    if (input.contains("SourceSecurityGroupName")) {
      legacy["UserIdGroupPairs"] = Json::array({{{"GroupName", input["SourceSecurityGroupName"]}}});
    }
    if (legacy.contains("IpRanges") || legacy.contains("UserIdGroupPairs")) permissions.push_back(legacy);
  }
  if (permissions.empty()) {
    throw AwsError("MissingParameter", "The request must contain the parameter ipPermissions");
  }
  std::vector<Json> rules;
  for (const Json& permission : permissions) {
    std::string protocol = Protocol(permission.value("IpProtocol", Json()));
    for (const Json& range : permission.value("IpRanges", Json::array())) {
      Json rule = RuleBase(protocol, permission);
      rule["CidrIp"] = range.value("CidrIp", "");
      if (range.contains("Description")) rule["Description"] = range["Description"];
      rules.push_back(rule);
    }
    for (const Json& range : permission.value("Ipv6Ranges", Json::array())) {
      Json rule = RuleBase(protocol, permission);
      rule["CidrIpv6"] = range.value("CidrIpv6", "");
      if (range.contains("Description")) rule["Description"] = range["Description"];
      rules.push_back(rule);
    }
    for (const Json& pair : permission.value("UserIdGroupPairs", Json::array())) {
      std::optional<GroupRef> peer;
      if (pair.contains("GroupId")) {
        peer = FindGroupById(call, pair["GroupId"]);
        if (!peer) GroupNotFound(pair["GroupId"]);
      } else {
        std::string name = pair.value("GroupName", "");
        peer = FindGroupByName(call, group.ref.vpc_id, name);
        if (!peer) GroupNotFound(name);
      }
      Json rule = RuleBase(protocol, permission);
      rule["GroupId"] = peer->group_id;
      rule["UserId"] = call.account_id();
      if (pair.contains("Description")) rule["Description"] = pair["Description"];
      rules.push_back(rule);
    }
    if (!permission.value("PrefixListIds", Json::array()).empty()) {
      throw AwsError("InvalidParameterValue", "trailbox does not emulate prefix lists (PrefixListIds)");
    }
  }
  return rules;
}

bool SameRule(const Json& a, const Json& b) {
  for (const char* key : {"IpProtocol", "FromPort", "ToPort", "CidrIp", "CidrIpv6", "GroupId"}) {
    if (a.value(key, Json()) != b.value(key, Json())) return false;
  }
  return true;
}

// `the specified rule "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW" already exists`.
std::string RuleText(const Json& rule) {
  std::string peer = rule.value("CidrIp", rule.value("CidrIpv6", rule.value("GroupId", "")));
  std::string protocol = rule.value("IpProtocol", "-1");
  if (protocol == "-1") return "peer: " + peer + ", ALL, ALLOW";
  std::transform(protocol.begin(), protocol.end(), protocol.begin(), ::toupper);
  return "peer: " + peer + ", " + protocol + ", from port: " + std::to_string(rule.value("FromPort", -1)) +
         ", to port: " + std::to_string(rule.value("ToPort", -1)) + ", ALLOW";
}

// The described form: rules grouped by (protocol, from port, to port) in first-seen order.
Json IpPermissions(const Json& rules) {
  Json permissions = Json::array();
  for (const Json& rule : rules) {
    Json* permission = nullptr;
    for (Json& existing : permissions) {
      if (existing.value("IpProtocol", "") == rule.value("IpProtocol", "") &&
          existing.value("FromPort", Json()) == rule.value("FromPort", Json()) &&
          existing.value("ToPort", Json()) == rule.value("ToPort", Json())) {
        permission = &existing;
      }
    }
    if (!permission) {
      Json created = RuleBase(rule.value("IpProtocol", "-1"), rule);
      created["IpRanges"] = Json::array();
      created["Ipv6Ranges"] = Json::array();
      created["PrefixListIds"] = Json::array();
      created["UserIdGroupPairs"] = Json::array();
      permissions.push_back(created);
      permission = &permissions.back();
    }
    Json peer = Json::object();
    const char* list = "IpRanges";
    if (rule.contains("CidrIp")) {
      peer["CidrIp"] = rule["CidrIp"];
    } else if (rule.contains("CidrIpv6")) {
      peer["CidrIpv6"] = rule["CidrIpv6"];
      list = "Ipv6Ranges";
    } else {
      peer["GroupId"] = rule["GroupId"];
      peer["UserId"] = rule.value("UserId", "");
      list = "UserIdGroupPairs";
    }
    if (rule.contains("Description")) peer["Description"] = rule["Description"];
    (*permission)[list].push_back(peer);
  }
  return permissions;
}

Json SecurityGroupRule(const Call& call, const std::string& group_id, const Json& rule, bool is_egress) {
  Json out = {{"SecurityGroupRuleId", rule["RuleId"]},
              {"GroupId", group_id},
              {"GroupOwnerId", call.account_id()},
              {"IsEgress", is_egress},
              {"IpProtocol", rule["IpProtocol"]},
              {"FromPort", rule.value("FromPort", -1)},
              {"ToPort", rule.value("ToPort", -1)}};
  if (rule.contains("CidrIp")) out["CidrIpv4"] = rule["CidrIp"];
  if (rule.contains("CidrIpv6")) out["CidrIpv6"] = rule["CidrIpv6"];
  if (rule.contains("GroupId")) out["ReferencedGroupInfo"] = {{"GroupId", rule["GroupId"]}, {"UserId", rule["UserId"]}};
  if (rule.contains("Description")) out["Description"] = rule["Description"];
  return out;
}

Json Authorize(Call& call, const Json& input, bool is_egress) {
  CheckDryRun(input);
  GroupRow group = TargetGroup(call, input);
  Json& rules = is_egress ? group.egress : group.ingress;
  Json added = Json::array();
  for (Json rule : RequestedRules(call, input, group)) {
    for (const Json& existing : rules) {
      if (SameRule(existing, rule)) {
        throw AwsError("InvalidPermission.Duplicate", "the specified rule \"" + RuleText(rule) + "\" already exists");
      }
    }
    rule["RuleId"] = NewHexId("sgr-", 17);
    rules.push_back(rule);
    added.push_back(SecurityGroupRule(call, group.ref.group_id, rule, is_egress));
  }
  SaveRules(call, group);
  return {{"Return", true}, {"SecurityGroupRules", added}};
}

Json GroupDocument(Call& call, const GroupRow& group) {
  Json document = {{"Description", group.description},
                   {"GroupName", group.ref.group_name},
                   {"IpPermissions", IpPermissions(group.ingress)},
                   {"OwnerId", call.account_id()},
                   {"GroupId", group.ref.group_id},
                   {"IpPermissionsEgress", IpPermissions(group.egress)}};
  Json tags = TagsOf(call, group.ref.group_id);
  if (!tags.empty()) document["Tags"] = tags;
  document["VpcId"] = group.ref.vpc_id;
  return document;
}

}  // namespace

std::optional<GroupRef> FindGroupById(Call& call, const std::string& group_id) {
  std::optional<GroupRow> row = LoadGroup(call, group_id);
  if (!row) return std::nullopt;
  return row->ref;
}

std::optional<GroupRef> FindGroupByName(Call& call, const std::string& vpc_id, const std::string& group_name) {
  auto statement = call.db().Prepare(
      "SELECT group_id, group_name, vpc_id FROM ec2_security_groups WHERE account_id = ?1 AND region = ?2 AND "
      "vpc_id = ?3 AND group_name = ?4");
  statement.BindAll(call.account_id(), call.region, vpc_id, group_name);
  if (!statement.Step()) return std::nullopt;
  return GroupRef{statement.Text(0), statement.Text(1), statement.Text(2)};
}

Json CreateSecurityGroup(Call& call, const Json& input) {
  CheckDryRun(input);
  RegionCatalogue catalogue = Catalogue(call);
  std::string vpc_id = input.value("VpcId", catalogue.vpc_id);
  if (vpc_id != catalogue.vpc_id) {
    throw AwsError("InvalidVpcID.NotFound", "The vpc ID '" + vpc_id + "' does not exist");
  }
  std::string name = input.at("GroupName");
  if (name.starts_with("sg-")) {
    throw AwsError("InvalidParameterValue", "Group names may not be in the format sg-*.");
  }
  if (FindGroupByName(call, vpc_id, name)) {
    throw AwsError("InvalidGroup.Duplicate",
                   "The security group '" + name + "' already exists for VPC '" + vpc_id + "'");
  }
  Json tags = TagsForResourceType(input.value("TagSpecifications", Json::array()), "security-group");
  std::string group_id = NewHexId("sg-", 17);
  Json egress = Json::array({{{"RuleId", NewHexId("sgr-", 17)}, {"IpProtocol", "-1"}, {"CidrIp", "0.0.0.0/0"}}});
  call.db()
      .Prepare("INSERT INTO ec2_security_groups (group_id, account_id, region, vpc_id, group_name, description, "
               "ingress, egress) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '[]', ?7)")
      .BindAll(group_id, call.account_id(), call.region, vpc_id, name, input.at("Description").get<std::string>(),
               egress.dump())
      .Run();
  PutTags(call, group_id, "security-group", tags);
  Json output = {{"GroupId", group_id}};
  if (!tags.empty()) output["Tags"] = tags;
  return output;
}

Json DeleteSecurityGroup(Call& call, const Json& input) {
  CheckDryRun(input);
  GroupRow group = TargetGroup(call, input);
  if (group.ref.group_name == "default") {
    throw AwsError("CannotDelete", "the specified group: \"" + group.ref.group_id +
                                       "\" name: \"default\" cannot be deleted by a user");
  }
  auto in_use = call.db().Prepare(
      "SELECT 1 FROM ec2_instances WHERE account_id = ?1 AND region = ?2 AND state != 'terminated' AND "
      "instr(document, ?3) > 0 LIMIT 1");
  in_use.BindAll(call.account_id(), call.region, "\"GroupId\":\"" + group.ref.group_id + "\"");
  auto referenced = call.db().Prepare(
      "SELECT 1 FROM ec2_security_groups WHERE account_id = ?1 AND region = ?2 AND group_id != ?3 AND "
      "(instr(ingress, ?4) > 0 OR instr(egress, ?4) > 0) LIMIT 1");
  referenced.BindAll(call.account_id(), call.region, group.ref.group_id,
                     "\"GroupId\":\"" + group.ref.group_id + "\"");
  if (in_use.Step() || referenced.Step()) {
    throw AwsError("DependencyViolation", "resource " + group.ref.group_id + " has a dependent object");
  }
  call.db().Prepare("DELETE FROM ec2_security_groups WHERE group_id = ?1").Bind(1, group.ref.group_id).Run();
  DeleteAllTags(call, group.ref.group_id);
  return Json::object();
}

Json DescribeSecurityGroups(Call& call, const Json& input) {
  CheckDryRun(input);
  RegionCatalogue catalogue = Catalogue(call);
  Filters filters = ReadFilters(input, {"group-id", "group-name", "description", "vpc-id", "owner-id",
                                        "ip-permission.cidr", "ip-permission.protocol", "ip-permission.from-port",
                                        "ip-permission.to-port", "egress.ip-permission.cidr"});
  std::vector<std::string> wanted_ids = input.value("GroupIds", std::vector<std::string>{});
  std::vector<std::string> wanted_names = input.value("GroupNames", std::vector<std::string>{});
  for (const std::string& id : wanted_ids) {
    if (!FindGroupById(call, id)) GroupNotFound(id);
  }
  for (const std::string& name : wanted_names) {
    if (!FindGroupByName(call, catalogue.vpc_id, name)) {
      throw AwsError("InvalidGroup.NotFound",
                     "The security group '" + name + "' does not exist in default VPC '" + catalogue.vpc_id + "'");
    }
  }
  std::vector<std::pair<std::string, Json>> items;
  auto statement = call.db().Prepare(std::string("SELECT ") + kGroupColumns +
                                     " FROM ec2_security_groups WHERE account_id = ?1 AND region = ?2");
  statement.BindAll(call.account_id(), call.region);
  while (statement.Step()) {
    GroupRow group = ReadGroup(statement);
    bool named = (wanted_ids.empty() && wanted_names.empty()) ||
                 std::find(wanted_ids.begin(), wanted_ids.end(), group.ref.group_id) != wanted_ids.end() ||
                 (group.ref.vpc_id == catalogue.vpc_id &&
                  std::find(wanted_names.begin(), wanted_names.end(), group.ref.group_name) != wanted_names.end());
    if (!named) continue;
    Json document = GroupDocument(call, group);
    FilterValues values = {{"group-id", {group.ref.group_id}},
                           {"group-name", {group.ref.group_name}},
                           {"description", {group.description}},
                           {"vpc-id", {group.ref.vpc_id}},
                           {"owner-id", {call.account_id()}}};
    for (const Json& rule : group.ingress) {
      values["ip-permission.protocol"].push_back(rule.value("IpProtocol", ""));
      if (rule.contains("CidrIp")) values["ip-permission.cidr"].push_back(rule["CidrIp"]);
      if (rule.contains("FromPort")) values["ip-permission.from-port"].push_back(std::to_string(rule.value("FromPort", 0)));
      if (rule.contains("ToPort")) values["ip-permission.to-port"].push_back(std::to_string(rule.value("ToPort", 0)));
    }
    for (const Json& rule : group.egress) {
      if (rule.contains("CidrIp")) values["egress.ip-permission.cidr"].push_back(rule["CidrIp"]);
    }
    AddTagFilterValues(document.value("Tags", Json::array()), values);
    if (filters.Match(values)) items.emplace_back(group.ref.group_id, std::move(document));
  }
  return PageOf(std::move(items), input, "SecurityGroups");
}

Json AuthorizeSecurityGroupIngress(Call& call, const Json& input) { return Authorize(call, input, false); }

Json AuthorizeSecurityGroupEgress(Call& call, const Json& input) { return Authorize(call, input, true); }

Json RevokeSecurityGroupIngress(Call& call, const Json& input) {
  CheckDryRun(input);
  GroupRow group = TargetGroup(call, input);
  Json unknown = Json::array();
  size_t removed = 0;
  for (const Json& rule : RequestedRules(call, input, group)) {
    auto found = std::find_if(group.ingress.begin(), group.ingress.end(),
                              [&](const Json& existing) { return SameRule(existing, rule); });
    if (found == group.ingress.end()) {
      unknown.push_back(rule);
      continue;
    }
    group.ingress.erase(found);
    ++removed;
  }
  if (removed == 0) {
    throw AwsError("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
  }
  SaveRules(call, group);
  Json output = {{"Return", true}};
  if (!unknown.empty()) output["UnknownIpPermissions"] = IpPermissions(unknown);
  return output;
}

void AddSecurityGroupOperations(OperationTable& table) {
  table.Add("CreateSecurityGroup", CreateSecurityGroup);
  table.Add("DeleteSecurityGroup", DeleteSecurityGroup);
  table.Add("DescribeSecurityGroups", DescribeSecurityGroups);
  table.Add("AuthorizeSecurityGroupIngress", AuthorizeSecurityGroupIngress);
  table.Add("AuthorizeSecurityGroupEgress", AuthorizeSecurityGroupEgress);
  table.Add("RevokeSecurityGroupIngress", RevokeSecurityGroupIngress);
}

}  // namespace trailbox::ec2
