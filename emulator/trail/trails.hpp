// Trails as stored: their configuration, selectors, logging state and delivery status (CreateTrail's settings,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Trail.html and API_GetTrailStatus.html), and the
// hand-over of each record to the trails that select it (shared/DESIGN.md "Event recording and trails").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "store/database.hpp"

namespace trailbox::trail {

/// At most this many trails per account and region (a multi-region trail counts in every region).
inline constexpr size_t kMaxTrailsPerRegion = 5;

/// One row of trail_trails.
struct TrailRow {
  std::string arn;
  std::string account_id;
  std::string home_region;
  std::string name;
  /// The Trail document's settings: S3BucketName, S3KeyPrefix, IncludeGlobalServiceEvents, IsMultiRegionTrail,
  /// LogFileValidationEnabled, CloudWatchLogsLogGroupArn, CloudWatchLogsRoleArn (optional ones absent when unset).
  Json config = Json::object();
  /// {"EventSelectors": [...]} or {"AdvancedEventSelectors": [...]}.
  Json selectors = Json::object();
  bool has_custom_selectors = false;
  /// The InsightSelectors list, null when never put.
  Json insight_selectors;
  /// [{Key, Value}] in insertion order.
  Json tags = Json::array();
  bool is_logging = false;
  /// GetTrailStatus's times (epoch seconds) and errors, by member name.
  Json status = Json::object();
  /// Due time (epoch seconds) of the trail's next scheduled delivery; null when none is scheduled.
  std::optional<double> next_delivery;
};

/// arn:aws:cloudtrail:<region>:<account>:trail/<name>.
std::string TrailArn(const std::string& region, const std::string& account_id, const std::string& name);

/// The default selectors of a trail CreateTrail makes: every management event, no data events.
Json DefaultSelectors();

/// The trail with this ARN, if any.
std::optional<TrailRow> FindTrailByArn(store::Database& db, const std::string& arn);
/// The account's trails: those of `region` plus multi-region trails homed elsewhere when `with_shadows`.
std::vector<TrailRow> TrailsVisibleIn(store::Database& db, const std::string& account_id, const std::string& region,
                                      bool with_shadows);
/// Inserts or replaces the row.
void SaveTrail(store::Database& db, const TrailRow& trail);
/// Removes the trail, its pending records and its digest chain (delivered files stay in their bucket).
void DeleteTrailRow(store::Database& db, const std::string& arn);

/// Hands a stored record to every logging trail of its account whose region rules and selectors take it; each
/// such trail queues it for S3 (and CloudWatch Logs when configured) until its next delivery.
void OfferRecord(store::Database& db, const Json& record);

}  // namespace trailbox::trail
