// Behaviour of the engine on shipped and small scenarios. Built with MAMAR_INVARIANTS in the test
// build, so every event also checks conservation of people and boarding counts.
#include "mamar/sim/engine.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mamar/model/load.hpp"

namespace mamar::sim {
namespace {

model::Scenario load_file(const std::string& relative) {
  auto r = model::load_scenario_file(std::filesystem::path(MAMAR_SOURCE_DIR) / relative);
  if (!r.scenario) throw std::runtime_error("cannot load " + relative);
  return *r.scenario;
}

model::Scenario load_text(const std::string& text) {
  auto r = model::load_scenario_text(text, "test.yaml");
  if (!r.scenario) {
    std::string all;
    for (const auto& d : r.diagnostics.items())
      all += format_diagnostic(d, model::model_catalog(), Language::English) + "\n";
    throw std::runtime_error(all);
  }
  return *r.scenario;
}

RunOptions options_for(const model::Scenario& s) {
  RunOptions o;
  o.horizon = s.simulation.horizon;
  return o;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

class ShippedScenario : public ::testing::TestWithParam<const char*> {};

TEST_P(ShippedScenario, EveryoneIsAccountedFor) {
  model::Scenario s = load_file(GetParam());
  // Also stopped at 10 h, with people aboard, on the road and waiting.
  RunOptions stopped = options_for(s);
  stopped.horizon = Duration::hours(10);
  const Engine full(s, options_for(s));
  const Engine early(s, stopped);
  for (std::uint64_t rep = 0; rep < 6; ++rep) {
    ReplicationResult r = (rep % 2 == 0 ? full : early).run(7, rep / 2);
    for (const auto& op : r.operations) {
      EXPECT_EQ(op.arrived + op.removed + op.killed + op.not_cleared, op.leaving);
      std::int64_t left = 0;
      for (auto n : op.left_by_reason) left += n;
      EXPECT_EQ(left, op.not_cleared) << "everyone not out is held by one reason";
      std::int64_t by_category = 0;
      for (std::size_t c = 0; c < op.category_not_cleared.size(); ++c) {
        EXPECT_GE(op.category_not_cleared[c], 0);
        EXPECT_LE(op.category_not_cleared[c], op.category_leaving[c]);
        by_category += op.category_not_cleared[c];
      }
      EXPECT_EQ(by_category, op.not_cleared) << "everyone not out is of one category";
      // And by category and reason: each category's reasons add up to its people not out, each
      // reason's categories to the operation's people held by it.
      ASSERT_EQ(op.category_left_by_reason.size(), op.category_not_cleared.size());
      std::array<std::int64_t, kLeftReasons> reasons{};
      for (std::size_t c = 0; c < op.category_not_cleared.size(); ++c) {
        std::int64_t of_category = 0;
        for (std::size_t k = 0; k < kLeftReasons; ++k) {
          EXPECT_GE(op.category_left_by_reason[c][k], 0);
          of_category += op.category_left_by_reason[c][k];
          reasons[k] += op.category_left_by_reason[c][k];
        }
        EXPECT_EQ(of_category, op.category_not_cleared[c]) << "category " << c;
      }
      EXPECT_EQ(reasons, op.left_by_reason);
      EXPECT_LE(op.sheltered, op.arrived);
      EXPECT_GE(op.utilisation, 0.0);
      EXPECT_LE(op.utilisation, 1.0 + 1e-9);
      for (std::size_t k = 0; k < op.out.size(); ++k) {
        EXPECT_NEAR(op.inside[k] + op.in_transit[k] + op.out[k], static_cast<double>(op.leaving),
                    1e-6);
        if (k > 0) {
          EXPECT_GE(op.out[k], op.out[k - 1]) << "settled people never come back";
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(All, ShippedScenario,
                         ::testing::Values("scenarios/examples/01-minimal.yaml",
                                           "scenarios/examples/02-checkpoint-and-phases.yaml",
                                           "scenarios/examples/03-linked-operations.yaml",
                                           "scenarios/examples/04-risks-and-history.yaml",
                                           "scenarios/aleppo-2016.yaml",
                                           "scenarios/sheikh-maqsoud-2026.yaml"));

// A shipped scenario with each of `edits` (text, replacement) made once.
// `text` (named `what` in errors) with each of `edits` (text, replacement) made once.
std::string edited(std::string text, const std::vector<std::pair<std::string, std::string>>& edits,
                   const std::string& what) {
  for (const auto& [from, to] : edits) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error(fmt::format("not in {}: {}", what, from));
    text.replace(at, from.size(), to);
  }
  return text;
}

model::Scenario load_edited(const std::string& relative,
                            const std::vector<std::pair<std::string, std::string>>& edits) {
  std::ifstream in(std::filesystem::path(MAMAR_SOURCE_DIR) / relative);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return load_text(edited(std::move(text), edits, relative));
}

void expect_same_clearance(const Clearance& a, const Clearance& b, const std::string& what) {
  auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
  EXPECT_TRUE(same(a.t90_h, b.t90_h)) << what << ": " << a.t90_h << " vs " << b.t90_h;
  EXPECT_TRUE(same(a.t100_h, b.t100_h)) << what << ": " << a.t100_h << " vs " << b.t100_h;
}

// Households of a fixed size that all come at a fixed time are held as runs of identical
// households, taken from in part or whole (engine.cpp, Household). Written as a one-row table,
// the same sizes and times are drawn household by household (a table is not a fixed
// distribution). Both must give the same replications: the same boardings, convoys and outcomes
// under phase quotas, linkage caps, removals, fire, vehicle loss and turn-backs. Only the sums of
// person-hours may differ in their last bits (added once per run instead of once per household).
TEST(Engine, RunsOfIdenticalHouseholdsGoAsTheHouseholdsOneByOne) {
  struct Case {
    const char* file;
    std::vector<std::pair<std::string, std::string>> runs, one_by_one;
  };
  const std::vector<Case> cases = {
      // Risks and scheduled events of every kind; 2,000 civilians in households of 3 (and one of
      // 2) and 300 fighters, each group coming at once.
      {"scenarios/examples/04-risks-and-history.yaml",
       {{"household_size: {empirical: [[1, 15], [3, 30], [5, 40], [7, 15]]}", "household_size: 3"},
        {"arrival: {empirical: {cdf: [[0 h, 0], [6 h, 0.5], [24 h, 1]]}}", "arrival: 2 h"},
        {"arrival: {uniform: [12 h, 36 h]}", "arrival: 12 h"}},
       {{"household_size: {empirical: [[1, 15], [3, 30], [5, 40], [7, 15]]}",
         "household_size: {empirical: [[3, 1]]}"},
        {"arrival: {empirical: {cdf: [[0 h, 0], [6 h, 0.5], [24 h, 1]]}}",
         "arrival: {empirical: [[2 h, 1]]}"},
        {"arrival: {uniform: [12 h, 36 h]}", "arrival: {empirical: [[12 h, 1]]}"}}},
      // A phase with a quota (150 of the 200 wounded, here without stretcher patients and all
      // coming at 1 h), the rest in the next phase.
      {"scenarios/examples/02-checkpoint-and-phases.yaml",
       {{"stretcher: 40%", "stretcher: 0%"},
        {"arrival: {uniform: [0 h, 4 h]}", "arrival: 1 h"},
        {"household_size: {empirical: [[1, 20], [3, 30], [5, 35], [7, 15]]}", "household_size: 5"},
        {"arrival: {exponential: 3 h}", "arrival: 30 min"}},
       {{"stretcher: 40%", "stretcher: 0%"},
        {"arrival: {uniform: [0 h, 4 h]}",
         "arrival: {empirical: [[1 h, 1]]}\n        household_size: {empirical: [[1, 1]]}"},
        {"household_size: {empirical: [[1, 20], [3, 30], [5, 35], [7, 15]]}",
         "household_size: {empirical: [[5, 1]]}"},
        {"arrival: {exponential: 3 h}", "arrival: {empirical: [[30 min, 1]]}"}}},
      // Two operations tied by a ratio and by tranches: caps stop boarding inside a run.
      {"scenarios/examples/03-linked-operations.yaml",
       {{"household_size: {empirical: [[2, 40], [4, 40], [6, 20]]}", "household_size: 4"},
        {"household_size: {empirical: [[2, 40], [4, 40], [6, 20]]}", "household_size: 3"}},
       {{"household_size: {empirical: [[2, 40], [4, 40], [6, 20]]}",
         "household_size: {empirical: [[4, 1]]}"},
        {"household_size: {empirical: [[2, 40], [4, 40], [6, 20]]}",
         "household_size: {empirical: [[3, 1]]}"}}},
  };
  for (const auto& c : cases) {
    const model::Scenario a = load_edited(c.file, c.runs);
    const model::Scenario b = load_edited(c.file, c.one_by_one);
    const Engine runs(a, options_for(a));
    const Engine one_by_one(b, options_for(b));
    std::int64_t removed = 0;
    std::int64_t killed = 0;
    std::int64_t lost = 0;
    for (std::uint64_t rep = 0; rep < 30; ++rep) {
      const ReplicationResult x = runs.run(5, rep);
      const ReplicationResult y = one_by_one.run(5, rep);
      const std::string what = std::string(c.file) + " replication " + std::to_string(rep);
      EXPECT_EQ(x.events, y.events) << what;
      EXPECT_EQ(x.end_h, y.end_h) << what;
      expect_same_clearance(x.clearance, y.clearance, what);
      ASSERT_EQ(x.operations.size(), y.operations.size());
      for (std::size_t o = 0; o < x.operations.size(); ++o) {
        const OperationResult& p = x.operations[o];
        const OperationResult& q = y.operations[o];
        EXPECT_EQ(p.arrived, q.arrived) << what;
        EXPECT_EQ(p.sheltered, q.sheltered) << what;
        EXPECT_EQ(p.removed, q.removed) << what;
        EXPECT_EQ(p.killed, q.killed) << what;
        EXPECT_EQ(p.injured, q.injured) << what;
        EXPECT_EQ(p.turned_back, q.turned_back) << what;
        EXPECT_EQ(p.not_cleared, q.not_cleared) << what;
        EXPECT_EQ(p.left_by_reason, q.left_by_reason) << what;
        EXPECT_EQ(p.category_not_cleared, q.category_not_cleared) << what;
        EXPECT_EQ(p.convoys, q.convoys) << what;
        EXPECT_EQ(p.trips, q.trips) << what;
        EXPECT_EQ(p.vehicles_lost, q.vehicles_lost) << what;
        EXPECT_EQ(p.out, q.out) << what;
        EXPECT_EQ(p.inside, q.inside) << what;
        expect_same_clearance(p.clearance, q.clearance, what);
        ASSERT_EQ(p.phases.size(), q.phases.size());
        for (std::size_t k = 0; k < p.phases.size(); ++k)
          expect_same_clearance(p.phases[k], q.phases[k], what + " phase");
        EXPECT_NEAR(p.wait_person_hours, q.wait_person_hours, 1e-9 * q.wait_person_hours) << what;
        EXPECT_EQ(p.held_person_hours, q.held_person_hours) << what;
        removed += p.removed;
        killed += p.killed;
        lost += p.vehicles_lost;
      }
    }
    if (std::string(c.file).find("04-") != std::string::npos) {
      // The road took people off runs one by one: the test saw what it is about.
      EXPECT_GT(removed, 0);
      EXPECT_GT(killed, 0);
      EXPECT_GT(lost, 0);
    }
  }
}

TEST(Engine, ReplicationDependsOnlyOnSeedAndIndex) {
  model::Scenario s = load_file("scenarios/aleppo-2016.yaml");
  Engine e(s, options_for(s));
  ReplicationResult a = e.run(3, 5);
  (void)e.run(3, 4);  // another replication in between changes nothing
  ReplicationResult b = e.run(3, 5);
  ReplicationResult c = e.run(3, 6);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(std::isnan(a.clearance.t100_h), std::isnan(b.clearance.t100_h));
  if (!std::isnan(a.clearance.t100_h)) {
    EXPECT_EQ(a.clearance.t100_h, b.clearance.t100_h);
  }
  EXPECT_EQ(a.operations[0].out, b.operations[0].out);
  EXPECT_NE(a.operations[0].out, c.operations[0].out);
}

TEST(Engine, RefusesAHorizonThatIsNotLongerThanZero) {
  model::Scenario s = load_file("scenarios/examples/01-minimal.yaml");
  RunOptions o = options_for(s);
  for (const Duration h : {Duration{}, Duration::hours(-3)}) {
    o.horizon = h;
    EXPECT_THROW(Engine(s, o), std::invalid_argument);
  }
  o.horizon = Duration::hours(1);
  EXPECT_NO_THROW(Engine(s, o));
}

// A traced replication wakes the operation at every arrival (so the trace shows each at its
// time) where an untraced one lets arrivals wait for the next event: the results must not differ,
// and the trace must come in time order. Every shipped scenario but Sheikh Maqsoud, whose four
// runs take most of a minute with the invariants checked at every event (they agree: tried in a
// build without them).
TEST(Engine, TracingChangesNoResult) {
  for (const char* file : {"scenarios/aleppo-2016.yaml", "scenarios/examples/01-minimal.yaml",
                           "scenarios/examples/02-checkpoint-and-phases.yaml",
                           "scenarios/examples/03-linked-operations.yaml",
                           "scenarios/examples/04-risks-and-history.yaml",
                           "scenarios/examples/05-what-if-more-ambulances.yaml"}) {
    model::Scenario s = load_file(file);
    Engine e(s, options_for(s));
    for (std::uint64_t rep = 0; rep < 2; ++rep) {
      std::vector<double> times;
      std::size_t arrivals = 0;
      TraceSink sink = [&](const TraceRecord& t) {
        times.push_back(t.time.to_hours());
        arrivals += t.event == "arrival" ? 1U : 0U;
      };
      const ReplicationResult plain = e.run(5, rep);
      const ReplicationResult traced = e.run(5, rep, sink);
      EXPECT_GT(arrivals, 0u) << file;
      EXPECT_TRUE(std::is_sorted(times.begin(), times.end())) << file;
      ASSERT_EQ(plain.operations.size(), traced.operations.size());
      for (std::size_t o = 0; o < plain.operations.size(); ++o) {
        const auto& a = plain.operations[o];
        const auto& b = traced.operations[o];
        EXPECT_EQ(a.arrived, b.arrived) << file;
        EXPECT_EQ(a.convoys, b.convoys) << file;
        EXPECT_EQ(a.trips, b.trips) << file;
        EXPECT_EQ(a.wait_person_hours, b.wait_person_hours) << file;
        expect_same_clearance(a.clearance, b.clearance, file);
        EXPECT_EQ(a.out, b.out) << file;
      }
    }
  }
}

// An untraced run gives households an Arrival event of their own only where they may change what
// boarding does; the others wait for the next event. A phase that opens before its category comes
// makes that category's arrivals matter from then: here `later` opens at 08:00 with nobody of it
// there yet, and each of its households, coming 09:00-14:00, must board as it comes (were its
// arrivals left planned as those of a closed category, they would all wait for the last of them).
TEST(Engine, APhaseOpenedBeforeItsPeopleComeBoardsThemAsTheyCome) {
  model::Scenario s = load_text(R"(mamar: 1
scenario: {id: late, name: {en: Late}}
categories: [{id: first, name: {en: First}}, {id: later, name: {en: Later}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 2, boarding_time: 10 s}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 5 s}
routes: [{id: out, legs: [{from: square, to: camp, time: 30 min}]}]
vehicle_types: [{id: car, name: {en: Car}, seats: 4}]
operations:
  - id: evac
    name: {en: Evac}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: first, people: 12, arrival: {uniform: [0 h, 1 h]}}
      - {category: later, people: 30, arrival: {uniform: [3 h, 8 h]}}
    fleet: [{type: car, count: 10}]
    phases:
      - {id: p1, name: {en: P1}, categories: [first]}
      - id: p2
        name: {en: P2}
        categories: [later]
        start: {not_before: "2030-01-01T08:00+02:00"}
agreement:
  start: "2030-01-01T06:00+02:00"
  convoy: {min_vehicles: 1, max_vehicles: 1}
simulation: {replications: 4, seed: 1, horizon: 2 d}
)");
  const Engine e(s, options_for(s));
  for (std::uint64_t rep = 0; rep < 4; ++rep) {
    std::size_t arrivals = 0;
    const ReplicationResult plain = e.run(3, rep);
    const ReplicationResult traced =
        e.run(3, rep, [&](const TraceRecord& t) { arrivals += t.event == "arrival" ? 1U : 0U; });
    EXPECT_EQ(arrivals, 42u);  // households of one: every arrival traced
    const auto& a = plain.operations[0];
    const auto& b = traced.operations[0];
    EXPECT_EQ(a.arrived, 42);
    EXPECT_EQ(a.wait_person_hours, b.wait_person_hours);
    expect_same_clearance(a.clearance, b.clearance, "late phase");
    // Each of `later` waits until a car of four is full or goes without them (convoy rules), a
    // quarter of an hour on average, not until the last of them has come (about 2.5 h on average).
    EXPECT_LT(a.category_exposure[1].waiting, 30 * 0.5) << rep;
  }
}

// A household that fits no vehicle goes in parts, each as large as one vehicle takes of what is
// left of it: a household of 10 with cars of 5 seats and an ambulance of 1 seat and 5 stretcher
// places goes as 5 and 5 (the ambulance, the larger vehicle counting its stretcher places, seats
// only 1 of them: taken as the measure, it cut the household into 1, 1, 1, 1, 1 and 5).
TEST(Engine, AHouseholdThatFitsNoVehicleGoesInPartsAsLargeAsAVehicleTakes) {
  auto scenario = [](const std::string& population, const std::string& types,
                     const std::string& fleet) {
    return load_text(fmt::format(R"(mamar: 1
scenario: {{id: parts, name: {{en: Parts}}}}
categories: [{{id: people, name: {{en: People}}}}]
places:
  - {{id: town, kind: origin, name: {{en: Town}}}}
  - {{id: square, kind: gathering_point, name: {{en: Square}}, bays: 3, boarding_time: 10 s}}
  - {{id: camp, kind: destination, name: {{en: Camp}}, unloading_time: 5 s}}
routes: [{{id: out, legs: [{{from: square, to: camp, time: 30 min}}]}}]
vehicle_types: {}
operations:
  - {{id: op, name: {{en: Op}}, origin: town, gathering_point: square, destination: camp,
     route: out, population: [{}], fleet: {}}}
agreement: {{start: 2030-01-01T00:00Z}}
)",
                                 types, population, fleet));
  };
  auto parts = [](const model::Scenario& s) {
    std::vector<std::int64_t> sizes;
    Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) {
      if (t.event == "arrival") sizes.push_back(t.people);
    });
    std::sort(sizes.begin(), sizes.end());
    return sizes;
  };
  const std::string types =
      "[{id: car, name: {en: Car}, seats: 5},"
      " {id: ambulance, name: {en: Ambulance}, seats: 1, stretchers: 5}]";
  const std::string fleet = "[{type: car, count: 2}, {type: ambulance, count: 1}]";
  EXPECT_EQ(parts(scenario("{category: people, people: 10, household_size: 10}", types, fleet)),
            (std::vector<std::int64_t>{5, 5}));
  // With stretcher patients, the part takes what one vehicle takes of seated people and patients
  // together: a household of 6, all on stretchers, with ambulances of 4 and of 2 places.
  const std::string ambulances =
      "[{id: large, name: {en: Large}, seats: 1, stretchers: 4},"
      " {id: small, name: {en: Small}, seats: 1, stretchers: 2}]";
  EXPECT_EQ(parts(scenario("{category: people, people: 6, household_size: 6, stretcher: 1}",
                           ambulances, "[{type: small, count: 1}, {type: large, count: 1}]")),
            (std::vector<std::int64_t>{2, 4}));
}

TEST(Engine, QueueOperationsAreThoseOfTheReplication) {
  model::Scenario s = load_file("scenarios/examples/04-risks-and-history.yaml");
  Engine e(s, options_for(s));
  const ReplicationResult r = e.run(2, 3);
  const std::vector<std::int64_t> ops = e.queue_operations(2, 3);
  const auto pops = static_cast<std::uint64_t>(std::count(ops.begin(), ops.end(), -1));
  EXPECT_EQ(pops, r.events);  // one pop per event handled
  std::size_t depth = 0;
  for (const std::int64_t op : ops) {
    if (op < 0) {
      ASSERT_GT(depth, 0u) << "a pop from an empty queue";
      --depth;
    } else {
      ++depth;
    }
  }
}

TEST(Engine, SmallScenarioClearsAsComputedByHand) {
  // 500 people present at the start, 5 buses of 50 loading side by side (5 bays), 30 s boarding
  // per person, 30 min each way, 10 s unloading per person: two identical rounds.
  model::Scenario s = load_text(R"(mamar: 1
scenario: {id: hand, name: {en: Hand}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 5, boarding_time: 30 s}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 10 s}
routes: [{id: out, legs: [{from: square, to: camp, time: 30 min}]}]
vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]
operations:
  - {id: op, name: {en: Op}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 500}], fleet: [{type: bus, count: 5}]}
agreement: {start: 2030-01-01T00:00Z}
)");
  Engine e(s, options_for(s));
  ReplicationResult r = e.run(1, 0);
  const auto& op = r.operations[0];
  EXPECT_EQ(op.arrived, 500);
  EXPECT_EQ(op.convoys, 2);
  EXPECT_EQ(op.trips, 10);
  // Per round: 25 min boarding, 30 min driving, 8 min 20 s unloading; 30 min back in between.
  const double expected = (2 * (25 + 30 + 50.0 / 6) + 30) / 60;
  EXPECT_NEAR(op.clearance.t100_h, expected, 1e-3);
  EXPECT_NEAR(op.clearance.t90_h, expected, 1e-3);
  // Everyone waits 25 min in the first round; the second round waits 25 + 30 + 8.33 + 30 + 25 min.
  EXPECT_NEAR(op.wait_person_hours, 250 * 25.0 / 60 + 250 * (25 + 30 + 50.0 / 6 + 30 + 25) / 60,
              1e-3);
}

// The hand-computed scenario with a square for 100 (`capacity`): the 250 left behind by the
// first round wait there, 150 of them beyond its capacity, until the buses are back to board
// them 25 + 30 + 8.33 + 30 min later. Nothing else changes: nobody is held back for it.
TEST(GatheringPointCapacity, PeopleBeyondItWaitOutsideIt) {
  const std::string scenario = R"(mamar: 1
scenario: {id: hand, name: {en: Hand}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 5, boarding_time: 30 s ROOM}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 10 s}
routes: [{id: out, legs: [{from: square, to: camp, time: 30 min}]}]
vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]
operations:
  - {id: op, name: {en: Op}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 500}], fleet: [{type: bus, count: 5}]}
agreement: {start: 2030-01-01T00:00Z}
)";
  auto with = [&](const std::string& room) {
    std::string text = scenario;
    text.replace(text.find("ROOM"), 4, room);
    const model::Scenario s = load_text(text);
    return Engine(s, options_for(s)).run(1, 0).operations[0];
  };
  const OperationResult limited = with(", capacity: 100");
  const OperationResult open = with(", capacity: 1000");
  EXPECT_NEAR(limited.outside_person_hours, 150 * (25 + 30 + 50.0 / 6 + 30) / 60, 1e-6);
  EXPECT_EQ(open.outside_person_hours, 0);
  EXPECT_EQ(limited.wait_person_hours, open.wait_person_hours);
  EXPECT_EQ(limited.clearance.t100_h, open.clearance.t100_h);
  EXPECT_EQ(with("").outside_person_hours, 0) << "no capacity, no limit";
  // The 500 are there at once from the start; more than 100 until the third bus of the second
  // round has boarded (see the trace below), 85 min and 500 s in.
  auto square = [&](const std::string& room) {
    std::string text = scenario;
    text.replace(text.find("ROOM"), 4, room);
    const model::Scenario s = load_text(text);
    const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
    EXPECT_EQ(r.gathering_points.size(), 1u);
    return r.gathering_points.at(0);
  };
  const GatheringPointResult small = square(", capacity: 100");
  EXPECT_EQ(small.place, 1);
  EXPECT_EQ(small.peak_waiting, 500);
  EXPECT_EQ(small.peak_at_h, 0);
  EXPECT_NEAR(small.over_capacity_h, (85 * 60 + 500) / 3600.0, 1e-9);
  EXPECT_EQ(square(", capacity: 500").over_capacity_h, 0) << "500 waiting is not over 500";
  EXPECT_EQ(square("").over_capacity_h, 0);
  EXPECT_EQ(square("").peak_waiting, 500);

  // The trace says when the square holds more than it can, and when no longer.
  std::string text = scenario;
  text.replace(text.find("ROOM"), 4, ", capacity: 100");
  const model::Scenario s = load_text(text);
  std::vector<TraceRecord> rows;
  Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) {
    if (t.event == "over-capacity" || t.event == "within-capacity") rows.push_back(t);
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].event, "over-capacity");
  EXPECT_EQ(rows[0].time, Duration{});
  EXPECT_EQ(rows[0].detail, "500 waiting, capacity 100");
  EXPECT_EQ(rows[0].place, 1);
  EXPECT_EQ(rows[1].event, "within-capacity");
  EXPECT_EQ(rows[1].time, Duration::seconds((25 + 30 + 30) * 60 + 500));
  // The buses back at once board one after the other: the third leaves 100, as many as it holds.
  EXPECT_EQ(rows[1].people, 100);
  EXPECT_EQ(rows[1].detail, "100 waiting, capacity 100");
}

// Two operations gather at one square. The first: 10 people at 0 h, 190 at 1 h 36 min, 100 at
// 4 h; the second: 10 at 0 h, 290 at 1 h 12 min, 10 at 6 h. While no vehicle can board them, an
// operation's arrivals after its first wake nothing (but the last of a category): the groups of
// 1 h 36 and 1 h 12 are both counted at the next event, the curves' sample at 2 h, the first
// operation's first. The 500 waiting were there from 1 h 36, not from 1 h 12. The first's five
// buses come at 3 h and take its 200 at once (boarding picks them as they take their bays) and
// are away until after 4 h; the second's bus comes the next day. With room for 450, the square
// is over it from 1 h 36 to 3 h (350 wait after 4 h, 310 from 6 h). With the buses at 5 h: 600
// from 4 h.
TEST(GatheringPointPeak, TheMostWaitingAtOnceOfEveryOperationThereAndWhen) {
  const std::string scenario = R"(mamar: 1
scenario: {id: peak, name: {en: Peak}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: other, kind: gathering_point, name: {en: Other}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 5, boarding_time: 30 s ROOM}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 10 s}
routes: [{id: out, legs: [{from: square, to: camp, time: 30 min}]}]
vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]
operations:
  - {id: a, name: {en: A}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 10, household_size: 10},
                  {category: people, people: 190, household_size: 5, arrival: 96 min},
                  {category: people, people: 100, household_size: 2, arrival: 4 h}],
     fleet: [{type: bus, count: 5, available: BUSES}]}
  - {id: b, name: {en: B}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 10, household_size: 10},
                  {category: people, people: 290, household_size: 5, arrival: 72 min},
                  {category: people, people: 10, household_size: 10, arrival: 6 h}],
     fleet: [{type: bus, count: 1, available: 2030-01-02T00:00Z}]}
agreement: {start: 2030-01-01T00:00Z}
)";
  auto run = [&](const std::string& room, const std::string& buses) {
    std::string text = scenario;
    text.replace(text.find("ROOM"), 4, room);
    text.replace(text.find("BUSES"), 5, buses);
    const model::Scenario s = load_text(text);
    return Engine(s, options_for(s)).run(1, 0);
  };
  const ReplicationResult r = run(", capacity: 450", "2030-01-01T03:00Z");
  ASSERT_EQ(r.gathering_points.size(), 1u) << "one entry for the square the two share; none "
                                              "for a gathering point of no operation";
  const GatheringPointResult& g = r.gathering_points[0];
  EXPECT_EQ(g.place, 2);
  EXPECT_EQ(g.peak_waiting, 500);
  EXPECT_NEAR(g.peak_at_h, 1.6, 1e-12);
  EXPECT_NEAR(g.over_capacity_h, 1.4, 1e-12);
  // Sampled every hour, once each instant's events have run: 20 at 0 and 1 h; 500 at 2 h; 300
  // at 3 h (the first's 200 aboard); at 4 h its 100 come and its fifth bus, empty at its bay,
  // takes 50 of them at once; at 5 h the buses back have taken the rest; the second's 10 come at
  // 6 h; its bus, from the next day, takes 50 a trip.
  ASSERT_GE(g.waiting.size(), 25u);
  const std::vector<double> first_hours(g.waiting.begin(), g.waiting.begin() + 8);
  EXPECT_EQ(first_hours, (std::vector<double>{20, 20, 500, 300, 350, 300, 310, 310}));
  EXPECT_EQ(g.waiting[23], 310);
  EXPECT_EQ(g.waiting[24], 260);
  const GatheringPointResult late = run("", "2030-01-01T05:00Z").gathering_points.at(0);
  EXPECT_EQ(late.peak_waiting, 600);
  EXPECT_NEAR(late.peak_at_h, 4, 1e-12);
  EXPECT_EQ(late.over_capacity_h, 0);
}

// People put back to wait make a peak too: the one bus leaves with the first 50 at 25 min, the
// other 50 come at 30 min, and at 45 min the bus is lost on the road: its 50 are back, 100 wait.
TEST(GatheringPointPeak, PeopleBackToWaitCount) {
  const model::Scenario s = load_text(R"(mamar: 1
scenario: {id: peak, name: {en: Peak}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, boarding_time: 30 s}
  - {id: camp, kind: destination, name: {en: Camp}}
routes: [{id: out, legs: [{from: square, to: camp, time: 1 h}]}]
vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]
operations:
  - {id: op, name: {en: Op}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 50}, {category: people, people: 50, arrival: 30 min}],
     fleet: [{type: bus, count: 1}]}
agreement: {start: 2030-01-01T00:00Z}
events:
  - {id: burned, kind: vehicle_loss, route: out, time: 2030-01-01T00:45Z, vehicles: 1}
)");
  const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
  EXPECT_EQ(r.operations[0].vehicles_lost, 1);
  const GatheringPointResult& g = r.gathering_points.at(0);
  EXPECT_EQ(g.peak_waiting, 100);
  EXPECT_NEAR(g.peak_at_h, 0.75, 1e-12);
}

// Through every risk of example 04 (turn-backs and vehicle losses bring people back to wait
// again), with the invariants on in the test build (the log of those waiting adds up): a
// capacity changes no result but the waiting counted beyond it, which is part of the waiting.
TEST(GatheringPointCapacity, ChangesNothingButWhereTheCrowdWaits) {
  model::Scenario s = load_file("scenarios/examples/04-risks-and-history.yaml");
  const Engine open(s, options_for(s));
  s.places[s.operations[0].gathering_point.idx()].capacity = 200;
  const Engine limited(s, options_for(s));
  double outside = 0;
  std::int64_t turned_back = 0;
  for (std::uint64_t i = 0; i < 20; ++i) {
    const OperationResult a = open.run(3, i).operations[0];
    const OperationResult b = limited.run(3, i).operations[0];
    EXPECT_EQ(a.arrived, b.arrived) << i;
    EXPECT_EQ(a.clearance.t100_h, b.clearance.t100_h) << i;
    EXPECT_EQ(a.wait_person_hours, b.wait_person_hours) << i;
    EXPECT_EQ(a.outside_person_hours, 0) << i;
    EXPECT_GE(b.outside_person_hours, 0) << i;
    EXPECT_LE(b.outside_person_hours, b.wait_person_hours) << i;
    outside += b.outside_person_hours;
    turned_back += b.turned_back;
  }
  EXPECT_GT(outside, 0);
  EXPECT_GT(turned_back, 0) << "people back to wait again, counted in";
}

