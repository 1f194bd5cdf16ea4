// The checks of `expect:` steps (expectations.hpp). Each reads state the way a user would look at it — alarms through
// DescribeAlarms, log files through ListObjectsV2 + GetObject, log events through FilterLogEvents, emails in SNS's
// outbox, datapoints in CloudWatch's metric store over all time — and says what it found when it fails.
#include "scenario/expectations.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "http/router.hpp"
#include "protocol/content_encoding.hpp"
#include "protocol/validate.hpp"
#include "services/cloudwatch/metric_store.hpp"
#include "services/cloudwatch/statistics.hpp"
#include "services/sns/outbox.hpp"
#include "store/database.hpp"

namespace trailbox::scenario {
namespace {

std::string Quote(const std::string& text) { return "'" + text + "'"; }

std::string ListText(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string ValueText(const Json& value) {
  if (value.is_string()) return Quote(value.get<std::string>());
  if (value.is_binary()) return "<" + std::to_string(value.get_binary().size()) + " bytes>";
  return value.dump();
}

std::string NumberText(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

std::vector<std::string> Strings(const Json& list) {
  std::vector<std::string> items;
  for (const Json& item : list) items.push_back(item.get<std::string>());
  return items;
}

Json ObserveAsRoot(http::Engine& engine, const std::string& service, const std::string& operation, const Json& input,
                   const std::string& region) {
  return Observe(engine, service, operation, input, Identity::RootOf(kDefaultAccount), region);
}

// The include / exclude / count members of trail_records and log_events against the event names found.
CheckResult CheckEventNames(const Check& check, const std::vector<std::string>& names, const std::string& where) {
  CheckResult result{where, true, ""};
  std::vector<std::string> problems;
  for (const std::string& wanted : Strings(check.spec.value("include", Json::array()))) {
    if (std::find(names.begin(), names.end(), wanted) == names.end()) problems.push_back(wanted + " is missing");
  }
  for (const std::string& unwanted : Strings(check.spec.value("exclude", Json::array()))) {
    auto count = std::count(names.begin(), names.end(), unwanted);
    if (count > 0) problems.push_back(unwanted + " is present (" + std::to_string(count) + "x)");
  }
  if (check.spec.contains("count") && check.spec["count"].get<size_t>() != names.size()) {
    problems.push_back("expected " + check.spec["count"].dump() + " events, found " + std::to_string(names.size()));
  }
  if (problems.empty()) return result;
  result.passed = false;
  std::vector<std::string> distinct;
  for (const std::string& name : names) {
    if (std::find(distinct.begin(), distinct.end(), name) == distinct.end()) distinct.push_back(name);
  }
  result.detail = ListText(problems) + "; found " + std::to_string(names.size()) + " events: " + ListText(distinct);
  return result;
}

// An event's name: eventName of a CloudTrail record, else the message itself.
std::string EventNameOf(const std::string& message) {
  Json record = Json::parse(message, nullptr, false);
  if (record.is_object() && record.contains("eventName") && record["eventName"].is_string()) {
    return record["eventName"];
  }
  return message;
}

std::string Inflate(const Json& body) {
  const auto& bytes = body.get_binary();
  auto request = protocol::HttpRequest::Make("PUT", "/", {{"Content-Encoding", "gzip"}},
                                             std::string(bytes.begin(), bytes.end()));
  protocol::InflateRequestBody(request);
  return request.body;
}

CheckResult CheckTrailRecords(http::Engine& engine, const Check& check, const std::string& region) {
  std::string bucket = check.spec["bucket"];
  std::vector<std::string> names;
  Json list_input = {{"Bucket", bucket}};
  size_t files = 0;
  while (true) {
    Json page = ObserveAsRoot(engine, "s3", "ListObjectsV2", list_input, region);
    for (const Json& object : page.value("Contents", Json::array())) {
      std::string key = object["Key"];
      bool is_log_file = key.find("/CloudTrail/") != std::string::npos && key.ends_with(".json.gz");
      if (!is_log_file) continue;
      ++files;
      Json got = ObserveAsRoot(engine, "s3", "GetObject", {{"Bucket", bucket}, {"Key", key}}, region);
      Json log = Json::parse(Inflate(got["Body"]));
      for (const Json& record : log.value("Records", Json::array())) names.push_back(record.value("eventName", ""));
    }
    if (!page.contains("NextContinuationToken")) break;
    list_input["ContinuationToken"] = page["NextContinuationToken"];
  }
  std::string what = "trail_records in s3://" + bucket + " (" + std::to_string(files) + " log files)";
  return CheckEventNames(check, names, what);
}

CheckResult CheckLogEvents(http::Engine& engine, const Check& check, const std::string& region) {
  std::string group = check.spec["group"];
  std::vector<std::string> names;
  Json input = {{"logGroupName", group}};
  while (true) {
    Json page = ObserveAsRoot(engine, "logs", "FilterLogEvents", input, region);
    for (const Json& event : page.value("events", Json::array())) names.push_back(EventNameOf(event["message"]));
    if (!page.contains("nextToken")) break;
    input["nextToken"] = page["nextToken"];
  }
  return CheckEventNames(check, names, "log_events in " + group);
}

CheckResult CheckAlarm(http::Engine& engine, const Check& check, const std::string& region) {
  std::string name = check.spec["name"];
  CheckResult result{"alarm " + name, true, ""};
  if (check.spec.contains("state")) result.what += " is " + check.spec["state"].get<std::string>();
  Json alarms = ObserveAsRoot(engine, "cloudwatch", "DescribeAlarms", {{"AlarmNames", {name}}}, region);
  if (alarms["MetricAlarms"].empty()) {
    result.passed = false;
    result.detail = "no alarm named " + Quote(name);
    return result;
  }
  const Json& alarm = alarms["MetricAlarms"][0];
  std::string state = alarm.value("StateValue", "");
  std::string reason = alarm.value("StateReason", "");
  std::vector<std::string> problems;
  if (check.spec.contains("state") && check.spec["state"] != state) problems.push_back("state is " + state);
  if (check.spec.contains("reason_contains") &&
      reason.find(check.spec["reason_contains"].get<std::string>()) == std::string::npos) {
    problems.push_back("the reason lacks " + Quote(check.spec["reason_contains"]));
  }
  if (problems.empty()) return result;
  result.passed = false;
  result.detail = ListText(problems) + " (state " + state + ", reason: " + Quote(reason) + ")";
  return result;
}

CheckResult CheckEmail(http::Engine& engine, const Check& check) {
  std::string to = check.spec["to"];
  CheckResult result{"email to " + to, true, ""};
  Json messages = sns::ListOutbox(engine.db(), to);
  std::vector<std::string> subjects;
  size_t matching = 0;
  for (const Json& message : messages) {
    if (message["message_type"] != "Notification") continue;
    std::string subject = message["subject"];
    subjects.push_back(Quote(subject));
    if (check.spec.contains("subject") && check.spec["subject"] != subject) continue;
    if (check.spec.contains("body_contains") &&
        message["body"].get<std::string>().find(check.spec["body_contains"].get<std::string>()) == std::string::npos) {
      continue;
    }
    ++matching;
  }
  std::string wanted = check.spec.contains("count") ? check.spec["count"].dump() : "at least 1";
  if (check.spec.contains("subject")) result.what += " with subject " + Quote(check.spec["subject"]);
  result.what += " (" + wanted + ")";
  bool is_count_right = check.spec.contains("count") ? matching == check.spec["count"].get<size_t>() : matching > 0;
  if (is_count_right) return result;
  result.passed = false;
  result.detail = "expected " + wanted + " matching " + (wanted == "1" ? "email" : "emails") + ", found " +
                  std::to_string(matching) + "; notifications to " + to + ": " + ListText(subjects);
  return result;
}

CheckResult CheckMetric(http::Engine& engine, const Check& check, const std::string& region) {
  cloudwatch::MetricKey key{check.spec["namespace"], check.spec["name"], {}};
  Json dimensions = check.spec.value("dimensions", Json::object());
  for (const auto& [name, value] : dimensions.items()) {
    key.dimensions.push_back({name, value.get<std::string>()});
  }
  key.dimensions = cloudwatch::SortedDimensions(key.dimensions);
  std::string statistic_name = check.spec.value("statistic", "Sum");
  double expected = check.spec["value"];
  CheckResult result{"metric " + key.namespace_name + "/" + key.metric_name + " " + statistic_name + " = " +
                         NumberText(expected),
                     true, ""};
  std::optional<cloudwatch::Statistic> statistic = cloudwatch::ParseStatistic(statistic_name);
  if (!statistic) {
    result.passed = false;
    result.detail = "unknown statistic " + Quote(statistic_name);
    return result;
  }
  auto points = cloudwatch::ReadDatapoints(engine.db(), kDefaultAccount, region, key, 0,
                                           std::numeric_limits<int64_t>::max());
  cloudwatch::Aggregate aggregate;
  for (const cloudwatch::StoredDatapoint& point : points) {
    aggregate.minimum = aggregate.is_empty ? point.minimum : std::min(aggregate.minimum, point.minimum);
    aggregate.maximum = aggregate.is_empty ? point.maximum : std::max(aggregate.maximum, point.maximum);
    aggregate.sample_count += point.sample_count;
    aggregate.sum += point.sum;
    if (point.values) {
      aggregate.values.insert(aggregate.values.end(), point.values->begin(), point.values->end());
    } else {
      aggregate.has_all_values = false;
    }
    aggregate.is_empty = false;
  }
  bool is_additive = statistic_name == "Sum" || statistic_name == "SampleCount";
  std::optional<double> actual = aggregate.is_empty ? (is_additive ? std::optional<double>(0) : std::nullopt)
                                                    : cloudwatch::Evaluate(aggregate, *statistic);
  if (actual && std::fabs(*actual - expected) <= 1e-9 * std::max(1.0, std::fabs(expected))) return result;
  result.passed = false;
  result.detail = actual ? "the value is " + NumberText(*actual) + " over " + std::to_string(points.size()) +
                               " datapoints"
                         : "no datapoints";
  return result;
}

CheckResult CheckCall(http::Engine& engine, const Check& check, const Identity& caller, const std::string& region) {
  const CallSpec& call = *check.call;
  CheckResult result{"call " + call.Name(), true, ""};
  Json output;
  try {
    output = Observe(engine, call.service, call.operation, call.input, caller, region);
  } catch (const AwsError& error) {
    result.passed = false;
    result.detail = "failed with " + error.code() + ": " + error.message();
    return result;
  }
  std::vector<std::string> problems;
  if (check.spec.contains("output")) {
    std::string mismatch = SubsetMismatch(check.spec["output"], output);
    if (!mismatch.empty()) problems.push_back(mismatch);
  }
  for (const std::string& path : Strings(check.spec.value("has", Json::array()))) {
    if (!FindPath(output, path)) problems.push_back(path + " is missing");
  }
  for (const std::string& path : Strings(check.spec.value("lacks", Json::array()))) {
    if (const Json* found = FindPath(output, path)) problems.push_back(path + " is present: " + ValueText(*found));
  }
  if (problems.empty()) return result;
  result.passed = false;
  result.detail = ListText(problems) + "; output: " + output.dump(-1, ' ', false, Json::error_handler_t::replace);
  return result;
}

}  // namespace

Json Observe(http::Engine& engine, const std::string& service, const std::string& operation, const Json& input,
             const Identity& caller, const std::string& region) {
  const protocol::ServiceModel* model = protocol::FindServiceModel(service);
  auto table = engine.services().find(service);
  if (!model || table == engine.services().end()) {
    throw AwsError("UnknownServiceException", "trailbox does not emulate the service " + service);
  }
  const Json* definition = model->FindOperation(operation);
  Handler handler = table->second.Find(operation);
  if (!definition || !handler) throw AwsError("NotImplemented", "trailbox does not implement " + service + " " + operation);
  auto violations = protocol::ValidateInput(*model, *definition, input);
  if (!violations.empty()) throw protocol::ValidationFailure(*model, http::NativeProtocol(*model), violations);
  Call call(engine.db(), engine.scheduler());
  call.service = model->endpoint_prefix();
  call.operation = operation;
  call.region = region;
  call.request_id = NewUuid();
  call.user_agent = "trailbox-scenario";
  call.identity = caller;
  store::Transaction transaction(engine.db());
  return handler(call, input);
}

CheckResult EvaluateCheck(http::Engine& engine, const Check& check, const Identity& caller, const std::string& region) {
  try {
    switch (check.kind) {
      case CheckKind::kAlarm: return CheckAlarm(engine, check, region);
      case CheckKind::kEmail: return CheckEmail(engine, check);
      case CheckKind::kMetric: return CheckMetric(engine, check, region);
      case CheckKind::kTrailRecords: return CheckTrailRecords(engine, check, region);
      case CheckKind::kLogEvents: return CheckLogEvents(engine, check, region);
      case CheckKind::kCall: return CheckCall(engine, check, caller, region);
    }
  } catch (const AwsError& error) {
    return {CheckKindName(check.kind), false, "reading the state failed: " + error.code() + ": " + error.message()};
  } catch (const std::exception& error) {
    return {CheckKindName(check.kind), false, std::string("reading the state failed: ") + error.what()};
  }
  return {CheckKindName(check.kind), false, "unknown check"};
}

std::string SubsetMismatch(const Json& expected, const Json& actual, const std::string& path) {
  std::string where = path.empty() ? "output" : path;
  if (expected.is_object()) {
    if (!actual.is_object()) return where + ": expected a structure, got " + ValueText(actual);
    for (const auto& [name, value] : expected.items()) {
      std::string member = path.empty() ? name : path + "." + name;
      if (!actual.contains(name)) return member + ": missing (expected " + ValueText(value) + ")";
      std::string mismatch = SubsetMismatch(value, actual[name], member);
      if (!mismatch.empty()) return mismatch;
    }
    return "";
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return where + ": expected a list, got " + ValueText(actual);
    if (expected.size() != actual.size()) {
      return where + ": expected " + std::to_string(expected.size()) + " items, got " + std::to_string(actual.size());
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      std::string mismatch = SubsetMismatch(expected[i], actual[i], where + "[" + std::to_string(i) + "]");
      if (!mismatch.empty()) return mismatch;
    }
    return "";
  }
  bool is_equal = expected.is_number() && actual.is_number() ? expected.get<double>() == actual.get<double>()
                                                               : expected == actual;
  return is_equal ? "" : where + ": expected " + ValueText(expected) + ", got " + ValueText(actual);
}

}  // namespace trailbox::scenario
