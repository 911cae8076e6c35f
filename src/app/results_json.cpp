// Simulation results as JSON; the format is specified in docs/results-format.md and
// schema/results.schema.json. Object keys are written in a fixed order (nlohmann's ordered_json)
// and numbers by the shortest round-trip form, so the same result gives the same bytes.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "mamar/app/simulate.hpp"
#include "results_common.hpp"

namespace mamar::app {
namespace {

using Json = nlohmann::ordered_json;

Json number(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

Json name(const LocalizedName& n) {
  Json j = Json::object();
  if (!n.en.empty()) j["en"] = n.en;
  if (!n.ar.empty()) j["ar"] = n.ar;
  return j;
}

Json summary(const sim::Summary& s) {
  return Json{{"n", s.n},
              {"not_reached", s.not_reached},
              {"mean", number(s.mean)},
              {"ci95_low", number(s.ci95_low)},
              {"ci95_high", number(s.ci95_high)},
              {"median", number(s.median)},
              {"p10", number(s.p10)},
              {"p90", number(s.p90)},
              {"min", number(s.min)},
              {"max", number(s.max)}};
}

// People not out at the end by what held them, every reason named by its id
// (docs/results-format.md), each written by `write`.
template <class Value, class Write>
Json by_reason(const std::array<Value, sim::kLeftReasons>& left, Write write) {
  Json j = Json::object();
  for (std::size_t k = 0; k < sim::kLeftReasons; ++k)
    j[std::string(sim::left_reason_id(static_cast<sim::LeftReason>(k)))] = write(left[k]);
  return j;
}

Json clearance(const sim::ClearanceSummary& c) {
  return Json{{"t90_h", summary(c.t90_h)}, {"t100_h", summary(c.t100_h)}};
}

Json numbers(const std::vector<double>& v) {
  Json a = Json::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

// The intervals of the high chances of clearing: [{"percent": 95, "ci95_low_h": 11.9,
// "ci95_high_h": 12.4}, ...]; null for a bound not reached within the horizon.
Json chance_intervals(const std::vector<sim::ChanceInterval>& intervals) {
  Json a = Json::array();
  for (const auto& i : intervals) {
    a.push_back(Json{{"percent", i.percent},
                     {"ci95_low_h", number(i.low_h)},
                     {"ci95_high_h", number(i.high_h)}});
  }
  return a;
}

Json proportion(const sim::Proportion& p) {
  return Json{{"successes", p.successes},
              {"n", p.n},
              {"estimate", number(p.estimate)},
              {"ci95_low", number(p.ci95_low)},
              {"ci95_high", number(p.ci95_high)}};
}

// Bands rounded to `decimals` (people to 0.1, shares to 0.0001): the float noise of the
// interpolation is not information.
Json band(const sim::CurveBand& b, int decimals) {
  const double scale = std::pow(10.0, decimals);
  auto series = [&](const std::vector<float>& v) {
    Json a = Json::array();
    for (float x : v) {
      const double d = static_cast<double>(x);
      a.push_back(std::isfinite(d) ? Json(std::round(d * scale) / scale) : Json(nullptr));
    }
    return a;
  };
  return Json{{"p10", series(b.p10)}, {"median", series(b.median)}, {"p90", series(b.p90)}};
}

std::string iso(const ZonedInstant& t) {
  // format_instant gives "2016-12-15 05:00+02:00"; ISO 8601 wants a "T".
  std::string s = format_instant(t.instant, t.offset_minutes);
  if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
  return s;
}

// Ceasefire windows in hours since the start; `to_h` null when open-ended.
Json ceasefire_json(const model::Scenario& s, const std::vector<model::TimeWindow>& ceasefire) {
  Json windows = Json::array();
  for (const auto& w : ceasefire) {
    windows.push_back(
        Json{{"from_h", s.since_start(w.from.instant).to_hours()},
             {"to_h", w.to ? Json(s.since_start(w.to->instant).to_hours()) : Json(nullptr)}});
  }
  return windows;
}

}  // namespace

std::string results_json(const sim::MonteCarloResult& r, const model::Scenario& s) {
  Json root;
  root["format"] = "mamar-results";
  root["version"] = 1;
  Json scenario{{"id", s.id},
                {"name", name(s.name)},
                {"start", iso(s.agreement.start)},
                {"timezone_offset_minutes", s.agreement.timezone_minutes}};
  scenario["ceasefire"] = ceasefire_json(s, s.agreement.ceasefire);
  root["scenario"] = scenario;
  root["run"] = Json{{"replications_requested", r.replications_requested},
                     {"replications", r.replications},
                     {"seed", r.seed},
                     {"ci_target_h", r.ci_target_h ? Json(*r.ci_target_h) : Json(nullptr)},
                     {"stopped_early", r.stopped_early},
                     {"interrupted", r.interrupted},
                     {"stochastic_risks", r.run.stochastic_risks},
                     {"scheduled_events", r.run.scheduled_events},
                     {"horizon_h", r.run.horizon.to_hours()},
                     {"mean_events", r.mean_events},
                     {"curve_replications", r.curve_replications}};
  Json histogram{{"first_edge_h", r.t100_histogram.first_edge},
                 {"bin_width_h", r.t100_histogram.bin_width},
                 {"counts", r.t100_histogram.counts},
                 {"not_reached", r.t100_histogram.not_reached}};
  Json left{{"first_edge", r.not_cleared_histogram.first_edge},
            {"bin_width", r.not_cleared_histogram.bin_width},
            {"counts", r.not_cleared_histogram.counts}};
  root["overall"] = Json{{"clearance", clearance(r.clearance)},
                         {"t100_percentiles_h", numbers(r.t100_percentiles_h)},
                         {"t100_chance_intervals", chance_intervals(r.t100_chance_intervals)},
                         {"finished_in_ceasefire", proportion(r.finished_in_ceasefire)},
                         {"t100_histogram", histogram},
                         {"not_cleared", summary(r.not_cleared)},
                         {"not_cleared_by_reason", by_reason(r.left_by_reason, summary)},
                         {"not_cleared_histogram", left}};
  root["curve_times_h"] = r.curve_times_h;

  Json operations = Json::array();
  for (const auto& op : r.operations) {
    const auto& mop = s.operations[static_cast<std::size_t>(op.operation)];
    auto outcomes = [&](const std::vector<sim::OutcomesSummary>& all, std::size_t i) {
      const sim::OutcomesSummary o = i < all.size() ? all[i] : sim::OutcomesSummary{};
      return Json{{"arrived", summary(o.arrived)},
                  {"removed", summary(o.removed)},
                  {"killed", summary(o.killed)},
                  {"injured", summary(o.injured)}};
    };
    auto percentiles_of = [](const std::vector<std::vector<double>>& all, std::size_t i) {
      return numbers(i < all.size() ? all[i] : std::vector<double>{});
    };
    auto in_ceasefire = [](const std::vector<sim::Proportion>& all, std::size_t i) {
      return proportion(i < all.size() ? all[i] : sim::Proportion{});
    };
    auto exposure = [&](const std::vector<sim::ExposureSummary>& all, std::size_t i) {
      const sim::ExposureSummary e = i < all.size() ? all[i] : sim::ExposureSummary{};
      return Json{{"waiting", summary(e.waiting)},
                  {"held", summary(e.held)},
                  {"queueing", summary(e.queueing)}};
    };
    Json phases = Json::array();
    for (std::size_t p = 0; p < op.phases.size() && p < mop.phases.size(); ++p) {
      phases.push_back(Json{{"id", mop.phases[p].id},
                            {"name", name(mop.phases[p].name)},
                            {"clearance", clearance(op.phases[p])},
                            {"t100_percentiles_h", percentiles_of(op.phase_t100_percentiles_h, p)},
                            {"t100_chance_intervals", chance_intervals(results::interval_list(
                                                          op.phase_t100_chance_intervals, p))},
                            {"finished_in_ceasefire", in_ceasefire(op.phase_in_ceasefire, p)},
                            {"people", outcomes(op.phase_outcomes, p)},
                            {"exposure_person_hours", exposure(op.phase_exposure, p)}});
    }
    Json categories = Json::array();
    for (std::size_t c = 0; c < op.categories.size() && c < s.categories.size(); ++c) {
      if (op.categories[c].t100_h.n == 0) continue;
      categories.push_back(Json{
          {"id", s.categories[c].id},
          {"name", name(s.categories[c].name)},
          {"clearance", clearance(op.categories[c])},
          {"t100_percentiles_h", percentiles_of(op.category_t100_percentiles_h, c)},
          {"t100_chance_intervals",
           chance_intervals(results::interval_list(op.category_t100_chance_intervals, c))},
          {"finished_in_ceasefire", in_ceasefire(op.category_in_ceasefire, c)},
          {"not_cleared", summary(c < op.category_not_cleared.size() ? op.category_not_cleared[c]
                                                                     : sim::Summary{})},
          {"not_cleared_by_reason", by_reason(c < op.category_left_by_reason.size()
                                                  ? op.category_left_by_reason[c]
                                                  : std::array<sim::Summary, sim::kLeftReasons>{},
                                              summary)},
          {"people", outcomes(op.category_outcomes, c)},
          {"exposure_person_hours", exposure(op.category_exposure, c)}});
    }
    Json j;
    j["id"] = mop.id;
    j["name"] = name(mop.name);
    j["clearance"] = clearance(op.clearance);
    j["t100_percentiles_h"] = numbers(op.t100_percentiles_h);
    j["t100_chance_intervals"] = chance_intervals(op.t100_chance_intervals);
    j["phases"] = phases;
    j["categories"] = categories;
    if (mop.ceasefire) j["ceasefire"] = ceasefire_json(s, *mop.ceasefire);
    j["finished_in_ceasefire"] = proportion(op.finished_in_ceasefire);
    j["people"] = Json{{"leaving", summary(op.leaving)},
                       {"stayed", summary(op.stayed)},
                       {"arrived", summary(op.arrived)},
                       {"sheltered", summary(op.sheltered)},
                       {"removed", summary(op.removed)},
                       {"killed", summary(op.killed)},
                       {"injured", summary(op.injured)},
                       {"turned_back", summary(op.turned_back)},
                       {"not_cleared", summary(op.not_cleared)},
                       {"not_cleared_by_reason", by_reason(op.left_by_reason, summary)}};
    j["exposure_person_hours"] = Json{{"waiting", summary(op.wait_person_hours)},
                                      {"outside", summary(op.outside_person_hours)},
                                      {"unboarded", summary(op.unboarded_wait_person_hours)},
                                      {"held", summary(op.held_person_hours)},
                                      {"queueing", summary(op.queue_person_hours)}};
    j["vehicles"] = Json{{"convoys", summary(op.convoys)},
                         {"trips", summary(op.trips)},
                         {"lost", summary(op.vehicles_lost)},
                         {"utilisation", summary(op.utilisation)}};
    j["curves"] = Json{{"inside", band(op.inside, 1)},
                       {"in_transit", band(op.in_transit, 1)},
                       {"out", band(op.out, 1)}};
    operations.push_back(std::move(j));
  }
  root["operations"] = operations;

  Json checkpoints = Json::array();
  for (const auto& cp : r.checkpoints) {
    const auto& place = s.places[static_cast<std::size_t>(cp.place)];
    checkpoints.push_back(Json{{"id", place.id},
                               {"name", name(place.name)},
                               {"vehicles", summary(cp.vehicles)},
                               {"mean_wait_min", summary(cp.mean_wait_min)},
                               {"max_wait_min", summary(cp.max_wait_min)},
                               {"mean_queue", summary(cp.mean_queue)},
                               {"max_queue", summary(cp.max_queue)},
                               {"holds", summary(cp.holds)}});
  }
  root["checkpoints"] = checkpoints;

  Json gathering_points = Json::array();
  for (const auto& gp : r.gathering_points) {
    const auto& place = s.places[static_cast<std::size_t>(gp.place)];
    gathering_points.push_back(
        Json{{"id", place.id},
             {"name", name(place.name)},
             {"capacity", place.capacity ? Json(*place.capacity) : Json(nullptr)},
             {"peak_waiting", summary(gp.peak_waiting)},
             {"peak_at_h", summary(gp.peak_at_h)},
             {"over_capacity_h", place.capacity ? summary(gp.over_capacity_h) : Json(nullptr)},
             {"waiting", band(gp.waiting, 1)}});
  }
  root["gathering_points"] = gathering_points;

  Json linkages = Json::array();
  for (const auto& l : r.linkages) {
    Json j;
    const bool known =
        l.linkage >= 0 && static_cast<std::size_t>(l.linkage) < s.agreement.linkages.size();
    const model::Linkage* ml =
        known ? &s.agreement.linkages[static_cast<std::size_t>(l.linkage)] : nullptr;
    j["id"] = ml != nullptr ? ml->id : fmt::format("linkage-{}", l.linkage);
    j["name"] = ml != nullptr ? name(ml->name) : Json::object();
    j["kind"] = ml == nullptr
                    ? Json(nullptr)
                    : Json(ml->kind == model::LinkageKind::Tranches ? "tranches" : "ratio");
    j["measure"] = ml == nullptr ? Json(nullptr)
                                 : Json(ml->measure == model::LinkageMeasure::Departed ? "departed"
                                                                                       : "arrived");
    Json parity = Json::array();
    for (std::size_t k = 0; k < l.operations.size() && k < l.parity.size(); ++k) {
      // An operation with nobody to move has no share of its people (0 of 0): null.
      const auto op = std::find_if(r.operations.begin(), r.operations.end(),
                                   [&](const auto& o) { return o.operation == l.operations[k]; });
      const bool nobody = op != r.operations.end() && results::nobody_leaves(*op);
      parity.push_back(Json{{"operation", results::operation_id(s, l.operations[k])},
                            {"share", nobody ? Json(nullptr) : band(l.parity[k], 4)}});
    }
    j["parity"] = parity;
    Json tranches = Json::array();
    for (const auto& t : l.tranche_done_h) tranches.push_back(summary(t));
    j["tranche_done_h"] = tranches;
    linkages.push_back(std::move(j));
  }
  root["linkages"] = linkages;
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

namespace {

// A change: a number; "+inf" or "-inf" where only the variant or only the base did not reach a
// time; null where there is none.
Json change_number(double v) {
  if (std::isnan(v)) return Json(nullptr);
  if (std::isinf(v)) return Json(v > 0 ? "+inf" : "-inf");
  return Json(v);
}

Json paired(const sim::PairedDifference& d) {
  return Json{{"pairs", d.pairs},
              {"higher", d.higher},
              {"lower", d.lower},
              {"same", d.same},
              {"base", summary(d.base)},
              {"variant", summary(d.variant)},
              {"change", Json{{"median", change_number(d.median)},
                              {"p10", change_number(d.p10)},
                              {"p90", change_number(d.p90)},
                              {"mean", number(d.mean)},
                              {"ci95_half", number(d.ci95_half)},
                              {"ci95_low", number(d.ci95_low)},
                              {"ci95_high", number(d.ci95_high)},
                              {"independent_ci95_half", number(d.independent_ci95_half)}}}};
}

Json compared_scenario(const model::Scenario& s, const std::string& file) {
  Json j{{"id", s.id}, {"name", name(s.name)}};
  j["file"] = file.empty() ? Json(nullptr) : Json(file);
  return j;
}

}  // namespace

std::string comparison_json(const sim::Comparison& c, const model::Scenario& base,
                            const model::Scenario& variant, const std::string& base_file,
                            const std::string& variant_file,
                            const std::optional<std::vector<model::FieldChange>>& changes) {
  Json root;
  root["format"] = "mamar-comparison";
  root["version"] = 1;
  root["base"] = compared_scenario(base, base_file);
  root["variant"] = compared_scenario(variant, variant_file);
  if (changes) {
    Json list = Json::array();
    for (const auto& change : *changes) {
      auto side = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
      list.push_back(Json{
          {"path", change.path}, {"base", side(change.base)}, {"variant", side(change.variant)}});
    }
    root["changes"] = std::move(list);
  }
  const sim::RunOptions& run = c.base.run;
  root["run"] = Json{{"replications", c.replications},
                     {"seed", c.seed},
                     {"stochastic_risks", run.stochastic_risks},
                     {"scheduled_events", run.scheduled_events},
                     {"horizon_h", run.horizon.to_hours()}};
  // Each run's percentiles of its own time to clear everyone (not paired: see the schema).
  auto percentiles = [](const std::vector<double>& b, const std::vector<double>& v) {
    return Json{{"base", numbers(b)}, {"variant", numbers(v)}};
  };
  // The change of each high chance's time from the base to the variant, with its interval.
  auto chance_changes = [](const std::vector<sim::PercentileChange>& list) {
    Json a = Json::array();
    for (const auto& change : list) {
      a.push_back(Json{{"percent", change.percent},
                       {"change_h", change_number(change.change_h)},
                       {"ci95_low_h", change_number(change.ci95_low_h)},
                       {"ci95_high_h", change_number(change.ci95_high_h)}});
    }
    return a;
  };
  // And the intervals of each run's high chances (as in a run's results).
  auto intervals = [](const std::vector<sim::ChanceInterval>& b,
                      const std::vector<sim::ChanceInterval>& v) {
    return Json{{"base", chance_intervals(b)}, {"variant", chance_intervals(v)}};
  };
  // A phase's or a category's: each run's over the pairs of its times.
  auto percentiles_over_pairs = [&](const sim::ComparedChances& chances) {
    return percentiles(chances.base_percentiles_h, chances.variant_percentiles_h);
  };
  auto intervals_over_pairs = [&](const sim::ComparedChances& chances) {
    return intervals(chances.base_intervals, chances.variant_intervals);
  };
  Json operations = Json::array();
  for (const auto& op : c.operations) {
    const auto& mop = base.operations[static_cast<std::size_t>(op.base_operation)];
    const std::vector<double> none;
    const std::vector<sim::ChanceInterval> no_intervals;
    const results::ComparedRuns runs = results::compared_runs(c, op);
    const Json run_intervals =
        intervals(runs.base != nullptr ? runs.base->t100_chance_intervals : no_intervals,
                  runs.variant != nullptr ? runs.variant->t100_chance_intervals : no_intervals);
    Json not_cleared_by_category = Json::array();
    Json by_category = Json::array();
    for (const auto& cat : op.categories) {
      const std::string& id = base.categories[static_cast<std::size_t>(cat.base_category)].id;
      not_cleared_by_category.push_back(
          Json{{"id", id},
               {"not_cleared", paired(cat.not_cleared)},
               {"not_cleared_by_reason", by_reason(cat.left_by_reason, paired)}});
      by_category.push_back(Json{{"id", id},
                                 {"t90_h", paired(cat.t90_h)},
                                 {"t100_h", paired(cat.t100_h)},
                                 {"t100_percentiles_h", percentiles_over_pairs(cat.t100_chances)},
                                 {"t100_chance_intervals", intervals_over_pairs(cat.t100_chances)},
                                 {"t100_chance_changes", chance_changes(cat.t100_chances.changes)},
                                 {"finished_in_ceasefire", paired(cat.finished_in_ceasefire)},
                                 {"removed", paired(cat.removed)},
                                 {"killed", paired(cat.killed)},
                                 {"injured", paired(cat.injured)},
                                 {"waiting_person_hours", paired(cat.wait_person_hours)},
                                 {"held_person_hours", paired(cat.held_person_hours)},
                                 {"queueing_person_hours", paired(cat.queue_person_hours)}});
    }
    // Each pair of a phase where it had people to clear in both runs (sim::PhaseComparison).
    Json phases = Json::array();
    for (const auto& ph : op.phases) {
      const auto& phase = mop.phases[static_cast<std::size_t>(ph.base_phase)];
      phases.push_back(Json{{"id", phase.id},
                            {"name", name(phase.name)},
                            {"t90_h", paired(ph.t90_h)},
                            {"t100_h", paired(ph.t100_h)},
                            {"t100_percentiles_h", percentiles_over_pairs(ph.t100_chances)},
                            {"t100_chance_intervals", intervals_over_pairs(ph.t100_chances)},
                            {"t100_chance_changes", chance_changes(ph.t100_chances.changes)},
                            {"finished_in_ceasefire", paired(ph.finished_in_ceasefire)},
                            {"removed", paired(ph.removed)},
                            {"killed", paired(ph.killed)},
                            {"injured", paired(ph.injured)},
                            {"waiting_person_hours", paired(ph.wait_person_hours)},
                            {"held_person_hours", paired(ph.held_person_hours)},
                            {"queueing_person_hours", paired(ph.queue_person_hours)}});
    }
    operations.push_back(
        Json{{"id", mop.id},
             {"name", name(mop.name)},
             {"base_index", op.base_operation},
             {"variant_index", op.variant_operation},
             {"t90_h", paired(op.t90_h)},
             {"t100_h", paired(op.t100_h)},
             {"t100_percentiles_h",
              percentiles(runs.base != nullptr ? runs.base->t100_percentiles_h : none,
                          runs.variant != nullptr ? runs.variant->t100_percentiles_h : none)},
             {"t100_chance_intervals", run_intervals},
             {"t100_chance_changes", chance_changes(op.t100_chance_changes)},
             {"finished_in_ceasefire", paired(op.finished_in_ceasefire)},
             {"waiting_person_hours", paired(op.wait_person_hours)},
             {"outside_person_hours", paired(op.outside_person_hours)},
             {"held_person_hours", paired(op.held_person_hours)},
             {"queueing_person_hours", paired(op.queue_person_hours)},
             {"removed", paired(op.removed)},
             {"killed", paired(op.killed)},
             {"injured", paired(op.injured)},
             {"turned_back", paired(op.turned_back)},
             {"sheltered", paired(op.sheltered)},
             {"not_cleared", paired(op.not_cleared)},
             {"not_cleared_by_reason", by_reason(op.left_by_reason, paired)},
             {"not_cleared_by_category", not_cleared_by_category},
             {"by_category", by_category},
             {"phases", phases},
             {"vehicles_lost", paired(op.vehicles_lost)},
             {"trips", paired(op.trips)},
             {"utilisation", paired(op.utilisation)}});
  }
  root["operations"] = operations;
  root["overall"] = Json{
      {"t90_h", paired(c.overall.t90_h)},
      {"t100_h", paired(c.overall.t100_h)},
      {"t100_percentiles_h", percentiles(c.base.t100_percentiles_h, c.variant.t100_percentiles_h)},
      {"t100_chance_intervals",
       intervals(c.base.t100_chance_intervals, c.variant.t100_chance_intervals)},
      {"t100_chance_changes", chance_changes(c.overall.t100_chance_changes)},
      {"finished_in_ceasefire", paired(c.overall.finished_in_ceasefire)},
      {"not_cleared", paired(c.overall.not_cleared)},
      {"not_cleared_by_reason", by_reason(c.overall.left_by_reason, paired)}};
  auto ids = [](const std::vector<std::int32_t>& ops, const model::Scenario& s) {
    Json a = Json::array();
    for (const auto op : ops) a.push_back(results::operation_id(s, op));
    return a;
  };
  Json gathering_points = Json::array();
  for (const auto& gp : c.gathering_points) {
    const auto& place = base.places[static_cast<std::size_t>(gp.base_place)];
    const auto& variant_place = variant.places[static_cast<std::size_t>(gp.variant_place)];
    // Hours over a capacity only where either run's place has one.
    const bool room = place.capacity || variant_place.capacity;
    gathering_points.push_back(
        Json{{"id", place.id},
             {"name", name(place.name)},
             {"capacity", place.capacity ? Json(*place.capacity) : Json(nullptr)},
             {"peak_waiting", paired(gp.peak_waiting)},
             {"over_capacity_h", room ? paired(gp.over_capacity_h) : Json(nullptr)}});
  }
  root["gathering_points"] = gathering_points;
  root["only_in_base"] = ids(c.only_in_base, base);
  root["only_in_variant"] = ids(c.only_in_variant, variant);
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace mamar::app
