// Simulation results as one self-contained HTML file: inline CSS, charts as inline SVG drawn
// here, no scripts and nothing fetched. In Arabic the page is right-to-left; time axes still run
// left to right, as in Arabic scientific publishing, and bar charts are mirrored.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "mamar/app/simulate.hpp"
#include "results_common.hpp"

namespace mamar::app {
namespace {

using results::count_ticks;
using results::display_width;
using results::grouped;
using results::hours_number;
using results::percent;
using results::shorten;
using results::Tick;
using results::Words;

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Numbers read left to right in either language: a range "P10 – P90" with its P10 on the
// left, as on the charts' axes and in the comparison, and "<1%" not shown as "1%>".
std::string ltr(std::string_view text) {
  return "<bdi dir=\"ltr\">" + esc(text) + "</bdi>";
}

// The pieces of `text`, each with whether it is a range of numbers: "10 – 90", "0 – 4.5",
// "18:00 – 06:00", "10% – 90%", "12-16", or more numbers so joined ("2016-12-18"); a number is
// digits with "." "," ":" inside, "+" or "−" before, "%" after ("P10 – P90" is not one). In
// right-to-left text a range reads right to left ("90 – 10"), its numbers taking the direction
// of the letters before them: its pieces are isolated left to right, as ltr() does a table's
// cells.
std::vector<std::pair<std::string_view, bool>> range_pieces(std::string_view text) {
  constexpr std::string_view kMinus = "−";
  constexpr auto kNone = std::string_view::npos;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto inside = [&](char c) { return digit(c) || c == '.' || c == ',' || c == ':'; };
  auto word = [&](char c) { return digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  // The length of the dash at `at`: an en dash, or a hyphen; 0 when there is none.
  auto dash = [&](std::size_t at) -> std::size_t {
    if (text.substr(at, 3) == "–") return 3;
    return text.substr(at, 1) == "-" ? 1 : 0;
  };
  // The end of the number that starts at `at`, after spaces; kNone when none does.
  auto number_end = [&](std::size_t at) {
    while (at < text.size() && text[at] == ' ') ++at;
    if (text.substr(at, 1) == "+") {
      ++at;
    } else if (text.substr(at, kMinus.size()) == kMinus) {
      at += kMinus.size();
    }
    if (at >= text.size() || !digit(text[at])) return kNone;
    while (at < text.size() && inside(text[at])) ++at;
    while (!digit(text[at - 1])) --at;  // a separator after it ends the sentence
    if (at < text.size() && text[at] == '%') ++at;
    return at < text.size() && word(text[at]) ? kNone : at;
  };
  std::vector<std::pair<std::string_view, bool>> out;
  std::size_t done = 0;  // the text before it is in `out`
  for (std::size_t at = 0; at < text.size(); ++at) {
    const std::size_t after = dash(at);
    if (after == 0) continue;
    // The number before the dash: back over spaces, a "%", then its digits and separators.
    std::size_t begin = at;
    while (begin > done && text[begin - 1] == ' ') --begin;
    if (begin > done && text[begin - 1] == '%') --begin;
    while (begin > done && inside(text[begin - 1])) --begin;
    while (begin < at && !digit(text[begin])) ++begin;  // it starts with a digit
    if (begin == at || text[begin] == '%') continue;
    if (begin > done && text[begin - 1] == '+') {
      --begin;
    } else if (begin >= done + kMinus.size() &&
               text.substr(begin - kMinus.size(), kMinus.size()) == kMinus) {
      begin -= kMinus.size();
    }
    if (begin > 0 && word(text[begin - 1])) continue;  // "P10"
    // The number after it, and any more joined so.
    std::size_t end = number_end(at + after);
    if (end == kNone) continue;
    for (;;) {
      std::size_t next = end;
      while (next < text.size() && text[next] == ' ') ++next;
      const std::size_t more = dash(next);
      if (more == 0 || number_end(next + more) == kNone) break;
      end = number_end(next + more);
    }
    if (begin > done) out.emplace_back(text.substr(done, begin - done), false);
    out.emplace_back(text.substr(begin, end - begin), true);
    done = end;
    at = end - 1;
  }
  if (done < text.size()) out.emplace_back(text.substr(done), false);
  return out;
}

// Text of the page, escaped, its ranges of numbers isolated left to right (range_pieces()).
std::string text_html(std::string_view text) {
  std::string out;
  for (const auto& [piece, range] : range_pieces(text)) out += range ? ltr(piece) : esc(piece);
  return out;
}

// Text of a chart's text or tooltip (<title>), escaped, its ranges of numbers isolated left to
// right by the characters that do it in plain text, LRI … PDI (SVG text holds no <bdi>). In a
// right-to-left report a tooltip is isolated right to left as a whole (RLI … PDI): the chart's
// direction is left to right, and a tooltip may take it, which would put its Arabic text's
// brackets and ending out of place.
std::string svg_text(std::string_view text, bool rtl = false) {
  constexpr std::string_view kLri = "\u2066";  // LEFT-TO-RIGHT ISOLATE
  constexpr std::string_view kRli = "\u2067";  // RIGHT-TO-LEFT ISOLATE
  constexpr std::string_view kPdi = "\u2069";  // POP DIRECTIONAL ISOLATE
  std::string out = rtl ? std::string(kRli) : std::string();
  for (const auto& [piece, range] : range_pieces(text)) {
    out += range ? std::string(kLri) + esc(piece) + std::string(kPdi) : esc(piece);
  }
  return rtl ? out + std::string(kPdi) : out;
}

// A message of the catalog, escaped, with each argument in place as the HTML given for it.
// Each argument becomes a marker no message holds (its number between two control characters),
// then its HTML. A marker is not a number, so a message whose plural choice depends on an
// argument (Catalog) would take its "other" form here: such messages are rendered with
// text_html(w(...)) instead.
std::string message_html(const Words& w, const std::string& key,
                         const std::vector<std::pair<std::string, std::string>>& html_args) {
  std::vector<std::pair<std::string, std::string>> markers;
  for (std::size_t i = 0; i < html_args.size(); ++i)
    markers.emplace_back(html_args[i].first, "\x01" + std::to_string(i) + "\x02");
  std::string out = text_html(w(key, markers));
  for (std::size_t i = 0; i < html_args.size(); ++i) {
    const std::string& marker = markers[i].second;
    const auto at = out.find(marker);
    if (at != std::string::npos) out.replace(at, marker.size(), html_args[i].second);
  }
  return out;
}

// A message of the catalog, escaped, with each argument isolated from the text around it
// (<bdi dir="ltr">). In an Arabic sentence the bidirectional algorithm reorders what follows
// Arabic letters: "1.4%" shows as "%1.4" beside a "3.0%" that starts the line, and the parts of
// a date change places.
std::string isolated(const Words& w, const std::string& key,
                     const std::vector<std::pair<std::string, std::string>>& args) {
  std::vector<std::pair<std::string, std::string>> html_args;
  html_args.reserve(args.size());
  for (const auto& [name, value] : args) html_args.emplace_back(name, ltr(value));
  return message_html(w, key, html_args);
}

// A space where a line may break, in a cell that otherwise keeps to one line (td: nowrap): a
// comparison's wide cells, so that its table fits the page.
constexpr std::string_view kWrap = "<span class=\"wrap\"> </span>";

// Numbers isolated left to right, as ltr(), that may go on to a second line before a bracket:
// "+1,054 [+823 – +1,346]", "+49.5 (+44.5 – +54.5)", the figure first.
std::string ltr_breakable(std::string_view text) {
  const auto at = text.find_first_of("[(");
  if (at == std::string_view::npos || at == 0 || text[at - 1] != ' ') return ltr(text);
  return "<bdi dir=\"ltr\">" + esc(text.substr(0, at - 1)) + std::string(kWrap) +
         esc(text.substr(at)) + "</bdi>";
}

// A range whose ends are words as well as numbers ("82.9 h – not reached"), left to right as
// ltr() writes one of numbers, each end isolated in the direction of its own words. In an
// Arabic report an end's words on either side of the dash would otherwise join into one run
// read right to left: "82.9 ساعة – لم يتحقق" showed "not reached" between the number and its
// unit. A line may break after the dash.
std::string ltr_range(std::string_view low, std::string_view high) {
  return "<bdi dir=\"ltr\"><bdi>" + esc(low) + "</bdi> –" + std::string(kWrap) + "<bdi>" +
         esc(high) + "</bdi></bdi>";
}

// A chance's interval (results::chance_interval_text()), its range left to right: of numbers
// as text_html() isolates them ("(95% CI <bdi>11.8 – 12.3</bdi> h)"), with a high bound not
// reached by ltr_range(). `bare`: the range alone, as in a comparison's line of intervals.
std::string chance_interval_html(const sim::ChanceInterval& interval, const Words& w,
                                 bool bare = false) {
  if (std::isnan(interval.low_h) || !std::isnan(interval.high_h))
    return text_html(results::chance_interval_text(interval, w, bare));
  const std::string range =
      ltr_range(w("sim.hours", {{"n", hours_number(interval.low_h)}}), w("sim.not-reached"));
  return bare ? range : message_html(w, "sim.interval-of", {{"range", range}});
}

std::string coord(double v) {
  return fmt::format("{:.1f}", v);
}

// --- axes ------------------------------------------------------------------------------------

double nice_step(double range, int target) {
  if (!(range > 0)) return 1;
  const double raw = range / target;
  const double scale = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * scale >= raw * (1 - 1e-9)) return m * scale;
  }
  return 10 * scale;
}

// Enough decimals to write `step` exactly (2.5 needs one, 0.25 two), up to `most`.
int step_decimals(double step, int most = 6) {
  int decimals = 0;
  while (decimals < most) {
    const double scaled = step * std::pow(10.0, decimals);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled) break;
    ++decimals;
  }
  return decimals;
}

// The step of the ticks of a value axis over [lo, hi].
double tick_step(double lo, double hi, int target) {
  return nice_step(hi - lo, target);
}

// The ticks at the multiples of `step` over [lo, hi], with `decimals`.
std::vector<Tick> ticks_every(double lo, double hi, double step, int decimals) {
  std::vector<Tick> out;
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    out.push_back({v, grouped(std::abs(v) < step * 1e-9 ? 0.0 : v, decimals)});
  }
  return out;
}

std::vector<Tick> value_ticks(double lo, double hi, int target) {
  const double step = tick_step(lo, hi, target);
  return ticks_every(lo, hi, step, step_decimals(step));
}

}  // namespace

// A whole step: the round one down to a whole number (2.5 to 2: ticks 2.5 and 7.5 would be
// written "2" and "8"; 25 and 250 are whole), and at least 1.
std::vector<Tick> results::count_ticks(double lo, double hi, int target) {
  return ticks_every(lo, hi, std::max(1.0, std::floor(tick_step(lo, hi, target))), 0);
}

namespace {

// The ticks and title of an axis; of a time axis, its unit and the decimals of its ticks.
struct Axis {
  std::vector<Tick> ticks;
  std::string title;
  bool days = false;
  int decimals = 0;
};

// Whether the time axes of a report are in days: when the longest of them reaches past four
// days. One unit for every chart of a report, so that a time read off one chart is read the same
// way off the next.
bool axes_in_days(double longest_h) {
  return longest_h > 96;
}

// A time axis in hours, or in days.
Axis time_axis(double lo_h, double hi_h, bool days, const Words& w) {
  Axis axis;
  axis.days = days;
  if (days) {
    for (const auto& t : value_ticks(lo_h / 24, hi_h / 24, 6))
      axis.ticks.push_back({t.value * 24, t.label});
    axis.title = w("sim.axis-days");
    axis.decimals = step_decimals(tick_step(lo_h / 24, hi_h / 24, 6));
  } else {
    axis.ticks = value_ticks(lo_h, hi_h, 6);
    axis.title = w("sim.axis-hours");
    axis.decimals = step_decimals(tick_step(lo_h, hi_h, 6));
  }
  return axis;
}

// How a time is written on a time axis: in its unit (hours or days), to the decimals of its
// ticks, as its ticks are written ("2.16" on ticks 2.00, 2.25, 2.50), and at least one ("2.2" on
// ticks 0, 1, 2, 3). A time the scenario sets (an event, the end of a ceasefire), mostly on the
// hour, is written as whole as the ticks are when it is whole in the unit ("9 h", "1 d").
std::string axis_number(const Axis& axis, double h, bool set = false) {
  const double v = axis.days ? h / 24 : h;
  const bool whole = std::abs(v - std::round(v)) < 1e-9;
  return grouped(whole ? std::round(v) : v,
                 set && whole ? axis.decimals : std::max(axis.decimals, 1));
}

// A number or range of numbers ("2.2", "0 – 0.4") with the unit of a time axis, in words.
std::string axis_unit(const Axis& axis, const std::string& numbers, const Words& w) {
  return w(axis.days ? "sim.days" : "sim.hours", {{"n", numbers}});
}

// --- SVG -------------------------------------------------------------------------------------

class Svg {
 public:
  // `rtl`: of a right-to-left report (its label and tooltips read right to left, svg_text()).
  Svg(double width, double height, const std::string& label, bool rtl)
      : width_(width), height_(height), rtl_(rtl) {
    out_ = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">)",
        coord(width), coord(height), coord(width), coord(height), svg_text(label, rtl_));
    out_ += "<title>" + svg_text(label, rtl_) + "</title>";
  }
  double width() const { return width_; }
  double height() const { return height_; }
  void raw(const std::string& s) { out_ += s; }
  void line(double x1, double y1, double x2, double y2, const std::string& style) {
    out_ += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" {}/>)", coord(x1), coord(y1),
                        coord(x2), coord(y2), style);
  }
  void rect(double x, double y, double w, double h, const std::string& style,
            const std::string& title = {}) {
    out_ += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" {})", coord(x), coord(y),
                        coord(std::max(w, 0.0)), coord(std::max(h, 0.0)), style);
    out_ += title.empty() ? "/>" : ("><title>" + svg_text(title, rtl_) + "</title></rect>");
  }
  void text(double x, double y, const std::string& text, const std::string& anchor,
            const std::string& extra = {}, const std::string& title = {}) {
    out_ += fmt::format(R"(<text x="{}" y="{}" text-anchor="{}"{}>{}{}</text>)", coord(x), coord(y),
                        anchor, extra.empty() ? "" : " " + extra, svg_text(text),
                        title.empty() ? "" : "<title>" + svg_text(title, rtl_) + "</title>");
  }
  void polyline(const std::vector<std::pair<double, double>>& pts, const std::string& style) {
    std::string p;
    for (const auto& [x, y] : pts) p += coord(x) + "," + coord(y) + " ";
    out_ += fmt::format(R"(<polyline points="{}" fill="none" {}/>)", p, style);
  }
  void polygon(const std::vector<std::pair<double, double>>& pts, const std::string& style,
               const std::string& title = {}) {
    std::string p;
    for (const auto& [x, y] : pts) p += coord(x) + "," + coord(y) + " ";
    out_ += fmt::format(R"(<polygon points="{}" {})", p, style);
    out_ += title.empty() ? "/>" : ("><title>" + svg_text(title, rtl_) + "</title></polygon>");
  }
  std::string str() const { return out_ + "</svg>"; }

 private:
  double width_;
  double height_;
  bool rtl_;
  std::string out_;
};

