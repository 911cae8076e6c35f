#include "mamar/sim/comparison.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "mamar/model/load.hpp"

namespace mamar::sim {
namespace {

constexpr double kNaNValue = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

TEST(PairedDifference, CountsMeansAndPercentilesOfTheDifferences) {
  const std::vector<double> base = {10, 12, 14, 16, 18};
  const std::vector<double> variant = {11, 12, 17, 15, 22};  // differences 1, 0, 3, -1, 4
  const PairedDifference d = paired_difference(base, variant);
  EXPECT_EQ(d.pairs, 5U);
  EXPECT_EQ(d.higher, 3U);
  EXPECT_EQ(d.lower, 1U);
  EXPECT_EQ(d.same, 1U);
  EXPECT_DOUBLE_EQ(d.mean, 1.4);
  // Sample sd of (1, 0, 3, -1, 4) is sqrt(4.3); t(0.975, 4) = 2.7764451.
  EXPECT_NEAR(d.ci95_half, 2.7764451 * std::sqrt(4.3 / 5), 1e-6);
  EXPECT_DOUBLE_EQ(d.p10, -1);
  EXPECT_DOUBLE_EQ(d.median, 1);
  EXPECT_DOUBLE_EQ(d.p90, 4);
  EXPECT_DOUBLE_EQ(d.base.mean, 14);
  EXPECT_DOUBLE_EQ(d.variant.mean, 15.4);
  // Welch: variances 10 and 19.3 over 5 each; dof = 5.86^2 / ((2^2 + 3.86^2) / 4).
  const double se2 = 10.0 / 5 + 19.3 / 5;
  const double dof = se2 * se2 / ((4 + 3.86 * 3.86) / 4);
  EXPECT_NEAR(d.independent_ci95_half, student_t_quantile(0.975, dof) * std::sqrt(se2), 1e-9);
}

TEST(PairedDifference, NotReachedIsLaterThanAnyTime) {
  const std::vector<double> base = {10, kNaNValue, kNaNValue, 20};
  const std::vector<double> variant = {kNaNValue, 15, kNaNValue, 20};
  const PairedDifference d = paired_difference(base, variant, 0);
  EXPECT_EQ(d.higher, 1U);  // only the variant did not clear
  EXPECT_EQ(d.lower, 1U);   // only the base did not
  EXPECT_EQ(d.same, 2U);    // neither, or the same time
  EXPECT_TRUE(std::isnan(d.mean));
  EXPECT_TRUE(std::isnan(d.ci95_half));
  EXPECT_TRUE(std::isnan(d.independent_ci95_half));
  EXPECT_EQ(d.p10, -kInfinity);
  EXPECT_EQ(d.median, 0);
  EXPECT_EQ(d.p90, kInfinity);
  EXPECT_EQ(d.base.not_reached, 2U);
  EXPECT_EQ(d.variant.not_reached, 2U);
}

// A value that never varies has no spread, paired or not, though a plain sum of 30 of them is off
// in its last bits.
TEST(PairedDifference, AConstantSampleHasNoSpread) {
  const std::vector<double> same(30, 46.0 / 9);
  const PairedDifference d = paired_difference(same, same);
  EXPECT_EQ(d.mean, 0);
  EXPECT_EQ(d.ci95_half, 0);
  EXPECT_EQ(d.independent_ci95_half, 0);
  EXPECT_EQ(d.same, 30U);
}

// Three replications of a scenario with nothing random, the base waiting 1576.3888888888891
// person-hours in each and the variant 1561.1111111111113: the summaries' means are those values
// and two independent runs would have no spread either (the Welch half-width was 7e-13).
TEST(PairedDifference, ConstantRunsHaveTheirValueAsMean) {
  const std::vector<double> base(3, 1576.3888888888891);
  const std::vector<double> variant(3, 1561.1111111111113);
  const PairedDifference d = paired_difference(base, variant, 0);
  EXPECT_EQ(d.base.mean, base[0]);
  EXPECT_EQ(d.variant.mean, variant[0]);
  EXPECT_EQ(d.base.ci95_low, base[0]);
  EXPECT_EQ(d.variant.ci95_high, variant[0]);
  EXPECT_EQ(d.mean, variant[0] - base[0]);
  EXPECT_EQ(d.ci95_half, 0);
  EXPECT_EQ(d.independent_ci95_half, 0);
}

TEST(PairedDifference, EmptyAndSingle) {
  const PairedDifference none = paired_difference({}, {});
  EXPECT_EQ(none.pairs, 0U);
  EXPECT_TRUE(std::isnan(none.median));
  const std::vector<double> one_base = {3};
  const std::vector<double> one_variant = {5};
  const PairedDifference one = paired_difference(one_base, one_variant);
  EXPECT_DOUBLE_EQ(one.mean, 2);
  EXPECT_TRUE(std::isnan(one.ci95_half));
  EXPECT_DOUBLE_EQ(one.median, 2);
}

// Every difference's interval is its mean ± ci95_half, but a chance's.
TEST(PairedDifference, TheIntervalIsTheMeanPlusOrMinusItsHalfWidth) {
  const std::vector<double> base = {10, 12, 14, 16, 18};
  const std::vector<double> variant = {11, 12, 17, 15, 22};
  const PairedDifference d = paired_difference(base, variant);
  EXPECT_DOUBLE_EQ(d.ci95_low, d.mean - d.ci95_half);
  EXPECT_DOUBLE_EQ(d.ci95_high, d.mean + d.ci95_half);
  const PairedDifference one = paired_difference(std::vector<double>{3}, std::vector<double>{5});
  EXPECT_TRUE(std::isnan(one.ci95_low));
  EXPECT_TRUE(std::isnan(one.ci95_high));
}

// The pairs of a chance from a 2 x 2 table: `both` pairs 1 in both runs, `only_variant` 1 in the
// variant only, `only_base` in the base only, `neither` 0 in both.
std::pair<std::vector<double>, std::vector<double>> chance_pairs(std::size_t both,
                                                                 std::size_t only_variant,
                                                                 std::size_t only_base,
                                                                 std::size_t neither) {
  std::vector<double> base;
  std::vector<double> variant;
  auto add = [&](std::size_t count, double b, double v) {
    base.insert(base.end(), count, b);
    variant.insert(variant.end(), count, v);
  };
  add(both, 1, 1);
  add(only_variant, 0, 1);
  add(only_base, 1, 0);
  add(neither, 0, 0);
  return {base, variant};
}

// Newcombe's own examples (Statistics in Medicine 17, 1998, table II, method 10): 50 pairs, the
// difference of the two shares 0.2.
TEST(PairedChanceDifference, NewcombesPublishedIntervals) {
  {
    const auto [base, variant] = chance_pairs(36, 12, 2, 0);
    const PairedDifference d = paired_chance_difference(base, variant);
    EXPECT_DOUBLE_EQ(d.mean, 0.2);
    EXPECT_NEAR(d.ci95_low, 0.0569, 5e-5);
    EXPECT_NEAR(d.ci95_high, 0.3404, 5e-5);
    EXPECT_EQ(d.higher, 12U);
    EXPECT_EQ(d.lower, 2U);
  }
  {
    // Positively correlated pairs: phi is corrected by n / 2 (without it, 0.0618 to 0.3239).
    const auto [base, variant] = chance_pairs(18, 12, 2, 18);
    const PairedDifference d = paired_chance_difference(base, variant);
    EXPECT_NEAR(d.ci95_low, 0.0562, 5e-5);
    EXPECT_NEAR(d.ci95_high, 0.3290, 5e-5);
  }
}

// Where every pair agrees the difference is 0 in the sample, but not known to be 0: the interval
// is as wide as the uncertainty of the share itself (the Student t one was 0 wide). Where every
// pair goes one way it reaches the bound and no further. With the pairs of 98.5% and 100% (3 of
// 200 only in the variant) it leans up, −0.6 to +4.3 points, where the t interval was +1.5 ± 1.7.
TEST(PairedChanceDifference, NeverZeroWideNeverBeyondItsBounds) {
  {
    const auto [base, variant] = chance_pairs(40, 0, 0, 0);
    const PairedDifference d = paired_chance_difference(base, variant);
    EXPECT_EQ(d.mean, 0);
    EXPECT_EQ(d.ci95_half, 0);
    const Proportion share = wilson_interval(40, 40);
    EXPECT_NEAR(d.ci95_low, -(1 - share.ci95_low), 1e-12);
    EXPECT_NEAR(d.ci95_high, 1 - share.ci95_low, 1e-12);
  }
  {
    const auto [base, variant] = chance_pairs(0, 20, 0, 0);
    const PairedDifference d = paired_chance_difference(base, variant);
    EXPECT_EQ(d.mean, 1);
    EXPECT_EQ(d.ci95_high, 1);
    EXPECT_GT(d.ci95_low, 0.7);
    EXPECT_LT(d.ci95_low, 1);
  }
  {
    // One pair is enough for an interval, if a wide one.
    const auto [base, variant] = chance_pairs(0, 0, 1, 0);
    const PairedDifference d = paired_chance_difference(base, variant);
    EXPECT_EQ(d.mean, -1);
    EXPECT_EQ(d.ci95_low, -1);
    EXPECT_GT(d.ci95_high, 0);
    EXPECT_LT(d.ci95_high, 0.5);
    EXPECT_TRUE(std::isnan(d.ci95_half));
  }
  {
    const auto [base, variant] = chance_pairs(197, 3, 0, 0);
    const PairedDifference d = paired_chance_difference(base, variant);
    EXPECT_NEAR(d.mean, 0.015, 1e-12);
    EXPECT_NEAR(d.ci95_half, 0.017, 5e-4);
    EXPECT_NEAR(d.ci95_low, -0.006, 5e-4);
    EXPECT_NEAR(d.ci95_high, 0.043, 5e-4);
  }
}

// Pairs of correlated chances drawn from known shares: the interval holds the true difference
// at least about 95% of the time, also where the shares are near 1 as the chance of finishing
// inside a ceasefire often is (there the Student t interval of the differences held it 92% of the
// time; this one 98% to 99%, on the safe side, as Newcombe found for pairs that move together).
TEST(PairedChanceDifference, HoldsTheTrueDifferenceAboutNinetyFivePercentOfTheTime) {
  struct Case {
    double base, variant;  // shares of 1
    double together;       // chance that a pair's two values are drawn as one
    std::size_t n;
  };
  for (const Case k : {Case{0.5, 0.6, 0.5, 50}, Case{0.9, 0.95, 0.8, 100},
                       Case{0.97, 0.99, 0.9, 200}, Case{0.2, 0.2, 0.7, 30}}) {
    RandomStream draws(21, 0, k.n);
    std::size_t held = 0;
    std::size_t held_t = 0;
    const std::size_t trials = 2000;
    std::vector<double> base(k.n);
    std::vector<double> variant(k.n);
    for (std::size_t t = 0; t < trials; ++t) {
      for (std::size_t i = 0; i < k.n; ++i) {
        // One uniform draw for both values with chance `together` (so that they move
        // together), else two: the shares stay those given.
        const double u = draws.uniform();
        const double w = draws.uniform() < k.together ? u : draws.uniform();
        base[i] = u < k.base ? 1 : 0;
        variant[i] = w < k.variant ? 1 : 0;
      }
      const PairedDifference d = paired_chance_difference(base, variant);
      const double truth = k.variant - k.base;
      if (d.ci95_low <= truth && truth <= d.ci95_high) ++held;
      if (d.mean - d.ci95_half <= truth && truth <= d.mean + d.ci95_half) ++held_t;
    }
    const double coverage = static_cast<double>(held) / static_cast<double>(trials);
    std::printf("shares %.2f and %.2f, %zu pairs: coverage %.4f (Student t %.4f)\n", k.base,
                k.variant, k.n, coverage,
                static_cast<double>(held_t) / static_cast<double>(trials));
    EXPECT_GE(coverage, 0.94) << k.base << " " << k.variant << " " << k.n;
    EXPECT_LE(coverage, 0.995) << k.base << " " << k.variant << " " << k.n;
  }
}

// A gathering point, one checkpoint with random inspections, random legs, a fleet that cycles.
std::string scenario_text(const std::string& risks, const std::string& extra_operation = "") {
  return R"(mamar: 1
scenario: {id: what-if, name: {en: What if}}
categories:
  - {id: civilians, name: {en: Civilians}}
parties:
  - {id: army, name: {en: Army}, role: besieging}
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, boarding_time: {exponential: 10 s}}
  - {id: bridge, kind: checkpoint, name: {en: Bridge}, party: army, inspection: {exponential: 8 min}}
  - {id: camp, kind: destination, name: {en: Camp}}
routes:
  - id: out
    legs:
      - {from: square, to: bridge, time: {triangular: [20 min, 30 min, 60 min]}}
      - {from: bridge, to: camp, time: {triangular: [20 min, 30 min, 60 min]}}
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 50}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: civilians, people: 800, household_size: {empirical: [[1, 30], [4, 50], [7, 20]]}, arrival: {uniform: [0 h, 3 h]}}
    fleet:
      - {type: bus, count: 6}
)" + extra_operation +
         R"(agreement:
  start: 2020-01-01T08:00+02:00
  ceasefire:
    - {from: 2020-01-01T08:00+02:00, to: 2020-01-02T02:00+02:00}
