// Semantic validation: resolves references and checks the rules that span fields. Every
// problem is reported; nothing stops at the first one.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "parse.hpp"

namespace mamar::model::detail {
namespace {

std::string place_kind_word(PlaceKind k) {
  static const char* const kWords[] = {"origin",      "gathering_point", "checkpoint",
                                       "destination", "shelter",         "depot"};
  return kWords[static_cast<int>(k)];
}

// The ids of one kind of thing, for resolving references and suggesting near names.
class IdTable {
 public:
  IdTable(std::string kind_term) : kind_(std::move(kind_term)) {}

  // Every item of the list keeps its position, also past one without an id (an item that is
  // not a mapping, reported as it was read).
  template <class T>
  void build(Reader& r, const std::vector<T>& items, const std::string& list_path) {
    for (std::size_t i = 0; i < items.size(); ++i)
      add(r, items[i].id, static_cast<std::int32_t>(i), items[i].at,
          index_path(list_path, i) + ".id");
  }

  void add(Reader& r, const std::string& id, std::int32_t position, SourceRef at,
           const std::string& path) {
    if (id.empty()) return;
    auto [it, inserted] = index_.emplace(id, Entry{position, at.line});
    if (!inserted) {
      r.error(at, path, msg("id.duplicate", {{"kind", kind_}, {"id", id}}),
              msg("hint.first-declared", {{"line", std::to_string(it->second.line)}}));
    }
    ids_.push_back(id);
  }

  // Resolves `ref`; reports an unknown id with the nearest known one.
  bool resolve(Reader& r, Ref& ref, const std::string& path) const {
    if (ref.id.empty()) return false;
    auto it = index_.find(ref.id);
    if (it != index_.end()) {
      ref.index = it->second.position;
      return true;
    }
    auto near = nearest(ref.id, ids_);
    std::string all;
    for (std::size_t i = 0; i < ids_.size() && i < 12; ++i) all += (i ? ", " : "") + ids_[i];
    r.error(ref.at, path, msg("ref.unknown", {{"kind", kind_}, {"id", ref.id}}),
            near           ? msg("hint.did-you-mean", {{"name", *near}})
            : ids_.empty() ? msg("hint.none-declared", {{"kind", kind_}})
                           : msg("hint.known-ids", {{"ids", all}}));
    return false;
  }

