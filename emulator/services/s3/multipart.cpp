// S3 multipart uploads: CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload,
// ListMultipartUploads, ListParts (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
// and neighbours; limits: https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html).
// A completed object's ETag is the MD5 of the parts' binary MD5s followed by "-<part count>"; its checksum, when
// the upload named an algorithm, is that algorithm over the parts' binary checksums followed by "-<part count>".
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "services/common/pagination.hpp"
#include "services/s3/checksums.hpp"
#include "services/s3/object_store.hpp"
#include "services/s3/s3_common.hpp"
#include "services/s3/s3_topics.hpp"

namespace trailbox::s3 {
namespace {

constexpr int64_t kMinPartSize = 5 * 1024 * 1024;
constexpr int64_t kMaxPartNumber = 10000;
constexpr int64_t kMaxListed = 1000;

struct Upload {
  std::string upload_id;
  std::string bucket;
  std::string key;
  double initiated = 0;
  std::string content_type;
  Json headers;
  Json metadata;
  std::optional<std::string> checksum_algorithm;
  std::string owner_account;
};

struct Part {
  int64_t part_number = 0;
  int64_t size = 0;
  std::string etag;
  double last_modified = 0;
  std::optional<std::string> checksum;
};

AwsError NoSuchUpload(const std::string& upload_id) {
  AwsError error("NoSuchUpload",
                 "The specified upload does not exist. The upload ID may be invalid, or the upload may have been "
                 "aborted or completed.",
                 404);
  error.extra()["UploadId"] = upload_id;
  return error;
}

Upload RequireUpload(store::Database& db, const Bucket& bucket, const Json& input) {
  std::string upload_id = input.at("UploadId");
  auto statement = db.Prepare(
      "SELECT key, initiated, content_type, headers, metadata, checksum_algorithm, owner_account FROM s3_uploads "
      "WHERE upload_id = ?1 AND bucket = ?2");
  statement.Bind(1, upload_id).Bind(2, bucket.name);
  if (!statement.Step() || statement.Text(0) != input.at("Key").get<std::string>()) throw NoSuchUpload(upload_id);
  Upload upload{upload_id,          bucket.name,
                statement.Text(0),  statement.Double(1),
                statement.Text(2),  Json::parse(statement.Text(3)),
                Json::parse(statement.Text(4)), statement.OptionalText(5),
                statement.Text(6)};
  statement.Run();
  return upload;
}

std::vector<Part> PartsOf(store::Database& db, const std::string& upload_id, int64_t after = 0) {
  std::vector<Part> parts;
  auto statement = db.Prepare(
      "SELECT part_number, size, etag, last_modified, checksum FROM s3_parts WHERE upload_id = ?1 "
      "AND part_number > ?2 ORDER BY part_number");
  statement.Bind(1, upload_id).Bind(2, after);
  while (statement.Step()) {
    parts.push_back({statement.Int(0), statement.Int(1), statement.Text(2), statement.Double(3),
                     statement.OptionalText(4)});
  }
  return parts;
}

void DeleteUpload(store::Database& db, const std::string& upload_id) {
  db.Prepare("DELETE FROM s3_parts WHERE upload_id = ?1").Bind(1, upload_id).Run();
  db.Prepare("DELETE FROM s3_uploads WHERE upload_id = ?1").Bind(1, upload_id).Run();
}

AwsError InvalidPart(const std::string& upload_id, const Json& part) {
  AwsError error("InvalidPart",
                 "One or more of the specified parts could not be found.  The part may not have been uploaded, or "
                 "the specified entity tag may not match the part's entity tag.",
                 400);
  error.extra()["UploadId"] = upload_id;
  error.extra()["PartNumber"] = std::to_string(part.value("PartNumber", 0));
  error.extra()["ETag"] = part.value("ETag", "");
  return error;
}

// The parts a CompleteMultipartUpload request names, checked against the stored ones as S3 checks them.
std::vector<Part> RequireCompletedParts(store::Database& db, const Upload& upload, const Json& input) {
  const Json* requested = nullptr;
  if (auto body = input.find("MultipartUpload"); body != input.end() && body->contains("Parts")) {
    requested = &(*body)["Parts"];
  }
  if (!requested || requested->empty()) {
    throw AwsError("MalformedXML",
                   "The XML you provided was not well-formed or did not validate against our published schema", 400);
  }
  std::map<int64_t, Part> stored;
  for (Part& part : PartsOf(db, upload.upload_id)) stored.emplace(part.part_number, std::move(part));
  std::vector<Part> parts;
  int64_t previous = 0;
  for (const Json& item : *requested) {
    int64_t number = item.value("PartNumber", 0);
    if (number <= previous) {
      AwsError error("InvalidPartOrder",
                     "The list of parts was not in ascending order. Parts must be ordered by part number.", 400);
      error.extra()["UploadId"] = upload.upload_id;
      throw error;
    }
    previous = number;
    auto found = stored.find(number);
    if (found == stored.end() || BareEtag(item.value("ETag", "")) != BareEtag(found->second.etag)) {
      throw InvalidPart(upload.upload_id, item);
    }
    parts.push_back(found->second);
  }
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].size >= kMinPartSize) continue;
    AwsError error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.",
                   400);
    error.extra()["ProposedSize"] = std::to_string(parts[i].size);
    error.extra()["MinSizeAllowed"] = std::to_string(kMinPartSize);
    error.extra()["PartNumber"] = std::to_string(parts[i].part_number);
    error.extra()["ETag"] = BareEtag(parts[i].etag);
    throw error;
  }
  return parts;
}

