// mamar_reference: the peer-comparison driver. Runs replications of a scenario with the engine,
// one after the other on one thread, and prints the clearance time in hours of each (the time
// the last person's outcome settled; "nan" when not reached within the horizon), one per line.
//
//   mamar_reference SCENARIO [--replications R] [--seed S] [--first K] [--time]
//
// --time also prints the wall time per replication (seconds) to standard error, measured around
// the replication loop only (not the loading of the scenario). The horizon is the scenario's
// `simulation.horizon`; stochastic risks and scheduled events are on, as in `mamar simulate`.
// Used by tests/peer/compare_simpy.py and bench/peer/run_peer_bench.sh; independent of the
// Monte Carlo runner and the CLI on purpose.
#include <fmt/format.h>
#include <malloc.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "bench_args.hpp"
#include "mamar/model/load.hpp"
#include "mamar/sim/engine.hpp"

namespace {

int usage() {
  std::fputs("usage: mamar_reference SCENARIO [--replications R] [--seed S] [--first K] [--time]\n",
             stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // As the mamar executable: keep freed memory in the process between replications.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  using namespace mamar;
  std::string path;
  std::uint64_t replications = 100;
  std::uint64_t seed = 1;
  std::uint64_t first = 0;
  bool timing = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    std::uint64_t* target = nullptr;
    if (a == "--replications")
      target = &replications;
    else if (a == "--seed")
      target = &seed;
    else if (a == "--first")
      target = &first;
    else if (a == "--time")
      timing = true;
    else if (!a.empty() && a[0] != '-' && path.empty())
      path = a;
    else
      return usage();
    if (target && (++i == argc || !mamar::bench::parse_u64(argv[i], *target))) return usage();
  }
  if (path.empty()) return usage();

  auto loaded = model::load_scenario_file(path);
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

  std::string out;
  out.reserve(static_cast<std::size_t>(replications) * 12);
  const auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t r = first; r < first + replications; ++r) {
    const sim::ReplicationResult result = engine.run(seed, r);
    out += fmt::format("{:.6f}\n", result.clearance.t100_h);
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
  std::fputs(out.c_str(), stdout);
  if (timing) {
    fmt::print(stderr, "seconds_per_replication {:.9g}\n",
               elapsed.count() / static_cast<double>(replications > 0 ? replications : 1));
  }
  return 0;
}
