// Object rows in s3_objects (object_store.hpp). The stored headers, user metadata and tags are JSON text; the
// checksum is its algorithm and base64 value.
#include "services/s3/object_store.hpp"

#include "core/encoding.hpp"
#include "services/s3/s3_common.hpp"

namespace trailbox::s3 {

void RequireOwnerEnforcedAcl(const Json& input) {
  std::string acl = input.value("ACL", "private");
  if (acl != "private" && acl != "bucket-owner-full-control") {
    throw AwsError("AccessControlListNotSupported", "The bucket does not allow ACLs", 400);
  }
}

ContextKeys AclContext(const Json& input) {
  ContextKeys keys;
  if (auto acl = input.find("ACL"); acl != input.end()) keys["s3:x-amz-acl"] = {acl->get<std::string>()};
  return keys;
}

Json ParseTaggingHeader(std::string_view text) {
  Json tags = Json::object();
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq), true);
    if (tags.contains(key)) throw AwsError("InvalidArgument", "The header 'x-amz-tagging' shall be encoded as UTF-8 "
                                                              "encoded, URL-encoded query parameters without tag "
                                                              "name duplicates.", 400);
    if (!key.empty()) tags[key] = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1), true);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
  }
  return tags;
}

Json StoredHeadersOf(const Json& input) {
  Json headers = Json::object();
  for (const char* name : kStoredObjectHeaders) {
    if (auto value = input.find(name); value != input.end()) headers[name] = *value;
  }
  if (headers.value("StorageClass", "") == "STANDARD") headers.erase("StorageClass");
  if (auto tagging = input.find("Tagging"); tagging != input.end()) {
    Json tags = ParseTaggingHeader(tagging->get<std::string>());
    if (!tags.empty()) headers["Tags"] = std::move(tags);
  }
  return headers;
}

std::string WriteObject(store::Database& db, double now, const NewObject& object) {
  std::string etag = QuotedEtag(object.multipart_etag ? *object.multipart_etag : HexEncode(Md5(object.body)));
  auto statement = db.Prepare(
      "INSERT OR REPLACE INTO s3_objects (bucket, key, body, size, etag, last_modified, content_type, headers, "
      "metadata, checksum_algorithm, checksum, parts_count, owner_account) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  statement.Bind(1, object.bucket).Bind(2, object.key).BindBlob(3, object.body);
  statement.Bind(4, static_cast<int64_t>(object.body.size())).Bind(5, etag).Bind(6, now);
  statement.Bind(7, object.content_type).Bind(8, object.headers.dump()).Bind(9, object.metadata.dump());
  if (object.checksum) {
    statement.Bind(10, object.checksum->algorithm).Bind(11, object.checksum->value);
  } else {
    statement.BindNull(10).BindNull(11);
  }
  if (object.parts_count) {
    statement.Bind(12, *object.parts_count);
  } else {
    statement.BindNull(12);
  }
  statement.Bind(13, object.owner_account);
  statement.Run();
  return etag;
}

std::optional<StoredObject> FindObject(store::Database& db, std::string_view bucket, std::string_view key) {
  auto statement = db.Prepare(
      "SELECT size, etag, last_modified, content_type, headers, metadata, checksum_algorithm, checksum, "
      "parts_count, owner_account FROM s3_objects WHERE bucket = ?1 AND key = ?2");
  statement.Bind(1, bucket).Bind(2, key);
  if (!statement.Step()) return std::nullopt;
  StoredObject object;
  object.bucket = std::string(bucket);
  object.key = std::string(key);
  object.size = statement.Int(0);
  object.etag = statement.Text(1);
  object.last_modified = statement.Double(2);
  object.content_type = statement.Text(3);
  object.headers = Json::parse(statement.Text(4));
  object.metadata = Json::parse(statement.Text(5));
  if (!statement.IsNull(6)) object.checksum = StoredChecksum{statement.Text(6), statement.Text(7)};
  if (!statement.IsNull(8)) object.parts_count = statement.Int(8);
  object.owner_account = statement.Text(9);
  statement.Run();
  return object;
}

std::string ReadBody(store::Database& db, std::string_view bucket, std::string_view key, int64_t offset,
                     int64_t length) {
  auto statement = db.Prepare("SELECT substr(body, ?3, ?4) FROM s3_objects WHERE bucket = ?1 AND key = ?2");
  statement.Bind(1, bucket).Bind(2, key).Bind(3, offset + 1).Bind(4, length);
  if (!statement.Step()) return {};
  std::string body = statement.Text(0);
  statement.Run();
  return body;
}

bool DeleteObjectRow(store::Database& db, std::string_view bucket, std::string_view key) {
  auto statement = db.Prepare("DELETE FROM s3_objects WHERE bucket = ?1 AND key = ?2");
  statement.Bind(1, bucket).Bind(2, key);
  statement.Run();
  return db.changes() > 0;
}

}  // namespace trailbox::s3
