// The classification table: verbs say whether a call reads or writes; a short list names the exceptions (calls
// whose verb misleads, and S3's object-level data events). Source: CloudTrail User Guide, "Logging management
// events" and "Logging data events"; cloudtrail-fidelity.md §(a).
#include "trail/classification.hpp"

#include <array>
#include <string>

namespace trailbox::trail {
namespace {

constexpr std::array<std::string_view, 8> kReadVerbs = {"Describe", "Get", "List", "Lookup", "Head", "Filter",
                                                        "Test", "Search"};
constexpr std::array<std::string_view, 30> kWriteVerbs = {
    "Create",  "Delete",    "Put",     "Update",   "Attach",   "Detach",    "Add",     "Remove",
    "Run",     "Terminate", "Start",   "Stop",     "Authorize", "Revoke",   "Tag",     "Untag",
    "Set",     "Enable",    "Disable", "Modify",   "Reset",    "Associate", "Disassociate", "Change",
    "Upload",  "Copy",      "Restore", "Publish",  "Subscribe", "Unsubscribe"};

struct Exception {
  std::string_view service;
  std::string_view operation;
  EventClass event_class;
};

constexpr EventClass kRead{true, EventCategory::kManagement};
constexpr EventClass kWrite{false, EventCategory::kManagement};
constexpr EventClass kDataRead{true, EventCategory::kData};
constexpr EventClass kDataWrite{false, EventCategory::kData};

// Calls whose verb does not tell their class. STS issues credentials but CloudTrail marks its calls read-only.
constexpr Exception kExceptions[] = {
    {"sts", "AssumeRole", kRead},
    {"sts", "GetSessionToken", kRead},
    {"sts", "GetCallerIdentity", kRead},
    {"iam", "GenerateCredentialReport", kWrite},
    {"iam", "UploadServerCertificate", kWrite},
    {"logs", "PutLogEvents", kDataWrite},
    {"logs", "GetLogEvents", kDataRead},
    {"logs", "FilterLogEvents", kDataRead},
    {"logs", "TestMetricFilter", kRead},
    {"monitoring", "PutMetricData", kWrite},
    {"sns", "ConfirmSubscription", kWrite},
    {"cloudtrail", "LookupEvents", kRead},
    // S3 object-level operations are data events.
    {"s3", "GetObject", kDataRead},
    {"s3", "HeadObject", kDataRead},
    {"s3", "GetObjectAcl", kDataRead},
    {"s3", "GetObjectTagging", kDataRead},
    {"s3", "GetObjectAttributes", kDataRead},
    {"s3", "ListParts", kDataRead},
    // Listing a bucket's objects is object-level too (GuardDuty's S3 protection reads ListObjects data events).
    // Open: ListMultipartUploads is classed with them, as S3's object-level API list places it.
    {"s3", "ListObjects", kDataRead},
    {"s3", "ListObjectsV2", kDataRead},
    {"s3", "ListObjectVersions", kDataRead},
    {"s3", "ListMultipartUploads", kDataRead},
    {"s3", "PutObject", kDataWrite},
    {"s3", "CopyObject", kDataWrite},
    {"s3", "DeleteObject", kDataWrite},
    {"s3", "DeleteObjects", kDataWrite},
    {"s3", "PutObjectAcl", kDataWrite},
    {"s3", "PutObjectTagging", kDataWrite},
    {"s3", "DeleteObjectTagging", kDataWrite},
    {"s3", "RestoreObject", kDataWrite},
    {"s3", "CreateMultipartUpload", kDataWrite},
    {"s3", "UploadPart", kDataWrite},
    {"s3", "UploadPartCopy", kDataWrite},
    {"s3", "CompleteMultipartUpload", kDataWrite},
    {"s3", "AbortMultipartUpload", kDataWrite},
};

bool StartsWithVerb(std::string_view operation, std::string_view verb) {
  // "Get" must not match "Getaway": the verb ends where the next capital letter starts.
  return operation.starts_with(verb) &&
         (operation.size() == verb.size() || (operation[verb.size()] >= 'A' && operation[verb.size()] <= 'Z'));
}

}  // namespace

std::optional<EventClass> ClassifyOperation(std::string_view service, std::string_view operation) {
  for (const Exception& exception : kExceptions) {
    if (exception.service == service && exception.operation == operation) return exception.event_class;
  }
  for (std::string_view verb : kReadVerbs) {
    if (StartsWithVerb(operation, verb)) return kRead;
  }
  for (std::string_view verb : kWriteVerbs) {
    if (StartsWithVerb(operation, verb)) return kWrite;
  }
  return std::nullopt;
}

EventClass Classify(std::string_view service, std::string_view operation) {
  return ClassifyOperation(service, operation).value_or(kWrite);
}

}  // namespace trailbox::trail
