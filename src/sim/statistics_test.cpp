#include "mamar/sim/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include "mamar/sim/random.hpp"

namespace mamar::sim {
namespace {

TEST(StudentT, KnownQuantiles) {
  // Tables of Student's t (two-sided 95%, 99% and one-sided 90%).
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706204736174698, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.302652729749464, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 5), 2.570581835636314, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 10), 2.228138851964939, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.042272456301238, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 100), 1.983971518449634, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.995, 10), 3.169272672616954, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.9, 3), 1.637744353696210, 1e-10);
  // The three figures of the usual table.
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 10), 2.228, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 100), 1.984, 5e-4);
}

TEST(StudentT, ClosedFormsForOneAndTwoDegrees) {
  for (double p : {0.51, 0.6, 0.75, 0.9, 0.99, 0.9999, 1 - 1e-9}) {
    const double one = 1 / std::tan(std::numbers::pi * (1 - p));  // tan(π(p − ½)), exact near 1
    EXPECT_NEAR(student_t_quantile(p, 1), one, 1e-10 * one) << p;
    const double two = (2 * p - 1) * std::sqrt(2 / (4 * p * (1 - p)));
    EXPECT_NEAR(student_t_quantile(p, 2), two, 1e-10 * two + 1e-12) << p;
  }
}

// Many degrees of freedom (a run of thousands of replications, a Welch interval): reference
// quantiles from the regularised incomplete beta function at 50 digits. Bisecting on the tail there
// lost digits in log Γ of large arguments (a relative error of 1e-11 at 10^5, 6e-11 at 10^6), and
// t(0.975, 10^6) came out above t(0.975, 999,999).
TEST(StudentT, ManyDegreesOfFreedom) {
  for (const auto& [dof, t] :
       {std::pair{999.0, 1.9623414611334499788}, std::pair{1000.0, 1.9623390808264084850},
        std::pair{2000.0, 1.9611508260994380305}, std::pair{9999.0, 1.9602012636213576804},
        std::pair{1e5, 1.9599877075346096386}, std::pair{999999.0, 1.9599663568164793145},
        std::pair{1e6, 1.9599663568141070353}, std::pair{1000001.0, 1.9599663568117347608},
        std::pair{3e6, 1.9599647752974446128}}) {
    // Below 1,000 degrees of freedom the quantile is bisected on the tail: 6e-14 of it at most.
    EXPECT_NEAR(student_t_quantile(0.975, dof), t, dof < 1000 ? 2e-13 : 1e-14) << dof;
  }
  double last = student_t_quantile(0.975, 500);
  for (double dof = 600; dof < 2e6; dof *= 1.1) {
    const double t = student_t_quantile(0.975, dof);
    EXPECT_LT(t, last) << "the quantile falls with the degrees of freedom: " << dof;
    last = t;
  }
  EXPECT_LT(student_t_quantile(0.975, 1e6), student_t_quantile(0.975, 999999));
}

TEST(StudentT, SymmetricAndTendsToNormal) {
  EXPECT_EQ(student_t_quantile(0.5, 7), 0);
  EXPECT_NEAR(student_t_quantile(0.025, 10), -student_t_quantile(0.975, 10), 1e-14);
  EXPECT_NEAR(student_t_quantile(0.975, 1e5), 1.959963984540054 + 2.4e-5, 2e-6);
  EXPECT_NEAR(student_t_quantile(0.975, 1e9), 1.959963984540054, 1e-8);
  EXPECT_TRUE(std::isnan(student_t_quantile(0.975, 0)));
  EXPECT_TRUE(std::isnan(student_t_quantile(1.0, 3)));
}

TEST(Summarize, CompleteSample) {
  std::vector<double> v = {7, 3, 1, 10, 2, 9, 4, 8, 5, 6};
  Summary s = summarize(v);
  EXPECT_EQ(s.n, 10u);
  EXPECT_EQ(s.not_reached, 0u);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  // sd = 3.0276503540974917, t(0.975, 9) = 2.2621571627409915
  const double half = 2.2621571627409915 * 3.0276503540974917 / std::sqrt(10.0);
  EXPECT_NEAR(s.ci95_low, 5.5 - half, 1e-9);
  EXPECT_NEAR(s.ci95_high, 5.5 + half, 1e-9);
  EXPECT_NEAR(s.ci95_half, half, 1e-9);
  EXPECT_EQ(s.p10, 1);  // at least 10% at or below
  EXPECT_EQ(s.median, 5);
  EXPECT_EQ(s.p90, 9);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.max, 10);
}

