// Running scenarios (runner.hpp) in-process on the engine: calls through Engine::Invoke (the request path once
// parsed: validation, transaction, handler, CloudTrail record), injected records through trail::InjectRecord, the
// clock through the scheduler, flushes through trail::FlushTrails — the same functions the admin endpoints use.
#include "scenario/runner.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>

#include "core/aws_error.hpp"
#include "http/engine.hpp"
#include "services/iam/credentials.hpp"
#include "services/iam/entities.hpp"
#include "services/sns/outbox.hpp"
#include "store/database.hpp"
#include "trail/delivery.hpp"
#include "trail/recorder.hpp"

namespace trailbox::scenario {
namespace {

// A step that cannot go on; its message is the step's failure detail.
struct StepFailure {
  std::string detail;
};

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::string SavedText(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

class ScenarioRun {
 public:
  explicit ScenarioRun(const Scenario& scenario)
      : scenario_(scenario),
        engine_(http::EngineOptions{.ephemeral = true,
                                    .clock_mode = ClockMode::kVirtual,
                                    .delivery_interval = scenario.delivery_interval}) {
    engine_.clock().SetVirtual(scenario.start);
  }

  double VirtualSeconds() {
    return std::chrono::duration<double>(engine_.clock().now() - scenario_.start).count();
  }

  // Runs one step; throws StepFailure. Answers the detail a passed step reports (saved values).
  std::string RunStep(const Step& step, std::vector<CheckResult>& checks) {
    switch (step.kind) {
      case StepKind::kCall:
        return RunCall(step.call);
      case StepKind::kInject:
        Inject(Substituted(step.records));
        return "";
      case StepKind::kAdvance:
        engine_.scheduler().AdvanceTo(engine_.clock().now() + step.advance);
        return "";
      case StepKind::kFlush:
        return Flush();
      case StepKind::kConfirmSubscription:
        return ConfirmSubscription(Substituted(Json(step.endpoint)).get<std::string>());
      case StepKind::kExpect:
        for (const Check& check : step.checks) checks.push_back(Evaluate(check));
        return "";
    }
    return "";
  }

 private:
  Json Substituted(const Json& document) const {
    try {
      return Substitute(document, saved_);
    } catch (const std::out_of_range& error) {
      throw StepFailure{error.what()};
    }
  }

  std::string Region(const CallSpec& call) const { return call.region.empty() ? scenario_.region : call.region; }

  // `as:` -> the identity: the account's root; an IAM user (as if signing with one of its keys); a role session,
  // assumed by the user through sts.AssumeRole (its trust policy applies; the call is recorded) or, without a user,
  // issued directly.
  // Open: a role session without a user skips the trust policy — the scenario speaks for whichever principal the
  // trust allows (AWS refuses AssumeRole to root, so no default caller could assume it).
  Identity Resolve(const Caller& caller, const std::string& region) {
    std::string account = caller.account.empty() ? kDefaultAccount : caller.account;
    Identity identity = Identity::RootOf(account);
    if (!caller.user.empty()) {
      std::optional<iam::UserRow> user = iam::FindUser(engine_.db(), account, caller.user);
      if (!user) throw StepFailure{"as: no IAM user named '" + caller.user + "' in account " + account};
      identity.type = IdentityType::kIamUser;
      identity.arn = user->arn;
      identity.principal_id = user->user_id;
      identity.user_name = user->user_name;
    }
    if (caller.kind != Caller::Kind::kRole) return identity;
    std::string role_arn = "arn:aws:iam::" + account + ":role/" + caller.role;
    if (caller.user.empty()) return IssueRoleSession(account, caller.role, caller.session);
    Json assumed;
    try {
      assumed = engine_.Invoke({.service = "sts",
                                .operation = "AssumeRole",
                                .input = {{"RoleArn", role_arn}, {"RoleSessionName", caller.session}},
                                .identity = identity,
                                .region = region});
    } catch (const AwsError& error) {
      throw StepFailure{"as: " + caller.user + " assuming " + role_arn + " failed: " + error.code() + ": " +
                        error.message()};
    }
    std::string key = assumed["Credentials"]["AccessKeyId"];
    return iam::FindCredentials(engine_.db(), key).value().identity;
  }

  // A session of the role as sts.AssumeRole issues it (iam::RoleSessionIdentity), for an hour.
  Identity IssueRoleSession(const std::string& account, const std::string& role_name, const std::string& session_name) {
    std::optional<iam::RoleRow> role = iam::FindRole(engine_.db(), account, role_name);
    if (!role) throw StepFailure{"as: no IAM role named '" + role_name + "' in account " + account};
    Identity session = iam::RoleSessionIdentity(*role, session_name);
    double now = ToEpochSeconds(engine_.clock().now());
    store::Transaction transaction(engine_.db());
    iam::Credentials credentials = iam::IssueTemporaryCredentials(engine_.db(), session, now, now + 3600);
    transaction.Commit();
    return credentials.identity;
  }

  std::string RunCall(const CallSpec& spec) {
    std::string region = Region(spec);
    Json input = Substituted(spec.input);
    Identity identity = Resolve(spec.caller, region);
    Json output;
    try {
      output = engine_.Invoke({.service = spec.service,
                               .operation = spec.operation,
                               .input = std::move(input),
                               .identity = identity,
                               .region = region});
    } catch (const AwsError& error) {
      if (!spec.expected_error) throw StepFailure{"failed with " + error.code() + ": " + error.message()};
      const ExpectedError& expected = *spec.expected_error;
      bool is_expected = error.code() == expected.code && (!expected.message || *expected.message == error.message());
      if (!is_expected) {
        throw StepFailure{"expected " + expected.code + (expected.message ? " '" + *expected.message + "'" : "") +
                          ", got " + error.code() + " '" + error.message() + "'"};
      }
      return "";
    }
    if (spec.expected_error) {
      throw StepFailure{"expected " + spec.expected_error->code + ", but the call succeeded: " + output.dump()};
    }
    std::string detail;
    for (const auto& [name, path] : spec.saves) {
      const Json* value = FindPath(output, path);
      if (!value) throw StepFailure{"save " + name + ": the output has no " + path + "; output: " + output.dump()};
      saved_[name] = SavedText(*value);
      detail += (detail.empty() ? "" : ", ") + name + " = " + saved_[name];
    }
    return detail;
  }

  void Inject(const Json& records) {
    double now = ToEpochSeconds(engine_.clock().now());
    try {
      store::Transaction transaction(engine_.db());
      for (const Json& record : records) trail::InjectRecord(engine_.db(), record, now);
      transaction.Commit();
    } catch (const std::invalid_argument& error) {
      throw StepFailure{error.what()};
    }
  }

  std::string Flush() {
    store::Transaction transaction(engine_.db());
    Json summary = trail::FlushTrails(engine_.db(), engine_.scheduler(), ToEpochSeconds(engine_.clock().now()));
    transaction.Commit();
    std::string detail = summary.value("log_files", Json(0)).dump() + " log files, " +
                         summary.value("log_events", Json(0)).dump() + " log events";
    if (!summary.value("errors", Json::array()).empty()) detail += "; errors: " + summary["errors"].dump();
    return detail;
  }

  // As a subscriber following the link of the latest confirmation request sent to `endpoint`: sns.ConfirmSubscription
  // with its token, made by the scenario's caller (`as:` at the top, the root by default) in the topic's region.
  std::string ConfirmSubscription(const std::string& endpoint) {
    Json messages = sns::ListOutbox(engine_.db(), endpoint);
    const Json* request = nullptr;
    for (const Json& message : messages) {
      if (message["message_type"] == "SubscriptionConfirmation") request = &message;
    }
    if (!request) throw StepFailure{"no subscription confirmation request was sent to " + endpoint};
    std::string token;
    Json body = Json::parse((*request)["body"].get<std::string>(), nullptr, false);
    if (body.is_object() && body.contains("Token")) {
      token = body["Token"];
    } else {
      static const std::regex kTokenPattern("Token=([^&\\s\"<>]+)");
      std::smatch match;
      std::string text = (*request)["body"];
      if (!std::regex_search(text, match, kTokenPattern)) throw StepFailure{"the confirmation to " + endpoint + " has no token"};
      token = match[1];
    }
    std::string topic_arn = (*request)["topic_arn"];
    // arn:aws:sns:<region>:<account>:<topic>
    std::vector<std::string> parts;
    for (size_t start = 0, end = 0; end != std::string::npos; start = end + 1) {
      end = topic_arn.find(':', start);
      parts.push_back(topic_arn.substr(start, end == std::string::npos ? end : end - start));
    }
    if (parts.size() < 6) throw StepFailure{"unexpected topic ARN " + topic_arn};
    try {
      Json confirmed = engine_.Invoke({.service = "sns",
                                       .operation = "ConfirmSubscription",
                                       .input = {{"TopicArn", topic_arn}, {"Token", token}},
                                       .identity = Resolve(scenario_.caller, parts[3]),
                                       .region = parts[3]});
      return confirmed.value("SubscriptionArn", "");
    } catch (const AwsError& error) {
      throw StepFailure{"ConfirmSubscription failed: " + error.code() + ": " + error.message()};
    }
  }

  CheckResult Evaluate(const Check& check) {
    Check substituted = check;
    substituted.spec = Substituted(check.spec);
    Identity caller = Identity::RootOf(kDefaultAccount);
    if (substituted.call) {
      substituted.call->input = Substituted(check.call->input);
      caller = Resolve(check.call->caller, scenario_.region);
    }
    return EvaluateCheck(engine_, substituted, caller, scenario_.region);
  }

  const Scenario& scenario_;
  http::Engine engine_;
  std::map<std::string, std::string> saved_;
};

StepResult Begin(const Step& step) {
  StepResult result;
  result.number = step.number;
  result.line = step.line;
  result.kind = step.kind;
  result.label = step.label;
  result.description = step.Describe();
  return result;
}

}  // namespace

bool ScenarioResult::passed() const { return !load_error && failed_steps() == 0; }

size_t ScenarioResult::failed_steps() const {
  return std::count_if(steps.begin(), steps.end(), [](const StepResult& step) { return step.outcome == Outcome::kFailed; });
}

size_t ScenarioResult::checks_run() const {
  size_t count = 0;
  for (const StepResult& step : steps) count += step.checks.size();
  return count;
}

size_t ScenarioResult::checks_failed() const {
  size_t count = 0;
  for (const StepResult& step : steps) {
    count += std::count_if(step.checks.begin(), step.checks.end(), [](const CheckResult& check) { return !check.passed; });
  }
  return count;
}

ScenarioResult RunScenario(const Scenario& scenario) {
  auto started = std::chrono::steady_clock::now();
  ScenarioResult result;
  result.file = scenario.file;
  result.name = scenario.name;
  result.description = scenario.description;
  ScenarioRun run(scenario);
  bool is_stopped = false;
  for (const Step& step : scenario.steps) {
    StepResult step_result = Begin(step);
    if (is_stopped) {
      step_result.outcome = Outcome::kSkipped;
      result.steps.push_back(std::move(step_result));
      continue;
    }
    auto step_started = std::chrono::steady_clock::now();
    try {
      step_result.detail = run.RunStep(step, step_result.checks);
      bool has_failed_check = std::any_of(step_result.checks.begin(), step_result.checks.end(),
                                          [](const CheckResult& check) { return !check.passed; });
      step_result.outcome = has_failed_check ? Outcome::kFailed : Outcome::kPassed;
    } catch (const StepFailure& failure) {
      step_result.outcome = Outcome::kFailed;
      step_result.detail = failure.detail;
      is_stopped = true;
    } catch (const std::exception& error) {
      step_result.outcome = Outcome::kFailed;
      step_result.detail = std::string("internal error: ") + error.what();
      is_stopped = true;
    }
    step_result.elapsed_ms = MillisSince(step_started);
    result.steps.push_back(std::move(step_result));
  }
  result.virtual_seconds = run.VirtualSeconds();
  result.elapsed_ms = MillisSince(started);
  return result;
}

ScenarioResult LoadFailure(const std::string& file, const std::string& message) {
  ScenarioResult result;
  result.file = file;
  result.name = file;
  result.load_error = message;
  return result;
}

std::vector<ScenarioResult> RunScenarioFiles(const std::vector<std::string>& files) {
  std::vector<ScenarioResult> results;
  for (const std::string& file : files) {
    try {
      results.push_back(RunScenario(LoadScenarioFile(file)));
    } catch (const LoadError& error) {
      results.push_back(LoadFailure(file, error.what()));
    }
  }
  return results;
}

}  // namespace trailbox::scenario
