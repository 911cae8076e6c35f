#include "slowdowns.hpp"

#include <algorithm>
#include <cmath>

namespace mamar::sim::detail {

void Slowdowns::mark(const std::vector<bool>& applies, std::uint8_t what) {
  if (slows_.size() < applies.size()) slows_.resize(applies.size(), 0);
  for (std::size_t o = 0; o < applies.size(); ++o) {
    if (applies[o]) slows_[o] |= what;
  }
}

Slowdowns::Source& Slowdowns::add_source(double factor, std::uint8_t what,
                                         const std::vector<bool>& applies, std::int32_t where,
                                         std::uint32_t source) {
  mark(applies, what);
  Source& s = sources_.emplace_back();
  s.source = source;
  s.factor = factor;
  s.what = what;
  s.by_operation.resize(applies.size());
  for (std::size_t o = 0; o < applies.size(); ++o) s.by_operation[o] = applies[o] ? what : 0;
  s.where = where;
  return s;
}

void Slowdowns::add_window(Window w, double factor, std::uint8_t what,
                           const std::vector<bool>& applies, std::int32_t where,
                           std::uint32_t source) {
  if (!(w.from < w.to) || !(factor > 1) || what == 0) return;  // slows nothing
  add_source(factor, what, applies, where, source).windows.push_back(w);
}

void Slowdowns::add_process(const Sampler& interval, const Sampler& duration, double factor,
                            std::uint8_t what, const std::vector<bool>& applies, std::int32_t where,
                            RandomStream rng, SimTime last_start, std::uint32_t source) {
  Source& s = add_source(factor, what, applies, where, source);
  s.interval = &interval;
  s.duration = &duration;
  s.rng = rng;
  s.last_start = last_start;
  s.next_from = SimTime::zero() + interval.sample_duration(*s.rng);
  if (s.next_from > last_start) s.next_from = SimTime::infinity();
}

void Slowdowns::draw_until(Source& s, SimTime t) {
  while (s.next_from <= t) {
    const SimTime from = s.next_from;
    const SimTime to = from + s.duration->sample_duration(*s.rng);
    if (to > from) s.windows.push_back({from, to});
    // A draw of zero for both would start the next window where this one did.
    const SimTime next =
        std::max(to + s.interval->sample_duration(*s.rng), from + Duration::milliseconds(1));
    s.next_from = next > s.last_start ? SimTime::infinity() : next;
  }
}

SimTime Slowdowns::end(std::uint32_t op, Activity a, std::int32_t where, SimTime t, Duration d,
                       SimTime now) {
  const SimTime unhindered = t + d;
  if (!slows(op, a) || d <= Duration{}) return unhindered;
  // Let go of the windows over before now: no later call is made earlier.
  for (auto& s : sources_) {
    while (s.live < s.windows.size() && s.windows[s.live].to <= now) ++s.live;
    if (s.live > 1024 && (!reported_ || s.reported >= s.live)) {
      // A long process: forget what is over (and reported, for a trace).
      s.windows.erase(s.windows.begin(), s.windows.begin() + static_cast<std::ptrdiff_t>(s.live));
      s.reported -= s.live;
      s.live = 0;
    }
  }
  // Walk from breakpoint to breakpoint (a window starting or ending) with `left` ms of unhindered
  // work still to do; between two breakpoints the factor is constant. Each source's windows are
  // looked at from where the last step left them: the walk is as long as the windows it crosses.
  auto left = static_cast<double>(d.count_ms());
  cursor_.resize(sources_.size());
  for (std::size_t k = 0; k < sources_.size(); ++k) cursor_[k] = sources_[k].live;
  while (true) {
    double factor = 1;
    SimTime next = SimTime::infinity();
    for (std::size_t k = 0; k < sources_.size(); ++k) {
      Source& s = sources_[k];
      if (op >= s.by_operation.size() || (s.by_operation[op] & a) == 0 ||
          (s.where >= 0 && s.where != where))
        continue;
      draw_until(s, t);
      next = std::min(next, s.next_from);
      std::size_t& i = cursor_[k];
      while (i < s.windows.size() && s.windows[i].to <= t) ++i;  // over before t
      for (; i < s.windows.size(); ++i) {
        const Window& w = s.windows[i];
        if (w.from > t) {
          next = std::min(next, w.from);
          break;
        }
        if (t < w.to) {
          factor = std::max(factor, s.factor);
          next = std::min(next, w.to);
          break;  // the windows of one source do not overlap
        }
      }
    }
    const double needed = left * factor;  // ms at this factor
    if (next.is_infinite() || needed <= static_cast<double>((next - t).count_ms())) {
      const SimTime end = t + Duration::milliseconds(std::llround(needed));
      return std::max(end, unhindered);
    }
    left -= static_cast<double>((next - t).count_ms()) / factor;
    t = next;
  }
}

}  // namespace mamar::sim::detail