simulation: {horizon: 3 d}
)" + risks;
}

const char* const kHolds = R"(risks:
  - id: bridge-hold
    name: {en: Held at the bridge}
    kind: hold
    place: bridge
    probability: 100%
    duration: 20 min
)";

const char* const kSecondOperation = R"(  - id: other
    name: {en: Other}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: civilians, people: 100}
    fleet:
      - {type: bus, count: 1}
)";

model::Scenario load(const std::string& text) {
  auto r = model::load_scenario_text(text, "what-if.yaml");
  if (!r.scenario) {
    std::string why;
    for (const auto& d : r.diagnostics.items())
      why += format_diagnostic(d, model::model_catalog(), Language::English) + "\n";
    throw std::runtime_error("test scenario does not load:\n" + why);
  }
  return *r.scenario;
}

RunOptions run_options() {
  RunOptions o;
  o.horizon = Duration::days(3);
  return o;
}

// Compares two scenarios over `replications` replications on two threads (the results do not
// depend on the thread count).
Comparison compare_runs(const model::Scenario& base, const model::Scenario& variant,
                        std::size_t replications) {
  MonteCarloOptions options;
  options.replications = replications;
  options.threads = 2;
  return compare_monte_carlo(Engine(base, run_options()), Engine(variant, run_options()), options);
}

