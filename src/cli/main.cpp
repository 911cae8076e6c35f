// mamar: the command-line front end. Thin: parses arguments and calls the app layer.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "mamar/app/check.hpp"

namespace {

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
      std::cerr << catalog.render({"cli.summary-errors", {{"errors", std::to_string(errors)}, {"warnings", std::to_string(warnings)}}}, lang)
                << "\n";
    }
  }
  if (errors > 0) return 1;
  if (strict && warnings > 0) return 1;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mamar — plan, simulate and track negotiated evacuations by convoy"};
  app.require_subcommand(1);
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
  check->add_option("--format", format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  check->add_option("--lang", lang, "Language of messages and summaries: en or ar")
      ->check(CLI::IsMember({"en", "ar"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (check->parsed()) return run_check(files, lang, strict, format, quiet);
  } catch (const std::exception& e) {
    std::cerr << "mamar: internal error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
