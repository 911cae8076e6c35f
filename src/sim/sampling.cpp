#include "mamar/sim/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "sampler.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace mamar::sim {
namespace {

using detail::interpolate_cdf;
using detail::PreparedShape;
using detail::to_count;
using detail::to_duration;
using detail::triangular_at;
using detail::TruncatedNormalMethod;
using model::DistributionKind;

constexpr double kInf = std::numeric_limits<double>::infinity();
// Redraw a truncated normal only when at least this share of the mass is inside the limits:
// then 100 tries all miss with probability 0.7^100 ~ 3e-16.
constexpr double kMinAcceptance = 0.3;
constexpr int kMaxNormalTries = 100;

// The upper tail Q(x) = 1 - Phi(x), accurate far out where 1 - Phi(x) would round to 0.
double normal_upper_tail(double x) {
  return 0.5 * std::erfc(x / std::numbers::sqrt2);
}

// Phi(x).
double std_normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

// Phi^-1(p): P. J. Acklam's rational approximation polished by one Halley step, accurate to
// about 1e-15 relative, also deep in both tails (which the truncated normal needs).
double std_normal_quantile(double p) {
  if (!(p > 0)) return p == 0 ? -kInf : std::numeric_limits<double>::quiet_NaN();
  if (!(p < 1)) return p == 1 ? kInf : std::numeric_limits<double>::quiet_NaN();
  // P. J. Acklam's rational approximations (relative error < 1.15e-9) for the central region and
  // the two tails (kA..kD are the paper's a..d).
  static constexpr double kA[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                  -2.759285104469687e+02, 1.383577518672690e+02,
                                  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double kB[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                  -1.556989798598866e+02, 6.680131188771972e+01,
                                  -1.328068155288572e+01};
  static constexpr double kC[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                  -2.400758277161838e+00, -2.549732539343734e+00,
                                  4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double kD[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                  2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  double x = 0;
  if (p < kLow || p > 1 - kLow) {
    const double q = std::sqrt(-2 * std::log(p < kLow ? p : 1 - p));
    x = (((((kC[0] * q + kC[1]) * q + kC[2]) * q + kC[3]) * q + kC[4]) * q + kC[5]) /
        ((((kD[0] * q + kD[1]) * q + kD[2]) * q + kD[3]) * q + 1);
    if (p > kLow) x = -x;
  } else {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((kA[0] * r + kA[1]) * r + kA[2]) * r + kA[3]) * r + kA[4]) * r + kA[5]) * q /
        (((((kB[0] * r + kB[1]) * r + kB[2]) * r + kB[3]) * r + kB[4]) * r + 1);
  }
  // One step of Halley's method on Phi(x) - p brings it to full double precision. In the upper
  // tail, compare upper-tail probabilities so that the error is not lost to rounding near 1.
  // Either way e = Phi(x) - p.
  const double e = p > 0.5 ? (1 - p) - normal_upper_tail(x) : std_normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

PreparedShape prepare(const model::Distribution& d) {
  PreparedShape s;
  s.kind = d.kind;
  switch (d.kind) {
    case DistributionKind::Fixed:
      s.a = d.a;
      break;
    case DistributionKind::Uniform:
      s.a = d.a;
      s.b = d.b - d.a;
      break;
    case DistributionKind::Triangular:
      s.a = d.a;
      s.c = d.c;
      s.b = d.c > d.a ? (d.b - d.a) / (d.c - d.a) : 1;
      s.lower_scale = (d.c - d.a) * (d.b - d.a);
      s.upper_scale = (d.c - d.a) * (d.c - d.b);
      break;
    case DistributionKind::Exponential:
      s.a = std::max(d.a, 0.0);
      break;
    case DistributionKind::Normal: {
      s.a = d.a;
      s.b = d.b;
      s.lo = d.lo;
      s.hi = d.hi;
      if (!(d.b > 0) || !(d.lo < d.hi)) {
        s.normal_method = TruncatedNormalMethod::Degenerate;
        break;
      }
      const double alpha = (d.lo - d.a) / d.b;
      const double beta = (d.hi - d.a) / d.b;
      if (alpha >= 0) {
        // Wholly in the upper half: work with upper-tail probabilities, which keep their
        // precision where Phi rounds to 1.
        s.p_lo = normal_upper_tail(beta);
        s.p_span = normal_upper_tail(alpha) - s.p_lo;
        s.normal_method = TruncatedNormalMethod::InverseUpper;
      } else {
        s.p_lo = std_normal_cdf(alpha);
        s.p_span = std_normal_cdf(beta) - s.p_lo;
        s.normal_method = TruncatedNormalMethod::InverseLower;
      }
      if (s.p_span >= kMinAcceptance) s.normal_method = TruncatedNormalMethod::Reject;
      break;
    }
    case DistributionKind::Lognormal:
      s.hi = d.hi;
      if (d.a > 0) {
        const double sigma2 = std::log1p((d.b * d.b) / (d.a * d.a));
        s.a = std::log(d.a) - sigma2 / 2;  // = ln(a^2 / sqrt(a^2 + b^2))
        s.b = std::sqrt(sigma2);
      } else {
        s.a = -kInf;  // exp(-inf) = 0: a variable whose mean is 0 is always 0
      }
      break;
    case DistributionKind::Empirical:
    case DistributionKind::EmpiricalCdf:
      break;  // the tables are handled by the callers
  }
  return s;
}

double truncated_normal_by_inversion(const PreparedShape& s, RandomStream& rng) {
  const double p = s.p_lo + s.p_span * rng.uniform();
  const double z = s.normal_method == TruncatedNormalMethod::InverseUpper ? -std_normal_quantile(p)
                                                                          : std_normal_quantile(p);
  return std::clamp(s.a + s.b * z, s.lo, s.hi);
}

// Sums of n draws (uniform, triangular) are taken unrounded, negative draws counted as zero, in
// draw order alternately into two partial sums added at the end, and rounded to the millisecond
// once. Two partial sums let triangular draws take their square roots two at a time where the
// processor can (SSE2: the same results as one at a time); these square roots bound the loop.
template <class Draw>
double paired_sum(std::int64_t n, RandomStream& rng, Draw draw_at) {
  RandomStream local = rng;  // in registers through the loop, not stored at every draw
  double sums[2] = {0, 0};
  for (std::int64_t i = 0; i < n; ++i) sums[i % 2] += std::max(0.0, draw_at(local.uniform()));
  rng = local;
  return sums[0] + sums[1];
}

double triangular_sum(const PreparedShape& s, std::int64_t n, RandomStream& rng) {
#ifdef __SSE2__
  RandomStream local = rng;
  const __m128d b = _mm_set1_pd(s.b);
  const __m128d one = _mm_set1_pd(1.0);
  const __m128d zero = _mm_setzero_pd();
  const __m128d lower_scale = _mm_set1_pd(s.lower_scale);
  const __m128d upper_scale = _mm_set1_pd(s.upper_scale);
  const __m128d low = _mm_set1_pd(s.a);
  const __m128d high = _mm_set1_pd(s.c);
  __m128d sums = zero;  // lane 0: draws 0, 2, 4, ...; lane 1: draws 1, 3, 5, ...
  std::int64_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const double u0 = local.uniform();
    const __m128d u = _mm_set_pd(local.uniform(), u0);
    // triangular_at() in both lanes: m is 1 where u < b, else 0.
    const __m128d m = _mm_and_pd(_mm_cmplt_pd(u, b), one);
    const __m128d rest = _mm_sub_pd(one, m);
    const __m128d root =
        _mm_sqrt_pd(_mm_add_pd(_mm_mul_pd(m, _mm_mul_pd(u, lower_scale)),
                               _mm_mul_pd(rest, _mm_mul_pd(_mm_sub_pd(one, u), upper_scale))));
    const __m128d base = _mm_add_pd(_mm_mul_pd(m, low), _mm_mul_pd(rest, high));
    const __m128d sign = _mm_sub_pd(_mm_add_pd(m, m), one);
    sums = _mm_add_pd(sums, _mm_max_pd(zero, _mm_add_pd(base, _mm_mul_pd(sign, root))));
  }
  double even = _mm_cvtsd_f64(sums);
  const double odd = _mm_cvtsd_f64(_mm_unpackhi_pd(sums, sums));
  if (i < n) even += std::max(0.0, triangular_at(s, local.uniform()));  // n odd: the last one
  rng = local;
  return even + odd;
#else
  return paired_sum(n, rng, [&s](double u) { return triangular_at(s, u); });
#endif
}

// Draws from every kind but the two tables.
double draw(const PreparedShape& s, RandomStream& rng) {
  switch (s.kind) {
    case DistributionKind::Fixed:
      return s.a;
    case DistributionKind::Uniform:
      return s.a + s.b * rng.uniform();
    case DistributionKind::Triangular:
      return triangular_at(s, rng.uniform());
    case DistributionKind::Exponential:
      return rng.exponential(s.a);
    case DistributionKind::Normal:
      switch (s.normal_method) {
        case TruncatedNormalMethod::Degenerate:
          return std::clamp(s.a, s.lo, std::max(s.lo, s.hi));
        case TruncatedNormalMethod::Reject:
          for (int i = 0; i < kMaxNormalTries; ++i) {
            const double x = s.a + s.b * rng.normal();
            if (x >= s.lo && x <= s.hi) return x;
          }
          return truncated_normal_by_inversion(s, rng);
        case TruncatedNormalMethod::InverseLower:
        case TruncatedNormalMethod::InverseUpper:
          return truncated_normal_by_inversion(s, rng);
      }
      return s.a;
    case DistributionKind::Lognormal:
      return std::min(std::exp(s.a + s.b * rng.normal()), s.hi);
    case DistributionKind::Empirical:
    case DistributionKind::EmpiricalCdf:
      break;
  }
  return 0;
}

// Empirical draws straight from the table, without allocating. The running sums are added in
// the same order as Sampler's cumulative table, so both pick the same row for the same u.
double draw_empirical(const model::Distribution& d, RandomStream& rng) {
  double total = 0;
  for (const auto& row : d.table) total += std::max(row.second, 0.0);
  if (!(total > 0)) return d.table.empty() ? 0 : d.table.front().first;
  const double target = rng.uniform() * total;
  double cumulative = 0;
  double last_positive = d.table.front().first;
  for (const auto& row : d.table) {
    cumulative += std::max(row.second, 0.0);
    if (row.second > 0) last_positive = row.first;
    if (cumulative > target) return row.first;
  }
  return last_positive;  // target rounded up to the total
}

double draw_empirical_cdf(const model::Distribution& d, RandomStream& rng) {
  const auto& t = d.table;
  if (t.empty()) return 0;
  if (t.size() == 1 || !(t.back().second > 0)) return t.front().first;
  const double u = rng.uniform() * t.back().second;
  const auto it = std::lower_bound(t.begin(), t.end(), u,
                                   [](const auto& row, double p) { return row.second < p; });
  if (it == t.begin()) return t.front().first;
  if (it == t.end()) return t.back().first;
  const auto& prev = *(it - 1);
  return interpolate_cdf(prev.first, prev.second, it->first, it->second, u);
}

}  // namespace

