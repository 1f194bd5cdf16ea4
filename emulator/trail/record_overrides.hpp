// The few places where a record differs from what record_elements.cpp derives from the model: EC2's legacy list
// names, RunInstances' request layout, and fields some operations add (cloudtrail-fidelity.md §(a)).
#pragma once
#include <string>
#include <string_view>

#include "core/call.hpp"
#include "core/json.hpp"

namespace trailbox::trail {

/// An EC2 member whose CloudTrail name is not derivable from the model.
struct MemberRename {
  std::string_view shape;      // the structure holding the member, e.g. "TerminateInstancesRequest"
  std::string_view member;     // the model member name, e.g. "InstanceIds"
  std::string_view key;        // the record's key, e.g. "instancesSet"
  std::string_view item_key;   // for a list of strings: each item's key, e.g. "instanceId"; else empty
  bool plain_array = false;    // the list is a JSON array rather than {"items": [...]}
};

/// The rename for `member` of `shape`, or nullptr.
const MemberRename* FindMemberRename(std::string_view shape, std::string_view member);

/// True for a member CloudTrail hides although the model does not mark its shape sensitive (STS's
/// Credentials.SecretAccessKey).
bool IsHiddenMember(std::string_view shape, std::string_view member);

/// Operation-specific changes to the generic requestParameters (object, never null).
void AdjustRequestParameters(const Call& call, Json& parameters);
/// Operation-specific changes to the generic responseElements of a successful call (object, never null).
void AdjustResponseElements(const Call& call, Json& elements);
/// True for the read-only calls whose record still carries responseElements (STS calls that issue credentials).
bool RecordsReadResponse(const Call& call);
/// The record's "resources" member for the operations that carry one (STS AssumeRole, S3 data events); null
/// otherwise.
Json RecordResources(const Call& call, const Json& input);

}  // namespace trailbox::trail
