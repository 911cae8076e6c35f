#include "mamar/sim/random.hpp"

#include <algorithm>
#include <cmath>

namespace mamar::sim {
namespace {

constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;  // SplitMix64's increment
constexpr std::uint64_t kSeedSalt = 0x6a09e667f3bcc909ULL;     // fractional bits of sqrt(2)

// The continuity-corrected normal approximation of a count with the given mean and variance.
std::int64_t approximate_count(RandomStream& rng, double mean, double variance) {
  return static_cast<std::int64_t>(std::floor(mean + std::sqrt(variance) * rng.normal() + 0.5));
}

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream) {
  // Each step is a bijection of the previous hash for a fixed value of the earlier inputs, so
  // distinct (replication, stream) pairs of one seed never share a starting point through the
  // hashing; across all triples a collision has probability about 2^-64.
  std::uint64_t h = mix64(seed ^ kSeedSalt);
  h = mix64(h + replication);
  h = mix64(h ^ stream);
  // SplitMix64 fills the state, as the xoshiro authors recommend; its outputs are distinct, so the
  // state is never all zero.
  for (auto& word : s_) {
    h += kGoldenGamma;
    word = mix64(h);
  }
}

RandomStream RandomStream::from_state(const std::array<std::uint64_t, 4>& state) {
  RandomStream r;
  r.s_ = state;
  return r;
}

double RandomStream::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  double u = 0;
  double v = 0;
  double s = 0;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const double m = std::sqrt(-2 * std::log(s) / s);
  spare_normal_ = v * m;
  has_spare_normal_ = true;
  return u * m;
}

double RandomStream::gamma(double shape) {
  // G. Marsaglia, W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3),
  // 2000: squeeze-and-reject on a transformed normal; acceptance above 95% for shape >= 1.
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0;
    double v = 0;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = uniform();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

std::int64_t RandomStream::binomial(std::int64_t n, double p) {
  if (n <= 0 || !(p > 0)) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p);
  const auto dn = static_cast<double>(n);
  const double mean = dn * p;
  if (mean >= kExactCountMean) {
    return std::clamp<std::int64_t>(approximate_count(*this, mean, mean * (1 - p)), 0, n);
  }
  return binomial_by_inversion(n, p, std::exp(dn * std::log1p(-p)));
}

std::int64_t RandomStream::binomial_by_inversion(std::int64_t n, double p, double first_term) {
  // Inversion by sequential search (Kachitvichyanukul and Schmeiser's BINV): walk the pmf from 0,
  // each term from the previous by f(x) = f(x-1) * ((n+1)/x - 1) * p/q. Expected cost ~ n*p.
  const auto dn = static_cast<double>(n);
  const double s = p / (1 - p);
  const double a = (dn + 1) * s;
  const double f0 = first_term;
  for (;;) {
    double u = uniform();
    double f = f0;
    std::int64_t x = 0;
    while (u > f && x < n) {
      u -= f;
      ++x;
      f *= a / static_cast<double>(x) - s;
    }
    // u left over after the whole support is rounding error (~1e-16): draw again rather than
    // bias the top value.
    if (u <= f) return x;
  }
}

std::int64_t RandomStream::poisson(double mean) {
  if (!(mean > 0)) return 0;
  if (mean >= kExactCountMean) {
    return std::max<std::int64_t>(approximate_count(*this, mean, mean), 0);
  }
  // Inversion by sequential search; e^-30 is far from underflow. The guard on f catches the
  // ~1e-16 of u that rounding leaves above the summed pmf: draw again.
  const double f0 = std::exp(-mean);
  for (;;) {
    double u = uniform();
    double f = f0;
    std::int64_t x = 0;
    while (u > f && f > 1e-300) {
      u -= f;
      ++x;
      f *= mean / static_cast<double>(x);
    }
    if (u <= f) return x;
  }
}

}  // namespace mamar::sim
