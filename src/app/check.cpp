#include "mamar/app/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "mamar/app/simulate.hpp"
#include "results_common.hpp"

namespace mamar::app {
namespace {

using model::Scenario;

// A line of the summary in the chosen language.
using results::Words;

// Thousands separated by commas, the same in both languages (digits stay Latin). Counts of a
// scenario are far below 2^53, so the double is exact.
std::string grouped(std::int64_t n) {
  return results::grouped(static_cast<double>(n));
}

// A driving time to the minute, in the words of the summary's language ("1 h 05 min").
std::string drive_time(double minutes, const Words& w) {
  const auto total = std::llround(minutes);
  const std::string m = fmt::format("{:02}", total % 60);
  if (total < 60) return w("summary.minutes", {{"m", std::to_string(total)}});
  return w("summary.hours-minutes", {{"h", std::to_string(total / 60)}, {"m", m}});
}

std::string kind_key(model::RiskKind k) {
  static const char* const kKeys[] = {
      "risk.hold",       "risk.removal",   "risk.fire",     "risk.vehicle_loss",
      "risk.suspension", "risk.turn_back", "risk.slowdown", "risk.checkpoint_change"};
  return kKeys[static_cast<int>(k)];
}

}  // namespace

std::vector<FileCheck> check_files(const std::vector<std::filesystem::path>& files) {
  std::vector<FileCheck> out;
  out.reserve(files.size());
  for (const auto& f : files) out.push_back({f.string(), model::load_scenario_file(f)});
  return out;
}

std::string format_summary(const Scenario& s, Language lang) {
  const Catalog catalog = app_catalog();
  Words w{catalog, lang};
  const std::string separator = w("summary.separator");
  auto name = [&](const LocalizedName& n, const std::string& id) {
    return std::string(n.in(lang, id));
  };
  std::string out;
  out += fmt::format("{} — {}\n", name(s.name, s.id), w("summary.valid"));
  out += fmt::format("  {}: {}\n", w("summary.start"),
                     format_instant(s.agreement.start.instant, s.agreement.timezone_minutes));
  // Ceasefire windows and movement hours, at an indent: the agreement's, or an operation's own.
  auto ceasefire = [&](const std::vector<model::TimeWindow>& windows, const std::string& indent) {
    for (const auto& cf : windows) {
      const std::string from = format_instant(cf.from.instant, s.agreement.timezone_minutes);
      out += fmt::format(
          "{}{}: {}\n", indent, w("summary.ceasefire"),
          cf.to ? w("summary.span",
                    {{"from", from},
                     {"to", format_instant(cf.to->instant, s.agreement.timezone_minutes)}})
                : w("summary.span-open", {{"from", from}, {"end", w("summary.open-ended")}}));
    }
  };
  auto movement_hours = [&](const std::vector<model::ClockWindow>& windows,
                            const std::string& indent) {
    auto clock = [](int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); };
    std::string hours;
    for (const auto& h : windows) {
      if (!hours.empty()) hours += separator;
      hours += clock(h.from_minutes) + "–" + clock(h.to_minutes);
    }
    out += fmt::format("{}{}: {}\n", indent, w("summary.movement-hours"),
                       hours.empty() ? w("summary.all-day") : hours);
  };
  ceasefire(s.agreement.ceasefire, "  ");
  if (!s.agreement.movement_hours.empty()) movement_hours(s.agreement.movement_hours, "  ");
  out += fmt::format("  {}: {}\n", w("summary.operations"), s.operations.size());
  for (const auto& op : s.operations) {
    out += fmt::format("\n  {} [{}]\n", name(op.name, op.id), op.id);
    const auto& gp = s.places[op.gathering_point.idx()];
    const auto& dest = s.places[op.destination.idx()];
    out += fmt::format(
        "    {}: {}\n", w("summary.from-to"),
        w("summary.span", {{"from", name(gp.name, gp.id)}, {"to", name(dest.name, dest.id)}}));
    // Its own ceasefire and movement hours, which replace the agreement's for it.
    if (op.ceasefire) ceasefire(*op.ceasefire, "    ");
    if (op.movement_hours) movement_hours(*op.movement_hours, "    ");
    // People by category.
    std::map<std::int32_t, std::pair<std::int64_t, std::int64_t>> by_category;
    for (const auto& g : op.population) {
      auto& e = by_category[g.category.index];
      e.first += g.people;
      e.second += std::llround(static_cast<double>(g.people) * g.willing);
    }
    out += fmt::format("    {}: {}\n", w("summary.people-leaving"), grouped(op.people_leaving()));
    // Vehicles by type.
    std::map<std::int32_t, int> by_type;
    for (const auto& b : op.fleet) by_type[b.type.index] += b.count;
    // One name column for both lists, as wide as the longest name (at least 28).
    std::size_t column = 28;
    for (const auto& [c, n] : by_category) {
      const auto& cat = s.categories[static_cast<std::size_t>(c)];
      column = std::max(column, results::display_width(name(cat.name, cat.id)));
    }
    for (const auto& [t, n] : by_type) {
      const auto& vt = s.vehicle_types[static_cast<std::size_t>(t)];
      column = std::max(column, results::display_width(name(vt.name, vt.id)));
    }
    for (const auto& [c, n] : by_category) {
      const auto& cat = s.categories[static_cast<std::size_t>(c)];
      out +=
          fmt::format("      {} {:>10}  ({} {})\n", results::pad_to(name(cat.name, cat.id), column),
                      grouped(n.second), w("summary.of"), grouped(n.first));
    }
    out += fmt::format("    {}:\n", w("summary.vehicles"));
    for (const auto& [t, n] : by_type) {
      const auto& vt = s.vehicle_types[static_cast<std::size_t>(t)];
      out += fmt::format(
          "      {} {:>10}  ({})\n", results::pad_to(name(vt.name, vt.id), column), grouped(n),
          w("summary.places",
            {{"seats", std::to_string(vt.seats)}, {"stretchers", std::to_string(vt.stretchers)}}));
    }
    // Convoy rules: its own where it gives them, the agreement's for the others.
    const model::ConvoyRules rules = op.convoy_rules(s.agreement.convoy);
    std::string convoy;
    if (rules.max_vehicles && *rules.max_vehicles == rules.min_vehicles) {
      convoy = w("summary.convoy-exactly", {{"n", std::to_string(rules.min_vehicles)}});
    } else if (rules.max_vehicles) {
      convoy = w("summary.convoy-between", {{"min", std::to_string(rules.min_vehicles)},
                                            {"max", std::to_string(*rules.max_vehicles)}});
    } else if (rules.min_vehicles > 1) {
      convoy = w("summary.convoy-at-least", {{"n", std::to_string(rules.min_vehicles)}});
    } else {
      convoy = w("summary.convoy-any");
    }
    if (rules.max_wait)
      convoy +=
          separator + w("summary.max-wait", {{"d", results::duration_text(*rules.max_wait, w)}});
    if (rules.headway.count_ms() > 0)
      convoy += separator + w("summary.headway", {{"d", results::duration_text(rules.headway, w)}});
    std::string escorts;
    for (const auto& e : rules.escorts) {
      const auto& vt = s.vehicle_types[e.type.idx()];
      escorts += (escorts.empty() ? "" : separator) +
                 w("summary.escort-type",
                   {{"n", std::to_string(e.count)}, {"type", name(vt.name, vt.id)}});
    }
    convoy += separator + (escorts.empty() ? w("summary.no-escort")
                                           : w("summary.escorts", {{"list", escorts}}));
    out += fmt::format("    {}: {}\n", w("summary.convoys"), convoy);
    // Route.
    auto describe_route = [&](const model::Route& rt, const std::string& label) {
      std::vector<std::string> checkpoints;
      for (const auto& leg : rt.legs) {
        const auto& p = s.places[leg.to.idx()];
        if (p.kind == model::PlaceKind::Checkpoint) checkpoints.push_back(name(p.name, p.id));
      }
      auto len = rt.length_m();
      double mean_minutes = 0;
      for (const auto& leg : rt.legs) mean_minutes += leg.time.mean() / 60e3;
      out += fmt::format("    {} [{}]: {}{}{}{}{} {}\n", label, rt.id,
                         w("summary.legs", {{"n", std::to_string(rt.legs.size())}}), separator,
                         len ? w("summary.km", {{"n", fmt::format("{:.1f}", *len / 1000)}})
                             : w("summary.length-unknown"),
                         separator, w("summary.mean-drive"), drive_time(mean_minutes, w));
      if (!checkpoints.empty()) {
        std::string list;
        for (const auto& c : checkpoints) list += (list.empty() ? "" : separator) + c;
        out +=
            fmt::format("      {} ({}): {}\n", w("summary.checkpoints"), checkpoints.size(), list);
      }
    };
    describe_route(s.routes[op.route.idx()], w("summary.route"));
    if (op.return_route)
      describe_route(s.routes[op.return_route->idx()], w("summary.return-route"));
    std::vector<std::int32_t> approaches;  // each once, in the order of the fleet
    for (const auto& b : op.fleet) {
      if (b.approach &&
          std::find(approaches.begin(), approaches.end(), b.approach->index) == approaches.end())
        approaches.push_back(b.approach->index);
    }
    for (auto r : approaches)
      describe_route(s.routes[static_cast<std::size_t>(r)], w("summary.approach"));
    // Phases.
    out += fmt::format("    {}:\n", w("summary.phases"));
    for (const auto& ph : op.phases) {
      std::string cats;
      for (const auto& c : ph.categories)
        cats += (cats.empty() ? "" : separator) + name(s.categories[c.idx()].name, c.id);
      out += fmt::format(
          "      {}. {} — {}{}\n", ph.order, name(ph.name, ph.id), cats,
          ph.quota ? fmt::format(" ({} {})", w("summary.quota"), grouped(*ph.quota)) : "");
    }
  }
  if (!s.agreement.linkages.empty()) {
    out += fmt::format("\n  {}:\n", w("summary.linkages"));
    auto operation = [&](const auto& ref) { return name(s.operations[ref.idx()].name, ref.id); };
    auto instant = [&](const ZonedInstant& t) {
      return format_instant(t.instant, s.agreement.timezone_minutes);
    };
    for (const auto& l : s.agreement.linkages) {
      const std::string label = name(l.name, l.id) + (l.name.empty() ? "" : " [" + l.id + "]");
      if (l.kind == model::LinkageKind::Tranches) {
        out += fmt::format("    {}: {}\n", label,
                           w("summary.tranches", {{"n", std::to_string(l.tranches.size())}}));
      } else {
        out += fmt::format("    {}: {}\n", label,
                           w(l.mutual ? "summary.ratio-mutual" : "summary.ratio",
                             {{"follow", operation(l.follow)},
                              {"ratio", fmt::format("{:g}", l.ratio)},
                              {"lead", operation(l.lead)},
                              {"allowance", grouped(l.allowance)}}));
      }
      if (l.from && l.until) {
        out += fmt::format("      {}\n",
                           w("summary.binds-from-until",
                             {{"from", instant(*l.from)}, {"until", instant(*l.until)}}));
      } else if (l.from) {
        out += fmt::format("      {}\n", w("summary.binds-from", {{"from", instant(*l.from)}}));
      } else if (l.until) {
        out += fmt::format("      {}\n", w("summary.binds-until", {{"until", instant(*l.until)}}));
      }
    }
  }
  // Each checkpoint on a route, in the order of the places: how many vehicles it can pass an
  // hour at most (every lane busy, each vehicle the mean inspection time), the figure against
  // which to set the vehicles that must pass it (scheduled changes of lanes or times aside).
  std::vector<bool> on_a_route(s.places.size(), false);
  for (const auto& rt : s.routes) {
    for (const auto& leg : rt.legs) on_a_route[leg.to.idx()] = on_a_route[leg.from.idx()] = true;
  }
  auto figure = [](double x) { return results::grouped(x, x < 10 ? 1 : 0); };
  std::string checkpoints;
  for (std::size_t p = 0; p < s.places.size(); ++p) {
    const auto& place = s.places[p];
    if (place.kind != model::PlaceKind::Checkpoint || !on_a_route[p]) continue;
    // A mean time in minutes, or in seconds under a minute (a rate from "0.0 min" could not be
    // checked), and the vehicles the lanes pass an hour at that time; "not inspected" for none.
    auto time_and_rate = [&](const model::Distribution& d, const char* time_key,
                             const char* none_key) {
      const double seconds = d.mean() / 1e3;
      if (!(seconds > 0)) return w(none_key);
      const std::string time = seconds < 60 ? w("summary.seconds", {{"n", figure(seconds)}})
                                            : w("summary.minutes", {{"m", figure(seconds / 60)}});
      return w(time_key, {{"time", time}, {"n", figure(3600.0 * place.lanes / seconds)}});
    };
    std::string line = w("summary.checkpoint-lanes", {{"n", std::to_string(place.lanes)}}) +
                       separator +
                       time_and_rate(place.inspection, "summary.checkpoint-loaded",
                                     "summary.checkpoint-loaded-none");
    if (place.empty_inspection) {
      line += separator + time_and_rate(*place.empty_inspection, "summary.checkpoint-empty",
                                        "summary.checkpoint-empty-none");
    }
    checkpoints += fmt::format("    {} [{}]: {}\n", name(place.name, place.id), place.id, line);
  }
  if (!checkpoints.empty())
    out += fmt::format("\n  {}:\n", w("summary.checkpoints-capacity")) + checkpoints;
  // Risks and scheduled events, each with how many of every kind.
  auto counted = [&](const char* title, const auto& items) {
    std::map<std::string, int> count;
    for (const auto& x : items) ++count[w(kind_key(x.kind))];
    std::string line = fmt::format("\n  {}: {}", w(title), items.size());
    if (count.empty()) return line;
    std::string list;
    for (const auto& [k, n] : count)
      list += (list.empty() ? "" : separator) + fmt::format("{}: {}", k, n);
    return line + " (" + list + ")";
  };
  out += counted("summary.risks", s.risks);
  out += counted("summary.events", s.events) + "\n";
  return out;
}

