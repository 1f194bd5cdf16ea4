// The registration function of each EC2 topic file (ec2_service.cpp calls them all), and the lookups topics share.
#pragma once
#include <optional>
#include <string>

#include "core/call.hpp"
#include "core/operation_table.hpp"

namespace trailbox::ec2 {

/// instances.cpp: RunInstances, DescribeInstances, DescribeInstanceStatus, Start/Stop/TerminateInstances.
void AddInstanceOperations(OperationTable& table);
/// security_groups.cpp: Create/Delete/DescribeSecurityGroups, Authorize ingress/egress, RevokeSecurityGroupIngress.
void AddSecurityGroupOperations(OperationTable& table);
/// tags.cpp: CreateTags, DeleteTags, DescribeTags.
void AddTagOperations(OperationTable& table);
/// catalogue.cpp: DescribeVpcs, DescribeSubnets, DescribeAvailabilityZones, DescribeRegions, DescribeImages.
void AddCatalogueOperations(OperationTable& table);

/// A security group as instances refer to it.
struct GroupRef {
  std::string group_id;
  std::string group_name;
  std::string vpc_id;
};
/// The group with this id in the caller's account and region.
std::optional<GroupRef> FindGroupById(Call& call, const std::string& group_id);
/// The group with this name in `vpc_id`.
std::optional<GroupRef> FindGroupByName(Call& call, const std::string& vpc_id, const std::string& group_name);
/// True when an instance of the caller's account and region exists with this id.
bool InstanceExists(Call& call, const std::string& instance_id);
/// Applies every instance state change due by now (the scheduler's tasks do this on time; requests also do it
/// first, which re-derives the transitions a restart dropped from memory).
/// Transitions that follow (terminated -> gone) are scheduled on `scheduler`.
void ApplyDueTransitions(store::Database& db, Scheduler& scheduler, double now);

}  // namespace trailbox::ec2
