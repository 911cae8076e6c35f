// mamar: the command-line front end. Thin: parses arguments and calls the app layer.
#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "help_formatter.hpp"
#include "mamar/app/check.hpp"
#include "mamar/app/simulate.hpp"
#include "mamar/common/diagnostic.hpp"
#include "mamar/common/text.hpp"
#include "mamar/model/changes.hpp"
#include "mamar/model/load.hpp"
#include "mamar/model/scenario.hpp"
#include "mamar/model/settings.hpp"

namespace {

// Exit codes: 0 done; 1 the input has errors (or --strict warnings), or a file cannot be read or
// written; 2 the command line is wrong; 3 an internal error; 130 interrupted (Ctrl-C, SIGTERM).
constexpr int kUsageError = 2;
constexpr int kInternalError = 3;
constexpr int kInterrupted = 130;

// Messages in the user's language (--lang), from app_catalog().
struct Say {
  const mamar::Catalog& catalog;
  mamar::Language lang;
  std::string operator()(std::string key,
                         std::vector<std::pair<std::string, std::string>> args = {}) const {
    return catalog.render({std::move(key), std::move(args)}, lang);
  }
};

// The one piece of process-wide state, as a signal handler can reach nothing else: set by the
// first SIGINT (Ctrl-C) or SIGTERM during a run, which stops after the replication at hand and
// writes what it has. The handler restores the default, so that a second one stops the process
// at once.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
std::atomic<bool> interrupt_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void on_interrupt(int signal_number) {
  interrupt_requested.store(true);
  std::signal(signal_number, SIG_DFL);
}

// Catches SIGINT and SIGTERM from now on, except one ignored when the process started (a
// background job of a shell that has no terminal to interrupt it from).
void catch_interrupts() {
  for (const int sig : {SIGINT, SIGTERM}) {
    if (std::signal(sig, on_interrupt) == SIG_IGN) std::signal(sig, SIG_IGN);
  }
}

// The value as a whole number, if it is one (digits only, in range of 64 bits).
std::optional<std::uint64_t> whole(const std::string& text) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// Whether the value is written as a whole number, perhaps negative or too large for 64 bits: such
// a value is out of range, not "not a whole number".
bool integer_text(const std::string& text) {
  const std::size_t digits = !text.empty() && text[0] == '-' ? 1 : 0;
  return text.size() > digits && text.find_first_not_of("0123456789", digits) == std::string::npos;
}

// Far more threads than cores; creating many more can fail.
constexpr std::uint64_t kMaxThreads = 4096;

// Validators of the command line's values: an empty string when the value is good, else what is
// wrong with it (CLI11 prints it after the option's name).
std::string thread_count(const Say& say, const std::string& text) {
  const auto n = whole(text);
  if (n && *n <= kMaxThreads) return {};
  return n || integer_text(text)
             ? say("cli.threads-range", {{"to", std::to_string(kMaxThreads)}, {"value", text}})
             : say("cli.not-whole", {{"value", text}});
}

// The same range as simulation.seed in a scenario file.
std::string seed_value(const Say& say, const std::string& text) {
  const auto n = whole(text);
  return n && *n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
             ? std::string()
             : say("cli.seed", {{"value", text}});
}

std::string replication_count(const Say& say, const std::string& text) {
  const auto n = whole(text);
  if (n && *n >= 1 && *n <= mamar::model::kMaxReplications) return {};
  return n || integer_text(text)
             ? say("cli.range", {{"from", "1"},
                                 {"to", std::to_string(mamar::model::kMaxReplications)},
                                 {"value", text}})
             : say("cli.not-whole", {{"value", text}});
}

std::string positive_hours(const Say& say, const std::string& text) {
  double h = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), h);
  if (end != text.data() + text.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range))
    return say("cli.not-number", {{"value", text}});
  // Out of range (1e400, 1e-400), infinite or not a number at all (nan): none is a target.
  return ec == std::errc() && h > 0 && std::isfinite(h) ? std::string()
                                                        : say("cli.hours", {{"value", text}});
}

std::string positive_duration(const Say& say, const std::string& text) {
  const auto d = mamar::parse_duration(text);
  std::string too_long = say("cli.too-long", {{"value", text}});
  if (!d) {
    // A number of a unit too large for a duration to hold, or not a duration at all.
    char* unit = nullptr;
    const double n = std::strtod(text.c_str(), &unit);
    const bool huge =
        unit != text.c_str() && n > 1e6 && mamar::parse_duration(std::string("1") + unit);
    return huge ? too_long : say("cli.not-duration", {{"value", text}});
  }
  if (*d > mamar::model::kMaxHorizon) return too_long;
  return *d > mamar::Duration{} ? std::string() : say("cli.not-positive", {{"value", text}});
}

// A path given as an empty word ("--out ''") would silently write nothing.
std::string not_empty_file(const Say& say, const std::string& text) {
  return text.empty() ? say("cli.empty-file") : std::string();
}
std::string not_empty_directory(const Say& say, const std::string& text) {
  return text.empty() ? say("cli.empty-directory") : std::string();
}

