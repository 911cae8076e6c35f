// Fuzzes the engine behind the loader: every scenario the loader accepts must simulate without a
// crash, a hang or a broken invariant (the fuzz build checks them on every event and throws on a
// violation, which libFuzzer reports). Scenarios too large to run many times a second are
// skipped: they add nothing the small ones do not reach.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mamar/model/load.hpp"
#include "mamar/sim/engine.hpp"

namespace {

constexpr std::int64_t kMaxPeople = 5'000;
constexpr std::int64_t kMaxVehicles = 500;

bool small_enough(const mamar::model::Scenario& s) {
  std::int64_t people = 0;
  std::int64_t vehicles = 0;
  for (const auto& op : s.operations) {
    for (const auto& g : op.population) people += std::max<std::int64_t>(g.people, 0);
    for (const auto& b : op.fleet) vehicles += std::max(b.count, 0);
  }
  return people <= kMaxPeople && vehicles <= kMaxVehicles;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto loaded = mamar::model::load_scenario_text(text, "fuzz.yaml");
  if (!loaded.scenario || !small_enough(*loaded.scenario)) return 0;
  const mamar::model::Scenario& s = *loaded.scenario;
  mamar::sim::RunOptions options;
  options.horizon = std::min(s.simulation.horizon, mamar::Duration::days(60));
  // Risks and events together, then neither: the second run reaches rules the first may skip.
  mamar::sim::Engine engine(s, options);
  (void)engine.run(s.simulation.seed, 0);
  options.stochastic_risks = false;
  options.scheduled_events = false;
  mamar::sim::Engine plain(s, options);
  (void)plain.run(s.simulation.seed, 1, [](const mamar::sim::TraceRecord&) {});
  return 0;
}
