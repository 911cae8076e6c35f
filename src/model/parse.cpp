// Structural reading of a scenario: types, units, required fields, unknown fields. References
// and cross-field rules are checked afterwards by validate.cpp.
#include "parse.hpp"

#include <fmt/format.h>

namespace mamar::model::detail {
namespace {

constexpr std::int64_t kMaxPeople = 100'000'000;
constexpr double kMaxSlowdown = 100;  // a slowdown makes things at most this many times as long
constexpr std::int64_t kMaxVehicles = 1'000'000;

// Reads the list at `key` of `m`, calling `item(node, path)` for each element.
template <class F>
void each(Reader& r, MapView& m, std::string_view key, bool required, F&& item) {
  YAML::Node list = required ? m.require(key) : m.get(key);
  if (!list.IsDefined()) return;
  const std::string path = m.child(key);
  if (!r.expect_sequence(list, path)) return;
  if (required && list.size() == 0)
    r.error(r.source_ref(list), path, msg("list.empty", {{"field", std::string(key)}}));
  for (std::size_t i = 0; i < list.size(); ++i) item(list[i], index_path(path, i));
}

// Optional typed fields: assign when present and valid.
template <class T, class F>
void opt(MapView& m, std::string_view key, T& out, F&& read) {
  YAML::Node n = m.get(key);
  if (!n.IsDefined()) return;
  if (auto v = read(n, m.child(key))) out = static_cast<T>(*v);
}

template <class T, class F>
void req(MapView& m, std::string_view key, T& out, F&& read) {
  YAML::Node n = m.require(key);
  if (!n.IsDefined()) return;
  if (auto v = read(n, m.child(key))) out = static_cast<T>(*v);
}

class Parser {
 public:
  explicit Parser(Reader& r) : r_(r) {}

  Scenario scenario(const YAML::Node& root) {
    Scenario s;
    s.file = r_.file();
    MapView m(r_, root, "");
    if (!m.valid()) return s;
    if (auto v = m.require("mamar"); v.IsDefined()) {
      if (auto version = r_.integer(v, "mamar", 0, 1000000); version && *version != 1) {
        r_.error(r_.source_ref(v), "mamar",
                 msg("format.version", {{"found", std::to_string(*version)}}));
      }
    }
    if (auto n = m.require("scenario"); n.IsDefined()) header(n, "scenario", s);
    each(r_, m, "parties", false, [&](const auto& n, const auto& p) { party(n, p, s); });
    each(r_, m, "categories", true, [&](const auto& n, const auto& p) { category(n, p, s); });
    each(r_, m, "places", true, [&](const auto& n, const auto& p) { place(n, p, s); });
    each(r_, m, "routes", true, [&](const auto& n, const auto& p) { route(n, p, s); });
    each(r_, m, "vehicle_types", true,
         [&](const auto& n, const auto& p) { vehicle_type(n, p, s); });
    each(r_, m, "operations", true, [&](const auto& n, const auto& p) { operation(n, p, s); });
    if (auto n = m.require("agreement"); n.IsDefined()) agreement(n, "agreement", s.agreement);
    each(r_, m, "risks", false, [&](const auto& n, const auto& p) { risk(n, p, s); });
    each(r_, m, "events", false, [&](const auto& n, const auto& p) { event(n, p, s); });
    if (auto n = m.get("simulation"); n.IsDefined()) simulation(n, "simulation", s.simulation);
    m.finish();
    return s;
  }

 private:
  auto text() {
    return [this](const YAML::Node& n, const std::string& p) { return r_.text(n, p); };
  }
  auto ident() {
    return [this](const YAML::Node& n, const std::string& p) { return r_.id(n, p); };
  }
  auto name() {
    return [this](const YAML::Node& n, const std::string& p) { return r_.name(n, p); };
  }
  auto ref() {
    return [this](const YAML::Node& n, const std::string& p) { return r_.ref(n, p); };
  }
  auto share() {
    return [this](const YAML::Node& n, const std::string& p) { return r_.share(n, p); };
  }
  auto boolean() {
    return [this](const YAML::Node& n, const std::string& p) { return r_.boolean(n, p); };
  }
  auto instant() {
    return [this](const YAML::Node& n, const std::string& p) { return r_.instant(n, p); };
  }
  auto duration() {
    return [this](const YAML::Node& n, const std::string& p) { return r_.duration(n, p); };
  }
  // A slowdown's factor: what it slows takes 1 to 100 times as long.
  auto factor() {
    return [this](const YAML::Node& n, const std::string& p) {
      return r_.number(n, p, 1, kMaxSlowdown);
    };
  }
  auto integer(std::int64_t lo, std::int64_t hi) {
    return [this, lo, hi](const YAML::Node& n, const std::string& p) {
      return r_.integer(n, p, lo, hi);
    };
  }
  auto dist(ValueKind kind) {
    return [this, kind](const YAML::Node& n, const std::string& p) {
      return r_.distribution(n, p, kind);
    };
  }

