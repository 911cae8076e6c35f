// mamar_reference: the peer-comparison driver. Runs replications of a scenario with the engine,
// one after the other on one thread, and prints the clearance time in hours of each (the time
// the last person's outcome settled; "nan" when not reached within the horizon), one per line.
//
//   mamar_reference SCENARIO [--replications R] [--seed S] [--first K] [--time] [--deliveries]
//
// --deliveries prints instead each unloading of replication K, in the order they end: its time
// in hours (7 decimals: 0.36 ms) and the people unloaded, one per line, from the engine's trace, to
// be compared event for event with the SimPy model's (tests/peer/compare_simpy.py).
// --time also prints the wall time per replication (seconds) to standard error, measured around
// the replication loop only (not the loading of the scenario). The horizon is the scenario's
// `simulation.horizon`; stochastic risks and scheduled events are on, as in `mamar simulate`.
// Used by tests/peer/compare_simpy.py and bench/peer/run_peer_bench.sh; independent of the
// Monte Carlo runner and the CLI on purpose.
#include <fmt/format.h>
#include <malloc.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "mamar/model/load.hpp"
#include "mamar/sim/engine.hpp"
#include "peer_driver.hpp"

int main(int argc, char** argv) {
  // As the mamar executable: keep freed memory in the process between replications.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  using namespace mamar;
  const auto args = bench::parse_peer_args(argc, argv, "mamar_reference");
  if (!args) return 2;

  auto loaded = model::load_scenario_file(args->path);
  if (!loaded.scenario) {
    for (const auto& d : loaded.diagnostics.items()) {
      fmt::print(stderr, "{}\n", format_diagnostic(d, model::model_catalog(), Language::English));
    }
    return 1;
  }
  const model::Scenario& scenario = *loaded.scenario;
  sim::RunOptions options;
  options.horizon = scenario.simulation.horizon;
  options.curve_step = options.horizon;  // curves are not printed: sample as little as possible
  const sim::Engine engine(scenario, options);

  if (args->deliveries) {
    std::string out;
    engine.run(args->seed, args->first, [&](const sim::TraceRecord& t) {
      if (t.event == "unloaded" && t.people > 0)
        out += fmt::format("{:.7f} {}\n", t.time.to_hours(), t.people);
    });
    std::fputs(out.c_str(), stdout);
    return 0;
  }
  bench::run_peer_replications(
      *args, [&](std::uint64_t r) { return engine.run(args->seed, r).clearance.t100_h; });
  return 0;
}
