// Fuzzes the engine behind the loader: every scenario the loader accepts must simulate without a
// crash, a hang or a broken invariant (the fuzz build checks them on every event and throws on a
// violation, which libFuzzer reports), and give the same results traced as untraced: a traced run
// wakes its operations at every arrival, an untraced one only at those that may change what
// boarding does (docs/simulation.md), and nothing else may tell them apart. Scenarios too large
// to run many times a second are skipped: they add nothing the small ones do not reach.
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mamar/model/load.hpp"
#include "mamar/sim/engine.hpp"
#include "small_enough.hpp"

namespace {

constexpr std::int64_t kMaxPeople = 5'000;
constexpr std::int64_t kMaxVehicles = 500;

// Every result of a replication as text, doubles to the bit ("{}" prints the shortest text that
// reads back as the same double); the number of events is left out (a traced run has more).
class Dump {
 public:
  explicit Dump(const mamar::sim::ReplicationResult& r) {
    for (const auto& o : r.operations) operation(o);
    for (const auto& c : r.checkpoints) {
      put(c.place, c.vehicles, c.mean_wait_min, c.max_wait_min, c.mean_queue, c.max_queue, c.holds);
    }
    for (const auto& g : r.gathering_points) {
      put(g.place, g.peak_waiting, g.peak_at_h, g.over_capacity_h);
      all(g.waiting);
    }
    for (const auto& l : r.linkages) {
      all(l.operations);
      for (const auto& p : l.parity) all(p);
    }
    all(r.curve_times_h);
    clearance(r.clearance);
    put(r.finished_in_ceasefire, r.end_h);
  }

  std::string text;

 private:
  template <class... T>
  void put(const T&... values) {
    ((text += fmt::format("{} ", values)), ...);
  }
  template <class Range>
  void all(const Range& range) {
    for (const auto& v : range) put(v);
    text += '|';
  }
  void clearance(const mamar::sim::Clearance& c) { put(c.t90_h, c.t100_h); }
  void outcomes(const mamar::sim::Outcomes& o) { put(o.arrived, o.removed, o.killed, o.injured); }
  void exposure(const mamar::sim::Exposure& e) { put(e.waiting, e.held, e.queueing); }

  void operation(const mamar::sim::OperationResult& o) {
    put(o.leaving, o.stayed, o.arrived, o.sheltered, o.removed, o.killed, o.injured, o.turned_back,
        o.not_cleared);
    all(o.left_by_reason);
    clearance(o.clearance);
    for (const auto& c : o.phases) clearance(c);
    all(o.phase_people);
    for (const auto& x : o.phase_outcomes) outcomes(x);
    for (const auto& c : o.categories) clearance(c);
    all(o.category_leaving);
    all(o.category_not_cleared);
    for (const auto& reasons : o.category_left_by_reason) all(reasons);
    for (const auto& x : o.category_outcomes) outcomes(x);
    for (const auto& x : o.category_exposure) exposure(x);
    for (const auto& x : o.phase_exposure) exposure(x);
    put(o.wait_person_hours, o.unboarded_wait_person_hours, o.held_person_hours,
        o.outside_person_hours, o.queue_person_hours, o.convoys, o.trips, o.vehicles_lost,
        o.last_departure_h, o.utilisation, o.ceasefire_end_h, o.finished_in_ceasefire);
    all(o.inside);
    all(o.in_transit);
    all(o.out);
  }
};

// Replication `replication` untraced, then traced: their results must be the same.
void run_both_ways(const mamar::sim::Engine& engine, std::uint64_t seed,
                   std::uint64_t replication) {
  const Dump plain(engine.run(seed, replication));
  const Dump traced(engine.run(seed, replication, [](const mamar::sim::TraceRecord&) {}));
  if (plain.text != traced.text) {
    std::fprintf(
        stderr, "replication %llu: the traced run's results differ\nuntraced: %s\ntraced:   %s\n",
        static_cast<unsigned long long>(replication), plain.text.c_str(), traced.text.c_str());
    std::abort();
  }
}

}  // namespace

// The entry point libFuzzer calls, named as it requires.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto loaded = mamar::model::load_scenario_text(text, "fuzz.yaml");
  if (!loaded.scenario || !mamar::fuzz::small_enough(*loaded.scenario, kMaxPeople, kMaxVehicles))
    return 0;
  const mamar::model::Scenario& s = *loaded.scenario;
  mamar::sim::RunOptions options;
  options.horizon = std::min(s.simulation.horizon, mamar::Duration::days(60));
  // Risks and events together, then neither: the second run reaches rules the first may skip.
  const mamar::sim::Engine engine(s, options);
  run_both_ways(engine, s.simulation.seed, 0);
  options.stochastic_risks = false;
  options.scheduled_events = false;
  const mamar::sim::Engine plain(s, options);
  run_both_ways(plain, s.simulation.seed, 1);
  return 0;
}