  void header(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    req(m, "id", s.id, ident());
    req(m, "name", s.name, name());
    opt(m, "description", s.description, text());
    each(r_, m, "sources", false, [&](const auto& node, const auto& p) {
      MapView sm(r_, node, p);
      Source src;
      req(sm, "key", src.key, text());
      req(sm, "text", src.text, text());
      sm.finish();
      s.sources.push_back(std::move(src));
    });
    m.finish();
  }

  void party(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    Party p;
    p.at = m.at();
    req(m, "id", p.id, ident());
    req(m, "name", p.name, name());
    if (auto role = m.get("role"); role.IsDefined()) {
      static const std::vector<std::string> kRoles = {
          "besieging", "besieged", "guarantor", "operator", "monitor", "mediator", "other"};
      if (auto c = r_.choice(role, m.child("role"), kRoles)) {
        p.role =
            static_cast<PartyRole>(std::find(kRoles.begin(), kRoles.end(), *c) - kRoles.begin());
      }
    }
    m.finish();
    s.parties.push_back(std::move(p));
  }

  void category(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    Category c;
    c.at = m.at();
    req(m, "id", c.id, ident());
    req(m, "name", c.name, name());
    opt(m, "stretcher", c.stretcher_share, share());
    opt(m, "sensitive", c.sensitive, boolean());
    m.finish();
    s.categories.push_back(std::move(c));
  }

  void place(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    Place p;
    p.at = m.at();
    req(m, "id", p.id, ident());
    static const std::vector<std::string> kKinds = {"origin",      "gathering_point", "checkpoint",
                                                    "destination", "shelter",         "depot"};
    std::optional<std::string> kind;
    if (auto k = m.require("kind"); k.IsDefined()) kind = r_.choice(k, m.child("kind"), kKinds);
    if (kind)
      p.kind =
          static_cast<PlaceKind>(std::find(kKinds.begin(), kKinds.end(), *kind) - kKinds.begin());
    req(m, "name", p.name, name());
    if (auto c = m.get("coords"); c.IsDefined()) {
      MapView cm(r_, c, m.child("coords"));
      Coordinates co;
      bool ok = true;
      auto lat = cm.require("lat");
      auto lon = cm.require("lon");
      if (auto v = lat.IsDefined() ? r_.number(lat, cm.child("lat"), -90, 90) : std::nullopt)
        co.lat = *v;
      else
        ok = false;
      if (auto v = lon.IsDefined() ? r_.number(lon, cm.child("lon"), -180, 180) : std::nullopt)
        co.lon = *v;
      else
        ok = false;
      opt(cm, "approximate", co.approximate, boolean());
      cm.finish();
      if (ok) p.coords = co;
    }
    opt(m, "pcode", p.pcode, text());
    if (!p.pcode.empty()) {
      bool valid = p.pcode.size() >= 2 && p.pcode.size() <= 20 &&
                   std::isupper(static_cast<unsigned char>(p.pcode[0])) &&
                   std::isupper(static_cast<unsigned char>(p.pcode[1])) &&
                   std::all_of(p.pcode.begin(), p.pcode.end(), [](char ch) {
                     return std::isupper(static_cast<unsigned char>(ch)) ||
                            std::isdigit(static_cast<unsigned char>(ch));
                   });
      if (!valid)
        r_.error(r_.source_ref(m.get("pcode")), m.child("pcode"),
                 msg("pcode.invalid", {{"found", p.pcode}}));
    }
    opt(m, "party", p.party, ref());
    // Fields that apply to one kind only.
    const bool gp = kind && p.kind == PlaceKind::GatheringPoint;
    const bool cp = kind && p.kind == PlaceKind::Checkpoint;
    const bool dest = kind && p.kind == PlaceKind::Destination;
    const bool shelter = kind && p.kind == PlaceKind::Shelter;
    auto only = [&](std::string_view key, bool applies, std::string_view kinds) {
      if (!applies && kind)
        m.reject(key, msg("place.field-kind", {{"field", std::string(key)},
                                               {"kinds", std::string(kinds)},
                                               {"kind", *kind}}));
      return applies;
    };
    if (only("bays", gp || dest, "gathering_point, destination")) {
      if (gp)
        opt(m, "bays", p.bays, integer(1, 10000));
      else {
        std::optional<int> b;
        opt(m, "bays", b, integer(1, 10000));
        p.unloading_bays = b;
      }
    }
    if (only("boarding_time", gp, "gathering_point"))
      opt(m, "boarding_time", p.boarding_time, dist(ValueKind::Duration));
    if (only("capacity", gp || shelter, "gathering_point, shelter")) {
      if (shelter) {
        std::optional<std::int64_t> cap;
        req(m, "capacity", cap, integer(0, kMaxPeople));
        p.capacity = cap;
      } else {
        opt(m, "capacity", p.capacity, integer(1, kMaxPeople));
      }
    }
    if (only("lanes", cp, "checkpoint")) opt(m, "lanes", p.lanes, integer(1, 1000));
    if (only("inspection", cp, "checkpoint"))
      opt(m, "inspection", p.inspection, dist(ValueKind::Duration));
    if (only("empty_inspection", cp, "checkpoint"))
      opt(m, "empty_inspection", p.empty_inspection, dist(ValueKind::Duration));
    if (only("unloading_time", dest, "destination"))
      opt(m, "unloading_time", p.unloading_time, dist(ValueKind::Duration));
    if (cp && !m.has("party")) r_.error(m.at(), m.child("party"), msg("checkpoint.party"));
    m.finish();
    s.places.push_back(std::move(p));
  }

