// S3 objects: PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, CopyObject
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html and neighbours). Conditional reads follow
// RFC 7232 as S3 documents them: If-Match / If-Unmodified-Since fail with 412, If-None-Match /
// If-Modified-Since answer 304; a true If-Match overrides a false If-Unmodified-Since, and a false If-None-Match
// (the ETag matches) answers 304 whatever If-Modified-Since says. Ranges: one "bytes=" range; several ranges or a
// syntax S3 does not read return the whole object, as S3 does.
#include <algorithm>
#include <cmath>

#include "core/encoding.hpp"
#include "services/s3/checksums.hpp"
#include "services/s3/object_store.hpp"
#include "services/s3/s3_common.hpp"
#include "services/s3/s3_topics.hpp"

namespace trailbox::s3 {
namespace {

constexpr size_t kMaxKeyBytes = 1024;
constexpr size_t kMaxDeleteKeys = 1000;

void RequireKeyLength(const std::string& key) {
  if (key.size() > kMaxKeyBytes) throw AwsError("KeyTooLongError", "Your key is too long", 400);
}

// The members GetObject and HeadObject answer for a stored object.
Json ObjectOutput(const StoredObject& object, const Json& input) {
  Json output = {{"AcceptRanges", "bytes"},      {"LastModified", std::floor(object.last_modified)},
                 {"ContentLength", object.size}, {"ETag", object.etag},
                 {"ContentType", object.content_type}, {"Metadata", object.metadata}};
  for (const char* name : kStoredObjectHeaders) {
    if (auto value = object.headers.find(name); value != object.headers.end()) output[name] = *value;
  }
  if (auto tags = object.headers.find("Tags"); tags != object.headers.end()) output["TagCount"] = tags->size();
  if (object.checksum && input.value("ChecksumMode", "") == "ENABLED") {
    output[ChecksumMember(object.checksum->algorithm)] = object.checksum->value;
  }
  // response-* query parameters override the stored headers of a successful GET.
  for (const char* name : {"CacheControl", "ContentDisposition", "ContentEncoding", "ContentLanguage", "ContentType",
                           "Expires"}) {
    if (auto value = input.find(std::string("Response") + name); value != input.end()) output[name] = *value;
  }
  return output;
}

bool EtagListMatches(const std::string& header, const std::string& etag) {
  std::string bare = BareEtag(etag);
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t comma = header.find(',', pos);
    std::string item = BareEtag(header.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    if (item == "*" || item == bare) return true;
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return false;
}

AwsError PreconditionFailed(const std::string& condition) {
  AwsError error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412);
  error.extra()["Condition"] = condition;
  return error;
}

// The status the conditional headers decide: 0 to proceed, 304 not modified; 412 throws. `names` are the input
// members of If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since and the header names for messages.
struct ConditionNames {
  const char* if_match;
  const char* if_unmodified_since;
  const char* if_none_match;
  const char* if_modified_since;
  const char* if_match_header;
  const char* if_unmodified_since_header;
};

int EvaluateConditions(const StoredObject& object, const Json& input, const ConditionNames& names) {
  double modified = std::floor(object.last_modified);
  bool has_if_match = input.contains(names.if_match);
  if (has_if_match && !EtagListMatches(input[names.if_match], object.etag)) {
    throw PreconditionFailed(names.if_match_header);
  }
  if (!has_if_match && input.contains(names.if_unmodified_since) &&
      modified > input[names.if_unmodified_since].get<double>()) {
    throw PreconditionFailed(names.if_unmodified_since_header);
  }
  if (input.contains(names.if_none_match)) {
    return EtagListMatches(input[names.if_none_match], object.etag) ? 304 : 0;
  }
  if (input.contains(names.if_modified_since) && modified <= input[names.if_modified_since].get<double>()) return 304;
  return 0;
}

constexpr ConditionNames kGetConditions = {"IfMatch", "IfUnmodifiedSince", "IfNoneMatch", "IfModifiedSince",
                                           "If-Match", "If-Unmodified-Since"};
constexpr ConditionNames kCopyConditions = {"CopySourceIfMatch", "CopySourceIfUnmodifiedSince",
                                            "CopySourceIfNoneMatch", "CopySourceIfModifiedSince",
                                            "x-amz-copy-source-If-Match", "x-amz-copy-source-If-Unmodified-Since"};

struct ByteRange {
  int64_t first = 0;
  int64_t last = 0;  // inclusive
};

std::optional<int64_t> ParseOffset(std::string_view text) {
  if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), ::isdigit)) return std::nullopt;
  return std::stoll(std::string(text));
}

