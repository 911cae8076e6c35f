#include "mamar/sim/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace mamar::sim {
namespace {

bool censored(double v) {
  return std::isnan(v) || v == std::numeric_limits<double>::infinity();
}

// The reached values in ascending order, then one NaN for each censored value.
std::vector<double> censored_last(std::span<const double> values) {
  std::vector<double> sorted;
  sorted.reserve(values.size());
  for (double v : values) {
    if (!censored(v)) sorted.push_back(v);
  }
  std::sort(sorted.begin(), sorted.end());
  sorted.resize(values.size(), kNaN);
  return sorted;
}

// log Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; relative error ~1e-15).
// Written here rather than std::lgamma, which writes the global `signgam` in glibc.
double log_gamma(double x) {
  static constexpr std::array<double, 9> kCoefficients = {
      0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
      771.32342877765313,   -176.61502916214059,   12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    return std::log(std::numbers::pi / std::abs(std::sin(std::numbers::pi * x))) - log_gamma(1 - x);
  }
  x -= 1;
  double a = kCoefficients[0];
  const double t = x + 7.5;
  for (std::size_t i = 1; i < kCoefficients.size(); ++i)
    a += kCoefficients[i] / (x + static_cast<double>(i));
  return 0.5 * std::log(2 * std::numbers::pi) + (x + 0.5) * std::log(t) - t + std::log(a);
}

// Continued fraction of the regularised incomplete beta function (modified Lentz).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-16;
  const double qab = a + b;
  const double qap = a + 1;
  const double qam = a - 1;
  double c = 1;
  double d = 1 - qab * x / qap;
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 100000; ++m) {
    const double dm = m;
    const double m2 = 2 * dm;
    double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1) < kEpsilon) break;
  }
  return h;
}

// I_x(a, b), given both x and y = 1 − x (so that either can be small without losing digits).
double incomplete_beta(double a, double b, double x, double y) {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const double front =
      std::exp(log_gamma(a + b) - log_gamma(a) - log_gamma(b) + a * std::log(x) + b * std::log(y));
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, y) / b;
}

// P(T > t) for t ≥ 0 and Student's t with `dof` degrees of freedom.
double student_t_upper_tail(double t, double dof) {
  const double t2 = t * t;
  const double x = dof / (dof + t2);
  const double y = t2 / (dof + t2);
  return 0.5 * incomplete_beta(dof / 2, 0.5, x, y);
}

// The z with P(Z > z) = tail for 0 < tail ≤ 0.5, by bisection on std::erfc (accurate to the last
// digits; only used for many degrees of freedom).
double normal_upper_quantile(double tail) {
  double lo = 0;
  double hi = 40;
  for (int i = 0; i < 200 && hi - lo > 1e-16 * hi; ++i) {
    const double mid = lo + (hi - lo) / 2;
    if (0.5 * std::erfc(mid / std::numbers::sqrt2) > tail) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo + (hi - lo) / 2;
}

}  // namespace