  void route(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    Route rt;
    rt.at = m.at();
    req(m, "id", rt.id, ident());
    opt(m, "name", rt.name, name());
    each(r_, m, "legs", true, [&](const auto& node, const auto& p) {
      MapView lm(r_, node, p);
      Leg leg;
      leg.at = lm.at();
      req(lm, "from", leg.from, ref());
      req(lm, "to", leg.to, ref());
      req(lm, "time", leg.time, dist(ValueKind::Duration));
      std::optional<double> len;
      opt(lm, "length", len, [&](const auto& x, const auto& q) { return r_.length(x, q); });
      leg.length_m = len;
      lm.finish();
      rt.legs.push_back(std::move(leg));
    });
    m.finish();
    s.routes.push_back(std::move(rt));
  }

  void vehicle_type(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    VehicleType v;
    v.at = m.at();
    req(m, "id", v.id, ident());
    req(m, "name", v.name, name());
    req(m, "seats", v.seats, integer(0, 1000));
    opt(m, "stretchers", v.stretchers, integer(0, 100));
    if (auto role = m.get("role"); role.IsDefined()) {
      if (auto c = r_.choice(role, m.child("role"), {"passenger", "escort"})) {
        v.role = *c == "escort" ? VehicleRole::Escort : VehicleRole::Passenger;
      }
    }
    opt(m, "private", v.private_car, boolean());
    opt(m, "party", v.party, ref());
    m.finish();
    s.vehicle_types.push_back(std::move(v));
  }

  void convoy(const YAML::Node& n, const std::string& path, ConvoyRules& c) {
    MapView m(r_, n, path);
    c.at = m.at();
    c.given.min_vehicles = m.get("min_vehicles").IsDefined();
    c.given.max_vehicles = m.get("max_vehicles").IsDefined();
    c.given.max_wait = m.get("max_wait").IsDefined();
    c.given.headway = m.get("headway").IsDefined();
    c.given.escort = m.get("escort").IsDefined();
    opt(m, "min_vehicles", c.min_vehicles, integer(1, 10000));
    opt(m, "max_vehicles", c.max_vehicles, integer(1, 10000));
    if (c.max_vehicles && *c.max_vehicles < c.min_vehicles) {
      r_.error(r_.source_ref(m.get("max_vehicles")), m.child("max_vehicles"),
               msg("convoy.max-below-min", {{"max", std::to_string(*c.max_vehicles)},
                                            {"min", std::to_string(c.min_vehicles)}}));
    }
    opt(m, "max_wait", c.max_wait, duration());
    opt(m, "headway", c.headway, duration());
    // One escort rule, or a list of them for convoys escorted by several kinds of vehicle.
    auto escort = [&](const YAML::Node& e, const std::string& at) {
      MapView em(r_, e, at);
      Escort esc;
      bool ok = false;
      req(em, "type", esc.type, [&](const auto& x, const auto& q) {
        auto v = r_.ref(x, q);
        ok = v.has_value();
        return v;
      });
      opt(em, "count", esc.count, integer(1, 100));
      em.finish();
      if (ok) c.escorts.push_back(esc);
    };
    if (auto e = m.get("escort"); e.IsSequence()) {
      c.escorts_listed = true;
      for (std::size_t i = 0; i < e.size(); ++i) escort(e[i], index_path(m.child("escort"), i));
    } else if (e.IsDefined()) {
      escort(e, m.child("escort"));
    }
    m.finish();
  }