double sample(const model::Distribution& d, RandomStream& rng) {
  switch (d.kind) {
    case DistributionKind::Empirical:
      return draw_empirical(d, rng);
    case DistributionKind::EmpiricalCdf:
      return draw_empirical_cdf(d, rng);
    default:
      return draw(prepare(d), rng);
  }
}

std::int64_t sample_count(const model::Distribution& d, RandomStream& rng) {
  return to_count(sample(d, rng));
}

Duration sample_duration(const model::Distribution& d, RandomStream& rng) {
  return to_duration(sample(d, rng));
}

Sampler::Sampler(const model::Distribution& d) : shape_(prepare(d)) {
  if (d.kind == DistributionKind::Empirical) {
    double total = 0;
    for (std::size_t i = 0; i < d.table.size(); ++i) {
      const auto [value, weight] = d.table[i];
      total += std::max(weight, 0.0);
      if (weight > 0) last_positive_ = i;
      values_.push_back(value);
      cumulative_.push_back(total);
    }
  } else if (d.kind == DistributionKind::EmpiricalCdf) {
    for (const auto& [value, probability] : d.table) {
      values_.push_back(value);
      cumulative_.push_back(probability);
    }
  }
}

double Sampler::sample(RandomStream& rng) const {
  if (shape_.kind == DistributionKind::Empirical) return table_draw(rng);
  if (shape_.kind == DistributionKind::EmpiricalCdf) return cdf_draw(rng);
  return draw(shape_, rng);
}