std::string PartBody(store::Database& db, const std::string& upload_id, int64_t part_number) {
  auto statement = db.Prepare("SELECT body FROM s3_parts WHERE upload_id = ?1 AND part_number = ?2");
  statement.Bind(1, upload_id).Bind(2, part_number);
  statement.Step();
  std::string body = statement.Text(0);
  statement.Run();
  return body;
}

// The binary MD5 an ETag spells in hex.
std::string DigestOfEtag(const std::string& etag) {
  std::string hex = BareEtag(etag), digest;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) digest += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return digest;
}

Json PartDocument(const Part& part, const std::optional<std::string>& algorithm) {
  Json document = {{"PartNumber", part.part_number}, {"LastModified", part.last_modified},
                   {"ETag", part.etag}, {"Size", part.size}};
  if (algorithm && part.checksum) document[ChecksumMember(*algorithm)] = *part.checksum;
  return document;
}

}  // namespace

Json CreateMultipartUpload(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  std::string key = input.at("Key");
  if (key.size() > 1024) throw AwsError("KeyTooLongError", "Your key is too long", 400);
  Authorize(call, bucket, "s3:PutObject", ObjectArn(bucket.name, key), AclContext(input));
  RequireOwnerEnforcedAcl(input);
  Json headers = StoredHeadersOf(input);
  std::string upload_id = Base64Encode(RandomBytes(48));
  for (char& c : upload_id) c = c == '+' ? '-' : c == '/' ? '_' : c;
  auto statement = call.db().Prepare(
      "INSERT INTO s3_uploads (upload_id, bucket, key, initiated, content_type, headers, metadata, "
      "checksum_algorithm, owner_account) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  statement.BindAll(upload_id, bucket.name, key, NowSeconds(call), input.value("ContentType", "binary/octet-stream"),
                    headers.dump(), input.value("Metadata", Json::object()).dump());
  if (auto algorithm = input.find("ChecksumAlgorithm"); algorithm != input.end()) {
    statement.Bind(8, algorithm->get<std::string>());
  } else {
    statement.BindNull(8);
  }
  statement.Bind(9, bucket.account_id);
  statement.Run();
  Json output = {{"Bucket", bucket.name}, {"Key", key}, {"UploadId", upload_id}};
  if (input.contains("ChecksumAlgorithm")) output["ChecksumAlgorithm"] = input["ChecksumAlgorithm"];
  return output;
}

