// One request's path: route -> identity -> operation -> parse -> validate -> transaction -> handler -> commit ->
// serialize (shared/STYLE.md, rule 5: one request, one transaction; a 200 means committed).
#include "http/engine.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "http/admin.hpp"
#include "http/router.hpp"
#include "protocol/aws_chunked.hpp"
#include "protocol/codec.hpp"
#include "protocol/content_encoding.hpp"
#include "protocol/validate.hpp"
#include "services/cloudtrail/cloudtrail_service.hpp"
#include "services/cloudwatch/cloudwatch_service.hpp"
#include "services/ec2/ec2_service.hpp"
#include "services/iam/credentials.hpp"
#include "services/iam/iam_service.hpp"
#include "services/s3/s3_service.hpp"
#include "services/sns/sns_common.hpp"
#include "services/sns/sns_service.hpp"
#include "services/logs/logs_service.hpp"
#include "services/sts/sts_service.hpp"
#include "store/migrations.hpp"
#include "trail/delivery.hpp"
#include "trail/recorder.hpp"

namespace trailbox::http {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;
using protocol::WireProtocol;

// The one table of implemented services: model name -> registration function, and the function that schedules
// again, at start-up, the service's tasks on the clock (tasks live in memory; their state lives in SQLite).
// Adding a service adds a line.
struct ServiceBinding {
  const char* model_name;
  void (*add_operations)(OperationTable&);
  void (*resume_tasks)(store::Database&, Scheduler&) = nullptr;
};
constexpr ServiceBinding kServices[] = {
    {"iam", iam::AddIamOperations},
    {"sts", sts::AddStsOperations},
    {"cloudtrail", cloudtrail::AddCloudTrailOperations, trail::ResumeDeliveries},
    {"ec2", ec2::AddEc2Operations, ec2::ResumeEc2Tasks},
    {"s3", s3::AddS3Operations, s3::ResumeS3Tasks},
    {"logs", logs::AddLogsOperations, logs::ResumeLogsTasks},
    {"cloudwatch", cloudwatch::AddCloudWatchOperations, cloudwatch::ResumeCloudWatchTasks},
    {"sns", sns::AddSnsOperations, sns::ResumeSnsTasks},
};

// A virtual clock's time (epoch milliseconds) in the meta table, so a lab resumes at the time it had reached.
constexpr const char* kVirtualClockKey = "clock.virtual_epoch_millis";

// The access key a caller signs with that IAM did not issue: the account's bootstrap key, verified with the
// secret "test" under --auth sigv4 (as LocalStack does, so SDK defaults work).
constexpr const char* kBootstrapSecret = "test";

bool IsAccountId(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(c); });
}

// The error AWS gives for an operation name the service does not have.
AwsError UnknownOperation(WireProtocol protocol, const protocol::ServiceModel& model, const std::string& name) {
  switch (protocol) {
    case WireProtocol::kAwsQuery:
      return AwsError("InvalidAction",
                      "Could not find operation " + name + " for version " + model.api_version(), 400);
    case WireProtocol::kEc2:
      return AwsError("InvalidAction", "The action " + name + " is not valid for this web service.", 400);
    case WireProtocol::kRestXml:
      return AwsError("MethodNotAllowed", "The specified method is not allowed against this resource.", 405);
    default:
      return AwsError("UnknownOperationException", name.empty() ? "Missing or unknown operation" : name, 400);
  }
}

AwsError NotImplemented(const protocol::ServiceModel& model, const std::string& name) {
  return AwsError("NotImplemented",
                  "trailbox does not implement " + model.endpoint_prefix() + " " + name +
                      " (the operation exists in AWS; see README for what is emulated)",
                  501);
}

// ":memory:" for --ephemeral, else <data-dir>/trailbox.db (the directory is created).
std::string DatabasePath(const EngineOptions& options) {
  if (options.ephemeral) return ":memory:";
  std::filesystem::create_directories(options.data_dir);
  return (options.data_dir / "trailbox.db").string();
}

}  // namespace

