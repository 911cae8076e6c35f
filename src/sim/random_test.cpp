#include "mamar/sim/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "moments.hpp"

namespace mamar::sim {
namespace {

using test::Moments;

constexpr std::uint64_t kSeed = 20161215;
constexpr int kDraws = 1'000'000;

TEST(RandomStream, MatchesTheXoshiro256PlusPlusReference) {
  // Outputs of the reference C implementation (prng.di.unimi.it) from the state {1, 2, 3, 4}.
  auto rng = RandomStream::from_state({1, 2, 3, 4});
  EXPECT_EQ(rng.next_u64(), 41943041ULL);
  EXPECT_EQ(rng.next_u64(), 58720359ULL);
  EXPECT_EQ(rng.next_u64(), 3588806011781223ULL);
  EXPECT_EQ(rng.next_u64(), 3591011842654386ULL);
  EXPECT_EQ(rng.next_u64(), 9228616714210784205ULL);
}

TEST(RandomStream, SeedingAndStreamIdsAreFrozen) {
  // These pin the seeding scheme: if they change, every stored run changes its numbers.
  static_assert(stream_id("leg:aleppo-out:2") == 0x34120218361602eeULL);
  EXPECT_NE(stream_id("leg:aleppo-out:2"), stream_id("leg:aleppo-out:3"));
  RandomStream rng(42, 0, "leg:aleppo-out:2");
  EXPECT_EQ(rng.next_u64(), 0x382de84d79b9ef72ULL);
  EXPECT_EQ(rng.next_u64(), 0x6d462011e5477b8fULL);
  EXPECT_EQ(rng.next_u64(), 0x68b29a331eaa66adULL);
}

std::vector<std::uint64_t> first_words(RandomStream rng, int n) {
  std::vector<std::uint64_t> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(rng.next_u64());
  return out;
}

TEST(RandomStream, SameSeedReplicationAndStreamGiveTheSameSequence) {
  const RandomStream a(kSeed, 3, "checkpoint:ramouseh:inspection");
  const RandomStream b(kSeed, 3, stream_id("checkpoint:ramouseh:inspection"));
  EXPECT_EQ(first_words(a, 1000), first_words(b, 1000));
}

TEST(RandomStream, AnyDifferentIdentifierGivesADifferentSequence) {
  const auto base = first_words(RandomStream(kSeed, 3, "a"), 1000);
  EXPECT_NE(base, first_words(RandomStream(kSeed + 1, 3, "a"), 1000));
  EXPECT_NE(base, first_words(RandomStream(kSeed, 4, "a"), 1000));
  EXPECT_NE(base, first_words(RandomStream(kSeed, 3, "b"), 1000));
  // Swapping replication and stream ids must not give the same stream either.
  EXPECT_NE(first_words(RandomStream(kSeed, 1, 2), 10), first_words(RandomStream(kSeed, 2, 1), 10));
}

TEST(RandomStream, NeighbouringStreamsAreUncorrelated) {
  // Replications 0 and 1 of one stream, and streams "x:0" and "x:1": sample correlation of their
  // uniforms within 4.5 standard errors (1 / sqrt(n)) of 0.
  auto correlation = [](RandomStream a, RandomStream b) {
    const int n = 200'000;
    double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < n; ++i) {
      const double x = a.uniform();
      const double y = b.uniform();
      sa += x;
      sb += y;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const double cov = sab / n - (sa / n) * (sb / n);
    return cov / std::sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
  };
  const double bound = 4.5 / std::sqrt(200'000.0);
  EXPECT_LT(std::abs(correlation(RandomStream(kSeed, 0, "x:0"), RandomStream(kSeed, 1, "x:0"))),
            bound);
  EXPECT_LT(std::abs(correlation(RandomStream(kSeed, 0, "x:0"), RandomStream(kSeed, 0, "x:1"))),
            bound);
}

TEST(RandomStream, CopiesContinueIdentically) {
  RandomStream a(kSeed, 0, "copy");
  a.normal();  // leaves a spare cached: the copy must carry it
  RandomStream b = a;
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.normal(), b.normal());
}

TEST(RandomStream, UniformIsStrictlyInsideTheUnitIntervalWithUniformMoments) {
  RandomStream rng(kSeed, 0, "uniform");
  Moments m;
  double lowest = 1, highest = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = rng.uniform();
    lowest = std::min(lowest, u);
    highest = std::max(highest, u);
    m.add(u);
  }
  EXPECT_GT(lowest, 0.0);
  EXPECT_LT(highest, 1.0);
  m.expect_mean_and_variance(0.5, 1.0 / 12);
  RandomStream r2(kSeed, 0, "uniform-ab");
  Moments ab;
  for (int i = 0; i < kDraws; ++i) ab.add(r2.uniform(-3, 5));
  ab.expect_mean_and_variance(1, 64.0 / 12);
}

TEST(RandomStream, ExponentialMoments) {
  RandomStream rng(kSeed, 0, "exponential");
  Moments m;
  for (int i = 0; i < kDraws; ++i) m.add(rng.exponential(2.5));
  m.expect_mean_and_variance(2.5, 6.25);
}

TEST(RandomStream, GammaMomentsMatchTheSumOfExponentials) {
  // Gamma(k) has mean k and variance k: the sum of k exponentials of mean 1.
  for (double shape : {1.0, 2.0, 7.0, 50.0}) {
    RandomStream rng(kSeed, 0, "gamma");
    Moments m;
    for (int i = 0; i < kDraws; ++i) m.add(rng.gamma(shape));
    m.expect_mean_and_variance(shape, shape);
  }
}

TEST(RandomStream, NormalMomentsAndShape) {
  RandomStream rng(kSeed, 0, "normal");
  Moments m;
  int within_one_sd = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double z = rng.normal();
    if (std::abs(z) < 1) ++within_one_sd;
    m.add(z);
  }
  m.expect_mean_and_variance(0, 1);
  // Skewness 0 and kurtosis 3: their standard errors are sqrt(6/n) and sqrt(24/n).
  EXPECT_NEAR(m.skewness(), 0, 4.5 * std::sqrt(6.0 / kDraws));
  EXPECT_NEAR(m.kurtosis(), 3, 4.5 * std::sqrt(24.0 / kDraws));
  const double p = std::erf(1 / std::numbers::sqrt2);  // 0.6827
  EXPECT_NEAR(within_one_sd / double(kDraws), p, 4.5 * std::sqrt(p * (1 - p) / kDraws));

