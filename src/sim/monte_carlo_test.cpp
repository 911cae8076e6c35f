#include "mamar/sim/monte_carlo.hpp"

#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <stdexcept>

#include "mamar/model/load.hpp"

namespace mamar::sim {
namespace {

// One operation with two phases, two categories and one checkpoint ("bridge", place 2).
const char* const kScenario = R"(mamar: 1
scenario: {id: tiny, name: {en: Tiny, ar: صغير}}
categories:
  - {id: civilians, name: {en: Civilians}}
  - {id: wounded, name: {en: Wounded}}
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}}
  - {id: bridge, kind: checkpoint, name: {en: Bridge}, party: army, inspection: 5 min}
  - {id: camp, kind: destination, name: {en: Camp}}
parties:
  - {id: army, name: {en: Army}, role: besieging}
routes:
  - id: out
    legs:
      - {from: square, to: bridge, time: 10 min}
      - {from: bridge, to: camp, time: 10 min}
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
      - {category: civilians, people: 1000}
    fleet:
      - {type: bus, count: 5}
    phases:
      - {id: first, name: {en: First}, categories: [civilians], quota: 400}
      - {id: rest, name: {en: Rest}, categories: [civilians]}
agreement:
  start: 2020-01-01T08:00+02:00
)";

model::Scenario load() {
  auto r = model::load_scenario_text(kScenario, "tiny.yaml");
  if (!r.scenario) {
    std::string why;
    for (const auto& d : r.diagnostics.items())
      why += format_diagnostic(d, model::model_catalog(), Language::English) + "\n";
    throw std::runtime_error("test scenario does not load:\n" + why);
  }
  return *r.scenario;
}

