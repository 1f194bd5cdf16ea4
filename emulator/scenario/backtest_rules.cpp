// Loading and checking backtest rules (backtest_rules.hpp): YAML -> the operation's input document with
// scenario/document_from_yaml (the model's input shape decides each type; unknown members, such as the read-only
// ones of Describe* output, are dropped), then one Engine::Invoke per rule.
#include "scenario/backtest_rules.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/aws_error.hpp"
#include "http/engine.hpp"
#include "scenario/document_from_yaml.hpp"

namespace trailbox::backtest {
namespace {

constexpr const char* kFiltersKey = "metricFilters";
constexpr const char* kAlarmsKey = "MetricAlarms";
constexpr const char* kCompositeAlarmsKey = "CompositeAlarms";

[[noreturn]] void Fail(const std::string& where, const std::string& what) { throw RuleError(where + ": " + what); }

// The operation's input document from a rule, members the input does not have dropped.
Json InputOf(const YAML::Node& node, const std::string& service, const std::string& operation,
             const std::string& where) {
  try {
    return scenario::OperationDocumentFromYaml(node, service, operation, false, scenario::UnknownMembers::kIgnore);
  } catch (const scenario::ConversionError& error) {
    Fail(error.member().empty() ? where : where + "." + error.member(), error.problem());
  }
}

std::string NameOf(const Json& document, const char* member) {
  auto name = document.find(member);
  return name != document.end() && name->is_string() ? name->get<std::string>() : "";
}

// "metricFilters[2] (RootAccountUsage)".
std::string RuleName(const char* key, size_t index, const std::string& name) {
  std::string text = std::string(key) + "[" + std::to_string(index) + "]";
  return name.empty() ? text : text + " (" + name + ")";
}

// Actions are not run in a backtest, so they are not checked either: describe-alarms output may name actions
// trailbox does not run (Auto Scaling, EC2) or topics of another region.
constexpr const char* kActionLists[] = {"AlarmActions", "OKActions", "InsufficientDataActions"};

class RuleChecker {
 public:
  RuleChecker() : engine_(http::EngineOptions{.ephemeral = true, .clock_mode = ClockMode::kVirtual}) {}

  Json Invoke(const std::string& rule, const std::string& service, const std::string& operation, Json input) {
    try {
      return engine_.Invoke({.service = service, .operation = operation, .input = std::move(input)});
    } catch (const AwsError& error) {
      Fail(rule, service + "." + operation + " refused it: " + error.code() + ": " + error.message());
    }
  }

  void EnsureLogGroup(const std::string& rule, const std::string& name) {
    if (!log_groups_.insert(name).second) return;
    Invoke(rule, "logs", "CreateLogGroup", {{"logGroupName", name}});
  }

 private:
  http::Engine engine_;
  std::set<std::string> log_groups_;
};

void AddFilters(const YAML::Node& list, RuleChecker& checker, Rules& rules) {
  if (!list.IsSequence()) throw RuleError(std::string(kFiltersKey) + ": expected a list of metric filters");
  std::map<std::pair<std::string, std::string>, size_t> positions;
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = RuleName(kFiltersKey, i, "");
    Json input = InputOf(list[i], "logs", "PutMetricFilter", where);
    std::string rule = RuleName(kFiltersKey, i, NameOf(input, "filterName"));
    if (!input.contains("logGroupName")) input["logGroupName"] = std::string(kDefaultLogGroup);
    std::string group = input["logGroupName"];
    checker.EnsureLogGroup(rule, group);
    checker.Invoke(rule, "logs", "PutMetricFilter", input);
    FilterRule filter{group, logs::CompileMetricFilter(input.at("filterName"), input.at("filterPattern").get<std::string>(),
                                                       input.at("metricTransformations").at(0))};
    auto [position, is_new] = positions.try_emplace({group, filter.compiled.name}, rules.filters.size());
    if (is_new) {
      rules.filters.push_back(std::move(filter));
    } else {
      rules.filters[position->second] = std::move(filter);
    }
  }
}

void AddAlarms(const YAML::Node& list, RuleChecker& checker, Rules& rules) {
  if (!list.IsSequence()) throw RuleError(std::string(kAlarmsKey) + ": expected a list of metric alarms");
  std::map<std::string, size_t> positions;
  for (size_t i = 0; i < list.size(); ++i) {
    Json input = InputOf(list[i], "cloudwatch", "PutMetricAlarm", RuleName(kAlarmsKey, i, ""));
    std::string name = NameOf(input, "AlarmName");
    for (const char* actions : kActionLists) input.erase(actions);
    checker.Invoke(RuleName(kAlarmsKey, i, name), "cloudwatch", "PutMetricAlarm", input);
    auto [position, is_new] = positions.try_emplace(name, rules.alarms.size());
    if (is_new) {
      rules.alarms.push_back(std::move(input));
    } else {
      rules.alarms[position->second] = std::move(input);
    }
  }
}

}  // namespace

Rules LoadRules(std::string_view text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    throw RuleError(source + ": " + error.what());
  }
  if (!root.IsMap()) throw RuleError(source + ": expected a map with metricFilters and MetricAlarms");
  for (const auto& entry : root) {
    std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (key == kCompositeAlarmsKey && entry.second.IsSequence() && entry.second.size() == 0) continue;
    if (key != kFiltersKey && key != kAlarmsKey) {
      throw RuleError(source + ": unknown key '" + key + "' (expected metricFilters and MetricAlarms" +
                      (key == kCompositeAlarmsKey ? "; composite alarms are not backtested)" : ")"));
    }
  }
  Rules rules;
  try {
    RuleChecker checker;
    if (root[kFiltersKey]) AddFilters(root[kFiltersKey], checker, rules);
    if (root[kAlarmsKey]) AddAlarms(root[kAlarmsKey], checker, rules);
  } catch (const RuleError& error) {
    throw RuleError(source + ": " + error.what());
  } catch (const YAML::Exception& error) {
    throw RuleError(source + ": " + error.what());
  }
  return rules;
}

Rules LoadRulesFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuleError(path.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return LoadRules(text.str(), path.string());
}

}  // namespace trailbox::backtest
