// Loading scenario files (loader.hpp; the format is scenarios/README.md). Every error reads
// "FILE:LINE: step N (what it does): member: problem".
#include "scenario/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "core/time_format.hpp"
#include "scenario/document_from_yaml.hpp"

namespace trailbox::scenario {
namespace {

// A problem at a YAML node; LoadStep adds the file, line and step.
struct StepProblem {
  std::string member;
  std::string problem;
  YAML::Mark mark;
};

[[noreturn]] void Fail(const YAML::Node& node, std::string member, std::string problem) {
  throw StepProblem{std::move(member), std::move(problem), node.Mark()};
}

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string RequireString(const YAML::Node& node, const std::string& member) {
  if (!node.IsScalar()) Fail(node, member, "expected a string");
  return node.Scalar();
}

void RequireKeys(const YAML::Node& map, const std::string& where, const std::vector<std::string>& allowed) {
  if (!map.IsMap()) Fail(map, where, "expected a map with " + Join(allowed));
  for (const auto& entry : map) {
    std::string key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      Fail(entry.first, where.empty() ? key : where + "." + key, "unknown key (expected one of " + Join(allowed) + ")");
    }
  }
}

Duration RequireDuration(const YAML::Node& node, const std::string& member) {
  auto duration = node.IsScalar() ? ParseDuration(node.Scalar()) : std::nullopt;
  if (!duration || duration->count() <= 0) {
    Fail(node, member, "expected a duration such as 90s, 5m, 2h, 31d or 1h30m");
  }
  return *duration;
}

// "s3.CreateBucket" -> {"s3", "CreateBucket"}.
std::pair<std::string, std::string> SplitCallName(const YAML::Node& node, const std::string& member) {
  std::string name = RequireString(node, member);
  size_t dot = name.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) {
    Fail(node, member, "expected <service>.<Operation>, e.g. s3.CreateBucket, got '" + name + "'");
  }
  return {name.substr(0, dot), name.substr(dot + 1)};
}

Caller LoadCaller(const YAML::Node& node, const std::string& member) {
  RequireKeys(node, member, {"user", "role", "session", "account"});
  Caller caller;
  if (node["account"]) {
    caller.account = RequireString(node["account"], member + ".account");
    bool is_account_id = caller.account.size() == 12 &&
                         caller.account.find_first_not_of("0123456789") == std::string::npos;
    if (!is_account_id) Fail(node["account"], member + ".account", "expected a 12-digit account id (quote it)");
  }
  if (node["user"]) {
    caller.kind = Caller::Kind::kUser;
    caller.user = RequireString(node["user"], member + ".user");
  }
  if (node["role"]) {
    caller.kind = Caller::Kind::kRole;
    caller.role = RequireString(node["role"], member + ".role");
    caller.session = node["session"] ? RequireString(node["session"], member + ".session") : "trailbox-scenario";
  } else if (node["session"]) {
    Fail(node["session"], member + ".session", "a session needs a role");
  }
  return caller;
}

CallSpec LoadCall(const YAML::Node& step, const std::string& call_key, bool is_check, const Caller& default_caller) {
  CallSpec call;
  call.caller = default_caller;
  std::tie(call.service, call.operation) = SplitCallName(step[call_key], call_key);
  try {
    call.input = OperationDocumentFromYaml(step["input"], call.service, call.operation);
  } catch (const ConversionError& error) {
    const YAML::Node& input = step["input"] ? step["input"] : step[call_key];
    Fail(input, error.member().empty() ? "input" : "input." + error.member(), error.problem());
  }
  if (step["as"]) call.caller = LoadCaller(step["as"], "as");
  if (is_check) return call;
  if (step["region"]) call.region = RequireString(step["region"], "region");
  if (const YAML::Node& save = step["save"]) {
    if (!save.IsMap()) Fail(save, "save", "expected a map of name: path into the output");
    for (const auto& entry : save) {
      call.saves.emplace_back(entry.first.Scalar(), RequireString(entry.second, "save." + entry.first.Scalar()));
    }
  }
  if (const YAML::Node& expected = step["expect_error"]) {
    RequireKeys(expected, "expect_error", {"code", "message"});
    if (!expected["code"]) Fail(expected, "expect_error.code", "missing (the AWS error code)");
    call.expected_error = ExpectedError{RequireString(expected["code"], "expect_error.code"), std::nullopt};
    if (expected["message"]) call.expected_error->message = RequireString(expected["message"], "expect_error.message");
    if (!call.saves.empty()) Fail(step["save"], "save", "a call that must fail has no output to save from");
  }
  return call;
}

