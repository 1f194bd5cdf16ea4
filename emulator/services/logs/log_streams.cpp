// Log streams: CreateLogStream, DeleteLogStream, DescribeLogStreams
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html and
// neighbours).
#include "core/aws_error.hpp"
#include "services/logs/logs_common.hpp"
#include "services/logs/logs_topics.hpp"
#include "store/database.hpp"

namespace trailbox::logs {
namespace {


// A key that sorts in the opposite order of `key` (bytes inverted, then a terminator above every inverted byte,
// so a prefix sorts after its extensions), for descending pages with ascending token pagination.
std::string DescendingKey(const std::string& key) {
  std::string inverted;
  inverted.reserve(key.size() + 1);
  for (unsigned char c : key) inverted.push_back(static_cast<char>(0xFF - c));
  inverted.push_back('\xFF');
  return inverted;
}

std::string Padded(int64_t value) {
  std::string digits = std::to_string(value);
  return std::string(digits.size() < 20 ? 20 - digits.size() : 0, '0') + digits;
}

// storedBytes of a stream is always 0, as AWS has reported it since June 2019 (LogStream shape).
Json StreamDocument(const GroupRow& group, const StreamRow& stream) {
  Json document = {{"logStreamName", stream.name}, {"creationTime", stream.creation_time}};
  if (stream.first_event) document["firstEventTimestamp"] = *stream.first_event;
  if (stream.last_event) document["lastEventTimestamp"] = *stream.last_event;
  if (stream.last_ingestion) document["lastIngestionTime"] = *stream.last_ingestion;
  document["arn"] = StreamArn(group, stream.name);
  document["storedBytes"] = 0;
  return document;
}

}  // namespace

Json CreateLogStream(Call& call, const Json& input) {
  store::Database& db = call.db();
  GroupRow group = RequireGroup(call, input);
  std::string name = input.at("logStreamName");
  if (FindStream(db, group.group_id, name)) {
    throw AwsError("ResourceAlreadyExistsException", "The specified log stream already exists");
  }
  db.Prepare("INSERT INTO logs_streams (group_id, name, creation_time) VALUES (?1, ?2, ?3)")
      .BindAll(group.group_id, name, NowMillis(call))
      .Run();
  return Json::object();
}

Json DeleteLogStream(Call& call, const Json& input) {
  store::Database& db = call.db();
  GroupRow group = RequireGroup(call, input);
  StreamRow stream = RequireStream(db, group.group_id, input.at("logStreamName").get<std::string>());
  db.Prepare(
        "UPDATE logs_groups SET stored_bytes = stored_bytes - (SELECT coalesce(sum(length(CAST(message AS BLOB))), 0) "
        "FROM logs_events WHERE stream_id = ?2) WHERE group_id = ?1")
      .BindAll(group.group_id, stream.stream_id)
      .Run();
  db.Prepare("DELETE FROM logs_events WHERE stream_id = ?1").BindAll(stream.stream_id).Run();
  db.Prepare("DELETE FROM logs_streams WHERE stream_id = ?1").BindAll(stream.stream_id).Run();
  return Json::object();
}

Json DescribeLogStreams(Call& call, const Json& input) {
  store::Database& db = call.db();
  GroupRow group = RequireGroup(call, input);
  bool by_last_event = input.value("orderBy", "LogStreamName") == "LastEventTime";
  bool is_descending = input.value("descending", false);
  std::string prefix = input.value("logStreamNamePrefix", "");
  if (by_last_event && input.contains("logStreamNamePrefix")) {
    ThrowInvalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  }
  auto statement = db.Prepare(
      "SELECT name FROM logs_streams WHERE group_id = ?1 AND substr(name, 1, length(?2)) = ?2");
  statement.BindAll(group.group_id, prefix);
  std::vector<std::string> names;
  while (statement.Step()) names.push_back(statement.Text(0));
  std::vector<common::KeyedItem> items;
  for (const std::string& name : names) {
    StreamRow stream = *FindStream(db, group.group_id, name);
    std::string key = by_last_event ? Padded(stream.last_event.value_or(0)) + '\0' + name : name;
    if (is_descending) key = DescendingKey(key);
    items.emplace_back(std::move(key), StreamDocument(group, stream));
  }
  return DescribePage(std::move(items), input, "logStreams");
}

void AddLogStreamOperations(OperationTable& table) {
  table.Add("CreateLogStream", CreateLogStream);
  table.Add("DeleteLogStream", DeleteLogStream);
  table.Add("DescribeLogStreams", DescribeLogStreams);
}

}  // namespace trailbox::logs