// Two operations gathering at one square for 100 share what is beyond it by their people
// waiting: 150 and 100 wait after the first round (3 and 2 buses), 250 in all, 150 too many.
TEST(GatheringPointCapacity, OperationsGatheringTogetherShareWhatIsBeyondIt) {
  const model::Scenario s = load_text(R"(mamar: 1
scenario: {id: hand, name: {en: Hand}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 5, boarding_time: 30 s,
     capacity: 100}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 10 s}
routes: [{id: out, legs: [{from: square, to: camp, time: 30 min}]}]
vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]
operations:
  - {id: a, name: {en: A}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 300}], fleet: [{type: bus, count: 3}]}
  - {id: b, name: {en: B}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 200}], fleet: [{type: bus, count: 2}]}
agreement: {start: 2030-01-01T00:00Z}
)");
  const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
  const double hours = (25 + 30 + 50.0 / 6 + 30) / 60;
  EXPECT_NEAR(r.operations[0].outside_person_hours, 150.0 * 150 / 250 * hours, 1e-6);
  EXPECT_NEAR(r.operations[1].outside_person_hours, 150.0 * 100 / 250 * hours, 1e-6);
}

// The hand-computed scenario above, a checkpoint half-way (a fixed 2 min per vehicle) and
// EVENTS appended.
const char* const kHandWithCheckpoint = R"(mamar: 1
scenario: {id: hand, name: {en: Hand}}
parties: [{id: side, name: {en: Side}, role: besieging}]
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 5, boarding_time: 30 s}
  - {id: gate, kind: checkpoint, name: {en: Gate}, party: side, lanes: 5, inspection: 2 min}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 10 s}
routes:
  - {id: out, legs: [{from: square, to: gate, time: 15 min}, {from: gate, to: camp, time: 15 min}]}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]
operations:
  - {id: op, name: {en: Op}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 500}], fleet: [{type: bus, count: 5}]}
agreement: {start: 2030-01-01T00:00Z, convoy: {min_vehicles: 5}}
)";

// Replication 0 of seed 1, with the trace records of one kind of event.
struct Traced {
  ReplicationResult result;
  std::vector<TraceRecord> records;
};
Traced run_traced(const Engine& e, std::string_view event) {
  Traced out;
  out.result = e.run(1, 0, [&](const TraceRecord& t) {
    if (t.event == event) out.records.push_back(t);
  });
  return out;
}

// The time of the first `event` in replication 0 of scenario `text` (the hand-computed one, 500
// people, all arriving) with one scheduled event appended (`item`, a YAML flow mapping); -1 h if
// there is none.
Duration first_time(const std::string& text, const std::string& item, std::string_view event) {
  model::Scenario s = load_text(text + "events:\n  - " + item + "\n");
  const Traced t = run_traced(Engine(s, options_for(s)), event);
  EXPECT_EQ(t.result.operations[0].arrived, 500) << item;
  return t.records.empty() ? Duration::hours(-1) : t.records[0].time;
}

// The trace says who boarded and who got off, by category and phase, with the convoy a vehicle
// unloads, returns or is lost from; and how long a hold lasts, to the second (it was cut to the
// minute: a hold of 10 min 54 s read "10 min").
TEST(Trace, WhoBoardedAndGotOffAndHowLongAHoldLasts) {
  model::Scenario s = load_text(std::string(kHandWithCheckpoint) + R"(risks:
  - {id: hh, kind: hold, place: gate, probability: 1, duration: 10 min 54 s}
)");
  std::vector<TraceRecord> rows;
  Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) { rows.push_back(t); });
  std::size_t boarding = 0, unloaded = 0, held = 0, returned = 0;
  for (const auto& r : rows) {
    if (r.event == "boarding") {
      ++boarding;
      EXPECT_EQ(r.detail, fmt::format("people/all {}", r.people));  // the operation's one phase
    } else if (r.event == "unloaded") {
      ++unloaded;
      EXPECT_EQ(r.detail, "people/all 50");
      EXPECT_GE(r.convoy, 0);
    } else if (r.event == "returned") {
      ++returned;
      EXPECT_GE(r.convoy, 0);
    } else if (r.event == "held") {
      ++held;
      EXPECT_EQ(r.detail, "10 min 54 s");
    }
  }
  EXPECT_GT(boarding, 0u);
  EXPECT_EQ(unloaded, 10u);  // 500 people, 50 a bus
  EXPECT_EQ(held, 2u);       // two convoys of five
  EXPECT_GT(returned, 0u);

  // With phases: "CATEGORY/PHASE N", adding up to the people of the row.
  model::Scenario phased = load_file("scenarios/examples/02-checkpoint-and-phases.yaml");
  std::size_t checked = 0;
  Engine(phased, options_for(phased)).run(1, 0, [&](const TraceRecord& t) {
    if (t.event != "boarding" && t.event != "unloaded") return;
    std::int64_t sum = 0;
    std::size_t start = 0;
    while (start < t.detail.size()) {
      const std::size_t end = std::min(t.detail.find(", ", start), t.detail.size());
      const std::string part = t.detail.substr(start, end - start);
      EXPECT_NE(part.find('/'), std::string::npos) << t.detail;
      sum += std::stoll(part.substr(part.rfind(' ') + 1));
      start = end + 2;
    }
    EXPECT_EQ(sum, t.people) << t.event << " " << t.detail;
    ++checked;
  });
  EXPECT_GT(checked, 0u);
}

// A departure names the vehicles of its convoy (their numbers in its other rows); a removal, who
// it took off; a linkage that binds from the start has its row at 0 h (it had none).
TEST(Trace, ADepartureNamesItsVehiclesAndARemovalWhoItTook) {
  model::Scenario s = load_text(std::string(kHandWithCheckpoint) + R"(risks:
  - {id: rm, kind: removal, place: gate, probability: 1, categories: [people], share: 10%}
)");
  std::vector<TraceRecord> rows;
  Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) { rows.push_back(t); });
  std::map<std::int64_t, std::set<std::int64_t>> unloading;  // by convoy, its vehicles unloading
  for (const auto& r : rows) {
    if (r.event == "unloaded") unloading[r.convoy].insert(r.vehicle);
  }
  std::size_t departures = 0, removals = 0;
  for (const auto& r : rows) {
    if (r.event == "depart") {
      ++departures;
      const std::size_t colon = r.detail.find(" vehicles: ");
      ASSERT_NE(colon, std::string::npos) << r.detail;
      std::set<std::int64_t> named;
      std::istringstream list(r.detail.substr(colon + 11));
      for (std::string v; std::getline(list, v, ',');) named.insert(std::stoll(v));
      EXPECT_EQ(std::stoul(r.detail.substr(0, colon)), named.size()) << r.detail;
      EXPECT_EQ(named, unloading[r.convoy]) << r.detail;
    } else if (r.event == "removal") {
      ++removals;
      EXPECT_GT(r.people, 0);
      EXPECT_EQ(r.detail, fmt::format("people/all {}", r.people));  // its category and phase
    }
  }
  EXPECT_EQ(departures, 2u);
  EXPECT_EQ(removals, 2u);

  model::Scenario linked = load_file("scenarios/examples/03-linked-operations.yaml");
  ASSERT_FALSE(linked.agreement.linkages.empty());
  const Traced t = run_traced(Engine(linked, options_for(linked)), "linkage-binds");
  ASSERT_FALSE(t.records.empty());
  EXPECT_EQ(t.records[0].time, Duration{});
  EXPECT_EQ(t.records[0].detail, "linkage " + linked.agreement.linkages[0].id);
}

TEST(Slowdown, AScheduledOneStretchesThePartsOfLegsInsideIt) {
  // Travel twice as long from 00:40 to 01:10. The first convoy drives the first leg 25-40 min
  // (unhindered: it ends where the window starts), is at the gate 40-42 min, then drives the
  // second leg at half pace for 28 min (14 min of it) and the last minute at full pace: 42-71.
  model::Scenario s = load_text(std::string(kHandWithCheckpoint) + R"(events:
  - {id: snow, kind: slowdown, from: 2030-01-01T00:40Z, to: 2030-01-01T01:10Z, factor: 2}
)");
  Engine e(s, options_for(s));
  std::vector<TraceRecord> slowdowns, arrivals;
  ReplicationResult r = e.run(1, 0, [&](const TraceRecord& t) {
    if (t.event == "slowdown") slowdowns.push_back(t);
    if (t.event == "arrive") arrivals.push_back(t);
  });
  const auto& op = r.operations[0];
  EXPECT_EQ(op.arrived, 500);
  ASSERT_EQ(slowdowns.size(), 1u);
  EXPECT_EQ(slowdowns[0].time, Duration::minutes(40));
  EXPECT_EQ(slowdowns[0].detail, "scheduled event snow for " +
                                     format_duration_exact(Duration::minutes(30)) +
                                     ": travel takes 2 times as long");
  ASSERT_FALSE(arrivals.empty());
  // The first convoy reaches the camp at 71 min rather than 57; the drive back (after the window)
  // and the second round are as without it: 14 min later in all.
  EXPECT_EQ(arrivals[0].time, Duration::minutes(71));
  const double without = (2 * (25 + 30 + 2 + 50.0 / 6) + 30 + 2) / 60;
  EXPECT_NEAR(op.clearance.t100_h, without + 14.0 / 60, 1e-3);

  // Without the scheduled events, nothing is slowed.
  RunOptions o = options_for(s);
  o.scheduled_events = false;
  Engine plain(s, o);
  EXPECT_NEAR(plain.run(1, 0).operations[0].clearance.t100_h, without, 1e-3);
}

// `slows` names what else a slowdown slows. Without one, the first convoy boards 0-25 min (50
// people at 30 s), drives 25-40, is inspected 40-42, drives 42-57 and unloads 57-65:20 (50 at 10
// s).
TEST(Slowdown, BoardingInspectionsAndUnloadingWhenItSaysSo) {
  auto first = [](const std::string& slowdown, std::string_view event) {
    return first_time(kHandWithCheckpoint, slowdown, event);
  };
  // Boarding twice as long until 00:10: 5 min of it done by then, 20 after: boarding ends at 30,
  // travel as drawn.
  EXPECT_EQ(first("{id: rain, kind: slowdown, from: 2030-01-01T00:00Z, to: 2030-01-01T00:10Z, "
                  "factor: 2, slows: [boarding]}",
                  "arrive"),
            Duration::minutes(62));
  // Travel alone (the default) is not slowed by a window over before the first leg.
  EXPECT_EQ(first("{id: rain, kind: slowdown, from: 2030-01-01T00:00Z, to: 2030-01-01T00:10Z, "
                  "factor: 2}",
                  "arrive"),
            Duration::minutes(57));
  // Inspections three times as long 00:40-00:50: 6 min at the gate.
  EXPECT_EQ(first("{id: search, kind: slowdown, from: 2030-01-01T00:40Z, to: 2030-01-01T00:50Z, "
                  "factor: 3, slows: [inspection]}",
                  "arrive"),
            Duration::minutes(61));
  // Unloading twice as long from 00:57 on: 16:40 instead of 8:20.
  EXPECT_EQ(first("{id: dark, kind: slowdown, from: 2030-01-01T00:57Z, to: 2030-01-01T03:00Z, "
                  "factor: 2, slows: [unloading]}",
                  "unloaded"),
            Duration::minutes(57) + Duration::seconds(1000));
  model::Scenario s = load_text(std::string(kHandWithCheckpoint) +
                                "events:\n  - {id: snow, kind: slowdown, from: "
                                "2030-01-01T00:00Z, to: 2030-01-01T00:10Z, factor: 2, slows: "
                                "[inspection, boarding]}\n");
  const Traced t = run_traced(Engine(s, options_for(s)), "slowdown");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].detail, "scheduled event snow for " +
                                     format_duration_exact(Duration::minutes(10)) +
                                     ": boarding, inspections take 2 times as long");
}

// A slowdown at a place slows what is done there, by default and at most; one on a route, travel
// on its legs (driven either way when the route comes back reversed).
TEST(Slowdown, AtOnePlaceOrOnOneRoute) {
  const auto first = first_time;
  const std::string hand = kHandWithCheckpoint;
  // The first convoy as in the test above: arrives at 57 min, unloads until 65:20.
  EXPECT_EQ(first(hand,
                  "{id: search, kind: slowdown, place: gate, from: 2030-01-01T00:40Z, to: "
                  "2030-01-01T00:50Z, factor: 3}",
                  "arrive"),
            Duration::minutes(61));
  EXPECT_EQ(first(hand,
                  "{id: crowd, kind: slowdown, place: square, from: 2030-01-01T00:00Z, to: "
                  "2030-01-01T00:10Z, factor: 2}",
                  "arrive"),
            Duration::minutes(62));
  EXPECT_EQ(first(hand,
                  "{id: dark, kind: slowdown, place: camp, from: 2030-01-01T00:57Z, to: "
                  "2030-01-01T03:00Z, factor: 2}",
                  "unloaded"),
            Duration::minutes(57) + Duration::seconds(1000));
  // A second checkpoint, the wall, 5 min after the gate: the first convoy is at the gate 40-42,
  // drives 42-47, is at the wall 47-49 and arrives at 59. Inspections three times as long 40-46
  // min at the wall slow nothing; at the gate (or everywhere) they make the gate 40-46: 63.
  const std::string walled = edited(
      hand,
      {{"{from: gate, to: camp, time: 15 min}",
        "{from: gate, to: wall, time: 5 min}, {from: wall, to: camp, time: 10 min}"},
       {"  - {id: camp,",
        "  - {id: wall, kind: checkpoint, name: {en: Wall}, party: side, lanes: 5, inspection: 2 "
        "min}\n  - {id: camp,"}},
      "kHandWithCheckpoint");
  const std::string window = "from: 2030-01-01T00:40Z, to: 2030-01-01T00:46Z, factor: 3";
  EXPECT_EQ(first(walled, "{id: s, kind: slowdown, place: wall, " + window + "}", "arrive"),
            Duration::minutes(59));
  EXPECT_EQ(first(walled, "{id: s, kind: slowdown, place: gate, " + window + "}", "arrive"),
            Duration::minutes(63));
  EXPECT_EQ(first(walled, "{id: s, kind: slowdown, slows: [inspection], " + window + "}", "arrive"),
            Duration::minutes(63));
  // On a route: travel twice as long 00:40-01:10 on the way out makes the arrival 71 (the test
  // above); on the way back, given as a route of its own, it leaves the way out as it was.
  const std::string back = edited(
      hand,
      {{"route: out,", "route: out, return_route: back,"},
       {"routes:\n",
        "routes:\n  - {id: back, legs: [{from: camp, to: gate, time: 15 min}, {from: gate, to: "
        "square, time: 15 min}]}\n"}},
      "kHandWithCheckpoint");
  const std::string snow = "from: 2030-01-01T00:40Z, to: 2030-01-01T01:10Z, factor: 2";
  EXPECT_EQ(first(back, "{id: s, kind: slowdown, route: out, " + snow + "}", "arrive"),
            Duration::minutes(71));
  EXPECT_EQ(first(back, "{id: s, kind: slowdown, route: back, " + snow + "}", "arrive"),
            Duration::minutes(57));
  // Back from 65:20: 15 min to the gate, 2 min there, 15 min to the square: 97:20. With travel
  // twice as long from 01:10 on the route the way back reverses: 4:40 of the first leg before,
  // 10:20 of it at half pace (20:40) to 90:40, the gate to 92:40, the last leg 30 min: 122:40.
  const Duration unslowed = Duration::minutes(97) + Duration::seconds(20);
  const std::string late = "from: 2030-01-01T01:10Z, to: 2030-01-01T03:00Z, factor: 2";
  EXPECT_EQ(first(hand, "{id: s, kind: slowdown, route: out, " + late + "}", "returned"),
            unslowed + Duration::minutes(25) + Duration::seconds(20));
  EXPECT_EQ(first(back, "{id: s, kind: slowdown, route: out, " + late + "}", "returned"), unslowed);
}

// A convoy sent back drives home slowed as its legs are. The first convoy is turned back after
// its inspection at 42 min and drives the first leg again: back at 57 min and boarding again,
// or at 72 min with travel twice as long from 42 min on.
TEST(Slowdown, AConvoyTurnedBackDrivesHomeSlowed) {
  auto boards_again = [](const std::string& events) {
    model::Scenario s = load_text(std::string(kHandWithCheckpoint) + "events:\n" +
                                  "  - {id: sent-back, kind: turn_back, place: gate, time: "
                                  "2030-01-01T00:00Z}\n" +
                                  events);
    const Traced t = run_traced(Engine(s, options_for(s)), "boarding");
    for (const auto& r : t.records) {
      if (r.time > Duration::minutes(42)) return r.time;
    }
    return Duration::hours(-1);
  };
  EXPECT_EQ(boards_again(""), Duration::minutes(57));
  EXPECT_EQ(boards_again("  - {id: storm, kind: slowdown, from: 2030-01-01T00:42Z, to: "
                         "2030-01-01T01:42Z, factor: 2}\n"),
            Duration::minutes(72));
}

TEST(Slowdown, ARiskDrawsItsWindowsInEachReplication) {
  // Slowdowns of 4 times the travel time, half the time on average: clearance is later, by more
  // in some replications than in others, and never earlier.
  const std::string risk = R"(risks:
  - {id: storms, kind: slowdown, interval: {exponential: 30 min}, duration: {exponential: 30 min},
     factor: 4}
)";
  model::Scenario slow = load_text(std::string(kHandWithCheckpoint) + risk);
  model::Scenario plain = load_text(kHandWithCheckpoint);
  Engine e_slow(slow, options_for(slow));
  Engine e_plain(plain, options_for(plain));
  const double base = e_plain.run(1, 0).operations[0].clearance.t100_h;
  std::vector<double> t;
  for (std::uint64_t rep = 0; rep < 20; ++rep) {
    const ReplicationResult r = e_slow.run(1, rep);
    const auto& op = r.operations[0];
    EXPECT_EQ(op.arrived, 500);
    EXPECT_GE(op.clearance.t100_h, base - 1e-9);
    t.push_back(op.clearance.t100_h);
  }
  EXPECT_GT(median(t), base + 0.25);
  EXPECT_GT(*std::max_element(t.begin(), t.end()), *std::min_element(t.begin(), t.end()));
  // Without stochastic risks the windows are not drawn.
  RunOptions o = options_for(slow);
  o.stochastic_risks = false;
  Engine off(slow, o);
  EXPECT_NEAR(off.run(1, 0).operations[0].clearance.t100_h, base, 1e-9);
}

TEST(FireAtACheckpoint, AScheduledOneStrikesTheFirstLoadedConvoyThere) {
  model::Scenario s = load_text(std::string(kHandWithCheckpoint) + R"(events:
  - {id: shots, kind: fire, place: gate, time: 2030-01-01T00:30Z, killed: 3, injured: 5}
)");
  Engine e(s, options_for(s));
  const auto [r, fire] = run_traced(e, "fire");
  const auto& op = r.operations[0];
  EXPECT_EQ(op.killed, 3);
  EXPECT_EQ(op.injured, 5);
  EXPECT_EQ(op.arrived, 497);
  ASSERT_EQ(fire.size(), 1u);
  EXPECT_EQ(fire[0].time, Duration::minutes(42));  // after the first convoy's inspection
  EXPECT_EQ(fire[0].place, 2);                     // the gate
  EXPECT_EQ(fire[0].detail, "3 killed (people 3), 5 injured (people 5)");
}

// A scheduled fire on a route at 00:30 strikes the convoy driving it then (25-40 min), there and
// then; at 01:40, with nobody loaded on it (the buses are back at the square from 97:20 and the
// second round leaves at 122:20), the second round at the end of its first leg, 137:20.
TEST(FireOnARoute, AScheduledOneStrikesTheConvoyOnItThenOrTheNextToLeave) {
  auto fire = [](const std::string& time) {
    model::Scenario s = load_text(std::string(kHandWithCheckpoint) +
                                  "events:\n  - {id: shots, kind: fire, route: out, time: "
                                  "2030-01-01T" +
                                  time + "Z, killed: 3, injured: 5}\n");
    const auto [r, fired] = run_traced(Engine(s, options_for(s)), "fire");
    EXPECT_EQ(r.operations[0].killed, 3) << time;
    EXPECT_EQ(r.operations[0].arrived, 497) << time;
    EXPECT_EQ(fired.size(), 1u) << time;
    return fired.empty() ? Duration::hours(-1) : fired[0].time;
  };
  EXPECT_EQ(fire("00:30"), Duration::minutes(30));
  EXPECT_EQ(fire("01:40"), Duration::minutes(137) + Duration::seconds(20));
}

// Every fire and vehicle loss on a route is drawn on its own for each trip: two of each, always,
// strike twice. Fires: both rounds are fired on twice (1 killed each time); with a scheduled fire
// at 01:40 as well, the second round (leaving at 122:20) is fired on by it too, not instead.
// Vehicle losses: the first convoy loses two buses (their 100 people wait again) and each of the
// three driving back alone is lost; 150 arrive.
TEST(FireOnARoute, EveryRiskOnTheRouteStrikesOnItsOwn) {
  const std::string two_fires = std::string(kHandWithCheckpoint) + R"(risks:
  - {id: shots, kind: fire, route: out, probability: 1, killed: 1}
  - {id: more-shots, kind: fire, route: out, probability: 1, killed: 1}
)";
  model::Scenario s = load_text(two_fires);
  const auto [r, fired] = run_traced(Engine(s, options_for(s)), "fire");
  EXPECT_EQ(r.operations[0].convoys, 2);
  EXPECT_EQ(fired.size(), 4u);
  EXPECT_EQ(r.operations[0].killed, 4);
  EXPECT_EQ(r.operations[0].arrived, 496);

  model::Scenario with_event = load_text(
      std::string(kHandWithCheckpoint) +
      "risks:\n  - {id: shots, kind: fire, route: out, probability: 1, killed: 1}\n"
      "events:\n  - {id: ambush, kind: fire, route: out, time: 2030-01-01T01:40Z, killed: 3}\n");
  const auto [re, fired_e] = run_traced(Engine(with_event, options_for(with_event)), "fire");
  EXPECT_EQ(fired_e.size(), 3u);
  EXPECT_EQ(re.operations[0].killed, 5);
  EXPECT_EQ(re.operations[0].arrived, 495);

  model::Scenario losses = load_text(std::string(kHandWithCheckpoint) + R"(risks:
  - {id: mine, kind: vehicle_loss, route: out, probability: 100%, vehicles: 1}
  - {id: another-mine, kind: vehicle_loss, route: out, probability: 100%, vehicles: 1}
)");
  const auto [rl, lost] = run_traced(Engine(losses, options_for(losses)), "vehicle-lost");
  EXPECT_EQ(rl.operations[0].vehicles_lost, 5);
  EXPECT_EQ(lost.size(), 5u);
  EXPECT_EQ(rl.operations[0].arrived, 150);
}

TEST(FireAtACheckpoint, ARiskIsDrawnForEachLoadedPassage) {
  // Always: each of the two loaded convoys; never on the way back.
  model::Scenario s = load_text(std::string(kHandWithCheckpoint) + R"(risks:
  - {id: shots, kind: fire, place: gate, probability: 1, killed: 2, injured: 1}
)");
  Engine e(s, options_for(s));
  const auto [r, fire] = run_traced(e, "fire");
  const auto& op = r.operations[0];
  EXPECT_EQ(op.convoys, 2);
  EXPECT_EQ(op.killed, 4);
  EXPECT_EQ(op.injured, 2);
  EXPECT_EQ(op.arrived + op.killed, 500);
  ASSERT_EQ(fire.size(), 2u);
  for (const auto& f : fire) EXPECT_EQ(f.place, 2);
}

// The risks at a checkpoint are drawn by kind (removal, fire, turn-back, hold, then vehicle
// losses), whatever the order of the file: a removal of everyone listed after a fire still takes
// everyone before the fire can strike (they were drawn in the file's order, the fire first).
TEST(FireAtACheckpoint, RisksThereAreDrawnByKindWhateverTheirOrderInTheFile) {
  const std::string fire = "  - {id: shots, kind: fire, place: gate, probability: 1, killed: 2}\n";
  const std::string removal =
      "  - {id: taken, kind: removal, place: gate, probability: 1, categories: [people], "
      "share: 1}\n";
  for (const std::string& risks : {fire + removal, removal + fire}) {
    model::Scenario s = load_text(std::string(kHandWithCheckpoint) + "risks:\n" + risks);
    Engine e(s, options_for(s));
    const auto [r, removals] = run_traced(e, "removal");
    const auto& op = r.operations[0];
    EXPECT_EQ(op.removed, 500) << risks;
    EXPECT_EQ(op.killed, 0) << risks;
    EXPECT_EQ(removals.size(), 2u) << risks;
  }
}

// Convoys led by a Red Crescent car and guarded by two army vehicles: two escort types.
std::string two_escorts(const std::string& army_available) {
  std::string text = kHandWithCheckpoint;
  text.replace(text.find("vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]"),
               std::string("vehicle_types: [{id: bus, name: {en: Bus}, seats: 50}]").size(),
               R"(vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 50}
  - {id: sarc, name: {en: SARC}, seats: 0, role: escort}
  - {id: army, name: {en: Army}, seats: 0, role: escort})");
  text.replace(text.find("fleet: [{type: bus, count: 5}]"),
               std::string("fleet: [{type: bus, count: 5}]").size(),
               "fleet: [{type: bus, count: 5}, {type: sarc, count: 1}, {type: army, count: 2" +
                   army_available + "}]");
  text.replace(text.find("convoy: {min_vehicles: 5}"),
               std::string("convoy: {min_vehicles: 5}").size(),
               "convoy: {min_vehicles: 5, escort: [{type: sarc}, {type: army, count: 2}]}");
  return text;
}

TEST(Escorts, EachConvoyTakesEveryTypeItNeeds) {
  model::Scenario s = load_text(two_escorts(""));
  ASSERT_EQ(s.agreement.convoy.escorts.size(), 2u);
  Engine e(s, options_for(s));
  const auto [r, departures] = run_traced(e, "depart");
  EXPECT_EQ(r.operations[0].arrived, 500);
  ASSERT_EQ(departures.size(), 2u);
  for (const auto& d : departures)  // 5 buses, 1 + 2 escorts
    EXPECT_EQ(d.detail.substr(0, d.detail.find(':')), "8 vehicles") << d.detail;
  // The second convoy waits for the escorts to come back with the buses.
  EXPECT_GT(departures[1].time, departures[0].time);
}

TEST(Escorts, AConvoyWaitsForTheLastTypeToBeThere) {
  // The army vehicles come 3 h after the start: the buses, loaded after 25 min, wait for them.
  model::Scenario s = load_text(two_escorts(", available: 2030-01-01T03:00Z"));
  Engine e(s, options_for(s));
  const auto [r, departures] = run_traced(e, "depart");
  ASSERT_FALSE(departures.empty());
  EXPECT_DOUBLE_EQ(departures[0].time.to_hours(), 3.0);
  EXPECT_EQ(r.operations[0].arrived, 500);
  // Without them at all, nobody leaves, and the table says why.
  std::string text = two_escorts("");
  text.replace(text.find("{type: army, count: 2}]"), std::string("{type: army, count: 2}]").size(),
               "{type: army, count: 2, until: 2030-01-01T00:10Z}]");
  model::Scenario gone = load_text(text);
  Engine e_gone(gone, options_for(gone));
  const ReplicationResult r_gone = e_gone.run(1, 0);
  const auto& op = r_gone.operations[0];
  EXPECT_EQ(op.arrived, 0);
  EXPECT_EQ(op.left_by_reason[static_cast<std::size_t>(LeftReason::NoVehicle)], 500);
}

// Vehicles of the party holding a checkpoint pass it uninspected: the army escort at the army's
// gate. Two convoys out and the first one's vehicles back (the replication ends when the second
// has unloaded): 5 buses and the SARC car each time, 18 inspections; with the army's two, 24.
TEST(Escorts, ThoseOfThePartyHoldingACheckpointPassItUninspected) {
  auto inspected = [](const std::string& text) {
    model::Scenario s = load_text(text);
    Engine e(s, options_for(s));
    const ReplicationResult r = e.run(1, 0);
    EXPECT_EQ(r.operations[0].arrived, 500);
    return r.checkpoints.at(0).vehicles;
  };
  std::string text = two_escorts("");
  EXPECT_EQ(inspected(text), 24);
  text.replace(text.find("{id: army, name: {en: Army}, seats: 0, role: escort}"),
               std::string("{id: army, name: {en: Army}, seats: 0, role: escort}").size(),
               "{id: army, name: {en: Army}, seats: 0, role: escort, party: side}");
  EXPECT_EQ(inspected(text), 18);
}

// The hand-computed scenario with its buses starting at a depot, driving to the square by an
// approach route through the gate (20 min, 2 min there as empty vehicles, 10 min), then EVENTS or
// RISKS appended.
std::string with_approach(const std::string& appended) {
  return edited(kHandWithCheckpoint,
                {{"  - {id: square",
                  "  - {id: depot, kind: depot, name: {en: Depot}}\n  - {id: square"},
                 {"vehicle_types:",
                  "  - {id: in, legs: [{from: depot, to: gate, time: 20 min}, "
                  "{from: gate, to: square, time: 10 min}]}\nvehicle_types:"},
                 {"fleet: [{type: bus, count: 5}]",
                  "fleet: [{type: bus, count: 5, start: depot, approach: in}]"}},
                "kHandWithCheckpoint") +
         appended;
}

