// Data events: which resources a data-event record names, and the selector values that pick them — basic
// DataResources values and advanced resources.type / resources.ARN conditions (cloudtrail-fidelity.md §(g);
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace trailbox::trail {

/// Whether the record is a data event (managementEvent false or eventCategory Data).
bool IsDataEvent(const Json& record);

/// The record's "resources" for an S3 data event: the object (ARN) or, for calls on a bucket's objects as a whole
/// (ListObjects, DeleteObjects...), the objects' prefix (ARNPrefix), then the bucket; null when `bucket` is empty.
Json S3DataResources(const std::string& account_id, const std::string& bucket, const std::string* key,
                     const std::string& prefix);

/// The types a basic selector's DataResources may name.
bool IsBasicDataResourceType(std::string_view type);
/// The resources.type values advanced selectors accept.
bool IsAdvancedDataResourceType(std::string_view type);
/// Whether `value` is a valid DataResources value for `type`: "arn:aws:s3" or "arn:aws:s3:::bucket/[prefix]" for S3
/// objects, "arn:aws:lambda" or a function ARN, "arn:aws:dynamodb" or a table ARN.
bool IsValidDataResourceValue(std::string_view type, std::string_view value);

/// Whether a basic DataResources entry {Type, Values} takes the data-event record.
bool DataResourceSelects(const Json& data_resource, const Json& record);

/// The ARNs (or ARN prefixes) of the record's resources of `type`.
std::vector<std::string> ResourceArnsOfType(const Json& record, std::string_view type);

}  // namespace trailbox::trail
