// Writing a subcommand's report (subcommand.hpp).
#include "cli/subcommand.hpp"

#include <fstream>

namespace trailbox::cli {

bool WriteOutput(std::string_view name, const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::cout << text;
    return true;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "trailbox " << name << ": cannot write " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace trailbox::cli