// The change of a high percentile of paired samples, and its bootstrap interval.
TEST(PairedPercentileChange, ThePercentilesAndTheirChange) {
  RandomStream rng(1, 0, 1);
  // 400 pairs: the base 1 … 400 h, the variant 2 h less each.
  std::vector<double> base(400);
  std::vector<double> variant(400);
  for (std::size_t i = 0; i < 400; ++i) {
    base[i] = static_cast<double>(i + 1);
    variant[i] = base[i] - 2;
  }
  PercentileChange c = paired_percentile_change(base, variant, 0.95, rng);
  EXPECT_EQ(c.percent, 95);
  EXPECT_DOUBLE_EQ(c.change_h, -2.0);  // 378 h against 380 h
  // Every resample moves both percentiles together: the change is always −2.
  EXPECT_DOUBLE_EQ(c.ci95_low_h, -2.0);
  EXPECT_DOUBLE_EQ(c.ci95_high_h, -2.0);
  // The variant slower by 0 to 4 h, in turn: a change of 2 h at most either way, and an interval
  // inside that and around the change.
  for (std::size_t i = 0; i < 400; ++i) variant[i] = base[i] + static_cast<double>(i % 5) - 2;
  c = paired_percentile_change(base, variant, 0.95, rng);
  EXPECT_GE(c.ci95_low_h, -4.0);
  EXPECT_LE(c.ci95_high_h, 4.0);
  EXPECT_LE(c.ci95_low_h, c.change_h);
  EXPECT_GE(c.ci95_high_h, c.change_h);
  EXPECT_LT(c.ci95_low_h, c.ci95_high_h);
  // Where only the variant varies, the change is its percentile, 380 h (of 1 … 400 h): the
  // resamples' 95th percentiles spread around it, a standard deviation of √(400 × 0.95 × 0.05)
  // ≈ 4.4 values either way, so the interval is about 380 ± 8.5 h, centred on it.
  {
    const std::vector<double> zero(400, 0.0);
    const PercentileChange only = paired_percentile_change(zero, base, 0.95, rng);
    EXPECT_DOUBLE_EQ(only.change_h, 380.0);
    EXPECT_NEAR((only.ci95_low_h + only.ci95_high_h) / 2, 380.0, 1.5);
    EXPECT_NEAR(only.ci95_high_h - only.ci95_low_h, 2 * 1.96 * std::sqrt(400 * 0.95 * 0.05), 4);
  }
  // Drawn from the stream given: the same stream state, the same interval.
  RandomStream again(1, 0, 2);
  RandomStream same(1, 0, 2);
  const PercentileChange once = paired_percentile_change(base, variant, 0.95, again);
  const PercentileChange twice = paired_percentile_change(base, variant, 0.95, same);
  EXPECT_EQ(once.ci95_low_h, twice.ci95_low_h);
  EXPECT_EQ(once.ci95_high_h, twice.ci95_high_h);
  // The variant's 99th percentile not reached: +∞, and no interval.
  for (std::size_t i = 0; i < 5; i += 2) variant[i] = kNaN;
  for (std::size_t i = 1; i < 5; i += 2) variant[i] = kInfinity;
  c = paired_percentile_change(base, variant, 0.99, rng);
  EXPECT_EQ(c.percent, 99);
  EXPECT_EQ(c.change_h, kInfinity);
  EXPECT_TRUE(std::isnan(c.ci95_low_h) && std::isnan(c.ci95_high_h));
  // The base's instead: −∞.
  c = paired_percentile_change(variant, base, 0.99, rng);
  EXPECT_EQ(c.change_h, -kInfinity);
  // Too few pairs for an interval of the 99th percentile (367 < 368): the change only.
  const std::span<const double> fewer(base.data(), 367);
  c = paired_percentile_change(fewer, fewer, 0.99, rng);
  EXPECT_EQ(c.change_h, 0.0);
  EXPECT_TRUE(std::isnan(c.ci95_low_h));
  const std::span<const double> enough(base.data(), 368);
  c = paired_percentile_change(enough, enough, 0.99, rng);
  EXPECT_EQ(c.ci95_low_h, 0.0);
  EXPECT_EQ(c.ci95_high_h, 0.0);
  // Both runs miss the same 5 of 100 replications: their 95th percentiles are reached, but in
  // the resamples that draw 6 or more of those 5 (about 4 in 10) neither is. Such a resample has
  // no change to give, not a change of 0: the interval is unbounded on both sides (it was
  // [0, +0.1], a lower bound no resample with a change gave).
  {
    std::vector<double> b(100);
    std::vector<double> v(100);
    for (std::size_t i = 0; i < 100; ++i) {
      b[i] = i % 20 == 7 ? kNaN : static_cast<double>(i + 1);
      v[i] = i % 20 == 7 ? kNaN : b[i] + 0.1;
    }
    c = paired_percentile_change(b, v, 0.95, rng);
    EXPECT_NEAR(c.change_h, 0.1, 1e-9);
    EXPECT_EQ(c.ci95_low_h, -kInfinity);
    EXPECT_EQ(c.ci95_high_h, kInfinity);
  }
  // Neither reached: no change at all.
  const std::vector<double> never(400, kNaN);
  c = paired_percentile_change(never, never, 0.95, rng);
  EXPECT_TRUE(std::isnan(c.change_h));
  EXPECT_TRUE(std::isnan(c.ci95_low_h));
  EXPECT_EQ(paired_percentile_change_min_n(0.95), 72u);
  EXPECT_EQ(paired_percentile_change_min_n(0.99), 368u);
  EXPECT_TRUE(std::isnan(paired_percentile_change({}, {}, 0.95, rng).change_h));
}

// The interval holds the true change of the percentile in about 95% of samples, for pairs that
// move together (as common random numbers make them) and for pairs that do not, from the fewest
// pairs it is given for. With X ~ Exp(1): Y = X + U(0, 1) shifts every percentile above 1 by
// ln(e − 1); Y ~ Exp(mean 1.2), independent, scales it by 1.2. With X lognormal (μ 0, σ 1) and
// Y 1.2 times another, the tail is heavier. Each interval is also no wider than 1.5 times what
// a normal sampling distribution of the change, of the spread it has over the samples, would
// need (an interval as wide as the data would hold the truth too). MAMAR_COVERAGE_TRIALS sets
// the samples of each case (200; the figures in comparison.hpp are of 2,000).
TEST(PairedPercentileChange, HoldsTheTrueChangeAboutNinetyFivePercentOfTheTime) {
  const char* env = std::getenv("MAMAR_COVERAGE_TRIALS");
  const std::size_t trials = env != nullptr ? std::stoul(env) : 200;
  enum class Kind { Shifted, Scaled, Lognormal };
  struct Case {
    double p;
    std::size_t n;
    Kind kind;
  };
  const double z95 = 1.6448536269514722;  // standard normal quantiles
  const double z99 = 2.3263478740408408;
  for (const Case k :
       {Case{0.95, 72, Kind::Shifted}, Case{0.95, 400, Kind::Shifted}, Case{0.95, 72, Kind::Scaled},
        Case{0.99, 368, Kind::Scaled}, Case{0.99, 368, Kind::Lognormal}}) {
    double truth = std::log(std::numbers::e - 1);
    if (k.kind == Kind::Scaled) truth = 0.2 * std::log(1 / (1 - k.p));
    if (k.kind == Kind::Lognormal) truth = 0.2 * std::exp(k.p < 0.97 ? z95 : z99);
    const auto id = static_cast<std::uint64_t>(k.kind) * 10'000 + k.n;
    RandomStream draws(11, 0, id);
    RandomStream rng(12, 0, id);
    std::size_t held = 0;
    double width = 0;
    double sum = 0;
    double squares = 0;
    std::vector<double> base(k.n);
    std::vector<double> variant(k.n);
    for (std::size_t t = 0; t < trials; ++t) {
      for (std::size_t i = 0; i < k.n; ++i) {
        switch (k.kind) {
          case Kind::Shifted:
            base[i] = draws.exponential(1.0);
            variant[i] = base[i] + draws.uniform();
            break;
          case Kind::Scaled:
            base[i] = draws.exponential(1.0);
            variant[i] = draws.exponential(1.2);
            break;
          case Kind::Lognormal:
            base[i] = std::exp(draws.normal());
            variant[i] = 1.2 * std::exp(draws.normal());
            break;
        }
      }
      const PercentileChange c = paired_percentile_change(base, variant, k.p, rng, 1000);
      ASSERT_FALSE(std::isnan(c.ci95_low_h));
      if (c.ci95_low_h <= truth && truth <= c.ci95_high_h) ++held;
      width += c.ci95_high_h - c.ci95_low_h;
      sum += c.change_h;
      squares += c.change_h * c.change_h;
    }
    const auto samples = static_cast<double>(trials);
    const double coverage = static_cast<double>(held) / samples;
    const double mean = sum / samples;
    const double sd = std::sqrt(squares / samples - mean * mean);
    const std::string label = "p " + std::to_string(k.p) + ", " + std::to_string(k.n) +
                              " pairs, case " + std::to_string(static_cast<int>(k.kind));
    std::printf("%s: coverage %.3f, mean width %.3f, sd of the change %.3f\n", label.c_str(),
                coverage, width / samples, sd);
    EXPECT_GE(coverage, 0.9) << label;
    // Pairs drawn independently: not far above 95% either (96.5 to 97.1% over 2,000 samples),
    // which an interval much too wide would be. Pairs that move together are held above it by
    // design (comparison.hpp); for them the bound on the width says the interval is not wider
    // than it need be.
    if (k.kind != Kind::Shifted) {
      EXPECT_LE(coverage, 0.995) << label;
    }
    EXPECT_LE(width / samples, 1.5 * 2 * 1.959964 * sd) << label;
    EXPECT_NEAR(mean, truth, 4 * sd / std::sqrt(samples)) << label;
  }
}

