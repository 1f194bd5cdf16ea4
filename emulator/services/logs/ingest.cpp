// The one ingestion path (ingest.hpp): batch rules, storage, stream and group statistics, metric filters.
#include "services/logs/ingest.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>

#include "services/cloudwatch/metric_store.hpp"
#include "services/logs/metric_filters.hpp"
#include "services/logs/retention.hpp"
#include "store/database.hpp"

namespace trailbox::logs {
namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr int64_t kMaxFutureMs = 2 * kHourMs;
constexpr int64_t kMaxAgeMs = 14 * kDayMs;
constexpr int64_t kMaxSpanMs = 24 * kHourMs;

void CheckBatch(const std::vector<InputEvent>& events) {
  int64_t bytes = 0;
  for (const InputEvent& event : events) bytes += static_cast<int64_t>(event.message.size()) + kEventOverheadBytes;
  if (bytes > kMaxBatchBytes) {
    ThrowInvalidParameter("Upload too large: " + std::to_string(bytes) + " bytes exceeds limit of " +
                          std::to_string(kMaxBatchBytes));
  }
  for (size_t i = 1; i < events.size(); ++i) {
    if (events[i].timestamp < events[i - 1].timestamp) {
      ThrowInvalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
    }
  }
}

// The number of leading events older than `cutoff` (the batch is chronological).
int64_t CountOlderThan(const std::vector<InputEvent>& events, int64_t cutoff) {
  auto end = std::find_if(events.begin(), events.end(), [&](const InputEvent& e) { return e.timestamp >= cutoff; });
  return end - events.begin();
}

}  // namespace

IngestResult Ingest(store::Database& db, Scheduler& scheduler, const StreamAddress& target,
                    const std::vector<InputEvent>& events) {
  GroupRow group = RequireGroup(db, target.account_id, target.region, target.log_group_name);
  StreamRow stream = RequireStream(db, group.group_id, target.log_stream_name);
  CheckBatch(events);
  int64_t now = scheduler.now().time_since_epoch().count();
  auto count = static_cast<int64_t>(events.size());

  IngestResult result;
  int64_t too_old = CountOlderThan(events, now - kMaxAgeMs);
  if (too_old > 0) result.too_old_end = too_old;
  int64_t begin = too_old;
  if (group.retention_days) {
    int64_t expired = CountOlderThan(events, now - *group.retention_days * kDayMs);
    if (expired > 0) result.expired_end = expired;
    begin = std::max(begin, expired);
  }
  auto too_new = std::find_if(events.begin() + begin, events.end(),
                              [&](const InputEvent& e) { return e.timestamp > now + kMaxFutureMs; });
  int64_t end = too_new - events.begin();
  if (end < count) result.too_new_start = end;
  if (begin >= end) return result;
  if (events[end - 1].timestamp - events[begin].timestamp > kMaxSpanMs) {
    ThrowInvalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
  }

  int64_t bytes = 0;
  for (int64_t i = begin; i < end; ++i) {
    const InputEvent& event = events[i];
    db.Prepare(
          "INSERT INTO logs_events (group_id, stream_id, timestamp, ingestion_time, message) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .BindAll(group.group_id, stream.stream_id, event.timestamp, now, event.message)
        .Run();
    bytes += static_cast<int64_t>(event.message.size());
  }
  result.accepted = static_cast<size_t>(end - begin);
  result.last_stored = Position{events[end - 1].timestamp, sqlite3_last_insert_rowid(db.handle())};
  int64_t first_event = std::min(stream.first_event.value_or(events[begin].timestamp), events[begin].timestamp);
  int64_t last_event = std::max(stream.last_event.value_or(events[end - 1].timestamp), events[end - 1].timestamp);
  db.Prepare("UPDATE logs_streams SET first_event = ?2, last_event = ?3, last_ingestion = ?4 WHERE stream_id = ?1")
      .BindAll(stream.stream_id, first_event, last_event, now)
      .Run();
  db.Prepare("UPDATE logs_groups SET stored_bytes = stored_bytes + ?2 WHERE group_id = ?1")
      .BindAll(group.group_id, bytes)
      .Run();

  std::vector<CompiledMetricFilter> filters = LoadMetricFilters(db, group.group_id);
  if (!filters.empty()) {
    std::vector<FilterInput> inputs;
    inputs.reserve(static_cast<size_t>(end - begin));
    for (int64_t i = begin; i < end; ++i) inputs.push_back({events[i].timestamp, events[i].message});
    cloudwatch::PublishDatapoints({db, scheduler, group.account_id, group.region}, ApplyMetricFilters(filters, inputs));
  }
  if (group.retention_days) EnsureRetentionSweep(db, scheduler);
  return result;
}

}  // namespace trailbox::logs
