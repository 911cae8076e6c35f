// The chance of clearing everyone by a time, from the times to clear 100% of some replications:
// what a run reports of an operation, a phase, a category or all operations
// (OperationSummary::t100_percentiles_h and t100_chance_intervals), and what a comparison reports
// of a phase over the pairs where it had people in both runs.
#pragma once

#include <span>
#include <vector>

#include "mamar/sim/monte_carlo.hpp"

namespace mamar::sim::detail {

struct Chances {
  /// The 1st … 100th percentile (kClearancePercentiles) of the times; NaN where a percentile
  /// falls on replications that never cleared.
  std::vector<double> percentiles;
  /// The intervals of the high chances (kHighChancePercents) that there are replications enough
  /// for (quantile_interval_min_n()).
  std::vector<ChanceInterval> intervals;
};

/// Both, from one sort of `t100_h` (hours, NaN = not reached).
Chances clearance_chances(std::span<const double> t100_h);

}  // namespace mamar::sim::detail