// Interrupted in either run, a comparison has no complete pairs: it compares nothing and says so.
TEST(CompareMonteCarlo, AnInterruptedOneComparesNothing) {
  const model::Scenario s = load(scenario_text(kHolds));
  const Engine a(s, run_options());
  const Engine b(s, run_options());
  for (const std::size_t after : {10U, 70U}) {  // in the base's run, in the variant's
    MonteCarloOptions options;
    options.replications = 60;
    options.threads = 2;
    std::size_t done = 0;
    options.progress = [&](std::size_t d, std::size_t) { done = d; };
    options.interrupted = [&] { return done >= after; };
    const Comparison c = compare_monte_carlo(a, b, options);
    EXPECT_TRUE(c.interrupted) << after;
    EXPECT_TRUE(c.operations.empty()) << after;
  }
  // After both runs, while the intervals of the changes are drawn (80 pairs: those of the 95%
  // chance of the operation and of all operations): asked once after each replication but the
  // last of each run, then before each interval the calling thread takes. Interrupted at the first
  // interval, nothing is compared; at neither, everything is.
  for (const unsigned threads : {1U, 2U}) {
    MonteCarloOptions options;
    options.replications = 80;
    options.threads = threads;
    std::size_t asked = 0;
    const std::size_t during_runs = 2 * (options.replications - 1);
    options.interrupted = [&] { return ++asked > during_runs; };
    const Comparison cut = compare_monte_carlo(a, b, options);
    EXPECT_EQ(asked, during_runs + 1) << threads;
    EXPECT_TRUE(cut.interrupted) << threads;
    EXPECT_TRUE(cut.operations.empty()) << threads;
    asked = 0;
    options.interrupted = [&] {
      ++asked;
      return false;
    };
    const Comparison whole = compare_monte_carlo(a, b, options);
    EXPECT_FALSE(whole.interrupted) << threads;
    ASSERT_EQ(whole.operations.size(), 1U);
    EXPECT_EQ(whole.operations[0].t100_chance_changes.size(), 1U) << threads;
    EXPECT_EQ(whole.overall.t100_chance_changes.size(), 1U) << threads;
    EXPECT_GT(asked, during_runs) << "asked while the intervals are drawn";
  }
}

// The intervals of the changes counted as they are drawn, after both runs, on the calling thread,
// on one thread and on two (here those of the 95% chance: of the operation, of all operations and
// of its phase and category); none counted with too few pairs for any.
TEST(CompareMonteCarlo, TheIntervalsAreCountedAsTheyAreDrawn) {
  const model::Scenario s = load(scenario_text(kHolds));
  const Engine a(s, run_options());
  const Engine b(s, run_options());
  for (const unsigned threads : {1U, 2U}) {
    MonteCarloOptions options;
    options.replications = 80;
    options.threads = threads;
    std::size_t runs_done = 0;
    options.progress = [&](std::size_t done, std::size_t) { runs_done = done; };
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    std::size_t runs_done_first = 0;
    options.change_progress = [&](std::size_t done, std::size_t total) {
      if (calls.empty()) runs_done_first = runs_done;
      calls.emplace_back(done, total);
    };
    const Comparison c = compare_monte_carlo(a, b, options);
    std::size_t intervals = c.overall.t100_chance_changes.size();
    for (const auto& op : c.operations) {
      intervals += op.t100_chance_changes.size();
      for (const auto& p : op.phases) intervals += p.t100_chances.changes.size();
      for (const auto& k : op.categories) intervals += k.t100_chances.changes.size();
    }
    EXPECT_EQ(intervals, 4U);
    ASSERT_FALSE(calls.empty()) << threads;
    EXPECT_EQ(runs_done_first, 2 * options.replications) << "after both runs";
    EXPECT_EQ(calls.back(), std::make_pair(intervals, intervals)) << threads;
    for (std::size_t k = 0; k < calls.size(); ++k) {
      EXPECT_EQ(calls[k].second, intervals);
      if (k > 0) {
        EXPECT_LE(calls[k - 1].first, calls[k].first) << "never back";
      }
    }
  }
  MonteCarloOptions few;
  few.replications = 10;
  few.threads = 2;
  bool called = false;
  few.change_progress = [&](std::size_t, std::size_t) { called = true; };
  const Comparison c = compare_monte_carlo(a, b, few);
  EXPECT_TRUE(c.operations.at(0).t100_chance_changes.empty());
  EXPECT_FALSE(called);
}

TEST(CompareMonteCarlo, AScenarioAgainstItselfChangesNothing) {
  const model::Scenario s = load(scenario_text(kHolds));
  const Engine a(s, run_options());
  const Engine b(s, run_options());
  MonteCarloOptions options;
  options.replications = 60;
  options.threads = 2;
  const Comparison c = compare_monte_carlo(a, b, options);
  ASSERT_EQ(c.operations.size(), 1U);
  for (const PairedDifference* d :
       {&c.operations[0].t90_h, &c.operations[0].t100_h, &c.operations[0].wait_person_hours,
        &c.operations[0].held_person_hours, &c.overall.t100_h}) {
    EXPECT_EQ(d->pairs, 60U);
    EXPECT_EQ(d->same, 60U);
    EXPECT_EQ(d->mean, 0);
    EXPECT_EQ(d->ci95_half, 0);
    EXPECT_GT(d->independent_ci95_half, 0);  // independent runs would not see it
  }
  EXPECT_EQ(c.operations[0].finished_in_ceasefire.same, 60U);
  EXPECT_EQ(c.base.clearance.t100_h.mean, c.variant.clearance.t100_h.mean);
  EXPECT_EQ(c.base.clearance.t100_h.not_reached, 0U);
}

// Every convoy held 20 minutes at the checkpoint delays the operation by about an hour. Every draw
// the two variants share is the same, so the pairs differ by the holds alone and the paired
// interval is far narrower than that of independent runs (here about a fifth; with the streams
// not shared it would be as wide).
TEST(CompareMonteCarlo, CommonRandomNumbersIsolateTheChange) {
  const model::Scenario base_scenario = load(scenario_text(""));
  const model::Scenario variant_scenario = load(scenario_text(kHolds));
  const Engine base(base_scenario, run_options());
  const Engine variant(variant_scenario, run_options());
  MonteCarloOptions options;
  options.replications = 200;
  options.seed = 11;
  std::size_t last_done = 0;
  std::size_t last_total = 0;
  options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_GT(done, last_done);
    last_done = done;
    last_total = total;
  };
  const Comparison c = compare_monte_carlo(base, variant, options);
  EXPECT_EQ(last_done, 400U);
  EXPECT_EQ(last_total, 400U);
  EXPECT_EQ(c.replications, 200U);
  EXPECT_EQ(c.base.replications, 200U);
  EXPECT_EQ(c.variant.replications, 200U);
  const OperationComparison& op = c.operations.at(0);
  const PairedDifference& t100 = op.t100_h;
  ASSERT_EQ(t100.base.not_reached + t100.variant.not_reached, 0U);
  EXPECT_GT(t100.mean, 0.5);
  EXPECT_GT(t100.higher, t100.lower);
  EXPECT_LT(t100.ci95_half, 0.6 * t100.independent_ci95_half);
  // The differences agree with the two runs' own summaries.
  EXPECT_NEAR(
      t100.mean,
      c.variant.operations[0].clearance.t100_h.mean - c.base.operations[0].clearance.t100_h.mean,
      1e-9);
  EXPECT_GT(op.held_person_hours.mean, 0);
  EXPECT_EQ(op.held_person_hours.base.max, 0);
  EXPECT_LE(op.finished_in_ceasefire.mean, 0);
  // The change of the 95% chance's time (200 pairs: not the 99%'s, which needs 368): the
  // variant's percentile less the base's, with an interval around it.
  ASSERT_EQ(op.t100_chance_changes.size(), 1U);
  const PercentileChange& p95 = op.t100_chance_changes[0];
  EXPECT_EQ(p95.percent, 95);
  EXPECT_DOUBLE_EQ(p95.change_h, c.variant.operations[0].t100_percentiles_h[94] -
                                     c.base.operations[0].t100_percentiles_h[94]);
  EXPECT_GT(p95.change_h, 0);
  EXPECT_LE(p95.ci95_low_h, p95.change_h);
  EXPECT_GE(p95.ci95_high_h, p95.change_h);
  EXPECT_LT(p95.ci95_low_h, p95.ci95_high_h);
  ASSERT_EQ(c.overall.t100_chance_changes.size(), 1U);
  // Same seed, same result on another thread count.
  options.threads = 1;
  options.progress = nullptr;
  const Comparison again = compare_monte_carlo(base, variant, options);
  EXPECT_EQ(again.operations[0].t100_h.mean, t100.mean);
  EXPECT_EQ(again.operations[0].t100_h.ci95_half, t100.ci95_half);
  EXPECT_EQ(again.operations[0].t100_chance_changes[0].ci95_low_h, p95.ci95_low_h);
  EXPECT_EQ(again.operations[0].t100_chance_changes[0].ci95_high_h, p95.ci95_high_h);
}

