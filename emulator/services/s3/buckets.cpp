// S3 buckets: CreateBucket, HeadBucket, ListBuckets, DeleteBucket, GetBucketLocation, GetBucketAcl,
// GetBucketVersioning, PutBucketVersioning (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
// and neighbours; naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
// Buckets are owner-enforced (S3's default Object Ownership since 2023): ACLs grant nothing beyond the owner.
#include <algorithm>
#include <cctype>

#include "services/s3/s3_common.hpp"
#include "services/s3/s3_topics.hpp"

namespace trailbox::s3 {
namespace {

bool IsIpAddressLike(std::string_view name) {
  int dots = 0;
  for (char c : name) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots == 3;
}

bool IsValidBucketName(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  auto is_edge = [](char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(c); };
  if (!is_edge(name.front()) || !is_edge(name.back())) return false;
  for (char c : name) {
    if (!is_edge(c) && c != '.' && c != '-') return false;
  }
  if (name.find("..") != std::string_view::npos || IsIpAddressLike(name)) return false;
  for (std::string_view prefix : {"xn--", "sthree-", "amzn-s3-demo-"}) {
    if (name.starts_with(prefix)) return false;
  }
  for (std::string_view suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3"}) {
    if (name.ends_with(suffix)) return false;
  }
  return true;
}

// The region a CreateBucket request asks for, checked against the endpoint's region as S3 does.
std::string RequestedRegion(const Call& call, const Json& input) {
  std::string constraint;
  if (auto configuration = input.find("CreateBucketConfiguration"); configuration != input.end()) {
    constraint = configuration->value("LocationConstraint", "");
  }
  if (constraint == "us-east-1") {
    throw AwsError("InvalidLocationConstraint", "The specified location-constraint is not valid", 400);
  }
  std::string region = constraint.empty() ? "us-east-1" : constraint == "EU" ? "eu-west-1" : constraint;
  if (region != call.region) {
    std::string named = constraint.empty() ? "unspecified" : constraint;
    throw AwsError("IllegalLocationConstraintException",
                   "The " + named + " location constraint is incompatible for the region specific endpoint this "
                   "request was sent to.",
                   400);
  }
  return region;
}

// Under bucket-owner-enforced ownership, S3 accepts only ACLs that leave the owner in full control.
// Open: "private" is accepted too, as it grants nothing beyond the owner.
void RequireOwnerEnforcedBucketAcl(const Json& input) {
  std::string acl = input.value("ACL", "private");
  if (acl != "private" && acl != "bucket-owner-full-control") {
    throw AwsError("InvalidBucketAclWithObjectOwnership",
                   "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
  }
}

}  // namespace

Json CreateBucket(Call& call, const Json& input) {
  std::string name = input.at("Bucket");
  if (!IsValidBucketName(name)) throw BucketError("InvalidBucketName", "The specified bucket is not valid.", name, 400);
  std::string region = RequestedRegion(call, input);
  RequireOwnerEnforcedBucketAcl(input);
  if (auto existing = FindBucket(call.db(), name)) {
    if (existing->account_id != call.account_id()) {
      throw BucketError("BucketAlreadyExists",
                        "The requested bucket name is not available. The bucket namespace is shared by all users of "
                        "the system. Please select a different name and try again.",
                        name, 409);
    }
    // S3 in us-east-1 answers a repeated CreateBucket by the owner with success and changes nothing.
    if (existing->region != "us-east-1" || region != "us-east-1") {
      throw BucketError("BucketAlreadyOwnedByYou",
                        "Your previous request to create the named bucket succeeded and you already own it.", name, 409);
    }
    return {{"Location", "/" + name}};
  }
  auto statement = call.db().Prepare(
      "INSERT INTO s3_buckets (name, account_id, region, create_date) VALUES (?1, ?2, ?3, ?4)");
  statement.BindAll(name, call.account_id(), region, NowSeconds(call));
  statement.Run();
  if (region == "us-east-1") return {{"Location", "/" + name}};
  return {{"Location", "http://" + name + ".s3.amazonaws.com/"}};
}

Json HeadBucket(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:ListBucket", BucketArn(bucket.name));
  return Json::object();
}

Json ListBuckets(Call& call, const Json&) {
  Json buckets = Json::array();
  auto statement = call.db().Prepare("SELECT name, create_date FROM s3_buckets WHERE account_id = ?1 ORDER BY name");
  statement.Bind(1, call.account_id());
  while (statement.Step()) buckets.push_back({{"Name", statement.Text(0)}, {"CreationDate", statement.Double(1)}});
  return {{"Buckets", std::move(buckets)}, {"Owner", OwnerDocument(call.account_id())}};
}

Json DeleteBucket(Call& call, const Json& input) {
  store::Database& db = call.db();
  Bucket bucket = RequireBucket(db, input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:DeleteBucket", BucketArn(bucket.name));
  auto objects = db.Prepare("SELECT 1 FROM s3_objects WHERE bucket = ?1 LIMIT 1");
  objects.Bind(1, bucket.name);
  if (objects.Step()) {
    objects.Run();
    throw BucketError("BucketNotEmpty", "The bucket you tried to delete is not empty", bucket.name, 409);
  }
  db.Prepare("DELETE FROM s3_parts WHERE upload_id IN (SELECT upload_id FROM s3_uploads WHERE bucket = ?1)")
      .Bind(1, bucket.name)
      .Run();
  db.Prepare("DELETE FROM s3_uploads WHERE bucket = ?1").Bind(1, bucket.name).Run();
  db.Prepare("DELETE FROM s3_buckets WHERE name = ?1").Bind(1, bucket.name).Run();
  return Json::object();
}

// us-east-1 answers an empty LocationConstraint, as S3 does.
Json GetBucketLocation(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:GetBucketLocation", BucketArn(bucket.name));
  return {{"LocationConstraint", bucket.region == "us-east-1" ? "" : bucket.region}};
}

Json GetBucketAcl(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:GetBucketAcl", BucketArn(bucket.name));
  Json grantee = OwnerDocument(bucket.account_id);
  grantee["Type"] = "CanonicalUser";
  return {{"Owner", OwnerDocument(bucket.account_id)},
          {"Grants", Json::array({{{"Grantee", std::move(grantee)}, {"Permission", "FULL_CONTROL"}}})}};
}

// Versioning is never enabled in trailbox: a bucket answers no Status, or Suspended once suspended.
Json GetBucketVersioning(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:GetBucketVersioning", BucketArn(bucket.name));
  if (!bucket.versioning) return Json::object();
  return {{"Status", *bucket.versioning}};
}

Json PutBucketVersioning(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:PutBucketVersioning", BucketArn(bucket.name));
  std::string status = input.at("VersioningConfiguration").value("Status", "");
  if (status == "Enabled") {
    throw AwsError("NotImplemented", "trailbox does not implement S3 object versioning (PutBucketVersioning Enabled)",
                   501);
  }
  if (status != "Suspended") {
    throw AwsError("MalformedXML",
                   "The XML you provided was not well-formed or did not validate against our published schema", 400);
  }
  call.db().Prepare("UPDATE s3_buckets SET versioning = ?2 WHERE name = ?1").BindAll(bucket.name, status).Run();
  return Json::object();
}

void AddBucketOperations(OperationTable& table) {
  table.Add("CreateBucket", CreateBucket);
  table.Add("HeadBucket", HeadBucket);
  table.Add("ListBuckets", ListBuckets);
  table.Add("DeleteBucket", DeleteBucket);
  table.Add("GetBucketLocation", GetBucketLocation);
  table.Add("GetBucketAcl", GetBucketAcl);
  table.Add("GetBucketVersioning", GetBucketVersioning);
  table.Add("PutBucketVersioning", PutBucketVersioning);
}

}  // namespace trailbox::s3