// The members a check kind takes, and their types.
enum class SpecType { kString, kInteger, kNumber, kStringList, kStringMap };
struct SpecMember {
  const char* name;
  SpecType type;
  bool is_required;
};

Json LoadSpecValue(const YAML::Node& node, SpecType type, const std::string& member) {
  switch (type) {
    case SpecType::kString:
      return RequireString(node, member);
    case SpecType::kInteger: {
      Json value = PlainJsonFromYaml(node);
      if (!value.is_number_integer() || value.get<int64_t>() < 0) Fail(node, member, "expected a count (0 or more)");
      return value;
    }
    case SpecType::kNumber: {
      Json value = PlainJsonFromYaml(node);
      if (!value.is_number()) Fail(node, member, "expected a number");
      return value;
    }
    case SpecType::kStringList: {
      if (!node.IsSequence()) Fail(node, member, "expected a list of strings");
      Json list = Json::array();
      for (size_t i = 0; i < node.size(); ++i) list.push_back(RequireString(node[i], member + "[" + std::to_string(i) + "]"));
      return list;
    }
    case SpecType::kStringMap: {
      if (!node.IsMap()) Fail(node, member, "expected a map of names to values");
      Json map = Json::object();
      for (const auto& entry : node) {
        map[entry.first.Scalar()] = RequireString(entry.second, member + "." + entry.first.Scalar());
      }
      return map;
    }
  }
  return nullptr;
}

std::vector<SpecMember> SpecMembers(CheckKind kind) {
  using enum SpecType;
  switch (kind) {
    case CheckKind::kAlarm:
      return {{"name", kString, true}, {"state", kString, false}, {"reason_contains", kString, false}};
    case CheckKind::kEmail:
      return {{"to", kString, true}, {"count", kInteger, false}, {"subject", kString, false},
              {"body_contains", kString, false}};
    case CheckKind::kMetric:
      return {{"namespace", kString, true}, {"name", kString, true}, {"statistic", kString, false},
              {"value", kNumber, true}, {"dimensions", kStringMap, false}};
    case CheckKind::kTrailRecords:
      return {{"bucket", kString, true}, {"include", kStringList, false}, {"exclude", kStringList, false},
              {"count", kInteger, false}};
    case CheckKind::kLogEvents:
      return {{"group", kString, true}, {"include", kStringList, false}, {"exclude", kStringList, false},
              {"count", kInteger, false}};
    case CheckKind::kCall:
      return {{"has", kStringList, false}, {"lacks", kStringList, false}};
  }
  return {};
}

constexpr CheckKind kCheckKinds[] = {CheckKind::kAlarm,        CheckKind::kEmail,     CheckKind::kMetric,
                                     CheckKind::kTrailRecords, CheckKind::kLogEvents, CheckKind::kCall};

