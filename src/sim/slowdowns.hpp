// Slowdowns: windows of time in which travel, and if the scenario says so boarding, inspections
// and unloading, take `factor` times as long (snow, rain on dirt roads, a damaged bridge). They
// come from scheduled events, whose windows are known in advance, and from stochastic slowdown
// risks, whose windows are drawn as a renewal process: the first starts after a draw of `interval`,
// lasts a draw of `duration`, and the next starts an interval after it ends (as stochastic
// suspensions).
//
// A leg is not "slow" or "fast" as a whole: a convoy covers its leg at 1/factor of its pace while
// inside a window and at full pace outside, so a leg that starts before a window and ends in it is
// slowed only for the part inside; a boarding, an inspection or an unloading likewise. Since every
// window is known (or drawable) when such an activity starts, end() works out when it ends at its
// start: no event is rescheduled when a window opens. Where windows of several sources overlap,
// the largest factor holds.
//
// A source slows everywhere, or at one place (the boarding, inspections or unloading there) or on
// one route (travel on its legs): its `where`, matched against the place or route of an activity.
//
// A risk's windows are drawn from its own stream only as far as a call asks, so how far they were
// drawn never changes a result: a replication sees the same windows whatever asks first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "mamar/sim/random.hpp"
#include "mamar/sim/sim_time.hpp"
#include "sampler.hpp"

namespace mamar::sim::detail {

/// What a slowdown slows, as bits: a source slows those in its mask.
enum Activity : std::uint8_t {
  Travel = 1,
  Boarding = 2,
  Inspection = 4,
  Unloading = 8,
};

class Slowdowns {
 public:
  struct Window {
    SimTime from;
    SimTime to;
  };

  /// A scheduled window slowing the activities in `what` (Activity bits), for the operations
  /// marked in `applies` (by operation index), at place or on route `where` (-1: everywhere).
  void add_window(Window w, double factor, std::uint8_t what, const std::vector<bool>& applies,
                  std::int32_t where, std::uint32_t source);
  /// A stochastic process of windows, drawn from `rng` with the two samplers (which must outlive
  /// this object); none starts after `last_start`.
  void add_process(const Sampler& interval, const Sampler& duration, double factor,
                   std::uint8_t what, const std::vector<bool>& applies, std::int32_t where,
                   RandomStream rng, SimTime last_start, std::uint32_t source);

  /// Whether any window may slow activity `a` of operation `op`.
  bool slows(std::uint32_t op, Activity a) const {
    return op < slows_.size() && (slows_[op] & a) != 0;
  }

  /// When activity `a` of operation `op`, at place or on route `where` (the route for travel,
  /// the place for the others), ends if it starts at `t` and takes `d` unhindered. `now` is the
  /// time of the call, at or before `t`, and never decreases from one call to the next (windows
  /// that ended before it are let go).
  SimTime end(std::uint32_t op, Activity a, std::int32_t where, SimTime t, Duration d, SimTime now);
  /// end() for an activity that starts now.
  SimTime end(std::uint32_t op, Activity a, std::int32_t where, SimTime now, Duration d) {
    return end(op, a, where, now, d, now);
  }

  /// Keeps every window until each_started() has given it (for a trace): call before the first
  /// end(). Else windows over are let go as time passes.
  void report_windows() { reported_ = true; }
  /// Windows held in memory, over all sources (for tests: those over are let go).
  std::size_t windows_held() const {
    std::size_t n = 0;
    for (const auto& s : sources_) n += s.windows.size();
    return n;
  }

  /// Calls f(source, window, factor, what, by_operation) once for each window that starts at or
  /// before `until` (for the trace), in order of start within each source.
  template <class F>
  void each_started(SimTime until, F&& f) {
    for (auto& s : sources_) {
      draw_until(s, until);
      for (; s.reported < s.windows.size() && s.windows[s.reported].from <= until; ++s.reported)
        f(s.source, s.windows[s.reported], s.factor, s.what, s.by_operation);
    }
  }

 private:
  struct Source {
    std::uint32_t source = 0;  // the caller's index (risk or event)
    double factor = 1;
    std::uint8_t what = Activity::Travel;    // Activity bits
    std::vector<std::uint8_t> by_operation;  // `what` for the operations it applies to, else 0
    std::int32_t where = -1;                 // the place or route it slows at (-1: everywhere)
    std::vector<Window> windows;             // in order of start, not overlapping
    std::size_t live = 0;                    // windows before it ended before the last call's start
    std::size_t reported = 0;                // windows given to each_started()
    // The process, for a risk: the start of the next window not yet drawn (infinity: none).
    const Sampler* interval = nullptr;
    const Sampler* duration = nullptr;
    std::optional<RandomStream> rng;
    SimTime next_from = SimTime::infinity();
    SimTime last_start = SimTime::infinity();
  };

  // Draws the source's windows until every one starting at or before `t` is known.
  static void draw_until(Source& s, SimTime t);
  void mark(const std::vector<bool>& applies, std::uint8_t what);
  Source& add_source(double factor, std::uint8_t what, const std::vector<bool>& applies,
                     std::int32_t where, std::uint32_t source);

  std::vector<Source> sources_;
  std::vector<std::uint8_t> slows_;  // by operation: the Activity bits any source slows
  bool reported_ = false;            // see report_windows()
  std::vector<std::size_t> cursor_;  // end()'s place in each source's windows
};

}  // namespace mamar::sim::detail
