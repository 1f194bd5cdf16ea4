// What the CloudWatch Logs topic files share: log group and stream rows, their lookups with AWS's
// ResourceNotFoundException, ARNs, and the position of an event in a stream or group, which the GetLogEvents and
// FilterLogEvents tokens and event ids spell as 56 digits: 20 of timestamp, 36 of the event's row id.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/call.hpp"
#include "core/json.hpp"
#include "services/common/pagination.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::logs {

/// A row of logs_groups.
struct GroupRow {
  int64_t group_id = 0;
  std::string account_id;
  std::string region;
  std::string name;
  int64_t creation_time = 0;
  std::optional<int64_t> retention_days;
  std::optional<std::string> kms_key_id;
  int64_t stored_bytes = 0;
};

/// A row of logs_streams.
struct StreamRow {
  int64_t stream_id = 0;
  int64_t group_id = 0;
  std::string name;
  int64_t creation_time = 0;
  std::optional<int64_t> first_event;
  std::optional<int64_t> last_event;
  std::optional<int64_t> last_ingestion;
};

/// The group, if it exists in the account and region.
std::optional<GroupRow> FindGroup(store::Database& db, std::string_view account_id, std::string_view region,
                                  std::string_view name);
/// The group, or ResourceNotFoundException.
GroupRow RequireGroup(store::Database& db, std::string_view account_id, std::string_view region,
                      std::string_view name);
/// The caller's group named by the input's logGroupName, or ResourceNotFoundException.
GroupRow RequireGroup(Call& call, const Json& input);

/// The stream of a group, if it exists.
std::optional<StreamRow> FindStream(store::Database& db, int64_t group_id, std::string_view name);
/// The stream, or ResourceNotFoundException.
StreamRow RequireStream(store::Database& db, int64_t group_id, std::string_view name);

/// arn:aws:logs:REGION:ACCOUNT:log-group:NAME (TagResource's form; DescribeLogGroups appends ":*").
std::string GroupArn(const GroupRow& group);
/// arn:aws:logs:REGION:ACCOUNT:log-group:NAME:log-stream:STREAM.
std::string StreamArn(const GroupRow& group, std::string_view stream_name);

/// The current time in epoch milliseconds, as Logs' timestamps are.
int64_t NowMillis(const Call& call);

/// Where an event sits in time order: (timestamp, row id).
struct Position {
  int64_t timestamp = 0;
  int64_t event_id = 0;
  auto operator<=>(const Position&) const = default;
};

/// 56 digits: the timestamp (20) and the row id (36).
std::string PositionDigits(const Position& position);
/// The position `digits` spell; nullopt when they are not 56 digits.
std::optional<Position> ParsePositionDigits(std::string_view digits);

/// One page of a Describe* listing (nextToken and limit, 50 items by default); InvalidParameterException for a
/// token that is not ours.
Json DescribePage(std::vector<common::KeyedItem> items, const Json& input, std::string_view list_member);

/// The InvalidParameterException AWS answers with.
[[noreturn]] void ThrowInvalidParameter(const std::string& message);

}  // namespace trailbox::logs