Check LoadCheck(CheckKind kind, const YAML::Node& node, const std::string& where) {
  Check check;
  check.kind = kind;
  std::vector<SpecMember> members = SpecMembers(kind);
  std::vector<std::string> allowed;
  for (const SpecMember& member : members) allowed.push_back(member.name);
  if (kind == CheckKind::kCall) allowed.insert(allowed.end(), {"call", "input", "as", "output"});
  RequireKeys(node, where, allowed);
  for (const SpecMember& member : members) {
    std::string path = where + "." + member.name;
    if (!node[member.name]) {
      if (member.is_required) Fail(node, path, "missing");
      continue;
    }
    check.spec[member.name] = LoadSpecValue(node[member.name], member.type, path);
  }
  if (kind == CheckKind::kAlarm && !check.spec.contains("state") && !check.spec.contains("reason_contains")) {
    Fail(node, where, "give state and/or reason_contains");
  }
  if (kind == CheckKind::kAlarm && check.spec.contains("state")) {
    std::string state = check.spec["state"];
    if (state != "OK" && state != "ALARM" && state != "INSUFFICIENT_DATA") {
      Fail(node["state"], where + ".state", "expected OK, ALARM or INSUFFICIENT_DATA, got '" + state + "'");
    }
  }
  if (kind == CheckKind::kCall) {
    if (!node["call"]) Fail(node, where + ".call", "missing (<service>.<Operation>)");
    try {
      check.call = LoadCall(node, "call", true, Caller{});
    } catch (StepProblem& problem) {
      problem.member = where + "." + problem.member;
      throw;
    }
    if (node["output"]) {
      try {
        check.spec["output"] = OperationDocumentFromYaml(node["output"], check.call->service, check.call->operation,
                                                         true);
      } catch (const ConversionError& error) {
        Fail(node["output"], where + ".output" + (error.member().empty() ? "" : "." + error.member()),
             error.problem());
      }
    }
  }
  return check;
}

std::vector<Check> LoadChecks(const YAML::Node& node) {
  std::vector<std::string> kinds;
  for (CheckKind kind : kCheckKinds) kinds.push_back(CheckKindName(kind));
  RequireKeys(node, "expect", kinds);
  if (node.size() == 0) Fail(node, "expect", "no checks (expected one or more of " + Join(kinds) + ")");
  std::vector<Check> checks;
  for (const auto& entry : node) {
    std::string key = entry.first.Scalar();
    CheckKind kind = *std::find_if(std::begin(kCheckKinds), std::end(kCheckKinds),
                                   [&](CheckKind candidate) { return key == CheckKindName(candidate); });
    // A list of checks of one kind: `alarm: [{...}, {...}]`.
    if (entry.second.IsSequence()) {
      for (size_t i = 0; i < entry.second.size(); ++i) {
        checks.push_back(LoadCheck(kind, entry.second[i], "expect." + key + "[" + std::to_string(i) + "]"));
      }
    } else {
      checks.push_back(LoadCheck(kind, entry.second, "expect." + key));
    }
  }
  return checks;
}

struct StepKey {
  const char* key;
  StepKind kind;
  std::vector<std::string> allowed;
};

const std::vector<StepKey>& StepKeys() {
  static const std::vector<StepKey> keys = {
      {"call", StepKind::kCall, {"call", "input", "as", "save", "expect_error", "region", "name"}},
      {"inject", StepKind::kInject, {"inject", "name"}},
      {"advance", StepKind::kAdvance, {"advance", "name"}},
      {"flush", StepKind::kFlush, {"flush", "name"}},
      {"confirm_subscription", StepKind::kConfirmSubscription, {"confirm_subscription", "name"}},
      {"expect", StepKind::kExpect, {"expect", "name"}},
  };
  return keys;
}

Step LoadStep(const YAML::Node& node, const Caller& default_caller) {
  std::vector<std::string> kinds;
  for (const StepKey& key : StepKeys()) kinds.push_back(key.key);
  if (!node.IsMap()) Fail(node, "", "expected a map with one of " + Join(kinds));
  const StepKey* found = nullptr;
  for (const StepKey& key : StepKeys()) {
    if (!node[key.key]) continue;
    if (found) Fail(node, "", std::string("a step does one thing: both ") + found->key + " and " + key.key);
    found = &key;
  }
  if (!found) Fail(node, "", "expected one of " + Join(kinds));
  RequireKeys(node, "", found->allowed);
  Step step;
  step.kind = found->kind;
  if (node["name"]) step.label = RequireString(node["name"], "name");
  const YAML::Node& body = node[found->key];
  switch (step.kind) {
    case StepKind::kCall:
      step.call = LoadCall(node, "call", false, default_caller);
      break;
    case StepKind::kInject: {
      if (!body.IsMap() && !body.IsSequence()) Fail(body, "inject", "expected a CloudTrail record or a list of them");
      Json records = PlainJsonFromYaml(body);
      step.records = records.is_array() ? records : Json::array({records});
      for (size_t i = 0; i < step.records.size(); ++i) {
        const Json& record = step.records[i];
        bool is_record = record.is_object() && record.value("eventName", Json()).is_string() &&
                         record.value("eventSource", Json()).is_string();
        if (!is_record) Fail(body, "inject[" + std::to_string(i) + "]", "a record needs eventSource and eventName");
      }
      break;
    }
    case StepKind::kAdvance:
      step.advance = RequireDuration(body, "advance");
      step.advance_text = body.Scalar();
      break;
    case StepKind::kFlush:
      if (!body.IsScalar() || body.Scalar() != "true") Fail(body, "flush", "expected true");
      break;
    case StepKind::kConfirmSubscription:
      if (body.IsMap()) {
        RequireKeys(body, "confirm_subscription", {"endpoint"});
        if (!body["endpoint"]) Fail(body, "confirm_subscription.endpoint", "missing");
        step.endpoint = RequireString(body["endpoint"], "confirm_subscription.endpoint");
      } else {
        step.endpoint = RequireString(body, "confirm_subscription");
      }
      break;
    case StepKind::kExpect:
      step.checks = LoadChecks(body);
      break;
  }
  return step;
}

