// Test support for service handlers: an in-memory store, a virtual clock, a scheduler and a Call, with the
// service's operation table, so a test calls handlers exactly as the dispatcher does (without HTTP).
#pragma once
#include <functional>
#include <stdexcept>
#include <string>

#include "core/aws_error.hpp"
#include "core/call.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/operation_table.hpp"
#include "core/scheduler.hpp"
#include "store/database.hpp"

namespace trailbox::common {

/// One service (or several) ready to take calls; the caller is the root user of 111122223333 until changed.
class HandlerHarness {
 public:
  /// `start`: the virtual clock's time, epoch seconds (2026-01-01T00:00:00Z by default).
  explicit HandlerHarness(double start = 1767225600)
      : db_(":memory:"),
        clock_(ClockMode::kVirtual, FromEpochSeconds(start)),
        scheduler_(clock_),
        call_(db_, scheduler_) {
    call_.identity = Identity::RootOf("111122223333");
  }

  /// Adds operations to the table, e.g. harness.Register(iam::AddIamOperations).
  void Register(const std::function<void(OperationTable&)>& add) { add(table_); }

  /// Calls `operation` with `input` as the dispatcher would (inside one transaction, rolled back on error).
  Json Run(const std::string& operation, const Json& input = Json::object()) {
    Handler handler = table_.Find(operation);
    if (!handler) throw std::logic_error("operation not registered: " + operation);
    call_.operation = operation;
    store::Transaction transaction(db_);
    Json output = handler(call_, input);
    transaction.Commit();
    return output;
  }

  /// The AwsError `operation` ends with; throws std::logic_error when it succeeds.
  AwsError Fail(const std::string& operation, const Json& input = Json::object()) {
    try {
      Run(operation, input);
    } catch (const AwsError& error) {
      return error;
    }
    throw std::logic_error(operation + " succeeded where an error was expected");
  }

  /// The call handlers receive; tests change its identity to act as another caller.
  Call& call() { return call_; }
  /// The store, for checks that read state directly.
  store::Database& db() { return db_; }
  /// The scheduler and its virtual clock.
  Scheduler& scheduler() { return scheduler_; }

 private:
  store::Database db_;
  Clock clock_;
  Scheduler scheduler_;
  Call call_;
  OperationTable table_;
};

}  // namespace trailbox::common