// The range a Range header selects; nullopt when the header is absent or unreadable (the whole object).
std::optional<ByteRange> SelectRange(const Json& input, int64_t size) {
  auto header = input.find("Range");
  if (header == input.end()) return std::nullopt;
  std::string text = header->get<std::string>();
  if (!text.starts_with("bytes=") || text.find(',') != std::string::npos) return std::nullopt;
  std::string_view spec = std::string_view(text).substr(6);
  size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto first = ParseOffset(spec.substr(0, dash));
  auto last = ParseOffset(spec.substr(dash + 1));
  ByteRange range;
  if (!first) {
    if (!last) return std::nullopt;
    if (*last == 0 || size == 0) throw AwsError("InvalidRange", "The requested range is not satisfiable", 416);
    range = {std::max<int64_t>(0, size - *last), size - 1};
  } else {
    if (last && *last < *first) return std::nullopt;
    range = {*first, last ? std::min(*last, size - 1) : size - 1};
  }
  if (range.first >= size) {
    AwsError error("InvalidRange", "The requested range is not satisfiable", 416);
    error.extra()["RangeRequested"] = text;
    error.extra()["ActualObjectSize"] = std::to_string(size);
    throw error;
  }
  return range;
}

// What GetObject and HeadObject share: the object, its conditions and its range; the body only when asked.
Json ReadObject(Call& call, const Json& input, bool with_body) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  std::string key = input.at("Key");
  Authorize(call, bucket, "s3:GetObject", ObjectArn(bucket.name, key));
  if (input.contains("PartNumber") || input.contains("VersionId")) {
    throw AwsError("NotImplemented", "trailbox does not implement reading one part or version of an object", 501);
  }
  auto object = FindObject(call.db(), bucket.name, key);
  if (!object) throw NoSuchKey(key);
  Json output = ObjectOutput(*object, input);
  if (int status = EvaluateConditions(*object, input, kGetConditions); status != 0) {
    Json not_modified = {{"StatusCode", status}, {"ETag", object->etag}, {"LastModified", output["LastModified"]}};
    return not_modified;
  }
  auto range = SelectRange(input, object->size);
  int64_t offset = range ? range->first : 0;
  int64_t length = range ? range->last - range->first + 1 : object->size;
  if (range) {
    output["StatusCode"] = 206;
    output["ContentRange"] = "bytes " + std::to_string(range->first) + "-" + std::to_string(range->last) + "/" +
                             std::to_string(object->size);
    output["ContentLength"] = length;
    output.erase(ChecksumMember(object->checksum ? object->checksum->algorithm : "CRC32"));
  }
  if (with_body) {
    std::string body = ReadBody(call.db(), bucket.name, key, offset, length);
    output["Body"] = Json::binary(std::vector<std::uint8_t>(body.begin(), body.end()));
  }
  return output;
}

// "bucket/key", "/bucket/key" or either with "?versionId=...", percent-encoded.
std::pair<std::string, std::string> ParseCopySource(const std::string& source) {
  std::string_view text = source;
  if (text.starts_with('/')) text.remove_prefix(1);
  size_t query = text.find('?');
  if (query != std::string_view::npos) {
    if (text.substr(query + 1) != "versionId=null") {
      throw AwsError("NotImplemented", "trailbox does not implement copying an object version", 501);
    }
    text = text.substr(0, query);
  }
  size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size()) {
    throw AwsError("InvalidArgument", "Invalid copy source object key", 400);
  }
  return {UrlDecode(text.substr(0, slash)), UrlDecode(text.substr(slash + 1))};
}

}  // namespace

Json PutObject(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  std::string key = input.at("Key");
  RequireKeyLength(key);
  Authorize(call, bucket, "s3:PutObject", ObjectArn(bucket.name, key), AclContext(input));
  RequireOwnerEnforcedAcl(input);
  NewObject object;
  object.bucket = bucket.name;
  object.key = key;
  if (auto body = input.find("Body"); body != input.end()) {
    object.body.assign(body->get_binary().begin(), body->get_binary().end());
  }
  object.checksum = VerifyChecksums(input, object.body);
  object.content_type = input.value("ContentType", "binary/octet-stream");
  object.headers = StoredHeadersOf(input);
  object.metadata = input.value("Metadata", Json::object());
  object.owner_account = bucket.account_id;
  Json output = {{"ETag", WriteObject(call.db(), NowSeconds(call), object)}};
  if (object.checksum) output[ChecksumMember(object.checksum->algorithm)] = object.checksum->value;
  return output;
}

Json GetObject(Call& call, const Json& input) { return ReadObject(call, input, true); }

Json HeadObject(Call& call, const Json& input) { return ReadObject(call, input, false); }

// S3 answers 204 whether or not the key existed.
Json DeleteObject(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  std::string key = input.at("Key");
  Authorize(call, bucket, "s3:DeleteObject", ObjectArn(bucket.name, key));
  if (input.contains("VersionId")) {
    throw AwsError("NotImplemented", "trailbox does not implement deleting an object version", 501);
  }
  DeleteObjectRow(call.db(), bucket.name, key);
  return Json::object();
}

