// S3 listings: ListObjectsV2 and ListObjects (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html,
// API_ListObjects.html). Keys are listed in UTF-8 byte order; with a delimiter, the keys that share a prefix up to
// the first delimiter after Prefix roll up into one CommonPrefixes entry, which counts once against max-keys.
// The listing walks a cursor (the last key or common prefix returned): V2's continuation token is that cursor in
// base64; V1's NextMarker is the last entry, and a marker that is itself a common prefix resumes after it.
// A common prefix is skipped in one step by resuming after prefix + 0xFF (no UTF-8 key has that byte).
#include <optional>

#include "core/encoding.hpp"
#include "services/s3/object_store.hpp"
#include "services/s3/s3_common.hpp"
#include "services/s3/s3_topics.hpp"

namespace trailbox::s3 {
namespace {

constexpr int64_t kMaxKeys = 1000;
constexpr int kRowsPerQuery = 256;
constexpr const char* kPastPrefix = "\xff";

struct Listing {
  std::string prefix;
  std::string delimiter;
  std::string after;  // list keys strictly greater than this
  int64_t max_keys = kMaxKeys;
};

struct ListedObject {
  std::string key;
  int64_t size;
  std::string etag;
  double last_modified;
  std::string owner_account;
  std::optional<std::string> checksum_algorithm;
};

struct ListResult {
  std::vector<ListedObject> objects;
  std::vector<std::string> common_prefixes;
  bool is_truncated = false;
  std::string last_entry;  // the last key or common prefix returned
  std::string cursor;      // where the next page starts (exclusive)
};

// The common prefix `key` rolls up into, or empty.
std::string CommonPrefixOf(const Listing& listing, const std::string& key) {
  if (listing.delimiter.empty()) return {};
  size_t at = key.find(listing.delimiter, listing.prefix.size());
  if (at == std::string::npos) return {};
  return key.substr(0, at + listing.delimiter.size());
}

ListResult List(store::Database& db, const std::string& bucket, const Listing& listing) {
  ListResult result;
  std::string after = listing.after;
  int64_t entries = 0;
  if (listing.max_keys == 0) return result;
  while (true) {
    auto statement = db.Prepare(
        "SELECT key, size, etag, last_modified, owner_account, checksum_algorithm FROM s3_objects "
        "WHERE bucket = ?1 AND key > ?2 AND key >= ?3 ORDER BY key LIMIT ?4");
    statement.Bind(1, bucket).Bind(2, after).Bind(3, listing.prefix).Bind(4, kRowsPerQuery);
    std::vector<ListedObject> rows;
    while (statement.Step()) {
      rows.push_back({statement.Text(0), statement.Int(1), statement.Text(2), statement.Double(3), statement.Text(4),
                      statement.OptionalText(5)});
    }
    if (rows.empty()) return result;
    for (ListedObject& row : rows) {
      if (!row.key.starts_with(listing.prefix)) return result;
      if (entries == listing.max_keys) {
        result.is_truncated = true;
        return result;
      }
      ++entries;
      std::string common_prefix = CommonPrefixOf(listing, row.key);
      if (!common_prefix.empty()) {
        result.common_prefixes.push_back(common_prefix);
        result.last_entry = common_prefix;
        result.cursor = after = common_prefix + kPastPrefix;
        break;  // re-query past the common prefix
      }
      result.last_entry = row.key;
      result.cursor = after = row.key;
      result.objects.push_back(std::move(row));
    }
  }
}

int64_t MaxKeys(const Json& input) {
  int64_t max_keys = input.value("MaxKeys", kMaxKeys);
  if (max_keys < 0) {
    AwsError error("InvalidArgument", "Argument maxKeys must be an integer between 0 and 2147483647", 400);
    error.extra()["ArgumentName"] = "maxKeys";
    error.extra()["ArgumentValue"] = std::to_string(max_keys);
    throw error;
  }
  return std::min(max_keys, kMaxKeys);
}

// encoding-type=url: keys and prefixes percent-encoded, '/' kept (botocore and the SDKs decode them back).
std::string Encoded(const Json& input, const std::string& text) {
  return input.value("EncodingType", "") == "url" ? UrlEncode(text, true) : text;
}

Json ContentsOf(const Json& input, const std::vector<ListedObject>& objects, bool with_owner) {
  Json contents = Json::array();
  for (const ListedObject& object : objects) {
    Json item = {{"Key", Encoded(input, object.key)}, {"LastModified", object.last_modified},
                 {"ETag", object.etag}, {"Size", object.size}, {"StorageClass", "STANDARD"}};
    if (object.checksum_algorithm) item["ChecksumAlgorithm"] = Json::array({*object.checksum_algorithm});
    if (with_owner) item["Owner"] = OwnerDocument(object.owner_account);
    contents.push_back(std::move(item));
  }
  return contents;
}

void AddCommonFields(Json& output, const Json& input, const Bucket& bucket, const Listing& listing,
                     const ListResult& result, bool with_owner) {
  output["Name"] = bucket.name;
  output["Prefix"] = Encoded(input, listing.prefix);
  if (!listing.delimiter.empty()) output["Delimiter"] = Encoded(input, listing.delimiter);
  output["MaxKeys"] = input.value("MaxKeys", kMaxKeys);
  if (input.contains("EncodingType")) output["EncodingType"] = input["EncodingType"];
  output["IsTruncated"] = result.is_truncated;
  if (!result.objects.empty()) output["Contents"] = ContentsOf(input, result.objects, with_owner);
  if (!result.common_prefixes.empty()) {
    Json prefixes = Json::array();
    for (const auto& prefix : result.common_prefixes) prefixes.push_back({{"Prefix", Encoded(input, prefix)}});
    output["CommonPrefixes"] = std::move(prefixes);
  }
}

Listing ListingOf(Call& call, const Bucket& bucket, const Json& input) {
  Listing listing;
  listing.prefix = input.value("Prefix", "");
  listing.delimiter = input.value("Delimiter", "");
  listing.max_keys = MaxKeys(input);
  ContextKeys keys = {{"s3:prefix", {listing.prefix}}, {"s3:max-keys", {std::to_string(listing.max_keys)}}};
  if (!listing.delimiter.empty()) keys["s3:delimiter"] = {listing.delimiter};
  Authorize(call, bucket, "s3:ListBucket", BucketArn(bucket.name), std::move(keys));
  return listing;
}

}  // namespace

Json ListObjectsV2(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Listing listing = ListingOf(call, bucket, input);
  if (auto token = input.find("ContinuationToken"); token != input.end()) {
    auto cursor = Base64Decode(token->get<std::string>());
    if (!cursor || !cursor->starts_with("trailbox-list:")) {
      AwsError error("InvalidArgument", "The continuation token provided is incorrect", 400);
      error.extra()["ArgumentName"] = "continuation-token";
      throw error;
    }
    listing.after = cursor->substr(14);
  } else {
    listing.after = input.value("StartAfter", "");
  }
  ListResult result = List(call.db(), bucket.name, listing);
  Json output = Json::object();
  AddCommonFields(output, input, bucket, listing, result, input.value("FetchOwner", false));
  output["KeyCount"] = result.objects.size() + result.common_prefixes.size();
  if (input.contains("ContinuationToken")) output["ContinuationToken"] = input["ContinuationToken"];
  if (result.is_truncated) output["NextContinuationToken"] = Base64Encode("trailbox-list:" + result.cursor);
  if (input.contains("StartAfter")) output["StartAfter"] = Encoded(input, input["StartAfter"].get<std::string>());
  return output;
}

Json ListObjects(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Listing listing = ListingOf(call, bucket, input);
  std::string marker = input.value("Marker", "");
  listing.after = marker;
  if (!marker.empty() && CommonPrefixOf(listing, marker) == marker) listing.after = marker + kPastPrefix;
  ListResult result = List(call.db(), bucket.name, listing);
  Json output = Json::object();
  AddCommonFields(output, input, bucket, listing, result, true);
  output["Marker"] = Encoded(input, marker);
  if (result.is_truncated && !listing.delimiter.empty()) output["NextMarker"] = Encoded(input, result.last_entry);
  return output;
}

void AddListingOperations(OperationTable& table) {
  table.Add("ListObjectsV2", ListObjectsV2);
  table.Add("ListObjects", ListObjects);
}

}  // namespace trailbox::s3
