// The trailbox version, reported by `trailbox version` and GET /_trailbox/health.
#pragma once

namespace trailbox {
inline constexpr const char* kVersion = "0.1.0";
}
