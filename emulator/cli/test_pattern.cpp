// `trailbox test-pattern [--explain] [--value REF]... PATTERN [FILE|-]`: compiles PATTERN with filter/ and reads
// one log event per line, printing each matching line with TestMetricFilter's extractedValues (1-based line
// numbers here; TestMetricFilter's eventNumber is 0-based). A bad pattern prints the error with a caret under
// the column and exits 2.
#include "cli/test_pattern.hpp"

#include <fstream>
#include <iostream>
#include <variant>

#include "cli/subcommand.hpp"
#include "filter/filter.hpp"

namespace trailbox::cli {
namespace {

constexpr const char* kUsage = R"(usage: trailbox test-pattern [options] PATTERN [FILE|-]

Tries a CloudWatch Logs filter pattern on log events, one event per line of FILE (or standard input when FILE
is '-' or absent), and prints each matching line with the values it extracts, as TestMetricFilter does.

  PATTERN          the filter pattern; quote it for the shell, e.g. '{ $.eventName = "CreateTrail" }'
  --explain        print how the pattern was parsed; without FILE, print only that
  --value REF      for each match, also print a metric or dimension value: $.latency, $size, $7 or a number
                   (may be repeated)
  --help           this text

Exit code: 0 when a line matched, 1 when none did, 2 for a bad pattern, value or option.
)";

struct Options {
  bool is_explain = false;
  std::vector<std::string> value_refs;
  std::string pattern;
  std::string file;
};

Options ParseOptions(const std::vector<std::string>& args) {
  Options options;
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--explain") {
      options.is_explain = true;
    } else if (arg == "--value") {
      if (i + 1 >= args.size()) throw UsageError{"--value needs a reference, e.g. --value '$.latency'"};
      options.value_refs.push_back(args[++i]);
    } else if (arg == "--") {
      positional.insert(positional.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    } else if (arg.size() > 1 && arg[0] == '-' && arg[1] == '-') {
      throw UsageError{"unknown option " + arg};
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.empty()) throw UsageError{"missing PATTERN"};
  if (positional.size() > 2) throw UsageError{"expected PATTERN [FILE|-], got " + std::to_string(positional.size()) +
                                              " arguments"};
  options.pattern = positional[0];
  if (positional.size() == 2) options.file = positional[1];
  return options;
}

/// The error, then the text with a caret under the offending column when the text is one line.
void PrintError(const std::string& what, const std::string& text, const filter::SyntaxError& error) {
  std::cerr << "trailbox test-pattern: invalid " << what << ": " << error.message << "\n";
  if (text.find('\n') != std::string::npos || error.position > text.size()) return;
  std::cerr << "  " << text << "\n  " << std::string(error.position, ' ') << "^\n";
}

int TestLines(const filter::Pattern& pattern, const std::vector<filter::ValueRef>& refs, std::istream& in) {
  filter::Event event;
  std::string line;
  size_t line_number = 0;
  size_t matched = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    event.Reset(line);
    filter::MatchResult result = filter::Match(pattern, event);
    if (!result.matched) continue;
    ++matched;
    std::cout << "line " << line_number << ": " << line << "\n";
    for (const filter::ExtractedValue& value : result.extracted_values) {
      std::cout << "    " << value.key << " = " << value.value << "\n";
    }
    for (const filter::ValueRef& ref : refs) {
      std::optional<std::string> text = filter::ExtractText(ref, event, result);
      std::optional<double> number = filter::ExtractNumber(ref, event, result);
      std::cout << "    value " << ref.text << " = " << (text ? *text : "(none)")
                << (text && !number ? " (not a number: no metric value)" : "") << "\n";
    }
  }
  std::cout << matched << " of " << line_number << (line_number == 1 ? " line" : " lines") << " matched\n";
  return matched > 0 ? 0 : 1;
}

}  // namespace

int RunTestPattern(const std::vector<std::string>& args) {
  Options options;
  if (auto answer = ParseArguments("test-pattern", kUsage, args, ParseOptions, options)) return *answer;
  filter::CompileResult compiled = filter::Compile(options.pattern);
  if (const auto* error = std::get_if<filter::SyntaxError>(&compiled)) {
    PrintError("filter pattern", options.pattern, *error);
    return 2;
  }
  const filter::Pattern& pattern = std::get<filter::Pattern>(compiled);
  std::vector<filter::ValueRef> refs;
  for (const std::string& text : options.value_refs) {
    auto ref = filter::CompileValueRef(text, pattern);
    if (const auto* error = std::get_if<filter::SyntaxError>(&ref)) {
      PrintError("value reference", text, *error);
      return 2;
    }
    refs.push_back(std::get<filter::ValueRef>(std::move(ref)));
  }
  if (options.is_explain) {
    std::cout << filter::Explain(pattern);
    if (options.file.empty()) return 0;
  }
  if (options.file.empty() || options.file == "-") return TestLines(pattern, refs, std::cin);
  std::ifstream in(options.file);
  if (!in) {
    std::cerr << "trailbox test-pattern: cannot read " << options.file << "\n";
    return 2;
  }
  return TestLines(pattern, refs, in);
}

}  // namespace trailbox::cli