// Whether all of the standard output reached its reader. One that stops reading early (| head)
// closes the pipe: writing to it then fails (SIGPIPE is ignored, see main()) instead of killing
// the process before it has said so.
bool finish_output(const Say& say) {
  std::cout.flush();
  if (std::cout) return true;
  std::cerr << say("cli.output-cut") << "\n";
  return false;
}

int run_check(const std::vector<std::string>& files, const Say& say, bool strict,
              const std::string& format, bool quiet) {
  const mamar::Language lang = say.lang;
  const mamar::Catalog& catalog = say.catalog;
  std::vector<std::filesystem::path> paths(files.begin(), files.end());
  auto checks = mamar::app::check_files(paths);
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const auto& c : checks) {
    errors += c.result.diagnostics.error_count();
    warnings += c.result.diagnostics.warning_count();
  }
  if (format == "json") {
    std::cout << mamar::app::diagnostics_json(checks, lang) << "\n";
  } else {
    for (const auto& c : checks) {
      for (const auto& d : c.result.diagnostics.items()) {
        std::cerr << mamar::format_diagnostic(d, catalog, lang) << "\n";
      }
      if (c.result.scenario && !quiet) {
        std::cout << c.file << ": " << mamar::app::format_summary(*c.result.scenario, lang) << "\n";
      }
    }
    if (errors + warnings > 0) {
      std::cerr << catalog.render(
          {"cli.summary-errors",
           {{"errors", std::to_string(errors)}, {"warnings", std::to_string(warnings)}}},
          lang);
      // A file said to be valid above fails here: say that the warnings did it.
      if (strict && errors == 0)
        std::cerr << " — " << catalog.render({"cli.strict-failed", {}}, lang);
      std::cerr << "\n";
    }
  }
  if (!finish_output(say)) return 1;
  if (errors > 0) return 1;
  if (strict && warnings > 0) return 1;
  return 0;
}

struct SimulateArgs {
  std::string file;
  std::optional<std::size_t> replications;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::string out_dir;
  std::optional<double> ci_target_h;
  std::string trace_file;
  bool no_risks = false;
  bool no_events = false;
  std::optional<mamar::Duration> horizon;
  std::string format = "text";
  std::string compare_file;          ///< the variant compared with `file`, if any
  std::vector<std::string> what_if;  ///< PATH=VALUE: the variant is `file` with these set
};

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A --what-if as the variant's name shows it on one line: a value written over several lines (a
// YAML flow mapping, say) with each line break and the indentation after it made one space.
std::string one_line(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '\n' && text[i] != '\r') {
      out += text[i++];
      continue;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    out += ' ';
  }
  return out;
}

// The variant of --what-if: the base's text with the settings applied; its problems on standard
// error.
std::optional<std::string> what_if_text(const SimulateArgs& args, const std::string& base_text,
                                        const Say& say) {
  std::vector<mamar::model::FieldSetting> settings;
  for (const auto& w : args.what_if) settings.push_back(*mamar::model::parse_setting(w));
  auto applied = mamar::model::apply_settings(base_text, settings);
  for (const auto& e : applied.errors)
    std::cerr << "mamar: --what-if: " << say.catalog.render(e, say.lang) << "\n";
  return applied.text;
}

// What went wrong with a file operation that failed, from errno where it says, as a message
// argument.
std::string failure_reason() {
  return errno != 0 ? mamar::os_reason(errno) : "@cli.cannot-open";
}

bool write_file(const std::filesystem::path& path, const std::string& text, const Say& say) {
  errno = 0;
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << say("cli.cannot-write", {{"file", path.string()}, {"reason", failure_reason()}})
              << "\n";
    return false;
  }
  std::cerr << say("sim.written", {{"file", path.string()}}) << "\n";
  return true;
}

// Whether a file can be written, tried without emptying it: one made for the try is removed
// again. errno says why not.
bool can_write(const std::filesystem::path& file) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(file, ec);
  errno = 0;
  std::ofstream probe(file, std::ios::binary | std::ios::app);
  if (!probe) return false;
  probe.close();
  if (!existed) std::filesystem::remove(file, ec);
  return true;
}

// The output directory (and those under it) made before the run, and the files it will write
// there not directories and writable, so that a bad path does not cost the replications.
bool make_directories(const std::filesystem::path& dir, std::initializer_list<const char*> files,
                      const Say& say) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << say("cli.cannot-create", {{"option", "--out"},
                                           {"path", dir.string()},
                                           {"reason", mamar::os_reason(ec.value())}})
              << "\n";
    return false;
  }
  for (const char* name : files) {
    const std::filesystem::path file = dir / name;
    if (std::filesystem::is_directory(file, ec)) {
      std::cerr << say("cli.out-is-directory", {{"path", file.string()}}) << "\n";
      return false;
    }
    if (!can_write(file)) {
      std::cerr << say("cli.cannot-write", {{"file", file.string()}, {"reason", failure_reason()}})
                << "\n";
      return false;
    }
  }
  return true;
}

