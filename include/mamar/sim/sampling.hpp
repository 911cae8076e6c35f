// Drawing values from the scenario's distributions.
//
// sample(d, rng) draws once from a model::Distribution and allocates nothing. The engine draws
// through a Sampler instead (src/sim/sampler.hpp, internal), which prepares a distribution once
// (lognormal parameters, truncation limits, cumulative tables) and then draws faster: one Sampler
// per distribution per scenario, built before the run, then millions of draws. For the same
// stream state both give the same value.
//
// How each kind is drawn (values in base units: ms for durations, plain numbers for counts):
//   Fixed        a.
//   Uniform      a + (b - a) u.
//   Triangular   inverse CDF (min a, mode b, max c); one uniform.
//   Exponential  mean a, by inversion; one uniform.
//   Normal       mean a, sd b, truncated to [lo, hi]: redrawn while outside (at most 100 times)
//                when [lo, hi] holds at least 30% of the mass; otherwise, and after 100 misses,
//                inverse CDF on the truncated range, which never loops.
//   Lognormal    the variable's own mean a and sd b: mu = ln(a^2 / sqrt(a^2 + b^2)),
//                sigma^2 = ln(1 + b^2 / a^2); then capped at hi (min(x, hi)).
//   Empirical    (value, weight) rows: cumulative weights and a binary search; one uniform.
//   EmpiricalCdf (value, cumulative probability) rows, linear between rows: inverse CDF.
//
// The RandomStream passed in is the caller's and is advanced.
#pragma once

#include <cstdint>

#include "mamar/common/time.hpp"
#include "mamar/model/distribution.hpp"
#include "mamar/sim/random.hpp"

namespace mamar::sim {

/// One draw from `d`.
double sample(const model::Distribution& d, RandomStream& rng);
/// One draw rounded to the nearest integer, never negative (for head counts, bus counts ...).
std::int64_t sample_count(const model::Distribution& d, RandomStream& rng);
/// One draw read as milliseconds, rounded to the nearest ms, clamped to [0, Duration::max()]:
/// a simulated delay never runs backwards.
Duration sample_duration(const model::Distribution& d, RandomStream& rng);

}  // namespace mamar::sim
