// The admin surface under /_trailbox/ (not AWS): health, reset, clock. JSON in and out (shared/DESIGN.md).
#pragma once
#include "protocol/http_message.hpp"

namespace trailbox::http {
class Engine;

/// Answers a request whose path starts with /_trailbox/. The caller holds the engine's lock.
protocol::HttpResponse HandleAdmin(Engine& engine, const protocol::HttpRequest& request);

}  // namespace trailbox::http