Engine::Engine(EngineOptions options)
    : options_(std::move(options)),
      clock_(options_.clock_mode),
      scheduler_(clock_),
      db_(DatabasePath(options_)) {
  for (const ServiceBinding& binding : kServices) binding.add_operations(services_[binding.model_name]);
  RestoreVirtualClock();
  ApplySettings();
  ResumeTasks();
  // Each scheduled task runs in its own transaction, under the same lock as requests.
  scheduler_.set_runner([this](const std::string& name, const Scheduler::Task& task, TimePoint due) {
    try {
      store::Transaction transaction(db_);
      task(due);
      transaction.Commit();
    } catch (const std::exception& error) {
      std::cerr << "trailbox: task " << name << " failed: " << error.what() << "\n";
    }
  });
}

Engine::~Engine() { Checkpoint(); }

void Engine::ApplySettings() {
  // Trail delivery: --delivery-interval, else AWS's 5 minutes on the virtual clock and 10 s on the real one.
  trail::SetDeliveryInterval(db_,
                             options_.delivery_interval.value_or(options_.clock_mode == ClockMode::kVirtual ? 300 : 10));
  SaveVirtualClock();
}

void Engine::RestoreVirtualClock() {
  if (!clock_.is_virtual()) return;
  auto statement = db_.Prepare("SELECT value FROM meta WHERE key = ?");
  statement.Bind(1, kVirtualClockKey);
  if (statement.Step()) clock_.SetVirtual(TimePoint{Duration{std::stoll(statement.Text(0))}});
}

void Engine::SaveVirtualClock() {
  if (!clock_.is_virtual()) return;
  db_.Prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
      .BindAll(kVirtualClockKey, std::to_string(clock_.now().time_since_epoch().count()))
      .Run();
}

void Engine::ResumeTasks() {
  store::Transaction transaction(db_);
  for (const ServiceBinding& binding : kServices) {
    if (binding.resume_tasks) binding.resume_tasks(db_, scheduler_);
  }
  transaction.Commit();
}

void Engine::Checkpoint() {
  std::lock_guard lock(mutex_);
  db_.Checkpoint();
}

void Engine::RunDueTasks() {
  std::lock_guard lock(mutex_);
  scheduler_.RunDue();
}

void Engine::Reset() {
  scheduler_.Clear();
  store::Transaction transaction(db_);
  store::DeleteAllRows(db_);
  ApplySettings();
  transaction.Commit();
}

HttpResponse Engine::Handle(HttpRequest request) {
  std::lock_guard lock(mutex_);
  return Dispatch(request);
}

HttpResponse Engine::RejectTooLarge(HttpRequest request, size_t limit) {
  Route route = RouteRequest(request);
  AwsError error("RequestEntityTooLarge",
                 "Request body of " + request.Header("Content-Length") + " bytes exceeds the limit of " +
                     std::to_string(limit) + " bytes",
                 413);
  if (route.kind != Route::Kind::kService) {
    HttpResponse response;
    response.status = 413;
    response.SetHeader("Content-Type", "application/json");
    response.body = Json{{"error", error.message()}}.dump();
    return response;
  }
  return protocol::CodecFor(route.protocol).SerializeError(*route.model, nullptr, error, NewUuid());
}

Handler Engine::FindHandler(const protocol::ServiceModel& model, const std::string& operation) const {
  for (const auto& [service_name, table] : services_) {
    if (protocol::FindServiceModel(service_name) == &model) return table.Find(operation);
  }
  return nullptr;
}

namespace {

// The links SNS writes into its messages (confirm a subscription, unsubscribe) are followed unsigned, from a mail
// reader or a subscriber's endpoint; AWS answers them without credentials, acting in the topic owner's account.
std::optional<Identity> SnsLinkCaller(const Route& route, const HttpRequest& request) {
  if (route.model->endpoint_prefix() != "sns") return std::nullopt;
  const std::string* action = request.QueryParam("Action");
  if (!action || (*action != "ConfirmSubscription" && *action != "Unsubscribe")) return std::nullopt;
  const std::string* arn = request.QueryParam(*action == "Unsubscribe" ? "SubscriptionArn" : "TopicArn");
  // arn:aws:sns:<region>:<account>:<topic>[:<subscription id>]
  std::string account = kDefaultAccount;
  if (arn) {
    size_t start = 0;
    for (int field = 0; field < 4 && start != std::string::npos; ++field) start = arn->find(':', start + 1);
    if (start != std::string::npos) account = arn->substr(start + 1, arn->find(':', start + 1) - start - 1);
  }
  return IsAccountId(account) ? Identity::RootOf(account) : Identity::RootOf(kDefaultAccount);
}

}  // namespace

