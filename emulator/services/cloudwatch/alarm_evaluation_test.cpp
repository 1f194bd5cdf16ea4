// Alarm evaluation: M of N, the TreatMissingData table of AWS's "Configuring how CloudWatch alarms treat missing
// data" (3 of 3, evaluation range 5), premature ALARM, comparison operators, reason text and reason data.
#include "services/cloudwatch/alarm_evaluation.hpp"

#include <gtest/gtest.h>

namespace trailbox::cloudwatch {
namespace {

constexpr int64_t kMinute = 60'000;
// 2026-11-27T10:00:00Z.
constexpr int64_t kStart = 1795773600000;

// A range written as AWS's table writes it, oldest first: '0' not breaching, 'X' breaching, '-' missing.
std::vector<PeriodValue> Range(std::string_view text) {
  std::vector<PeriodValue> range;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') continue;
    PeriodValue period{kStart + static_cast<int64_t>(range.size()) * kMinute, std::nullopt, std::nullopt};
    if (text[i] != '-') {
      period.value = text[i] == 'X' ? 5.0 : 0.0;
      period.sample_count = 1;
    }
    range.push_back(period);
  }
  return range;
}

AlarmRule Rule(int n, int m, MissingData missing) {
  AlarmRule rule;
  rule.comparison = Comparison::kGreaterThanOrEqual;
  rule.threshold = 1;
  rule.evaluation_periods = n;
  rule.datapoints_to_alarm = m;
  rule.missing_data = missing;
  rule.statistic = "Sum";
  return rule;
}

int64_t QueryTime(const std::vector<PeriodValue>& range) { return range.back().start_ms + kMinute + 5000; }

std::optional<AlarmState> Outcome(std::string_view text, MissingData missing, AlarmState current = AlarmState::kOk,
                                  int n = 3, int m = 3) {
  std::vector<PeriodValue> range = Range(text);
  return EvaluateAlarm(Rule(n, m, missing), range, current, QueryTime(range)).state;
}

constexpr auto kOk = AlarmState::kOk;
constexpr auto kAlarm = AlarmState::kAlarm;
constexpr auto kInsufficient = AlarmState::kInsufficientData;

TEST(AlarmEvaluation, FollowsAwsMissingDataTable) {
  struct Row {
    const char* range;
    std::optional<AlarmState> missing, ignore, breaching, not_breaching;
  };
  const Row rows[] = {
      {"0 - X - X", kOk, kOk, kOk, kOk},
      {"0 - - - -", kOk, kOk, kOk, kOk},
      {"- - - - -", kInsufficient, std::nullopt, kAlarm, kOk},
      {"0 X X - X", kAlarm, kAlarm, kAlarm, kAlarm},
      {"- - X - -", kAlarm, std::nullopt, kAlarm, kOk},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Outcome(row.range, MissingData::kMissing), row.missing) << row.range;
    EXPECT_EQ(Outcome(row.range, MissingData::kIgnore), row.ignore) << row.range;
    EXPECT_EQ(Outcome(row.range, MissingData::kBreaching), row.breaching) << row.range;
    EXPECT_EQ(Outcome(row.range, MissingData::kNotBreaching), row.not_breaching) << row.range;
  }
}

TEST(AlarmEvaluation, RecentBreachesAloneAreNotPrematurelyAlarming) {
  EXPECT_EQ(Outcome("- - - - X", MissingData::kMissing), std::nullopt);
  EXPECT_EQ(Outcome("- - - X -", MissingData::kMissing), std::nullopt);
  EXPECT_EQ(Outcome("- - - X -", MissingData::kMissing, kOk, 3, 2), kAlarm);
}

TEST(AlarmEvaluation, CountsMOfN) {
  EXPECT_EQ(Outcome("- - X 0 X", MissingData::kMissing, kOk, 3, 2), kAlarm);
  EXPECT_EQ(Outcome("- - X 0 0", MissingData::kMissing, kAlarm, 3, 2), kOk);
  EXPECT_EQ(Outcome("X X 0 0 X", MissingData::kMissing, kOk, 3, 2), kOk);
  EXPECT_EQ(Outcome("- 0 X 0 X", MissingData::kNotBreaching, kOk, 3, 2), kAlarm);
  EXPECT_EQ(Outcome("- - - 0 X", MissingData::kBreaching, kOk, 3, 2), kAlarm);
  EXPECT_EQ(Outcome("- - - 0 X", MissingData::kNotBreaching, kAlarm, 3, 2), kOk);
}

