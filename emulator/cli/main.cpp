// trailbox: the command line. Subcommands: serve, run (scenarios), backtest, test-pattern.
#include <iostream>
#include <string>
#include <vector>

#include "cli/backtest.hpp"
#include "cli/run.hpp"
#include "cli/serve.hpp"
#include "cli/test_pattern.hpp"
#include "core/version.hpp"

namespace {

constexpr const char* kUsage = R"(usage: trailbox <command> [options]

commands:
  serve         run the emulator for real clients (AWS CLI, SDKs, Terraform) on 127.0.0.1:4566
  run           replay scenario files in-process on a virtual clock and check their expectations
  test-pattern  try a CloudWatch Logs filter pattern on log lines (--explain shows how it parses)
  backtest      feed CloudTrail log files through metric filters and alarms: what would have matched and fired
  version       print the version

`trailbox <command> --help` describes a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "serve") return trailbox::cli::RunServe(args);
  if (command == "run") return trailbox::cli::RunScenarios(args);
  if (command == "test-pattern") return trailbox::cli::RunTestPattern(args);
  if (command == "backtest") return trailbox::cli::RunBacktest(args);
  if (command == "version" || command == "--version") {
    std::cout << "trailbox " << trailbox::kVersion << "\n";
    return 0;
  }
  std::cerr << "trailbox: unknown command " << command << "\n\n" << kUsage;
  return 2;
}
