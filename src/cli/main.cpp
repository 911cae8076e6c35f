// mamar: the command-line front end. Thin: parses arguments and calls the app layer.
#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
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
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <tuple>

#include "mamar/app/check.hpp"
#include "mamar/app/simulate.hpp"
#include "mamar/common/text.hpp"
#include "mamar/model/load.hpp"
#include "mamar/model/scenario.hpp"
#include "mamar/model/settings.hpp"

namespace {

// Exit codes: 0 done; 1 the input has errors (or --strict warnings), or a file cannot be read or
// written; 2 the command line is wrong; 3 an internal error; 130 interrupted (Ctrl-C, SIGTERM).
constexpr int kUsageError = 2;
constexpr int kInternalError = 3;
constexpr int kInterrupted = 130;

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
std::string thread_count(const std::string& text) {
  const auto n = whole(text);
  if (n && *n <= kMaxThreads) return {};
  return n || integer_text(text)
             ? fmt::format("must be 0 (every core) to {}, not {}", kMaxThreads, text)
             : "not a whole number: " + text;
}

std::string seed_value(const std::string& text) {
  return whole(text) ? std::string() : "not a whole number from 0 to 2^64 - 1: " + text;
}

std::string replication_count(const std::string& text) {
  const auto n = whole(text);
  if (n && *n >= 1 && *n <= mamar::model::kMaxReplications) return {};
  return n || integer_text(text)
             ? fmt::format("must be 1 to {}, not {}", mamar::model::kMaxReplications, text)
             : "not a whole number: " + text;
}

std::string positive_hours(const std::string& text) {
  double h = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), h);
  if (end != text.data() + text.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range))
    return "not a number: " + text;
  // Out of range (1e400, 1e-400), infinite or not a number at all (nan): none is a target.
  return ec == std::errc() && h > 0 && std::isfinite(h)
             ? std::string()
             : "must be a finite number of hours above zero, not " + text;
}

std::string positive_duration(const std::string& text) {
  const auto d = mamar::parse_duration(text);
  std::string too_long = "too long: " + text + "; at most 3650 d (ten years)";
  if (!d) {
    // A number of a unit too large for a duration to hold, or not a duration at all.
    char* unit = nullptr;
    const double n = std::strtod(text.c_str(), &unit);
    const bool huge =
        unit != text.c_str() && n > 1e6 && mamar::parse_duration(std::string("1") + unit);
    return huge ? too_long : "not a duration: " + text + " (e.g. 36 h, 10 d)";
  }
  if (*d > mamar::model::kMaxHorizon) return too_long;
  return *d > mamar::Duration{} ? std::string() : "must be longer than zero, not " + text;
}

// A path given as an empty word ("--out ''") would silently write nothing.
std::string not_empty_file(const std::string& text) {
  return text.empty() ? "must name a file, not an empty word" : std::string();
}
std::string not_empty_directory(const std::string& text) {
  return text.empty() ? "must name a directory, not an empty word" : std::string();
}

// Whether all of the standard output reached its reader. One that stops reading early (| head)
// closes the pipe: writing to it then fails (SIGPIPE is ignored, see main()) instead of killing
// the process before it has said so.
bool finish_output() {
  std::cout.flush();
  if (std::cout) return true;
  std::cerr << "mamar: the output was cut short: its reader closed it, or its device is full\n";
  return false;
}

int run_check(const std::vector<std::string>& files, const std::string& lang_code, bool strict,
              const std::string& format, bool quiet) {
  auto lang = mamar::parse_language(lang_code).value_or(mamar::Language::English);
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
    const auto catalog = mamar::app::app_catalog();
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
  if (!finish_output()) return 1;
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
                                        const mamar::Catalog& catalog, mamar::Language lang) {
  std::vector<mamar::model::FieldSetting> settings;
  for (const auto& w : args.what_if) settings.push_back(*mamar::model::parse_setting(w));
  auto applied = mamar::model::apply_settings(base_text, settings);
  for (const auto& e : applied.errors)
    std::cerr << "mamar: --what-if: " << catalog.render(e, lang) << "\n";
  return applied.text;
}

// What went wrong with a file operation that failed, from errno where it says.
std::string failure_reason() {
  return errno != 0 ? std::error_code(errno, std::generic_category()).message()
                    : "cannot open the file";
}