// What an earlier run of the other kind left in the --out directory, removed once this run's
// files are written, as they would not match its report.html: a run's results.json beside a
// comparison's files, or a comparison's files (comparison.json, and base/ and variant/ with the
// two runs' results) beside a run's. Only the files mamar writes there; base/ and variant/ go
// when that leaves them empty.
void remove_stale_results(const std::filesystem::path& dir, bool comparison, const Say& say) {
  std::vector<std::string> stale;
  std::error_code ec;
  if (comparison) {
    stale.emplace_back("results.json");
  } else if (std::filesystem::is_regular_file(dir / "comparison.json", ec)) {
    stale.emplace_back("comparison.json");
    for (const char* sub : {"base", "variant"}) {
      for (const char* name : {"results.json", "report.html"})
        stale.push_back((std::filesystem::path(sub) / name).string());
    }
  }
  std::string removed;
  for (const auto& name : stale) {
    if (std::filesystem::is_regular_file(dir / name, ec) && std::filesystem::remove(dir / name, ec))
      removed += (removed.empty() ? "" : ", ") + name;
  }
  if (!comparison) {
    for (const char* sub : {"base", "variant"}) {
      if (std::filesystem::is_directory(dir / sub, ec) && std::filesystem::is_empty(dir / sub, ec))
        std::filesystem::remove(dir / sub, ec);
    }
  }
  if (!removed.empty())
    std::cerr << say("cli.removed-stale", {{"files", removed}, {"dir", dir.string()}}) << "\n";
}

// Whether two paths name one file (the second perhaps not there yet).
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::equivalent(a, b, ec)) return true;
  // "out/" and "out" are one directory.
  auto canonical = [&ec](const std::filesystem::path& p) {
    auto c = std::filesystem::weakly_canonical(std::filesystem::absolute(p, ec), ec);
    return c.has_filename() ? c : c.parent_path();
  };
  const auto ca = canonical(a);
  const auto cb = canonical(b);
  return !ec && ca == cb;
}

// The trace file is not a file this run reads or writes otherwise: a trace over the scenario would
// destroy it.
bool trace_file_free(const SimulateArgs& args, const Say& say) {
  const std::filesystem::path trace(args.trace_file);
  std::vector<std::pair<std::filesystem::path, std::string>> taken = {
      {args.file, say("cli.the-scenario-file")}};
  if (!args.out_dir.empty()) {
    taken.emplace_back(args.out_dir, say("cli.the-out-directory"));
    for (const char* name : {"results.json", "report.html"})
      taken.emplace_back(std::filesystem::path(args.out_dir) / name,
                         say("cli.where-out-writes", {{"name", name}}));
  }
  for (const auto& [path, what] : taken) {
    if (same_file(trace, path)) {
      std::cerr << say("cli.trace-overwrites", {{"file", args.trace_file}, {"what", what}}) << "\n";
      return false;
    }
  }
  return true;
}

// The trace file can be written (its directory is made, as --out's is). Tried without emptying
// it: a file made for the try is removed again.
bool trace_file_writable(const SimulateArgs& args, const Say& say) {
  const std::filesystem::path trace(args.trace_file);
  std::error_code ec;
  if (trace.has_parent_path()) std::filesystem::create_directories(trace.parent_path(), ec);
  if (!can_write(trace)) {
    std::cerr << say("cli.cannot-create", {{"option", "--trace"},
                                           {"path", args.trace_file},
                                           {"reason", failure_reason()}})
              << "\n";
    return false;
  }
  return true;
}