  void operation(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    Operation op;
    op.at = m.at();
    req(m, "id", op.id, ident());
    req(m, "name", op.name, name());
    req(m, "origin", op.origin, ref());
    req(m, "gathering_point", op.gathering_point, ref());
    req(m, "destination", op.destination, ref());
    req(m, "route", op.route, ref());
    opt(m, "return_route", op.return_route, ref());
    if (auto sh = m.get("shelters"); sh.IsDefined())
      op.shelters = r_.ref_list(sh, m.child("shelters"));
    each(r_, m, "population", true, [&](const auto& node, const auto& p) { group(node, p, op); });
    each(r_, m, "fleet", true, [&](const auto& node, const auto& p) { batch(node, p, op); });
    int position = 0;
    each(r_, m, "phases", false,
         [&](const auto& node, const auto& p) { phase(node, p, op, ++position); });
    // An empty list is not "no phases" (everyone in one phase): say so rather than guess.
    if (const auto ph = m.get("phases"); ph.IsSequence() && ph.size() == 0)
      r_.error(r_.source_ref(ph), m.child("phases"), msg("list.empty", {{"field", "phases"}}),
               msg("hint.phases-empty"));
    if (auto c = m.get("convoy"); c.IsDefined()) {
      ConvoyRules rules;
      convoy(c, m.child("convoy"), rules);
      op.convoy = rules;
    }
    if (m.get("ceasefire").IsDefined())
      op.ceasefire = time_windows(m, "ceasefire", "hint.ceasefire-agreement");
    if (m.get("movement_hours").IsDefined()) op.movement_hours = clock_windows(m, "movement_hours");
    m.finish();
    s.operations.push_back(std::move(op));
  }

  // Ceasefire windows (`{from, to}` instants) and movement hours (`{from, to}` clock times), of
  // the agreement or of one operation. No ceasefire window would let no convoy move: an empty
  // list is refused, with a hint at what leaving it out gives.
  std::vector<TimeWindow> time_windows(MapView& m, const char* key, const char* hint) {
    std::vector<TimeWindow> out;
    if (const YAML::Node list = m.get(key); list.IsSequence() && list.size() == 0)
      r_.error(r_.source_ref(list), m.child(key), msg("list.empty", {{"field", key}}), msg(hint));
    each(r_, m, key, false, [&](const auto& node, const auto& p) {
      MapView wm(r_, node, p);
      TimeWindow w;
      w.at = wm.at();
      req(wm, "from", w.from, instant());
      opt(wm, "to", w.to, instant());
      wm.finish();
      out.push_back(w);
    });
    return out;
  }

  std::vector<ClockWindow> clock_windows(MapView& m, const char* key) {
    std::vector<ClockWindow> out;
    each(r_, m, key, false, [&](const auto& node, const auto& p) {
      MapView wm(r_, node, p);
      ClockWindow w;
      w.at = wm.at();
      req(wm, "from", w.from_minutes,
          [&](const auto& x, const auto& q) { return r_.clock_time(x, q); });
      req(wm, "to", w.to_minutes,
          [&](const auto& x, const auto& q) { return r_.clock_time(x, q); });
      wm.finish();
      out.push_back(w);
    });
    return out;
  }

  void group(const YAML::Node& n, const std::string& path, Operation& op) {
    MapView m(r_, n, path);
    PopulationGroup g;
    g.at = m.at();
    req(m, "category", g.category, ref());
    req(m, "people", g.people, integer(0, kMaxPeople));
    opt(m, "household_size", g.household_size, dist(ValueKind::Count));
    if (m.has("household_size") && g.household_size.min() < 1) {
      r_.error(r_.source_ref(m.get("household_size")), m.child("household_size"),
               msg("household.min"));
    }
    opt(m, "willing", g.willing, share());
    opt(m, "stretcher", g.stretcher_share, share());
    opt(m, "arrives_from", g.arrives_from, instant());
    opt(m, "arrival", g.arrival, dist(ValueKind::Duration));
    m.finish();
    op.population.push_back(std::move(g));
  }

  void batch(const YAML::Node& n, const std::string& path, Operation& op) {
    MapView m(r_, n, path);
    FleetBatch b;
    b.at = m.at();
    req(m, "type", b.type, ref());
    req(m, "count", b.count, integer(1, kMaxVehicles));
    opt(m, "available", b.available, instant());
    opt(m, "until", b.until, instant());
    opt(m, "start", b.start, ref());
    opt(m, "approach", b.approach, ref());
    m.finish();
    op.fleet.push_back(std::move(b));
  }

  void phase(const YAML::Node& n, const std::string& path, Operation& op, int position) {
    MapView m(r_, n, path);
    Phase ph;
    ph.at = m.at();
    ph.order = position;
    req(m, "id", ph.id, ident());
    req(m, "name", ph.name, name());
    if (auto c = m.require("categories"); c.IsDefined()) {
      ph.categories = r_.ref_list(c, m.child("categories"));
      if (c.IsSequence() && c.size() == 0)
        r_.error(r_.source_ref(c), m.child("categories"), msg("phase.no-categories"));
    }
    opt(m, "order", ph.order, integer(-1000000, 1000000));
    opt(m, "quota", ph.quota, integer(1, kMaxPeople));
    if (auto st = m.get("start"); st.IsDefined()) {
      MapView sm(r_, st, m.child("start"));
      opt(sm, "not_before", ph.not_before, instant());
      each(r_, sm, "after", false, [&](const auto& node, const auto& p) {
        MapView am(r_, node, p);
        PhaseCondition c;
        c.at = am.at();
        req(am, "phase", c.phase, ref());
        opt(am, "operation", c.operation, ref());
        opt(am, "share", c.share, share());
        am.finish();
        ph.after.push_back(std::move(c));
      });
      sm.finish();
    }
    m.finish();
    op.phases.push_back(std::move(ph));
  }