TEST(Approach, VehiclesDriveFromTheirStartToTheGatheringPoint) {
  // The buses reach the square at 32 min instead of 0, and everything after comes 32 min later.
  model::Scenario s = load_text(with_approach(""));
  const Traced t = run_traced(Engine(s, options_for(s)), "approached");
  ASSERT_EQ(t.records.size(), 5u);
  for (const auto& r : t.records) {
    EXPECT_EQ(r.time, Duration::minutes(32));
    EXPECT_EQ(r.place, 2);  // the square
  }
  const auto& op = t.result.operations[0];
  EXPECT_EQ(op.arrived, 500);
  const double without = (2 * (25 + 30 + 2 + 50.0 / 6) + 30 + 2) / 60;
  EXPECT_NEAR(op.clearance.t100_h, without + 32.0 / 60, 1e-3);
  // The gate inspects them on the way as empty vehicles: 6 min each, 36 min to the square.
  model::Scenario g = load_text(edited(
      with_approach(""), {{"inspection: 2 min}", "inspection: 2 min, empty_inspection: 6 min}"}},
      "with_approach"));
  EXPECT_EQ(run_traced(Engine(g, options_for(g)), "approached").records[0].time,
            Duration::minutes(36));
  // Suspended until 00:45: they set out then, and are at the square at 77 min.
  EXPECT_EQ(first_time(with_approach(""),
                       "{id: talks, kind: suspension, from: 2030-01-01T00:00Z, to: "
                       "2030-01-01T00:45Z}",
                       "approached"),
            Duration::minutes(77));
  // A scheduled loss on the approach route takes two as they set out; three come.
  model::Scenario l = load_text(with_approach(R"(events:
  - {id: burned, kind: vehicle_loss, route: in, time: 2030-01-01T00:00Z, vehicles: 2}
)"));
  const Traced lost = run_traced(Engine(l, options_for(l)), "approached");
  EXPECT_EQ(lost.records.size(), 3u);
  EXPECT_EQ(lost.result.operations[0].vehicles_lost, 2);
  EXPECT_EQ(lost.result.operations[0].arrived, 500);
  // At 00:10, on the road (the first leg, 0-20 min): two of the five there and then.
  model::Scenario m = load_text(with_approach(R"(events:
  - {id: burned, kind: vehicle_loss, route: in, time: 2030-01-01T00:10Z, vehicles: 2}
)"));
  const Traced road = run_traced(Engine(m, options_for(m)), "vehicle-lost");
  ASSERT_EQ(road.records.size(), 2u);
  EXPECT_EQ(road.records[1].time, Duration::minutes(10));
  EXPECT_EQ(road.result.operations[0].arrived, 500);
  // A stochastic loss of one vehicle on every trip on it: one, at the end of one of its legs
  // (the approach is driven once).
  model::Scenario r = load_text(with_approach(R"(risks:
  - {id: mine, kind: vehicle_loss, route: in, probability: 100%, vehicles: 1}
)"));
  const Traced mine = run_traced(Engine(r, options_for(r)), "vehicle-lost");
  ASSERT_EQ(mine.records.size(), 1u);
  EXPECT_TRUE(mine.records[0].time == Duration::minutes(20) ||
              mine.records[0].time == Duration::minutes(32));
  EXPECT_EQ(mine.records[0].place, -1);
  EXPECT_EQ(mine.records[0].detail, "bus on route in");  // the trace says where
  EXPECT_EQ(mine.result.operations[0].arrived, 500);
}

TEST(VehicleLoss, AScheduledOneStrikesWhereItSays) {
  // The hand-computed scenario: the five buses board 0-25 min, leave together at 25, pass the
  // gate 40-42, reach the camp at 57, unload one after the other from 57 (8 min 20 s each), drive
  // back by the route reversed (the gate again, 2 min) and are back at the square from 97:20.
  // A loss of two buses at TIME and WHERE: the time of the first bus lost, its place, the people
  // sent back to wait again and the buses lost.
  struct Loss {
    Duration first;
    std::int32_t place;
    std::int64_t turned_back;
    std::int64_t lost;
  };
  auto loss = [](const std::string& time, const std::string& where) {
    model::Scenario s = load_text(std::string(kHandWithCheckpoint) +
                                  "events:\n  - {id: burned, kind: vehicle_loss, " + where +
                                  ", time: 2030-01-01T" + time + "Z, vehicles: 2, type: bus}\n");
    const Traced t = run_traced(Engine(s, options_for(s)), "vehicle-lost");
    const auto& op = t.result.operations[0];
    EXPECT_EQ(op.arrived, 500) << time << " " << where;
    if (t.records.empty()) return Loss{Duration::hours(-1), -1, op.turned_back, 0};
    return Loss{t.records[0].time, t.records[0].place, op.turned_back, op.vehicles_lost};
  };
  const Duration unloaded = Duration::minutes(57) + Duration::seconds(500);  // 65:20
  const std::int32_t square = 1, gate = 2, camp = 3;
  // On the route, before the convoy leaves: two buses of it as it sets out; their 100 people
  // get off and wait again.
  Loss l = loss("00:10", "route: out");
  EXPECT_EQ(l.first, Duration::minutes(25));
  EXPECT_EQ(l.place, -1);
  EXPECT_EQ(l.turned_back, 100);
  EXPECT_EQ(l.lost, 2);
  // On the route while the convoy drives it (25-40 min): two of it at once, on the road; their
  // people are back at the square and wait again.
  l = loss("00:30", "route: out");
  EXPECT_EQ(l.first, Duration::minutes(30));
  EXPECT_EQ(l.place, -1);
  EXPECT_EQ(l.turned_back, 100);
  EXPECT_EQ(l.lost, 2);
  // The times of the vehicles lost with these events, and the result.
  auto lost_with = [](const std::string& events) {
    model::Scenario s = load_text(std::string(kHandWithCheckpoint) + "events:\n" + events);
    const Traced t = run_traced(Engine(s, options_for(s)), "vehicle-lost");
    std::vector<Duration> times;
    for (const auto& r : t.records) times.push_back(r.time);
    return std::pair{times, t.result};
  };
  // While the buses drive the route back reversed (65:20-80:20; the operation has no
  // return_route), empty: two of them at 70 min. At 01:40, when none is on it any more, the next
  // to set out on it: two of the second round, at 122:20 (as they leave the square loaded).
  {
    const auto [times, r] = lost_with(
        "  - {id: burned, kind: vehicle_loss, route: out, time: 2030-01-01T01:10Z, vehicles: 2}\n");
    EXPECT_EQ(times, (std::vector<Duration>{Duration::minutes(70), Duration::minutes(70)}));
    EXPECT_EQ(r.operations[0].turned_back, 0);
    EXPECT_EQ(r.operations[0].arrived, 500);
  }
  l = loss("01:40", "route: out");
  EXPECT_EQ(l.first, unloaded + Duration::minutes(57));
  EXPECT_EQ(l.turned_back, 100);
  EXPECT_EQ(l.lost, 2);
  // A convoy turned back at the gate after its inspection (42 min) drives home on the route
  // until 57 min: at 00:50 two of its buses are taken there.
  EXPECT_EQ(lost_with("  - {id: sent-back, kind: turn_back, place: gate, time: 2030-01-01T00:00Z}\n"
                      "  - {id: burned, kind: vehicle_loss, route: out, time: 2030-01-01T00:50Z, "
                      "vehicles: 2}\n")
                .first,
            (std::vector<Duration>{Duration::minutes(50), Duration::minutes(50)}));
  // A stochastic loss on the route strikes the trips back on it reversed too: one vehicle on
  // every trip, the loaded convoy loses one (its 100 people wait again), and each of the four
  // driving back alone is lost (not just the one of the loaded trip); 200 arrive.
  {
    model::Scenario s = load_text(std::string(kHandWithCheckpoint) + R"(risks:
  - {id: mine, kind: vehicle_loss, route: out, probability: 100%, vehicles: 1}
)");
    const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
    EXPECT_EQ(r.operations[0].vehicles_lost, 5);
    EXPECT_EQ(r.operations[0].arrived, 200);
  }
  // At the checkpoint: the next convoy through its inspection, here the loaded one at 42 min.
  l = loss("00:30", "place: gate");
  EXPECT_EQ(l.first, Duration::minutes(42));
  EXPECT_EQ(l.place, gate);
  EXPECT_EQ(l.turned_back, 100);
  // At the gathering point while the buses board: two of them at once, their people wait again.
  l = loss("00:10", "place: square");
  EXPECT_EQ(l.first, Duration::minutes(10));
  EXPECT_EQ(l.place, square);
  EXPECT_EQ(l.lost, 2);
  // At the gathering point once they have left: the first two back from the trip.
  l = loss("00:30", "place: square");
  EXPECT_EQ(l.first, unloaded + Duration::minutes(32));
  EXPECT_EQ(l.turned_back, 0);
  // At the destination: the first two to finish unloading there, their people arrived.
  l = loss("00:00", "place: camp");
  EXPECT_EQ(l.first, unloaded);
  EXPECT_EQ(l.place, camp);
  EXPECT_EQ(l.turned_back, 0);
  EXPECT_EQ(l.lost, 2);
  // On a return route: the first two empty buses to start back on it, once unloaded.
  const std::string with_return =
      edited(kHandWithCheckpoint,
             {{"vehicle_types:",
               "  - {id: back, legs: [{from: camp, to: gate, time: 15 min}, "
               "{from: gate, to: square, time: 15 min}]}\nvehicle_types:"},
              {"route: out,", "route: out, return_route: back,"}},
             "kHandWithCheckpoint");
  model::Scenario b = load_text(with_return + R"(events:
  - {id: burned, kind: vehicle_loss, route: back, time: 2030-01-01T00:30Z, vehicles: 2}
)");
  const Traced back = run_traced(Engine(b, options_for(b)), "vehicle-lost");
  ASSERT_EQ(back.records.size(), 2u);
  EXPECT_EQ(back.records[0].time, unloaded);
  EXPECT_EQ(back.records[1].time, unloaded);
  EXPECT_EQ(back.result.operations[0].turned_back, 0);
  EXPECT_EQ(back.result.operations[0].arrived, 500);
  // More than there are: the five at the square, then nothing more to take; nobody leaves.
  // Without the scheduled events, none.
  model::Scenario s = load_text(std::string(kHandWithCheckpoint) + R"(events:
  - {id: burned, kind: vehicle_loss, place: square, time: 2030-01-01T00:10Z, vehicles: 7}
)");
  const Traced all = run_traced(Engine(s, options_for(s)), "vehicle-lost");
  EXPECT_EQ(all.records.size(), 5u);
  EXPECT_EQ(all.result.operations[0].vehicles_lost, 5);
  EXPECT_EQ(all.result.operations[0].arrived, 0);
  RunOptions o = options_for(s);
  o.scheduled_events = false;
  EXPECT_EQ(Engine(s, o).run(1, 0).operations[0].vehicles_lost, 0);
}

// The hand-computed scenario with a second gate (5 lanes, 2 min) before the camp: the first
// convoy, 250 people in five buses, leaves at 25 min, is inspected at the gate 40-42 and at the
// second gate 57-59, where it is turned back.
std::string two_gates_turned_back() {
  return edited(kHandWithCheckpoint,
                {{"  - {id: camp,",
                  "  - {id: gate2, kind: checkpoint, name: {en: Gate 2}, party: side, lanes: 5, "
                  "inspection: 2 min}\n  - {id: camp,"},
                 {"{from: gate, to: camp, time: 15 min}",
                  "{from: gate, to: gate2, time: 15 min}, {from: gate2, to: camp, time: 15 min}"}},
                "kHandWithCheckpoint") +
         "events:\n  - {id: sent-back, kind: turn_back, place: gate2, time: 2030-01-01T00:00Z}\n";
}

TEST(VehicleLoss, AConvoyTurnedBackDrawsOneForItsDriveHome) {
  // The hand-computed scenario with its first loaded convoy turned back at the gate, inspected
  // 40-42 min: it drives the first leg back and is home at 57. A stochastic loss of one vehicle
  // per trip on the route: the trip out draws whether and on which of its two legs (the first: a
  // bus lost at 40 min; the second: never reached); the drive home is a trip of its own, over the
  // one leg it drives back: one bus lost at 57 min, as it gets home, before it is idle again.
  const std::string text = std::string(kHandWithCheckpoint) + R"(risks:
  - {id: mine, kind: vehicle_loss, route: out, probability: 100%, vehicles: 1}
events:
  - {id: sent-back, kind: turn_back, place: gate, time: 2030-01-01T00:00Z}
)";
  model::Scenario s = load_text(text);
  const Traced t = run_traced(Engine(s, options_for(s)), "vehicle-lost");
  std::vector<TraceRecord> home;  // those lost by the time the convoy is home
  for (const auto& r : t.records) {
    if (r.time <= Duration::minutes(57)) home.push_back(r);
  }
  ASSERT_TRUE(home.size() == 1 || home.size() == 2) << home.size();
  if (home.size() == 2) {
    EXPECT_EQ(home[0].time, Duration::minutes(40));
  }
  EXPECT_EQ(home.back().time, Duration::minutes(57));
  EXPECT_EQ(home.back().place, -1);
  EXPECT_EQ(home.back().detail, "bus on route out: people/all 50");  // riding home
  // Turned back at a second gate after the second leg (inspected 57-59 min), the convoy drives
  // two legs back (59-74, inspected again at the first gate 74-76, 76-91): the loss strikes at the
  // end of one of them.
  model::Scenario two = load_text(two_gates_turned_back() + R"(risks:
  - {id: mine, kind: vehicle_loss, route: out, probability: 100%, vehicles: 1}
)");
  std::vector<Duration> driving_home;
  for (const auto& r : run_traced(Engine(two, options_for(two)), "vehicle-lost").records) {
    if (r.time > Duration::minutes(59) && r.time <= Duration::minutes(91))
      driving_home.push_back(r.time);
  }
  ASSERT_EQ(driving_home.size(), 1u);
  EXPECT_TRUE(driving_home[0] == Duration::minutes(74) || driving_home[0] == Duration::minutes(91))
      << driving_home[0].count_ms();
}

TEST(TurnBack, PeopleRideHomeWithTheirConvoyAndWaitAgainThere) {
  // The hand-computed scenario, its 500 people in two categories: `first` at the square at 0,
  // `later` at 30 min; five more buses from 45 min. The first five board `first` 0-25 min, are
  // turned back at the gate after inspection (42 min) and drive home with them (57 min). The
  // buses of 45 min find only `later` waiting: they board them at the five bays 45-70, leave at
  // 70, reach the camp at 102 and are unloaded (8 min 20 s each, side by side) at 110:20. `first`
  // wait again from 57 min, for the bays: boarded 70-95, at the camp at 127, unloaded at 135:20.
  // (Had they been back at the square when turned back, the buses of 45 min would have taken
  // them, and `later` would have been out at 135:20.)
  const std::string text =
      edited(kHandWithCheckpoint,
             {{"categories: [{id: people, name: {en: People}}]",
               "categories: [{id: first, name: {en: First}}, {id: later, name: {en: Later}}]"},
              {"population: [{category: people, people: 500}], fleet: [{type: bus, count: 5}]",
               "population: [{category: first, people: 250}, {category: later, people: 250, "
               "arrival: 30 min}],\n     fleet: [{type: bus, count: 5}, {type: bus, count: 5, "
               "available: 2030-01-01T00:45Z}]"}},
             "kHandWithCheckpoint") +
      "events:\n  - {id: sent-back, kind: turn_back, place: gate, time: 2030-01-01T00:00Z}\n";
  model::Scenario s = load_text(text);
  const Traced t = run_traced(Engine(s, options_for(s)), "returned");
  const auto& op = t.result.operations[0];
  EXPECT_EQ(op.turned_back, 250);
  EXPECT_EQ(op.arrived, 500);
  auto minutes = [](double h) { return h * 60; };
  EXPECT_NEAR(minutes(op.categories[1].t100_h), 110 + 20.0 / 60, 1e-6);
  EXPECT_NEAR(minutes(op.categories[0].t100_h), 135 + 20.0 / 60, 1e-6);
  // Home at 57 min, each bus with its 50 people, who get off to wait again.
  std::vector<std::int64_t> home;
  for (const auto& r : t.records) {
    if (r.time == Duration::minutes(57) && r.detail == "turned back") home.push_back(r.people);
  }
  EXPECT_EQ(home, (std::vector<std::int64_t>(5, 50)));
  // With `first` a phase before `later`'s, the phase does not end while they ride home: the
  // buses of 45 min wait for them, board them 57-82 (out at 122:20), then `later` 82-107 (out at
  // 147:20).
  model::Scenario phased =
      load_text(edited(text,
                       {{"route: out,",
                         "route: out, phases: [{id: p1, name: {en: P1}, categories: [first]}, "
                         "{id: p2, name: {en: P2}, categories: [later]}],"}},
                       "text"));
  const ReplicationResult r = Engine(phased, options_for(phased)).run(1, 0);
  EXPECT_NEAR(minutes(r.operations[0].categories[0].t100_h), 122 + 20.0 / 60, 1e-6);
  EXPECT_NEAR(minutes(r.operations[0].categories[1].t100_h), 147 + 20.0 / 60, 1e-6);
  // On the curves, those riding home are on the road (in transit), not inside: at 50 min `first`
  // ride home, `later` board at the square (before: 500 inside, none in transit).
  RunOptions every_10_min = options_for(s);
  every_10_min.curve_step = Duration::minutes(10);
  const ReplicationResult curves = Engine(s, every_10_min).run(1, 0);
  EXPECT_EQ(curves.operations[0].inside.at(5), 250);
  EXPECT_EQ(curves.operations[0].in_transit.at(5), 250);
}

TEST(TurnBack, TheConvoyDrivesHomeThroughTheCheckpointsItPassedAndStopsWhenMovementDoes) {
  // It drives home as a convoy, the way it came: back to the first gate 59-74, where it is
  // inspected again with its people aboard (74-76), and on to the square (76-91), where each bus
  // is home with its 50 people.
  // The trace rows of the first convoy at checkpoints, and of buses home after a turn-back.
  auto traced = [](const std::string& text) {
    model::Scenario s = load_text(text);
    std::vector<TraceRecord> out;
    const ReplicationResult r = Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) {
      if ((t.event == "checkpoint" && t.convoy == 0) || t.detail == "turned back") out.push_back(t);
    });
    EXPECT_EQ(r.operations[0].turned_back, 250);
    EXPECT_EQ(r.operations[0].arrived, 500);
    return out;
  };
  const std::vector<TraceRecord> plain = traced(two_gates_turned_back());
  ASSERT_EQ(plain.size(), 8u);  // the gate, the second gate, the gate again, five buses home
  EXPECT_EQ(plain[2].time, Duration::minutes(74));
  EXPECT_EQ(plain[2].people, 250);
  EXPECT_EQ(plain[2].place, plain[0].place);  // the first gate
  for (std::size_t i = 3; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].time, Duration::minutes(91)) << i;
    EXPECT_EQ(plain[i].people, 50) << i;
  }
  // The operation suspended from 01:15 to 03:00: inspected at the gate again by 76 min, the
  // convoy stays there until 03:00 and is home at 03:15.
  const std::vector<TraceRecord> halted =
      traced(two_gates_turned_back() +
             "  - {id: talks, kind: suspension, from: 2030-01-01T01:15Z, to: 2030-01-01T03:00Z}\n");
  ASSERT_EQ(halted.size(), 8u);
  EXPECT_EQ(halted[2].time, Duration::minutes(74));
  for (std::size_t i = 3; i < halted.size(); ++i) {
    EXPECT_EQ(halted[i].time, Duration::hours(3) + Duration::minutes(15)) << i;
    EXPECT_EQ(halted[i].people, 50) << i;
  }
}

// A checkpoint change: from its time on, vehicles joining the gate's line are inspected with its
// lanes and times, and so are those already waiting there (given new draws and lanes anew).
// Without it the first convoy is at the gate 40-42 min (5 lanes, 2 min), arrives at 57 and
// unloads until 65:20; back at the gate at 80:20, through at 82:20, at the square at 97:20.
TEST(CheckpointChange, LanesAndInspectionTimesFromItsTimeOn) {
  auto first = [](const std::string& text, const std::string& change, std::string_view event) {
    return first_time(text, "{id: c, kind: checkpoint_change, place: gate, " + change + "}", event);
  };
  const std::string hand = kHandWithCheckpoint;
  // One lane from 00:30: the five buses one after the other, 40-50; arrival at 65.
  EXPECT_EQ(first(hand, "time: 2030-01-01T00:30Z, lanes: 1", "arrive"), Duration::minutes(65));
  // From 00:41, after they joined the line: as before.
  EXPECT_EQ(first(hand, "time: 2030-01-01T00:41Z, lanes: 1", "arrive"), Duration::minutes(57));
  // A gate of one lane opening four more at 00:30: as five lanes. At 00:45, when the buses that
  // joined at 40 are inspected one by one (40-42, 42-44, 44-46, then 46-48, 48-50): the third
  // goes on, the last two take new lanes at once, 45-47; through at 47, arrival at 62.
  const std::string one_lane = edited(hand, {{"lanes: 5", "lanes: 1"}}, "kHandWithCheckpoint");
  EXPECT_EQ(first(one_lane, "time: 2030-01-01T00:30Z, lanes: 5", "arrive"), Duration::minutes(57));
  EXPECT_EQ(first(one_lane, "time: 2030-01-01T00:45Z, lanes: 5", "arrive"), Duration::minutes(62));
  // A gate of two lanes (40-42 twice, 42-44 twice, 44-46: through at 46, arrival at 61) closing
  // one at 00:41: the two under way go on, the three waiting follow one by one on the lane left,
  // 42-44, 44-46, 46-48: arrival at 63. Closed at 00:43, with one bus waiting: 44-46 on the lane
  // that is free first (the other's bus is done at 44 too), arrival at 61.
  const std::string two_lanes = edited(hand, {{"lanes: 5", "lanes: 2"}}, "kHandWithCheckpoint");
  EXPECT_EQ(first(two_lanes, "time: 2030-01-01T00:30Z, party: side", "arrive"),
            Duration::minutes(61));
  EXPECT_EQ(first(two_lanes, "time: 2030-01-01T00:41Z, lanes: 1", "arrive"), Duration::minutes(63));
  EXPECT_EQ(first(two_lanes, "time: 2030-01-01T00:43Z, lanes: 1", "arrive"), Duration::minutes(61));
  // 6 min per vehicle from 00:30: 40-46, arrival at 61, unloaded at 69:20; the empty buses too
  // (the gate has no empty_inspection of its own): the gate 84:20-90:20, the square at 105:20.
  const std::string slow = "time: 2030-01-01T00:30Z, inspection: 6 min";
  EXPECT_EQ(first(hand, slow, "arrive"), Duration::minutes(61));
  EXPECT_EQ(first(hand, slow, "returned"), Duration::minutes(105) + Duration::seconds(20));
  // With an empty inspection of its own (1 min), the change leaves it: the square at 100:20;
  // changing that alone leaves the loaded buses' 2 min: the square at 97:20 + 3 min.
  const std::string own_empty =
      edited(hand, {{"inspection: 2 min}", "inspection: 2 min, empty_inspection: 1 min}"}},
             "kHandWithCheckpoint");
  EXPECT_EQ(first(own_empty, slow, "returned"), Duration::minutes(100) + Duration::seconds(20));
  EXPECT_EQ(first(hand, "time: 2030-01-01T00:30Z, empty_inspection: 5 min", "returned"),
            Duration::minutes(100) + Duration::seconds(20));
  // Vehicles waiting in line meet the new rules too. One lane, the buses inspected one by one
  // 40-50 (arrival at 65); 6 min each from 00:43: the one under way (42-44) goes on, the three
  // waiting take 44-50, 50-56, 56-62; arrival at 77.
  EXPECT_EQ(first(one_lane, "time: 2030-01-01T00:43Z, inspection: 6 min", "arrive"),
            Duration::minutes(77));
  // Held from 00:43 by the party the buses belong to: the three waiting are waved through then;
  // the convoy moves on when the one under way is through, at 44: arrival at 59.
  const std::string army =
      edited(one_lane,
             {{"role: besieging}]", "role: besieging}, {id: army, name: {en: Army}, role: other}]"},
              {"seats: 50}", "seats: 50, party: army}"}},
             "kHandWithCheckpoint");
  EXPECT_EQ(first(army, "time: 2030-01-01T00:43Z, party: army", "arrive"), Duration::minutes(59));
  // The trace says what changed, at its time.
  model::Scenario s = load_text(hand +
                                "events:\n  - {id: c, kind: checkpoint_change, place: gate, time: "
                                "2030-01-01T00:30Z, lanes: 1, inspection: 6 min}\n");
  const Traced t = run_traced(Engine(s, options_for(s)), "checkpoint-change");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].time, Duration::minutes(30));
  EXPECT_EQ(t.records[0].place, 2);
  EXPECT_EQ(t.records[0].detail, "scheduled event c: lanes 1, new inspection times");
}

// Planning the line anew for the same number of lanes gives every waiting vehicle the lane and
// start it had: example 2 (two lanes, 2 to 30 min a vehicle, convoys of up to 10) with such a
// "change" every 5 minutes of its first 30 hours runs as without them. One lane at the same
// times does not.
TEST(CheckpointChange, TheSameLanesAgainChangeNothing) {
  const std::string file = "scenarios/examples/02-checkpoint-and-phases.yaml";
  auto with_changes = [&](int lanes) {
    std::string events = "\nevents:\n";
    for (int m = 0; m < 30 * 60; m += 5) {
      const int hour = 6 + m / 60;
      events += fmt::format(
          "  - {{id: c{}, kind: checkpoint_change, place: checkpoint-north, time: "
          "2030-01-{:02}T{:02}:{:02}+02:00, lanes: {}}}\n",
          m, 1 + hour / 24, hour % 24, m % 60, lanes);
    }
    return load_edited(file, {{"\nagreement:", events + "\nagreement:"}});
  };
  const model::Scenario plain = load_edited(file, {});
  const model::Scenario same = with_changes(2);
  const model::Scenario one = with_changes(1);
  const Engine a(plain, options_for(plain));
  const Engine b(same, options_for(same));
  const Engine c(one, options_for(one));
  int differ = 0;
  for (std::uint64_t k = 0; k < 10; ++k) {
    const ReplicationResult x = a.run(7, k);
    const ReplicationResult y = b.run(7, k);
    const std::string what = "replication " + std::to_string(k);
    expect_same_clearance(x.operations[0].clearance, y.operations[0].clearance, what);
    EXPECT_EQ(x.operations[0].queue_person_hours, y.operations[0].queue_person_hours) << what;
    ASSERT_EQ(x.checkpoints.size(), 1u);
    EXPECT_EQ(x.checkpoints[0].vehicles, y.checkpoints[0].vehicles) << what;
    EXPECT_EQ(x.checkpoints[0].mean_wait_min, y.checkpoints[0].mean_wait_min) << what;
    EXPECT_EQ(x.checkpoints[0].max_wait_min, y.checkpoints[0].max_wait_min) << what;
    EXPECT_EQ(x.checkpoints[0].mean_queue, y.checkpoints[0].mean_queue) << what;
    differ += c.run(7, k).checkpoints[0].mean_wait_min != x.checkpoints[0].mean_wait_min;
  }
  EXPECT_EQ(differ, 10);
}

// Who holds the gate decides whose escorts pass it uninspected and which risks happen there.
// With the army's escorts (party side, holding the gate) waved through: 18 inspections, 6 at each
// of three passages (two convoys out, the first one's vehicles back; see the escorts test above).
TEST(CheckpointChange, AnotherPartyHoldingTheCheckpoint) {
  std::string text = edited(two_escorts(""),
                            {{"{id: army, name: {en: Army}, seats: 0, role: escort}",
                              "{id: army, name: {en: Army}, seats: 0, role: escort, party: side}"},
                             {"parties: [{id: side, name: {en: Side}, role: besieging}]",
                              "parties: [{id: side, name: {en: Side}, role: besieging}, {id: "
                              "group, name: {en: Group}}]"}},
                            "two_escorts");
  auto run = [](const std::string& scenario, const std::string& tail) {
    model::Scenario s = load_text(scenario + tail);
    return Engine(s, options_for(s)).run(1, 0);
  };
  auto handover = [](const std::string& time) {
    return "events:\n  - {id: c, kind: checkpoint_change, place: gate, time: " + time +
           ", party: group}\n";
  };
  EXPECT_EQ(run(text, "").checkpoints.at(0).vehicles, 18);
  // The group holds it from the start: the army's escorts are inspected too, 24; from 00:41,
  // after the first convoy joined the line at 40, 6 + 8 + 8 = 22.
  EXPECT_EQ(run(text, handover("2030-01-01T00:00Z")).checkpoints.at(0).vehicles, 24);
  EXPECT_EQ(run(text, handover("2030-01-01T00:41Z")).checkpoints.at(0).vehicles, 22);
  // A removal of everyone aboard, at every passage, while the group holds the gate: its six
  // vehicles through by 44 min (five lanes), the first convoy is not hit when the group takes the
  // gate at 00:45;
  // the second one is. When the group holds it from the start, everyone is taken off; when it
  // hands the gate back at 00:30, before the first convoy is there, nobody.
  const std::string removal =
      "risks:\n  - {id: r, kind: removal, place: gate, held_by: group, probability: 1, "
      "categories: [people], share: 1}\n";
  const ReplicationResult late = run(text, removal + handover("2030-01-01T00:45Z"));
  EXPECT_EQ(late.operations[0].arrived, 250);
  EXPECT_EQ(late.operations[0].removed, 250);
  const ReplicationResult early = run(text, removal + handover("2030-01-01T00:00Z"));
  EXPECT_EQ(early.operations[0].arrived, 0);
  EXPECT_EQ(early.operations[0].removed, 500);
  const ReplicationResult never = run(text, removal + handover("2030-01-01T00:00Z") +
                                                "  - {id: d, kind: checkpoint_change, place: "
                                                "gate, time: 2030-01-01T00:30Z, party: side}\n");
  EXPECT_EQ(never.operations[0].arrived, 500);
  EXPECT_EQ(never.operations[0].removed, 0);
}

// A batch's `until` withdraws its idle vehicles then; one on a trip finishes it first.
TEST(Fleet, IdleVehiclesAreWithdrawnAtTheirUntil) {
  // People come after 2 h; the buses, idle at the square, are withdrawn at 1 h.
  std::string text = kHandWithCheckpoint;
  text.replace(text.find("people: 500}]"), std::string("people: 500}]").size(),
               "people: 500, arrival: 2 h}]");
  text.replace(text.find("{type: bus, count: 5}"), std::string("{type: bus, count: 5}").size(),
               "{type: bus, count: 5, until: 2030-01-01T01:00Z}");
  model::Scenario s = load_text(text);
  Engine e(s, options_for(s));
  const auto [r, withdrawn] = run_traced(e, "withdrawn");
  const auto& op = r.operations[0];
  EXPECT_EQ(op.arrived, 0);
  EXPECT_EQ(op.left_by_reason[static_cast<std::size_t>(LeftReason::NoVehicle)], 500);
  ASSERT_EQ(withdrawn.size(), 5u);
  for (const auto& w : withdrawn) EXPECT_EQ(w.time, Duration::hours(1));
}

const char* const kLinked = R"(mamar: 1
scenario: {id: linked, name: {en: Linked}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: a-town, kind: origin, name: {en: A}}
  - {id: a-gp, kind: gathering_point, name: {en: A gp}, boarding_time: 5 s}
  - {id: a-dest, kind: destination, name: {en: A dest}}
  - {id: b-town, kind: origin, name: {en: B}}
  - {id: b-gp, kind: gathering_point, name: {en: B gp}, boarding_time: 5 s}
  - {id: b-dest, kind: destination, name: {en: B dest}}
routes:
  - {id: a-out, legs: [{from: a-gp, to: a-dest, time: {uniform: [20 min, 40 min]}}]}
  - {id: b-out, legs: [{from: b-gp, to: b-dest, time: {uniform: [2 h, 4 h]}}]}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 40}]
operations:
  - id: a
    name: {en: A}
    origin: a-town
    gathering_point: a-gp
    destination: a-dest
    route: a-out
    population: [{category: people, people: 2000, household_size: {uniform: [1, 6]}}]
    fleet: [{type: bus, count: 10}]
  - id: b
    name: {en: B}
    origin: b-town
    gathering_point: b-gp
    destination: b-dest
    route: b-out
    population: [{category: people, people: 800, arrival: {uniform: [0 h, 10 h]}}]
    fleet: [{type: bus, count: 3}]
agreement:
  start: 2030-01-01T00:00Z
  MOVEMENT
  linkages:
    - id: halves
      kind: tranches
      tranches: [{a: 50%, b: 50%}, {a: 100%, b: 100%}]
)";

