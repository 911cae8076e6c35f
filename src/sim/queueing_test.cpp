// Validation of the engine against queueing theory.
//
// A scenario reduces to ONE checkpoint fed by a Poisson stream of vehicles when:
//   - one category, N households of 1 person, each reaching the gathering point at a time drawn
//     uniformly on [0, T]: N i.i.d. uniform times on [0, T] are, given N, the points of a Poisson
//     process of rate lambda = N / T;
//   - a free one-seat car for every household the instant it arrives, convoys of exactly one
//     vehicle (min 1, max 1), boarding time 0 (the one loading bay is freed the instant it is
//     taken), so a car departs the instant its household arrives, alone;
//   - a first leg of time 0 to the checkpoint, which has `lanes: c` and an inspection time per
//     vehicle that is exponential (M/M/c) or fixed (M/D/1); then a leg to the destination.
// The cars are either N private cars (`private: true`: each leaves once and never returns) or a
// shuttle of K = 400 one-seat cars that come back at once (leg 2, unloading and a return route
// that avoids the checkpoint all take no time), so a car is away exactly while it is at the
// checkpoint: the shuttle runs short only when 400 vehicles are at the checkpoint at once,
// probability about 0.9^400 = 5e-19 at the heaviest load. Every replication asserts that no
// household waited at the gathering point, so the reduction is checked, not assumed. The
// statistical cases use the shuttle: with MAMAR_INVARIANTS the engine checks its invariants
// with a pass over every vehicle after every event, which with N private cars would be O(N^2).
// ReductionAddsNoDelay checks both fleets event by event on the trace.
// The checkpoint is then an M/M/c (or M/D/1) FIFO queue, and its mean wait before inspection
// (CheckpointResult::mean_wait_min) must match the theory:
//   Erlang C, offered load a = lambda / mu, rho = a / c < 1:
//     C(c, a) = [a^c / c! / (1 - rho)] / [sum_{k=0}^{c-1} a^k / k! + a^c / c! / (1 - rho)]
//     Wq = C(c, a) / (c mu - lambda)
//   Pollaczek-Khinchine for M/D/1 (service time D = 1 / mu):  Wq = rho / (2 mu (1 - rho))
//   Little: Lq = lambda Wq, against CheckpointResult::mean_queue (time-average queue length).
//
// Each case runs R independent replications (its own seed, replication indices 0..R-1), drops the
// initial transient with RunOptions::warmup (a multiple of the relaxation time
// 1 / (c mu (1 - sqrt(rho))^2)), and forms a Student t interval of the mean over replications.
// Each replication also checks Little's law as an identity of the engine's bookkeeping: the
// queue area after the warmup equals the waits of the vehicles counted (up to those queued before
// the warmup).
//
// The gate: the analytic value lies inside the interval. With nine independent cases a per-check
// 95% level would fail somewhere by chance for a correct engine a third of the time
// (1 - 0.95^9 = 37%), and any change to how the engine consumes random numbers re-rolls those
// dice. The gate therefore uses simultaneous 95% intervals (Bonferroni over the 18 checks of the
// binary); the per-check 95% interval is printed too, with the relative error, and says whether
// it holds the analytic value.
//
// Two variants: this file compiled into sim_test (label fast, about 10 s) and, with
// MAMAR_QUEUEING_SLOW defined, into queueing_slow_test (label slow, about 8 min on 2 cores): more
// replications and longer runs, so the intervals are about 5.6x tighter (31x the work).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "mamar/common/time.hpp"
#include "mamar/model/load.hpp"
#include "mamar/sim/engine.hpp"
#include "mamar/sim/statistics.hpp"

#ifdef MAMAR_QUEUEING_SLOW
#define MAMAR_QUEUEING_SUITE QueueingSlow
#else
#define MAMAR_QUEUEING_SUITE Queueing
#endif