int run_compare(const SimulateArgs& args, const mamar::app::SimulateOptions& options,
                const mamar::model::Scenario& base, const mamar::model::Scenario& variant,
                const std::string& variant_name, const std::optional<std::string>& base_text,
                const std::optional<std::string>& variant_text, const Say& say) {
  namespace app = mamar::app;
  const mamar::Language lang = say.lang;
  const auto mc_options = app::monte_carlo_options(base, options);
  // Both runs over the base's horizon, as app::compare() runs them.
  if (const auto refusal =
          app::memory_refusal(mamar::sim::comparison_memory_kept(base, variant, mc_options,
                                                                 app::run_options(base, options)),
                              mc_options.replications, app::physical_memory())) {
    std::cerr << say(refusal->key, refusal->args) << "\n";
    return kUsageError;
  }
  const std::filesystem::path dir(args.out_dir);
  if (!args.out_dir.empty() &&
      !(make_directories(dir, {"comparison.json", "report.html"}, say) &&
        make_directories(dir / "base", {"results.json", "report.html"}, say) &&
        make_directories(dir / "variant", {"results.json", "report.html"}, say)))
    return 1;
  const mamar::sim::Comparison c = app::compare(base, variant, options);
  if (c.interrupted) {
    if (options.progress) std::cerr << "\n";  // under the progress bar
    std::cerr << say("cli.interrupted-compare") << "\n";
    if (!args.out_dir.empty()) {  // the directories made for the runs, when still empty
      std::error_code ec;
      for (const char* name : {"base", "variant"}) std::filesystem::remove(dir / name, ec);
    }
    return kInterrupted;
  }
  // What the variant changes, from the two files as written (both loaded without errors).
  const auto changes = [&]() -> std::optional<std::vector<mamar::model::FieldChange>> {
    if (!base_text || !variant_text) return std::nullopt;
    return mamar::model::scenario_changes(*base_text, *variant_text);
  }();
  // The files first: a reader of the table that stops early (| head) loses none of them.
  bool ok = true;
  if (!args.out_dir.empty()) {
    ok = write_file(dir / "comparison.json",
                    app::comparison_json(c, base, variant, args.file, variant_name, changes), say);
    ok = write_file(dir / "report.html",
                    app::comparison_html(c, base, variant, lang, args.file, variant_name, changes),
                    say) &&
         ok;
    for (const auto& [name, result, scenario] :
         {std::tuple{"base", &c.base, &base}, std::tuple{"variant", &c.variant, &variant}}) {
      // Each run's own report says which it is, and links back to the comparison's.
      const bool is_variant = scenario == &variant;
      ok =
          write_file(dir / name / "results.json", app::results_json(*result, *scenario), say) && ok;
      ok = write_file(dir / name / "report.html",
                      app::comparison_run_html(*result, *scenario, lang, is_variant,
                                               is_variant ? changes : std::nullopt),
                      say) &&
           ok;
    }
    if (ok) remove_stale_results(dir, /*comparison=*/true, say);
  }
  if (args.format == "json") {
    std::cout << app::comparison_json(c, base, variant, args.file, variant_name, changes);
  } else {
    std::cout << app::comparison_table(c, base, variant, lang, args.file, variant_name, changes);
  }
  return finish_output(say) && ok ? 0 : 1;
}