TEST(CompareMonteCarlo, OperationsAreMatchedById) {
  const model::Scenario base_scenario = load(scenario_text(""));
  const model::Scenario variant_scenario = load(scenario_text("", kSecondOperation));
  Comparison c = compare_runs(base_scenario, variant_scenario, 10);
  ASSERT_EQ(c.operations.size(), 1U);
  EXPECT_EQ(c.operations[0].base_operation, 0);
  EXPECT_EQ(c.operations[0].variant_operation, 0);
  EXPECT_TRUE(c.only_in_base.empty());
  EXPECT_EQ(c.only_in_variant, std::vector<std::int32_t>{1});
  c = compare_runs(variant_scenario, base_scenario, 10);
  EXPECT_EQ(c.only_in_base, std::vector<std::int32_t>{1});
  EXPECT_TRUE(c.only_in_variant.empty());
}

// Who was left, by category: categories are matched by id, not by position (here the variant
// declares another category first), and one only the variant has is left out.
TEST(CompareMonteCarlo, CategoriesAreMatchedById) {
  auto replace = [](std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  // A ceasefire of 6 hours: not everyone is out.
  const std::string base_text =
      replace(scenario_text(""), "to: 2020-01-02T02:00+02:00", "to: 2020-01-01T14:00+02:00");
  std::string variant_text =
      replace(base_text, "categories:\n", "categories:\n  - {id: wounded, name: {en: Wounded}}\n");
  variant_text = replace(variant_text, "    fleet:\n      - {type: bus, count: 6}",
                         "      - {category: wounded, people: 100}\n    fleet:\n"
                         "      - {type: bus, count: 6}");
  const model::Scenario base_scenario = load(base_text);
  const model::Scenario variant_scenario = load(variant_text);
  const Comparison c = compare_runs(base_scenario, variant_scenario, 20);
  ASSERT_EQ(c.operations.size(), 1U);
  const auto& categories = c.operations[0].categories;
  ASSERT_EQ(categories.size(), 1U);  // the wounded are only in the variant
  EXPECT_EQ(categories[0].base_category, 0);
  EXPECT_EQ(categories[0].variant_category, 1);
  const PairedDifference& d = categories[0].not_cleared;
  EXPECT_EQ(d.pairs, 20U);
  EXPECT_GT(d.base.mean, 0);
  EXPECT_EQ(d.base.mean, c.base.operations[0].category_not_cleared[0].mean);
  EXPECT_EQ(d.variant.mean, c.variant.operations[0].category_not_cleared[1].mean);
  // The variant's wounded take seats too: no fewer civilians are left.
  EXPECT_GE(d.mean, 0);
  // Both know the wounded, only the variant has any: compared (0 of them not out in every
  // replication of the base), but their times in no pair.
  const model::Scenario knows = load(
      replace(base_text, "categories:\n", "categories:\n  - {id: wounded, name: {en: Wounded}}\n"));
  const Comparison known = compare_runs(knows, variant_scenario, 20);
  ASSERT_EQ(known.operations[0].categories.size(), 2U);
  const CategoryComparison& wounded = known.operations[0].categories[0];
  EXPECT_EQ(wounded.not_cleared.pairs, 20U);
  EXPECT_EQ(wounded.not_cleared.base.max, 0);
  for (const PairedDifference* t :
       {&wounded.t90_h, &wounded.t100_h, &wounded.finished_in_ceasefire})
    EXPECT_EQ(t->pairs, 0U);
  EXPECT_TRUE(wounded.t100_chances.base_intervals.empty());
  EXPECT_TRUE(wounded.t100_chances.changes.empty());
  EXPECT_EQ(known.operations[0].categories[1].t100_h.pairs, 20U);
}

// Men and women leave by bus through a gate where a removal takes each man with probability
// SHARE (the removal itself always happens).
std::string two_categories(const std::string& share) {
  return R"(mamar: 1
scenario: {id: hand, name: {en: Hand}}
categories: [{id: men, name: {en: Men}}, {id: women, name: {en: Women}}]
parties: [{id: side, name: {en: Side}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 2, boarding_time: 6 s}
  - {id: gate, kind: checkpoint, name: {en: Gate}, party: side, lanes: 1, inspection: 10 min}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 6 s}
routes:
  - {id: out, legs: [{from: square, to: gate, time: 30 min}, {from: gate, to: camp, time: 30 min}]}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population: [{category: men, people: 50}, {category: women, people: 50}]
    fleet: [{type: bus, count: 2}]
    phases:
      - {id: first, name: {en: First}, categories: [men], order: 1}
      - {id: second, name: {en: Second}, categories: [women], order: 2}
agreement: {start: 2030-01-01T00:00Z, convoy: {min_vehicles: 2}}
risks:
  - {id: off, name: {en: Off}, kind: removal, place: gate, probability: 100%, categories: [men],
     share: )" +
         share + "}\n";
}

// What became of the people of each category and their person-hours, pair by pair: every man is
// taken off in the base, about half of them in the variant (each with probability 50%), and never
// more than in the base in a pair; the women are taken off in neither. Each category's values are
// those of the runs' own summaries.
TEST(CompareMonteCarlo, OutcomesAndExposureByCategory) {
  const model::Scenario base_scenario = load(two_categories("100%"));
  const model::Scenario variant_scenario = load(two_categories("50%"));
  const Comparison c = compare_runs(base_scenario, variant_scenario, 40);
  ASSERT_EQ(c.operations.size(), 1U);
  const auto& categories = c.operations[0].categories;
  ASSERT_EQ(categories.size(), 2U);
  const CategoryComparison& men = categories[0];
  const CategoryComparison& women = categories[1];
  EXPECT_EQ(men.removed.pairs, 40U);
  EXPECT_EQ(men.removed.base.min, 50);
  EXPECT_EQ(men.removed.base.max, 50);
  EXPECT_EQ(men.removed.higher, 0U);
  EXPECT_GT(men.removed.lower, 30U);
  // Binomial(50, 1/2) − 50: mean −25, standard deviation 3.5 (of the mean of 40: 0.56).
  EXPECT_NEAR(men.removed.mean, -25, 3);
  EXPECT_GT(men.removed.ci95_half, 0);
  EXPECT_LT(men.removed.ci95_half, 3);
  EXPECT_EQ(women.removed.same, 40U);
  EXPECT_EQ(women.removed.mean, 0);
  EXPECT_EQ(women.removed.variant.max, 0);
  EXPECT_EQ(men.removed.mean + women.removed.mean, c.operations[0].removed.mean);
  for (const CategoryComparison* cc : {&men, &women}) {
    EXPECT_EQ(cc->killed.same, 40U);
    EXPECT_EQ(cc->injured.same, 40U);
    EXPECT_EQ(cc->held_person_hours.same, 40U);  // no holds
  }
  // As the runs' own summaries: people of both categories leave in every replication.
  for (std::size_t k = 0; k < 2; ++k) {
    SCOPED_TRACE(k);
    const CategoryComparison& cc = categories[k];
    const auto& b = c.base.operations[0];
    const auto& v = c.variant.operations[0];
    EXPECT_EQ(cc.removed.base.mean, b.category_outcomes[k].removed.mean);
    EXPECT_EQ(cc.removed.variant.mean, v.category_outcomes[k].removed.mean);
    EXPECT_EQ(cc.killed.variant.mean, v.category_outcomes[k].killed.mean);
    EXPECT_EQ(cc.injured.variant.mean, v.category_outcomes[k].injured.mean);
    EXPECT_EQ(cc.wait_person_hours.base.mean, b.category_exposure[k].waiting.mean);
    EXPECT_EQ(cc.wait_person_hours.variant.mean, v.category_exposure[k].waiting.mean);
    EXPECT_EQ(cc.held_person_hours.variant.mean, v.category_exposure[k].held.mean);
    EXPECT_EQ(cc.queue_person_hours.base.mean, b.category_exposure[k].queueing.mean);
    EXPECT_EQ(cc.queue_person_hours.variant.mean, v.category_exposure[k].queueing.mean);
  }
  EXPECT_GT(men.wait_person_hours.base.mean, 0);
  EXPECT_NEAR(men.queue_person_hours.variant.mean + women.queue_person_hours.variant.mean,
              c.operations[0].queue_person_hours.variant.mean, 1e-9);
}

// Streams are named by ids, not positions: an operation draws the same travel times, inspections
// and households wherever it stands in the list, and a group the same households whatever groups
// of other categories come before it. Here two operations that share nothing are swapped, and a
// group of another category (nobody in it leaves) is put before the first one's: every pair is
// the same (the legs of an operation were salted by its position until the what-if audit of
// 2026-12-05 found the pairs nearly independent).
TEST(CompareMonteCarlo, AnOperationDrawsTheSameWhereverItStands) {
  const std::string apart = R"(  - id: apart
    name: {en: Apart}
    origin: town
    gathering_point: square-2
    destination: camp-2
    route: out-2
    population:
      - {category: civilians, people: 300, household_size: {empirical: [[1, 50], [5, 50]]}, arrival: {uniform: [0 h, 2 h]}}
    fleet:
      - {type: bus, count: 2}
)";
  auto with_places = [](std::string text) {
    auto add = [&](const std::string& after, const std::string& lines) {
      const auto at = text.find(after);
      EXPECT_NE(at, std::string::npos) << after;
      text.insert(at + after.size(), lines);
    };
    add("  - {id: camp, kind: destination, name: {en: Camp}}\n",
        "  - {id: square-2, kind: gathering_point, name: {en: Square 2}, boarding_time: "
        "{exponential: 10 s}}\n"
        "  - {id: gate-2, kind: checkpoint, name: {en: Gate 2}, party: army, inspection: "
        "{exponential: 5 min}}\n"
        "  - {id: camp-2, kind: destination, name: {en: Camp 2}}\n");
    add("routes:\n",
        "  - id: out-2\n    legs:\n"
        "      - {from: square-2, to: gate-2, time: {triangular: [10 min, 20 min, 40 min]}}\n"
        "      - {from: gate-2, to: camp-2, time: {triangular: [10 min, 20 min, 40 min]}}\n");
    return text;
  };
  std::string base_text = with_places(scenario_text("", apart));
  // The variant: `apart` first, and a group of wounded nobody of whom leaves before op's group.
  std::string variant_text = base_text;
  const std::string op_start = "  - id: op\n";
  const auto op_at = variant_text.find(op_start);
  const auto apart_at = variant_text.find(apart);
  ASSERT_NE(op_at, std::string::npos);
  ASSERT_NE(apart_at, std::string::npos);
  variant_text.erase(apart_at, apart.size());
  variant_text.insert(op_at, apart);
  const std::string group = "    population:\n      - {category: civilians, people: 800";
  const auto group_at = variant_text.find(group);
  ASSERT_NE(group_at, std::string::npos);
  variant_text.insert(group_at + std::string("    population:\n").size(),
                      "      - {category: wounded, people: 10, willing: 0}\n");
  variant_text.insert(variant_text.find("categories:\n") + std::string("categories:\n").size(),
                      "  - {id: wounded, name: {en: Wounded}}\n");
  const model::Scenario base_scenario = load(base_text);
  const model::Scenario variant_scenario = load(variant_text);
  ASSERT_EQ(variant_scenario.operations[0].id, "apart");
  const Comparison c = compare_runs(base_scenario, variant_scenario, 30);
  ASSERT_EQ(c.operations.size(), 2U);
  for (const OperationComparison& op : c.operations) {
    for (const PairedDifference* d :
         {&op.t90_h, &op.t100_h, &op.wait_person_hours, &op.queue_person_hours}) {
      EXPECT_EQ(d->same, 30U) << op.base_operation;
      EXPECT_GT(d->base.max, d->base.min) << "the draws differ between replications";
    }
  }
}