  void agreement(const YAML::Node& n, const std::string& path, Agreement& a) {
    MapView m(r_, n, path);
    a.at = m.at();
    bool have_start = false;
    req(m, "start", a.start, [&](const auto& x, const auto& q) {
      auto v = r_.instant(x, q);
      have_start = v.has_value();
      return v;
    });
    a.timezone_minutes = a.start.offset_minutes;
    if (auto tz = m.get("timezone"); tz.IsDefined()) {
      auto t = r_.text(tz, m.child("timezone"));
      auto off = t ? parse_utc_offset(*t) : std::nullopt;
      if (t && !off)
        r_.error(r_.source_ref(tz), m.child("timezone"), msg("timezone.invalid", {{"found", *t}}));
      if (off) a.timezone_minutes = *off;
    }
    a.ceasefire = time_windows(m, "ceasefire", "hint.ceasefire-default");
    if (!m.get("ceasefire").IsDefined() && have_start)
      a.ceasefire.push_back({a.start, std::nullopt, a.at});
    a.movement_hours = clock_windows(m, "movement_hours");
    opt(m, "overlap", a.overlap, boolean());
    if (auto c = m.get("convoy"); c.IsDefined()) convoy(c, m.child("convoy"), a.convoy);
    each(r_, m, "linkages", false, [&](const auto& node, const auto& p) { linkage(node, p, a); });
    if (auto g = m.get("guarantors"); g.IsDefined())
      a.guarantors = r_.ref_list(g, m.child("guarantors"));
    if (auto o = m.get("operators"); o.IsDefined())
      a.operators = r_.ref_list(o, m.child("operators"));
    m.finish();
  }

  void linkage(const YAML::Node& n, const std::string& path, Agreement& a) {
    MapView m(r_, n, path);
    Linkage l;
    l.at = m.at();
    req(m, "id", l.id, ident());
    opt(m, "name", l.name, name());
    std::optional<std::string> kind;
    if (auto k = m.require("kind"); k.IsDefined())
      kind = r_.choice(k, m.child("kind"), {"tranches", "ratio"});
    if (auto ms = m.get("measure"); ms.IsDefined()) {
      if (auto c = r_.choice(ms, m.child("measure"), {"departed", "arrived"})) {
        l.measure = *c == "arrived" ? LinkageMeasure::Arrived : LinkageMeasure::Departed;
      }
    }
    opt(m, "from", l.from, instant());
    opt(m, "until", l.until, instant());
    if (kind == "tranches") {
      l.kind = LinkageKind::Tranches;
      for (auto key : {"lead", "follow", "ratio", "allowance", "mutual"}) {
        m.reject(key, msg("linkage.field-kind", {{"field", key}, {"kind", "tranches"}}));
      }
      each(r_, m, "tranches", true, [&](const auto& node, const auto& p) {
        std::vector<TrancheTarget> targets;
        if (!node.IsMap() || node.size() == 0) {
          r_.error(r_.source_ref(node), p, msg("tranche.form", {{"found", Reader::describe(node)}}),
                   msg("hint.tranche-form"));
          return;
        }
        for (auto it = node.begin(); it != node.end(); ++it) {
          TrancheTarget t;
          t.at = r_.source_ref(it->first);
          auto op = r_.ref(it->first, p);
          if (!op) continue;
          t.operation = *op;
          const std::string vp = p + "." + op->id;
          const YAML::Node v = it->second;
          if (!v.IsScalar()) {
            r_.error(r_.source_ref(v), vp, msg("tranche.amount", {{"found", Reader::describe(v)}}),
                     msg("hint.tranche-form"));
            continue;
          }
          if (v.Scalar().ends_with("%")) {
            auto sh = r_.share(v, vp);
            if (!sh) continue;
            t.amount = {true, *sh};
          } else {
            auto people = r_.integer(v, vp, 0, kMaxPeople);
            if (!people) continue;
            t.amount = {false, static_cast<double>(*people)};
          }
          targets.push_back(std::move(t));
        }
        l.tranches.push_back(std::move(targets));
      });
    } else if (kind == "ratio") {
      l.kind = LinkageKind::Ratio;
      m.reject("tranches", msg("linkage.field-kind", {{"field", "tranches"}, {"kind", "ratio"}}));
      req(m, "lead", l.lead, ref());
      req(m, "follow", l.follow, ref());
      req(m, "ratio", l.ratio, [&](const auto& x, const auto& q) {
        auto v = r_.number(x, q, 0, 1e6);
        if (v && *v <= 0) {
          r_.error(r_.source_ref(x), q, msg("number.positive", {{"value", x.Scalar()}}));
          return std::optional<double>();
        }
        return v;
      });
      opt(m, "allowance", l.allowance, integer(0, kMaxPeople));
      opt(m, "mutual", l.mutual, boolean());
    } else {
      for (auto key : {"tranches", "lead", "follow", "ratio", "allowance", "mutual"}) m.get(key);
    }
    m.finish();
    a.linkages.push_back(std::move(l));
  }

