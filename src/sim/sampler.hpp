// Sampler: a distribution of the scenario prepared for the engine's many draws (see
// mamar/sim/sampling.hpp for how each kind is drawn). A plain value, immutable after
// construction, and safe to share across threads; the RandomStream passed in is the caller's and
// is advanced.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "mamar/common/time.hpp"
#include "mamar/model/distribution.hpp"
#include "mamar/sim/random.hpp"
#include "mamar/sim/sampling.hpp"

namespace mamar::sim {

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

// Positions in a sorted table, as std::upper_bound / std::lower_bound give them: for the short
// tables of scenarios, counting without branches beats a binary search whose every step is a coin
// toss for the branch predictor.
inline std::size_t count_not_above(const std::vector<double>& sorted, double x) {
  if (sorted.size() > 32) {
    return static_cast<std::size_t>(std::upper_bound(sorted.begin(), sorted.end(), x) -
                                    sorted.begin());
  }
  std::size_t n = 0;
  for (const double v : sorted) n += v <= x ? 1 : 0;
  return n;
}

inline std::size_t count_below(const std::vector<double>& sorted, double x) {
  if (sorted.size() > 32) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), x) -
                                    sorted.begin());
  }
  std::size_t n = 0;
  for (const double v : sorted) n += v < x ? 1 : 0;
  return n;
}

// Linear interpolation in row i-1 .. i of a CDF table at probability u, p[i-1] < u <= p[i].
inline double interpolate_cdf(double v0, double p0, double v1, double p1, double u) {
  return v0 + (v1 - v0) * ((u - p0) / (p1 - p0));
}

// A triangular draw at probability u: one square root and selects rather than branches (which
// side u falls is random). Shared by the draws and the summing loop, which inline it. The selects
// are written as arithmetic because GCC made the ternaries branches: with m 0 or 1,
// m * x + (1 - m) * y is exactly x or y (the other term is an exact zero).
inline double triangular_at(const PreparedShape& s, double u) {
  const double m = u < s.b ? 1.0 : 0.0;
  const double root = std::sqrt(m * (u * s.lower_scale) + (1 - m) * ((1 - u) * s.upper_scale));
  return m * s.a + (1 - m) * s.c + (2 * m - 1) * root;
}

