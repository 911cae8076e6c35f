// Writes the results of synthetic replications of a scenario (tests/support) as JSON and, if
// asked, as an HTML report: material for the results schema test, without the engine.
// Usage: results_sample SCENARIO.yaml OUT.json [OUT.html en|ar]
#include <fstream>
#include <iostream>

#include "mamar/app/simulate.hpp"
#include "mamar/model/load.hpp"
#include "synthetic_results.hpp"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 5) {
    std::cerr << "usage: results_sample SCENARIO.yaml OUT.json [OUT.html en|ar]\n";
    return 2;
  }
  auto loaded = mamar::model::load_scenario_file(argv[1]);
  if (!loaded.scenario) {
    std::cerr << argv[1] << ": does not load\n";
    return 1;
  }
  const auto& s = *loaded.scenario;
  mamar::sim::MonteCarloOptions options;
  options.replications = 200;
  options.seed = 1;
  const auto result = mamar::sim::run_monte_carlo(
      s, [&](std::uint64_t i) { return mamar::testing::synthetic_replication(s, i); }, options);
  std::ofstream(argv[2], std::ios::binary) << mamar::app::results_json(result, s);
  if (argc == 5) {
    const auto lang = mamar::parse_language(argv[4]).value_or(mamar::Language::English);
    std::ofstream(argv[3], std::ios::binary) << mamar::app::results_html(result, s, lang);
  }
  return 0;
}
