// S3 through the AWS SDK for JavaScript v3 (@aws-sdk/client-s3): path style (forcePathStyle) and virtual-hosted
// style (bucket in the Host header; every host name resolves to the emulator), its default checksums (CRC32,
// sent as an aws-chunked trailer for streaming bodies), multipart uploads, ranges and S3's errors.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import http from "node:http";
import { Readable } from "node:stream";
import { beforeEach, test } from "node:test";

import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";

const endpoint = new URL(process.env.TRAILBOX_ENDPOINT ?? "http://127.0.0.1:4566");
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

const pathStyle = new S3Client({ endpoint: endpoint.href, region: "us-east-1", credentials, forcePathStyle: true });

// Virtual-hosted: the SDK puts the bucket in the host name; this agent sends every host to the emulator.
const toEmulator = (hostname, options, callback) =>
  options.all ? callback(null, [{ address: endpoint.hostname, family: 4 }]) : callback(null, endpoint.hostname, 4);
const virtualHosted = new S3Client({
  endpoint: `http://s3.localhost.localstack.cloud:${endpoint.port}`,
  region: "us-east-1",
  credentials,
  forcePathStyle: false,
  requestHandler: { httpAgent: new http.Agent({ lookup: toEmulator }) },
});

async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("the call succeeded");
}

beforeEach(async () => {
  const answer = await fetch(new URL("/_trailbox/reset", endpoint), { method: "POST" });
  assert.equal(answer.status, 200);
  await pathStyle.send(new CreateBucketCommand({ Bucket: "js-logs" }));
});

test("objects round trip in path style with metadata and any key", async () => {
  const key = "dir/ünï ../100% a+b.txt";
  const put = await pathStyle.send(new PutObjectCommand({
    Bucket: "js-logs", Key: key, Body: "hello js", ContentType: "text/plain", Metadata: { team: "sec" },
  }));
  assert.equal(put.ETag, `"${createHash("md5").update("hello js").digest("hex")}"`);
  const got = await pathStyle.send(new GetObjectCommand({ Bucket: "js-logs", Key: key }));
  assert.equal(await got.Body.transformToString(), "hello js");
  assert.equal(got.ContentType, "text/plain");
  assert.deepEqual(got.Metadata, { team: "sec" });
  const range = await pathStyle.send(new GetObjectCommand({ Bucket: "js-logs", Key: key, Range: "bytes=0-4" }));
  assert.equal(await range.Body.transformToString(), "hello");
  assert.equal(range.ContentRange, "bytes 0-4/8");
  const listing = await pathStyle.send(new ListObjectsV2Command({ Bucket: "js-logs", Delimiter: "/" }));
  assert.deepEqual(listing.CommonPrefixes, [{ Prefix: "dir/" }]);
  const location = await pathStyle.send(new GetBucketLocationCommand({ Bucket: "js-logs" }));
  assert.ok(!location.LocationConstraint);
  const deleted = await pathStyle.send(new DeleteObjectsCommand({ Bucket: "js-logs", Delete: { Objects: [{ Key: key }] } }));
  assert.deepEqual(deleted.Deleted.map((d) => d.Key), [key]);
});

test("streaming bodies go as aws-chunked with a CRC32 trailer", async () => {
  const data = Buffer.alloc(300 * 1024, "z");
  const put = await pathStyle.send(new PutObjectCommand({
    Bucket: "js-logs", Key: "stream.bin", Body: Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
    ContentLength: data.length,
  }));
  assert.ok(put.ChecksumCRC32, "the SDK's default CRC32 comes back");
  const head = await pathStyle.send(new HeadObjectCommand({ Bucket: "js-logs", Key: "stream.bin", ChecksumMode: "ENABLED" }));
  assert.equal(head.ContentLength, data.length);
  assert.equal(head.ChecksumCRC32, put.ChecksumCRC32);
  const got = await pathStyle.send(new GetObjectCommand({ Bucket: "js-logs", Key: "stream.bin" }));
  assert.ok(Buffer.from(await got.Body.transformToByteArray()).equals(data));
});

test("virtual-hosted style", async () => {
  await virtualHosted.send(new PutObjectCommand({ Bucket: "js-logs", Key: "virtual/key one", Body: "v" }));
  const listing = await virtualHosted.send(new ListObjectsV2Command({ Bucket: "js-logs", Prefix: "virtual/" }));
  assert.deepEqual(listing.Contents.map((c) => c.Key), ["virtual/key one"]);
  const got = await pathStyle.send(new GetObjectCommand({ Bucket: "js-logs", Key: "virtual/key one" }));
  assert.equal(await got.Body.transformToString(), "v");
  const error = await failure(virtualHosted.send(new GetObjectCommand({ Bucket: "js-logs", Key: "missing" })));
  assert.equal(error.name, "NoSuchKey");
});

test("multipart upload", async () => {
  const { UploadId } = await pathStyle.send(new CreateMultipartUploadCommand({ Bucket: "js-logs", Key: "mp" }));
  const parts = [Buffer.alloc(5 * 1024 * 1024, "a"), Buffer.from("tail")];
  const etags = [];
  for (const [index, body] of parts.entries()) {
    const part = await pathStyle.send(new UploadPartCommand({
      Bucket: "js-logs", Key: "mp", UploadId, PartNumber: index + 1, Body: body,
    }));
    etags.push({ PartNumber: index + 1, ETag: part.ETag });
  }
  const done = await pathStyle.send(new CompleteMultipartUploadCommand({
    Bucket: "js-logs", Key: "mp", UploadId, MultipartUpload: { Parts: etags },
  }));
  assert.match(done.ETag, /-2"$/);
  const head = await pathStyle.send(new HeadObjectCommand({ Bucket: "js-logs", Key: "mp" }));
  assert.equal(head.ContentLength, 5 * 1024 * 1024 + 4);
});

test("errors carry S3's codes and messages", async () => {
  let error = await failure(pathStyle.send(new GetObjectCommand({ Bucket: "js-logs", Key: "missing" })));
  assert.equal(error.name, "NoSuchKey");
  assert.equal(error.message, "The specified key does not exist.");
  assert.equal(error.$metadata.httpStatusCode, 404);
  error = await failure(pathStyle.send(new ListObjectsV2Command({ Bucket: "no-such-js-bucket" })));
  assert.equal(error.name, "NoSuchBucket");
  error = await failure(pathStyle.send(new CreateBucketCommand({ Bucket: "Bad_Name" })));
  assert.equal(error.name, "InvalidBucketName");
  error = await failure(pathStyle.send(new PutBucketPolicyCommand({ Bucket: "js-logs", Policy: "{}" })));
  assert.equal(error.name, "MalformedPolicy");
});
