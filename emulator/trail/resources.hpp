// The resources LookupEvents lists for an event ({ResourceType, ResourceName}), found in the call's parameters and
// results by member name (CloudTrail API Reference, LookupEvents "Resources"; ResourceType values are the AWS
// CloudFormation resource type names, e.g. AWS::EC2::Instance).
#pragma once
#include <string_view>

#include "core/json.hpp"

namespace trailbox::trail {

/// [{"ResourceType", "ResourceName"}...] named in `input` and `output` (model member names) of a call to
/// `service` (endpoint prefix); duplicates removed, in the order found.
Json FindResources(std::string_view service, const Json& input, const Json& output);

/// The same list for a record given whole (injected records): from its "resources" member, if any.
Json ResourcesOfRecord(const Json& record);

}  // namespace trailbox::trail
