// What every subcommand shares: --help, usage errors (exit status 2) and writing a report to a file or to standard
// output.
#pragma once
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trailbox::cli {

/// A wrong option or a missing argument: the subcommand prints it with its usage and exits 2.
struct UsageError {
  std::string message;
};

/// Fills `options` with `parse(args)` (which throws UsageError). --help or -h anywhere prints `usage` and answers 0;
/// a usage error prints "trailbox <name>: <message>" and the usage to standard error and answers 2; nullopt when
/// `options` is ready.
template <typename Options, typename Parse>
std::optional<int> ParseArguments(std::string_view name, std::string_view usage, const std::vector<std::string>& args,
                                  Parse parse, Options& options) {
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      std::cout << usage;
      return 0;
    }
  }
  try {
    options = parse(args);
  } catch (const UsageError& error) {
    std::cerr << "trailbox " << name << ": " << error.message << "\n\n" << usage;
    return 2;
  }
  return std::nullopt;
}

/// Writes `text` to the file `path`, or to standard output when `path` is empty. False, after saying so on standard
/// error, when the file cannot be written.
bool WriteOutput(std::string_view name, const std::string& path, const std::string& text);

}  // namespace trailbox::cli
