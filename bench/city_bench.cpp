// city_bench: the cost of one replication of a synthetic city evacuation, as the city grows.
//
// Builds, in memory, the YAML text of a synthetic city of N people (default 1,000,000) and V
// vehicles (default N / 100, so 10,000 at 1M) in the scenario format (docs/scenario-format.md),
// loads it with the ordinary loader and runs replications of it with the engine, one after the
// other on one thread. The city has eight districts, one operation each: its own origin and
// gathering point (with loading bays), its own route through an inner and an outer checkpoint
// (with inspection lanes) to one of four reception towns (two shelters each), its share of the
// people (0.5% wounded, some on stretchers; civilians in households of 1 to 10 people, arriving
// over the first ten hours) and of the fleet (50-seat buses, a fifth of them arriving four hours
// late, and ambulances with stretcher places); wounded first, one ceasefire window of three days,
// a 2% chance of a hold at each outer checkpoint. Nothing here describes a real place.
//
// Every count is proportional to N, so the model is the same at every size: people, wounded,
// buses, ambulances, shelter beds, and also the loading bays (one per 2,500 people of the
// district) and the inspection lanes (one per 20 vehicles of the district at the inner
// checkpoint, per 25 at the outer one), so that the time to clear stays in the same range and a
// change of cost with N is the cost of the engine, not of a different queueing regime. Convoy
// rules (3 to 30 vehicles, 30 min at most waiting) are the same at every size. At the smallest
// sizes the rounding (at least one bay, lane, bus and ambulance per district) makes the city a
// little roomier.
//
// Measured: load and compile once (load_scenario_text + the Engine constructor), then the wall
// time (steady_clock) of each call engine.run(seed, r) for r = 0 .. R-1, nothing else; the events
// of each replication (ReplicationResult::events) and its 100% clearance time; the peak resident
// memory of the process (getrusage, read at the end); the households of replication 0 (counted
// afterwards from its event trace, in one more run that is not timed). Heap trimming is turned
// off as in the mamar executable, so replications after the first reuse the memory of the last.
//
//   ./build/bench/city_bench [--people N] [--vehicles V] [--replications R] [--seed S]
//                            [--no-risks] [--no-households] [--json]
//   ./build/bench/city_bench --people 10000 --emit-yaml > city.yaml && mamar check city.yaml
//
// Prints one line of key=value pairs (or, with --json, one JSON object with the figures of every
// replication). bench/run_city_bench.sh runs it once per size, each in its own process, and
// prints a table of how time and memory grow with N.
#include <fmt/format.h>
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench_args.hpp"
#include "mamar/model/load.hpp"
#include "mamar/sim/engine.hpp"