// A uniform number in [0, 1) from a replication index and a salt (splitmix64).
double uniform(std::uint64_t i, std::uint64_t salt) {
  std::uint64_t z =
      i * 0x9E3779B97F4A7C15ULL + salt * 0xBF58476D1CE4E5B9ULL + 0x94D049BB133111EBULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

// A synthetic replication: 1000 people leave at a steady rate until t100 = 10–20 h; every 25th
// replication does not finish within the 48 h horizon.
ReplicationResult fake(std::uint64_t i) {
  ReplicationResult r;
  r.replication = i;
  const bool stuck = i % 25 == 7;
  const double t100 = 10 + 10 * uniform(i, 1);
  OperationResult op;
  op.leaving = 1000;
  op.arrived = stuck ? 600 : 1000;
  op.not_cleared = stuck ? 400 : 0;
  op.clearance = {0.9 * t100, stuck ? kNotReached : t100};
  op.phases = {{0.36 * t100, 0.4 * t100}, op.clearance};
  op.categories = {op.clearance, {}};
  op.category_leaving = {1000, 0};
  op.wait_person_hours = 1000 * t100 / 2;
  op.trips = 20 + static_cast<std::int64_t>(uniform(i, 2) * 5);
  op.utilisation = 0.5 + 0.3 * uniform(i, 3);
  op.ceasefire_end_h = 18;
  op.finished_in_ceasefire = cleared_by(op.clearance, op.ceasefire_end_h);
  for (int h = 0; h <= 48; ++h) {
    const double t = h;
    const double done =
        stuck ? std::min(600.0, 1000 * t / t100) : std::min(1000.0, 1000 * t / t100);
    r.curve_times_h.push_back(t);
    op.out.push_back(done);
    op.in_transit.push_back(done < 1000 ? 50 : 0);
    op.inside.push_back(1000 - done - (done < 1000 ? 50 : 0));
  }
  r.operations.push_back(op);
  CheckpointResult cp;
  cp.place = 2;
  cp.vehicles = op.trips;
  cp.mean_wait_min = 5 + 10 * uniform(i, 4);
  cp.max_wait_min = 2 * cp.mean_wait_min;
  cp.mean_queue = uniform(i, 5);
  cp.max_queue = 3;
  cp.holds = i % 3 == 0 ? 1 : 0;
  r.checkpoints.push_back(cp);
  GatheringPointResult gp;
  gp.place = 1;
  gp.peak_waiting = 500;
  for (double v : op.inside) gp.waiting.push_back(v / 2);
  r.gathering_points.push_back(gp);
  LinkageResult link;
  link.operations = {0};
  std::vector<double> parity;
  for (double v : op.out) parity.push_back(v / 1000);
  link.parity.push_back(parity);
  r.linkages.push_back(link);
  r.clearance = op.clearance;
  r.finished_in_ceasefire = op.finished_in_ceasefire;
  r.end_h = stuck ? 48 : t100;
  r.events = 100 + i % 10;
  return r;
}

// fake(i) with its hourly curves carried on from 49 h to `last_h` as they stand at 48 h, the
// people out growing by added(h) at each hour.
template <typename Added>
ReplicationResult fake_until(std::uint64_t i, int last_h, Added added) {
  auto r = fake(i);
  auto& op = r.operations[0];
  for (int h = 49; h <= last_h; ++h) {
    r.curve_times_h.push_back(h);
    op.inside.push_back(op.inside.back());
    op.in_transit.push_back(op.in_transit.back());
    op.out.push_back(op.out.back() + added(h));
    r.linkages[0].parity[0].push_back(op.out.back() / 1000);
    r.gathering_points[0].waiting.push_back(op.inside.back() / 2);
  }
  return r;
}

bool same(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

void expect_same(const Summary& a, const Summary& b) {
  EXPECT_EQ(a.n, b.n);
  EXPECT_EQ(a.not_reached, b.not_reached);
  for (auto f : {&Summary::mean, &Summary::ci95_low, &Summary::ci95_high, &Summary::median,
                 &Summary::p10, &Summary::p90, &Summary::min, &Summary::max}) {
    EXPECT_TRUE(same(a.*f, b.*f)) << a.*f << " vs " << b.*f;
  }
}

void expect_same(const CurveBand& a, const CurveBand& b) {
  EXPECT_EQ(a.p10, b.p10);
  EXPECT_EQ(a.median, b.median);
  EXPECT_EQ(a.p90, b.p90);
}

void expect_same(const MonteCarloResult& a, const MonteCarloResult& b) {
  EXPECT_EQ(a.replications, b.replications);
  EXPECT_EQ(a.stopped_early, b.stopped_early);
  EXPECT_TRUE(same(a.mean_events, b.mean_events));
  EXPECT_EQ(a.curve_times_h, b.curve_times_h);
  expect_same(a.clearance.t100_h, b.clearance.t100_h);
  expect_same(a.clearance.t90_h, b.clearance.t90_h);
  ASSERT_EQ(a.operations.size(), b.operations.size());
  for (std::size_t i = 0; i < a.operations.size(); ++i) {
    const auto& x = a.operations[i];
    const auto& y = b.operations[i];
    expect_same(x.clearance.t100_h, y.clearance.t100_h);
    expect_same(x.wait_person_hours, y.wait_person_hours);
    expect_same(x.utilisation, y.utilisation);
    expect_same(x.trips, y.trips);
    expect_same(x.inside, y.inside);
    expect_same(x.out, y.out);
    EXPECT_TRUE(same(x.finished_in_ceasefire.ci95_low, y.finished_in_ceasefire.ci95_low));
  }
  ASSERT_EQ(a.checkpoints.size(), b.checkpoints.size());
  for (std::size_t i = 0; i < a.checkpoints.size(); ++i)
    expect_same(a.checkpoints[i].mean_wait_min, b.checkpoints[i].mean_wait_min);
  ASSERT_EQ(a.gathering_points.size(), b.gathering_points.size());
  for (std::size_t i = 0; i < a.gathering_points.size(); ++i)
    expect_same(a.gathering_points[i].waiting, b.gathering_points[i].waiting);
  EXPECT_EQ(a.t100_histogram.counts, b.t100_histogram.counts);
}

MonteCarloOptions options(std::size_t n, unsigned threads) {
  MonteCarloOptions o;
  o.replications = n;
  o.seed = 42;
  o.threads = threads;
  return o;
}

TEST(MonteCarlo, SummarisesSyntheticReplications) {
  const auto scenario = load();
  const auto r = run_monte_carlo(scenario, fake, options(500, 2));
  EXPECT_EQ(r.replications, 500u);
  EXPECT_EQ(r.replications_requested, 500u);
  EXPECT_EQ(r.seed, 42u);
  EXPECT_FALSE(r.stopped_early);
  ASSERT_EQ(r.operations.size(), 1u);
  const auto& op = r.operations[0];
  EXPECT_EQ(op.clearance.t100_h.n, 500u);
  EXPECT_EQ(op.clearance.t100_h.not_reached, 20u);  // i % 25 == 7
  EXPECT_TRUE(std::isnan(op.clearance.t100_h.mean)) << "no mean when some did not clear";
  EXPECT_NEAR(op.clearance.t100_h.median, 15, 0.6);
  EXPECT_NEAR(op.clearance.t100_h.p10, 11, 0.6);
  EXPECT_NEAR(op.clearance.t100_h.p90, 19.6,
              0.6);  // 96% reached: P90 of a uniform on 10–20 with 4% above
  EXPECT_NEAR(op.clearance.t90_h.mean, 13.5, 0.3);
  ASSERT_EQ(op.phases.size(), 2u);
  EXPECT_NEAR(op.phases[0].t100_h.median, 6, 0.3);
  ASSERT_EQ(op.categories.size(), 2u);
  EXPECT_EQ(op.categories[0].t100_h.n, 500u);
  EXPECT_EQ(op.categories[1].t100_h.n, 0u)
      << "nobody of the category leaves: left out, not censored";
  EXPECT_NEAR(op.utilisation.mean, 0.65, 0.02);
  EXPECT_EQ(op.not_cleared.max, 400);
  EXPECT_EQ(op.leaving.mean, 1000);
  EXPECT_EQ(op.finished_in_ceasefire.n, 500u);
  EXPECT_NEAR(op.finished_in_ceasefire.estimate, 0.8 * 0.96, 0.06);
  EXPECT_LT(op.finished_in_ceasefire.ci95_low, op.finished_in_ceasefire.estimate);
  EXPECT_GT(op.finished_in_ceasefire.ci95_high, op.finished_in_ceasefire.estimate);
  // By phase: the first is out by 8 h in every replication, the second with the operation; by
  // category, the one that leaves with the operation and none for the other.
  ASSERT_EQ(op.phase_in_ceasefire.size(), 2u);
  EXPECT_EQ(op.phase_in_ceasefire[0].successes, 500u);
  EXPECT_EQ(op.phase_in_ceasefire[0].n, 500u);
  EXPECT_EQ(op.phase_in_ceasefire[0].estimate, 1.0);
  EXPECT_EQ(op.phase_in_ceasefire[1].successes, op.finished_in_ceasefire.successes);
  EXPECT_EQ(op.phase_in_ceasefire[1].n, 500u);
  ASSERT_EQ(op.category_in_ceasefire.size(), 2u);
  EXPECT_EQ(op.category_in_ceasefire[0].successes, op.finished_in_ceasefire.successes);
  EXPECT_EQ(op.category_in_ceasefire[0].ci95_low, op.finished_in_ceasefire.ci95_low);
  EXPECT_EQ(op.category_in_ceasefire[1].n, 0u) << "nobody of it leaves";
  ASSERT_EQ(r.checkpoints.size(), 1u);
  EXPECT_EQ(r.checkpoints[0].place, 2);
  EXPECT_NEAR(r.checkpoints[0].mean_wait_min.mean, 10, 0.6);
  EXPECT_EQ(r.checkpoints[0].max_queue.median, 3);
  EXPECT_DOUBLE_EQ(r.mean_events, 104.5);
  // Histogram: every replication counted once.
  std::size_t total = r.t100_histogram.not_reached;
  for (auto c : r.t100_histogram.counts) total += c;
  EXPECT_EQ(total, 500u);
  EXPECT_EQ(r.t100_histogram.not_reached, 20u);
  EXPECT_LE(r.t100_histogram.counts.size(), 40u);
  EXPECT_LE(r.t100_histogram.first_edge, op.clearance.t100_h.min);
  // People not out at the end, of all operations: 400 in the 20 stuck replications, else 0.
  EXPECT_EQ(r.not_cleared.max, 400);
  EXPECT_EQ(r.not_cleared.mean, 400.0 * 20 / 500);
  const Histogram& left = r.not_cleared_histogram;
  EXPECT_EQ(left.first_edge, 0);
  EXPECT_EQ(left.bin_width, 20);  // 0 … 400 people in at most 40 bins: 41 of 10 are too many
  ASSERT_EQ(left.counts.size(), 21u);
  EXPECT_EQ(left.counts.front(), 480u);
  EXPECT_EQ(left.counts.back(), 20u);
  EXPECT_EQ(left.not_reached, 0u);
  // The chance of clearing by a time: the percentiles of the time to clear everyone, the
  // 20 of 500 replications that never clear (4%) the last ones.
  ASSERT_EQ(op.t100_percentiles_h.size(), kClearancePercentiles);
  EXPECT_EQ(op.t100_percentiles_h[49], op.clearance.t100_h.median);
  EXPECT_EQ(op.t100_percentiles_h[9], op.clearance.t100_h.p10);
  EXPECT_EQ(op.t100_percentiles_h[89], op.clearance.t100_h.p90);
  EXPECT_GT(op.t100_percentiles_h[0], op.clearance.t100_h.min);  // the 5th of 500
  EXPECT_FALSE(std::isnan(op.t100_percentiles_h[95])) << "96% cleared";
  EXPECT_TRUE(std::isnan(op.t100_percentiles_h[96])) << "the 97th percentile never cleared";
  EXPECT_TRUE(std::is_sorted(op.t100_percentiles_h.begin(), op.t100_percentiles_h.begin() + 96));
  EXPECT_EQ(r.t100_percentiles_h.size(), kClearancePercentiles);
  EXPECT_EQ(r.t100_percentiles_h[49], r.clearance.t100_h.median);
  // Of each phase and category: the first phase is out at 0.4 of the time in every replication,
  // the second phase and the first category with the operation; nobody of the second category
  // leaves, so it has none.
  ASSERT_EQ(op.phase_t100_percentiles_h.size(), 2u);
  const auto& first = op.phase_t100_percentiles_h[0];
  ASSERT_EQ(first.size(), kClearancePercentiles);
  EXPECT_TRUE(std::none_of(first.begin(), first.end(), [](double h) { return std::isnan(h); }));
  EXPECT_TRUE(std::is_sorted(first.begin(), first.end()));
  EXPECT_EQ(first[9], op.phases[0].t100_h.p10);
  EXPECT_EQ(first[49], op.phases[0].t100_h.median);
  EXPECT_EQ(first[99], op.phases[0].t100_h.max);
  EXPECT_LT(first[94], 8.0) << "0.4 of at most 20 h";
  // NaN where never cleared: compared bit for bit.
  auto same_all = [](const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same);
  };
  EXPECT_TRUE(same_all(op.phase_t100_percentiles_h[1], op.t100_percentiles_h));
  ASSERT_EQ(op.category_t100_percentiles_h.size(), 2u);
  EXPECT_TRUE(same_all(op.category_t100_percentiles_h[0], op.t100_percentiles_h));
  EXPECT_TRUE(op.category_t100_percentiles_h[1].empty());
}

TEST(MonteCarlo, CurveBands) {
  const auto scenario = load();
  const auto r = run_monte_carlo(scenario, fake, options(400, 3));
  ASSERT_FALSE(r.curve_times_h.empty());
  EXPECT_LE(r.curve_times_h.size(), kBandPoints);
  EXPECT_EQ(r.curve_times_h.front(), 0);
  // The stuck replications change until 0.6 × t100 ≤ 12 h; the rest until t100 ≤ 20 h, so the
  // grid ends at the last change, about 20 h, with steps of the engine's 1 h.
  EXPECT_EQ(r.curve_times_h.back(), 20);
  EXPECT_EQ(r.curve_times_h[1], 1);
  EXPECT_EQ(r.curve_replications, 400u);
  const auto& op = r.operations[0];
  ASSERT_EQ(op.out.median.size(), r.curve_times_h.size());
  for (std::size_t g = 0; g < r.curve_times_h.size(); ++g) {
    EXPECT_LE(op.out.p10[g], op.out.median[g]);
    EXPECT_LE(op.out.median[g], op.out.p90[g]);
  }
  EXPECT_EQ(op.inside.median.front(), 950);
  EXPECT_EQ(op.out.median.front(), 0);
  EXPECT_EQ(op.out.median.back(), 1000);
  EXPECT_EQ(op.out.p10.back(), 1000) << "only 4% stuck";
  // At 10 h: out = 1000 × 10 / t100 with t100 uniform on 10–20 (plus 4% stuck, capped at 600).
  EXPECT_NEAR(op.out.median[10], 1000 * 10 / 15.0, 30);
  ASSERT_EQ(r.linkages.size(), 1u);
  ASSERT_EQ(r.linkages[0].parity.size(), 1u);
  EXPECT_NEAR(r.linkages[0].parity[0].median[10], op.out.median[10] / 1000, 1e-3);
  // The people waiting at the gathering point, half of those inside: its own band, between the
  // operations' curves and the linkages' in the order of the series.
  ASSERT_EQ(r.gathering_points.size(), 1u);
  const CurveBand& waiting = r.gathering_points[0].waiting;
  ASSERT_EQ(waiting.median.size(), r.curve_times_h.size());
  for (std::size_t g = 0; g < r.curve_times_h.size(); ++g) {
    EXPECT_EQ(waiting.median[g], op.inside.median[g] / 2) << g;
    EXPECT_EQ(waiting.p10[g], op.inside.p10[g] / 2) << g;
    EXPECT_EQ(waiting.p90[g], op.inside.p90[g] / 2) << g;
  }
}

TEST(MonteCarlo, IdenticalForAnyThreadCount) {
  const auto scenario = load();
  const auto one = run_monte_carlo(scenario, fake, options(300, 1));
  const auto four = run_monte_carlo(scenario, fake, options(300, 4));
  const auto all = run_monte_carlo(scenario, fake, options(300, 0));
  expect_same(one, four);
  expect_same(one, all);
}

TEST(MonteCarlo, StopsEarlyAtTheSameBatchForAnyThreadCount) {
  const auto scenario = load();
  // Every replication clears (no stuck ones), so the mean and its interval exist.
  auto clears = [](std::uint64_t i) {
    auto r = fake(i);
    if (std::isnan(r.clearance.t100_h)) r.clearance.t100_h = 20;
    return r;
  };
  auto o = options(100000, 1);
  o.ci_target_h = 0.3;  // half-width ≈ 1.96 × 2.9 / √n: about 360 replications
  o.batch = 50;
  const auto one = run_monte_carlo(scenario, clears, o);
  o.threads = 4;
  const auto four = run_monte_carlo(scenario, clears, o);
  EXPECT_TRUE(one.stopped_early);
  EXPECT_EQ(one.replications % 50, 0u);
  EXPECT_LT(one.replications, 1000u);
  EXPECT_GT(one.replications, 100u);
  EXPECT_LT(one.clearance.t100_h.ci95_half, 0.3);
  expect_same(one, four);
  ASSERT_TRUE(one.ci_target_h);
  EXPECT_EQ(*one.ci_target_h, 0.3);
}

// The run stops at the first look where the half-width it reports is below the target: judged on
// the figure summarize() gives, not on running moments, which differ from it in the last bits (at
// 97% of the looks here). A target equal to the half-width after 200 replications stopped the
// run there, though the interval it reported was then not narrower than the target.
TEST(MonteCarlo, StopsAtTheFirstLookWhereTheReportedHalfWidthIsBelowTheTarget) {
  const auto scenario = load();
  auto clears = [](std::uint64_t i) {
    auto r = fake(i);
    if (std::isnan(r.clearance.t100_h)) r.clearance.t100_h = 20;
    return r;
  };
  // The half-width reported after 100, 200, … 1,100 replications; targets from those after 200 to
  // 1,000 (and the next double above each), met at the latest after 1,100.
  std::vector<double> half;
  for (std::size_t n = 100; n <= 1100; n += 100)
    half.push_back(run_monte_carlo(scenario, clears, options(n, 2)).clearance.t100_h.ci95_half);
  ASSERT_TRUE(std::is_sorted(half.rbegin(), half.rend()));
  for (std::size_t k = 1; k + 1 < half.size(); ++k) {
    for (const double target : {half[k], std::nextafter(half[k], 1.0)}) {
      std::size_t expected = 0;  // the first look where the reported half-width is below it
      for (std::size_t j = 0; j < half.size() && expected == 0; ++j) {
        if (half[j] < target) expected = 100 * (j + 1);
      }
      auto o = options(5000, 2);
      o.ci_target_h = target;
      const auto r = run_monte_carlo(scenario, clears, o);
      EXPECT_TRUE(r.stopped_early);
      EXPECT_EQ(r.replications, expected)
          << "target " << target << " (the half-width after " << 100 * (k + 1) << " replications)";
      EXPECT_LT(r.clearance.t100_h.ci95_half, target);
    }
  }
}

TEST(MonteCarlo, NeverStopsEarlyWhileSomeDoNotClear) {
  const auto scenario = load();
  auto o = options(300, 2);
  o.ci_target_h = 100.0;
  o.batch = 50;
  const auto r = run_monte_carlo(scenario, fake, o);
  EXPECT_FALSE(r.stopped_early);
  EXPECT_EQ(r.replications, 300u);
}

TEST(MonteCarlo, ProgressInOrder) {
  const auto scenario = load();
  auto o = options(57, 3);
  std::vector<std::size_t> calls;
  o.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 57u);
    calls.push_back(done);
  };
  run_monte_carlo(scenario, fake, o);
  ASSERT_EQ(calls.size(), 57u);
  for (std::size_t i = 0; i < calls.size(); ++i) EXPECT_EQ(calls[i], i + 1);
}

