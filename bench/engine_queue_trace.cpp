// engine_queue_trace: writes the operations one replication of a scenario makes on the engine's
// pending-event set, for kernel_bench's Replay benchmark, which times binary and 4-ary heaps on
// exactly that sequence:
//
//   ./build/bench/engine_queue_trace scenarios/aleppo-2016.yaml > /tmp/aleppo.queue
//   MAMAR_QUEUE_TRACE=/tmp/aleppo.queue ./build/bench/kernel_bench --benchmark_filter=Replay
//
// One operation a line: "p <time_ms>" for a push, "o" for a pop. Options: --seed S (default: the
// scenario's), --replication R (default 0). Stochastic risks and scheduled events are on, as in
// `mamar simulate`; the horizon is the scenario's. A summary goes to standard error.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "mamar/model/load.hpp"
#include "mamar/sim/engine.hpp"

int main(int argc, char** argv) {
  using namespace mamar;
  std::string path;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::uint64_t replication = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if ((a == "--seed" || a == "--replication") && i + 1 < argc) {
      const std::uint64_t value = std::stoull(argv[++i]);
      if (a == "--seed") {
        seed = value;
        seed_given = true;
      } else {
        replication = value;
      }
    } else if (!a.empty() && a[0] != '-' && path.empty()) {
      path = a;
    } else {
      std::fputs("usage: engine_queue_trace SCENARIO [--seed S] [--replication R]\n", stderr);
      return 2;
    }
  }
  if (path.empty()) {
    std::fputs("usage: engine_queue_trace SCENARIO [--seed S] [--replication R]\n", stderr);
    return 2;
  }
  auto loaded = model::load_scenario_file(path);
  if (!loaded.scenario) {
    for (const auto& d : loaded.diagnostics.items())
      fmt::print(stderr, "{}\n", format_diagnostic(d, model::model_catalog(), Language::English));
    return 1;
  }
  const model::Scenario& scenario = *loaded.scenario;
  sim::RunOptions options;
  options.horizon = scenario.simulation.horizon;
  const sim::Engine engine(scenario, options);
  const auto ops =
      engine.queue_operations(seed_given ? seed : scenario.simulation.seed, replication);
  std::string out;
  std::size_t depth = 0;
  std::size_t max_depth = 0;
  std::size_t pushes = 0;
  for (const std::int64_t op : ops) {
    if (op < 0) {
      out += "o\n";
      --depth;
    } else {
      out += fmt::format("p {}\n", op);
      ++pushes;
      max_depth = std::max(max_depth, ++depth);
    }
  }
  std::fputs(out.c_str(), stdout);
  fmt::print(stderr, "{} pushes, {} pops, at most {} pending\n", pushes, ops.size() - pushes,
             max_depth);
  return 0;
}
