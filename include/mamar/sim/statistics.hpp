// Statistics of Monte Carlo samples: summaries of censored samples, the Student t quantile,
// and the Wilson interval of a proportion.
//
// A sample is a list of doubles in which NaN means "not reached" (a clearance that did not
// happen within the horizon): a right-censored value. Percentiles sort it as +infinity; the mean
// and its confidence interval exist only when no value is censored. Free functions on values;
// safe to call from any thread.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace mamar::sim {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Summary of a sample in which NaN means "not reached".
///
/// Percentiles are the inverted empirical distribution: the p-percentile is the smallest value
/// with at least a share p of the sample at or below it, so "P90 = 30 h" reads "in 90% of the
/// replications it took 30 h or less". A percentile that falls on a censored value is NaN (more
/// than 10% not reached makes P90 NaN). `mean` and its 95% Student t interval are NaN when any
/// value is censored or (for the interval) when n < 2. The interval is clipped to the values
/// the quantity can take (see summarize()). `min` is the smallest reached value; `max` is NaN
/// when any value is censored.
struct Summary {
  std::size_t n = 0;            ///< values in the sample, censored ones included
  std::size_t not_reached = 0;  ///< censored values (NaN)
  double mean = kNaN;
  double ci95_low = kNaN;
  double ci95_high = kNaN;
  /// t(0.975, n - 1) * s / sqrt(n), before any clipping; NaN when there is no interval.
  double ci95_half = kNaN;
  double median = kNaN;
  double p10 = kNaN;
  double p90 = kNaN;
  double min = kNaN;
  double max = kNaN;

  /// Whether the interval was cut at a limit of the quantity: then it is not mean ± ci95_half.
  bool ci95_clipped() const { return ci95_low > mean - ci95_half || ci95_high < mean + ci95_half; }
};

/// Summarises `values` (NaN = not reached). An empty sample gives n = 0 and NaN everywhere.
/// `lowest` and `highest` bound the values the quantity can take: the interval of the mean is
/// clipped to them, as a t interval of a skewed sample reaches past them (a count that is 0 in
/// most replications and large in a few gets an interval from below 0).
Summary summarize(std::span<const double> values,
                  double lowest = -std::numeric_limits<double>::infinity(),
                  double highest = std::numeric_limits<double>::infinity());

/// The 0-based rank of the p-percentile in an ascending sample of n > 0 values: the smallest k
/// with (k + 1) / n ≥ p.
std::size_t percentile_rank(std::size_t n, double p);

/// The p-percentile (0 ≤ p ≤ 1) of an ascending sample whose censored values come last and are
/// NaN, by the rule of Summary; NaN for an empty sample.
double percentile_sorted(std::span<const double> sorted, double p);

/// `values` sorted as the *_sorted() functions take them: the reached values in ascending order,
/// then one NaN for each censored value.
std::vector<double> sort_censored_last(std::span<const double> values);

/// A distribution-free 95% confidence interval of the p-quantile ξ of the distribution a sample
/// of n values comes from: the order statistics X(low_rank + 1) and X(high_rank + 1) (0-based
/// ranks), chosen so that each misses ξ with a chance of at most 2.5% whatever the distribution:
/// the count of values at or below ξ is Binomial(n, p), and X(l) ≤ ξ < X(u) holds exactly when
/// that count is from l to u − 1. `exists` is false when n is too small for such ranks
/// (quantile_interval_min_n()).
struct QuantileRanks {
  bool exists = false;
  std::size_t low_rank = 0;
  std::size_t high_rank = 0;
};
QuantileRanks quantile_interval_ranks(std::size_t n, double p);

/// The fewest values with which quantile_interval_ranks(n, p) exists (0 < p < 1): the smallest n
/// with p^n ≤ 2.5% and (1 − p)^n ≤ 2.5% (72 for p = 0.95, 368 for p = 0.99).
std::size_t quantile_interval_min_n(double p);

/// The interval of quantile_interval_ranks() read from `values` (NaN = not reached, sorted last):
/// a bound that falls on a censored value is NaN ("not reached"); both NaN and `exists` false
/// when the sample is too small.
struct QuantileInterval {
  bool exists = false;
  double low = kNaN;
  double high = kNaN;
};
QuantileInterval quantile_interval(std::span<const double> values, double p);
/// The same from a sample sort_censored_last() sorted (to read several from one sort).
QuantileInterval quantile_interval_sorted(std::span<const double> sorted, double p);

/// The k/steps-percentiles of `values` for k = 1 … steps, by the rule of Summary (NaN = not
/// reached; a percentile that falls on one is NaN): with steps = 100, entry 94 is the time by
/// which 95% of the replications had cleared. Empty for an empty sample.
std::vector<double> percentiles(std::span<const double> values, std::size_t steps);
/// The same from a sample sort_censored_last() sorted.
std::vector<double> percentiles_sorted(std::span<const double> sorted, std::size_t steps);

/// The sum of `values` with Neumaier's compensation: n equal values sum to n times the value
/// rounded once, where a plain sum can be off in the last bits.
double neumaier_sum(std::span<const double> values);

/// The mean and the sample variance (divided by n − 1) of finite values.
struct Moments {
  double mean = kNaN;      ///< NaN for no values
  double variance = kNaN;  ///< NaN for fewer than 2 values
};

/// The moments of `values` (all finite), from compensated sums in the order given. The mean lies
/// within the values' range, so n equal values have that value as their mean and variance 0 (a
/// sum divided by n alone can miss the value by an ulp: three times 1576.3888888888891 averages
/// to 1576.3888888888894).
Moments moments(std::span<const double> values);

/// Quantile of Student's t distribution with `dof` > 0 degrees of freedom, for 0 < p < 1.
/// Example: student_t_quantile(0.975, 10) ≈ 2.228. At p = 0.975, within 1e-13 of the quantile.
double student_t_quantile(double p, double dof);

/// A share of replications with a 95% Wilson score interval.
struct Proportion {
  std::size_t successes = 0;
  std::size_t n = 0;
  double estimate = kNaN;  ///< successes / n; NaN when n = 0
  double ci95_low = kNaN;
  double ci95_high = kNaN;
};

/// The Wilson score interval of `successes` out of `n` at 95%.
Proportion wilson_interval(std::size_t successes, std::size_t n);

}  // namespace mamar::sim
