// Call: everything a handler may know about the request it serves — who, where, when, and the open transaction.
// Handlers never see HTTP (shared/STYLE.md, rule 2).
#pragma once
#include <string>

#include "core/clock.hpp"
#include "core/identity.hpp"
#include "core/scheduler.hpp"

namespace trailbox {
namespace store {
class Database;
}

class Call {
 public:
  Call(store::Database& db, Scheduler& scheduler) : db_(&db), scheduler_(&scheduler) {}

  /// The SQLite connection; the dispatcher has opened this request's transaction on it.
  store::Database& db() { return *db_; }
  Scheduler& scheduler() { return *scheduler_; }
  const Clock& clock() const { return scheduler_->clock(); }
  TimePoint now() const { return scheduler_->now(); }
  /// The account the request acts in: the caller's account.
  const std::string& account_id() const { return identity.account_id; }

  std::string service;     // endpoint prefix: "iam", "sts", "logs", "monitoring", "s3"...
  std::string operation;   // model operation name, e.g. "CreateUser"
  std::string region = kDefaultRegion;
  std::string request_id;
  std::string source_ip = "127.0.0.1";
  std::string user_agent;
  Identity identity;

 private:
  store::Database* db_;
  Scheduler* scheduler_;
};

}  // namespace trailbox