TEST(Engine, TranchesAreNeverExceeded) {
  model::Scenario s = load_text(std::regex_replace(kLinked, std::regex("MOVEMENT"), ""));
  RunOptions o = options_for(s);
  o.curve_step = Duration::minutes(10);
  Engine e(s, o);
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    ReplicationResult r = e.run(1, rep);
    ASSERT_EQ(r.linkages.size(), 1u);
    const auto& parity = r.linkages[0].parity;
    // While B has not moved half its people, A may not move more than half of its own plus the
    // last household that crossed the line (at most 6 people of 2000).
    for (std::size_t k = 0; k < parity[0].size(); ++k) {
      if (parity[1][k] < 0.5 - 1e-9) {
        EXPECT_LE(parity[0][k], 0.5 + 6.0 / 2000) << "at sample " << k;
      }
      if (parity[0][k] < 0.5 - 1e-9) {
        EXPECT_LE(parity[1][k], 0.5 + 1.0 / 800) << "at sample " << k;
      }
    }
    EXPECT_EQ(r.operations[0].arrived, 2000);
    EXPECT_EQ(r.operations[1].arrived, 800);
    // Each tranche's completion is recorded: the first when both had moved half (the parity at
    // the next sample at least 0.5 on both sides, before it below on one), the second when both
    // had moved everyone (departures: before the last arrival).
    const auto& done = r.linkages[0].tranche_done_h;
    ASSERT_EQ(done.size(), 2u);
    ASSERT_TRUE(std::isfinite(done[0]) && std::isfinite(done[1]));
    EXPECT_LE(done[0], done[1]);
    EXPECT_LE(done[1],
              std::max(r.operations[0].clearance.t100_h, r.operations[1].clearance.t100_h));
    const auto& times = r.curve_times_h;
    const auto after = static_cast<std::size_t>(
        std::lower_bound(times.begin(), times.end(), done[0]) - times.begin());
    ASSERT_LT(after, times.size());
    EXPECT_GE(parity[0][after], 0.5 - 1e-9);
    EXPECT_GE(parity[1][after], 0.5 - 1e-9);
    if (after > 0 && times[after - 1] < done[0]) {
      EXPECT_LT(std::min(parity[0][after - 1], parity[1][after - 1]), 0.5) << "at " << done[0];
    }
    // A is faster but has to wait for B at half-way: its clearance is bound to B's progress.
    EXPECT_GT(r.operations[0].clearance.t100_h, r.operations[1].clearance.t90_h * 0.5);
  }
}

// Counted on departures, a tranche that completes only once no operation of the linkage may send
// a convoy any more moved nobody: not reported as complete. Example 3 with a ceasefire to 17:30
// (10.5 h): a bus back after it boards Town B's last people, which makes B's measure final and
// the second tranche done, at 17:43 in replication 0 of seed 2. Over 20 replications, no tranche is
// reported complete after 10.5 h.
TEST(Linkages, ATrancheDoneOnlyAfterTheLastDepartureIsNotComplete) {
  const model::Scenario s =
      load_edited("scenarios/examples/03-linked-operations.yaml",
                  {{"  start: 2030-03-01T07:00+03:00\n",
                    "  start: 2030-03-01T07:00+03:00\n  ceasefire:\n    - {from: "
                    "2030-03-01T07:00+03:00, to: 2030-03-01T17:30+03:00}\n"}});
  Engine e(s, options_for(s));
  bool traced_late = false;
  TraceSink sink = [&](const TraceRecord& t) {
    if (t.event == "tranche-complete" && t.time.to_hours() >= 10.5) traced_late = true;
  };
  (void)e.run(2, 0, sink);
  EXPECT_TRUE(traced_late) << "the case this test is about did not happen";
  for (std::uint64_t rep = 0; rep < 20; ++rep) {
    const ReplicationResult r = e.run(2, rep);
    ASSERT_EQ(r.linkages.at(0).tranche_done_h.size(), 2u);
    for (const double h : r.linkages[0].tranche_done_h) EXPECT_FALSE(h >= 10.5) << rep << ": " << h;
  }
}

TEST(Engine, ConvoysDepartOnlyInMovementHours) {
  model::Scenario s = load_text(std::regex_replace(
      kLinked, std::regex("MOVEMENT"), "movement_hours: [{from: \"06:00\", to: \"10:00\"}]"));
  Engine e(s, options_for(s));
  std::vector<double> departures;
  TraceSink sink = [&](const TraceRecord& t) {
    if (t.event == "depart") departures.push_back(t.time.to_hours());
  };
  (void)e.run(1, 0, sink);
  ASSERT_FALSE(departures.empty());
  for (double h : departures) {
    const double hour_of_day = std::fmod(h, 24.0);
    EXPECT_GE(hour_of_day, 6.0 - 1e-9);
    EXPECT_LT(hour_of_day, 10.0);
  }
}

// max_wait runs from when the first vehicle of a convoy took people, also for a vehicle left at
// its bay when the convoy before left. Fifteen people at 00:00, two buses of 10, 3 min a person to
// board, one bus a convoy: the first bus boards 10 (00:00-00:30) and leaves full at 00:30; the
// second boards the other 5 (00:00-00:15) and waits for the one still to come at 10:00 until its
// max_wait of 1 h since 00:00 has passed: it leaves at 01:00 (not 01:30, an hour after the first).
TEST(ConvoyRules, MaxWaitRunsFromWhenTheFirstVehicleTookPeople) {
  model::Scenario s = load_text(R"(mamar: 1
scenario: {id: max-wait, name: {en: Max wait}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 2, boarding_time: 3 min}
  - {id: camp, kind: destination, name: {en: Camp}}
routes:
  - {id: out, legs: [{from: square, to: camp, time: 30 min}]}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 10}]
operations:
  - {id: op, name: {en: Op}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 15},
                  {category: people, people: 1, arrives_from: 2030-01-01T10:00Z}],
     fleet: [{type: bus, count: 2}]}
agreement: {start: 2030-01-01T00:00Z, convoy: {min_vehicles: 1, max_vehicles: 1, max_wait: 1 h}}
)");
  const auto [r, departed] = run_traced(Engine(s, options_for(s)), "depart");
  ASSERT_GE(departed.size(), 2u);
  EXPECT_EQ(departed[0].time, Duration::minutes(30));
  EXPECT_EQ(departed[0].people, 10);
  EXPECT_EQ(departed[1].time, Duration::hours(1));
  EXPECT_EQ(departed[1].people, 5);
  EXPECT_EQ(r.operations[0].arrived, 16);
}

// An operation's convoy rules replace the agreement's one by one: a rule it leaves out is the
// agreement's. Forty people at 00:00, four buses of 10 at four bays, 3 s a person to board: each
// bus is full at 00:00:30. The agreement asks for convoys of exactly 2 and an hour between them;
// the operation gives only a max_wait: two buses leave at 00:00:30 and two at 01:00:30 (with the
// rules it leaves out at their defaults, all four would leave together at 00:00:30). Giving
// `headway: 0` too sends the second pair at once.
TEST(ConvoyRules, AnOperationTakesTheRulesItLeavesOutFromTheAgreement) {
  const std::string text = R"(mamar: 1
scenario: {id: merged, name: {en: Merged rules}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 4, boarding_time: 3 s}
  - {id: camp, kind: destination, name: {en: Camp}}
routes:
  - {id: out, legs: [{from: square, to: camp, time: 30 min}]}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 10}]
operations:
  - {id: op, name: {en: Op}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{category: people, people: 40}],
     fleet: [{type: bus, count: 4}],
     convoy: {max_wait: 10 min OWN}}
agreement: {start: 2030-01-01T00:00Z, convoy: {min_vehicles: 2, max_vehicles: 2, headway: 1 h}}
)";
  // The convoys' departures: time and people.
  auto departures = [&](const std::string& own) {
    const model::Scenario s = load_text(std::regex_replace(text, std::regex(" OWN"), own));
    const auto [r, departed] = run_traced(Engine(s, options_for(s)), "depart");
    EXPECT_EQ(r.operations[0].arrived, 40) << own;
    std::vector<std::pair<Duration, std::int64_t>> out;
    out.reserve(departed.size());
    for (const auto& d : departed) out.emplace_back(d.time, d.people);
    return out;
  };
  const Duration first = Duration::seconds(30);
  using Departures = std::vector<std::pair<Duration, std::int64_t>>;
  EXPECT_EQ(departures(""), (Departures{{first, 20}, {first + Duration::hours(1), 20}}));
  EXPECT_EQ(departures(", headway: 0"), (Departures{{first, 20}, {first, 20}}));
}

// kLinked with `agreement` for its MOVEMENT line, with or without its linkage, and `b_lines`
// added to operation b.
std::string with_b_lines(const std::string& b_lines, const std::string& agreement, bool linked) {
  std::string text = std::regex_replace(kLinked, std::regex("MOVEMENT"), agreement);
  if (!linked) text = text.substr(0, text.find("  linkages:"));
  const std::string b_fleet = "    fleet: [{type: bus, count: 3}]\n";
  return edited(text, {{b_fleet, b_fleet + b_lines}}, "kLinked");
}

// The hours of the day at which each operation's convoys depart in one replication.
std::vector<std::vector<double>> departure_hours(const model::Scenario& s) {
  Engine e(s, options_for(s));
  std::vector<std::vector<double>> out(s.operations.size());
  TraceSink sink = [&](const TraceRecord& t) {
    if (t.event == "depart")
      out[static_cast<std::size_t>(t.operation)].push_back(std::fmod(t.time.to_hours(), 24.0));
  };
  (void)e.run(1, 0, sink);
  return out;
}

bool all_within(const std::vector<double>& hours, double from, double to) {
  return std::all_of(hours.begin(), hours.end(),
                     [&](double h) { return h >= from - 1e-9 && h < to; });
}

TEST(OwnWindows, MovementHoursOfItsOwnHoldOnlyThatOperation) {
  // B departs from 06:00 to 10:00 only; A keeps the agreement's hours, all day.
  auto hours = departure_hours(load_text(
      with_b_lines("    movement_hours: [{from: \"06:00\", to: \"10:00\"}]\n", "", false)));
  ASSERT_FALSE(hours[0].empty());
  ASSERT_FALSE(hours[1].empty());
  EXPECT_TRUE(all_within(hours[1], 6, 10));
  EXPECT_FALSE(all_within(hours[0], 6, 10));
  // The other way round: the agreement's 06:00 to 10:00 hold A; B's own, all day, do not hold B.
  hours = departure_hours(load_text(with_b_lines(
      "    movement_hours: []\n", "movement_hours: [{from: \"06:00\", to: \"10:00\"}]", false)));
  ASSERT_FALSE(hours[0].empty());
  EXPECT_TRUE(all_within(hours[0], 6, 10));
  EXPECT_FALSE(all_within(hours[1], 6, 10));
}

TEST(OwnWindows, ACeasefireOfItsOwnStopsOnlyThatOperation) {
  // B's own truce ends at 03:00; A's, the agreement's, has no end.
  model::Scenario s = load_text(with_b_lines(
      "    ceasefire: [{from: 2030-01-01T00:00Z, to: 2030-01-01T03:00Z}]\n", "", false));
  Engine e(s, options_for(s));
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    const ReplicationResult r = e.run(1, rep);
    EXPECT_EQ(r.operations[0].arrived, 2000);
    EXPECT_TRUE(r.operations[0].finished_in_ceasefire);
    EXPECT_LT(r.operations[1].arrived, 800);
    EXPECT_FALSE(r.operations[1].finished_in_ceasefire);
    EXPECT_FALSE(r.finished_in_ceasefire);
    EXPECT_GT(r.operations[1].left_by_reason[static_cast<std::size_t>(LeftReason::CeasefireOver)],
              0);
    EXPECT_EQ(r.operations[0].not_cleared, 0);
  }
  // Once A is out, nothing can move any more after B's end: the replication ends then, and what
  // is counted until the end (B's people waiting) does not grow with a horizon set far beyond.
  RunOptions longer = options_for(s);
  longer.horizon = longer.horizon + Duration::days(20);
  const ReplicationResult ends = e.run(1, 0);
  const ReplicationResult later = Engine(s, longer).run(1, 0);
  EXPECT_GT(ends.operations[1].not_cleared, 0);
  EXPECT_EQ(ends.operations[1].wait_person_hours, later.operations[1].wait_person_hours);
  // The other way round: the agreement's ends at 03:00 and B's own has no end. B clears, inside
  // its own ceasefire, although the replication goes on past the agreement's end; A stops.
  s = load_text(with_b_lines("    ceasefire: [{from: 2030-01-01T00:00Z}]\n",
                             "ceasefire: [{from: 2030-01-01T00:00Z, to: 2030-01-01T03:00Z}]",
                             false));
  Engine other(s, options_for(s));
  const ReplicationResult r = other.run(1, 0);
  EXPECT_EQ(r.operations[1].arrived, 800);
  EXPECT_TRUE(r.operations[1].finished_in_ceasefire);
  EXPECT_GT(r.operations[1].clearance.t100_h, 3.0);
  EXPECT_LT(r.operations[0].arrived, 2000);
  EXPECT_FALSE(r.operations[0].finished_in_ceasefire);
  EXPECT_GT(r.operations[0].left_by_reason[static_cast<std::size_t>(LeftReason::CeasefireOver)], 0);
}

TEST(OwnWindows, ALinkedOperationWaitsForOneThatMovesByDayOnly) {
  // Half for half: A, fast, waits at half-way for B. B moving from 06:00 to 10:00 only, A clears
  // later than when B moves all day, though A's own hours are all day.
  const auto a_t100 = [](const std::string& b_lines) {
    model::Scenario s = load_text(with_b_lines(b_lines, "", true));
    Engine e(s, options_for(s));
    double total = 0;
    for (std::uint64_t rep = 0; rep < 3; ++rep)
      total += e.run(1, rep).operations[0].clearance.t100_h;
    return total / 3;
  };
  const double all_day = a_t100("");
  const double by_day = a_t100("    movement_hours: [{from: \"06:00\", to: \"10:00\"}]\n");
  EXPECT_GT(by_day, all_day + 12) << "all day " << all_day << " h, B by day " << by_day << " h";
}

TEST(Engine, ScheduledSuspensionStopsEveryDeparture) {
  std::string text = std::regex_replace(kLinked, std::regex("MOVEMENT"), "");
  text = text.substr(0, text.find("  linkages:"));
  model::Scenario s = load_text(text +
                                "events:\n  - {id: halt, kind: suspension, from: "
                                "2030-01-01T02:00Z, to: 2030-01-01T12:00Z}\n");
  ASSERT_TRUE(s.agreement.linkages.empty());
  Engine e(s, options_for(s));
  std::vector<double> departures;
  TraceSink sink = [&](const TraceRecord& t) {
    if (t.event == "depart") departures.push_back(t.time.to_hours());
  };
  std::vector<TraceRecord> suspensions;
  TraceSink with_suspensions = [&](const TraceRecord& t) {
    sink(t);
    if (t.event == "suspension") suspensions.push_back(t);
  };
  ReplicationResult r = e.run(1, 0, with_suspensions);
  // The trace shows the scheduled suspension where it starts, for each operation it stops.
  ASSERT_EQ(suspensions.size(), 2u);
  for (const auto& t : suspensions) {
    EXPECT_EQ(t.time, Duration::hours(2));
    EXPECT_EQ(t.detail, "scheduled event halt for " + format_duration_exact(Duration::hours(10)));
  }
  EXPECT_EQ(suspensions[0].operation, 0);
  EXPECT_EQ(suspensions[1].operation, 1);
  for (double h : departures) EXPECT_TRUE(h < 2.0 || h >= 12.0) << h;
  EXPECT_TRUE(
      std::any_of(departures.begin(), departures.end(), [](double h) { return h >= 12.0; }));
  EXPECT_EQ(r.operations[0].arrived, 2000);
}

// Convoy rules must never hold people for ever. Each scenario below stalled an earlier engine
// (people waiting until the horizon, vehicles idle); each must now clear in every replication.
void expect_clears(const std::string& text, int replications = 20) {
  model::Scenario s = load_text(text);
  Engine e(s, options_for(s));
  for (int rep = 0; rep < replications; ++rep) {
    const ReplicationResult r = e.run(1, static_cast<std::uint64_t>(rep));
    for (std::size_t o = 0; o < r.operations.size(); ++o) {
      EXPECT_EQ(r.operations[o].not_cleared, 0) << "operation " << o << ", replication " << rep;
      EXPECT_FALSE(std::isnan(r.operations[o].clearance.t100_h)) << "replication " << rep;
    }
  }
}

const char* const kStretcherCase = R"(mamar: 1
scenario: {id: stretcher, name: {en: Stretcher}}
categories: [{id: wounded, name: {en: Wounded}}, {id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 1, boarding_time: 10 s}
  - {id: camp, kind: destination, name: {en: Camp}}
routes: [{id: out, legs: [{from: square, to: camp, time: {uniform: [20 min, 40 min]}}]}]
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 50}
  - {id: ambulance, name: {en: Ambulance}, seats: 1, stretchers: 1}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: wounded, people: WOUNDED, stretcher: 1}
      - {category: people, people: 40, household_size: 4, arrival: 1 h}
    fleet: [{type: ambulance, count: 1}, {type: bus, count: BUSES}]
agreement:
  start: 2030-01-01T00:00Z
  convoy: {min_vehicles: 3, max_vehicles: 10}
)";

// The ambulance boards the only stretcher patient while nobody else is waiting, so it keeps the
// only bay; the families who come later do not fit its one seat. It must give the bay up.
TEST(Stalls, AVehicleNobodyFitsGivesUpItsBay) {
  expect_clears(std::regex_replace(std::regex_replace(kStretcherCase, std::regex("WOUNDED"), "1"),
                                   std::regex("BUSES"), "2"));
}

// Wounded come over four hours, one in ten on a stretcher, to two bays, ten buses and one
// ambulance. A bus at a bay must not leave with the few it has whenever a stretcher patient is
// waiting for the ambulance: the next bus would do the same, and the fleet would be gone in
// near-empty convoys (tried as a new user would: the whole fleet left in the first 13 minutes
// with 15 people, and 90% were out after 11.2 h against 6.1 h with no stretcher patient).
TEST(Bays, StretcherPatientsWaitingDoNotSendBusesOffNearlyEmpty) {
  const char* const text = R"(mamar: 1
scenario: {id: bays, name: {en: Bays}}
categories: [{id: wounded, name: {en: Wounded}, stretcher: STRETCHER}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 2}
  - {id: camp, kind: destination, name: {en: Camp}}
routes: [{id: out, legs: [{from: square, to: camp, time: 2 h}]}]
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 50}
  - {id: ambulance, name: {en: Ambulance}, seats: 2, stretchers: 2}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population: [{category: wounded, people: 300, arrival: {uniform: [0 h, 4 h]}}]
    fleet: [{type: bus, count: 10}, {type: ambulance, count: 1}]
agreement: {start: 2030-05-01T06:00+03:00, convoy: {min_vehicles: 3}}
simulation: {horizon: 3 d}
)";
  auto t90_median = [&](const char* stretcher) {
    const model::Scenario s =
        load_text(std::regex_replace(text, std::regex("STRETCHER"), stretcher));
    Engine e(s, options_for(s));
    std::vector<double> t90;
    for (std::uint64_t rep = 0; rep < 20; ++rep)
      t90.push_back(e.run(1, rep).operations[0].clearance.t90_h);
    return median(t90);
  };
  const double walking = t90_median("0%");
  const double some_on_stretchers = t90_median("10%");
  EXPECT_NEAR(walking, 6.1, 0.1);
  EXPECT_LT(some_on_stretchers, walking + 2.5);
}

// Civilians go first, then the wounded, all on stretchers, at one bay with two buses and two
// ambulances. Wounded waiting from the start, who may not board yet, must not send the
// ambulances off first with civilians on a round trip of two hours while the buses wait (tried
// as a new user would: the wounded, there from the start, were all out 1.6 h later than when
// they came half an hour after it).
TEST(Bays, AmbulancesGoFirstOnlyForStretcherPatientsWhoMayBoard) {
  const char* const text = R"(mamar: 1
scenario: {id: bays, name: {en: Bays}}
categories:
  - {id: wounded, name: {en: Wounded}, stretcher: 100%}
  - {id: civilians, name: {en: Civilians}}
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 1, boarding_time: 30 s}
  - {id: camp, kind: destination, name: {en: Camp}}
routes: [{id: out, legs: [{from: square, to: camp, time: 1 h}]}]
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 50}
  - {id: ambulance, name: {en: Ambulance}, seats: 2, stretchers: 1}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: civilians, people: 100}
      - {category: wounded, people: 4, arrival: ARRIVAL}
    fleet: [{type: bus, count: 2}, {type: ambulance, count: 2}]
    phases:
      - {id: civilians-first, name: {en: Civilians first}, categories: [civilians]}
      - {id: wounded-next, name: {en: Wounded next}, categories: [wounded]}
agreement: {start: 2030-05-01T06:00+03:00}
)";
  auto wounded_out_h = [&](const char* arrival) {
    const model::Scenario s = load_text(std::regex_replace(text, std::regex("ARRIVAL"), arrival));
    const Engine e(s, options_for(s));
    const auto [r, boarding] = run_traced(e, "boarding");
    EXPECT_FALSE(boarding.empty());
    if (!boarding.empty()) {
      EXPECT_LT(boarding.front().vehicle, 2) << arrival;  // a bus first
    }
    return r.operations[0].categories[0].t100_h;
  };
  const double from_the_start = wounded_out_h("0 h");
  const double half_an_hour_later = wounded_out_h("30 min");
  EXPECT_LE(from_the_start, half_an_hour_later + 1e-9);
}

// The only ambulance takes the first of two stretcher patients; the families all come at once and
// fill one bus; the second patient waits for the ambulance, the idle bus cannot take her, nobody
// else is to come: the ambulance and the full bus must leave below min_vehicles rather than wait
// for a third vehicle that cannot join.
TEST(Stalls, ConvoysLeaveBelowMinimumWhenNoVehicleCanJoin) {
  expect_clears(std::regex_replace(std::regex_replace(kStretcherCase, std::regex("WOUNDED"), "2"),
                                   std::regex("BUSES"), "2"));
}

// Convoys of at least 3 buses, and 30 people, two buses of 10 from the start and the third from
// LATE; a ceasefire of 2 days (CEASEFIRE) and a horizon of 4 d. A bus that comes when nothing
// moves any more can join no convoy: the two go without it (rule 5), and come back for the last
// 10. One that comes in time is waited for.
TEST(Stalls, ConvoysDoNotWaitForABatchThatComesWhenNothingMoves) {
  const std::string text = R"(mamar: 1
scenario: {id: late, name: {en: Late}}
categories: [{id: civ, name: {en: Civ}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: gp, kind: gathering_point, name: {en: GP}, bays: 2, boarding_time: 1 min}
  - {id: dest, kind: destination, name: {en: Dest}, unloading_time: 0}
routes: [{id: out, legs: [{from: gp, to: dest, time: 30 min}]}]
vehicle_types: [{id: bus, name: {en: Bus}, seats: 10}]
operations:
  - {id: op, name: {en: Op}, origin: town, gathering_point: gp, destination: dest, route: out,
     population: [{category: civ, people: 30}],
     fleet: [{type: bus, count: 2}, {type: bus, count: 1, available: LATE}]}
agreement:
  start: 2030-01-01T00:00Z
  CEASEFIRE
  convoy: {min_vehicles: 3}
simulation: {horizon: 4 d}
)";
  auto t100_h = [&](const char* late, const char* ceasefire) {
    const model::Scenario s = load_text(std::regex_replace(
        std::regex_replace(text, std::regex("LATE"), late), std::regex("CEASEFIRE"), ceasefire));
    return Engine(s, options_for(s)).run(1, 0).operations[0].clearance.t100_h;
  };
  const char* const two_days = "ceasefire: [{from: 2030-01-01T00:00Z, to: 2030-01-03T00:00Z}]";
  // After the ceasefire, or after the horizon: 10 min boarding and 30 min out, twice, the last
  // 10 boarding when the buses are back at 1:20.
  EXPECT_DOUBLE_EQ(t100_h("2030-01-05T00:00Z", two_days), 1.0 + 50.0 / 60);
  EXPECT_DOUBLE_EQ(t100_h("2030-01-05T00:00Z", ""), 1.0 + 50.0 / 60);
  // In time: the third bus, at 10 h, boards the last 10 and the three go together.
  EXPECT_DOUBLE_EQ(t100_h("2030-01-01T10:00Z", two_days), 10.0 + 40.0 / 60);
}

// Two full buses wait for a third vehicle (min_vehicles 3), an ambulance idle beside them, which
// might yet take a stretcher patient still to come; the last household comes at 5 h (walking: the
// ambulance has no seat) and nothing else happens: its arrival must let the two buses go (rule 5)
// at once, though no vehicle is ready for people and arrivals are otherwise not events.
TEST(Stalls, TheLastArrivalLetsAConvoyGo) {
  model::Scenario s = load_text(R"(mamar: 1
scenario: {id: last, name: {en: Last}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 2, boarding_time: 1 s}
  - {id: camp, kind: destination, name: {en: Camp}}
routes: [{id: out, legs: [{from: square, to: camp, time: 1 h}]}]
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 10}
  - {id: ambulance, name: {en: Ambulance}, seats: 0, stretchers: 1}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: people, people: 20, household_size: 10}
      - {category: people, people: 1, arrival: 5 h}
    fleet:
      - {type: bus, count: 2}
      - {type: ambulance, count: 1}
agreement:
  start: 2030-01-01T00:00Z
  convoy: {min_vehicles: 3, max_vehicles: 3}
)");
  RunOptions o = options_for(s);
  o.curve_step = o.horizon;  // no curve samples in between to wake anything
  Engine e(s, o);
  std::vector<double> departures;
  TraceSink sink = [&](const TraceRecord& t) {
    if (t.event == "depart") departures.push_back(t.time.to_hours());
  };
  const ReplicationResult plain = e.run(1, 0);
  EXPECT_EQ(plain.operations[0].not_cleared, 0);
  // The first convoy leaves when the last household comes (5 h), drives 1 h and unloads in
  // about 2 min: 90% are out a little after 6 h, in an untraced run as in the traced one below.
  EXPECT_GE(plain.operations[0].clearance.t90_h, 6.0);
  EXPECT_LT(plain.operations[0].clearance.t90_h, 6.1);
  (void)e.run(1, 0, sink);
  ASSERT_FALSE(departures.empty());
  EXPECT_DOUBLE_EQ(departures.front(), 5.0);
}

// Three private cars (one way) and min_vehicles 2; people come over two hours. The last car,
// full, is the only vehicle left: nobody still to come can board it and no vehicle can join it,
// so it leaves as it fills (rule 5), not when the last person comes (tried as a new user would:
// it sat full for 67 minutes, and would for days with arrivals spread over days).
TEST(Stalls, AFullVehicleDoesNotWaitForPeopleNoVehicleIsLeftToTake) {
  const model::Scenario s = load_text(R"(mamar: 1
scenario: {id: cars, name: {en: Cars}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 3, boarding_time: 1 s}
  - {id: camp, kind: destination, name: {en: Camp}}
routes: [{id: out, legs: [{from: square, to: camp, time: 1 h}]}]
vehicle_types: [{id: car, name: {en: Car}, seats: 5, private: true}]
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population: [{category: people, people: 30, arrival: {uniform: [0 h, 2 h]}}]
    fleet: [{type: car, count: 3}]
agreement: {start: 2030-01-01T00:00Z, convoy: {min_vehicles: 2}}
)");
  const Engine e(s, options_for(s));
  for (std::uint64_t rep = 0; rep < 10; ++rep) {
    std::vector<TraceRecord> departures;
    std::vector<TraceRecord> boardings;
    const ReplicationResult r = e.run(1, rep, [&](const TraceRecord& t) {
      if (t.event == "depart") departures.push_back(t);
      if (t.event == "boarding") boardings.push_back(t);
    });
    EXPECT_LE(r.operations[0].arrived, 15) << rep;  // three cars of five, one trip each
    ASSERT_FALSE(departures.empty()) << rep;
    ASSERT_FALSE(boardings.empty()) << rep;
    // The last car leaves as its last boarding (of one person, 1 s) ends, not when the last
    // person comes, near 2 h.
    EXPECT_LE(departures.back().time - boardings.back().time, Duration::seconds(2)) << rep;
    EXPECT_LT(departures.back().time.to_hours(), 1.8) << rep;
    // Those the cars did not take are left with no vehicle: neither the operation nor its one
    // phase (which ended when no vehicle was left) is cleared. The phase was, by those it had
    // boarded.
    EXPECT_EQ(r.operations[0].left_by_reason[static_cast<std::size_t>(LeftReason::NoVehicle)],
              30 - r.operations[0].arrived)
        << rep;
    EXPECT_TRUE(std::isnan(r.operations[0].clearance.t100_h)) << rep;
    ASSERT_EQ(r.operations[0].phases.size(), 1u);
    EXPECT_TRUE(std::isnan(r.operations[0].phases[0].t100_h)) << rep;
    EXPECT_FALSE(r.operations[0].finished_in_ceasefire) << rep;
  }
}

// A tranche on departures caps A at 15 people while its people are still arriving: the partly
// filled buses holding those 15 must leave, or A's departures never reach the tranche.
TEST(Stalls, ATrancheCapDoesNotHoldPartlyFilledVehicles) {
  expect_clears(R"(mamar: 1
scenario: {id: capped, name: {en: Capped}}
categories: [{id: people, name: {en: People}}]
places:
  - {id: a-town, kind: origin, name: {en: A}}
  - {id: a-gp, kind: gathering_point, name: {en: A gp}, bays: 4, boarding_time: 5 s}
  - {id: b-town, kind: origin, name: {en: B}}
  - {id: b-gp, kind: gathering_point, name: {en: B gp}, bays: 4, boarding_time: 5 s}
  - {id: dest, kind: destination, name: {en: Destination}}
routes:
  - {id: a-out, legs: [{from: a-gp, to: dest, time: 30 min}]}
  - {id: b-out, legs: [{from: b-gp, to: dest, time: 30 min}]}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 10}]
operations:
  - {id: a, name: {en: A}, origin: a-town, gathering_point: a-gp, destination: dest, route: a-out,
     population: [{category: people, people: 100, arrival: {uniform: [0 h, 10 h]}}],
     fleet: [{type: bus, count: 20}]}
  - {id: b, name: {en: B}, origin: b-town, gathering_point: b-gp, destination: dest, route: b-out,
     population: [{category: people, people: 100}], fleet: [{type: bus, count: 10}]}
agreement:
  start: 2030-01-01T00:00Z
  convoy: {min_vehicles: 3, max_vehicles: 10}
  linkages:
    - {id: steps, kind: tranches, measure: departed, tranches: [{a: 15, b: 50}, {a: 100%, b: 100%}]}
)");
}

// --- who was left at the end, and why ----------------------------------------------------

const char* const kLeft = R"(mamar: 1
scenario: {id: left, name: {en: Left}}
categories: [{id: wounded, name: {en: Wounded}, stretcher: 1}, {id: people, name: {en: People}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 2, boarding_time: 10 s}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 5 s}
routes: [{id: out, legs: [{from: square, to: camp, time: LEG}]}]
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 50}
  - {id: ambulance, name: {en: Ambulance}, seats: 0, stretchers: 2}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: wounded, people: 10}
      - {category: people, people: 1000, household_size: 4, arrival: ARRIVAL}
    fleet: [{type: ambulance, count: 1AMBULANCE}, {type: bus, count: BUSES}]
    PHASES
agreement:
  start: 2030-01-01T00:00Z
  AGREEMENT
EVENTS
simulation: {horizon: HORIZON}
)";

struct LeftCase {
  std::string leg = "30 min", arrival = "0", ambulance = "", buses = "20", phases = "",
              agreement = "", events = "", horizon = "1 d";
};

// kLeft (or `scenario`, a changed copy) with the case's values in place of its placeholders.
model::Scenario left_scenario(const LeftCase& c, const std::string& scenario = kLeft) {
  std::string text = scenario;
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"LEG", c.leg},
                                                        {"ARRIVAL", c.arrival},
                                                        {"AMBULANCE", c.ambulance},
                                                        {"BUSES", c.buses},
                                                        {"PHASES", c.phases},
                                                        {"AGREEMENT", c.agreement},
                                                        {"EVENTS", c.events},
                                                        {"HORIZON", c.horizon}}) {
    text = std::regex_replace(text, std::regex(key), value);
  }
  return load_text(text);
}