TEST(Summarize, CensoredValuesSortLast) {
  std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, kNaN};
  Summary s = summarize(v);
  EXPECT_EQ(s.not_reached, 1u);
  EXPECT_EQ(s.p90, 9) << "exactly 10% not reached: P90 still reached";
  EXPECT_EQ(s.median, 5);
  EXPECT_EQ(s.min, 1);
  EXPECT_TRUE(std::isnan(s.max));
  EXPECT_TRUE(std::isnan(s.mean));
  EXPECT_TRUE(std::isnan(s.ci95_low));

  v[8] = kNaN;  // 20% not reached
  s = summarize(v);
  EXPECT_TRUE(std::isnan(s.p90));
  EXPECT_EQ(s.median, 5);

  std::vector<double> none = {kNaN, kNaN};
  s = summarize(none);
  EXPECT_EQ(s.not_reached, 2u);
  EXPECT_TRUE(std::isnan(s.min));
  EXPECT_TRUE(std::isnan(s.p10));
}

TEST(Summarize, EmptyAndSingle) {
  Summary s = summarize(std::vector<double>{});
  EXPECT_EQ(s.n, 0u);
  EXPECT_TRUE(std::isnan(s.median));
  s = summarize(std::vector<double>{4.5});
  EXPECT_EQ(s.mean, 4.5);
  EXPECT_EQ(s.median, 4.5);
  EXPECT_TRUE(std::isnan(s.ci95_low)) << "no interval from one value";
  s = summarize(std::vector<double>{2, 2, 2});
  EXPECT_EQ(s.ci95_low, 2);
  EXPECT_EQ(s.ci95_high, 2);
}

// Every replication the same (a scenario with nothing random in it): the mean is that value and
// the interval has no width. A sum rounded once and divided by n can miss the value by an ulp or
// two (three times 1576.3888888888891 averaged to 1576.3888888888894, outside [min, max], with an
// interval 1e-13 wide around it).
TEST(Summarize, EqualValuesHaveThatMeanAndNoSpread) {
  for (const auto& [value, n] :
       {std::pair{1576.3888888888891, 3}, std::pair{5.111111111111111, 7},
        std::pair{5.527777777777778, 100}, std::pair{0.7135678391959799, 3},
        std::pair{507.71725051131614, 1557}}) {
    const std::vector<double> v(static_cast<std::size_t>(n), value);
    const Summary s = summarize(v, 0);
    EXPECT_EQ(s.mean, value) << n << " × " << value;
    EXPECT_EQ(s.ci95_half, 0) << n << " × " << value;
    EXPECT_EQ(s.ci95_low, value) << n << " × " << value;
    EXPECT_EQ(s.ci95_high, value) << n << " × " << value;
    const Moments m = moments(v);
    EXPECT_EQ(m.mean, value);
    EXPECT_EQ(m.variance, 0);
  }
}

// The mean of values is never outside their range, however it rounds.
TEST(Summarize, MeanLiesWithinTheValues) {
  // Sixteen times 980.5378297785325 and once the double below it averaged to the double above.
  std::vector<double> v(16, 980.5378297785325);
  v.push_back(std::nextafter(v[0], 0.0));
  const Summary s = summarize(v);
  EXPECT_GE(s.mean, s.min);
  EXPECT_LE(s.mean, s.max);
  EXPECT_TRUE(std::isnan(moments(std::vector<double>{4.5}).variance)) << "no variance of one";
  EXPECT_TRUE(std::isnan(moments(std::vector<double>{}).mean));
}

// A count that is 0 in 19 replications and 100 in one: mean 5, t interval 5 ± 10.5, which
// would say "-5.5 people". Cut at the quantity's lowest value, with the half-width kept.
TEST(Summarize, IntervalCutAtTheLimitsOfTheQuantity) {
  std::vector<double> v(20, 0.0);
  v[3] = 100;
  const double half = 2.0930240544083096 * std::sqrt(500.0 / 20);  // t(0.975, 19) * s / sqrt(n)
  const Summary open = summarize(v);
  EXPECT_NEAR(open.ci95_low, 5 - half, 1e-9);
  EXPECT_LT(open.ci95_low, 0);
  EXPECT_FALSE(open.ci95_clipped());

  const Summary cut = summarize(v, 0);
  EXPECT_EQ(cut.mean, 5);
  EXPECT_EQ(cut.ci95_low, 0);
  EXPECT_NEAR(cut.ci95_high, 5 + half, 1e-9);
  EXPECT_NEAR(cut.ci95_half, half, 1e-9);
  EXPECT_TRUE(cut.ci95_clipped());

  // A share near its top: cut at 1.
  for (auto& x : v) x = x > 0 ? 0.0 : 1.0;
  const Summary share = summarize(v, 0, 1);
  EXPECT_EQ(share.ci95_high, 1);
  EXPECT_LT(share.ci95_low, share.mean);
  EXPECT_TRUE(share.ci95_clipped());

  // An interval inside the limits is not touched.
  const std::vector<double> inside = {7, 3, 1, 10, 2, 9, 4, 8, 5, 6};
  const Summary kept = summarize(inside, 0, 100);
  EXPECT_EQ(kept.ci95_low, summarize(inside).ci95_low);
  EXPECT_EQ(kept.ci95_high, summarize(inside).ci95_high);
  EXPECT_FALSE(kept.ci95_clipped());
}