bool write_file(const std::filesystem::path& path, const std::string& text,
                const mamar::Catalog& catalog, mamar::Language lang) {
  errno = 0;
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "mamar: cannot write " << path.string() << ": " << failure_reason() << "\n";
    return false;
  }
  std::cerr << catalog.render({"sim.written", {{"file", path.string()}}}, lang) << "\n";
  return true;
}

// The output directory (and those under it) made before the run, and the files it will write
// there not directories, so that a bad path does not cost the replications.
bool make_directories(const std::filesystem::path& dir,
                      std::initializer_list<const char*> files = {}) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "mamar: --out: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return false;
  }
  for (const char* name : files) {
    if (std::filesystem::is_directory(dir / name, ec)) {
      std::cerr << "mamar: --out: " << (dir / name).string()
                << " is a directory: the run cannot write its file there\n";
      return false;
    }
  }
  return true;
}

// Whether two paths name one file (the second perhaps not there yet).
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::equivalent(a, b, ec)) return true;
  const auto ca = std::filesystem::weakly_canonical(std::filesystem::absolute(a, ec), ec);
  const auto cb = std::filesystem::weakly_canonical(std::filesystem::absolute(b, ec), ec);
  return !ec && ca == cb;
}

// The trace file is not a file this run reads or writes otherwise: a trace over the scenario would
// destroy it.
bool trace_file_free(const SimulateArgs& args) {
  const std::filesystem::path trace(args.trace_file);
  std::vector<std::pair<std::filesystem::path, std::string>> taken = {
      {args.file, "the scenario file"}};
  if (!args.out_dir.empty()) {
    for (const char* name : {"results.json", "report.html"})
      taken.emplace_back(std::filesystem::path(args.out_dir) / name,
                         std::string("where --out writes ") + name);
  }
  for (const auto& [path, what] : taken) {
    if (same_file(trace, path)) {
      std::cerr << "mamar: --trace: " << args.trace_file << " is " << what
                << ": the trace would overwrite it\n";
      return false;
    }
  }
  return true;
}

// The trace file can be written (its directory is made, as --out's is). Tried without emptying
// it: a file made for the try is removed again.
bool trace_file_writable(const SimulateArgs& args) {
  const std::filesystem::path trace(args.trace_file);
  std::error_code ec;
  if (trace.has_parent_path()) std::filesystem::create_directories(trace.parent_path(), ec);
  const bool existed = std::filesystem::exists(trace, ec);
  errno = 0;
  std::ofstream probe(trace, std::ios::binary | std::ios::app);
  if (!probe) {
    std::cerr << "mamar: --trace: cannot create " << args.trace_file << ": " << failure_reason()
              << "\n";
    return false;
  }
  probe.close();
  if (!existed) std::filesystem::remove(trace, ec);
  return true;
}

int run_compare(const SimulateArgs& args, const mamar::app::SimulateOptions& options,
                const mamar::model::Scenario& base, const mamar::model::Scenario& variant,
                const std::string& variant_name, const std::optional<std::string>& base_text,
                const std::optional<std::string>& variant_text, const mamar::Catalog& catalog,
                mamar::Language lang) {
  namespace app = mamar::app;
  const std::filesystem::path dir(args.out_dir);
  if (!args.out_dir.empty() &&
      !(make_directories(dir, {"comparison.json", "report.html"}) &&
        make_directories(dir / "base", {"results.json", "report.html"}) &&
        make_directories(dir / "variant", {"results.json", "report.html"})))
    return 1;
  const mamar::sim::Comparison c = app::compare(base, variant, options);
  if (c.interrupted) {
    if (options.progress) std::cerr << "\n";  // under the progress bar
    std::cerr << catalog.render({"cli.interrupted-compare", {}}, lang) << "\n";
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
                    app::comparison_json(c, base, variant, args.file, variant_name, changes),
                    catalog, lang);
    ok = write_file(dir / "report.html",
                    app::comparison_html(c, base, variant, lang, args.file, variant_name, changes),
                    catalog, lang) &&
         ok;
    for (const auto& [name, result, scenario] :
         {std::tuple{"base", &c.base, &base}, std::tuple{"variant", &c.variant, &variant}}) {
      ok = write_file(dir / name / "results.json", app::results_json(*result, *scenario), catalog,
                      lang) &&
           ok;
      ok = write_file(dir / name / "report.html", app::results_html(*result, *scenario, lang),
                      catalog, lang) &&
           ok;
    }
  }
  if (args.format == "json") {
    std::cout << app::comparison_json(c, base, variant, args.file, variant_name, changes);
  } else {
    std::cout << app::comparison_table(c, base, variant, lang, args.file, variant_name, changes);
  }
  return finish_output() && ok ? 0 : 1;
}

