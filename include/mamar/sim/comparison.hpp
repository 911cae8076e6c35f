// Two variants of a scenario compared over the same replications ("what if").
//
// compare_monte_carlo() runs replications 0, 1, 2 … of a base and of a variant Engine with one
// seed. Every source of randomness has its own named stream (docs/simulation.md), so a source the
// two scenarios share draws the same numbers in both: replication k of the variant differs from
// replication k of the base by what was changed, not by other luck (common random numbers). The
// change is therefore measured pair by pair: where the pairs move together, the differences
// vary less than two independent runs would, and their confidence interval is narrower (that of
// independent runs of the same size is reported beside it; a change can also make a quantity
// move against the base's, and then pairing gives the wider interval).
//
// Operations, their categories and phases, and gathering points are matched by id; the functions
// are reentrant and the result is a plain value, bit-identical whatever the number of threads.
// Format of its JSON form: docs/results-format.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "mamar/sim/engine.hpp"
#include "mamar/sim/monte_carlo.hpp"
#include "mamar/sim/random.hpp"
#include "mamar/sim/statistics.hpp"

namespace mamar::sim {

/// The change variant − base of one quantity over paired replications. For a time, NaN means not
/// reached: it counts as later than any time reached, and two values not reached as equal.
struct PairedDifference {
  std::size_t pairs = 0;   ///< replications compared
  std::size_t higher = 0;  ///< pairs where the variant's value is higher (for a time: later)
  std::size_t lower = 0;   ///< pairs where it is lower (earlier)
  std::size_t same = 0;    ///< pairs with equal values (or both not reached)
  Summary base;            ///< of the base's values
  Summary variant;         ///< of the variant's values
  /// Percentiles of the differences, +infinity where only the variant did not reach a time,
  /// −infinity where only the base did not, 0 where neither did.
  double median = kNaN;
  double p10 = kNaN;
  double p90 = kNaN;
  /// Mean difference and its 95% Student t interval from the paired differences; NaN when a
  /// value is not reached in either run (the mean is then not defined) or, for the interval,
  /// with fewer than 2 pairs.
  double mean = kNaN;
  double ci95_half = kNaN;
  /// The 95% interval of the mean difference: mean ± ci95_half, or, for a chance
  /// (paired_chance_difference()), Newcombe's hybrid score interval for paired proportions; NaN
  /// as ci95_half is (a chance's needs only 1 pair).
  double ci95_low = kNaN;
  double ci95_high = kNaN;
  /// The half-width the interval of the mean difference would have from two independent runs
  /// of the same size (Welch), for comparison with ci95_half; NaN as ci95_half is.
  double independent_ci95_half = kNaN;
};

/// The paired difference of `variant[i] − base[i]`, i = 0 … n−1 (the spans have equal length;
/// NaN = not reached). `lowest` and `highest` bound the quantity, as for summarize().
PairedDifference paired_difference(std::span<const double> base, std::span<const double> variant,
                                   double lowest = -std::numeric_limits<double>::infinity(),
                                   double highest = std::numeric_limits<double>::infinity());

/// paired_difference() of a chance: each value 1 where something happened in the replication
/// (everyone out inside the ceasefire), else 0. Its interval (ci95_low, ci95_high) is that of
/// the difference of two paired proportions by Newcombe's hybrid score method (method 10 of
/// Newcombe, Statistics in Medicine 17, 1998, 2635-2650): it stays within [−1, 1], is not 0 wide
/// where every pair agrees, and needs no pairs beyond one; ci95_half keeps the Student t one.
PairedDifference paired_chance_difference(std::span<const double> base,
                                          std::span<const double> variant);

/// How much longer or shorter the ceasefire must hold in the variant for everyone to be out with
/// a chance of p (its percentile p of the time to clear 100%, as the runs' t100_percentiles_h
/// give it, minus the base's), with a 95% confidence interval. The two percentiles need not fall
/// on the same replication, so the change is not a difference pair by pair; its interval comes
/// from the pairs all the same (a percentile bootstrap that resamples whole pairs, so that what
/// the common random numbers share is kept): where the pairs move together it is narrower than
/// the two runs' own intervals would suggest.
struct PercentileChange {
  int percent = 0;
  /// Variant − base, hours; +∞ where only the variant's percentile is not reached, −∞ where only
  /// the base's, NaN where neither is.
  double change_h = kNaN;
  /// The 2.5% and 97.5% points of the change over the resamples; NaN without an interval
  /// (too few pairs: paired_percentile_change_min_n(), or a percentile not reached in either
  /// run). A bound may be ±∞ where some resamples did not reach a percentile.
  double ci95_low_h = kNaN;
  double ci95_high_h = kNaN;
};

/// The fewest pairs with which paired_percentile_change() gives an interval of the change of
/// percentile p: as many as each run's own interval of it needs (quantile_interval_min_n(): 72
/// for 95%, 368 for 99%), so that where the runs' intervals are, so is the change's. Its
/// coverage, measured by comparison_test.cpp over 2,000 samples a case: 96.5% (95th percentile,
/// 72 pairs of independent exponential times), 97.1% (99th, 368 such pairs), 96.9% (99th, 368
/// pairs of independent lognormal times), 98.9% and 100% (95th, 72 and 400 pairs of times that
/// move together): at least 95%, and above it where the pairs move together (conservative).
std::size_t paired_percentile_change_min_n(double p);

/// The change of percentile p (0 < p < 1) from `base` to `variant` (paired values, NaN or +∞ =
/// not reached), and its interval from `resamples` resamples of the n pairs drawn from `rng`.
PercentileChange paired_percentile_change(std::span<const double> base,
                                          std::span<const double> variant, double p,
                                          RandomStream& rng, std::size_t resamples = 2000);

/// How long the ceasefire must hold for some people (a phase's, a category's) to be all out with
/// a chance of k%, in each run, over the pairs on which their time to clear 100% is compared: as
/// a run's t100_percentiles_h and the intervals of their high chances (t100_chance_intervals),
/// and the change of the 95th and 99th percentiles, as OperationComparison's, once there are
/// pairs enough.
struct ComparedChances {
  std::vector<double> base_percentiles_h, variant_percentiles_h;
  std::vector<ChanceInterval> base_intervals, variant_intervals;
  std::vector<PercentileChange> changes;
};

/// The people of one category in an operation of both runs (categories are matched by id): those
/// not out at the end, what became of them (OperationResult::category_outcomes) and their
/// person-hours (OperationResult::category_exposure), over every pair (0 in a replication where
/// nobody of the category left); and their times to clear (OperationResult::categories) over the
/// pairs in which people of the category left in both runs, as a run leaves the others out of
/// the category's times: `pairs` of those is then below the replications, and 0 where that never
/// happened. So where people of it left in every replication of both runs, their `base` and
/// `variant` are the runs' own summaries (OperationSummary::categories).
struct CategoryComparison {
  std::int32_t base_category = -1;     ///< category index in the base scenario
  std::int32_t variant_category = -1;  ///< category index in the variant scenario
  PairedDifference not_cleared;
  /// not_cleared by what held them at the end, indexed by LeftReason (engine.hpp).
  std::array<PairedDifference, kLeftReasons> left_by_reason;
  PairedDifference removed, killed, injured;  ///< people
  PairedDifference wait_person_hours, held_person_hours, queue_person_hours;
  PairedDifference t90_h, t100_h;  ///< as the operation's: NaN (not reached) is later than any
  /// of 1 (everyone of the category out by the end of the operation's ceasefire) and 0
  PairedDifference finished_in_ceasefire;
  ComparedChances t100_chances;  ///< over the same pairs as t100_h
};

/// A phase of an operation of both runs (phases are matched by id within the operation): its
/// times to clear (OperationResult::phases), what became of the people who boarded in it
/// (OperationResult::phase_outcomes) and their person-hours (OperationResult::phase_exposure). A
/// pair counts only where the phase had people to clear in both runs
/// (OperationResult::phase_people), as a run leaves a phase that had nobody out of its sample:
/// `pairs` is then below the replications, and 0 where that never happened. So where the phase had
/// people in every replication of both runs, `base` and `variant` are the runs' own summaries of it
/// (OperationSummary::phases, phase_outcomes, phase_exposure), and so are the chances'
/// percentiles and intervals (phase_t100_percentiles_h, phase_t100_chance_intervals).
struct PhaseComparison {
  std::int32_t base_phase = -1;     ///< phase index in the base's operation
  std::int32_t variant_phase = -1;  ///< phase index in the variant's operation
  PairedDifference t90_h, t100_h;   ///< as the operation's: NaN (not reached) is later than any
  /// of 1 (everyone of the phase out by the end of the operation's ceasefire) and 0
  PairedDifference finished_in_ceasefire;
  PairedDifference removed, killed, injured;  ///< people who boarded in the phase
  PairedDifference wait_person_hours, held_person_hours, queue_person_hours;  ///< theirs
  ComparedChances t100_chances;  ///< over the same pairs as t100_h
};

/// The quantities compared for an operation (and, where they exist, for all operations).
struct OperationComparison {
  std::int32_t base_operation = -1;     ///< operation index in the base scenario
  std::int32_t variant_operation = -1;  ///< operation index in the variant scenario
  PairedDifference t90_h, t100_h;
  PairedDifference finished_in_ceasefire;  ///< of 1 (finished) and 0: the change in the chance
  PairedDifference wait_person_hours, held_person_hours, queue_person_hours;
  PairedDifference outside_person_hours;  ///< of wait_person_hours, beyond the capacity
  PairedDifference removed, killed, injured, turned_back, not_cleared, vehicles_lost;
  PairedDifference sheltered;  ///< of those who arrived, admitted to a shelter
  PairedDifference trips, utilisation;
  /// not_cleared by what held them at the end, indexed by LeftReason (engine.hpp).
  std::array<PairedDifference, kLeftReasons> left_by_reason;
  /// The change of the 95th and 99th percentiles of t100_h (kHighChancePercents), each once
  /// there are pairs enough for its interval (paired_percentile_change_min_n()).
  std::vector<PercentileChange> t100_chance_changes;
  /// By category: each category of the base that the variant has too, in the base's order, where
  /// people of it leave in this operation in either run.
  std::vector<CategoryComparison> categories;
  /// By phase: each phase of the base's operation that the variant's has too, in the base's order
  /// (one only in either run is left out).
  std::vector<PhaseComparison> phases;
};

/// Every operation of all operations together: the quantities that exist for them.
struct OverallComparison {
  PairedDifference t90_h, t100_h, finished_in_ceasefire, not_cleared;
  std::array<PairedDifference, kLeftReasons> left_by_reason;  ///< as OperationComparison's
  std::vector<PercentileChange> t100_chance_changes;          ///< as OperationComparison's
};

/// A gathering point of both runs (places are matched by id): how many people waited there to
/// board at once, and the hours with more of them than the place holds (GatheringPointResult).
struct GatheringPointComparison {
  std::int32_t base_place = -1;     ///< place index in the base scenario
  std::int32_t variant_place = -1;  ///< place index in the variant scenario
  PairedDifference peak_waiting;    ///< the most people waiting there at once
  /// The hours over the place's capacity: 0 in every replication of a run whose place has none.
  PairedDifference over_capacity_h;
};

struct Comparison {
  MonteCarloResult base;
  MonteCarloResult variant;
  std::size_t replications = 0;
  std::uint64_t seed = 0;
  std::vector<OperationComparison> operations;  ///< in the base's order, those in both
  std::vector<std::int32_t> only_in_base;       ///< base operation indices with no match
  std::vector<std::int32_t> only_in_variant;    ///< variant operation indices with no match
  OverallComparison overall;
  /// Each gathering point of the base's operations that the variant's gather at too, in the
  /// base's order (MonteCarloResult::gathering_points); one only in either run is left out.
  std::vector<GatheringPointComparison> gathering_points;
  /// The user interrupted the runs (MonteCarloOptions::interrupted): nothing is compared.
  bool interrupted = false;
};

/// How many bytes compare_monte_carlo() keeps, at most, for `options.replications` pairs: both
/// runs' (memory_kept()) and the compared quantities of every replication of both (of each
/// operation, category, phase and gathering point, and of all operations); both runs over the
/// horizon of `run`.
std::size_t comparison_memory_kept(const model::Scenario& base, const model::Scenario& variant,
                                   const MonteCarloOptions& options, const RunOptions& run = {});

/// Runs `options.replications` replications of both engines with `options.seed` (one after the
/// other, each on `options.threads` threads) and compares them, drawing the intervals of the
/// changes of the high chances' times last, on as many threads. The progress callback counts the
/// replications of both runs, change_progress the intervals; `options.interrupted` is asked as by
/// each run, and then on the calling thread before the intervals and between them (interrupted
/// anywhere, nothing is compared). Throws std::invalid_argument when `options.ci_target_h` is set:
/// a comparison is of a fixed number of pairs.
Comparison compare_monte_carlo(const Engine& base, const Engine& variant,
                               const MonteCarloOptions& options);

}  // namespace mamar::sim