TEST(Percentile, RankRule) {
  EXPECT_EQ(percentile_rank(10, 0.9), 8u);
  EXPECT_EQ(percentile_rank(10, 0.1), 0u);
  EXPECT_EQ(percentile_rank(10, 0.5), 4u);
  EXPECT_EQ(percentile_rank(11, 0.5), 5u);
  EXPECT_EQ(percentile_rank(1, 0.9), 0u);
  EXPECT_EQ(percentile_rank(100, 0.0), 0u);
  EXPECT_EQ(percentile_rank(100, 1.0), 99u);
}

TEST(Percentile, EveryStepOfTheSample) {
  // 8 values, 2 never reached, in no order: the k/4-percentiles are the 2nd, 4th, 6th, 8th.
  const std::vector<double> v = {5, kNaN, 1, 4, 2, kNaN, 3, 6};
  const auto q = percentiles(v, 4);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0], 2);
  EXPECT_EQ(q[1], 4);
  EXPECT_EQ(q[2], 6);
  EXPECT_TRUE(std::isnan(q[3])) << "falls on a value never reached";
  const auto hundred = percentiles(v, 100);
  ASSERT_EQ(hundred.size(), 100u);
  const Summary s = summarize(v);
  EXPECT_EQ(hundred[9], s.p10);
  EXPECT_EQ(hundred[49], s.median);
  EXPECT_TRUE(std::isnan(hundred[89]) && std::isnan(s.p90));
  EXPECT_EQ(hundred[74], 6);  // 75% of 8 is the 6th value
  EXPECT_TRUE(std::isnan(hundred[75]));
  EXPECT_TRUE(percentiles(std::vector<double>{}, 100).empty());
}

TEST(Wilson, KnownIntervals) {
  Proportion p = wilson_interval(5, 10);
  EXPECT_DOUBLE_EQ(p.estimate, 0.5);
  EXPECT_NEAR(p.ci95_low, 0.2365931, 1e-6);
  EXPECT_NEAR(p.ci95_high, 0.7634069, 1e-6);
  p = wilson_interval(0, 10);
  EXPECT_EQ(p.ci95_low, 0);
  EXPECT_NEAR(p.ci95_high, 0.2775328, 1e-6);
  p = wilson_interval(10, 10);
  EXPECT_NEAR(p.ci95_low, 0.7224672, 1e-6);
  EXPECT_EQ(p.ci95_high, 1);
  p = wilson_interval(0, 0);
  EXPECT_TRUE(std::isnan(p.estimate));
}

// P(B ≤ k) for B ~ Binomial(n, p), summed term by term from P(B = 0) in long double (its range
// holds 0.01^400), independently of the window the library sums over.
long double binomial_cdf(std::size_t n, double p, std::size_t k) {
  long double term = std::pow(1.0L - p, static_cast<long double>(n));
  long double sum = term;
  for (std::size_t j = 0; j < k && j < n; ++j) {
    term *= static_cast<long double>(n - j) / static_cast<long double>(j + 1) * p / (1.0L - p);
    sum += term;
  }
  return sum;
}

