// S3's requestParameters as CloudTrail writes them: bucketName, Host and key, query-string parameters under their
// wire names, the bucket policy parsed, XML payloads under their element names; headers and object bodies never
// (shared/reference/samples/s3-data-event-getobject.json; CloudTrail User Guide, "Amazon S3 information in
// CloudTrail").
#pragma once
#include <string>

#include "core/json.hpp"
#include "protocol/model.hpp"

namespace trailbox::trail {

/// The requestParameters of an S3 call whose parsed input is `input` (shape `input_shape` of the S3 model), made in
/// `region`.
Json S3RequestParameters(const protocol::ServiceModel& model, const std::string& input_shape, const Json& input,
                         const std::string& region);

}  // namespace trailbox::trail
