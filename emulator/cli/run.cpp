// `trailbox run`: loads every scenario file first (a file that cannot be loaded is reported and not run), runs each
// in a fresh ephemeral engine on a virtual clock, and writes one report. Exit code: 2 when a file could not be
// loaded, else 1 when a step or an expectation failed, else 0.
#include "cli/run.hpp"

#include <algorithm>
#include <iostream>

#include "cli/subcommand.hpp"
#include "scenario/report.hpp"
#include "scenario/runner.hpp"

namespace trailbox::cli {
namespace {

constexpr const char* kUsage = R"(usage: trailbox run [options] FILE...

Replays scenario files (YAML: calls, injected CloudTrail records, clock advances and expectations; see
scenarios/README.md) in-process on a virtual clock, each in a fresh ephemeral emulator, and checks their
expectations.

  --report text|json|junit   the report's format (default text); junit is JUnit XML for CI systems
  --output FILE              write the report to FILE instead of standard output
  --help                     this text

Exit code: 0 when every scenario passed, 1 when a step or an expectation failed, 2 when a file could not be
loaded or an option is wrong.
)";

struct Options {
  std::string report = "text";
  std::string output;
  std::vector<std::string> files;
};

Options ParseOptions(const std::vector<std::string>& args) {
  Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--report" || arg == "--output") {
      if (i + 1 >= args.size()) throw UsageError{arg + " needs a value"};
      (arg == "--report" ? options.report : options.output) = args[++i];
    } else if (arg == "--") {
      options.files.insert(options.files.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    } else if (arg.size() > 1 && arg[0] == '-' && arg[1] == '-') {
      throw UsageError{"unknown option " + arg};
    } else {
      options.files.push_back(arg);
    }
  }
  if (options.report != "text" && options.report != "json" && options.report != "junit") {
    throw UsageError{"--report must be text, json or junit"};
  }
  if (options.files.empty()) throw UsageError{"missing FILE (a scenario, e.g. scenarios/seed-walkthrough.yaml)"};
  return options;
}

std::string Report(const std::string& format, const std::vector<scenario::ScenarioResult>& results) {
  if (format == "json") return scenario::JsonReport(results).dump(2) + "\n";
  if (format == "junit") return scenario::JunitReport(results);
  return scenario::TextReport(results);
}

}  // namespace

int RunScenarios(const std::vector<std::string>& args) {
  Options options;
  if (auto answer = ParseArguments("run", kUsage, args, ParseOptions, options)) return *answer;
  std::vector<scenario::ScenarioResult> results = scenario::RunScenarioFiles(options.files);
  std::string report = Report(options.report, results);
  if (!WriteOutput("run", options.output, report)) return 2;
  size_t failed = std::count_if(results.begin(), results.end(), [](const auto& result) { return !result.passed(); });
  if (!options.output.empty()) {
    // The report went to a file: the outcome, for the person at the terminal.
    std::cerr << "trailbox run: " << failed << " of " << results.size() << " scenarios failed; " << options.report
              << " report in " << options.output << "\n";
  }
  bool has_load_error = std::any_of(results.begin(), results.end(),
                                    [](const auto& result) { return result.load_error.has_value(); });
  if (has_load_error) return 2;
  return failed > 0 ? 1 : 0;
}

}  // namespace trailbox::cli
