// The one document type of trailbox: handlers take and return Json shaped like the model's input and output.
//
// Representation inside documents (every protocol parser produces it, every serializer consumes it):
//   timestamp -> number: seconds since the epoch (integer when whole, else a double with millisecond precision)
//   blob      -> Json::binary_t (raw bytes; each protocol encodes them: base64 in JSON/XML/query, bytes in CBOR)
//   all other scalars as their natural JSON type; structures as objects keyed by the model's member names.
#pragma once
#include <nlohmann/json.hpp>

namespace trailbox {
using Json = nlohmann::ordered_json;
}  // namespace trailbox
