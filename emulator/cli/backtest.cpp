// `trailbox backtest`: reads the rules (each checked by the service that would hold it, so a bad rule fails with
// AWS's error), feeds the log files through the metric filters and alarms, and prints the report.
#include "cli/backtest.hpp"

#include <iostream>

#include "cli/subcommand.hpp"
#include "scenario/backtest.hpp"

namespace trailbox::cli {
namespace {

constexpr const char* kUsage = R"(usage: trailbox backtest --rules RULES [options] PATH...

Feeds CloudTrail log files through CloudWatch Logs metric filters and CloudWatch alarms, and reports what would
have matched and fired, and when. Each record is the log event CloudTrail sends to CloudWatch Logs (its JSON,
at its eventTime); alarms are evaluated minute by minute over the time the records cover.

  PATH             a CloudTrail log file (.json.gz or .json, {"Records": [...]}) or a directory, read
                   recursively as `aws s3 sync` leaves a trail bucket (digest files are skipped)
  --rules RULES    YAML or JSON: metricFilters (as `aws logs describe-metric-filters` prints them or as
                   PutMetricFilter takes them; logGroupName optional) and MetricAlarms (as
                   `aws cloudwatch describe-alarms` prints them or as PutMetricAlarm takes them)
  --report FORMAT  text (default) or json
  --output FILE    write the report to FILE instead of standard output
  --help           this text

Exit code: 0 when it ran (whatever matched or fired), 2 for a bad option, unreadable input or a rule AWS would
refuse (the message names the rule and gives AWS's error code and message).
)";

struct Options {
  std::string rules;
  std::string report = "text";
  std::string output;
  std::vector<std::string> paths;
};

Options ParseOptions(const std::vector<std::string>& args) {
  Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const char* what) -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError{arg + " needs " + what};
      return args[++i];
    };
    if (arg == "--rules") {
      options.rules = value("a rules file");
    } else if (arg == "--report") {
      options.report = value("a format: text or json");
      if (options.report != "text" && options.report != "json") {
        throw UsageError{"unknown report format " + options.report + " (text or json)"};
      }
    } else if (arg == "--output") {
      options.output = value("a file");
    } else if (arg == "--") {
      options.paths.insert(options.paths.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw UsageError{"unknown option " + arg};
    } else {
      options.paths.push_back(arg);
    }
  }
  if (options.rules.empty()) throw UsageError{"missing --rules RULES"};
  if (options.paths.empty()) throw UsageError{"missing PATH: a CloudTrail log file or directory"};
  return options;
}

}  // namespace

int RunBacktest(const std::vector<std::string>& args) {
  Options options;
  if (auto answer = ParseArguments("backtest", kUsage, args, ParseOptions, options)) return *answer;
  backtest::BacktestReport report;
  try {
    backtest::Rules rules = backtest::LoadRulesFile(options.rules);
    report = backtest::RunBacktest(rules, backtest::FindLogFiles(options.paths));
  } catch (const backtest::RuleError& error) {
    std::cerr << "trailbox backtest: invalid rules: " << error.what() << "\n";
    return 2;
  } catch (const backtest::InputError& error) {
    std::cerr << "trailbox backtest: unreadable input: " << error.what() << "\n";
    return 2;
  }
  std::string text = options.report == "json" ? backtest::ReportJson(report).dump(2) + "\n"
                                              : backtest::ReportText(report);
  return WriteOutput("backtest", options.output, text) ? 0 : 2;
}

}  // namespace trailbox::cli