 private:
  struct Entry {
    std::int32_t position;  // in the list
    std::uint32_t line;     // where it is declared
  };
  std::string kind_;
  std::unordered_map<std::string, Entry> index_;
  std::vector<std::string> ids_;
};

// Calls f(minute) for each minute of the day (0 to 1439) a clock window covers, from its `from`;
// a window whose `to` is before its `from` crosses midnight.
template <class F>
void each_minute(const ClockWindow& w, F f) {
  const int from = w.from_minutes % 1440;
  const int length = w.to_minutes > from ? w.to_minutes - from : 1440 - from + w.to_minutes;
  for (int m = 0; m < length; ++m) f(static_cast<std::size_t>((from + m) % 1440));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

class Validator {
 public:
  Validator(Reader& r, Scenario& s)
      : r_(r),
        s_(s),
        parties_(term("party")),
        categories_(term("category")),
        places_(term("place")),
        routes_(term("route")),
        types_(term("vehicle-type")),
        operations_(term("operation")),
        risks_(term("risk")),
        events_(term("event")),
        linkages_(term("linkage")) {}

  void run() {
    parties_.build(r_, s_.parties, "parties");
    categories_.build(r_, s_.categories, "categories");
    places_.build(r_, s_.places, "places");
    routes_.build(r_, s_.routes, "routes");
    types_.build(r_, s_.vehicle_types, "vehicle_types");
    operations_.build(r_, s_.operations, "operations");
    risks_.build(r_, s_.risks, "risks");
    events_.build(r_, s_.events, "events");
    linkages_.build(r_, s_.agreement.linkages, "agreement.linkages");

    for (std::size_t i = 0; i < s_.places.size(); ++i) {
      auto& p = s_.places[i];
      if (p.party) parties_.resolve(r_, *p.party, index_path("places", i) + ".party");
    }
    for (std::size_t i = 0; i < s_.vehicle_types.size(); ++i) {
      auto& t = s_.vehicle_types[i];
      if (t.party) parties_.resolve(r_, *t.party, index_path("vehicle_types", i) + ".party");
      // An escort carries nobody: places it is given would never be used.
      if (t.role == VehicleRole::Escort && (t.seats > 0 || t.stretchers > 0)) {
        r_.warning(t.at, index_path("vehicle_types", i) + (t.seats > 0 ? ".seats" : ".stretchers"),
                   msg("vehicle.escort-places", {{"id", t.id}}), msg("hint.escort-places"));
      }
    }
    for (std::size_t i = 0; i < s_.routes.size(); ++i) route(s_.routes[i], index_path("routes", i));
    agreement();
    for (std::size_t i = 0; i < s_.operations.size(); ++i)
      operation(s_.operations[i], index_path("operations", i));
    for (std::size_t i = 0; i < s_.operations.size(); ++i)
      phase_conditions(s_.operations[i], index_path("operations", i));
    linkages();
    deadlocks();
    for (std::size_t i = 0; i < s_.risks.size(); ++i) risk(s_.risks[i], index_path("risks", i));
    for (std::size_t i = 0; i < s_.events.size(); ++i) event(s_.events[i], index_path("events", i));
    early_suspensions();
    checkpoint_changes();
    unused_places();
    mixed_measures();
  }

 private:
  const Place* place(const Ref& ref) const {
    return ref.resolved() ? &s_.places[ref.idx()] : nullptr;
  }

  // True when an error was reported at `prefix` or inside it. Checks that add up values (people,
  // vehicles, beds) are skipped then: a value that failed to read would make them report
  // mistakes the author did not make.
  bool errors_under(const std::string& prefix) const {
    for (const auto& d : r_.diagnostics().items()) {
      if (d.severity != Severity::Error || d.path.compare(0, prefix.size(), prefix) != 0) continue;
      if (d.path.size() == prefix.size() || d.path[prefix.size()] == '.' ||
          d.path[prefix.size()] == '[')
        return true;
    }
    return false;
  }

  // True when the agreement's start was read: times are compared with it.
  bool start_known() const {
    return !errors_under("agreement.start") &&
           std::none_of(r_.diagnostics().items().begin(), r_.diagnostics().items().end(),
                        [](const Diagnostic& d) {
                          return d.severity == Severity::Error && d.path == "agreement";
                        });
  }

  // The earliest time after which nobody can leave: the end of the ceasefire (the agreement's, or
  // an operation's own), or of the simulated time when that comes first. Warnings name which of
  // the two it is.
  struct Deadline {
    Instant at;
    bool ceasefire = false;  // else the end of the simulated time
  };
  std::optional<Deadline> deadline(const std::optional<Instant>& ceasefire_end) const {
    if (ceasefire_end && (!horizon_end_ || *ceasefire_end <= *horizon_end_))
      return Deadline{*ceasefire_end, true};
    if (horizon_end_) return Deadline{*horizon_end_, false};
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> deadline_args(const Deadline& d) const {
    return {{"end", format_instant(d.at, s_.agreement.timezone_minutes)}};
  }

  // People of a group who come at or after the deadline cannot leave, and nothing waits for them
  // (docs/simulation.md, "Still to come"): a warning when all of them do, or when some may and
  // their arrivals are bounded (an unbounded distribution's tail always reaches past it, most
  // often with a tiny share: not worth a warning).
  void late_arrivals(const PopulationGroup& g, const std::string& path,
                     const std::optional<Deadline>& late) {
    if (!late || g.people <= 0 || g.willing <= 0 || errors_under(path)) return;
    const Instant from = g.arrives_from ? g.arrives_from->instant : s_.agreement.start.instant;
    const double first = g.arrival.min();
    const double last = g.arrival.max();
    if (!std::isfinite(first)) return;
    const Instant earliest = from + Duration::milliseconds(std::llround(first));
    const int zone = s_.agreement.timezone_minutes;
    auto args = deadline_args(*late);
    const char* hint =
        late->ceasefire ? "hint.arrivals-after-ceasefire" : "hint.arrivals-after-horizon";
    if (earliest >= late->at) {
      r_.warning(
          g.at, path,
          msg(late->ceasefire ? "population.after-ceasefire" : "population.after-horizon", args),
          msg(hint, deadline_args(*late)));
    } else if (std::isfinite(last) &&
               from + Duration::milliseconds(std::llround(last)) > late->at) {
      args.emplace_back("latest",
                        format_instant(from + Duration::milliseconds(std::llround(last)), zone));
      r_.warning(g.at, path,
                 msg(late->ceasefire ? "population.partly-after-ceasefire"
                                     : "population.partly-after-horizon",
                     args),
                 msg(hint, deadline_args(*late)));
    }
  }

  // Resolves a place reference and checks its kind.
  bool place_of(Ref& ref, const std::string& path, std::initializer_list<PlaceKind> kinds) {
    if (!places_.resolve(r_, ref, path)) return false;
    const Place& p = s_.places[ref.idx()];
    if (kinds.size() == 0 || std::find(kinds.begin(), kinds.end(), p.kind) != kinds.end())
      return true;
    if (errors_under(index_path("places", ref.idx()) + ".kind"))
      return false;  // its kind is unknown
    std::string wanted;
    for (auto k : kinds) wanted += (wanted.empty() ? "" : ", ") + place_kind_word(k);
    r_.error(ref.at, path,
             msg("place.wrong-kind",
                 {{"id", ref.id}, {"kind", place_kind_word(p.kind)}, {"wanted", wanted}}));
    ref.index = -1;
    return false;
  }

  void route(Route& rt, const std::string& path) {
    for (std::size_t i = 0; i < rt.legs.size(); ++i) {
      Leg& leg = rt.legs[i];
      const std::string lp = index_path(path + ".legs", i);
      places_.resolve(r_, leg.from, lp + ".from");
      places_.resolve(r_, leg.to, lp + ".to");
      if (leg.from.resolved() && leg.to.resolved() && leg.from.index == leg.to.index) {
        r_.error(leg.to.at, lp + ".to", msg("route.leg-loop", {{"id", leg.to.id}}));
      }
      if (i > 0) {
        const Leg& prev = rt.legs[i - 1];
        if (!prev.to.id.empty() && !leg.from.id.empty() && prev.to.id != leg.from.id) {
          r_.error(leg.from.at, lp + ".from",
                   msg("route.disconnected", {{"from", leg.from.id}, {"prev", prev.to.id}}),
                   msg("hint.route-connect", {{"prev", prev.to.id}}));
        }
      }
    }
  }

  // The outbound or return route of an operation must run between its two ends.
  void route_ends(const Ref& route_ref, const Ref& start, const Ref& end, const std::string& path,
                  bool is_return) {
    if (!route_ref.resolved() || !start.resolved() || !end.resolved()) return;
    const Route& rt = s_.routes[route_ref.idx()];
    if (rt.legs.empty()) return;
    const Ref& first = rt.legs.front().from;
    const Ref& last = rt.legs.back().to;
    if (first.resolved() && first.index != start.index) {
      r_.error(route_ref.at, path,
               msg(is_return ? "route.return-start" : "route.out-start",
                   {{"route", rt.id}, {"first", first.id}, {"expected", start.id}}));
    }
    if (last.resolved() && last.index != end.index) {
      r_.error(route_ref.at, path,
               msg(is_return ? "route.return-end" : "route.out-end",
                   {{"route", rt.id}, {"last", last.id}, {"expected", end.id}}));
    }
  }

  static std::string escort_path(const ConvoyRules& c, const std::string& path, std::size_t i) {
    return c.escorts_listed ? index_path(path + ".escort", i) : path + ".escort";
  }

  void convoy(ConvoyRules& c, const std::string& path) {
    for (std::size_t i = 0; i < c.escorts.size(); ++i) {
      Escort& e = c.escorts[i];
      const std::string at = escort_path(c, path, i) + ".type";
      if (!types_.resolve(r_, e.type, at)) continue;
      const VehicleType& t = s_.vehicle_types[e.type.idx()];
      if (t.role != VehicleRole::Escort) {
        r_.error(e.type.at, at, msg("convoy.escort-role", {{"id", t.id}}), msg("hint.escort-role"));
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (c.escorts[j].type.index == e.type.index) {
          r_.error(e.type.at, at, msg("convoy.escort-twice", {{"id", t.id}}),
                   msg("hint.escort-twice"));
          break;
        }
      }
    }
  }

  // An operation's min_vehicles or max_vehicles against the other, taken from the agreement's
  // rules (both in one mapping are compared as it is read).
  void convoy_bounds(const Operation& op, const std::string& path) {
    const ConvoyRules& own = *op.convoy;
    if (own.given.min_vehicles == own.given.max_vehicles) return;
    const ConvoyRules rules = op.convoy_rules(s_.agreement.convoy);
    if (!rules.max_vehicles || *rules.max_vehicles >= rules.min_vehicles) return;
    const std::string max = std::to_string(*rules.max_vehicles);
    const std::string min = std::to_string(rules.min_vehicles);
    if (own.given.max_vehicles) {
      r_.error(own.at, path + ".max_vehicles",
               msg("convoy.max-below-agreement-min", {{"max", max}, {"min", min}}),
               msg("hint.convoy-bounds"));
    } else {
      r_.error(own.at, path + ".min_vehicles",
               msg("convoy.min-above-agreement-max", {{"max", max}, {"min", min}}),
               msg("hint.convoy-bounds"));
    }
  }

  void agreement() {
    Agreement& a = s_.agreement;
    convoy(a.convoy, "agreement.convoy");
    for (auto& g : a.guarantors) parties_.resolve(r_, g, "agreement.guarantors");
    for (auto& o : a.operators) parties_.resolve(r_, o, "agreement.operators");
    ceasefire_end_ = ceasefire(a.ceasefire, "agreement.ceasefire");
    if (start_known() && !errors_under("simulation.horizon")) {
      horizon_end_ = a.start.instant + s_.simulation.horizon;
      // Times are written with four-digit years (ISO 8601): 10000-01-01 00:00 in the agreement's
      // offset is 253,402,300,800,000 ms after 1970 in UTC, less the offset.
      constexpr std::int64_t kYear10000Utc = 253'402'300'800'000;
      const std::int64_t limit = kYear10000Utc - std::int64_t{a.start.offset_minutes} * 60'000;
      if (horizon_end_->unix_ms() > limit)
        r_.error(a.at, "agreement.start",
                 msg("time.after-9999",
                     {{"end", format_instant(*horizon_end_, a.start.offset_minutes)}}));
    }
    movement_hours(a.movement_hours, "agreement.movement_hours");
    // The agreement's windows, for the operations that have none of their own (warned once).
    const bool used =
        std::any_of(s_.operations.begin(), s_.operations.end(),
                    [](const Operation& op) { return !op.ceasefire && !op.movement_hours; });
    if (used && !errors_under("agreement.ceasefire") && !errors_under("agreement.movement_hours") &&
        !can_move(a.ceasefire, a.movement_hours)) {
      r_.warning(a.movement_hours.front().at, "agreement.movement_hours", msg("movement.never"),
                 msg("hint.movement-never"));
    }
  }

  // Whether some minute before the horizon is inside one of the ceasefire `windows` and inside
  // the movement `hours` (none: all day), clock times in the agreement's zone, as the simulation
  // reads them. A minute that a window only partly covers counts, so that a window cut to the
  // second is never taken for none.
  bool can_move(const std::vector<TimeWindow>& windows,
                const std::vector<ClockWindow>& hours) const {
    if (hours.empty() || !start_known()) return true;
    std::vector<bool> open(1440, false);
    for (const ClockWindow& w : hours) each_minute(w, [&](std::size_t m) { open[m] = true; });
    const std::int64_t zone_ms = std::int64_t{s_.agreement.timezone_minutes} * 60'000;
    const Instant start = s_.agreement.start.instant;
    for (const TimeWindow& w : windows) {
      const Instant from = std::max(w.from.instant, start);
      std::optional<Instant> to;
      if (w.to) to = w.to->instant;
      if (horizon_end_ && (!to || *horizon_end_ < *to)) to = horizon_end_;
      if (!to) return true;  // open-ended, with no horizon known
      if (*to <= from) continue;
      // Minutes since 1970 in the agreement's zone, from the one `from` is in to the one before
      // `to`; a whole day or more holds every minute of the clock.
      const std::int64_t first = floor_div(from.unix_ms() + zone_ms, 60'000);
      const std::int64_t last = floor_div(to->unix_ms() + zone_ms - 1, 60'000);
      for (std::int64_t m = first; m <= last && m < first + 1440; ++m) {
        if (open[static_cast<std::size_t>(((m % 1440) + 1440) % 1440)]) return true;
      }
    }
    return false;
  }

  // Ceasefire windows (the agreement's or an operation's, at `path`): ordered, no overlap, only
  // the last may be open-ended. A window with a time that failed to read is left out: its made-up
  // times would overlap others. Returns when nobody can leave any more under them, the end of the
  // last window, when it has one and the times it depends on were read.
  std::optional<Instant> ceasefire(const std::vector<TimeWindow>& windows,
                                   const std::string& path) {
    const Agreement& a = s_.agreement;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < windows.size(); ++i) {
      if (!errors_under(index_path(path, i))) order.push_back(i);
    }
    std::set<std::size_t> backwards;  // windows reported as ending at or before they begin
    for (std::size_t i : order) {
      const TimeWindow& w = windows[i];
      if (w.to && w.to->instant <= w.from.instant) {
        r_.error(w.at, index_path(path, i) + ".to", msg("window.to-before-from"));
        backwards.insert(i);
      }
    }
    std::sort(order.begin(), order.end(),
              [&](auto x, auto y) { return windows[x].from.instant < windows[y].from.instant; });
    for (std::size_t k = 1; k < order.size(); ++k) {
      const TimeWindow& prev = windows[order[k - 1]];
      const TimeWindow& cur = windows[order[k]];
      if (!prev.to || prev.to->instant > cur.from.instant) {
        r_.error(cur.at, index_path(path, order[k]),
                 msg("window.overlap", {{"other", std::to_string(order[k - 1])}}),
                 msg("hint.other-window", {{"other", std::to_string(order[k - 1])},
                                           {"line", std::to_string(prev.at.line)}}));
      }
    }
    // A window over before the agreement starts (a mistyped year): only the last was looked at.
    if (start_known()) {
      for (std::size_t k = 0; k + 1 < order.size(); ++k) {
        const TimeWindow& w = windows[order[k]];
        if (w.to && w.to->instant < a.start.instant && !backwards.count(order[k]))
          r_.error(w.at, index_path(path, order[k]) + ".to", msg("time.before-start"));
      }
    }
    if (!order.empty() && start_known()) {
      const TimeWindow& last = windows[order.back()];
      if (last.to && last.to->instant < a.start.instant) {
        r_.error(last.at, path, msg("ceasefire.before-start"));
      } else if (last.to && last.to->instant == a.start.instant && !backwards.count(order.back())) {
        // A window that ends where it begins, at the start, is reported above already.
        r_.error(last.at, path, msg("ceasefire.at-start"));
      }
    }
    if (start_known() && !order.empty() && windows[order.back()].to && !errors_under(path))
      return windows[order.back()].to->instant;
    return std::nullopt;
  }

  // Movement hours (the agreement's or an operation's, at `path`): minutes of the day covered,
  // counted to find overlaps.
  void movement_hours(const std::vector<ClockWindow>& windows, const std::string& path) {
    std::vector<int> cover(1440, -1);
    for (std::size_t i = 0; i < windows.size(); ++i) {
      const ClockWindow& w = windows[i];
      const std::string p = index_path(path, i);
      if (errors_under(p)) continue;  // a clock time failed to read
      if (w.from_minutes == w.to_minutes || (w.from_minutes == 0 && w.to_minutes == 0)) {
        r_.error(w.at, p, msg("hours.empty"));
        continue;
      }
      bool reported = false;
      each_minute(w, [&](std::size_t minute) {
        if (cover[minute] >= 0 && !reported) {
          r_.error(w.at, p, msg("window.overlap", {{"other", std::to_string(cover[minute])}}));
          reported = true;
        }
        cover[minute] = static_cast<int>(i);
      });
    }
  }

  void operation(Operation& op, const std::string& path) {
    place_of(op.origin, path + ".origin", {PlaceKind::Origin});
    place_of(op.gathering_point, path + ".gathering_point", {PlaceKind::GatheringPoint});
    place_of(op.destination, path + ".destination", {PlaceKind::Destination});
    if (routes_.resolve(r_, op.route, path + ".route")) {
      route_ends(op.route, op.gathering_point, op.destination, path + ".route", false);
    }
    if (op.return_route && routes_.resolve(r_, *op.return_route, path + ".return_route")) {
      route_ends(*op.return_route, op.destination, op.gathering_point, path + ".return_route",
                 true);
    }
    // Each shelter once: listed twice, its beds were counted twice by the check of beds below.
    std::set<std::string> listed_shelters;
    for (std::size_t i = 0; i < op.shelters.size(); ++i) {
      const std::string sp = index_path(path + ".shelters", i);
      place_of(op.shelters[i], sp, {PlaceKind::Shelter});
      if (!listed_shelters.insert(op.shelters[i].id).second)
        r_.error(op.shelters[i].at, sp, msg("shelter.twice", {{"id", op.shelters[i].id}}));
    }
    if (op.convoy) {
      convoy(*op.convoy, path + ".convoy");
      convoy_bounds(op, path + ".convoy");
    }
    // Its own ceasefire and movement hours, which replace the agreement's for it.
    std::optional<Instant> ceasefire_end = ceasefire_end_;
    if (op.ceasefire) ceasefire_end = ceasefire(*op.ceasefire, path + ".ceasefire");
    if (op.movement_hours) movement_hours(*op.movement_hours, path + ".movement_hours");
    if ((op.ceasefire || op.movement_hours) &&
        !errors_under(op.ceasefire ? path + ".ceasefire" : "agreement.ceasefire") &&
        !errors_under(op.movement_hours ? path + ".movement_hours" : "agreement.movement_hours") &&
        !can_move(s_.ceasefire_of(op), s_.movement_hours_of(op))) {
      const SourceRef& at = op.movement_hours && !op.movement_hours->empty()
                                ? op.movement_hours->front().at
                            : op.ceasefire && !op.ceasefire->empty() ? op.ceasefire->front().at
                                                                     : op.at;
      r_.warning(at, op.movement_hours ? path + ".movement_hours" : path + ".ceasefire",
                 msg("movement.never-operation", {{"operation", op.id}}),
                 msg("hint.movement-never"));
    }
    const auto late = deadline(ceasefire_end);

    // Population.
    std::map<std::int32_t, std::int64_t> leaving_by_category;
    bool needs_stretcher = false;
    std::size_t stretcher_group = 0;
    double largest_household = 0;
    std::size_t largest_group = 0;
    // By category: the largest household (a phase's last one may pass its quota by all but one of
    // its people); and the group whose households may hold the most stretcher patients.
    std::map<std::int32_t, double> largest_by_category;
    double most_patients = 0;
    std::size_t most_patients_group = 0;
    bool needs_seat = false;  // someone may travel seated (not every one on a stretcher)
    std::size_t seat_group = 0;
    double most_seated = 0;  // the largest household that may travel seated, every one of it
    std::size_t most_seated_group = 0;
    for (std::size_t i = 0; i < op.population.size(); ++i) {
      PopulationGroup& g = op.population[i];
      const std::string gp = index_path(path + ".population", i);
      if (categories_.resolve(r_, g.category, gp + ".category")) {
        leaving_by_category[g.category.index] +=
            std::llround(static_cast<double>(g.people) * g.willing);
        double share = g.stretcher_share.value_or(s_.categories[g.category.idx()].stretcher_share);
        if (share > 0 && g.people > 0 && !needs_stretcher) {
          needs_stretcher = true;
          stretcher_group = i;
        }
        if (share < 1 && std::llround(static_cast<double>(g.people) * g.willing) > 0 &&
            !needs_seat) {
          needs_seat = true;
          seat_group = i;
        }
        double& largest = largest_by_category[g.category.index];
        largest = std::max(largest, std::round(g.household_size.max()));
        if (share < 1 && g.people > 0 && std::round(g.household_size.max()) > most_seated) {
          most_seated = std::round(g.household_size.max());
          most_seated_group = i;
        }
        if (share > 0 && g.people > 0 && std::round(g.household_size.max()) > most_patients) {
          most_patients = std::round(g.household_size.max());
          most_patients_group = i;
        }
      }
      if (g.household_size.max() > largest_household) {
        largest_household = g.household_size.max();
        largest_group = i;
      }
      late_arrivals(g, gp, late);
    }
    std::int64_t leaving = 0;
    for (auto [c, n] : leaving_by_category) leaving += n;
    const bool population_ok = !errors_under(path + ".population");
    population_ok_[static_cast<std::size_t>(&op - s_.operations.data())] = population_ok;
    if (leaving == 0 && !op.population.empty() && population_ok)
      r_.warning(op.at, path + ".population", msg("operation.nobody"));

    // Fleet.
    int stretcher_places = 0;
    int most_seats = 0;
    bool types_ok = true;  // its vehicle types were read without error (their places are known)
    int largest_vehicle = 0;
    int passenger_vehicles = 0;
    int in_time_vehicles = 0;  // passenger vehicles available before the deadline (`late`)
    std::map<std::int32_t, int> count_by_type;
    std::optional<Instant> first_available;  // of a passenger vehicle
    std::size_t first_batch = 0;
    for (std::size_t i = 0; i < op.fleet.size(); ++i) {
      FleetBatch& b = op.fleet[i];
      const std::string bp = index_path(path + ".fleet", i);
      if (types_.resolve(r_, b.type, bp + ".type")) {
        const VehicleType& t = s_.vehicle_types[b.type.idx()];
        if (errors_under(index_path("vehicle_types", b.type.idx()))) types_ok = false;
        count_by_type[b.type.index] += b.count;
        if (t.role == VehicleRole::Passenger) {
          const Instant available = b.available ? b.available->instant : s_.agreement.start.instant;
          if (!first_available || available < *first_available) {
            first_available = available;
            first_batch = i;
          }
          passenger_vehicles += b.count;
          if (!late || available < late->at) in_time_vehicles += b.count;
          stretcher_places = std::max(stretcher_places, t.stretchers);
          most_seats = std::max(most_seats, t.seats);
          largest_vehicle = std::max(largest_vehicle, t.seats + t.stretchers);
        }
      }
      if (b.start) places_.resolve(r_, *b.start, bp + ".start");
      if (b.approach) approach(op, b, bp);
      // Withdrawn at or before the start (the default 'available'), the batch is never there;
      // before the start its withdrawal would come before the simulation's first instant.
      if (b.until && b.until->instant <= s_.agreement.start.instant) {
        r_.error(b.at, bp + ".until", msg("fleet.until-not-after-start"));
      } else if (b.available && b.until && b.until->instant <= b.available->instant) {
        r_.error(b.at, bp + ".until", msg("fleet.until-before-available"));
      }
    }
    // With a batch that failed to read, the counts below are incomplete: skip what uses them.
    const bool fleet_ok = !errors_under(path + ".fleet");
    if (passenger_vehicles == 0 && !op.fleet.empty() && leaving > 0 && fleet_ok) {
      r_.error(op.at, path + ".fleet", msg("fleet.no-passenger"));
    }
    if (!fleet_ok) passenger_vehicles = 0;
    // Every passenger vehicle comes too late: nobody leaves.
    if (late && passenger_vehicles > 0 && leaving > 0 && first_available &&
        *first_available >= late->at) {
      auto args = deadline_args(*late);
      args.emplace_back("operation", op.id);
      r_.warning(op.fleet[first_batch].at, path + ".fleet",
                 msg(late->ceasefire ? "fleet.after-ceasefire" : "fleet.after-horizon", args),
                 msg(late->ceasefire ? "hint.fleet-after-ceasefire" : "hint.fleet-after-horizon",
                     deadline_args(*late)));
    }
    // Passenger vehicles with no place for those who leave (seats: 0 and no stretchers).
    const bool places_known = fleet_ok && types_ok && passenger_vehicles > 0 && leaving > 0;
    const bool no_places = places_known && largest_vehicle == 0;
    if (no_places) {
      r_.error(op.at, path + ".fleet", msg("fleet.no-places"), msg("hint.seats"));
    } else if (places_known && most_seats == 0 && needs_seat) {
      r_.error(op.population[seat_group].at, index_path(path + ".population", seat_group),
               msg("fleet.no-seats", {{"operation", op.id}}), msg("hint.seats"));
    }
    // What follows uses the vehicles' places: not said where a vehicle type failed to read (a
    // bus of 2,000 seats, out of range, would leave the ambulance the largest vehicle).
    if (needs_stretcher && stretcher_places == 0 && passenger_vehicles > 0 && !no_places &&
        types_ok) {
      r_.error(op.population[stretcher_group].at, index_path(path + ".population", stretcher_group),
               msg("fleet.no-stretcher", {{"operation", op.id}}), msg("hint.stretcher"));
    }
    // Counts are rounded when drawn: the largest household drawn is the maximum rounded.
    largest_household = std::round(largest_household);
    if (fleet_ok && types_ok && largest_vehicle > 0 && largest_household > largest_vehicle) {
      const std::string seats = std::to_string(largest_vehicle);
      const std::string at = index_path(path + ".population", largest_group) + ".household_size";
      if (std::isinf(largest_household)) {
        r_.warning(op.population[largest_group].at, at,
                   msg("household.split-unbounded", {{"seats", seats}}), msg("hint.household-max"));
      } else {
        r_.warning(op.population[largest_group].at, at,
                   msg("household.split",
                       {{"size", std::to_string(std::llround(std::min(largest_household, 1e15)))},
                        {"seats", seats}}));
      }
    } else if (fleet_ok && types_ok && most_seats > 0 && most_seated > most_seats &&
               !std::isinf(most_seated)) {
      // Seated people do not take stretcher places: a household that may have nobody on a
      // stretcher and more people than any vehicle has seats is split as well.
      r_.warning(op.population[most_seated_group].at,
                 index_path(path + ".population", most_seated_group) + ".household_size",
                 msg("household.split-seats",
                     {{"size", std::to_string(std::llround(std::min(most_seated, 1e15)))},
                      {"seats", std::to_string(most_seats)}}));
    }
    // Stretcher patients travel on stretchers: a household with more of them than any vehicle has
    // stretcher places is split as well (with none, fleet.no-stretcher above).
    if (fleet_ok && stretcher_places > 0 && most_patients > stretcher_places) {
      r_.warning(op.population[most_patients_group].at,
                 index_path(path + ".population", most_patients_group) + ".household_size",
                 msg("household.split-stretchers",
                     {{"size", std::to_string(std::llround(std::min(most_patients, 1e15)))},
                      {"places", std::to_string(stretcher_places)}}));
    }
    // The rules its convoys follow: each one from its own `convoy` where that gives it, else from
    // the agreement's.
    const ConvoyRules rules = op.convoy_rules(s_.agreement.convoy);
    const bool own_escort = op.convoy && op.convoy->given.escort;
    const bool own_min = op.convoy && op.convoy->given.min_vehicles;
    for (std::size_t i = 0; i < rules.escorts.size() && passenger_vehicles > 0; ++i) {
      const Escort& e = rules.escorts[i];
      if (!e.type.resolved()) continue;
      const int have = count_by_type[e.type.index];
      if (have < e.count) {
        r_.error(own_escort ? op.convoy->at : op.at, path + ".fleet",
                 msg("fleet.escorts", {{"type", e.type.id},
                                       {"need", std::to_string(e.count)},
                                       {"have", std::to_string(have)}}),
                 msg("hint.escorts",
                     {{"rule",
                       escort_path(rules, own_escort ? path + ".convoy" : "agreement.convoy", i)},
                      {"type", e.type.id},
                      {"need", std::to_string(e.count)}}));
      } else if (s_.vehicle_types[e.type.idx()].private_car && leaving > 0) {
        // A private escort stays at the destination after its convoy: the escorts are used up.
        r_.warning(own_escort ? op.convoy->at : op.at, path + ".fleet",
                   msg("fleet.private-escorts", {{"type", e.type.id},
                                                 {"have", std::to_string(have)},
                                                 {"convoys", std::to_string(have / e.count)}}));
      }
    }
    if (rules.min_vehicles > passenger_vehicles && passenger_vehicles > 0) {
      r_.error(own_min ? op.convoy->at : s_.agreement.convoy.at, path + ".fleet",
               msg("fleet.below-min-convoy", {{"min", std::to_string(rules.min_vehicles)},
                                              {"have", std::to_string(passenger_vehicles)}}));
    } else if (late && rules.min_vehicles > in_time_vehicles && in_time_vehicles > 0 &&
               leaving > 0) {
      // Vehicles that come when nothing moves any more join no convoy: the convoys leave with
      // fewer once no vehicle can join (docs/simulation.md, rule 5).
      auto args = deadline_args(*late);
      args.emplace_back("min", std::to_string(rules.min_vehicles));
      args.emplace_back("have", std::to_string(in_time_vehicles));
      r_.warning(own_min ? op.convoy->at : s_.agreement.convoy.at, path + ".fleet",
                 msg(late->ceasefire ? "fleet.min-convoy-after-ceasefire"
                                     : "fleet.min-convoy-after-horizon",
                     args),
                 msg("hint.min-convoy-late"));
    }

    // Shelters.
    if (!op.shelters.empty()) {
      std::int64_t beds = 0;
      bool beds_known = population_ok;
      std::set<std::string> counted;  // a shelter listed twice (an error) has its beds once
      for (const auto& sh : op.shelters) {
        if (!counted.insert(sh.id).second) continue;
        const Place* p = place(sh);
        if (p && p->capacity)
          beds += *p->capacity;
        else
          beds_known = false;
      }
      if (beds_known && beds < leaving) {
        r_.warning(op.at, path + ".shelters",
                   msg("shelter.short", {{"beds", grouped(static_cast<double>(beds))},
                                         {"people", grouped(static_cast<double>(leaving))}}));
      }
    }

    // Phases.
    if (op.phases.empty()) {
      Phase all;
      all.id = "all";
      all.name = {"الجميع", "Everyone"};
      all.order = 1;
      all.at = op.at;
      std::set<std::int32_t> seen;
      for (const auto& g : op.population) {
        if (g.category.resolved() && seen.insert(g.category.index).second)
          all.categories.push_back(g.category);
      }
      op.phases.push_back(std::move(all));
      implicit_phase_[static_cast<std::size_t>(&op - s_.operations.data())] = true;
      return;
    }
    IdTable phase_ids(term("phase"));
    std::set<std::int32_t> eligible_somewhere;
    for (std::size_t i = 0; i < op.phases.size(); ++i) {
      Phase& ph = op.phases[i];
      const std::string pp = index_path(path + ".phases", i);
      phase_ids.add(r_, ph.id, static_cast<std::int32_t>(i), ph.at, pp + ".id");
      std::int64_t eligible = 0;
      std::set<std::int32_t> in_phase;
      for (std::size_t k = 0; k < ph.categories.size(); ++k) {
        Ref& c = ph.categories[k];
        const std::string cp = index_path(pp + ".categories", k);
        if (!categories_.resolve(r_, c, cp)) continue;
        if (!in_phase.insert(c.index).second) {
          r_.error(c.at, cp, msg("phase.category-twice", {{"id", c.id}}));
          continue;
        }
        eligible_somewhere.insert(c.index);
        auto it = leaving_by_category.find(c.index);
        if (it == leaving_by_category.end()) {
          r_.warning(c.at, cp,
                     msg("phase.category-no-group", {{"id", c.id}, {"operation", op.id}}));
        } else {
          eligible += it->second;
        }
      }
      if (ph.quota && *ph.quota > eligible && in_phase.size() == ph.categories.size() &&
          population_ok) {
        r_.error(ph.at, pp + ".quota",
                 msg("phase.quota", {{"quota", grouped(static_cast<double>(*ph.quota))},
                                     {"eligible", grouped(static_cast<double>(eligible))}}));
      }
      if (ph.not_before && ph.not_before->instant < s_.agreement.start.instant) {
        r_.error(ph.at, pp + ".start.not_before", msg("time.before-start"));
      }
      if (ph.not_before && late && ph.not_before->instant >= late->at) {
        auto args = deadline_args(*late);
        args.emplace_back("id", ph.id);
        r_.warning(ph.at, pp + ".start.not_before",
                   msg(late->ceasefire ? "phase.after-ceasefire" : "phase.after-horizon", args),
                   msg(late->ceasefire ? "hint.phase-after-ceasefire" : "hint.phase-after-horizon",
                       deadline_args(*late)));
      }
    }
    // A category whose every phase has a quota, the quotas adding up to fewer than its people
    // leaving: the rest can never board (the quotas may be shared with other categories, so
    // fewer still may board; this catches the sure case). A phase takes its last household whole,
    // past its quota: with households of more than one person, up to that many more may board,
    // and the warning says so.
    for (const auto& [category, n] : leaving_by_category) {
      const std::int32_t c = category;  // a lambda cannot capture a structured binding (clang 14)
      std::int64_t room = 0;
      bool capped = eligible_somewhere.count(c) > 0;
      std::size_t last = 0;
      for (std::size_t i = 0; i < op.phases.size() && capped; ++i) {
        const Phase& ph = op.phases[i];
        const bool has_it = std::any_of(ph.categories.begin(), ph.categories.end(),
                                        [&](const Ref& r) { return r.index == c; });
        if (!has_it) continue;
        if (!ph.quota)
          capped = false;
        else
          room += *ph.quota;
        last = i;
      }
      if (capped && room < n && population_ok) {
        // Each phase of the category may pass its quota by its largest household but one person.
        std::size_t phases_with_it = 0;
        for (const Phase& ph : op.phases) {
          phases_with_it +=
              static_cast<std::size_t>(std::any_of(ph.categories.begin(), ph.categories.end(),
                                                   [&](const Ref& r) { return r.index == c; }));
        }
        const double household = std::max(1.0, largest_by_category[c]);
        const double most =
            static_cast<double>(room) + static_cast<double>(phases_with_it) * (household - 1);
        const bool sure = most < static_cast<double>(n);
        const double left = static_cast<double>(n) - (sure ? most : static_cast<double>(room));
        r_.warning(op.phases[last].at, index_path(path + ".phases", last) + ".quota",
                   msg(sure ? "phase.quota-strands" : "phase.quota-may-strand",
                       {{"id", s_.categories[static_cast<std::size_t>(c)].id},
                        {"room", grouped(static_cast<double>(room))},
                        {"people", grouped(static_cast<double>(n))},
                        {"left", grouped(left)}}),
                   msg("hint.quota-strands"));
      }
    }
    for (const auto& [c, n] : leaving_by_category) {
      if (n > 0 && !eligible_somewhere.count(c)) {
        r_.warning(
            op.at, path + ".phases",
            msg("phase.never-eligible", {{"id", s_.categories[static_cast<std::size_t>(c)].id},
                                         {"people", grouped(static_cast<double>(n))}}));
      }
    }
  }

  // Resolves `after` conditions once every operation's phases are known.
  // The phases of an operation by id, made once (a condition names one of them).
  const IdTable& phase_ids(const Operation& target) {
    auto it = phase_ids_.find(&target);
    if (it == phase_ids_.end()) {
      IdTable ids(term("phase"));
      Reader quiet(r_.file(), scratch_);
      for (std::size_t j = 0; j < target.phases.size(); ++j)
        ids.add(quiet, target.phases[j].id, static_cast<std::int32_t>(j), target.phases[j].at, "");
      it = phase_ids_.emplace(&target, std::move(ids)).first;
    }
    return it->second;
  }

  void phase_conditions(Operation& op, const std::string& path) {
    for (std::size_t i = 0; i < op.phases.size(); ++i) {
      Phase& ph = op.phases[i];
      for (std::size_t k = 0; k < ph.after.size(); ++k) {
        PhaseCondition& c = ph.after[k];
        const std::string cp = index_path(index_path(path + ".phases", i) + ".start.after", k);
        const Operation* target = &op;
        if (c.operation) {
          if (!operations_.resolve(r_, *c.operation, cp + ".operation")) continue;
          target = &s_.operations[c.operation->idx()];
        }
        phase_ids(*target).resolve(r_, c.phase, cp + ".phase");
        if (target == &op && c.phase.resolved() && c.phase.idx() == i) {
          r_.error(c.phase.at, cp + ".phase", msg("phase.after-self", {{"id", ph.id}}));
        }
        // Without overlap a later order opens only once every phase of the earlier orders has
        // ended, and an ended phase meets every condition on it: waiting for part of a phase of
        // a lower order decides nothing. (Waiting for all of it is implied, and harmless.)
        const bool earlier =
            target == &op && c.phase.resolved() && op.phases[c.phase.idx()].order < ph.order;
        if (earlier && !s_.agreement.overlap && c.share > 0 && c.share < 1) {
          r_.warning(c.at, cp,
                     msg("phase.after-inert",
                         {{"phase", c.phase.id}, {"share", fmt::format("{:g}%", c.share * 100)}}),
                     msg("hint.after-inert", {{"phase", c.phase.id}}));
        } else if (c.phase.resolved() && c.share > 0 && c.share < 1) {
          after_share_of_shared(*target, target->phases[c.phase.idx()], c, cp);
        }
      }
    }
  }

  // A share of phase `p` is of its target: without a quota, every person of its categories,
  // some of whom a phase of a lower order of its operation may take. The share can then stand
  // for all that `p` will move, and the phase waiting for it waits for `p` to end.
  void after_share_of_shared(const Operation& op, const Phase& p, const PhaseCondition& c,
                             const std::string& cp) {
    if (p.quota) return;
    for (const Phase& q : op.phases) {
      if (q.order >= p.order) continue;
      const bool shared = std::any_of(q.categories.begin(), q.categories.end(), [&](const Ref& a) {
        return a.resolved() &&
               std::any_of(p.categories.begin(), p.categories.end(),
                           [&](const Ref& b) { return b.resolved() && b.index == a.index; });
      });
      if (!shared) continue;
      r_.warning(
          c.at, cp,
          msg("phase.after-shared",
              {{"phase", p.id}, {"earlier", q.id}, {"share", fmt::format("{:g}%", c.share * 100)}}),
          msg("hint.after-shared", {{"phase", p.id}}));
      return;
    }
  }

  std::int64_t leaving(const Operation& op) const { return op.people_leaving(); }

  void linkages() {
    for (std::size_t i = 0; i < s_.agreement.linkages.size(); ++i) {
      Linkage& l = s_.agreement.linkages[i];
      const std::string lp = index_path("agreement.linkages", i);
      // When it binds: not before the agreement starts, and for a while.
      if (l.from && l.from->instant < s_.agreement.start.instant)
        r_.error(l.at, lp + ".from", msg("time.before-start"));
      if (l.until && l.until->instant <= s_.agreement.start.instant) {
        r_.error(l.at, lp + ".until", msg("time.before-start"));
      } else if (l.from && l.until && l.until->instant <= l.from->instant) {
        r_.error(l.at, lp + ".until", msg("linkage.until-before-from"));
      }
      if (l.kind == LinkageKind::Ratio) {
        bool ok = operations_.resolve(r_, l.lead, lp + ".lead");
        ok = operations_.resolve(r_, l.follow, lp + ".follow") && ok;
        if (ok && l.lead.index == l.follow.index)
          r_.error(l.follow.at, lp + ".follow", msg("linkage.self"));
        if (ok && l.mutual && static_cast<double>(l.allowance) < std::max(1.0, l.ratio)) {
          r_.error(l.at, lp + ".allowance",
                   msg("linkage.mutual-deadlock",
                       {{"need", fmt::format("{:g}", std::ceil(std::max(1.0, l.ratio)))}}));
        }
        continue;
      }
      std::map<std::int32_t, Amount> previous;
      std::set<std::int32_t> ops;
      for (std::size_t t = 0; t < l.tranches.size(); ++t) {
        for (auto& target : l.tranches[t]) {
          const std::string tp = index_path(lp + ".tranches", t) + "." + target.operation.id;
          if (!operations_.resolve(r_, target.operation, tp)) continue;
          ops.insert(target.operation.index);
          const Operation& op = s_.operations[target.operation.idx()];
          if (!population_ok_[target.operation.idx()]) continue;
          double people = target.amount.is_share
                              ? target.amount.value * static_cast<double>(leaving(op))
                              : target.amount.value;
          if (!target.amount.is_share && people > static_cast<double>(leaving(op))) {
            r_.error(target.at, tp,
                     msg("tranche.above-population",
                         {{"amount", grouped(people)},  // a whole number of people here
                          {"operation", op.id},
                          {"people", grouped(static_cast<double>(leaving(op)))}}));
          }
          auto prev = previous.find(target.operation.index);
          if (prev != previous.end()) {
            double before = prev->second.is_share
                                ? prev->second.value * static_cast<double>(leaving(op))
                                : prev->second.value;
            if (people + 1e-9 < before)
              r_.error(target.at, tp, msg("tranche.decreasing", {{"operation", op.id}}));
          }
          previous[target.operation.index] = target.amount;
        }
      }
      if (ops.size() < 2 && !l.tranches.empty() && !errors_under(lp + ".tranches")) {
        r_.error(l.at, lp + ".tranches", msg("linkage.one-operation"));
      }
      if (errors_under(lp + ".tranches")) continue;
      for (auto [opi, amount] : previous) {
        const Operation& op = s_.operations[static_cast<std::size_t>(opi)];
        double last =
            amount.is_share ? amount.value * static_cast<double>(leaving(op)) : amount.value;
        if (last + 0.5 < static_cast<double>(leaving(op))) {
          r_.warning(
              l.at, lp + ".tranches",
              msg("tranche.incomplete", {{"operation", op.id},
                                         {"amount", grouped(std::round(last))},
                                         {"leaving", grouped(static_cast<double>(leaving(op)))}}));
        }
      }
    }
  }

  // Waits between phases (after-conditions, ratio linkages without allowance, tranches that
  // start at zero) must not form a cycle.
  void deadlocks() {
    // A phase; or, with a share, that phase having moved that share of its people (a condition
    // that may wait for more than the phase itself: see held_back_before below).
    struct Node {
      std::size_t op;
      std::size_t phase;
      double share = -1;
      bool below = false;  // "every phase of the operation of an order below `phase`'s has ended"
    };
    std::vector<Node> nodes;
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> node_of;
    for (std::size_t o = 0; o < s_.operations.size(); ++o) {
      for (std::size_t p = 0; p < s_.operations[o].phases.size(); ++p) {
        node_of[{o, p}] = nodes.size();
        nodes.push_back({o, p});
      }
    }
    std::vector<std::vector<std::size_t>> waits(nodes.size());
    auto wait_node_op = [&](std::size_t from, std::size_t to_op) {
      for (std::size_t q = 0; q < s_.operations[to_op].phases.size(); ++q)
        waits[from].push_back(node_of[{to_op, q}]);
    };
    // The people of an operation's phase: those leaving of its categories, at most its quota.
    auto phase_people = [&](std::size_t op, std::size_t phase) {
      const Operation& o = s_.operations[op];
      const Phase& ph = o.phases[phase];
      double people = 0;
      for (const auto& g : o.population) {
        if (!g.category.resolved()) continue;
        if (std::any_of(ph.categories.begin(), ph.categories.end(),
                        [&](const Ref& r) { return r.index == g.category.index; }))
          people += std::round(static_cast<double>(g.people) * g.willing);
      }
      return ph.quota ? std::min(people, static_cast<double>(*ph.quota)) : people;
    };
    // The operations that must move before `op` may move `people` (more than a linkage binding
    // from the start lets it move alone: its amount in the first tranche, or a ratio's
    // allowance); SIZE_MAX entries are skipped.
    auto held_back_before = [&](std::size_t op, double people) {
      std::vector<std::size_t> out;
      for (const auto& l : s_.agreement.linkages) {
        if (l.from && l.from->instant > s_.agreement.start.instant) continue;
        if (l.until) continue;  // it lifts at a time: it cannot hold anyone for ever
        if (l.kind == LinkageKind::Tranches && !l.tranches.empty()) {
          auto is_own = [&](const TrancheTarget& t) {
            return t.operation.resolved() && t.operation.idx() == op;
          };
          if (std::none_of(l.tranches.begin(), l.tranches.end(), [&](const auto& tranche) {
                return std::any_of(tranche.begin(), tranche.end(), is_own);
              }))
            continue;  // not an operation of this linkage
          // An operation of the linkage that its first tranche leaves out may move nobody in it.
          const auto& first = l.tranches.front();
          const auto own = std::find_if(first.begin(), first.end(), is_own);
          const double leaving = static_cast<double>(s_.operations[op].people_leaving());
          double amount = 0;
          if (own != first.end())
            amount = own->amount.is_share ? own->amount.value * leaving : own->amount.value;
          if (people <= amount + 1e-9) continue;
          for (const auto& t : first) {
            if (t.operation.resolved() && t.operation.idx() != op) out.push_back(t.operation.idx());
          }
        } else if (l.kind == LinkageKind::Ratio && l.lead.resolved() && l.follow.resolved() &&
                   l.lead.index != l.follow.index) {
          if (l.follow.idx() == op && people > static_cast<double>(l.allowance) + 1e-9)
            out.push_back(l.lead.idx());
          if (l.mutual && l.lead.idx() == op && l.ratio > 0 &&
              people > static_cast<double>(l.allowance) / l.ratio + 1e-9)
            out.push_back(l.follow.idx());
        }
      }
      return out;
    };
    auto wait_op = [&](std::size_t from_op, std::size_t to_op) {
      for (std::size_t p = 0; p < s_.operations[from_op].phases.size(); ++p) {
        for (std::size_t q = 0; q < s_.operations[to_op].phases.size(); ++q) {
          waits[node_of[{from_op, p}]].push_back(node_of[{to_op, q}]);
        }
      }
    };
    for (std::size_t o = 0; o < s_.operations.size(); ++o) {
      const Operation& op = s_.operations[o];
      for (std::size_t p = 0; p < op.phases.size(); ++p) {
        for (const auto& c : op.phases[p].after) {
          if (!c.phase.resolved() || c.share <= 0) continue;
          std::size_t target_op =
              c.operation ? (c.operation->resolved() ? c.operation->idx() : SIZE_MAX) : o;
          if (target_op == SIZE_MAX || c.phase.idx() >= s_.operations[target_op].phases.size())
            continue;
          if (target_op == o && c.phase.idx() == p) continue;  // reported as phase.after-self
          // The share asked of that phase may be more than a linkage lets its operation move
          // before the others tied to it move: then the condition waits for them too.
          const double needed = c.share * phase_people(target_op, c.phase.idx());
          const std::vector<std::size_t> others = held_back_before(target_op, needed);
          if (others.empty()) {
            waits[node_of[{o, p}]].push_back(node_of[{target_op, c.phase.idx()}]);
            continue;
          }
          const std::size_t condition = nodes.size();
          nodes.push_back({target_op, c.phase.idx(), c.share});
          waits.emplace_back();
          waits[condition].push_back(node_of[{target_op, c.phase.idx()}]);
          for (const std::size_t other : others) wait_node_op(condition, other);
          waits[node_of[{o, p}]].push_back(condition);
        }
      }
      // Without overlap a phase opens only once every phase of a lower order has ended: it
      // waits for a node of its order that waits for the phases of the order just below and for
      // that order's own node (a chain, so as many edges as phases, not their square).
      if (s_.agreement.overlap) continue;
      std::vector<std::int64_t> orders;
      for (const auto& ph : op.phases) orders.push_back(ph.order);
      std::sort(orders.begin(), orders.end());
      orders.erase(std::unique(orders.begin(), orders.end()), orders.end());
      std::vector<std::size_t> below(orders.size());
      for (std::size_t k = 0; k < orders.size(); ++k) {
        below[k] = nodes.size();
        const std::size_t first_of_order = static_cast<std::size_t>(
            std::find_if(op.phases.begin(), op.phases.end(),
                         [&](const Phase& ph) { return ph.order == orders[k]; }) -
            op.phases.begin());
        nodes.push_back({o, first_of_order, -1, true});
        waits.emplace_back();
        if (k == 0) continue;
        waits[below[k]].push_back(below[k - 1]);
        for (std::size_t q = 0; q < op.phases.size(); ++q) {
          if (op.phases[q].order == orders[k - 1]) waits[below[k]].push_back(node_of[{o, q}]);
        }
      }
      for (std::size_t p = 0; p < op.phases.size(); ++p) {
        const auto k = static_cast<std::size_t>(
            std::lower_bound(orders.begin(), orders.end(), op.phases[p].order) - orders.begin());
        if (k > 0) waits[node_of[{o, p}]].push_back(below[k]);
      }
    }
    for (const auto& l : s_.agreement.linkages) {
      // As in held_back_before: a linkage that binds later, or lifts, holds nobody for ever.
      if ((l.from && l.from->instant > s_.agreement.start.instant) || l.until) continue;
      if (l.kind == LinkageKind::Ratio && l.lead.resolved() && l.follow.resolved() &&
          l.lead.index != l.follow.index) {
        if (l.allowance == 0) wait_op(l.follow.idx(), l.lead.idx());
      } else if (l.kind == LinkageKind::Tranches && !l.tranches.empty()) {
        // The operations of the linkage; those its first tranche gives nothing, or leaves out.
        std::set<std::size_t> all;
        for (const auto& tranche : l.tranches) {
          for (const auto& t : tranche) {
            if (t.operation.resolved()) all.insert(t.operation.idx());
          }
        }
        std::set<std::size_t> zero = all;
        for (const auto& t : l.tranches.front()) {
          if (t.operation.resolved() && t.amount.value > 0) zero.erase(t.operation.idx());
        }
        for (auto z : zero) {
          for (auto other : all) {
            if (other != z) wait_op(z, other);
          }
        }
      }
    }
    // Depth-first search for a cycle; report each cycle once, at its first phase.
    std::vector<int> state(nodes.size(), 0);
    std::vector<std::size_t> stack;
    std::set<std::size_t> reported;
    // An operation without declared phases has one implicit phase: name the operation alone.
    auto node_name = [&](std::size_t v) {
      const Operation& op = s_.operations[nodes[v].op];
      std::string name =
          implicit_phase_[nodes[v].op] ? op.id : op.id + "/" + op.phases[nodes[v].phase].id;
      if (nodes[v].share >= 0) name += fmt::format(" at {:g}%", nodes[v].share * 100);
      return name;
    };
    // A cycle found at `w` (on the stack from it on): named by its phases and conditions (the
    // nodes of orders left out) and reported at its first phase.
    auto report_cycle = [&](std::size_t w) {
      const auto start = std::find(stack.begin(), stack.end(), w);
      std::vector<std::size_t> named;
      for (auto it = start; it != stack.end(); ++it) {
        if (!nodes[*it].below) named.push_back(*it);
      }
      if (named.empty()) return;
      const std::size_t first = named.front();
      // A long cycle is named by its ends: "a -> b -> ... 19,990 more ... -> y -> z -> a".
      std::string cycle;
      for (std::size_t i = 0; i < named.size(); ++i) {
        if (named.size() > 12 && i == 6) {
          cycle += fmt::format("... {} more ... -> ", named.size() - 12);
          i = named.size() - 6;
        }
        cycle += node_name(named[i]) + " -> ";
      }
      cycle += node_name(first);
      if (!reported.insert(first).second) return;
      const Operation& op = s_.operations[nodes[first].op];
      const std::string op_path = index_path("operations", nodes[first].op);
      r_.error(op.phases[nodes[first].phase].at,
               implicit_phase_[nodes[first].op]
                   ? op_path
                   : index_path(op_path + ".phases", nodes[first].phase),
               msg("deadlock.cycle", {{"cycle", cycle}}), msg("hint.deadlock"));
    };
    // Iteratively, with the edge each node on the stack is at: a chain of waits as long as the
    // scenario's phases would overflow the call stack.
    std::vector<std::size_t> next_edge(nodes.size(), 0);
    for (std::size_t root = 0; root < nodes.size(); ++root) {
      if (state[root] != 0 || reported.size() >= 20) continue;
      state[root] = 1;
      stack.push_back(root);
      while (!stack.empty()) {
        const std::size_t v = stack.back();
        if (next_edge[v] == waits[v].size()) {
          stack.pop_back();
          state[v] = 2;
          continue;
        }
        const std::size_t w = waits[v][next_edge[v]++];
        if (state[w] == 1) {
          report_cycle(w);
        } else if (state[w] == 0) {
          state[w] = 1;
          stack.push_back(w);
        }
      }
    }
  }

  // Whether a risk or event naming operations `ops` (none: all) concerns operation `o`.
  static bool concerns(const std::vector<Ref>& ops, std::size_t o) {
    return ops.empty() || std::any_of(ops.begin(), ops.end(), [&](const Ref& r) {
             return r.index == static_cast<std::int32_t>(o);
           });
  }

  // A batch's approach is a route from its start to the operation's gathering point.
  void approach(const Operation& op, FleetBatch& b, const std::string& bp) {
    if (!routes_.resolve(r_, *b.approach, bp + ".approach")) return;
    const Route& rt = s_.routes[b.approach->idx()];
    if (rt.legs.empty()) return;  // reported with the route
    const Ref& first = rt.legs.front().from;
    const Ref& last = rt.legs.back().to;
    if (last.resolved() && op.gathering_point.resolved() &&
        last.index != op.gathering_point.index) {
      r_.error(b.approach->at, bp + ".approach",
               msg("fleet.approach-end",
                   {{"id", rt.id}, {"end", last.id}, {"gathering", op.gathering_point.id}}));
    }
    if (b.start && b.start->resolved() && first.resolved() && first.index != b.start->index) {
      r_.error(
          b.approach->at, bp + ".approach",
          msg("fleet.approach-start", {{"id", rt.id}, {"from", first.id}, {"start", b.start->id}}));
    }
  }

  // Whether a route of the operations `ops` passes the place; `approaches`: their fleets'
  // approach routes too (empty vehicles drive them: what strikes only loaded convoys never
  // happens there).
  bool on_routes_of(std::int32_t place_index, const std::vector<Ref>& ops,
                    bool approaches = false) const {
    for (std::size_t o = 0; o < s_.operations.size(); ++o) {
      const Operation& op = s_.operations[o];
      if (!concerns(ops, o)) continue;
      std::vector<const Ref*> routes{&op.route};
      if (op.return_route) routes.push_back(&*op.return_route);
      for (const auto& b : op.fleet) {
        if (approaches && b.approach) routes.push_back(&*b.approach);
      }
      for (const Ref* rr : routes) {
        if (!rr->resolved()) continue;
        for (const auto& leg : s_.routes[rr->idx()].legs) {
          if (leg.from.index == place_index || leg.to.index == place_index) return true;
        }
      }
    }
    return false;
  }

  // Fire on a route strikes convoys setting out on it (an operation's route); a vehicle loss, also
  // vehicles driving back on it (an operation's return route). Elsewhere they never happen.
  void route_driven(RiskKind kind, const Ref& route, const std::vector<Ref>& ops,
                    const std::string& path) {
    if (kind != RiskKind::Fire && kind != RiskKind::VehicleLoss) return;
    if (std::any_of(ops.begin(), ops.end(), [](const Ref& r) { return !r.resolved(); }))
      return;  // an unknown operation is reported; which ones it meant is not known
    for (std::size_t o = 0; o < s_.operations.size(); ++o) {
      const Operation& op = s_.operations[o];
      if (!concerns(ops, o)) continue;
      if (op.route.index == route.index) return;
      if (kind == RiskKind::VehicleLoss && op.return_route && op.return_route->index == route.index)
        return;
      for (const auto& b : op.fleet) {
        if (kind == RiskKind::VehicleLoss && b.approach && b.approach->index == route.index) return;
      }
    }
    r_.warning(route.at, path,
               msg(kind == RiskKind::Fire ? "risk.route-not-driven-fire" : "risk.route-not-driven",
                   {{"id", route.id}}));
  }

  template <class T>
  void common_refs(T& x, const std::string& path) {
    for (std::size_t i = 0; i < x.operations.size(); ++i)
      operations_.resolve(r_, x.operations[i], index_path(path + ".operations", i));
    if (x.route && routes_.resolve(r_, *x.route, path + ".route"))
      route_driven(x.kind, *x.route, x.operations, path + ".route");
    if (x.kind == RiskKind::Slowdown) {
      slowdown_where(x, path);
    } else if (x.place) {
      // A stochastic vehicle loss at a place happens as convoys pass it: at a checkpoint. A
      // scheduled one also strikes vehicles at a gathering point or finishing unloading at a
      // destination (docs/simulation.md).
      const bool scheduled_loss = x.kind == RiskKind::VehicleLoss && std::is_same_v<T, Event>;
      bool ok =
          scheduled_loss
              ? place_of(*x.place, path + ".place",
                         {PlaceKind::GatheringPoint, PlaceKind::Checkpoint, PlaceKind::Destination})
              : place_of(*x.place, path + ".place", {PlaceKind::Checkpoint});
      // A loss strikes empty vehicles too; a checkpoint change, and a scheduled hold's window,
      // hold for every vehicle.
      const bool empty_too = x.kind == RiskKind::VehicleLoss ||
                             x.kind == RiskKind::CheckpointChange ||
                             (x.kind == RiskKind::Hold && std::is_same_v<T, Event>);
      if (ok && !on_routes_of(x.place->index, x.operations, empty_too)) {
        // Only approach routes pass it: their vehicles are empty, and this strikes loaded convoys.
        const bool approach = on_routes_of(x.place->index, x.operations, true);
        r_.warning(x.place->at, path + ".place",
                   msg(approach ? "risk.place-approach-only" : "risk.place-unused",
                       {{"id", x.place->id}}));
      }
    }
    for (std::size_t i = 0; i < x.categories.size(); ++i)
      categories_.resolve(r_, x.categories[i], index_path(path + ".categories", i));
  }

  // A slowdown at a place slows what is done there (boarding at a gathering point, inspections at
  // a checkpoint, unloading at a destination), by default and at most; one on a route, travel on
  // its legs.
  template <class T>
  void slowdown_where(T& x, const std::string& path) {
    SlowedActivities& s = x.slows;
    const std::pair<bool*, const char*> listed[] = {{&s.travel, "travel"},
                                                    {&s.boarding, "boarding"},
                                                    {&s.inspection, "inspection"},
                                                    {&s.unloading, "unloading"}};
    if (x.place) {
      if (!place_of(*x.place, path + ".place",
                    {PlaceKind::GatheringPoint, PlaceKind::Checkpoint, PlaceKind::Destination}))
        return;
      if (!on_routes_of(x.place->index, x.operations, /*approaches=*/true))
        r_.warning(x.place->at, path + ".place", msg("risk.place-unused", {{"id", x.place->id}}));
      const PlaceKind kind = s_.places[x.place->idx()].kind;
      const char* there = kind == PlaceKind::GatheringPoint ? "boarding"
                          : kind == PlaceKind::Checkpoint   ? "inspection"
                                                            : "unloading";
      if (!s.listed) {
        s.travel = false;
        s.boarding = kind == PlaceKind::GatheringPoint;
        s.inspection = kind == PlaceKind::Checkpoint;
        s.unloading = kind == PlaceKind::Destination;
        return;
      }
      for (const auto& [flag, word] : listed) {
        if (*flag && std::string_view(word) != there) {
          r_.error(s.at, path + ".slows",
                   msg("slowdown.not-at-place", {{"word", word},
                                                 {"kind", place_kind_word(kind)},
                                                 {"id", x.place->id},
                                                 {"there", there}}));
        }
      }
    } else if (x.route && x.route->resolved() && s.listed) {
      for (const auto& [flag, word] : listed) {
        if (*flag && std::string_view(word) != "travel") {
          r_.error(s.at, path + ".slows",
                   msg("slowdown.not-on-route", {{"word", word}, {"id", x.route->id}}));
        }
      }
    }
  }

  void risk(Risk& rk, const std::string& path) {
    common_refs(rk, path);
    if (!rk.held_by) return;
    const bool known = parties_.resolve(r_, *rk.held_by, path + ".held_by");
    if (!rk.place) {
      r_.error(rk.held_by->at, path + ".held_by", msg("risk.held-by-route"));
      return;
    }
    if (!known || !rk.place->resolved() || s_.places[rk.place->idx()].kind != PlaceKind::Checkpoint)
      return;
    // Warn when the checkpoint is never held by that party: the risk would never happen. (The
    // events' references are resolved after the risks': compare ids.)
    const Place& cp = s_.places[rk.place->idx()];
    bool held = cp.party && cp.party->id == rk.held_by->id;
    for (const auto& ev : s_.events) {
      held = held || (ev.kind == RiskKind::CheckpointChange && ev.place && ev.place->id == cp.id &&
                      ev.party && ev.party->id == rk.held_by->id);
    }
    if (!held) {
      r_.warning(rk.held_by->at, path + ".held_by",
                 msg("risk.never-held", {{"place", cp.id}, {"party", rk.held_by->id}}));
    }
  }

  void event(Event& ev, const std::string& path) {
    common_refs(ev, path);
    if (ev.party) parties_.resolve(r_, *ev.party, path + ".party");
    if (ev.vehicle_type && types_.resolve(r_, *ev.vehicle_type, path + ".type") &&
        ev.kind == RiskKind::VehicleLoss && ev.place && ev.place->resolved() &&
        s_.places[ev.place->idx()].kind == PlaceKind::Destination &&
        s_.vehicle_types[ev.vehicle_type->idx()].role == VehicleRole::Escort) {
      // At a destination a loss takes vehicles as they finish unloading: escorts never unload.
      r_.warning(ev.vehicle_type->at, path + ".type",
                 msg("risk.escort-lost-at-destination",
                     {{"type", ev.vehicle_type->id}, {"place", ev.place->id}}));
    }
    const Instant start = s_.agreement.start.instant;
    if (ev.from && ev.to && ev.to->instant <= ev.from->instant)
      r_.error(ev.at, path + ".to", msg("window.to-before-from"));
    if (ev.time && ev.time->instant < start)
      r_.error(ev.at, path + ".time", msg("time.before-start"));
    if (ev.from && ev.to && ev.to->instant <= start) {
      // The whole window is before the start: 'from' is, too.
      if (ev.from->instant < start) r_.error(ev.at, path + ".from", msg("time.before-start"));
      r_.error(ev.at, path + ".to", msg("time.before-start"));
    }
  }

  // A scheduled suspension that ends before anyone of the operations it stops comes to the
  // gathering point, with no vehicle of theirs on an approach route, stops nothing: nobody can
  // board or move in it. Most likely the wait it records is already in the people's
  // `arrives_from`, or it was meant to last longer (a warning, as the simulation is right).
  void early_suspensions() {
    const Instant start = s_.agreement.start.instant;
    for (std::size_t i = 0; i < s_.events.size(); ++i) {
      const Event& ev = s_.events[i];
      if (ev.kind != RiskKind::Suspension || !ev.from || !ev.to || ev.to->instant <= start)
        continue;
      std::optional<Instant> earliest;  // of the stopped operations' people
      bool stops_something = false;
      for (std::size_t o = 0; o < s_.operations.size() && !stops_something; ++o) {
        const bool applies =
            ev.operations.empty() ||
            std::any_of(ev.operations.begin(), ev.operations.end(),
                        [&](const Ref& r) { return r.resolved() && r.idx() == o; });
        if (!applies) continue;
        const Operation& op = s_.operations[o];
        for (const auto& b : op.fleet) stops_something = stops_something || b.approach.has_value();
        for (const auto& g : op.population) {
          const Instant from = g.arrives_from ? g.arrives_from->instant : start;
          if (!earliest || from < *earliest) earliest = from;
          stops_something = stops_something || from < ev.to->instant;
        }
      }
      if (stops_something || !earliest) continue;
      const int zone = s_.agreement.timezone_minutes;
      r_.warning(
          ev.at, index_path("events", i) + ".to",
          msg("event.suspension-before-anyone", {{"id", ev.id},
                                                 {"to", format_instant(ev.to->instant, zone)},
                                                 {"earliest", format_instant(*earliest, zone)}}),
          msg("hint.suspension-before-anyone"));
    }
  }

  // People removed or killed on the way count as departed for a linkage counted on departures,
  // and never arrive for one counted on arrivals (which does not count them against their own
  // operation's cap, but cannot count them for the others). Two such linkages sharing an
  // operation that may lose people so can hold each other to the end: a tranche counted on
  // departures reached with the people removed, and a ratio counted on arrivals short of them,
  // holding the other side below its amount in that tranche. A warning on the linkage counted on
  // arrivals, once for each such pair. Linkages that lift at a time hold nobody for ever.
  void mixed_measures() {
    const auto& links = s_.agreement.linkages;
    const std::size_t nops = s_.operations.size();
    // For each operation, the first risk or event that may remove or kill its people on the way:
    // one of its operations, at a place its route passes or on its route (loaded convoys drive
    // it), or anywhere.
    std::vector<const std::string*> loses(nops, nullptr);
    auto mark = [&](const auto& x) {
      for (std::size_t o = 0; o < nops; ++o) {
        const Operation& op = s_.operations[o];
        if (loses[o] != nullptr || !concerns(x.operations, o) || !op.route.resolved()) continue;
        bool strikes = !x.place && !x.route;
        if (x.route) strikes = x.route->resolved() && x.route->index == op.route.index;
        if (x.place && x.place->resolved()) {
          for (const auto& leg : s_.routes[op.route.idx()].legs)
            strikes = strikes || leg.from.index == x.place->index || leg.to.index == x.place->index;
        }
        if (strikes) loses[o] = &x.id;
      }
    };
    for (const Risk& r : s_.risks) {
      if (r.probability <= 0) continue;
      if ((r.kind == RiskKind::Removal && r.share > 0) ||
          (r.kind == RiskKind::Fire && r.killed.max() > 0))
        mark(r);
    }
    for (const Event& e : s_.events) {
      if ((e.kind == RiskKind::Removal && e.share > 0) ||
          (e.kind == RiskKind::Fire && e.killed > 0))
        mark(e);
    }
    auto operations_of = [](const Linkage& l) {
      std::set<std::size_t> ops;
      if (l.kind == LinkageKind::Ratio) {
        if (l.lead.resolved()) ops.insert(l.lead.idx());
        if (l.follow.resolved()) ops.insert(l.follow.idx());
      }
      for (const auto& tranche : l.tranches) {
        for (const auto& t : tranche) {
          if (t.operation.resolved()) ops.insert(t.operation.idx());
        }
      }
      return ops;
    };
    for (std::size_t a = 0; a < links.size(); ++a) {
      if (links[a].measure != LinkageMeasure::Arrived || links[a].until) continue;
      const auto arrived_ops = operations_of(links[a]);
      for (std::size_t d = 0; d < links.size(); ++d) {
        if (links[d].measure != LinkageMeasure::Departed || links[d].until) continue;
        for (const std::size_t o : operations_of(links[d])) {
          if (loses[o] == nullptr || arrived_ops.count(o) == 0) continue;
          r_.warning(links[a].at, index_path("agreement.linkages", a) + ".measure",
                     msg("linkage.mixed-measures", {{"arrived", links[a].id},
                                                    {"departed", links[d].id},
                                                    {"operation", s_.operations[o].id},
                                                    {"risk", *loses[o]}}),
                     msg("hint.mixed-measures"));
          break;
        }
      }
    }
  }

  // A checkpoint change that sets what the checkpoint already has at its time (from the scenario
  // or an earlier change) changes nothing there: a warning, most likely a slip (another
  // checkpoint, party or time was meant). The changes of each checkpoint are followed in time
  // order, those of one time in the file's order, as the simulation applies them.
  void checkpoint_changes() {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < s_.events.size(); ++i) {
      const Event& ev = s_.events[i];
      if (ev.kind == RiskKind::CheckpointChange && ev.time && ev.place && ev.place->resolved() &&
          s_.places[ev.place->idx()].kind == PlaceKind::Checkpoint)
        order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return s_.events[a].time->instant < s_.events[b].time->instant;
    });
    struct Held {
      std::string party;  // empty: no party holds it
      int lanes = 1;
      std::string inspection;
      std::optional<std::string> empty_inspection;  // its own, else as `inspection`
    };
    std::map<std::size_t, Held> held;  // by place
    for (const std::size_t i : order) {
      const Event& ev = s_.events[i];
      const std::size_t at = ev.place->idx();
      const Place& cp = s_.places[at];
      auto [it, fresh] = held.try_emplace(at);
      Held& h = it->second;
      if (fresh) {
        h.party = cp.party ? cp.party->id : std::string();
        h.lanes = cp.lanes;
        h.inspection = cp.inspection.describe(true);
        if (cp.empty_inspection) h.empty_inspection = cp.empty_inspection->describe(true);
      }
      const std::string path = index_path("events", i);
      auto same = [&](const char* field, const std::string& value) {
        r_.warning(
            ev.at, path + "." + field,
            msg("event.change-same", {{"field", field}, {"place", cp.id}, {"value", value}}));
      };
      if (ev.party) {
        if (ev.party->resolved() && ev.party->id == h.party) same("party", "'" + h.party + "'");
        h.party = ev.party->id;
      }
      if (ev.lanes) {
        if (*ev.lanes == h.lanes) same("lanes", std::to_string(h.lanes));
        h.lanes = *ev.lanes;
      }
      if (ev.inspection) {
        const std::string d = ev.inspection->describe(true);
        if (d == h.inspection) same("inspection", d);
        h.inspection = d;
      }
      if (ev.empty_inspection) {
        const std::string d = ev.empty_inspection->describe(true);
        if (h.empty_inspection && d == *h.empty_inspection) same("empty_inspection", d);
        h.empty_inspection = d;
      }
    }
  }

  void unused_places() {
    std::vector<bool> used(s_.places.size(), false);
    auto mark = [&](const Ref& r) {
      if (r.resolved()) used[r.idx()] = true;
    };
    for (const auto& rt : s_.routes) {
      for (const auto& leg : rt.legs) {
        mark(leg.from);
        mark(leg.to);
      }
    }
    for (const auto& op : s_.operations) {
      mark(op.origin);
      mark(op.gathering_point);
      mark(op.destination);
      for (const auto& sh : op.shelters) mark(sh);
      for (const auto& b : op.fleet) {
        if (b.start) mark(*b.start);
      }
    }
    for (const auto& rk : s_.risks) {
      if (rk.place) mark(*rk.place);
    }
    for (const auto& ev : s_.events) {
      if (ev.place) mark(*ev.place);
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < s_.places.size(); ++i) {
      const bool duplicate = !seen.insert(s_.places[i].id).second;  // reported as id.duplicate
      if (!used[i] && !s_.places[i].id.empty() && !duplicate) {
        r_.warning(s_.places[i].at, index_path("places", i),
                   msg("place.unused", {{"id", s_.places[i].id}}));
      }
    }
  }

  Reader& r_;
  Scenario& s_;
  Diagnostics scratch_;
  std::map<const Operation*, IdTable> phase_ids_;  // see phase_ids()
  std::optional<Instant> ceasefire_end_;  // the end of the agreement's last ceasefire window
  std::optional<Instant> horizon_end_;    // the agreement's start plus simulation.horizon
  std::vector<bool> population_ok_ = std::vector<bool>(s_.operations.size(), true);
  std::vector<bool> implicit_phase_ = std::vector<bool>(s_.operations.size(), false);
  IdTable parties_, categories_, places_, routes_, types_, operations_, risks_, events_, linkages_;
};

}  // namespace

void validate(Reader& reader, Scenario& scenario) {
  Validator(reader, scenario).run();
}

}  // namespace mamar::model::detail