void expect_same_summary(const Summary& a, const Summary& b) {
  EXPECT_EQ(a.n, b.n);
  EXPECT_EQ(a.not_reached, b.not_reached);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.median, b.median);
  EXPECT_EQ(a.p10, b.p10);
  EXPECT_EQ(a.p90, b.p90);
  EXPECT_EQ(a.min, b.min);
  EXPECT_EQ(a.max, b.max);
  EXPECT_EQ(a.ci95_low, b.ci95_low);
  EXPECT_EQ(a.ci95_high, b.ci95_high);
}

// How many wait at a gathering point at once, pair by pair: with twice the buses the first
// convoy takes twice the people, so fewer wait for the buses to come back and for a shorter time
// over the square's capacity. Gathering points are matched by place id: the variant lists a yard
// before the square, where another operation gathers; the yard, only in the variant, is left
// out. Each field's summaries are those of the runs' own gathering points.
TEST(CompareMonteCarlo, GatheringPointsAreComparedByPlaceId) {
  auto replace = [](std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  const std::string base_text = replace(scenario_text(""), "name: {en: Square}, boarding_time",
                                        "name: {en: Square}, capacity: 200, boarding_time");
  const std::string yard = R"(  - id: yard-op
    name: {en: Yard}
    origin: town
    gathering_point: yard
    destination: camp
    route: from-yard
    population:
      - {category: civilians, people: 100}
    fleet:
      - {type: bus, count: 2}
)";
  std::string variant_text = replace(base_text, "      - {type: bus, count: 6}\n",
                                     "      - {type: bus, count: 12}\n" + yard);
  variant_text = replace(variant_text, "  - {id: square,",
                         "  - {id: yard, kind: gathering_point, name: {en: Yard}}\n"
                         "  - {id: square,");
  variant_text =
      replace(variant_text, "routes:\n",
              "routes:\n  - {id: from-yard, legs: [{from: yard, to: camp, time: 1 h}]}\n");
  const model::Scenario base_scenario = load(base_text);
  const model::Scenario variant_scenario = load(variant_text);
  const Comparison c = compare_runs(base_scenario, variant_scenario, 30);
  ASSERT_EQ(c.base.gathering_points.size(), 1U);
  ASSERT_EQ(c.variant.gathering_points.size(), 2U);  // the yard, then the square
  ASSERT_EQ(c.gathering_points.size(), 1U);
  const GatheringPointComparison& g = c.gathering_points[0];
  EXPECT_EQ(g.base_place, 1);
  EXPECT_EQ(g.variant_place, 2);
  EXPECT_EQ(g.peak_waiting.pairs, 30U);
  EXPECT_EQ(g.peak_waiting.higher, 0U);
  EXPECT_GT(g.peak_waiting.lower, 25U);
  EXPECT_LT(g.peak_waiting.mean, -100);
  EXPECT_GT(g.over_capacity_h.base.min, 0);
  EXPECT_LT(g.over_capacity_h.mean, 0);
  EXPECT_EQ(g.over_capacity_h.higher, 0U);
  const GatheringPointSummary& b = c.base.gathering_points[0];
  const GatheringPointSummary& v = c.variant.gathering_points[1];
  ASSERT_EQ(v.place, 2);
  expect_same_summary(g.peak_waiting.base, b.peak_waiting);
  expect_same_summary(g.peak_waiting.variant, v.peak_waiting);
  expect_same_summary(g.over_capacity_h.base, b.over_capacity_h);
  expect_same_summary(g.over_capacity_h.variant, v.over_capacity_h);
  EXPECT_NEAR(g.peak_waiting.mean, v.peak_waiting.mean - b.peak_waiting.mean, 1e-9);

  // The other way round the square is the variant's first gathering point and the base's second.
  const Comparison back = compare_runs(variant_scenario, base_scenario, 30);
  ASSERT_EQ(back.gathering_points.size(), 1U);
  EXPECT_EQ(back.gathering_points[0].base_place, 2);
  EXPECT_EQ(back.gathering_points[0].variant_place, 1);
  EXPECT_EQ(back.gathering_points[0].peak_waiting.higher, g.peak_waiting.lower);
  EXPECT_EQ(back.gathering_points[0].peak_waiting.mean, -g.peak_waiting.mean);
  expect_same_summary(back.gathering_points[0].over_capacity_h.base, v.over_capacity_h);
}

// A hundred wounded and a hundred others leave in two buses, a convoy of both at a time, through a
// gate where each of the others is taken off with probability 20%; PHASES are the operation's.
// Legs and inspections vary a little, never as much as a round trip.
std::string two_phases(const std::string& phases) {
  return R"(mamar: 1
scenario: {id: hand, name: {en: Hand}}
categories: [{id: wounded, name: {en: Wounded}}, {id: others, name: {en: Others}}]
parties: [{id: side, name: {en: Side}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 2, boarding_time: 6 s}
  - {id: gate, kind: checkpoint, name: {en: Gate}, party: side, lanes: 1,
     inspection: {triangular: [5 min, 8 min, 12 min]}}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 6 s}
routes:
  - id: out
    legs:
      - {from: square, to: gate, time: {triangular: [25 min, 30 min, 35 min]}}
      - {from: gate, to: camp, time: {triangular: [25 min, 30 min, 35 min]}}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population: [{category: wounded, people: 100}, {category: others, people: 100}]
    fleet: [{type: bus, count: 2}]
    phases:
)" + phases +
         R"(agreement: {start: 2030-01-01T00:00Z, convoy: {min_vehicles: 2}}
