// Metric alarm evaluation (alarm_evaluation.hpp). Reason texts follow the ones CloudWatch writes, e.g.
// "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (27/11/26 10:00:00)] was greater than or equal to the
// threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).", "Insufficient Data: 1 datapoint was unknown."
// and "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as
// [NonBreaching]." Open: the wording when real and missing datapoints are evaluated together (", and 2 missing
// datapoints were treated as [Breaching]") is ours.
#include "services/cloudwatch/alarm_evaluation.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>

namespace trailbox::cloudwatch {
namespace {

constexpr std::string_view kStateNames[] = {"OK", "ALARM", "INSUFFICIENT_DATA"};

std::string FormatUtc(int64_t epoch_ms, const char* format) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[64];
  std::strftime(text, sizeof text, format, &parts);
  return text;
}

std::string Plural(int count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

const char* WasWere(int count) { return count == 1 ? "was" : "were"; }

std::string OperatorPhrase(Comparison comparison) {
  switch (comparison) {
    case Comparison::kGreaterThanOrEqual: return "greater than or equal to";
    case Comparison::kGreaterThan: return "greater than";
    case Comparison::kLessThan: return "less than";
    case Comparison::kLessThanOrEqual: return "less than or equal to";
  }
  return "";
}

// What one evaluation looked at: the real datapoints (oldest first) and how many missing periods it counted, with
// how they were treated.
struct Window {
  std::vector<const PeriodValue*> real;
  std::vector<const PeriodValue*> filled;
  bool filled_breach = false;
};

int CountBreaching(const AlarmRule& rule, const Window& window) {
  int count = window.filled_breach ? static_cast<int>(window.filled.size()) : 0;
  for (const PeriodValue* period : window.real) count += IsBreaching(rule, *period->value) ? 1 : 0;
  return count;
}

int Evaluated(const Window& window) { return static_cast<int>(window.real.size() + window.filled.size()); }

std::string ThresholdReason(const AlarmRule& rule, const Window& window, AlarmState state, AlarmState current) {
  bool is_alarm = state == AlarmState::kAlarm;
  int breaching = CountBreaching(rule, window);
  int matching = is_alarm ? breaching : Evaluated(window) - breaching;
  int real_matching = matching - (window.filled_breach == is_alarm ? static_cast<int>(window.filled.size()) : 0);
  std::string list;
  for (auto it = window.real.rbegin(); it != window.real.rend(); ++it) {
    if (!list.empty()) list += ", ";
    list += FormatReasonNumber(*(*it)->value) + " (" + FormatUtc((*it)->start_ms, "%d/%m/%y %H:%M:%S") + ")";
  }
  std::string phrase = (is_alarm ? "" : "not ") + OperatorPhrase(rule.comparison);
  std::string text = "Threshold Crossed: " + std::to_string(real_matching) + " out of the last " +
                     std::to_string(window.real.size()) + " datapoints [" + list + "] " + WasWere(real_matching) +
                     " " + phrase + " the threshold (" + FormatReasonNumber(rule.threshold) + ")";
  if (!window.filled.empty()) {
    int filled = static_cast<int>(window.filled.size());
    text += ", and " + Plural(filled, "missing datapoint") + " " + WasWere(filled) + " treated as [" +
            (window.filled_breach ? "Breaching" : "NonBreaching") + "]";
  }
  int minimum = is_alarm ? rule.datapoints_to_alarm : rule.evaluation_periods - rule.datapoints_to_alarm + 1;
  return text + " (minimum " + Plural(minimum, "datapoint") + " for " + std::string(StateName(current)) + " -> " +
         std::string(StateName(state)) + " transition).";
}

Json ReasonData(const AlarmRule& rule, const std::vector<const PeriodValue*>& evaluated, int64_t query_ms) {
  Json recent = Json::array();
  Json points = Json::array();
  for (const PeriodValue* period : evaluated) {
    if (period->value) recent.push_back(*period->value);
  }
  for (auto it = evaluated.rbegin(); it != evaluated.rend(); ++it) {
    Json point = {{"timestamp", FormatAlarmTimestamp((*it)->start_ms)}};
    if ((*it)->sample_count) point["sampleCount"] = *(*it)->sample_count;
    if ((*it)->value) point["value"] = *(*it)->value;
    points.push_back(std::move(point));
  }
  int64_t start_ms = evaluated.empty() ? query_ms : evaluated.front()->start_ms;
  return {{"version", "1.0"},
          {"queryDate", FormatAlarmTimestamp(query_ms)},
          {"startDate", FormatAlarmTimestamp(start_ms)},
          {"statistic", rule.statistic},
          {"period", rule.period_seconds},
          {"recentDatapoints", std::move(recent)},
          {"threshold", rule.threshold},
          {"evaluatedDatapoints", std::move(points)}};
}

// Every datapoint of `window` in time order, missing periods included.
std::vector<const PeriodValue*> InOrder(const Window& window) {
  std::vector<const PeriodValue*> all = window.real;
  all.insert(all.end(), window.filled.begin(), window.filled.end());
  std::sort(all.begin(), all.end(), [](const PeriodValue* a, const PeriodValue* b) { return a->start_ms < b->start_ms; });
  return all;
}

Evaluation Decide(const AlarmRule& rule, const Window& window, AlarmState state, AlarmState current, int64_t query_ms) {
  return {state, ThresholdReason(rule, window, state, current), ReasonData(rule, InOrder(window), query_ms)};
}

// No real datapoint in the range: TreatMissingData alone decides.
Evaluation AllMissing(const AlarmRule& rule, const std::vector<PeriodValue>& range, int64_t query_ms) {
  std::vector<const PeriodValue*> last;
  for (size_t i = range.size() - static_cast<size_t>(rule.evaluation_periods); i < range.size(); ++i) {
    last.push_back(&range[i]);
  }
  int periods = rule.evaluation_periods;
  Json data = ReasonData(rule, last, query_ms);
  switch (rule.missing_data) {
    case MissingData::kIgnore: return {std::nullopt, "", Json()};
    case MissingData::kMissing:
      return {AlarmState::kInsufficientData,
              "Insufficient Data: " + Plural(periods, "datapoint") + " " + WasWere(periods) + " unknown.", data};
    case MissingData::kBreaching:
    case MissingData::kNotBreaching: {
      bool is_breaching = rule.missing_data == MissingData::kBreaching;
      std::string reason = "Threshold Crossed: no datapoints were received for " + Plural(periods, "period") +
                           " and " + Plural(periods, "missing datapoint") + " " + WasWere(periods) +
                           " treated as [" + (is_breaching ? "Breaching" : "NonBreaching") + "].";
      return {is_breaching ? AlarmState::kAlarm : AlarmState::kOk, reason, data};
    }
  }
  return {};
}

// "Avoiding premature transitions to alarm state": within the last N periods, the oldest breaching datapoint is at
// least M periods old and every more recent one breaches or is missing.
bool IsPrematureAlarm(const AlarmRule& rule, const std::vector<PeriodValue>& range) {
  size_t first = range.size() - static_cast<size_t>(rule.evaluation_periods);
  for (size_t i = first; i < range.size(); ++i) {
    if (!range[i].value) continue;
    if (!IsBreaching(rule, *range[i].value)) return false;
    if (static_cast<int>(range.size() - i) < rule.datapoints_to_alarm) return false;
    for (size_t j = i + 1; j < range.size(); ++j) {
      if (range[j].value && !IsBreaching(rule, *range[j].value)) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

std::string_view StateName(AlarmState state) { return kStateNames[static_cast<int>(state)]; }

std::optional<AlarmState> ParseState(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (kStateNames[i] == name) return static_cast<AlarmState>(i);
  }
  return std::nullopt;
}

std::optional<Comparison> ParseComparison(std::string_view name) {
  if (name == "GreaterThanOrEqualToThreshold") return Comparison::kGreaterThanOrEqual;
  if (name == "GreaterThanThreshold") return Comparison::kGreaterThan;
  if (name == "LessThanThreshold") return Comparison::kLessThan;
  if (name == "LessThanOrEqualToThreshold") return Comparison::kLessThanOrEqual;
  return std::nullopt;
}

std::optional<MissingData> ParseMissingData(std::string_view name) {
  if (name == "missing") return MissingData::kMissing;
  if (name == "notBreaching") return MissingData::kNotBreaching;
  if (name == "breaching") return MissingData::kBreaching;
  if (name == "ignore") return MissingData::kIgnore;
  return std::nullopt;
}

int EvaluationRangeLength(const AlarmRule& rule) { return rule.evaluation_periods + 2; }

bool IsBreaching(const AlarmRule& rule, double value) {
  switch (rule.comparison) {
    case Comparison::kGreaterThanOrEqual: return value >= rule.threshold;
    case Comparison::kGreaterThan: return value > rule.threshold;
    case Comparison::kLessThan: return value < rule.threshold;
    case Comparison::kLessThanOrEqual: return value <= rule.threshold;
  }
  return false;
}

Evaluation EvaluateAlarm(const AlarmRule& rule, const std::vector<PeriodValue>& range, AlarmState current,
                         int64_t query_ms) {
  const int n = rule.evaluation_periods;
  const int m = rule.datapoints_to_alarm;
  Window window;
  for (auto it = range.rbegin(); it != range.rend() && static_cast<int>(window.real.size()) < n; ++it) {
    if (it->value) window.real.insert(window.real.begin(), &*it);
  }
  if (window.real.empty()) return AllMissing(rule, range, query_ms);
  if (static_cast<int>(window.real.size()) < n) {
    if (rule.missing_data == MissingData::kBreaching || rule.missing_data == MissingData::kNotBreaching) {
      window.filled_breach = rule.missing_data == MissingData::kBreaching;
      for (auto it = range.rbegin(); it != range.rend() && Evaluated(window) < n; ++it) {
        if (!it->value) window.filled.push_back(&*it);
      }
    } else {
      int breaching = CountBreaching(rule, window);
      int not_breaching = static_cast<int>(window.real.size()) - breaching;
      bool is_alarm = breaching >= m || (rule.missing_data == MissingData::kMissing && IsPrematureAlarm(rule, range));
      if (is_alarm) return Decide(rule, window, AlarmState::kAlarm, current, query_ms);
      if (not_breaching > n - m) return Decide(rule, window, AlarmState::kOk, current, query_ms);
      return {std::nullopt, "", Json()};
    }
  }
  AlarmState state = CountBreaching(rule, window) >= m ? AlarmState::kAlarm : AlarmState::kOk;
  return Decide(rule, window, state, current, query_ms);
}

std::string FormatReasonNumber(double value) {
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  double magnitude = std::fabs(value);
  char buffer[64];
  bool is_plain = magnitude >= 1e-3 && magnitude < 1e7;
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                              is_plain ? std::chars_format::fixed : std::chars_format::scientific);
  std::string text(buffer, result.ptr);
  if (is_plain) return text.find('.') == std::string::npos ? text + ".0" : text;
  size_t exponent_at = text.find('e');
  std::string mantissa = text.substr(0, exponent_at);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  int exponent = std::stoi(text.substr(exponent_at + 1));
  return mantissa + "E" + std::to_string(exponent);
}

std::string FormatAlarmTimestamp(int64_t epoch_ms) {
  int64_t millis = ((epoch_ms % 1000) + 1000) % 1000;
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03d", static_cast<int>(millis));
  return FormatUtc(epoch_ms, "%Y-%m-%dT%H:%M:%S") + fraction + "+0000";
}

}  // namespace trailbox::cloudwatch