// The ranks cover the quantile with at least 95% and are the tightest that keep each tail at most
// 2.5%: one rank further in would let that tail pass 2.5%.
TEST(QuantileInterval, RanksAreTheTightestWithEachTailAtMostTwoAndAHalfPercent) {
  for (const double p : {0.5, 0.9, 0.95, 0.99}) {
    for (const std::size_t n : {72U, 100U, 368U, 500U, 1000U}) {
      const QuantileRanks r = quantile_interval_ranks(n, p);
      if (!r.exists) {
        EXPECT_LT(n, quantile_interval_min_n(p)) << p << " " << n;
        continue;
      }
      const std::size_t l = r.low_rank + 1;
      const std::size_t u = r.high_rank + 1;
      SCOPED_TRACE(testing::Message() << "p " << p << " n " << n << " l " << l << " u " << u);
      ASSERT_LT(l, u);
      ASSERT_LE(u, n);
      EXPECT_LE(binomial_cdf(n, p, l - 1), 0.025L);  // X(l) > ξ: B ≤ l − 1
      EXPECT_GT(binomial_cdf(n, p, l), 0.025L);      // l + 1 would miss more often
      EXPECT_GE(binomial_cdf(n, p, u - 1), 0.975L);  // X(u) ≤ ξ: B ≥ u, at most 2.5%
      EXPECT_LT(binomial_cdf(n, p, u - 2), 0.975L);  // u − 1 would miss more often
      EXPECT_GE(binomial_cdf(n, p, u - 1) - binomial_cdf(n, p, l - 1), 0.95L);
      // The interval holds the point estimate.
      EXPECT_LE(r.low_rank, percentile_rank(n, p));
      EXPECT_GE(r.high_rank, percentile_rank(n, p));
    }
  }
  // The median of 100: the usual table's ranks 40 and 61.
  const QuantileRanks median = quantile_interval_ranks(100, 0.5);
  ASSERT_TRUE(median.exists);
  EXPECT_EQ(median.low_rank + 1, 40U);
  EXPECT_EQ(median.high_rank + 1, 61U);
}

TEST(QuantileInterval, FewestValues) {
  EXPECT_EQ(quantile_interval_min_n(0.95), 72U);   // 0.95^72 = 2.49%
  EXPECT_EQ(quantile_interval_min_n(0.99), 368U);  // 0.99^368 = 2.48%
  EXPECT_EQ(quantile_interval_min_n(0.5), 6U);     // 1/64 below, 1/64 above
  EXPECT_EQ(quantile_interval_min_n(0.999), 3688U);
  EXPECT_EQ(quantile_interval_min_n(0.001), 3688U);
  EXPECT_FALSE(quantile_interval_ranks(71, 0.95).exists);
  EXPECT_TRUE(quantile_interval_ranks(72, 0.95).exists);
  EXPECT_FALSE(quantile_interval_ranks(367, 0.99).exists);
  EXPECT_FALSE(quantile_interval_ranks(0, 0.5).exists);
  // Many values: the ranks near n p, about 1.96 standard deviations either side.
  const QuantileRanks r = quantile_interval_ranks(10'000'000, 0.95);
  ASSERT_TRUE(r.exists);
  const double sd = std::sqrt(1e7 * 0.95 * 0.05);
  EXPECT_NEAR(static_cast<double>(r.low_rank + 1), 9.5e6 - 1.96 * sd, 2);
  EXPECT_NEAR(static_cast<double>(r.high_rank + 1), 9.5e6 + 1.96 * sd + 1, 2);
}

// Over many samples of an exponential distribution the interval holds its 95th percentile in at
// least 95% of them (a little more: the ranks are whole numbers).
TEST(QuantileInterval, CoversTheQuantileOfADistribution) {
  RandomStream rng(7, 0, 1);
  const double truth = -std::log(0.05);  // the 95th percentile of Exp(1)
  constexpr int kSamples = 4000;
  int covered = 0;
  std::vector<double> sample(200);
  for (int i = 0; i < kSamples; ++i) {
    for (double& v : sample) v = -std::log1p(-rng.uniform());
    const QuantileInterval q = quantile_interval(sample, 0.95);
    ASSERT_TRUE(q.exists);
    ASSERT_LE(q.low, q.high);
    if (q.low <= truth && truth <= q.high) ++covered;
  }
  const double coverage = static_cast<double>(covered) / kSamples;
  EXPECT_GE(coverage, 0.94);
  EXPECT_LE(coverage, 0.985);
}

TEST(QuantileInterval, ABoundOnAValueNotReachedIsNaN) {
  // 100 values, 3 of them not reached: the 95th percentile's upper bound (rank 99 or so) is one
  // of them; its lower bound is not.
  std::vector<double> values;
  for (int i = 1; i <= 97; ++i) values.push_back(i);
  values.insert(values.begin() + 10, 3, kNaN);
  const QuantileInterval q = quantile_interval(values, 0.95);
  ASSERT_TRUE(q.exists);
  const QuantileRanks r = quantile_interval_ranks(100, 0.95);
  ASSERT_GE(r.high_rank, 97U);
  EXPECT_TRUE(std::isnan(q.high));
  EXPECT_EQ(q.low, static_cast<double>(r.low_rank + 1));
  EXPECT_FALSE(quantile_interval(std::vector<double>(50, 1.0), 0.95).exists);
}

}  // namespace
}  // namespace mamar::sim
