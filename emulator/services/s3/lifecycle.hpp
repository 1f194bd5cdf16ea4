// S3 lifecycle rules enforced on the clock: which objects and uploads a rule selects, when they expire, and the
// daily run that removes them (https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html).
#pragma once
#include <cstdint>
#include <string>

#include "core/json.hpp"
#include "core/scheduler.hpp"
#include "store/database.hpp"

namespace trailbox::s3 {

/// Whether a rule's Filter (or legacy Prefix) selects an object with this key, size and tags ({key: value}).
bool RuleSelects(const Json& rule, const std::string& key, int64_t size, const Json& tags);
/// When an object created at `created` expires under an N-day rule: created + N days, rounded up to the next
/// midnight UTC (as S3 computes it).
double ExpiryTime(double created, int64_t days);
/// Applies the bucket's enabled rules at `now`: removes expired objects and aborts old incomplete uploads.
/// Returns how many objects and uploads it removed.
size_t ApplyLifecycle(store::Database& db, const std::string& bucket, double now);
/// Schedules the bucket's daily lifecycle run at the next midnight UTC after `now`; each run schedules the next,
/// and a run whose configuration was replaced or deleted meanwhile (another generation) ends the chain.
/// Scheduled runs live in memory; ResumeS3Tasks schedules them again at start-up.
void ScheduleLifecycle(store::Database& db, Scheduler& scheduler, const std::string& bucket, int64_t generation);

}  // namespace trailbox::s3
