// How CloudTrail classifies an API call: readOnly, and management vs data event (cloudtrail-fidelity.md §(a)
// "readOnly / managementEvent / eventCategory"). One table for every service trailbox implements.
#pragma once
#include <optional>
#include <string_view>

namespace trailbox::trail {

enum class EventCategory { kManagement, kData };

struct EventClass {
  bool read_only = false;
  EventCategory category = EventCategory::kManagement;
};

/// The class of `operation` of the service with endpoint prefix `service` ("ec2", "iam", "s3"...); nullopt when
/// no rule of the table covers it (a unit test checks that every registered operation is covered).
std::optional<EventClass> ClassifyOperation(std::string_view service, std::string_view operation);

/// As ClassifyOperation; an operation the table does not cover counts as a management write (CloudTrail's default
/// for mutating calls).
EventClass Classify(std::string_view service, std::string_view operation);

}  // namespace trailbox::trail
