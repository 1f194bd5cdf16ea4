// Instances (EC2 API Reference: RunInstances, DescribeInstances, DescribeInstanceStatus, StartInstances,
// StopInstances, TerminateInstances; "Instance lifecycle"). States move on the clock:
//   pending --10 s--> running            stopping --10 s--> stopped        stopped --Start--> pending
//   shutting-down --10 s--> terminated --1 h--> gone (no longer described)
// Each row keeps its next transition time (transition_at); a scheduler task applies it on time. At start-up
// ResumeEc2Tasks schedules the stored transitions again, and every EC2 request first applies any that are overdue.
// Deviation: key pairs are not emulated; any KeyName is accepted and echoed.
#include <algorithm>
#include <cmath>

#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "services/ec2/ec2_common.hpp"
#include "services/ec2/ec2_service.hpp"
#include "services/ec2/ec2_topics.hpp"
#include "store/database.hpp"

namespace trailbox::ec2 {
namespace {

constexpr double kPendingSeconds = 10;
constexpr double kStoppingSeconds = 10;
constexpr double kShuttingDownSeconds = 10;
constexpr double kTerminatedVisibleSeconds = 3600;
constexpr int64_t kInstanceLimit = 20;
constexpr int64_t kMinPageSize = 5;

struct InstanceRow {
  int64_t seq = 0;
  std::string instance_id;
  std::string reservation_id;
  std::string state;
  Json document;
};

int StateCode(const std::string& state) {
  static const std::pair<const char*, int> kCodes[] = {{"pending", 0},   {"running", 16}, {"shutting-down", 32},
                                                       {"terminated", 48}, {"stopping", 64}, {"stopped", 80}};
  for (const auto& [name, code] : kCodes) {
    if (state == name) return code;
  }
  return 0;
}

Json StateDocument(const std::string& state) { return {{"Code", StateCode(state)}, {"Name", state}}; }

void ScheduleTransition(Scheduler& scheduler, store::Database& db, double at) {
  scheduler.Schedule(FromEpochSeconds(at), "ec2-instance-state", [&db, &scheduler](TimePoint due) {
    ApplyDueTransitions(db, scheduler, ToEpochSeconds(due));
  });
}

void SaveInstance(store::Database& db, const InstanceRow& row, std::optional<double> transition_at) {
  auto statement = db.Prepare(
      "UPDATE ec2_instances SET state = ?1, document = ?2, transition_at = ?3 WHERE instance_id = ?4");
  statement.BindAll(row.state, row.document.dump());
  if (transition_at) {
    statement.Bind(3, *transition_at);
  } else {
    statement.BindNull(3);
  }
  statement.Bind(4, row.instance_id).Run();
}

// The next state of an instance whose transition is due; nullopt when it disappears.
std::optional<std::string> NextState(const std::string& state) {
  if (state == "pending") return "running";
  if (state == "stopping") return "stopped";
  if (state == "shutting-down") return "terminated";
  return std::nullopt;
}

InstanceRow ReadRow(store::Statement& statement) {
  return {statement.Int(0), statement.Text(1), statement.Text(2), statement.Text(3), Json::parse(statement.Text(4))};
}

constexpr const char* kRowColumns = "rowid, instance_id, reservation_id, state, document";

// The caller's instances in launch order; only `ids` when given.
std::vector<InstanceRow> LoadInstances(Call& call) {
  std::vector<InstanceRow> rows;
  auto statement = call.db().Prepare(std::string("SELECT ") + kRowColumns +
                                     " FROM ec2_instances WHERE account_id = ?1 AND region = ?2 ORDER BY rowid");
  statement.BindAll(call.account_id(), call.region);
  while (statement.Step()) rows.push_back(ReadRow(statement));
  return rows;
}

// Instance ids are "i-" and 8 or 17 lower-case hex digits.
void CheckInstanceIdForm(const std::string& id) {
  bool is_hex = id.size() > 2 && std::all_of(id.begin() + 2, id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (!id.starts_with("i-") || !is_hex || (id.size() != 10 && id.size() != 19)) {
    throw AwsError("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
  }
}

// The instances `ids` names, in the order given; InvalidInstanceID.NotFound names every missing one.
std::vector<InstanceRow> RequireInstances(Call& call, const std::vector<std::string>& ids) {
  std::vector<InstanceRow> all = LoadInstances(call);
  std::vector<InstanceRow> found;
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    CheckInstanceIdForm(id);
    auto row = std::find_if(all.begin(), all.end(), [&](const InstanceRow& r) { return r.instance_id == id; });
    if (row == all.end()) {
      missing.push_back(id);
    } else {
      found.push_back(*row);
    }
  }
  if (missing.size() == 1) {
    throw AwsError("InvalidInstanceID.NotFound", "The instance ID '" + missing[0] + "' does not exist");
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& id : missing) list += (list.empty() ? "" : ", ") + id;
    throw AwsError("InvalidInstanceID.NotFound", "The instance IDs '" + list + "' do not exist");
  }
  return found;
}

// The instance as Describe* and RunInstances show it: the stored document with its tags (after Hypervisor, as
// AWS orders them) and, for Describe*, the DNS names and the reason for the last state change.
Json RenderInstance(Call& call, const InstanceRow& row, bool for_describe) {
  Json tags = TagsOf(call, row.instance_id);
  Json out = Json::object();
  for (const auto& [key, value] : row.document.items()) {
    out[key] = value;
    if (key == "Hypervisor" && !tags.empty()) out["Tags"] = tags;
  }
  if (for_describe) {
    std::string ip = row.document.value("PrivateIpAddress", "");
    std::string dashed = ip;
    std::replace(dashed.begin(), dashed.end(), '.', '-');
    out["PrivateDnsName"] = ip.empty() ? "" : "ip-" + dashed + "." + (call.region == "us-east-1"
                                                                           ? std::string("ec2.internal")
                                                                           : call.region + ".compute.internal");
    out["PublicDnsName"] = "";
    if (!out.contains("StateTransitionReason")) out["StateTransitionReason"] = "";
  }
  return out;
}

Json Reservation(const Call& call, const std::string& reservation_id, Json instances) {
  return {{"Groups", Json::array()},
          {"Instances", std::move(instances)},
          {"OwnerId", call.account_id()},
          {"ReservationId", reservation_id}};
}

std::string RandomMac() {
  std::string hex = NewHexId("", 10);
  std::string mac = "0a";
  for (size_t i = 0; i < hex.size(); i += 2) mac += ":" + hex.substr(i, 2);
  return mac;
}

// A private address in the zone's default subnet (172.31.<16*zone + n>.<host>).
std::string PrivateIp(size_t zone_index) {
  std::string hex = NewHexId("", 4);
  int third = static_cast<int>(16 * zone_index) + std::stoi(hex.substr(0, 1), nullptr, 16);
  int fourth = 4 + std::stoi(hex.substr(1, 3), nullptr, 16) % 250;
  return "172.31." + std::to_string(third) + "." + std::to_string(fourth);
}

struct LaunchPlan {
  const Json* image = nullptr;
  std::string instance_type;
  size_t zone_index = 0;
  std::string zone_name;
  std::string subnet_id;
  std::string vpc_id;
  Json groups = Json::array();  // [{GroupId, GroupName}]
  Json tags = Json::array();
};

const Json& FindImage(const std::string& image_id) {
  if (!image_id.starts_with("ami-")) {
    throw AwsError("InvalidAMIID.Malformed", "Invalid id: \"" + image_id + "\" (expecting \"ami-...\")");
  }
  for (const Json& image : CatalogueImages()) {
    if (image["ImageId"] == image_id) return image;
  }
  throw AwsError("InvalidAMIID.NotFound", "The image id '[" + image_id + "]' does not exist");
}

LaunchPlan PlanLaunch(Call& call, const Json& input) {
  for (const char* unsupported : {"LaunchTemplate", "NetworkInterfaces", "InstanceMarketOptions"}) {
    if (input.contains(unsupported)) {
      throw AwsError("InvalidParameterValue", std::string("trailbox does not emulate RunInstances with ") + unsupported);
    }
  }
  if (!input.contains("ImageId")) throw AwsError("MissingParameter", "The request must contain the parameter ImageId");
  LaunchPlan plan;
  plan.image = &FindImage(input["ImageId"]);
  plan.instance_type = input.value("InstanceType", "m1.small");
  RegionCatalogue catalogue = Catalogue(call);
  plan.vpc_id = catalogue.vpc_id;
  std::string zone = input.contains("Placement") ? input["Placement"].value("AvailabilityZone", "") : "";
  std::string subnet_id = input.value("SubnetId", "");
  bool found = subnet_id.empty() && zone.empty();
  for (size_t i = 0; i < catalogue.zones.size() && !found; ++i) {
    if ((!subnet_id.empty() && catalogue.zones[i].subnet_id == subnet_id) ||
        (subnet_id.empty() && catalogue.zones[i].name == zone)) {
      plan.zone_index = i;
      found = true;
    }
  }
  if (!found && !subnet_id.empty()) {
    throw AwsError("InvalidSubnetID.NotFound", "The subnet ID '" + subnet_id + "' does not exist");
  }
  if (!found) throw AwsError("InvalidParameterValue", "Invalid availability zone: [" + zone + "]");
  plan.subnet_id = catalogue.zones[plan.zone_index].subnet_id;
  plan.zone_name = catalogue.zones[plan.zone_index].name;
  for (const Json& id : input.value("SecurityGroupIds", Json::array())) {
    std::optional<GroupRef> group = FindGroupById(call, id);
    if (!group) {
      throw AwsError("InvalidGroup.NotFound", "The security group '" + id.get<std::string>() + "' does not exist");
    }
    plan.groups.push_back({{"GroupId", group->group_id}, {"GroupName", group->group_name}});
  }
  for (const Json& name : input.value("SecurityGroups", Json::array())) {
    std::optional<GroupRef> group = FindGroupByName(call, plan.vpc_id, name);
    if (!group) {
      throw AwsError("InvalidGroup.NotFound", "The security group '" + name.get<std::string>() +
                                                  "' does not exist in VPC '" + plan.vpc_id + "'");
    }
    plan.groups.push_back({{"GroupId", group->group_id}, {"GroupName", group->group_name}});
  }
  if (plan.groups.empty()) plan.groups.push_back({{"GroupId", catalogue.default_group_id}, {"GroupName", "default"}});
  plan.tags = TagsForResourceType(input.value("TagSpecifications", Json::array()), "instance");
  return plan;
}

// The instance document RunInstances answers (field order as shared/reference/samples/run-instances.json).
Json NewInstanceDocument(Call& call, const LaunchPlan& plan, const std::string& instance_id, int64_t index,
                         double launch_time, const Json& input) {
  std::string ip = PrivateIp(plan.zone_index);
  Json document = {{"InstanceId", instance_id},
                   {"ImageId", plan.image->at("ImageId")},
                   {"State", StateDocument("pending")},
                   {"AmiLaunchIndex", index},
                   {"ProductCodes", Json::array()},
                   {"InstanceType", plan.instance_type},
                   {"LaunchTime", launch_time}};
  if (input.contains("KeyName")) document["KeyName"] = input["KeyName"];
  document["Placement"] = {{"AvailabilityZone", plan.zone_name}, {"Tenancy", "default"}};
  document["Monitoring"] = {{"State", input.contains("Monitoring") && input["Monitoring"].value("Enabled", false)
                                          ? "pending"
                                          : "disabled"}};
  document["SubnetId"] = plan.subnet_id;
  document["VpcId"] = plan.vpc_id;
  document["PrivateIpAddress"] = ip;
  document["StateReason"] = {{"Code", "pending"}, {"Message", "pending"}};
  document["Architecture"] = plan.image->at("Architecture");
  document["RootDeviceType"] = "ebs";
  document["RootDeviceName"] = "/dev/xvda";
  document["BlockDeviceMappings"] = Json::array();
  document["VirtualizationType"] = "hvm";
  document["Hypervisor"] = "xen";
  document["SecurityGroups"] = plan.groups;
  document["SourceDestCheck"] = true;
  document["NetworkInterfaces"] = Json::array(
      {{{"NetworkInterfaceId", NewHexId("eni-", 17)},
        {"SubnetId", plan.subnet_id},
        {"VpcId", plan.vpc_id},
        {"OwnerId", call.account_id()},
        {"Status", "in-use"},
        {"MacAddress", RandomMac()},
        {"PrivateIpAddress", ip},
        {"SourceDestCheck", true},
        {"InterfaceType", "interface"},
        {"Groups", plan.groups},
        {"Attachment",
         {{"AttachmentId", NewHexId("eni-attach-", 17)},
          {"DeviceIndex", 0},
          {"NetworkCardIndex", 0},
          {"Status", "attaching"},
          {"AttachTime", launch_time},
          {"DeleteOnTermination", true}}},
        {"PrivateIpAddresses", Json::array({{{"PrivateIpAddress", ip}, {"Primary", true}}})},
        {"Ipv6Addresses", Json::array()},
        {"TagSet", Json::array()}}});
  document["EbsOptimized"] = input.value("EbsOptimized", false);
  document["EnaSupport"] = true;
  document["CpuOptions"] = {{"CoreCount", 1}, {"ThreadsPerCore", 1}};
  document["CapacityReservationSpecification"] = {{"CapacityReservationPreference", "open"}};
  document["EnclaveOptions"] = {{"Enabled", false}};
  document["MetadataOptions"] = {{"State", "pending"},
                                 {"HttpTokens", "required"},
                                 {"HttpPutResponseHopLimit", 2},
                                 {"HttpEndpoint", "enabled"},
                                 {"HttpProtocolIpv4", "ipv4"},
                                 {"HttpProtocolIpv6", "disabled"},
                                 {"InstanceMetadataTags", "disabled"}};
  document["MaintenanceOptions"] = {{"AutoRecovery", "default"}};
  document["PrivateDnsNameOptions"] = {{"HostnameType", "ip-name"},
                                       {"EnableResourceNameDnsARecord", false},
                                       {"EnableResourceNameDnsAAAARecord", false}};
  if (input.contains("ClientToken")) document["ClientToken"] = input["ClientToken"];
  return document;
}

// The reservation an earlier RunInstances with this ClientToken made, if any.
std::optional<Json> ReservationForToken(Call& call, const std::string& token) {
  auto statement = call.db().Prepare(std::string("SELECT ") + kRowColumns +
                                     " FROM ec2_instances WHERE account_id = ?1 AND region = ?2 AND "
                                     "client_token = ?3 ORDER BY rowid");
  statement.BindAll(call.account_id(), call.region, token);
  Json instances = Json::array();
  std::string reservation_id;
  while (statement.Step()) {
    InstanceRow row = ReadRow(statement);
    reservation_id = row.reservation_id;
    instances.push_back(RenderInstance(call, row, false));
  }
  if (instances.empty()) return std::nullopt;
  return Reservation(call, reservation_id, std::move(instances));
}

std::pair<int64_t, int64_t> InstanceCounts(const Json& input) {
  int64_t min_count = input.at("MinCount");
  int64_t max_count = input.at("MaxCount");
  if (min_count < 1) {
    throw AwsError("InvalidParameterValue", "Invalid value '" + std::to_string(min_count) +
                                                "' for minCount. Must be greater than 0.");
  }
  if (max_count < min_count) {
    throw AwsError("InvalidParameterValue", "Invalid value '" + std::to_string(max_count) +
                                                "' for maxCount. Must be greater than or equal to minCount.");
  }
  if (min_count > kInstanceLimit) {
    throw AwsError("InstanceLimitExceeded", "You have requested more instances (" + std::to_string(min_count) +
                                                ") than your current instance limit of " +
                                                std::to_string(kInstanceLimit) +
                                                " allows for the specified instance type. Please visit "
                                                "http://aws.amazon.com/contact-us/ec2-request to request an "
                                                "adjustment to this limit.");
  }
  return {min_count, std::min(max_count, kInstanceLimit)};
}

// Moves each instance to the state `next` gives for its current one (IncorrectInstanceState when none), scheduling
// the transition that follows; answers the state changes.
Json ChangeStates(Call& call, const Json& input, const std::string& verb,
                  std::optional<std::string> (*next)(const std::string& state), double delay) {
  CheckDryRun(input);
  double now = std::floor(ToEpochSeconds(call.now()));
  ApplyDueTransitions(call.db(), call.scheduler(), now);
  std::vector<InstanceRow> rows = RequireInstances(call, input.at("InstanceIds"));
  Json changes = Json::array();
  bool scheduled = false;
  for (InstanceRow& row : rows) {
    std::string previous = row.state;
    std::optional<std::string> target = next(previous);
    if (!target) {
      throw AwsError("IncorrectInstanceState", "The instance '" + row.instance_id +
                                                   "' is not in a state from which it can be " + verb + ".");
    }
    if (*target != previous) {
      row.state = *target;
      row.document["State"] = StateDocument(*target);
      if (*target == "stopping" || *target == "shutting-down") {
        row.document["StateTransitionReason"] = "User initiated (" + GmtText(now) + ")";
        row.document["StateReason"] = {{"Code", "Client.UserInitiatedShutdown"},
                                       {"Message", "Client.UserInitiatedShutdown: User initiated shutdown"}};
      } else if (*target == "pending") {
        row.document["StateTransitionReason"] = "";
        row.document["StateReason"] = {{"Code", "pending"}, {"Message", "pending"}};
      }
      SaveInstance(call.db(), row, now + delay);
      scheduled = true;
    }
    changes.push_back({{"InstanceId", row.instance_id},
                       {"CurrentState", StateDocument(row.state)},
                       {"PreviousState", StateDocument(previous)}});
  }
  if (scheduled) ScheduleTransition(call.scheduler(), call.db(), now + delay);
  return changes;
}

std::optional<std::string> StartTarget(const std::string& state) {
  if (state == "stopped") return "pending";
  if (state == "pending" || state == "running") return state;
  return std::nullopt;
}

std::optional<std::string> StopTarget(const std::string& state) {
  if (state == "pending" || state == "running") return "stopping";
  if (state == "stopping" || state == "stopped") return state;
  return std::nullopt;
}

std::optional<std::string> TerminateTarget(const std::string& state) {
  if (state == "terminated" || state == "shutting-down") return state;
  return "shutting-down";
}

FilterValues InstanceFilterValues(const InstanceRow& row, const Json& rendered) {
  FilterValues values = {{"instance-id", {row.instance_id}},
                         {"instance-state-name", {row.state}},
                         {"instance-state-code", {std::to_string(StateCode(row.state))}},
                         {"instance-type", {rendered.value("InstanceType", "")}},
                         {"image-id", {rendered.value("ImageId", "")}},
                         {"vpc-id", {rendered.value("VpcId", "")}},
                         {"subnet-id", {rendered.value("SubnetId", "")}},
                         {"availability-zone", {rendered["Placement"].value("AvailabilityZone", "")}},
                         {"reservation-id", {row.reservation_id}},
                         {"private-ip-address", {rendered.value("PrivateIpAddress", "")}},
                         {"architecture", {rendered.value("Architecture", "")}}};
  if (rendered.contains("KeyName")) values["key-name"] = {rendered["KeyName"]};
  for (const Json& group : rendered.value("SecurityGroups", Json::array())) {
    for (const char* name : {"instance.group-id", "group-id"}) values[name].push_back(group.value("GroupId", ""));
    for (const char* name : {"instance.group-name", "group-name"}) values[name].push_back(group.value("GroupName", ""));
  }
  AddTagFilterValues(rendered.value("Tags", Json::array()), values);
  return values;
}

void CheckPageSize(const Json& input) {
  if (input.contains("MaxResults") && input.contains("InstanceIds")) {
    throw AwsError("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
  }
  int64_t size = input.value("MaxResults", kMinPageSize);
  if (size < kMinPageSize || size > 1000) {
    throw AwsError("InvalidParameterValue", "Value ( " + std::to_string(size) +
                                                " ) for parameter maxResults is invalid. Expecting a value between 5 "
                                                "and 1000.");
  }
}

std::string SeqKey(int64_t seq) {
  char key[24];
  std::snprintf(key, sizeof key, "%020lld", static_cast<long long>(seq));
  return key;
}

// The described instances: those `input` names (all when none), matching its filters, in launch order.
std::vector<std::pair<InstanceRow, Json>> SelectInstances(Call& call, const Json& input,
                                                          const std::vector<std::string>& extra_filters) {
  std::vector<std::string> allowed = {"instance-id", "instance-state-name", "instance-state-code", "instance-type",
                                      "image-id", "vpc-id", "subnet-id", "availability-zone", "reservation-id",
                                      "private-ip-address", "architecture", "key-name", "instance.group-id",
                                      "group-id", "instance.group-name", "group-name"};
  allowed.insert(allowed.end(), extra_filters.begin(), extra_filters.end());
  Filters filters = ReadFilters(input, allowed);
  std::vector<InstanceRow> rows = input.contains("InstanceIds")
                                      ? RequireInstances(call, input["InstanceIds"])
                                      : LoadInstances(call);
  std::vector<std::pair<InstanceRow, Json>> selected;
  for (InstanceRow& row : rows) {
    Json rendered = RenderInstance(call, row, true);
    FilterValues values = InstanceFilterValues(row, rendered);
    bool is_running = row.state == "running";
    values["instance-status.status"] = {is_running ? "ok" : "not-applicable"};
    values["system-status.status"] = {is_running ? "ok" : "not-applicable"};
    if (filters.Match(values)) selected.emplace_back(std::move(row), std::move(rendered));
  }
  return selected;
}

Json StatusSummary(bool is_running) {
  if (!is_running) return {{"Status", "not-applicable"}};
  return {{"Details", Json::array({{{"Name", "reachability"}, {"Status", "passed"}}})}, {"Status", "ok"}};
}

}  // namespace

void ApplyDueTransitions(store::Database& db, Scheduler& scheduler, double now) {
  while (true) {
    auto statement = db.Prepare(
        "SELECT rowid, instance_id, reservation_id, state, document, transition_at FROM ec2_instances WHERE "
        "transition_at IS NOT NULL AND transition_at <= ?1 ORDER BY transition_at LIMIT 1");
    statement.Bind(1, now);
    if (!statement.Step()) return;
    InstanceRow row = ReadRow(statement);
    double due = statement.Double(5);
    std::optional<std::string> next = NextState(row.state);
    if (!next) {
      db.Prepare("DELETE FROM ec2_instances WHERE instance_id = ?1").Bind(1, row.instance_id).Run();
      db.Prepare("DELETE FROM ec2_tags WHERE resource_id = ?1").Bind(1, row.instance_id).Run();
      continue;
    }
    row.state = *next;
    row.document["State"] = StateDocument(*next);
    std::optional<double> following;
    if (*next == "running") {
      row.document.erase("StateReason");
      row.document["MetadataOptions"]["State"] = "applied";
      for (Json& interface : row.document["NetworkInterfaces"]) interface["Attachment"]["Status"] = "attached";
    } else if (*next == "stopped") {
      row.document["StateReason"] = {{"Code", "Client.UserInitiatedShutdown"},
                                     {"Message", "Client.UserInitiatedShutdown: User initiated shutdown"}};
    } else if (*next == "terminated") {
      following = due + kTerminatedVisibleSeconds;
    }
    SaveInstance(db, row, following);
    if (following) ScheduleTransition(scheduler, db, *following);
  }
}

bool InstanceExists(Call& call, const std::string& instance_id) {
  auto statement = call.db().Prepare(
      "SELECT 1 FROM ec2_instances WHERE instance_id = ?1 AND account_id = ?2 AND region = ?3");
  statement.BindAll(instance_id, call.account_id(), call.region);
  return statement.Step();
}

Json RunInstances(Call& call, const Json& input) {
  CheckDryRun(input);
  double now = std::floor(ToEpochSeconds(call.now()));
  ApplyDueTransitions(call.db(), call.scheduler(), now);
  auto [min_count, max_count] = InstanceCounts(input);
  std::string client_token = input.value("ClientToken", "");
  if (!client_token.empty()) {
    if (std::optional<Json> earlier = ReservationForToken(call, client_token)) return *earlier;
  }
  LaunchPlan plan = PlanLaunch(call, input);
  std::string reservation_id = NewHexId("r-", 17);
  Json instances = Json::array();
  for (int64_t index = 0; index < max_count; ++index) {
    InstanceRow row{0, NewHexId("i-", 17), reservation_id, "pending", Json()};
    row.document = NewInstanceDocument(call, plan, row.instance_id, index, now, input);
    auto insert = call.db().Prepare(
        "INSERT INTO ec2_instances (instance_id, account_id, region, reservation_id, state, transition_at, "
        "client_token, document) VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7)");
    insert.BindAll(row.instance_id, call.account_id(), call.region, reservation_id, now + kPendingSeconds);
    if (client_token.empty()) {
      insert.BindNull(6);
    } else {
      insert.Bind(6, client_token);
    }
    insert.Bind(7, row.document.dump()).Run();
    PutTags(call, row.instance_id, "instance", plan.tags);
    instances.push_back(RenderInstance(call, row, false));
  }
  ScheduleTransition(call.scheduler(), call.db(), now + kPendingSeconds);
  return Reservation(call, reservation_id, std::move(instances));
}

Json DescribeInstances(Call& call, const Json& input) {
  CheckDryRun(input);
  ApplyDueTransitions(call.db(), call.scheduler(), ToEpochSeconds(call.now()));
  CheckPageSize(input);
  std::vector<std::pair<std::string, Json>> items;
  for (auto& [row, rendered] : SelectInstances(call, input, {})) {
    items.emplace_back(SeqKey(row.seq), Json{{"ReservationId", row.reservation_id}, {"Instance", rendered}});
  }
  Json page = PageOf(std::move(items), input, "Items");
  Json reservations = Json::array();
  for (Json& item : page["Items"]) {
    std::string reservation_id = item["ReservationId"];
    if (reservations.empty() || reservations.back()["ReservationId"] != reservation_id) {
      reservations.push_back(Reservation(call, reservation_id, Json::array()));
    }
    reservations.back()["Instances"].push_back(std::move(item["Instance"]));
  }
  Json output = {{"Reservations", reservations}};
  if (page.contains("NextToken")) output["NextToken"] = page["NextToken"];
  return output;
}

Json DescribeInstanceStatus(Call& call, const Json& input) {
  CheckDryRun(input);
  ApplyDueTransitions(call.db(), call.scheduler(), ToEpochSeconds(call.now()));
  CheckPageSize(input);
  bool include_all = input.value("IncludeAllInstances", false);
  std::vector<std::pair<std::string, Json>> items;
  for (auto& [row, rendered] : SelectInstances(call, input, {"instance-status.status", "system-status.status"})) {
    bool is_running = row.state == "running";
    if (!include_all && !is_running) continue;
    items.emplace_back(SeqKey(row.seq), Json{{"AvailabilityZone", rendered["Placement"]["AvailabilityZone"]},
                                            {"InstanceId", row.instance_id},
                                            {"InstanceState", StateDocument(row.state)},
                                            {"InstanceStatus", StatusSummary(is_running)},
                                            {"SystemStatus", StatusSummary(is_running)}});
  }
  return PageOf(std::move(items), input, "InstanceStatuses");
}

Json StartInstances(Call& call, const Json& input) {
  return {{"StartingInstances", ChangeStates(call, input, "started", StartTarget, kPendingSeconds)}};
}

Json StopInstances(Call& call, const Json& input) {
  if (input.value("Hibernate", false)) {
    throw AwsError("UnsupportedHibernationConfiguration", "trailbox does not emulate hibernation");
  }
  return {{"StoppingInstances", ChangeStates(call, input, "stopped", StopTarget, kStoppingSeconds)}};
}

Json TerminateInstances(Call& call, const Json& input) {
  return {{"TerminatingInstances", ChangeStates(call, input, "terminated", TerminateTarget, kShuttingDownSeconds)}};
}

void ResumeEc2Tasks(store::Database& db, Scheduler& scheduler) {
  auto statement = db.Prepare("SELECT DISTINCT transition_at FROM ec2_instances WHERE transition_at IS NOT NULL");
  while (statement.Step()) ScheduleTransition(scheduler, db, statement.Double(0));
}

void AddInstanceOperations(OperationTable& table) {
  table.Add("RunInstances", RunInstances);
  table.Add("DescribeInstances", DescribeInstances);
  table.Add("DescribeInstanceStatus", DescribeInstanceStatus);
  table.Add("StartInstances", StartInstances);
  table.Add("StopInstances", StopInstances);
  table.Add("TerminateInstances", TerminateInstances);
}

}  // namespace trailbox::ec2