namespace {

// ---------------------------------------------------------------------------------------------
// The city

// Shares of the model; every count derives from N and V through them.
constexpr double kWoundedShare = 0.005;       // of each district's people
constexpr double kAmbulanceShare = 0.05;      // of the vehicles
constexpr double kLateBusShare = 0.2;         // of each district's buses, available 4 h late
constexpr double kPeoplePerBay = 2500;        // loading bays at the gathering point
constexpr double kVehiclesPerInnerLane = 20;  // inspection lanes, inner checkpoint
constexpr double kVehiclesPerOuterLane = 25;  // inspection lanes, outer checkpoint
constexpr double kCampShare = 0.6;            // beds of a town's camp, of its districts' people
constexpr double kCollectiveShare = 0.5;      // beds of a town's collective shelter

// Convoy rules, the same at every size: 3 to 30 vehicles, leaving 30 min at most after the first
// vehicle took people. (A minimum above 1 once let replications of this city stall until the
// horizon; the engine's convoy rules 4 and 5 in docs/simulation.md and the tests Stalls.* came
// from that.)
constexpr int kMinConvoy = 3;
constexpr int kMaxConvoy = 30;

constexpr int kDistricts = 8;
constexpr int kTowns = 4;

struct DistrictName {
  std::string_view id;
  std::string_view en;
  std::string_view ar;
  double share;  // of the city's people and fleet
};

struct TownName {
  std::string_view id;
  std::string_view en;    // "Northern"
  std::string_view ar_f;  // feminine adjective, for a town
  std::string_view ar_m;  // masculine adjective, for a camp or a shelter
};

// The districts by compass point; district d goes to town d / 2.
constexpr std::array<DistrictName, kDistricts> district_names() {
  return {{{"north", "North", "الشمال", 0.17},
           {"north-east", "North-east", "الشمال الشرقي", 0.15},
           {"east", "East", "الشرق", 0.14},
           {"south-east", "South-east", "الجنوب الشرقي", 0.13},
           {"south", "South", "الجنوب", 0.12},
           {"south-west", "South-west", "الجنوب الغربي", 0.11},
           {"west", "West", "الغرب", 0.10},
           {"north-west", "North-west", "الشمال الغربي", 0.08}}};
}

constexpr std::array<TownName, kTowns> town_names() {
  return {{{"north", "Northern", "الشمالية", "الشمالي"},
           {"east", "Eastern", "الشرقية", "الشرقي"},
           {"south", "Southern", "الجنوبية", "الجنوبي"},
           {"west", "Western", "الغربية", "الغربي"}}};
}

struct DistrictPlan {
  std::int64_t people = 0;
  std::int64_t wounded = 0;
  std::int64_t civilians = 0;
  std::int64_t buses = 0;
  std::int64_t late_buses = 0;  // of `buses`
  std::int64_t ambulances = 0;
  std::int64_t bays = 0;
  std::int64_t inner_lanes = 0;
  std::int64_t outer_lanes = 0;
};

struct CityPlan {
  std::int64_t people = 0;
  std::int64_t vehicles = 0;
  std::array<DistrictPlan, kDistricts> districts{};
};

std::int64_t round_to_int(double x) {
  return static_cast<std::int64_t>(std::llround(x));
}

std::int64_t at_least(std::int64_t minimum, double x) {
  return std::max(minimum, round_to_int(x));
}

// Splits `total` over the weights, each part at least `minimum`, the parts summing to `total`
// (largest remainders). Requires total >= minimum * weights.
std::array<std::int64_t, kDistricts> apportion(std::int64_t total,
                                               const std::array<double, kDistricts>& weights,
                                               std::int64_t minimum) {
  std::array<std::int64_t, kDistricts> parts{};
  parts.fill(minimum);
  const std::int64_t rest = total - minimum * kDistricts;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::array<std::pair<double, std::size_t>, kDistricts> remainders{};
  std::int64_t given = 0;
  for (std::size_t i = 0; i < kDistricts; ++i) {
    const double exact = static_cast<double>(rest) * weights[i] / sum;
    const auto whole = static_cast<std::int64_t>(std::floor(exact));
    parts[i] += whole;
    given += whole;
    remainders[i] = {exact - static_cast<double>(whole), i};
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < rest; ++k, ++given) ++parts[remainders[k].second];
  return parts;
}

CityPlan plan_city(std::int64_t people, std::int64_t vehicles) {
  CityPlan city;
  city.people = people;
  city.vehicles = vehicles;
  std::array<double, kDistricts> shares{};
  const auto names = district_names();
  for (std::size_t d = 0; d < kDistricts; ++d) shares[d] = names[d].share;
  const std::int64_t ambulances =
      at_least(kDistricts, static_cast<double>(vehicles) * kAmbulanceShare);
  const auto district_people = apportion(people, shares, 0);
  const auto district_buses = apportion(vehicles - ambulances, shares, 1);
  const auto district_ambulances = apportion(ambulances, shares, 1);
  for (std::size_t d = 0; d < kDistricts; ++d) {
    DistrictPlan& p = city.districts[d];
    p.people = district_people[d];
    p.wounded = at_least(1, static_cast<double>(p.people) * kWoundedShare);
    p.civilians = p.people - p.wounded;
    p.buses = district_buses[d];
    p.late_buses = round_to_int(static_cast<double>(p.buses) * kLateBusShare);
    p.ambulances = district_ambulances[d];
    const auto fleet = static_cast<double>(p.buses + p.ambulances);
    p.bays = at_least(1, static_cast<double>(p.people) / kPeoplePerBay);
    p.inner_lanes = at_least(1, fleet / kVehiclesPerInnerLane);
    p.outer_lanes = at_least(1, fleet / kVehiclesPerOuterLane);
  }
  return city;
}

// The scenario text of the city (docs/scenario-format.md).
std::string city_yaml(const CityPlan& city) {
  const auto districts = district_names();
  const auto towns = town_names();
  std::string y;
  y.reserve(48 << 10);
  auto out = std::back_inserter(y);
  fmt::format_to(out,
                 "# Synthetic city evacuation, generated by bench/city_bench for {} people and {} "
                 "vehicles.\n"
                 "# Invented places and numbers, for benchmarking: nothing here describes a real "
                 "operation.\n"
                 "mamar: 1\n"
                 "scenario:\n"
                 "  id: synthetic-city\n"
                 "  name: {{en: \"Synthetic city evacuation (benchmark)\", ar: \"إجلاء مدينة "
                 "افتراضية (اختبار أداء)\"}}\n"
                 "  description: >-\n"
                 "    Eight districts evacuated at once by bus convoy through two checkpoints "
                 "each to four\n"
                 "    reception towns; every count proportional to the population ({} people).\n",
                 city.people, city.vehicles, city.people);

  y += R"(
parties:
  - {id: besieging-forces, name: {en: "Besieging forces", ar: "القوات المحاصِرة"}, role: besieging}
  - {id: local-armed-group, name: {en: "Local armed group", ar: "المجموعة المسلحة المحلية"}, role: besieged}
  - {id: relief-operator, name: {en: "Relief operator", ar: "الجهة الإغاثية المشغّلة"}, role: operator}

categories:
  - {id: wounded, name: {en: "Wounded and sick", ar: "الجرحى والمرضى"}, stretcher: 30%}
  - {id: civilians, name: {en: "Civilians", ar: "المدنيون"}}

places:
  - {id: city-bus-depot, kind: depot, name: {en: "City bus depot", ar: "مرآب حافلات المدينة"}}
)";

