// Drawing values from the scenario's distributions.
//
// sample(d, rng) draws once from a model::Distribution and allocates nothing; a Sampler prepares
// a distribution once (lognormal parameters, truncation limits, cumulative tables) and then
// draws faster, which is what the engine does: one Sampler per distribution per scenario, built
// before the run, then millions of draws. For the same stream state both give the same value.
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
// Sampler is a plain value, immutable after construction, and safe to share across threads;
// the RandomStream passed in is the caller's and is advanced.
#pragma once

#include <cstdint>
#include <vector>

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

namespace detail {

enum class TruncatedNormalMethod {
  Degenerate,    ///< sd <= 0: the mean, clamped
  Reject,        ///< redraw while outside [lo, hi]
  InverseLower,  ///< inverse CDF on Phi(alpha) .. Phi(beta)
  InverseUpper,  ///< inverse CDF on the upper tail Q(beta) .. Q(alpha), for precision there
};

/// A distribution's parameters prepared for drawing; built by Sampler and by sample().
struct PreparedShape {
  model::DistributionKind kind = model::DistributionKind::Fixed;
  // Fixed: a. Uniform: a + b u. Exponential: mean a. Lognormal: mu a, sigma b, cap hi.
  // Triangular: min a, max c, split at u = b; lower_scale, upper_scale the products under the
  // square roots. Normal: mean a, sd b, limits lo..hi, probabilities p_lo .. p_lo + p_span.
  double a = 0;
  double b = 0;
  double c = 0;
  double lo = 0;
  double hi = 0;
  double lower_scale = 0;
  double upper_scale = 0;
  double p_lo = 0;
  double p_span = 0;
  TruncatedNormalMethod normal_method = TruncatedNormalMethod::Degenerate;
};

}  // namespace detail

/// A distribution prepared for many fast draws. Example:
///   Sampler travel(scenario_leg.travel_time);
///   Duration d = travel.sample_duration(rng);
class Sampler {
 public:
  explicit Sampler(const model::Distribution& d);

  double sample(RandomStream& rng) const;
  /// As sim::sample_count().
  std::int64_t sample_count(RandomStream& rng) const;
  /// As sim::sample_duration().
  Duration sample_duration(RandomStream& rng) const;
  /// The sum of `n` draws of sample_duration(), using the same random numbers as n calls. Fixed,
  /// normal and table draws are each rounded as there; uniform and triangular draws are summed
  /// unrounded (negative ones as zero) and the sum rounded once; the exponential's sum is drawn
  /// at once from the Gamma distribution (rounded once).
  Duration sample_duration_sum(std::int64_t n, RandomStream& rng) const;

  model::DistributionKind kind() const { return shape_.kind; }

 private:
  double table_draw(RandomStream& rng) const;  // Empirical
  double cdf_draw(RandomStream& rng) const;    // EmpiricalCdf

  detail::PreparedShape shape_;
  std::vector<double> values_;      // Empirical, EmpiricalCdf: the values, in table order
  std::vector<double> cumulative_;  // Empirical: running weight sums; EmpiricalCdf: probabilities
  std::size_t last_positive_ = 0;   // Empirical: the last row with a positive weight
};

}  // namespace mamar::sim
