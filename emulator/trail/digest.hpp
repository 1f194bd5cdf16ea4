// Log file integrity validation: the per-region signing key pairs, SHA256withRSA signatures, and the digest files
// that chain them (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/
// cloudtrail-log-file-validation-digest-file-structure.html; cloudtrail-fidelity.md §(e), §(f)).
#pragma once
#include <string>
#include <vector>

#include "core/json.hpp"
#include "store/database.hpp"
#include "trail/trails.hpp"

namespace trailbox::trail {

/// A region's signing key pair as ListPublicKeys lists it.
struct SigningKey {
  std::string public_der;   // PKCS#1 RSAPublicKey
  std::string fingerprint;  // lowercase hex MD5 of public_der
  double valid_from = 0;
  double valid_to = 0;
};

/// The region's keys whose validity overlaps [start, end] (epoch seconds).
std::vector<SigningKey> PublicKeys(store::Database& db, const std::string& region, double start, double end);

/// What one delivery of digests did, for GetTrailStatus.
struct DigestOutcome {
  bool delivered = false;
  std::string error;  // an S3 error code when a digest could not be written
};

/// Writes the digest of each region of the trail whose window is due: an hour after its start, or at once when
/// `flush` (a window of at least one second). Covers the log files recorded by RecordLogFile since the previous
/// digest of that region and chains to it.
DigestOutcome DeliverDigests(store::Database& db, const TrailRow& trail, double now, bool flush);

/// Remembers a delivered log file for the next digest of its region.
void RecordLogFile(store::Database& db, const TrailRow& trail, const std::string& region, const std::string& key,
                   const std::string& uncompressed_body, const std::string& oldest, const std::string& newest,
                   double now);

}  // namespace trailbox::trail
