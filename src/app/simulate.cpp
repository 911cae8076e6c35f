// The simulate use case: options from the scenario and the command line, the Monte Carlo run
// and the event trace of one replication.
#include "mamar/app/simulate.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "mamar/common/text.hpp"

namespace mamar::app {
namespace {

// Gigabytes (10^9 bytes) with one decimal, rounded up ("18.4") or down.
std::string gigabytes(std::size_t bytes, bool up) {
  const double tenths = static_cast<double>(bytes) / 1e8;
  return grouped((up ? std::ceil(tenths) : std::floor(tenths)) / 10, 1);
}

// The largest number at most `n` with two significant digits: 6,437,112 gives 6,400,000.
std::size_t two_digits_down(std::size_t n) {
  std::size_t scale = 1;
  while (n / scale >= 100) scale *= 10;
  return n / scale * scale;
}

}  // namespace

std::size_t physical_memory() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(page);
}

std::optional<Message> memory_refusal(std::size_t needed, std::size_t replications,
                                      std::size_t memory) {
  const std::size_t allowed = memory / 4 * 3;
  if (memory == 0 || needed <= allowed || replications == 0) return std::nullopt;
  // The memory grows with the replications (the curves, of the first few thousand only, a little
  // less): in proportion, the count that fits, rounded down.
  const double per_replication = static_cast<double>(needed) / static_cast<double>(replications);
  const auto fit = static_cast<std::size_t>(static_cast<double>(allowed) / per_replication);
  return Message{"sim.too-much-memory",
                 {{"n", grouped(static_cast<double>(replications))},
                  {"needed", gigabytes(needed, true)},
                  {"memory", gigabytes(memory, false)},
                  {"most", grouped(static_cast<double>(two_digits_down(fit)))}}};
}

sim::RunOptions run_options(const model::Scenario& scenario, const SimulateOptions& options) {
  sim::RunOptions run;
  run.stochastic_risks = options.stochastic_risks;
  run.scheduled_events = options.scheduled_events;
  run.horizon = options.horizon.value_or(scenario.simulation.horizon);
  return run;
}

sim::MonteCarloOptions monte_carlo_options(const model::Scenario& scenario,
                                           const SimulateOptions& options) {
  sim::MonteCarloOptions mc;
  mc.replications = options.replications.value_or(
      static_cast<std::size_t>(std::max(scenario.simulation.replications, 0)));
  mc.seed = options.seed.value_or(scenario.simulation.seed);
  mc.threads = options.threads;
  mc.ci_target_h = options.ci_target_h;
  mc.progress = options.progress;
  mc.change_progress = options.change_progress;
  mc.interrupted = options.interrupted;
  return mc;
}

sim::MonteCarloResult simulate(const model::Scenario& scenario, const SimulateOptions& options) {
  const sim::Engine engine(scenario, run_options(scenario, options));
  return sim::run_monte_carlo(engine, monte_carlo_options(scenario, options));
}

sim::Comparison compare(const model::Scenario& base, const model::Scenario& variant,
                        const SimulateOptions& options) {
  SimulateOptions both = options;
  both.horizon = options.horizon.value_or(base.simulation.horizon);
  const sim::Engine base_engine(base, run_options(base, both));
  const sim::Engine variant_engine(variant, run_options(variant, both));
  return sim::compare_monte_carlo(base_engine, variant_engine, monte_carlo_options(base, both));
}

void write_trace_csv(const sim::Engine& engine, std::uint64_t seed, std::uint64_t replication,
                     std::ostream& out) {
  out << trace_csv_header();
  const model::Scenario& scenario = engine.scenario();
  engine.run(seed, replication,
             [&](const sim::TraceRecord& record) { out << trace_csv_row(record, scenario); });
}

}  // namespace mamar::app
