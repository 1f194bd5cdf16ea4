// The SNS notification CloudTrail publishes when it delivers log files, for a trail with an SNS topic
// (cloudtrail-fidelity.md §(d); https://docs.aws.amazon.com/awscloudtrail/latest/userguide/
// configure-cloudtrail-to-send-notifications.html).
#pragma once
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/scheduler.hpp"
#include "store/database.hpp"
#include "trail/trails.hpp"

namespace trailbox::trail {

/// The notification's Message: {"s3Bucket": bucket, "s3ObjectKey": [keys]}.
std::string NotificationMessage(const std::string& bucket, const std::vector<std::string>& keys);

/// Publishes one notification for the log files just delivered, as cloudtrail.amazonaws.com (the topic policy is
/// asked at every publish), and sets the trail's LatestNotificationTime or LatestNotificationError. A refused
/// notification loses nothing: the log files are in the bucket.
void NotifyLogFiles(store::Database& db, Scheduler& scheduler, TrailRow& trail, const std::vector<std::string>& keys,
                    double now);

}  // namespace trailbox::trail