// Interrupted (Ctrl-C), a run stops after the replication at hand: its results are those of the
// replications folded in until then, the same as a run asked for that many.
TEST(MonteCarlo, AnInterruptedRunIsThatOfTheReplicationsDone) {
  const auto scenario = load();
  auto o = options(300, 3);
  std::size_t folded = 0;
  o.progress = [&](std::size_t done, std::size_t) { folded = done; };
  o.interrupted = [&] { return folded >= 77; };
  const auto cut = run_monte_carlo(scenario, fake, o);
  EXPECT_TRUE(cut.interrupted);
  EXPECT_EQ(cut.replications, 77U);
  EXPECT_EQ(cut.replications_requested, 300U);
  const auto asked = run_monte_carlo(scenario, fake, options(77, 1));
  EXPECT_FALSE(asked.interrupted);
  EXPECT_EQ(cut.clearance.t100_h.median, asked.clearance.t100_h.median);
  EXPECT_EQ(cut.clearance.t100_h.p90, asked.clearance.t100_h.p90);
  EXPECT_EQ(cut.not_cleared.mean, asked.not_cleared.mean);
  // Asked after the last replication, it changes nothing: the run is complete.
  o.interrupted = [] { return true; };
  o.progress = nullptr;
  const auto whole = run_monte_carlo(scenario, fake, options(1, 1));
  auto last = options(1, 1);
  last.interrupted = [] { return true; };
  EXPECT_FALSE(run_monte_carlo(scenario, fake, last).interrupted);
  EXPECT_EQ(run_monte_carlo(scenario, fake, last).replications, whole.replications);
}

