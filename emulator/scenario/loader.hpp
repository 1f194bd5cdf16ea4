// Scenario files (scenarios/*.yaml, the format of scenarios/README.md): read and checked whole before anything
// runs, so a typo is a load error naming the file, the step and the member, never a half-run scenario.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"

namespace trailbox::scenario {

/// A scenario file that cannot be used; the message starts with "FILE: " and names the step and member.
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Who makes a call (`as:`): the account's root by default, an IAM user, or a session of a role — assumed by `user`
/// through sts.AssumeRole when a user is given, else issued directly.
struct Caller {
  enum class Kind { kRoot, kUser, kRole };
  Kind kind = Kind::kRoot;
  std::string account;  // empty: the default account 000000000000
  std::string user;     // IAM user name (kUser; kRole: who assumes the role)
  std::string role;     // role name (kRole)
  std::string session;  // role session name
};

/// The error a call step expects (`expect_error:`).
struct ExpectedError {
  std::string code;
  std::optional<std::string> message;
};

/// One AWS call: `<model name>.<Operation>` with its input converted against the model (document_from_yaml.hpp).
struct CallSpec {
  std::string service;
  std::string operation;
  Json input = Json::object();
  Caller caller;
  std::string region;  // empty: the scenario's region
  /// `save:` name -> path into the output ("Instances[0].InstanceId"), in file order.
  std::vector<std::pair<std::string, std::string>> saves;
  std::optional<ExpectedError> expected_error;
  /// "s3.CreateBucket"
  std::string Name() const { return service + "." + operation; }
};

enum class CheckKind { kAlarm, kEmail, kMetric, kTrailRecords, kLogEvents, kCall };

/// One check of an `expect:` step. `spec` holds its members as plain JSON (checked for names and types at load);
/// a `call` check also has its call, and `output` converted against the operation's output shape.
struct Check {
  CheckKind kind = CheckKind::kAlarm;
  Json spec = Json::object();
  std::optional<CallSpec> call;
};

/// The YAML key of a check kind ("trail_records").
const char* CheckKindName(CheckKind kind);

enum class StepKind { kCall, kInject, kAdvance, kFlush, kConfirmSubscription, kExpect };

struct Step {
  StepKind kind = StepKind::kCall;
  size_t number = 0;  // 1-based position in the file
  int line = 0;       // 1-based line in the file
  std::string label;  // `name:` of the step, optional
  CallSpec call;                 // kCall
  Json records = Json::array();  // kInject: the records, plain JSON
  Duration advance{0};           // kAdvance
  std::string advance_text;      // kAdvance, as written: "10m"
  std::string endpoint;          // kConfirmSubscription: the subscriber's address
  std::vector<Check> checks;     // kExpect
  /// One line saying what the step does: "call s3.CreateBucket", "advance 10m", "expect alarm, email".
  std::string Describe() const;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  TimePoint start;
  double delivery_interval = 300;  // seconds
  std::string region = "us-east-1";
  /// `as:` at the top: the caller of call steps that name none (expectations' calls keep the root).
  Caller caller;
  std::vector<Step> steps;
};

/// The default start of a scenario's virtual clock: 2026-01-01T00:00:00Z.
TimePoint DefaultStart();

/// Reads a scenario from YAML `text`; `file` names it in errors. Throws LoadError.
Scenario LoadScenario(std::string_view text, const std::string& file);

/// Reads the scenario file at `path`. Throws LoadError (also when it cannot be read).
Scenario LoadScenarioFile(const std::filesystem::path& path);

/// The value at `path` ("Instances[0].InstanceId", "Trails[0]") in `document`, or nullptr when absent.
const Json* FindPath(const Json& document, std::string_view path);

/// `${name}` in every string of `document` replaced by the saved value; throws std::out_of_range naming an
/// unknown name.
Json Substitute(const Json& document, const std::map<std::string, std::string>& saved);

}  // namespace trailbox::scenario