// Every ${name} in the strings of `document`.
void CollectReferences(const Json& document, std::set<std::string>& names) {
  if (document.is_string()) {
    const std::string& text = document.get_ref<const std::string&>();
    for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
      size_t end = text.find('}', at);
      if (end != std::string::npos) names.insert(text.substr(at + 2, end - at - 2));
    }
  } else if (document.is_structured()) {
    for (const auto& item : document) CollectReferences(item, names);
  }
}

std::set<std::string> ReferencesOf(const Step& step) {
  std::set<std::string> names;
  CollectReferences(step.call.input, names);
  CollectReferences(step.records, names);
  CollectReferences(step.endpoint, names);
  for (const Check& check : step.checks) {
    CollectReferences(check.spec, names);
    if (check.call) CollectReferences(check.call->input, names);
  }
  return names;
}

std::string Location(const std::string& file, const YAML::Mark& mark) {
  return mark.is_null() ? file : file + ":" + std::to_string(mark.line + 1);
}

void LoadHeader(const YAML::Node& root, Scenario& scenario) {
  RequireKeys(root, "", {"name", "description", "start", "delivery_interval", "region", "as", "steps"});
  if (!root["name"]) Fail(root, "name", "missing (every scenario has a name)");
  scenario.name = RequireString(root["name"], "name");
  if (root["description"]) scenario.description = RequireString(root["description"], "description");
  if (root["start"]) {
    auto start = root["start"].IsScalar() ? ParseIso8601(root["start"].Scalar()) : std::nullopt;
    if (!start) Fail(root["start"], "start", "expected an ISO 8601 time such as 2026-01-01T00:00:00Z");
    scenario.start = FromEpochSeconds(*start);
  }
  if (root["delivery_interval"]) {
    scenario.delivery_interval =
        static_cast<double>(RequireDuration(root["delivery_interval"], "delivery_interval").count()) / 1000;
  }
  if (root["region"]) scenario.region = RequireString(root["region"], "region");
  if (root["as"]) scenario.caller = LoadCaller(root["as"], "as");
  if (!root["steps"] || !root["steps"].IsSequence() || root["steps"].size() == 0) {
    Fail(root["steps"] ? root["steps"] : root, "steps", "expected a list of steps");
  }
}

}  // namespace

const char* CheckKindName(CheckKind kind) {
  switch (kind) {
    case CheckKind::kAlarm: return "alarm";
    case CheckKind::kEmail: return "email";
    case CheckKind::kMetric: return "metric";
    case CheckKind::kTrailRecords: return "trail_records";
    case CheckKind::kLogEvents: return "log_events";
    case CheckKind::kCall: return "call";
  }
  return "?";
}

