// What the backtest tests share: a temporary directory of log files, removed when the test ends.
#pragma once
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "core/json.hpp"
#include "trail/log_file.hpp"

namespace trailbox::backtest::testing {

/// A fresh directory under the system's temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("trailbox-backtest-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// Writes `bytes` to `relative` (folders created); answers the full path.
  std::filesystem::path Write(const std::string& relative, const std::string& bytes) const {
    std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }

  /// Writes a gzip log file {"Records": records} to `relative`.
  std::filesystem::path WriteLogFile(const std::string& relative, const Json& records) const {
    return Write(relative, trail::Gzip(Json{{"Records", records}}.dump()));
  }

 private:
  std::filesystem::path path_;
};

/// A CloudTrail record with the fields the tests' patterns read.
inline Json Record(const std::string& event_time, const std::string& event_name,
                   const std::string& event_source = "ec2.amazonaws.com") {
  return {{"eventVersion", "1.08"},
          {"userIdentity", {{"type", "IAMUser"}, {"userName", "alice"}}},
          {"eventTime", event_time},
          {"eventSource", event_source},
          {"eventName", event_name},
          {"awsRegion", "us-east-1"}};
}

}  // namespace trailbox::backtest::testing
