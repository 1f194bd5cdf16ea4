// What the awsQuery and ec2 protocols share: form parameters in, XML out, both driven by the model's shapes.
// The two differ only in names and list layout on the way in (queryName, capitalized names, always-flattened
// lists for ec2) and in the envelopes, which each protocol's file writes (aws_query.cpp, ec2_query.cpp); the
// output members are written alike.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "core/json.hpp"
#include "protocol/http_message.hpp"
#include "protocol/model.hpp"
#include "protocol/xml.hpp"

namespace trailbox::protocol {

/// Which of the two protocols speaks: they name request parameters and lay out request lists differently.
enum class QueryDialect { kAwsQuery, kEc2 };

/// The request's parameters by name: the URL query string, then the form body (a body value replaces a URL one).
using QueryParams = std::map<std::string, std::string, std::less<>>;

/// Reads the parameters; throws AwsError MalformedQueryString when the body is not a valid form.
QueryParams ReadQueryParams(const HttpRequest& request);

/// The operation the Action parameter names; throws AwsError MissingAction, or InvalidAction worded as the
/// dialect's services word it, when there is none or the model does not know it.
std::string QueryOperationName(const ServiceModel& model, const QueryParams& params, QueryDialect dialect);

/// The input document of `operation` read from the parameters; unknown parameters are ignored. Throws AwsError
/// (MalformedInput for awsQuery, InvalidParameterValue for ec2) for a value its member's type cannot hold.
Json ParseQueryInput(const ServiceModel& model, const Json& operation, const QueryParams& params,
                     QueryDialect dialect);

/// Writes the members of `value`, a document of the structure `shape`, as child elements of the open element.
/// `skip` names members left out (the error envelope writes Code and Message itself).
void WriteXmlMembers(XmlWriter& writer, const ServiceModel& model, const Json& shape, const Json& value,
                     const std::function<bool(const std::string&)>& skip = {});

/// An XML answer with the headers both protocols send (Content-Type, x-amzn-RequestId).
HttpResponse XmlResponse(int status, std::string body, const std::string& request_id, std::string content_type);

/// Writes the members an error carries beyond its code and message (AwsError::extra), by the error shape when
/// the model has one.
void WriteXmlErrorDetails(XmlWriter& writer, const ServiceModel& model, const Json* error_shape, const Json& extra);

}  // namespace trailbox::protocol