Json UploadPart(Call& call, const Json& input) {
  store::Database& db = call.db();
  Bucket bucket = RequireBucket(db, input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:PutObject", ObjectArn(bucket.name, input.at("Key").get<std::string>()));
  int64_t part_number = input.at("PartNumber");
  if (part_number < 1 || part_number > kMaxPartNumber) {
    AwsError error("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", 400);
    error.extra()["ArgumentName"] = "partNumber";
    error.extra()["ArgumentValue"] = std::to_string(part_number);
    throw error;
  }
  Upload upload = RequireUpload(db, bucket, input);
  std::string body;
  if (auto payload = input.find("Body"); payload != input.end()) {
    body.assign(payload->get_binary().begin(), payload->get_binary().end());
  }
  auto checksum = VerifyChecksums(input, body);
  if (!checksum && upload.checksum_algorithm) {
    checksum = StoredChecksum{*upload.checksum_algorithm, Checksum(*upload.checksum_algorithm, body)};
  }
  std::string etag = QuotedEtag(HexEncode(Md5(body)));
  auto statement = db.Prepare(
      "INSERT OR REPLACE INTO s3_parts (upload_id, part_number, body, size, etag, last_modified, checksum) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  statement.Bind(1, upload.upload_id).Bind(2, part_number).BindBlob(3, body);
  statement.Bind(4, static_cast<int64_t>(body.size())).Bind(5, etag).Bind(6, NowSeconds(call));
  if (checksum) {
    statement.Bind(7, checksum->value);
  } else {
    statement.BindNull(7);
  }
  statement.Run();
  Json output = {{"ETag", etag}};
  if (checksum) output[ChecksumMember(checksum->algorithm)] = checksum->value;
  return output;
}

Json CompleteMultipartUpload(Call& call, const Json& input) {
  store::Database& db = call.db();
  Bucket bucket = RequireBucket(db, input.at("Bucket").get<std::string>());
  std::string key = input.at("Key");
  Authorize(call, bucket, "s3:PutObject", ObjectArn(bucket.name, key));
  Upload upload = RequireUpload(db, bucket, input);
  std::vector<Part> parts = RequireCompletedParts(db, upload, input);
  NewObject object;
  object.bucket = bucket.name;
  object.key = key;
  std::string part_digests, part_checksums;
  bool has_all_checksums = upload.checksum_algorithm.has_value();
  for (const Part& part : parts) {
    object.body += PartBody(db, upload.upload_id, part.part_number);
    part_digests += DigestOfEtag(part.etag);
    if (part.checksum) {
      part_checksums += Base64Decode(*part.checksum).value_or("");
    } else {
      has_all_checksums = false;
    }
  }
  std::string count = std::to_string(parts.size());
  object.multipart_etag = HexEncode(Md5(part_digests)) + "-" + count;
  object.parts_count = static_cast<int64_t>(parts.size());
  if (has_all_checksums) {
    object.checksum = StoredChecksum{*upload.checksum_algorithm,
                                     Checksum(*upload.checksum_algorithm, part_checksums) + "-" + count};
  }
  object.content_type = upload.content_type;
  object.headers = upload.headers;
  object.metadata = upload.metadata;
  object.owner_account = upload.owner_account;
  std::string etag = WriteObject(db, NowSeconds(call), object);
  DeleteUpload(db, upload.upload_id);
  Json output = {{"Location", "http://" + bucket.name + ".s3.amazonaws.com/" + UrlEncode(key, true)},
                 {"Bucket", bucket.name},
                 {"Key", key},
                 {"ETag", etag}};
  if (object.checksum) output[ChecksumMember(object.checksum->algorithm)] = object.checksum->value;
  return output;
}

Json AbortMultipartUpload(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:AbortMultipartUpload", ObjectArn(bucket.name, input.at("Key").get<std::string>()));
  DeleteUpload(call.db(), RequireUpload(call.db(), bucket, input).upload_id);
  return Json::object();
}

Json ListMultipartUploads(Call& call, const Json& input) {
  store::Database& db = call.db();
  Bucket bucket = RequireBucket(db, input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:ListBucketMultipartUploads", BucketArn(bucket.name));
  if (input.contains("Delimiter") || input.contains("EncodingType")) {
    throw AwsError("NotImplemented",
                   "trailbox does not implement ListMultipartUploads with a delimiter or an encoding type", 501);
  }
  std::string prefix = input.value("Prefix", ""), key_marker = input.value("KeyMarker", "");
  std::string upload_marker = input.value("UploadIdMarker", "");
  int64_t max_uploads = std::min<int64_t>(input.value("MaxUploads", kMaxListed), kMaxListed);
  auto statement = db.Prepare(
      "SELECT upload_id, key, initiated, owner_account, checksum_algorithm FROM s3_uploads WHERE bucket = ?1 "
      "AND (key > ?2 OR (key = ?2 AND ?3 != '' AND upload_id > ?3)) ORDER BY key, initiated, upload_id");
  statement.Bind(1, bucket.name).Bind(2, key_marker).Bind(3, upload_marker);
  Json uploads = Json::array();
  bool is_truncated = false;
  std::string next_key, next_upload;
  while (statement.Step()) {
    std::string key = statement.Text(1);
    if (!key.starts_with(prefix)) continue;
    if (static_cast<int64_t>(uploads.size()) == max_uploads) {
      is_truncated = true;
      break;
    }
    Json upload = {{"UploadId", statement.Text(0)},
                   {"Key", key},
                   {"Initiated", statement.Double(2)},
                   {"StorageClass", "STANDARD"},
                   {"Owner", OwnerDocument(statement.Text(3))},
                   {"Initiator", {{"ID", CanonicalUserId(statement.Text(3))}, {"DisplayName", statement.Text(3)}}}};
    if (!statement.IsNull(4)) upload["ChecksumAlgorithm"] = statement.Text(4);
    next_key = key;
    next_upload = statement.Text(0);
    uploads.push_back(std::move(upload));
  }
  if (is_truncated) statement.Run();
  Json output = {{"Bucket", bucket.name}, {"KeyMarker", key_marker}, {"UploadIdMarker", upload_marker},
                 {"Prefix", prefix},      {"MaxUploads", max_uploads}, {"IsTruncated", is_truncated}};
  if (is_truncated) {
    output["NextKeyMarker"] = next_key;
    output["NextUploadIdMarker"] = next_upload;
  }
  if (!uploads.empty()) output["Uploads"] = std::move(uploads);
  return output;
}

Json ListParts(Call& call, const Json& input) {
  store::Database& db = call.db();
  Bucket bucket = RequireBucket(db, input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:ListMultipartUploadParts", ObjectArn(bucket.name, input.at("Key").get<std::string>()));
  Upload upload = RequireUpload(db, bucket, input);
  int64_t marker = input.value("PartNumberMarker", 0);
  int64_t max_parts = std::min<int64_t>(input.value("MaxParts", kMaxListed), kMaxListed);
  std::vector<Part> parts = PartsOf(db, upload.upload_id, marker);
  bool is_truncated = static_cast<int64_t>(parts.size()) > max_parts;
  if (is_truncated) parts.resize(static_cast<size_t>(max_parts));
  Json documents = Json::array();
  for (const Part& part : parts) documents.push_back(PartDocument(part, upload.checksum_algorithm));
  Json output = {{"Bucket", bucket.name},
                 {"Key", upload.key},
                 {"UploadId", upload.upload_id},
                 {"PartNumberMarker", marker},
                 {"MaxParts", max_parts},
                 {"IsTruncated", is_truncated},
                 {"Initiator", {{"ID", CanonicalUserId(upload.owner_account)},
                                {"DisplayName", upload.owner_account}}},
                 {"Owner", OwnerDocument(upload.owner_account)},
                 {"StorageClass", "STANDARD"}};
  if (!parts.empty()) output["NextPartNumberMarker"] = parts.back().part_number;
  if (upload.checksum_algorithm) output["ChecksumAlgorithm"] = *upload.checksum_algorithm;
  if (!documents.empty()) output["Parts"] = std::move(documents);
  return output;
}

void AddMultipartOperations(OperationTable& table) {
  table.Add("CreateMultipartUpload", CreateMultipartUpload);
  table.Add("UploadPart", UploadPart);
  table.Add("CompleteMultipartUpload", CompleteMultipartUpload);
  table.Add("AbortMultipartUpload", AbortMultipartUpload);
  table.Add("ListMultipartUploads", ListMultipartUploads);
  table.Add("ListParts", ListParts);
}

}  // namespace trailbox::s3