  for (std::size_t t = 0; t < kTowns; ++t) {
    const TownName& n = towns[t];
    const std::int64_t people = city.districts[2 * t].people + city.districts[2 * t + 1].people;
    fmt::format_to(
        out,
        "  - {{id: {0}-town, kind: destination, name: {{en: \"{1} reception town\", ar: \"بلدة "
        "الاستقبال {2}\"}}, unloading_time: {{uniform: [3 s, 8 s]}}}}\n"
        "  - {{id: {0}-camp, kind: shelter, name: {{en: \"{1} reception camp\", ar: \"مخيم "
        "الاستقبال {3}\"}}, capacity: {4}}}\n"
        "  - {{id: {0}-collective, kind: shelter, name: {{en: \"{1} collective shelter\", ar: "
        "\"مركز الإيواء الجماعي {3}\"}}, capacity: {5}}}\n",
        n.id, n.en, n.ar_f, n.ar_m, round_to_int(static_cast<double>(people) * kCampShare),
        round_to_int(static_cast<double>(people) * kCollectiveShare));
  }
  for (std::size_t d = 0; d < kDistricts; ++d) {
    const DistrictName& n = districts[d];
    const DistrictPlan& p = city.districts[d];
    fmt::format_to(
        out,
        "  # {1} district: {2} people\n"
        "  - {{id: {0}, kind: origin, name: {{en: \"{1} district\", ar: \"قطاع {3}\"}}}}\n"
        "  - id: {0}-assembly\n"
        "    kind: gathering_point\n"
        "    name: {{en: \"{1} district assembly ground\", ar: \"ساحة تجمع قطاع {3}\"}}\n"
        "    bays: {4}\n"
        "    boarding_time: {{uniform: [5 s, 15 s]}}\n"
        "  - id: {0}-inner\n"
        "    kind: checkpoint\n"
        "    name: {{en: \"{1} district inner checkpoint\", ar: \"الحاجز الداخلي لقطاع {3}\"}}\n"
        "    party: local-armed-group\n"
        "    lanes: {5}\n"
        "    inspection: {{triangular: [2 min, 5 min, 15 min]}}\n"
        "    empty_inspection: {{triangular: [1 min, 2 min, 5 min]}}\n"
        "  - id: {0}-outer\n"
        "    kind: checkpoint\n"
        "    name: {{en: \"{1} district outer checkpoint\", ar: \"الحاجز الخارجي لقطاع {3}\"}}\n"
        "    party: besieging-forces\n"
        "    lanes: {6}\n"
        "    inspection: {{lognormal: {{mean: 4 min, sd: 3 min, max: 30 min}}}}\n"
        "    empty_inspection: {{uniform: [1 min, 3 min]}}\n",
        n.id, n.en, p.people, n.ar, p.bays, p.inner_lanes, p.outer_lanes);
  }

