// Log events: PutLogEvents (through logs::Ingest), GetLogEvents, FilterLogEvents
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html and neighbours).
// GetLogEvents tokens are "f/" or "b/" and a position (logs_common.hpp): a forward token resumes after the last
// event returned, a backward token before the first; at the end of the stream the token passed in comes back.
#include <limits>
#include <set>

#include "core/aws_error.hpp"
#include "services/logs/ingest.hpp"
#include "services/logs/logs_common.hpp"
#include "services/logs/logs_topics.hpp"
#include "services/logs/metric_filters.hpp"
#include "store/database.hpp"

namespace trailbox::logs {
namespace {

constexpr int64_t kDefaultEventLimit = 10'000;
constexpr int64_t kMaxResponseBytes = 1'048'576;
constexpr int64_t kNoTime = std::numeric_limits<int64_t>::max();

struct StoredEvent {
  Position position;
  int64_t ingestion_time = 0;
  std::string message;
  std::string stream_name;
};

StoredEvent ReadEvent(const store::Statement& statement) {
  return {{statement.Int(0), statement.Int(1)}, statement.Int(2), statement.Text(3), statement.Text(4)};
}

// Adds events while the response stays within its byte budget (AWS: up to 1 MB or 10,000 events).
bool FitsInResponse(int64_t& bytes, const StoredEvent& event) {
  bytes += static_cast<int64_t>(event.message.size()) + kEventOverheadBytes;
  return bytes <= kMaxResponseBytes;
}

struct GetToken {
  bool is_forward = true;
  Position position;
};

std::optional<GetToken> ParseGetToken(const std::string& token) {
  if (token.size() < 2 || (token[0] != 'f' && token[0] != 'b') || token[1] != '/') return std::nullopt;
  std::optional<Position> position = ParsePositionDigits(std::string_view(token).substr(2));
  if (!position) return std::nullopt;
  return GetToken{token[0] == 'f', *position};
}

Json OutputEvent(const StoredEvent& event) {
  return {{"timestamp", event.position.timestamp}, {"message", event.message}, {"ingestionTime", event.ingestion_time}};
}

// The streams FilterLogEvents searches: by names, by prefix, or all (nullopt).
std::optional<std::set<std::string>> StreamSelection(const Json& input) {
  if (input.contains("logStreamNames") && input.contains("logStreamNamePrefix")) {
    ThrowInvalidParameter("Cannot specify both logStreamNames and logStreamNamePrefix");
  }
  if (auto names = input.find("logStreamNames"); names != input.end()) {
    return names->get<std::set<std::string>>();
  }
  return std::nullopt;
}

}  // namespace

Json PutLogEvents(Call& call, const Json& input) {
  std::vector<InputEvent> events;
  for (const Json& event : input.at("logEvents")) {
    events.push_back({event.at("timestamp").get<int64_t>(), event.at("message").get<std::string>()});
  }
  StreamAddress target{call.account_id(), call.region, input.at("logGroupName"), input.at("logStreamName")};
  IngestResult result = Ingest(call.db(), call.scheduler(), target, events);
  Json output = Json::object();
  // The sequence token is ignored on input and deprecated on output; AWS still returns one.
  output["nextSequenceToken"] = PositionDigits(result.last_stored.value_or(Position{}));
  Json rejected = Json::object();
  if (result.too_new_start) rejected["tooNewLogEventStartIndex"] = *result.too_new_start;
  if (result.too_old_end) rejected["tooOldLogEventEndIndex"] = *result.too_old_end;
  if (result.expired_end) rejected["expiredLogEventEndIndex"] = *result.expired_end;
  if (!rejected.empty()) output["rejectedLogEventsInfo"] = std::move(rejected);
  return output;
}

Json GetLogEvents(Call& call, const Json& input) {
  store::Database& db = call.db();
  GroupRow group = RequireGroup(call, input);
  StreamRow stream = RequireStream(db, group.group_id, input.at("logStreamName").get<std::string>());
  int64_t start = input.value("startTime", int64_t{0});
  int64_t end = input.value("endTime", kNoTime);
  int64_t limit = input.value("limit", kDefaultEventLimit);
  GetToken token{input.value("startFromHead", false), {}};
  if (!token.is_forward) token.position = {kNoTime, kNoTime};
  bool has_token = input.contains("nextToken");
  if (has_token) {
    std::optional<GetToken> parsed = ParseGetToken(input["nextToken"]);
    if (!parsed) ThrowInvalidParameter("The specified nextToken is invalid.");
    token = *parsed;
  }
  auto statement = db.Prepare(
      token.is_forward
          ? "SELECT timestamp, event_id, ingestion_time, message, '' FROM logs_events WHERE stream_id = ?1 AND "
            "timestamp >= ?2 AND timestamp < ?3 AND (timestamp, event_id) > (?4, ?5) ORDER BY timestamp, event_id "
            "LIMIT ?6"
          : "SELECT timestamp, event_id, ingestion_time, message, '' FROM logs_events WHERE stream_id = ?1 AND "
            "timestamp >= ?2 AND timestamp < ?3 AND (timestamp, event_id) < (?4, ?5) ORDER BY timestamp DESC, "
            "event_id DESC LIMIT ?6");
  statement.BindAll(stream.stream_id, start, end, token.position.timestamp, token.position.event_id, limit);
  std::vector<StoredEvent> events;
  int64_t bytes = 0;
  while (statement.Step()) {
    StoredEvent event = ReadEvent(statement);
    if (!FitsInResponse(bytes, event)) break;
    events.push_back(std::move(event));
  }
  if (!token.is_forward) std::reverse(events.begin(), events.end());
  Json output = {{"events", Json::array()}};
  for (const StoredEvent& event : events) output["events"].push_back(OutputEvent(event));
  Position first = has_token ? token.position : Position{};
  Position last = first;
  if (!events.empty()) {
    first = events.front().position;
    last = events.back().position;
  }
  output["nextForwardToken"] = "f/" + PositionDigits(last);
  output["nextBackwardToken"] = "b/" + PositionDigits(first);
  return output;
}

// searchedLogStreams is always empty and interleaved is ignored, as AWS has done since 2019/2020.
Json FilterLogEvents(Call& call, const Json& input) {
  store::Database& db = call.db();
  GroupRow group = RequireGroup(call, input);
  std::optional<std::set<std::string>> names = StreamSelection(input);
  std::string prefix = input.value("logStreamNamePrefix", "");
  filter::Pattern pattern = CompilePattern(input.value("filterPattern", ""), PatternUse::kSearch);
  int64_t limit = input.value("limit", kDefaultEventLimit);
  Position after{std::numeric_limits<int64_t>::min(), 0};
  if (auto token = input.find("nextToken"); token != input.end()) {
    std::optional<Position> parsed = ParsePositionDigits(token->get<std::string>());
    if (!parsed) ThrowInvalidParameter("The specified nextToken is invalid.");
    after = *parsed;
  }
  auto statement = db.Prepare(
      "SELECT e.timestamp, e.event_id, e.ingestion_time, e.message, s.name FROM logs_events e "
      "JOIN logs_streams s ON s.stream_id = e.stream_id WHERE e.group_id = ?1 AND e.timestamp >= ?2 AND "
      "e.timestamp <= ?3 AND (e.timestamp, e.event_id) > (?4, ?5) ORDER BY e.timestamp, e.event_id");
  statement.BindAll(group.group_id, input.value("startTime", int64_t{0}), input.value("endTime", kNoTime),
                    after.timestamp, after.event_id);
  Json events = Json::array();
  std::optional<Position> last;
  bool is_truncated = false;
  int64_t bytes = 0;
  filter::Event event;
  while (statement.Step()) {
    StoredEvent stored = ReadEvent(statement);
    if (names ? !names->contains(stored.stream_name) : !stored.stream_name.starts_with(prefix)) continue;
    event.Reset(stored.message);
    if (!filter::Matches(pattern, event)) continue;
    if (static_cast<int64_t>(events.size()) >= limit || !FitsInResponse(bytes, stored)) {
      is_truncated = true;
      break;
    }
    Json output = {{"logStreamName", stored.stream_name}};
    output.update(OutputEvent(stored));
    output["eventId"] = PositionDigits(stored.position);
    events.push_back(std::move(output));
    last = stored.position;
  }
  Json output = {{"events", std::move(events)}, {"searchedLogStreams", Json::array()}};
  if (is_truncated && last) output["nextToken"] = PositionDigits(*last);
  return output;
}

void AddLogEventOperations(OperationTable& table) {
  table.Add("PutLogEvents", PutLogEvents);
  table.Add("GetLogEvents", GetLogEvents);
  table.Add("FilterLogEvents", FilterLogEvents);
}

}  // namespace trailbox::logs