risks:
  - {id: off, name: {en: Off}, kind: removal, place: gate, probability: 100%, categories: [others],
     share: 20%}
)";
}

// Phases pair by pair, matched by id: the wounded go first in the base and after the others in
// the variant, which lists its phases the other way round and has no spare phase. The wounded
// are out a round trip later in every pair, the others that much sooner; the spare phase, only in
// the base, is left out. Each field's summaries are those of the runs' own phases, as both phases
// had people in every replication.
TEST(CompareMonteCarlo, PhasesAreMatchedById) {
  const model::Scenario base_scenario = load(two_phases(
      "      - {id: wounded-first, name: {en: Wounded first}, categories: [wounded], order: 1}\n"
      "      - {id: others, name: {en: Others}, categories: [others], order: 2}\n"
      "      - {id: spare, name: {en: Spare}, categories: [wounded], order: 3}\n"));
  const model::Scenario variant_scenario = load(two_phases(
      "      - {id: others, name: {en: Others}, categories: [others], order: 1}\n"
      "      - {id: wounded-first, name: {en: Wounded first}, categories: [wounded], order: 2}\n"));
  const Comparison c = compare_runs(base_scenario, variant_scenario, 30);
  ASSERT_EQ(c.operations.size(), 1U);
  const auto& phases = c.operations[0].phases;
  ASSERT_EQ(phases.size(), 2U);
  const PhaseComparison& wounded = phases[0];
  const PhaseComparison& others = phases[1];
  EXPECT_EQ(wounded.base_phase, 0);
  EXPECT_EQ(wounded.variant_phase, 1);
  EXPECT_EQ(others.base_phase, 1);
  EXPECT_EQ(others.variant_phase, 0);
  for (const PairedDifference* d : {&wounded.t90_h, &wounded.t100_h}) {
    EXPECT_EQ(d->pairs, 30U);
    EXPECT_EQ(d->higher, 30U);
    EXPECT_GT(d->p10, 1.5);  // a round trip of at least 1 h 40 min, less what varies
  }
  for (const PairedDifference* d : {&others.t90_h, &others.t100_h}) {
    EXPECT_EQ(d->pairs, 30U);
    EXPECT_EQ(d->lower, 30U);
    EXPECT_LT(d->p90, -1.5);
  }
  // Only the others are taken off, in either order.
  EXPECT_GT(others.removed.base.mean, 0);
  EXPECT_GT(others.removed.variant.mean, 0);
  EXPECT_EQ(wounded.removed.base.max, 0);
  EXPECT_EQ(wounded.removed.variant.max, 0);
  const auto& b = c.base.operations[0];
  const auto& v = c.variant.operations[0];
  for (const PhaseComparison* pc : {&wounded, &others}) {
    SCOPED_TRACE(pc->base_phase);
    const auto pb = static_cast<std::size_t>(pc->base_phase);
    const auto pv = static_cast<std::size_t>(pc->variant_phase);
    expect_same_summary(pc->t90_h.base, b.phases[pb].t90_h);
    expect_same_summary(pc->t90_h.variant, v.phases[pv].t90_h);
    expect_same_summary(pc->t100_h.base, b.phases[pb].t100_h);
    expect_same_summary(pc->t100_h.variant, v.phases[pv].t100_h);
    expect_same_summary(pc->removed.base, b.phase_outcomes[pb].removed);
    expect_same_summary(pc->removed.variant, v.phase_outcomes[pv].removed);
    expect_same_summary(pc->killed.variant, v.phase_outcomes[pv].killed);
    expect_same_summary(pc->injured.base, b.phase_outcomes[pb].injured);
    EXPECT_NEAR(pc->t100_h.mean, v.phases[pv].t100_h.mean - b.phases[pb].t100_h.mean, 1e-9);
  }

  // The other way round, the changes are the opposite ones.
  const Comparison back = compare_runs(variant_scenario, base_scenario, 30);
  ASSERT_EQ(back.operations[0].phases.size(), 2U);
  EXPECT_EQ(back.operations[0].phases[0].base_phase, 0);  // the others, first in the variant
  EXPECT_EQ(back.operations[0].phases[0].variant_phase, 1);
  EXPECT_EQ(back.operations[0].phases[0].t100_h.higher, 30U);
  EXPECT_EQ(back.operations[0].phases[1].t100_h.mean, -wounded.t100_h.mean);
}

// The wounded (a category and a phase of their own) first in the base and second in the variant,
// over the fewest pairs that give the 95% chance's change an interval (72), on `threads` threads.
Comparison wounded_second(unsigned threads) {
  const model::Scenario base = load(two_phases(
      "      - {id: wounded-first, name: {en: Wounded first}, categories: [wounded], order: 1}\n"
      "      - {id: others, name: {en: Others}, categories: [others], order: 2}\n"));
  const model::Scenario variant = load(two_phases(
      "      - {id: others, name: {en: Others}, categories: [others], order: 1}\n"
      "      - {id: wounded-first, name: {en: Wounded first}, categories: [wounded], order: 2}\n"));
  MonteCarloOptions options;
  options.replications = paired_percentile_change_min_n(0.95);
  options.threads = threads;
  return compare_monte_carlo(Engine(base, run_options()), Engine(variant, run_options()), options);
}

// Chances compared over the pairs of a phase or a category that had people in every replication
// of both runs are each run's own (`base_percentiles` … `variant_intervals`); over 72 pairs there
// is one change, of the 95% chance's time: the variant's minus the base's, its interval in order.
void expect_the_runs_chances(const ComparedChances& got,
                             const std::vector<double>& base_percentiles,
                             const std::vector<double>& variant_percentiles,
                             const std::vector<ChanceInterval>& base_intervals,
                             const std::vector<ChanceInterval>& variant_intervals) {
  EXPECT_EQ(got.base_percentiles_h, base_percentiles);
  EXPECT_EQ(got.variant_percentiles_h, variant_percentiles);
  ASSERT_EQ(got.base_intervals.size(), 1U);
  ASSERT_EQ(got.variant_intervals.size(), 1U);
  ASSERT_EQ(base_intervals.size(), 1U);
  ASSERT_EQ(variant_intervals.size(), 1U);
  EXPECT_EQ(got.base_intervals[0].low_h, base_intervals[0].low_h);
  EXPECT_EQ(got.base_intervals[0].high_h, base_intervals[0].high_h);
  EXPECT_EQ(got.variant_intervals[0].low_h, variant_intervals[0].low_h);
  EXPECT_EQ(got.variant_intervals[0].high_h, variant_intervals[0].high_h);
  // 72 pairs: the 95% chance's change only (the 99% needs 368).
  ASSERT_EQ(got.changes.size(), 1U);
  const PercentileChange& change = got.changes[0];
  EXPECT_EQ(change.percent, 95);
  EXPECT_DOUBLE_EQ(change.change_h, got.variant_percentiles_h[94] - got.base_percentiles_h[94]);
  EXPECT_LE(change.ci95_low_h, change.ci95_high_h);
}

// A phase's high chances of being all out, over its pairs: where it had people in every
// replication of both runs, each run's percentiles and intervals are the run's own of the phase,
// and the change of the 95% chance's time is the variant's minus the base's, with its interval
// from the pairs. Going second, the wounded are out about a round trip later (at least 1 h 40 min,
// less what varies) in every pair; the others as much earlier.
TEST(CompareMonteCarlo, APhasesChancesAndTheirChange) {
  const std::size_t n = paired_percentile_change_min_n(0.95);
  const Comparison c = wounded_second(2);
  ASSERT_EQ(c.operations.size(), 1U);
  const auto& phases = c.operations[0].phases;
  ASSERT_EQ(phases.size(), 2U);
  const auto& b = c.base.operations[0];
  const auto& v = c.variant.operations[0];
  for (const PhaseComparison* pc : {&phases[0], &phases[1]}) {
    SCOPED_TRACE(pc->base_phase);
    const auto pb = static_cast<std::size_t>(pc->base_phase);
    const auto pv = static_cast<std::size_t>(pc->variant_phase);
    ASSERT_EQ(pc->t100_h.pairs, n);
    expect_the_runs_chances(pc->t100_chances, b.phase_t100_percentiles_h[pb],
                            v.phase_t100_percentiles_h[pv], b.phase_t100_chance_intervals[pb],
                            v.phase_t100_chance_intervals[pv]);
  }
  const PercentileChange& wounded = phases[0].t100_chances.changes[0];
  const PercentileChange& others = phases[1].t100_chances.changes[0];
  EXPECT_GT(wounded.change_h, 1.0);
  EXPECT_GT(wounded.ci95_low_h, 1.0);
  EXPECT_LT(others.change_h, -1.0);
  EXPECT_LT(others.ci95_high_h, -1.0);
  // Each from a stream of its own: the same intervals on one thread.
  const Comparison one = wounded_second(1);
  EXPECT_EQ(one.operations[0].phases[0].t100_chances.changes[0].ci95_low_h, wounded.ci95_low_h);
  EXPECT_EQ(one.operations[0].phases[1].t100_chances.changes[0].ci95_high_h, others.ci95_high_h);
}