  y += "\nroutes:\n";
  for (std::size_t d = 0; d < kDistricts; ++d) {
    fmt::format_to(out,
                   "  - id: {0}-out\n"
                   "    legs:\n"
                   "      - {{from: {0}-assembly, to: {0}-inner, time: {{triangular: [10 min, 20 "
                   "min, 45 min]}}, length: 4 km}}\n"
                   "      - {{from: {0}-inner, to: {0}-outer, time: {{triangular: [20 min, 40 min, "
                   "90 min]}}, length: 15 km}}\n"
                   "      - {{from: {0}-outer, to: {1}-town, time: {{triangular: [15 min, 30 min, "
                   "60 min]}}, length: 20 km}}\n",
                   districts[d].id, towns[d / 2].id);
  }

  y += R"(
vehicle_types:
  - {id: bus, name: {en: "Bus", ar: "حافلة"}, seats: 50}
  - {id: ambulance, name: {en: "Ambulance", ar: "سيارة إسعاف"}, seats: 2, stretchers: 2}

operations:
)";
  for (std::size_t d = 0; d < kDistricts; ++d) {
    const DistrictName& n = districts[d];
    const DistrictPlan& p = city.districts[d];
    const TownName& t = towns[d / 2];
    fmt::format_to(out,
                   "  - id: {0}-evacuation\n"
                   "    name: {{en: \"Evacuation of the {1} district\", ar: \"إجلاء قطاع {2}\"}}\n"
                   "    origin: {0}\n"
                   "    gathering_point: {0}-assembly\n"
                   "    destination: {3}-town\n"
                   "    route: {0}-out\n"
                   "    shelters: [{3}-camp, {3}-collective]\n"
                   "    population:\n"
                   "      - {{category: wounded, people: {4}, arrival: {{uniform: [0 h, 3 h]}}}}\n"
                   "      - category: civilians\n"
                   "        people: {5}\n"
                   "        willing: 95%\n"
                   "        household_size: {{empirical: [[1, 6], [2, 11], [3, 14], [4, 17], [5, "
                   "17], [6, 13], [7, 9], [8, 6], [9, 4], [10, 3]]}}\n"
                   "        arrival: {{triangular: [0 h, 3 h, 10 h]}}\n"
                   "    fleet:\n"
                   "      - {{type: ambulance, count: {6}}}\n"
                   "      - {{type: bus, count: {7}}}\n",
                   n.id, n.en, n.ar, t.id, p.wounded, p.civilians, p.ambulances,
                   p.buses - p.late_buses);
    if (p.late_buses > 0) {
      fmt::format_to(out,
                     "      - {{type: bus, count: {}, available: 2030-01-01T10:00+02:00, start: "
                     "city-bus-depot}}\n",
                     p.late_buses);
    }
    y += R"(    phases:
      - {id: wounded-first, name: {en: "Wounded first", ar: "الجرحى أولاً"}, categories: [wounded]}
      - {id: civilians, name: {en: "Civilians", ar: "المدنيون"}, categories: [civilians]}
)";
  }

  y += R"(