std::array<std::int64_t, kLeftReasons> left_in(const LeftCase& c,
                                               const std::string& scenario = kLeft) {
  model::Scenario s = left_scenario(c, scenario);
  Engine e(s, options_for(s));
  const ReplicationResult r = e.run(1, 0);
  const OperationResult& op = r.operations[0];
  std::int64_t sum = 0;
  for (auto n : op.left_by_reason) sum += n;
  EXPECT_EQ(sum, op.not_cleared);
  return op.left_by_reason;
}

std::int64_t at(const std::array<std::int64_t, kLeftReasons>& left, LeftReason why) {
  return left[static_cast<std::size_t>(why)];
}

TEST(LeftAtTheEnd, NobodyWhenEveryoneIsOut) {
  const auto left = left_in({});
  EXPECT_EQ(std::accumulate(left.begin(), left.end(), std::int64_t{0}), 0);
}

TEST(LeftAtTheEnd, TooFewVehiclesForTheTime) {
  // One bus, 30 min each way, 6 hours: about 6 trips of 50 for 1,000 people.
  const auto left = left_in({.buses = "1", .horizon = "6 h"});
  EXPECT_GT(at(left, LeftReason::AwaitingTransport), 600);
  EXPECT_LE(at(left, LeftReason::OnTheRoad), 50);
  EXPECT_EQ(at(left, LeftReason::PhaseNotOpen) + at(left, LeftReason::Linkage) +
                at(left, LeftReason::NoVehicle) + at(left, LeftReason::Coming),
            0);
}

// The trace of a replication ends with who was left and why: a row "left" per reason, the
// people in it, the reason's id as detail.
TEST(LeftAtTheEnd, TheTraceEndsWithThem) {
  model::Scenario s = left_scenario({.buses = "1", .horizon = "6 h"});
  Engine e(s, options_for(s));
  std::vector<TraceRecord> left;
  std::size_t records = 0;
  std::size_t last_other = 0;
  const ReplicationResult r = e.run(1, 0, [&](const TraceRecord& t) {
    ++records;
    if (t.event == "left") {
      left.push_back(t);
    } else {
      last_other = records;
    }
  });
  ASSERT_FALSE(left.empty());
  EXPECT_EQ(last_other + left.size(), records) << "the rows come last";
  std::int64_t people = 0;
  for (const auto& t : left) {
    people += t.people;
    std::size_t why = 0;
    while (why < kLeftReasons && left_reason_id(static_cast<LeftReason>(why)) != t.detail) ++why;
    ASSERT_LT(why, kLeftReasons) << t.detail;
    EXPECT_EQ(r.operations[0].left_by_reason[why], t.people) << t.detail;
  }
  EXPECT_EQ(people, r.operations[0].not_cleared);
}

// Every kind of event the trace can hold is in the table of docs/results-format.md.
TEST(Trace, EveryEventIsDocumented) {
  auto read = [](const char* relative) {
    std::ifstream in(std::filesystem::path(MAMAR_SOURCE_DIR) / relative);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const std::string source = read("src/sim/engine.cpp");
  const std::string docs = read("docs/results-format.md");
  // Each name a row is emitted with: trace("NAME", ...), trace(x ? "A" : "B", ...),
  // TraceRecord{time, "NAME", ...}, wherever the lines break.
  std::set<std::string> named;
  for (const char* pattern : {R"re(\btrace\(\s*"([a-z-]+)")re",
                              R"re(\btrace\([^";]*\?\s*"([a-z-]+)"\s*:\s*"([a-z-]+)")re",
                              R"re(TraceRecord\{[^"};]*"([a-z-]+)")re"}) {
    const std::regex emits(pattern);
    for (auto it = std::sregex_iterator(source.begin(), source.end(), emits);
         it != std::sregex_iterator(); ++it) {
      for (std::size_t k = 1; k < it->size(); ++k) {
        if ((*it)[k].matched) named.insert((*it)[k].str());
      }
    }
  }
  for (const std::string& event : named)
    EXPECT_NE(docs.find("| `" + event + "` |"), std::string::npos) << event << " is not documented";
  EXPECT_GE(named.size(), 25u);
  // And what the examples' traces have (the first replications of each): a name built otherwise
  // would show here.
  std::set<std::string> seen;
  for (const char* file :
       {"scenarios/examples/01-minimal.yaml", "scenarios/examples/02-checkpoint-and-phases.yaml",
        "scenarios/examples/03-linked-operations.yaml",
        "scenarios/examples/04-risks-and-history.yaml",
        "scenarios/examples/05-what-if-more-ambulances.yaml"}) {
    const model::Scenario s = load_file(file);
    const Engine e(s, options_for(s));
    for (std::uint64_t i = 0; i < 3; ++i)
      e.run(1, i, [&](const TraceRecord& t) { seen.insert(t.event); });
  }
  for (const std::string& event : seen) EXPECT_TRUE(named.count(event) > 0) << event;
  EXPECT_GE(seen.size(), 20u);
}

// One bus of 50 seats, boarding and unloading at once, inspected at the gate 30 min out for
// 10 min, 30 min more to the camp: PEOPLE people, and MEN men of a second category (none when
// 0). EVENTS appended; the horizon HORIZON.
model::Scenario one_bus_through_a_gate(int people, int men, const std::string& events,
                                       const std::string& horizon = "1 d") {
  return load_text(fmt::format(R"(mamar: 1
scenario: {{id: gate, name: {{en: Gate}}}}
parties: [{{id: side, name: {{en: Side}}, role: besieging}}]
categories: [{{id: people, name: {{en: People}}}}, {{id: men, name: {{en: Men}}}}]
places:
  - {{id: town, kind: origin, name: {{en: Town}}}}
  - {{id: square, kind: gathering_point, name: {{en: Square}}, boarding_time: 0}}
  - {{id: gate, kind: checkpoint, name: {{en: Gate}}, party: side, lanes: 1, inspection: 10 min}}
  - {{id: camp, kind: destination, name: {{en: Camp}}, unloading_time: 0}}
routes:
  - {{id: out, legs: [{{from: square, to: gate, time: 30 min}}, {{from: gate, to: camp, time: 30 min}}]}}
vehicle_types: [{{id: bus, name: {{en: Bus}}, seats: 50}}]
operations:
  - {{id: op, name: {{en: Op}}, origin: town, gathering_point: square, destination: camp, route: out,
     population: [{}], fleet: [{{type: bus, count: 1}}]}}
agreement: {{start: 2030-01-01T00:00Z}}
simulation: {{horizon: {}}}
events:
{})",
                               men == 0 ? fmt::format("{{category: people, people: {}}}", people)
                                        : fmt::format("{{category: people, people: {}}}, "
                                                      "{{category: men, people: {}}}",
                                                      people, men),
                               horizon, events));
}

// The people aboard a convoy stopped on the way, until the movement rules let it on, are held
// there: they counted in no exposure. The bus is inspected at the gate from 30 to 40 min; a
// suspension from 35 min to 2 h 35 min stops it there, its 50 people aboard for 1 h 55 min
// (95.83 person-hours), and it reaches the camp at 3 h 05 min. Cut at 2 h, the stop counts until
// then (66.67 person-hours).
TEST(Trace, PeopleStoppedOnTheWayAreHeldThere) {
  const std::string talks =
      "  - {id: talks, kind: suspension, from: 2030-01-01T00:35Z, to: 2030-01-01T02:35Z}\n";
  const model::Scenario whole = one_bus_through_a_gate(50, 0, talks);
  const Traced t = run_traced(Engine(whole, options_for(whole)), "stopped");
  EXPECT_NEAR(t.result.operations[0].held_person_hours, 50 * (115.0 / 60), 1e-9);
  EXPECT_DOUBLE_EQ(t.result.operations[0].clearance.t100_h, 3 + 5.0 / 60);
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].time, Duration::minutes(40));
  EXPECT_EQ(t.records[0].people, 50);
  EXPECT_EQ(t.records[0].place, 2) << "the gate";
  EXPECT_EQ(t.records[0].detail, "until 2030-01-01 02:35:00+00:00");
  const model::Scenario cut = one_bus_through_a_gate(50, 0, talks, "2 h");
  const ReplicationResult r = Engine(cut, options_for(cut)).run(1, 0);
  EXPECT_NEAR(r.operations[0].held_person_hours, 50 * (80.0 / 60), 1e-9);
}

// Who gets off names only those still aboard: a category everyone of whom was taken off on the
// way is not listed with 0 ("men/all 0").
TEST(Trace, WhoGetsOffNamesNobodyTakenOffBefore) {
  const model::Scenario s = one_bus_through_a_gate(
      25, 25,
      "  - {id: off, kind: removal, place: gate, time: 2030-01-01T00:00Z, categories: [men], "
      "share: 1}\n");
  const Traced t = run_traced(Engine(s, options_for(s)), "unloaded");
  EXPECT_EQ(t.result.operations[0].removed, 25);
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].people, 25);
  EXPECT_EQ(t.records[0].detail, "people/all 25");
}

// A scheduled removal of a number of people takes that many of its categories off the convoy,
// in every replication (a share of 6% of 25 took 0 to 5), and all of them when fewer are aboard;
// nobody of another category.
TEST(Trace, ARemovalOfANumberTakesThatManyOfItsCategories) {
  auto removal = [](int people) {
    return fmt::format(
        "  - {{id: off, kind: removal, place: gate, time: 2030-01-01T00:00Z, categories: [men], "
        "people: {}}}\n",
        people);
  };
  const model::Scenario three = one_bus_through_a_gate(25, 25, removal(3));
  const Engine engine(three, options_for(three));
  for (std::uint64_t i = 0; i < 20; ++i) {
    const ReplicationResult r = engine.run(1, i);
    EXPECT_EQ(r.operations[0].removed, 3) << i;
    EXPECT_EQ(r.operations[0].category_outcomes.at(1).removed, 3) << i;
    EXPECT_EQ(r.operations[0].category_outcomes.at(0).removed, 0) << i;
    EXPECT_EQ(r.operations[0].arrived, 47) << i;
  }
  const model::Scenario more = one_bus_through_a_gate(25, 25, removal(40));
  const Traced t = run_traced(Engine(more, options_for(more)), "removal");
  EXPECT_EQ(t.result.operations[0].removed, 25);
  EXPECT_EQ(t.result.operations[0].arrived, 25);
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].people, 25);
  EXPECT_EQ(t.records[0].detail, "men/all 25");
}

// What happens at a checkpoint names it in the trace's place column, and a lost vehicle's row
// counts the people who were aboard (they get off and wait again): at the gate (place 2) of the
// hand-computed scenario, the first convoy of five buses of 50 after its inspection at 42 min.
TEST(Trace, RowsAtACheckpointNameItAndALostVehicleItsPeople) {
  auto first = [](const std::string& event, std::string_view kind) {
    model::Scenario s =
        load_text(std::string(kHandWithCheckpoint) + "events:\n  - " + event + "\n");
    const Traced t = run_traced(Engine(s, options_for(s)), kind);
    EXPECT_FALSE(t.records.empty()) << event;
    return t.records.empty() ? TraceRecord{} : t.records[0];
  };
  const TraceRecord turned = first(
      "{id: sent-back, kind: turn_back, place: gate, time: 2030-01-01T00:00Z}", "turned-back");
  EXPECT_EQ(turned.time, Duration::minutes(42));
  EXPECT_EQ(turned.place, 2);
  EXPECT_EQ(turned.people, 250);
  EXPECT_EQ(turned.detail, "turned back at gate: people/all 250");  // and who
  const TraceRecord removed = first(
      "{id: taken, kind: removal, place: gate, time: 2030-01-01T00:00Z, categories: [people], "
      "share: 100%}",
      "removal");
  EXPECT_EQ(removed.place, 2);
  EXPECT_EQ(removed.people, 250);
  EXPECT_EQ(removed.detail, "people/all 250");  // category and phase, as boarding says them
  const TraceRecord lost =
      first("{id: burned, kind: vehicle_loss, place: gate, time: 2030-01-01T00:00Z, vehicles: 1}",
            "vehicle-lost");
  EXPECT_EQ(lost.time, Duration::minutes(42));
  EXPECT_EQ(lost.place, 2);
  EXPECT_EQ(lost.people, 50);
  EXPECT_EQ(lost.detail, "bus: people/all 50");  // its type, and who was aboard
}

// Every row of the trace of replication 0 of seed 1.
std::vector<TraceRecord> trace_rows(const model::Scenario& s) {
  std::vector<TraceRecord> rows;
  Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) { rows.push_back(t); });
  return rows;
}

// 500 people waiting at the square from the start, and buses that come only on the third day:
// nothing happens but the hourly samples until the horizon, HORIZON. EVENTS appended.
std::string nothing_moves(const std::string& horizon, const std::string& events) {
  return fmt::format(R"(mamar: 1
scenario: {{id: idle, name: {{en: Idle}}}}
categories: [{{id: people, name: {{en: People}}}}]
places:
  - {{id: town, kind: origin, name: {{en: Town}}}}
  - {{id: square, kind: gathering_point, name: {{en: Square}}}}
  - {{id: camp, kind: destination, name: {{en: Camp}}}}
routes: [{{id: out, legs: [{{from: square, to: camp, time: 30 min}}]}}]
vehicle_types: [{{id: bus, name: {{en: Bus}}, seats: 50}}]
operations:
  - {{id: op, name: {{en: Op}}, origin: town, gathering_point: square, destination: camp,
     route: out, population: [{{category: people, people: 500}}],
     fleet: [{{type: bus, count: 5, available: 2030-01-03T00:00Z}}]}}
agreement: {{start: 2030-01-01T00:00Z}}
simulation: {{horizon: {}}}
events:
{})",
                     horizon, events);
}

// Suspensions and slowdowns need no event of their own: the trace shows each when the next event
// comes. Several starting between two events come in the order they start, not in the order of
// the file (a suspension listed first but starting last came first, and time went back).
TEST(Trace, WindowsStartingBetweenTwoEventsComeInTheOrderTheyStart) {
  const auto rows = trace_rows(load_text(nothing_moves("12 h", R"(
  - {id: later, kind: suspension, from: 2030-01-01T02:50Z, to: 2030-01-01T04:00Z}
  - {id: slow, kind: slowdown, from: 2030-01-01T02:30Z, to: 2030-01-01T04:00Z, factor: 2}
  - {id: talks, kind: suspension, from: 2030-01-01T02:10Z, to: 2030-01-01T08:00Z})")));
  std::vector<std::pair<Duration, std::string>> windows;
  for (const auto& r : rows) {
    if (r.event == "suspension" || r.event == "slowdown") windows.emplace_back(r.time, r.event);
  }
  EXPECT_EQ(windows, (std::vector<std::pair<Duration, std::string>>{
                         {Duration::minutes(130), "suspension"},
                         {Duration::minutes(150), "slowdown"},
                         {Duration::minutes(170), "suspension"}}));
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(),
                             [](const auto& a, const auto& b) { return a.time < b.time; }));
}

// The index of the first row of `event` (rows.size() if none).
std::size_t first_row(const std::vector<TraceRecord>& rows, std::string_view event) {
  std::size_t i = 0;
  while (i < rows.size() && rows[i].event != event) ++i;
  return i;
}

