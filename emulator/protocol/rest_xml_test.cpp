// Unit tests of the restXml codec on an S3-shaped model: operation matching by requestUri template, method,
// literal query keys and required bindings; greedy object keys; XML bodies; responses and S3 error documents.
#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "protocol/codecs.hpp"
#include "protocol/uri_template.hpp"
#include "protocol/xml.hpp"

namespace trailbox::protocol {
namespace {

// A slice of S3's model (botocore s3/2006-03-01): operations that share templates and differ by query keys,
// required headers or deprecation, with the shapes the tests read.
const char* kS3Model = R"json({
  "metadata": {"protocol": "rest-xml", "endpointPrefix": "s3", "apiVersion": "2006-03-01"},
  "operations": {
    "ListBuckets": {"http": {"method": "GET", "requestUri": "/"}, "output": {"shape": "ListBucketsOutput"}},
    "CreateBucket": {"http": {"method": "PUT", "requestUri": "/{Bucket}"}, "input": {"shape": "CreateBucketRequest"}},
    "ListObjects": {"http": {"method": "GET", "requestUri": "/{Bucket}"}, "input": {"shape": "BucketRequest"}},
    "ListObjectsV2": {"http": {"method": "GET", "requestUri": "/{Bucket}?list-type=2"},
                      "input": {"shape": "BucketRequest"}},
    "GetBucketAcl": {"http": {"method": "GET", "requestUri": "/{Bucket}?acl"}, "input": {"shape": "BucketRequest"}},
    "GetBucketLifecycle": {"http": {"method": "GET", "requestUri": "/{Bucket}?lifecycle"},
                           "input": {"shape": "BucketRequest"}, "deprecated": true},
    "GetBucketLifecycleConfiguration": {"http": {"method": "GET", "requestUri": "/{Bucket}?lifecycle"},
                                        "input": {"shape": "BucketRequest"}},
    "DeleteObjects": {"http": {"method": "POST", "requestUri": "/{Bucket}?delete"},
                      "input": {"shape": "DeleteObjectsRequest"}},
    "PutObject": {"http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                  "input": {"shape": "PutObjectRequest"}},
    "CopyObject": {"http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                   "input": {"shape": "CopyObjectRequest"}},
    "UploadPart": {"http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                   "input": {"shape": "UploadPartRequest"}},
    "UploadPartCopy": {"http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                       "input": {"shape": "UploadPartCopyRequest"}},
    "GetObject": {"http": {"method": "GET", "requestUri": "/{Bucket}/{Key+}"}, "input": {"shape": "ObjectRequest"},
                  "output": {"shape": "GetObjectOutput"}},
    "HeadObject": {"http": {"method": "HEAD", "requestUri": "/{Bucket}/{Key+}"}, "input": {"shape": "ObjectRequest"},
                   "output": {"shape": "GetObjectOutput"}},
    "ListParts": {"http": {"method": "GET", "requestUri": "/{Bucket}/{Key+}"}, "input": {"shape": "UploadRequest"}},
    "CreateMultipartUpload": {"http": {"method": "POST", "requestUri": "/{Bucket}/{Key+}?uploads"},
                              "input": {"shape": "ObjectRequest"}},
    "GetObjectAttributes": {"http": {"method": "GET", "requestUri": "/{Bucket}/{Key+}?attributes"},
                            "input": {"shape": "GetObjectAttributesRequest"}},
    "GetBucketLocation": {"http": {"method": "GET", "requestUri": "/{Bucket}?location"},
                          "input": {"shape": "BucketRequest"}, "output": {"shape": "GetBucketLocationOutput"}}
  },
  "shapes": {
    "String": {"type": "string"},
    "Integer": {"type": "integer"},
    "Body": {"type": "blob", "streaming": true},
    "Timestamp": {"type": "timestamp"},
    "Metadata": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
    "BucketRequest": {"type": "structure", "required": ["Bucket"], "members": {
      "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
      "Prefix": {"shape": "String", "location": "querystring", "locationName": "prefix"},
      "MaxKeys": {"shape": "Integer", "location": "querystring", "locationName": "max-keys"}}},
    "CreateBucketRequest": {"type": "structure", "required": ["Bucket"], "payload": "CreateBucketConfiguration",
      "members": {
        "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
        "CreateBucketConfiguration": {"shape": "CreateBucketConfiguration", "locationName": "CreateBucketConfiguration",
          "xmlNamespace": {"uri": "http://s3.amazonaws.com/doc/2006-03-01/"}}}},
    "CreateBucketConfiguration": {"type": "structure", "members": {"LocationConstraint": {"shape": "String"}}},
    "DeleteObjectsRequest": {"type": "structure", "required": ["Bucket", "Delete"], "payload": "Delete", "members": {
      "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
      "Delete": {"shape": "Delete", "locationName": "Delete"}}},
    "Delete": {"type": "structure", "members": {
      "Objects": {"shape": "ObjectIdentifierList", "locationName": "Object"}, "Quiet": {"shape": "Boolean"}}},
    "Boolean": {"type": "boolean"},
    "ObjectIdentifierList": {"type": "list", "member": {"shape": "ObjectIdentifier"}, "flattened": true},
    "ObjectIdentifier": {"type": "structure", "members": {"Key": {"shape": "String"}}},
    "ObjectRequest": {"type": "structure", "required": ["Bucket", "Key"], "members": {
      "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
      "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
      "IfModifiedSince": {"shape": "Timestamp", "location": "header", "locationName": "If-Modified-Since"}}},
    "UploadRequest": {"type": "structure", "required": ["Bucket", "Key", "UploadId"], "members": {
      "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
      "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
      "UploadId": {"shape": "String", "location": "querystring", "locationName": "uploadId"}}},
    "PutObjectRequest": {"type": "structure", "required": ["Bucket", "Key"], "payload": "Body", "members": {
      "Body": {"shape": "Body"},
      "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
      "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
      "Metadata": {"shape": "Metadata", "location": "headers", "locationName": "x-amz-meta-"}}},
    "CopyObjectRequest": {"type": "structure", "required": ["Bucket", "CopySource", "Key"], "members": {
      "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
      "CopySource": {"shape": "String", "location": "header", "locationName": "x-amz-copy-source"},
      "Key": {"shape": "String", "location": "uri", "locationName": "Key"}}},
    "UploadPartRequest": {"type": "structure", "required": ["Bucket", "Key", "PartNumber", "UploadId"], "members": {
      "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
      "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
      "PartNumber": {"shape": "Integer", "location": "querystring", "locationName": "partNumber"},
      "UploadId": {"shape": "String", "location": "querystring", "locationName": "uploadId"}}},
    "UploadPartCopyRequest": {"type": "structure",
      "required": ["Bucket", "CopySource", "Key", "PartNumber", "UploadId"], "members": {
      "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
      "CopySource": {"shape": "String", "location": "header", "locationName": "x-amz-copy-source"},
      "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
      "PartNumber": {"shape": "Integer", "location": "querystring", "locationName": "partNumber"},
      "UploadId": {"shape": "String", "location": "querystring", "locationName": "uploadId"}}},
    "GetObjectOutput": {"type": "structure", "payload": "Body", "members": {
      "Body": {"shape": "Body"},
      "LastModified": {"shape": "Timestamp", "location": "header", "locationName": "Last-Modified"},
      "ContentLength": {"shape": "Integer", "location": "header", "locationName": "Content-Length"},
      "Metadata": {"shape": "Metadata", "location": "headers", "locationName": "x-amz-meta-"}}},
    "ListBucketsOutput": {"type": "structure", "members": {
      "Buckets": {"shape": "Buckets"}, "Owner": {"shape": "Owner"}}},
    "Buckets": {"type": "list", "member": {"shape": "Bucket", "locationName": "Bucket"}},
    "Bucket": {"type": "structure", "members": {"Name": {"shape": "String"}, "CreationDate": {"shape": "Timestamp"}}},
    "Owner": {"type": "structure", "members": {"ID": {"shape": "String"}}},
    "GetObjectAttributesRequest": {"type": "structure", "required": ["Bucket", "Key", "ObjectAttributes"],
      "members": {
        "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
        "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
        "ObjectAttributes": {"shape": "ObjectAttributesList", "location": "header",
                             "locationName": "x-amz-object-attributes"}}},
    "ObjectAttributesList": {"type": "list", "member": {"shape": "String"}},
    "GetBucketLocationOutput": {"type": "structure", "payload": "LocationConstraint", "members": {
      "LocationConstraint": {"shape": "String", "locationName": "LocationConstraint"}}},
    "NoSuchBucket": {"type": "structure", "members": {}, "exception": true}
  }
})json";

class RestXmlTest : public ::testing::Test {
 protected:
  const Codec& codec() const { return RestXmlCodec(); }
  const ServiceModel& model() const { return model_; }
  const Json& Operation(const std::string& name) const { return *model_.FindOperation(name); }

  std::string Match(const std::string& method, const std::string& target, HeaderList headers = {}) const {
    return codec().OperationName(model_, HttpRequest::Make(method, target, std::move(headers))).value_or("<none>");
  }

  Json Parse(const std::string& operation, const std::string& method, const std::string& target,
             HeaderList headers = {}, std::string body = {}) const {
    HttpRequest request = HttpRequest::Make(method, target, std::move(headers), std::move(body));
    return codec().ParseRequest(model_, Operation(operation), request);
  }

  std::string KeyOf(const std::string& raw_path) const { return Parse("GetObject", "GET", raw_path)["Key"]; }

 private:
  ServiceModel model_{Json::parse(kS3Model)};
};

TEST_F(RestXmlTest, MatchesBucketAndServiceTemplates) {
  EXPECT_EQ(Match("GET", "/"), "ListBuckets");
  EXPECT_EQ(Match("GET", "/my-bucket"), "ListObjects");
  EXPECT_EQ(Match("GET", "/my-bucket/"), "ListObjects");
  EXPECT_EQ(Match("PUT", "/my-bucket"), "CreateBucket");
  EXPECT_EQ(Match("DELETE", "/my-bucket"), "<none>");
}

TEST_F(RestXmlTest, LiteralQueryKeysMakeATemplateMoreSpecific) {
  EXPECT_EQ(Match("GET", "/b?list-type=2&prefix=a"), "ListObjectsV2");
  EXPECT_EQ(Match("GET", "/b?list-type=1"), "ListObjects");
  EXPECT_EQ(Match("GET", "/b?acl"), "GetBucketAcl");
  EXPECT_EQ(Match("GET", "/b?acl="), "GetBucketAcl");
  EXPECT_EQ(Match("POST", "/b?delete"), "DeleteObjects");
  EXPECT_EQ(Match("POST", "/b/k?uploads"), "CreateMultipartUpload");
  EXPECT_EQ(Match("POST", "/b/k"), "<none>");
}

TEST_F(RestXmlTest, RequiredHeadersAndQueryKeysSeparateOperationsSharingATemplate) {
  EXPECT_EQ(Match("PUT", "/b/k"), "PutObject");
  EXPECT_EQ(Match("PUT", "/b/k", {{"x-amz-copy-source", "/src/key"}}), "CopyObject");
  EXPECT_EQ(Match("PUT", "/b/k?partNumber=1&uploadId=u"), "UploadPart");
  EXPECT_EQ(Match("PUT", "/b/k?partNumber=1&uploadId=u", {{"X-Amz-Copy-Source", "/src/key"}}), "UploadPartCopy");
  EXPECT_EQ(Match("GET", "/b/k"), "GetObject");
  EXPECT_EQ(Match("GET", "/b/k?uploadId=u"), "ListParts");
  EXPECT_EQ(Match("HEAD", "/b/k"), "HeadObject");
}

TEST_F(RestXmlTest, PrefersTheOperationThatIsNotDeprecated) {
  EXPECT_EQ(Match("GET", "/b?lifecycle"), "GetBucketLifecycleConfiguration");
}

TEST_F(RestXmlTest, GreedyKeysArePercentDecodedExactlyOnce) {
  EXPECT_EQ(KeyOf("/b/dir/sub/file.txt"), "dir/sub/file.txt");
  EXPECT_EQ(KeyOf("/b/my%20file%20name.txt"), "my file name.txt");
  EXPECT_EQ(KeyOf("/b/a+b"), "a+b");
  EXPECT_EQ(KeyOf("/b/100%25"), "100%");
  EXPECT_EQ(KeyOf("/b/%2541"), "%41");
  EXPECT_EQ(KeyOf("/b/caf%C3%A9/%F0%9F%98%B9"), "caf\xC3\xA9/\xF0\x9F\x98\xB9");
  EXPECT_EQ(KeyOf("/b/caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(KeyOf("/b/a/../b"), "a/../b");
  EXPECT_EQ(KeyOf("/b/../../etc/passwd"), "../../etc/passwd");
  EXPECT_EQ(KeyOf("/b//leading-slash"), "/leading-slash");
  EXPECT_EQ(KeyOf("/b/trailing/"), "trailing/");
  EXPECT_EQ(KeyOf("/b/q%3Fx%3Dy%26z"), "q?x=y&z");
  EXPECT_EQ(Parse("GetObject", "GET", "/my.bucket/k")["Bucket"], "my.bucket");
}

TEST(UriTemplate, LabelsNeedAtLeastOneCharacter) {
  UriTemplate object_template("/{Bucket}/{Key+}");
  EXPECT_FALSE(object_template.Match("/b/", {}));
  EXPECT_FALSE(object_template.Match("/b", {}));
  EXPECT_FALSE(UriTemplate("/{Bucket}").Match("/", {}));
  auto match = UriTemplate("/v1/{Id}/items/{Rest+}/end").Match("/v1/x%2Fy/items/a/b/end", {});
  ASSERT_TRUE(match);
  EXPECT_EQ(match->labels["Id"], "x/y");
  EXPECT_EQ(match->labels["Rest"], "a/b");
}

TEST_F(RestXmlTest, BindsQueryHeadersAndPrefixHeaders) {
  Json list = Parse("ListObjects", "GET", "/b?prefix=logs%2F2024&max-keys=10");
  EXPECT_EQ(list, Json::parse(R"({"Bucket": "b", "Prefix": "logs/2024", "MaxKeys": 10})"));
  Json get = Parse("GetObject", "GET", "/b/k", {{"If-Modified-Since", "Mon, 16 Dec 2019 23:48:18 GMT"}});
  EXPECT_EQ(get["IfModifiedSince"], 1576540098);
  Json put = Parse("PutObject", "PUT", "/b/k", {{"X-Amz-Meta-Color", "blue"}, {"x-amz-meta-size", "big"}}, "data");
  EXPECT_EQ(put["Metadata"], Json::parse(R"({"color": "blue", "size": "big"})"));
  EXPECT_EQ(put["Body"], Json::binary({'d', 'a', 't', 'a'}));
}

TEST_F(RestXmlTest, SplitsListHeadersOutsideQuotes) {
  Json input = Parse("GetObjectAttributes", "GET", "/b/k?attributes",
                     {{"x-amz-object-attributes", R"(ETag, "Object,Parts" ,"say \"hi\"",ObjectSize)"}});
  EXPECT_EQ(input["ObjectAttributes"], Json::parse(R"(["ETag", "Object,Parts", "say \"hi\"", "ObjectSize"])"));
}

// With the payload trait on a scalar member that names its element, the document is that one element, as S3
// answers GetBucketLocation (botocore's model needs a patch to give its output this shape).
TEST_F(RestXmlTest, AScalarPayloadWithAnElementNameIsOneElement) {
  const Json& operation = Operation("GetBucketLocation");
  HttpResponse located = codec().SerializeResponse(model(), operation, {{"LocationConstraint", "eu-west-1"}}, "R");
  XmlNode root = ParseXml(located.body);
  EXPECT_EQ(root.name, "LocationConstraint");
  EXPECT_EQ(root.text, "eu-west-1");
  EXPECT_EQ(*root.Attribute("xmlns"), "http://s3.amazonaws.com/doc/2006-03-01/");
  HttpResponse us_east_1 = codec().SerializeResponse(model(), operation, Json::object(), "R");
  EXPECT_EQ(ParseXml(us_east_1.body).text, "");
}

TEST_F(RestXmlTest, RejectsAQueryValueOfTheWrongType) {
  try {
    Parse("ListObjects", "GET", "/b?max-keys=ten");
    FAIL() << "expected InvalidArgument";
  } catch (const AwsError& error) {
    EXPECT_EQ(error.code(), "InvalidArgument");
    EXPECT_EQ(error.http_status(), 400);
    EXPECT_EQ(error.extra()["ArgumentName"], "max-keys");
  }
}

TEST_F(RestXmlTest, ParsesAnXmlPayloadWithNamespaceAndFlattenedList) {
  Json input = Parse("DeleteObjects", "POST", "/b?delete", {},
                     R"(<?xml version="1.0" encoding="UTF-8"?>
<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a b</Key></Object>
<Object><Key>c&amp;d</Key></Object><Quiet>true</Quiet><Unknown>x</Unknown></Delete>)");
  EXPECT_EQ(input, Json::parse(R"({"Bucket": "b", "Delete": {"Objects": [{"Key": "a b"}, {"Key": "c&d"}],
                                   "Quiet": true}})"));
  Json create = Parse("CreateBucket", "PUT", "/b", {},
                      "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint>"
                      "</CreateBucketConfiguration>");
  EXPECT_EQ(create["CreateBucketConfiguration"]["LocationConstraint"], "eu-west-1");
  EXPECT_FALSE(Parse("CreateBucket", "PUT", "/b").contains("CreateBucketConfiguration"));
}

TEST_F(RestXmlTest, MalformedXmlIsS3sMalformedXmlError) {
  for (const std::string body :
       {"<Delete><Object></Delete>", "not xml at all", "<Delete><Quiet>maybe</Quiet></Delete>"}) {
    try {
      Parse("DeleteObjects", "POST", "/b?delete", {}, body);
      FAIL() << "expected MalformedXML for " << body;
    } catch (const AwsError& error) {
      EXPECT_EQ(error.code(), "MalformedXML");
      EXPECT_EQ(error.message(),
                "The XML you provided was not well-formed or did not validate against our published schema");
      EXPECT_EQ(error.http_status(), 400);
    }
  }
}

TEST_F(RestXmlTest, SerializesXmlWithS3NamespaceAndIsoTimestamps) {
  Json output = Json::parse(R"({"Buckets": [{"Name": "b1", "CreationDate": 1576540098}], "Owner": {"ID": "o"}})");
  HttpResponse response = codec().SerializeResponse(model(), Operation("ListBuckets"), output, "REQ1");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("x-amz-request-id"), "REQ1");
  EXPECT_FALSE(response.Header("x-amz-id-2").empty());
  EXPECT_EQ(response.Header("Content-Type"), "application/xml");
  XmlNode root = ParseXml(response.body);
  EXPECT_EQ(*root.Attribute("xmlns"), "http://s3.amazonaws.com/doc/2006-03-01/");
  const XmlNode* bucket = root.Child("Buckets")->Child("Bucket");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->Child("Name")->text, "b1");
  EXPECT_EQ(bucket->Child("CreationDate")->text, "2019-12-16T23:48:18Z");
  EXPECT_EQ(root.Child("Owner")->Child("ID")->text, "o");
}

TEST_F(RestXmlTest, SerializesHeadersAndARawBody) {
  Json output = {{"Body", Json::binary({'h', 'i'})}, {"LastModified", 1576540098}, {"ContentLength", 2},
                 {"Metadata", {{"color", "blue"}}}};
  HttpResponse get = codec().SerializeResponse(model(), Operation("GetObject"), output, "REQ1");
  EXPECT_EQ(get.body, "hi");
  EXPECT_EQ(get.Header("Last-Modified"), "Mon, 16 Dec 2019 23:48:18 GMT");
  EXPECT_EQ(get.Header("Content-Length"), "2");
  EXPECT_EQ(get.Header("x-amz-meta-color"), "blue");
  HttpResponse head = codec().SerializeResponse(model(), Operation("HeadObject"), output, "REQ1");
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("Last-Modified"), "Mon, 16 Dec 2019 23:48:18 GMT");
}

TEST_F(RestXmlTest, ErrorsAreS3ErrorDocumentsWithExtraMembers) {
  AwsError error("NoSuchBucket", "The specified bucket does not exist", 404);
  error.extra()["BucketName"] = "missing";
  HttpResponse response = codec().SerializeError(model(), &Operation("GetObject"), error, "REQ1");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.Header("x-amz-request-id"), "REQ1");
  EXPECT_TRUE(response.body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code>"))
      << response.body;
  XmlNode root = ParseXml(response.body);
  EXPECT_EQ(root.name, "Error");
  EXPECT_EQ(root.Child("Message")->text, "The specified bucket does not exist");
  EXPECT_EQ(root.Child("BucketName")->text, "missing");
  EXPECT_EQ(root.Child("RequestId")->text, "REQ1");
  EXPECT_EQ(root.Child("HostId")->text, response.Header("x-amz-id-2"));
  EXPECT_EQ(root.children.back().name, "HostId");
}

TEST_F(RestXmlTest, HeadErrorsHaveNoBody) {
  AwsError error("NoSuchKey", "The specified key does not exist.", 404);
  HttpResponse response = codec().SerializeError(model(), &Operation("HeadObject"), error, "REQ1");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(response.Header("x-amz-request-id"), "REQ1");
}

TEST_F(RestXmlTest, UnmodelledErrorsDefaultTo400) {
  HttpResponse response = codec().SerializeError(model(), nullptr, AwsError("InvalidRequest", "Bad."), "REQ1");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(ParseXml(response.body).Child("Code")->text, "InvalidRequest");
}

}  // namespace
}  // namespace trailbox::protocol