agreement:
  start: 2030-01-01T06:00+02:00
  ceasefire:
    - {from: 2030-01-01T06:00+02:00, to: 2030-01-04T06:00+02:00}
  overlap: true          # civilians board while wounded wait for an ambulance
)";
  fmt::format_to(out,
                 "  convoy: {{min_vehicles: {}, max_vehicles: {}, max_wait: 30 min}}\n"
                 "  operators: [relief-operator]\n"
                 "\n"
                 "risks:\n",
                 kMinConvoy, kMaxConvoy);
  for (std::size_t d = 0; d < kDistricts; ++d) {
    const DistrictName& n = districts[d];
    fmt::format_to(out,
                   "  - id: {0}-outer-hold\n"
                   "    name: {{en: \"Held at the {1} district outer checkpoint\", ar: \"احتجاز "
                   "عند الحاجز الخارجي لقطاع {2}\"}}\n"
                   "    kind: hold\n"
                   "    place: {0}-outer\n"
                   "    probability: 2%\n"
                   "    duration: {{lognormal: {{mean: 1 h, sd: 1 h, max: 6 h}}}}\n",
                   n.id, n.en, n.ar);
  }

  y += R"(
simulation:
  replications: 5
  seed: 1
  horizon: 4 d
)";
  return y;
}

// ---------------------------------------------------------------------------------------------
// Measuring

struct Options {
  std::int64_t people = 1'000'000;
  std::int64_t vehicles = -1;  // N / 100
  std::uint64_t replications = 5;
  std::uint64_t seed = 1;
  bool risks = true;
  bool households = true;
  bool json = false;
  bool emit_yaml = false;
};

int usage() {
  std::fputs(
      "usage: city_bench [--people N] [--vehicles V] [--replications R] [--seed S] [--no-risks]\n"
      "                  [--no-households] [--json] [--emit-yaml]\n"
      "  N >= 1000 (default 1000000); V >= 16 (default N / 100); R >= 1 (default 5)\n",
      stderr);
  return 2;
}

bool parse_options(int argc, char** argv, Options& o) {
  std::uint64_t people = static_cast<std::uint64_t>(o.people);
  std::uint64_t vehicles = 0;
  bool vehicles_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    std::uint64_t* target = nullptr;
    if (a == "--people") {
      target = &people;
    } else if (a == "--vehicles") {
      target = &vehicles;
      vehicles_given = true;
    } else if (a == "--replications") {
      target = &o.replications;
    } else if (a == "--seed") {
      target = &o.seed;
    } else if (a == "--no-risks") {
      o.risks = false;
    } else if (a == "--no-households") {
      o.households = false;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--emit-yaml") {
      o.emit_yaml = true;
    } else {
      return false;
    }
    if (target && (++i == argc || !mamar::bench::parse_u64(argv[i], *target))) return false;
  }
  constexpr std::uint64_t kMax = std::uint64_t{1} << 40;
  if (people < 1000 || people > kMax || o.replications < 1) return false;
  if (!vehicles_given) vehicles = people / 100;
  if (vehicles < std::uint64_t{2} * kDistricts || vehicles > kMax) return false;
  o.people = static_cast<std::int64_t>(people);
  o.vehicles = static_cast<std::int64_t>(vehicles);
  return true;
}

