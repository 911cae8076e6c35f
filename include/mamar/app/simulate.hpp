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

#include "mamar/common/diagnostic.hpp"
#include "mamar/common/time.hpp"
#include "mamar/model/scenario.hpp"
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
};

/// The engine options for `scenario` and `options`.
sim::RunOptions run_options(const model::Scenario& scenario, const SimulateOptions& options);

/// The Monte Carlo options for `scenario` and `options`.
sim::MonteCarloOptions monte_carlo_options(const model::Scenario& scenario,
                                           const SimulateOptions& options);

/// Runs the replications of a scenario that loaded without errors.
sim::MonteCarloResult simulate(const model::Scenario& scenario, const SimulateOptions& options);

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
