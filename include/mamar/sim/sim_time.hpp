// Simulation time: the simulator's clock.
//
// SimTime is a point on the simulated timeline, kept (like OMNeT++'s SimTime) as a 64-bit count
// of milliseconds since the scenario's agreement start. It is a strong type, distinct from
// mamar::Duration (a span) and mamar::Instant (a calendar point), and converts to and from them
// by functions only. SimTime::infinity() stands for "never"; adding or subtracting a Duration
// leaves it at infinity. A plain value, safe to copy and share across threads.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

#include "mamar/common/time.hpp"

namespace mamar::sim {

/// A point in simulated time. Example: `SimTime::from(Duration::hours(2)).ms() == 7'200'000`.
class SimTime {
 public:
  /// The agreement start.
  constexpr SimTime() = default;

  /// The point `since_start` after the agreement start.
  static constexpr SimTime from(Duration since_start) { return SimTime(since_start.count_ms()); }
  /// The point `ms` milliseconds after the agreement start.
  static constexpr SimTime from_ms(std::int64_t ms) { return SimTime(ms); }
  static constexpr SimTime zero() { return SimTime(0); }
  /// Later than every finite time: "never".
  static constexpr SimTime infinity() { return SimTime(kInfinity); }

  constexpr std::int64_t ms() const { return ms_; }
  constexpr Duration since_start() const { return Duration::milliseconds(ms_); }
  constexpr bool is_infinite() const { return ms_ == kInfinity; }
  /// The calendar instant of this point, given the instant of the agreement start.
  constexpr Instant to_instant(Instant agreement_start) const {
    return agreement_start + since_start();
  }

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 reports a defaulted <=> falsely
  constexpr auto operator<=>(const SimTime&) const = default;

  constexpr SimTime operator+(Duration d) const {
    return is_infinite() ? *this : SimTime(ms_ + d.count_ms());
  }
  constexpr SimTime operator-(Duration d) const {
    return is_infinite() ? *this : SimTime(ms_ - d.count_ms());
  }
  constexpr SimTime& operator+=(Duration d) { return *this = *this + d; }
  constexpr SimTime& operator-=(Duration d) { return *this = *this - d; }
  /// The span between two finite times.
  constexpr Duration operator-(SimTime o) const { return Duration::milliseconds(ms_ - o.ms_); }

 private:
  static constexpr std::int64_t kInfinity = std::numeric_limits<std::int64_t>::max();
  constexpr explicit SimTime(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

}  // namespace mamar::sim
