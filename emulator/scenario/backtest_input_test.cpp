// Reading CloudTrail log files for the backtest: gzip and plain files, directories as an S3 sync leaves them,
// digests and other files skipped with the reason, records split and compacted, unreadable input refused.
#include "scenario/backtest_input.hpp"

#include <gtest/gtest.h>

#include "scenario/backtest_test_support.hpp"

namespace trailbox::backtest {
namespace {

using testing::Record;
using testing::TempDir;

const std::filesystem::path kDay = std::filesystem::path(TRAILBOX_FIXTURES_DIR) / "cloudtrail/backtest/day";

TEST(BacktestInput, DirectoryYieldsLogFilesAndSkipsDigestsAndOtherFilesWithTheReason) {
  LogFileList list = FindLogFiles({kDay.string()});
  ASSERT_EQ(list.files.size(), 25u);  // 23 .json.gz and 1 .json log files, plus a .json that is not one
  EXPECT_TRUE(std::is_sorted(list.files.begin(), list.files.end()));
  ASSERT_EQ(list.skipped.size(), 2u);
  EXPECT_NE(list.skipped[0].path.find("README.txt"), std::string::npos);
  EXPECT_EQ(list.skipped[0].reason, "not a .json or .json.gz file");
  EXPECT_NE(list.skipped[1].path.find("CloudTrail-Digest"), std::string::npos);
  EXPECT_EQ(list.skipped[1].reason, "digest file (CloudTrail-Digest)");
}

TEST(BacktestInput, GzipAndPlainLogFilesGiveTheSameRecords) {
  TempDir dir;
  Json records = {Record("2024-05-01T00:00:01Z", "RunInstances"), Record("2024-05-01T00:00:02Z", "CreateVpc")};
  auto gzip = dir.WriteLogFile("a.json.gz", records);
  auto plain = dir.Write("b.json", Json{{"Records", records}}.dump(2));
  LogFileRecords from_gzip = SplitRecords(ReadFileBytes(gzip), gzip.string());
  LogFileRecords from_plain = SplitRecords(ReadFileBytes(plain), plain.string());
  ASSERT_EQ(from_gzip.size(), 2u);
  ASSERT_EQ(from_plain.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(from_gzip.Record(i), records[i].dump());
    EXPECT_EQ(from_plain.Record(i), records[i].dump()) << "pretty-printed records are compacted";
  }
}

TEST(BacktestInput, ConcatenatedGzipMembersAreOneFile) {
  TempDir dir;
  auto file = dir.Write("two.json.gz", trail::Gzip("{\"Records\":[{\"a\":1},") + trail::Gzip("{\"b\":\"x y\"}]}"));
  LogFileRecords records = SplitRecords(ReadFileBytes(file), file.string());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records.Record(1), R"({"b":"x y"})");
}

TEST(BacktestInput, CompactingKeepsWhiteSpaceAndEscapesInsideStrings) {
  LogFileRecords records = SplitRecords("{ \"Records\" : [\n  { \"a\" : \"x \\\" y\" ,\n \"b\": [ 1, 2 ] }\n ] }", "t");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records.Record(0), R"({"a":"x \" y","b":[1,2]})");
}

TEST(BacktestInput, JsonThatIsNotALogFileIsSkippedWithTheReason) {
  EXPECT_EQ(SplitRecords(R"({"digestStartTime":"2024-05-01T00:00:00Z","logFiles":[]})", "d").not_a_log_file(),
            "CloudTrail digest file");
  EXPECT_EQ(SplitRecords(R"({"Message":"x"})", "m").not_a_log_file(), "not a CloudTrail log file (no Records array)");
  EXPECT_EQ(SplitRecords("[1, 2]", "l").not_a_log_file(), "not a CloudTrail log file (not a JSON object)");
  EXPECT_EQ(SplitRecords(R"({"Records":[]})", "e").not_a_log_file(), "");
}

TEST(BacktestInput, UnreadableInputIsAnError) {
  TempDir dir;
  EXPECT_THROW(FindLogFiles({(dir.path() / "missing").string()}), InputError);
  std::string gzip = trail::Gzip(R"({"Records":[]})");
  auto truncated = dir.Write("cut.json.gz", gzip.substr(0, gzip.size() / 2));
  EXPECT_THROW(ReadFileBytes(truncated), InputError);
  EXPECT_THROW(SplitRecords(R"({"Records":[{"a":1})", "open"), InputError);
  EXPECT_THROW(SplitRecords(R"({"Records":[{"a":"unterminated}]})", "string"), InputError);
  EXPECT_THROW(SplitRecords(R"({"Records":[]} trailing)", "trailing"), InputError);
  EXPECT_THROW(SplitRecords("", "empty"), InputError);
}

TEST(BacktestInput, ErrorsNameTheFile) {
  try {
    SplitRecords(R"({"Records":[{"a":1})", "bucket/file.json");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("bucket/file.json: not valid JSON"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace trailbox::backtest
