// Log groups: CreateLogGroup, DeleteLogGroup, DescribeLogGroups
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html and neighbours).
#include <algorithm>
#include <cctype>

#include "core/aws_error.hpp"
#include "services/logs/logs_common.hpp"
#include "services/logs/logs_topics.hpp"
#include "services/logs/tags.hpp"
#include "store/database.hpp"

namespace trailbox::logs {
namespace {


std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

int64_t MetricFilterCount(store::Database& db, int64_t group_id) {
  auto statement = db.Prepare("SELECT count(*) FROM logs_metric_filters WHERE group_id = ?1");
  statement.BindAll(group_id);
  statement.Step();
  return statement.Int(0);
}

Json GroupDocument(store::Database& db, const GroupRow& group) {
  Json document = {{"logGroupName", group.name}, {"creationTime", group.creation_time}};
  if (group.retention_days) document["retentionInDays"] = *group.retention_days;
  document["metricFilterCount"] = MetricFilterCount(db, group.group_id);
  document["arn"] = GroupArn(group) + ":*";
  document["storedBytes"] = group.stored_bytes;
  if (group.kms_key_id) document["kmsKeyId"] = *group.kms_key_id;
  return document;
}

}  // namespace

Json CreateLogGroup(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string name = input.at("logGroupName");
  if (name.starts_with("aws/")) ThrowInvalidParameter("Log group names can't start with the string aws/");
  if (FindGroup(db, call.account_id(), call.region, name)) {
    throw AwsError("ResourceAlreadyExistsException", "The specified log group already exists");
  }
  auto statement = db.Prepare(
      "INSERT INTO logs_groups (account_id, region, name, creation_time, kms_key_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  statement.BindAll(call.account_id(), call.region, name, NowMillis(call));
  if (auto key = input.find("kmsKeyId"); key != input.end()) {
    statement.Bind(5, key->get<std::string>());
  } else {
    statement.BindNull(5);
  }
  statement.Run();
  if (auto tags = input.find("tags"); tags != input.end()) {
    PutGroupTags(db, RequireGroup(db, call.account_id(), call.region, name).group_id, *tags);
  }
  return Json::object();
}

Json DeleteLogGroup(Call& call, const Json& input) {
  store::Database& db = call.db();
  GroupRow group = RequireGroup(call, input);
  for (const char* table : {"logs_events", "logs_streams", "logs_metric_filters", "logs_groups"}) {
    db.Prepare(std::string("DELETE FROM ") + table + " WHERE group_id = ?1").BindAll(group.group_id).Run();
  }
  DeleteGroupTags(db, group.group_id);
  return Json::object();
}

Json DescribeLogGroups(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string prefix = input.value("logGroupNamePrefix", "");
  std::string pattern = Lower(input.value("logGroupNamePattern", ""));
  if (input.contains("logGroupNamePrefix") && input.contains("logGroupNamePattern")) {
    ThrowInvalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  }
  auto statement = db.Prepare(
      "SELECT name FROM logs_groups WHERE account_id = ?1 AND region = ?2 AND substr(name, 1, length(?3)) = ?3");
  statement.BindAll(call.account_id(), call.region, prefix);
  std::vector<common::KeyedItem> items;
  while (statement.Step()) {
    std::string name = statement.Text(0);
    if (!pattern.empty() && Lower(name).find(pattern) == std::string::npos) continue;
    items.emplace_back(name, Json());
  }
  for (auto& [name, document] : items) document = GroupDocument(db, RequireGroup(db, call.account_id(), call.region, name));
  return DescribePage(std::move(items), input, "logGroups");
}

void AddLogGroupOperations(OperationTable& table) {
  table.Add("CreateLogGroup", CreateLogGroup);
  table.Add("DeleteLogGroup", DeleteLogGroup);
  table.Add("DescribeLogGroups", DescribeLogGroups);
}

}  // namespace trailbox::logs
