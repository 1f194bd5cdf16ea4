// Log group and stream lookups, ARNs and event positions (logs_common.hpp).
#include "services/logs/logs_common.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/aws_error.hpp"
#include "store/database.hpp"

namespace trailbox::logs {
namespace {

constexpr size_t kTimestampDigits = 20;
constexpr size_t kIdDigits = 36;
constexpr size_t kDescribeLimit = 50;

GroupRow ReadGroup(const store::Statement& statement) {
  GroupRow group;
  group.group_id = statement.Int(0);
  group.account_id = statement.Text(1);
  group.region = statement.Text(2);
  group.name = statement.Text(3);
  group.creation_time = statement.Int(4);
  if (!statement.IsNull(5)) group.retention_days = statement.Int(5);
  group.kms_key_id = statement.OptionalText(6);
  group.stored_bytes = statement.Int(7);
  return group;
}

std::string Padded(int64_t value, size_t width) {
  std::string digits = std::to_string(value);
  return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

}  // namespace

std::optional<GroupRow> FindGroup(store::Database& db, std::string_view account_id, std::string_view region,
                                  std::string_view name) {
  auto statement = db.Prepare(
      "SELECT group_id, account_id, region, name, creation_time, retention_days, kms_key_id, stored_bytes "
      "FROM logs_groups WHERE account_id = ?1 AND region = ?2 AND name = ?3");
  statement.BindAll(account_id, region, name);
  if (!statement.Step()) return std::nullopt;
  return ReadGroup(statement);
}

GroupRow RequireGroup(store::Database& db, std::string_view account_id, std::string_view region,
                      std::string_view name) {
  std::optional<GroupRow> group = FindGroup(db, account_id, region, name);
  if (!group) throw AwsError("ResourceNotFoundException", "The specified log group does not exist.");
  return *group;
}

GroupRow RequireGroup(Call& call, const Json& input) {
  return RequireGroup(call.db(), call.account_id(), call.region, input.at("logGroupName").get<std::string>());
}

std::optional<StreamRow> FindStream(store::Database& db, int64_t group_id, std::string_view name) {
  auto statement = db.Prepare(
      "SELECT stream_id, group_id, name, creation_time, first_event, last_event, last_ingestion FROM logs_streams "
      "WHERE group_id = ?1 AND name = ?2");
  statement.BindAll(group_id, name);
  if (!statement.Step()) return std::nullopt;
  StreamRow stream;
  stream.stream_id = statement.Int(0);
  stream.group_id = statement.Int(1);
  stream.name = statement.Text(2);
  stream.creation_time = statement.Int(3);
  if (!statement.IsNull(4)) stream.first_event = statement.Int(4);
  if (!statement.IsNull(5)) stream.last_event = statement.Int(5);
  if (!statement.IsNull(6)) stream.last_ingestion = statement.Int(6);
  return stream;
}

StreamRow RequireStream(store::Database& db, int64_t group_id, std::string_view name) {
  std::optional<StreamRow> stream = FindStream(db, group_id, name);
  if (!stream) throw AwsError("ResourceNotFoundException", "The specified log stream does not exist.");
  return *stream;
}

std::string GroupArn(const GroupRow& group) {
  return "arn:aws:logs:" + group.region + ":" + group.account_id + ":log-group:" + group.name;
}

std::string StreamArn(const GroupRow& group, std::string_view stream_name) {
  return GroupArn(group) + ":log-stream:" + std::string(stream_name);
}

int64_t NowMillis(const Call& call) { return call.now().time_since_epoch().count(); }

std::string PositionDigits(const Position& position) {
  return Padded(position.timestamp, kTimestampDigits) + Padded(position.event_id, kIdDigits);
}

std::optional<Position> ParsePositionDigits(std::string_view digits) {
  if (digits.size() != kTimestampDigits + kIdDigits) return std::nullopt;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return std::nullopt;
  }
  Position position;
  std::string_view timestamp = digits.substr(0, kTimestampDigits);
  std::string_view id = digits.substr(kTimestampDigits);
  auto first = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), position.timestamp);
  auto second = std::from_chars(id.data(), id.data() + id.size(), position.event_id);
  if (first.ec != std::errc() || second.ec != std::errc()) return std::nullopt;
  return position;
}

Json DescribePage(std::vector<common::KeyedItem> items, const Json& input, std::string_view list_member) {
  common::PageMembers members{"nextToken", "limit", "nextToken", "", kDescribeLimit};
  std::optional<Json> page = common::Paginate(std::move(items), input, list_member, members);
  if (!page) ThrowInvalidParameter("The specified nextToken is invalid.");
  return *page;
}

void ThrowInvalidParameter(const std::string& message) { throw AwsError("InvalidParameterException", message); }

}  // namespace trailbox::logs