// A suspension that starts after the last event and before the end of the replication is in
// the trace: the people it leaves "suspended" at the end were stopped by something it shows.
TEST(Trace, AWindowStartingAfterTheLastEventIsShownBeforeTheEnd) {
  const auto rows = trace_rows(load_text(nothing_moves("5 h 30 min", R"(
  - {id: talks, kind: suspension, from: 2030-01-01T05:20Z, to: 2030-01-01T08:00Z}
  - {id: snow, kind: slowdown, from: 2030-01-01T05:10Z, to: 2030-01-01T08:00Z, factor: 2})")));
  const std::size_t suspension = first_row(rows, "suspension");
  const std::size_t slowdown = first_row(rows, "slowdown");
  const std::size_t left = first_row(rows, "left");
  ASSERT_LT(suspension, rows.size());
  ASSERT_LT(slowdown, rows.size());
  ASSERT_LT(left, rows.size());
  EXPECT_EQ(rows[slowdown].time, Duration::minutes(310));
  EXPECT_EQ(rows[suspension].time, Duration::minutes(320));
  EXPECT_LT(slowdown, suspension);
  EXPECT_LT(suspension, left);
  EXPECT_EQ(rows[left].detail, "suspended");
  EXPECT_EQ(rows[left].people, 500);
}

// A window that began before the agreement's start has its row at the start, for what is left of
// it: a suspension's row was at -2 h, a slowdown's at 0 h with the length of the whole window.
TEST(Trace, AWindowBegunBeforeTheStartIsShownAtTheStartForWhatIsLeft) {
  const auto rows = trace_rows(load_text(nothing_moves("5 h", R"(
  - {id: talks, kind: suspension, from: 2029-12-31T22:00Z, to: 2030-01-01T01:00Z}
  - {id: snow, kind: slowdown, from: 2029-12-31T23:00Z, to: 2030-01-01T02:30Z, factor: 2})")));
  const std::size_t suspension = first_row(rows, "suspension");
  const std::size_t slowdown = first_row(rows, "slowdown");
  ASSERT_LT(suspension, rows.size());
  ASSERT_LT(slowdown, rows.size());
  EXPECT_EQ(rows[suspension].time, Duration());
  EXPECT_EQ(rows[suspension].detail,
            "scheduled event talks for " + format_duration_exact(Duration::hours(1)));
  EXPECT_EQ(rows[slowdown].time, Duration());
  EXPECT_EQ(rows[slowdown].detail, "scheduled event snow for " +
                                       format_duration_exact(Duration::minutes(150)) +
                                       ": travel takes 2 times as long");
}

// A scheduled hold says until when to the second, as time_iso: a hold until 00:50:40 read
// "until 00:50", 40 s short for every person held.
TEST(Trace, AScheduledHoldSaysUntilWhenToTheSecond) {
  const auto rows = trace_rows(load_text(std::string(kHandWithCheckpoint) + R"(events:
  - {id: closed, kind: hold, place: gate, from: 2030-01-01T00:30Z, to: 2030-01-01T00:50:40Z}
)"));
  const std::size_t held = first_row(rows, "held");
  ASSERT_LT(held, rows.size());
  EXPECT_EQ(rows[held].time, Duration::minutes(40));
  EXPECT_EQ(rows[held].detail, "until 2030-01-01 00:50:40+00:00");
}

// A scheduled vehicle loss is in the trace before the vehicles it takes, also when they come its
// way at its very time before its own event runs (buses setting out on the approach route at
// 00:00, the loss on it at 00:00).
TEST(Trace, AScheduledVehicleLossComesBeforeTheVehiclesItTakes) {
  const auto rows = trace_rows(load_text(with_approach(R"(events:
  - {id: burned, kind: vehicle_loss, route: in, time: 2030-01-01T00:00Z, vehicles: 2}
)")));
  const std::size_t loss = first_row(rows, "vehicle-loss");
  const std::size_t lost = first_row(rows, "vehicle-lost");
  ASSERT_LT(loss, rows.size());
  ASSERT_LT(lost, rows.size());
  EXPECT_LT(loss, lost);
  EXPECT_EQ(std::count_if(rows.begin(), rows.end(),
                          [](const auto& r) { return r.event == "vehicle-loss"; }),
            1);
  EXPECT_EQ(std::count_if(rows.begin(), rows.end(),
                          [](const auto& r) { return r.event == "vehicle-lost"; }),
            2);
}

// A suspension that an incident sets off (a renegotiation) comes after the incident's row: a
// hold or a turn-back at the gate, each suspending the operation for an hour.
TEST(Trace, ARenegotiationComesAfterTheIncidentThatSetItOff) {
  for (const char* risk : {"{id: hh, kind: hold, place: gate, probability: 1, duration: 10 min, "
                           "suspends: {probability: 1, duration: 1 h}}",
                           "{id: tb, kind: turn_back, place: gate, probability: 1, "
                           "suspends: {probability: 1, duration: 1 h}}"}) {
    const auto rows =
        trace_rows(load_text(std::string(kHandWithCheckpoint) + "risks:\n  - " + risk + "\n"));
    std::size_t renegotiations = 0;
    std::size_t before_incident = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].event != "suspension" ||
          rows[i].detail.rfind("renegotiation after incident", 0) != 0)
        continue;
      ++renegotiations;
      bool incident = false;
      for (std::size_t j = 0; j < i && !incident; ++j)
        incident = rows[j].time == rows[i].time &&
                   (rows[j].event == "held" || rows[j].event == "turned-back");
      if (!incident) ++before_incident;
    }
    EXPECT_GT(renegotiations, 0u) << risk;
    EXPECT_EQ(before_incident, 0u) << risk << ": of " << renegotiations << " renegotiations";
  }
}

// A duration as the trace writes it ("2 h 03 min 27.612 s"), in milliseconds.
std::int64_t trace_duration_ms(const std::string& text) {
  std::int64_t ms = 0;
  const std::regex part(R"(([0-9]+(?:\.[0-9]+)?) (d|h|min|s))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), part); it != std::sregex_iterator();
       ++it) {
    const double n = std::stod((*it)[1]);
    const std::string unit = (*it)[2];
    const double scale = unit == "d" ? 86400e3 : unit == "h" ? 3600e3 : unit == "min" ? 60e3 : 1e3;
    ms += std::llround(n * scale);
  }
  return ms;
}

// Each vehicle inspected at a checkpoint has a row ("inspected", its people aboard, "waited W,
// inspected for D") when its convoy is through: in the hand-computed scenario with two lanes at
// the gate, the five buses of the first convoy (250 people, at the gate at 40 min, 2 min each)
// wait 0, 0, 2, 2 and 4 min, and the convoy is through at 46 min. Over a whole replication the
// rows add up to what the results say of each checkpoint and of the queueing.
TEST(Trace, EachVehicleInspectedAtACheckpointHasARow) {
  {
    const auto rows = trace_rows(
        load_text(edited(kHandWithCheckpoint, {{"lanes: 5", "lanes: 2"}}, "kHandWithCheckpoint")));
    std::vector<std::string> first;
    std::set<std::int64_t> vehicles;
    for (const auto& r : rows) {
      if (r.event != "inspected" || r.convoy != 0) continue;
      EXPECT_EQ(r.time, Duration::minutes(46));
      EXPECT_EQ(r.place, 2);  // the gate
      EXPECT_EQ(r.people, 50);
      first.push_back(r.detail);
      vehicles.insert(r.vehicle);
    }
    EXPECT_EQ(first, (std::vector<std::string>{
                         "waited 0 s, inspected for 2 min", "waited 0 s, inspected for 2 min",
                         "waited 2 min, inspected for 2 min", "waited 2 min, inspected for 2 min",
                         "waited 4 min, inspected for 2 min"}));
    EXPECT_EQ(vehicles.size(), 5u);
  }
  // With holds, a checkpoint change that gives lanes anew, slowdowns, vehicles still in the line
  // at the end: example 4 to its end and cut at 30 h, example 2.
  for (const auto& [file, horizon] : std::vector<std::pair<const char*, double>>{
           {"scenarios/examples/04-risks-and-history.yaml", 0},
           {"scenarios/examples/04-risks-and-history.yaml", 30},
           {"scenarios/examples/02-checkpoint-and-phases.yaml", 0}}) {
    const model::Scenario s = load_file(file);
    RunOptions o = options_for(s);
    if (horizon > 0) o.horizon = Duration::hours(horizon);
    const Engine e(s, o);
    std::map<std::int32_t, std::vector<std::int64_t>> waits;  // by place, ms
    std::vector<double> queue_ph(s.operations.size(), 0);
    int cut_with_a_line = 0;  // replications cut with vehicles in a line
    for (std::uint64_t rep = 0; rep < 3; ++rep) {
      waits.clear();
      std::fill(queue_ph.begin(), queue_ph.end(), 0);
      std::int64_t in_line_at_end = 0;
      const ReplicationResult r = e.run(1, rep, [&](const TraceRecord& t) {
        if (t.event == "queueing") {
          // Still in the line at the end: queued until then, and not one of the waits.
          ASSERT_EQ(t.detail.rfind("waited ", 0), 0u) << t.detail;
          const auto comma = t.detail.find(", not inspected");
          ASSERT_NE(comma, std::string::npos) << t.detail;
          queue_ph[static_cast<std::size_t>(t.operation)] +=
              static_cast<double>(t.people) *
              static_cast<double>(trace_duration_ms(t.detail.substr(7, comma - 7))) / 3600e3;
          ++in_line_at_end;
          return;
        }
        if (t.event != "inspected") return;
        const auto comma = t.detail.find(", inspected for ");
        ASSERT_EQ(t.detail.rfind("waited ", 0), 0u) << t.detail;
        ASSERT_NE(comma, std::string::npos) << t.detail;
        const std::int64_t wait = trace_duration_ms(t.detail.substr(7, comma - 7));
        EXPECT_GT(trace_duration_ms(t.detail.substr(comma + 16)), 0) << t.detail;
        waits[t.place].push_back(wait);
        queue_ph[static_cast<std::size_t>(t.operation)] +=
            static_cast<double>(t.people) * static_cast<double>(wait) / 3600e3;
      });
      for (const auto& cp : r.checkpoints) {
        const auto& w = waits[cp.place];
        const std::string what =
            fmt::format("{} to {} h, replication {}, place {}", file, horizon, rep, cp.place);
        ASSERT_EQ(static_cast<std::int64_t>(w.size()), cp.vehicles) << what;
        if (w.empty()) continue;
        const double sum =
            static_cast<double>(std::accumulate(w.begin(), w.end(), std::int64_t{0}));
        EXPECT_NEAR(sum / static_cast<double>(w.size()) / 60e3, cp.mean_wait_min, 1e-9) << what;
        EXPECT_NEAR(static_cast<double>(*std::max_element(w.begin(), w.end())) / 60e3,
                    cp.max_wait_min, 1e-9)
            << what;
      }
      for (std::size_t op = 0; op < r.operations.size(); ++op)
        EXPECT_NEAR(queue_ph[op], r.operations[op].queue_person_hours,
                    1e-9 * std::max(1.0, queue_ph[op]))
            << file << " operation " << op;
      cut_with_a_line += horizon > 0 && in_line_at_end > 0 ? 1 : 0;
    }
    if (horizon > 0) {
      EXPECT_GT(cut_with_a_line, 0) << "a line at the end, to count: " << file;
    }
  }
}

TEST(LeftAtTheEnd, StillToComeAndOnTheRoad) {
  const auto late = left_in({.arrival = "2 d"});
  EXPECT_EQ(at(late, LeftReason::Coming), 1000);
  // A leg longer than the horizon: everyone who left is still on it.
  const auto road = left_in({.leg = "3 d"});
  EXPECT_EQ(at(road, LeftReason::OnTheRoad) + at(road, LeftReason::AwaitingTransport), 1010);
  // Every bus with 12 households of 4, the ambulance with 2 stretcher patients.
  EXPECT_EQ(at(road, LeftReason::OnTheRoad), 20 * 48 + 2);
}

TEST(LeftAtTheEnd, APhaseEndsWhenNoVehicleLeftCanCarryItsPeople) {
  // The ambulance is withdrawn a second after the start: it finishes its trip with 2 stretcher
  // patients, and the other 8 can never leave. Their phase ends when it is withdrawn, and the
  // phase of the others, which waits for it, opens: they all leave. (The phase used to wait for
  // the 8 for ever, and the 1,000 were left "phase not open".)
  const std::string phases =
      "phases: [{id: p1, name: {en: P1}, categories: [wounded]}, {id: p2, "
      "name: {en: P2}, categories: [people], start: {after: [{phase: p1}]}}]";
  const auto left = left_in({.ambulance = ", until: 2030-01-01T00:00:01Z", .phases = phases});
  EXPECT_EQ(at(left, LeftReason::NoVehicle), 8);
  EXPECT_EQ(at(left, LeftReason::PhaseNotOpen), 0);
  EXPECT_EQ(std::accumulate(left.begin(), left.end(), std::int64_t{0}), 8);
  // The same when the ambulance is lost (burned at the square at the start), with no trip.
  const auto lost =
      left_in({.phases = phases,
               .events = "events:\n  - {id: burned, kind: vehicle_loss, place: square, time: "
                         "2030-01-01T00:00Z, vehicles: 1, type: ambulance}"});
  EXPECT_EQ(at(lost, LeftReason::NoVehicle), 10);
  EXPECT_EQ(std::accumulate(lost.begin(), lost.end(), std::int64_t{0}), 10);
  // A second ambulance still to come (available at 2 h) carries them: nothing ends early.
  const auto later =
      left_in({.ambulance = "}, {type: ambulance, count: 1, available: 2030-01-01T02:00Z",
               .phases = phases,
               .events = "events:\n  - {id: burned, kind: vehicle_loss, place: square, time: "
                         "2030-01-01T00:00Z, vehicles: 1, type: ambulance}"});
  EXPECT_EQ(std::accumulate(later.begin(), later.end(), std::int64_t{0}), 0);
}

// The only escort is withdrawn at 10:00 (after the trip it is on): from then on no convoy can
// leave.
TEST(LeftAtTheEnd, NoEscortLeft) {
  std::string text = std::regex_replace(kLeft, std::regex("  - \\{id: ambulance"),
                                        "  - {id: escort, name: {en: Escort}, seats: 0, role: "
                                        "escort}\n  - {id: ambulance");
  text = std::regex_replace(text, std::regex("fleet: \\["),
                            "fleet: [{type: escort, count: 1, until: 2030-01-01T10:00Z}, ");
  const auto left = left_in({.buses = "1", .agreement = "convoy: {escort: {type: escort}}"}, text);
  EXPECT_GT(at(left, LeftReason::NoVehicle), 500);
  EXPECT_EQ(at(left, LeftReason::AwaitingTransport), 0);
}

TEST(LeftAtTheEnd, AQuotaReached) {
  const auto left = left_in(
      {.phases = "phases: [{id: p1, name: {en: P1}, categories: [wounded, people], quota: 410}]"});
  EXPECT_EQ(at(left, LeftReason::QuotaReached), 600);
  EXPECT_EQ(std::accumulate(left.begin(), left.end(), std::int64_t{0}), 600);
}

TEST(LeftAtTheEnd, TheCeasefireEndedOrMovementIsSuspended) {
  // Twenty buses move about 1,000 people an hour: after 30 min, most are still at the square.
  const auto over =
      left_in({.agreement = "ceasefire: [{from: 2030-01-01T00:00Z, to: 2030-01-01T00:30Z}]"});
  EXPECT_GT(at(over, LeftReason::CeasefireOver), 0);
  EXPECT_EQ(at(over, LeftReason::AwaitingTransport) + at(over, LeftReason::Suspended), 0);
  // A window still to come: movement is stopped, not over.
  const auto gap = left_in({.agreement = "ceasefire: [{from: 2030-01-01T00:00Z, to: "
                                         "2030-01-01T00:30Z}, {from: 2030-01-03T00:00Z}]"});
  EXPECT_EQ(at(gap, LeftReason::Suspended), at(over, LeftReason::CeasefireOver));
  const auto halted = left_in({.events = "events: [{id: halt, kind: suspension, from: "
                                         "2030-01-01T00:30Z, to: 2030-01-04T00:00Z}]"});
  EXPECT_EQ(at(halted, LeftReason::Suspended), at(over, LeftReason::CeasefireOver));
}

// Operation A may move half its people until B has moved half of its own; B's people come after
// the horizon: A is held at half by the linkage.
TEST(LeftAtTheEnd, HeldByALinkage) {
  std::string text = std::regex_replace(kLinked, std::regex("MOVEMENT"), "");
  text = std::regex_replace(text, std::regex("arrival: \\{uniform: \\[0 h, 10 h\\]\\}"),
                            "arrival: 40 d");
  model::Scenario s = load_text(text);
  Engine e(s, options_for(s));
  const ReplicationResult r = e.run(1, 0);
  EXPECT_EQ(at(r.operations[0].left_by_reason, LeftReason::Linkage), 1000);
  EXPECT_EQ(at(r.operations[1].left_by_reason, LeftReason::Coming), 800);
}

// kLinked with B's people coming after the horizon and, in place of its tranches, A made to
// follow B one for one while the window `when` (YAML keys from / until) says.
model::Scenario follow_while(const std::string& when) {
  std::string text = std::regex_replace(kLinked, std::regex("MOVEMENT"), "");
  text = std::regex_replace(text, std::regex("arrival: \\{uniform: \\[0 h, 10 h\\]\\}"),
                            "arrival: 40 d");
  text = text.substr(0, text.find("  linkages:"));
  return load_text(text +
                   "  linkages:\n    - {id: one-for-one, kind: ratio, lead: b, follow: a, "
                   "ratio: 1, " +
                   when + "}\n");
}

// When A boarded (hours), and when the linkage started or stopped binding.
struct LinkageCourse {
  std::vector<double> a_boarding;
  std::vector<std::pair<std::string, double>> changes;
  ReplicationResult result;
};

LinkageCourse run_linkage_course(const model::Scenario& s) {
  Engine e(s, options_for(s));
  LinkageCourse c;
  TraceSink sink = [&](const TraceRecord& t) {
    if (t.event == "boarding" && t.operation == 0) c.a_boarding.push_back(t.time.to_hours());
    if (t.event == "linkage-binds" || t.event == "linkage-lifted")
      c.changes.emplace_back(std::string(t.event), t.time.to_hours());
  };
  c.result = e.run(1, 0, sink);
  return c;
}

// Example 2 does not clear inside its 36-hour ceasefire: once the ceasefire is over and the
// last convoy on the road has stopped, nothing can move, and the replication ends there. What is
// counted until the end (the waiting of those left, idle vehicles, queues averaged over time) is
// then the same for a horizon of 4 days as of 300.
TEST(Engine, EndsOnceNothingCanMoveWhateverTheHorizon) {
  model::Scenario s = load_file("scenarios/examples/02-checkpoint-and-phases.yaml");
  auto run = [&](Duration horizon) {
    RunOptions o = options_for(s);
    o.horizon = horizon;
    return Engine(s, o).run(s.simulation.seed, 0);
  };
  const ReplicationResult shorter = run(Duration::days(4));
  const ReplicationResult longer = run(Duration::days(300));
  EXPECT_GE(shorter.end_h, 36.0);
  EXPECT_LT(shorter.end_h, 48.0);
  EXPECT_EQ(shorter.end_h, longer.end_h);
  EXPECT_EQ(shorter.events, longer.events);
  const OperationResult& a = shorter.operations[0];
  const OperationResult& b = longer.operations[0];
  EXPECT_GT(a.not_cleared, 0);
  EXPECT_EQ(a.not_cleared, b.not_cleared);
  EXPECT_EQ(a.wait_person_hours, b.wait_person_hours);
  EXPECT_EQ(a.utilisation, b.utilisation);
  ASSERT_EQ(shorter.checkpoints.size(), 1u);
  EXPECT_EQ(shorter.checkpoints[0].mean_queue, longer.checkpoints[0].mean_queue);
  // A ceasefire without an end: the replication runs until everyone is out, or to the horizon.
  s.agreement.ceasefire.back().to.reset();
  const ReplicationResult open = run(Duration::days(4));
  EXPECT_EQ(open.operations[0].not_cleared, 0);
  EXPECT_DOUBLE_EQ(open.end_h, open.clearance.t100_h);
  const ReplicationResult cut = run(Duration::hours(40));
  EXPECT_GT(cut.operations[0].not_cleared, 0);
  EXPECT_DOUBLE_EQ(cut.end_h, 40.0);  // at the horizon, not at the last event before it
}

// Two checkpoints held by two parties, one lane each, 10 min an inspection; 30 min a leg (square,
// gate 1, gate 2, camp: 1 h 50 min from the square to the camp with the two inspections of a
// lone bus); boarding and unloading take no time; POPULATION, FLEET and the agreement's AGREEMENT
// filled in, EVENTS appended.
std::string two_gates(const std::string& population, const std::string& fleet,
                      const std::string& agreement, const std::string& events = "") {
  return fmt::format(
      R"(mamar: 1
scenario: {{id: two-gates, name: {{en: Two gates}}}}
parties:
  - {{id: side-x, name: {{en: X}}}}
  - {{id: side-z, name: {{en: Z}}}}
categories:
  - {{id: civ, name: {{en: Civilians}}}}
places:
  - {{id: town, kind: origin, name: {{en: Town}}}}
  - {{id: square, kind: gathering_point, name: {{en: Square}}, bays: 10, boarding_time: {}}}
  - {{id: gate1, kind: checkpoint, name: {{en: Gate 1}}, party: side-x, lanes: 1, inspection: 10 min}}
  - {{id: gate2, kind: checkpoint, name: {{en: Gate 2}}, party: side-z, lanes: 1, inspection: 10 min}}
  - {{id: camp, kind: destination, name: {{en: Camp}}, unloading_time: 0}}
routes:
  - id: out
    legs:
      - {{from: square, to: gate1, time: 30 min}}
      - {{from: gate1, to: gate2, time: 30 min}}
      - {{from: gate2, to: camp, time: 30 min}}
vehicle_types:
  - {{id: bus, name: {{en: Bus}}, seats: 50}}
  - {{id: z-escort, name: {{en: Z escort}}, seats: 0, role: escort, party: side-z}}
operations:
  - id: op
    name: {{en: Op}}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population: [{}]
    fleet: [{}]
agreement:
  start: 2030-01-01T06:00Z
{}
simulation: {{replications: 1, seed: 1, horizon: 10 d}}
{})",
      population.find("boarding=") == 0 ? population.substr(9, population.find(';') - 9) : "0",
      population.find("boarding=") == 0 ? population.substr(population.find(';') + 1) : population,
      fleet, agreement, events);
}

// A replication cut short by the horizon ends at the horizon, not at its last event before it:
// what runs until the end (people waiting) runs until then. Movement from 08:00 (2 h in): the 150
// people wait from the start, and nothing happens between the curve's sample at 1 h and 2 h.
TEST(Engine, AReplicationCutByTheHorizonRunsToIt) {
  const model::Scenario s =
      load_text(two_gates("{category: civ, people: 150}", "{type: bus, count: 2}",
                          R"(  movement_hours: [{from: "08:00", to: "11:55"}])"));
  RunOptions o = options_for(s);
  o.horizon = Duration::minutes(119);
  const ReplicationResult r = Engine(s, o).run(1, 0);
  EXPECT_DOUBLE_EQ(r.end_h, 119.0 / 60);
  EXPECT_EQ(r.operations[0].not_cleared, 150);
  EXPECT_NEAR(r.operations[0].wait_person_hours, 150 * 119.0 / 60, 1e-9);  // 150 before
}

// People aboard a vehicle lost at the gathering point wait on from when they came, not from the
// loss: their time sitting in it is waiting. Two households of 50 come at 07:00 (1 min a person
// to board); the idle bus lost at 06:30 is one of four; at 07:10 two more: the idle one and a bus
// boarding. The other leaves at 07:50 (its 50 waited 50 min); the 50 put off wait for it to come
// back (07:50 + 2 x 1 h 50 min) and board until 12:20: 5 h 20 min from 07:00.
TEST(VehicleLoss, PeopleAboardOneLostAtTheGatheringPointWaitOnFromTheirArrival) {
  const model::Scenario s = load_text(two_gates(
      "boarding=1 min;{category: civ, people: 100, household_size: 50, arrival: 1 h}",
      "{type: bus, count: 4}", "",
      "events:\n"
      "  - {id: a, kind: vehicle_loss, place: square, time: 2030-01-01T06:30Z, vehicles: 1}\n"
      "  - {id: b, kind: vehicle_loss, place: square, time: 2030-01-01T07:10Z, vehicles: 2}\n"));
  const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
  const OperationResult& op = r.operations[0];
  EXPECT_EQ(op.arrived, 100);
  EXPECT_EQ(op.vehicles_lost, 3);
  EXPECT_DOUBLE_EQ(r.clearance.t100_h, (12 * 60 + 20 + 110 - 6 * 60) / 60.0);
  EXPECT_NEAR(op.wait_person_hours, 50 * 50 / 60.0 + 50 * 320 / 60.0, 1e-9);  // 300 before
}

// A checkpoint's longest queue counts the vehicles that wait, not those whose inspection starts
// as they come; an escort of the party that takes the checkpoint over leaves its line
// uninspected, and is neither one of its vehicles nor of their waits.
TEST(CheckpointChange, TheQueueAndTheVehiclesInspected) {
  // Two buses reach each gate together: one is inspected at once, one waits 10 min.
  const model::Scenario two =
      load_text(two_gates("{category: civ, people: 100}", "{type: bus, count: 2}", ""));
  ReplicationResult r = Engine(two, options_for(two)).run(1, 0);
  ASSERT_EQ(r.checkpoints.size(), 2U);
  for (const auto& cp : r.checkpoints) {
    EXPECT_EQ(cp.vehicles, 2);
    EXPECT_EQ(cp.max_queue, 1);  // 2 before
    EXPECT_DOUBLE_EQ(cp.mean_wait_min, 5.0);
  }
  // With side Z's escort, last in the line of gate 1 (06:30: the buses 06:30-06:40 and
  // 06:40-06:50, it 06:50-07:00): side Z takes the gate over at 06:35 and waves it out of the
  // line. Inspected there: the two buses (waits 0 and 10 min); two waited at once.
  const model::Scenario escorted = load_text(
      two_gates("{category: civ, people: 100}", "{type: bus, count: 2}, {type: z-escort, count: 1}",
                "  convoy: {escort: {type: z-escort, count: 1}}",
                "events:\n  - {id: z-takes-it, kind: checkpoint_change, place: gate1, "
                "time: 2030-01-01T06:35Z, party: side-z}\n"));
  r = Engine(escorted, options_for(escorted)).run(1, 0);
  EXPECT_EQ(r.checkpoints[0].vehicles, 2);  // 3 before
  EXPECT_EQ(r.checkpoints[0].max_queue, 2);
  EXPECT_DOUBLE_EQ(r.checkpoints[0].max_wait_min, 10.0);
  EXPECT_DOUBLE_EQ(r.clearance.t100_h, (50 + 30 + 20 + 30) / 60.0);  // through gate 1 at 06:50
}

// One gathering point with BAYS bays (1 min a person to board), a leg of 30 min to the camp (1 min
// a person to unload); VEHICLE_TYPES, OPERATION (population, fleet, phases) and AGREEMENT filled
// in.
std::string one_leg(int bays, const std::string& vehicle_types, const std::string& categories,
                    const std::string& operation, const std::string& agreement = "") {
  return fmt::format(R"(mamar: 1
scenario: {{id: one-leg, name: {{en: One leg}}}}
categories:
{}
places:
  - {{id: town, kind: origin, name: {{en: Town}}}}
  - {{id: square, kind: gathering_point, name: {{en: Square}}, bays: {}, boarding_time: 1 min}}
  - {{id: camp, kind: destination, name: {{en: Camp}}, unloading_time: 1 min}}
routes:
  - id: out
    legs: [{{from: square, to: camp, time: 30 min}}]
vehicle_types:
{}
operations:
  - id: op
    name: {{en: Op}}
    origin: town
    gathering_point: square
    destination: camp
    route: out
{}
agreement:
  start: 2030-01-01T06:00Z
{}
)",
                     categories, bays, vehicle_types, operation, agreement);
}

// A phase ends as its last people board, and the next opens there and then for the bays still
// free: two wounded and two civilians come at 06:01, two bays, buses of two seats. Both board at
// 06:01 (the civilians waited for the wounded's phase to be noticed over before: 06:03), leave
// together at 06:03, and are out at 06:35.
TEST(Phases, TheNextOpensAsTheLastOfOneBoard) {
  const model::Scenario s =
      load_text(one_leg(2, "  - {id: bus, name: {en: Bus}, seats: 2}",
                        "  - {id: w, name: {en: W}}\n  - {id: civ, name: {en: Civ}}",
                        "    population:\n"
                        "      - {category: w, people: 2, arrival: 1 min}\n"
                        "      - {category: civ, people: 2, arrival: 1 min}\n"
                        "    fleet: [{type: bus, count: 10}]\n"
                        "    phases:\n"
                        "      - {id: p1, name: {en: P1}, categories: [w], order: 1}\n"
                        "      - {id: p2, name: {en: P2}, categories: [civ], order: 2}"));
  const Traced t = run_traced(Engine(s, options_for(s)), "phase-ended");
  ASSERT_FALSE(t.records.empty());
  EXPECT_EQ(t.records[0].time, Duration::minutes(1));
  EXPECT_DOUBLE_EQ(t.result.clearance.t100_h, 35.0 / 60);  // 37 min before
}

// The bays go by the rule of vehicle types (stretcher vehicles first while stretcher patients
// wait, else last) for vehicles that become available together, whatever the order of the fleet's
// list: before, the batch listed first took the bays.
TEST(Bays, VehiclesAvailableTogetherTakeThemByTheRuleNotTheListOrder) {
  auto scenario = [](const std::string& fleet, const std::string& population) {
    return load_text(one_leg(
        1,
        "  - {id: bus, name: {en: Bus}, seats: 4}\n"
        "  - {id: amb, name: {en: Ambulance}, seats: 1, stretchers: 1}",
        "  - {id: wounded, name: {en: Wounded}, stretcher: 100%}\n  - {id: civ, name: {en: Civ}}",
        "    population:\n" + population + "    fleet: " + fleet));
  };
  // A household of two stretcher patients and four civilians at 06:00: an ambulance takes the
  // bay first (a patient, 1 min; the other ambulance the other, 2 min), the bus the civilians
  // (4 min): out at 06:38 whichever batch is listed first (06:39 with the bus first before).
  const std::string both =
      "      - {category: wounded, people: 2, household_size: 2}\n"
      "      - {category: civ, people: 4}\n";
  for (const std::string fleet : {"[{type: bus, count: 1}, {type: amb, count: 2}]",
                                  "[{type: amb, count: 2}, {type: bus, count: 1}]"}) {
    const model::Scenario s = scenario(fleet, both);
    const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
    EXPECT_DOUBLE_EQ(r.clearance.t100_h, 38.0 / 60) << fleet;
    EXPECT_EQ(r.operations[0].trips, 3) << fleet;
  }
  // Civilians only, the ambulances listed first: the bus takes all four in one trip (an
  // ambulance took the bay first before, and one of them: two trips).
  const model::Scenario civilians = scenario("[{type: amb, count: 2}, {type: bus, count: 1}]",
                                             "      - {category: civ, people: 4}\n");
  const ReplicationResult r = Engine(civilians, options_for(civilians)).run(1, 0);
  EXPECT_EQ(r.operations[0].trips, 1);
  EXPECT_DOUBLE_EQ(r.clearance.t100_h, 38.0 / 60);
}

// A linkage stops holding an operation back once the other has nobody left to board, there and
// then (before, at the other's next departure). A has two people at 06:00 and two at 09:00, and
// may leave only every 4 h (its second convoy at 10:02); B has four, and half of them wait for A's
// 100%: they board at 09:00 as A's last board, and are out at 09:34.
TEST(Linkage, NobodyLeftToBoardHoldsNoOneBack) {
  auto linked = [](const std::string& linkage, const std::string& a_people) {
    return load_text(R"(mamar: 1
scenario: {id: linked, name: {en: Linked}}
categories:
  - {id: civ, name: {en: Civ}}
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: ga, kind: gathering_point, name: {en: GA}, bays: 2, boarding_time: 1 min}
  - {id: gb, kind: gathering_point, name: {en: GB}, bays: 2, boarding_time: 1 min}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 1 min}
routes:
  - {id: ra, legs: [{from: ga, to: camp, time: 30 min}]}
  - {id: rb, legs: [{from: gb, to: camp, time: 30 min}]}
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 2}
operations:
  - id: a
    name: {en: A}
    origin: town
    gathering_point: ga
    destination: camp
    route: ra
    population:
      - {category: civ, people: )" +
                     a_people + R"(}
      - {category: civ, people: 2, arrival: 3 h}
    fleet: [{type: bus, count: 2}]
    convoy: {headway: 4 h}
  - id: b
    name: {en: B}
    origin: town
    gathering_point: gb
    destination: camp
    route: rb
    population: [{category: civ, people: 4}]
    fleet: [{type: bus, count: 2}]
agreement:
  start: 2030-01-01T06:00Z
  linkages:
)" + linkage);
  };
  const model::Scenario tranches = linked(
      "    - {id: t, kind: tranches, tranches: [{a: 100%, b: 50%}, {a: 100%, b: 100%}]}\n", "2");
  ReplicationResult r = Engine(tranches, options_for(tranches)).run(1, 0);
  EXPECT_DOUBLE_EQ(r.operations[1].clearance.t100_h, 3 + 34.0 / 60);  // 4.6 h before
  // A ratio: B may have half of A's departed and one more; A's first convoy took two of its six.
  // B's last board at 09:00 as A's last do, and are out at 09:32 (two of B, on the road at
  // 06:02 and 07:04 + 1 min...): 3.5333 h.
  const model::Scenario ratio =
      linked("    - {id: r, kind: ratio, lead: a, follow: b, ratio: 0.5, allowance: 1}\n", "4");
  r = Engine(ratio, options_for(ratio)).run(1, 0);
  EXPECT_DOUBLE_EQ(r.operations[1].clearance.t100_h, 3 + 32.0 / 60);  // 4.5667 h before
}

// A curve at a time gives the state after the events of that instant: 60 people board one bus at
// one minute each, so that it leaves at 1 h; at 1 h they are in transit (before: inside, the
// sample taken ahead of the departure), at 1:30 they reach the camp, unloaded by 2:30.
TEST(Curves, TheStateOnceTheEventsOfTheInstantHaveRun) {
  const model::Scenario s = load_text(one_leg(1, "  - {id: bus, name: {en: Bus}, seats: 60}",
                                              "  - {id: civ, name: {en: Civ}}",
                                              "    population: [{category: civ, people: 60}]\n"
                                              "    fleet: [{type: bus, count: 1}]"));
  const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
  const OperationResult& op = r.operations[0];
  ASSERT_GE(op.inside.size(), 4U);
  EXPECT_EQ(op.inside[0], 60);
  EXPECT_EQ(op.inside[1], 0);  // 60 before
  EXPECT_EQ(op.in_transit[1], 60);
  EXPECT_EQ(op.in_transit[2], 60);
  EXPECT_EQ(op.out[3], 60);
  EXPECT_DOUBLE_EQ(r.clearance.t100_h, 2.5);
  // The replication ends at 2:30: every later sample, to the horizon, holds the state at its end.
  ASSERT_EQ(r.gathering_points.size(), 1U);
  for (std::size_t k = 3; k < op.inside.size(); ++k) {
    EXPECT_EQ(op.inside[k], 0) << k;
    EXPECT_EQ(op.in_transit[k], 0) << k;
    EXPECT_EQ(op.out[k], 60) << k;
    EXPECT_EQ(r.gathering_points[0].waiting.at(k), 0) << k;
  }
}

// A replication that ends with people still waiting (they come at 07:00, the only bus withdrawn
// at 06:30) ends with the ceasefire at 07:30 and holds them inside and waiting to the horizon.
TEST(Curves, HoldTheirLastValuesAfterTheEnd) {
  const model::Scenario s = load_text(
      one_leg(1, "  - {id: bus, name: {en: Bus}, seats: 60}", "  - {id: civ, name: {en: Civ}}",
              "    population: [{category: civ, people: 60, arrival: 1 h}]\n"
              "    fleet: [{type: bus, count: 1, until: 2030-01-01T06:30Z}]",
              "  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T07:30Z}]"));
  const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
  EXPECT_DOUBLE_EQ(r.end_h, 1.5);
  const OperationResult& op = r.operations[0];
  ASSERT_EQ(r.gathering_points.size(), 1U);
  ASSERT_GE(op.inside.size(), 5U);
  EXPECT_EQ(r.gathering_points[0].waiting[0], 0);
  for (std::size_t k = 1; k < op.inside.size(); ++k) {
    EXPECT_EQ(op.inside[k], 60) << k;
    EXPECT_EQ(op.in_transit[k], 0) << k;
    EXPECT_EQ(op.out[k], 0) << k;
    EXPECT_EQ(r.gathering_points[0].waiting[k], 60) << k;
  }
}

// People left waiting whom no vehicle left can carry are "no vehicle", whatever else holds: here
// households of 4, and once the 40-seat bus is withdrawn (its `until` at 07:00; it takes the
// first 40 at 06:40 and is withdrawn when back) only a van of 2 seats (before: counted as waiting
// for transport, as the van has seats).
TEST(LeftAtTheEnd, HouseholdsNoVehicleLeftCanCarry) {
  const model::Scenario s = load_text(one_leg(
      2,
      "  - {id: bus, name: {en: Bus}, seats: 40}\n"
      "  - {id: van, name: {en: Van}, seats: 2}",
      "  - {id: civ, name: {en: Civ}}",
      "    population: [{category: civ, people: 400, household_size: 4}]\n"
      "    fleet: [{type: bus, count: 1, until: 2030-01-01T07:00Z}, {type: van, count: 1}]"));
  RunOptions o = options_for(s);
  o.horizon = Duration::days(1);
  const ReplicationResult r = Engine(s, o).run(1, 0);
  const OperationResult& op = r.operations[0];
  EXPECT_EQ(op.arrived, 40);
  EXPECT_EQ(op.not_cleared, 360);
  EXPECT_EQ(op.left_by_reason[static_cast<std::size_t>(LeftReason::NoVehicle)], 360);
}

// An escort type with `private: true` goes one way, as a private car does: it stays at the
// destination with its convoy. One escort, convoys of one bus each needing it: the first leaves,
// the second waits for an escort that never comes back ("no vehicle or escort").
TEST(Escorts, APrivateOneGoesOneWay) {
  const auto text = [](const std::string& escort_private) {
    return one_leg(2,
                   "  - {id: bus, name: {en: Bus}, seats: 10}\n"
                   "  - {id: guard, name: {en: Guard}, seats: 0, role: escort, private: " +
                       escort_private + "}",
                   "  - {id: civ, name: {en: Civ}}",
                   "    population: [{category: civ, people: 20}]\n"
                   "    fleet: [{type: bus, count: 2}, {type: guard, count: 1}]",
                   "  convoy: {min_vehicles: 1, max_vehicles: 1, escort: {type: guard}}");
  };
  model::Scenario s = load_text(text("true"));
  RunOptions o = options_for(s);
  o.horizon = Duration::days(1);
  ReplicationResult r = Engine(s, o).run(1, 0);
  EXPECT_EQ(r.operations[0].arrived, 10);
  EXPECT_EQ(r.operations[0].left_by_reason[static_cast<std::size_t>(LeftReason::NoVehicle)], 10);
  s = load_text(text("false"));
  r = Engine(s, o).run(1, 0);
  EXPECT_EQ(r.operations[0].arrived, 20);  // it comes back for the second
}

// The curves keep at most 10,001 points: over a horizon of years the step widens, to a whole
// multiple of the one asked for. They end at the horizon, the last step cut short there.
TEST(Engine, CurvesOfALongHorizonKeepTheirSize) {
  model::Scenario s = load_file("scenarios/examples/01-minimal.yaml");
  RunOptions o = options_for(s);
  o.horizon = Duration::days(3650);
  const ReplicationResult r = Engine(s, o).run(1, 0);
  // 87,600 hours: in steps of 9 hours (8 would make 10,950), 9,733 of them and 3 hours.
  ASSERT_EQ(r.curve_times_h.size(), 9735u);
  EXPECT_DOUBLE_EQ(r.curve_times_h[1], 9.0);
  EXPECT_DOUBLE_EQ(r.curve_times_h[9733], 87597.0);
  EXPECT_DOUBLE_EQ(r.curve_times_h.back(), 87600.0);
  EXPECT_EQ(r.operations[0].out.size(), 9735u);
  o.horizon = Duration::days(30);
  EXPECT_EQ(Engine(s, o).run(1, 0).curve_times_h.size(), 721u);
  // 10,000 hours and a half: 10,001 steps of an hour would make 10,002 points; steps of 2 hours
  // make 5,001 and the half hour, 5,002 points.
  o.horizon = Duration::hours(10000.5);
  const ReplicationResult half = Engine(s, o).run(1, 0);
  ASSERT_EQ(half.curve_times_h.size(), 5002u);
  EXPECT_DOUBLE_EQ(half.curve_times_h[1], 2.0);
  EXPECT_DOUBLE_EQ(half.curve_times_h.back(), 10000.5);
}

// Agreed two hours in: A moves freely until then, and from then on nobody more of it boards
// (B, which it follows one for one, has moved nobody). It stays over the linkage's cap.
TEST(Linkage, BindsFromItsTime) {
  const LinkageCourse c = run_linkage_course(follow_while("from: 2030-01-01T02:00Z"));
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0], (std::pair<std::string, double>("linkage-binds", 2.0)));
  ASSERT_FALSE(c.a_boarding.empty());
  for (double h : c.a_boarding) EXPECT_LT(h, 2.0);
  const OperationResult& a = c.result.operations[0];
  EXPECT_GT(a.arrived, 400);  // at least the first round of 10 buses of 40
  EXPECT_LT(a.arrived, 2000);
  EXPECT_EQ(at(a.left_by_reason, LeftReason::Linkage), 2000 - a.arrived);
}

// Lifted six hours in: A boards nobody until then, and everyone after. It binds from the start.
TEST(Linkage, StopsBindingAtItsUntil) {
  const LinkageCourse c = run_linkage_course(follow_while("until: 2030-01-01T06:00Z"));
  ASSERT_EQ(c.changes.size(), 2u);
  EXPECT_EQ(c.changes[0], (std::pair<std::string, double>("linkage-binds", 0.0)));
  EXPECT_EQ(c.changes[1], (std::pair<std::string, double>("linkage-lifted", 6.0)));
  ASSERT_FALSE(c.a_boarding.empty());
  EXPECT_DOUBLE_EQ(c.a_boarding.front(), 6.0);
  EXPECT_EQ(c.result.operations[0].arrived, 2000);
}

// Binding between two times: free before, held between, free after.
TEST(Linkage, BindsBetweenItsTimes) {
  const LinkageCourse c =
      run_linkage_course(follow_while("from: 2030-01-01T02:00Z, until: 2030-01-01T12:00Z"));
  ASSERT_EQ(c.changes.size(), 2u);
  EXPECT_EQ(c.changes[1], (std::pair<std::string, double>("linkage-lifted", 12.0)));
  for (double h : c.a_boarding) EXPECT_TRUE(h < 2.0 || h >= 12.0) << h;
  EXPECT_TRUE(
      std::any_of(c.a_boarding.begin(), c.a_boarding.end(), [](double h) { return h < 2.0; }));
  EXPECT_DOUBLE_EQ(
      *std::find_if(c.a_boarding.begin(), c.a_boarding.end(), [](double h) { return h >= 2.0; }),
      12.0);
  EXPECT_EQ(c.result.operations[0].arrived, 2000);
}

// The East Aleppo replay, with scheduled events only, against the course the sources record.
// Tolerances are stated in docs/simulation.md ("Historical replay").
TEST(History, AleppoReplayFollowsTheRecord) {
  model::Scenario s = load_file("scenarios/aleppo-2016.yaml");
  RunOptions o = options_for(s);
  o.stochastic_risks = false;
  Engine e(s, o);
  std::vector<double> day_one, inside_21_evening, last_departure;
  int cleared = 0;
  for (std::uint64_t rep = 0; rep < 20; ++rep) {
    ReplicationResult r = e.run(s.simulation.seed, rep);
    const auto& aleppo = r.operations[0];
    // 16 Dec 05:00 is 24 h after the start; 21 Dec 20:00 is 159 h.
    day_one.push_back(aleppo.out[24]);
    inside_21_evening.push_back(aleppo.inside[159]);
    last_departure.push_back(aleppo.last_departure_h);
    cleared += aleppo.not_cleared == 0 ? 1 : 0;
    // The recorded halts, in every replication: nobody leaves before the first crossing (the
    // suspension to 14:00 on 15 Dec, 9 h), during the suspension of 16 to 18 Dec (30 to 90 h)
    // or the stall of 20 to 21 Dec (129 to 156 h); people leave between the two.
    EXPECT_EQ(aleppo.inside[8], aleppo.inside[0]) << rep;
    EXPECT_EQ(aleppo.inside[89], aleppo.inside[31]) << rep;
    EXPECT_EQ(aleppo.inside[155], aleppo.inside[130]) << rep;
    EXPECT_LT(aleppo.inside[129], aleppo.inside[90] - 5000) << rep;
  }
  // Everyone out of East Aleppo before the ceasefire ends.
  EXPECT_EQ(cleared, 20);
  // About 6,000 out in the first day [seed 000] [seed 001]: 3,000 to 9,000.
  EXPECT_GE(median(day_one), 3000);
  EXPECT_LE(median(day_one), 9000);
  // About 1,500 left on the evening of 21 Dec [seed 000]: on average over the replays, half to
  // twice as many (750 to 3,000). The mean, as that evening falls in the burst of convoys leaving
  // after the stall, which half the replays are past and half not: their median jumps by
  // thousands with small changes of timing. Without the recorded halts about 440 are left.
  const double inside_21_mean =
      std::accumulate(inside_21_evening.begin(), inside_21_evening.end(), 0.0) / 20;
  EXPECT_GE(inside_21_mean, 750);
  EXPECT_LE(inside_21_mean, 3000);
  // The last convoy on the evening of 22 Dec [seed 000] [seed 001]: between 22 Dec 00:00
  // (163 h) and 23 Dec 06:00 (193 h).
  EXPECT_GE(median(last_departure), 163);
  EXPECT_LE(median(last_departure), 193);
  std::printf(
      "replay medians: day one %.0f, inside on 21 Dec 20:00 %.0f (mean %.0f), last departure "
      "%.1f h; cleared in %d of 20\n",
      median(day_one), median(inside_21_evening), inside_21_mean, median(last_departure), cleared);
}

// Two operations, a and b, of 20 people each, at gathering points GA and GB (`shared`: one place,
// GA, for both), a bus of 10 seats each to start with, one leg of 30 min to the destination.
// `a_extra` and `b_extra` are appended to each operation's mapping (a's population and fleet are
// `a_body`), `agreement_extra` to the agreement, `ga` to GA's mapping.
std::string two_operations(
    bool shared, const std::string& a_extra, const std::string& b_extra,
    const std::string& ga = "boarding_time: 1 min", const std::string& agreement_extra = "",
    const std::string& a_body =
        "population: [{category: civ, people: 20}], fleet: [{type: bus, count: 1}]") {
  std::string text = R"(mamar: 1
scenario: {id: two, name: {en: Two}}
categories:
  - {id: civ, name: {en: Civ}}
places:
  - {id: o, kind: origin, name: {en: O}}
  - {id: ga, kind: gathering_point, name: {en: GA}, GA_PLACE}
  - {id: gb, kind: gathering_point, name: {en: GB}, boarding_time: 1 min}
  - {id: d, kind: destination, name: {en: D}, unloading_time: 30 s}
routes:
  - {id: ra, legs: [{from: ga, to: d, time: 30 min}]}
  - {id: rb, legs: [{from: GB, to: d, time: 30 min}]}
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 10}
operations:
  - {id: a, name: {en: A}, origin: o, gathering_point: ga, destination: d, route: ra,
     A_BODYA_EXTRA}
  - {id: b, name: {en: B}, origin: o, gathering_point: GB, destination: d, route: rb,
     population: [{category: civ, people: 20}], fleet: [{type: bus, count: 1}]B_EXTRA}
