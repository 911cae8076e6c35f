// Monte Carlo over replications of a scenario, and the distributions it reports.
//
// run_monte_carlo() runs replications 0, 1, 2 … of an Engine (or of any function giving a
// ReplicationResult per replication index) on a pool of threads that pull indices from a shared
// counter, and folds the results strictly in replication-index order: the MonteCarloResult is
// bit-identical whatever the number of threads. Memory stays bounded: per replication only
// scalars are kept, and for curves at most kCurvePointsPerReplication points per series (as
// float) of at most MonteCarloOptions::curve_replications replications.
//
// The functions are reentrant; a MonteCarloResult is a plain value. The meaning of every field
// and its unit are documented in docs/results-format.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "mamar/model/scenario.hpp"
#include "mamar/sim/engine.hpp"
#include "mamar/sim/statistics.hpp"

namespace mamar::sim {

/// Points kept per curve series of one replication (downsampled evenly, ends included).
inline constexpr std::size_t kCurvePointsPerReplication = 200;
/// Points of the common time grid on which curve bands are reported.
inline constexpr std::size_t kBandPoints = 200;

struct MonteCarloOptions {
  std::size_t replications = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 0;  ///< 0: all cores; never more than the cores
  /// Stop early once the 95% CI half-width of the mean overall 100% clearance time is below
  /// this many hours. Checked after each `batch` replications in index order, so where it stops
  /// does not depend on the number of threads.
  std::optional<double> ci_target_h;
  std::size_t batch = 100;
  /// Curves (and so the bands) come from the first this many replications.
  std::size_t curve_replications = 5000;
  /// Called on the calling thread after each replication is folded in, in index order.
  std::function<void(std::size_t done, std::size_t total)> progress;
  /// A comparison's (compare_monte_carlo): called on the calling thread as the intervals of the
  /// changes are drawn, after both runs, with how many of them were taken so far and their count,
  /// and last with both the count; never where there are none.
  std::function<void(std::size_t done, std::size_t total)> change_progress;
  /// Asked on the calling thread after each replication is folded in: true stops the run there
  /// (the user interrupted it), with the replications folded in so far.
  std::function<bool()> interrupted;
};

/// Time to clear 90% and 100% (hours since the agreement start; NaN = not reached).
struct ClearanceSummary {
  Summary t90_h;
  Summary t100_h;
};

/// Percentile bands of a curve at each time of MonteCarloResult::curve_times_h.
struct CurveBand {
  std::vector<float> p10;
  std::vector<float> median;
  std::vector<float> p90;
};

/// Percentiles of the time to clear everyone kept for the chance of clearing by a time.
inline constexpr std::size_t kClearancePercentiles = 100;

/// The high chances of clearing everyone (in percent) whose times the table and the report show
/// under the time to clear 100%, each with a confidence interval (ChanceInterval).
inline constexpr std::array<int, 2> kHighChancePercents{95, 99};

/// A distribution-free 95% confidence interval (quantile_interval()) of how long the ceasefire
/// must hold for everyone to be out with a chance of `percent`%: the true time under the
/// scenario's assumptions, which the replications' percentile estimates. NaN bound: not reached
/// within the horizon. Present only once there are replications enough
/// (quantile_interval_min_n(): 72 for 95%, 368 for 99%).
struct ChanceInterval {
  int percent = 0;
  double low_h = kNaN;
  double high_h = kNaN;
};

/// What became of some of an operation's people (Outcomes), summarised over replications.
struct OutcomesSummary {
  Summary arrived, removed, killed, injured;
};

/// Their person-hours (Exposure), summarised over replications.
struct ExposureSummary {
  Summary waiting, held, queueing;
};

struct OperationSummary {
  std::int32_t operation = -1;  ///< scenario operation index
  ClearanceSummary clearance;
  /// The 1st, 2nd, … 100th percentile of clearance.t100_h (hours; NaN where it falls on
  /// replications that never cleared): entry k − 1 is how long the ceasefire must hold, from
  /// the agreement start, to clear everyone in k% of the replications.
  std::vector<double> t100_percentiles_h;
  /// Intervals of its 95th and 99th entries (those with replications enough).
  std::vector<ChanceInterval> t100_chance_intervals;
  std::vector<ClearanceSummary> phases;  ///< by phase index of the operation
  /// t100_percentiles_h of each phase's people, by phase index, over the same replications as
  /// `phases`: how long the ceasefire must hold for them to be all out in k% of the replications.
  std::vector<std::vector<double>> phase_t100_percentiles_h;
  /// Their intervals, as t100_chance_intervals, by phase index.
  std::vector<std::vector<ChanceInterval>> phase_t100_chance_intervals;
  /// What became of the people of each phase (who boarded in it), by phase index, over the same
  /// replications as `phases`.
  std::vector<OutcomesSummary> phase_outcomes;
  /// Their exposure (of who boarded in each phase), by phase index, over the same replications.
  std::vector<ExposureSummary> phase_exposure;
  /// The chance that each phase's people were all out by the end of the operation's ceasefire, by
  /// phase index, over the same replications as `phases`.
  std::vector<Proportion> phase_in_ceasefire;
  /// By scenario category index; replications where nobody of the category leaves are left
  /// out, so n = 0 for a category absent from this operation.
  std::vector<ClearanceSummary> categories;
  /// The same percentiles for each category, by scenario category index, over the same
  /// replications as `categories` (empty for a category absent from this operation).
  std::vector<std::vector<double>> category_t100_percentiles_h;
  /// Their intervals, as t100_chance_intervals, by scenario category index.
  std::vector<std::vector<ChanceInterval>> category_t100_chance_intervals;
  /// The chance that each category's people were all out by the end of the operation's
  /// ceasefire, by scenario category index, over the same replications as `categories`.
  std::vector<Proportion> category_in_ceasefire;
  /// People of each category not out at the end, by scenario category index, over the same
  /// replications as `categories`.
  std::vector<Summary> category_not_cleared;
  /// category_not_cleared by what held them at the end: [category][LeftReason].
  std::vector<std::array<Summary, kLeftReasons>> category_left_by_reason;
  /// What became of the people of each category, and their exposure, by scenario category
  /// index, over the same replications as `categories`.
  std::vector<OutcomesSummary> category_outcomes;
  std::vector<ExposureSummary> category_exposure;
  Proportion finished_in_ceasefire;
  Summary leaving, stayed, arrived, sheltered, removed, killed, injured, turned_back, not_cleared;
  /// not_cleared by what held them at the end, indexed by LeftReason (engine.hpp).
  std::array<Summary, kLeftReasons> left_by_reason;
  Summary wait_person_hours, held_person_hours, queue_person_hours;
  Summary outside_person_hours;  ///< of wait_person_hours, beyond the gathering point's capacity
  /// of wait_person_hours, that of those waiting, not aboard, at the end: in no phase
  Summary unboarded_wait_person_hours;
  Summary convoys, trips, vehicles_lost, utilisation;
  CurveBand inside, in_transit, out;
};

struct CheckpointSummary {
  std::int32_t place = -1;  ///< scenario place index
  Summary vehicles, mean_wait_min, max_wait_min, mean_queue, max_queue, holds;
};

/// A gathering point: how many people waited there to board at once.
struct GatheringPointSummary {
  std::int32_t place = -1;  ///< scenario place index
  /// The most people waiting at once in a replication, when they were first that many (hours
  /// from the start; not reached where nobody waited), and the hours with more people waiting
  /// than the place's capacity (0 without one).
  Summary peak_waiting, peak_at_h, over_capacity_h;
  CurveBand waiting;  ///< people waiting there to board over time
};

struct LinkageSummary {
  std::int32_t linkage = -1;             ///< index in scenario.agreement.linkages
  std::vector<std::int32_t> operations;  ///< operations tied by the linkage
  std::vector<CurveBand> parity;         ///< share moved, by entry of `operations`
  /// Of a linkage in tranches, for each tranche: when it was complete, in hours since the start
  /// (LinkageResult::tranche_done_h; not reached in a replication where it never was).
  std::vector<Summary> tranche_done_h;
};

/// Histogram of one value per replication: bin i counts values in [first_edge + i·bin_width,
/// first_edge + (i+1)·bin_width), in the value's unit.
struct Histogram {
  double first_edge = 0;
  double bin_width = 1;
  std::vector<std::size_t> counts;
  std::size_t not_reached = 0;  ///< values that are NaN or infinite (a time never reached)
};

struct MonteCarloResult {
  std::size_t replications_requested = 0;
  std::size_t replications = 0;  ///< actually run and folded in
  std::uint64_t seed = 0;
  std::optional<double> ci_target_h;
  bool stopped_early = false;          ///< the CI target was met before replications_requested
  bool interrupted = false;            ///< stopped by MonteCarloOptions::interrupted
  RunOptions run;                      ///< what the replications simulated
  double mean_events = 0;              ///< events per replication
  std::size_t curve_replications = 0;  ///< replications the bands come from
  std::vector<double> curve_times_h;   ///< common grid of every CurveBand
  std::vector<OperationSummary> operations;
  std::vector<CheckpointSummary> checkpoints;
  std::vector<GatheringPointSummary> gathering_points;  ///< in scenario order
  std::vector<LinkageSummary> linkages;
  ClearanceSummary clearance;                         ///< all operations together
  std::vector<double> t100_percentiles_h;             ///< as OperationSummary's, of all operations
  std::vector<ChanceInterval> t100_chance_intervals;  ///< as OperationSummary's
  Proportion finished_in_ceasefire;
  Histogram t100_histogram;  ///< of the overall 100% clearance time, hours
  /// People of all operations not out when the replication ended (still inside or on the road).
  Summary not_cleared;
  Histogram not_cleared_histogram;  ///< of `not_cleared`, people; bins at least 1 wide
  /// `not_cleared` by what held them, as OperationSummary's, of all operations.
  std::array<Summary, kLeftReasons> left_by_reason;
};

using ReplicationFunction = std::function<ReplicationResult(std::uint64_t replication)>;

/// Runs the Engine's replications with `options.seed`.
MonteCarloResult run_monte_carlo(const Engine& engine, const MonteCarloOptions& options);

/// Runs `replicate` for replications 0 … n−1 of `scenario`; `replicate` must be safe to call
/// from several threads at once. `run` is recorded in the result as what was simulated.
/// Rethrows the first exception a replication threw.
MonteCarloResult run_monte_carlo(const model::Scenario& scenario,
                                 const ReplicationFunction& replicate,
                                 const MonteCarloOptions& options, const RunOptions& run = {});

/// How many bytes run_monte_carlo() keeps, at most, to fold `options.replications` replications
/// of `scenario`: every replication's values that the percentiles need (its clearance times, by
/// phase and category, its quantities and who was left, by operation, category, checkpoint and
/// gathering point),
/// the curves of the first `options.curve_replications`, the copies made to summarise them, and
/// the results of the replications the workers have run ahead of the fold (with their curves,
/// over the horizon of `run`).
/// An upper bound (a phase or category nobody of which leaves in a replication is not kept),
/// for refusing a run that cannot fit in memory before it starts.
std::size_t memory_kept(const model::Scenario& scenario, const MonteCarloOptions& options,
                        const RunOptions& run = {});

/// Bins for a histogram of `values` (NaN = not reached): a width of 1, 2 or 5 × 10^k, at least
/// `min_width` (1 for counts of people, whose bins must not split a unit), giving at most
/// `max_bins` bins from a multiple of the width.
Histogram make_histogram(std::span<const double> values, std::size_t max_bins = 40,
                         double min_width = 0);

}  // namespace mamar::sim
