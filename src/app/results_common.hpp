// Internal to the app layer: words and number formats shared by the text, JSON and HTML forms
// of simulation results.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mamar/common/diagnostic.hpp"
#include "mamar/model/changes.hpp"
#include "mamar/model/scenario.hpp"
#include "mamar/sim/comparison.hpp"
#include "mamar/sim/monte_carlo.hpp"

namespace mamar::app::results {

/// Messages of the catalog in one language.
struct Words {
  const Catalog& catalog;
  Language lang;
  std::string operator()(const std::string& key,
                         std::vector<std::pair<std::string, std::string>> args = {}) const {
    return catalog.render(Message{key, std::move(args)}, lang);
  }
};

using mamar::grouped;  // "12,345.6"

/// A time in hours, with decimals by size: "0.42", "4.2", "42", "1,234". "—" for NaN.
std::string hours_number(double h);
/// The decimals hours_number() gives `h`: 2 under an hour, 1 under 100 hours, else 0.
int hours_decimals(double h);

/// A share as a percentage: "97.5%"; "<0.1%" and ">99.9%" for shares that would round to 0 or
/// 100 without being 0 or 1. "—" for NaN.
std::string percent(double share, int decimals = 1);

/// A summarised quantity with sensible decimals for its size (people: 0 decimals).
std::string quantity(double v, int decimals);

/// Decimals for the mean of a quantity whose values are written with `decimals`: one more, and
/// up to two more again while the 95% half-width would show as 0 ("10.00 ± 0.02", not
/// "10.0 ± 0.0", which reads as no variation at all).
int mean_decimals(const sim::Summary& s, int decimals);

/// Decimals for the mean of a time and for its interval, in the table ("mean 95.94 ± 0.02 h")
/// and the report ("95.94 (95.92 – 95.96) h") alike: the hours' own (hours_decimals() of the
/// mean), and up to two more while the 95% half-width would show as 0, so that the mean is not
/// given more coarsely than its interval says it is known.
int time_mean_decimals(const sim::Summary& s);

/// The columns UTF-8 text takes in a terminal (to align it; an estimate of its width in the
/// report): its code points, less the marks written over or under the letter before them (the
/// Arabic vowel marks: "قُتلوا" takes five columns, not six) and the invisible ones (joiners,
/// direction marks and isolates).
std::size_t display_width(std::string_view text);

/// `text` and spaces after it to `columns` columns (display_width()): fmt's own width counts an
/// Arabic vowel mark as a column.
std::string pad_to(const std::string& text, std::size_t columns);

/// `text` cut to at most `max` columns (display_width()), ending with "…" when cut; a letter is
/// kept with its marks.
std::string shorten(const std::string& text, std::size_t max);

/// Names of things of the scenario in `lang`, falling back to the other language, then the id.
std::string operation_name(const model::Scenario& s, std::int32_t op, Language lang);
std::string place_name(const model::Scenario& s, std::int32_t place, Language lang);
std::string linkage_name(const model::Scenario& s, std::int32_t linkage, Language lang);
std::string operation_id(const model::Scenario& s, std::int32_t op);
std::string place_id(const model::Scenario& s, std::int32_t place);

/// A duration in whole days ("30 d"), else hours ("36 h", "1.5 h"), or under an hour minutes
/// ("30 min"), in the words' language.
std::string duration_text(Duration d, const Words& w);

/// "interrupted after 2,000 of 10,000 replications: the results are of those".
std::string interrupted_text(const sim::MonteCarloResult& r, const Words& w);

/// What came of `--ci-target`, when one was given: stopped early, not met, or not to be met
/// because some replication did not clear everyone (the mean is then not defined). Empty
/// without a target.
std::string ci_target_text(const sim::MonteCarloResult& r, const Words& w);

/// Hours since the agreement start of the end of each ceasefire window that ends, in time order:
/// of operation `op`'s windows (its own or the agreement's), or of every operation's (op -1).
std::vector<double> ceasefire_ends_h(const model::Scenario& s, std::int32_t op = -1);

/// Whether a chance "of finishing inside the ceasefire" is one: Ends where every ceasefire it
/// covers ends by the horizon; Open where each is open-ended or ends after it (the chance is then
/// of everyone being out by the horizon); Mixed where some end and some do not (the overall chance,
/// or a comparison whose two runs differ).
enum class CeasefireEnd { Ends, Open, Mixed };

/// Of operation `op` (its own windows or the agreement's), or of every operation (op -1), for a
/// run to `horizon`: a ceasefire that ends after the horizon is as open-ended there (the run ends
/// first, and the chance is of being out by the horizon).
CeasefireEnd ceasefire_end(const model::Scenario& s, Duration horizon, std::int32_t op = -1);

/// Of a comparison's two runs: the same where both are, else Mixed.
CeasefireEnd ceasefire_end(CeasefireEnd base, CeasefireEnd variant);
/// Of a comparison's two runs to `horizon`: of operation `base_op` of `base` and `variant_op` of
/// `variant`, or of all their operations (-1).
CeasefireEnd ceasefire_end(const model::Scenario& base, const model::Scenario& variant,
                           Duration horizon, std::int32_t base_op = -1,
                           std::int32_t variant_op = -1);

/// The message key to use in place of `key` ("sim.in-ceasefire", "sim.in-ceasefire-by-phase",
/// "sim.in-ceasefire-by-category", "cmp.in-ceasefire-of") for `end`; any other key as it is.
const char* ceasefire_key(const char* key, CeasefireEnd end);

/// What a chance of finishing means where a ceasefire has no end (sim.open-ceasefire-note, or
/// sim.mixed-ceasefire-note); empty where every ceasefire ends.
std::string open_ceasefire_note(CeasefireEnd end, const Words& w);

/// Under "not out at the end": in how many replications someone was, and at most how many
/// ("11 of 200 (at most 2,303 people)"): a median and P90 of 0 hide a few runs gone badly. Empty
/// where nobody was left in any replication. `left`: replications that did not clear everyone.
std::string left_someone_text(const sim::Summary& not_cleared, std::size_t left, std::size_t total,
                              const Words& w);

/// For operation `op` (its index in the scenario), whose ceasefire ends before the horizon: when
/// ("36.0 h after the start (2030-01-02 18:00+02:00)"); and, when some replication
/// did not clear everyone (`not_reached` > 0), how to see how long it would have to hold: nothing
/// moves after it, so no time past it is reached (sim.ceasefire-longer), and the --what-if setting
/// its last window's end to the horizon. All empty where its ceasefire has no end before the
/// horizon.
struct CeasefireEndLines {
  std::string ends;
  std::string longer;
  std::string setting;  ///< the --what-if setting `longer` asks for
};
CeasefireEndLines ceasefire_end_lines(const model::Scenario& s, std::int32_t op, Duration horizon,
                                      std::size_t not_reached, const Words& w);

/// Whether to show who was not out at the end by category: some replication left someone, and
/// the operation has people of more than one category.
bool left_by_category(const sim::OperationSummary& op);

/// A block of rows that refines a quantity of an operation by category or by phase: its heading
/// (a message key) and a row for each category of people the operation has (scenario order), or
/// each of its phases, with that one's summary.
struct Breakdown {
  const char* label;
  struct Row {
    std::string name;  ///< of the category or phase, in the language asked for
    const sim::Summary* value;
  };
  std::vector<Row> rows;
};

/// The blocks that follow an operation's exposure in the table and the report: for an operation
/// with people of more than one category, the person-hours of each category waiting at the
/// gathering point (only when `waiting`: the report shows it, the table does not), held and
/// queueing at checkpoints; then the same for each phase (more than one phase; the waiting with
/// a last row for those still waiting at the end, of no phase, when there were some); each when
/// the operation's was above 0 in some replication.
std::vector<Breakdown> exposure_breakdowns(const sim::OperationSummary& op,
                                           const model::Scenario& s, const Words& w, bool waiting);

/// The blocks that follow what became of an operation's people: removed at checkpoints, killed
/// and injured by category (people of more than one category), then by phase (more than one
/// phase), each when the operation's count was above 0 in some replication.
std::vector<Breakdown> outcome_breakdowns(const sim::OperationSummary& op, const model::Scenario& s,
                                          Language lang);

/// A scheduled event on the time axis of an operation's charts: a window (a suspension, a hold,
/// a slowdown) from `from_h` to `to_h`, or a moment (`to_h` == `from_h`); hours since the start.
struct EventMark {
  double from_h = 0;
  double to_h = 0;
  model::RiskKind kind = model::RiskKind::Suspension;
  std::string name;  ///< in the language asked for, else the other, else the id
};

/// The scheduled events that apply to operation `op`, in the file's order.
std::vector<EventMark> event_marks(const model::Scenario& s, std::int32_t op, Language lang);

/// What held the people not out at the end, in sim::LeftReason order: the message of its row
/// (its key in JSON is sim::left_reason_id()).
std::span<const char* const, sim::kLeftReasons> left_reason_messages();

/// A chance of clearing everyone and the time it takes (hours since the start; NaN when that
/// share of the replications never cleared).
struct ClearanceChance {
  int percent;
  double hours;
  /// Its 95% confidence interval (sim::ChanceInterval), when the run had replications enough.
  std::optional<sim::ChanceInterval> interval = std::nullopt;
};

/// Whether operation `op` gathers at a place with a capacity, beyond which people waiting are
/// counted apart (OperationResult::outside_person_hours).
inline bool has_room_limit(const model::Scenario& s, std::int32_t op) {
  const model::Ref& gp = s.operations[static_cast<std::size_t>(op)].gathering_point;
  return gp.resolved() && s.places[gp.idx()].capacity.has_value();
}

/// Whether an operation had nobody to move (everyone chose to stay, or no one was there): its
/// times to clear are 0 h, written "nobody to move".
inline bool nobody_leaves(const sim::OperationSummary& op) {
  return op.leaving.n > 0 && op.leaving.max == 0;
}

/// The high chances a table shows beside the median and P90 of the time to clear everyone:
/// 95% and 99%, each once there are replications enough for it to differ from the largest value
/// (20 and 100) and the chance below it (P90, then 95%) was reached within the horizon; none
/// when every replication took the same time.
std::vector<ClearanceChance> clearance_chances(
    const std::vector<double>& percentiles, const sim::Summary& t100,
    const std::vector<sim::ChanceInterval>& intervals = {});

/// A chance's interval as the table and the report write it: "(95% CI 11.8 – 12.3 h)", or
/// "(95% CI 30.1 h – not reached)"; "(95% CI not reached)" where even its low bound is not
/// reached (the runs end at the horizon, or once nothing can move: after the ceasefire). `bare`:
/// without the brackets and the "95% CI" ("11.8 – 12.3 h", "not reached"), as in a comparison's
/// line of intervals.
std::string chance_interval_text(const sim::ChanceInterval& interval, const Words& w,
                                 bool bare = false);

/// Entry `i` of intervals listed by phase or by category; none where the list has no entry.
inline std::vector<sim::ChanceInterval> interval_list(
    const std::vector<std::vector<sim::ChanceInterval>>& lists, std::size_t i) {
  return i < lists.size() ? lists[i] : std::vector<sim::ChanceInterval>{};
}

/// Each run's summary of compared operation `op`: null where a run has none.
struct ComparedRuns {
  const sim::OperationSummary* base = nullptr;
  const sim::OperationSummary* variant = nullptr;
};
inline ComparedRuns compared_runs(const sim::Comparison& c, const sim::OperationComparison& op) {
  const auto b = static_cast<std::size_t>(op.base_operation);
  const auto v = static_cast<std::size_t>(op.variant_operation);
  return {b < c.base.operations.size() ? &c.base.operations[b] : nullptr,
          v < c.variant.operations.size() ? &c.variant.operations[v] : nullptr};
}

/// How a compared quantity is written. Hours: a time; Chance: 1 or 0 in a replication (finished
/// inside the ceasefire or not), its change in points; Share: 0 to 1, its change in points;
/// Count: people, person-hours, trips.
enum class CompareUnit { Hours, Chance, Share, Count };

/// How long the ceasefire must hold for everyone (of an operation, a phase or a category) to be
/// out with a high chance, in each run: the percentile of each run's own replications (of a
/// phase's or a category's, those of its pairs: sim::ComparedChances). Not a pair-by-pair
/// quantity (the two percentiles need not fall on the same replication): a comparison gives the
/// two values and the gap between them only.
struct ComparedChance {
  int percent = 0;
  double base_h = 0;       ///< NaN: not reached within the horizon in that share of replications
  double variant_h = 0;    ///< likewise
  bool unchanged = false;  ///< the time to clear everyone is the same in every pair
  /// Each run's 95% confidence interval of its time (sim::ChanceInterval), where the run had
  /// replications enough for one.
  std::optional<sim::ChanceInterval> base_interval, variant_interval;
  /// The 95% confidence interval of the change between the two, from the pairs
  /// (sim::PercentileChange), where it has one.
  std::optional<sim::PercentileChange> change_interval;
  /// The line of the intervals, under the line of the times: its cells are the two intervals.
  bool interval_line = false;
};

/// A line of a comparison: its label (a message key), the change and its unit; `sub` for a line
/// one step in under the one before it (what held the people not cleared, under theirs; a high
/// chance of clearing, under the time to clear 100%). A line of a high chance of clearing has
/// `chance` instead of a paired difference (`difference` is null), and so has the line of its
/// intervals under it (ComparedChance::interval_line), a step further in.
struct ComparedLine {
  const char* label;  ///< a message key
  const sim::PairedDifference* difference;
  CompareUnit unit;
  bool sub = false;
  std::string text;  ///< the label in words, when not a key (a category's row)
  std::optional<ComparedChance> chance;
};

/// How many steps in a line of a comparison is shown: 0, 1 (`sub`), or 2 (the line of a high
/// chance's intervals, under the chance's own line).
inline int depth(const ComparedLine& line) {
  if (line.chance && line.chance->interval_line) return 2;
  return line.sub ? 1 : 0;
}

/// The lines of an operation's comparison and of all operations', in the order the table and
/// the report show them: under the people not cleared, a line for each reason that held someone
/// in some replication of either run; for an operation with people of more than one category,
/// after them a line for each category ("not out: Civilians") when some replication left someone,
/// and likewise under the held and queueing person-hours and the people removed, killed and
/// injured ("removed: Civilians") when the quantity was above 0 in some replication of either
/// run; under the waiting too when `with_waiting` (the report: everyone waits, and the table would
/// have those rows for every operation of several categories); and under the time to clear 100%
/// and the chance of finishing inside the ceasefire a line for each category whose times are
/// compared in some pair ("time to clear 100%: Civilians"). For an operation of more than one
/// phase in the base, a line for each phase compared in some pair under the time to clear 100%
/// ("time to clear 100%: Wounded first") and the chance of finishing inside the ceasefire, and
/// under the people removed, killed and injured (after those by category) when the quantity was
/// above 0 in some replication of either run. Right under each time to clear 100% (of the
/// operation, of a category or a phase, or of all), a line for each high chance that either run's
/// own table shows (clearance_chances()): "with a chance of 95%", each run's time (of a category
/// or a phase over its pairs); under it, where either run has one, a line of each run's 95%
/// confidence interval of that time and of the change's (t100_chance_changes, or
/// ComparedChances::changes). The chance of finishing inside the ceasefire is labelled as
/// ceasefire_key() has it for the ceasefires of both runs.
std::vector<ComparedLine> compared_lines(const sim::Comparison& c,
                                         const sim::OperationComparison& op,
                                         const model::Scenario& base,
                                         const model::Scenario& variant, const Words& w,
                                         Language lang, bool with_waiting);
std::vector<ComparedLine> compared_lines(const sim::Comparison& c, const model::Scenario& base,
                                         const model::Scenario& variant, const Words& w);
/// The lines of a gathering point's comparison: the most people waiting there at once, then,
/// when its place has a capacity in either run, the hours over it ("hours over its capacity
/// (100)", or each run's capacity where they differ).
std::vector<ComparedLine> compared_lines(const sim::GatheringPointComparison& gp,
                                         const model::Scenario& base,
                                         const model::Scenario& variant, const Words& w);

/// The cells of a compared quantity: the base's and the variant's medians (for a chance, the
/// share of replications), the change "+1.2 [−0.4 – +3.0]" (median [P10 – P90]) and the mean
/// change "+1.21 ± 0.05" as numbers, the message that puts their unit on them ("cmp.hours",
/// "cmp.points"; none for counts), and the shares of pairs higher and lower. `unchanged` when no
/// pair differs; cells that do not apply are empty.
struct ComparedCells {
  std::string base, variant;
  std::string change, mean;
  const char* unit = nullptr;
  std::string higher, lower;
  bool unchanged = false;
  /// `numbers` (change or mean) with the unit; empty stays empty.
  std::string with_unit(const std::string& numbers, const Words& w) const {
    if (numbers.empty() || unit == nullptr) return numbers;
    return w(unit, {{"n", numbers}});
  }
};
ComparedCells compared_cells(const sim::PairedDifference& d, CompareUnit unit, const Words& w);
/// The cells of a high chance of clearing: each run's time and the change between them
/// ("+3.0" hours; "+∞" where only the variant's is not reached), `unchanged` as the time to clear
/// everyone is; no mean change and no shares of pairs. Of the line of its intervals: each run's
/// interval ("11.9 – 12.4 h"; "—" for a run without one) and the change's ("−2.3 – −1.9" hours;
/// empty without one), and nothing else.
ComparedCells compared_cells(const ComparedChance& chance, const Words& w);
/// The cells of a line, whichever kind it is.
ComparedCells compared_cells(const ComparedLine& line, const Words& w);

/// The sentence on what pairing gained for the mean change in the time to clear everyone (of the
/// one operation, or of all), against two independent runs; empty when there is no interval.
std::string pairing_gain(const sim::Comparison& c, const Words& w);
/// Whether a variant changes its `simulation` section, which neither run uses.
bool changes_simulation(const std::vector<model::FieldChange>& changes);

/// "Name [id] (file)" of a compared scenario; without the file when it is empty.
std::string scenario_label(const model::Scenario& s, const std::string& file, Language lang);

/// A field the variant changes, "path: base → variant" ("—" for a side where it is absent).
std::string change_text(const model::FieldChange& change);

/// Which run of a comparison a report is of: `mamar simulate --compare --out DIR` writes each
/// run's own report to DIR/base/ and DIR/variant/.
struct ComparisonRun {
  bool variant = false;
  /// What the variant changes (model::scenario_changes()), when known.
  std::optional<std::vector<model::FieldChange>> changes;
};

/// results_html() of one of the two runs of a comparison: its title and header say which run it
/// is (and for the variant, what it changes), and link to the comparison's report beside the
/// run's directory (../report.html).
std::string comparison_run_html(const sim::MonteCarloResult& r, const model::Scenario& s,
                                Language lang, const ComparisonRun& run);

/// A tick of an axis of a report's chart: where it stands, and how it is written.
struct Tick {
  double value;
  std::string label;
};

/// The ticks of an axis of counts (replications, people) over [lo, hi], about `target` of them:
/// whole numbers, each written as it is and once, even when the range is a few units ("0, 1",
/// not "0, 0, 0, 1, 1").
std::vector<Tick> count_ticks(double lo, double hi, int target);

}  // namespace mamar::app::results