// A category's times are compared over the pairs in which people of it left in both runs: here
// every pair, so each run's summaries, percentiles and intervals are the run's own of the
// category. The wounded go second in the variant: they are all out about a round trip later.
TEST(CompareMonteCarlo, ACategorysTimesAndChances) {
  const std::size_t n = paired_percentile_change_min_n(0.95);
  const Comparison c = wounded_second(2);
  ASSERT_EQ(c.operations.size(), 1U);
  const auto& categories = c.operations[0].categories;
  ASSERT_EQ(categories.size(), 2U);
  const auto& b = c.base.operations[0];
  const auto& v = c.variant.operations[0];
  for (const CategoryComparison& cc : categories) {
    SCOPED_TRACE(cc.base_category);
    const auto cb = static_cast<std::size_t>(cc.base_category);
    const auto cv = static_cast<std::size_t>(cc.variant_category);
    ASSERT_EQ(cc.t100_h.pairs, n);
    expect_same_summary(cc.t90_h.base, b.categories[cb].t90_h);
    expect_same_summary(cc.t100_h.base, b.categories[cb].t100_h);
    expect_same_summary(cc.t100_h.variant, v.categories[cv].t100_h);
    EXPECT_EQ(cc.finished_in_ceasefire.base.mean, b.category_in_ceasefire[cb].estimate);
    expect_the_runs_chances(cc.t100_chances, b.category_t100_percentiles_h[cb],
                            v.category_t100_percentiles_h[cv], b.category_t100_chance_intervals[cb],
                            v.category_t100_chance_intervals[cv]);
  }
  // The wounded are category 0, all in the first phase of the base and the second of the
  // variant; the others the other way round.
  EXPECT_EQ(categories[0].t100_h.higher, n);
  EXPECT_GT(categories[0].t100_chances.changes[0].ci95_low_h, 1.0);
  EXPECT_EQ(categories[1].t100_h.lower, n);
  EXPECT_LT(categories[1].t100_chances.changes[0].ci95_high_h, -1.0);
  // The same people as the phases': the same times.
  EXPECT_EQ(categories[0].t100_h.mean, c.operations[0].phases[0].t100_h.mean);
}

// With a ceasefire of 2 h, whichever phase goes first is out inside it (in about 1 h 30) and the
// one after is not (about a round trip later, and nobody moves once it has ended): the chance
// that the wounded are all out in time falls from 1 to 0 in every pair when they go second, and
// the others' rises alike; each run's share is that of its results.
TEST(CompareMonteCarlo, APhasesChanceOfBeingOutInsideTheCeasefire) {
  auto with_ceasefire = [](std::string text) {
    const std::string agreement = "agreement: {start: 2030-01-01T00:00Z,";
    text.replace(text.find(agreement), agreement.size(),
                 agreement + " ceasefire: [{from: 2030-01-01T00:00Z, to: 2030-01-01T02:00Z}],");
    return text;
  };
  const model::Scenario base_scenario = load(with_ceasefire(two_phases(
      "      - {id: wounded-first, name: {en: Wounded first}, categories: [wounded], order: 1}\n"
      "      - {id: others, name: {en: Others}, categories: [others], order: 2}\n")));
  const model::Scenario variant_scenario = load(with_ceasefire(
      two_phases("      - {id: others, name: {en: Others}, categories: [others], order: 1}\n"
                 "      - {id: wounded-first, name: {en: Wounded first}, categories: [wounded], "
                 "order: 2}\n")));
  const Comparison c = compare_runs(base_scenario, variant_scenario, 20);
  ASSERT_EQ(c.operations.size(), 1U);
  const auto& phases = c.operations[0].phases;
  ASSERT_EQ(phases.size(), 2U);
  const PairedDifference& wounded = phases[0].finished_in_ceasefire;
  const PairedDifference& others = phases[1].finished_in_ceasefire;
  EXPECT_EQ(wounded.pairs, 20U);
  EXPECT_EQ(wounded.base.mean, 1.0);
  EXPECT_EQ(wounded.variant.mean, 0.0);
  EXPECT_EQ(wounded.mean, -1.0);
  EXPECT_EQ(wounded.lower, 20U);
  EXPECT_EQ(others.base.mean, 0.0);
  EXPECT_EQ(others.variant.mean, 1.0);
  EXPECT_EQ(others.higher, 20U);
  // The runs' own shares, phase by phase (the variant lists the wounded second).
  EXPECT_EQ(c.base.operations[0].phase_in_ceasefire[0].successes, 20U);
  EXPECT_EQ(c.base.operations[0].phase_in_ceasefire[1].successes, 0U);
  EXPECT_EQ(c.variant.operations[0].phase_in_ceasefire[1].successes, 0U);
  EXPECT_EQ(c.variant.operations[0].phase_in_ceasefire[0].successes, 20U);
  EXPECT_EQ(c.base.operations[0].finished_in_ceasefire.successes, 0U);
}

// A pair counts only where the phase had people to clear in both runs, as a run leaves a phase
// that had nobody out of its sample: with a quota of 60 on the first phase, 40 wounded are left
// to the spare phase in the variant, where the base's had nobody; no pair compares it.
TEST(CompareMonteCarlo, APhaseComparesOnlyWhereBothRunsHadPeopleInIt) {
  const std::string rest =
      "      - {id: others, name: {en: Others}, categories: [others], order: 2}\n"
      "      - {id: spare, name: {en: Spare}, categories: [wounded], order: 3}\n";
  const model::Scenario base_scenario = load(two_phases(
      "      - {id: wounded-first, name: {en: Wounded first}, categories: [wounded], order: 1}\n" +
      rest));
  const model::Scenario variant_scenario =
      load(two_phases("      - {id: wounded-first, name: {en: Wounded first}, categories: "
                      "[wounded], order: 1, quota: 60}\n" +
                      rest));
  const Comparison c = compare_runs(base_scenario, variant_scenario, 20);
  ASSERT_EQ(c.operations.size(), 1U);
  const auto& phases = c.operations[0].phases;
  ASSERT_EQ(phases.size(), 3U);
  // The run of the variant has the spare phase in every replication, the base's in none.
  EXPECT_EQ(c.base.operations[0].phases[2].t100_h.n, 0U);
  EXPECT_EQ(c.variant.operations[0].phases[2].t100_h.n, 20U);
  const PhaseComparison& spare = phases[2];
  for (const PairedDifference* d :
       {&spare.t90_h, &spare.t100_h, &spare.removed, &spare.killed, &spare.injured}) {
    EXPECT_EQ(d->pairs, 0U);
    EXPECT_EQ(d->base.n, 0U);
    EXPECT_EQ(d->variant.n, 0U);
    EXPECT_TRUE(std::isnan(d->median));
  }
  // Nor any chance of being out: no percentile, interval or change of one.
  EXPECT_TRUE(std::all_of(spare.t100_chances.base_percentiles_h.begin(),
                          spare.t100_chances.base_percentiles_h.end(),
                          [](double h) { return std::isnan(h); }));
  EXPECT_TRUE(spare.t100_chances.base_intervals.empty());
  EXPECT_TRUE(spare.t100_chances.variant_intervals.empty());
  EXPECT_TRUE(spare.t100_chances.changes.empty());
  // The other two had people in both runs in every replication.
  for (std::size_t p = 0; p < 2; ++p) {
    EXPECT_EQ(phases[p].t100_h.pairs, 20U);
    EXPECT_EQ(phases[p].removed.pairs, 20U);
  }
}

TEST(CompareMonteCarlo, RefusesACiTarget) {
  const model::Scenario s = load(scenario_text(""));
  const Engine e(s, run_options());
  MonteCarloOptions options;
  options.replications = 10;
  options.ci_target_h = 0.5;
  EXPECT_THROW(compare_monte_carlo(e, e, options), std::invalid_argument);
}

}  // namespace
}  // namespace mamar::sim
