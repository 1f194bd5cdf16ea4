// Digest files: per-region RSA key pairs kept in SQLite, the digest JSON with AWS's field order, the signed string
// "<digestEndTime>\n<bucket>/<key>\n<hex sha256 of the digest>\n<previous signature or null>" signed with
// SHA256withRSA (PKCS#1 v1.5), and the chain from each digest to the previous one of its region
// (cloudtrail-fidelity.md §(e), §(f)).
// Open: AWS rotates its keys; trailbox keeps one key per region, valid for ten years from its creation.
#include "trail/digest.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "core/time_format.hpp"
#include "services/s3/access.hpp"
#include "services/s3/object_store.hpp"
#include "trail/log_file.hpp"

namespace trailbox::trail {
namespace {

constexpr double kDigestPeriodSeconds = 3600;
constexpr double kKeyValiditySeconds = 10.0 * 365 * 24 * 3600;
constexpr int kKeyBits = 2048;

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

struct KeyPair {
  std::string private_der;
  SigningKey key;
};

std::string PublicDer(EVP_PKEY* pkey) {
  unsigned char* der = nullptr;
  int length = i2d_PublicKey(pkey, &der);  // PKCS#1 RSAPublicKey for an RSA key
  if (length <= 0) throw std::runtime_error("cannot encode the public key");
  std::string bytes(reinterpret_cast<char*>(der), static_cast<size_t>(length));
  OPENSSL_free(der);
  return bytes;
}

KeyPair NewKeyPair(double now) {
  PkeyPtr pkey(EVP_RSA_gen(kKeyBits), EVP_PKEY_free);
  if (!pkey) throw std::runtime_error("RSA key generation failed");
  unsigned char* der = nullptr;
  int length = i2d_PrivateKey(pkey.get(), &der);
  if (length <= 0) throw std::runtime_error("cannot encode the private key");
  KeyPair pair;
  pair.private_der.assign(reinterpret_cast<char*>(der), static_cast<size_t>(length));
  OPENSSL_free(der);
  pair.key.public_der = PublicDer(pkey.get());
  pair.key.fingerprint = HexEncode(Md5(pair.key.public_der));
  pair.key.valid_from = std::floor(now);
  pair.key.valid_to = pair.key.valid_from + kKeyValiditySeconds;
  return pair;
}

// The region's key pair, made on first use.
KeyPair RegionKeyPair(store::Database& db, const std::string& region, double now) {
  auto statement = db.Prepare(
      "SELECT private_der, public_der, fingerprint, valid_from, valid_to FROM trail_signing_keys WHERE region = ?1");
  statement.BindAll(region);
  if (statement.Step()) {
    KeyPair pair;
    pair.private_der = statement.Text(0);
    pair.key = {statement.Text(1), statement.Text(2), statement.Double(3), statement.Double(4)};
    return pair;
  }
  KeyPair pair = NewKeyPair(now);
  db.Prepare("INSERT INTO trail_signing_keys (region, private_der, public_der, fingerprint, valid_from, valid_to) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .BindAll(region)
      .BindBlob(2, pair.private_der)
      .BindBlob(3, pair.key.public_der)
      .Bind(4, pair.key.fingerprint)
      .Bind(5, pair.key.valid_from)
      .Bind(6, pair.key.valid_to)
      .Run();
  return pair;
}

// Lowercase hex of the SHA256withRSA signature of `text`.
std::string Sign(const std::string& private_der, const std::string& text) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(private_der.data());
  PkeyPtr pkey(d2i_PrivateKey(EVP_PKEY_RSA, nullptr, &cursor, static_cast<long>(private_der.size())), EVP_PKEY_free);
  if (!pkey) throw std::runtime_error("cannot decode the signing key");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t length = 0;
  if (EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(text.data()), text.size()) != 1) {
    throw std::runtime_error("signing failed");
  }
  signature.resize(length);
  return HexEncode(signature);
}

struct Chain {
  double end = 0;
  std::string bucket;
  std::string key;
  std::string signature;
  std::string hash;
};

std::optional<Chain> FindChain(store::Database& db, const std::string& arn, const std::string& region) {
  auto statement = db.Prepare(
      "SELECT end_time, bucket, object_key, signature, hash FROM trail_digest_chains WHERE trail_arn = ?1 AND "
      "region = ?2");
  statement.BindAll(arn, region);
  if (!statement.Step()) return std::nullopt;
  return Chain{statement.Double(0), statement.Text(1), statement.Text(2), statement.Text(3), statement.Text(4)};
}

struct LogFileEntry {
  int64_t id = 0;
  Json document;
  double delivered_at = 0;
};

std::vector<LogFileEntry> UndigestedFiles(store::Database& db, const std::string& arn, const std::string& region) {
  auto statement = db.Prepare(
      "SELECT id, bucket, object_key, hash, oldest, newest, delivered_at FROM trail_log_files WHERE trail_arn = ?1 "
      "AND region = ?2 ORDER BY id");
  statement.BindAll(arn, region);
  std::vector<LogFileEntry> files;
  while (statement.Step()) {
    files.push_back({statement.Int(0),
                     {{"s3Bucket", statement.Text(1)},
                      {"s3Object", statement.Text(2)},
                      {"hashValue", statement.Text(3)},
                      {"hashAlgorithm", "SHA-256"},
                      {"newestEventTime", statement.Text(5)},
                      {"oldestEventTime", statement.Text(4)}},
                     statement.Double(6)});
  }
  return files;
}

// The regions with a digest chain to continue: the home region, and every region with a chain or undigested files.
std::vector<std::string> DigestRegions(store::Database& db, const TrailRow& trail) {
  std::vector<std::string> regions = {trail.home_region};
  auto statement = db.Prepare(
      "SELECT region FROM trail_digest_chains WHERE trail_arn = ?1 UNION SELECT region FROM trail_log_files WHERE "
      "trail_arn = ?1");
  statement.BindAll(trail.arn);
  while (statement.Step()) {
    std::string region = statement.Text(0);
    if (region != trail.home_region) regions.push_back(region);
  }
  return regions;
}

// Writes one region's digest; returns the S3 error code when the bucket refused it, "" on success.
std::string WriteDigest(store::Database& db, const TrailRow& trail, const std::string& region, double start,
                        double end, const std::optional<Chain>& previous, const std::vector<LogFileEntry>& files) {
  std::string bucket = trail.config.value("S3BucketName", "");
  std::string key = DigestFileKey(trail.config.value("S3KeyPrefix", ""), trail.account_id, region, trail.name,
                                  trail.home_region, end);
  if (auto error = s3::CheckServiceAccess(db, FromEpochSeconds(end),
                                          {"cloudtrail.amazonaws.com", "s3:PutObject", bucket, key,
                                           "bucket-owner-full-control", trail.arn, trail.account_id})) {
    return error->code();
  }
  KeyPair pair = RegionKeyPair(db, region, start);
  Json log_files = Json::array();
  Json newest = nullptr;
  Json oldest = nullptr;
  for (const LogFileEntry& file : files) {
    log_files.push_back(file.document);
    // The event times are ISO-8601 text of one format, so text order is time order.
    if (newest.is_null() || file.document["newestEventTime"].get<std::string>() > newest.get<std::string>()) {
      newest = file.document["newestEventTime"];
    }
    if (oldest.is_null() || file.document["oldestEventTime"].get<std::string>() < oldest.get<std::string>()) {
      oldest = file.document["oldestEventTime"];
    }
  }
  std::string end_text = FormatIso8601(end);
  Json digest = {{"awsAccountId", trail.account_id},
                 {"digestStartTime", FormatIso8601(start)},
                 {"digestEndTime", end_text},
                 {"digestS3Bucket", bucket},
                 {"digestS3Object", key},
                 {"digestPublicKeyFingerprint", pair.key.fingerprint},
                 {"digestSignatureAlgorithm", "SHA256withRSA"},
                 {"newestEventTime", newest},
                 {"oldestEventTime", oldest},
                 {"previousDigestS3Bucket", previous ? Json(previous->bucket) : Json(nullptr)},
                 {"previousDigestS3Object", previous ? Json(previous->key) : Json(nullptr)},
                 {"previousDigestHashValue", previous ? Json(previous->hash) : Json(nullptr)},
                 {"previousDigestHashAlgorithm", previous ? Json("SHA-256") : Json(nullptr)},
                 {"previousDigestSignature", previous ? Json(previous->signature) : Json(nullptr)},
                 {"logFiles", log_files}};
  std::string body = digest.dump();
  std::string hash = HexEncode(Sha256(body));
  std::string signature = Sign(pair.private_der, end_text + "\n" + bucket + "/" + key + "\n" + hash + "\n" +
                                                     (previous ? previous->signature : std::string("null")));
  s3::NewObject object;
  object.bucket = bucket;
  object.key = key;
  object.body = Gzip(body);
  object.content_type = "application/json";
  object.metadata = {{"signature", signature}, {"signature-algorithm", "SHA256withRSA"}};
  object.owner_account = trail.account_id;
  s3::WriteObject(db, end, object);
  db.Prepare("INSERT OR REPLACE INTO trail_digest_chains (trail_arn, region, end_time, bucket, object_key, "
             "signature, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .BindAll(trail.arn, region, end, bucket, key, signature, hash)
      .Run();
  for (const LogFileEntry& file : files) {
    db.Prepare("DELETE FROM trail_log_files WHERE id = ?1").BindAll(file.id).Run();
  }
  return "";
}

}  // namespace

std::vector<SigningKey> PublicKeys(store::Database& db, const std::string& region, double start, double end) {
  auto statement = db.Prepare(
      "SELECT public_der, fingerprint, valid_from, valid_to FROM trail_signing_keys WHERE region = ?1 AND "
      "valid_from <= ?3 AND valid_to >= ?2");
  statement.BindAll(region, start, end);
  std::vector<SigningKey> keys;
  while (statement.Step()) {
    keys.push_back({statement.Text(0), statement.Text(1), statement.Double(2), statement.Double(3)});
  }
  return keys;
}

DigestOutcome DeliverDigests(store::Database& db, const TrailRow& trail, double now, bool flush) {
  DigestOutcome outcome;
  if (!trail.config.value("LogFileValidationEnabled", false)) return outcome;
  double end = std::floor(now);
  for (const std::string& region : DigestRegions(db, trail)) {
    std::optional<Chain> previous = FindChain(db, trail.arn, region);
    std::vector<LogFileEntry> files = UndigestedFiles(db, trail.arn, region);
    double start = previous ? previous->end : trail.status.value("StartLoggingTime", end);
    for (const LogFileEntry& file : files) start = std::min(start, std::floor(file.delivered_at));
    start = std::floor(start);
    double due = start + (flush ? 1 : kDigestPeriodSeconds);
    if (end < due && !(flush && !files.empty())) continue;
    // A flush within the second of the previous digest still needs a key of its own: its end moves one second on.
    double digest_end = std::max(end, start + 1);
    std::string error = WriteDigest(db, trail, region, start, digest_end, previous, files);
    if (error.empty()) {
      outcome.delivered = true;
    } else {
      outcome.error = error;
    }
  }
  return outcome;
}

void RecordLogFile(store::Database& db, const TrailRow& trail, const std::string& region, const std::string& key,
                   const std::string& uncompressed_body, const std::string& oldest, const std::string& newest,
                   double now) {
  if (!trail.config.value("LogFileValidationEnabled", false)) return;
  db.Prepare("INSERT INTO trail_log_files (trail_arn, region, bucket, object_key, hash, oldest, newest, "
             "delivered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .BindAll(trail.arn, region, trail.config.value("S3BucketName", ""), key, HexEncode(Sha256(uncompressed_body)),
               oldest, newest, now)
      .Run();
}

}  // namespace trailbox::trail
