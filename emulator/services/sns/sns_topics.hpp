// The registration function of each SNS topic file; sns_service.cpp calls them all.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::sns {

/// topics.cpp: CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes.
void AddTopicOperations(OperationTable& table);
/// subscriptions.cpp: Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic,
/// GetSubscriptionAttributes, SetSubscriptionAttributes.
void AddSubscriptionOperations(OperationTable& table);
/// publish.cpp: Publish.
void AddPublishOperations(OperationTable& table);
/// tags.cpp: TagResource, UntagResource, ListTagsForResource.
void AddTagOperations(OperationTable& table);

}  // namespace trailbox::sns
