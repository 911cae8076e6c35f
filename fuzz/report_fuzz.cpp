// Fuzzes what is written of a simulation: every small scenario the loader accepts is run for a
// few replications and compared with itself, and every output is made of both, in English and in
// Arabic: the tables, the JSON and the reports of the run, of the comparison and of its two runs,
// and the trace of a replication. None may crash or trip a sanitizer; the JSON must parse; a
// report must be whole (it ends its document, and opens as many charts as it closes); a trace's
// rows must be as wide as its head; the comparison's base must be the run made alone with the
// same seed, to the byte of its JSON; and a scenario compared with itself changes nothing. The
// engine itself is simulate_fuzz's.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "mamar/app/simulate.hpp"
#include "mamar/model/load.hpp"
#include "mamar/sim/engine.hpp"
#include "small_enough.hpp"

namespace {

constexpr std::int64_t kMaxPeople = 2'000;
constexpr std::int64_t kMaxVehicles = 200;

[[noreturn]] void fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "%s\n%.*s\n", what,
               static_cast<int>(std::min<std::size_t>(text.size(), 4000)), text.data());
  std::abort();
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void check_json(const std::string& text) {
  if (!nlohmann::json::accept(text)) fail("JSON that does not parse:", text);
}

void check_html(const std::string& text) {
  if (text.size() < 8 || text.compare(text.size() - 8, 8, "</html>\n") != 0)
    fail("a report that does not end its document:", text);
  if (count(text, "<svg") != count(text, "</svg>")) fail("a chart not closed:", text);
}

// A CSV file whose every row has as many fields as its head (a quoted field may hold commas,
// doubled quotes and line ends).
void check_csv(const std::string& text) {
  std::size_t head = 0;
  std::size_t fields = 1;
  bool quoted = false;
  bool first = true;
  for (const char ch : text) {
    if (ch == '"') {
      quoted = !quoted;  // a doubled quote leaves it as it was
    } else if (ch == ',' && !quoted) {
      ++fields;
    } else if (ch == '\n' && !quoted) {
      if (first) head = fields;
      if (fields != head) fail("a trace row of another number of fields than its head:", text);
      first = false;
      fields = 1;
    }
  }
  if (quoted || first || fields != 1) fail("a trace that does not end its last row:", text);
}

// A change of one quantity between a run and itself: none, in every pair.
void check_no_change(const mamar::sim::PairedDifference& d, const char* what) {
  if (d.pairs == 0) return;
  if (d.higher != 0 || d.lower != 0) {
    std::fprintf(stderr, "a scenario compared with itself changes %s: %zu higher, %zu lower\n",
                 what, d.higher, d.lower);
    std::abort();
  }
}

}  // namespace

// The entry point libFuzzer calls, named as it requires.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  using mamar::Language;
  namespace app = mamar::app;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto loaded = mamar::model::load_scenario_text(text, "fuzz.yaml");
  if (!loaded.scenario || !mamar::fuzz::small_enough(*loaded.scenario, kMaxPeople, kMaxVehicles))
    return 0;
  const mamar::model::Scenario& s = *loaded.scenario;
  app::SimulateOptions options;
  options.replications = 1 + size % 5;  // one replication too, whose summaries are of one value
  options.threads = 1;
  options.horizon = std::min(s.simulation.horizon, mamar::Duration::days(30));
  // Risks and events on for an input of even length, off for an odd one.
  options.stochastic_risks = options.scheduled_events = size % 2 == 0;

  const mamar::sim::MonteCarloResult run = app::simulate(s, options);
  const std::string json = app::results_json(run, s);
  check_json(json);
  for (const Language lang : {Language::English, Language::Arabic}) {
    (void)app::results_table(run, s, lang);
    check_html(app::results_html(run, s, lang));
  }

  const mamar::sim::Comparison c = app::compare(s, s, options);
  if (app::results_json(c.base, s) != json) fail("the comparison's base is not the run:", json);
  check_json(app::comparison_json(c, s, s));
  for (const Language lang : {Language::English, Language::Arabic}) {
    (void)app::comparison_table(c, s, s, lang);
    check_html(app::comparison_html(c, s, s, lang));
    check_html(app::comparison_run_html(c.variant, s, lang, true));
  }
  for (const auto& op : c.operations) {
    check_no_change(op.t100_h, "the time to clear 100%");
    check_no_change(op.not_cleared, "the people not out");
    for (const auto& k : op.categories) check_no_change(k.t100_h, "a category's time");
    for (const auto& p : op.phases) check_no_change(p.t100_h, "a phase's time");
  }

  std::ostringstream trace;
  const mamar::sim::Engine engine(s, app::run_options(s, options));
  app::write_trace_csv(engine, c.seed, 0, trace);
  check_csv(trace.str());
  return 0;
}