// A plot area with linear scales.
struct Plot {
  double left = 64, right = 20, top = 16, bottom = 48;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  double width = 880, height = 320;

  double x(double v) const {
    return left + (x1 == x0 ? 0 : (v - x0) / (x1 - x0)) * (width - left - right);
  }
  double y(double v) const {
    return height - bottom - (y1 == y0 ? 0 : (v - y0) / (y1 - y0)) * (height - top - bottom);
  }
};

void draw_axes(Svg& svg, const Plot& p, const std::vector<Tick>& xticks,
               const std::vector<Tick>& yticks, const std::string& xtitle,
               const std::string& ytitle) {
  for (const auto& t : yticks) {
    svg.line(p.left, p.y(t.value), p.width - p.right, p.y(t.value), R"(stroke="#e4e4e4")");
    svg.text(p.left - 6, p.y(t.value) + 4, t.label, "end", R"(class="tick")");
  }
  for (const auto& t : xticks) {
    if (t.value < p.x0 - 1e-9 || t.value > p.x1 + 1e-9) continue;
    svg.line(p.x(t.value), p.height - p.bottom, p.x(t.value), p.height - p.bottom + 4,
             R"(stroke="#888")");
    svg.text(p.x(t.value), p.height - p.bottom + 16, t.label, "middle", R"(class="tick")");
  }
  svg.line(p.left, p.height - p.bottom, p.width - p.right, p.height - p.bottom, R"(stroke="#888")");
  svg.line(p.left, p.top, p.left, p.height - p.bottom, R"(stroke="#888")");
  svg.text((p.left + p.width - p.right) / 2, p.height - 8, xtitle, "middle", R"(class="axis")");
  if (!ytitle.empty()) {
    svg.text(14, (p.top + p.height - p.bottom) / 2, ytitle, "middle",
             fmt::format(R"svg(class="axis" transform="rotate(-90 14 {})")svg",
                         coord((p.top + p.height - p.bottom) / 2)));
  }
}

// --- colours ---------------------------------------------------------------------------------
//
// A colour means one thing in a report, on every chart that uses it:
// - each state of the people, on the curves: inside, in transit, out, and waiting at a gathering
//   point;
// - each operation, by its order in the scenario, wherever operations are drawn (the chance that
//   everyone is out, the linkage parity; in a comparison, the variant's curve of the operation);
// - grey and black draw what is neither, told apart by their labels, widths, dashes and fill
//   patterns, never by their shade: the phases of an operation (black lines, each with its own
//   dashes and width), all operations together (a wide grey line, and the bars of the
//   histograms of all operations), the checkpoints' bars, the base of a comparison (a wide grey
//   line, as all operations under the lines of each), the scheduled events (grey fills and
//   patterns, a black ▼) and the marks (dashed black lines: medians, P90, ceasefire ends).
// A median is a line of its series' colour and style, its P10–P90 a band of the same colour
// (kBandOpacity); on bars, the bar and a black whisker.
// The colours are of the Okabe–Ito and Tol palettes: told apart with each common colour-vision
// deficiency, and each at least 3:1 against white. Colour is never alone: each state and operation
// has a line style of its own as well, shown in a legend that names it.

// How a series of a chart is drawn: its colour and its dashes (empty: a solid line).
struct SeriesStyle {
  const char* color;
  const char* dash;
};

// The states of the people on the curves.
constexpr SeriesStyle kInside{"#d55e00", ""};
constexpr SeriesStyle kInTransit{"#0072b2", "2 3"};
constexpr SeriesStyle kOut{"#009e73", "8 4"};
// Of those inside, the people waiting at a gathering point (come, not yet aboard).
constexpr SeriesStyle kWaiting{"#882255", "6 2 2 2"};

// Grey: what is not one operation or one state (see above); light under the lines drawn over it.
constexpr const char* kGrey = "#888";
constexpr const char* kLightGrey = "#bbb";
// Black: marks on a chart, and the whiskers of bars.
constexpr const char* kInk = "#222";
// The opacity of a P10–P90 band, on the charts and in their legends.
constexpr double kBandOpacity = 0.18;

// The style of operation `op` (its index in the scenario): a colour of its own for each of the
// first four, each with its own dashes; after them the colours come round again, each with other
// dashes than before.
SeriesStyle operation_style(std::int32_t op) {
  static constexpr const char* kColors[] = {"#aa4499", "#997700", "#332288", "#666633"};
  static constexpr const char* kDashes[] = {"", "8 4", "2 3", "8 3 2 3"};
  const auto k = static_cast<std::size_t>(std::max(op, 0));
  return {kColors[k % 4], kDashes[(k + k / 4) % 4]};
}

// The line of the p-th curve of a chart of an operation's phases or categories: black, each of
// the first four with its own dashes, then the same dashes wider.
std::pair<SeriesStyle, double> ink_line(std::size_t p) {
  static constexpr const char* kDashes[] = {"", "8 4", "2 3", "8 3 2 3"};
  const std::size_t round = p / 4;  // 0 for the first four
  return {{kInk, kDashes[p % 4]}, 2.0 + 1.5 * static_cast<double>(round)};
}

// The stroke of a line of `style` and `width`.
std::string stroke(const SeriesStyle& style, double width) {
  std::string out = fmt::format(R"(stroke="{}" stroke-width="{}")", style.color, width);
  if (*style.dash != '\0') out += fmt::format(R"( stroke-dasharray="{}")", style.dash);
  return out;
}

// A legend's sample of a series: its line, over its band when it has one, as on the chart.
std::string swatch(const SeriesStyle& style, double width, bool band) {
  std::string out =
      R"(<svg class="swatch" width="26" height="12" viewBox="0 0 26 12" aria-hidden="true">)";
  if (band) {
    out += fmt::format(R"(<rect x="0" y="1" width="26" height="10" fill="{}" fill-opacity="{}"/>)",
                       style.color, kBandOpacity);
  }
  return out +
         fmt::format(R"(<line x1="0" y1="6" x2="26" y2="6" {}/></svg>)", stroke(style, width));
}

// The end of a ceasefire window on a chart, with its label: "ceasefire ends", followed by the
// operations it ends for when it does not end for all of them.
struct CeasefireEnd {
  double h;
  std::string label;
};

// The ends of the ceasefire windows of operations `ops`, each labelled: "ceasefire ends" where
// it ends for all of them, else with the names of those it ends for.
std::vector<CeasefireEnd> ceasefire_ends_of(const model::Scenario& s,
                                            const std::vector<std::int32_t>& ops, const Words& w) {
  std::vector<double> all;
  for (const auto o : ops) {
    const auto ends = results::ceasefire_ends_h(s, o);
    all.insert(all.end(), ends.begin(), ends.end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::vector<CeasefireEnd> out;
  for (double h : all) {
    std::string of;
    std::size_t ending = 0;
    for (const auto o : ops) {
      const auto ends = results::ceasefire_ends_h(s, o);
      if (std::find(ends.begin(), ends.end(), h) == ends.end()) continue;
      ++ending;
      of += (of.empty() ? "" : w("sim.list-separator")) + results::operation_name(s, o, w.lang);
    }
    out.push_back({h, ending == ops.size() ? w("sim.ceasefire-ends")
                                           : w("sim.ceasefire-ends-of", {{"operations", of}})});
  }
  return out;
}

// The ends of operation `op`'s ceasefire windows, or of every operation's (op -1), each labelled.
std::vector<CeasefireEnd> ceasefire_ends(const model::Scenario& s, std::int32_t op,
                                         const Words& w) {
  std::vector<std::int32_t> ops;
  for (std::int32_t o = 0; o < static_cast<std::int32_t>(s.operations.size()); ++o) {
    if (op < 0 || o == op) ops.push_back(o);
  }
  return ceasefire_ends_of(s, ops, w);
}

// Those of the operations gathering at place `place` (only theirs matter to who waits there).
std::vector<CeasefireEnd> ceasefire_ends_at(const model::Scenario& s, std::int32_t place,
                                            const Words& w) {
  std::vector<std::int32_t> ops;
  for (std::int32_t o = 0; o < static_cast<std::int32_t>(s.operations.size()); ++o) {
    if (static_cast<std::int32_t>(
            s.operations[static_cast<std::size_t>(o)].gathering_point.idx()) == place)
      ops.push_back(o);
  }
  return ceasefire_ends_of(s, ops, w);
}

// Whether a curve drawn on a plot passes through the box of values [low, high] (of the y axis)
// between times from_h and to_h: where a label there would be written over it.
using CurveIn = std::function<bool(double from_h, double to_h, double low, double high)>;

// A dashed line at the end of each ceasefire window inside the plot's time range, labelled with
// its time on `axis` ("ceasefire ends · 8.2 d") at the top, left of the line; the labels of lines
// near each other on rows one under the other. Where `curve_in` says a curve runs under a label
// at the top, it goes at the bottom of the plot, or, with a curve under it there too, on the
// highest row between them that none runs through (at the top when there is none).
void draw_ceasefire_ends(Svg& svg, const Plot& p, const Axis& axis,
                         const std::vector<CeasefireEnd>& ends, const Words& w,
                         const CurveIn& curve_in = {}) {
  constexpr double kCharWidth = 7;  // of a label, at most, per character
  double last_x = -1e9;
  int level = 0;
  // The values a label written at baseline y covers (13 px above it to 3 below), with 3 px
  // more each side for half of a wide curve's stroke.
  auto covered = [&p](double y) {
    const double span = p.height - p.top - p.bottom;
    const double low = (p.height - p.bottom - (y + 6)) / span * (p.y1 - p.y0) + p.y0;
    const double high = (p.height - p.bottom - (y - 16)) / span * (p.y1 - p.y0) + p.y0;
    return std::pair{low, high};
  };
  for (const auto& e : ends) {
    if (e.h < p.x0 || e.h > p.x1) continue;
    const double x = p.x(e.h);
    const std::string label = e.label + " · " + axis_unit(axis, axis_number(axis, e.h, true), w);
    const double label_w = kCharWidth * static_cast<double>(display_width(label));
    level = x - last_x < label_w ? (level + 1) % 3 : 0;
    last_x = x;
    svg.line(x, p.top, x, p.height - p.bottom,
             fmt::format(R"(stroke="{}" stroke-dasharray="5 4" pointer-events="none")", kInk));
    double y = p.top + 10 + 13 * level;
    if (curve_in) {
      // The times under the label, from its start to the line.
      const double from_h = e.h - (label_w + 4) / (p.width - p.left - p.right) * (p.x1 - p.x0);
      auto free = [&](double baseline) {
        const auto [low, high] = covered(baseline);
        return !curve_in(from_h, e.h, low, high);
      };
      const double bottom = p.height - p.bottom - 6 - 13 * level;
      if (!free(y)) {
        double row = bottom;
        for (double between = y + 16; !free(row) && between < bottom; between += 13) row = between;
        if (free(row)) y = row;
      }
    }
    svg.text(x - 4, y, label, "end", R"(class="mark")");
  }
}

// A scheduled event in words: "Halt (suspension, 28 – 90 h)", its time in hours (in a list), or
// as on time axis `axis` ("Halt (suspension, 1.2 – 3.8 d)", pointed at on a chart in days).
std::string event_text(const results::EventMark& e, const Words& w, const Axis* axis = nullptr) {
  // Words of the kinds, in model::RiskKind's order.
  static const char* const kKinds[] = {"sim.kind-hold",       "sim.kind-removal",
                                       "sim.kind-fire",       "sim.kind-vehicle-loss",
                                       "sim.kind-suspension", "sim.kind-turn-back",
                                       "sim.kind-slowdown",   "sim.kind-checkpoint-change"};
  const char* kind = kKinds[static_cast<int>(e.kind)];
  // Whole hours as such ("9", not "9.0"): events are mostly set on the hour.
  auto number = [&](double h) {
    if (axis != nullptr) return axis_number(*axis, h, true);
    return h == std::floor(h) ? grouped(h) : hours_number(h);
  };
  std::string numbers = number(e.from_h);
  if (e.to_h > e.from_h) numbers += " – " + number(e.to_h);
  return w("sim.event", {{"name", e.name},
                         {"kind", w(kind)},
                         {"when", axis != nullptr ? axis_unit(*axis, numbers, w)
                                                  : w("sim.hours", {{"n", numbers}})}});
}

// Scheduled events under the curves: windows of suspensions shaded grey, of holds hatched and of
// slowdowns dotted (grey: an event is not one state of the people), other events a black ▼ at
// the top; each names itself when pointed at. Moments whose ▼ would overlap (the same time, or
// nearly) share one ▼ that names them all, one a line. `id` names the patterns of this chart,
// unique in the report.
void draw_events(Svg& svg, const Plot& p, const Axis& axis,
                 const std::vector<results::EventMark>& events, const std::string& id,
                 const Words& w) {
  using model::RiskKind;
  bool patterns = false;
  for (const auto& e : events) {
    const double a = std::max(e.from_h, p.x0);
    const double b = std::min(e.to_h, p.x1);
    if (e.to_h <= e.from_h || b <= a) continue;
    if (!patterns && e.kind != RiskKind::Suspension) {
      patterns = true;
      svg.raw(fmt::format(
          R"svg(<defs><pattern id="hold-{0}" width="6" height="6" patternUnits="userSpaceOnUse" )svg"
          R"svg(patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="{1}" )svg"
          R"svg(stroke-width="1.5"/></pattern><pattern id="slow-{0}" width="6" height="6" )svg"
          R"svg(patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.2" fill="{1}"/>)svg"
          R"svg(</pattern></defs>)svg",
          id, kGrey));
    }
    const std::string fill =
        e.kind == RiskKind::Suspension ? fmt::format(R"(fill="{}" fill-opacity="0.2")", kGrey)
        : e.kind == RiskKind::Hold     ? fmt::format(R"svg(fill="url(#hold-{})")svg", id)
                                       : fmt::format(R"svg(fill="url(#slow-{})")svg", id);
    svg.rect(p.x(a), p.top, p.x(b) - p.x(a), p.height - p.bottom - p.top,
             fill + R"( stroke="none" class="event")", event_text(e, w, &axis));
  }
  // The ▼ over the windows, so that both can be pointed at.
  std::vector<std::pair<double, std::string>> moments;  // x, the names
  for (const auto& e : events) {
    if (e.to_h > e.from_h || e.from_h < p.x0 || e.from_h > p.x1) continue;
    moments.emplace_back(p.x(e.from_h), event_text(e, w, &axis));
  }
  std::stable_sort(moments.begin(), moments.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < moments.size();) {
    const double x = moments[i].first;
    std::string title = moments[i].second;
    std::size_t j = i + 1;
    for (; j < moments.size() && moments[j].first - x < 10; ++j) title += "\n" + moments[j].second;
    svg.polygon({{x - 5, p.top}, {x + 5, p.top}, {x, p.top + 8}},
                fmt::format(R"(fill="{}" stroke="none" class="event")", kInk), title);
    i = j;
  }
}

// Drawn over what names itself when pointed at, and not in its way.
constexpr const char* kNoPointer = R"(pointer-events="none")";

struct Series {
  const sim::CurveBand* band;
  SeriesStyle style;
  std::string label;
};

// A level on a chart of people, as a dashed black line across it, labelled (a capacity).
struct Level {
  double value = 0;
  std::string label;
};

// The end of the time axis of a chart of curves sampled at `times`: their last time (after it
// no curve changes), or a little after the end of a ceasefire that comes later, while that is
// within twice their span, so that the chart shows how much of the ceasefire was left (the
// curves drawn on, level, to it). A ceasefire ending later still would squeeze the curves.
double curves_end_h(const std::vector<double>& times, const std::vector<CeasefireEnd>& marks) {
  const double last = times.empty() ? 1 : std::max(times.back(), 1e-6);
  double end = last;
  for (const auto& m : marks) {
    if (m.h > last && m.h <= 2 * last) end = std::max(end, m.h * 1.03);
  }
  return end;
}

// Median lines with P10–P90 bands over the common curve times, and a level where given.
// The bands lie over the shaded event windows but let them be pointed at.

std::string band_chart(const std::vector<double>& times, const std::vector<Series>& series,
                       double ymax, bool shares, bool days, const std::vector<CeasefireEnd>& marks,
                       const std::vector<results::EventMark>& events, const std::string& label,
                       const std::string& id, const Words& w, const Level* level = nullptr) {
  Plot p;
  p.x0 = 0;
  p.x1 = curves_end_h(times, marks);
  p.y0 = 0;
  if (level != nullptr) ymax = std::max(ymax, level->value);
  p.y1 = shares ? 1 : std::max(ymax, 1.0) * 1.05;
  Svg svg(p.width, p.height, label, w.lang == Language::Arabic);
  const auto xaxis = time_axis(p.x0, p.x1, days, w);
  std::vector<Tick> yticks;
  if (shares) {
    for (int k = 0; k <= 4; ++k) yticks.push_back({k * 0.25, fmt::format("{}%", k * 25)});
  } else {
    yticks = count_ticks(0, p.y1, 5);
  }
  draw_axes(svg, p, xaxis.ticks, yticks, xaxis.title, shares ? "" : w("sim.axis-people"));
  draw_events(svg, p, xaxis, events, id, w);
  // Past the last sample (to a ceasefire's end: curves_end_h()) every curve stays level.
  const bool beyond = !times.empty() && p.x1 > times.back();
  for (const auto& s : series) {
    const auto& b = *s.band;
    const std::size_t n = std::min({times.size(), b.p10.size(), b.p90.size()});
    std::vector<std::pair<double, double>> poly;
    for (std::size_t i = 0; i < n; ++i)
      poly.emplace_back(p.x(times[i]), p.y(static_cast<double>(b.p90[i])));
    if (beyond && n > 0) {
      poly.emplace_back(p.x(p.x1), p.y(static_cast<double>(b.p90[n - 1])));
      poly.emplace_back(p.x(p.x1), p.y(static_cast<double>(b.p10[n - 1])));
    }
    for (std::size_t i = n; i-- > 0;)
      poly.emplace_back(p.x(times[i]), p.y(static_cast<double>(b.p10[i])));
    if (!poly.empty())
      svg.polygon(poly, fmt::format(R"(fill="{}" fill-opacity="{}" stroke="none" {})",
                                    s.style.color, kBandOpacity, kNoPointer));
  }
  for (const auto& s : series) {
    const auto& b = *s.band;
    std::vector<std::pair<double, double>> pts;
    for (std::size_t i = 0; i < std::min(times.size(), b.median.size()); ++i)
      pts.emplace_back(p.x(times[i]), p.y(static_cast<double>(b.median[i])));
    if (beyond && !pts.empty()) pts.emplace_back(p.x(p.x1), pts.back().second);
    if (!pts.empty()) svg.polyline(pts, stroke(s.style, 2) + " " + kNoPointer);
  }
  if (level != nullptr) {
    const double y = p.y(level->value);
    svg.line(p.left, y, p.width - p.right, y,
             fmt::format(R"(stroke="{}" stroke-dasharray="5 4" pointer-events="none")", kInk));
    svg.text(p.width - p.right - 4, y - 4, level->label, "end", R"(class="mark")");
  }
  draw_ceasefire_ends(svg, p, xaxis, marks, w);
  return svg.str();
}

// The legend of bands: each series' line over its band; then, in grey, a line for the medians and
// a band for P10 – P90. Of one replication, its curves alone (no median, no range).
std::string legend(const std::vector<Series>& series, bool one, const Words& w) {
  std::string out = R"(<p class="legend">)";
  for (const auto& s : series)
    out += "<span>" + swatch(s.style, 2, !one) + text_html(s.label) + "</span>";
  if (!one) {
    out += R"(<span class="note">)" + swatch({kGrey, ""}, 2, false) + text_html(w("sim.median")) +
           "</span>";
    out += R"(<span class="note"><svg class="swatch" width="26" height="12" viewBox="0 0 26 12" )"
           R"(aria-hidden="true">)" +
           fmt::format(R"(<rect x="0" y="1" width="26" height="10" fill="{}" fill-opacity="{}"/>)",
                       kGrey, kBandOpacity) +
           "</svg>" + text_html(w("sim.range")) + "</span>";
  }
  return out + "</p>";
}

// The decimals that write each of `hours` as it is, at most 2 (the finest of hours_number()):
// one count for a column of times, so that it reads "0, 24, 49, 124" or "0.0, 1.2, 2.4", not
// "0.00, 24.0, 124" as each time's own (hours_number()) would.
int time_column_decimals(std::initializer_list<double> hours) {
  int decimals = 0;
  for (const double h : hours) {
    for (;;) {
      const double scaled = h * std::pow(10.0, decimals);
      if (decimals == 2 ||
          std::abs(scaled - std::round(scaled)) <= 1e-6 * std::max(1.0, std::abs(scaled)))
        break;
      ++decimals;
    }
  }
  return decimals;
}

// The values of a chart as a table, for those who cannot see it, folded under the chart.
std::string chart_values(const std::vector<std::string>& head,
                         const std::vector<std::vector<std::string>>& rows, const Words& w) {
  std::string out = "<details class=\"values\"><summary>" + text_html(w("sim.chart-values")) +
                    "</summary><table><thead><tr>";
  for (const auto& h : head) out += "<th>" + text_html(h) + "</th>";
  out += "</tr></thead><tbody>";
  for (const auto& r : rows) {
    for (std::size_t k = 0; k < r.size(); ++k)
      out += (k == 0 ? "<tr><th scope=\"row\">" : "<td class=\"num\">") + r[k] +
             (k == 0 ? "</th>" : "</td>");
    out += "</tr>";
  }
  return out + "</tbody></table></details>";
}

// The values of bands at nine times spread over the grid: each series' median, and its P10 – P90
// when it varies (HTML cells).
std::string band_values(const std::vector<double>& times, const std::vector<Series>& series,
                        bool shares, bool one, const Words& w) {
  if (times.empty()) return {};
  std::vector<std::string> head = {w("sim.axis-hours")};
  for (const auto& s : series)
    head.push_back(one ? s.label : s.label + " — " + w("sim.median") + " (" + w("sim.range") + ")");
  std::vector<std::vector<std::string>> rows;
  const std::size_t n = times.size();
  // Nine times spread over the grid, all to the same decimals: those of its step and of its last
  // time (the horizon, a step cut short: 0, 1, 1.5 h).
  const int decimals =
      time_column_decimals({times.size() > 1 ? times[1] - times[0] : 0.0, times.back()});
  std::size_t last = n;
  for (std::size_t k = 0; k <= 8; ++k) {
    const std::size_t i = (n - 1) * k / 8;
    if (i == last) continue;
    last = i;
    std::vector<std::string> r = {ltr(grouped(times[i], decimals))};
    for (const auto& s : series) {
      const auto& b = *s.band;
      if (i >= b.median.size() || i >= b.p10.size() || i >= b.p90.size()) {
        r.emplace_back("—");
        continue;
      }
      auto value = [&](float v) {
        return shares ? percent(static_cast<double>(v), 0) : grouped(static_cast<double>(v));
      };
      std::string cell = value(b.median[i]);
      if (!one && b.p10[i] != b.p90[i])
        cell += " (" + value(b.p10[i]) + " – " + value(b.p90[i]) + ")";
      r.push_back(ltr(cell));
    }
    rows.push_back(std::move(r));
  }
  return chart_values(head, rows, w);
}

// Bars of counts over [first_edge, first_edge + n × width), with the median and P90 marked
// above the bars (one label when they are the same). The values are hours on a time axis, or
// with `people` counts of people (whole bins). Its values as a table follow it.
std::string histogram_chart(const sim::Histogram& h, const sim::Summary& s,
                            const std::string& title, bool people, bool days, const Words& w) {
  Plot p;
  p.top = 40;  // the labels of the marks, over the bars
  p.height = 344;
  p.x0 = h.first_edge;
  p.x1 = h.first_edge + h.bin_width * static_cast<double>(h.counts.size());
  std::size_t top = 1;
  for (auto c : h.counts) top = std::max(top, c);
  p.y0 = 0;
  p.y1 = static_cast<double>(top) * 1.08;
  Svg svg(p.width, p.height, title, w.lang == Language::Arabic);
  Axis xaxis;
  if (people) {
    xaxis.ticks = count_ticks(p.x0, p.x1, 6);
    xaxis.title = w("sim.axis-people-left");
  } else {
    xaxis = time_axis(p.x0, p.x1, days, w);
  }
  draw_axes(svg, p, xaxis.ticks, count_ticks(0, p.y1, 5), xaxis.title, w("sim.axis-replications"));
  // A value as the marks give it: people, or a time as the axis writes it.
  auto value = [&](double v) {
    return people ? grouped(v) : axis_unit(xaxis, axis_number(xaxis, v), w);
  };
  // A bin's times in the axis's unit, with decimals enough to tell its ends apart, at least the
  // marks' ("1.50 – 1.58 d" for bins of 2 h).
  Axis bins = xaxis;
  bins.decimals =
      std::max(xaxis.decimals, step_decimals(xaxis.days ? h.bin_width / 24 : h.bin_width, 2));
  // In the table, every edge to the same decimals, those of the first and the width.
  const int edge_decimals = time_column_decimals({h.first_edge, h.bin_width});
  auto edge = [edge_decimals](double v) { return grouped(v, edge_decimals); };
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < h.counts.size(); ++i) {
    const double a = h.first_edge + h.bin_width * static_cast<double>(i);
    const double b = a + h.bin_width;
    const double c = static_cast<double>(h.counts[i]);
    // A bin of people [a, b) holds the whole numbers a … b − 1. A bin of times narrower than
    // their last decimal names one value. Pointed at, in the axis's unit; in the table, hours.
    auto span = [](const std::string& from, const std::string& to) {
      return from == to ? from : fmt::format("{} – {}", from, to);
    };
    const std::string range = !people            ? w("sim.hours", {{"n", span(edge(a), edge(b))}})
                              : h.bin_width == 1 ? grouped(a)
                                                 : span(grouped(a), grouped(b - 1));
    const std::string pointed =
        people ? range : axis_unit(xaxis, span(axis_number(bins, a), axis_number(bins, b)), w);
    svg.rect(p.x(a) + 0.5, p.y(c), p.x(b) - p.x(a) - 1, p.y(0) - p.y(c),
             fmt::format(R"(fill="{}")", kGrey), fmt::format("{}: {}", pointed, h.counts[i]));
    if (h.counts[i] > 0) rows.push_back({text_html(range), ltr(grouped(c))});
  }
  if (h.not_reached > 0 && !people)
    rows.push_back(
        {text_html(w("sim.not-reached")), ltr(grouped(static_cast<double>(h.not_reached)))});
  // "P90 91.0 h", "P90 3.8 d"; in Arabic with a colon after the label ("المئين 90: 3.8 يوم").
  const std::string after_label = w.lang == Language::Arabic ? ": " : " ";
  auto mark = [&](double v, const std::string& label, int level) {
    if (!std::isfinite(v) || v < p.x0 || v > p.x1) return;
    svg.line(p.x(v), p.top, p.x(v), p.height - p.bottom,
             fmt::format(R"(stroke="{}" stroke-dasharray="3 3")", kInk));
    const bool near_end = p.x(v) > p.width - p.right - 140;
    svg.text(p.x(v) + (near_end ? 2 : -2), 14.0 + 15.0 * level, label, near_end ? "end" : "start",
             R"(class="mark")");
  };
  if (std::isfinite(s.median) && std::isfinite(s.p90) && value(s.median) == value(s.p90)) {
    mark(s.median, w("sim.median-p90") + after_label + value(s.median), 0);
  } else {
    mark(s.median, w("sim.median") + after_label + value(s.median), 0);
    mark(s.p90, w("sim.p90") + after_label + value(s.p90), 1);
  }
  return svg.str() + chart_values({people ? w("sim.axis-people-left") : w("sim.axis-hours"),
                                   w("sim.axis-replications")},
                                  rows, w);
}

// The chance that everyone is out by each time: per series, the step curve of its percentiles
// of the time to clear everyone (entry k − 1 reached by k%), flat from where the rest of the
// replications never cleared.
struct ChanceSeries {
  const std::vector<double>* percentiles;
  SeriesStyle style;
  std::string label;
  double width;
  double cleared;  ///< the share of the replications that cleared everyone
};

// The time range of a chance chart: from the start, or from a round time before the first curve
// rises when every curve rises late; to a margin after the last step, or to the horizon when a
// curve stays below 100% and the horizon is near.
std::pair<double, double> chance_range(const std::vector<ChanceSeries>& series,
                                       const std::vector<CeasefireEnd>& marks, double horizon_h) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = 0;
  bool censored = false;
  for (const auto& s : series) {
    for (double v : *s.percentiles) {
      if (std::isnan(v)) {
        censored = true;
      } else {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  for (const auto& m : marks) {
    lo = std::min(lo, m.h);
    hi = std::max(hi, m.h);
  }
  const double x1 = censored && horizon_h < hi * 1.5 ? horizon_h : std::max(hi * 1.04, 1e-6);
  double x0 = 0;
  if (lo > 0.4 * x1) {
    const double step = nice_step(x1 - lo, 6);
    x0 = std::floor(lo / step) * step;
  }
  return {x0, x1};
}

// `axis` names the share on the vertical axis and in the values' head.
std::string chance_chart(const std::vector<ChanceSeries>& series,
                         const std::vector<CeasefireEnd>& marks, double horizon_h, bool days,
                         const std::string& label, const std::string& axis, const Words& w) {
  Plot p;
  std::tie(p.x0, p.x1) = chance_range(series, marks, horizon_h);
  p.y0 = 0;
  p.y1 = 1;
  Svg svg(p.width, p.height, label, w.lang == Language::Arabic);
  const auto xaxis = time_axis(p.x0, p.x1, days, w);
  std::vector<Tick> yticks;
  for (int k = 0; k <= 4; ++k) yticks.push_back({k * 0.25, fmt::format("{}%", k * 25)});
  draw_axes(svg, p, xaxis.ticks, yticks, xaxis.title, axis);
  for (const auto& s : series) {
    const auto& v = *s.percentiles;
    std::vector<std::pair<double, double>> pts = {{p.x(p.x0), p.y(0)}};
    double level = 0;
    for (std::size_t k = 0; k < v.size() && !std::isnan(v[k]); ++k) {
      const double x = p.x(std::clamp(v[k], p.x0, p.x1));
      pts.emplace_back(x, p.y(level));
      level = static_cast<double>(k + 1) / static_cast<double>(v.size());
      pts.emplace_back(x, p.y(level));
    }
    pts.emplace_back(p.x(p.x1), p.y(level));
    svg.polyline(pts, stroke(s.style, s.width));
  }
  // A curve is the share of the replications cleared by each time: it rises, so between two
  // times it takes every value from its value at the first to its value at the second.
  auto cleared_by = [](const std::vector<double>& v, double h) {
    const auto k =
        std::find_if(v.begin(), v.end(), [h](double t) { return std::isnan(t) || t > h; });
    return v.empty() ? 0.0 : static_cast<double>(k - v.begin()) / static_cast<double>(v.size());
  };
  draw_ceasefire_ends(svg, p, xaxis, marks, w,
                      [&](double from_h, double to_h, double low, double high) {
                        return std::any_of(series.begin(), series.end(), [&](const auto& s) {
                          return cleared_by(*s.percentiles, to_h) >= low &&
                                 cleared_by(*s.percentiles, from_h) <= high;
                        });
                      });
  // The values: the time by which everyone was out with a chance of 10%, 25%, … 99%.
  std::vector<std::string> head = {axis};
  for (const auto& s : series) head.push_back(s.label);
  std::vector<std::vector<std::string>> rows;
  for (const int chance : {10, 25, 50, 75, 90, 95, 99}) {
    std::vector<std::string> r = {ltr(fmt::format("{}%", chance))};
    for (const auto& s : series) {
      const auto k = static_cast<std::size_t>(chance - 1);
      const double t = k < s.percentiles->size() ? (*s.percentiles)[k] : std::nan("");
      r.push_back(std::isnan(t) ? text_html(w("sim.not-reached"))
                                : isolated(w, "cmp.hours", {{"n", hours_number(t)}}));
    }
    rows.push_back(std::move(r));
  }
  return svg.str() + chart_values(head, rows, w);
}

// Horizontal bars (median) with P10–P90 whiskers, one row per item, each with its figures after
// the whisker ("27.5 [12.1 – 40.2]": the whisker's ends had no numbers, and the median written
// at the P90's end read as the P90); mirrored right to left.
struct BarRow {
  std::string label;
  const sim::Summary* value;
  int decimals;
};

std::string bar_chart(const std::vector<BarRow>& rows, const std::string& title, bool rtl) {
  constexpr std::size_t kMaxLabel = 44;
  constexpr double kCharWidth = 7;  // at 12 px
  const double row_h = 28;
  std::size_t longest = 8;
  for (const auto& r : rows)
    longest = std::max(longest, std::min(display_width(r.label), kMaxLabel));
  const double label_w = static_cast<double>(longest) * kCharWidth + 12;
  // A label cut short names itself in full when pointed at.
  const double width = 880;
  const double top = 8;
  const double height = top + row_h * static_cast<double>(rows.size()) + 8;
  double vmax = 0;
  for (const auto& r : rows) {
    for (double v : {r.value->median, r.value->p90, r.value->max}) {
      if (std::isfinite(v)) vmax = std::max(vmax, v);
    }
  }
  if (vmax <= 0) vmax = 1;
  // Each bar's figures after its whisker: the median, and the P10 – P90 the whisker spans.
  std::vector<std::string> figures;
  std::size_t widest = 4;
  for (const auto& r : rows) {
    const auto& v = *r.value;
    const double m = std::isfinite(v.median) ? v.median : 0;
    std::string f = grouped(m, r.decimals);
    if (std::isfinite(v.p10) && std::isfinite(v.p90) && v.p10 != v.p90)
      f += " [" + grouped(v.p10, r.decimals) + " – " + grouped(v.p90, r.decimals) + "]";
    widest = std::max(widest, display_width(f));
    figures.push_back(std::move(f));
  }
  const double bar_w = width - label_w - 20 - static_cast<double>(widest) * 6.5;
  auto x = [&](double v) {
    const double d = v / vmax * bar_w;
    return rtl ? width - label_w - 10 - d : label_w + 10 + d;
  };
  Svg svg(width, height, title, rtl);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = top + row_h * static_cast<double>(i);
    const std::string shown = shorten(r.label, kMaxLabel);
    svg.text(rtl ? width - 4 : label_w - 2, y + 17, shown, "end", R"(class="barlabel")",
             shown == r.label ? std::string() : r.label);
    const double m = std::isfinite(r.value->median) ? r.value->median : 0;
    svg.rect(std::min(x(0), x(m)), y + 6, std::abs(x(m) - x(0)), row_h - 12,
             fmt::format(R"(fill="{}")", kGrey));
    if (std::isfinite(r.value->p10) && std::isfinite(r.value->p90)) {
      const std::string ink = fmt::format(R"(stroke="{}")", kInk);
      svg.line(x(r.value->p10), y + row_h / 2, x(r.value->p90), y + row_h / 2,
               ink + R"( stroke-width="1.5")");
      svg.line(x(r.value->p10), y + 9, x(r.value->p10), y + row_h - 9, ink);
      svg.line(x(r.value->p90), y + 9, x(r.value->p90), y + row_h - 9, ink);
    }
    const double end = std::isfinite(r.value->p90) ? std::max(m, r.value->p90) : m;
    svg.text(rtl ? x(end) - 6 : x(end) + 6, y + 17, figures[i], rtl ? "end" : "start",
             R"(class="tick")");
  }
  return svg.str();
}

// --- tables ----------------------------------------------------------------------------------

struct Cells {
  std::string median;
  std::string range;
  std::string mean;
};

// "12.5 h (0.52 d)", or "not reached".
std::string hours_cell(double v, const Words& w) {
  if (std::isnan(v)) return text_html(w("sim.not-reached"));
  return text_html(w("sim.hours", {{"n", hours_number(v)}})) + " <span class=\"days\">(" +
         text_html(w("sim.days", {{"n", hours_number(v / 24)}})) + ")</span>";
}

Cells time_cells(const sim::Summary& s, const Words& w) {
  if (s.n == 0) return {w("sim.nobody"), "—", "—"};  // a phase that had nobody to clear
  auto h = [&](double v) {
    return std::isnan(v) ? w("sim.not-reached") : w("sim.hours", {{"n", hours_number(v)}});
  };
  Cells c;
  // The same every time, or one replication's value (not reached: in it).
  if ((s.not_reached == 0 && s.min == s.max) || s.n == 1) return {hours_cell(s.median, w), "", ""};
  c.median = hours_cell(s.median, w);
  // P10 – P90 left to right, the unit after them.
  c.range =
      std::isnan(s.p10) ? "—"
      : std::isnan(s.p90)
          ? ltr(hours_number(s.p10) + " – " + h(s.p90))
          : isolated(w, "cmp.hours", {{"n", hours_number(s.p10) + " – " + hours_number(s.p90)}});
  if (!std::isnan(s.mean)) {
    // As many decimals as show the interval, as in the table: "26.61 (26.58 – 26.63) h", not
    // "26.6 (26.6 – 26.6) h", which reads as no variation at all.
    const int d = results::time_mean_decimals(s);
    auto n = [d](double v) { return grouped(v, d); };
    c.mean =
        std::isnan(s.ci95_low)
            ? text_html(w("sim.hours", {{"n", n(s.mean)}}))  // one replication
            : isolated(w, "cmp.hours",
                       {{"n", n(s.mean) + " (" + n(s.ci95_low) + " – " + n(s.ci95_high) + ")"}});
  } else {
    c.mean =
        text_html(w("sim.not-reached-share", {{"n", grouped(static_cast<double>(s.not_reached))},
                                              {"total", grouped(static_cast<double>(s.n))}}));
  }
  return c;
}

Cells quantity_cells(const sim::Summary& s, int decimals) {
  if (s.n == 0) return {"—", "—", "—"};
  if (s.not_reached == 0 && s.min == s.max)
    return {grouped(s.median, decimals), "", ""};  // the same every time
  Cells c{grouped(s.median, decimals),
          ltr(grouped(s.p10, decimals) + " – " + grouped(s.p90, decimals)), "—"};
  if (!std::isnan(s.mean)) {
    const int d = results::mean_decimals(s, decimals);
    std::string mean = grouped(s.mean, d);
    if (std::isfinite(s.ci95_low) && s.ci95_low != s.ci95_high)
      mean += " (" + grouped(s.ci95_low, d) + " – " + grouped(s.ci95_high, d) + ")";
    c.mean = ltr(mean);
  }
  return c;
}

Cells share_cells(const sim::Summary& s) {
  if (s.n == 0) return {"—", "—", "—"};
  if (s.not_reached == 0 && s.min == s.max) return {ltr(percent(s.median)), "", ""};
  Cells c{ltr(percent(s.median)), ltr(percent(s.p10) + " – " + percent(s.p90)), "—"};
  if (!std::isnan(s.mean))
    c.mean = ltr(percent(s.mean) + " (" + percent(s.ci95_low) + " – " + percent(s.ci95_high) + ")");
  return c;
}

// A row of the summary; `row_class` "sub" (or "sub2") sets it one (two) steps in.
std::string row(const std::string& label, const Cells& c, const char* row_class = nullptr) {
  return fmt::format(
      R"(<tr{}><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
      row_class != nullptr ? fmt::format(R"( class="{}")", row_class) : "", text_html(label),
      c.median, c.range, c.mean);
}

// Under the people not out at the end: in how many replications someone was, and at most how
// many (results::left_someone_text()); none where nobody was left.
std::string left_someone_row(const sim::Summary& not_cleared, const sim::Summary& t100,
                             const Words& w, const char* row_class) {
  const std::string text = results::left_someone_text(not_cleared, t100.not_reached, t100.n, w);
  if (text.empty()) return {};
  return fmt::format(
      R"(<tr class="{}"><th scope="row">{}</th><td class="num" colspan="3">{}</td></tr>)",
      row_class, text_html(w("sim.left-someone")), text_html(text));
}

// Under the people not out at the end: what held them, a row for each reason that held someone
// in some replication, one step further in than the row above.
std::string left_rows(const std::array<sim::Summary, sim::kLeftReasons>& left, const Words& w,
                      const char* row_class) {
  std::string out;
  for (std::size_t k = 0; k < sim::kLeftReasons; ++k) {
    if (left[k].n > 0 && left[k].max > 0)
      out += row(w(results::left_reason_messages()[k]), quantity_cells(left[k], 0), row_class);
  }
  return out;
}

// The time to clear everyone with a chance of 95% and 99%, under its row ("sub2" under a phase's
// or a category's).
std::string chance_rows(const std::vector<double>& percentiles, const sim::Summary& t100,
                        const std::vector<sim::ChanceInterval>& intervals, const Words& w,
                        const char* row_class = "sub") {
  std::string out;
  for (const auto& c : results::clearance_chances(percentiles, t100, intervals)) {
    // The time under the median; its own 95% interval (its range isolated left to right, the
    // unit after it, the words "95% CI" before it) across the two columns after it, which are of
    // other quantities (the replications' P10 – P90, a mean's interval).
    out += fmt::format(
        R"(<tr class="{}"><th scope="row">{}</th><td class="num">{}</td><td class="num" colspan="2">{}</td></tr>)",
        row_class, text_html(w("sim.chance", {{"p", fmt::format("{}%", c.percent)}})),
        hours_cell(c.hours, w), c.interval ? chance_interval_html(*c.interval, w) : "");
  }
  return out;
}

std::string group_row(const std::string& label) {
  return fmt::format(R"(<tr class="group"><th colspan="4">{}</th></tr>)", text_html(label));
}

// A block of rows by category or phase (results::Breakdown), under its heading.
std::string breakdown_rows(const results::Breakdown& b, const Words& w) {
  std::string out = group_row(w(b.label));
  for (const auto& r : b.rows) out += row(r.name, quantity_cells(*r.value, 0), "sub");
  return out;
}

// The head of a summary table; of one replication, its values (no median, range or mean).
std::string table_head(bool one, const Words& w) {
  if (one) {
    return fmt::format(
        R"(<table><thead><tr><th></th><th>{}</th><th></th><th></th></tr></thead><tbody>)",
        text_html(w("sim.value")));
  }
  return fmt::format(
      R"(<table><thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>)",
      text_html(w("sim.median")), text_html(w("sim.range")), text_html(w("sim.mean-ci")));
}

std::string proportion_row(const std::string& label, const sim::Proportion& p, const Words& w,
                           const char* row_class = nullptr) {
  if (p.n == 0) return row(label, {"—", "—", "—"}, row_class);
  return fmt::format(R"(<tr{}><th scope="row">{}</th><td class="num" colspan="3">{}</td></tr>)",
                     row_class != nullptr ? fmt::format(R"( class="{}")", row_class) : "",
                     text_html(label),
                     isolated(w, "sim.proportion",
                              {{"p", percent(p.estimate)},
                               {"range", percent(p.ci95_low) + " – " + percent(p.ci95_high)}}));
}

const char* const kStyle = R"(
body{font-family:"Noto Sans Arabic","Noto Naskh Arabic","Noto Sans","DejaVu Sans",Arial,sans-serif;color:#222;max-width:1080px;margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:1.6em;margin:0 0 .2em}
h2{font-size:1.25em;border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.8em}
h3{font-size:1.05em;margin:1.2em 0 .3em}
.meta,.note{color:#555}
.note{font-size:.9em}
ul.changes{color:#555;margin:.2em 0;font-family:"DejaVu Sans Mono",monospace;font-size:.88em}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:.92em;display:block;max-width:100%;overflow-x:auto}
th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:start;white-space:nowrap}
table.compare th{white-space:normal}.wrap{white-space:normal}table.compare th,table.compare td{padding:3px 6px}
thead th{border-bottom:2px solid #ccc;font-weight:600}
tbody th{font-weight:normal}
td.num{text-align:end;font-variant-numeric:tabular-nums}
tr.group th{font-weight:600;background:#f6f6f6}
tr.sub th{padding-inline-start:26px}tr.sub2 th{padding-inline-start:46px}
.days{color:#666}
figure{margin:.8em 0 1.6em}
figcaption{font-weight:600;margin-bottom:.2em}
svg{max-width:100%;height:auto;direction:ltr;font-size:11px}
svg .tick{fill:#555}
svg .axis{fill:#333;font-size:12px}
svg .mark{fill:#333;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;filter:url(#mark-ground)}
svg .barlabel{fill:#222;font-size:12px}
.legend{margin:.2em 0}
.legend span{margin-inline-end:16px;white-space:nowrap}
svg.swatch{display:inline-block;width:26px;height:12px;margin:0 5px;vertical-align:-1px}
footer{margin-top:2em;border-top:1px solid #ddd;padding-top:.6em}
.alert{background:#f2f2f2;border-inline-start:4px solid #222;color:#222;padding:.4em .8em;margin:.5em 0;font-weight:600}
caption{text-align:start;font-weight:600;padding-bottom:.2em}
details.values{margin:.2em 0 0;font-size:.88em;color:#555}
details.values table{margin:.3em 0}
@media print{body{max-width:none;margin:0;padding:0}table{display:table;overflow:visible;font-size:.8em}th,td{white-space:normal;padding:2px 5px}h2,h3,figcaption,caption,.legend{break-after:avoid;page-break-after:avoid}figure,svg,tr,.alert{break-inside:avoid;page-break-inside:avoid}details.values{display:none}body,.meta,.note,.days,ul.changes{color:#000}svg .tick,svg .axis,svg .mark,svg .barlabel{fill:#000}.alert{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)";

// The document up to the opening of its body: language, direction, title and style; and the
// ground of the charts' marks' labels ("ceasefire ends · 8.2 d", "P90 91.0 h"), a filter that
// lays white under each label's box, so that shading or a pattern under it (a slowdown's dots)
// does not show between its letters and words.
std::string document_start(const std::string& title, bool rtl) {
  return fmt::format(R"(<!DOCTYPE html>
<html lang="{}" dir="{}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mamar">
<title>{}</title>
<style>{}</style>
</head>
<body>
<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><filter id="mark-ground" x="0" y="0" width="1" height="1"><feFlood flood-color="#fff" flood-opacity="0.85"/><feComposite in="SourceGraphic"/></filter></defs></svg>
)",
                     rtl ? "ar" : "en", rtl ? "rtl" : "ltr", esc(title), kStyle);
}

// Whether a chance chart has something to show: some curve reaches 10% and some curve rises in
// more than one step (one step, every replication that cleared at the same time, has nothing to
// read; nor has a curve that never rises, its percentiles all NaN).
bool chance_worth_drawing(const std::vector<ChanceSeries>& series) {
  bool reached = false;
  bool varies = false;
  for (const auto& sr : series) {
    const auto& v = *sr.percentiles;
    reached = reached || (v.size() >= 10 && !std::isnan(v[9]));
    const auto last = std::find_if(v.rbegin(), v.rend(), [](double h) { return !std::isnan(h); });
    varies = varies || (last != v.rend() && *last != v.front());
  }
  return reached && varies;
}

// The legend of chance curves. A curve that stays under 10% lies along the axis, where it is
// hard to see: its legend says how often everyone was out.
std::string chance_legend(const std::vector<ChanceSeries>& series, const Words& w) {
  std::string out = R"(<p class="legend">)";
  for (const auto& sr : series) {
    std::string label = text_html(sr.label);
    if (sr.cleared < 0.1)
      label += " " + isolated(w, "sim.cleared-share", {{"p", percent(sr.cleared)}});
    out += "<span>" + swatch(sr.style, sr.width, false) + label + "</span>";
  }
  return out + "</p>";
}

// Whether two sets of people's chances are drawn as the same curves: equal percentiles in the base
// and in the variant, "not reached" where the other's is too.
bool same_curves(const sim::ComparedChances& a, const sim::ComparedChances& b) {
  auto same = [](const std::vector<double>& x, const std::vector<double>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](double u, double v) {
      return u == v || (std::isnan(u) && std::isnan(v));
    });
  };
  return same(a.base_percentiles_h, b.base_percentiles_h) &&
         same(a.variant_percentiles_h, b.variant_percentiles_h);
}

// The share of the replications that cleared everyone.
double cleared_share(const sim::Summary& t100) {
  return t100.n == 0 ? 0.0
                     : static_cast<double>(t100.n - t100.not_reached) / static_cast<double>(t100.n);
}

}  // namespace

namespace {

// The longest time axis of a report, hours: of the curves, the histogram of the times to clear
// everyone and the chance curves, as they are drawn.
double longest_axis_h(const sim::MonteCarloResult& r, const std::vector<ChanceSeries>& chances,
                      const std::vector<CeasefireEnd>& marks) {
  double longest = r.curve_times_h.empty() ? 0 : curves_end_h(r.curve_times_h, marks);
  const auto& h = r.t100_histogram;
  if (!h.counts.empty())
    longest = std::max(longest, h.first_edge + h.bin_width * static_cast<double>(h.counts.size()));
  if (chance_worth_drawing(chances))
    longest = std::max(longest, chance_range(chances, marks, r.run.horizon.to_hours()).second);
  return longest;
}

// The scheduled events of operation `op` that fall within the horizon (those after it never
// happened in a replication), and how many fall after it.
std::pair<std::vector<results::EventMark>, std::size_t> events_within(const model::Scenario& s,
                                                                      std::int32_t op,
                                                                      double horizon_h,
                                                                      Language lang) {
  std::vector<results::EventMark> within;
  std::size_t after = 0;
  for (auto& e : results::event_marks(s, op, lang)) {
    if (e.from_h >= horizon_h) {
      ++after;
    } else {
      within.push_back(std::move(e));
    }
  }
  return {std::move(within), after};
}

std::string run_report(const sim::MonteCarloResult& r, const model::Scenario& s, Language lang,
                       const results::ComparisonRun* of) {
  const Catalog catalog = simulate_catalog();
  const Words w{catalog, lang};
  const bool rtl = lang == Language::Arabic;
  const bool one = r.replications == 1;  // its values, not medians over replications
  const std::string scenario_name(s.name.in(lang, s.id));
  const std::string title = w(of == nullptr ? "sim.title"
                              : of->variant ? "cmp.title-variant"
                                            : "cmp.title-base",
                              {{"name", scenario_name}});
  std::string out = document_start(title, rtl);
  out += "<header><h1>" + text_html(title) + "</h1>";
  if (of != nullptr) {
    out += "<p class=\"meta\">" + text_html(w("cmp.run-of")) + R"(: <a href="../report.html">)" +
           text_html(w("cmp.comparison-report")) + "</a></p>";
    if (of->variant && of->changes) {
      out += "<p class=\"meta\">" +
             text_html(w(of->changes->empty() ? "cmp.no-changes" : "cmp.changes")) + "</p>";
      if (!of->changes->empty()) {
        out += "<ul class=\"changes\">";
        for (const auto& change : *of->changes)
          out += "<li>" + ltr(results::change_text(change)) + "</li>";
        out += "</ul>";
      }
    }
  }
  // A run cut short, or a target not met, stands out from the rest of the header.
  if (r.interrupted)
    out += "<p class=\"alert\">" + text_html(results::interrupted_text(r, w)) + "</p>";
  out += "<p class=\"meta\">";
  out += text_html(w("sim.run", {{"replications", grouped(static_cast<double>(r.replications))},
                                 {"seed", std::to_string(r.seed)},
                                 {"horizon", results::duration_text(r.run.horizon, w)}}));
  if (r.ci_target_h) out += "<br>" + text_html(results::ci_target_text(r, w));
  out +=
      "<br>" +
      isolated(w, "sim.start",
               {{"time", format_instant(s.agreement.start.instant, s.agreement.timezone_minutes)}});
  out += " · " +
         text_html(w("sim.risks", {{"state", w(r.run.stochastic_risks ? "sim.on" : "sim.off")}}));
  out += " · " +
         text_html(w("sim.events", {{"state", w(r.run.scheduled_events ? "sim.on" : "sim.off")}}));
  if (const auto note = results::open_ceasefire_note(results::ceasefire_end(s, r.run.horizon), w);
      !note.empty())
    out += "<br>" + text_html(note);
  out += "</p></header>\n";

  // Summary tables.
  out += "<section><h2>" + text_html(w("sim.summary")) + "</h2>\n";
  for (const auto& op : r.operations) {
    const auto& mop = s.operations[static_cast<std::size_t>(op.operation)];
    out += "<h3>" + text_html(results::operation_name(s, op.operation, lang)) + "</h3>\n" +
           table_head(one, w);
    out += row(w("sim.leaving"), quantity_cells(op.leaving, 0));
    if (op.stayed.n > 0 && op.stayed.max > 0)
      out += row(w("sim.stayed"), quantity_cells(op.stayed, 0), "sub");
    const results::CeasefireEndLines end_lines = results::ceasefire_end_lines(
        s, op.operation, r.run.horizon, op.clearance.t100_h.not_reached, w);
    if (!end_lines.ends.empty())
      out += fmt::format(R"(<tr><th scope="row">{}</th><td class="num" colspan="3">{}</td></tr>)",
                         text_html(w("sim.ceasefire-ends")), text_html(end_lines.ends));
    if (results::nobody_leaves(op)) {
      out += row(w("sim.clear-90"), {w("sim.nobody"), "—", "—"});
      out += row(w("sim.clear-100"), {w("sim.nobody"), "—", "—"});
    } else {
      out += row(w("sim.clear-90"), time_cells(op.clearance.t90_h, w));
      out += row(w("sim.clear-100"), time_cells(op.clearance.t100_h, w));
      out += chance_rows(op.t100_percentiles_h, op.clearance.t100_h, op.t100_chance_intervals, w);
    }
    if (op.phases.size() > 1) {
      out += group_row(w("sim.by-phase"));
      for (std::size_t p = 0; p < op.phases.size() && p < mop.phases.size(); ++p) {
        out += row(std::string(mop.phases[p].name.in(lang, mop.phases[p].id)),
                   time_cells(op.phases[p].t100_h, w), "sub");
        if (p < op.phase_t100_percentiles_h.size())
          out += chance_rows(op.phase_t100_percentiles_h[p], op.phases[p].t100_h,
                             results::interval_list(op.phase_t100_chance_intervals, p), w, "sub2");
      }
    }
    std::size_t present = 0;
    for (const auto& c : op.categories) present += c.t100_h.n > 0 ? 1 : 0;
    if (present > 1) {
      out += group_row(w("sim.by-category"));
      for (std::size_t c = 0; c < op.categories.size() && c < s.categories.size(); ++c) {
        if (op.categories[c].t100_h.n == 0) continue;
        out += row(std::string(s.categories[c].name.in(lang, s.categories[c].id)),
                   time_cells(op.categories[c].t100_h, w), "sub");
        if (c < op.category_t100_percentiles_h.size())
          out +=
              chance_rows(op.category_t100_percentiles_h[c], op.categories[c].t100_h,
                          results::interval_list(op.category_t100_chance_intervals, c), w, "sub2");
      }
    }
    // Of an open-ended ceasefire, the chance of being out by the horizon.
    const results::CeasefireEnd end = results::ceasefire_end(s, r.run.horizon, op.operation);
    out += proportion_row(w(results::ceasefire_key("sim.in-ceasefire", end)),
                          op.finished_in_ceasefire, w);
    // The same for each phase and category, where the operation has more than one.
    if (op.phases.size() > 1) {
      out += group_row(w(results::ceasefire_key("sim.in-ceasefire-by-phase", end)));
      for (std::size_t p = 0; p < op.phase_in_ceasefire.size() && p < mop.phases.size(); ++p) {
        const std::string label(mop.phases[p].name.in(lang, mop.phases[p].id));
        const sim::Proportion& in = op.phase_in_ceasefire[p];
        // A phase that never had anyone to clear, as its time to clear says.
        out += in.n == 0 ? row(label, {w("sim.nobody"), "—", "—"}, "sub")
                         : proportion_row(label, in, w, "sub");
      }
    }
    if (present > 1) {
      out += group_row(w(results::ceasefire_key("sim.in-ceasefire-by-category", end)));
      for (std::size_t c = 0; c < op.category_in_ceasefire.size() && c < s.categories.size(); ++c) {
        if (op.categories[c].t100_h.n == 0) continue;
        out += proportion_row(std::string(s.categories[c].name.in(lang, s.categories[c].id)),
                              op.category_in_ceasefire[c], w, "sub");
      }
    }
    out += group_row(w("sim.exposure"));
    out += row(w("sim.waiting"), quantity_cells(op.wait_person_hours, 0), "sub");
    if (results::has_room_limit(s, op.operation))
      out += row(w("sim.outside"), quantity_cells(op.outside_person_hours, 0), "sub2");
    out += row(w("sim.held"), quantity_cells(op.held_person_hours, 0), "sub");
    out += row(w("sim.queueing"), quantity_cells(op.queue_person_hours, 0), "sub");
    for (const auto& b : results::exposure_breakdowns(op, s, w, true)) out += breakdown_rows(b, w);
    out += group_row(w("sim.outcomes"));
    out += row(w("sim.arrived"), quantity_cells(op.arrived, 0), "sub");
    // Of those, the beds they found, where the operation names shelters.
    if (!mop.shelters.empty())
      out += row(w("sim.sheltered"), quantity_cells(op.sheltered, 0), "sub2");
    out += row(w("sim.removed"), quantity_cells(op.removed, 0), "sub");
    out += row(w("sim.killed"), quantity_cells(op.killed, 0), "sub");
    out += row(w("sim.injured"), quantity_cells(op.injured, 0), "sub");
    out += row(w("sim.turned-back"), quantity_cells(op.turned_back, 0), "sub");
    out += row(w("sim.not-cleared"), quantity_cells(op.not_cleared, 0), "sub");
    out += left_someone_row(op.not_cleared, op.clearance.t100_h, w, "sub2");
    out += left_rows(op.left_by_reason, w, "sub2");
    if (results::left_by_category(op)) {
      out += group_row(w("sim.not-cleared-by-category"));
      for (std::size_t c = 0; c < op.category_not_cleared.size() && c < s.categories.size(); ++c) {
        if (op.categories[c].t100_h.n == 0) continue;
        out += row(std::string(s.categories[c].name.in(lang, s.categories[c].id)),
                   quantity_cells(op.category_not_cleared[c], 0), "sub");
        if (c < op.category_left_by_reason.size())
          out += left_rows(op.category_left_by_reason[c], w, "sub2");
      }
    }
    for (const auto& b : results::outcome_breakdowns(op, s, lang)) out += breakdown_rows(b, w);
    out += group_row(w("sim.vehicles"));
    out += row(w("sim.convoys"), quantity_cells(op.convoys, 0), "sub");
    out += row(w("sim.trips"), quantity_cells(op.trips, 0), "sub");
    out += row(w("sim.vehicles-lost"), quantity_cells(op.vehicles_lost, 0), "sub");
    out += row(w("sim.utilisation"), share_cells(op.utilisation), "sub");
    out += "</tbody></table>\n";
    if (!end_lines.longer.empty())
      out += "<p class=\"note\">" + text_html(end_lines.longer) + " <code><bdi dir=\"ltr\">" +
             esc(end_lines.setting) + "</bdi></code>" + "</p>\n";
  }
  if (r.operations.size() > 1) {
    out += "<h3>" + text_html(w("sim.overall")) + "</h3>\n" + table_head(one, w);
    out += row(w("sim.clear-90"), time_cells(r.clearance.t90_h, w));
    out += row(w("sim.clear-100"), time_cells(r.clearance.t100_h, w));
    out += chance_rows(r.t100_percentiles_h, r.clearance.t100_h, r.t100_chance_intervals, w);
    out += proportion_row(
        w(results::ceasefire_key("sim.in-ceasefire", results::ceasefire_end(s, r.run.horizon))),
        r.finished_in_ceasefire, w);
    out += row(w("sim.not-cleared"), quantity_cells(r.not_cleared, 0));
    out += left_someone_row(r.not_cleared, r.clearance.t100_h, w, "sub");
    out += left_rows(r.left_by_reason, w, "sub");
    out += "</tbody></table>\n";
  }
  // How many waited at each gathering point at once (of every operation gathering there).
  for (const auto& gp : r.gathering_points) {
    const auto& place = s.places[static_cast<std::size_t>(gp.place)];
    out += "<h3>" +
           text_html(w("sim.gp-heading", {{"name", results::place_name(s, gp.place, lang)}})) +
           "</h3>\n" + table_head(one, w);
    out += row(w("sim.peak-waiting"), quantity_cells(gp.peak_waiting, 0));
    // When: not where nobody ever waited there (no time to give in any replication).
    if (gp.peak_waiting.max > 0) out += row(w("sim.peak-at"), time_cells(gp.peak_at_h, w));
    if (place.capacity)
      out += row(w("sim.over-capacity", {{"n", grouped(static_cast<double>(*place.capacity))}}),
                 quantity_cells(gp.over_capacity_h, 1));
    out += "</tbody></table>\n";
  }
  out += "<p class=\"note\">" + text_html(w(one ? "sim.reading-one" : "sim.reading")) +
         "</p></section>\n";

  // The chance of clearing everyone by each time, per operation and of all of them.
  const auto marks = ceasefire_ends(s, -1, w);
  std::vector<ChanceSeries> chances;
  for (std::size_t i = 0; i < r.operations.size(); ++i) {
    const auto& op = r.operations[i];
    if (results::nobody_leaves(op)) continue;  // out at 0 h: nothing to read
    chances.push_back({&op.t100_percentiles_h, operation_style(op.operation),
                       results::operation_name(s, op.operation, lang), 2,
                       cleared_share(op.clearance.t100_h)});
  }
  // All operations under the others, wide and grey: the operation that clears last runs
  // along it.
  if (r.operations.size() > 1) {
    chances.insert(chances.begin(), {&r.t100_percentiles_h,
                                     {kLightGrey, ""},
                                     w("sim.overall"),
                                     5,
                                     cleared_share(r.clearance.t100_h)});
  }
  // One time unit for every chart of the report.
  const bool days = axes_in_days(longest_axis_h(r, chances, marks));
  const std::string chart_curves = w(one ? "sim.chart-curves-one" : "sim.chart-curves");

  // Curves.
  if (!r.curve_times_h.empty()) {
    out += "<section><h2>" + text_html(w("sim.curves")) + "</h2>\n";
    for (const auto& op : r.operations) {
      const std::vector<Series> series = {{&op.inside, kInside, w("sim.inside")},
                                          {&op.in_transit, kInTransit, w("sim.in-transit")},
                                          {&op.out, kOut, w("sim.out")}};
      double ymax = 0;
      for (const auto& sr : series) {
        for (float v : sr.band->p90) ymax = std::max(ymax, static_cast<double>(v));
      }
      const std::string op_name = results::operation_name(s, op.operation, lang);
      // Nobody to move: a sentence, not an empty chart.
      if (results::nobody_leaves(op)) {
        out += "<figure><figcaption>" + text_html(op_name) + "</figcaption><p class=\"note\">" +
               text_html(w("sim.nobody-chart")) + "</p></figure>\n";
        continue;
      }
      // The scheduled events replayed that fall within the horizon, where they fall on the curves
      // (and in words under them).
      auto [events, after] = r.run.scheduled_events
                                 ? events_within(s, op.operation, r.run.horizon.to_hours(), lang)
                                 : std::pair<std::vector<results::EventMark>, std::size_t>{};
      // Those that start after the end of the time axis (the curves no longer change) are not on
      // the chart: listed apart, not among those drawn.
      const auto op_marks = ceasefire_ends(s, op.operation, w);
      const double chart_end = curves_end_h(r.curve_times_h, op_marks);  // as band_chart() draws
      std::vector<results::EventMark> beyond;
      for (auto it = events.begin(); it != events.end();) {
        if (it->from_h > chart_end) {
          beyond.push_back(std::move(*it));
          it = events.erase(it);
        } else {
          ++it;
        }
      }
      out += "<figure><figcaption>" + text_html(op_name) + "</figcaption>" + legend(series, one, w);
      const std::string chart_label = fmt::format("{} — {}", op_name, chart_curves);
      out += band_chart(r.curve_times_h, series, ymax, false, days, op_marks, events, chart_label,
                        fmt::format("op{}", op.operation), w);
      if (!events.empty() || !beyond.empty() || after > 0) {
        auto listed = [&](const std::vector<results::EventMark>& these) {
          std::string text;
          for (const auto& e : these) text += (text.empty() ? "" : " · ") + event_text(e, w);
          return text;
        };
        std::vector<std::string> sentences;
        if (!events.empty())
          sentences.push_back(text_html(w("sim.events-shaded")) + " " + text_html(listed(events)));
        if (!beyond.empty()) {
          const std::string end =
              chart_end == std::floor(chart_end) ? grouped(chart_end) : hours_number(chart_end);
          sentences.push_back(
              text_html(w("sim.events-beyond",
                          {{"end", w("sim.hours", {{"n", end}})}, {"events", listed(beyond)}})));
        }
        if (after > 0) {
          sentences.push_back(text_html(
              w("sim.events-after", {{"n", grouped(static_cast<double>(after))},
                                     {"horizon", results::duration_text(r.run.horizon, w)}})));
        }
        out += "<p class=\"note events\">";
        for (std::size_t k = 0; k < sentences.size(); ++k)
          out += (k > 0 ? ". " : "") + sentences[k];
        out += "</p>";
      }
      out += band_values(r.curve_times_h, series, false, one, w) + "</figure>\n";
    }
    // The people waiting at each gathering point (of every operation gathering there), against
    // its capacity where it has one.
    for (const auto& gp : r.gathering_points) {
      const auto& place = s.places[static_cast<std::size_t>(gp.place)];
      const std::string name = results::place_name(s, gp.place, lang);
      const std::string caption = w("sim.chart-waiting", {{"name", name}});
      out += "<figure><figcaption>" + text_html(caption) + "</figcaption>";
      if (!(gp.peak_waiting.max > 0)) {
        out += "<p class=\"note\">" + text_html(w("sim.nobody-waited")) + "</p></figure>\n";
        continue;
      }
      const std::vector<Series> series = {{&gp.waiting, kWaiting, w("sim.waiting-to-board")}};
      double ymax = 0;
      for (float v : gp.waiting.p90) ymax = std::max(ymax, static_cast<double>(v));
      std::optional<Level> capacity;
      if (place.capacity) {
        const auto n = static_cast<double>(*place.capacity);
        capacity = Level{n, w("sim.capacity-line", {{"n", grouped(n)}})};
      }
      out += legend(series, one, w);
      out +=
          band_chart(r.curve_times_h, series, ymax, false, days, ceasefire_ends_at(s, gp.place, w),
                     {}, one ? caption : w("sim.band-label", {{"chart", caption}}), {}, w,
                     capacity ? &*capacity : nullptr);
      out += band_values(r.curve_times_h, series, false, one, w) + "</figure>\n";
    }
    out += "<p class=\"note\">" + text_html(chart_curves) + ". " +
           text_html(
               w("sim.bands-from", {{"n", grouped(static_cast<double>(r.curve_replications))}})) +
           "</p></section>\n";
  }

  // Histograms: of the time to clear everyone and, when some replications do not, of the
  // people they leave behind (with none clearing, the only one).
  out += "<section><h2>" + text_html(w("sim.distribution")) + "</h2>\n";
  // Every replication the same: a sentence, not a chart of one bar and one step.
  const sim::Summary& t100 = r.clearance.t100_h;
  if (t100.n > 0 && t100.not_reached == 0 && t100.min == t100.max) {
    out += "<p class=\"note\">" +
           text_html(w("sim.same-time", {{"t", w("sim.hours", {{"n", hours_number(t100.min)}})}})) +
           "</p>\n";
  } else if (!r.t100_histogram.counts.empty()) {
    out += "<figure><figcaption>" + text_html(w("sim.chart-histogram")) + "</figcaption>" +
           histogram_chart(r.t100_histogram, r.clearance.t100_h, w("sim.chart-histogram"), false,
                           days, w) +
           "</figure>\n";
  }
  // Drawn once some operation clears in at least a tenth of the replications; below that
  // the curves lie flat on the axis, and the people left behind are the figure to read.
  if (chance_worth_drawing(chances)) {
    out += "<figure><figcaption>" + text_html(w("sim.chart-chance")) + "</figcaption>";
    out += chance_legend(chances, w) +
           chance_chart(chances, marks, r.run.horizon.to_hours(), days, w("sim.chart-chance"),
                        w("sim.axis-chance"), w) +
           "</figure>\n<p class=\"note\">" + text_html(w("sim.chance-note")) + "</p>\n";
  }
  if (r.t100_histogram.not_reached > 0) {
    out += "<p class=\"note\">" +
           text_html(w(results::ceasefire_key("sim.not-reached-count",
                                              results::ceasefire_end(s, r.run.horizon)),
                       {{"n", grouped(static_cast<double>(r.t100_histogram.not_reached))},
                        {"total", grouped(static_cast<double>(r.replications))}})) +
           "</p>\n";
    if (!r.not_cleared_histogram.counts.empty()) {
      out += "<figure><figcaption>" + text_html(w("sim.chart-not-cleared")) + "</figcaption>" +
             histogram_chart(r.not_cleared_histogram, r.not_cleared, w("sim.chart-not-cleared"),
                             true, days, w) +
             "</figure>\n";
    }
  }
  // The chance of each phase of an operation of more than one, against its ceasefire: how long it
  // must hold for the wounded to be all out, even where everyone never is.
  for (const auto& op : r.operations) {
    const auto& mop = s.operations[static_cast<std::size_t>(op.operation)];
    if (op.phases.size() < 2) continue;
    std::vector<ChanceSeries> phases;
    for (std::size_t p = 0; p < op.phase_t100_percentiles_h.size() && p < mop.phases.size(); ++p) {
      if (op.phases[p].t100_h.n == 0) continue;  // nobody to move in it
      const auto [style, width] = ink_line(p);
      phases.push_back({&op.phase_t100_percentiles_h[p], style,
                        std::string(mop.phases[p].name.in(lang, mop.phases[p].id)), width,
                        cleared_share(op.phases[p].t100_h)});
    }
    if (!chance_worth_drawing(phases)) continue;
    const std::string caption = w("sim.chart-chance-phases",
                                  {{"operation", results::operation_name(s, op.operation, lang)}});
    out += "<figure><figcaption>" + text_html(caption) + "</figcaption>" +
           chance_legend(phases, w) +
           chance_chart(phases, ceasefire_ends(s, op.operation, w), r.run.horizon.to_hours(), days,
                        caption, w("sim.axis-chance-phase"), w) +
           "</figure>\n";
  }
  // Likewise each category of an operation that moves people of more than one: how long it must
  // hold for the civilians to be all out, whatever phase they board in.
  for (const auto& op : r.operations) {
    std::vector<ChanceSeries> categories;
    for (std::size_t k = 0; k < op.category_t100_percentiles_h.size() && k < op.categories.size() &&
                            k < s.categories.size();
         ++k) {
      if (op.categories[k].t100_h.n == 0) continue;  // nobody of it in this operation
      const auto [style, width] = ink_line(categories.size());
      categories.push_back({&op.category_t100_percentiles_h[k], style,
                            std::string(s.categories[k].name.in(lang, s.categories[k].id)), width,
                            cleared_share(op.categories[k].t100_h)});
    }
    if (categories.size() < 2 || !chance_worth_drawing(categories)) continue;
    const std::string caption = w("sim.chart-chance-categories",
                                  {{"operation", results::operation_name(s, op.operation, lang)}});
    out += "<figure><figcaption>" + text_html(caption) + "</figcaption>" +
           chance_legend(categories, w) +
           chance_chart(categories, ceasefire_ends(s, op.operation, w), r.run.horizon.to_hours(),
                        days, caption, w("sim.axis-chance-category"), w) +
           "</figure>\n";
  }
  out += "</section>\n";

  // Checkpoints.
  if (!r.checkpoints.empty()) {
    out += "<section><h2>" + text_html(w("sim.checkpoints")) + "</h2>\n";
    std::vector<BarRow> waits;
    std::vector<BarRow> queues;
    for (const auto& cp : r.checkpoints) {
      const std::string name = results::place_name(s, cp.place, lang);
      waits.push_back({name, &cp.mean_wait_min, 1});
      queues.push_back({name, &cp.mean_queue, 2});
    }
    out += "<figure><figcaption>" + text_html(w("sim.chart-wait")) + "</figcaption>" +
           bar_chart(waits, w("sim.chart-wait"), rtl) + "</figure>\n";
    out += "<figure><figcaption>" + text_html(w("sim.chart-queue")) + "</figcaption>" +
           bar_chart(queues, w("sim.chart-queue"), rtl) + "</figure>\n";
    out +=
        "<p class=\"note\">" + text_html(w(one ? "sim.bars-note-one" : "sim.bars-note")) + "</p>\n";
    out += fmt::format(
        R"(<table><caption>{}</caption><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>)",
        text_html(w("sim.checkpoints")), text_html(w("sim.cp-name")),
        text_html(w("sim.cp-vehicles")), text_html(w("sim.cp-mean-wait")),
        text_html(w("sim.cp-max-wait")), text_html(w("sim.cp-mean-queue")),
        text_html(w("sim.cp-max-queue")), text_html(w("sim.cp-holds")));
    for (const auto& cp : r.checkpoints) {
      out += fmt::format(
          R"(<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
          text_html(results::place_name(s, cp.place, lang)), grouped(cp.vehicles.median),
          grouped(cp.mean_wait_min.median, 1), grouped(cp.max_wait_min.median, 1),
          grouped(cp.mean_queue.median, 2), grouped(cp.max_queue.median),
          grouped(cp.holds.mean, 2));
    }
    out += "</tbody></table><p class=\"note\">" +
           text_html(w(one ? "sim.cp-note-one" : "sim.cp-note")) + "</p></section>\n";
  }

  // Linkages.
  if (!r.linkages.empty()) {
    out += "<section><h2>" + text_html(w("sim.linkages")) + "</h2>\n";
    const std::string chart_parity = w(one ? "sim.chart-parity-one" : "sim.chart-parity");
    for (const auto& l : r.linkages) {
      // An operation with nobody to move has no share to show (0 of 0): it is named instead.
      std::vector<Series> series;
      std::vector<std::string> nobody;
      for (std::size_t k = 0; k < l.operations.size() && k < l.parity.size(); ++k) {
        const std::string op_name = results::operation_name(s, l.operations[k], lang);
        const auto op = std::find_if(r.operations.begin(), r.operations.end(),
                                     [&](const auto& o) { return o.operation == l.operations[k]; });
        if (op != r.operations.end() && results::nobody_leaves(*op)) {
          nobody.push_back(op_name);
        } else {
          series.push_back({&l.parity[k], operation_style(l.operations[k]), op_name});
        }
      }
      const std::string l_name = results::linkage_name(s, l.linkage, lang);
      out += "<figure><figcaption>" + text_html(l_name) + "</figcaption>";
      if (!series.empty()) {
        out += legend(series, one, w);
        if (!r.curve_times_h.empty()) {
          const std::string chart_label = fmt::format("{} — {}", l_name, chart_parity);
          out += band_chart(r.curve_times_h, series, 1, true, days, marks, {}, chart_label, {}, w);
          out += band_values(r.curve_times_h, series, true, one, w);
        }
      }
      out += "</figure>\n<p class=\"note\">";
      if (!series.empty())
        out += text_html(w(one ? "sim.parity-end-one" : "sim.parity-end")) + ": ";
      for (std::size_t k = 0; k < series.size(); ++k) {
        const auto& band = *series[k].band;
        out += (k > 0 ? " · " : "") + text_html(series[k].label) + " " +
               ltr(band.median.empty() ? "—" : percent(static_cast<double>(band.median.back()), 0));
      }
      for (std::size_t k = 0; k < nobody.size(); ++k) {
        out += (k > 0 || !series.empty() ? " · " : "") +
               text_html(w("sim.parity-nobody", {{"operation", nobody[k]}}));
      }
      out += "</p>\n";
      // When each tranche was complete: whether, and when, the linkage was kept.
      if (!l.tranche_done_h.empty()) {
        out += table_head(one, w);
        for (std::size_t k = 0; k < l.tranche_done_h.size(); ++k)
          out += row(w("sim.tranche-done", {{"k", std::to_string(k + 1)}}),
                     time_cells(l.tranche_done_h[k], w));
        out += "</tbody></table>\n";
      }
    }
    out += "<p class=\"note\">" + text_html(chart_parity) + "</p></section>\n";
  }

  out += "<footer class=\"note\">" +
         text_html(w("sim.events-per-replication", {{"n", grouped(r.mean_events)}})) +
         " · mamar</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace

std::string results_html(const sim::MonteCarloResult& r, const model::Scenario& s, Language lang) {
  return run_report(r, s, lang, nullptr);
}

std::string results::comparison_run_html(const sim::MonteCarloResult& r, const model::Scenario& s,
                                         Language lang, const ComparisonRun& run) {
  return run_report(r, s, lang, &run);
}

std::string comparison_run_html(const sim::MonteCarloResult& result,
                                const model::Scenario& scenario, Language lang, bool variant,
                                const std::optional<std::vector<model::FieldChange>>& changes) {
  return results::comparison_run_html(result, scenario, lang, {variant, changes});
}

namespace {

// A row of a comparison: label, base, variant, change, mean change, higher, lower. Numbers are
// isolated left to right, so that signs and ranges keep their order in an Arabic report.
std::string compared_row(const std::string& label, const results::ComparedLine& line,
                         const Words& w) {
  const results::ComparedCells c = results::compared_cells(line, w);
  const results::CompareUnit unit = line.unit;
  const int depth = results::depth(line);
  const char* const tr = depth == 2   ? R"(<tr class="sub2">)"
                         : depth == 1 ? R"(<tr class="sub">)"
                                      : "<tr>";
  auto numbers = [&](const std::string& text) {
    if (text.empty()) return std::string();
    return c.unit != nullptr ? message_html(w, c.unit, {{"n", ltr_breakable(text)}})
                             : ltr_breakable(text);
  };
  // The base's and the variant's values: times carry their unit in words; other values are
  // numbers and shares ("<1%"), isolated like the changes.
  auto value = [&](const std::string& text) {
    return unit == results::CompareUnit::Hours ? text_html(text) : ltr(text);
  };
  auto share = [&](const std::string& text) { return text.empty() ? text : ltr(text); };
  // Each run's cell of a line of intervals: its range left to right, also where its high bound
  // was not reached.
  auto run_cell = [&](const std::string& text, const std::optional<sim::ChanceInterval>& i) {
    return i ? chance_interval_html(*i, w, true) : value(text);
  };
  const bool intervals = line.chance && line.chance->interval_line;
  if (c.unchanged) {
    return fmt::format(
        R"({}<th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td colspan="4">{}</td></tr>)",
        tr, text_html(label), value(c.base), value(c.variant), text_html(w("cmp.unchanged")));
  }
  return fmt::format(
      R"({}<th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
      tr, text_html(label),
      intervals ? run_cell(c.base, line.chance->base_interval) : value(c.base),
      intervals ? run_cell(c.variant, line.chance->variant_interval) : value(c.variant),
      numbers(c.change), numbers(c.mean), share(c.higher), share(c.lower));
}

std::string compared_head(const Words& w) {
  return fmt::format(
      R"(<table class="compare"><thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>)",
      text_html(w("cmp.base")), text_html(w("cmp.variant")), text_html(w("cmp.change")),
      text_html(w("cmp.mean-change")), text_html(w("cmp.higher")), text_html(w("cmp.lower")));
}

}  // namespace

std::string comparison_html(const sim::Comparison& c, const model::Scenario& base,
                            const model::Scenario& variant, Language lang,
                            const std::string& base_file, const std::string& variant_file,
                            const std::optional<std::vector<model::FieldChange>>& changes) {
  const Catalog catalog = simulate_catalog();
  const Words w{catalog, lang};
  const bool rtl = lang == Language::Arabic;
  const sim::MonteCarloResult& r = c.base;
  std::string out = document_start(w("cmp.title"), rtl);
  out += "<header><h1>" + text_html(w("cmp.title")) + "</h1><p class=\"meta\">";
  out += isolated(w, "cmp.base-is", {{"scenario", results::scenario_label(base, base_file, lang)}});
  out += "<br>" + isolated(w, "cmp.variant-is",
                           {{"scenario", results::scenario_label(variant, variant_file, lang)}});
  out += "<br>" +
         text_html(w("cmp.run", {{"replications", grouped(static_cast<double>(c.replications))},
                                 {"seed", std::to_string(c.seed)},
                                 {"horizon", results::duration_text(r.run.horizon, w)}}));
  out += " · " +
         text_html(w("sim.risks", {{"state", w(r.run.stochastic_risks ? "sim.on" : "sim.off")}}));
  out += " · " +
         text_html(w("sim.events", {{"state", w(r.run.scheduled_events ? "sim.on" : "sim.off")}}));
  if (const auto note =
          results::open_ceasefire_note(results::ceasefire_end(base, variant, r.run.horizon), w);
      !note.empty())
    out += "<br>" + text_html(note);
  out += "<br>" + text_html(w("cmp.reports")) + R"(: <a href="base/report.html">)" +
         text_html(w("cmp.base")) + R"(</a> · <a href="variant/report.html">)" +
         text_html(w("cmp.variant")) + "</a></p>";
  if (changes) {
    // What the variant changes, a field a line (paths and values read left to right).
    out += "<p class=\"meta\">" +
           text_html(w(changes->empty() ? "cmp.no-changes" : "cmp.changes")) + "</p>";
    if (!changes->empty()) {
      out += "<ul class=\"changes\">";
      for (const auto& change : *changes)
        out += "<li>" + ltr(results::change_text(change)) + "</li>";
      out += "</ul>";
      if (results::changes_simulation(*changes))
        out += "<p class=\"meta\">" + text_html(w("cmp.simulation-not-used")) + "</p>";
    }
  }
  out += "</header>\n";

  out += "<section><h2>" + text_html(w("sim.summary")) + "</h2>\n";
  for (const auto& op : c.operations) {
    out += "<h3>" + text_html(results::operation_name(base, op.base_operation, lang)) + "</h3>\n" +
           compared_head(w);
    for (const auto& line : results::compared_lines(c, op, base, variant, w, lang, true))
      out += compared_row(line.text.empty() ? w(line.label) : line.text, line, w);
    out += "</tbody></table>\n";
  }
  if (c.base.operations.size() > 1 || c.variant.operations.size() > 1) {
    out += "<h3>" + text_html(w("sim.overall")) + "</h3>\n" + compared_head(w);
    for (const auto& line : results::compared_lines(c, base, variant, w))
      out += compared_row(line.text.empty() ? w(line.label) : line.text, line, w);
    out += "</tbody></table>\n";
  }
  // How many waited at each gathering point at once (of every operation gathering there).
  for (const auto& gp : c.gathering_points) {
    out +=
        "<h3>" +
        text_html(w("sim.gp-heading", {{"name", results::place_name(base, gp.base_place, lang)}})) +
        "</h3>\n" + compared_head(w);
    for (const auto& line : results::compared_lines(gp, base, variant, w))
      out += compared_row(line.text.empty() ? w(line.label) : line.text, line, w);
    out += "</tbody></table>\n";
  }
  auto unmatched = [&](const std::vector<std::int32_t>& ops, const model::Scenario& s,
                       const char* key) {
    for (const auto op : ops) {
      out += "<p>" +
             isolated(w, key,
                      {{"operation", fmt::format("{} [{}]", results::operation_name(s, op, lang),
                                                 results::operation_id(s, op))}}) +
             "</p>\n";
    }
  };
  unmatched(c.only_in_base, base, "cmp.only-base");
  unmatched(c.only_in_variant, variant, "cmp.only-variant");
  out += "<p class=\"note\">" + text_html(w("cmp.paired")) + "</p>\n";
  out += "<p class=\"note\">" + text_html(w("cmp.reading")) + "</p>\n";
  const std::string gain = results::pairing_gain(c, w);
  if (!gain.empty()) out += "<p class=\"note\">" + text_html(gain) + "</p>\n";
  out += "</section>\n";

  // The chance that everyone is out by each time, the base's and the variant's, per operation.
  std::vector<CeasefireEnd> marks;
  for (const auto& m : ceasefire_ends(base, -1, w)) marks.push_back({m.h, w("sim.ceasefire-ends")});
  for (const auto& m : ceasefire_ends(variant, -1, w)) {
    if (std::none_of(marks.begin(), marks.end(), [&](const auto& e) { return e.h == m.h; }))
      marks.push_back({m.h, w("sim.ceasefire-ends")});
  }
  std::sort(marks.begin(), marks.end(), [](const auto& a, const auto& b) { return a.h < b.h; });
  // The charts to draw, then one time unit for all of them: each operation's, and for one of
  // more than one phase in the base, each phase's (over its pairs) after it.
  struct Drawn {
    std::string name;
    std::vector<ChanceSeries> series;
    const char* title;  // message keys
    const char* axis;
  };
  std::vector<Drawn> drawn;
  double longest = 0;
  auto draw = [&](std::string name, const sim::Summary& base_t100,
                  const std::vector<double>& base_percentiles, const sim::Summary& variant_t100,
                  const std::vector<double>& variant_percentiles, std::int32_t op,
                  const char* title, const char* axis) {
    std::vector<ChanceSeries> series = {
        {&base_percentiles, {kLightGrey, ""}, w("cmp.base"), 5, cleared_share(base_t100)},
        {&variant_percentiles, operation_style(op), w("cmp.variant"), 2,
         cleared_share(variant_t100)}};
    if (!chance_worth_drawing(series)) return;
    longest = std::max(longest, chance_range(series, marks, r.run.horizon.to_hours()).second);
    drawn.push_back({std::move(name), std::move(series), title, axis});
  };
  for (const auto& op : c.operations) {
    const auto [base_run, variant_run] = results::compared_runs(c, op);
    if (base_run == nullptr || variant_run == nullptr) continue;
    const std::string operation = results::operation_name(base, op.base_operation, lang);
    draw(operation, base_run->clearance.t100_h, base_run->t100_percentiles_h,
         variant_run->clearance.t100_h, variant_run->t100_percentiles_h, op.base_operation,
         "sim.chart-chance", "sim.axis-chance");
    const auto& phases = base.operations[static_cast<std::size_t>(op.base_operation)].phases;
    // Each category's, for an operation of more than one (in the table's order: by category, then
    // by phase), but one whose curves are a phase's (most often its people are that phase's):
    // that chart is the phase's.
    if (op.categories.size() > 1) {
      for (const auto& k : op.categories) {
        if (k.t100_h.pairs == 0) continue;
        const bool a_phase = phases.size() > 1 &&
                             std::any_of(op.phases.begin(), op.phases.end(), [&](const auto& p) {
                               return same_curves(p.t100_chances, k.t100_chances);
                             });
        if (a_phase) continue;
        const auto& category = base.categories[static_cast<std::size_t>(k.base_category)];
        draw(w("cmp.chart-category",
               {{"operation", operation},
                {"category", std::string(category.name.in(lang, category.id))}}),
             k.t100_h.base, k.t100_chances.base_percentiles_h, k.t100_h.variant,
             k.t100_chances.variant_percentiles_h, op.base_operation, "cmp.chart-chance-category",
             "sim.axis-chance-category");
      }
    }
    if (phases.size() < 2) continue;
    for (const auto& p : op.phases) {
      if (p.t100_h.pairs == 0) continue;
      const auto& phase = phases[static_cast<std::size_t>(p.base_phase)];
      draw(w("cmp.chart-phase",
             {{"operation", operation}, {"phase", std::string(phase.name.in(lang, phase.id))}}),
           p.t100_h.base, p.t100_chances.base_percentiles_h, p.t100_h.variant,
           p.t100_chances.variant_percentiles_h, op.base_operation, "cmp.chart-chance-phase",
           "sim.axis-chance-phase");
    }
  }
  const bool days = axes_in_days(longest);
  std::string charts;
  for (const auto& [name, series, title, axis] : drawn) {
    charts += "<figure><figcaption>" + text_html(name) + "</figcaption>" +
              chance_legend(series, w) +
              chance_chart(series, marks, r.run.horizon.to_hours(), days, name + " — " + w(title),
                           w(axis), w) +
              "</figure>\n";
  }
  if (!charts.empty()) {
    out += "<section><h2>" + text_html(w("sim.chart-chance")) + "</h2>\n" + charts +
           "<p class=\"note\">" + text_html(w("cmp.chance-note")) + "</p></section>\n";
  }
  out += "<footer class=\"note\">mamar</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace mamar::app