  // The kind of a risk or, when `scheduled`, of a scheduled event (which may also be a
  // checkpoint change).
  std::optional<RiskKind> risk_kind(MapView& m, bool scheduled) {
    static const std::vector<std::string> kKinds = {"hold",         "removal",          "fire",
                                                    "vehicle_loss", "suspension",       "turn_back",
                                                    "slowdown",     "checkpoint_change"};
    auto k = m.require("kind");
    if (!k.IsDefined()) return std::nullopt;
    const std::vector<std::string> allowed(kKinds.begin(), kKinds.end() - (scheduled ? 0 : 1));
    auto c = r_.choice(k, m.child("kind"), allowed);
    if (!c) return std::nullopt;
    return static_cast<RiskKind>(std::find(kKinds.begin(), kKinds.end(), *c) - kKinds.begin());
  }

  static std::string kind_word(RiskKind k) {
    static const char* const kWords[] = {"hold",         "removal",          "fire",
                                         "vehicle_loss", "suspension",       "turn_back",
                                         "slowdown",     "checkpoint_change"};
    return kWords[static_cast<int>(k)];
  }

  // A slowdown's `slows`: a list of what it slows, each at most once.
  void slowed(MapView& m, SlowedActivities& out) {
    static const std::vector<std::string> kWords = {"travel", "boarding", "inspection",
                                                    "unloading"};
    const YAML::Node n = m.get("slows");
    if (!n.IsDefined()) return;
    const std::string path = m.child("slows");
    if (!r_.expect_sequence(n, path)) return;
    if (n.size() == 0) {
      r_.error(r_.source_ref(n), path, msg("slowdown.slows-nothing"));
      return;
    }
    SlowedActivities s{false, false, false, false, true, r_.source_ref(n)};
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string at = index_path(path, i);
      auto c = r_.choice(n[i], at, kWords);
      if (!c) continue;
      bool& flag = *c == "travel"       ? s.travel
                   : *c == "boarding"   ? s.boarding
                   : *c == "inspection" ? s.inspection
                                        : s.unloading;
      if (flag) r_.error(r_.source_ref(n[i]), at, msg("slowdown.slows-twice", {{"word", *c}}));
      flag = true;
    }
    out = s;
  }

  // Where a slowdown slows: at one place, on one route, or (neither) everywhere.
  void slowdown_where(MapView& m, std::optional<Ref>& place, std::optional<Ref>& route) {
    opt(m, "place", place, ref());
    opt(m, "route", route, ref());
    if (m.has("place") && m.has("route") && m.valid())
      r_.error(r_.source_ref(m.get("route")), m.child("route"), msg("slowdown.place-and-route"));
  }

  // Fields that apply to some kinds only: read them where they apply, reject them elsewhere.
  template <class F>
  bool field_for(MapView& m, RiskKind k, std::string_view key,
                 std::initializer_list<RiskKind> kinds, F&& read) {
    bool applies = std::find(kinds.begin(), kinds.end(), k) != kinds.end();
    if (!applies) {
      m.reject(key, msg("risk.field-kind", {{"field", std::string(key)}, {"kind", kind_word(k)}}));
      return false;
    }
    read();
    return true;
  }