agreement:
  start: 2030-01-01T00:00Z
  AGREEMENT_EXTRA
)";
  text = std::regex_replace(text, std::regex("GA_PLACE"), ga);
  text = std::regex_replace(text, std::regex("GB"), shared ? "ga" : "gb");
  text = std::regex_replace(text, std::regex("A_BODY"), a_body);
  text = std::regex_replace(text, std::regex("A_EXTRA"), a_extra);
  text = std::regex_replace(text, std::regex("B_EXTRA"), b_extra);
  return std::regex_replace(text, std::regex("AGREEMENT_EXTRA"), agreement_extra);
}

// When each operation first boards someone, in hours (-1: never), in replication 0.
std::vector<double> first_boarding_h(const std::string& text) {
  model::Scenario s = load_text(text);
  const Traced t = run_traced(Engine(s, options_for(s)), "boarding");
  std::vector<double> first(s.operations.size(), -1);
  for (const auto& r : t.records) {
    auto& f = first[static_cast<std::size_t>(r.operation)];
    if (f < 0) f = r.time.to_hours();
  }
  return first;
}

// A phase after a phase of another operation opens when that phase ends, not at the next thing
// that happens in its own operation (its people waited until a's bus departed, 1 h 40 min late,
// and for ever when a could not depart).
TEST(Phases, AfterAPhaseOfAnotherOperationOpensWhenItEnds) {
  // a boards 10 people at 0 (10 min each) and the last 10 at 2 h 45 min, after its bus's round
  // trip: its phase ends then, and b's opens.
  const std::string text = two_operations(
      false, ", phases: [{id: pa, name: {en: PA}, categories: [civ]}]",
      ", phases: [{id: pb, name: {en: PB}, categories: [civ], start: {after: [{operation: a, "
      "phase: pa}]}}]",
      "boarding_time: 10 min");
  const auto first = first_boarding_h(text);
  EXPECT_EQ(first[0], 0.0);
  EXPECT_DOUBLE_EQ(first[1], 2.75);
  // a's ceasefire ends before its last bus can leave: b goes all the same.
  model::Scenario s = load_text(std::regex_replace(
      text, std::regex("phases: \\[\\{id: pa"),
      "ceasefire: [{from: 2030-01-01T00:00Z, to: 2030-01-01T02:50Z}], phases: [{id: pa"));
  const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
  EXPECT_EQ(r.operations[1].arrived, 20);
}

// A bay freed at a gathering point that two operations share is taken by the other's people at
// once: a's full bus leaves its only bay at 10 min but waits for a second bus (min_vehicles 2,
// and 10 more of a's people at 5 h); b's bus boards then, not when a's convoy leaves.
TEST(SharedGatheringPoint, ABayFreedIsTakenByAnotherOperationAtOnce) {
  const std::string text =
      two_operations(true, ", convoy: {min_vehicles: 2}", "", "boarding_time: 1 min, bays: 1", "",
                     "fleet: [{type: bus, count: 2}], population: [{category: civ, people: 10}, "
                     "{category: civ, people: 10, arrives_from: 2030-01-01T05:00Z}]");
  const auto first = first_boarding_h(text);
  EXPECT_EQ(first[0], 0.0);
  EXPECT_NEAR(first[1], 10.0 / 60, 1e-9);
}

// An untraced run ends as a traced one: those come by the end are waiting, not still to come,
// and the phases are open where a traced run has opened them (the untraced one parks arrivals
// while no vehicle can take them, and had not looked since its last event).
TEST(LeftAtTheEnd, AnUntracedRunEndsAsATracedOne) {
  // 20 people of a come over hours (exponential, mean 1 h), its bus only at 5 h, and b's too;
  // the run ends at 3 h.
  std::string late = two_operations(
      false, "", "", "boarding_time: 1 min", "",
      "fleet: [{type: bus, count: 1, available: 2030-01-01T05:00Z}], population: [{category: "
      "civ, people: 20, arrival: {exponential: 1 h}}]");
  late = std::regex_replace(late, std::regex("count: 1\\}\\]\\}\nagreement"),
                            "count: 1, available: 2030-01-01T05:00Z}]}\nagreement");
  ASSERT_NE(late.find("count: 1, available: 2030-01-01T05:00Z}]}\nagreement"), std::string::npos);
  model::Scenario s = load_text(late);
  RunOptions options = options_for(s);
  options.horizon = Duration::hours(3);
  const Engine e(s, options);
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const ReplicationResult plain = e.run(1, rep);
    const ReplicationResult traced = e.run(1, rep, [](const TraceRecord&) {});
    const auto& a = plain.operations[0];
    const auto& b = traced.operations[0];
    EXPECT_EQ(a.left_by_reason, b.left_by_reason) << rep;
    EXPECT_EQ(a.wait_person_hours, b.wait_person_hours) << rep;
    EXPECT_EQ(a.left_by_reason[static_cast<std::size_t>(LeftReason::PhaseNotOpen)], 0) << rep;
    EXPECT_GT(a.left_by_reason[static_cast<std::size_t>(LeftReason::AwaitingTransport)], 0) << rep;
  }
}

// A linkage no longer holds an operation back for one that can board nobody more: b's phase
// stops at its quota of 10 (the other 10 stay), and a, which may move as many as b (ratio 1),
// moves all its 20.
TEST(Linkages, AGateOpensWhenTheOtherSideCanBoardNobodyMore) {
  const std::string text = two_operations(
      false, "", ", phases: [{id: p, name: {en: P}, categories: [civ], quota: 10}]",
      "boarding_time: 1 min", "linkages: [{id: l, kind: ratio, lead: b, follow: a, ratio: 1}]");
  model::Scenario s = load_text(text);
  const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
  EXPECT_EQ(r.operations[0].arrived, 20);
  EXPECT_EQ(r.operations[1].arrived, 10);
  EXPECT_EQ(r.operations[1].left_by_reason[static_cast<std::size_t>(LeftReason::QuotaReached)], 10);
}

// Two operations of 10 people, a bus of 5 seats each, under tranches of half and then the rest;
// a's route passes a checkpoint (30 min each side), b's is one leg of 1 h. MEASURE, A_FLEET and
// EVENTS are put in.
std::string halves(const std::string& measure, const std::string& a_fleet,
                   const std::string& events) {
  return R"(mamar: 1
scenario: {id: halves, name: {en: Halves}}
parties: [{id: px, name: {en: PX}, role: besieging}]
categories: [{id: civ, name: {en: Civ}}]
places:
  - {id: a-o, kind: origin, name: {en: ao}}
  - {id: a-g, kind: gathering_point, name: {en: ag}, bays: 5, boarding_time: 0}
  - {id: a-d, kind: destination, name: {en: ad}, unloading_time: 0}
  - {id: a-cp, kind: checkpoint, name: {en: acp}, party: px, lanes: 1, inspection: 0}
  - {id: b-o, kind: origin, name: {en: bo}}
  - {id: b-g, kind: gathering_point, name: {en: bg}, bays: 5, boarding_time: 0}
  - {id: b-d, kind: destination, name: {en: bd}, unloading_time: 0}
routes:
  - {id: a-r, legs: [{from: a-g, to: a-cp, time: 30 min}, {from: a-cp, to: a-d, time: 30 min}]}
  - {id: b-r, legs: [{from: b-g, to: b-d, time: 1 h}]}
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 5}
  - {id: amb, name: {en: Amb}, seats: 0, stretchers: 1}
operations:
  - {id: a, name: {en: a}, origin: a-o, gathering_point: a-g, destination: a-d, route: a-r,
     population: [{category: civ, people: 10}], fleet: [)" +
         a_fleet + R"(]}
  - {id: b, name: {en: b}, origin: b-o, gathering_point: b-g, destination: b-d, route: b-r,
     population: [{category: civ, people: 10}], fleet: [{type: bus, count: 1}]}
agreement:
  start: 2030-01-01T00:00+00:00
  linkages:
    - {id: lk, kind: tranches, measure: )" +
         measure + R"(, tranches: [{a: 50%, b: 50%}, {a: 100%, b: 100%}]}
events: [)" +
         events +
         R"(]
simulation: {replications: 1, seed: 1, horizon: 3 d}
)";
}

// Under a measure of people arrived, people removed on the way never arrive: others board in
// their place, or the tranche could never complete and both operations would wait to the end.
TEST(Linkages, UnderAnArrivedMeasureOthersBoardInPlaceOfThoseRemoved) {
  model::Scenario s = load_text(
      halves("arrived", "{type: bus, count: 1}",
             "{id: rm, kind: removal, operations: [a], place: a-cp, time: 2030-01-01T00:00+00:00, "
             "categories: [civ], share: 1}"));
  const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
  EXPECT_EQ(r.operations[0].removed, 5) << "a's first bus, at the checkpoint";
  EXPECT_EQ(r.operations[0].arrived, 5);
  EXPECT_EQ(r.operations[1].arrived, 10);
  for (std::size_t o = 0; o < r.operations.size(); ++o) {
    const auto& op = r.operations[o];
    EXPECT_EQ(op.left_by_reason[static_cast<std::size_t>(LeftReason::Linkage)], 0) << o;
    EXPECT_FALSE(std::isnan(op.clearance.t100_h)) << o;
  }
  // a's bus, back at 2 h, takes those who take the removed people's places in the first
  // tranche, a's last 5, who arrive at 3 h. With them the first tranche is complete, counted on
  // arrivals: b's second half boards then (its bus is back since 2 h) and arrives at 4 h. (The
  // tranche once passed when a had nobody left to board, at 2 h, before any of a had arrived.)
  EXPECT_DOUBLE_EQ(r.operations[0].clearance.t100_h, 3.0);
  EXPECT_DOUBLE_EQ(r.operations[1].clearance.t100_h, 4.0);
}

// ... and they board at once, when the people they replace are removed (or killed), with a
// vehicle there to take them: a's second bus took them only at the next arrival of anyone, here
// b's first at 1 h.
TEST(Linkages, UnderAnArrivedMeasureOthersBoardAsSoonAsThoseTheyReplaceAreRemoved) {
  for (const std::string kind :
       {"kind: removal, categories: [civ], share: 1", "kind: fire, killed: 5, injured: 0"}) {
    model::Scenario s = load_text(halves(
        "arrived", "{type: bus, count: 2}",
        "{id: rm, operations: [a], place: a-cp, time: 2030-01-01T00:00+00:00, " + kind + "}"));
    std::vector<Duration> boarded;  // when a's vehicles start boarding
    const ReplicationResult r = Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) {
      if (t.event == "boarding" && t.operation == 0) boarded.push_back(t.time);
    });
    EXPECT_EQ(r.operations[0].removed + r.operations[0].killed, 5) << kind;
    EXPECT_EQ(r.operations[0].arrived, 5) << kind;
    EXPECT_EQ(boarded, (std::vector<Duration>{Duration(), Duration::minutes(30)})) << kind;
    EXPECT_DOUBLE_EQ(r.operations[0].clearance.t100_h, 1.5) << kind;
  }
}

// Example 3 with its tranches counted on people arrived: each tranche passes as its people
// arrive (a count of arrivals moves after the event that settles them), and nobody is left held
// by the linkage.
TEST(Linkages, TranchesCountedOnArrivalsPassAsPeopleArrive) {
  std::ifstream in(std::filesystem::path(MAMAR_SOURCE_DIR) /
                   "scenarios/examples/03-linked-operations.yaml");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string arrived =
      std::regex_replace(text, std::regex("measure: departed "), "measure: arrived  ");
  ASSERT_NE(arrived, text);
  model::Scenario s = load_text(arrived);
  const Engine e(s, options_for(s));
  for (std::uint64_t rep = 0; rep < 5; ++rep) {
    const ReplicationResult r = e.run(1, rep);
    for (std::size_t o = 0; o < r.operations.size(); ++o) {
      const auto& op = r.operations[o];
      EXPECT_EQ(op.left_by_reason[static_cast<std::size_t>(LeftReason::Linkage)], 0) << rep << o;
      EXPECT_FALSE(std::isnan(op.clearance.t100_h)) << rep << o;
    }
  }
}

// Once the lead has nobody left to board, a ratio counted on departures lets the follower go at
// once: the lead's measure is final. Counted on arrivals, it is final only once the lead's last
// people are in: a boards its 10 at 0 h and they arrive at 2 h; b, held to a's arrivals + 5,
// sends 5 at 0 h, and the rest once a's are in (the gate opened at a's exhaustion, and b's 100
// left at 0 h, before a single one of a's had arrived). A removal of all of a's people on the way
// makes a's measure final as well, at the checkpoint.
TEST(Linkages, CountedOnArrivalsTheGateOpensOnceTheOtherSidesLastAreIn) {
  auto scenario = [](const std::string& measure, const std::string& events) {
    return load_text(R"(mamar: 1
scenario: {id: final, name: {en: Final}}
parties: [{id: px, name: {en: PX}, role: besieging}]
categories: [{id: civ, name: {en: Civ}}]
places:
  - {id: o, kind: origin, name: {en: O}}
  - {id: ga, kind: gathering_point, name: {en: GA}, bays: 5, boarding_time: 0}
  - {id: gb, kind: gathering_point, name: {en: GB}, bays: 5, boarding_time: 0}
  - {id: cp, kind: checkpoint, name: {en: CP}, party: px, lanes: 1, inspection: 0}
  - {id: d, kind: destination, name: {en: D}, unloading_time: 0}
routes:
  - {id: ra, legs: [{from: ga, to: cp, time: 1 h}, {from: cp, to: d, time: 1 h}]}
  - {id: rb, legs: [{from: gb, to: d, time: 30 min}]}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 100}]
operations:
  - {id: a, name: {en: A}, origin: o, gathering_point: ga, destination: d, route: ra,
     population: [{category: civ, people: 10}], fleet: [{type: bus, count: 1}]}
  - {id: b, name: {en: B}, origin: o, gathering_point: gb, destination: d, route: rb,
     population: [{category: civ, people: 100}], fleet: [{type: bus, count: 1}]}
agreement:
  start: 2030-01-01T00:00Z
  linkages:
    - {id: l, kind: ratio, measure: )" +
                     measure +
                     R"(, lead: a, follow: b, ratio: 1, allowance: 5}
events: [)" + events +
                     R"(]
simulation: {horizon: 2 d}
)");
  };
  auto departures = [](const model::Scenario& s) {
    std::vector<std::pair<double, std::int64_t>> out;  // (hours, people) of b's convoys
    Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) {
      if (t.event == "depart" && t.operation == 1) out.emplace_back(t.time.to_hours(), t.people);
    });
    return out;
  };
  using Departures = std::vector<std::pair<double, std::int64_t>>;
  EXPECT_EQ(departures(scenario("departed", "")), (Departures{{0.0, 100}}));
  // b's bus: 5 at 0 h, back at 1 h; a's people in at 2 h; the other 95 then.
  EXPECT_EQ(departures(scenario("arrived", "")), (Departures{{0.0, 5}, {2.0, 95}}));
  // a's 10 removed at the checkpoint at 1 h: none of a's will arrive, and b goes on then.
  EXPECT_EQ(departures(scenario("arrived",
                                "{id: rm, kind: removal, operations: [a], place: cp, "
                                "time: 2030-01-01T00:00Z, categories: [civ], share: 1}")),
            (Departures{{0.0, 5}, {1.0, 95}}));
}

// A tranche is complete when the last of its operations completes it, whatever happens after and
// whether or not a vehicle asks then: here a and b each depart 5 at 0 h, and a's convoy is sent
// back at 0:20. An ambulance that can carry nobody (a has no stretcher patient) changes nothing.
TEST(Linkages, ATrancheIsCompleteWhenTheLastOfItsOperationsCompletesIt) {
  const std::string events =
      "{id: tb, kind: turn_back, operations: [a], place: a-cp, time: "
      "2030-01-01T00:00+00:00}";
  model::Scenario plain = load_text(halves("departed", "{type: bus, count: 1}", events));
  model::Scenario with_ambulance =
      load_text(halves("departed", "{type: bus, count: 1}, {type: amb, count: 1}", events));
  const Traced t = run_traced(Engine(plain, options_for(plain)), "tranche-complete");
  ASSERT_GE(t.records.size(), 1U);
  EXPECT_EQ(t.records[0].time.to_hours(), 0.0);
  const ReplicationResult r = Engine(with_ambulance, options_for(with_ambulance)).run(1, 0);
  ASSERT_EQ(r.operations.size(), 2U);
  for (std::size_t o = 0; o < 2; ++o) {
    EXPECT_EQ(t.result.operations[o].clearance.t100_h, r.operations[o].clearance.t100_h) << o;
  }
  // b's bus, back at 2 h, takes the second half without waiting for a's sent-back people.
  EXPECT_DOUBLE_EQ(r.operations[1].clearance.t100_h, 3.0);
}

// Operations a and b share a gathering point of 2 bays. a's bus finishes boarding, and leaves its
// bay, in the instant b's van finishes boarding with nobody waiting who fits it (b's household of
// 5); b's bus, idle, takes the freed bay in that instant and boards them. (The test build's
// check that nobody could have boarded ran before b looked again, and failed the run.)
TEST(SharedGatheringPoint, ABayAnotherOperationFreesIsTakenInTheSameInstant) {
  model::Scenario s = load_text(R"(mamar: 1
scenario: {id: shared, name: {en: Shared}}
categories: [{id: civ, name: {en: Civ}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: gp, kind: gathering_point, name: {en: GP}, bays: 2, boarding_time: 1 min}
  - {id: dest, kind: destination, name: {en: Dest}, unloading_time: 0}
routes: [{id: out, legs: [{from: gp, to: dest, time: 30 min}]}]
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 10}
  - {id: van, name: {en: Van}, seats: 4}
operations:
  - {id: a, name: {en: A}, origin: town, gathering_point: gp, destination: dest, route: out,
     population: [{category: civ, people: 10}], fleet: [{type: bus, count: 1}]}
  - id: b
    name: {en: B}
    origin: town
    gathering_point: gp
    destination: dest
    route: out
    population:
      - {category: civ, people: 3, household_size: 3, arrival: 7 min}
      - {category: civ, people: 5, household_size: 5, arrival: 8 min}
      - {category: civ, people: 1, arrival: 5 h}
    fleet:
      - {type: van, count: 1}
      - {type: bus, count: 1, available: 2030-01-01T00:08Z}
agreement:
  start: 2030-01-01T00:00Z
)");
  const Traced t = run_traced(Engine(s, options_for(s)), "boarding");
  std::vector<std::pair<double, std::int64_t>> b_boardings;  // (minutes, people)
  for (const auto& r : t.records) {
    if (r.operation == 1) b_boardings.emplace_back(r.time.to_minutes(), r.people);
  }
  ASSERT_GE(b_boardings.size(), 2U);
  EXPECT_EQ(b_boardings[0], (std::pair<double, std::int64_t>{7.0, 3}));   // the van
  EXPECT_EQ(b_boardings[1], (std::pair<double, std::int64_t>{10.0, 5}));  // the bus, at once
}

// Operations a and b share a gathering point of one bay. a's bus of 10 seats boards a's first 5
// people at 0 h and waits at the bay for a's other 5, who come at 10 h; b's 100 people wait from
// B_ARRIVES, and two buses of 50 from B_BUS. The scenario, for the test below.
std::string held_bay(const std::string& b_arrives, const std::string& b_bus) {
  return R"(mamar: 1
scenario: {id: held-bay, name: {en: Held bay}}
categories: [{id: civ, name: {en: Civ}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: gp, kind: gathering_point, name: {en: GP}, bays: 1, boarding_time: 1 min}
  - {id: dest, kind: destination, name: {en: Dest}, unloading_time: 0}
routes: [{id: out, legs: [{from: gp, to: dest, time: 30 min}]}]
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 10}
  - {id: big, name: {en: Big bus}, seats: 50}
operations:
  - id: a
    name: {en: A}
    origin: town
    gathering_point: gp
    destination: dest
    route: out
    population:
      - {category: civ, people: 5}
      - {category: civ, people: 5, arrives_from: 2030-01-01T10:00Z}
    fleet: [{type: bus, count: 1}]
  - id: b
    name: {en: B}
    origin: town
    gathering_point: gp
    destination: dest
    route: out
    population: [{category: civ, people: 100, arrives_from: )" +
         b_arrives + R"(}]
    fleet: [{type: big, count: 2, available: )" +
         b_bus + R"(}]
agreement:
  start: 2030-01-01T00:00Z
)";
}

// A partly filled vehicle gives its bay up to another operation's vehicle that needs it, as to
// one of its own: a's bus leaves with its 5 when b's boarding can start, not 10 h later. b's
// people, who came with b's buses there, at 0 h; who came later to a bay held (an untraced run
// does not wake for them, as nobody of b could board, unless a vehicle of another operation
// stands at a bay ready for people); whose bus came later still.
TEST(SharedGatheringPoint, APartlyFilledVehicleGivesItsBayUpToAnotherOperation) {
  struct Case {
    const char* b_arrives;
    const char* b_bus;
    double b_first_boarding_h;
  };
  for (const Case& c : {Case{"2030-01-01T00:00Z", "2030-01-01T00:00Z", 5.0 / 60},
                        Case{"2030-01-01T01:00Z", "2030-01-01T00:00Z", 1.0},
                        Case{"2030-01-01T01:00Z", "2030-01-01T02:00Z", 2.0}}) {
    model::Scenario s = load_text(held_bay(c.b_arrives, c.b_bus));
    const Engine e(s, options_for(s));
    const Traced t = run_traced(e, "boarding");
    std::vector<double> b_boardings;
    for (const auto& r : t.records) {
      if (r.operation == 1) b_boardings.push_back(r.time.to_hours());
    }
    ASSERT_EQ(b_boardings.size(), 2U) << c.b_arrives;
    EXPECT_NEAR(b_boardings[0], c.b_first_boarding_h, 1e-9) << c.b_arrives;
    // Two boardings of 50 minutes at the one bay, and 30 minutes on the road.
    EXPECT_NEAR(t.result.operations[1].clearance.t100_h, c.b_first_boarding_h + 100.0 / 60 + 0.5,
                1e-9)
        << c.b_arrives;
    // a's last 5 come at 10 h and board its bus, back by then.
    EXPECT_NEAR(t.result.operations[0].clearance.t100_h, 10.0 + 5.0 / 60 + 0.5, 1e-9);
    const ReplicationResult plain = e.run(1, 0);
    for (std::size_t o = 0; o < 2; ++o) {
      EXPECT_EQ(plain.operations[o].clearance.t100_h, t.result.operations[o].clearance.t100_h)
          << c.b_arrives << " " << o;
      EXPECT_EQ(plain.operations[o].wait_person_hours, t.result.operations[o].wait_person_hours)
          << c.b_arrives << " " << o;
    }
  }
}

// Three buses of 10 reach a checkpoint of one lane together at 0:30; the run ends at 3 h.
// INSPECTION and EXTRA (a hold, scheduled or drawn) are put in. People of two categories, so
// that the categories' exposure is counted vehicle by vehicle.
std::string cut_at_the_checkpoint(const std::string& inspection, const std::string& extra) {
  return R"(mamar: 1
scenario: {id: cut, name: {en: Cut}}
parties: [{id: x, name: {en: X}}]
categories: [{id: civ, name: {en: Civ}}, {id: old, name: {en: Old}}]
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: gp, kind: gathering_point, name: {en: GP}, bays: 3, boarding_time: 0}
  - {id: cp, kind: checkpoint, name: {en: CP}, party: x, lanes: 1, inspection: )" +
         inspection + R"(}
  - {id: dest, kind: destination, name: {en: Dest}, unloading_time: 0}
routes: [{id: out, legs: [{from: gp, to: cp, time: 30 min}, {from: cp, to: dest, time: 30 min}]}]
vehicle_types: [{id: bus, name: {en: Bus}, seats: 10}]
operations:
  - {id: op, name: {en: Op}, origin: town, gathering_point: gp, destination: dest, route: out,
     population: [{category: civ, people: 20}, {category: old, people: 10}],
     fleet: [{type: bus, count: 3}]}
agreement:
  start: 2030-01-01T00:00Z
simulation: {horizon: 3 h}
)" + extra;
}

// A replication cut by its horizon counts the people at a checkpoint until it ends: those still
// in the line have queued until then, and a hold that would end later is counted to the end, not
// whole. The checkpoint's waits are of the vehicles whose inspection started.
TEST(Exposure, AReplicationCutAtItsHorizonCountsTheCheckpointUntilItEnds) {
  auto sum = [](const OperationResult& op, double Exposure::*what) {
    double total = 0;
    for (const auto& e : op.category_exposure) total += e.*what;
    return total;
  };
  {
    // Inspections of 2 h: the first bus from 0:30 to 2:30, the second waits 2 h; the third
    // still waits at 3 h, 2.5 h after it came.
    model::Scenario s = load_text(cut_at_the_checkpoint("2 h", ""));
    const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
    const auto& op = r.operations[0];
    EXPECT_DOUBLE_EQ(op.queue_person_hours, 10 * 2.0 + 10 * 2.5);
    EXPECT_NEAR(sum(op, &Exposure::queueing), op.queue_person_hours, 1e-9);
    ASSERT_EQ(r.checkpoints.size(), 1U);
    EXPECT_EQ(r.checkpoints[0].vehicles, 2);
  }
  for (const std::string hold :
       {"events: [{id: h, kind: hold, place: cp, from: 2030-01-01T00:00Z, to: "
        "2030-01-01T10:00Z}]\n",
        "risks: [{id: h, kind: hold, place: cp, probability: 100%, duration: 10 h}]\n"}) {
    // The 30 people held from 0:30 for 10 h, of which 2.5 h before the end.
    model::Scenario s = load_text(cut_at_the_checkpoint("0", hold));
    const ReplicationResult r = Engine(s, options_for(s)).run(1, 0);
    const auto& op = r.operations[0];
    EXPECT_DOUBLE_EQ(op.held_person_hours, 30 * 2.5) << hold;
    EXPECT_NEAR(sum(op, &Exposure::held), op.held_person_hours, 1e-9) << hold;
  }
}

// A vehicle that found nobody who fits is asked again when, in the same instant, another
// vehicle's boarding moves the queue: a fit is looked for among the first 64 households
// (WaitingQueue::kLookahead), and those a bus takes from the front bring others into view.
// first_boarding_by_vehicle: vans of 3 seats and buses of 50 at two bays, with POPULATION and
// FLEET; when each vehicle first boards, in minutes after the start, by vehicle.
std::map<std::int64_t, double> first_boarding_by_vehicle(const std::string& population,
                                                         const std::string& fleet) {
  const model::Scenario s = load_text(one_leg(
      2, "  - {id: van, name: {en: Van}, seats: 3}\n  - {id: bus, name: {en: Bus}, seats: 50}",
      "  - {id: civ, name: {en: Civ}}", "    population:\n" + population + "    fleet: " + fleet));
  const Traced t = run_traced(Engine(s, options_for(s)), "boarding");
  std::map<std::int64_t, double> first;
  for (const auto& r : t.records) first.emplace(r.vehicle, r.time.to_minutes());
  return first;
}

TEST(Boarding, AnIdleVehicleIsAskedAgainWhenAnotherBoardingBringsSomeoneIntoView) {
  // Everyone comes at 06:10, the vehicles are there before. The van, first in the list of
  // types, finds nobody (the household of 3 is out of view); the bus takes 12 households of 4,
  // and the household of 3 comes into view: the van takes a bay and it at 06:10, not when the
  // bus's boarding ends (06:58).
  const auto first = first_boarding_by_vehicle(
      "      - {category: civ, people: 272, household_size: 4, arrives_from: 2030-01-01T06:10Z}\n"
      "      - {category: civ, people: 3, household_size: 3, arrives_from: 2030-01-01T06:10Z}\n",
      "[{type: van, count: 1}, {type: bus, count: 1}]\n");
  ASSERT_EQ(first.size(), 2U);
  for (const auto& [vehicle, minutes] : first) EXPECT_EQ(minutes, 10.0) << vehicle;
}

TEST(Boarding, AVehicleAtABayIsAskedAgainWhenAnotherBoardingBringsSomeoneIntoView) {
  // The van boards the household of 1 at 06:00 and keeps its bay (people are still to come at
  // 09:00) with 2 seats free; the household of 2 is out of view behind 68 of 4. The bus comes at
  // 06:30 and takes 12 of them (49 seats: it has 1 left): the van takes the household of 2 at
  // 06:30, not when the bus's boarding ends (07:18).
  model::Scenario s = load_text(one_leg(
      2, "  - {id: van, name: {en: Van}, seats: 3}\n  - {id: bus, name: {en: Bus}, seats: 49}",
      "  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: civ, people: 1}\n"
      "      - {category: civ, people: 272, household_size: 4}\n"
      "      - {category: civ, people: 2, household_size: 2}\n"
      "      - {category: civ, people: 1, arrives_from: 2030-01-01T09:00Z}\n"
      "    fleet: [{type: van, count: 1}, {type: bus, count: 1, available: "
      "2030-01-01T06:30Z}]\n"));
  const Traced t = run_traced(Engine(s, options_for(s)), "boarding");
  std::vector<std::pair<double, std::int64_t>> boardings;  // (minutes, people)
  for (const auto& r : t.records) boardings.emplace_back(r.time.to_minutes(), r.people);
  ASSERT_GE(boardings.size(), 3U);
  EXPECT_EQ(boardings[0], (std::pair<double, std::int64_t>{0.0, 1}));
  // The bus's 48 and the van's 2, both at 06:30.
  EXPECT_EQ(boardings[1], (std::pair<double, std::int64_t>{30.0, 48}));
  EXPECT_EQ(boardings[2], (std::pair<double, std::int64_t>{30.0, 2}));
}

// A bus looks past the stretcher patients it cannot take: 80 of them, each a household of one, wait
// from 06:00 for the one ambulance, which comes at 12:00; 10 households of 5 seated people come at
// 06:05 behind them, more than a view's households (WaitingQueue::kLookahead) down the queue. The
// bus takes them at 06:05: the stretcher patients fill the view of the households with stretcher
// patients only. The ambulance takes the first stretcher patient at 12:00.
TEST(Boarding, ABusLooksPastStretcherPatientsItCannotTake) {
  const model::Scenario s = load_text(one_leg(
      2,
      "  - {id: bus, name: {en: Bus}, seats: 50}\n"
      "  - {id: amb, name: {en: Ambulance}, seats: 0, stretchers: 1}",
      "  - {id: w, name: {en: W}}",
      "    population:\n"
      "      - {category: w, people: 80, household_size: 1, stretcher: 100%}\n"
      "      - {category: w, people: 50, household_size: 5, arrives_from: 2030-01-01T06:05Z}\n"
      "    fleet: [{type: bus, count: 1}, {type: amb, count: 1, available: 2030-01-01T12:00Z}]\n"));
  const Traced t = run_traced(Engine(s, options_for(s)), "boarding");
  ASSERT_GE(t.records.size(), 2U);
  EXPECT_EQ(t.records[0].time.to_minutes(), 5.0);
  EXPECT_EQ(t.records[0].people, 50);
  EXPECT_EQ(t.records[1].time.to_minutes(), 6 * 60.0);
  EXPECT_EQ(t.records[1].people, 1);
}