// A draw as a count: rounded to the nearest integer, never negative (sim::sample_count()).
inline std::int64_t to_count(double x) {
  if (!(x > 0)) return 0;  // negative, zero and NaN
  constexpr std::int64_t kMaxCount = std::numeric_limits<std::int64_t>::max() / 4;
  constexpr auto kMax = static_cast<double>(kMaxCount);
  if (x >= kMax) return static_cast<std::int64_t>(kMax);
  // std::llround, without the library call: x is positive, so truncation is floor and the
  // fraction x - floor(x) is exact.
  const auto whole = static_cast<std::int64_t>(x);
  return whole + (x - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}

// A draw as a duration in ms: rounded, clamped to [0, Duration::max()] (sim::sample_duration()).
inline Duration to_duration(double ms) {
  return Duration::milliseconds(std::min(to_count(ms), Duration::max().count_ms()));
}

/// Binomial(n, p) draws for one p, each the draw RandomStream::binomial(n, p) gives from the same
/// stream, with the first term of its search (an exp and a log1p) kept for each n below
/// kRemembered: the stretcher patients of each household of a group are drawn with its share.
class BinomialDraws {
 public:
  explicit BinomialDraws(double p) : p_(p), q_(p > 0.5 ? 1 - p : p) {}
  std::int64_t operator()(RandomStream& rng, std::int64_t n) {
    if (n <= 0 || n >= kRemembered || !(p_ > 0) || p_ >= 1) return rng.binomial(n, p_);
    // n q < 16 q <= 8: below RandomStream::kExactCountMean, always drawn by inversion.
    double& first = first_[static_cast<std::size_t>(n)];
    if (first == 0) first = std::exp(static_cast<double>(n) * std::log1p(-q_));
    const std::int64_t x = rng.binomial_by_inversion(n, q_, first);
    return p_ > 0.5 ? n - x : x;
  }

 private:
  static constexpr std::int64_t kRemembered = 16;
  static_assert(kRemembered * 0.5 < RandomStream::kExactCountMean);
  double p_;
  double q_;  // the smaller of p and 1 - p, as binomial() draws
  // By n: exp(n log1p(-q)), at least 2^-15, so 0 until computed.
  std::array<double, kRemembered> first_{};
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
  [[gnu::always_inline]] std::int64_t sample_count(RandomStream& rng) const {
    switch (shape_.kind) {
      case model::DistributionKind::Empirical:
        return detail::to_count(table_draw(rng));
      case model::DistributionKind::EmpiricalCdf:
        return detail::to_count(cdf_draw(rng));
      case model::DistributionKind::Fixed:
        return detail::to_count(shape_.a);
      default:
        return other_count(rng);
    }
  }
  /// As sim::sample_duration().
  [[gnu::always_inline]] Duration sample_duration(RandomStream& rng) const {
    switch (shape_.kind) {
      case model::DistributionKind::Empirical:
        return detail::to_duration(table_draw(rng));
      case model::DistributionKind::EmpiricalCdf:
        return detail::to_duration(cdf_draw(rng));
      case model::DistributionKind::Triangular:
        return detail::to_duration(detail::triangular_at(shape_, rng.uniform()));
      case model::DistributionKind::Uniform:
        return detail::to_duration(shape_.a + shape_.b * rng.uniform());
      case model::DistributionKind::Fixed:
        return detail::to_duration(shape_.a);
      default:
        return other_duration(rng);
    }
  }
  /// The sum of `n` draws of sample_duration(), using the same random numbers as n calls. Fixed,
  /// normal and table draws are each rounded as there; uniform and triangular draws are summed
  /// unrounded (negative ones as zero) and the sum rounded once; the exponential's sum is drawn
  /// at once from the Gamma distribution (rounded once).
  Duration sample_duration_sum(std::int64_t n, RandomStream& rng) const;

  model::DistributionKind kind() const { return shape_.kind; }

 private:
  // The tables' draws inline where they are asked for (the population's household sizes and
  // arrival times, drawn for every household), as the durations' triangular, uniform and fixed
  // draws; the other kinds out of line. Always inlined: left to itself GCC inlined the draws in
  // some callers only, and the population's loop then kept its stream's state in memory (1.3%
  // more instructions for an East Aleppo replication).
  [[gnu::always_inline]] double table_draw(RandomStream& rng) const {  // Empirical
    if (values_.empty()) return 0;
    const double total = cumulative_.back();
    if (!(total > 0)) return values_.front();
    const double target = rng.uniform() * total;
    const std::size_t row = detail::count_not_above(cumulative_, target);  // upper_bound's
    return values_[std::min(row, last_positive_)];
  }
  [[gnu::always_inline]] double cdf_draw(RandomStream& rng) const {  // EmpiricalCdf
    if (values_.empty()) return 0;
    if (values_.size() == 1 || !(cumulative_.back() > 0)) return values_.front();
    const double u = rng.uniform() * cumulative_.back();
    const std::size_t i = detail::count_below(cumulative_, u);  // lower_bound's position
    if (i == 0) return values_.front();
    if (i == cumulative_.size()) return values_.back();
    return detail::interpolate_cdf(values_[i - 1], cumulative_[i - 1], values_[i], cumulative_[i],
                                   u);
  }
  std::int64_t other_count(RandomStream& rng) const;
  Duration other_duration(RandomStream& rng) const;

  detail::PreparedShape shape_;
  std::vector<double> values_;      // Empirical, EmpiricalCdf: the values, in table order
  std::vector<double> cumulative_;  // Empirical: running weight sums; EmpiricalCdf: probabilities
  std::size_t last_positive_ = 0;   // Empirical: the last row with a positive weight
};

}  // namespace mamar::sim