Identity Engine::ResolveCaller(const Route& route, const HttpRequest& request) {
  if (!route.scope) {
    if (auto link_caller = SnsLinkCaller(route, request)) return *link_caller;
    if (options_.verify_signatures) {
      throw AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
    }
    return Identity::RootOf(kDefaultAccount);
  }
  const std::string& key = route.scope->access_key_id;
  std::optional<iam::Credentials> credentials = iam::FindCredentials(db_, key);
  std::string secret = kBootstrapSecret;
  Identity identity = Identity::RootOf(IsAccountId(key) ? key : kDefaultAccount);
  if (credentials) {
    // Keys IAM or STS issued are held to their state even without --auth sigv4: a user who deactivates a key or
    // lets a session expire expects AWS's answer.
    if (!credentials->is_active) {
      throw AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
    }
    if (credentials->expiration && ToEpochSeconds(clock_.now()) >= *credentials->expiration) {
      throw AwsError("ExpiredToken", "The security token included in the request is expired", 400);
    }
    identity = credentials->identity;
    secret = credentials->secret_access_key;
  }
  identity.access_key_id = key;
  if (options_.verify_signatures) {
    bool is_bootstrap_key = IsAccountId(key) || key == "test";
    if (!credentials && !is_bootstrap_key) {
      throw AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
    }
    if (protocol::ExpectedSignature(request, *route.scope, secret) != route.scope->signature) {
      throw AwsError("SignatureDoesNotMatch",
                     "The request signature we calculated does not match the signature you provided. Check your AWS "
                     "Secret Access Key and signing method. Consult the service documentation for details.",
                     403);
    }
  }
  return identity;
}

HttpResponse Engine::UnknownService(const Route& route) {
  HttpResponse response;
  response.status = 400;
  response.SetHeader("Content-Type", "application/json");
  response.body = Json{{"__type", "UnknownServiceException"},
                       {"message", "trailbox does not emulate the service of this request (" + route.requested_service +
                                       ")"}}
                      .dump();
  return response;
}

void Engine::RecordFailedCall(Call& call, const protocol::ServiceModel& model, const Json& operation,
                              const Json& input, const std::optional<AwsError>& failure) {
  try {
    store::Transaction transaction(db_);
    trail::RecordCall(call, model, operation, input, nullptr, failure ? &*failure : nullptr);
    transaction.Commit();
  } catch (const std::exception& error) {
    // The client already has its answer; a record that cannot be stored is a server fault to log, not to send.
    std::cerr << "trailbox: request " << call.request_id << " could not be recorded: " << error.what() << "\n";
  }
}

Json Engine::Execute(Call& call, const protocol::ServiceModel& model, const Json& operation, const Json& input,
                     WireProtocol protocol, const std::string& host) {
  auto violations = protocol::ValidateInput(model, operation, input);
  if (!violations.empty()) throw protocol::ValidationFailure(model, protocol, violations);
  Handler handler = FindHandler(model, call.operation);
  if (!handler || operation.value("notImplemented", false)) throw NotImplemented(model, call.operation);

  store::Transaction transaction(db_);
  // SNS writes links to trailbox into messages (SubscribeURL, UnsubscribeURL): the host clients reach it at.
  if (call.service == "sns" && !host.empty()) sns::RememberEndpoint(db_, host);
  Json output = handler(call, input);
  // The call's CloudTrail record commits with its effects: one commit per request.
  trail::RecordCall(call, model, operation, input, &output, nullptr);
  transaction.Commit();
  return output;
}