TEST(MonteCarlo, RethrowsAReplicationsException) {
  const auto scenario = load();
  auto failing = [](std::uint64_t i) {
    if (i == 37) throw std::runtime_error("replication 37 failed");
    return fake(i);
  };
  EXPECT_THROW(run_monte_carlo(scenario, failing, options(200, 3)), std::runtime_error);
  EXPECT_THROW(run_monte_carlo(scenario, failing, options(200, 1)), std::runtime_error);
}

TEST(MonteCarlo, ZeroReplications) {
  const auto scenario = load();
  const auto r = run_monte_carlo(scenario, fake, options(0, 2));
  EXPECT_EQ(r.replications, 0u);
  ASSERT_EQ(r.operations.size(), 1u);
  EXPECT_EQ(r.operations[0].clearance.t100_h.n, 0u);
  EXPECT_TRUE(r.curve_times_h.empty());
}

TEST(MonteCarlo, CheckpointSeenLateIsZeroBefore) {
  const auto scenario = load();
  auto late = [](std::uint64_t i) {
    auto r = fake(i);
    if (i < 10) r.checkpoints.clear();
    return r;
  };
  const auto r = run_monte_carlo(scenario, late, options(20, 2));
  ASSERT_EQ(r.checkpoints.size(), 1u);
  EXPECT_EQ(r.checkpoints[0].vehicles.n, 20u);
  EXPECT_EQ(r.checkpoints[0].vehicles.min, 0);
  EXPECT_EQ(r.checkpoints[0].mean_queue.n, 20u);
  EXPECT_EQ(r.checkpoints[0].holds.n, 20u);
  // No vehicle, no wait: the replications before it was seen are not in the waits.
  EXPECT_EQ(r.checkpoints[0].mean_wait_min.n, 10u);
  EXPECT_EQ(r.checkpoints[0].max_wait_min.n, 10u);
  EXPECT_GE(r.checkpoints[0].mean_wait_min.min, 5);
}

