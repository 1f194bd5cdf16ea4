"""S3 on the wire, byte for byte: the XML error shape, aws-chunked bodies (unsigned with trailing checksums as recent
boto3 sends them over HTTPS, and signed chunks), Content-MD5, malformed XML and virtual-hosted requests. Every
rejected request leaves no state behind."""
import base64
import hashlib
import re
import zlib

import support


def crc32_b64(data):
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def chunked(data, chunk_size=4, trailer=None, signed=False):
    body = b""
    signature = b";chunk-signature=" + b"0" * 64 if signed else b""
    for start in range(0, len(data), chunk_size):
        chunk = data[start:start + chunk_size]
        body += b"%x" % len(chunk) + signature + b"\r\n" + chunk + b"\r\n"
    body += b"0" + signature + b"\r\n"
    if trailer:
        body += trailer.encode() + b"\r\n"
    return body + b"\r\n"


class S3WireTest(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        status, _, _ = support.raw_request("PUT", "/wire-bucket")
        self.assertEqual(status, 200)

    def get(self, key):
        return support.raw_request("GET", "/wire-bucket/" + key)

    def assert_error(self, answer, status, code, message=None):
        got_status, headers, body = answer
        self.assertEqual(got_status, status, body)
        text = body.decode()
        self.assertTrue(text.startswith('<?xml version="1.0" encoding="UTF-8"?>'), text)
        self.assertIn("<Error><Code>%s</Code>" % code, text)
        if message:
            self.assertIn("<Message>%s</Message>" % message, text)
        self.assertRegex(text, r"<RequestId>[^<]+</RequestId><HostId>[^<]+</HostId></Error>$")
        self.assertEqual(headers["content-type"], "application/xml")
        self.assertIn("x-amz-request-id", headers)

    def test_error_documents(self):
        answer = support.raw_request("GET", "/no-such-bucket/key")
        self.assert_error(answer, 404, "NoSuchBucket", "The specified bucket does not exist")
        self.assertIn("<BucketName>no-such-bucket</BucketName>", answer[2].decode())
        answer = self.get("missing%20key")
        self.assert_error(answer, 404, "NoSuchKey", "The specified key does not exist.")
        self.assertIn("<Key>missing key</Key>", answer[2].decode())
        status, _, body = support.raw_request("HEAD", "/wire-bucket/missing")
        self.assertEqual((status, body), (404, b""))
        self.assert_error(support.raw_request("PUT", "/Invalid_Bucket"), 400, "InvalidBucketName",
                          "The specified bucket is not valid.")

    def test_unsigned_chunked_body_with_trailing_checksum(self):
        data = b"hello aws-chunked world"
        headers = {"Content-Encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                   "x-amz-decoded-content-length": str(len(data)), "x-amz-trailer": "x-amz-checksum-crc32",
                   "x-amz-sdk-checksum-algorithm": "CRC32"}
        status, answer_headers, _ = support.raw_request(
            "PUT", "/wire-bucket/chunked", body=chunked(data, trailer="x-amz-checksum-crc32:" + crc32_b64(data)),
            headers=headers)
        self.assertEqual(status, 200)
        self.assertEqual(answer_headers["x-amz-checksum-crc32"], crc32_b64(data))
        self.assertEqual(answer_headers["etag"], '"%s"' % hashlib.md5(data).hexdigest())
        self.assertEqual(self.get("chunked")[2], data)
        bad = support.raw_request("PUT", "/wire-bucket/bad", body=chunked(data, trailer="x-amz-checksum-crc32:" +
                                                                           crc32_b64(b"other")), headers=headers)
        self.assert_error(bad, 400, "BadDigest", "The CRC32 you specified did not match the calculated checksum.")
        self.assertEqual(self.get("bad")[0], 404)

    def test_signed_chunked_body(self):
        data = b"x" * 100
        headers = {"Content-Encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                   "x-amz-decoded-content-length": "100"}
        status, _, _ = support.raw_request("PUT", "/wire-bucket/signed", body=chunked(data, 64, signed=True),
                                           headers=headers)
        self.assertEqual(status, 200)
        self.assertEqual(self.get("signed")[2], data)

    def test_truncated_chunked_body_changes_nothing(self):
        data = b"0123456789abcdef"
        headers = {"Content-Encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                   "x-amz-decoded-content-length": str(len(data))}
        body = chunked(data)[:-12]
        answer = support.raw_request("PUT", "/wire-bucket/truncated", body=body, headers=headers)
        self.assert_error(answer, 400, "IncompleteBody")
        self.assertEqual(self.get("truncated")[0], 404)

    def test_wrong_content_md5_changes_nothing(self):
        wrong = base64.b64encode(hashlib.md5(b"other").digest()).decode()
        answer = support.raw_request("PUT", "/wire-bucket/md5", body=b"payload", headers={"Content-MD5": wrong})
        self.assert_error(answer, 400, "BadDigest", "The Content-MD5 you specified did not match what we received.")
        answer = support.raw_request("PUT", "/wire-bucket/md5", body=b"payload", headers={"Content-MD5": "abc"})
        self.assert_error(answer, 400, "InvalidDigest")
        self.assertEqual(self.get("md5")[0], 404)
        right = base64.b64encode(hashlib.md5(b"payload").digest()).decode()
        status, _, _ = support.raw_request("PUT", "/wire-bucket/md5", body=b"payload", headers={"Content-MD5": right})
        self.assertEqual(status, 200)

    def test_malformed_xml_changes_nothing(self):
        support.raw_request("PUT", "/wire-bucket/keep", body=b"x")
        answer = support.raw_request("POST", "/wire-bucket?delete", body=b"<Delete><Object><Key>keep</Key>")
        self.assert_error(answer, 400, "MalformedXML")
        answer = support.raw_request("PUT", "/wire-bucket?lifecycle", body=b"<LifecycleConfiguration><Rule>")
        self.assert_error(answer, 400, "MalformedXML")
        self.assertEqual(self.get("keep")[0], 200)
        self.assertEqual(support.raw_request("GET", "/wire-bucket?lifecycle")[0], 404)

    def test_virtual_hosted_requests(self):
        host = {"Host": "wire-bucket.s3.localhost.localstack.cloud:4566"}
        status, _, _ = support.raw_request("PUT", "/dir/virtual%20key", body=b"v", headers=host)
        self.assertEqual(status, 200)
        status, _, body = support.raw_request("GET", "/?list-type=2&prefix=dir/", headers=host)
        self.assertEqual(status, 200)
        self.assertIn(b"<Key>dir/virtual key</Key>", body)
        self.assertEqual(self.get("dir/virtual%20key")[2], b"v")

    def test_location_answers_its_own_root(self):
        status, _, body = support.raw_request("GET", "/wire-bucket?location")
        self.assertEqual(status, 200)
        self.assertTrue(re.search(rb"<LocationConstraint[^>]*>(</LocationConstraint>)?", body), body)