TEST(AlarmEvaluation, ComparesWithEachOperator) {
  AlarmRule rule = Rule(1, 1, MissingData::kMissing);
  rule.threshold = 2;
  struct Case {
    Comparison comparison;
    double value;
    bool is_breaching;
  };
  const Case cases[] = {{Comparison::kGreaterThanOrEqual, 2, true}, {Comparison::kGreaterThanOrEqual, 1.5, false},
                        {Comparison::kGreaterThan, 2, false},       {Comparison::kGreaterThan, 2.5, true},
                        {Comparison::kLessThan, 2, false},          {Comparison::kLessThan, 1, true},
                        {Comparison::kLessThanOrEqual, 2, true},    {Comparison::kLessThanOrEqual, 3, false}};
  for (const Case& test : cases) {
    rule.comparison = test.comparison;
    EXPECT_EQ(IsBreaching(rule, test.value), test.is_breaching) << static_cast<int>(test.comparison) << " " << test.value;
  }
  EXPECT_EQ(ParseComparison("LessThanOrEqualToThreshold"), Comparison::kLessThanOrEqual);
  EXPECT_FALSE(ParseComparison("LessThanLowerOrGreaterThanUpperThreshold"));
}

TEST(AlarmEvaluation, WritesAwsThresholdReasonAndData) {
  std::vector<PeriodValue> range = Range("- - 0");
  range.back().value = 3.0;
  Evaluation evaluation = EvaluateAlarm(Rule(1, 1, MissingData::kMissing), range, kOk, range.back().start_ms + kMinute);
  ASSERT_EQ(evaluation.state, kAlarm);
  EXPECT_EQ(evaluation.reason,
            "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (27/11/26 10:02:00)] was greater than or equal to "
            "the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).");
  EXPECT_EQ(evaluation.reason_data.dump(),
            R"({"version":"1.0","queryDate":"2026-11-27T10:03:00.000+0000","startDate":"2026-11-27T10:02:00.000+0000",)"
            R"("statistic":"Sum","period":60,"recentDatapoints":[3.0],"threshold":1.0,"evaluatedDatapoints":)"
            R"([{"timestamp":"2026-11-27T10:02:00.000+0000","sampleCount":1.0,"value":3.0}]})");
}

TEST(AlarmEvaluation, WritesOkAndPluralReasons) {
  std::vector<PeriodValue> range = Range("- - 0 0 X");
  Evaluation evaluation = EvaluateAlarm(Rule(3, 2, MissingData::kMissing), range, kAlarm, QueryTime(range));
  ASSERT_EQ(evaluation.state, kOk);
  EXPECT_EQ(evaluation.reason,
            "Threshold Crossed: 2 out of the last 3 datapoints [5.0 (27/11/26 10:04:00), 0.0 (27/11/26 10:03:00), 0.0 "
            "(27/11/26 10:02:00)] were not greater than or equal to the threshold (1.0) (minimum 2 datapoints for "
            "ALARM -> OK transition).");
}

TEST(AlarmEvaluation, ExplainsMissingData) {
  std::vector<PeriodValue> range = Range("- - -");
  AlarmRule rule = Rule(1, 1, MissingData::kMissing);
  EXPECT_EQ(EvaluateAlarm(rule, range, kOk, QueryTime(range)).reason, "Insufficient Data: 1 datapoint was unknown.");
  rule.missing_data = MissingData::kNotBreaching;
  EXPECT_EQ(EvaluateAlarm(rule, range, kAlarm, QueryTime(range)).reason,
            "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as "
            "[NonBreaching].");
  range = Range("- - - - X");
  rule = Rule(3, 3, MissingData::kBreaching);
  EXPECT_EQ(EvaluateAlarm(rule, range, kOk, QueryTime(range)).reason,
            "Threshold Crossed: 1 out of the last 1 datapoints [5.0 (27/11/26 10:04:00)] was greater than or equal to "
            "the threshold (1.0), and 2 missing datapoints were treated as [Breaching] (minimum 3 datapoints for OK "
            "-> ALARM transition).");
}

TEST(AlarmEvaluation, FormatsNumbersAsJavaDoes) {
  EXPECT_EQ(FormatReasonNumber(3), "3.0");
  EXPECT_EQ(FormatReasonNumber(0), "0.0");
  EXPECT_EQ(FormatReasonNumber(0.25), "0.25");
  EXPECT_EQ(FormatReasonNumber(-12.5), "-12.5");
  EXPECT_EQ(FormatReasonNumber(38.839999999999996), "38.839999999999996");
  EXPECT_EQ(FormatReasonNumber(1e7), "1.0E7");
  EXPECT_EQ(FormatReasonNumber(12345678), "1.2345678E7");
  EXPECT_EQ(FormatReasonNumber(0.0001), "1.0E-4");
}

}  // namespace
}  // namespace trailbox::cloudwatch