TEST(MonteCarlo, AReplicationWithoutTrafficAtACheckpointHasNoWaitThere) {
  const auto scenario = load();
  // Every third replication sends no vehicle through the checkpoint; the others wait 5 to 15
  // minutes on average.
  auto some = [](std::uint64_t i) {
    auto r = fake(i);
    if (i % 3 == 0) {
      CheckpointResult& cp = r.checkpoints.at(0);
      cp.vehicles = 0;
      cp.mean_wait_min = 0;
      cp.max_wait_min = 0;
      cp.mean_queue = 0;
    }
    return r;
  };
  const auto r = run_monte_carlo(scenario, some, options(30, 2));
  ASSERT_EQ(r.checkpoints.size(), 1u);
  const CheckpointSummary& cp = r.checkpoints[0];
  EXPECT_EQ(cp.vehicles.n, 30u);
  EXPECT_EQ(cp.vehicles.min, 0) << "no traffic counts 0 vehicles";
  EXPECT_EQ(cp.mean_queue.min, 0);
  EXPECT_EQ(cp.mean_wait_min.n, 20u);
  EXPECT_GE(cp.mean_wait_min.min, 5) << "not a wait of 0";
  EXPECT_GE(cp.mean_wait_min.median, 5);
  EXPECT_GE(cp.max_wait_min.min, 10);
  EXPECT_EQ(cp.max_wait_min.n, 20u);

  // Nothing ever passes: vehicles and queues 0, no wait at all.
  auto none = [](std::uint64_t i) {
    auto quiet = fake(i);
    CheckpointResult& there = quiet.checkpoints.at(0);
    there = CheckpointResult{.place = there.place};
    return quiet;
  };
  const auto empty = run_monte_carlo(scenario, none, options(10, 2));
  ASSERT_EQ(empty.checkpoints.size(), 1u);
  EXPECT_EQ(empty.checkpoints[0].vehicles.median, 0);
  EXPECT_EQ(empty.checkpoints[0].mean_wait_min.n, 0u);
  EXPECT_TRUE(std::isnan(empty.checkpoints[0].mean_wait_min.median));
  EXPECT_TRUE(std::isnan(empty.checkpoints[0].max_wait_min.mean));
}