std::string Step::Describe() const {
  switch (kind) {
    case StepKind::kCall:
      return "call " + call.Name() + (call.expected_error ? " (expect " + call.expected_error->code + ")" : "");
    case StepKind::kInject:
      return "inject " + std::to_string(records.size()) + (records.size() == 1 ? " record" : " records");
    case StepKind::kAdvance:
      return "advance " + advance_text;
    case StepKind::kFlush:
      return "flush trails";
    case StepKind::kConfirmSubscription:
      return "confirm subscription of " + endpoint;
    case StepKind::kExpect: {
      std::string kinds;
      for (const Check& check : checks) kinds += (kinds.empty() ? "" : ", ") + std::string(CheckKindName(check.kind));
      return "expect " + kinds;
    }
  }
  return "?";
}

TimePoint DefaultStart() { return FromEpochSeconds(*ParseIso8601("2026-01-01T00:00:00Z")); }

Scenario LoadScenario(std::string_view text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    throw LoadError(Location(file, error.mark) + ": " + error.msg);
  }
  Scenario scenario;
  scenario.file = file;
  scenario.start = DefaultStart();
  try {
    LoadHeader(root, scenario);
  } catch (const StepProblem& problem) {
    throw LoadError(Location(file, problem.mark) + ": " + problem.member + ": " + problem.problem);
  }
  std::set<std::string> saved;
  const YAML::Node& steps = root["steps"];
  for (size_t i = 0; i < steps.size(); ++i) {
    std::string where = "step " + std::to_string(i + 1);
    // A call step names its call even when its input fails to load.
    const YAML::Node& call = steps[i].IsMap() ? steps[i]["call"] : YAML::Node();
    std::string call_name = call && call.IsScalar() ? "call " + call.Scalar() : "";
    try {
      Step step = LoadStep(steps[i], scenario.caller);
      step.number = i + 1;
      step.line = steps[i].Mark().line + 1;
      where += " (" + step.Describe() + ")";
      for (const std::string& name : ReferencesOf(step)) {
        if (!saved.count(name)) Fail(steps[i], "${" + name + "}", "no earlier step saves a value named '" + name + "'");
      }
      for (const auto& [name, path] : step.call.saves) saved.insert(name);
      scenario.steps.push_back(std::move(step));
    } catch (const StepProblem& problem) {
      std::string member = problem.member.empty() ? "" : problem.member + ": ";
      if (where.find('(') == std::string::npos && !call_name.empty()) where += " (" + call_name + ")";
      throw LoadError(Location(file, problem.mark) + ": " + where + ": " + member + problem.problem);
    }
  }
  return scenario;
}

Scenario LoadScenarioFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path.string() + ": cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  return LoadScenario(text.str(), path.string());
}

const Json* FindPath(const Json& document, std::string_view path) {
  const Json* current = &document;
  size_t at = 0;
  while (at < path.size()) {
    if (path[at] == '.') ++at;
    if (path[at] == '[') {
      size_t end = path.find(']', at);
      if (end == std::string_view::npos || !current->is_array()) return nullptr;
      size_t index = 0;
      auto [stop, error] = std::from_chars(path.data() + at + 1, path.data() + end, index);
      if (error != std::errc() || stop != path.data() + end || index >= current->size()) return nullptr;
      current = &(*current)[index];
      at = end + 1;
      continue;
    }
    size_t end = path.find_first_of(".[", at);
    std::string name(path.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (!current->is_object() || !current->contains(name)) return nullptr;
    current = &(*current)[name];
    at = end == std::string_view::npos ? path.size() : end;
  }
  return current;
}

Json Substitute(const Json& document, const std::map<std::string, std::string>& saved) {
  if (document.is_string()) {
    std::string text = document.get<std::string>();
    for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at)) {
      size_t end = text.find('}', at);
      if (end == std::string::npos) break;
      std::string name = text.substr(at + 2, end - at - 2);
      auto value = saved.find(name);
      if (value == saved.end()) throw std::out_of_range("no saved value named '" + name + "'");
      text.replace(at, end - at + 1, value->second);
      at += value->second.size();
    }
    return text;
  }
  if (document.is_object()) {
    Json copy = Json::object();
    for (const auto& [key, value] : document.items()) copy[key] = Substitute(value, saved);
    return copy;
  }
  if (document.is_array()) {
    Json copy = Json::array();
    for (const auto& item : document) copy.push_back(Substitute(item, saved));
    return copy;
  }
  return document;
}

}  // namespace trailbox::scenario