// Median; NaN (not cleared) counts as larger than any number.
double median(std::vector<double> v) {
  for (double& x : v) {
    if (std::isnan(x)) x = std::numeric_limits<double>::infinity();
  }
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  // As the mamar executable: keep freed memory in the process between replications.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  using namespace mamar;
  Options opt;
  if (!parse_options(argc, argv, opt)) return usage();

  const CityPlan city = plan_city(opt.people, opt.vehicles);
  const std::string text = city_yaml(city);
  if (opt.emit_yaml) {
    std::fputs(text.c_str(), stdout);
    return 0;
  }

  const auto t_load = std::chrono::steady_clock::now();
  auto loaded = model::load_scenario_text(text, "synthetic-city.yaml");
  if (!loaded.scenario) {
    for (const auto& d : loaded.diagnostics.items()) {
      fmt::print(stderr, "{}\n", format_diagnostic(d, model::model_catalog(), Language::English));
    }
    fmt::print(stderr, "city_bench: the generated scenario does not load (see --emit-yaml)\n");
    return 1;
  }
  const model::Scenario& scenario = *loaded.scenario;
  sim::RunOptions options;
  options.horizon = scenario.simulation.horizon;
  options.curve_step = Duration::hours(1);
  options.stochastic_risks = opt.risks;
  const sim::Engine engine(scenario, options);
  const double load_compile_s = seconds_since(t_load);
  for (const auto& d : loaded.diagnostics.items()) {  // warnings only, if anything
    fmt::print(stderr, "{}\n", format_diagnostic(d, model::model_catalog(), Language::English));
  }

  std::vector<double> seconds;
  std::vector<std::uint64_t> events;
  std::vector<double> t100;
  std::int64_t leaving = 0;
  std::uint64_t not_cleared_replications = 0;
  for (std::uint64_t r = 0; r < opt.replications; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const sim::ReplicationResult result = engine.run(opt.seed, r);
    seconds.push_back(seconds_since(t0));
    events.push_back(result.events);
    t100.push_back(result.clearance.t100_h);
    if (std::isnan(result.clearance.t100_h)) ++not_cleared_replications;
    if (r == 0) {
      for (const auto& o : result.operations) leaving += o.leaving;
    }
  }

  // Households of replication 0: one "arrival" trace record per household (or part of one).
  std::int64_t households = -1;
  if (opt.households) {
    std::int64_t count = 0;
    std::int64_t people = 0;
    engine.run(opt.seed, 0, [&](const sim::TraceRecord& rec) {
      if (rec.event == "arrival") {
        ++count;
        people += rec.people;
      }
    });
    if (people == leaving) {
      households = count;
    } else {
      fmt::print(stderr,
                 "city_bench: {} people in arrival records, {} leaving: households omitted\n",
                 people, leaving);
    }
  }
  const double rss_mib = peak_rss_mib();

  const double median_s = median(seconds);
  const double min_s = *std::min_element(seconds.begin(), seconds.end());
  const double max_s = *std::max_element(seconds.begin(), seconds.end());
  const double events_median = median(std::vector<double>(events.begin(), events.end()));
  const double t100_median = median(t100);
  if (opt.json) {
    nlohmann::json j = {{"people", city.people},
                        {"vehicles", city.vehicles},
                        {"leaving", leaving},
                        {"replications", opt.replications},
                        {"seed", opt.seed},
                        {"risks", opt.risks},
                        {"events_per_rep", events_median},
                        {"rep_s_median", median_s},
                        {"rep_s_min", min_s},
                        {"rep_s_max", max_s},
                        {"load_compile_s", load_compile_s},
                        {"peak_rss_mib", rss_mib},
                        {"t100_h_median", t100_median},
                        {"not_cleared_reps", not_cleared_replications},
                        {"rep_s", seconds},
                        {"events", events},
                        {"t100_h", t100}};
    if (households >= 0) j["households"] = households;
    fmt::print("{}\n", j.dump());
  } else {
    std::string households_field =
        households >= 0 ? fmt::format(" households={}", households) : std::string();
    fmt::print(
        "people={} vehicles={} leaving={}{} replications={} events_per_rep={:.0f} "
        "rep_s_median={:.6f} rep_s_min={:.6f} rep_s_max={:.6f} load_compile_s={:.6f} "
        "peak_rss_mib={:.1f} t100_h_median={:.3f} not_cleared_reps={}\n",
        city.people, city.vehicles, leaving, households_field, opt.replications, events_median,
        median_s, min_s, max_s, load_compile_s, rss_mib, t100_median, not_cleared_replications);
  }
  return 0;
}