TEST(MonteCarlo, ManyLongReplicationsStayBounded) {
  // 12,000 replications of 30 days of hourly curves: only the first curve_replications keep
  // their (downsampled) curves.
  const auto scenario = load();
  std::atomic<std::size_t> calls{0};
  auto long_curves = [&](std::uint64_t i) {
    ++calls;
    return fake_until(i, 720, [i](int h) { return i % 25 == 7 && h == 700 ? 400 : 0; });
  };
  auto o = options(12000, 0);
  o.curve_replications = 2000;
  const auto r = run_monte_carlo(scenario, long_curves, o);
  EXPECT_EQ(calls.load(), 12000u);
  EXPECT_EQ(r.replications, 12000u);
  EXPECT_EQ(r.curve_replications, 2000u);
  EXPECT_LE(r.curve_times_h.size(), kBandPoints);
  EXPECT_GE(r.curve_times_h.back(), 700);
  EXPECT_EQ(r.operations[0].out.median.back(), 1000);
}

// The heap the fold holds at its largest, measured when the last replication is asked for (one
// worker: the fold has then taken all but the last few): the calling thread's arena, mapped
// blocks too.
std::size_t heap_held(const model::Scenario& scenario, const MonteCarloOptions& options) {
  auto in_use = [] {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
  };
  const std::size_t before = in_use();
  std::atomic<std::size_t> at_last{0};
  const MonteCarloResult r = run_monte_carlo(
      scenario,
      [&](std::uint64_t i) {
        if (i + 1 == options.replications) at_last = in_use();
        return fake(i);
      },
      options);
  EXPECT_EQ(r.replications, options.replications);
  return at_last.load() > before ? at_last.load() - before : 0;
}

// memory_kept() bounds what the fold holds, and closely where no curves are kept: each column is
// sized once for the replications asked for, not doubled as it grows.
TEST(MonteCarlo, MemoryKeptBoundsWhatTheFoldHolds) {
  {
    // A sanitizer's allocator does not report its heap through mallinfo2().
    const std::size_t before = mallinfo2().uordblks + mallinfo2().hblkhd;
    const std::vector<char> block(std::size_t{1} << 20, 1);
    if (mallinfo2().uordblks + mallinfo2().hblkhd < before + block.size())
      GTEST_SKIP() << "the allocator does not report the heap it holds";
  }
  const model::Scenario scenario = load();
  MonteCarloOptions options;
  options.replications = 40000;
  options.threads = 1;
  std::size_t held = heap_held(scenario, options);
  // The fake replications' curves run over 48 hours: so do those of a run of that horizon.
  RunOptions run;
  run.horizon = Duration::hours(48);
  std::size_t bound = memory_kept(scenario, options, run);
  EXPECT_LE(held, bound);
  EXPECT_GE(held, bound / 3) << held << " of " << bound;  // the curves' points are at most 200
  options.curve_replications = 0;
  held = heap_held(scenario, options);
  bound = memory_kept(scenario, options, run);
  EXPECT_LE(held, bound);
  EXPECT_GE(held, bound / 10 * 9) << held << " of " << bound;
  // Past the replications whose curves are kept, in proportion to the replications.
  options.curve_replications = 5000;
  MonteCarloOptions twice = options;
  twice.replications *= 2;
  MonteCarloOptions thrice = options;
  thrice.replications *= 3;
  EXPECT_GT(memory_kept(scenario, twice), memory_kept(scenario, options));
  EXPECT_EQ(memory_kept(scenario, thrice) - memory_kept(scenario, twice),
            memory_kept(scenario, twice) - memory_kept(scenario, options));
}