std::string diagnostics_json(const std::vector<FileCheck>& checks, Language lang) {
  const Catalog catalog = app_catalog();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& fc : checks) {
    for (const auto& d : fc.result.diagnostics.items()) {
      nlohmann::json j;
      j["file"] = d.where.file;
      j["line"] = d.where.line;
      j["column"] = d.where.column;
      j["severity"] = d.severity == Severity::Error ? "error" : "warning";
      j["path"] = d.path;
      j["code"] = d.message.key;
      j["message"] = catalog.render(d.message, lang);
      if (d.hint) j["hint"] = catalog.render(*d.hint, lang);
      out.push_back(std::move(j));
    }
  }
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

Catalog app_catalog() {
  Catalog c = model::model_catalog();
  c.add("summary.valid", "valid", "صالح");
  c.add("summary.start", "agreement starts", "بدء الاتفاق");
  c.add("summary.ceasefire", "ceasefire", "وقف إطلاق النار");
  c.add("summary.movement-hours", "convoys may depart daily", "يُسمح بانطلاق القوافل يومياً");
  c.add("summary.open-ended", "open-ended", "دون موعد محدد للانتهاء");
  // A start and an end: in Arabic in words, as an arrow would point back in right-to-left text.
  c.add("summary.span", "{from} → {to}", "من {from} إلى {to}");
  c.add("summary.span-open", "{from} → {end}", "من {from}، {end}");
  c.add("summary.all-day", "all day", "طوال اليوم");
  c.add("summary.operations", "operations", "العمليات");
  c.add("summary.from-to", "from gathering point to destination", "من نقطة التجمع إلى الوجهة");
  c.add("summary.people-leaving", "people leaving", "المغادرون");
  c.add("summary.of", "of", "من أصل");
  c.add("summary.vehicles", "vehicles", "المركبات");
  c.add("summary.places", "seats: {seats}, stretcher places: {stretchers}",
        "المقاعد: {seats}، أماكن النقالات: {stretchers}");
  c.add("summary.convoys", "convoys", "القوافل");
  c.add("summary.convoy-exactly", "{n:one=# vehicle|other=# vehicles}",
        "{n:one=مركبة واحدة|two=مركبتان|few=# مركبات|many=# مركبةً|other=# مركبة}");
  c.add("summary.convoy-between", "{min} to {max} vehicles",
        "من {min} إلى {max:few=# مركبات|many=# مركبةً|other=# مركبة}");
  c.add("summary.convoy-at-least", "at least {n} vehicles",
        "{n:two=مركبتان|few=# مركبات|many=# مركبةً|other=# مركبة} على الأقل");
  c.add("summary.convoy-any", "any number of vehicles", "أي عدد من المركبات");
  c.add("summary.max-wait", "leave at most {d} after the first vehicle is loaded",
        "أقصى انتظار بعد تحميل أول مركبة: {d}");
  c.add("summary.headway", "{d} apart", "الفاصل بين قافلتين: {d}");
  c.add("summary.escorts", "escorted by {list}", "ترافقها {list}");
  c.add("summary.escort-type", "{n} × {type}", "{n} × {type}");
  c.add("summary.checkpoints-capacity", "checkpoints (inspection at the start)",
        "الحواجز (التفتيش عند البدء)");
  c.add("summary.checkpoint-lanes", "{n:one=# lane|other=# lanes}",
        "{n:one=مسار واحد|two=مساران|few=# مسارات|many=# مساراً|other=# مسار}");
  c.add("summary.checkpoint-loaded",
        "{time} a loaded vehicle on average, at most about {n} loaded vehicles an hour",
        "{time} للمركبة المحمّلة في المتوسط، نحو {n} مركبة محمّلة في الساعة على الأكثر");
  c.add("summary.checkpoint-loaded-none", "loaded vehicles not inspected",
        "لا تُفتَّش المركبات المحمّلة");
  c.add("summary.checkpoint-empty", "empty: {time}, about {n} an hour",
        "الفارغة: {time}، نحو {n} في الساعة");
  c.add("summary.checkpoint-empty-none", "empty vehicles not inspected",
        "لا تُفتَّش المركبات الفارغة");
  c.add("summary.seconds", "{n} s", "{n} ث");
  c.add("summary.no-escort", "no escort", "بلا مرافقة");
  c.add("summary.route", "route", "الطريق");
  c.add("summary.return-route", "return route", "طريق العودة");
  c.add("summary.approach", "approach", "طريق الوصول");
  c.add("summary.legs", "{n:one=# leg|other=# legs}",
        "{n:one=مقطع واحد|two=مقطعان|few=# مقاطع|many=# مقطعاً|other=# مقطع}");
  c.add("summary.separator", ", ", "، ");
  c.add("summary.length-unknown", "length not given", "الطول غير محدد");
  c.add("summary.mean-drive", "mean driving time", "متوسط زمن القيادة");
  c.add("summary.km", "{n} km", "{n} كم");
  c.add("summary.minutes", "{m} min", "{m} د");
  c.add("summary.hours-minutes", "{h} h {m} min", "{h} س {m} د");
  c.add("summary.checkpoints", "checkpoints", "الحواجز");
  c.add("summary.phases", "phases", "المراحل");
  c.add("summary.quota", "quota", "الحصة");
  c.add("summary.linkages", "linkages", "شروط الربط");
  c.add("summary.tranches", "{n:one=# tranche|other=# tranches}",
        "{n:one=دفعة واحدة|two=دفعتان|few=# دفعات|many=# دفعةً|other=# دفعة}");
  c.add("summary.ratio", "{follow} may move {ratio} per person of {lead}, allowance {allowance}",
        "يُسمح في {follow} بنقل {ratio} مقابل كل شخص يُنقل في {lead}، بهامش سماح قدره "
        "{allowance}");
  c.add("summary.ratio-mutual",
        "{follow} may move {ratio} per person of {lead}, allowance {allowance}, and {lead} waits "
        "for {follow} in turn",
        "يُسمح في {follow} بنقل {ratio} مقابل كل شخص يُنقل في {lead}، بهامش سماح قدره "
        "{allowance}، والقيد متبادل بين {lead} و{follow}");
  c.add("summary.binds-from-until", "binds from {from} until {until}",
        "يسري من {from} حتى {until}");
  c.add("summary.binds-from", "binds from {from}", "يسري من {from}");
  c.add("summary.binds-until", "binds until {until}", "يسري حتى {until}");
  c.add("summary.risks", "risks", "المخاطر");
  c.add("summary.events", "scheduled events", "الأحداث المجدولة");
  c.add("risk.hold", "holds", "احتجاز");
  c.add("risk.removal", "removals", "إنزال ركاب");
  c.add("risk.fire", "fire", "إطلاق نار");
  c.add("risk.vehicle_loss", "vehicle losses", "فقدان مركبات");
  c.add("risk.suspension", "suspensions", "حالات تعليق الحركة");
  c.add("risk.turn_back", "turn-backs", "إعادة القوافل أدراجها");
  c.add("risk.slowdown", "slowdowns", "تباطؤ");
  c.add("risk.checkpoint_change", "checkpoint changes", "تغيّرات في وضع الحواجز");
  c.merge(simulate_catalog());
  c.merge(command_line_catalog());
  return c;
}

}  // namespace mamar::app