// The kinds drawn inline (sampler.hpp) aside, through draw(). One function inlining every kind
// (the normal's rejection loop calling the generator) saved and restored registers on every
// draw, a good part of a table's.
std::int64_t Sampler::other_count(RandomStream& rng) const {
  return to_count(draw(shape_, rng));
}

Duration Sampler::other_duration(RandomStream& rng) const {
  return to_duration(draw(shape_, rng));
}

Duration Sampler::sample_duration_sum(std::int64_t n, RandomStream& rng) const {
  Duration total;
  switch (shape_.kind) {
    case DistributionKind::Fixed: {
      const Duration one = to_duration(shape_.a);
      if (n <= 0) return total;
      return one.count_ms() > Duration::max().count_ms() / n ? Duration::max() : one * n;
    }
    // Summed unrounded and rounded to the millisecond once (see paired_sum()), as the
    // exponential's sum is.
    case DistributionKind::Uniform:
      return n > 0 ? to_duration(
                         paired_sum(n, rng, [this](double u) { return shape_.a + shape_.b * u; }))
                   : total;
    case DistributionKind::Exponential:
      // The sum of n exponentials is one Gamma(n) draw: the same distribution, rounded to the
      // millisecond once instead of n times (a difference of a few milliseconds at most).
      if (n > 1) return to_duration(shape_.a * rng.gamma(static_cast<double>(n)));
      return n == 1 ? to_duration(draw(shape_, rng)) : total;
    case DistributionKind::Triangular:
      return n > 0 ? to_duration(triangular_sum(shape_, n, rng)) : total;
    default:
      for (std::int64_t i = 0; i < n; ++i) total += sample_duration(rng);
      return total;
  }
}

}  // namespace mamar::sim