Json Engine::Invoke(const Invocation& invocation) {
  std::lock_guard<std::mutex> lock(mutex_);
  const protocol::ServiceModel* model = protocol::FindServiceModel(invocation.service);
  if (!model || !services_.count(invocation.service)) {
    throw AwsError("UnknownServiceException", "trailbox does not emulate the service " + invocation.service, 400);
  }
  const Json* operation = model->FindOperation(invocation.operation);
  if (!operation) throw UnknownOperation(NativeProtocol(*model), *model, invocation.operation);
  Call call(db_, scheduler_);
  call.service = model->endpoint_prefix();
  call.operation = invocation.operation;
  call.region = invocation.region;
  call.request_id = NewUuid();
  call.source_ip = invocation.source_ip;
  call.user_agent = invocation.user_agent;
  call.identity = invocation.identity;
  try {
    return Execute(call, *model, *operation, invocation.input, NativeProtocol(*model), "");
  } catch (const AwsError& error) {
    RecordFailedCall(call, *model, *operation, invocation.input, error);
    throw;
  } catch (const std::exception& error) {
    AwsError failure("InternalFailure", std::string("The request processing has failed: ") + error.what(), 500);
    RecordFailedCall(call, *model, *operation, invocation.input, failure);
    throw failure;
  }
}

HttpResponse Engine::Dispatch(HttpRequest& request) {
  Route route = RouteRequest(request);
  if (route.kind == Route::Kind::kAdmin) return HandleAdmin(*this, request);
  if (route.kind == Route::Kind::kUnknownService) return UnknownService(route);
  std::string request_id = NewUuid();
  const protocol::ServiceModel& model = *route.model;
  const protocol::Codec& codec = protocol::CodecFor(route.protocol);
  const Json* operation = nullptr;
  Call call(db_, scheduler_);
  Json input = Json::object();
  std::optional<Json> output;
  std::optional<AwsError> failure;
  HttpResponse response;
  bool is_recorded = false;
  try {
    call.service = model.endpoint_prefix();
    call.region = route.region;
    call.request_id = request_id;
    call.source_ip = request.remote_address;
    call.user_agent = request.Header("User-Agent");
    call.identity = ResolveCaller(route, request);

    // gzip bodies (botocore's request compression) are inflated once here; S3 keeps bodies as sent.
    if (route.protocol != WireProtocol::kRestXml) protocol::InflateRequestBody(request);
    std::optional<std::string> name = codec.OperationName(model, request);
    operation = name ? model.FindOperation(*name) : nullptr;
    if (!operation) throw UnknownOperation(route.protocol, model, name.value_or(""));
    call.operation = *name;
    // S3 bodies: aws-chunked decoding (trailing checksums become headers) and Content-MD5, before parsing.
    if (route.protocol == WireProtocol::kRestXml) protocol::PrepareS3Body(request);
    // Parse and validate first, as AWS does: a malformed request is reported as such even for an operation
    // trailbox does not implement.
    input = codec.ParseRequest(model, *operation, request);
    output = Execute(call, model, *operation, input, route.protocol, request.Header("Host"));
    is_recorded = true;
    response = codec.SerializeResponse(model, *operation, *output, request_id);
  } catch (const AwsError& error) {
    failure = error;
    response = codec.SerializeError(model, operation, error, request_id);
  } catch (const std::exception& error) {
    std::cerr << "trailbox: request " << request_id << " failed: " << error.what() << "\n";
    failure = AwsError("InternalFailure",
                       "The request processing has failed because of an unknown error, exception or failure.", 500);
    response = codec.SerializeError(model, operation, *failure, request_id);
  }
  // Every call that reached its operation yields one CloudTrail record; a failed call's record is written after the
  // rollback, in a transaction of its own. Deviation: a call to an operation trailbox does not implement is
  // recorded with its NotImplemented error (AWS would have recorded the call too).
  if (operation && !is_recorded) RecordFailedCall(call, model, *operation, input, failure);
  return response;
}

}  // namespace trailbox::http