double neumaier_sum(std::span<const double> values) {
  double sum = 0;
  double compensation = 0;
  for (double v : values) {
    const double t = sum + v;
    compensation += std::abs(sum) >= std::abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  return sum + compensation;
}

Moments moments(std::span<const double> values) {
  Moments m;
  if (values.empty()) return m;
  const auto [least, greatest] = std::minmax_element(values.begin(), values.end());
  // The mean of values lies between the least and the greatest of them; the sum rounded and then
  // divided can fall an ulp outside (a value repeated n times is its own mean only so).
  m.mean = std::clamp(neumaier_sum(values) / static_cast<double>(values.size()), *least, *greatest);
  if (values.size() < 2) return m;
  std::vector<double> squares(values.size());
  std::transform(values.begin(), values.end(), squares.begin(),
                 [&](double v) { return (v - m.mean) * (v - m.mean); });
  m.variance = neumaier_sum(squares) / static_cast<double>(values.size() - 1);
  return m;
}

double student_t_quantile(double p, double dof) {
  if (!(dof > 0) || !(p > 0 && p < 1)) return kNaN;
  if (p == 0.5) return 0;
  if (p < 0.5) return -student_t_quantile(1 - p, dof);
  const double tail = 1 - p;
  if (dof >= 1000) {
    // The Cornish–Fisher expansion around the normal quantile to the term in dof⁻⁴ (Abramowitz
    // and Stegun 26.7.5): at p = 0.975 the next term is below 1e-15 of the quantile from 1,000
    // degrees of freedom on, where bisecting on the tail below loses digits in the difference of
    // the log Γ of large arguments (1e-11 of the quantile at 10^5).
    const double z = normal_upper_quantile(tail);
    const double z2 = z * z;
    const double g1 = z * (z2 + 1) / 4;
    const double g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
    const double g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
    const double g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
    return z + (g1 + (g2 + (g3 + g4 / dof) / dof) / dof) / dof;
  }
  // Bracket the quantile, then bisect on the exact upper tail. The tail decreases in t.
  double lo = 0;
  double hi = 1;
  while (student_t_upper_tail(hi, dof) > tail) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return std::numeric_limits<double>::infinity();
  }
  for (int i = 0; i < 200 && hi - lo > 4 * std::numeric_limits<double>::epsilon() * hi; ++i) {
    const double mid = lo + (hi - lo) / 2;
    if (student_t_upper_tail(mid, dof) > tail) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo + (hi - lo) / 2;
}

std::size_t percentile_rank(std::size_t n, double p) {
  const double dn = static_cast<double>(n);
  // The tolerance keeps 0.9 × 10 from becoming 10 by rounding.
  const double k = std::clamp(std::ceil(p * dn - 1e-9), 1.0, std::max(dn, 1.0));
  return static_cast<std::size_t>(k) - 1;
}

double percentile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return kNaN;
  const double v = sorted[percentile_rank(sorted.size(), p)];
  return censored(v) ? kNaN : v;
}

QuantileRanks quantile_interval_ranks(std::size_t n, double p) {
  QuantileRanks out;
  if (n == 0 || !(p > 0) || !(p < 1)) return out;
  // The probabilities of the binomial count B over a window around its mode wide enough that
  // what lies beyond holds less than 1e-300 (40 standard deviations), by the ratio of successive
  // terms from the mode's, which log Γ gives.
  const double dn = static_cast<double>(n);
  const double sd = std::sqrt(dn * p * (1 - p));
  const auto mode = std::min(n, static_cast<std::size_t>(std::floor((dn + 1) * p)));
  const auto reach = static_cast<std::size_t>(40 * sd) + 40;
  const std::size_t lo = mode > reach ? mode - reach : 0;
  const std::size_t hi = std::min(n, mode + reach);
  std::vector<double> pmf(hi - lo + 1);
  const auto dm = static_cast<double>(mode);
  pmf[mode - lo] = std::exp(log_gamma(dn + 1) - log_gamma(dm + 1) - log_gamma(dn - dm + 1) +
                            dm * std::log(p) + (dn - dm) * std::log1p(-p));
  const double odds = p / (1 - p);
  for (std::size_t k = mode; k < hi; ++k) {
    pmf[k + 1 - lo] = pmf[k - lo] * static_cast<double>(n - k) / static_cast<double>(k + 1) * odds;
  }
  for (std::size_t k = mode; k > lo; --k) {
    pmf[k - 1 - lo] = pmf[k - lo] * static_cast<double>(k) / static_cast<double>(n - k + 1) / odds;
  }
  // l: the largest with P(B ≤ l − 1) ≤ 2.5%; u: the smallest with P(B ≤ u − 1) ≥ 97.5%.
  constexpr double kTail = 0.025;
  std::size_t l = lo;  // P(B ≤ lo − 1) is below 1e-300 when lo > 0
  std::size_t u = n + 1;
  double cdf = 0;
  for (std::size_t k = lo; k <= hi; ++k) {
    cdf += pmf[k - lo];
    if (cdf <= kTail) l = k + 1;
    if (cdf >= 1 - kTail) {
      u = k + 1;
      break;
    }
  }
  if (l < 1 || u > n || l >= u) return out;
  out.exists = true;
  out.low_rank = l - 1;
  out.high_rank = u - 1;
  return out;
}

