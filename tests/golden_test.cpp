// Golden fingerprints: the results JSON of each shipped scenario, and the comparison JSON of the
// shipped "what if" pair (seed 1, 5 replications, two threads) hashed and compared with
// tests/golden/<name>.fingerprint. A change to the engine that changes any result changes a
// fingerprint: review the change, then refresh the files with
//   MAMAR_UPDATE_GOLDEN=1 build/test/tests/golden_test
// (each test that wrote its file then fails, to say so; run it again without the variable).
// That the results are the same on any number of threads is checked through `mamar simulate`
// by tests/schema/check_results.py (1 and 2 threads, byte for byte).
// Fingerprints hold for this C library (Debian 12, x86-64), with GCC and with Clang: the test
// command (scripts/test.sh) runs this test in a Clang build too.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "mamar/app/simulate.hpp"
#include "mamar/model/load.hpp"

namespace mamar {
namespace {

namespace fs = std::filesystem;

std::string fingerprint(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

class Golden : public ::testing::TestWithParam<const char*> {};

// Compares `actual` with tests/golden/<name>.fingerprint, or writes it there when asked to. A
// test that wrote its file fails, saying so: left set in the environment, MAMAR_UPDATE_GOLDEN
// would otherwise pass every change to the results unseen.
void expect_fingerprint(const std::string& actual, const std::string& name) {
  const fs::path file = fs::path(MAMAR_SOURCE_DIR) / "tests/golden" / (name + ".fingerprint");
  if (std::getenv("MAMAR_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(file) << actual << "\n";
    FAIL() << "wrote " << file << " (MAMAR_UPDATE_GOLDEN is set): review it, then run again "
           << "without MAMAR_UPDATE_GOLDEN";
  }
  std::ifstream in(file);
  std::string expected;
  in >> expected;
  EXPECT_EQ(actual, expected) << name << ": results changed; see the comment in golden_test.cpp";
}

TEST_P(Golden, ResultsMatchTheFingerprint) {
  const fs::path root(MAMAR_SOURCE_DIR);
  auto loaded = model::load_scenario_file(root / GetParam());
  ASSERT_TRUE(loaded.scenario);
  app::SimulateOptions options;
  options.replications = 5;
  options.seed = 1;
  options.threads = 2;
  const auto result = app::simulate(*loaded.scenario, options);
  // The mean number of events is what a replication cost, not what it found: an engine that
  // reaches the same results with fewer events keeps the fingerprint.
  auto json = nlohmann::json::parse(app::results_json(result, *loaded.scenario));
  json["run"].erase("mean_events");
  expect_fingerprint(fingerprint(json.dump()), fs::path(GetParam()).stem().string());
}

// The shipped "what if" pair: example 2 against its variant with twice the ambulances.
TEST(GoldenComparison, ShippedVariantMatchesTheFingerprint) {
  const fs::path root(MAMAR_SOURCE_DIR);
  auto base = model::load_scenario_file(root / "scenarios/examples/02-checkpoint-and-phases.yaml");
  auto variant =
      model::load_scenario_file(root / "scenarios/examples/05-what-if-more-ambulances.yaml");
  ASSERT_TRUE(base.scenario && variant.scenario);
  app::SimulateOptions options;
  options.replications = 5;
  options.seed = 1;
  options.threads = 2;
  const auto c = app::compare(*base.scenario, *variant.scenario, options);
  expect_fingerprint(fingerprint(app::comparison_json(c, *base.scenario, *variant.scenario)),
                     "comparison-02-05");
}

INSTANTIATE_TEST_SUITE_P(Shipped, Golden,
                         ::testing::Values("scenarios/examples/01-minimal.yaml",
                                           "scenarios/examples/02-checkpoint-and-phases.yaml",
                                           "scenarios/examples/03-linked-operations.yaml",
                                           "scenarios/examples/04-risks-and-history.yaml",
                                           "scenarios/examples/05-what-if-more-ambulances.yaml",
                                           "scenarios/aleppo-2016.yaml",
                                           "scenarios/sheikh-maqsoud-2026.yaml"));

}  // namespace
}  // namespace mamar
