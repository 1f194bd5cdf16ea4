// The engine: the state every request shares — the SQLite store, the clock and scheduler, the services' operation
// tables — and the one entry point the server calls. Sockets never reach here (shared/STYLE.md, http/).
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/aws_error.hpp"
#include "core/clock.hpp"
#include "core/operation_table.hpp"
#include "core/scheduler.hpp"
#include "core/identity.hpp"
#include "core/version.hpp"
#include "protocol/codec.hpp"
#include "protocol/http_message.hpp"
#include "protocol/model.hpp"
#include "store/database.hpp"

namespace trailbox::http {

struct Route;

/// One AWS call made in-process (scenarios, backtest rules), as a client would make it once parsed.
struct Invocation {
  std::string service;    // the model's name: "iam", "logs", "cloudwatch", "cloudtrail"...
  std::string operation;  // e.g. "PutMetricFilter"
  Json input = Json::object();  // the input document as the model shapes it (core/json.hpp's conventions)
  Identity identity = Identity::RootOf(kDefaultAccount);
  std::string region = kDefaultRegion;
  std::string user_agent = "trailbox";
  std::string source_ip = "127.0.0.1";
};

struct EngineOptions {
  /// Directory holding trailbox.db; ignored when ephemeral.
  std::filesystem::path data_dir = "trailbox-data";
  bool ephemeral = false;
  ClockMode clock_mode = ClockMode::kReal;
  /// --auth sigv4: verify signatures (SignatureDoesNotMatch / InvalidClientTokenId).
  bool verify_signatures = false;
  /// --delivery-interval: seconds between trail deliveries (default: 300 with the virtual clock, 10 with the real).
  std::optional<double> delivery_interval;
  std::string version = kVersion;
};

class Engine {
 public:
  explicit Engine(EngineOptions options);
  ~Engine();

  /// Answers one request (thread-safe; requests are serialized on the store).
  protocol::HttpResponse Handle(protocol::HttpRequest request);
  /// The answer for a request whose body exceeds the size limit, in the protocol it speaks.
  protocol::HttpResponse RejectTooLarge(protocol::HttpRequest request, size_t limit);
  /// Makes one call in-process through the same path as a request once parsed: validation against the model,
  /// NotImplemented, one transaction, the handler, the CloudTrail record. Answers the output document; throws the
  /// AwsError the service would answer (its record stored too).
  Json Invoke(const Invocation& invocation);
  /// Real mode: runs the scheduler's due tasks. Called by the server's timer.
  void RunDueTasks();
  /// Checkpoints the WAL (graceful shutdown).
  void Checkpoint();

  const EngineOptions& options() const { return options_; }
  Scheduler& scheduler() { return scheduler_; }
  Clock& clock() { return clock_; }
  store::Database& db() { return db_; }
  /// The services with an operation table, by model name ("iam", "sts"...).
  const std::map<std::string, OperationTable>& services() const { return services_; }
  /// Empties every table and pending task (admin reset); the clock keeps its time.
  void Reset();
  /// Stores a virtual clock's time (after it moves), so a restart resumes there.
  void SaveVirtualClock();

 private:
  protocol::HttpResponse Dispatch(protocol::HttpRequest& request);
  /// The caller from the access key (IAM/STS keys, a 12-digit account id, else the default account's root);
  /// with verify_signatures, also checks the signature.
  Identity ResolveCaller(const Route& route, const protocol::HttpRequest& request);
  Handler FindHandler(const protocol::ServiceModel& model, const std::string& operation) const;
  /// The common path of Dispatch and Invoke once the input is parsed: validate -> NotImplemented -> transaction ->
  /// handler -> record -> commit. `host` is the Host the client reached trailbox at (empty in-process).
  Json Execute(Call& call, const protocol::ServiceModel& model, const Json& operation, const Json& input,
               protocol::WireProtocol protocol, const std::string& host);
  /// Schedules again every service's tasks on the clock from the stored state (start-up).
  void ResumeTasks();
  /// Stores the run's settings that services read from the store (the trail delivery interval, the virtual time).
  void ApplySettings();
  /// A virtual clock continues from the time stored by the previous run on this data directory.
  void RestoreVirtualClock();
  /// The answer for a request no emulated service recognises.
  static protocol::HttpResponse UnknownService(const Route& route);
  /// Stores the CloudTrail record of a call that failed (its own transaction, after the rollback).
  void RecordFailedCall(Call& call, const protocol::ServiceModel& model, const Json& operation, const Json& input,
                        const std::optional<AwsError>& failure);

  EngineOptions options_;
  Clock clock_;
  Scheduler scheduler_;
  store::Database db_;
  std::map<std::string, OperationTable> services_;
  std::mutex mutex_;
};

}  // namespace trailbox::http
