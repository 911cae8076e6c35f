// Simulation and calendar time.
//
// Duration is a signed span of time and Instant an absolute point (UTC), both kept as a 64-bit
// count of milliseconds: strong types, so a duration cannot be passed where a point in time is
// meant. Conversions are functions, never macros. All types here are plain values, safe to copy
// and to share across threads.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mamar {

/// A span of time in milliseconds. Example: `Duration::minutes(90) == Duration::hours(1.5)`.
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration milliseconds(std::int64_t ms) { return Duration(ms); }
  static constexpr Duration seconds(double s) { return Duration(round_ms(s * 1e3)); }
  static constexpr Duration minutes(double m) { return Duration(round_ms(m * 60e3)); }
  static constexpr Duration hours(double h) { return Duration(round_ms(h * 3600e3)); }
  static constexpr Duration days(double d) { return Duration(round_ms(d * 86400e3)); }
  static constexpr Duration max() { return Duration(INT64_MAX / 4); }

  constexpr std::int64_t count_ms() const { return ms_; }
  constexpr double to_seconds() const { return static_cast<double>(ms_) / 1e3; }
  constexpr double to_minutes() const { return static_cast<double>(ms_) / 60e3; }
  constexpr double to_hours() const { return static_cast<double>(ms_) / 3600e3; }
  constexpr double to_days() const { return static_cast<double>(ms_) / 86400e3; }

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 reports a defaulted <=> falsely
  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(ms_ + o.ms_); }
  constexpr Duration operator-(Duration o) const { return Duration(ms_ - o.ms_); }
  constexpr Duration operator-() const { return Duration(-ms_); }
  constexpr Duration& operator+=(Duration o) {
    ms_ += o.ms_;
    return *this;
  }
  constexpr Duration& operator-=(Duration o) {
    ms_ -= o.ms_;
    return *this;
  }
  constexpr Duration operator*(std::int64_t k) const { return Duration(ms_ * k); }

 private:
  constexpr explicit Duration(std::int64_t ms) : ms_(ms) {}
  static constexpr std::int64_t round_ms(double v) {
    return static_cast<std::int64_t>(v < 0 ? v - 0.5 : v + 0.5);
  }
  std::int64_t ms_ = 0;
};

/// An absolute point in time: milliseconds since 1970-01-01T00:00Z.
class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_unix_ms(std::int64_t ms) { return Instant(ms); }
  constexpr std::int64_t unix_ms() const { return ms_; }

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 reports a defaulted <=> falsely
  constexpr auto operator<=>(const Instant&) const = default;
  constexpr Instant operator+(Duration d) const { return Instant(ms_ + d.count_ms()); }
  constexpr Instant operator-(Duration d) const { return Instant(ms_ - d.count_ms()); }
  constexpr Duration operator-(Instant o) const { return Duration::milliseconds(ms_ - o.ms_); }

 private:
  constexpr explicit Instant(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

/// An absolute time as written, with the UTC offset it was written in (for display).
struct ZonedInstant {
  Instant instant;
  int offset_minutes = 0;
};

/// Parses a human duration: "90 min", "1.5 h", "1 h 30 min", "3 d", "45 s", or "0".
/// Returns nothing when the text is not a duration.
std::optional<Duration> parse_duration(std::string_view text);

/// Parses ISO 8601 with a UTC offset: "2016-12-15T05:00+02:00", "2016-12-15T03:00:00Z".
/// A time without an offset is rejected.
std::optional<ZonedInstant> parse_instant(std::string_view text);

/// Parses a UTC offset "+02:00", "-05:30" or "Z" into minutes.
std::optional<int> parse_utc_offset(std::string_view text);

/// Parses a clock time "06:00" .. "24:00" into minutes after midnight.
std::optional<int> parse_clock_time(std::string_view text);

/// Whether `text` would be a duration but for its units, given more than once or the smaller
/// before the larger ("30 min 1 h", "1 h 1 h"): parse_duration() refuses those.
bool duration_parts_out_of_order(std::string_view text);
/// Whether `text` is written as a duration but is too long for one (over kMaxDurationDays days).
bool duration_too_long(std::string_view text);
/// The longest duration parse_duration() reads, in days (10^15 ms, about 31,700 years).
inline constexpr std::int64_t kMaxDurationDays = 11'574'074;

/// Formats as "2016-12-15 05:00" in the given offset, followed by "+02:00".
std::string format_instant(Instant t, int offset_minutes);

/// The same to the second, for records: "2016-12-15 05:00:27+02:00" (the seconds cut, not
/// rounded, as the minutes are).
std::string format_instant_seconds(Instant t, int offset_minutes);

/// Formats compactly for people: "3 d 4 h", "2 h 05 min", "45 min", "12 s".
std::string format_duration(Duration d);

/// Formats to the millisecond, for records, from the largest unit with something in it to the
/// smallest: "10 h", "2 h 03 min 27.612 s", "10 min 54 s", "1 d 02 h 00 min 04 s", "0 s".
std::string format_duration_exact(Duration d);

}  // namespace mamar