TEST(MonteCarlo, FlatCurvesSpanTheWholeRun) {
  const auto scenario = load();
  auto flat = [](std::uint64_t i) {
    auto r = fake(i);
    auto& op = r.operations[0];
    std::fill(op.inside.begin(), op.inside.end(), 1000.0);
    std::fill(op.in_transit.begin(), op.in_transit.end(), 0.0);
    std::fill(op.out.begin(), op.out.end(), 0.0);
    std::fill(r.linkages[0].parity[0].begin(), r.linkages[0].parity[0].end(), 0.0);
    std::fill(r.gathering_points[0].waiting.begin(), r.gathering_points[0].waiting.end(), 500.0);
    return r;
  };
  const auto r = run_monte_carlo(scenario, flat, options(10, 2));
  ASSERT_FALSE(r.curve_times_h.empty());
  EXPECT_EQ(r.curve_times_h.back(), 48) << "nothing moved: the chart still covers the run";
  EXPECT_EQ(r.operations[0].inside.median.back(), 1000);
}

// kScenario with five bays at the square: the five buses board at once.
model::LoadResult with_five_bays() {
  std::string text = kScenario;
  const std::string square = "name: {en: Square}}";
  text.replace(text.find(square), square.size(), "name: {en: Square}, bays: 5}");
  return model::load_scenario_text(text, "tiny.yaml");
}

// A horizon shorter than the curve step (45 min against 1 h): the engine samples the curves at
// the start and at the horizon, and the chart's grid is those two times. It was the start alone,
// shown flat over a grid of 168 points to 1 h, past the horizon.
TEST(MonteCarlo, AHorizonShorterThanTheCurveStepEndsTheCurvesAtIt) {
  const auto loaded = with_five_bays();
  ASSERT_TRUE(loaded.scenario);
  const model::Scenario& scenario = *loaded.scenario;
  RunOptions run;
  run.horizon = Duration::minutes(45);
  const Engine engine(scenario, run);
  const ReplicationResult one = engine.run(42, 0);
  EXPECT_EQ(one.curve_times_h, (std::vector<double>{0.0, 0.75}));
  const auto r = run_monte_carlo(engine, options(20, 1));
  ASSERT_EQ(r.curve_times_h.size(), 2u);
  EXPECT_EQ(r.curve_times_h.front(), 0);
  EXPECT_EQ(r.curve_times_h.back(), 0.75);
  // The buses board for 25 min (50 people, 30 s each) and drive 10 min to the checkpoint, where
  // one lane inspects them 5 min each: at 45 min their 250 people are on the road, as the sample
  // at the horizon shows.
  EXPECT_EQ(r.operations[0].in_transit.median.back(), 250);
}

// A horizon over the curve step but not a whole number of steps (1.5 h against 1 h): the engine
// samples the curves at the horizon too, and the chart's grid ends there. It ended at 1 h, the
// last whole step, and lost what happened after it (the first buses arriving).
TEST(MonteCarlo, AHorizonBetweenCurveStepsEndsTheCurvesAtIt) {
  const auto loaded = with_five_bays();
  ASSERT_TRUE(loaded.scenario);
  const model::Scenario& scenario = *loaded.scenario;
  RunOptions run;
  run.horizon = Duration::minutes(90);
  const Engine engine(scenario, run);
  const ReplicationResult one = engine.run(42, 0);
  EXPECT_EQ(one.curve_times_h, (std::vector<double>{0.0, 1.0, 1.5}));
  ASSERT_EQ(one.operations[0].out.size(), 3u);
  // The people out at the horizon are those arrived by the end of the replication.
  EXPECT_EQ(one.operations[0].out.back(), static_cast<double>(one.operations[0].arrived));
  const auto r = run_monte_carlo(engine, options(20, 2));
  ASSERT_FALSE(r.curve_times_h.empty());
  EXPECT_EQ(r.curve_times_h.front(), 0);
  EXPECT_EQ(r.curve_times_h.back(), 1.5);
  EXPECT_EQ(r.operations[0].out.median.back(), r.operations[0].arrived.median);
  // The same bytes whatever the threads.
  const auto single = run_monte_carlo(engine, options(20, 1));
  EXPECT_EQ(single.curve_times_h, r.curve_times_h);
  EXPECT_EQ(single.operations[0].out.median, r.operations[0].out.median);
}

