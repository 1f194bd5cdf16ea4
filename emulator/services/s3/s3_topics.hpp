// The registration function of each S3 topic file; s3_service.cpp calls them all.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::s3 {

/// buckets.cpp: CreateBucket, HeadBucket, ListBuckets, DeleteBucket, GetBucketLocation, GetBucketAcl,
/// Get/PutBucketVersioning.
void AddBucketOperations(OperationTable& table);
/// objects.cpp: PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, CopyObject.
void AddObjectOperations(OperationTable& table);
/// listing.cpp: ListObjects, ListObjectsV2.
void AddListingOperations(OperationTable& table);
/// multipart.cpp: CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload,
/// ListMultipartUploads, ListParts.
void AddMultipartOperations(OperationTable& table);
/// bucket_policy.cpp: Put/Get/DeleteBucketPolicy, GetBucketPolicyStatus.
void AddBucketPolicyOperations(OperationTable& table);
/// lifecycle.cpp: Put/Get/DeleteBucketLifecycleConfiguration.
void AddLifecycleOperations(OperationTable& table);
/// tagging.cpp: Put/Get/DeleteBucketTagging.
void AddTaggingOperations(OperationTable& table);

}  // namespace trailbox::s3