// Each key is decided on its own: a key the caller may not delete is reported in Errors, the others are deleted.
Json DeleteObjects(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  const Json& request = input.at("Delete");
  const Json& objects = request.at("Objects");
  if (objects.empty() || objects.size() > kMaxDeleteKeys) {
    throw AwsError("MalformedXML",
                   "The XML you provided was not well-formed or did not validate against our published schema", 400);
  }
  bool is_quiet = request.value("Quiet", false);
  Json deleted = Json::array(), errors = Json::array();
  for (const Json& item : objects) {
    std::string key = item.at("Key");
    try {
      Authorize(call, bucket, "s3:DeleteObject", ObjectArn(bucket.name, key));
    } catch (const AwsError& error) {
      errors.push_back({{"Key", key}, {"Code", error.code()}, {"Message", error.message()}});
      continue;
    }
    DeleteObjectRow(call.db(), bucket.name, key);
    if (!is_quiet) deleted.push_back({{"Key", key}});
  }
  Json output = Json::object();
  if (!deleted.empty()) output["Deleted"] = std::move(deleted);
  if (!errors.empty()) output["Errors"] = std::move(errors);
  return output;
}

Json CopyObject(Call& call, const Json& input) {
  store::Database& db = call.db();
  Bucket bucket = RequireBucket(db, input.at("Bucket").get<std::string>());
  std::string key = input.at("Key");
  RequireKeyLength(key);
  auto [source_bucket_name, source_key] = ParseCopySource(input.at("CopySource"));
  Bucket source_bucket = RequireBucket(db, source_bucket_name);
  Authorize(call, source_bucket, "s3:GetObject", ObjectArn(source_bucket.name, source_key));
  Authorize(call, bucket, "s3:PutObject", ObjectArn(bucket.name, key), AclContext(input));
  RequireOwnerEnforcedAcl(input);
  auto source = FindObject(db, source_bucket.name, source_key);
  if (!source) throw NoSuchKey(source_key);
  if (EvaluateConditions(*source, input, kCopyConditions) != 0) {
    throw PreconditionFailed(input.contains("CopySourceIfNoneMatch") ? "x-amz-copy-source-If-None-Match"
                                                                     : "x-amz-copy-source-If-Modified-Since");
  }
  bool is_replace = input.value("MetadataDirective", "COPY") == "REPLACE";
  bool is_same_object = source_bucket.name == bucket.name && source_key == key;
  if (is_same_object && !is_replace && !input.contains("StorageClass") && !input.contains("WebsiteRedirectLocation")) {
    throw AwsError("InvalidRequest",
                   "This copy request is illegal because it is trying to copy an object to itself without changing "
                   "the object's metadata, storage class, website redirect location or encryption attributes.",
                   400);
  }
  NewObject object;
  object.bucket = bucket.name;
  object.key = key;
  object.body = ReadBody(db, source_bucket.name, source_key, 0, source->size);
  object.owner_account = bucket.account_id;
  object.content_type = is_replace ? input.value("ContentType", "binary/octet-stream") : source->content_type;
  object.headers = is_replace ? StoredHeadersOf(input) : source->headers;
  object.metadata = is_replace ? input.value("Metadata", Json::object()) : source->metadata;
  if (input.value("TaggingDirective", "COPY") == "REPLACE") {
    object.headers.erase("Tags");
    if (auto tagging = input.find("Tagging"); tagging != input.end()) {
      Json tags = ParseTaggingHeader(tagging->get<std::string>());
      if (!tags.empty()) object.headers["Tags"] = std::move(tags);
    }
  }
  if (!is_replace && input.contains("StorageClass")) object.headers["StorageClass"] = input["StorageClass"];
  std::string algorithm = input.value("ChecksumAlgorithm", source->checksum ? source->checksum->algorithm : "");
  if (!algorithm.empty()) object.checksum = StoredChecksum{algorithm, Checksum(algorithm, object.body)};
  double now = NowSeconds(call);
  Json result = {{"ETag", WriteObject(db, now, object)}, {"LastModified", now}};
  if (object.checksum) result[ChecksumMember(algorithm)] = object.checksum->value;
  return {{"CopyObjectResult", std::move(result)}};
}

void AddObjectOperations(OperationTable& table) {
  table.Add("PutObject", PutObject);
  table.Add("GetObject", GetObject);
  table.Add("HeadObject", HeadObject);
  table.Add("DeleteObject", DeleteObject);
  table.Add("DeleteObjects", DeleteObjects);
  table.Add("CopyObject", CopyObject);
}

}  // namespace trailbox::s3
