// The ec2 protocol (EC2 Query API): Action and Version plus the input as form parameters named by queryName or
// the capitalized locationName, lists always flattened as Name.N; the answer as XML with the output members
// directly under the root. Follows the Smithy ec2Query protocol specification and the EC2 API Reference ("Query
// requests", "Error codes"); the shared mechanics are in query_common.cpp.
//
//   success  <?xml ...?><OpResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
//              <requestId>id</requestId>..output members..</OpResponse>
//   error    <?xml ...?><Response><Errors><Error><Code>..</Code><Message>..</Message></Error></Errors>
//              <RequestID>id</RequestID></Response>
//   headers  Content-Type: text/xml;charset=UTF-8, x-amzn-RequestId: id
#include "protocol/codecs.hpp"
#include "protocol/errors.hpp"
#include "protocol/query_common.hpp"
#include "protocol/xml.hpp"

namespace trailbox::protocol {

namespace {

constexpr const char* kContentType = "text/xml;charset=UTF-8";

// EC2's model spells its namespace without the trailing slash its responses carry.
std::string Ec2Namespace(const ServiceModel& model) {
  std::string xml_namespace = model.xml_namespace();
  if (!xml_namespace.empty() && xml_namespace.back() != '/') xml_namespace += '/';
  return xml_namespace;
}

class Ec2Query final : public Codec {
 public:
  WireProtocol protocol() const override { return WireProtocol::kEc2; }

  // Throws (MalformedQueryString, MissingAction, InvalidAction) rather than answering nullopt, so the client gets
  // the code and message AWS sends for each.
  std::optional<std::string> OperationName(const ServiceModel& model, const HttpRequest& request) const override {
    return QueryOperationName(model, ReadQueryParams(request), QueryDialect::kEc2);
  }

  Json ParseRequest(const ServiceModel& model, const Json& operation, const HttpRequest& request) const override {
    return ParseQueryInput(model, operation, ReadQueryParams(request), QueryDialect::kEc2);
  }

  HttpResponse SerializeResponse(const ServiceModel& model, const Json& operation, const Json& output,
                                 const std::string& request_id) const override {
    XmlWriter writer(true);
    writer.Open(operation.value("name", "") + "Response", {{"xmlns", Ec2Namespace(model)}});
    writer.Element("requestId", request_id);
    if (auto output_ref = operation.find("output"); output_ref != operation.end()) {
      WriteXmlMembers(writer, model, model.Target(*output_ref), output);
    }
    writer.Close();
    return XmlResponse(200, writer.str(), request_id, kContentType);
  }

  HttpResponse SerializeError(const ServiceModel& model, const Json*, const AwsError& error,
                              const std::string& request_id) const override {
    ErrorInfo info = ResolveError(model, error);
    XmlWriter writer(true);
    writer.Open("Response");
    writer.Open("Errors");
    writer.Open("Error");
    writer.Element("Code", info.query_code);
    if (!error.message().empty()) writer.Element("Message", error.message());
    WriteXmlErrorDetails(writer, model, info.shape, error.extra());
    writer.Close();
    writer.Close();
    writer.Element("RequestID", request_id);
    writer.Close();
    return XmlResponse(info.status, writer.str(), request_id, kContentType);
  }

};

}  // namespace

const Codec& Ec2Codec() {
  static const Ec2Query codec;
  return codec;
}

}  // namespace trailbox::protocol
