// Call -> CloudTrail record (recorder.hpp). Field order is the order real log files use:
//   eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent,
//   [errorCode, errorMessage], requestParameters, responseElements, requestID, eventID, readOnly, [resources],
//   eventType, managementEvent, recipientAccountId, eventCategory, tlsDetails
// userIdentity per type (cloudtrail-fidelity.md §(a) "userIdentity by type"; sessionContext member order as in
// shared/reference/samples/assumed-role-s3-delete-bucket.json).
#include "trail/recorder.hpp"

#include <cmath>
#include <stdexcept>

#include "core/ids.hpp"
#include "core/time_format.hpp"
#include "store/database.hpp"
#include "trail/classification.hpp"
#include "trail/data_resources.hpp"
#include "trail/event_history.hpp"
#include "trail/record_elements.hpp"
#include "trail/record_overrides.hpp"
#include "trail/resources.hpp"
#include "trail/s3_parameters.hpp"
#include "trail/trails.hpp"

namespace trailbox::trail {
namespace {

// Services whose events are global: recorded in us-east-1 whatever region the client named.
bool IsGlobalService(const std::string& service) { return service == "iam" || service == "sts"; }

bool IsAuthorizationFailure(const AwsError& error) {
  return error.code() == "AccessDenied" || error.code() == "AccessDeniedException" ||
         error.code() == "UnauthorizedOperation";
}

Json UserIdentity(const Identity& identity) {
  Json out = {{"type", IdentityTypeName(identity.type)}};
  if (identity.type == IdentityType::kAwsService) {
    out["invokedBy"] = identity.service_principal;
    return out;
  }
  out["principalId"] = identity.principal_id;
  out["arn"] = identity.arn;
  out["accountId"] = identity.account_id;
  if (!identity.access_key_id.empty()) out["accessKeyId"] = identity.access_key_id;
  if (identity.type == IdentityType::kIamUser) out["userName"] = identity.user_name;
  if (identity.type == IdentityType::kAssumedRole) {
    out["sessionContext"] = {
        {"attributes",
         {{"mfaAuthenticated", identity.mfa_authenticated ? "true" : "false"},
          {"creationDate", FormatIso8601(std::floor(identity.session_issued_at))}}},
        {"sessionIssuer",
         {{"type", "Role"},
          {"principalId", identity.role_id},
          {"arn", identity.role_arn},
          {"accountId", identity.account_id},
          {"userName", identity.role_name}}}};
  }
  return out;
}

// EC2 writes its error codes with the fault prefix (Client.InvalidInstanceID.NotFound).
std::string ErrorCode(const Call& call, const AwsError& error) {
  if (call.service != "ec2") return error.code();
  return (error.is_server_fault() ? "Server." : "Client.") + error.code();
}

std::string ShapeOf(const Json& operation, const char* member) {
  auto ref = operation.find(member);
  return ref == operation.end() ? "" : (*ref)["shape"].get<std::string>();
}

Json RequestParameters(const Call& call, const protocol::ServiceModel& model, const Json& operation,
                       const Json& input, const AwsError* error) {
  if (error && IsAuthorizationFailure(*error)) return nullptr;
  std::string shape = ShapeOf(operation, "input");
  if (shape.empty() || !input.is_object() || input.empty()) return nullptr;
  Json parameters = call.service == "s3" ? S3RequestParameters(model, shape, input, call.region)
                                         : RecordElements(model, shape, input, Direction::kRequest);
  AdjustRequestParameters(call, parameters);
  return parameters.empty() ? Json(nullptr) : parameters;
}

Json ResponseElements(const Call& call, const protocol::ServiceModel& model, const Json& operation,
                      const Json* output, bool read_only) {
  if (!output || read_only) return nullptr;
  std::string shape = ShapeOf(operation, "output");
  Json converted = shape.empty() || !output->is_object() ? Json::object()
                                                          : RecordElements(model, shape, *output, Direction::kResponse);
  if (call.service != "ec2") return converted.empty() ? Json(nullptr) : converted;
  Json elements = {{"requestId", call.request_id}};
  if (converted.empty()) elements["_return"] = true;
  for (auto& [key, value] : converted.items()) elements[key] = std::move(value);
  AdjustResponseElements(call, elements);
  return elements;
}

// Deviation: trailbox answers plain HTTP on a local port; the record shows the TLS details of the AWS endpoint the
// client would have called, so records read like AWS's.
Json TlsDetails(const Call& call) {
  std::string host = IsGlobalService(call.service) ? call.service + ".amazonaws.com"
                                                   : call.service + "." + call.region + ".amazonaws.com";
  return {{"tlsVersion", "TLSv1.3"}, {"cipherSuite", "TLS_AES_128_GCM_SHA256"}, {"clientProvidedHostHeader", host}};
}

}  // namespace

Json BuildRecord(const Call& call, const protocol::ServiceModel& model, const Json& operation, const Json& input,
                 const Json* output, const AwsError* error) {
  EventClass event_class = Classify(call.service, call.operation);
  bool is_management = event_class.category == EventCategory::kManagement;
  Json record = {{"eventVersion", kEventVersion},
                 {"userIdentity", UserIdentity(call.identity)},
                 {"eventTime", FormatIso8601(std::floor(ToEpochSeconds(call.now())))},
                 {"eventSource", call.service + ".amazonaws.com"},
                 {"eventName", call.operation},
                 {"awsRegion", IsGlobalService(call.service) ? std::string(kDefaultRegion) : call.region},
                 {"sourceIPAddress", call.source_ip},
                 {"userAgent", call.service == "s3" ? "[" + call.user_agent + "]" : call.user_agent}};
  if (error) {
    record["errorCode"] = ErrorCode(call, *error);
    record["errorMessage"] = error->message();
  }
  record["requestParameters"] = RequestParameters(call, model, operation, input, error);
  record["responseElements"] = ResponseElements(call, model, operation, error ? nullptr : output,
                                                event_class.read_only && !RecordsReadResponse(call));
  record["requestID"] = call.request_id;
  record["eventID"] = NewUuid();
  record["readOnly"] = event_class.read_only;
  // Data events name their object even when the call failed (an AccessDenied GetObject still shows what it asked).
  if (Json resources = error && is_management ? Json() : RecordResources(call, input); !resources.is_null()) {
    record["resources"] = resources;
  }
  record["eventType"] = "AwsApiCall";
  record["managementEvent"] = is_management;
  record["recipientAccountId"] = call.account_id();
  record["eventCategory"] = is_management ? "Management" : "Data";
  record["tlsDetails"] = TlsDetails(call);
  return record;
}

void RecordCall(Call& call, const protocol::ServiceModel& model, const Json& operation, const Json& input,
                const Json* output, const AwsError* error) {
  Json record = BuildRecord(call, model, operation, input, output, error);
  if (IsDataEvent(record)) {
    OfferRecord(call.db(), record);  // data events reach trails only: the event history keeps management events
    return;
  }
  bool read_only = record["readOnly"].get<bool>();
  Json resources = FindResources(call.service, input, output && !read_only ? *output : Json::object());
  StoreEvent(call.db(), record, resources, ToEpochSeconds(call.now()));
}

Json InjectRecord(store::Database& db, Json record, double now) {
  if (!record.is_object() || !record.contains("eventName") || !record["eventName"].is_string() ||
      !record.contains("eventSource") || !record["eventSource"].is_string()) {
    throw std::invalid_argument("each record must be a JSON object with eventName and eventSource strings");
  }
  Json identity = record.value("userIdentity", Json::object());
  Json filled = {{"eventVersion", kEventVersion}, {"userIdentity", identity}};
  filled["eventTime"] = FormatIso8601(std::floor(now));
  for (auto& [key, value] : record.items()) filled[key] = std::move(value);
  if (!filled.contains("eventType")) filled["eventType"] = "AwsApiCall";
  if (!filled.contains("awsRegion")) filled["awsRegion"] = kDefaultRegion;
  if (!filled.contains("eventID")) filled["eventID"] = NewUuid();
  if (filled["eventType"] == "AwsApiCall" && !filled.contains("requestID")) filled["requestID"] = NewUuid();
  if (!filled.contains("recipientAccountId")) {
    filled["recipientAccountId"] = identity.value("accountId", std::string(kDefaultAccount));
  }
  if (IsDataEvent(filled)) {
    OfferRecord(db, filled);
  } else {
    StoreEvent(db, filled, ResourcesOfRecord(filled), now);
  }
  return filled;
}

}  // namespace trailbox::trail