int run_simulate(const SimulateArgs& args, const Say& say) {
  namespace app = mamar::app;
  const mamar::Language lang = say.lang;
  const mamar::Catalog& catalog = say.catalog;
  // --horizon replaces the file's before the checks that use it (a run must end within the year
  // 9999); a variant runs over the base's horizon, and is checked over it.
  mamar::model::LoadOptions load_options;
  load_options.horizon = args.horizon;
  auto loaded = mamar::model::load_scenario_file(args.file, load_options);
  for (const auto& d : loaded.diagnostics.items())
    std::cerr << mamar::format_diagnostic(d, catalog, lang) << "\n";
  if (loaded.scenario) load_options.horizon = loaded.scenario->simulation.horizon;
  // The variant's problems are reported with the base's, before either stops the run.
  std::optional<mamar::model::LoadResult> variant;
  std::string variant_name = args.compare_file;
  // The two texts, for what the variant changes (and --what-if's variant).
  std::optional<std::string> base_text;
  std::optional<std::string> variant_text;
  if (!args.compare_file.empty()) {
    variant = mamar::model::load_scenario_file(args.compare_file, load_options);
    for (const auto& d : variant->diagnostics.items())
      std::cerr << mamar::format_diagnostic(d, catalog, lang) << "\n";
    if (!variant->scenario) return 1;
    base_text = read_text(args.file);
    variant_text = read_text(args.compare_file);
  } else if (!args.what_if.empty()) {
    if (!loaded.scenario) return 1;
    base_text = read_text(args.file);
    if (!base_text) {  // read a moment ago: gone since
      std::cerr << say("cli.cannot-read", {{"file", args.file}}) << "\n";
      return 1;
    }
    variant_text = what_if_text(args, *base_text, say);
    if (!variant_text) return 1;
    variant_name = args.file + " --what-if";
    for (const auto& w : args.what_if) variant_name += " " + one_line(w);
    variant = mamar::model::load_scenario_text(*variant_text, variant_name, load_options);
    // Its errors, and the warnings the base does not have (the change made them: a phase
    // removed leaves people in none), by field: its lines are not the file's. A field is
    // named with its list items by id, as the settings name them: a position would not match
    // the base's once an item is removed.
    auto by_id = [](const std::string& text, const mamar::Diagnostics& diagnostics) {
      std::vector<std::string> paths;
      for (const auto& d : diagnostics.items()) paths.push_back(d.path);
      return mamar::model::paths_by_id(text, paths);
    };
    const std::vector<std::string> base_paths = by_id(*base_text, loaded.diagnostics);
    const std::vector<std::string> variant_paths = by_id(*variant_text, variant->diagnostics);
    std::set<std::string> base_warnings;
    for (std::size_t i = 0; i < loaded.diagnostics.items().size(); ++i) {
      base_warnings.insert(base_paths[i] + "\n" +
                           catalog.render(loaded.diagnostics.items()[i].message, lang));
    }
    for (std::size_t i = 0; i < variant->diagnostics.items().size(); ++i) {
      mamar::Diagnostic d = variant->diagnostics.items()[i];
      d.path = variant_paths[i];
      if (d.severity != mamar::Severity::Error &&
          base_warnings.count(d.path + "\n" + catalog.render(d.message, lang)) > 0)
        continue;
      d.where.line = 0;
      // A hint that points to another line ("first declared on line 140") points into the
      // variant's text, not the file.
      if (d.hint && std::any_of(d.hint->args.begin(), d.hint->args.end(),
                                [](const auto& arg) { return arg.first == "line"; }))
        d.hint.reset();
      std::cerr << mamar::format_diagnostic(d, catalog, lang) << "\n";
    }
    if (!variant->scenario) return 1;
  }
  if (!loaded.scenario) return 1;
  const mamar::model::Scenario& scenario = *loaded.scenario;

  app::SimulateOptions options;
  options.replications = args.replications;
  options.seed = args.seed;
  options.horizon = args.horizon;
  options.threads = args.threads;
  options.ci_target_h = args.ci_target_h;
  options.stochastic_risks = !args.no_risks;
  options.scheduled_events = !args.no_events;
  const bool show_progress = isatty(STDERR_FILENO) != 0;
  if (show_progress) {
    options.progress = [](std::size_t done, std::size_t total) {
      // Redraw about 200 times in all, and at the end.
      if (done != total && done % std::max<std::size_t>(total / 200, 1) != 0) return;
      std::cerr << "\r" << app::progress_bar(done, total) << (done == total ? "\n" : "")
                << std::flush;
    };
    // A comparison's intervals of the changes, after both runs: a bar of their own, under.
    options.change_progress = [say](std::size_t done, std::size_t total) {
      std::cerr << "\r" << app::progress_bar(done, total) << " " << say("cli.progress-intervals")
                << (done == total ? "\n" : "") << std::flush;
    };
  }
  catch_interrupts();
  options.interrupted = [] { return interrupt_requested.load(); };
  if (variant)
    return run_compare(args, options, scenario, *variant->scenario, variant_name, base_text,
                       variant_text, say);
  // A run that cannot keep its results in memory is refused before anything is written.
  const auto mc_options = app::monte_carlo_options(scenario, options);
  if (const auto refusal = app::memory_refusal(
          mamar::sim::memory_kept(scenario, mc_options, app::run_options(scenario, options)),
          mc_options.replications, app::physical_memory())) {
    std::cerr << say(refusal->key, refusal->args) << "\n";
    return kUsageError;
  }
  // The output directory is made and the trace file tried before the run, so that a bad path
  // does not cost the replications; the trace is written after it, so that a run that fails or
  // is interrupted leaves the file as it was.
  if (!args.trace_file.empty() && !trace_file_free(args, say)) return 1;
  if (!args.out_dir.empty() &&
      !make_directories(args.out_dir, {"results.json", "report.html"}, say))
    return 1;
  if (!args.trace_file.empty() && !trace_file_writable(args, say)) return 1;
  const mamar::sim::Engine engine(scenario, app::run_options(scenario, options));
  const auto result = mamar::sim::run_monte_carlo(engine, mc_options);
  if (show_progress && result.replications < mc_options.replications) std::cerr << "\n";
  if (result.interrupted && result.replications == 0) {
    std::cerr << say("cli.interrupted-nothing") << "\n";
    return kInterrupted;
  }

  const std::string json =
      args.format == "json" || !args.out_dir.empty() ? app::results_json(result, scenario) : "";
  // The files first: a reader of the table that stops early (| head) loses none of them.
  bool ok = true;
  if (!args.out_dir.empty()) {
    const std::filesystem::path dir(args.out_dir);
    ok = write_file(dir / "results.json", json, say) && ok;
    ok = write_file(dir / "report.html", app::results_html(result, scenario, lang), say) && ok;
    if (ok) remove_stale_results(dir, /*comparison=*/false, say);
  }
  // Interrupted, the trace (replication 0 run once more) is left out: the user asked to stop.
  if (!args.trace_file.empty() && !result.interrupted) {
    errno = 0;
    std::ofstream trace(args.trace_file, std::ios::binary);
    if (trace) app::write_trace_csv(engine, mc_options.seed, 0, trace);
    trace.close();
    if (!trace) {
      std::cerr << say("cli.cannot-write",
                       {{"file", args.trace_file}, {"reason", failure_reason()}})
                << "\n";
      ok = false;
    } else {
      std::cerr << say("sim.written", {{"file", args.trace_file}}) << "\n";
    }
  }
  if (args.format == "json") {
    std::cout << json;
  } else {
    std::cout << app::results_table(result, scenario, lang);
  }
  const bool output_ok = finish_output(say);
  if (result.interrupted) {
    std::cerr << say(
        "cli.interrupted",
        {{"n", mamar::grouped(static_cast<double>(result.replications))},
         {"total", mamar::grouped(static_cast<double>(result.replications_requested))}});
    if (!args.trace_file.empty()) std::cerr << "; " << say("cli.trace-not-written");
    std::cerr << "\n";
    return kInterrupted;
  }
  return output_ok && ok ? 0 : 1;
}

