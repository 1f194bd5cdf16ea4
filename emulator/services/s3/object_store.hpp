// S3 objects in SQLite: the one path that writes an object (PutObject, CopyObject, CompleteMultipartUpload and
// services writing in-process all use WriteObject), and the reads the handlers share. Bodies live in the same
// row as their metadata (shared/DESIGN.md, principle 4); listings never read them.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "policy/evaluate.hpp"
#include "services/s3/checksums.hpp"
#include "store/database.hpp"

namespace trailbox::s3 {

/// An object to store.
struct NewObject {
  std::string bucket;
  std::string key;
  std::string body;
  std::string content_type = "binary/octet-stream";
  /// Stored response headers by member name: CacheControl, ContentDisposition, ContentEncoding, ContentLanguage,
  /// Expires, WebsiteRedirectLocation, StorageClass; and Tags ({key: value}) for the object's tag set.
  Json headers = Json::object();
  /// User metadata (x-amz-meta-*), keys in lower case.
  Json metadata = Json::object();
  std::optional<StoredChecksum> checksum;
  /// Set by CompleteMultipartUpload: its ETag ("<hex>-<parts>") and part count. Else the ETag is the body's MD5.
  std::optional<std::string> multipart_etag;
  std::optional<int64_t> parts_count;
  std::string owner_account;
};

/// An object's metadata, as stored (no body).
struct StoredObject {
  std::string bucket;
  std::string key;
  int64_t size = 0;
  std::string etag;  // quoted
  double last_modified = 0;
  std::string content_type;
  Json headers;
  Json metadata;
  std::optional<StoredChecksum> checksum;
  std::optional<int64_t> parts_count;
  std::string owner_account;
};

/// The stored headers an object answers with, by member name.
inline constexpr const char* kStoredObjectHeaders[] = {"CacheControl",    "ContentDisposition",
                                                       "ContentEncoding", "ContentLanguage",
                                                       "Expires",         "WebsiteRedirectLocation",
                                                       "StorageClass"};

/// Object ACLs under bucket-owner-enforced ownership (S3's default since 2023): AccessControlListNotSupported
/// unless the ACL leaves the owner in full control. Open: "private" is accepted, as it grants nobody else.
void RequireOwnerEnforcedAcl(const Json& input);
/// The s3:x-amz-acl condition key of a request that sends an ACL.
std::map<std::string, std::vector<std::string>, policy::CaseInsensitiveLess> AclContext(const Json& input);
/// x-amz-tagging "k1=v1&k2=v2" -> {k1: v1, k2: v2}; InvalidArgument on a repeated key.
Json ParseTaggingHeader(std::string_view text);
/// The stored headers and tags an upload gives its object (PutObject, CreateMultipartUpload, CopyObject REPLACE).
Json StoredHeadersOf(const Json& input);

/// Stores (or replaces) an object at `now`; returns its quoted ETag.
std::string WriteObject(store::Database& db, double now, const NewObject& object);
/// The object's metadata, if it exists.
std::optional<StoredObject> FindObject(store::Database& db, std::string_view bucket, std::string_view key);
/// `length` bytes of the object's body from `offset` (SQLite reads only that range).
std::string ReadBody(store::Database& db, std::string_view bucket, std::string_view key, int64_t offset,
                     int64_t length);
/// Removes the object; false when there was none.
bool DeleteObjectRow(store::Database& db, std::string_view bucket, std::string_view key);

}  // namespace trailbox::s3
