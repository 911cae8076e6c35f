// The Engine overload of run_monte_carlo, apart so that code folding synthetic replications
// (tests) does not link the engine.
#include "mamar/sim/monte_carlo.hpp"

namespace mamar::sim {

MonteCarloResult run_monte_carlo(const Engine& engine, const MonteCarloOptions& options) {
  const std::uint64_t seed = options.seed;
  return run_monte_carlo(
      engine.scenario(),
      [&engine, seed](std::uint64_t replication) { return engine.run(seed, replication); }, options,
      engine.options());
}

}  // namespace mamar::sim
