// Request bodies sent with Content-Encoding: gzip (botocore compresses PutMetricData bodies above 10 KiB, the
// model's requestcompression trait; https://docs.aws.amazon.com/sdkref/latest/guide/feature-compression.html).
// The dispatcher inflates them once, before any codec reads the body. Never used for S3, which stores bodies as
// sent.
#pragma once
#include "protocol/http_message.hpp"

namespace trailbox::protocol {

/// Replaces a gzip-encoded body by its inflated bytes and drops "gzip" from Content-Encoding; other requests are
/// left alone. Throws AwsError (400) when the body is not valid gzip data.
void InflateRequestBody(HttpRequest& request);

}  // namespace trailbox::protocol
