// The event history: the management events of the last 90 days per account and region, as LookupEvents reads them
// (CloudTrail User Guide, "Working with CloudTrail event history"; cloudtrail-fidelity.md §(i)).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "store/database.hpp"

namespace trailbox::trail {

/// How long the event history keeps an event.
inline constexpr double kHistoryRetentionSeconds = 90.0 * 24 * 3600;

/// A record's text as CloudTrail writes it: compact JSON with <, >, &, = and ' escaped as \u003c... (Gson's
/// HTML-safe escaping, cloudtrail-fidelity.md §(a) "Rules an emulator gets wrong").
std::string SerializeRecord(const Json& record);

/// Stores a complete management-event record with its LookupEvents resources ([{ResourceType, ResourceName}]);
/// also deletes events older than the retention period at `now` (epoch seconds).
void StoreEvent(store::Database& db, const Json& record, const Json& resources, double now);

/// The LookupEvents "Username" of a record: the IAM user name, the assumed role's session name, "root".
std::string LookupUsername(const Json& record);

enum class LookupKey { kEventId, kEventName, kReadOnly, kUsername, kResourceType, kResourceName, kEventSource,
                       kAccessKeyId };

struct LookupQuery {
  std::string account_id;
  std::string region;
  std::optional<std::pair<LookupKey, std::string>> attribute;
  double start_time = 0;  // inclusive, epoch seconds
  double end_time = 0;    // inclusive
  size_t limit = 50;
  std::optional<std::string> next_token;
};

struct LookupPage {
  /// LookupEvents' Event documents, newest first.
  std::vector<Json> events;
  std::optional<std::string> next_token;
};

/// One page of matching events, newest first; nullopt when next_token is not one of ours.
std::optional<LookupPage> LookupHistory(store::Database& db, const LookupQuery& query);

}  // namespace trailbox::trail