  void risk(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    Risk rk;
    rk.at = m.at();
    req(m, "id", rk.id, ident());
    opt(m, "name", rk.name, name());
    auto kind = risk_kind(m, false);
    if (auto o = m.get("operations"); o.IsDefined())
      rk.operations = r_.ref_list(o, m.child("operations"));
    // An incident may lead to a suspension; a suspension or a slowdown is no incident.
    if (kind == RiskKind::Suspension || kind == RiskKind::Slowdown) {
      m.reject("suspends",
               msg("risk.field-kind", {{"field", "suspends"}, {"kind", kind_word(*kind)}}));
    } else if (auto su = m.get("suspends"); su.IsDefined()) {
      MapView sm(r_, su, m.child("suspends"));
      Suspends sus;
      opt(sm, "probability", sus.probability, share());
      req(sm, "duration", sus.duration, dist(ValueKind::Duration));
      sm.finish();
      rk.suspends = sus;
    }
    if (!kind) {
      for (auto key : {"place", "route", "probability", "duration", "interval", "categories",
                       "share", "killed", "injured", "vehicles", "factor", "slows", "held_by"})
        m.get(key);
      m.finish();
      s.risks.push_back(std::move(rk));
      return;
    }
    rk.kind = *kind;
    using K = RiskKind;
    const K k = *kind;
    const bool at_place = k == K::Hold || k == K::Removal || k == K::TurnBack;
    if (at_place) {
      req(m, "place", rk.place, ref());
      m.reject("route", msg("risk.field-kind", {{"field", "route"}, {"kind", kind_word(k)}}));
    } else if (k == K::Fire || k == K::VehicleLoss) {
      opt(m, "place", rk.place, ref());
      opt(m, "route", rk.route, ref());
      if (m.has("place") == m.has("route") && m.valid()) {
        // Both given: point at the route; neither: at the whole entry.
        r_.error(m.has("route") ? r_.source_ref(m.get("route")) : m.at(), m.child("route"),
                 msg("risk.place-or-route"));
      }
    } else if (k == K::Slowdown) {
      slowdown_where(m, rk.place, rk.route);
    } else {
      m.reject("place", msg("risk.field-kind", {{"field", "place"}, {"kind", kind_word(k)}}));
      m.reject("route", msg("risk.field-kind", {{"field", "route"}, {"kind", kind_word(k)}}));
    }
    field_for(m, k, "probability", {K::Hold, K::Removal, K::Fire, K::VehicleLoss, K::TurnBack},
              [&] { req(m, "probability", rk.probability, share()); });
    field_for(m, k, "duration", {K::Hold, K::Suspension, K::Slowdown},
              [&] { req(m, "duration", rk.duration, dist(ValueKind::Duration)); });
    field_for(m, k, "interval", {K::Suspension, K::Slowdown},
              [&] { req(m, "interval", rk.interval, dist(ValueKind::Duration)); });
    field_for(m, k, "factor", {K::Slowdown}, [&] { req(m, "factor", rk.factor, factor()); });
    field_for(m, k, "slows", {K::Slowdown}, [&] { slowed(m, rk.slows); });
    field_for(m, k, "categories", {K::Removal}, [&] {
      if (auto c = m.require("categories"); c.IsDefined())
        rk.categories = r_.ref_list(c, m.child("categories"));
    });
    field_for(m, k, "share", {K::Removal}, [&] { req(m, "share", rk.share, share()); });
    field_for(m, k, "killed", {K::Fire},
              [&] { opt(m, "killed", rk.killed, dist(ValueKind::Count)); });
    field_for(m, k, "injured", {K::Fire},
              [&] { opt(m, "injured", rk.injured, dist(ValueKind::Count)); });
    field_for(m, k, "vehicles", {K::VehicleLoss},
              [&] { req(m, "vehicles", rk.vehicles, dist(ValueKind::Count)); });
    field_for(m, k, "held_by", {K::Hold, K::Removal, K::Fire, K::VehicleLoss, K::TurnBack},
              [&] { opt(m, "held_by", rk.held_by, ref()); });
    // An interval that can only be 0 (written 0, or drawn from a distribution of nothing else)
    // with a duration that can be 0 too would start the next one at once, forever.
    if ((k == K::Suspension || k == K::Slowdown) && rk.interval.max() <= 0 && m.has("interval")) {
      r_.error(r_.source_ref(m.get("interval")), m.child("interval"),
               msg(k == K::Suspension ? "risk.interval-zero" : "risk.interval-zero-slowdown"));
    }
    m.finish();
    s.risks.push_back(std::move(rk));
  }

