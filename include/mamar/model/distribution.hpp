// A probability distribution as written in a scenario (its parameters, not a sampler).
//
// Values are in base units: milliseconds for durations, plain numbers for counts. The simulator
// draws from it (sim/), the planner uses its mean and support (plan/). A plain value.
#pragma once

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace mamar::model {

enum class DistributionKind {
  Fixed,         ///< a
  Uniform,       ///< [a, b]
  Triangular,    ///< min a, mode b, max c
  Exponential,   ///< mean a
  Normal,        ///< mean a, sd b, truncated to [lo, hi]
  Lognormal,     ///< mean a, sd b (of the variable itself), capped at hi
  Empirical,     ///< table of (value, weight)
  EmpiricalCdf,  ///< table of (value, cumulative probability), linear between points
};

struct Distribution {
  DistributionKind kind = DistributionKind::Fixed;
  double a = 0;
  double b = 0;
  double c = 0;
  double lo = 0;
  double hi = std::numeric_limits<double>::infinity();
  std::vector<std::pair<double, double>> table;

  static Distribution fixed(double v) {
    Distribution d;
    d.a = v;
    return d;
  }

  /// The mean of the distribution as sampled (a Normal's truncation and a Lognormal's cap at its
  /// `max` included).
  double mean() const;
  /// Smallest and largest values it can take (infinity when unbounded).
  double min() const;
  double max() const;
  bool is_fixed() const { return kind == DistributionKind::Fixed; }
  /// "triangular(5 min, 15 min, 1 h)"-style text; `duration` formats values as durations.
  std::string describe(bool duration) const;
};

}  // namespace mamar::model