  RandomStream r2(kSeed, 0, "normal-shifted");
  Moments shifted;
  for (int i = 0; i < kDraws; ++i) shifted.add(r2.normal(-4, 3));
  shifted.expect_mean_and_variance(-4, 9);
}

TEST(RandomStream, BernoulliFrequencyAndEdges) {
  RandomStream rng(kSeed, 0, "bernoulli");
  int hits = 0;
  for (int i = 0; i < kDraws; ++i) hits += rng.bernoulli(0.3) ? 1 : 0;
  EXPECT_NEAR(hits / double(kDraws), 0.3, 4.5 * std::sqrt(0.21 / kDraws));
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(rng.bernoulli(0));
    EXPECT_TRUE(rng.bernoulli(1));
  }
}

TEST(RandomStream, UniformIndexIsUnbiased) {
  RandomStream rng(kSeed, 0, "index");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(rng.uniform_index(1), 0u);
  std::vector<double> counts(7, 0);
  for (int i = 0; i < kDraws; ++i) {
    const auto k = rng.uniform_index(7);
    ASSERT_LT(k, 7u);
    counts[k] += 1;
  }
  test::expect_fits(counts, std::vector<double>(7, 1.0 / 7));
  // A range where modulo reduction would be visibly biased: 2^63 + 2^62 makes the lower third
  // of the results twice as likely under `% n`.
  const std::uint64_t n = (1ULL << 63) + (1ULL << 62);
  int low = 0;
  for (int i = 0; i < 300'000; ++i) {
    const auto k = rng.uniform_index(n);
    ASSERT_LT(k, n);
    if (k < n / 3) ++low;
  }
  EXPECT_NEAR(low / 300'000.0, 1.0 / 3, 4.5 * std::sqrt(2.0 / 9 / 300'000));
}

std::vector<double> binomial_pmf(int n, double p) {
  std::vector<double> f(static_cast<std::size_t>(n) + 1);
  for (int k = 0; k <= n; ++k) {
    f[static_cast<std::size_t>(k)] =
        std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                 k * std::log(p) + (n - k) * std::log1p(-p));
  }
  return f;
}

std::vector<double> poisson_pmf(double mean, int up_to) {
  std::vector<double> f;
  for (int k = 0; k <= up_to; ++k) {
    f.push_back(std::exp(k * std::log(mean) - mean - std::lgamma(k + 1.0)));
  }
  return f;
}

TEST(RandomStream, BinomialExactRegimeFitsThePmf) {
  for (auto [n, p] : {std::pair{20, 0.3}, std::pair{10, 0.9}, std::pair{1000, 0.004}}) {
    RandomStream rng(kSeed, 0, "binomial-exact");
    const auto pmf = binomial_pmf(n, p);
    std::vector<double> counts(pmf.size(), 0);
    for (int i = 0; i < kDraws; ++i) {
      const auto k = rng.binomial(n, p);
      ASSERT_GE(k, 0);
      ASSERT_LE(k, n);
      counts[static_cast<std::size_t>(k)] += 1;
    }
    SCOPED_TRACE(testing::Message() << "n=" << n << " p=" << p);
    test::expect_fits(counts, pmf);
  }
}

TEST(RandomStream, BinomialApproximateRegimeMoments) {
  RandomStream rng(kSeed, 0, "binomial-normal");
  Moments m;
  for (int i = 0; i < kDraws; ++i) m.add(static_cast<double>(rng.binomial(1000, 0.4)));
  // The continuity-corrected rounding adds 1/12 to the variance.
  m.expect_mean_and_variance(400, 240 + 1.0 / 12);
  EXPECT_EQ(rng.binomial(0, 0.5), 0);
  EXPECT_EQ(rng.binomial(50, 0), 0);
  EXPECT_EQ(rng.binomial(50, 1), 50);
  EXPECT_EQ(rng.binomial(-3, 0.5), 0);
  for (int i = 0; i < 1000; ++i) EXPECT_LE(rng.binomial(100, 0.99), 100);
}

TEST(RandomStream, PoissonExactRegimeFitsThePmf) {
  RandomStream rng(kSeed, 0, "poisson-exact");
  const auto pmf = poisson_pmf(4.5, 40);
  std::vector<double> counts(pmf.size(), 0);
  for (int i = 0; i < kDraws; ++i) {
    const auto k = rng.poisson(4.5);
    ASSERT_GE(k, 0);
    ASSERT_LE(k, 40);
    counts[static_cast<std::size_t>(k)] += 1;
  }
  test::expect_fits(counts, pmf);
  EXPECT_EQ(rng.poisson(0), 0);
  EXPECT_EQ(rng.poisson(-1), 0);
}

TEST(RandomStream, PoissonApproximateRegimeMoments) {
  RandomStream rng(kSeed, 0, "poisson-normal");
  Moments m;
  for (int i = 0; i < kDraws; ++i) m.add(static_cast<double>(rng.poisson(250)));
  m.expect_mean_and_variance(250, 250 + 1.0 / 12);
}

}  // namespace
}  // namespace mamar::sim
