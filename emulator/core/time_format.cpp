// Timestamp formats of the AWS protocols (Smithy timestampFormat: date-time, http-date, epoch-seconds).
#include "core/time_format.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace trailbox {
namespace {

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
  int year, month, day, hour, minute, second, weekday;
};

Civil ToCivil(int64_t seconds) {
  using namespace std::chrono;
  sys_seconds tp{std::chrono::seconds{seconds}};
  auto days = floor<std::chrono::days>(tp);
  year_month_day ymd{days};
  hh_mm_ss hms{tp - days};
  weekday wd{days};
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())), int(hms.hours().count()),
          int(hms.minutes().count()), int(hms.seconds().count()), int(wd.c_encoding())};
}

std::optional<int64_t> FromCivil(int year, int month, int day, int hour, int minute, int second) {
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)}, std::chrono::day{unsigned(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return sys_days{ymd}.time_since_epoch().count() * 86400LL + hour * 3600 + minute * 60 + second;
}

// Splits a value into whole seconds and milliseconds, rounding to the nearest millisecond.
std::pair<int64_t, int> SplitMillis(double epoch_seconds) {
  auto millis = static_cast<int64_t>(std::llround(epoch_seconds * 1000.0));
  int64_t whole = millis >= 0 ? millis / 1000 : -((-millis + 999) / 1000);
  return {whole, static_cast<int>(millis - whole * 1000)};
}

bool ReadDigits(std::string_view text, size_t& pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    out = out * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// Reads ".123456" if present; returns the fraction of a second.
double ReadFraction(std::string_view text, size_t& pos) {
  if (pos >= text.size() || text[pos] != '.') return 0.0;
  ++pos;
  double scale = 0.1, fraction = 0.0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    fraction += (text[pos] - '0') * scale;
    scale /= 10;
    ++pos;
  }
  return fraction;
}

}  // namespace

std::string FormatIso8601(double epoch_seconds, bool with_millis) {
  auto [whole, millis] = SplitMillis(epoch_seconds);
  Civil c = ToCivil(whole);
  char buffer[40];
  if (with_millis) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second, millis);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute,
                  c.second);
  }
  return buffer;
}

std::optional<double> ParseIso8601(std::string_view text) {
  size_t pos = 0;
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, pos, 4, year) || !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, month) ||
      !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, day)) {
    return std::nullopt;
  }
  double fraction = 0.0;
  int offset_seconds = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
    ++pos;
    if (!ReadDigits(text, pos, 2, hour) || !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, minute)) {
      return std::nullopt;
    }
    if (pos < text.size() && text[pos] == ':' && !(++pos, ReadDigits(text, pos, 2, second))) return std::nullopt;
    fraction = ReadFraction(text, pos);
    if (pos < text.size()) {
      char zone = text[pos++];
      if (zone == 'Z' || zone == 'z') {
        // UTC
      } else if (zone == '+' || zone == '-') {
        int oh, om = 0;
        if (!ReadDigits(text, pos, 2, oh)) return std::nullopt;
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (pos < text.size() && !ReadDigits(text, pos, 2, om)) return std::nullopt;
        offset_seconds = (oh * 3600 + om * 60) * (zone == '+' ? 1 : -1);
      } else {
        return std::nullopt;
      }
    }
  }
  if (pos != text.size()) return std::nullopt;
  auto seconds = FromCivil(year, month, day, hour, minute, second);
  if (!seconds) return std::nullopt;
  return static_cast<double>(*seconds - offset_seconds) + fraction;
}

std::string FormatHttpDate(double epoch_seconds) {
  Civil c = ToCivil(SplitMillis(epoch_seconds).first);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", kWeekdays[c.weekday], c.day,
                kMonths[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buffer;
}

std::optional<double> ParseHttpDate(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT" (fractional seconds tolerated: "08:49:37.123 GMT").
  size_t comma = text.find(", ");
  if (comma == std::string_view::npos) return std::nullopt;
  size_t pos = comma + 2;
  int day, year, hour, minute, second;
  if (!ReadDigits(text, pos, 2, day) || !Expect(text, pos, ' ')) return std::nullopt;
  if (pos + 3 > text.size()) return std::nullopt;
  std::string_view month_name = text.substr(pos, 3);
  pos += 3;
  int month = 0;
  for (int i = 0; i < 12; ++i) {
    if (month_name == kMonths[i]) month = i + 1;
  }
  if (month == 0 || !Expect(text, pos, ' ') || !ReadDigits(text, pos, 4, year) || !Expect(text, pos, ' ') ||
      !ReadDigits(text, pos, 2, hour) || !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, minute) ||
      !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, second)) {
    return std::nullopt;
  }
  double fraction = ReadFraction(text, pos);
  if (text.substr(pos) != " GMT") return std::nullopt;
  auto seconds = FromCivil(year, month, day, hour, minute, second);
  if (!seconds) return std::nullopt;
  return static_cast<double>(*seconds) + fraction;
}

std::string FormatEpochSeconds(double epoch_seconds) {
  auto [whole, millis] = SplitMillis(epoch_seconds);
  if (millis == 0) return std::to_string(whole);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.3f", static_cast<double>(whole) + millis / 1000.0);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  return text;
}

std::optional<double> ParseAnyTimestamp(std::string_view text) {
  if (auto iso = ParseIso8601(text)) return iso;
  if (auto http = ParseHttpDate(text)) return http;
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  std::string copy(text);
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace trailbox