namespace mamar::sim {
namespace {

constexpr double kServiceMin = 10;        // mean inspection time per vehicle, minutes (1 / mu)
constexpr double kWarmupRelaxations = 4;  // warmup = this many relaxation times
constexpr int kCases = 9;                 // cases in this binary (for the simultaneous level)
constexpr int kChecksPerCase = 2;         // Wq and P(W > 0)

// Builds that check the engine's invariants after every event (MAMAR_INVARIANTS, which the test
// build of scripts/test.sh turns on) or run under AddressSanitizer are about 4x slower: there
// each variant does a quarter of the work (intervals about 2x wider, same gate).
#if defined(MAMAR_INVARIANTS) || defined(__SANITIZE_ADDRESS__)
#define MAMAR_QUEUEING_HEAVY_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MAMAR_QUEUEING_HEAVY_BUILD 1
#endif
#endif

#if defined(MAMAR_QUEUEING_SLOW) && defined(MAMAR_QUEUEING_HEAVY_BUILD)
constexpr int kDefaultReplications = 32;
constexpr double kDefaultCustomerScale = 1.5;
#elif defined(MAMAR_QUEUEING_SLOW)
constexpr int kDefaultReplications = 100;
constexpr double kDefaultCustomerScale = 15;  // customers per replication, times the table's
#elif defined(MAMAR_QUEUEING_HEAVY_BUILD)
constexpr int kDefaultReplications = 16;
constexpr double kDefaultCustomerScale = 0.75;
#else
constexpr int kDefaultReplications = 32;
constexpr double kDefaultCustomerScale = 1.5;
#endif
#ifdef MAMAR_QUEUEING_SLOW
constexpr std::uint64_t kSeedOffset = 100;  // independent of the fast variant
#else
constexpr std::uint64_t kSeedOffset = 0;
#endif

// For exploration, MAMAR_QUEUEING_REPLICATIONS and MAMAR_QUEUEING_SCALE override the two.
double env_or(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atof(v) : fallback;
}
const int kReplications =
    static_cast<int>(env_or("MAMAR_QUEUEING_REPLICATIONS", kDefaultReplications));
const double kCustomerScale = env_or("MAMAR_QUEUEING_SCALE", kDefaultCustomerScale);

enum class Service { Exponential, Fixed };
enum class Fleet { PrivateCars, Shuttle };
constexpr int kShuttleCars = 400;

struct Case {
  int lanes = 1;
  Service service = Service::Exponential;
  double rho = 0.5;
  double customers = 0;    // expected customers per replication after the warmup (before scaling)
  std::uint64_t seed = 1;  // one seed per case: see run_all()
};

std::string queue_name(const Case& c) {
  return fmt::format("M/{}/{}", c.service == Service::Exponential ? "M" : "D", c.lanes);
}

// --- theory ----------------------------------------------------------------------------------

/// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a < c.
double erlang_c(int c, double a) {
  double term = 1;  // a^k / k!
  double sum = 1;   // k = 0
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  term *= a / c;  // a^c / c!
  const double top = term / (1 - a / c);
  return top / (sum + top);
}

/// Mean wait before service, in minutes, for arrival rate lambda and service rate mu (per min).
double analytic_wq(const Case& c, double lambda, double mu) {
  if (c.service == Service::Fixed) {
    // Pollaczek-Khinchine with zero service variance (M/D/1; this file only uses c = 1).
    const double rho = lambda / mu;
    return rho / (2 * mu * (1 - rho));
  }
  return erlang_c(c.lanes, lambda / mu) / (c.lanes * mu - lambda);
}

// --- the scenario ----------------------------------------------------------------------------

std::string scenario_text(int people, double horizon_min, int lanes, Service service,
                          Fleet fleet = Fleet::Shuttle) {
  const std::string inspection = service == Service::Exponential
                                     ? fmt::format("{{exponential: {} min}}", kServiceMin)
                                     : fmt::format("{} min", kServiceMin);
  const bool shuttle = fleet == Fleet::Shuttle;
  return fmt::format(R"(mamar: 1
scenario: {{id: queueing, name: {{en: One checkpoint fed by a Poisson stream}}}}
parties:
  - {{id: army, name: {{en: Army}}, role: besieging}}
categories:
  - {{id: people, name: {{en: People}}}}
places:
  - {{id: town, kind: origin, name: {{en: Town}}}}
  - {{id: square, kind: gathering_point, name: {{en: Square}}, boarding_time: 0}}
  - {{id: bridge, kind: checkpoint, name: {{en: Bridge}}, party: army, lanes: {lanes}, inspection: {inspection}}}
  - {{id: camp, kind: destination, name: {{en: Camp}}, unloading_time: 0}}
routes:
  - id: out
    legs:
      - {{from: square, to: bridge, time: 0}}
      - {{from: bridge, to: camp, time: {leg2}}}
  - id: back
    legs:
      - {{from: camp, to: square, time: 0}}
vehicle_types:
  - {{id: car, name: {{en: Car}}, seats: 1, private: {private}}}
operations:
  - id: op
    name: {{en: Op}}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    return_route: back
    population:
      - {{category: people, people: {people}, household_size: 1, arrival: {{uniform: [0 min, {horizon} min]}}}}
    fleet:
      - {{type: car, count: {cars}}}
agreement:
  start: 2030-01-01T00:00Z
  convoy: {{min_vehicles: 1, max_vehicles: 1}}
)",
                     fmt::arg("people", people), fmt::arg("lanes", lanes),
                     fmt::arg("inspection", inspection), fmt::arg("horizon", horizon_min),
                     fmt::arg("leg2", shuttle ? "0" : "5 min"),
                     fmt::arg("private", shuttle ? "false" : "true"),
                     fmt::arg("cars", shuttle ? kShuttleCars : people));
}

model::Scenario load(const std::string& text) {
  auto r = model::load_scenario_text(text, "queueing.yaml");
  if (!r.scenario) {
    std::string why;
    for (const auto& d : r.diagnostics.items())
      why += format_diagnostic(d, model::model_catalog(), Language::English) + "\n";
    throw std::runtime_error("queueing scenario does not load:\n" + why + text);
  }
  return *r.scenario;
}

/// Probability that an arrival waits before service (by PASTA, that all lanes are busy): Erlang C
/// for M/M/c, rho for M/D/1 (any M/G/1: the server is busy a share rho of the time).
double analytic_p_wait(const Case& c, double lambda, double mu) {
  if (c.service == Service::Fixed) return lambda / mu;  // this file only uses c = 1 for M/D
  return erlang_c(c.lanes, lambda / mu);
}

/// A replication, and the share of the vehicles inspected after the warmup that waited for a
/// lane (read from its event trace: "waited 0 s, ..." for those that did not).
struct Run {
  ReplicationResult result;
  double share_waited = 0;
  // Inspections started in the order the cars came, every one: the theory's figures hold for any
  // order of service that does not interrupt one, so the order is checked on its own.
  bool first_come_first_served = false;
};

/// Runs replications 0..n-1 on every core; results by replication index (deterministic).
///
/// Each case has its own seed. The engine draws from named streams (common random numbers), so
/// cases run with one seed would share their uniforms: replications that happen to be lucky
/// for one case would be lucky for all, and a chance deviation would show in every case at once.
/// Distinct seeds make the cases independent checks.
std::vector<Run> run_all(const Engine& engine, std::uint64_t seed, int n, Duration warmup) {
  std::vector<Run> out(static_cast<std::size_t>(n));
  std::atomic<int> next{0};
  auto work = [&] {
    for (int i = next++; i < n; i = next++) {
      std::int64_t inspected = 0;
      std::int64_t waited = 0;
      Run& run = out[static_cast<std::size_t>(i)];
      // Loaded cars (convoys of one) in the order they reached the line, and each one's start of
      // inspection (its row's time, when it is through, less the inspection's length).
      std::vector<std::int64_t> came;
      std::vector<std::pair<std::int64_t, std::int64_t>> started;  // ms, convoy
      run.result = engine.run(seed, static_cast<std::uint64_t>(i), [&](const TraceRecord& t) {
        if (t.people == 0) return;
        if (t.event == "checkpoint") came.push_back(t.convoy);
        if (t.event != "inspected") return;
        // The trace writes the length as a scenario's durations are written.
        const auto length = parse_duration(t.detail.substr(t.detail.find("inspected for ") + 14));
        ASSERT_TRUE(length.has_value()) << t.detail;
        started.emplace_back((t.time - *length).count_ms(), t.convoy);
        if (t.time < warmup) return;
        ++inspected;
        waited += t.detail.starts_with("waited 0 s,") ? 0 : 1;
      });
      run.share_waited = static_cast<double>(waited) / static_cast<double>(inspected);
      // Started in the order they came: by start, those that started in the same millisecond
      // (two lanes free at once) in the order they came.
      std::map<std::int64_t, std::size_t> place_in_line;
      for (std::size_t k = 0; k < came.size(); ++k) place_in_line[came[k]] = k;
      std::sort(started.begin(), started.end(), [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first
                                  : place_in_line[a.second] < place_in_line[b.second];
      });
      std::vector<std::int64_t> inspected_in;
      inspected_in.reserve(started.size());
      for (const auto& [ms, convoy] : started) inspected_in.push_back(convoy);
      run.first_come_first_served = came == inspected_in;
    }
  };
  const unsigned threads =
      std::clamp(std::thread::hardware_concurrency(), 1u, static_cast<unsigned>(n));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

struct Interval {
  double mean = 0;
  double half95 = 0;     // per-check 95%
  double half_gate = 0;  // simultaneous 95% over every check of the binary
  bool holds95(double x) const { return std::abs(x - mean) <= half95; }
  bool holds_gate(double x) const { return std::abs(x - mean) <= half_gate; }
};

Interval interval(const std::vector<double>& v) {
  const auto n = static_cast<double>(v.size());
  double mean = 0;
  for (double x : v) mean += x;
  mean /= n;
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  const double se = std::sqrt(ss / (n - 1) / n);
  const double alpha_gate = 0.05 / (kCases * kChecksPerCase);
  return {mean, student_t_quantile(0.975, n - 1) * se,
          student_t_quantile(1 - alpha_gate / 2, n - 1) * se};
}

void check_case(const Case& c) {
  const double mu = 1 / kServiceMin;                                            // per minute
  const double relax = 1 / (c.lanes * mu * std::pow(1 - std::sqrt(c.rho), 2));  // minutes
  const double warmup = std::ceil(kWarmupRelaxations * relax);
  const double lambda_target = c.rho * c.lanes * mu;
  const double span =
      std::ceil(c.customers * kCustomerScale / lambda_target);  // minutes after warmup
  const double t_end = warmup + span;
  const int people = static_cast<int>(std::lround(lambda_target * t_end));
  const double lambda = people / t_end;  // the rate actually simulated
  const double rho = lambda / (c.lanes * mu);

  model::Scenario s = load(scenario_text(people, t_end, c.lanes, c.service));
  RunOptions o;
  o.stochastic_risks = false;
  o.warmup = Duration::minutes(warmup);
  o.horizon = Duration::minutes(t_end) + Duration::days(30);
  o.curve_step = o.horizon;  // two curve samples: they cost nothing here
  Engine engine(s, o);
  const std::uint64_t seed = c.seed + kSeedOffset;
  const auto runs = run_all(engine, seed, kReplications, o.warmup);

  std::vector<double> wq, lq, p_wait;
  for (const auto& run : runs) {
    const ReplicationResult& r = run.result;
    p_wait.push_back(run.share_waited);
    EXPECT_TRUE(run.first_come_first_served) << "replication " << r.replication;
    ASSERT_EQ(r.checkpoints.size(), 1u);
    ASSERT_EQ(r.operations[0].arrived, people) << "everyone must get through";
    // A household that waited for a car would break the reduction (the shuttle ran short).
    ASSERT_EQ(r.operations[0].wait_person_hours, 0) << "replication " << r.replication;
    const CheckpointResult& cp = r.checkpoints[0];
    wq.push_back(cp.mean_wait_min);
    lq.push_back(cp.mean_queue);
    // Little's law inside one replication, as a bookkeeping identity: the queue area after the
    // warmup is the waits of the vehicles counted, plus the rest of the wait of those that
    // queued before the warmup. The latter is a small share of the whole.
    const double area = cp.mean_queue * (r.end_h * 60 - warmup);
    const double waits = cp.mean_wait_min * static_cast<double>(cp.vehicles);
    EXPECT_NEAR(area, waits, 0.01 * waits + 10 * kServiceMin) << "replication " << r.replication;
  }
  const double wq_theory = analytic_wq(c, lambda, mu);
  const double lq_theory = lambda * wq_theory;
  const double p_theory = analytic_p_wait(c, lambda, mu);
  const Interval w = interval(wq);
  const Interval l = interval(lq);
  const Interval pw = interval(p_wait);
  auto line = [&](const char* what, double theory, const Interval& iv, const char* unit) {
    return fmt::format(
        "{} rho={:.3f} {}: theory {:.4f} {} | simulated {:.4f} 95% CI [{:.4f}, {:.4f}] ({}) | "
        "simultaneous CI "
        "[{:.4f}, {:.4f}] | rel. error {:+.2f}% (CI half-width {:.2f}%)",
        queue_name(c), rho, what, theory, unit, iv.mean, iv.mean - iv.half95, iv.mean + iv.half95,
        iv.holds95(theory) ? "holds theory" : "MISSES theory", iv.mean - iv.half_gate,
        iv.mean + iv.half_gate, 100 * (iv.mean - theory) / theory, 100 * iv.half95 / theory);
  };
  // Lq is printed, not checked against theory: with the queue's area equal to the waits in each
  // replication (above), it is lambda x Wq again, no second check. The probability of waiting
  // is: it depends on how often every lane is busy, not on how long the waits are.
  fmt::print(
      "{}\n{}\n{}\n   R={} replications, seed {}, {} people over {:.0f} min, warmup {:.0f} "
      "min, ~{:.0f} vehicles counted per replication\n",
      line("Wq", wq_theory, w, "min"), line("P(W>0)", p_theory, pw, ""),
      line("Lq", lq_theory, l, "veh"), kReplications, seed, people, t_end, warmup, lambda * span);
  EXPECT_TRUE(w.holds_gate(wq_theory)) << line("Wq", wq_theory, w, "min");
  EXPECT_TRUE(pw.holds_gate(p_theory)) << line("P(W>0)", p_theory, pw, "");
}

// Expected customers counted per replication (fast variant), chosen so that every interval is a
// few percent wide: the variance of a mean wait grows like 1 / (1 - rho)^4 near saturation.
TEST(MAMAR_QUEUEING_SUITE, MM1_rho050) {
  check_case({1, Service::Exponential, 0.5, 8000, 1});
}
TEST(MAMAR_QUEUEING_SUITE, MM1_rho070) {
  check_case({1, Service::Exponential, 0.7, 15000, 2});
}
TEST(MAMAR_QUEUEING_SUITE, MM1_rho090) {
  check_case({1, Service::Exponential, 0.9, 60000, 3});
}
TEST(MAMAR_QUEUEING_SUITE, MM2_rho060) {
  check_case({2, Service::Exponential, 0.6, 10000, 4});
}
TEST(MAMAR_QUEUEING_SUITE, MM2_rho085) {
  check_case({2, Service::Exponential, 0.85, 30000, 5});
}
TEST(MAMAR_QUEUEING_SUITE, MM3_rho060) {
  check_case({3, Service::Exponential, 0.6, 10000, 6});
}
TEST(MAMAR_QUEUEING_SUITE, MM3_rho085) {
  check_case({3, Service::Exponential, 0.85, 30000, 7});
}
TEST(MAMAR_QUEUEING_SUITE, MD1_rho050) {
  check_case({1, Service::Fixed, 0.5, 6000, 8});
}
TEST(MAMAR_QUEUEING_SUITE, MD1_rho080) {
  check_case({1, Service::Fixed, 0.8, 20000, 9});
}

#ifndef MAMAR_QUEUEING_SLOW
// The reduction itself: with boarding time 0, a free car per household, convoys of one and a
// first leg of time 0, every car reaches the checkpoint the instant its household reaches the
// gathering point, and alone. Checked on the event trace of one replication, for both fleets.
TEST(Queueing, ReductionAddsNoDelay) {
  const int people = 2000;
  for (Fleet fleet : {Fleet::PrivateCars, Fleet::Shuttle}) {
    SCOPED_TRACE(fleet == Fleet::Shuttle ? "shuttle" : "private cars");
    model::Scenario s = load(scenario_text(people, 2000 * 12.0, 1, Service::Exponential, fleet));
    RunOptions o;
    o.stochastic_risks = false;
    o.horizon = Duration::days(60);
    o.curve_step = o.horizon;
    Engine engine(s, o);
    std::vector<std::int64_t> arrivals, at_checkpoint;
    std::map<std::int64_t, std::int64_t> departures;  // convoy -> people
    ReplicationResult r = engine.run(1, 0, [&](const TraceRecord& t) {
      if (t.event == "arrival") arrivals.push_back(t.time.count_ms());
      if (t.event == "checkpoint" && t.people > 0) at_checkpoint.push_back(t.time.count_ms());
      if (t.event == "checkpoint") {
        EXPECT_LE(t.people, 1) << "a convoy of one car with one person at most";
      }
      if (t.event == "depart") departures[t.convoy] += t.people;
    });
    EXPECT_EQ(r.operations[0].arrived, people);
    EXPECT_EQ(r.operations[0].convoys, people);
    EXPECT_EQ(r.operations[0].trips, people);
    EXPECT_EQ(departures.size(), static_cast<std::size_t>(people));
    ASSERT_EQ(arrivals.size(), at_checkpoint.size());
    std::sort(arrivals.begin(), arrivals.end());
    std::sort(at_checkpoint.begin(), at_checkpoint.end());
    EXPECT_EQ(arrivals, at_checkpoint) << "boarding or convoy forming added a delay";
    EXPECT_DOUBLE_EQ(r.operations[0].wait_person_hours, 0) << "nobody waits at the gathering point";
  }
}
#endif

}  // namespace
}  // namespace mamar::sim
