// The clock: the only place trailbox reads the system time (shared/STYLE.md, rule 6).
#include "core/clock.hpp"

#include <cctype>
#include <cmath>
#include <stdexcept>

namespace trailbox {

double ToEpochSeconds(TimePoint time) { return static_cast<double>(time.time_since_epoch().count()) / 1000.0; }

TimePoint FromEpochSeconds(double seconds) {
  return TimePoint{Duration{static_cast<int64_t>(std::llround(seconds * 1000.0))}};
}

std::optional<Duration> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start || pos - start > 12) return std::nullopt;
    int64_t value = std::stoll(std::string(text.substr(start, pos - start)));
    size_t unit_start = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
    std::string_view unit = text.substr(unit_start, pos - unit_start);
    int64_t scale;
    if (unit == "ms") scale = 1;
    else if (unit == "s") scale = 1000;
    else if (unit == "m") scale = 60'000;
    else if (unit == "h") scale = 3'600'000;
    else if (unit == "d") scale = 86'400'000;
    else return std::nullopt;
    total += value * scale;
  }
  return Duration{total};
}

Clock::Clock(ClockMode mode, std::optional<TimePoint> start) : mode_(mode), virtual_millis_(0) {
  TimePoint initial = start.value_or(std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
  virtual_millis_ = initial.time_since_epoch().count();
}

TimePoint Clock::now() const {
  if (mode_ == ClockMode::kReal) return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  return TimePoint{Duration{virtual_millis_.load()}};
}

void Clock::SetVirtual(TimePoint time) {
  if (mode_ != ClockMode::kVirtual) throw std::logic_error("SetVirtual on a real clock");
  virtual_millis_ = time.time_since_epoch().count();
}

}  // namespace trailbox
