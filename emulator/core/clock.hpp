// The one clock of trailbox (shared/DESIGN.md, principle 3). Real mode follows wall time; virtual mode moves only
// when the scheduler advances it (admin endpoint or scenario), so runs are deterministic.
#pragma once
#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <optional>

namespace trailbox {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;
using Duration = std::chrono::milliseconds;

enum class ClockMode { kReal, kVirtual };

/// Seconds since the epoch, as documents carry timestamps (core/json.hpp).
double ToEpochSeconds(TimePoint time);
TimePoint FromEpochSeconds(double seconds);
/// "5m", "90s", "2h", "31d", "1500ms", or combinations such as "1h30m"; nullopt when malformed.
std::optional<Duration> ParseDuration(std::string_view text);

class Clock {
 public:
  /// A virtual clock starts at `start` (the current wall time when not given).
  explicit Clock(ClockMode mode, std::optional<TimePoint> start = std::nullopt);

  /// The current time: wall time in real mode, the set time in virtual mode.
  TimePoint now() const;
  ClockMode mode() const { return mode_; }
  bool is_virtual() const { return mode_ == ClockMode::kVirtual; }
  /// Moves a virtual clock: the scheduler (so tasks due on the way run in order), and the engine at start-up to
  /// resume the time a previous run reached.
  void SetVirtual(TimePoint time);

 private:
  ClockMode mode_;
  std::atomic<int64_t> virtual_millis_;
};

}  // namespace trailbox
