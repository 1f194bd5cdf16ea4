"""S3 through boto3 (the recent one and Debian's): buckets, objects, listings, multipart transfers, conditional and
ranged reads, bucket policies, lifecycle on the virtual clock, and AWS's error codes and messages."""
import base64
import datetime
import hashlib
import json
import os
import tempfile

import boto3
import botocore.exceptions
from boto3.s3.transfer import TransferConfig

import support

OWNER = support.ACCOUNT


def error_of(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except botocore.exceptions.ClientError as error:
        return error.response
    raise AssertionError("the call succeeded")


class S3Test(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.s3 = support.boto3_client("s3")
        self.s3.create_bucket(Bucket="trail-logs")

    def keys(self, **kwargs):
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket="trail-logs", **kwargs)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]

    def test_buckets(self):
        self.assertEqual([b["Name"] for b in self.s3.list_buckets()["Buckets"]], ["trail-logs"])
        self.s3.head_bucket(Bucket="trail-logs")
        self.assertIsNone(self.s3.get_bucket_location(Bucket="trail-logs")["LocationConstraint"])
        acl = self.s3.get_bucket_acl(Bucket="trail-logs")
        self.assertEqual(acl["Grants"][0]["Permission"], "FULL_CONTROL")
        self.assertEqual(acl["Grants"][0]["Grantee"]["Type"], "CanonicalUser")
        self.assertEqual(acl["Owner"]["ID"], acl["Grants"][0]["Grantee"]["ID"])
        self.assertNotIn("Status", self.s3.get_bucket_versioning(Bucket="trail-logs"))
        self.s3.put_bucket_tagging(Bucket="trail-logs", Tagging={"TagSet": [{"Key": "team", "Value": "sec"}]})
        self.assertEqual(self.s3.get_bucket_tagging(Bucket="trail-logs")["TagSet"], [{"Key": "team", "Value": "sec"}])
        self.s3.delete_bucket_tagging(Bucket="trail-logs")
        self.assertEqual(error_of(self.s3.get_bucket_tagging, Bucket="trail-logs")["Error"]["Code"], "NoSuchTagSet")

    def test_bucket_in_another_region(self):
        eu = boto3.client("s3", endpoint_url=support.ENDPOINT, region_name="eu-west-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
        eu.create_bucket(Bucket="eu-logs", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        self.assertEqual(eu.get_bucket_location(Bucket="eu-logs")["LocationConstraint"], "eu-west-1")
        error = error_of(eu.create_bucket, Bucket="eu-logs",
                         CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        self.assertEqual(error["Error"]["Code"], "BucketAlreadyOwnedByYou")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 409)
        other = support.boto3_client("s3", access_key="222233334444")
        error = error_of(other.create_bucket, Bucket="trail-logs")
        self.assertEqual(error["Error"]["Code"], "BucketAlreadyExists")

    def test_bucket_errors(self):
        error = error_of(self.s3.create_bucket, Bucket="Bad_Name")
        self.assertEqual(error["Error"]["Code"], "InvalidBucketName")
        self.assertEqual(error["Error"]["Message"], "The specified bucket is not valid.")
        self.assertEqual(error["Error"]["BucketName"], "Bad_Name")
        error = error_of(self.s3.list_objects_v2, Bucket="missing-bucket")
        self.assertEqual(error["Error"]["Code"], "NoSuchBucket")
        self.assertEqual(error["Error"]["Message"], "The specified bucket does not exist")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 404)
        self.assertEqual(error_of(self.s3.head_bucket, Bucket="missing-bucket")["Error"]["Code"], "404")
        self.s3.put_object(Bucket="trail-logs", Key="a", Body=b"x")
        error = error_of(self.s3.delete_bucket, Bucket="trail-logs")
        self.assertEqual(error["Error"]["Code"], "BucketNotEmpty")
        self.assertEqual(error["Error"]["Message"], "The bucket you tried to delete is not empty")
        self.assertEqual(self.keys(), ["a"])

    def test_objects_with_metadata_and_any_key(self):
        for key in ["plain", "with space", "ünï/cödé", "../up", "100%", "a+b", "dir//double"]:
            put = self.s3.put_object(Bucket="trail-logs", Key=key, Body=key.encode(), ContentType="text/plain",
                                     Metadata={"Origin": "test"}, CacheControl="no-store")
            self.assertEqual(put["ETag"], '"%s"' % hashlib.md5(key.encode()).hexdigest())
            got = self.s3.get_object(Bucket="trail-logs", Key=key)
            self.assertEqual(got["Body"].read(), key.encode())
            self.assertEqual(got["ContentType"], "text/plain")
            self.assertEqual(got["Metadata"], {"origin": "test"})
            self.assertEqual(got["CacheControl"], "no-store")
        self.assertEqual(sorted(self.keys()), sorted(["plain", "with space", "ünï/cödé", "../up", "100%", "a+b",
                                                      "dir//double"]))
        head = self.s3.head_object(Bucket="trail-logs", Key="../up")
        self.assertEqual(head["ContentLength"], 5)
        error = error_of(self.s3.get_object, Bucket="trail-logs", Key="missing")
        self.assertEqual(error["Error"]["Code"], "NoSuchKey")
        self.assertEqual(error["Error"]["Message"], "The specified key does not exist.")
        self.assertEqual(error["Error"]["Key"], "missing")
        self.assertEqual(error_of(self.s3.head_object, Bucket="trail-logs", Key="missing")["Error"]["Code"], "404")

    def test_ranges_and_conditions(self):
        etag = self.s3.put_object(Bucket="trail-logs", Key="k", Body=b"0123456789")["ETag"]
        part = self.s3.get_object(Bucket="trail-logs", Key="k", Range="bytes=2-5")
        self.assertEqual(part["Body"].read(), b"2345")
        self.assertEqual(part["ContentRange"], "bytes 2-5/10")
        self.assertEqual(part["ResponseMetadata"]["HTTPStatusCode"], 206)
        error = error_of(self.s3.get_object, Bucket="trail-logs", Key="k", Range="bytes=20-")
        self.assertEqual(error["Error"]["Code"], "InvalidRange")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 416)
        error = error_of(self.s3.get_object, Bucket="trail-logs", Key="k", IfNoneMatch=etag)
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 304)
        error = error_of(self.s3.get_object, Bucket="trail-logs", Key="k", IfMatch='"nope"')
        self.assertEqual(error["Error"]["Code"], "PreconditionFailed")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 412)
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3650)
        error = error_of(self.s3.get_object, Bucket="trail-logs", Key="k", IfModifiedSince=later)
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 304)
        self.assertEqual(self.s3.get_object(Bucket="trail-logs", Key="k", IfMatch=etag)["Body"].read(), b"0123456789")

    def test_copy_and_batch_delete(self):
        self.s3.put_object(Bucket="trail-logs", Key="src", Body=b"data", Metadata={"a": "1"})
        copied = self.s3.copy_object(Bucket="trail-logs", Key="dst", CopySource={"Bucket": "trail-logs", "Key": "src"})
        self.assertEqual(copied["CopyObjectResult"]["ETag"], '"%s"' % hashlib.md5(b"data").hexdigest())
        self.assertEqual(self.s3.head_object(Bucket="trail-logs", Key="dst")["Metadata"], {"a": "1"})
        error = error_of(self.s3.copy_object, Bucket="trail-logs", Key="src",
                         CopySource={"Bucket": "trail-logs", "Key": "src"})
        self.assertEqual(error["Error"]["Code"], "InvalidRequest")
        deleted = self.s3.delete_objects(Bucket="trail-logs", Delete={"Objects": [{"Key": "src"}, {"Key": "dst"},
                                                                                  {"Key": "never"}]})
        self.assertEqual(sorted(d["Key"] for d in deleted["Deleted"]), ["dst", "never", "src"])
        self.assertEqual(self.keys(), [])

    def test_listing(self):
        for key in ["a", "b/1", "b/2", "c/x/1", "d"]:
            self.s3.put_object(Bucket="trail-logs", Key=key, Body=b"")
        listing = self.s3.list_objects_v2(Bucket="trail-logs", Delimiter="/")
        self.assertEqual([c["Key"] for c in listing["Contents"]], ["a", "d"])
        self.assertEqual([p["Prefix"] for p in listing["CommonPrefixes"]], ["b/", "c/"])
        self.assertEqual(listing["KeyCount"], 4)
        self.assertEqual(self.keys(PaginationConfig={"PageSize": 2}), ["a", "b/1", "b/2", "c/x/1", "d"])
        self.assertEqual(self.keys(StartAfter="b/1"), ["b/2", "c/x/1", "d"])
        self.assertEqual(self.keys(Prefix="c/"), ["c/x/1"])
        pages = list(self.s3.get_paginator("list_objects").paginate(Bucket="trail-logs", Delimiter="/",
                                                                    PaginationConfig={"PageSize": 1}))
        prefixes = [p["Prefix"] for page in pages for p in page.get("CommonPrefixes", [])]
        self.assertEqual(prefixes, ["b/", "c/"])
        v1 = self.s3.list_objects(Bucket="trail-logs", Prefix="b/")
        self.assertEqual([c["Key"] for c in v1["Contents"]], ["b/1", "b/2"])
        self.assertEqual(v1["Contents"][0]["Owner"]["DisplayName"], OWNER)

    def test_multipart_transfer_and_parts(self):
        data = os.urandom(20 * 1024 * 1024 + 123)
        with tempfile.TemporaryDirectory() as folder:
            source = os.path.join(folder, "source")
            with open(source, "wb") as f:
                f.write(data)
            config = TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024)
            self.s3.upload_file(source, "trail-logs", "big/file.bin", Config=config)
            head = self.s3.head_object(Bucket="trail-logs", Key="big/file.bin")
            self.assertEqual(head["ContentLength"], len(data))
            self.assertTrue(head["ETag"].endswith('-3"'), head["ETag"])
            target = os.path.join(folder, "target")
            self.s3.download_file("trail-logs", "big/file.bin", target, Config=config)
            with open(target, "rb") as f:
                self.assertEqual(hashlib.sha256(f.read()).hexdigest(), hashlib.sha256(data).hexdigest())
        upload = self.s3.create_multipart_upload(Bucket="trail-logs", Key="m")["UploadId"]
        one = self.s3.upload_part(Bucket="trail-logs", Key="m", UploadId=upload, PartNumber=1, Body=b"a" * 10)
        two = self.s3.upload_part(Bucket="trail-logs", Key="m", UploadId=upload, PartNumber=2, Body=b"b")
        self.assertEqual([p["PartNumber"] for p in self.s3.list_parts(Bucket="trail-logs", Key="m",
                                                                      UploadId=upload)["Parts"]], [1, 2])
        self.assertEqual([u["Key"] for u in self.s3.list_multipart_uploads(Bucket="trail-logs")["Uploads"]], ["m"])
        error = error_of(self.s3.complete_multipart_upload, Bucket="trail-logs", Key="m", UploadId=upload,
                         MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": one["ETag"]},
                                                    {"PartNumber": 2, "ETag": two["ETag"]}]})
        self.assertEqual(error["Error"]["Code"], "EntityTooSmall")
        self.assertEqual(error["Error"]["Message"],
                         "Your proposed upload is smaller than the minimum allowed object size.")
        error = error_of(self.s3.complete_multipart_upload, Bucket="trail-logs", Key="m", UploadId=upload,
                         MultipartUpload={"Parts": [{"PartNumber": 3, "ETag": one["ETag"]}]})
        self.assertEqual(error["Error"]["Code"], "InvalidPart")
        self.s3.abort_multipart_upload(Bucket="trail-logs", Key="m", UploadId=upload)
        error = error_of(self.s3.list_parts, Bucket="trail-logs", Key="m", UploadId=upload)
        self.assertEqual(error["Error"]["Code"], "NoSuchUpload")
        self.assertEqual(self.keys(), ["big/file.bin"])

    def test_checksums(self):
        put = self.s3.put_object(Bucket="trail-logs", Key="c", Body=b"hello", ChecksumAlgorithm="SHA256")
        self.assertIn("ChecksumSHA256", put)
        head = self.s3.head_object(Bucket="trail-logs", Key="c", ChecksumMode="ENABLED")
        self.assertEqual(head["ChecksumSHA256"], put["ChecksumSHA256"])
        body = self.s3.get_object(Bucket="trail-logs", Key="c", ChecksumMode="ENABLED")["Body"].read()
        self.assertEqual(body, b"hello")
        error = error_of(self.s3.put_object, Bucket="trail-logs", Key="d", Body=b"hello",
                         ChecksumCRC32="AAAAAA==")
        self.assertEqual(error["Error"]["Code"], "BadDigest")
        error = error_of(self.s3.put_object, Bucket="trail-logs", Key="d", Body=b"hello",
                         ContentMD5=base64.b64encode(hashlib.md5(b"other").digest()).decode())
        self.assertEqual(error["Error"]["Code"], "BadDigest")
        self.assertEqual(error["Error"]["Message"], "The Content-MD5 you specified did not match what we received.")
        self.assertEqual(self.keys(), ["c"])

    def test_bucket_policy_and_cross_account(self):
        policy = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222233334444:root"},
             "Action": ["s3:GetObject", "s3:ListBucket"],
             "Resource": ["arn:aws:s3:::trail-logs", "arn:aws:s3:::trail-logs/*"]}]}
        other = support.boto3_client("s3", access_key="222233334444")
        self.s3.put_object(Bucket="trail-logs", Key="k", Body=b"v")
        error = error_of(other.get_object, Bucket="trail-logs", Key="k")
        self.assertEqual(error["Error"]["Code"], "AccessDenied")
        self.assertEqual(error["Error"]["Message"], "Access Denied")
        self.s3.put_bucket_policy(Bucket="trail-logs", Policy=json.dumps(policy))
        self.assertEqual(json.loads(self.s3.get_bucket_policy(Bucket="trail-logs")["Policy"]), policy)
        self.assertFalse(self.s3.get_bucket_policy_status(Bucket="trail-logs")["PolicyStatus"]["IsPublic"])
        self.assertEqual(other.get_object(Bucket="trail-logs", Key="k")["Body"].read(), b"v")
        self.assertEqual(error_of(other.put_object, Bucket="trail-logs", Key="x", Body=b"")["Error"]["Code"],
                         "AccessDenied")
        error = error_of(self.s3.put_bucket_policy, Bucket="trail-logs", Policy='{"Statement": []}')
        self.assertEqual(error["Error"]["Code"], "MalformedPolicy")
        self.s3.delete_bucket_policy(Bucket="trail-logs")
        self.assertEqual(error_of(self.s3.get_bucket_policy, Bucket="trail-logs")["Error"]["Code"],
                         "NoSuchBucketPolicy")

    def test_lifecycle_expires_on_the_virtual_clock(self):
        for key in ["AWSLogs/old-1", "AWSLogs/old-2", "keep/old"]:
            self.s3.put_object(Bucket="trail-logs", Key=key, Body=b"x")
        rules = [{"ID": "expire-logs", "Status": "Enabled", "Filter": {"Prefix": "AWSLogs/"},
                  "Expiration": {"Days": 30}},
                 {"ID": "abort-uploads", "Status": "Enabled", "Filter": {},
                  "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]
        self.s3.put_bucket_lifecycle_configuration(Bucket="trail-logs", LifecycleConfiguration={"Rules": rules})
        self.s3.create_multipart_upload(Bucket="trail-logs", Key="pending")
        stored = self.s3.get_bucket_lifecycle_configuration(Bucket="trail-logs")["Rules"]
        self.assertEqual([r["ID"] for r in stored], ["expire-logs", "abort-uploads"])
        support.admin("POST", "clock", {"advance": "10d"})
        self.assertNotIn("Uploads", self.s3.list_multipart_uploads(Bucket="trail-logs"))
        self.assertEqual(self.keys(), ["AWSLogs/old-1", "AWSLogs/old-2", "keep/old"])
        self.s3.put_object(Bucket="trail-logs", Key="AWSLogs/new", Body=b"x")
        support.admin("POST", "clock", {"advance": "21d"})
        self.assertEqual(self.keys(), ["AWSLogs/new", "keep/old"])
        error = error_of(self.s3.put_bucket_lifecycle_configuration, Bucket="trail-logs",
                         LifecycleConfiguration={"Rules": [{"ID": "x", "Status": "Enabled", "Filter": {},
                                                            "Expiration": {"Days": 0}}]})
        self.assertEqual(error["Error"]["Code"], "InvalidArgument")
        self.assertEqual(error["Error"]["Message"], "'Days' for Expiration action must be a positive integer")
        self.s3.delete_bucket_lifecycle(Bucket="trail-logs")
        error = error_of(self.s3.get_bucket_lifecycle_configuration, Bucket="trail-logs")
        self.assertEqual(error["Error"]["Code"], "NoSuchLifecycleConfiguration")