// The language asked for with --lang (anywhere on the command line), read before the command
// line is parsed, so that a mistake in it is told in that language.
mamar::Language language_asked(int argc, char** argv) {
  mamar::Language lang = mamar::Language::English;
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    std::optional<std::string_view> value;
    if (word == "--lang" && i + 1 < argc) value = argv[i + 1];
    if (word.starts_with("--lang=")) value = word.substr(7);
    if (value) lang = mamar::parse_language(*value).value_or(lang);
  }
  return lang;
}

// The option names of a command ("--seed", "-q"), for "did you mean".
std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : command.get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

// What to say of words the command line has no place for: each unknown option, with the nearest
// one the command has or the command it belongs to; else (no option among them) the first word,
// a second scenario file or an unknown command.
std::string extras_message(const CLI::App& app, const CLI::App* command,
                           const std::vector<std::string>& extras, const Say& say) {
  const std::string command_name = command == nullptr ? "mamar" : "mamar " + command->get_name();
  const CLI::App& scope = command == nullptr ? app : *command;
  std::vector<std::string> known = option_names(scope);
  if (command != nullptr) {  // the options before the command work after it too
    for (const auto& n : option_names(app)) known.push_back(n);
  }
  std::string out;
  for (const auto& word : extras) {
    if (word.size() < 2 || word[0] != '-' || integer_text(word)) continue;
    const std::string name = word.substr(0, word.find('='));
    if (!out.empty()) out += "\n";
    out += say("cli.unknown-option", {{"command", command_name}, {"option", name}});
    if (const auto near = mamar::nearest(name, known)) {
      out += say("cli.did-you-mean", {{"name", *near}});
      continue;
    }
    for (const CLI::App* other : app.get_subcommands({})) {
      if (other == command) continue;
      const auto names = option_names(*other);
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        out += " (" + say("cli.option-of", {{"command", "mamar " + other->get_name()}}) + ")";
        break;
      }
    }
  }
  if (!out.empty() || extras.empty()) return out;
  if (command != nullptr) return say("cli.one-file", {{"word", extras.front()}});
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  out = say("cli.unknown-command", {{"word", extras.front()}});
  if (const auto near = mamar::nearest(extras.front(), commands))
    out += say("cli.did-you-mean", {{"name", *near}});
  return out;
}

// Whether `name` ("--strict", "-q") names a flag, an option that takes no value, of mamar or of
// one of its commands.
bool is_flag(const CLI::App& app, const std::string& name) {
  auto in = [&](const CLI::App& scope) {
    const CLI::Option* opt = scope.get_option_no_throw(name);
    return opt != nullptr && opt->get_expected_min() == 0;
  };
  if (in(app)) return true;
  for (const CLI::App* command : app.get_subcommands({})) {
    if (in(*command)) return true;
  }
  return false;
}

// A mistake CLI11 found, in mamar's words and the user's language where it is one we know; else
// CLI11's own (English) message.
std::string parse_error_message(const CLI::ParseError& e, const CLI::App& app,
                                const CLI::App* command, const std::vector<std::string>& words,
                                const Say& say) {
  std::string what = e.what();
  // "--no-risks was given a disallowed flag override": a flag given a value ("--no-risks=3").
  const std::string override_said = " was given a disallowed flag override";
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr && what.ends_with(override_said)) {
    std::string option = what.substr(0, what.size() - override_said.size());
    if (!option.starts_with("-")) option = "--" + option;  // CLI11 names it without its dashes
    std::string value;
    for (const auto& word : words) {
      if (word.starts_with(option + "=")) value = word.substr(option.size() + 1);
    }
    return say("cli.flag-value", {{"option", option}, {"value", value}});
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    const CLI::App& scope = command == nullptr ? app : *command;
    std::string out = extras_message(app, command, scope.remaining(), say);
    if (!out.empty()) return out;
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && what == "FILE is required" &&
      command != nullptr)
    return say("cli.file-required-" + command->get_name());
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    // "--seed: At Most 1 required but received 2", "--seed: 1 required UINT missing".
    const auto colon = what.find(": ");
    if (colon != std::string::npos) {
      const std::string option = what.substr(0, colon);
      const std::string rest = what.substr(colon + 2);
      const std::string at_most = "At Most 1 required but received ";
      if (rest.starts_with(at_most))
        return say("cli.repeated", {{"option", option}, {"n", rest.substr(at_most.size())}});
      if (rest.starts_with("1 required ") && rest.ends_with(" missing"))
        return say("cli.needs-value", {{"option", option}});
    }
  }
  return what;
}

}  // namespace

