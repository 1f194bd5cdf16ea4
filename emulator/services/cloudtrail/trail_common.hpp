// What the CloudTrail trail topic files share: finding a trail by name or ARN with AWS's TrailNotFoundException,
// the home-region rule, and the Trail document (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/
// API_Trail.html; cloudtrail-fidelity.md §(h), §(j)).
#pragma once
#include <string>

#include "core/call.hpp"
#include "core/json.hpp"
#include "trail/trails.hpp"

namespace trailbox::cloudtrail {

/// The caller's trail named by `name_or_arn`: an ARN, or a name in the called region (or a multi-region trail's
/// shadow there). TrailNotFoundException "Unknown trail: <name> for the user: <account>" otherwise.
trail::TrailRow RequireTrail(Call& call, const std::string& name_or_arn);
/// As RequireTrail, and InvalidHomeRegionException unless the call is made in the trail's home region.
trail::TrailRow RequireHomeTrail(Call& call, const std::string& name_or_arn);
/// The Trail document as GetTrail and DescribeTrails answer it.
Json TrailDocument(const trail::TrailRow& trail);

}  // namespace trailbox::cloudtrail
