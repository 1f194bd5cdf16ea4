// logs::Ingest: the one way log events enter CloudWatch Logs (shared/STYLE.md rule 8). PutLogEvents calls it, and so
// will trail delivery and scenarios, so PutLogEvents' batch rules, retention and metric filters apply to every
// event however it arrived (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scheduler.hpp"
#include "services/logs/logs_common.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::logs {

/// One event to ingest: epoch milliseconds and the message.
struct InputEvent {
  int64_t timestamp = 0;
  std::string message;
};

/// The stream events go to, in the account and region that own it.
struct StreamAddress {
  std::string account_id;
  std::string region;
  std::string log_group_name;
  std::string log_stream_name;
};

/// What ingestion did with a batch: the rejectedLogEventsInfo indexes, and where the last stored event sits.
struct IngestResult {
  /// Index of the first event more than 2 hours in the future (inclusive).
  std::optional<int64_t> too_new_start;
  /// End (exclusive) of the events more than 14 days old.
  std::optional<int64_t> too_old_end;
  /// End (exclusive) of the events older than the group's retention.
  std::optional<int64_t> expired_end;
  size_t accepted = 0;
  std::optional<Position> last_stored;
};

/// Most bytes one batch may carry: the messages' UTF-8 bytes plus kEventOverheadBytes each.
constexpr int64_t kMaxBatchBytes = 1'048'576;
constexpr int64_t kEventOverheadBytes = 26;

/// Stores a batch (chronological, at most 24 hours apart, at most kMaxBatchBytes) in the caller's transaction,
/// applies the group's metric filters and publishes their datapoints. Throws ResourceNotFoundException for an
/// unknown group or stream and InvalidParameterException for a batch AWS refuses whole.
IngestResult Ingest(store::Database& db, Scheduler& scheduler, const StreamAddress& target,
                    const std::vector<InputEvent>& events);

}  // namespace trailbox::logs
