// The simulate use case: options from the scenario and the command line, the Monte Carlo run
// and the event trace of one replication.
#include "mamar/app/simulate.hpp"

#include <algorithm>

namespace mamar::app {

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
