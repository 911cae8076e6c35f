#include "mamar/sim/sampling.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <ostream>
#include <string>
#include <vector>

#include "moments.hpp"
#include "sampler.hpp"

namespace mamar::sim {
namespace {

using model::Distribution;
using model::DistributionKind;
using test::Moments;

constexpr std::uint64_t kSeed = 7;
constexpr int kDraws = 1'000'000;
constexpr double kInf = std::numeric_limits<double>::infinity();

Distribution make(DistributionKind kind, double a, double b = 0, double c = 0) {
  Distribution d;
  d.kind = kind;
  d.a = a;
  d.b = b;
  d.c = c;
  return d;
}

Distribution normal(double mean, double sd, double lo, double hi) {
  Distribution d = make(DistributionKind::Normal, mean, sd);
  d.lo = lo;
  d.hi = hi;
  return d;
}

Distribution table(DistributionKind kind, std::vector<std::pair<double, double>> rows) {
  Distribution d;
  d.kind = kind;
  d.table = std::move(rows);
  return d;
}

Moments draw_moments(const Distribution& d, const std::string& stream, double lo = -kInf,
                     double hi = kInf) {
  Sampler sampler(d);
  RandomStream rng(kSeed, 0, stream);
  Moments m;
  for (int i = 0; i < kDraws; ++i) {
    const double x = sampler.sample(rng);
    if (x < lo || x > hi) {
      ADD_FAILURE() << x << " outside [" << lo << ", " << hi << "]";
      break;
    }
    m.add(x);
  }
  return m;
}

double pdf(double x) {
  return std::exp(-x * x / 2) / std::sqrt(2 * std::numbers::pi);
}
double upper_tail(double x) {
  return 0.5 * std::erfc(x / std::numbers::sqrt2);
}

// Mean and variance of N(mu, sd^2) truncated to [lo, hi].
std::pair<double, double> truncated_normal_moments(double mu, double sd, double lo, double hi) {
  const double alpha = (lo - mu) / sd;
  const double beta = (hi - mu) / sd;
  const double z = upper_tail(alpha) - upper_tail(beta);
  const double pa = std::isinf(alpha) ? 0 : pdf(alpha);
  const double pb = std::isinf(beta) ? 0 : pdf(beta);
  const double apa = std::isinf(alpha) ? 0 : alpha * pa;
  const double bpb = std::isinf(beta) ? 0 : beta * pb;
  const double r = (pa - pb) / z;
  return {mu + sd * r, sd * sd * (1 + (apa - bpb) / z - r * r)};
}

TEST(Sample, FixedIsItsValue) {
  draw_moments(Distribution::fixed(42), "fixed").expect_mean_and_variance(42, 0);
}

TEST(Sample, UniformMoments) {
  draw_moments(make(DistributionKind::Uniform, 2, 5), "uniform", 2, 5)
      .expect_mean_and_variance(3.5, 0.75);
}

TEST(Sample, TriangularMoments) {
  auto var = [](double a, double b, double c) {
    return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  };
  draw_moments(make(DistributionKind::Triangular, 1, 2, 6), "tri", 1, 6)
      .expect_mean_and_variance(3, var(1, 2, 6));
  // Modes at either end.
  draw_moments(make(DistributionKind::Triangular, 0, 0, 3), "tri-left", 0, 3)
      .expect_mean_and_variance(1, var(0, 0, 3));
  draw_moments(make(DistributionKind::Triangular, 0, 3, 3), "tri-right", 0, 3)
      .expect_mean_and_variance(2, var(0, 3, 3));
}

TEST(Sample, ExponentialMoments) {
  const double mean = 3600e3;  // one hour, in ms
  draw_moments(make(DistributionKind::Exponential, mean), "exp", 0)
      .expect_mean_and_variance(mean, mean * mean);
}

struct NormalCase {
  const char* name;
  double lo;
  double hi;
};

void PrintTo(const NormalCase& c, std::ostream* os) {  // NOLINT: the name GoogleTest looks for
  *os << c.name << " [" << c.lo << ", " << c.hi << "]";
}

class TruncatedNormal : public ::testing::TestWithParam<NormalCase> {};

TEST_P(TruncatedNormal, RespectsLimitsAndMatchesMoments) {
  const auto [name, lo, hi] = GetParam();
  const double mu = 100;
  const double sd = 20;
  const auto [mean, var] = truncated_normal_moments(mu, sd, lo, hi);
  const Distribution d = normal(mu, sd, lo, hi);
  draw_moments(d, name, lo, hi).expect_mean_and_variance(mean, var);
  // The model's mean agrees with the analytic one.
  EXPECT_NEAR(d.mean(), mean, 1e-7 * mean);
}

// The cases cover each method: redrawing (most of the mass inside), inversion over the lower
// probabilities (a narrow band around the mean, the lower tail), and over the upper tail
// (limits 3 and 5 standard deviations above the mean, where redrawing would take ~1e6 tries).
INSTANTIATE_TEST_SUITE_P(
    Cases, TruncatedNormal,
    ::testing::Values(NormalCase{"default-lo-0", 0, kInf}, NormalCase{"both-sides", 80, 110},
                      NormalCase{"narrow-band", 98, 101}, NormalCase{"lower-tail", -kInf, 50},
                      NormalCase{"upper-tail", 160, kInf}, NormalCase{"far-band", 200, 204},
                      NormalCase{"far-tail", 200, kInf}),
    [](const auto& test_info) {
      std::string s = test_info.param.name;
      for (char& c : s) {
        if (c == '-') c = '_';
      }
      return s;
    });

TEST(Sample, NormalWithoutSpreadIsTheClampedMean) {
  draw_moments(normal(5, 0, 0, kInf), "sd0").expect_mean_and_variance(5, 0);
  draw_moments(normal(-5, 0, 0, kInf), "sd0-clamped").expect_mean_and_variance(0, 0);
}

TEST(Sample, LognormalMatchesTheVariablesOwnMeanAndSd) {
  draw_moments(make(DistributionKind::Lognormal, 100, 50), "lognormal", 0)
      .expect_mean_and_variance(100, 2500);
}

TEST(Sample, LognormalIsCappedAtHi) {
  const double a = 100, b = 50, cap = 150;
  Distribution d = make(DistributionKind::Lognormal, a, b);
  d.hi = cap;
  // E[min(X, h)^k] = E[X^k; X < h] + h^k P(X >= h), with E[X^k; X < h] =
  // exp(k mu + k^2 sigma^2 / 2) Phi((ln h - mu - k sigma^2) / sigma).
  const double s2 = std::log(1 + b * b / (a * a));
  const double mu = std::log(a) - s2 / 2;
  const double s = std::sqrt(s2);
  auto phi = [](double x) { return 1 - upper_tail(x); };
  const double above = upper_tail((std::log(cap) - mu) / s);
  const double m1 = std::exp(mu + s2 / 2) * phi((std::log(cap) - mu - s2) / s) + cap * above;
  const double m2 =
      std::exp(2 * mu + 2 * s2) * phi((std::log(cap) - mu - 2 * s2) / s) + cap * cap * above;
  draw_moments(d, "lognormal-capped", 0, cap).expect_mean_and_variance(m1, m2 - m1 * m1);
}

TEST(Sample, EmpiricalFrequenciesFollowTheWeights) {
  // A zero weight is never drawn, wherever it stands.
  const Distribution d =
      table(DistributionKind::Empirical, {{0, 0}, {1, 30}, {4, 50}, {7, 0}, {10, 20}, {99, 0}});
  Sampler sampler(d);
  RandomStream rng(kSeed, 0, "empirical");
  std::vector<double> counts(d.table.size(), 0);
  Moments m;
  for (int i = 0; i < kDraws; ++i) {
    const double x = sampler.sample(rng);
    m.add(x);
    for (std::size_t r = 0; r < d.table.size(); ++r) {
      if (d.table[r].first == x) counts[r] += 1;
    }
  }
  test::expect_fits(counts, {0, 0.3, 0.5, 0, 0.2, 0});
  const double mean = 0.3 * 1 + 0.5 * 4 + 0.2 * 10;
  m.expect_mean_and_variance(mean, 0.3 * 1 + 0.5 * 16 + 0.2 * 100 - mean * mean);
  EXPECT_DOUBLE_EQ(d.mean(), mean);
}

TEST(Sample, EmpiricalCdfMomentsWithAnAtomAndAGap) {
  // Uniform on [0, 10] with mass 0.5, an atom of 0.2 at 10, uniform on [10, 30] with 0.3.
  const Distribution d =
      table(DistributionKind::EmpiricalCdf, {{0, 0}, {10, 0.5}, {10, 0.7}, {30, 1}});
  const double mean = 0.5 * 5 + 0.2 * 10 + 0.3 * 20;
  const double second = 0.5 * 100 / 3 + 0.2 * 100 + 0.3 * (100 + 300 + 900) / 3.0;
  draw_moments(d, "cdf", 0, 30).expect_mean_and_variance(mean, second - mean * mean);
  EXPECT_DOUBLE_EQ(d.mean(), mean);

  // A flat stretch of the CDF is a gap: nothing between 1 and 5.
  const Distribution gap =
      table(DistributionKind::EmpiricalCdf, {{0, 0}, {1, 0.5}, {5, 0.5}, {6, 1}});
  Sampler sampler(gap);
  RandomStream rng(kSeed, 0, "cdf-gap");
  int below = 0;
  for (int i = 0; i < 100'000; ++i) {
    const double x = sampler.sample(rng);
    ASSERT_TRUE((x >= 0 && x <= 1) || (x >= 5 && x <= 6)) << x;
    if (x <= 1) ++below;
  }
  EXPECT_NEAR(below / 100'000.0, 0.5, test::kZ * std::sqrt(0.25 / 100'000));
}

TEST(Sample, FreeFunctionAndSamplerDrawTheSameValues) {
  Distribution capped = make(DistributionKind::Lognormal, 100, 80);
  capped.hi = 200;
  const std::vector<Distribution> all = {
      Distribution::fixed(3),
      make(DistributionKind::Uniform, -1, 1),
      make(DistributionKind::Triangular, 0, 1, 4),
      make(DistributionKind::Exponential, 10),
      normal(100, 20, 80, 110),
      normal(100, 20, 98, 101),
      normal(100, 20, 160, kInf),
      make(DistributionKind::Lognormal, 100, 80),
      capped,
      table(DistributionKind::Empirical, {{0, 0}, {1, 30}, {4, 50}, {7, 0}, {10, 20}}),
      table(DistributionKind::EmpiricalCdf, {{0, 0}, {10, 0.5}, {10, 0.7}, {30, 1}}),
  };
  for (const Distribution& d : all) {
    SCOPED_TRACE(d.describe(false));
    const Sampler sampler(d);
    RandomStream a(kSeed, 0, "same");
    RandomStream b(kSeed, 0, "same");
    for (int i = 0; i < 10'000; ++i) ASSERT_EQ(sample(d, a), sampler.sample(b)) << i;
  }
}

TEST(Sample, DurationSumsAreTheSumOfSingleDraws) {
  const std::vector<Distribution> all = {
      Distribution::fixed(1500.4),  // rounded once per draw: 3 draws are 4500 ms, not 4501
      normal(10e3, 2e3, 5e3, 15e3),
      table(DistributionKind::Empirical, {{1e3, 1}, {4e3, 2}}),
  };
  for (const Distribution& d : all) {
    SCOPED_TRACE(d.describe(false));
    const Sampler sampler(d);
    RandomStream a(kSeed, 0, "sums");
    RandomStream b(kSeed, 0, "sums");
    for (std::int64_t n : {0, 1, 3, 50, 7}) {
      Duration one_by_one;
      for (std::int64_t i = 0; i < n; ++i) one_by_one += sampler.sample_duration(a);
      ASSERT_EQ(sampler.sample_duration_sum(n, b), one_by_one) << n;
    }
    // Both streams used the same random numbers.
    EXPECT_EQ(a.next_u64(), b.next_u64());
  }
  RandomStream rng(kSeed, 0, "fixed");
  EXPECT_EQ(Sampler(Distribution::fixed(1500.4)).sample_duration_sum(3, rng),
            Duration::milliseconds(4500));
}

// Uniform and triangular draws are summed unrounded (negative ones as zero), alternately into two
// partial sums, and rounded once; triangular sums take two square roots at a time where they can,
// which must give what single draws give.
TEST(Sample, UniformAndTriangularSumsRoundTheSumOfSingleDrawsOnce) {
  const std::vector<Distribution> all = {
      make(DistributionKind::Uniform, 3e3, 7e3),
      make(DistributionKind::Uniform, -500, 1000),  // negative draws count as zero
      make(DistributionKind::Triangular, 3e3, 5e3, 20e3),
      make(DistributionKind::Triangular, 1e3, 1e3, 4e3),  // mode at the low end
      make(DistributionKind::Triangular, 1e3, 4e3, 4e3),  // mode at the high end
      make(DistributionKind::Triangular, -2e3, 0, 1e3),   // partly negative
  };
  for (const Distribution& d : all) {
    SCOPED_TRACE(d.describe(false));
    const Sampler sampler(d);
    RandomStream a(kSeed, 0, "sums");
    RandomStream b(kSeed, 0, "sums");
    for (std::int64_t n : {0, 1, 2, 3, 50, 7, 1000}) {
      double sums[2] = {0, 0};
      for (std::int64_t i = 0; i < n; ++i) sums[i % 2] += std::max(0.0, sampler.sample(a));
      const double ms = std::round(sums[0] + sums[1]);
      ASSERT_EQ(sampler.sample_duration_sum(n, b).count_ms(), static_cast<std::int64_t>(ms)) << n;
    }
    EXPECT_EQ(a.next_u64(), b.next_u64());
  }
}

TEST(Sample, ExponentialSumsFollowTheGammaDistribution) {
  // n draws of mean 12 s sum to mean 12 n s and variance n (12 s)^2, drawn at once.
  const Sampler boarding(make(DistributionKind::Exponential, 12e3));
  for (std::int64_t n : {2, 5, 50}) {
    RandomStream rng(kSeed, 0, "gamma-sums");
    Moments m;
    for (int i = 0; i < 200'000; ++i)
      m.add(static_cast<double>(boarding.sample_duration_sum(n, rng).count_ms()));
    const auto k = static_cast<double>(n);
    m.expect_mean_and_variance(12e3 * k, 144e6 * k);
  }
}

TEST(Sample, CountsRoundToNearestAndAreNeverNegative) {
  RandomStream rng(kSeed, 0, "counts");
  EXPECT_EQ(sample_count(Distribution::fixed(2.5), rng), 3);
  EXPECT_EQ(sample_count(Distribution::fixed(2.49), rng), 2);
  EXPECT_EQ(sample_count(Distribution::fixed(-4), rng), 0);
  const Sampler around_zero(normal(0, 3, -kInf, kInf));
  Moments m;
  for (int i = 0; i < 100'000; ++i) {
    const auto k = around_zero.sample_count(rng);
    ASSERT_GE(k, 0);
    m.add(static_cast<double>(k));
  }
  EXPECT_GT(m.mean(), 0.5);  // half the draws are positive
}

TEST(Sample, DurationsAreWholeNonNegativeMilliseconds) {
  RandomStream rng(kSeed, 0, "durations");
  EXPECT_EQ(sample_duration(Distribution::fixed(1500.4), rng), Duration::milliseconds(1500));
  EXPECT_EQ(sample_duration(Distribution::fixed(-10), rng), Duration{});
  EXPECT_EQ(sample_duration(Distribution::fixed(kInf), rng), Duration::max());
  const Sampler travel(make(DistributionKind::Triangular, 60e3, 90e3, 180e3));
  for (int i = 0; i < 10'000; ++i) {
    const Duration d = travel.sample_duration(rng);
    ASSERT_GE(d, Duration::minutes(1));
    ASSERT_LE(d, Duration::minutes(3));
  }
}

// The stretcher patients' draws keep the first term of the binomial's search for each household
// size: each draw must be the one RandomStream::binomial() gives from the same stream, on either
// side of one half, at the ends and past the sizes it remembers.
TEST(Sample, BinomialDrawsAreTheBinomialsDrawsFromTheSameStream) {
  for (const double p : {0.0, 1e-3, 0.05, 0.3, 0.5, 0.5000001, 0.7, 0.999, 1.0}) {
    RandomStream a(11, 2, "binomial");
    RandomStream b(11, 2, "binomial");
    detail::BinomialDraws draws(p);
    for (int i = 0; i < 3000; ++i) {
      const std::int64_t n = i % 23 - 1;  // -1 to 21: none, the remembered sizes and beyond
      ASSERT_EQ(draws(a, n), b.binomial(n, p)) << "p " << p << ", n " << n << ", draw " << i;
    }
    EXPECT_EQ(a.next_u64(), b.next_u64()) << "the same numbers used, p " << p;
  }
}

}  // namespace
}  // namespace mamar::sim