int main(int argc, char** argv) {
  // Replications allocate and free the same amounts again and again: keep freed memory in the
  // process instead of returning it to the system each time (which cost more than the
  // simulation itself: page faults on every replication).
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  std::signal(SIGPIPE, SIG_IGN);  // a closed standard output is reported (finish_output())
  const mamar::Catalog catalog = mamar::app::app_catalog();
  // The help, and mistakes on the command line, are told in the language it asks for.
  const Say early{catalog, language_asked(argc, argv)};
  auto check_with = [&early](std::string (*validate)(const Say&, const std::string&)) {
    return [&early, validate](const std::string& text) { return validate(early, text); };
  };
  // A value among `choices`, which the help shows after the value's name: "LANG:{en,ar}".
  auto one_of = [&early](const char* key, std::initializer_list<const char*> choices) {
    return CLI::Validator(
        [&early, key, choices = std::vector<std::string>(choices.begin(), choices.end())](
            const std::string& text) {
          return std::find(choices.begin(), choices.end(), text) != choices.end()
                     ? std::string()
                     : early(key, {{"value", text}});
        },
        fmt::format("{{{}}}", fmt::join(choices, ",")));
  };
  // The help: the descriptions and value names below, its headings and layout from
  // HelpFormatter. The commands, added after the formatter and the help flag, inherit both.
  CLI::App app{early("cli.help.mamar"), "mamar"};
  app.formatter(std::make_shared<mamar::cli::HelpFormatter>(catalog, early.lang));
  app.set_help_flag("-h,--help", early("cli.help.help"));
  app.set_version_flag("--version", std::string("mamar ") + MAMAR_VERSION,
                       early("cli.help.version"));
  app.require_subcommand(0, 1);  // none: help, or the unknown word named (below)
  std::string lang = "en";
  app.add_option("--lang", lang, early("cli.help.lang"))
      ->type_name(early("cli.value.lang"))
      ->check(one_of("cli.lang-choice", {"en", "ar"}));

  auto* check = app.add_subcommand("check", early("cli.help.check"));
  std::vector<std::string> files;
  bool strict = false;
  bool quiet = false;
  std::string format = "text";
  check->add_option("FILE", files, early("cli.help.files"))
      ->type_name(early("cli.value.file"))
      ->required();
  // A flag takes no value: "--strict=false" would read as the flag given.
  check->add_flag("--strict", strict, early("cli.help.strict"))->disable_flag_override();
  check->add_flag("-q,--quiet", quiet, early("cli.help.quiet"))->disable_flag_override();
  check->add_option("--format", format, early("cli.help.format"))
      ->type_name(early("cli.value.format"))
      ->check(one_of("cli.format-choice", {"text", "json"}));
  check->add_option("--lang", lang, early("cli.help.lang"))
      ->type_name(early("cli.value.lang"))
      ->check(one_of("cli.lang-choice", {"en", "ar"}));

  auto* simulate = app.add_subcommand("simulate", early("cli.help.simulate"));
  SimulateArgs sim_args;
  std::size_t replications = 0;
  std::uint64_t seed = 0;
  double ci_target = 0;
  std::string horizon;
  simulate->add_option("FILE", sim_args.file, early("cli.help.file"))
      ->type_name(early("cli.value.file"))
      ->required();
  auto* replications_opt =
      simulate
          ->add_option("--replications", replications,
                       early("cli.help.replications",
                             {{"to", std::to_string(mamar::model::kMaxReplications)}}))
          ->type_name(early("cli.value.n"))
          ->check(check_with(replication_count));
  auto* seed_opt = simulate->add_option("--seed", seed, early("cli.help.seed"))
                       ->type_name(early("cli.value.n"))
                       ->check(check_with(seed_value));
  simulate
      ->add_option("--threads", sim_args.threads,
                   early("cli.help.threads", {{"to", std::to_string(kMaxThreads)}}))
      ->type_name(early("cli.value.n"))
      ->check(check_with(thread_count));
  simulate->add_option("--out", sim_args.out_dir, early("cli.help.out"))
      ->type_name(early("cli.value.dir"))
      ->check(check_with(not_empty_directory));
  auto* ci_opt = simulate->add_option("--ci-target", ci_target, early("cli.help.ci-target"))
                     ->type_name(early("cli.value.hours"))
                     ->check(check_with(positive_hours));
  auto* trace_opt = simulate->add_option("--trace", sim_args.trace_file, early("cli.help.trace"))
                        ->type_name(early("cli.value.file"))
                        ->check(check_with(not_empty_file));
  auto* compare_opt =
      simulate->add_option("--compare", sim_args.compare_file, early("cli.help.compare"))
          ->type_name(early("cli.value.variant"))
          ->check(check_with(not_empty_file));
  auto* what_if_opt = simulate->add_option("--what-if", sim_args.what_if, early("cli.help.what-if"))
                          ->type_name(early("cli.value.setting"))
                          ->expected(1)  // one per --what-if: FILE after it stays FILE
                          ->allow_extra_args(false)
                          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                          ->check([&early](const std::string& s) -> std::string {
                            const auto setting = mamar::model::parse_setting(s);
                            if (!setting) return early("cli.what-if-form", {{"value", s}});
                            // A path or a value no scenario could take: the command line is wrong,
                            // as above.
                            if (const auto problem = mamar::model::malformed_setting(*setting))
                              return early.catalog.render(*problem, early.lang);
                            return "";
                          });
  simulate->add_flag("--no-risks", sim_args.no_risks, early("cli.help.no-risks"))
      ->disable_flag_override();
  simulate->add_flag("--no-events", sim_args.no_events, early("cli.help.no-events"))
      ->disable_flag_override();
  auto* horizon_opt = simulate->add_option("--horizon", horizon, early("cli.help.horizon"))
                          ->type_name(early("cli.value.duration"))
                          ->check(check_with(positive_duration));
  simulate->add_option("--format", sim_args.format, early("cli.help.format"))
      ->type_name(early("cli.value.format"))
      ->check(one_of("cli.format-choice", {"text", "json"}));
  simulate->add_option("--lang", lang, early("cli.help.lang"))
      ->type_name(early("cli.value.lang"))
      ->check(one_of("cli.lang-choice", {"en", "ar"}));
  // The heading the program's help lists the commands under.
  for (auto* command : {check, simulate}) command->group(early("cli.help.commands"));
  // Set after the commands, which would inherit them: the pointer to each command's help is for
  // the program's help alone, and the commands keep refusing words they do not take.
  app.footer(early("cli.help.footer"));
  app.allow_extras();

  // The command being parsed, when a mistake is found: its options are the ones to suggest.
  auto command_given = [&]() -> const CLI::App* {
    if (check->parsed()) return check;
    if (simulate->parsed()) return simulate;
    return nullptr;
  };
  auto usage_error = [&](const std::string& message) {
    std::cerr << message << "\n" << early("cli.run-help") << "\n";
    return kUsageError;
  };
  try {
    // A flag written with "=" ("--quiet=", "-q=1"): CLI11 takes an empty value as the flag given
    // and reads "-q=1" as an unknown option "-"; said here in mamar's words, as "--strict=1" is.
    for (int i = 1; i < argc; ++i) {
      const std::string word = argv[i];
      if (word == "--") break;
      const auto eq = word.find('=');
      if (!word.starts_with("-") || eq == std::string::npos || eq < 2) continue;
      const std::string name = word.substr(0, eq);
      if (is_flag(app, name))
        return usage_error(early(eq + 1 == word.size() ? "cli.flag-value-empty" : "cli.flag-value",
                                 {{"option", name}, {"value", word.substr(eq + 1)}}));
    }
    app.parse(argc, argv);
    const auto extra = app.remaining();
    const CLI::App* command = command_given();
    if (command == nullptr && extra.empty()) {
      std::cerr << app.help();
      return kUsageError;
    }
    if (!extra.empty()) return usage_error(extras_message(app, nullptr, extra, early));
    // Options that do not go together, with the reason: the first named is refused.
    const std::tuple<const CLI::Option*, const CLI::Option*, const char*> exclusive[] = {
        {what_if_opt, compare_opt, "cli.why-variant"}, {ci_opt, what_if_opt, "cli.why-fixed-count"},
        {trace_opt, what_if_opt, "cli.why-own-run"},   {ci_opt, compare_opt, "cli.why-fixed-count"},
        {trace_opt, compare_opt, "cli.why-own-run"},
    };
    for (const auto& [refused, other, why] : exclusive) {
      if (refused->count() > 0 && other->count() > 0) {
        return usage_error(early(
            "cli.not-with",
            {{"option", refused->get_name()}, {"other", other->get_name()}, {"why", early(why)}}));
      }
    }
  } catch (const CLI::ParseError& e) {
    // Help and --version are printed by CLI11 (exit 0); a mistake in mamar's words, exit 2.
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    return usage_error(parse_error_message(e, app, command_given(),
                                           std::vector<std::string>(argv + 1, argv + argc), early));
  }
  const Say say{catalog, mamar::parse_language(lang).value_or(early.lang)};
  try {
    if (check->parsed()) return run_check(files, say, strict, format, quiet);
    if (simulate->parsed()) {
      if (replications_opt->count() > 0) sim_args.replications = replications;
      if (seed_opt->count() > 0) sim_args.seed = seed;
      if (ci_opt->count() > 0) sim_args.ci_target_h = ci_target;
      if (horizon_opt->count() > 0) sim_args.horizon = mamar::parse_duration(horizon);
      return run_simulate(sim_args, say);
    }
  } catch (const std::exception& e) {
    std::cerr << say("cli.internal-error", {{"what", e.what()}}) << "\n";
    return kInternalError;
  }
  return 0;
}
