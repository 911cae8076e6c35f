// Simulation results as a text table, the event trace as CSV, the progress bar, the messages.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "mamar/app/simulate.hpp"
#include "results_common.hpp"

namespace mamar::app {
namespace results {

int hours_decimals(double h) {
  auto decimals = [](double a) { return a < 1 ? 2 : a < 100 ? 1 : 0; };
  const double a = std::abs(h);
  const int d = decimals(a);
  // As rounded: 0.998 is "1.0", not "1.00"; 99.97 is "100", not "100.0".
  const double scale = std::pow(10.0, d);
  return std::min(d, decimals(std::round(a * scale) / scale));
}

std::string hours_number(double h) {
  if (!std::isfinite(h)) return "—";
  return grouped(h, hours_decimals(h));
}

std::string percent(double share, int decimals) {
  if (!std::isfinite(share)) return "—";
  // A share that is not 0 or 1 never reads as one: 4 of 10,000 is "<0.1%", not "0.0%"; nor does
  // one exactly half a step from it, which rounds to even (1 of 200 is "<1%", not "0%").
  const double step = std::pow(10.0, -decimals);
  const std::string text = grouped(share * 100, decimals);
  if (share > 0 && text == grouped(0, decimals)) return "<" + grouped(step, decimals) + "%";
  if (share < 1 && text == grouped(100, decimals)) return ">" + grouped(100 - step, decimals) + "%";
  return text + "%";
}

std::string quantity(double v, int decimals) {
  return grouped(v, decimals);
}

std::vector<ClearanceChance> clearance_chances(const std::vector<double>& percentiles,
                                               const sim::Summary& t100,
                                               const std::vector<sim::ChanceInterval>& intervals) {
  std::vector<ClearanceChance> out;
  if (t100.not_reached == 0 && t100.min == t100.max) return out;  // no spread, or no sample
  // Each once the chance below it was reached: "not reached" under a P90 already not reached
  // says nothing new.
  double below = t100.p90;
  for (const int p : sim::kHighChancePercents) {
    const auto k = static_cast<std::size_t>(p);
    if (std::isnan(below) || percentiles.size() < k || t100.n < 100 / (100 - k)) break;
    below = percentiles[k - 1];
    out.push_back({p, below});
    for (const auto& i : intervals) {
      if (i.percent == p) out.back().interval = i;
    }
  }
  return out;
}

std::string chance_interval_text(const sim::ChanceInterval& interval, const Words& w, bool bare) {
  if (std::isnan(interval.low_h)) return w(bare ? "cmp.interval-beyond" : "sim.interval-beyond");
  auto h = [&](double v) {
    return std::isnan(v) ? w("sim.not-reached") : w("sim.hours", {{"n", hours_number(v)}});
  };
  // The low bound with its unit only when the high one has none.
  const std::string low =
      std::isnan(interval.high_h) ? h(interval.low_h) : hours_number(interval.low_h);
  return w(bare ? "cmp.interval" : "sim.interval", {{"low", low}, {"high", h(interval.high_h)}});
}

int mean_decimals(const sim::Summary& s, int decimals) {
  int d = decimals + 1;
  const double half = s.ci95_half;  // NaN without an interval
  if (!std::isfinite(half) || !(half > 0)) return d;
  while (d < decimals + 3 && std::round(half * std::pow(10.0, d)) == 0) ++d;
  return d;
}

int time_mean_decimals(const sim::Summary& s) {
  const int own = hours_decimals(s.mean);
  int d = own;
  const double half = s.ci95_half;  // NaN without an interval
  while (d < own + 2 && std::isfinite(half) && half > 0 &&
         std::round(half * std::pow(10.0, d)) == 0)
    ++d;
  return d;
}

namespace {

// The code point that starts at text[i] (a byte that does not start one, as of text that is
// not UTF-8, is taken for itself), and where the next starts.
char32_t decode(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  int more = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  char32_t c = more == 3 ? b & 0x07U : more == 2 ? b & 0x0FU : more == 1 ? b & 0x1FU : b;
  ++i;
  for (; more > 0 && i < text.size() && (byte(i) & 0xC0) == 0x80; --more, ++i)
    c = (c << 6) | (byte(i) & 0x3FU);
  return c;
}

// Takes no column of its own: a combining mark (the Arabic vowel marks among them), or an
// invisible character (zero-width space and joiners, direction marks, embeddings and isolates,
// variation selectors, the byte order mark).
bool zero_width(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0610 && c <= 0x061A) || c == 0x061C ||
         (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC) ||
         (c >= 0x06DF && c <= 0x06E4) || (c >= 0x06E7 && c <= 0x06E8) ||
         (c >= 0x06EA && c <= 0x06ED) || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
         (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) n += zero_width(decode(text, i)) ? 0U : 1U;
  return n;
}

std::string pad_to(const std::string& text, std::size_t columns) {
  const std::size_t used = display_width(text);
  return used >= columns ? text : text + std::string(columns - used, ' ');
}

std::string shorten(const std::string& text, std::size_t max) {
  if (display_width(text) <= max) return text;
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next = i;
    if (!zero_width(decode(text, next)) && ++n > max - 1) break;
    i = next;
  }
  return text.substr(0, i) + "…";
}

std::string operation_name(const model::Scenario& s, std::int32_t op, Language lang) {
  if (op < 0 || static_cast<std::size_t>(op) >= s.operations.size()) return fmt::format("#{}", op);
  const auto& o = s.operations[static_cast<std::size_t>(op)];
  return std::string(o.name.in(lang, o.id));
}

std::string place_name(const model::Scenario& s, std::int32_t place, Language lang) {
  if (place < 0 || static_cast<std::size_t>(place) >= s.places.size())
    return fmt::format("#{}", place);
  const auto& p = s.places[static_cast<std::size_t>(place)];
  return std::string(p.name.in(lang, p.id));
}

std::string linkage_name(const model::Scenario& s, std::int32_t linkage, Language lang) {
  const auto& ls = s.agreement.linkages;
  if (linkage < 0 || static_cast<std::size_t>(linkage) >= ls.size())
    return fmt::format("#{}", linkage);
  const auto& l = ls[static_cast<std::size_t>(linkage)];
  return std::string(l.name.in(lang, l.id));
}

std::string operation_id(const model::Scenario& s, std::int32_t op) {
  if (op < 0 || static_cast<std::size_t>(op) >= s.operations.size()) return {};
  return s.operations[static_cast<std::size_t>(op)].id;
}

std::string place_id(const model::Scenario& s, std::int32_t place) {
  if (place < 0 || static_cast<std::size_t>(place) >= s.places.size()) return {};
  return s.places[static_cast<std::size_t>(place)].id;
}

std::string interrupted_text(const sim::MonteCarloResult& r, const Words& w) {
  return w("sim.run-interrupted",
           {{"replications", grouped(static_cast<double>(r.replications))},
            {"requested", grouped(static_cast<double>(r.replications_requested))}});
}

std::string ci_target_text(const sim::MonteCarloResult& r, const Words& w) {
  if (!r.ci_target_h) return {};
  // A target under a hundredth of an hour keeps two significant digits: not "±0.00 h"; so does one
  // of a million hours or more, not written out digit by digit ("1e+300", not 301 digits).
  const double h = *r.ci_target_h;
  const std::string target = h < 0.01 || h >= 1e6 ? fmt::format("{:.2g}", h) : hours_number(h);
  const std::string done = grouped(static_cast<double>(r.replications));
  if (r.stopped_early) {
    return w("sim.run-stopped",
             {{"replications", done},
              {"requested", grouped(static_cast<double>(r.replications_requested))},
              {"target", target}});
  }
  // The target is checked as the replications come in, not after the last one asked for: it may
  // be met there.
  const double half = r.clearance.t100_h.ci95_half;
  if (!std::isnan(half) && half < *r.ci_target_h) {
    return w("sim.run-target-met-at-end", {{"replications", done}, {"target", target}});
  }
  if (r.t100_histogram.not_reached > 0) {
    return w("sim.run-target-undefined",
             {{"target", target},
              {"n", grouped(static_cast<double>(r.t100_histogram.not_reached))},
              {"total", done}});
  }
  // One replication has no interval: the target was not missed, it could not be judged.
  if (r.replications < 2) return w("sim.run-target-one", {{"target", target}});
  return w("sim.run-target-missed", {{"replications", done}, {"target", target}});
}

std::string duration_text(Duration d, const Words& w) {
  const double days = d.to_days();
  if (days >= 1 && days == std::floor(days)) return w("sim.days", {{"n", grouped(days)}});
  const double hours = d.to_hours();
  // Under an hour in minutes ("horizon 30 min", not "0.50 h"), to a tenth where not whole.
  if (hours < 1) {
    const double minutes = hours * 60;
    if (minutes < 1) {  // "horizon 20 s", not "0.3 min"
      const double seconds = minutes * 60;
      const int decimals = seconds == std::floor(seconds) ? 0 : seconds < 1 ? 3 : 1;
      return w("sim.seconds", {{"n", grouped(seconds, decimals)}});
    }
    return w("sim.minutes", {{"n", grouped(minutes, minutes == std::floor(minutes) ? 0 : 1)}});
  }
  return w("sim.hours", {{"n", hours == std::floor(hours) ? grouped(hours) : hours_number(hours)}});
}

std::vector<double> ceasefire_ends_h(const model::Scenario& s, std::int32_t op) {
  std::vector<double> out;
  for (std::size_t o = 0; o < s.operations.size(); ++o) {
    if (op >= 0 && static_cast<std::size_t>(op) != o) continue;
    for (const auto& w : s.ceasefire_of(s.operations[o])) {
      if (w.to) out.push_back(s.since_start(w.to->instant).to_hours());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

CeasefireEnd ceasefire_end(const model::Scenario& s, Duration horizon, std::int32_t op) {
  bool ends = false;
  bool open = false;
  for (std::size_t o = 0; o < s.operations.size(); ++o) {
    if (op >= 0 && static_cast<std::size_t>(op) != o) continue;
    const auto& windows = s.ceasefire_of(s.operations[o]);
    // Only the last window may be open-ended (validation); one ending after the horizon is the
    // same to a run that stops there.
    const bool this_open =
        std::any_of(windows.begin(), windows.end(), [&](const model::TimeWindow& w) {
          return !w.to || s.since_start(w.to->instant) > horizon;
        });
    (this_open ? open : ends) = true;
  }
  if (open && ends) return CeasefireEnd::Mixed;
  return open ? CeasefireEnd::Open : CeasefireEnd::Ends;
}

CeasefireEnd ceasefire_end(CeasefireEnd base, CeasefireEnd variant) {
  return base == variant ? base : CeasefireEnd::Mixed;
}

CeasefireEnd ceasefire_end(const model::Scenario& base, const model::Scenario& variant,
                           Duration horizon, std::int32_t base_op, std::int32_t variant_op) {
  return ceasefire_end(ceasefire_end(base, horizon, base_op),
                       ceasefire_end(variant, horizon, variant_op));
}

const char* ceasefire_key(const char* key, CeasefireEnd end) {
  struct Keys {
    std::string_view ends;
    const char* open;
    const char* mixed;
  };
  static constexpr std::array<Keys, 5> kKeys = {{
      {"sim.in-ceasefire", "sim.by-horizon", "sim.in-ceasefire-or-horizon"},
      {"sim.in-ceasefire-by-phase", "sim.by-horizon-by-phase",
       "sim.in-ceasefire-or-horizon-by-phase"},
      {"sim.in-ceasefire-by-category", "sim.by-horizon-by-category",
       "sim.in-ceasefire-or-horizon-by-category"},
      {"cmp.in-ceasefire-of", "cmp.by-horizon-of", "cmp.in-ceasefire-or-horizon-of"},
      {"sim.not-reached-count", "sim.not-reached-count-by-horizon", "sim.not-reached-count-either"},
  }};
  if (end == CeasefireEnd::Ends) return key;
  for (const auto& k : kKeys) {
    if (k.ends == key) return end == CeasefireEnd::Open ? k.open : k.mixed;
  }
  return key;
}

std::string open_ceasefire_note(CeasefireEnd end, const Words& w) {
  if (end == CeasefireEnd::Ends) return {};
  return w(end == CeasefireEnd::Open ? "sim.open-ceasefire-note" : "sim.mixed-ceasefire-note");
}

std::string left_someone_text(const sim::Summary& not_cleared, std::size_t left, std::size_t total,
                              const Words& w) {
  if (not_cleared.n == 0 || !(not_cleared.max > 0) || left == 0) return {};
  return w("sim.left-someone-in", {{"n", grouped(static_cast<double>(left))},
                                   {"total", grouped(static_cast<double>(total))},
                                   {"max", grouped(not_cleared.max)}});
}

CeasefireEndLines ceasefire_end_lines(const model::Scenario& s, std::int32_t op, Duration horizon,
                                      std::size_t not_reached, const Words& w) {
  CeasefireEndLines out;
  if (op < 0 || static_cast<std::size_t>(op) >= s.operations.size() ||
      ceasefire_end(s, horizon, op) != CeasefireEnd::Ends)
    return out;
  const model::Operation& mop = s.operations[static_cast<std::size_t>(op)];
  const auto& windows = s.ceasefire_of(mop);
  // The window that ends last (each has an end: CeasefireEnd::Ends).
  std::size_t last = 0;
  for (std::size_t k = 1; k < windows.size(); ++k) {
    if (windows[k].to->instant > windows[last].to->instant) last = k;
  }
  const ZonedInstant& end = *windows[last].to;
  // In the agreement's time zone, as every time the run writes.
  const int zone = s.agreement.timezone_minutes;
  out.ends = w("sim.ceasefire-ends-at", {{"h", grouped(s.since_start(end.instant).to_hours(), 1)},
                                         {"time", format_instant(end.instant, zone)}});
  if (not_reached > 0) {
    std::string to = format_instant(s.agreement.start.instant + horizon, zone);
    std::replace(to.begin(), to.end(), ' ', 'T');
    const std::string path =
        (mop.ceasefire ? fmt::format("operations[{}].ceasefire[{}]", mop.id, last)
                       : fmt::format("agreement.ceasefire[{}]", last)) +
        ".to=" + to;
    out.setting = "--what-if '" + path + "'";
    out.longer = w("sim.ceasefire-longer");
  }
  return out;
}

bool left_by_category(const sim::OperationSummary& op) {
  std::size_t present = 0;
  for (std::size_t c = 0; c < op.categories.size(); ++c) {
    if (op.categories[c].t100_h.n > 0 && c < op.category_not_cleared.size()) ++present;
  }
  return present > 1 && op.not_cleared.n > 0 && op.not_cleared.max > 0;
}

namespace {

// Whether some replication had a quantity above 0.
bool some(const sim::Summary& q) {
  return q.n > 0 && q.max > 0;
}

// A block of a row for each category of people of the operation (those of none of its
// replications are left out), of what `field` picks of each.
template <typename Of, typename Field>
Breakdown by_category(const char* label, const sim::OperationSummary& op, const std::vector<Of>& of,
                      Field field, const model::Scenario& s, Language lang) {
  Breakdown b{label, {}};
  for (std::size_t c = 0; c < op.categories.size() && c < of.size() && c < s.categories.size();
       ++c) {
    if (op.categories[c].t100_h.n == 0) continue;
    b.rows.push_back(
        {std::string(s.categories[c].name.in(lang, s.categories[c].id)), &(of[c].*field)});
  }
  return b;
}

std::size_t categories_present(const sim::OperationSummary& op) {
  std::size_t present = 0;
  for (const auto& c : op.categories) present += c.t100_h.n > 0 ? 1 : 0;
  return present;
}

}  // namespace

std::vector<Breakdown> exposure_breakdowns(const sim::OperationSummary& op,
                                           const model::Scenario& s, const Words& w, bool waiting) {
  std::vector<Breakdown> out;
  const Language lang = w.lang;
  using E = sim::ExposureSummary;
  if (categories_present(op) > 1) {
    const auto& e = op.category_exposure;
    if (waiting && some(op.wait_person_hours))
      out.push_back(by_category("sim.waiting-by-category", op, e, &E::waiting, s, lang));
    if (some(op.held_person_hours))
      out.push_back(by_category("sim.held-by-category", op, e, &E::held, s, lang));
    if (some(op.queue_person_hours))
      out.push_back(by_category("sim.queueing-by-category", op, e, &E::queueing, s, lang));
  }
  const auto& phases = s.operations[static_cast<std::size_t>(op.operation)].phases;
  if (op.phases.size() < 2) return out;
  const std::array<std::tuple<bool, const char*, sim::Summary E::*>, 3> kinds{{
      {waiting && some(op.wait_person_hours), "sim.waiting-by-phase", &E::waiting},
      {some(op.held_person_hours), "sim.held-by-phase", &E::held},
      {some(op.queue_person_hours), "sim.queueing-by-phase", &E::queueing},
  }};
  for (const auto& [shown, label, field] : kinds) {
    if (!shown) continue;
    Breakdown b{label, {}};
    for (std::size_t p = 0; p < op.phase_exposure.size() && p < phases.size(); ++p)
      b.rows.push_back(
          {std::string(phases[p].name.in(lang, phases[p].id)), &(op.phase_exposure[p].*field)});
    // Those waiting at the end, not aboard, boarded in no phase: their row makes the waiting
    // add up to the operation's.
    if (field == &E::waiting && some(op.unboarded_wait_person_hours))
      b.rows.push_back({w("sim.unboarded"), &op.unboarded_wait_person_hours});
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<Breakdown> outcome_breakdowns(const sim::OperationSummary& op, const model::Scenario& s,
                                          Language lang) {
  using O = sim::OutcomesSummary;
  struct Kind {
    const sim::Summary& total;
    sim::Summary O::*field;
    const char* by_category;
    const char* by_phase;
  };
  const std::array<Kind, 3> kinds{{
      {op.removed, &O::removed, "sim.removed-by-category", "sim.removed-by-phase"},
      {op.killed, &O::killed, "sim.killed-by-category", "sim.killed-by-phase"},
      {op.injured, &O::injured, "sim.injured-by-category", "sim.injured-by-phase"},
  }};
  std::vector<Breakdown> out;
  if (categories_present(op) > 1) {
    for (const auto& k : kinds) {
      if (some(k.total))
        out.push_back(by_category(k.by_category, op, op.category_outcomes, k.field, s, lang));
    }
  }
  const auto& phases = s.operations[static_cast<std::size_t>(op.operation)].phases;
  if (op.phases.size() > 1) {
    for (const auto& k : kinds) {
      if (!some(k.total)) continue;
      Breakdown b{k.by_phase, {}};
      for (std::size_t p = 0; p < op.phase_outcomes.size() && p < phases.size(); ++p)
        b.rows.push_back(
            {std::string(phases[p].name.in(lang, phases[p].id)), &(op.phase_outcomes[p].*k.field)});
      out.push_back(std::move(b));
    }
  }
  return out;
}

std::vector<EventMark> event_marks(const model::Scenario& s, std::int32_t op, Language lang) {
  std::vector<EventMark> out;
  for (const auto& e : s.events) {
    const bool applies =
        e.operations.empty() || std::any_of(e.operations.begin(), e.operations.end(),
                                            [&](const model::Ref& r) { return r.index == op; });
    const auto& from = e.from ? e.from : e.time;
    if (!applies || !from) continue;
    EventMark m;
    m.from_h = s.since_start(from->instant).to_hours();
    m.to_h = e.to ? s.since_start(e.to->instant).to_hours() : m.from_h;
    m.kind = e.kind;
    m.name = std::string(e.name.in(lang, e.id));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace results

namespace {

constexpr std::size_t kWrapWidth = 96;  // notes under the title

// `text` in lines of at most `width` columns (a longer word on a line of its own), each after
// `indent` spaces.
std::string wrap(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  for (const auto& line : wrap_words(text, width)) {
    if (!line.empty()) out += std::string(indent, ' ') + line + "\n";
  }
  return out;
}

using results::display_width;
using results::grouped;
using results::hours_number;
using results::percent;
using results::Words;

constexpr int kLabelWidth = 34;

std::string pad(const std::string& text, int width) {
  return results::pad_to(text, static_cast<std::size_t>(std::max(width, 0)));
}

// Spaces before `text` to `width` columns.
std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t used = display_width(text);
  return used >= width ? text : std::string(width - used, ' ') + text;
}

// "mean 12.6 ± 0.2 h", or "mean 5.0 h (95% CI 0.0 – 15.5)" when the interval was cut at a limit
// of the quantity and is no longer mean ± half-width. `number` writes a value; `unit`, when
// given, is the message that puts the unit on one, and `figure_unit` the one that puts it on the
// half-width, a figure written as such ("± 2 ساعة": "ساعتان", "two hours", would drop the 2).
template <class Number>
std::string mean_text(const sim::Summary& s, Number number, const Words& w,
                      const char* unit = nullptr, const char* figure_unit = nullptr) {
  auto with_unit = [&](const std::string& n) { return unit ? w(unit, {{"n", n}}) : n; };
  if (s.ci95_clipped()) {
    return fmt::format(
        "{} {} {}", w("sim.mean"), with_unit(number(s.mean)),
        w("sim.interval", {{"low", number(s.ci95_low)}, {"high", number(s.ci95_high)}}));
  }
  if (std::isnan(s.ci95_low)) return fmt::format("{} {}", w("sim.mean"), with_unit(number(s.mean)));
  const std::string half = number(s.ci95_half);
  return fmt::format("{} {} ± {}", w("sim.mean"), number(s.mean),
                     figure_unit ? w(figure_unit, {{"n", half}}) : with_unit(half));
}

// "12.5 h  (0.52 d)"
std::string hours_and_days(double h, const Words& w) {
  return fmt::format("{}  ({})", w("sim.hours", {{"n", hours_number(h)}}),
                     w("sim.days", {{"n", hours_number(h / 24)}}));
}

// "12.5 h [10.9 – 14.3]  mean 12.6 ± 0.2 h  (0.52 d [0.45 – 0.60])"
std::string time_cells(const sim::Summary& s, const Words& w) {
  if (s.n == 0) return w("sim.nobody");  // a phase that had nobody to clear in any replication
  if (s.n == 1)                          // one replication: its value
    return std::isnan(s.median) ? w("sim.not-reached") : hours_and_days(s.median, w);
  if (std::isnan(s.median)) {
    std::string out =
        w("sim.not-reached-share", {{"n", grouped(static_cast<double>(s.not_reached))},
                                    {"total", grouped(static_cast<double>(s.n))}});
    // Fewer than half reached it, but at least a tenth: by when that tenth had.
    if (!std::isnan(s.p10))
      out += "  " + w("sim.p10-only", {{"t", w("sim.hours", {{"n", grouped(s.p10, 1)}})}});
    return out;
  }
  if (s.not_reached == 0 && s.min == s.max) return hours_and_days(s.median, w);
  std::string out = fmt::format("{} [{} – {}]", w("sim.hours", {{"n", hours_number(s.median)}}),
                                hours_number(s.p10),
                                std::isnan(s.p90) ? w("sim.not-reached") : hours_number(s.p90));
  if (!std::isnan(s.mean)) {
    const int d = results::time_mean_decimals(s);
    out +=
        "  " + mean_text(
                   s, [d](double v) { return grouped(v, d); }, w, "sim.hours", "sim.hours-figure");
  } else {
    out += "  " + w("sim.not-reached-share", {{"n", grouped(static_cast<double>(s.not_reached))},
                                              {"total", grouped(static_cast<double>(s.n))}});
  }
  out += fmt::format("  ({} [{} – {}])", w("sim.days", {{"n", hours_number(s.median / 24)}}),
                     hours_number(s.p10 / 24),
                     std::isnan(s.p90) ? w("sim.not-reached") : hours_number(s.p90 / 24));
  return out;
}

// "1,234 [1,100 – 1,400]  mean 1,240 ± 12", or "0 [0 – 0]  mean 5.0 (95% CI 0.0 – 15.5)" when
// the interval is cut at 0
std::string quantity_cells(const sim::Summary& s, int decimals, const Words& w) {
  if (s.n == 0) return "—";
  if (s.not_reached == 0 && s.min == s.max)
    return grouped(s.median, decimals);  // the same in every replication
  std::string out = fmt::format("{} [{} – {}]", grouped(s.median, decimals),
                                grouped(s.p10, decimals), grouped(s.p90, decimals));
  // A mean exists only when every replication reached a value; the same value in all of them
  // returned above.
  if (!std::isnan(s.mean)) {
    const int d = results::mean_decimals(s, decimals);
    out += "  " + mean_text(
                      s, [d](double v) { return grouped(v, d); }, w);
  }
  return out;
}

std::string share_cells(const sim::Summary& s, const Words& w) {
  if (s.n == 0) return "—";
  if (s.not_reached == 0 && s.min == s.max) return percent(s.median);
  std::string out = fmt::format("{} [{} – {}]", percent(s.median), percent(s.p10), percent(s.p90));
  if (!std::isnan(s.mean)) {
    out += fmt::format("  {} {}", w("sim.mean"), percent(s.mean));
    if (!std::isnan(s.ci95_low))
      out +=
          " " + w("sim.interval", {{"low", percent(s.ci95_low)}, {"high", percent(s.ci95_high)}});
  }
  return out;
}

std::string proportion_cells(const sim::Proportion& p, const Words& w) {
  if (p.n == 0) return "—";
  return w("sim.proportion", {{"p", percent(p.estimate)},
                              {"range", percent(p.ci95_low) + " – " + percent(p.ci95_high)}});
}

std::string line(const std::string& label, const std::string& cells, int indent = 2) {
  if (cells.empty()) return fmt::format("{:{}}{}\n", "", indent, label);
  return fmt::format("{:{}}{} {}\n", "", indent, pad(label, kLabelWidth - indent + 2), cells);
}

// "    with a chance of 95%             214 h  (8.9 d)", under the time to clear 100% (two steps
// further in under a phase's or a category's).
std::string chance_lines(const std::vector<double>& percentiles, const sim::Summary& t100,
                         const std::vector<sim::ChanceInterval>& intervals, const Words& w,
                         int indent = 4) {
  std::string out;
  for (const auto& c : results::clearance_chances(percentiles, t100, intervals)) {
    std::string cells = std::isnan(c.hours) ? w("sim.not-reached") : hours_and_days(c.hours, w);
    if (c.interval) cells += "  " + results::chance_interval_text(*c.interval, w);
    out += line(w("sim.chance", {{"p", fmt::format("{}%", c.percent)}}), cells, indent);
  }
  return out;
}

// Under the people not out at the end: what held them, a row for each reason that held someone
// in some replication.
std::string left_lines(const std::array<sim::Summary, sim::kLeftReasons>& left, const Words& w,
                       int indent) {
  std::string out;
  for (std::size_t k = 0; k < sim::kLeftReasons; ++k) {
    if (left[k].n > 0 && left[k].max > 0)
      out += line(w(results::left_reason_messages()[k]), quantity_cells(left[k], 0, w), indent);
  }
  return out;
}

// A block of rows by category or phase (results::Breakdown), under its heading.
std::string breakdown_lines(const results::Breakdown& b, const Words& w) {
  std::string out = line(w(b.label), "");
  for (const auto& r : b.rows) out += line(r.name, quantity_cells(*r.value, 0, w), 4);
  return out;
}

}  // namespace

std::string results_table(const sim::MonteCarloResult& r, const model::Scenario& s, Language lang) {
  const Catalog catalog = simulate_catalog();
  const Words w{catalog, lang};
  std::string out;
  out += w("sim.title", {{"name", std::string(s.name.in(lang, s.id))}}) + "\n";
  out += "  " +
         w("sim.run", {{"replications", grouped(static_cast<double>(r.replications))},
                       {"seed", std::to_string(r.seed)},
                       {"horizon", results::duration_text(r.run.horizon, w)}}) +
         "\n";
  if (r.interrupted) out += "  " + results::interrupted_text(r, w) + "\n";
  if (r.ci_target_h) out += "  " + results::ci_target_text(r, w) + "\n";
  out += "  " +
         w("sim.start",
           {{"time", format_instant(s.agreement.start.instant, s.agreement.timezone_minutes)}}) +
         w("sim.separator");
  out += w("sim.risks", {{"state", w(r.run.stochastic_risks ? "sim.on" : "sim.off")}}) +
         w("sim.separator");
  out += w("sim.events", {{"state", w(r.run.scheduled_events ? "sim.on" : "sim.off")}}) + "\n";
  if (const auto note = results::open_ceasefire_note(results::ceasefire_end(s, r.run.horizon), w);
      !note.empty())
    out += "  " + note + "\n";

  for (const auto& op : r.operations) {
    const auto& model_op = s.operations[static_cast<std::size_t>(op.operation)];
    out += fmt::format("\n{} [{}]\n", results::operation_name(s, op.operation, lang), model_op.id);
    out += line(w("sim.leaving"), quantity_cells(op.leaving, 0, w));
    if (op.stayed.n > 0 && op.stayed.max > 0)
      out += line(w("sim.stayed"), quantity_cells(op.stayed, 0, w));
    const results::CeasefireEndLines end_lines = results::ceasefire_end_lines(
        s, op.operation, r.run.horizon, op.clearance.t100_h.not_reached, w);
    if (!end_lines.ends.empty()) out += line(w("sim.ceasefire-ends"), end_lines.ends);
    if (results::nobody_leaves(op)) {
      out += line(w("sim.clear-90"), w("sim.nobody"));
      out += line(w("sim.clear-100"), w("sim.nobody"));
    } else {
      out += line(w("sim.clear-90"), time_cells(op.clearance.t90_h, w));
      out += line(w("sim.clear-100"), time_cells(op.clearance.t100_h, w));
      out += chance_lines(op.t100_percentiles_h, op.clearance.t100_h, op.t100_chance_intervals, w);
    }
    if (op.phases.size() > 1) {
      out += line(w("sim.by-phase"), "");
      for (std::size_t p = 0; p < op.phases.size() && p < model_op.phases.size(); ++p) {
        const auto& ph = model_op.phases[p];
        out += line(std::string(ph.name.in(lang, ph.id)), time_cells(op.phases[p].t100_h, w), 4);
        if (p < op.phase_t100_percentiles_h.size())
          out += chance_lines(op.phase_t100_percentiles_h[p], op.phases[p].t100_h,
                              results::interval_list(op.phase_t100_chance_intervals, p), w, 6);
      }
    }
    std::size_t categories = 0;
    for (const auto& c : op.categories) categories += c.t100_h.n > 0 ? 1 : 0;
    if (categories > 1) {
      out += line(w("sim.by-category"), "");
      for (std::size_t c = 0; c < op.categories.size() && c < s.categories.size(); ++c) {
        if (op.categories[c].t100_h.n == 0) continue;
        out += line(std::string(s.categories[c].name.in(lang, s.categories[c].id)),
                    time_cells(op.categories[c].t100_h, w), 4);
        if (c < op.category_t100_percentiles_h.size())
          out += chance_lines(op.category_t100_percentiles_h[c], op.categories[c].t100_h,
                              results::interval_list(op.category_t100_chance_intervals, c), w, 6);
      }
    }
    // Of an open-ended ceasefire, the chance of being out by the horizon.
    const results::CeasefireEnd end = results::ceasefire_end(s, r.run.horizon, op.operation);
    out += line(w(results::ceasefire_key("sim.in-ceasefire", end)),
                proportion_cells(op.finished_in_ceasefire, w));
    // The same for each phase and category, where the operation has more than one.
    if (op.phases.size() > 1) {
      out += line(w(results::ceasefire_key("sim.in-ceasefire-by-phase", end)), "");
      for (std::size_t p = 0; p < op.phase_in_ceasefire.size() && p < model_op.phases.size(); ++p) {
        const auto& ph = model_op.phases[p];
        const sim::Proportion& in = op.phase_in_ceasefire[p];
        // A phase that never had anyone to clear, as its time to clear says.
        out += line(std::string(ph.name.in(lang, ph.id)),
                    in.n == 0 ? w("sim.nobody") : proportion_cells(in, w), 4);
      }
    }
    if (categories > 1) {
      out += line(w(results::ceasefire_key("sim.in-ceasefire-by-category", end)), "");
      for (std::size_t c = 0; c < op.category_in_ceasefire.size() && c < s.categories.size(); ++c) {
        if (op.categories[c].t100_h.n == 0) continue;
        out += line(std::string(s.categories[c].name.in(lang, s.categories[c].id)),
                    proportion_cells(op.category_in_ceasefire[c], w), 4);
      }
    }
    if (!end_lines.longer.empty())
      out += wrap(end_lines.longer, kWrapWidth, 2) + "    " + end_lines.setting + "\n";
    out += line(w("sim.exposure"), "");
    out += line(w("sim.waiting"), quantity_cells(op.wait_person_hours, 0, w), 4);
    if (results::has_room_limit(s, op.operation))
      out += line(w("sim.outside"), quantity_cells(op.outside_person_hours, 0, w), 6);
    out += line(w("sim.held"), quantity_cells(op.held_person_hours, 0, w), 4);
    out += line(w("sim.queueing"), quantity_cells(op.queue_person_hours, 0, w), 4);
    // The waiting by category is in the report only: everyone waits, so it would add a block to
    // every operation of several categories (six rows to East Aleppo's, the longest already).
    for (const auto& b : results::exposure_breakdowns(op, s, w, false))
      out += breakdown_lines(b, w);
    out += line(w("sim.outcomes"), "");
    out += line(w("sim.arrived"), quantity_cells(op.arrived, 0, w), 4);
    // Of those, the beds they found, where the operation names shelters.
    if (!model_op.shelters.empty())
      out += line(w("sim.sheltered"), quantity_cells(op.sheltered, 0, w), 6);
    out += line(w("sim.removed"), quantity_cells(op.removed, 0, w), 4);
    out += line(w("sim.killed"), quantity_cells(op.killed, 0, w), 4);
    out += line(w("sim.injured"), quantity_cells(op.injured, 0, w), 4);
    out += line(w("sim.turned-back"), quantity_cells(op.turned_back, 0, w), 4);
    out += line(w("sim.not-cleared"), quantity_cells(op.not_cleared, 0, w), 4);
    if (const auto left = results::left_someone_text(
            op.not_cleared, op.clearance.t100_h.not_reached, op.clearance.t100_h.n, w);
        !left.empty())
      out += line(w("sim.left-someone"), left, 6);
    out += left_lines(op.left_by_reason, w, 6);
    if (results::left_by_category(op)) {
      out += line(w("sim.not-cleared-by-category"), "");
      for (std::size_t c = 0; c < op.category_not_cleared.size() && c < s.categories.size(); ++c) {
        if (op.categories[c].t100_h.n == 0) continue;
        out += line(std::string(s.categories[c].name.in(lang, s.categories[c].id)),
                    quantity_cells(op.category_not_cleared[c], 0, w), 4);
        if (c < op.category_left_by_reason.size())
          out += left_lines(op.category_left_by_reason[c], w, 6);
      }
    }
    for (const auto& b : results::outcome_breakdowns(op, s, lang)) out += breakdown_lines(b, w);
    out += line(w("sim.vehicles"), "");
    out += line(w("sim.convoys"), quantity_cells(op.convoys, 0, w), 4);
    out += line(w("sim.trips"), quantity_cells(op.trips, 0, w), 4);
    out += line(w("sim.vehicles-lost"), quantity_cells(op.vehicles_lost, 0, w), 4);
    out += line(w("sim.utilisation"), share_cells(op.utilisation, w), 4);
  }

  if (r.operations.size() > 1) {
    out += fmt::format("\n{}\n", w("sim.overall"));
    out += line(w("sim.clear-90"), time_cells(r.clearance.t90_h, w));
    out += line(w("sim.clear-100"), time_cells(r.clearance.t100_h, w));
    out += chance_lines(r.t100_percentiles_h, r.clearance.t100_h, r.t100_chance_intervals, w);
    out += line(
        w(results::ceasefire_key("sim.in-ceasefire", results::ceasefire_end(s, r.run.horizon))),
        proportion_cells(r.finished_in_ceasefire, w));
    out += line(w("sim.not-cleared"), quantity_cells(r.not_cleared, 0, w));
    if (const auto left = results::left_someone_text(r.not_cleared, r.clearance.t100_h.not_reached,
                                                     r.clearance.t100_h.n, w);
        !left.empty())
      out += line(w("sim.left-someone"), left, 4);
    out += left_lines(r.left_by_reason, w, 4);
  }

  if (!r.gathering_points.empty()) {
    out += fmt::format("\n{} ({})\n", w("sim.gathering-points"), w("sim.gp-note"));
    for (const auto& gp : r.gathering_points) {
      const auto& place = s.places[static_cast<std::size_t>(gp.place)];
      out += fmt::format("{} [{}]\n", results::place_name(s, gp.place, lang), place.id);
      out += line(w("sim.peak-waiting"), quantity_cells(gp.peak_waiting, 0, w));
      // When: not where nobody ever waited there (no time to give in any replication).
      if (gp.peak_waiting.max > 0) out += line(w("sim.peak-at"), time_cells(gp.peak_at_h, w));
      if (place.capacity)
        out += line(w("sim.over-capacity", {{"n", grouped(static_cast<double>(*place.capacity))}}),
                    quantity_cells(gp.over_capacity_h, 1, w));
    }
  }

  if (!r.checkpoints.empty()) {
    out += fmt::format("\n{} ({})\n", w("sim.checkpoints"),
                       w(r.replications == 1 ? "sim.cp-note-one" : "sim.cp-note"));
    std::size_t name_width = display_width(w("sim.cp-name"));
    for (const auto& cp : r.checkpoints)
      name_width = std::max(name_width, display_width(results::place_name(s, cp.place, lang)));
    name_width = std::min<std::size_t>(name_width, 50);
    // Each column as wide as its heading and a space, or its widest figure, and at least as wide
    // as in English.
    using Row = std::array<std::string, 6>;
    const Row heading = {w("sim.cp-vehicles"),   w("sim.cp-mean-wait"), w("sim.cp-max-wait"),
                         w("sim.cp-mean-queue"), w("sim.cp-max-queue"), w("sim.cp-holds")};
    std::vector<Row> rows;
    for (const auto& cp : r.checkpoints) {
      rows.push_back({grouped(cp.vehicles.median), grouped(cp.mean_wait_min.median, 1),
                      grouped(cp.max_wait_min.median, 1), grouped(cp.mean_queue.median, 2),
                      grouped(cp.max_queue.median), grouped(cp.holds.mean, 2)});
    }
    std::array<std::size_t, 6> width = {10, 12, 12, 12, 12, 8};
    for (std::size_t k = 0; k < width.size(); ++k) {
      width[k] = std::max(width[k], display_width(heading[k]) + 1);  // two spaces between them
      for (const Row& row : rows) width[k] = std::max(width[k], display_width(row[k]));
    }
    auto table_line = [&](const std::string& name, const Row& cells) {
      std::string text = "  " + pad(name, static_cast<int>(name_width));
      for (std::size_t k = 0; k < cells.size(); ++k) text += " " + pad_left(cells[k], width[k]);
      return text + "\n";
    };
    out += table_line(w("sim.cp-name"), heading);
    for (std::size_t i = 0; i < r.checkpoints.size(); ++i) {
      out += table_line(
          results::shorten(results::place_name(s, r.checkpoints[i].place, lang), name_width),
          rows[i]);
    }
  }

  if (!r.linkages.empty()) {
    out += fmt::format("\n{} ({})\n", w("sim.linkages"), w("sim.parity-end"));
    for (const auto& l : r.linkages) {
      std::string parts;
      for (std::size_t k = 0; k < l.operations.size() && k < l.parity.size(); ++k) {
        const auto& band = l.parity[k];
        const double end =
            band.median.empty() ? std::nan("") : static_cast<double>(band.median.back());
        if (!parts.empty()) parts += " · ";
        parts += fmt::format("{} {}", results::operation_name(s, l.operations[k], lang),
                             percent(end, 0));
      }
      out += line(results::linkage_name(s, l.linkage, lang), parts);
      // When each tranche was complete: whether, and when, the linkage was kept.
      for (std::size_t k = 0; k < l.tranche_done_h.size(); ++k)
        out += line(w("sim.tranche-done", {{"k", std::to_string(k + 1)}}),
                    time_cells(l.tranche_done_h[k], w), 4);
    }
  }
  out += "\n  " + w("sim.events-per-replication", {{"n", grouped(r.mean_events)}}) + "\n";
  return out;
}

// --- comparison ------------------------------------------------------------------------------

namespace results {
namespace {

// A change with its sign: "+1.2", "−0.4", "0" (no sign on what shows as zero), "+∞" and "−∞"
// where one of the two did not reach a time. `number` writes the size.
template <class Number>
std::string signed_text(double v, Number number) {
  if (std::isnan(v)) return "—";
  if (std::isinf(v)) return v > 0 ? "+∞" : "−∞";
  if (v == 0) return "0";
  std::string size = number(std::abs(v));
  if (size == number(0.0)) return size;
  return (v > 0 ? "+" : "−") + size;
}

// A time in a comparison's base or variant column: "12.5 h", or not reached (NaN).
std::string hours_cell(double h, const Words& w) {
  return std::isnan(h) ? w("sim.not-reached") : w("sim.hours", {{"n", hours_number(h)}});
}

// Decimals from `least` up to 4 until a half-width `half` does not show as 0.
int decimals_for(double half, int least) {
  int decimals = least;
  while (decimals < 4 && std::isfinite(half) && half > 0 &&
         std::round(half * std::pow(10.0, decimals)) == 0)
    ++decimals;
  return decimals;
}

// Decimals, from `least` up to 3, with which two times and their difference agree: the
// difference of the times shown is the difference shown.
int agreeing_hours_decimals(double base, double variant, int least) {
  auto shown = [](double x, int decimals) { return fmt::format("{:.{}f}", x, decimals); };
  int decimals = least;
  for (; decimals < 3; ++decimals) {
    const double a = std::strtod(shown(base, decimals).c_str(), nullptr);
    const double b = std::strtod(shown(variant, decimals).c_str(), nullptr);
    if (shown(b - a, decimals) == shown(variant - base, decimals)) break;
  }
  return decimals;
}

// Decimals, from `least` up to 3, with which a chance's base and variant (shares, in percent)
// and their change agree: the change shown is the difference of the shares shown (98.50% and
// 98.25%, −0.25 points; not 98.5%, 98.2% and −0.2). Shares of N replications are multiples of
// 100/N percent, so 3 decimals agree up to N = 100,000.
int agreeing_decimals(double base, double variant, int least) {
  auto rounded = [](double x, int decimals) {
    return std::strtod(fmt::format("{:.{}f}", x, decimals).c_str(), nullptr);
  };
  int decimals = least;
  for (; decimals < 3; ++decimals) {
    const double shown = rounded(variant * 100, decimals) - rounded(base * 100, decimals);
    if (fmt::format("{:.{}f}", shown, decimals) ==
        fmt::format("{:.{}f}", (variant - base) * 100, decimals))
      break;
  }
  return decimals;
}

// A row of a comparison: its label (a message key), quantity and unit.
template <class Compared>
struct ComparedRow {
  const char* label;
  sim::PairedDifference Compared::*field;
  CompareUnit unit;
};

const std::array<ComparedRow<sim::OperationComparison>, 14> kComparedRows = {{
    {"sim.clear-90", &sim::OperationComparison::t90_h, CompareUnit::Hours},
    {"sim.clear-100", &sim::OperationComparison::t100_h, CompareUnit::Hours},
    {"sim.in-ceasefire", &sim::OperationComparison::finished_in_ceasefire, CompareUnit::Chance},
    {"sim.waiting", &sim::OperationComparison::wait_person_hours, CompareUnit::Count},
    {"sim.held", &sim::OperationComparison::held_person_hours, CompareUnit::Count},
    {"sim.queueing", &sim::OperationComparison::queue_person_hours, CompareUnit::Count},
    {"sim.removed", &sim::OperationComparison::removed, CompareUnit::Count},
    {"sim.killed", &sim::OperationComparison::killed, CompareUnit::Count},
    {"sim.injured", &sim::OperationComparison::injured, CompareUnit::Count},
    {"sim.turned-back", &sim::OperationComparison::turned_back, CompareUnit::Count},
    {"sim.not-cleared", &sim::OperationComparison::not_cleared, CompareUnit::Count},
    {"sim.trips", &sim::OperationComparison::trips, CompareUnit::Count},
    {"sim.vehicles-lost", &sim::OperationComparison::vehicles_lost, CompareUnit::Count},
    {"sim.utilisation", &sim::OperationComparison::utilisation, CompareUnit::Share},
}};

const std::array<ComparedRow<sim::OverallComparison>, 4> kOverallRows = {{
    {"sim.clear-90", &sim::OverallComparison::t90_h, CompareUnit::Hours},
    {"sim.clear-100", &sim::OverallComparison::t100_h, CompareUnit::Hours},
    {"sim.in-ceasefire", &sim::OverallComparison::finished_in_ceasefire, CompareUnit::Chance},
    {"sim.not-cleared", &sim::OverallComparison::not_cleared, CompareUnit::Count},
}};

const std::array<const char*, sim::kLeftReasons> kLeftReasonMessages = {
    "sim.left-coming",    "sim.left-phase-not-open",     "sim.left-quota-reached",
    "sim.left-linkage",   "sim.left-no-vehicle",         "sim.left-ceasefire-over",
    "sim.left-suspended", "sim.left-awaiting-transport", "sim.left-on-the-road",
};

}  // namespace

std::span<const char* const, sim::kLeftReasons> left_reason_messages() {
  return kLeftReasonMessages;
}

namespace {

// A line under the one before for each reason that held someone in some replication of either
// run.
void push_reasons(std::vector<ComparedLine>& lines,
                  const std::array<sim::PairedDifference, sim::kLeftReasons>& left_by_reason) {
  for (std::size_t k = 0; k < sim::kLeftReasons; ++k) {
    const sim::PairedDifference& d = left_by_reason[k];
    if (d.base.max > 0 || d.variant.max > 0)
      lines.push_back({kLeftReasonMessages[k], &d, CompareUnit::Count, true, {}, {}});
  }
}

// The lines of `rows` of `compared`, with the reasons that held someone under the people not
// cleared.
template <class Compared, class Rows>
std::vector<ComparedLine> lines_of(const Compared& compared, const Rows& rows, CeasefireEnd end) {
  std::vector<ComparedLine> lines;
  for (const auto& row : rows) {
    lines.push_back(
        {ceasefire_key(row.label, end), &(compared.*row.field), row.unit, false, {}, {}});
    if (row.field == &Compared::not_cleared) push_reasons(lines, compared.left_by_reason);
  }
  return lines;
}

// A run's time to clear everyone: its percentiles, summary and the intervals of its high
// chances.
struct RunClearance {
  const std::vector<double>& percentiles;
  const sim::Summary& t100;
  const std::vector<sim::ChanceInterval>& intervals;
};

// The entry of `list` (chance intervals, or changes of a chance's time) for chance `percent`.
template <class Entry>
std::optional<Entry> entry_of(const std::vector<Entry>& list, int percent) {
  for (const auto& e : list) {
    if (e.percent == percent) return e;
  }
  return std::nullopt;
}

// Right under the line of `t100` (the time to clear 100%), a line for each high chance that
// either run's table shows: each run's time at that percentile of its own replications, and
// under it, where either run has one, a line of their intervals.
void insert_chances(std::vector<ComparedLine>& lines, const sim::PairedDifference& t100,
                    const RunClearance& base, const RunClearance& variant,
                    const std::vector<sim::PercentileChange>& changes, const Words& w) {
  auto at = std::find_if(lines.begin(), lines.end(),
                         [&](const ComparedLine& l) { return l.difference == &t100; });
  if (at == lines.end()) return;
  std::vector<ClearanceChance> shown = clearance_chances(base.percentiles, base.t100);
  const std::vector<ClearanceChance> variant_shown =
      clearance_chances(variant.percentiles, variant.t100);
  shown.insert(shown.end(), variant_shown.begin(), variant_shown.end());
  std::vector<ComparedLine> chances;
  for (const int p : sim::kHighChancePercents) {
    if (std::none_of(shown.begin(), shown.end(),
                     [p](const ClearanceChance& c) { return c.percent == p; }))
      continue;
    const auto k = static_cast<std::size_t>(p) - 1;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    ComparedChance chance{p,
                          k < base.percentiles.size() ? base.percentiles[k] : nan,
                          k < variant.percentiles.size() ? variant.percentiles[k] : nan,
                          t100.pairs > 0 && t100.higher + t100.lower == 0,
                          entry_of(base.intervals, p),
                          entry_of(variant.intervals, p),
                          {}};
    if (const auto c = entry_of(changes, p); c && !std::isnan(c->ci95_low_h))
      chance.change_interval = c;
    chances.push_back({"sim.chance", nullptr, CompareUnit::Hours, true,
                       w("sim.chance", {{"p", fmt::format("{}%", p)}}), chance});
    if (chance.base_interval || chance.variant_interval || chance.change_interval) {
      chance.interval_line = true;
      chances.push_back({"cmp.chance-interval", nullptr, CompareUnit::Hours, true, {}, chance});
    }
  }
  lines.insert(at + 1, chances.begin(), chances.end());
}

// The same for the people of a phase or a category, each run's over the pairs of `t100`.
void insert_chances(std::vector<ComparedLine>& lines, const sim::PairedDifference& t100,
                    const sim::ComparedChances& chances, const Words& w) {
  insert_chances(lines, t100, {chances.base_percentiles_h, t100.base, chances.base_intervals},
                 {chances.variant_percentiles_h, t100.variant, chances.variant_intervals},
                 chances.changes, w);
}

}  // namespace

namespace {

// The rows by category under an operation's row of a quantity: what `field` picks of each
// category, labelled by the message `key`.
struct ByCategory {
  sim::PairedDifference sim::OperationComparison::*total;
  sim::PairedDifference sim::CategoryComparison::*field;
  const char* key;
  CompareUnit unit;
};

const std::array<ByCategory, 8> kByCategory = {{
    {&sim::OperationComparison::t100_h, &sim::CategoryComparison::t100_h, "cmp.clear-100-of",
     CompareUnit::Hours},
    {&sim::OperationComparison::finished_in_ceasefire,
     &sim::CategoryComparison::finished_in_ceasefire, "cmp.in-ceasefire-of", CompareUnit::Chance},
    {&sim::OperationComparison::wait_person_hours, &sim::CategoryComparison::wait_person_hours,
     "cmp.waiting-of", CompareUnit::Count},
    {&sim::OperationComparison::held_person_hours, &sim::CategoryComparison::held_person_hours,
     "cmp.held-of", CompareUnit::Count},
    {&sim::OperationComparison::queue_person_hours, &sim::CategoryComparison::queue_person_hours,
     "cmp.queueing-of", CompareUnit::Count},
    {&sim::OperationComparison::removed, &sim::CategoryComparison::removed, "cmp.removed-of",
     CompareUnit::Count},
    {&sim::OperationComparison::killed, &sim::CategoryComparison::killed, "cmp.killed-of",
     CompareUnit::Count},
    {&sim::OperationComparison::injured, &sim::CategoryComparison::injured, "cmp.injured-of",
     CompareUnit::Count},
}};

// The rows by phase under an operation's row of a quantity: what `field` picks of each phase,
// labelled by the message `key`.
struct ByPhase {
  sim::PairedDifference sim::OperationComparison::*total;
  sim::PairedDifference sim::PhaseComparison::*field;
  const char* key;
  CompareUnit unit;
};

const std::array<ByPhase, 8> kByPhase = {{
    {&sim::OperationComparison::t100_h, &sim::PhaseComparison::t100_h, "cmp.clear-100-of",
     CompareUnit::Hours},
    {&sim::OperationComparison::finished_in_ceasefire, &sim::PhaseComparison::finished_in_ceasefire,
     "cmp.in-ceasefire-of", CompareUnit::Chance},
    {&sim::OperationComparison::wait_person_hours, &sim::PhaseComparison::wait_person_hours,
     "cmp.waiting-of", CompareUnit::Count},
    {&sim::OperationComparison::held_person_hours, &sim::PhaseComparison::held_person_hours,
     "cmp.held-of", CompareUnit::Count},
    {&sim::OperationComparison::queue_person_hours, &sim::PhaseComparison::queue_person_hours,
     "cmp.queueing-of", CompareUnit::Count},
    {&sim::OperationComparison::removed, &sim::PhaseComparison::removed, "cmp.removed-of",
     CompareUnit::Count},
    {&sim::OperationComparison::killed, &sim::PhaseComparison::killed, "cmp.killed-of",
     CompareUnit::Count},
    {&sim::OperationComparison::injured, &sim::PhaseComparison::injured, "cmp.injured-of",
     CompareUnit::Count},
}};

}  // namespace

std::vector<ComparedLine> compared_lines(const sim::Comparison& comparison,
                                         const sim::OperationComparison& op,
                                         const model::Scenario& base,
                                         const model::Scenario& variant, const Words& w,
                                         Language lang, bool with_waiting) {
  const CeasefireEnd end = ceasefire_end(base, variant, comparison.base.run.horizon,
                                         op.base_operation, op.variant_operation);
  std::vector<ComparedLine> lines = lines_of(op, kComparedRows, end);
  if (const auto [bo, vo] = compared_runs(comparison, op); bo != nullptr && vo != nullptr)
    insert_chances(lines, op.t100_h,
                   {bo->t100_percentiles_h, bo->clearance.t100_h, bo->t100_chance_intervals},
                   {vo->t100_percentiles_h, vo->clearance.t100_h, vo->t100_chance_intervals},
                   op.t100_chance_changes, w);
  auto category_name = [&](const sim::CategoryComparison& c) {
    const auto& category = base.categories[static_cast<std::size_t>(c.base_category)];
    return std::string(category.name.in(lang, category.id));
  };
  // Rows under the one of `total`, after what hangs under it and the rows of the same key
  // before them (by phase after by category).
  auto insert_under = [&lines](const sim::PairedDifference& total, const char* key,
                               const std::vector<ComparedLine>& rows) {
    std::size_t at = 0;
    while (at < lines.size() && lines[at].difference != &total) ++at;
    if (at == lines.size()) return;
    while (at + 1 < lines.size() &&
           (lines[at + 1].sub || std::string_view(lines[at + 1].label) == key))
      ++at;
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at + 1), rows.begin(), rows.end());
  };
  // With people of more than one category, under the row of each quantity (and what hangs under
  // it), a row for each category when the quantity was above 0 in some replication of either
  // run; the waiting only where asked (the report), as in a run's.
  if (op.categories.size() > 1) {
    for (const auto& k : kByCategory) {
      const sim::PairedDifference& total = op.*k.total;
      if (k.total == &sim::OperationComparison::wait_person_hours && !with_waiting) continue;
      if (k.unit == CompareUnit::Count && !(total.base.max > 0) && !(total.variant.max > 0))
        continue;
      std::vector<ComparedLine> rows;
      for (const auto& c : op.categories) {
        // A time only over pairs in which people of the category left in both runs.
        if (k.unit != CompareUnit::Count && c.t100_h.pairs == 0) continue;
        rows.push_back({k.key,
                        &(c.*k.field),
                        k.unit,
                        false,
                        w(ceasefire_key(k.key, end), {{"name", category_name(c)}}),
                        {}});
      }
      insert_under(total, k.key, rows);
    }
    // Under each category's time to clear everyone, its high chances as under the operation's.
    for (const auto& c : op.categories) insert_chances(lines, c.t100_h, c.t100_chances, w);
  }
  // With more than one phase in the base's operation, as a run's table has them: under the time
  // to clear everyone a row for each phase compared in some pair (one that never had people in
  // both runs has nothing to show), and under the person-hours and the people removed, killed and
  // injured likewise when the quantity was above 0 in some replication of either run (the
  // waiting only where asked).
  const auto& phases = base.operations[static_cast<std::size_t>(op.base_operation)].phases;
  if (phases.size() > 1) {
    for (const auto& k : kByPhase) {
      const sim::PairedDifference& total = op.*k.total;
      if (k.total == &sim::OperationComparison::wait_person_hours && !with_waiting) continue;
      if (k.unit == CompareUnit::Count && !(total.base.max > 0) && !(total.variant.max > 0))
        continue;
      std::vector<ComparedLine> rows;
      for (const auto& p : op.phases) {
        if (p.t100_h.pairs == 0) continue;
        const auto& phase = phases[static_cast<std::size_t>(p.base_phase)];
        rows.push_back(
            {k.key,
             &(p.*k.field),
             k.unit,
             false,
             w(ceasefire_key(k.key, end), {{"name", std::string(phase.name.in(lang, phase.id))}}),
             {}});
      }
      insert_under(total, k.key, rows);
    }
    // Under each phase's time to clear everyone, its high chances as under the operation's: each
    // run's over the pairs of the phase.
    for (const auto& p : op.phases) insert_chances(lines, p.t100_h, p.t100_chances, w);
  }
  // Those given a shelter bed, after the people turned back, when someone was in either run (an
  // operation with shelters): a what-if on the beds changes them and little else.
  if (op.sheltered.base.max > 0 || op.sheltered.variant.max > 0) {
    auto turned = std::find_if(lines.begin(), lines.end(), [&](const ComparedLine& l) {
      return l.difference == &op.turned_back;
    });
    if (turned != lines.end())
      lines.insert(turned + 1, {"cmp.sheltered", &op.sheltered, CompareUnit::Count, false, {}, {}});
  }
  // Waiting beyond a gathering point's capacity, under the waiting, when someone waited so in
  // some replication of either run.
  if (op.outside_person_hours.base.max > 0 || op.outside_person_hours.variant.max > 0) {
    auto waiting = std::find_if(lines.begin(), lines.end(), [&](const ComparedLine& l) {
      return l.difference == &op.wait_person_hours;
    });
    if (waiting != lines.end())
      lines.insert(waiting + 1,
                   {"sim.outside", &op.outside_person_hours, CompareUnit::Count, true, {}, {}});
  }
  bool someone = false;
  for (const auto& c : op.categories)
    someone = someone || c.not_cleared.base.max > 0 || c.not_cleared.variant.max > 0;
  if (op.categories.size() < 2 || !someone) return lines;
  // After the reasons, so that the lines of the people not cleared stay together.
  std::size_t at = 0;
  while (at < lines.size() && lines[at].difference != &op.not_cleared) ++at;
  while (at + 1 < lines.size() && lines[at + 1].sub) ++at;
  // Each category, with the reasons that held its people in some replication of either run.
  std::vector<ComparedLine> by_category;
  for (const auto& c : op.categories) {
    by_category.push_back({"cmp.not-out-of",
                           &c.not_cleared,
                           CompareUnit::Count,
                           false,
                           w("cmp.not-out-of", {{"category", category_name(c)}}),
                           {}});
    push_reasons(by_category, c.left_by_reason);
  }
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(std::min(at + 1, lines.size())),
               by_category.begin(), by_category.end());
  return lines;
}

std::vector<ComparedLine> compared_lines(const sim::Comparison& c, const model::Scenario& base,
                                         const model::Scenario& variant, const Words& w) {
  std::vector<ComparedLine> lines =
      lines_of(c.overall, kOverallRows, ceasefire_end(base, variant, c.base.run.horizon));
  insert_chances(
      lines, c.overall.t100_h,
      {c.base.t100_percentiles_h, c.base.clearance.t100_h, c.base.t100_chance_intervals},
      {c.variant.t100_percentiles_h, c.variant.clearance.t100_h, c.variant.t100_chance_intervals},
      c.overall.t100_chance_changes, w);
  return lines;
}

std::vector<ComparedLine> compared_lines(const sim::GatheringPointComparison& gp,
                                         const model::Scenario& base,
                                         const model::Scenario& variant, const Words& w) {
  std::vector<ComparedLine> lines = {
      {"sim.peak-waiting", &gp.peak_waiting, CompareUnit::Count, false, {}, {}}};
  const auto& base_capacity = base.places[static_cast<std::size_t>(gp.base_place)].capacity;
  const auto& variant_capacity =
      variant.places[static_cast<std::size_t>(gp.variant_place)].capacity;
  // Without a capacity in either run nobody waits over one: no line that is only zeros.
  if (!base_capacity && !variant_capacity) return lines;
  auto capacity = [&](const std::optional<std::int64_t>& c) {
    return c ? grouped(static_cast<double>(*c)) : w("cmp.no-capacity");
  };
  std::string text = base_capacity == variant_capacity
                         ? w("sim.over-capacity", {{"n", capacity(base_capacity)}})
                         : w("cmp.over-capacity", {{"base", capacity(base_capacity)},
                                                   {"variant", capacity(variant_capacity)}});
  lines.push_back(
      {"sim.over-capacity", &gp.over_capacity_h, CompareUnit::Hours, false, std::move(text), {}});
  return lines;
}

ComparedCells compared_cells(const sim::PairedDifference& d, CompareUnit unit, const Words& w) {
  // What the value of one replication is written as, and a change of it.
  auto value = [&](double v) {
    switch (unit) {
      case CompareUnit::Hours:
        return hours_cell(v, w);
      case CompareUnit::Chance:
      case CompareUnit::Share:
        return percent(v);
      case CompareUnit::Count:
        break;
    }
    return grouped(v, 0);
  };
  auto change = [&](double v) {
    switch (unit) {
      case CompareUnit::Hours:
        return signed_text(v, [](double x) { return hours_number(x); });
      case CompareUnit::Chance:
      case CompareUnit::Share:
        return signed_text(v * 100, [](double x) { return grouped(x, 1); });
      case CompareUnit::Count:
        break;
    }
    return signed_text(v, [](double x) { return grouped(x, 0); });
  };
  // The base's and the variant's: the median, or for a chance the share of 1s.
  const bool chance = unit == CompareUnit::Chance;
  const bool points = unit == CompareUnit::Chance || unit == CompareUnit::Share;
  // A chance's mean change is the variant's share less the base's: all three to the decimals at
  // which they agree, and at which the change's interval shows.
  const int chance_decimals = chance && !std::isnan(d.ci95_low)
                                  ? std::max(decimals_for((d.ci95_high - d.ci95_low) * 50, 1),
                                             agreeing_decimals(d.base.mean, d.variant.mean, 1))
                                  : 1;
  ComparedCells cells;
  cells.base = chance ? percent(d.base.mean, chance_decimals) : value(d.base.median);
  cells.variant = chance ? percent(d.variant.mean, chance_decimals) : value(d.variant.median);
  if (d.pairs == 0) {
    cells.change = "—";
    return cells;
  }
  if (d.higher + d.lower == 0) {
    cells.unchanged = true;
    return cells;
  }
  if (unit == CompareUnit::Hours) cells.unit = "cmp.hours";
  if (points) cells.unit = "cmp.points";
  const auto n = static_cast<double>(d.pairs);
  // A share of pairs to the whole percent, where none reads 0% and all 100%: 1 pair of 500 is
  // "<1%", not "0%".
  auto share_of_pairs = [n](std::size_t count) {
    const double share = static_cast<double>(count) / n;
    if (count > 0 && share < 0.005) return std::string("<1%");
    if (static_cast<double>(count) < n && share >= 0.995) return std::string(">99%");
    return percent(share, 0);
  };
  cells.higher = share_of_pairs(d.higher);
  cells.lower = share_of_pairs(d.lower);
  if (!chance) {
    // One pair (or every pair alike): the change, without a range that is only itself.
    cells.change = d.p10 == d.p90 ? change(d.median)
                                  : fmt::format("{} [{} – {}]", change(d.median), change(d.p10),
                                                change(d.p90));
  }
  if (chance && !std::isnan(d.ci95_low)) {
    // A chance's interval is not the mean ± a half-width: "+1.5 (−0.4 – +4.3)" points.
    auto number = [chance_decimals](double x) { return grouped(x, chance_decimals); };
    cells.mean =
        fmt::format("{} ({} – {})", signed_text(d.mean * 100, number),
                    signed_text(d.ci95_low * 100, number), signed_text(d.ci95_high * 100, number));
  } else if (!std::isnan(d.mean)) {
    const double scale = points ? 100 : 1;
    const double half = d.ci95_half * scale;
    const int decimals = decimals_for(half, unit == CompareUnit::Hours ? 2 : 1);
    auto number = [decimals](double x) { return grouped(x, decimals); };
    cells.mean = std::isnan(half)
                     ? signed_text(d.mean * scale, number)  // one pair: no interval
                     : fmt::format("{} ± {}", signed_text(d.mean * scale, number), number(half));
  }
  return cells;
}

ComparedCells compared_cells(const ComparedChance& chance, const Words& w) {
  ComparedCells cells;
  if (chance.interval_line) {
    auto interval = [&](const std::optional<sim::ChanceInterval>& i) {
      return i ? chance_interval_text(*i, w, true) : std::string("—");
    };
    cells.base = interval(chance.base_interval);
    cells.variant = interval(chance.variant_interval);
    if (chance.change_interval) {
      auto change = [](double x) {
        return signed_text(x, [](double y) { return hours_number(y); });
      };
      cells.change = change(chance.change_interval->ci95_low_h) + " – " +
                     change(chance.change_interval->ci95_high_h);
      cells.unit = "cmp.hours";
    }
    return cells;
  }
  cells.base = hours_cell(chance.base_h, w);
  cells.variant = hours_cell(chance.variant_h, w);
  if (chance.unchanged) {
    cells.unchanged = true;
    return cells;
  }
  // Not reached counts as later than any time reached, as in a pair; neither reached: no gap
  // to give.
  const bool base_missed = std::isnan(chance.base_h);
  const bool variant_missed = std::isnan(chance.variant_h);
  if (base_missed && variant_missed) {
    cells.change = "—";
    return cells;
  }
  double gap = chance.variant_h - chance.base_h;
  if (base_missed) gap = -std::numeric_limits<double>::infinity();
  if (variant_missed) gap = std::numeric_limits<double>::infinity();
  cells.change = signed_text(gap, [](double x) { return hours_number(x); });
  cells.unit = "cmp.hours";
  if (std::isfinite(gap)) {
    // The gap is the difference of the two times, not a median of changes: shown with as many
    // decimals as it has, and the times with as many as make their difference read as it (164.6
    // and 162.2 h, −2.4 h; not 165 and 162 h, −2.4 h).
    auto as_shown = [](double h) {
      return std::strtod(fmt::format("{:.{}f}", h, hours_decimals(h)).c_str(), nullptr);
    };
    const double difference = as_shown(chance.variant_h) - as_shown(chance.base_h);
    if (fmt::format("{:.{}f}", difference, hours_decimals(gap)) !=
        fmt::format("{:.{}f}", gap, hours_decimals(gap))) {
      const int shown =
          agreeing_hours_decimals(chance.base_h, chance.variant_h, hours_decimals(gap));
      cells.base = w("sim.hours", {{"n", grouped(chance.base_h, shown)}});
      cells.variant = w("sim.hours", {{"n", grouped(chance.variant_h, shown)}});
      cells.change = signed_text(gap, [shown](double x) { return grouped(x, shown); });
    }
  }
  return cells;
}

ComparedCells compared_cells(const ComparedLine& line, const Words& w) {
  return line.chance ? compared_cells(*line.chance, w)
                     : compared_cells(*line.difference, line.unit, w);
}

std::string pairing_gain(const sim::Comparison& c, const Words& w) {
  // The interval of the mean change in the time to clear everyone: of the one operation when
  // both runs have only it, else of all of them (the row "all operations" shows it then).
  const sim::PairedDifference& t100 =
      c.operations.size() == 1 && c.base.operations.size() == 1 && c.variant.operations.size() == 1
          ? c.operations[0].t100_h
          : c.overall.t100_h;
  if (!std::isfinite(t100.ci95_half) || !(t100.independent_ci95_half > 0) ||
      t100.higher + t100.lower == 0)
    return {};
  // As the mean's cell writes it, and the other with as many decimals.
  const int decimals = decimals_for(t100.ci95_half, 2);
  return w("cmp.gain", {{"paired", grouped(t100.ci95_half, decimals)},
                        {"independent", grouped(t100.independent_ci95_half, decimals)}});
}

bool changes_simulation(const std::vector<model::FieldChange>& changes) {
  return std::any_of(changes.begin(), changes.end(), [](const model::FieldChange& c) {
    return c.path == "simulation" || c.path.rfind("simulation.", 0) == 0;
  });
}

std::string change_text(const model::FieldChange& change) {
  auto side = [](const std::string& v) { return v.empty() ? std::string("—") : v; };
  return change.path + ": " + side(change.base) + " → " + side(change.variant);
}

std::string scenario_label(const model::Scenario& s, const std::string& file, Language lang) {
  std::string out = fmt::format("{} [{}]", s.name.in(lang, s.id), s.id);
  if (!file.empty()) out += fmt::format(" ({})", file);
  return out;
}

}  // namespace results

namespace {

// A block of compared rows under a title: the columns' headings, then per row the label, base,
// variant, change (median [P10 – P90]), mean change ± 95%, higher and lower, each column as wide
// as its widest cell (in code points; fmt pads by its own estimate of the width) and two spaces.
class ComparedBlock {
 public:
  explicit ComparedBlock(const Words& w) : w_(w) {
    rows_.push_back({"", w("cmp.base"), w("cmp.variant"), w("cmp.change"), w("cmp.mean-change"),
                     w("cmp.higher"), w("cmp.lower")});
  }
  void add(const std::string& label, const results::ComparedLine& line) {
    const results::ComparedCells c = results::compared_cells(line, w_);
    rows_.push_back({label, c.base, c.variant,
                     c.unchanged ? w_("cmp.unchanged") : c.with_unit(c.change, w_),
                     c.with_unit(c.mean, w_), c.higher, c.lower});
  }
  std::string str(const std::string& title) const {
    std::array<std::size_t, kColumns> width{};
    width[0] = static_cast<std::size_t>(kLabelWidth - 2);
    for (const auto& row : rows_) {
      for (std::size_t k = 0; k < kColumns; ++k)
        width[k] = std::max(width[k], display_width(row[k]));
    }
    std::string out = title + "\n";
    for (const auto& row : rows_) {
      std::string line = "  ";
      for (std::size_t k = 0; k < kColumns; ++k)
        line += row[k] + std::string(width[k] - display_width(row[k]) + 2, ' ');
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    return out;
  }

 private:
  static constexpr std::size_t kColumns = 7;
  const Words& w_;
  std::vector<std::array<std::string, kColumns>> rows_;
};

}  // namespace

std::string comparison_table(const sim::Comparison& c, const model::Scenario& base,
                             const model::Scenario& variant, Language lang,
                             const std::string& base_file, const std::string& variant_file,
                             const std::optional<std::vector<model::FieldChange>>& changes) {
  Catalog catalog = simulate_catalog();
  const Words w{catalog, lang};
  const sim::MonteCarloResult& r = c.base;
  std::string out = w("cmp.title") + "\n";
  out += "  " + w("cmp.base-is", {{"scenario", results::scenario_label(base, base_file, lang)}}) +
         "\n";
  out += "  " +
         w("cmp.variant-is", {{"scenario", results::scenario_label(variant, variant_file, lang)}}) +
         "\n";
  if (changes) {
    // What the variant changes, a field a line, the first kMaxChangeLines of them.
    constexpr std::size_t kMaxChangeLines = 12;
    out += "  " + w(changes->empty() ? "cmp.no-changes" : "cmp.changes") + "\n";
    for (std::size_t i = 0; i < changes->size() && i < kMaxChangeLines; ++i)
      out += "    " + results::change_text((*changes)[i]) + "\n";
    if (changes->size() > kMaxChangeLines) {
      out += "    " +
             w("cmp.more-changes",
               {{"n", grouped(static_cast<double>(changes->size() - kMaxChangeLines))}}) +
             "\n";
    }
    if (results::changes_simulation(*changes))
      out += wrap(w("cmp.simulation-not-used"), kWrapWidth, 4) + "\n";
  }
  out += "  " +
         w("cmp.run", {{"replications", grouped(static_cast<double>(c.replications))},
                       {"seed", std::to_string(c.seed)},
                       {"horizon", results::duration_text(r.run.horizon, w)}}) +
         w("sim.separator");
  out += w("sim.risks", {{"state", w(r.run.stochastic_risks ? "sim.on" : "sim.off")}}) +
         w("sim.separator");
  out += w("sim.events", {{"state", w(r.run.scheduled_events ? "sim.on" : "sim.off")}}) + "\n";
  out += wrap(results::open_ceasefire_note(results::ceasefire_end(base, variant, r.run.horizon), w),
              kWrapWidth, 2);
  out += wrap(w("cmp.paired"), kWrapWidth, 2);
  out += wrap(w("cmp.reading"), kWrapWidth, 2);

  for (const auto& op : c.operations) {
    ComparedBlock block(w);
    for (const auto& line : results::compared_lines(c, op, base, variant, w, lang, false))
      block.add(std::string(2 * static_cast<std::size_t>(results::depth(line)), ' ') +
                    (line.text.empty() ? w(line.label) : line.text),
                line);
    out += "\n" +
           block.str(fmt::format("{} [{}]", results::operation_name(base, op.base_operation, lang),
                                 results::operation_id(base, op.base_operation)));
  }
  if (c.base.operations.size() > 1 || c.variant.operations.size() > 1) {
    ComparedBlock block(w);
    for (const auto& line : results::compared_lines(c, base, variant, w))
      block.add(std::string(2 * static_cast<std::size_t>(results::depth(line)), ' ') +
                    (line.text.empty() ? w(line.label) : line.text),
                line);
    out += "\n" + block.str(w("sim.overall"));
  }
  auto unmatched = [&](const std::vector<std::int32_t>& ops, const model::Scenario& s,
                       const char* key) {
    for (const auto op : ops) {
      out += "\n" +
             w(key, {{"operation", fmt::format("{} [{}]", results::operation_name(s, op, lang),
                                               results::operation_id(s, op))}}) +
             "\n";
    }
  };
  // How many waited at each gathering point at once, after the operations gathering there.
  for (const auto& gp : c.gathering_points) {
    ComparedBlock block(w);
    for (const auto& line : results::compared_lines(gp, base, variant, w))
      block.add(line.text.empty() ? w(line.label) : line.text, line);
    const std::string name = fmt::format("{} [{}]", results::place_name(base, gp.base_place, lang),
                                         base.places[static_cast<std::size_t>(gp.base_place)].id);
    out += "\n" + block.str(w("sim.gp-heading", {{"name", name}}));
  }
  unmatched(c.only_in_base, base, "cmp.only-base");
  unmatched(c.only_in_variant, variant, "cmp.only-variant");
  const std::string gain = results::pairing_gain(c, w);
  if (!gain.empty()) out += "\n" + wrap(gain, kWrapWidth, 2);
  return out;
}

// --- trace -----------------------------------------------------------------------------------

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string id_or_empty(std::int64_t v) {
  return v < 0 ? std::string() : std::to_string(v);
}

}  // namespace

std::string trace_csv_header() {
  return "time_iso,hours,event,operation,convoy,vehicle,place,people,detail\n";
}

std::string trace_csv_row(const sim::TraceRecord& record, const model::Scenario& s) {
  const Instant at = s.agreement.start.instant + record.time;
  return fmt::format(
      "{},{:.4f},{},{},{},{},{},{},{}\n", format_instant_seconds(at, s.agreement.timezone_minutes),
      record.time.to_hours(), csv_field(record.event),
      csv_field(results::operation_id(s, record.operation)), id_or_empty(record.convoy),
      id_or_empty(record.vehicle), csv_field(results::place_id(s, record.place)), record.people,
      csv_field(record.detail));
}

std::string progress_bar(std::size_t done, std::size_t total, std::size_t width) {
  const std::size_t filled = total == 0 ? width : std::min(width, done * width / total);
  std::string bar(filled, '=');
  if (filled < width) {
    bar += '>';
    bar += std::string(width - filled - 1, ' ');
  }
  const auto digits = std::to_string(total).size();
  return fmt::format("[{}] {:>{}}/{}", bar, done, digits, total);
}

namespace {

// "N replications", counted by the argument `arg` (a choice of plural forms, see Catalog). In
// Arabic the dual follows the case: nominative as a subject (تكراران), genitive after a
// preposition (من تكرارين).
std::string replications_en(std::string_view arg) {
  return fmt::format("{{{}:one=# replication|other=# replications}}", arg);
}
std::string replications_ar(std::string_view arg, bool after_preposition) {
  return fmt::format("{{{}:one=تكرار واحد|two={}|few=# تكرارات|many=# تكراراً|other=# تكرار}}", arg,
                     after_preposition ? "تكرارين" : "تكراران");
}

}  // namespace

Catalog simulate_catalog() {
  Catalog c;
  c.add("sim.title", "{name} — simulation results", "{name} — نتائج المحاكاة");
  c.add(
      "sim.run", replications_en("replications") + ", seed {seed}, horizon {horizon}",
      replications_ar("replications", false) + "، البذرة العشوائية {seed}، المدة القصوى {horizon}");
  c.add("sim.run-interrupted",
        "interrupted after {replications} of " + replications_en("requested") +
            ": the results are of those",
        "أُوقفت بعد " + replications_ar("replications", true) +
            " من {requested}: النتائج مبنية عليها وحدها");
  c.add("sim.run-stopped",
        "stopped after {replications} of " + replications_en("requested") +
            ": the 95% interval of the mean time to clear everyone is within ±{target} h",
        "توقفت بعد {replications} من " + replications_ar("requested", true) +
            ": مجال الثقة 95% لمتوسط زمن إجلاء الجميع ضمن ±{target} ساعة");
  c.add("sim.run-target-missed",
        "the target of ±{target} h for the 95% interval of the mean time to clear everyone was not "
        "met in " +
            replications_en("replications"),
        "لم يتحقق هدف ±{target} ساعة لمجال الثقة 95% لمتوسط زمن إجلاء الجميع في " +
            replications_ar("replications", true));
  c.add("sim.run-target-one",
        "the target of ±{target} h for the 95% interval of the mean time to clear everyone cannot "
        "be judged from one replication: an interval needs two or more",
        "لا يمكن الحكم على هدف ±{target} ساعة لمجال الثقة 95% لمتوسط زمن إجلاء الجميع من تكرار "
        "واحد: يحتاج المجال إلى تكرارين أو أكثر");
  c.add("sim.run-target-met-at-end",
        "the 95% interval of the mean time to clear everyone is within ±{target} h after all " +
            replications_en("replications") + " asked for",
        "مجال الثقة 95% لمتوسط زمن إجلاء الجميع ضمن ±{target} ساعة بعد كل ما طُلب: " +
            replications_ar("replications", false));
  c.add("sim.run-target-undefined",
        "the target of ±{target} h for the 95% interval of the mean time to clear everyone "
        "cannot be met: {n} of " +
            replications_en("total") + " did not clear everyone, so that mean is not defined",
        "لا يمكن بلوغ هدف ±{target} ساعة لمجال الثقة 95% لمتوسط زمن إجلاء الجميع: في {n} من " +
            replications_ar("total", true) + " لم يُجلَ الجميع، فهذا المتوسط غير معرَّف");
  c.add("sim.start", "agreement starts {time}", "بدء الاتفاق {time}");
  c.add("sim.risks", "stochastic risks {state}", "المخاطر العشوائية {state}");
  c.add("sim.events", "scheduled events {state}", "الأحداث المجدولة {state}");
  c.add("sim.separator", "; ", "؛ ");
  c.add("sim.on", "on", "مفعّلة");
  c.add("sim.off", "off", "معطّلة");
  c.add("sim.events-per-replication",
        "{n:one=# simulated event|other=# simulated events} per replication on average",
        "{n:one=حدث واحد|two=حدثان|few=# أحداث|many=# حدثاً|other=# حدث} في المتوسط "
        "في كل تكرار");
  c.add("sim.mean", "mean", "المتوسط");
  c.add("sim.median", "median", "الوسيط");
  c.add("sim.range", "P10 – P90", "المئين 10 – 90");
  c.add("sim.p90", "P90", "المئين 90");
  // A histogram's one mark where its median and P90 are the same value.
  c.add("sim.median-p90", "median and P90", "الوسيط والمئين 90");
  // The head of a summary of one replication: its values, not a median over replications.
  c.add("sim.value", "value", "القيمة");
  c.add("sim.mean-ci", "mean (95% CI)", "المتوسط (مجال ثقة 95%)");
  c.add("sim.quantity", "quantity", "المقدار");
  c.add("sim.leaving", "people leaving", "المغادرون");
  c.add("sim.stayed", "people who stay", "الباقون في أماكنهم");
  c.add("sim.ceasefire-ends-at", "{h} h after the start ({time})",
        "بعد {h} ساعة من البدء ({time})");
  c.add("sim.ceasefire-longer",
        "No convoy leaves after the ceasefire ends, so those still waiting then are never out: to "
        "see how long it would have to hold for them, run again with it lasting longer:",
        "لا تغادر أي قافلة بعد انتهاء وقف إطلاق النار، فمن بقي ينتظر عندها لا يخرج أبداً: لمعرفة "
        "المدة التي يلزم أن يصمد فيها ليخرجوا، أعد التشغيل وهو ممتد أطول:");
  c.add("sim.clear-90", "time to clear 90%", "زمن إجلاء 90%");
  c.add("sim.clear-100", "time to clear 100%", "زمن إجلاء 100%");
  c.add("sim.by-phase", "by phase, time to clear 100%", "حسب المرحلة، زمن إجلاء 100%");
  c.add("sim.by-category", "by category, time to clear 100%", "حسب الفئة، زمن إجلاء 100%");
  c.add("sim.in-ceasefire-by-phase", "by phase, all out inside the ceasefire",
        "حسب المرحلة، خروج الجميع ضمن وقف إطلاق النار");
  c.add("sim.in-ceasefire-by-category", "by category, all out inside the ceasefire",
        "حسب الفئة، خروج الجميع ضمن وقف إطلاق النار");
  c.add("sim.not-cleared-by-category", "not out at the end, by category",
        "لم يخرجوا بحلول النهاية، حسب الفئة");
  c.add("cmp.not-out-of", "not out: {category}", "لم يخرجوا: {category}");
  // A comparison's rows by category, under the operation's rows of the same quantities (the
  // waiting in the report only), and by phase under the time to clear everyone and the people
  // removed, killed and injured: {name} is the category's or the phase's.
  c.add("cmp.clear-100-of", "time to clear 100%: {name}", "زمن إجلاء 100%: {name}");
  c.add("cmp.chart-phase", "{operation}: the people of the phase “{phase}”",
        "{operation}: أفراد المرحلة «{phase}»");
  c.add("cmp.chart-chance-phase",
        "Chance that the people of the phase are all out, by time since the start",
        "احتمال خروج جميع أفراد المرحلة بحسب الزمن منذ بدء الاتفاق");
  c.add("cmp.chart-category", "{operation}: the people of the category “{category}”",
        "{operation}: أفراد الفئة «{category}»");
  c.add("cmp.chart-chance-category",
        "Chance that the people of the category are all out, by time since the start",
        "احتمال خروج جميع أفراد الفئة بحسب الزمن منذ بدء الاتفاق");
  c.add("cmp.in-ceasefire-of", "all out inside the ceasefire: {name}",
        "خروج الجميع ضمن وقف إطلاق النار: {name}");
  c.add("cmp.waiting-of", "waiting: {name}", "الانتظار: {name}");
  c.add("cmp.held-of", "held: {name}", "الاحتجاز: {name}");
  c.add("cmp.queueing-of", "queueing: {name}", "في الطوابير: {name}");
  c.add("cmp.removed-of", "removed: {name}", "أُنزلوا: {name}");
  c.add("cmp.killed-of", "killed: {name}", "قُتلوا: {name}");
  c.add("cmp.injured-of", "injured: {name}", "جُرحوا: {name}");
  c.add("sim.chance", "with a chance of {p}", "باحتمال {p}");
  c.add("sim.in-ceasefire", "finished inside the ceasefire", "الانتهاء ضمن وقف إطلاق النار");
  // The same where the ceasefire has no end: the chance of everyone being out by the horizon;
  // and where some operations' ceasefires end and some do not.
  // Short, to fit the table's column of labels: the run's header says what they mean
  // (sim.open-ceasefire-note).
  c.add("sim.by-horizon", "finished by the horizon", "الانتهاء قبل بلوغ المدة القصوى");
  c.add("sim.in-ceasefire-or-horizon", "finished in ceasefire or horizon",
        "الانتهاء في الهدنة أو المدة القصوى");
  c.add("sim.by-horizon-by-phase", "by phase, all out by the horizon",
        "حسب المرحلة، خروج الجميع قبل بلوغ المدة القصوى");
  c.add("sim.in-ceasefire-or-horizon-by-phase", "by phase, all out in ceasefire or horizon",
        "حسب المرحلة، خروج الجميع ضمن وقف إطلاق النار أو المدة القصوى");
  c.add("sim.by-horizon-by-category", "by category, all out by the horizon",
        "حسب الفئة، خروج الجميع قبل بلوغ المدة القصوى");
  c.add("sim.in-ceasefire-or-horizon-by-category", "by category, all out in ceasefire or horizon",
        "حسب الفئة، خروج الجميع ضمن وقف إطلاق النار أو المدة القصوى");
  c.add("cmp.by-horizon-of", "all out by the horizon: {name}",
        "خروج الجميع قبل بلوغ المدة القصوى: {name}");
  c.add("cmp.in-ceasefire-or-horizon-of", "all out in ceasefire or horizon: {name}",
        "خروج الجميع ضمن وقف إطلاق النار أو المدة القصوى: {name}");
  c.add("sim.open-ceasefire-note",
        "the ceasefire has no end before the horizon: the chance of finishing is that of everyone "
        "being out by the horizon",
        "لا ينتهي وقف إطلاق النار قبل المدة القصوى: احتمال الانتهاء هو احتمال خروج الجميع قبل "
        "بلوغها");
  c.add("sim.mixed-ceasefire-note",
        "where a ceasefire has no end before the horizon, the chance of finishing is that of "
        "everyone being out by the horizon",
        "حيث لا ينتهي وقف إطلاق النار قبل المدة القصوى، احتمال الانتهاء هو احتمال خروج الجميع قبل "
        "بلوغها");
  // {range}: "low – high", one argument so that the report keeps it left to right in Arabic.
  c.add("sim.proportion", "{p} (95% CI {range})", "{p} (مجال ثقة 95%: {range})");
  // The interval of a mean cut at 0 (or 100%), where mean ± half-width would not be it.
  c.add("sim.interval", "(95% CI {low} – {high})", "(مجال ثقة 95%: {low} – {high})");
  // The same, its range put together apart (the report isolates it as a whole).
  c.add("sim.interval-of", "(95% CI {range})", "(مجال ثقة 95%: {range})");
  c.add("cmp.interval", "{low} – {high}", "{low} – {high}");
  c.add("sim.interval-beyond", "(95% CI not reached)", "(مجال ثقة 95%: لم يتحقق)");
  c.add("cmp.interval-beyond", "not reached", "لم يتحقق");
  c.add("sim.exposure", "exposure, person-hours", "التعرض، شخص·ساعة");
  c.add("sim.waiting", "waiting at the gathering point", "الانتظار في نقطة التجمع");
  // Of the waiting at the gathering point, beyond its capacity (scenario `capacity`).
  c.add("sim.outside", "of which beyond its capacity", "منه ما زاد على سعتها");
  c.add("sim.held", "held on the way", "الاحتجاز في الطريق");
  c.add("sim.queueing", "queueing at checkpoints", "الانتظار في طوابير الحواجز");
  // Blocks after the exposure, a row per category of people of the operation, when it has more
  // than one: waiting (in the report only), held and queueing, each when someone was.
  c.add("sim.waiting-by-category", "waiting at the gathering point, by category (person-hours)",
        "الانتظار في نقطة التجمع، حسب الفئة (شخص·ساعة)");
  c.add("sim.held-by-category", "held on the way, by category (person-hours)",
        "الاحتجاز في الطريق، حسب الفئة (شخص·ساعة)");
  c.add("sim.queueing-by-category", "queueing at checkpoints, by category (person-hours)",
        "الانتظار في طوابير الحواجز، حسب الفئة (شخص·ساعة)");
  // The same by phase (more than one phase), of the people who boarded in each; the waiting's
  // last row those still waiting at the end, not aboard (of no phase), when there were some.
  c.add("sim.waiting-by-phase", "waiting at the gathering point, by phase (person-hours)",
        "الانتظار في نقطة التجمع، حسب المرحلة (شخص·ساعة)");
  c.add("sim.held-by-phase", "held on the way, by phase (person-hours)",
        "الاحتجاز في الطريق، حسب المرحلة (شخص·ساعة)");
  c.add("sim.queueing-by-phase", "queueing at checkpoints, by phase (person-hours)",
        "الانتظار في طوابير الحواجز، حسب المرحلة (شخص·ساعة)");
  c.add("sim.unboarded", "still waiting at the end, not aboard",
        "ما زالوا ينتظرون في النهاية، لم يصعدوا");
  c.add("sim.outcomes", "people", "الأشخاص");
  c.add("sim.arrived", "arrived", "وصلوا");
  c.add("sim.sheltered", "of them, given a shelter bed", "منهم في مراكز الإيواء");
  c.add("cmp.sheltered", "arrived, given a shelter bed", "وصلوا إلى مراكز الإيواء");
  c.add("sim.removed", "removed at checkpoints", "أُنزلوا على الحواجز");
  c.add("sim.killed", "killed", "قُتلوا");
  c.add("sim.injured", "injured", "جُرحوا");
  c.add("sim.turned-back", "turned back", "أُعيدوا أدراجهم");
  // A replication ends at the horizon, or earlier once nothing can move any more (simulation.md).
  c.add("sim.not-cleared", "not out at the end", "لم يخرجوا بحلول النهاية");
  c.add("sim.left-someone", "replications leaving someone", "تكرارات بقي فيها أحد");
  c.add("sim.left-someone-in", "{n} of {total} (at most {max} people)",
        "{n} من {total} ({max} شخصاً على الأكثر)");
  // What held those not out at the end (sim::LeftReason), as rows under sim.not-cleared.
  c.add("sim.left-coming", "not yet at the gathering point", "لم يصلوا بعد إلى نقطة التجمع");
  c.add("sim.left-phase-not-open", "waiting: phase not open", "ينتظرون: مرحلتهم لم تُفتح");
  c.add("sim.left-quota-reached", "waiting: phase quota reached", "ينتظرون: بلغت مرحلتهم حصتها");
  c.add("sim.left-linkage", "waiting: held by a linkage", "ينتظرون: يوقفهم الربط");
  c.add("sim.left-no-vehicle", "no vehicle or escort left", "لم تبق مركبات أو مرافقة لنقلهم");
  c.add("sim.left-ceasefire-over", "stopped: ceasefire over", "متوقفون: انتهى وقف إطلاق النار");
  c.add("sim.left-suspended", "stopped: movement suspended", "متوقفون: الحركة معلّقة");
  c.add("sim.left-awaiting-transport", "waiting for transport", "ينتظرون وسيلة النقل");
  c.add("sim.left-on-the-road", "on the road", "على الطريق");
  // Blocks after those not out at the end by category: a row per category of people of the
  // operation (when it has more than one), then per phase (more than one), each when someone was.
  c.add("sim.removed-by-category", "removed at checkpoints, by category",
        "أُنزلوا على الحواجز، حسب الفئة");
  c.add("sim.killed-by-category", "killed, by category", "قُتلوا، حسب الفئة");
  c.add("sim.injured-by-category", "injured, by category", "جُرحوا، حسب الفئة");
  c.add("sim.removed-by-phase", "removed at checkpoints, by phase",
        "أُنزلوا على الحواجز، حسب المرحلة");
  c.add("sim.killed-by-phase", "killed, by phase", "قُتلوا، حسب المرحلة");
  c.add("sim.injured-by-phase", "injured, by phase", "جُرحوا، حسب المرحلة");
  c.add("sim.vehicles", "vehicles", "المركبات");
  c.add("sim.convoys", "convoys", "القوافل");
  c.add("sim.trips", "vehicle trips", "رحلات المركبات");
  c.add("sim.vehicles-lost", "vehicles lost", "مركبات مفقودة");
  c.add("sim.utilisation", "fleet utilisation", "نسبة استخدام الأسطول");
  c.add("sim.not-reached", "not reached", "لم يتحقق");
  c.add("sim.nobody", "nobody to move", "لا أحد لنقله");
  c.add("sim.not-reached-share", "not reached in {n} of " + replications_en("total"),
        "لم يتحقق في {n} من " + replications_ar("total", true));
  c.add("sim.p10-only", "(10% of the replications within {t})", "(10% من التكرارات خلال {t})");
  c.add("sim.hours", "{n} h", "{n:one=ساعة واحدة|two=ساعتان|few=# ساعات|many=# ساعة|other=# ساعة}");
  // Hours written as a figure, whatever the number (after "±").
  c.add("sim.hours-figure", "{n} h", "{n} ساعة");
  c.add("sim.seconds", "{n} s",
        "{n:one=ثانية واحدة|two=ثانيتان|few=# ثوانٍ|many=# ثانية|other=# ثانية}");
  c.add("sim.minutes", "{n} min",
        "{n:one=دقيقة واحدة|two=دقيقتان|few=# دقائق|many=# دقيقة|other=# دقيقة}");
  c.add("sim.days", "{n} d", "{n:one=يوم واحد|two=يومان|few=# أيام|many=# يوماً|other=# يوم}");
  c.add("sim.gathering-points", "Gathering points", "نقاط التجمع");
  c.add("sim.gp-heading", "Gathering point: {name}", "نقطة التجمع: {name}");
  c.add("sim.gp-note", "people waiting there to board, of every operation gathering there",
        "من ينتظرون فيها الصعود إلى المركبات، من كل العمليات التي تتجمع فيها");
  c.add("sim.peak-waiting", "most waiting at once", "أكبر عدد منتظر في وقت واحد");
  c.add("sim.peak-at", "first that many after", "بلغوا ذلك أول مرة بعد");
  c.add("sim.over-capacity", "hours over its capacity ({n})", "ساعات تجاوز سعتها ({n})");
  c.add("sim.checkpoints", "Checkpoints", "الحواجز");
  c.add("sim.cp-note",
        "medians over replications; waits in minutes, queues in vehicles; holds: the mean number "
        "per replication of convoys held, empty ones going back in a scheduled window too",
        "الوسيط عبر التكرارات؛ الانتظار بالدقائق، الطوابير بعدد المركبات؛ الاحتجازات: متوسط عدد "
        "القوافل المحتجزة في كل تكرار، ومنها الفارغة العائدة في نافذة مجدولة");
  c.add("sim.cp-note-one",
        "the replication's values; waits in minutes, queues in vehicles; holds: the convoys held, "
        "empty ones going back in a scheduled window too",
        "قيم التكرار الوحيد؛ الانتظار بالدقائق، الطوابير بعدد المركبات؛ الاحتجازات: القوافل "
        "المحتجزة، ومنها الفارغة العائدة في نافذة مجدولة");
  c.add("sim.cp-name", "checkpoint", "الحاجز");
  c.add("sim.cp-vehicles", "vehicles", "المركبات");
  c.add("sim.cp-mean-wait", "mean wait", "متوسط الانتظار");
  c.add("sim.cp-max-wait", "max wait", "أطول انتظار");
  c.add("sim.cp-mean-queue", "mean queue", "متوسط الطابور");
  c.add("sim.cp-max-queue", "max queue", "أطول طابور");
  c.add("sim.cp-holds", "holds", "احتجازات");
  c.add("sim.linkages", "Linkage parity", "التكافؤ بين العمليات المترابطة");
  c.add("sim.parity-end", "share moved at the end, median", "النسبة المنقولة في النهاية، الوسيط");
  c.add("sim.overall", "All operations", "جميع العمليات");
  c.add("sim.inside", "inside", "في الداخل");
  c.add("sim.in-transit", "in transit", "على الطريق");
  c.add("sim.out", "out", "خرجوا");
  c.add("sim.chart-curves", "People inside, in transit and out: median and P10–P90 band",
        "الأشخاص في الداخل وعلى الطريق ومن خرجوا: الوسيط ونطاق المئين 10–90");
  c.add("sim.chart-curves-one", "People inside, in transit and out",
        "الأشخاص في الداخل وعلى الطريق ومن خرجوا");
  c.add("sim.chart-waiting", "People waiting at {name}", "المنتظرون في {name}");
  c.add("sim.waiting-to-board", "waiting to board", "ينتظرون الصعود");
  c.add("sim.capacity-line", "capacity {n}", "السعة {n}");
  c.add("sim.nobody-waited", "nobody came to wait there", "لم يأتِ أحد للانتظار فيها");
  c.add("sim.band-label", "{chart}: median and P10–P90 band", "{chart}: الوسيط ونطاق المئين 10–90");
  c.add("sim.chart-parity-one", "Share moved over time", "النسبة المنقولة مع الزمن");
  c.add("sim.parity-end-one", "share moved at the end", "النسبة المنقولة في النهاية");
  c.add("sim.tranche-done", "tranche {k} complete", "اكتمال الدفعة {k}");
  c.add("sim.chart-histogram", "Time to clear everyone, all operations",
        "زمن إجلاء الجميع، كل العمليات");
  c.add("sim.chart-not-cleared", "People not out at the end, all operations",
        "الأشخاص الذين لم يخرجوا بحلول النهاية، كل العمليات");
  c.add("sim.axis-people-left", "people not out at the end", "أشخاص لم يخرجوا بحلول النهاية");
  c.add("sim.chart-wait", "Mean wait before inspection, minutes",
        "متوسط الانتظار قبل التفتيش، بالدقائق");
  c.add("sim.chart-queue", "Mean queue, vehicles", "متوسط الطابور، بعدد المركبات");
  c.add("sim.chart-parity", "Share moved over time: median and P10–P90 band",
        "النسبة المنقولة مع الزمن: الوسيط ونطاق المئين 10–90");
  c.add("sim.bars-note",
        "bar: median over replications; line: P10 – P90; figures: median [P10 – P90]",
        "العمود: الوسيط عبر التكرارات؛ الخط: المئين 10 – 90؛ الأرقام: الوسيط [المئين 10 – 90]");
  c.add("sim.bars-note-one", "bar: the replication's value", "العمود: قيمة التكرار الوحيد");
  c.add("sim.axis-hours", "hours since the agreement start", "ساعات منذ بدء الاتفاق");
  c.add("sim.axis-days", "days since the agreement start", "أيام منذ بدء الاتفاق");
  c.add("sim.axis-people", "people", "أشخاص");
  c.add("sim.axis-replications", "replications", "تكرارات");
  c.add("sim.chart-chance-phases",
        "Chance that the people of each phase are all out, by time since the start: {operation}",
        "احتمال خروج جميع أفراد كل مرحلة بحسب الزمن منذ بدء الاتفاق: {operation}");
  c.add("sim.chart-chance", "Chance that everyone is out, by time since the start",
        "احتمال خروج الجميع بحسب الزمن منذ بدء الاتفاق");
  c.add("sim.axis-chance", "replications with everyone out", "التكرارات التي خرج فيها الجميع");
  c.add("sim.axis-chance-phase", "replications with the phase's people all out",
        "التكرارات التي خرج فيها جميع أفراد المرحلة");
  c.add("sim.chart-chance-categories",
        "Chance that the people of each category are all out, by time since the start: "
        "{operation}",
        "احتمال خروج جميع أفراد كل فئة بحسب الزمن منذ بدء الاتفاق: {operation}");
  c.add("sim.axis-chance-category", "replications with the category's people all out",
        "التكرارات التي خرج فيها جميع أفراد الفئة");
  c.add("sim.chance-note",
        "The share of the replications in which everyone was out by each time: read across from "
        "the chance wanted to how long the ceasefire must hold for it.",
        "نسبة التكرارات التي خرج فيها الجميع بحلول كل وقت: من الاحتمال المطلوب تُقرأ المدة التي "
        "يجب أن يصمد خلالها وقف إطلاق النار.");
  c.add("sim.ceasefire-ends", "ceasefire ends", "نهاية وقف إطلاق النار");
  c.add("sim.ceasefire-ends-of", "ceasefire ends: {operations}",
        "نهاية وقف إطلاق النار: {operations}");
  c.add("sim.list-separator", ", ", "، ");
  c.add("sim.cleared-share", "(everyone out in {p} of the replications)",
        "(خرج الجميع في {p} من التكرارات)");
  c.add("sim.chart-values", "Values of the chart", "قيم الرسم البياني");
  c.add("sim.nobody-chart", "Nobody to move: everyone chose to stay, or no one was there.",
        "لا أحد لنقله: اختار الجميع البقاء، أو لم يكن هناك أحد.");
  c.add("sim.parity-nobody", "{operation}: nobody to move", "{operation}: لا أحد لنقله");
  c.add("sim.events-after",
        "{n:one=# event falls|other=# events fall} after the horizon of {horizon}, not simulated.",
        "{n:one=حدث واحد يقع|two=حدثان يقعان|few=# أحداث تقع|many=# حدثاً يقع|other=# حدث يقع} "
        "بعد المدة القصوى ({horizon})، فلم تُحاكَ.");
  c.add("sim.events-shaded",
        "Scheduled events: shaded, the suspensions (grey), holds (hatched) and slowdowns "
        "(dotted); ▼, the others.",
        "الأحداث المجدولة: المظللة هي فترات تعليق الحركة (رمادي) والاحتجازات (مخطّط) "
        "والتباطؤات (منقّط)؛ ▼ للأحداث الأخرى.");
  // Scheduled events within the horizon that start after the end of the curves' time axis (the
  // curves no longer change): not on the chart. {end}: that end, "20 h"; {events}: a list.
  c.add("sim.events-beyond", "Not drawn, after the end of the chart ({end}): {events}",
        "لم تُرسم لوقوعها بعد نهاية الرسم ({end}): {events}");
  // A scheduled event; {when}: its time or window with its unit ("28 h", "1.2 – 3.8 d").
  c.add("sim.event", "{name} ({kind}, {when})", "{name} ({kind}، {when})");
  c.add("sim.kind-hold", "hold", "احتجاز");
  c.add("sim.kind-removal", "removal", "إنزال ركاب");
  c.add("sim.kind-fire", "fire", "إطلاق نار");
  c.add("sim.kind-vehicle-loss", "vehicles lost", "فقدان مركبات");
  c.add("sim.kind-suspension", "suspension", "تعليق الحركة");
  c.add("sim.kind-turn-back", "turned back", "إعادة القافلة أدراجها");
  c.add("sim.kind-slowdown", "slowdown", "تباطؤ");
  c.add("sim.kind-checkpoint-change", "checkpoint change", "تغيّر في وضع الحاجز");
  c.add("sim.summary", "Summary", "الملخص");
  c.add("sim.curves", "People over time", "الأشخاص مع الزمن");
  c.add("sim.distribution", "Distribution of clearance times", "توزيع أزمنة الإجلاء");
  c.add("sim.bands-from", "Bands from the first {n:one=replication|other=# replications}.",
        "النطاقات من {n:one=التكرار الأول|two=أول تكرارين|few=أول # تكرارات|many=أول # تكراراً|"
        "other=أول # تكرار}.");
  c.add("sim.same-time", "Every replication cleared everyone in {t}.",
        "في كل التكرارات خرج الجميع خلال {t}.");
  c.add(
      "sim.not-reached-count",
      "{n} of " + replications_en("total") + " did not clear everyone: the ceasefire ended first.",
      "{n} من " + replications_ar("total", true) +
          " لم يُجلَ فيها الجميع: انتهى وقف إطلاق النار قبل ذلك.");
  c.add("sim.not-reached-count-by-horizon",
        "{n} of " + replications_en("total") + " did not clear everyone within the horizon.",
        "{n} من " + replications_ar("total", true) + " لم يُجلَ فيها الجميع ضمن المدة القصوى.");
  c.add("sim.not-reached-count-either",
        "{n} of " + replications_en("total") +
            " did not clear everyone: the ceasefire ended, or the horizon came, first.",
        "{n} من " + replications_ar("total", true) +
            " لم يُجلَ فيها الجميع: انتهى وقف إطلاق النار أو بلغت المدة القصوى قبل ذلك.");
  c.add(
      "sim.reading",
      "Times are hours since the agreement start. Median: half of the replications took no longer. "
      "P10 – P90: 80% of the replications fall in this range; P90 is the time by which 90% had "
      "finished. Mean with its 95% confidence interval, shown only when every replication "
      "finished. Under the people not out at the end (at the horizon, or once nothing could move "
      "any more): what held them when the replication ended, each person under the first "
      "reason that applied.",
      "الأزمنة بالساعات منذ بدء الاتفاق. الوسيط: نصف التكرارات لم يستغرق أكثر منه. المئين 10 – 90: "
      "يقع 80% من التكرارات في هذا المجال؛ المئين 90 هو الزمن الذي انتهى قبله 90% منها. المتوسط "
      "مع مجال ثقة 95%، ويظهر فقط إذا انتهت كل التكرارات. وتحت من لم يخرجوا بحلول النهاية (نهاية "
      "المدة "
      "القصوى، أو حين لم يعد شيء قادراً على الحركة): ما أوقفهم عند نهاية التكرار، كلٌّ تحت أول "
      "سبب انطبق عليه.");
  c.add("sim.reading-one",
        "Times are hours since the agreement start. One replication: each value is its own, with "
        "no median, range or mean over replications. Under the people not out at the end (at the "
        "horizon, or once nothing could move any more): what held them when the replication "
        "ended, each person under the first reason that applied.",
        "الأزمنة بالساعات منذ بدء الاتفاق. تكرار واحد: كل قيمة هي قيمته، بلا وسيط ولا مجال ولا "
        "متوسط عبر التكرارات. وتحت من لم يخرجوا بحلول النهاية (نهاية المدة القصوى، أو حين لم يعد "
        "شيء قادراً على الحركة): ما أوقفهم عند نهاية التكرار، كلٌّ تحت أول سبب انطبق عليه.");
  c.add("sim.written", "written {file}", "كُتب {file}");
  c.add("sim.too-much-memory",
        "mamar simulate: " + replications_en("n") +
            " would keep about {needed} GB in memory (each replication's results, which the "
            "percentiles need), more than three quarters of this machine's {memory} GB: ask for "
            "--replications {most} or fewer",
        "mamar simulate: تحتاج " + replications_ar("n", false) +
            " إلى نحو {needed} غيغابايت من الذاكرة (نتائج كل تكرار، وتحتاجها المئينات)، وهذا "
            "أكثر من ثلاثة أرباع ذاكرة هذا الجهاز البالغة {memory} غيغابايت: اطلب "
            "--replications {most} أو أقل");
  c.add("cmp.title", "What if: a variant against its base, replication by replication",
        "ماذا لو: بديل مقارنةً بالأساس، تكراراً بتكرار");
  c.add("cmp.base-is", "base:    {scenario}", "الأساس: {scenario}");
  c.add("cmp.variant-is", "variant: {scenario}", "البديل: {scenario}");
  c.add("cmp.changes", "what the variant changes:", "ما يغيّره البديل:");
  c.add("cmp.simulation-not-used",
        "(the variant's simulation section is not used: both runs take the replications, seed and "
        "horizon of the command line, else of the base)",
        "(لا يُستخدم قسم simulation في البديل: يأخذ التشغيلان عدد التكرارات والبذرة العشوائية "
        "والمدة القصوى من سطر الأوامر، وإلا من الأساس)");
  c.add("cmp.no-changes",
        "the variant changes no field of the base (names aside): the two runs are the same",
        "لا يغيّر البديل أي حقل من الأساس (عدا الأسماء): التشغيلان متطابقان");
  c.add("cmp.more-changes", "… and {n} more (all of them in comparison.json)",
        "… و{n} غيرها (كلها في comparison.json)");
  c.add("cmp.run",
        "{replications:one=# pair|other=# pairs} of replications, seed {seed}, horizon {horizon}",
        "{replications:one=زوج واحد|two=زوجان|few=# أزواج|many=# زوجاً|other=# زوج} من التكرارات، "
        "البذرة العشوائية {seed}، المدة القصوى {horizon}");
  c.add("cmp.paired",
        "Replication k of the variant draws the same random numbers as replication k of the base "
        "wherever the two share a source of randomness: each change is measured pair by pair.",
        "يسحب التكرار k من البديل الأرقام العشوائية نفسها التي يسحبها التكرار k من الأساس في كل "
        "مصدر عشوائية مشترك بينهما: يُقاس كل تغيّر زوجاً بزوج.");
  c.add("cmp.reading",
        "base, variant: medians (a chance of finishing: shares of the replications); "
        "change: variant − base in the same replication; higher, lower: "
        "share of the pairs where the variant's value is higher (for a time: later) or lower; "
        "∞: only one of the two cleared everyone.",
        "الأساس، البديل: الوسيط (ولاحتمال الانتهاء: نسبة التكرارات)؛ التغيّر: البديل − "
        "الأساس في التكرار نفسه؛ أعلى، أدنى: نسبة الأزواج "
        "التي كانت فيها قيمة البديل أعلى (للزمن: أطول) أو أدنى؛ ∞: أجلى أحدهما فقط الجميع.");
  c.add("cmp.base", "base", "الأساس");
  c.add("cmp.variant", "variant", "البديل");
  c.add("cmp.change", "change [P10 – P90]", "التغيّر [المئين 10 – 90]");
  c.add("cmp.mean-change", "mean change, 95% CI", "متوسط التغيّر (مجال ثقة 95%)");
  c.add("cmp.higher", "higher", "أعلى");
  c.add("cmp.lower", "lower", "أدنى");
  c.add("cmp.unchanged", "the same in every pair", "متطابق في كل الأزواج");
  // Units after a change and its range ("+1.2 [−0.4 – +3.0] h"): no plural form to choose.
  c.add("cmp.hours", "{n} h", "{n} ساعة");
  c.add("cmp.chance-interval", "95% CI", "مجال ثقة 95%");
  // A gathering point whose capacity the variant changes (or gives or takes away).
  c.add("cmp.over-capacity",
        "hours over its capacity ({base} in the base, {variant} in the variant)",
        "ساعات تجاوز سعتها ({base} في الأساس، {variant} في البديل)");
  c.add("cmp.no-capacity", "none", "بلا سعة");
  c.add("cmp.points", "{n} points", "{n} نقطة مئوية");
  c.add("cmp.reports", "Each run's own report", "تقرير كل تشغيل على حدة");
  // The report of one of the two runs of a comparison, in base/ or variant/.
  c.add("cmp.title-base", "{name} — simulation results, the base of a comparison",
        "{name} — نتائج المحاكاة، الأساس في مقارنة");
  c.add("cmp.title-variant", "{name} — simulation results, the variant of a comparison",
        "{name} — نتائج المحاكاة، البديل في مقارنة");
  c.add("cmp.run-of", "This is one of the two runs of a comparison", "هذا أحد تشغيلَي مقارنة");
  c.add("cmp.comparison-report", "the comparison's report", "تقرير المقارنة");
  c.add(
      "cmp.chance-note",
      "The share of the replications in which everyone was out by each time, in the base (the "
      "wide grey curve) and in the variant (the thin curve, in the operation's colour). Where the "
      "variant's curve lies left of the base's, the variant clears everyone sooner with that "
      "chance: read across from the chance wanted to how much shorter, or longer, the ceasefire "
      "would have to hold. A category's or a phase's chart does the same for its people, over the "
      "pairs in which it had people to clear in both runs (a category whose curves are a phase's "
      "is drawn as that phase).",
      "نسبة التكرارات التي خرج فيها الجميع بحلول كل وقت، في الأساس (المنحنى الرمادي العريض) "
      "وفي البديل (المنحنى الرفيع بلون العملية). حيث يقع منحنى البديل يسار منحنى الأساس يُجلي "
      "البديل الجميع أسرع بذلك الاحتمال: من الاحتمال المطلوب تُقرأ المدة التي يمكن أن يقصر بها "
      "وقف إطلاق النار أو يجب أن يطول. ويفعل رسم الفئة أو المرحلة الشيء نفسه لأفرادها، في "
      "الأزواج التي كان فيها أفراد لها في التشغيلين كليهما (والفئة التي منحنياتها منحنيات مرحلة "
      "تُرسم بتلك المرحلة).");
  c.add("cmp.only-base", "Only in the base, not compared: {operation}",
        "في الأساس فقط، بلا مقارنة: {operation}");
  c.add("cmp.only-variant", "Only in the variant, not compared: {operation}",
        "في البديل فقط، بلا مقارنة: {operation}");
  c.add("cmp.gain",
        "Measured pair by pair, the 95% interval of the mean change in the time to clear "
        "everyone is ±{paired}\u00a0h; two independent runs of as many replications would give "
        "±{independent}\u00a0h.",
        "بالقياس زوجاً بزوج، مجال الثقة 95% لمتوسط التغيّر في زمن إجلاء الجميع ±{paired}\u00a0ساعة؛ "
        "وكان تشغيلان مستقلان بالعدد نفسه من التكرارات سيعطيان ±{independent}\u00a0ساعة.");
  return c;
}

}  // namespace mamar::app
