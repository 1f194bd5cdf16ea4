// Delivery to CloudWatch Logs: CloudTrail assumes the trail's role (its trust policy must let
// cloudtrail.amazonaws.com assume it, its policies must allow logs:CreateLogStream and logs:PutLogEvents on the
// stream), creates stream <account>_CloudTrail_<region> in the trail's group, and puts one event per record through
// logs::Ingest so the group's metric filters fire
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html;
// cloudtrail-fidelity.md §(c)).
// Open: the role's permissions come from its inline and customer managed policies; AWS managed policies attached to
// it and its permissions boundary are not consulted.
#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "core/time_format.hpp"
#include "policy/parse.hpp"
#include "services/iam/entities.hpp"
#include "services/iam/trust.hpp"
#include "services/logs/ingest.hpp"
#include "services/logs/logs_common.hpp"
#include "trail/delivery.hpp"

namespace trailbox::trail {
namespace {

constexpr size_t kMaxEventsPerBatch = 1000;
constexpr int64_t kMaxBatchSpanMillis = 24LL * 3600 * 1000;
// Records larger than this are not sent to CloudWatch Logs (cloudtrail-fidelity.md §(c)).
constexpr size_t kMaxRecordBytes = 256 * 1024;

AwsError TrustDenied() {
  return AwsError("InvalidCloudWatchLogsRoleArnException",
                  "Access denied. Check the trust relationships for your role.");
}

AwsError PermissionsDenied() {
  return AwsError("InvalidCloudWatchLogsLogGroupArnException", "Access denied. Check the permissions for your role.");
}

// The role's identity policies: inline, and the default versions of its attached customer managed policies.
std::vector<std::string> RolePolicies(store::Database& db, const std::string& role_id) {
  std::vector<std::string> documents;
  auto inline_policies = db.Prepare("SELECT document FROM iam_inline_policies WHERE owner_id = ?1");
  inline_policies.BindAll(role_id);
  while (inline_policies.Step()) documents.push_back(inline_policies.Text(0));
  auto managed = db.Prepare(
      "SELECT v.document FROM iam_attached_policies a JOIN iam_policies p ON p.arn = a.policy_arn "
      "JOIN iam_policy_versions v ON v.policy_arn = p.arn AND v.version_id = p.default_version_id "
      "WHERE a.owner_id = ?1");
  managed.BindAll(role_id);
  while (managed.Step()) documents.push_back(managed.Text(0));
  return documents;
}

bool RoleAllows(const std::vector<std::string>& documents, const iam::RoleRow& role, const std::string& action,
                const std::string& resource, double now) {
  policy::Request request;
  request.principal.account_id = role.account_id;
  request.principal.arns = {role.arn};
  request.action = action;
  request.resource = resource;
  policy::AddGlobalContext(request, {now, "", true});
  bool allowed = false;
  for (const std::string& text : documents) {
    policy::Decision decision = policy::Evaluate(policy::Parse(text), request);
    if (decision == policy::Decision::kDeny) return false;
    allowed = allowed || decision == policy::Decision::kAllow;
  }
  return allowed;
}

std::string StreamName(const std::string& account_id, const std::string& region) {
  return account_id + "_CloudTrail_" + region;
}

struct QueuedRecord {
  int64_t id = 0;
  std::string region;
  std::string text;
  int64_t timestamp = 0;
};

// The stream of `region` in the group, created as CloudTrail creates it (logs:CreateLogStream).
void EnsureStream(store::Database& db, const logs::GroupRow& group, const std::string& name, double now) {
  if (logs::FindStream(db, group.group_id, name)) return;
  db.Prepare("INSERT INTO logs_streams (group_id, name, creation_time) VALUES (?1, ?2, ?3)")
      .BindAll(group.group_id, name, static_cast<int64_t>(now * 1000))
      .Run();
}

void IngestRecords(store::Database& db, Scheduler& scheduler, const logs::StreamAddress& address,
                   std::vector<QueuedRecord>& records) {
  std::stable_sort(records.begin(), records.end(),
                   [](const QueuedRecord& a, const QueuedRecord& b) { return a.timestamp < b.timestamp; });
  std::vector<logs::InputEvent> batch;
  int64_t batch_bytes = 0;
  auto send = [&]() {
    if (!batch.empty()) logs::Ingest(db, scheduler, address, batch);
    batch.clear();
    batch_bytes = 0;
  };
  for (const QueuedRecord& record : records) {
    if (record.text.size() > kMaxRecordBytes) continue;
    int64_t bytes = static_cast<int64_t>(record.text.size()) + logs::kEventOverheadBytes;
    if (!batch.empty() && (batch.size() >= kMaxEventsPerBatch || batch_bytes + bytes > logs::kMaxBatchBytes ||
                           record.timestamp - batch.front().timestamp > kMaxBatchSpanMillis)) {
      send();
    }
    batch.push_back({record.timestamp, record.text});
    batch_bytes += bytes;
  }
  send();
}

}  // namespace

std::optional<LogGroupArn> ParseLogGroupArn(const std::string& arn) {
  const std::string prefix = "arn:aws:logs:";
  if (arn.rfind(prefix, 0) != 0) return std::nullopt;
  std::vector<std::string> parts;
  size_t start = prefix.size();
  while (true) {
    size_t colon = arn.find(':', start);
    parts.push_back(arn.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  // region, account, "log-group", name[, "*"]
  if (parts.size() < 4 || parts.size() > 5 || parts[2] != "log-group" || parts[0].empty() || parts[3].empty() ||
      parts[1].size() != 12 || (parts.size() == 5 && parts[4] != "*")) {
    return std::nullopt;
  }
  return LogGroupArn{parts[0], parts[1], parts[3]};
}

std::optional<AwsError> CheckLogsDelivery(store::Database& db, const std::string& account_id,
                                          const std::string& group_arn, const std::string& role_arn, double now) {
  auto group_ref = ParseLogGroupArn(group_arn);
  if (!group_ref) {
    return AwsError("InvalidCloudWatchLogsLogGroupArnException", "CloudWatch Logs log group ARN is invalid.");
  }
  std::optional<iam::RoleRow> role = iam::FindRoleByArn(db, role_arn);
  if (!role || role->account_id != account_id) return TrustDenied();
  Identity cloudtrail = Identity::Service("cloudtrail.amazonaws.com", account_id);
  if (!iam::TrustPolicyAllows(*role, iam::AssumeRoleRequest(*role, cloudtrail, now))) return TrustDenied();
  auto group = logs::FindGroup(db, group_ref->account_id, group_ref->region, group_ref->name);
  if (!group || group_ref->account_id != account_id) return PermissionsDenied();
  std::string stream_arn = logs::StreamArn(*group, StreamName(account_id, group_ref->region));
  std::vector<std::string> documents = RolePolicies(db, role->role_id);
  if (!RoleAllows(documents, *role, "logs:CreateLogStream", stream_arn, now) ||
      !RoleAllows(documents, *role, "logs:PutLogEvents", stream_arn, now)) {
    return PermissionsDenied();
  }
  return std::nullopt;
}

size_t DeliverToLogs(store::Database& db, Scheduler& scheduler, TrailRow& trail, double now) {
  auto statement = db.Prepare(
      "SELECT id, region, record FROM trail_pending WHERE trail_arn = ?1 AND destination = 'logs' ORDER BY id");
  statement.BindAll(trail.arn);
  std::map<std::string, std::vector<QueuedRecord>> by_region;
  while (statement.Step()) {
    QueuedRecord record{statement.Int(0), statement.Text(1), statement.Text(2), 0};
    Json parsed = Json::parse(record.text, nullptr, false);
    auto time = parsed.is_object() ? ParseIso8601(parsed.value("eventTime", "")) : std::nullopt;
    record.timestamp = static_cast<int64_t>((time ? *time : now) * 1000);
    by_region[record.region].push_back(std::move(record));
  }
  if (by_region.empty()) return 0;
  std::string group_arn = trail.config.value("CloudWatchLogsLogGroupArn", "");
  std::string role_arn = trail.config.value("CloudWatchLogsRoleArn", "");
  if (auto error = CheckLogsDelivery(db, trail.account_id, group_arn, role_arn, now)) {
    trail.status["LatestCloudWatchLogsDeliveryError"] = error->code();
    return 0;
  }
  LogGroupArn group_ref = *ParseLogGroupArn(group_arn);
  logs::GroupRow group = *logs::FindGroup(db, group_ref.account_id, group_ref.region, group_ref.name);
  size_t delivered = 0;
  for (auto& [region, records] : by_region) {
    std::string stream = StreamName(trail.account_id, region);
    EnsureStream(db, group, stream, now);
    try {
      IngestRecords(db, scheduler, {group.account_id, group.region, group.name, stream}, records);
    } catch (const AwsError& error) {
      trail.status["LatestCloudWatchLogsDeliveryError"] = error.code();
      return delivered;
    }
    for (const QueuedRecord& record : records) {
      db.Prepare("DELETE FROM trail_pending WHERE id = ?1").BindAll(record.id).Run();
    }
    delivered += records.size();
  }
  trail.status.erase("LatestCloudWatchLogsDeliveryError");
  trail.status["LatestCloudWatchLogsDeliveryTime"] = now;
  return delivered;
}

}  // namespace trailbox::trail
