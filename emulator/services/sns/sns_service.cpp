// SNS's operation table (https://docs.aws.amazon.com/sns/latest/api/API_Operations.html).
#include "services/sns/sns_service.hpp"

#include "services/sns/deliveries.hpp"
#include "services/sns/sns_topics.hpp"

namespace trailbox::sns {

void AddSnsOperations(OperationTable& table) {
  AddTopicOperations(table);
  AddSubscriptionOperations(table);
  AddPublishOperations(table);
  AddTagOperations(table);
}

void ResumeSnsTasks(store::Database& db, Scheduler& scheduler) { ResumeHttpDeliveries(db, scheduler); }

}  // namespace trailbox::sns
