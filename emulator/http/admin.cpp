// Admin endpoints: GET health, POST reset, GET/POST clock ({"advance": "5m"} or {"set": "<ISO 8601>"}), POST events
// (a CloudTrail record or a list of them, stored as if recorded: trail/recorder.hpp InjectRecord), POST flush
// (delivers what trails have queued).
#include "http/admin.hpp"

#include "core/json.hpp"
#include "core/time_format.hpp"
#include "http/engine.hpp"
#include "protocol/model.hpp"
#include "services/sns/outbox.hpp"
#include "services/sns/signing.hpp"
#include "store/database.hpp"
#include "trail/delivery.hpp"
#include "trail/recorder.hpp"

namespace trailbox::http {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;

HttpResponse JsonResponse(int status, const Json& body) {
  HttpResponse response;
  response.status = status;
  response.SetHeader("Content-Type", "application/json");
  response.body = body.dump();
  return response;
}

HttpResponse Problem(int status, const std::string& message) { return JsonResponse(status, {{"error", message}}); }

Json ClockState(Engine& engine) {
  double now = ToEpochSeconds(engine.clock().now());
  return {{"mode", engine.clock().is_virtual() ? "virtual" : "real"},
          {"now", FormatIso8601(now, true)},
          {"epoch_millis", engine.clock().now().time_since_epoch().count()},
          {"pending_tasks", engine.scheduler().pending()}};
}

HttpResponse Health(Engine& engine) {
  Json services = Json::array();
  for (const auto& [name, table] : engine.services()) services.push_back(name);
  return JsonResponse(200, {{"status", "ok"},
                            {"version", engine.options().version},
                            {"services", services},
                            {"storage", engine.options().ephemeral ? "ephemeral" : "sqlite"},
                            {"clock", ClockState(engine)}});
}

HttpResponse MoveClock(Engine& engine, const HttpRequest& request) {
  if (!engine.clock().is_virtual()) {
    return Problem(400, "the clock is real (serve --clock real); start with --clock virtual to set or advance it");
  }
  Json body = Json::parse(request.body, nullptr, false);
  if (!body.is_object()) return Problem(400, "expected a JSON object: {\"advance\": \"5m\"} or {\"set\": \"...\"}");
  TimePoint target;
  if (body.contains("advance") && body["advance"].is_string()) {
    auto duration = ParseDuration(body["advance"].get<std::string>());
    if (!duration || duration->count() < 0) {
      return Problem(400, "advance must be a duration such as \"90s\", \"5m\", \"2h\", \"31d\" or \"1h30m\"");
    }
    target = engine.clock().now() + *duration;
  } else if (body.contains("set") && body["set"].is_string()) {
    auto when = ParseIso8601(body["set"].get<std::string>());
    if (!when) return Problem(400, "set must be an ISO 8601 time such as \"2026-01-01T00:00:00Z\"");
    target = FromEpochSeconds(*when);
  } else {
    return Problem(400, "expected {\"advance\": \"5m\"} or {\"set\": \"2026-01-01T00:00:00Z\"}");
  }
  size_t ran = engine.scheduler().AdvanceTo(target);
  engine.SaveVirtualClock();
  Json state = ClockState(engine);
  state["tasks_run"] = ran;
  return JsonResponse(200, state);
}

// Records for events no API call makes here (ConsoleLogin, AWS-service KMS traffic): one record or a list, all
// stored or none. Answers {"events": [the completed records]}.
HttpResponse InjectEvents(Engine& engine, const HttpRequest& request) {
  Json body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !(body.is_object() || body.is_array())) {
    return Problem(400, "expected a CloudTrail record (JSON object) or a list of records");
  }
  Json records = body.is_array() ? body : Json::array({body});
  double now = ToEpochSeconds(engine.clock().now());
  Json stored = Json::array();
  try {
    store::Transaction transaction(engine.db());
    for (Json& record : records) stored.push_back(trail::InjectRecord(engine.db(), std::move(record), now));
    transaction.Commit();
  } catch (const std::invalid_argument& error) {
    return Problem(400, error.what());
  }
  return JsonResponse(200, {{"events", stored}});
}

// Delivers every trail's queued records now (log files, CloudWatch Logs events, digests): trail/delivery.hpp.
HttpResponse Flush(Engine& engine) {
  store::Transaction transaction(engine.db());
  Json summary = trail::FlushTrails(engine.db(), engine.scheduler(), ToEpochSeconds(engine.clock().now()));
  transaction.Commit();
  return JsonResponse(200, summary);
}

// SNS's outbox (services/sns/outbox.hpp): {"messages": [...]} oldest first; ?endpoint=ADDRESS narrows it.
HttpResponse Outbox(Engine& engine, const HttpRequest& request) {
  const std::string* endpoint = request.QueryParam("endpoint");
  Json messages = sns::ListOutbox(engine.db(), endpoint ? std::optional<std::string>(*endpoint) : std::nullopt);
  return JsonResponse(200, {{"messages", messages}});
}

// The certificate of SNS's message signatures (SigningCertURL).
HttpResponse SnsCertificate(Engine& engine) {
  store::Transaction transaction(engine.db());
  HttpResponse response;
  response.SetHeader("Content-Type", "application/x-pem-file");
  response.body = sns::SigningCertificatePem(engine.db(), ToEpochSeconds(engine.clock().now()));
  transaction.Commit();
  return response;
}

}  // namespace

HttpResponse HandleAdmin(Engine& engine, const HttpRequest& request) {
  std::string path = request.raw_path;
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  const std::string& method = request.method;
  if (path == "/_trailbox/health" && (method == "GET" || method == "HEAD")) return Health(engine);
  if (path == "/_trailbox/reset" && method == "POST") {
    engine.Reset();
    return JsonResponse(200, {{"reset", true}});
  }
  if (path == "/_trailbox/clock" && method == "GET") return JsonResponse(200, ClockState(engine));
  if (path == "/_trailbox/clock" && method == "POST") return MoveClock(engine, request);
  if (path == "/_trailbox/events" && method == "POST") return InjectEvents(engine, request);
  if (path == "/_trailbox/flush" && method == "POST") return Flush(engine);
  if (path == "/_trailbox/outbox" && method == "GET") return Outbox(engine, request);
  if (path == sns::kSigningCertPath && method == "GET") return SnsCertificate(engine);
  return Problem(404, "no admin endpoint " + method + " " + path +
                          " (available: GET health, POST reset, GET/POST clock, POST events, POST flush, GET outbox)");
}

}  // namespace trailbox::http
