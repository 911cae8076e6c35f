// Compiles a loaded scenario into the tables the engine runs on.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "compiled.hpp"
#include "slowdowns.hpp"

namespace mamar::sim::detail {
namespace {

using model::PlaceKind;

SimTime at(const model::Scenario& s, Instant t) {
  return SimTime::from(t - s.agreement.start.instant);
}

std::vector<bool> operation_mask(const model::Scenario& s, const std::vector<model::Ref>& ops) {
  std::vector<bool> mask(s.operations.size(), ops.empty());
  for (const auto& r : ops) mask[r.idx()] = true;
  return mask;
}

std::uint8_t activity_bits(const model::SlowedActivities& a) {
  using namespace detail;
  return static_cast<std::uint8_t>(
      (a.travel ? Activity::Travel : 0) | (a.boarding ? Activity::Boarding : 0) |
      (a.inspection ? Activity::Inspection : 0) | (a.unloading ? Activity::Unloading : 0));
}

std::vector<bool> category_mask(const model::Scenario& s, const std::vector<model::Ref>& cats) {
  std::vector<bool> mask(s.categories.size(), false);
  for (const auto& r : cats) mask[r.idx()] = true;
  return mask;
}

void sum_least(CompiledRoute& r) {
  r.least_from.assign(r.legs.size() + 1, Duration{});
  for (std::size_t k = r.legs.size(); k-- > 0;)
    r.least_from[k] = r.least_from[k + 1] + r.legs[k].least;
}

CompiledRoute compile_route(const model::Scenario& s, const model::Route& r, std::int32_t index,
                            bool reverse, const std::vector<CompiledPlace>& places) {
  CompiledRoute out;
  out.route = reverse ? -1 : index;
  const auto& legs = r.legs;
  out.start = static_cast<std::uint32_t>(reverse ? legs.back().to.idx() : legs.front().from.idx());
  for (std::size_t k = 0; k < legs.size(); ++k) {
    const model::Leg& leg = reverse ? legs[legs.size() - 1 - k] : legs[k];
    CompiledLeg c{static_cast<std::uint32_t>(reverse ? leg.from.idx() : leg.to.idx()), false,
                  Sampler(leg.time),
                  stream_id(fmt::format("leg:{}:{}:{}", r.id, reverse ? "reverse" : "forward", k)),
                  Duration::milliseconds(std::llround(std::max(0.0, leg.time.min())))};
    c.checkpoint = places[c.to].kind == PlaceKind::Checkpoint;
    out.legs.push_back(std::move(c));
  }
  (void)s;
  sum_least(out);
  return out;
}

CompiledConvoy compile_convoy(const model::ConvoyRules& c) {
  CompiledConvoy out;
  out.min_vehicles = c.min_vehicles;
  out.max_vehicles = c.max_vehicles ? *c.max_vehicles : INT64_MAX;
  out.max_wait = c.max_wait;
  out.headway = c.headway;
  for (const auto& e : c.escorts)
    out.escorts.push_back({static_cast<std::uint32_t>(e.type.idx()), e.count});
  return out;
}

}  // namespace

namespace {

// The end of the last stretch of [from, to) inside an operation's daily movement hours, or none.
std::optional<SimTime> last_in_hours(const Compiled& c, const CompiledOperation& co, SimTime from,
                                     SimTime to) {
  if (co.movement_minutes.empty()) return to;
  constexpr std::int64_t kDay = 86'400'000;
  // Local time of simulation time t: offset + t (ms).
  const std::int64_t offset =
      c.start_unix_ms + static_cast<std::int64_t>(c.timezone_minutes) * 60'000;
  auto day_of = [](std::int64_t local) {
    return local >= 0 ? local / kDay : (local + 1) / kDay - 1;
  };
  std::optional<SimTime> best;
  // Each day's stretches, from the day of `to` back; a stretch past midnight belongs to the day it
  // starts. The latest ends are on the last day with a stretch, or the day before it.
  for (std::int64_t d = day_of(offset + to.ms() - 1), first = day_of(offset + from.ms()) - 1;
       d >= first; --d) {
    for (const auto& [f, e] : co.movement_minutes) {
      const std::int64_t start = d * kDay + std::int64_t{f} * 60'000 - offset;
      const std::int64_t end =
          (f < e ? d * kDay : (d + 1) * kDay) + std::int64_t{e} * 60'000 - offset;
      const std::int64_t lo = std::max(start, from.ms());
      const std::int64_t hi = std::min(end, to.ms());
      if (lo < hi && (!best || hi > best->ms())) best = SimTime::from_ms(hi);
    }
    // A stretch starting before day d ends by the end of day d at the latest.
    if (best && best->ms() >= (d + 1) * kDay - offset) break;
  }
  return best;
}

// CompiledOperation::departures_end.
SimTime departures_end(const Compiled& c, std::uint32_t o) {
  const CompiledOperation& co = c.operations[o];
  if (co.ceasefire_end.is_infinite() || co.ceasefire.empty()) return co.ceasefire_end;
  std::vector<Window> stops;  // scheduled suspensions of this operation
  if (c.options.scheduled_events) {
    for (const auto& e : c.events) {
      if (e.kind == model::RiskKind::Suspension && e.applies[o]) stops.push_back({e.time, e.to});
    }
  }
  for (auto w = co.ceasefire.rbegin(); w != co.ceasefire.rend(); ++w) {
    // The window less the suspensions, from its end back.
    SimTime to = w->to;
    while (to > w->from) {
      SimTime from = w->from;
      bool cut = false;
      for (const auto& stop : stops) {
        if (stop.from < to && stop.to >= to) {  // covers the end: move the end back
          to = std::min(to, std::max(stop.from, w->from));
          cut = true;
        }
      }
      if (cut) continue;
      for (const auto& stop : stops) {
        if (stop.to < to && stop.to > from) from = stop.to;  // the last stretch starts after it
      }
      if (const auto end = last_in_hours(c, co, from, to)) return *end;
      to = from;
    }
  }
  return co.ceasefire_end;
}

}  // namespace

Compiled compile(const model::Scenario& s, const RunOptions& options) {
  Compiled c;
  c.scenario = &s;
  c.options = options;
  c.timezone_minutes = s.agreement.timezone_minutes;
  c.start_unix_ms = s.agreement.start.instant.unix_ms();
  c.injured_stream = stream_id("injured");

  for (std::size_t i = 0; i < s.places.size(); ++i) {
    const model::Place& p = s.places[i];
    CompiledPlace cp;
    cp.kind = p.kind;
    cp.lanes = p.lanes;
    cp.party = p.party && p.party->resolved() ? p.party->index : -1;
    cp.boarding = Sampler(p.boarding_time);
    cp.inspection = Sampler(p.inspection);
    cp.unloading = Sampler(p.unloading_time);
    cp.capacity = p.capacity.value_or(0);
    cp.boarding_stream = stream_id("boarding:" + p.id);
    cp.inspection_stream = stream_id("inspection:" + p.id);
    cp.unloading_stream = stream_id("unloading:" + p.id);
    cp.empty_inspection = Sampler(p.empty_inspection.value_or(p.inspection));
    cp.own_empty_inspection = p.empty_inspection.has_value();
    if (p.kind == PlaceKind::GatheringPoint) {
      cp.bays = p.bays;
      if (p.capacity) cp.room = *p.capacity;
    }
    if (p.kind == PlaceKind::Destination && p.unloading_bays) cp.bays = *p.unloading_bays;
    if (p.kind == PlaceKind::Checkpoint) {
      cp.checkpoint_slot = static_cast<std::int32_t>(c.checkpoints.size());
      c.checkpoints.push_back(static_cast<std::uint32_t>(i));
    }
    c.places.push_back(std::move(cp));
  }
  for (const auto& t : s.vehicle_types) {
    c.types.push_back({t.seats, t.stretchers, t.role == model::VehicleRole::Escort, t.private_car,
                       t.party && t.party->resolved() ? t.party->index : -1});
  }

  for (std::size_t o = 0; o < s.operations.size(); ++o) {
    const model::Operation& op = s.operations[o];
    CompiledOperation co;
    co.gathering_point = static_cast<std::uint32_t>(op.gathering_point.idx());
    co.destination = static_cast<std::uint32_t>(op.destination.idx());
    co.out = compile_route(s, s.routes[op.route.idx()], op.route.index, false, c.places);
    co.back = op.return_route
                  ? compile_route(s, s.routes[op.return_route->idx()], op.return_route->index,
                                  false, c.places)
                  : compile_route(s, s.routes[op.route.idx()], op.route.index, true, c.places);
    // One reversed route for every place a convoy may be turned back at (a route of its own for
    // each would hold the square of the legs).
    if (!co.out.legs.empty()) co.home.start = co.out.legs.back().to;
    for (std::size_t j = co.out.legs.size(); j-- > 0;) {
      CompiledLeg leg = co.out.legs[j];
      leg.to = j == 0 ? co.out.start : co.out.legs[j - 1].to;
      leg.checkpoint = c.places[leg.to].kind == PlaceKind::Checkpoint;
      co.home.legs.push_back(std::move(leg));
    }
    sum_least(co.home);
    for (const auto& sh : op.shelters) co.shelters.push_back(static_cast<std::uint32_t>(sh.idx()));
    co.category_leaving.assign(s.categories.size(), 0);
    co.stream_salt = stream_id("operation:" + op.id);
    // A group's stream is named by its category and its place among the operation's groups of
    // that category: adding or removing a group of another category leaves its draws as they were.
    std::map<std::string, int> groups_of_category;
    for (std::size_t g = 0; g < op.population.size(); ++g) {
      const model::PopulationGroup& pg = op.population[g];
      CompiledGroup cg;
      cg.category = static_cast<std::uint32_t>(pg.category.idx());
      cg.leaving = std::llround(static_cast<double>(pg.people) * pg.willing);
      cg.stayed = pg.people - cg.leaving;
      cg.household = Sampler(pg.household_size);
      cg.arrival = Sampler(pg.arrival);
      cg.arrives_from = pg.arrives_from ? at(s, pg.arrives_from->instant) : SimTime::zero();
      cg.stretcher_share = pg.stretcher_share.value_or(s.categories[cg.category].stretcher_share);
      cg.stream = stream_id(fmt::format("population:{}:{}:{}", op.id, pg.category.id,
                                        groups_of_category[pg.category.id]++));
      co.leaving += cg.leaving;
      co.stayed += cg.stayed;
      co.category_leaving[cg.category] += cg.leaving;
      co.groups.push_back(std::move(cg));
    }
    co.mixed = std::count_if(co.category_leaving.begin(), co.category_leaving.end(),
                             [](std::int64_t n) { return n > 0; }) > 1;
    for (const auto& b : op.fleet) {
      CompiledBatch cb;
      cb.type = static_cast<std::uint32_t>(b.type.idx());
      cb.count = b.count;
      cb.available =
          b.available ? std::max(SimTime::zero(), at(s, b.available->instant)) : SimTime::zero();
      if (b.until) cb.until = at(s, b.until->instant);
      if (b.approach) {
        // Driven from the start to the gathering point, with leg streams of its own.
        const auto& rt = s.routes[b.approach->idx()];
        auto it =
            std::find_if(co.approaches.begin(), co.approaches.end(),
                         [&](const CompiledRoute& r) { return r.route == b.approach->index; });
        if (it == co.approaches.end()) {
          CompiledRoute r = compile_route(s, rt, b.approach->index, false, c.places);
          for (std::size_t k = 0; k < r.legs.size(); ++k)
            r.legs[k].stream = stream_id(fmt::format("leg:{}:approach:{}", rt.id, k));
          co.approaches.push_back(std::move(r));
          it = co.approaches.end() - 1;
        }
        cb.approach = static_cast<std::int32_t>(it - co.approaches.begin());
        for (const auto& leg : it->legs) cb.earliest = cb.earliest + leg.least;
      } else if (b.start && b.start->idx() != co.gathering_point) {
        // A vehicle starting on the return route drives the rest of it to the gathering point.
        for (std::size_t k = 0; k < co.back.legs.size(); ++k) {
          std::uint32_t from = k == 0 ? co.back.start : co.back.legs[k - 1].to;
          if (from == b.start->idx()) {
            cb.return_leg = static_cast<std::uint32_t>(k);
            break;
          }
        }
        for (std::size_t k = cb.return_leg; k < co.back.legs.size(); ++k)
          cb.earliest = cb.earliest + co.back.legs[k].least;
      }
      cb.earliest = cb.earliest + (cb.available - SimTime::zero());
      co.fleet.push_back(cb);
    }
    for (std::size_t p = 0; p < op.phases.size(); ++p) {
      const model::Phase& ph = op.phases[p];
      CompiledPhase cp;
      std::int64_t people = 0;
      for (const auto& cat : ph.categories) {
        cp.categories.push_back(static_cast<std::uint32_t>(cat.idx()));
        people += co.category_leaving[cat.idx()];
      }
      cp.order = ph.order;
      if (ph.quota) cp.quota = *ph.quota;
      cp.target = std::min(cp.quota, people);
      if (ph.not_before) cp.not_before = at(s, ph.not_before->instant);
      for (const auto& a : ph.after) {
        cp.after.push_back({a.operation ? static_cast<std::uint32_t>(a.operation->idx())
                                        : static_cast<std::uint32_t>(o),
                            static_cast<std::uint32_t>(a.phase.idx()), a.share});
      }
      co.phases.push_back(std::move(cp));
      co.phase_order.push_back(static_cast<std::uint32_t>(p));
    }
    std::stable_sort(co.phase_order.begin(), co.phase_order.end(),
                     [&](auto x, auto y) { return co.phases[x].order < co.phases[y].order; });
    for (auto p : co.phase_order) {
      for (auto cat : co.phases[p].categories) co.pick_order.push_back({p, cat});
    }
    co.first_pick.assign(s.categories.size(), static_cast<std::uint32_t>(co.pick_order.size()));
    for (std::size_t i = co.pick_order.size(); i-- > 0;)
      co.first_pick[co.pick_order[i].category] = static_cast<std::uint32_t>(i);
    co.convoy = compile_convoy(op.convoy_rules(s.agreement.convoy));
    c.operations.push_back(std::move(co));
  }

  for (const auto& r : s.risks) {
    CompiledRisk cr;
    cr.kind = r.kind;
    cr.applies = operation_mask(s, r.operations);
    cr.place = r.place ? r.place->index : -1;
    cr.route = r.route ? r.route->index : -1;
    cr.probability = r.probability;
    cr.duration = Sampler(r.duration);
    cr.interval = Sampler(r.interval);
    cr.categories = category_mask(s, r.categories);
    cr.share = r.share;
    cr.killed = Sampler(r.killed);
    cr.injured = Sampler(r.injured);
    cr.vehicles = Sampler(r.vehicles);
    cr.factor = r.factor;
    cr.slows = activity_bits(r.slows);
    cr.held_by = r.held_by ? r.held_by->index : -1;
    if (r.suspends) {
      cr.suspends = true;
      cr.suspend_probability = r.suspends->probability;
      cr.suspend_duration = Sampler(r.suspends->duration);
    }
    cr.stream = stream_id("risk:" + r.id);
    c.risks.push_back(std::move(cr));
  }
  for (const auto& e : s.events) {
    CompiledEvent ce;
    ce.kind = e.kind;
    ce.applies = operation_mask(s, e.operations);
    ce.place = e.place ? e.place->index : -1;
    ce.route = e.route ? e.route->index : -1;
    if (e.time) ce.time = at(s, e.time->instant);
    if (e.from) ce.time = at(s, e.from->instant);
    if (e.to) ce.to = at(s, e.to->instant);
    ce.categories = category_mask(s, e.categories);
    ce.share = e.share;
    ce.people = e.people.value_or(-1);
    ce.killed = e.killed;
    ce.injured = e.injured;
    ce.vehicles = e.vehicles;
    ce.vehicle_type = e.vehicle_type ? e.vehicle_type->index : -1;
    ce.factor = e.factor;
    ce.slows = activity_bits(e.slows);
    if (e.party) ce.party = e.party->index;
    ce.lanes = e.lanes.value_or(0);
    if (e.inspection) ce.inspection = Sampler(*e.inspection);
    if (e.empty_inspection) ce.empty_inspection = Sampler(*e.empty_inspection);
    ce.stream = stream_id("event:" + e.id);
    c.events.push_back(std::move(ce));
  }
  c.risks_at.resize(c.places.size());
  c.events_at.resize(c.places.size());
  for (std::uint32_t r = 0; r < c.risks.size(); ++r) {
    if (c.risks[r].place >= 0) c.risks_at[static_cast<std::size_t>(c.risks[r].place)].push_back(r);
  }
  // A convoy through a checkpoint draws its risks there by kind, whatever the order of the file:
  // removals, fires, turn-backs, holds, then vehicle losses (docs/simulation.md).
  const auto rank = [&c](std::uint32_t r) {
    switch (c.risks[r].kind) {
      case model::RiskKind::Removal:
        return 0;
      case model::RiskKind::Fire:
        return 1;
      case model::RiskKind::TurnBack:
        return 2;
      case model::RiskKind::Hold:
        return 3;
      case model::RiskKind::VehicleLoss:
        return 4;
      default:
        return 5;
    }
  };
  for (auto& at : c.risks_at) {
    std::stable_sort(at.begin(), at.end(),
                     [&rank](std::uint32_t a, std::uint32_t b) { return rank(a) < rank(b); });
  }
  for (std::uint32_t e = 0; e < c.events.size(); ++e) {
    if (c.events[e].place >= 0)
      c.events_at[static_cast<std::size_t>(c.events[e].place)].push_back(e);
  }
  for (std::size_t l = 0; l < s.agreement.linkages.size(); ++l) {
    const model::Linkage& lk = s.agreement.linkages[l];
    CompiledLinkage cl;
    cl.kind = lk.kind;
    cl.arrived = lk.measure == model::LinkageMeasure::Arrived;
    if (lk.from) cl.from = std::max(SimTime::zero(), at(s, lk.from->instant));
    if (lk.until) cl.until = at(s, lk.until->instant);
    if (lk.kind == model::LinkageKind::Ratio) {
      cl.lead = static_cast<std::uint32_t>(lk.lead.idx());
      cl.follow = static_cast<std::uint32_t>(lk.follow.idx());
      cl.operations = {cl.lead, cl.follow};
      cl.ratio = lk.ratio;
      cl.allowance = lk.allowance;
      cl.mutual = lk.mutual;
    } else {
      for (const auto& tranche : lk.tranches) {
        for (const auto& t : tranche) {
          auto op = static_cast<std::uint32_t>(t.operation.idx());
          if (std::find(cl.operations.begin(), cl.operations.end(), op) == cl.operations.end())
            cl.operations.push_back(op);
        }
      }
      std::sort(cl.operations.begin(), cl.operations.end());
      std::vector<std::int64_t> previous(cl.operations.size(), 0);
      for (const auto& tranche : lk.tranches) {
        std::vector<std::int64_t> targets = previous;
        for (const auto& t : tranche) {
          auto pos = static_cast<std::size_t>(
              std::find(cl.operations.begin(), cl.operations.end(), t.operation.idx()) -
              cl.operations.begin());
          const std::int64_t leaving = c.operations[t.operation.idx()].leaving;
          targets[pos] = t.amount.is_share
                             ? std::llround(t.amount.value * static_cast<double>(leaving))
                             : static_cast<std::int64_t>(t.amount.value);
        }
        cl.tranches.push_back(targets);
        previous = targets;
      }
    }
    for (auto op : cl.operations)
      c.operations[op].linkages.push_back(static_cast<std::uint32_t>(l));
    c.linkages.push_back(std::move(cl));
  }

  // Who may board when an operation frees a bay or departs, besides the operation itself
  // (Replication::free_bay(), depart()): those gathering at the same place, and those with a
  // phase after one of its phases (and those tied to it by a linkage).
  c.gathering_at.resize(c.places.size());
  for (std::uint32_t o = 0; o < c.operations.size(); ++o) {
    c.gathering_at[c.operations[o].gathering_point].push_back(o);
    for (const auto& phase : c.operations[o].phases) {
      for (const auto& a : phase.after) {
        auto& dependents = c.operations[a.op].after_dependents;
        if (a.op != o && (dependents.empty() || dependents.back() != o)) dependents.push_back(o);
      }
    }
  }

  // Ceasefire windows, sorted (validation guarantees no overlap), and movement hours: each
  // operation's own, else the agreement's.
  for (std::size_t o = 0; o < c.operations.size(); ++o) {
    CompiledOperation& co = c.operations[o];
    const model::Operation& op = s.operations[o];
    for (const auto& w : s.ceasefire_of(op)) {
      co.ceasefire.push_back({std::max(SimTime::zero(), at(s, w.from.instant)),
                              w.to ? at(s, w.to->instant) : SimTime::infinity()});
    }
    std::sort(co.ceasefire.begin(), co.ceasefire.end(),
              [](const Window& a, const Window& b) { return a.from < b.from; });
    co.ceasefire_end = co.ceasefire.empty() ? SimTime::zero() : co.ceasefire.back().to;
    for (const auto& w : s.movement_hours_of(op))
      co.movement_minutes.emplace_back(w.from_minutes, w.to_minutes);
    co.departures_end = departures_end(c, static_cast<std::uint32_t>(o));
  }
  c.options.curve_step = curve_step(options);
  c.curve_points = curve_points(options);
  return c;
}

}  // namespace mamar::sim::detail
