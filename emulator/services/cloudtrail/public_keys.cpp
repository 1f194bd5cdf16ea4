// ListPublicKeys (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_ListPublicKeys.html): the
// called region's digest-signing public keys valid in [StartTime, EndTime] (both default to now). Value is the PKCS#1
// DER key as a blob, so the wire carries its base64 ("MIIBCg..."): `aws cloudtrail validate-logs` (CLI v1, which
// leaves blobs undecoded) base64-decodes that text once and loads the DER. Checked with the real CLI; this corrects
// the double encoding cloudtrail-fidelity.md §(e) inferred.
#include "core/aws_error.hpp"
#include "services/cloudtrail/trail_topics.hpp"
#include "trail/digest.hpp"

namespace trailbox::cloudtrail {

Json ListPublicKeys(Call& call, const Json& input) {
  double now = ToEpochSeconds(call.now());
  double start = input.value("StartTime", now);
  double end = input.value("EndTime", now);
  if (start > end) throw AwsError("InvalidTimeRangeException", "Start time must be before end time.");
  Json keys = Json::array();
  for (const trail::SigningKey& key : trail::PublicKeys(call.db(), call.region, start, end)) {
    keys.push_back({{"Value", Json::binary_t(std::vector<uint8_t>(key.public_der.begin(), key.public_der.end()))},
                    {"ValidityStartTime", key.valid_from},
                    {"ValidityEndTime", key.valid_to},
                    {"Fingerprint", key.fingerprint}});
  }
  return {{"PublicKeyList", keys}};
}

void AddPublicKeyOperations(OperationTable& table) { table.Add("ListPublicKeys", ListPublicKeys); }

}  // namespace trailbox::cloudtrail