  void event(const YAML::Node& n, const std::string& path, Scenario& s) {
    MapView m(r_, n, path);
    Event ev;
    ev.at = m.at();
    req(m, "id", ev.id, ident());
    opt(m, "name", ev.name, name());
    opt(m, "source", ev.source, text());
    auto kind = risk_kind(m, true);
    if (auto o = m.get("operations"); o.IsDefined())
      ev.operations = r_.ref_list(o, m.child("operations"));
    if (!kind) {
      for (auto key : {"place", "route", "time", "from", "to", "categories", "share", "people",
                       "killed", "injured", "vehicles", "type", "factor", "slows", "party", "lanes",
                       "inspection", "empty_inspection"})
        m.get(key);
      m.finish();
      s.events.push_back(std::move(ev));
      return;
    }
    using K = RiskKind;
    const K k = *kind;
    ev.kind = k;
    const bool window = k == K::Suspension || k == K::Hold || k == K::Slowdown;
    // A window kind given a 'time' (or the reverse) is one mistake: report it once, by reject().
    if (window) {
      const bool only_time = m.has("time") && !m.has("from") && !m.has("to");
      if (only_time) {
        opt(m, "from", ev.from, instant());
        opt(m, "to", ev.to, instant());
      } else {
        req(m, "from", ev.from, instant());
        req(m, "to", ev.to, instant());
      }
      m.reject("time", msg("event.window-not-time", {{"kind", kind_word(k)}}));
    } else {
      if (!m.has("time") && (m.has("from") || m.has("to"))) {
        opt(m, "time", ev.time, instant());
      } else {
        req(m, "time", ev.time, instant());
      }
      m.reject("from", msg("event.time-not-window", {{"kind", kind_word(k)}}));
      m.reject("to", msg("event.time-not-window", {{"kind", kind_word(k)}}));
    }
    if (k == K::Hold || k == K::Removal || k == K::TurnBack || k == K::CheckpointChange) {
      req(m, "place", ev.place, ref());
      m.reject("route", msg("risk.field-kind", {{"field", "route"}, {"kind", kind_word(k)}}));
    } else if (k == K::Fire || k == K::VehicleLoss) {
      opt(m, "place", ev.place, ref());
      opt(m, "route", ev.route, ref());
      if (m.has("place") == m.has("route") && m.valid()) {
        // Both given: point at the route; neither: at the whole entry.
        r_.error(m.has("route") ? r_.source_ref(m.get("route")) : m.at(), m.child("route"),
                 msg("risk.place-or-route"));
      }
    } else if (k == K::Slowdown) {
      slowdown_where(m, ev.place, ev.route);
    } else {
      m.reject("place", msg("risk.field-kind", {{"field", "place"}, {"kind", kind_word(k)}}));
      m.reject("route", msg("risk.field-kind", {{"field", "route"}, {"kind", kind_word(k)}}));
    }
    field_for(m, k, "categories", {K::Removal}, [&] {
      if (auto c = m.require("categories"); c.IsDefined())
        ev.categories = r_.ref_list(c, m.child("categories"));
    });
    // A removal takes a share of those aboard, or a number of them: exactly one of the two.
    field_for(m, k, "share", {K::Removal}, [&] { opt(m, "share", ev.share, share()); });
    field_for(m, k, "people", {K::Removal},
              [&] { opt(m, "people", ev.people, integer(1, kMaxPeople)); });
    if (k == K::Removal && m.has("share") == m.has("people") && m.valid()) {
      // Both given: point at the number; neither: at the whole entry.
      r_.error(m.has("people") ? r_.source_ref(m.get("people")) : m.at(),
               m.child(m.has("people") ? "people" : "share"), msg("event.share-or-people"));
    }
    field_for(m, k, "killed", {K::Fire},
              [&] { opt(m, "killed", ev.killed, integer(0, kMaxPeople)); });
    field_for(m, k, "injured", {K::Fire},
              [&] { opt(m, "injured", ev.injured, integer(0, kMaxPeople)); });
    field_for(m, k, "vehicles", {K::VehicleLoss},
              [&] { req(m, "vehicles", ev.vehicles, integer(1, kMaxVehicles)); });
    field_for(m, k, "type", {K::VehicleLoss}, [&] { opt(m, "type", ev.vehicle_type, ref()); });
    field_for(m, k, "factor", {K::Slowdown}, [&] { req(m, "factor", ev.factor, factor()); });
    field_for(m, k, "slows", {K::Slowdown}, [&] { slowed(m, ev.slows); });
    field_for(m, k, "party", {K::CheckpointChange}, [&] { opt(m, "party", ev.party, ref()); });
    field_for(m, k, "lanes", {K::CheckpointChange},
              [&] { opt(m, "lanes", ev.lanes, integer(1, 1000)); });
    field_for(m, k, "inspection", {K::CheckpointChange},
              [&] { opt(m, "inspection", ev.inspection, dist(ValueKind::Duration)); });
    field_for(m, k, "empty_inspection", {K::CheckpointChange},
              [&] { opt(m, "empty_inspection", ev.empty_inspection, dist(ValueKind::Duration)); });
    if (k == K::CheckpointChange) checkpoint_change(m);
    m.finish();
    s.events.push_back(std::move(ev));
  }

  // A checkpoint change changes at least one of who holds it, its lanes, its inspection times;
  // it holds for every convoy passing the checkpoint, of whichever operation.
  void checkpoint_change(MapView& m) {
    m.reject("operations", msg("event.change-operations"));
    if (!m.has("party") && !m.has("lanes") && !m.has("inspection") && !m.has("empty_inspection") &&
        m.valid())
      r_.error(m.at(), m.path(), msg("event.change-nothing"));
  }

  void simulation(const YAML::Node& n, const std::string& path, SimulationSettings& sim) {
    MapView m(r_, n, path);
    opt(m, "replications", sim.replications, integer(1, kMaxReplications));
    opt(m, "seed", sim.seed, integer(0, INT64_MAX));
    opt(m, "horizon", sim.horizon, duration());
    if (sim.horizon <= Duration{} && m.has("horizon")) {
      r_.error(r_.source_ref(m.get("horizon")), m.child("horizon"), msg("simulation.horizon"));
    } else if (sim.horizon > kMaxHorizon) {
      r_.error(r_.source_ref(m.get("horizon")), m.child("horizon"),
               msg("simulation.horizon-too-long", {{"found", m.get("horizon").Scalar()}}));
    }
    m.finish();
  }

  Reader& r_;
};

}  // namespace

Scenario parse_structure(Reader& reader, const YAML::Node& root) {
  return Parser(reader).scenario(root);
}

}  // namespace mamar::model::detail