std::size_t quantile_interval_min_n(double p) {
  if (!(p > 0) || !(p < 1)) return 0;
  // The smallest n with max(p, 1 − p)^n ≤ 2.5%, then checked against the ranks themselves (a
  // step either way for rounding).
  const double worse = std::max(p, 1 - p);
  auto n = static_cast<std::size_t>(std::max(1.0, std::ceil(std::log(0.025) / std::log(worse))));
  while (!quantile_interval_ranks(n, p).exists) ++n;
  while (n > 1 && quantile_interval_ranks(n - 1, p).exists) --n;
  return n;
}

std::vector<double> sort_censored_last(std::span<const double> values) {
  return censored_last(values);
}

QuantileInterval quantile_interval_sorted(std::span<const double> sorted, double p) {
  QuantileInterval out;
  const QuantileRanks r = quantile_interval_ranks(sorted.size(), p);
  if (!r.exists) return out;
  out.exists = true;
  out.low = sorted[r.low_rank];
  out.high = sorted[r.high_rank];
  return out;
}

QuantileInterval quantile_interval(std::span<const double> values, double p) {
  if (!quantile_interval_ranks(values.size(), p).exists) return {};
  return quantile_interval_sorted(censored_last(values), p);
}

std::vector<double> percentiles_sorted(std::span<const double> sorted, std::size_t steps) {
  std::vector<double> out;
  if (sorted.empty()) return out;
  out.reserve(steps);
  for (std::size_t k = 1; k <= steps; ++k) {
    out.push_back(percentile_sorted(sorted, static_cast<double>(k) / static_cast<double>(steps)));
  }
  return out;
}

std::vector<double> percentiles(std::span<const double> values, std::size_t steps) {
  return percentiles_sorted(censored_last(values), steps);
}

Summary summarize(std::span<const double> values, double lowest, double highest) {
  Summary s;
  s.n = values.size();
  const std::vector<double> sorted = censored_last(values);
  s.not_reached = static_cast<std::size_t>(std::count_if(sorted.begin(), sorted.end(), censored));
  if (s.not_reached < s.n) s.min = sorted.front();
  if (s.not_reached == 0 && s.n > 0) s.max = sorted.back();
  if (s.not_reached == 0 && s.n > 0) {
    // Summed in the caller's order (replication order), so the result is reproducible.
    const Moments m = moments(values);
    s.mean = m.mean;
    if (s.n >= 2) {
      const double half = student_t_quantile(0.975, static_cast<double>(s.n - 1)) *
                          std::sqrt(m.variance / static_cast<double>(s.n));
      s.ci95_half = half;
      s.ci95_low = std::max(s.mean - half, lowest);
      s.ci95_high = std::min(s.mean + half, highest);
    }
  }
  s.median = percentile_sorted(sorted, 0.5);
  s.p10 = percentile_sorted(sorted, 0.1);
  s.p90 = percentile_sorted(sorted, 0.9);
  return s;
}

Proportion wilson_interval(std::size_t successes, std::size_t n) {
  Proportion out;
  out.successes = successes;
  out.n = n;
  if (n == 0) return out;
  constexpr double kZ = 1.959963984540054;  // normal_quantile(0.975)
  const double dn = static_cast<double>(n);
  const double phat = static_cast<double>(successes) / dn;
  const double denominator = 1 + kZ * kZ / dn;
  const double centre = (phat + kZ * kZ / (2 * dn)) / denominator;
  const double half =
      kZ / denominator * std::sqrt(phat * (1 - phat) / dn + kZ * kZ / (4 * dn * dn));
  out.estimate = phat;
  // The bounds are exactly 0 and 1 at the ends; rounding would leave 1e-17 off.
  out.ci95_low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  out.ci95_high = successes == n ? 1.0 : std::min(1.0, centre + half);
  return out;
}

}  // namespace mamar::sim
