// S3's operation table (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html),
// one topic file per group of operations. Bucket names are global; every other state hangs off a bucket.
#include "services/s3/s3_service.hpp"

#include "services/s3/s3_topics.hpp"

namespace trailbox::s3 {

void AddS3Operations(OperationTable& table) {
  AddBucketOperations(table);
  AddObjectOperations(table);
  AddListingOperations(table);
  AddMultipartOperations(table);
  AddBucketPolicyOperations(table);
  AddLifecycleOperations(table);
  AddTaggingOperations(table);
}

}  // namespace trailbox::s3
