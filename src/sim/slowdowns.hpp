// Slowdowns: windows of time in which travel takes `factor` times as long (snow, rain on dirt
// roads, a damaged bridge). They come from scheduled events, whose windows are known in advance,
// and from stochastic slowdown risks, whose windows are drawn as a renewal process: the first
// starts after a draw of `interval`, lasts a draw of `duration`, and the next starts an interval
// after it ends (as stochastic suspensions).
//
// A leg is not "slow" or "fast" as a whole: a convoy covers its leg at 1/factor of its pace while
// inside a window and at full pace outside, so a leg that starts before a window and ends in it is
// slowed only for the part inside. Since every window is known (or drawable) when a leg starts,
// travel_end() works out when the leg ends at its start: no event is rescheduled when a window
// opens. Where windows of several sources overlap, the largest factor holds.
//
// A risk's windows are drawn from its own stream only as far as a call asks, so how far they were
// drawn never changes a result: a replication sees the same windows whatever asks first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "mamar/sim/random.hpp"
#include "mamar/sim/sampling.hpp"
#include "mamar/sim/sim_time.hpp"

namespace mamar::sim::detail {

class Slowdowns {
 public:
  struct Window {
    SimTime from;
    SimTime to;
  };

  /// A scheduled window, for the operations marked in `applies` (by operation index).
  void add_window(Window w, double factor, std::vector<bool> applies, std::uint32_t source);
  /// A stochastic process of windows, drawn from `rng` with the two samplers (which must outlive
  /// this object); none starts after `last_start`.
  void add_process(const Sampler& interval, const Sampler& duration, double factor,
                   std::vector<bool> applies, RandomStream rng, SimTime last_start,
                   std::uint32_t source);

  /// Whether any window may slow operation `op`.
  bool slows(std::uint32_t op) const { return op < slows_.size() && slows_[op] != 0; }

  /// When a leg of operation `op` whose unhindered travel takes `d` ends, if it starts at `t`.
  /// `t` never decreases from one call to the next (windows that ended before it are let go).
  SimTime travel_end(std::uint32_t op, SimTime t, Duration d);

  /// Calls f(source, window, factor, applies) once for each window that starts at or before
  /// `until` (for the trace), in order of start within each source.
  template <class F>
  void each_started(SimTime until, F&& f) {
    for (auto& s : sources_) {
      draw_until(s, until);
      for (; s.reported < s.windows.size() && s.windows[s.reported].from <= until; ++s.reported)
        f(s.source, s.windows[s.reported], s.factor, s.applies);
    }
  }

 private:
  struct Source {
    std::uint32_t source = 0;  // the caller's index (risk or event)
    double factor = 1;
    std::vector<bool> applies;
    std::vector<Window> windows;  // in order of start, not overlapping
    std::size_t live = 0;         // windows before it ended before the last call's start
    std::size_t reported = 0;     // windows given to each_started()
    // The process, for a risk: the start of the next window not yet drawn (infinity: none).
    const Sampler* interval = nullptr;
    const Sampler* duration = nullptr;
    std::optional<RandomStream> rng;
    SimTime next_from = SimTime::infinity();
    SimTime last_start = SimTime::infinity();
  };

  // Draws the source's windows until every one starting at or before `t` is known.
  static void draw_until(Source& s, SimTime t);
  void mark(const std::vector<bool>& applies);

  std::vector<Source> sources_;
  std::vector<char> slows_;  // by operation
};

}  // namespace mamar::sim::detail