int run_simulate(const SimulateArgs& args, const std::string& lang_code) {
  namespace app = mamar::app;
  const auto lang = mamar::parse_language(lang_code).value_or(mamar::Language::English);
  const auto catalog = app::app_catalog();
  auto loaded = mamar::model::load_scenario_file(args.file);
  for (const auto& d : loaded.diagnostics.items())
    std::cerr << mamar::format_diagnostic(d, catalog, lang) << "\n";
  // The variant's problems are reported with the base's, before either stops the run.
  std::optional<mamar::model::LoadResult> variant;
  std::string variant_name = args.compare_file;
  // The two texts, for what the variant changes (and --what-if's variant).
  std::optional<std::string> base_text;
  std::optional<std::string> variant_text;
  if (!args.compare_file.empty()) {
    variant = mamar::model::load_scenario_file(args.compare_file);
    for (const auto& d : variant->diagnostics.items())
      std::cerr << mamar::format_diagnostic(d, catalog, lang) << "\n";
    if (!variant->scenario) return 1;
    base_text = read_text(args.file);
    variant_text = read_text(args.compare_file);
  } else if (!args.what_if.empty()) {
    if (!loaded.scenario) return 1;
    base_text = read_text(args.file);
    if (!base_text) {  // read a moment ago: gone since
      std::cerr << "mamar: cannot read " << args.file << "\n";
      return 1;
    }
    variant_text = what_if_text(args, *base_text, catalog, lang);
    if (!variant_text) return 1;
    variant_name = args.file + " --what-if";
    for (const auto& w : args.what_if) variant_name += " " + one_line(w);
    variant = mamar::model::load_scenario_text(*variant_text, variant_name);
    // Its errors, and the warnings the base does not have (the change made them: a phase
    // removed leaves people in none), by field: its lines are not the file's.
    std::set<std::string> base_warnings;
    for (const auto& d : loaded.diagnostics.items())
      base_warnings.insert(d.path + "\n" + catalog.render(d.message, lang));
    for (auto d : variant->diagnostics.items()) {
      if (d.severity != mamar::Severity::Error &&
          base_warnings.count(d.path + "\n" + catalog.render(d.message, lang)) > 0)
        continue;
      d.where.line = 0;
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
  }
  catch_interrupts();
  options.interrupted = [] { return interrupt_requested.load(); };
  if (variant)
    return run_compare(args, options, scenario, *variant->scenario, variant_name, base_text,
                       variant_text, catalog, lang);
  // The output directory is made and the trace file tried before the run, so that a bad path
  // does not cost the replications; the trace is written after it, so that a run that fails or
  // is interrupted leaves the file as it was.
  if (!args.trace_file.empty() && !trace_file_free(args)) return 1;
  if (!args.out_dir.empty() && !make_directories(args.out_dir, {"results.json", "report.html"}))
    return 1;
  if (!args.trace_file.empty() && !trace_file_writable(args)) return 1;
  const mamar::sim::Engine engine(scenario, app::run_options(scenario, options));
  const auto mc_options = app::monte_carlo_options(scenario, options);
  const auto result = mamar::sim::run_monte_carlo(engine, mc_options);
  if (show_progress && result.replications < mc_options.replications) std::cerr << "\n";
  if (result.interrupted && result.replications == 0) {
    std::cerr << catalog.render({"cli.interrupted-nothing", {}}, lang) << "\n";
    return kInterrupted;
  }

  const std::string json =
      args.format == "json" || !args.out_dir.empty() ? app::results_json(result, scenario) : "";
  // The files first: a reader of the table that stops early (| head) loses none of them.
  bool ok = true;
  if (!args.out_dir.empty()) {
    const std::filesystem::path dir(args.out_dir);
    ok = write_file(dir / "results.json", json, catalog, lang) && ok;
    ok =
        write_file(dir / "report.html", app::results_html(result, scenario, lang), catalog, lang) &&
        ok;
  }
  // Interrupted, the trace (replication 0 run once more) is left out: the user asked to stop.
  if (!args.trace_file.empty() && !result.interrupted) {
    errno = 0;
    std::ofstream trace(args.trace_file, std::ios::binary);
    if (trace) app::write_trace_csv(engine, mc_options.seed, 0, trace);
    trace.close();
    if (!trace) {
      std::cerr << "mamar: cannot write " << args.trace_file << ": " << failure_reason() << "\n";
      ok = false;
    } else {
      std::cerr << catalog.render({"sim.written", {{"file", args.trace_file}}}, lang) << "\n";
    }
  }
  if (args.format == "json") {
    std::cout << json;
  } else {
    std::cout << app::results_table(result, scenario, lang);
  }
  const bool output_ok = finish_output();
  if (result.interrupted) {
    std::cerr << catalog.render(
        {"cli.interrupted",
         {{"n", mamar::grouped(static_cast<double>(result.replications))},
          {"total", mamar::grouped(static_cast<double>(result.replications_requested))}}},
        lang);
    if (!args.trace_file.empty())
      std::cerr << "; " << catalog.render({"cli.trace-not-written", {}}, lang);
    std::cerr << "\n";
    return kInterrupted;
  }
  return output_ok && ok ? 0 : 1;
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
  CLI::App app{"mamar — plan, simulate and track negotiated evacuations by convoy"};
  app.set_version_flag("--version", std::string("mamar ") + MAMAR_VERSION);
  app.require_subcommand(0, 1);  // none: help, or the unknown word named (below)
  std::string lang = "en";
  app.add_option("--lang", lang, "Language of messages and summaries: en or ar")
      ->check(CLI::IsMember({"en", "ar"}));

  auto* check = app.add_subcommand("check", "Validate scenario files and print their summary");
  std::vector<std::string> files;
  bool strict = false;
  bool quiet = false;
  std::string format = "text";
  check->add_option("FILE", files, "Scenario files (YAML)")->required();
  check->add_flag("--strict", strict, "Fail on warnings too");
  check->add_flag("-q,--quiet", quiet, "Print problems only, no summary");
  check->add_option("--format", format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  check->add_option("--lang", lang, "Language of messages and summaries: en or ar")
      ->check(CLI::IsMember({"en", "ar"}));

  auto* simulate = app.add_subcommand(
      "simulate", "Run Monte Carlo replications of a scenario and report the results");
  SimulateArgs sim_args;
  std::size_t replications = 0;
  std::uint64_t seed = 0;
  double ci_target = 0;
  std::string horizon;
  simulate->add_option("FILE", sim_args.file, "Scenario file (YAML)")->required();
  auto* replications_opt =
      simulate
          ->add_option("--replications", replications,
                       fmt::format("Replications, 1 to {} (default: the scenario's "
                                   "simulation.replications)",
                                   mamar::model::kMaxReplications))
          ->check(replication_count);
  auto* seed_opt =
      simulate->add_option("--seed", seed, "Random seed (default: the scenario's simulation.seed)")
          ->check(seed_value);
  simulate
      ->add_option("--threads", sim_args.threads,
                   fmt::format("Threads, at most {}; 0 uses every core", kMaxThreads))
      ->check(thread_count);
  simulate->add_option("--out", sim_args.out_dir, "Write DIR/results.json and DIR/report.html")
      ->check(not_empty_directory);
  auto* ci_opt =
      simulate
          ->add_option(
              "--ci-target", ci_target,
              "Stop once the 95% CI half-width of the mean time to clear everyone is below HOURS")
          ->check(positive_hours);
  auto* trace_opt = simulate
                        ->add_option("--trace", sim_args.trace_file,
                                     "Write the event log of replication 0 as CSV to FILE")
                        ->check(not_empty_file);
  auto* compare_opt =
      simulate
          ->add_option("--compare", sim_args.compare_file,
                       "What if: run VARIANT (a changed copy of FILE) on the same replications and "
                       "report the change, pair by pair; --out DIR writes DIR/comparison.json, "
                       "DIR/report.html and both runs' results under DIR/base and DIR/variant")
          ->option_text("VARIANT")
          ->check(not_empty_file);
  auto* what_if_opt =
      simulate
          ->add_option("--what-if", sim_args.what_if,
                       "What if, without a copy: compare FILE with FILE where the field PATH is "
                       "VALUE (YAML), as --compare does; PATH as check names fields, a list item "
                       "by its id: 'places[gate].lanes=2'. PATH+=VALUE appends an item to a list, "
                       "PATH-=ID removes one ('events-=snow'). Repeat for more fields")
          ->option_text("PATH=VALUE")
          ->expected(1)  // one per --what-if: FILE after it stays FILE
          ->allow_extra_args(false)
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
          ->check([](const std::string& s) -> std::string {
            return mamar::model::parse_setting(s)
                       ? ""
                       : "'" + s +
                             "' is not PATH=VALUE, PATH+=VALUE or PATH-=ID, e.g. "
                             "'places[gate].lanes=2'";
          });
  simulate->add_flag("--no-risks", sim_args.no_risks, "Leave out the stochastic risks");
  simulate->add_flag("--no-events", sim_args.no_events, "Leave out the scheduled events");
  auto* horizon_opt = simulate
                          ->add_option("--horizon", horizon,
                                       "Stop each replication here, e.g. \"10 d\" (default: the "
                                       "scenario's simulation.horizon)")
                          ->check(positive_duration);
  simulate->add_option("--format", sim_args.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  simulate->add_option("--lang", lang, "Language of the table and the report: en or ar")
      ->check(CLI::IsMember({"en", "ar"}));
  // Set after the subcommands, which would inherit it: they keep refusing words they do not take.
  app.allow_extras();

  try {
    app.parse(argc, argv);
    const auto extra = app.remaining();
    const bool command = check->parsed() || simulate->parsed();
    if (!command && extra.empty()) {
      std::cerr << app.help();
      return kUsageError;
    }
    if (!command && extra.front()[0] != '-') {
      // "check and simulate": the commands as added, the last after "and".
      const auto subs = app.get_subcommands({});
      std::string names;
      for (std::size_t i = 0; i < subs.size(); ++i)
        names += (i == 0 ? "" : i + 1 == subs.size() ? " and " : ", ") + subs[i]->get_name();
      std::cerr << "mamar: unknown command '" << extra.front() << "'; the commands are " << names
                << "\nRun with --help for more information.\n";
      return kUsageError;
    }
    if (!extra.empty()) throw CLI::ExtrasError(extra);
    // Options that do not go together, with the reason: the first named is refused.
    const std::string fixed_count =
        "a comparison runs the same fixed number of replications of both scenarios "
        "(--replications)";
    const std::string own_run = "trace each scenario in a run of its own";
    const std::tuple<const CLI::Option*, const CLI::Option*, std::string> exclusive[] = {
        {what_if_opt, compare_opt, "the variant is either a file or FILE with fields set"},
        {ci_opt, what_if_opt, fixed_count},
        {trace_opt, what_if_opt, own_run},
        {ci_opt, compare_opt, fixed_count},
        {trace_opt, compare_opt, own_run},
    };
    for (const auto& [refused, other, why] : exclusive) {
      if (refused->count() > 0 && other->count() > 0) {
        std::cerr << refused->get_name() << ": not with " << other->get_name() << ": " << why
                  << "\nRun with --help for more information.\n";
        return kUsageError;
      }
    }
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help asked for, exit 0); its own codes are not ours.
    return app.exit(e) == 0 ? 0 : kUsageError;
  }
  try {
    if (check->parsed()) return run_check(files, lang, strict, format, quiet);
    if (simulate->parsed()) {
      if (replications_opt->count() > 0) sim_args.replications = replications;
      if (seed_opt->count() > 0) sim_args.seed = seed;
      if (ci_opt->count() > 0) sim_args.ci_target_h = ci_target;
      if (horizon_opt->count() > 0) sim_args.horizon = mamar::parse_duration(horizon);
      return run_simulate(sim_args, lang);
    }
  } catch (const std::exception& e) {
    std::cerr << "mamar: internal error: " << e.what() << "\n";
    return kInternalError;
  }
  return 0;
}
