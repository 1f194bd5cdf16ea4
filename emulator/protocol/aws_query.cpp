// The awsQuery protocol (IAM, STS, SNS, and CloudWatch as the AWS CLI v2 calls it): Action and Version plus the
// input as form parameters (POST body, or the URL query string), the answer as XML. Follows the Smithy awsQuery
// protocol specification and the services' "Query API" request/response pages; the shared mechanics are in
// query_common.cpp.
//
//   success  <OpResponse xmlns="<metadata.xmlNamespace>">
//              <OpResult>..output members..</OpResult>      (output.resultWrapper, else "<Op>Result"; absent
//              <ResponseMetadata><RequestId>id</RequestId></ResponseMetadata>        when there is no output)
//            </OpResponse>
//   error    <ErrorResponse xmlns="..."><Error><Type>Sender|Receiver</Type><Code>query code</Code>
//              <Message>..</Message>..error shape members..</Error><RequestId>id</RequestId></ErrorResponse>
//   headers  Content-Type: text/xml, x-amzn-RequestId: id
#include "protocol/codecs.hpp"
#include "protocol/errors.hpp"
#include "protocol/query_common.hpp"
#include "protocol/xml.hpp"

namespace trailbox::protocol {

namespace {

constexpr const char* kContentType = "text/xml";

class AwsQuery final : public Codec {
 public:
  WireProtocol protocol() const override { return WireProtocol::kAwsQuery; }

  // Throws (MalformedQueryString, MissingAction, InvalidAction) rather than answering nullopt, so the client gets
  // the code and message AWS sends for each.
  std::optional<std::string> OperationName(const ServiceModel& model, const HttpRequest& request) const override {
    return QueryOperationName(model, ReadQueryParams(request), QueryDialect::kAwsQuery);
  }

  Json ParseRequest(const ServiceModel& model, const Json& operation, const HttpRequest& request) const override {
    return ParseQueryInput(model, operation, ReadQueryParams(request), QueryDialect::kAwsQuery);
  }

  HttpResponse SerializeResponse(const ServiceModel& model, const Json& operation, const Json& output,
                                 const std::string& request_id) const override {
    std::string name = operation.value("name", "");
    XmlWriter writer;
    writer.Open(name + "Response", {{"xmlns", model.xml_namespace()}});
    if (auto output_ref = operation.find("output"); output_ref != operation.end()) {
      writer.Open(output_ref->value("resultWrapper", name + "Result"));
      WriteXmlMembers(writer, model, model.Target(*output_ref), output);
      writer.Close();
    }
    writer.Open("ResponseMetadata");
    writer.Element("RequestId", request_id);
    writer.Close();
    writer.Close();
    return XmlResponse(200, writer.str(), request_id, kContentType);
  }

  HttpResponse SerializeError(const ServiceModel& model, const Json*, const AwsError& error,
                              const std::string& request_id) const override {
    ErrorInfo info = ResolveError(model, error);
    XmlWriter writer;
    writer.Open("ErrorResponse", {{"xmlns", model.xml_namespace()}});
    writer.Open("Error");
    writer.Element("Type", info.sender_fault ? "Sender" : "Receiver");
    writer.Element("Code", info.query_code);
    if (!error.message().empty()) writer.Element("Message", error.message());
    WriteXmlErrorDetails(writer, model, info.shape, error.extra());
    writer.Close();
    writer.Element("RequestId", request_id);
    writer.Close();
    return XmlResponse(info.status, writer.str(), request_id, kContentType);
  }

};

}  // namespace

const Codec& AwsQueryCodec() {
  static const AwsQuery codec;
  return codec;
}

}  // namespace trailbox::protocol