TEST(Histogram, NiceBins) {
  std::vector<double> v = {10.2, 11.7, 12.1, 19.9, kNaN};
  Histogram h = make_histogram(v, 40);
  EXPECT_EQ(h.not_reached, 1u);
  EXPECT_EQ(h.bin_width, 0.5);  // 9.7 h / 40 bins, rounded up to 1, 2 or 5 × 10^k
  EXPECT_EQ(h.first_edge, 10);
  std::size_t total = 0;
  for (auto c : h.counts) total += c;
  EXPECT_EQ(total, 4u);
  h = make_histogram(std::vector<double>{5, 5, 5});
  ASSERT_EQ(h.counts.size(), 1u);
  EXPECT_EQ(h.counts[0], 3u);
  h = make_histogram(std::vector<double>{kNaN});
  EXPECT_TRUE(h.counts.empty());
  EXPECT_EQ(h.not_reached, 1u);
  h = make_histogram(std::vector<double>{0, 1000}, 10);
  EXPECT_EQ(h.bin_width, 200);
  EXPECT_EQ(h.counts.size(), 6u);
}

// Values on a bin's lower edge count in that bin, as the half-open bins say, also where the
// width is not exact in binary (0.05: 0.3 - 0.1 is 3.9999... widths).
TEST(Histogram, AValueOnAnEdgeIsInTheBinItOpens) {
  const std::vector<double> v = {0.1, 0.15, 0.2, 0.25, 0.3, 0.3};
  const Histogram h = make_histogram(v, 40, 0.05);
  EXPECT_EQ(h.bin_width, 0.05);
  EXPECT_EQ(h.first_edge, 0.1);
  EXPECT_EQ(h.counts, (std::vector<std::size_t>{1, 1, 1, 1, 2}));
  const Histogram tenths = make_histogram(std::vector<double>{0.3, 0.7}, 40, 0.1);
  EXPECT_EQ(tenths.first_edge, 0.3);
  EXPECT_EQ(tenths.counts, (std::vector<std::size_t>{1, 0, 0, 0, 1}));
}

// A histogram's edges are the decimals they stand for, not k × width in binary: the
// minimal example's 100% clearance (5 h 31 min 40 s in every replication) has its one bin from
// 5.52 h, written 5.5200000000000005 in results.json before.
TEST(Histogram, EdgesAreTheDecimalsTheyStandFor) {
  const Histogram one = make_histogram(std::vector<double>{5.527777777777778}, 40);
  EXPECT_EQ(one.bin_width, 0.01);
  EXPECT_EQ(one.first_edge, 5.52);
  // Every edge of the bins over values from 0.1 to 99.9 h, at each width the bins take.
  for (const double width : {0.001, 0.01, 0.05, 0.1, 0.2, 0.5}) {
    for (int k = 1; k < 1000; ++k) {
      const double v = k * 0.0999;  // of no particular decimal
      const Histogram h = make_histogram(std::vector<double>{v}, 40, width);
      const double tick = h.bin_width >= 0.1 ? 10 : h.bin_width >= 0.01 ? 100 : 1000;
      EXPECT_EQ(h.first_edge, std::round(h.first_edge * tick) / tick) << v << " by " << width;
      EXPECT_LE(h.first_edge, v);
    }
  }
}

// Likewise the bands' time grid, whose step can be 1.2 h: a replication whose curves change
// until 220 h, its last sample, has a grid 1.2 h apart (3.5999999999999996 h before, not 3.6),
// its last step cut short at 220 h (it ran on to 220.8 h, past the end of every replication).
TEST(MonteCarlo, TheTimeGridIsOfDecimals) {
  const auto scenario = load();
  auto long_curves = [](std::uint64_t i) {
    return fake_until(i, 220, [](int h) { return h == 220 ? 1 : 0; });
  };
  const auto r = run_monte_carlo(scenario, long_curves, options(5, 1));
  ASSERT_EQ(r.curve_times_h.size(), 185u);
  EXPECT_EQ(r.curve_times_h[1], 1.2);
  for (std::size_t k = 0; k + 1 < r.curve_times_h.size(); ++k)
    EXPECT_EQ(r.curve_times_h[k], static_cast<double>(k * 12) / 10) << k;
  EXPECT_EQ(r.curve_times_h.back(), 220);
}

TEST(Histogram, CountsOfPeopleKeepWholeBins) {
  const std::vector<double> people = {0, 1, 2, 3, 3};
  Histogram h = make_histogram(people, 40);
  EXPECT_EQ(h.bin_width, 0.1) << "a time's bins may be a tenth of an hour";
  h = make_histogram(people, 40, 1);
  EXPECT_EQ(h.bin_width, 1);
  EXPECT_EQ(h.first_edge, 0);
  EXPECT_EQ(h.counts, (std::vector<std::size_t>{1, 1, 1, 2}));
  h = make_histogram(std::vector<double>{0, 0}, 40, 1);
  EXPECT_EQ(h.counts, (std::vector<std::size_t>{2})) << "everyone out: one bin [0, 1)";
  h = make_histogram(std::vector<double>{120, 13'500}, 40, 1);
  EXPECT_EQ(h.bin_width, 500);
  EXPECT_EQ(h.first_edge, 0);
  EXPECT_EQ(h.counts.size(), 28u);
}

}  // namespace
}  // namespace mamar::sim
