// The input of `trailbox backtest`: CloudTrail log files as a trail delivers them to S3 — gzip files holding one
// JSON object {"Records":[record, ...]} (cloudtrail-fidelity.md §(b) "Log files in S3";
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html) — given as files
// or as directories an `aws s3 sync` of a trail bucket leaves (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/).
// Digest files (AWSLogs/<account>/CloudTrail-Digest/...) and files that are not CloudTrail log files are skipped
// with the reason; a file that cannot be read, inflated or parsed is an error.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trailbox::backtest {

/// Input that cannot be read (a missing path, a broken gzip stream, malformed JSON): the backtest stops.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A file left out, and why.
struct SkippedFile {
  std::string path;
  std::string reason;
};

/// The log files a backtest reads, in path order, and the files it leaves out.
struct LogFileList {
  std::vector<std::filesystem::path> files;
  std::vector<SkippedFile> skipped;
};

/// Expands PATHs: a file is read whatever its name; a directory is walked recursively, taking *.json and
/// *.json.gz files and skipping digest files (a CloudTrail-Digest folder) and every other file. Throws
/// InputError for a path that does not exist.
LogFileList FindLogFiles(const std::vector<std::string>& paths);

/// The bytes of a file, inflated when they are gzip (one or more members, as `gzip` and CloudTrail write them).
/// Throws InputError when the file cannot be read or inflated.
std::string ReadFileBytes(const std::filesystem::path& path);

/// One log file's records, each as the compact JSON text CloudTrail sends to CloudWatch Logs as a log event.
class LogFileRecords {
 public:
  /// How many records the file holds.
  size_t size() const { return spans_.size(); }
  /// Record `index`'s compact JSON text; valid while this object lives and is not changed.
  std::string_view Record(size_t index) const;
  /// Empty for a log file; for valid JSON that is not a CloudTrail log file (no "Records" array), why it is skipped.
  const std::string& not_a_log_file() const { return not_a_log_file_; }

 private:
  friend LogFileRecords SplitRecords(std::string text, const std::string& source);
  struct Span {
    size_t offset = 0;
    size_t length = 0;
    bool is_compacted = false;
  };
  std::string text_;
  /// Compacted copies of the records written with white space.
  std::string compacted_;
  std::vector<Span> spans_;
  std::string not_a_log_file_;
};

/// Splits a log file's text into its records without parsing them (each record is parsed once, later, by the
/// filter library). Records written with white space (pretty-printed JSON) are compacted. Throws InputError,
/// naming `source`, for text that is not well-formed JSON at the structural level.
LogFileRecords SplitRecords(std::string text, const std::string& source);

}  // namespace trailbox::backtest
