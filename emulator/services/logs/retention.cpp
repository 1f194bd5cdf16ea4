// Retention: PutRetentionPolicy, DeleteRetentionPolicy, and the hourly sweep that deletes events older than their
// group's retention and shrinks its storedBytes
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
// Deviation: AWS deletes expired events "typically within 72 hours"; trailbox within the hour, so a virtual-clock
// test sees them gone after the retention plus one hour.
#include "services/logs/retention.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include "services/cloudwatch/recurring_sweep.hpp"
#include "services/logs/logs_common.hpp"
#include "services/logs/logs_service.hpp"
#include "services/logs/logs_topics.hpp"
#include "store/database.hpp"

namespace trailbox::logs {
namespace {

constexpr int64_t kDayMs = 24 * 3'600'000;
constexpr std::array<int64_t, 22> kRetentionDays = {1,   3,   5,   7,   14,  30,   60,   90,   120,  150,  180,
                                                    365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

void ExpireEvents(store::Database& db, TimePoint now) {
  auto groups = db.Prepare("SELECT group_id, retention_days FROM logs_groups WHERE retention_days IS NOT NULL");
  std::vector<std::pair<int64_t, int64_t>> retained;
  while (groups.Step()) retained.emplace_back(groups.Int(0), groups.Int(1));
  for (const auto& [group_id, days] : retained) {
    int64_t cutoff = now.time_since_epoch().count() - days * kDayMs;
    db.Prepare(
          "UPDATE logs_groups SET stored_bytes = stored_bytes - (SELECT coalesce(sum(length(CAST(message AS BLOB))), "
          "0) FROM logs_events WHERE group_id = ?1 AND timestamp < ?2) WHERE group_id = ?1")
        .BindAll(group_id, cutoff)
        .Run();
    db.Prepare("DELETE FROM logs_events WHERE group_id = ?1 AND timestamp < ?2").BindAll(group_id, cutoff).Run();
  }
}

constexpr cloudwatch::RecurringSweep kRetentionSweep{"logs.retention_sweep_due", std::chrono::hours(1), ExpireEvents};

std::string AllowedDays() {
  std::string list;
  for (int64_t days : kRetentionDays) list += (list.empty() ? "" : ", ") + std::to_string(days);
  return "[" + list + "]";
}

}  // namespace

void EnsureRetentionSweep(store::Database& db, Scheduler& scheduler) { EnsureSweep(db, scheduler, kRetentionSweep); }

void ResumeLogsTasks(store::Database& db, Scheduler& scheduler) { ResumeSweep(db, scheduler, kRetentionSweep); }

Json PutRetentionPolicy(Call& call, const Json& input) {
  GroupRow group = RequireGroup(call, input);
  int64_t days = input.at("retentionInDays");
  if (std::find(kRetentionDays.begin(), kRetentionDays.end(), days) == kRetentionDays.end()) {
    ThrowInvalidParameter("1 validation error detected: Value '" + std::to_string(days) +
                          "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: " +
                          AllowedDays());
  }
  call.db().Prepare("UPDATE logs_groups SET retention_days = ?2 WHERE group_id = ?1").BindAll(group.group_id, days).Run();
  EnsureRetentionSweep(call.db(), call.scheduler());
  return Json::object();
}

Json DeleteRetentionPolicy(Call& call, const Json& input) {
  GroupRow group = RequireGroup(call, input);
  call.db().Prepare("UPDATE logs_groups SET retention_days = NULL WHERE group_id = ?1").BindAll(group.group_id).Run();
  return Json::object();
}

void AddRetentionOperations(OperationTable& table) {
  table.Add("PutRetentionPolicy", PutRetentionPolicy);
  table.Add("DeleteRetentionPolicy", DeleteRetentionPolicy);
}

}  // namespace trailbox::logs