// Those still to come whom nothing may take any more, or whom a vehicle cannot take, are not
// waited for. Each scenario below: one leg of 30 min, boarding 1 min a person; departures
// (hours after 06:00, people) and who was left.
struct WaitedFor {
  std::vector<std::pair<double, std::int64_t>> departures;
  ReplicationResult result;
};
WaitedFor departures_of(const std::string& types, const std::string& categories,
                        const std::string& operation, const std::string& agreement) {
  const model::Scenario s = load_text(one_leg(1, types, categories, operation, agreement));
  const Traced t = run_traced(Engine(s, options_for(s)), "depart");
  WaitedFor out;
  out.result = t.result;
  for (const auto& r : t.records) out.departures.emplace_back(r.time.to_hours(), r.people);
  return out;
}
using Departures = std::vector<std::pair<double, std::int64_t>>;

// A household of 5 at 06:00 and one person at 16:00, after the ceasefire (06:00 to 12:00): the
// bus leaves with the 5 as they have boarded (06:05), not at 12:00 with nobody gone.
TEST(StillToCome, NobodyWaitsForThoseWhoComeAfterTheCeasefire) {
  const WaitedFor w =
      departures_of("  - {id: bus, name: {en: Bus}, seats: 10}", "  - {id: civ, name: {en: Civ}}",
                    "    population:\n"
                    "      - {category: civ, people: 5, household_size: 5}\n"
                    "      - {category: civ, people: 1, arrives_from: 2030-01-01T16:00Z}\n"
                    "    fleet: [{type: bus, count: 1}]\n",
                    "  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T12:00Z}]");
  EXPECT_EQ(w.departures, (Departures{{5.0 / 60, 5}}));
  const OperationResult& op = w.result.operations[0];
  EXPECT_EQ(op.arrived, 5);
  EXPECT_EQ(at(op.left_by_reason, LeftReason::Coming), 1);
}

// Phase 1, the wounded: 2 at 06:00 and one at 16:00, after the ceasefire; phase 2, 5 civilians at
// 06:00. Phase 1 ends as its 2 board (nobody of it can still come in time) and the civilians
// board the second bus: both leave at 06:07.
TEST(StillToCome, APhaseEndsWhenNobodyOfItCanComeInTime) {
  const WaitedFor w =
      departures_of("  - {id: bus, name: {en: Bus}, seats: 10}",
                    "  - {id: w, name: {en: W}}\n  - {id: civ, name: {en: Civ}}",
                    "    population:\n"
                    "      - {category: w, people: 2, household_size: 2}\n"
                    "      - {category: w, people: 1, arrives_from: 2030-01-01T16:00Z}\n"
                    "      - {category: civ, people: 5, household_size: 5}\n"
                    "    fleet: [{type: bus, count: 2}]\n"
                    "    phases:\n"
                    "      - {id: p1, name: {en: P1}, categories: [w], order: 1}\n"
                    "      - {id: p2, name: {en: P2}, categories: [civ], order: 2}\n",
                    "  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T12:00Z}]");
  ASSERT_FALSE(w.departures.empty());
  EXPECT_LT(w.departures.back().first, 0.2);
  const OperationResult& op = w.result.operations[0];
  EXPECT_EQ(op.arrived, 7);
  EXPECT_EQ(at(op.left_by_reason, LeftReason::Coming), 1);
  EXPECT_EQ(op.not_cleared, 1);
}

// The only ambulances come at 12:00, as the ceasefire (06:00 to 11:00) ends: phase 1, a
// stretcher patient, ends for want of a vehicle, and phase 2's 2 civilians leave at 06:02.
TEST(StillToCome, AVehicleComingAfterTheCeasefireCarriesNobody) {
  const WaitedFor w = departures_of(
      "  - {id: bus, name: {en: Bus}, seats: 10}\n"
      "  - {id: amb, name: {en: Ambulance}, seats: 1, stretchers: 2}",
      "  - {id: w, name: {en: W}, stretcher: 100%}\n  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: w, people: 1}\n"
      "      - {category: civ, people: 2, household_size: 2}\n"
      "    fleet: [{type: bus, count: 1}, {type: amb, count: 1, available: 2030-01-01T12:00Z}]\n"
      "    phases:\n"
      "      - {id: p1, name: {en: P1}, categories: [w], order: 1}\n"
      "      - {id: p2, name: {en: P2}, categories: [civ], order: 2}\n",
      "  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T11:00Z}]");
  EXPECT_EQ(w.departures, (Departures{{2.0 / 60, 2}}));
  const OperationResult& op = w.result.operations[0];
  EXPECT_EQ(op.arrived, 2);
  EXPECT_EQ(at(op.left_by_reason, LeftReason::NoVehicle), 1);
}

// The only ambulance is available at 07:00 but 2 h away by its approach, and the ceasefire ends
// at 08:00: it cannot be there in time, so phase 1, a stretcher patient, ends for want of a
// vehicle and phase 2's 2 civilians leave at 06:02.
TEST(StillToCome, AVehicleTooFarToComeInTimeCarriesNobody) {
  const model::Scenario s = load_text(R"(mamar: 1
scenario: {id: far, name: {en: Far}}
categories:
  - {id: w, name: {en: W}, stretcher: 100%}
  - {id: civ, name: {en: Civ}}
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: depot, kind: origin, name: {en: Depot}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 1, boarding_time: 1 min}
  - {id: camp, kind: destination, name: {en: Camp}, unloading_time: 1 min}
routes:
  - {id: out, legs: [{from: square, to: camp, time: 30 min}]}
  - {id: in, legs: [{from: depot, to: square, time: 2 h}]}
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 10}
  - {id: amb, name: {en: Ambulance}, seats: 0, stretchers: 1}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: w, people: 1}
      - {category: civ, people: 2, household_size: 2}
    fleet:
      - {type: bus, count: 1}
      - {type: amb, count: 1, available: 2030-01-01T07:00Z, start: depot, approach: in}
    phases:
      - {id: p1, name: {en: P1}, categories: [w], order: 1}
      - {id: p2, name: {en: P2}, categories: [civ], order: 2}
agreement:
  start: 2030-01-01T06:00Z
  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T08:00Z}]
)");
  const Traced t = run_traced(Engine(s, options_for(s)), "depart");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].time.to_minutes(), 2.0);
  EXPECT_EQ(t.records[0].people, 2);
  EXPECT_EQ(at(t.result.operations[0].left_by_reason, LeftReason::NoVehicle), 1);
}

// The one ambulance takes the first of two stretcher patients at 06:00 and leaves at 06:01; 30 min
// to the camp and 30 min back, it cannot be at the gathering point before the ceasefire ends at
// 06:45. From its departure phase 1 has no vehicle that can be back for the second stretcher
// patient, who is left by the end of the ceasefire (the fleet has an ambulance: not "no
// vehicle"), and phase 2's 2 civilians leave on the bus at 06:03 (they waited to the end of the
// ceasefire for the ambulance before).
TEST(StillToCome, AVehicleThatCannotBeBackInTimeCarriesNobodyMore) {
  const WaitedFor w = departures_of(
      "  - {id: bus, name: {en: Bus}, seats: 10}\n"
      "  - {id: amb, name: {en: Ambulance}, seats: 0, stretchers: 1}",
      "  - {id: w, name: {en: W}, stretcher: 100%}\n  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: w, people: 2}\n"
      "      - {category: civ, people: 2, household_size: 2}\n"
      "    fleet: [{type: bus, count: 1}, {type: amb, count: 1}]\n"
      "    phases:\n"
      "      - {id: p1, name: {en: P1}, categories: [w], order: 1}\n"
      "      - {id: p2, name: {en: P2}, categories: [civ], order: 2}\n",
      "  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T06:45Z}]");
  EXPECT_EQ(w.departures, (Departures{{1.0 / 60, 1}, {3.0 / 60, 2}}));
  const OperationResult& op = w.result.operations[0];
  EXPECT_EQ(op.arrived, 3);
  EXPECT_EQ(at(op.left_by_reason, LeftReason::CeasefireOver), 1);
  EXPECT_EQ(op.not_cleared, 1);
}

// Rule 5 does not wait for vehicles that cannot be back in time: min_vehicles 2, two buses of 4
// seats and an ambulance, one bay, the ceasefire to 06:45; 2 stretcher patients and 4 civilians
// at 06:00, 3 civilians at 06:20, all of one phase. The ambulance (a stretcher patient) and the
// first bus (4 civilians) leave together at 06:05, an hour's round trip from being back. The second
// bus boards the 3 from 06:20 and leaves alone at 06:23 (rule 5: nobody else can join in time)
// instead of standing loaded, for the other two, to the end of the ceasefire; the second stretcher
// patient is left by the end of the ceasefire.
TEST(StillToCome, NoConvoyWaitsForVehiclesThatCannotBeBackInTime) {
  const WaitedFor w = departures_of(
      "  - {id: bus, name: {en: Bus}, seats: 4}\n"
      "  - {id: amb, name: {en: Ambulance}, seats: 0, stretchers: 1}",
      "  - {id: w, name: {en: W}, stretcher: 100%}\n  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: w, people: 2}\n"
      "      - {category: civ, people: 4, household_size: 4}\n"
      "      - {category: civ, people: 3, household_size: 3, arrives_from: 2030-01-01T06:20Z}\n"
      "    fleet: [{type: bus, count: 2}, {type: amb, count: 1}]\n"
      "    convoy: {min_vehicles: 2}\n",
      "  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T06:45Z}]");
  EXPECT_EQ(w.departures, (Departures{{5.0 / 60, 5}, {23.0 / 60, 3}}));
  const OperationResult& op = w.result.operations[0];
  EXPECT_EQ(op.arrived, 8);
  EXPECT_EQ(at(op.left_by_reason, LeftReason::CeasefireOver), 1);
}

// A bus does not wait at its bay for a stretcher patient still to come, whom it cannot take: the
// household of 5 leaves at 06:05; the stretcher patient, coming at 16:00, leaves in the
// ambulance at 16:01.
TEST(StillToCome, ABusDoesNotWaitForAStretcherPatient) {
  const WaitedFor w = departures_of(
      "  - {id: bus, name: {en: Bus}, seats: 10}\n"
      "  - {id: amb, name: {en: Ambulance}, seats: 1, stretchers: 2}",
      "  - {id: w, name: {en: W}, stretcher: 100%}\n  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: civ, people: 5, household_size: 5}\n"
      "      - {category: w, people: 1, arrives_from: 2030-01-01T16:00Z}\n"
      "    fleet: [{type: bus, count: 1}, {type: amb, count: 1}]\n",
      "");
  ASSERT_EQ(w.departures.size(), 2u);
  EXPECT_EQ(w.departures[0], (std::pair<double, std::int64_t>{5.0 / 60, 5}));
  EXPECT_NEAR(w.departures[1].first, 10 + 1.0 / 60, 1e-9);
  EXPECT_EQ(w.departures[1].second, 1);
}

// Movement hours end at 18:00, the ceasefire at 20:00: 10 people coming at 19:00 cannot leave, and
// the bus leaves with the first 20 as they have boarded (06:20), not holding them to the end.
TEST(StillToCome, TheLastDepartureIsTheEndOfTheLastMovementHours) {
  auto with = [](const std::string& tail) {
    return departures_of(
        "  - {id: bus, name: {en: Bus}, seats: 50}", "  - {id: civ, name: {en: Civ}}",
        "    population:\n"
        "      - {category: civ, people: 20, household_size: 20}\n"
        "      - {category: civ, people: 10, arrives_from: 2030-01-01T19:00Z}\n"
        "    fleet: [{type: bus, count: 1}]\n",
        "  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T20:00Z}]\n" + tail);
  };
  const WaitedFor w = with("  movement_hours: [{from: \"06:00\", to: \"18:00\"}]");
  EXPECT_EQ(w.departures, (Departures{{20.0 / 60, 20}}));
  EXPECT_EQ(at(w.result.operations[0].left_by_reason, LeftReason::CeasefireOver), 10);
  // So with a scheduled suspension from 18:00 past the end.
  const WaitedFor v = with(
      "events: [{id: stop, kind: suspension, from: 2030-01-01T18:00Z, to: "
      "2030-01-01T21:00Z}]");
  EXPECT_EQ(v.departures, (Departures{{20.0 / 60, 20}}));
}

// People who come after the ceasefire into a phase that ended without them (nobody of it could
// still come in time) are left "ceasefire over", not "no vehicle": two windows, 06:00 to 08:00
// and 10:00 to 12:00; 20 at 06:00, 10 at 11:00 and 5 at 12:05, while the bus is still driving
// back.
TEST(StillToCome, ThoseWhoCameTooLateAreLeftForTheCeasefire) {
  const WaitedFor w = departures_of(
      "  - {id: bus, name: {en: Bus}, seats: 30}", "  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: civ, people: 20, household_size: 20}\n"
      "      - {category: civ, people: 10, household_size: 10, arrives_from: "
      "2030-01-01T11:00Z}\n"
      "      - {category: civ, people: 5, household_size: 5, arrives_from: 2030-01-01T12:05Z}\n"
      "    fleet: [{type: bus, count: 1}]\n",
      "  ceasefire: [{from: 2030-01-01T06:00Z, to: 2030-01-01T08:00Z}, {from: "
      "2030-01-01T10:00Z, to: 2030-01-01T12:00Z}]");
  const OperationResult& op = w.result.operations[0];
  EXPECT_EQ(op.arrived, 30);
  EXPECT_EQ(at(op.left_by_reason, LeftReason::CeasefireOver), 5);
  EXPECT_EQ(at(op.left_by_reason, LeftReason::NoVehicle), 0);
}

// min_vehicles 2: the bus loaded with 30 does not go alone because the stretcher patient still to
// come is one it cannot take; it waits for the ambulance, which will join it (both at 07:01).
TEST(StillToCome, AVehicleThatCannotTakeThemStillKeepsMinVehicles) {
  const WaitedFor w = departures_of(
      "  - {id: bus, name: {en: Bus}, seats: 50}\n"
      "  - {id: amb, name: {en: Ambulance}, seats: 0, stretchers: 1}",
      "  - {id: w, name: {en: W}, stretcher: 100%}\n  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: civ, people: 30, household_size: 30}\n"
      "      - {category: w, people: 1, arrives_from: 2030-01-01T07:00Z}\n"
      "    fleet: [{type: bus, count: 1}, {type: amb, count: 1}]\n",
      "  convoy: {min_vehicles: 2}");
  EXPECT_EQ(w.departures, (Departures{{1 + 1.0 / 60, 31}}));
}

// A bus waits at its bay only for households still to come that fit its free seats: with 8 of
// 10 seats taken by two households of 4 at 06:00, it does not wait for the household of 4 of
// 11:00 and leaves at 06:08.
TEST(StillToCome, AVehicleWaitsOnlyForHouseholdsThatFitIt) {
  const WaitedFor w = departures_of(
      "  - {id: bus, name: {en: Bus}, seats: 10}", "  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: civ, people: 8, household_size: 4}\n"
      "      - {category: civ, people: 4, household_size: 4, arrives_from: 2030-01-01T11:00Z}\n"
      "    fleet: [{type: bus, count: 1}]\n",
      "");
  ASSERT_FALSE(w.departures.empty());
  EXPECT_EQ(w.departures[0], (std::pair<double, std::int64_t>{8.0 / 60, 8}));
}

// A stretcher patient turned back and riding home is waited for only by a vehicle with a
// stretcher place: the ambulance leaves at 00:01 and is turned back at the checkpoint at 00:31;
// the bus, loaded with 5 who came at 00:45, leaves at 00:50, not when the ambulance is home.
TEST(StillToCome, ABusDoesNotWaitForAStretcherPatientRidingHome) {
  const model::Scenario s = load_text(R"(mamar: 1
scenario: {id: back, name: {en: Back}}
parties: [{id: x, name: {en: X}}]
categories:
  - {id: civ, name: {en: Civ}}
  - {id: wnd, name: {en: Wounded}, stretcher: 100%}
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: gp, kind: gathering_point, name: {en: GP}, bays: 2, boarding_time: 1 min}
  - {id: cp, kind: checkpoint, name: {en: CP}, party: x, lanes: 5, inspection: 0}
  - {id: dest, kind: destination, name: {en: Dest}, unloading_time: 0}
routes:
  - id: out
    legs: [{from: gp, to: cp, time: 30 min}, {from: cp, to: dest, time: 30 min}]
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 50}
  - {id: amb, name: {en: Amb}, seats: 0, stretchers: 1}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: gp
    destination: dest
    route: out
    population:
      - {category: wnd, people: 1}
      - {category: civ, people: 5, household_size: 5, arrives_from: 2030-01-01T00:45Z}
    fleet: [{type: amb, count: 1}, {type: bus, count: 1}]
agreement:
  start: 2030-01-01T00:00Z
events:
  - {id: tb, kind: turn_back, place: cp, time: 2030-01-01T00:00Z}
)");
  const Traced t = run_traced(Engine(s, options_for(s)), "depart");
  ASSERT_GE(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].time.to_minutes(), 50.0);
  EXPECT_EQ(t.records[1].people, 5);
}

// max_wait runs from when the first vehicle of the convoy took people: the bus that took 5 at
// 06:00 is lost at the square at 06:10, and the van that takes them then leaves at 06:40 (30 min
// after it took them), not at 06:30.
TEST(Convoys, MaxWaitForgetsAVehicleLostAtTheGatheringPoint) {
  const WaitedFor w = departures_of(
      "  - {id: bus, name: {en: Bus}, seats: 10}\n  - {id: van, name: {en: Van}, seats: 10}",
      "  - {id: civ, name: {en: Civ}}",
      "    population:\n"
      "      - {category: civ, people: 5, household_size: 5}\n"
      "      - {category: civ, people: 5, household_size: 5, arrival: 60 min}\n"
      "    fleet: [{type: van, count: 2}, {type: bus, count: 1}]\n",
      "  convoy: {min_vehicles: 1, max_wait: 30 min}\n"
      "events: [{id: burn, kind: vehicle_loss, place: square, time: 2030-01-01T06:10Z, vehicles: "
      "1, type: bus}]");
  ASSERT_FALSE(w.departures.empty());
  EXPECT_EQ(w.departures[0], (std::pair<double, std::int64_t>{40.0 / 60, 5}));
}

// What became of the people, and their exposure, by category and by phase: two buses of 50 leave
// together, one of each category (the first phase's category boards the first bus); at the gate
// (one lane, 10 min a vehicle) the second waits 10 min; then every man is taken off, and the
// convoy is held 1 h with the women alone.
const char* const kTwoCategories = R"(mamar: 1
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
      - {id: first, name: {en: First}, categories: [FIRST], order: 1}
      - {id: second, name: {en: Second}, categories: [SECOND], order: 2}
agreement: {start: 2030-01-01T00:00Z, convoy: {min_vehicles: 2}}
RISKS)";

OperationResult run_two_categories(const std::string& first, const std::string& second,
                                   const std::string& risks) {
  std::string text = kTwoCategories;
  text.replace(text.find("FIRST"), 5, first);
  text.replace(text.find("SECOND"), 6, second);
  text.replace(text.find("RISKS"), 5, risks);
  const model::Scenario s = load_text(text);
  return Engine(s, options_for(s)).run(1, 0).operations[0];
}

TEST(Outcomes, ByCategoryAndPhaseAsTheyHappened) {
  const std::string risks = R"(risks:
  - {id: hold, name: {en: Hold}, kind: hold, place: gate, probability: 100%, duration: 1 h}
  - {id: off, name: {en: Off}, kind: removal, place: gate, probability: 100%, categories: [men],
     share: 100%})";
  for (const bool men_first : {true, false}) {
    SCOPED_TRACE(men_first ? "men first" : "women first");
    const OperationResult r = men_first ? run_two_categories("men", "women", risks)
                                        : run_two_categories("women", "men", risks);
    const Outcomes& men = r.category_outcomes[0];
    const Outcomes& women = r.category_outcomes[1];
    EXPECT_EQ(men.removed, 50);
    EXPECT_EQ(men.arrived, 0);
    EXPECT_EQ(women.removed, 0);
    EXPECT_EQ(women.arrived, 50);
    const Outcomes& men_phase = r.phase_outcomes[men_first ? 0 : 1];
    const Outcomes& women_phase = r.phase_outcomes[men_first ? 1 : 0];
    EXPECT_EQ(men_phase.removed, 50);
    EXPECT_EQ(men_phase.arrived, 0);
    EXPECT_EQ(women_phase.removed, 0);
    EXPECT_EQ(women_phase.arrived, 50);
    // Held 1 h after the men were taken off: the women alone.
    EXPECT_DOUBLE_EQ(r.held_person_hours, 50);
    EXPECT_EQ(r.category_exposure[0].held, 0);
    EXPECT_DOUBLE_EQ(r.category_exposure[1].held, 50);
    // The second bus inspected waited 10 min with its 50 aboard, men or women: the men's wait
    // counts for them though they are taken off after it.
    EXPECT_NEAR(r.queue_person_hours, 50.0 / 6, 1e-9);
    const double men_queued = r.category_exposure[0].queueing;
    const double women_queued = r.category_exposure[1].queueing;
    EXPECT_NEAR(men_queued + women_queued, 50.0 / 6, 1e-9);
    EXPECT_TRUE(men_queued == 0 || women_queued == 0);
    // Waiting: the first bus boards in 5 min (50 x 6 s) while the second waits for its people
    // (the next phase opens as the first's last boards): everyone leaves at 5 min.
    EXPECT_NEAR(r.category_exposure[0].waiting, 50.0 * 5 / 60, 1e-9);
    EXPECT_NEAR(r.category_exposure[1].waiting, 50.0 * 5 / 60, 1e-9);
    EXPECT_NEAR(r.wait_person_hours, 100.0 * 5 / 60, 1e-9);
    // Each phase is one category's: its exposure is theirs; nobody was left waiting.
    const Exposure& men_in_phase = r.phase_exposure[men_first ? 0 : 1];
    const Exposure& women_in_phase = r.phase_exposure[men_first ? 1 : 0];
    EXPECT_EQ(men_in_phase.held, 0);
    EXPECT_DOUBLE_EQ(women_in_phase.held, 50);
    EXPECT_DOUBLE_EQ(men_in_phase.queueing, men_queued);
    EXPECT_DOUBLE_EQ(women_in_phase.queueing, women_queued);
    EXPECT_NEAR(men_in_phase.waiting, 50.0 * 5 / 60, 1e-9);
    EXPECT_NEAR(women_in_phase.waiting, 50.0 * 5 / 60, 1e-9);
    EXPECT_EQ(r.unboarded_wait_person_hours, 0);
  }
}

// The exposure of each phase's people (who boarded in it) adds up to the operation's: held and
// queueing, and the waiting with that of those still waiting at the end, not aboard (of no
// phase). Example 02 leaves some waiting when its ceasefire ends; example 04 turns convoys back
// and loses vehicles, whose people wait again. The wounded-first phase, served first, waits less
// a head than the civilians'. Example 02 with the wounded alone leaving, in two phases (a quota
// on the first): people of one category in more than one phase, whose vehicles' waits at a
// checkpoint count before anyone is taken off there as for several categories. One phase
// (example 01) has the operation's held and queueing.
TEST(Outcomes, ExposureByPhaseAddsUpToTheOperations) {
  model::Scenario wounded_alone = load_file("scenarios/examples/02-checkpoint-and-phases.yaml");
  wounded_alone.operations[0].phases[0].quota = 20;
  for (auto& g : wounded_alone.operations[0].population) {
    if (g.category.id != "wounded") g.willing = 0;
  }
  const std::vector<std::pair<std::string, model::Scenario>> scenarios = {
      {"02", load_file("scenarios/examples/02-checkpoint-and-phases.yaml")},
      {"04", load_file("scenarios/examples/04-risks-and-history.yaml")},
      {"02, the wounded alone", wounded_alone}};
  for (const auto& [name, s] : scenarios) {
    SCOPED_TRACE(name);
    const Engine engine(s, options_for(s));
    int left_waiting = 0;
    double first_a_head = 0;
    double second_a_head = 0;
    double queued = 0;
    for (std::uint64_t i = 0; i < 20; ++i) {
      const OperationResult r = engine.run(7, i).operations[0];
      ASSERT_EQ(r.phase_exposure.size(), 2U);
      Exposure sum;
      for (const Exposure& e : r.phase_exposure) {
        sum.waiting += e.waiting;
        sum.held += e.held;
        sum.queueing += e.queueing;
      }
      auto near = [](double x) { return 1e-9 * std::max(1.0, x); };
      EXPECT_NEAR(sum.waiting + r.unboarded_wait_person_hours, r.wait_person_hours,
                  near(r.wait_person_hours))
          << i;
      EXPECT_NEAR(sum.held, r.held_person_hours, near(r.held_person_hours)) << i;
      EXPECT_NEAR(sum.queueing, r.queue_person_hours, near(r.queue_person_hours)) << i;
      EXPECT_GE(r.unboarded_wait_person_hours, 0) << i;
      left_waiting += r.unboarded_wait_person_hours > 0 ? 1 : 0;
      first_a_head += r.phase_exposure[0].waiting / static_cast<double>(r.phase_people[0]);
      second_a_head += r.phase_exposure[1].waiting / static_cast<double>(r.phase_people[1]);
      queued += r.queue_person_hours;
    }
    EXPECT_GT(queued, 0);
    if (name == "02, the wounded alone") continue;
    EXPECT_GT(left_waiting, 0);
    EXPECT_LT(first_a_head, second_a_head);
  }
  const model::Scenario minimal = load_file("scenarios/examples/01-minimal.yaml");
  const OperationResult one = Engine(minimal, options_for(minimal)).run(7, 0).operations[0];
  ASSERT_EQ(one.phase_exposure.size(), 1U);
  EXPECT_EQ(one.phase_exposure[0].held, one.held_person_hours);
  EXPECT_EQ(one.phase_exposure[0].queueing, one.queue_person_hours);
  EXPECT_NEAR(one.phase_exposure[0].waiting + one.unboarded_wait_person_hours,
              one.wait_person_hours, 1e-9 * std::max(1.0, one.wait_person_hours));
}

// The men board first, so the women's bus is the one that waits at the gate whichever way
// round: which vehicle waits follows the convoy's order, not the category.
TEST(Outcomes, EachWaitAtACheckpointCountsForThoseAboard) {
  const OperationResult a = run_two_categories("men", "women", "");
  const OperationResult b = run_two_categories("women", "men", "");
  EXPECT_NEAR(a.queue_person_hours, 50.0 / 6, 1e-9);
  EXPECT_NEAR(b.queue_person_hours, 50.0 / 6, 1e-9);
  EXPECT_NEAR(a.category_exposure[0].queueing + a.category_exposure[1].queueing, 50.0 / 6, 1e-9);
  EXPECT_NEAR(b.category_exposure[0].queueing + b.category_exposure[1].queueing, 50.0 / 6, 1e-9);
  // The bus that boards first is inspected second in both runs: a category's wait follows it.
  EXPECT_EQ(a.category_exposure[0].queueing > 0, b.category_exposure[1].queueing > 0);
}

// Fire kills 10 of the 100 aboard and injures the rest (1,000 asked, 90 left): each category's
// killed and injured are its 50; the injured arrive, the killed do not.
TEST(Outcomes, TheInjuredAreDrawnAmongThoseAboard) {
  const std::string risks = R"(risks:
  - {id: fire, name: {en: Fire}, kind: fire, route: out, probability: 100%, killed: 10,
     injured: 1000})";
  const OperationResult r = run_two_categories("men", "women", risks);
  EXPECT_EQ(r.killed, 10);
  EXPECT_EQ(r.injured, 90);
  // The trace's row says who they were, by category.
  std::string text = kTwoCategories;
  text.replace(text.find("FIRST"), 5, "men");
  text.replace(text.find("SECOND"), 6, "women");
  text.replace(text.find("RISKS"), 5, risks);
  const model::Scenario s = load_text(text);
  std::vector<TraceRecord> fires;
  Engine(s, options_for(s)).run(1, 0, [&](const TraceRecord& t) {
    if (t.event == "fire") fires.push_back(t);
  });
  ASSERT_EQ(fires.size(), 1u);
  EXPECT_EQ(fires[0].detail,
            fmt::format("10 killed (men {}, women {}), 90 injured (men {}, women {})",
                        r.category_outcomes[0].killed, r.category_outcomes[1].killed,
                        r.category_outcomes[0].injured, r.category_outcomes[1].injured));
  for (std::size_t c = 0; c < 2; ++c) {
    const Outcomes& o = r.category_outcomes[c];
    EXPECT_EQ(o.killed + o.injured, 50) << c;
    EXPECT_EQ(o.arrived, 50 - o.killed) << c;
  }
  EXPECT_EQ(r.phase_outcomes[0].killed + r.phase_outcomes[1].killed, 10);
  EXPECT_EQ(r.phase_outcomes[0].injured + r.phase_outcomes[1].injured, 90);
}

// Naming the injured draws from a stream of its own: over example 04's risks, with 3 injured in
// every fire (a fixed number draws nothing), every result but who was injured is what it is with
// nobody injured; and the categories add up to the operation (the test build also checks that,
// and the phases, on every event).
TEST(Outcomes, NamingTheInjuredChangesNoOtherDraw) {
  auto injuring = [](std::int64_t n) {
    model::Scenario s = load_file("scenarios/examples/04-risks-and-history.yaml");
    for (auto& risk : s.risks) {
      if (risk.kind == model::RiskKind::Fire)
        risk.injured = model::Distribution::fixed(static_cast<double>(n));
    }
    for (auto& event : s.events) {
      if (event.kind == model::RiskKind::Fire) event.injured = n;
    }
    return s;
  };
  const model::Scenario three = injuring(3);
  const model::Scenario none = injuring(0);
  const Engine with(three, options_for(three));
  const Engine without(none, options_for(none));
  std::int64_t injured = 0;
  std::int64_t removed = 0;
  std::int64_t killed = 0;
  for (std::uint64_t i = 0; i < 40; ++i) {
    const OperationResult a = with.run(5, i).operations[0];
    const OperationResult b = without.run(5, i).operations[0];
    EXPECT_EQ(a.arrived, b.arrived) << i;
    EXPECT_EQ(a.killed, b.killed) << i;
    EXPECT_EQ(a.removed, b.removed) << i;
    // Not reached (NaN) in both, or the same time.
    EXPECT_EQ(std::isnan(a.clearance.t100_h), std::isnan(b.clearance.t100_h)) << i;
    if (!std::isnan(b.clearance.t100_h)) {
      EXPECT_EQ(a.clearance.t100_h, b.clearance.t100_h) << i;
    }
    EXPECT_EQ(b.injured, 0) << i;
    Outcomes sum;
    for (const Outcomes& o : a.category_outcomes) {
      sum.arrived += o.arrived;
      sum.removed += o.removed;
      sum.killed += o.killed;
      sum.injured += o.injured;
    }
    EXPECT_EQ(sum.arrived, a.arrived) << i;
    EXPECT_EQ(sum.removed, a.removed) << i;
    EXPECT_EQ(sum.killed, a.killed) << i;
    EXPECT_EQ(sum.injured, a.injured) << i;
    double waited = 0;
    double held = 0;
    double queued = 0;
    for (const Exposure& e : a.category_exposure) {
      waited += e.waiting;
      held += e.held;
      queued += e.queueing;
    }
    EXPECT_NEAR(waited, a.wait_person_hours, 1e-6 * std::max(1.0, a.wait_person_hours)) << i;
    EXPECT_NEAR(held, a.held_person_hours, 1e-6 * std::max(1.0, a.held_person_hours)) << i;
    EXPECT_NEAR(queued, a.queue_person_hours, 1e-6 * std::max(1.0, a.queue_person_hours)) << i;
    injured += a.injured;
    removed += a.removed;
    killed += a.killed;
  }
  EXPECT_GT(injured, 0);
  EXPECT_GT(removed, 0);
  EXPECT_GT(killed, 0);
}

}  // namespace
}  // namespace mamar::sim
