// The "simulate" use case: Monte Carlo replications of a scenario, and its results as a text
// table, JSON (docs/results-format.md, schema/results.schema.json) and a self-contained HTML
// report. Shared by the command line and the server. Functions are reentrant; the formatting
// functions are pure (the same result gives the same bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "mamar/common/diagnostic.hpp"
#include "mamar/common/time.hpp"
#include "mamar/model/changes.hpp"
#include "mamar/model/scenario.hpp"
#include "mamar/sim/comparison.hpp"
#include "mamar/sim/engine.hpp"
#include "mamar/sim/monte_carlo.hpp"

namespace mamar::app {

/// What to simulate; unset values come from the scenario's `simulation` section.
struct SimulateOptions {
  std::optional<std::size_t> replications;
  std::optional<std::uint64_t> seed;
  std::optional<Duration> horizon;
  unsigned threads = 0;  ///< 0: all cores
  std::optional<double> ci_target_h;
  bool stochastic_risks = true;
  bool scheduled_events = true;
  std::function<void(std::size_t done, std::size_t total)> progress;
  /// A comparison's intervals drawn (sim::MonteCarloOptions::change_progress).
  std::function<void(std::size_t done, std::size_t total)> change_progress;
  /// Whether the user has interrupted the run (sim::MonteCarloOptions::interrupted).
  std::function<bool()> interrupted;
};

/// The engine options for `scenario` and `options`.
sim::RunOptions run_options(const model::Scenario& scenario, const SimulateOptions& options);

/// The Monte Carlo options for `scenario` and `options`.
sim::MonteCarloOptions monte_carlo_options(const model::Scenario& scenario,
                                           const SimulateOptions& options);

/// Runs the replications of a scenario that loaded without errors.
sim::MonteCarloResult simulate(const model::Scenario& scenario, const SimulateOptions& options);

/// The machine's physical memory in bytes (0 when it cannot be told).
std::size_t physical_memory();

/// Whether a run fits in memory: `needed` is what it keeps for its `replications`
/// (sim::memory_kept(), sim::comparison_memory_kept()), and a run may take three quarters of
/// the machine's `memory` (physical_memory(); 0: unknown, anything goes). When it does not fit,
/// the message that refuses it ("sim.too-much-memory"), with how many replications would fit.
std::optional<Message> memory_refusal(std::size_t needed, std::size_t replications,
                                      std::size_t memory);

/// A readable table: per operation the clearance times, exposure, losses, trips and
/// utilisation; per checkpoint the queues; per linkage the parity at the end.
std::string results_table(const sim::MonteCarloResult& result, const model::Scenario& scenario,
                          Language lang);

/// The results as JSON (format in docs/results-format.md). Names carry both languages, so the
/// output does not depend on a language; the same result gives the same bytes.
std::string results_json(const sim::MonteCarloResult& result, const model::Scenario& scenario);

/// A self-contained HTML report (inline CSS and SVG, no scripts), right-to-left in Arabic.
std::string results_html(const sim::MonteCarloResult& result, const model::Scenario& scenario,
                         Language lang);

/// results_html() of one of the two runs of a comparison (`--compare` or `--what-if` with `--out
/// DIR` writes them to DIR/base/ and DIR/variant/): its title and header say which run it is,
/// and for the variant what it changes (model::scenario_changes(), when known), and it links to
/// the comparison's report (../report.html).
std::string comparison_run_html(const sim::MonteCarloResult& result,
                                const model::Scenario& scenario, Language lang, bool variant,
                                const std::optional<std::vector<model::FieldChange>>& changes = {});

/// Runs the same replications of a base and a variant scenario (both loaded without errors) with
/// one seed and compares them pair by pair (sim::compare_monte_carlo: common random numbers).
/// Replications, seed and horizon come from `options`, else from the base's `simulation`
/// section, for both. Throws std::invalid_argument when options.ci_target_h is set.
sim::Comparison compare(const model::Scenario& base, const model::Scenario& variant,
                        const SimulateOptions& options);

/// A readable table of a comparison: per operation in both, the base's and the variant's medians
/// and the change, replication by replication (median, P10 – P90, mean with its 95% interval,
/// and how often it went up or down).
/// `base_file` and `variant_file`, when given, name the files beside the scenarios' names;
/// `changes`, when given, are the fields the variant changes (model::scenario_changes()).
std::string comparison_table(const sim::Comparison& comparison, const model::Scenario& base,
                             const model::Scenario& variant, Language lang,
                             const std::string& base_file = "",
                             const std::string& variant_file = "",
                             const std::optional<std::vector<model::FieldChange>>& changes = {});

/// A self-contained HTML report of a comparison: the table of comparison_table() per operation,
/// and the chance of clearing everyone by each time, base and variant on one chart. It links to
/// base/report.html and variant/report.html beside it, where `mamar simulate --compare --out`
/// writes each run's own report.
std::string comparison_html(const sim::Comparison& comparison, const model::Scenario& base,
                            const model::Scenario& variant, Language lang,
                            const std::string& base_file = "", const std::string& variant_file = "",
                            const std::optional<std::vector<model::FieldChange>>& changes = {});

/// The comparison as JSON (format in docs/results-format.md, "Comparing two variants").
std::string comparison_json(const sim::Comparison& comparison, const model::Scenario& base,
                            const model::Scenario& variant, const std::string& base_file = "",
                            const std::string& variant_file = "",
                            const std::optional<std::vector<model::FieldChange>>& changes = {});

/// The header line of the event trace CSV.
std::string trace_csv_header();
/// One CSV line (with its newline) for a trace record; operation and place as ids, time in the
/// agreement's time zone.
std::string trace_csv_row(const sim::TraceRecord& record, const model::Scenario& scenario);
/// Runs replication `replication` of `engine` with `seed` once more and writes its event trace
/// as CSV to `out`.
void write_trace_csv(const sim::Engine& engine, std::uint64_t seed, std::uint64_t replication,
                     std::ostream& out);

/// "[=========>          ]  450/1000" for a terminal.
std::string progress_bar(std::size_t done, std::size_t total, std::size_t width = 40);

/// The messages of this use case (merged into app_catalog()).
Catalog simulate_catalog();

}  // namespace mamar::app
