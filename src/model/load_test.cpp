#include "mamar/model/load.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "yaml_errors.hpp"

namespace mamar::model {
namespace {

// A minimal valid scenario; tests replace one line or append sections.
const std::string kBase = R"(mamar: 1
scenario:
  id: tiny
  name: {en: Tiny, ar: صغير}
categories:
  - {id: civilians, name: {en: Civilians}}
  - {id: wounded, name: {en: Wounded}, stretcher: 50%}
places:
  - {id: town, kind: origin, name: {en: Town}}
  - {id: square, kind: gathering_point, name: {en: Square}, bays: 2, boarding_time: 20 s}
  - {id: bridge, kind: checkpoint, name: {en: Bridge}, party: army, lanes: 2, inspection: {triangular: [5 min, 10 min, 30 min]}}
  - {id: camp, kind: destination, name: {en: Camp}}
routes:
  - id: out
    legs:
      - {from: square, to: bridge, time: 10 min, length: 2.5 km}
      - {from: bridge, to: camp, time: {uniform: [10 min, 20 min]}, length: 500 m}
parties:
  - {id: army, name: {en: Army}, role: besieging}
vehicle_types:
  - {id: bus, name: {en: Bus}, seats: 50}
  - {id: ambulance, name: {en: Ambulance}, seats: 2, stretchers: 1}
operations:
  - id: op
    name: {en: Op}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population:
      - {category: civilians, people: 1000, willing: 90%, arrival: ARRIVAL}
      - {category: wounded, people: 40}
    fleet:
      - {type: bus, count: 5}
      - {type: ambulance, count: 2, available: 2020-01-01T10:00+02:00}
agreement:
  start: 2020-01-01T08:00+02:00
)";

std::string base(const std::string& arrival = "0") {
  return std::regex_replace(kBase, std::regex("ARRIVAL"), arrival);
}

LoadResult load(const std::string& text) {
  return load_scenario_text(text, "t.yaml");
}

std::string dump(const LoadResult& r) {
  const Catalog c = model_catalog();
  std::string out;
  for (const auto& d : r.diagnostics.items())
    out += format_diagnostic(d, c, Language::English) + "\n";
  return out;
}

// Phases waiting for one another in long chains: each `after` the next, or (without overlap) each
// of its own order, 14,000 of them. The search for a cycle followed them by recursion, one call a
// wait, and overflowed the stack (signal 11) near 12,000; the waits of orders were as many as the
// square of the phases. A cycle closed at the end of the chain is found, and named in short.
TEST(Deadlock, LongChainsOfWaitsAreFollowedWithoutRecursion) {
  const std::size_t n = 14'000;
  auto scenario = [&](bool by_order, bool cycle) {
    std::string phases = "    phases:\n";
    for (std::size_t i = 0; i < n; ++i) {
      phases +=
          fmt::format("      - {{id: p{}, name: {{en: P}}, categories: [civilians], quota: 1", i);
      if (by_order) phases += fmt::format(", order: {}", i + 1);
      if (!by_order && i + 1 < n)
        phases += fmt::format(", start: {{after: [{{phase: p{}}}]}}", i + 1);
      // The last waits for the first, or (by order) the first for the last.
      if (cycle && !by_order && i + 1 == n) phases += ", start: {after: [{phase: p0}]}";
      if (cycle && by_order && i == 0)
        phases += fmt::format(", start: {{after: [{{phase: p{}}}]}}", n - 1);
      phases += "}\n";
    }
    std::string text =
        std::regex_replace(base(), std::regex("      - \\{category: wounded, people: 40\\}\n"), "");
    text = std::regex_replace(text, std::regex("      - \\{type: ambulance.*\n"), "");
    text = std::regex_replace(text, std::regex("agreement:\n"), phases + "agreement:\n");
    if (!by_order) text += "  overlap: true\n";
    return load(text);
  };
  for (const bool by_order : {false, true}) {
    const auto open = scenario(by_order, false);
    EXPECT_FALSE(open.diagnostics.has_errors()) << by_order << dump(open).substr(0, 2000);
    const auto closed = scenario(by_order, true);
    const std::string said = dump(closed);
    EXPECT_NE(said.find("these waits form a cycle"), std::string::npos) << by_order;
    EXPECT_LT(said.size(), 2000U) << said.substr(0, 2000);
  }
}

TEST(Load, MinimalScenarioWithDefaults) {
  auto r = load(base());
  ASSERT_TRUE(r.scenario) << dump(r);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.id, "tiny");
  EXPECT_EQ(s.name.ar, "صغير");
  ASSERT_EQ(s.operations.size(), 1u);
  const Operation& op = s.operations[0];
  EXPECT_EQ(op.people_leaving(), 900 + 40);
  ASSERT_EQ(op.phases.size(), 1u) << "a default phase with every category";
  EXPECT_EQ(op.phases[0].categories.size(), 2u);
  ASSERT_EQ(s.agreement.ceasefire.size(), 1u);
  EXPECT_FALSE(s.agreement.ceasefire[0].to);
  EXPECT_EQ(s.agreement.timezone_minutes, 120);
  EXPECT_EQ(s.simulation.replications, 1000);
  EXPECT_EQ(s.simulation.horizon, Duration::days(30));
  EXPECT_EQ(s.places[1].bays, 2);
  EXPECT_DOUBLE_EQ(s.places[1].boarding_time.a, 20e3);
  EXPECT_EQ(s.places[2].lanes, 2);
  EXPECT_EQ(s.places[2].inspection.kind, DistributionKind::Triangular);
  EXPECT_EQ(s.routes[0].length_m(), 3000.0);
  EXPECT_TRUE(op.gathering_point.resolved());
  EXPECT_EQ(s.places[op.gathering_point.idx()].id, "square");
  EXPECT_EQ(op.fleet[1].available->instant - s.agreement.start.instant, Duration::hours(2));
}

struct DistCase {
  std::string text;
  DistributionKind kind;
  double mean_ms;
};

class DistributionForms : public ::testing::TestWithParam<DistCase> {};

TEST_P(DistributionForms, ParseIntoParameters) {
  auto r = load(base(GetParam().text));
  ASSERT_TRUE(r.scenario) << GetParam().text << "\n" << dump(r);
  const Distribution& d = r.scenario->operations[0].population[0].arrival;
  EXPECT_EQ(d.kind, GetParam().kind);
  EXPECT_NEAR(d.mean(), GetParam().mean_ms, GetParam().mean_ms * 1e-3 + 1);
}

INSTANTIATE_TEST_SUITE_P(
    All, DistributionForms,
    ::testing::Values(
        DistCase{"2 h", DistributionKind::Fixed, 7200e3},
        DistCase{"{fixed: 90 min}", DistributionKind::Fixed, 5400e3},
        DistCase{"{uniform: [1 h, 3 h]}", DistributionKind::Uniform, 7200e3},
        DistCase{"{triangular: [0 h, 1 h, 5 h]}", DistributionKind::Triangular, 7200e3},
        DistCase{"{exponential: 2 h}", DistributionKind::Exponential, 7200e3},
        DistCase{"{normal: {mean: 2 h, sd: 10 min}}", DistributionKind::Normal, 7200e3},
        DistCase{"{lognormal: {mean: 2 h, sd: 1 h}}", DistributionKind::Lognormal, 7200e3},
        DistCase{"{empirical: [[1 h, 1], [3 h, 1]]}", DistributionKind::Empirical, 7200e3},
        DistCase{"{empirical: {cdf: [[0 h, 0], [4 h, 1]]}}", DistributionKind::EmpiricalCdf,
                 7200e3}));

TEST(Load, ReportsEveryErrorAtOnceWithLines) {
  std::string text = base();
  text = std::regex_replace(text, std::regex("destination: camp"), "destination: cmap");
  text = std::regex_replace(text, std::regex("seats: 50"), "seats: fifty");
  text = std::regex_replace(text, std::regex("time: 10 min,"), "time: 10,");
  auto r = load(text);
  EXPECT_FALSE(r.scenario);
  ASSERT_EQ(r.diagnostics.error_count(), 3u) << dump(r);
  const std::string out = dump(r);
  EXPECT_NE(
      out.find("t.yaml:16:42: error: routes[0].legs[0].time: expected a duration, found '10'"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("unknown place 'cmap'"), std::string::npos) << out;
  EXPECT_NE(out.find("did you mean 'camp'?"), std::string::npos) << out;
  EXPECT_NE(out.find("vehicle_types[0].seats: expected a whole number, found 'fifty'"),
            std::string::npos)
      << out;
}

TEST(Load, StretcherPatientsNeedStretcherPlaces) {
  std::string text = std::regex_replace(base(), std::regex("      - \\{type: ambulance.*\n"), "");
  auto r = load(text);
  EXPECT_NE(dump(r).find("no vehicle in its fleet carries stretchers"), std::string::npos)
      << dump(r);
}

// Households larger than every vehicle are split, with a warning on the group that draws them:
// the largest size when it is known, and a hint when the distribution has no upper end.
TEST(Load, HouseholdsLargerThanEveryVehicleAreAWarning) {
  auto with_households = [](const std::string& size) {
    return std::regex_replace(base(), std::regex("willing: 90%"), "household_size: " + size);
  };
  auto r = load(with_households("{empirical: [[2, 1], [54, 1]]}"));
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("t.yaml:31:9: warning: operations[0].population[0].household_size: "
                         "households of up to 54 people are larger than the largest vehicle "
                         "(50 places) and will be split"),
            std::string::npos)
      << dump(r);
  // Rounded as a drawn count is: 50.4 rounds to 50 and fits.
  r = load(with_households("{uniform: [1, 50.4]}"));
  EXPECT_EQ(dump(r).find("split"), std::string::npos) << dump(r);
  r = load(with_households("{normal: {mean: 5, sd: 2, min: 1}}"));
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("the household size has no upper limit: households larger than the "
                         "largest vehicle (50 places) can be drawn and will be split\n"
                         "    hint: give a normal or lognormal household size a 'max'"),
            std::string::npos)
      << dump(r);
  EXPECT_EQ(dump(r).find("inf"), std::string::npos) << dump(r);
  r = load(with_households("{normal: {mean: 5, sd: 2, min: 1, max: 12}}"));
  EXPECT_EQ(dump(r).find("split"), std::string::npos) << dump(r);
  // A bus out of range (2,000 seats) is an error, and no warning as if the ambulance (3 places)
  // were the largest vehicle, false once the seats are mended.
  r = load(std::regex_replace(with_households("5"), std::regex("seats: 50"), "seats: 2000"));
  EXPECT_NE(dump(r).find("seats: 2000 is outside the allowed range 0 to 1000"), std::string::npos)
      << dump(r);
  EXPECT_EQ(dump(r).find("split"), std::string::npos) << dump(r);
}

// Seated people do not take stretcher places: households of 3 who may all sit, and vehicles of
// 2 seats and 1 stretcher place, are split (a warning), though 3 places would hold them; not when
// every one of them is on a stretcher and the vehicles have 3 stretcher places.
TEST(Load, HouseholdsWithMorePeopleToSeatThanAnyVehicleHasSeatsAreAWarning) {
  std::string text =
      std::regex_replace(base(), std::regex("seats: 50\\}"), "seats: 2, stretchers: 1}");
  text = std::regex_replace(text, std::regex("willing: 90%"), "household_size: 1");
  text = std::regex_replace(text, std::regex("people: 40\\}"), "people: 40, household_size: 3}");
  auto r = load(text);
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("operations[0].population[1].household_size: households of up to 3 "
                         "people, not all of them on stretchers, may have more people to seat "
                         "than the vehicle with the most seats has (2 seats;"),
            std::string::npos)
      << dump(r);
  EXPECT_EQ(dump(r).find("will be split"), std::string::npos) << dump(r);
  text = std::regex_replace(text, std::regex("stretcher: 50%"), "stretcher: 100%");
  text = std::regex_replace(text, std::regex("seats: 2, stretchers: 1\\}"),
                            "seats: 2, stretchers: 3}");
  r = load(text);
  EXPECT_EQ(dump(r).find("split"), std::string::npos) << dump(r);
}

// A category whose every phase has a quota, the quotas short of its people leaving: the rest can
// never board. A phase without a quota for them takes the rest, and then there is no warning.
TEST(Load, QuotasThatStrandPeopleAreAWarning) {
  const std::string phases = R"(    phases:
      - {id: p1, name: {en: P1}, categories: [wounded], quota: 30}
      - {id: p2, name: {en: P2}, categories: [civilians], quota: 500}
      - {id: p3, name: {en: P3}, categories: [civilians]LAST}
)";
  auto with = [&](const std::string& last) {
    const std::string text =
        std::regex_replace(base(), std::regex("agreement:"),
                           std::regex_replace(phases, std::regex("LAST"), last) + "agreement:");
    return load(text);
  };
  auto r = with(", quota: 300");
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  // 900 civilians leave (90% of 1,000); 40 wounded against a quota of 30.
  EXPECT_NE(dump(r).find("operations[0].phases[2].quota: the quotas of the phases of category "
                         "'civilians' add up to 800 for 900 people leaving: 100 can never board"),
            std::string::npos)
      << dump(r);
  EXPECT_NE(dump(r).find("'wounded' add up to 30 for 40 people leaving: 10 can never board"),
            std::string::npos)
      << dump(r);
  r = with(", quota: 400");
  EXPECT_EQ(dump(r).find("'civilians' add up to"), std::string::npos) << dump(r);
  r = with(", quota: 300}\n      - {id: p4, name: {en: P4}, categories: [civilians]");
  EXPECT_EQ(dump(r).find("'civilians' add up to"), std::string::npos) << dump(r);
  // Households of 4: each of the two phases of civilians may take up to 3 past its quota, as it
  // takes its last household whole. 800 + 6 short of 900: 94 surely never board; 897 + 6 not
  // short: up to 3 may not (before: "3 can never board", and "100" for the first).
  auto households = [&](const std::string& last) {
    const std::string text = std::regex_replace(
        std::regex_replace(base(), std::regex("agreement:"),
                           std::regex_replace(phases, std::regex("LAST"), last) + "agreement:"),
        std::regex("willing: 90%"), "willing: 90%, household_size: 4");
    return load(text);
  };
  r = households(", quota: 300");
  EXPECT_NE(dump(r).find("'civilians' add up to 800 for 900 people leaving: 94 can never board"),
            std::string::npos)
      << dump(r);
  r = households(", quota: 397");
  EXPECT_NE(dump(r).find("'civilians' add up to 897 for 900 people leaving: up to 3 may never "
                         "board (a phase takes its last household whole, past its quota), and the "
                         "operation may never clear 100%"),
            std::string::npos)
      << dump(r);
}

// An escort carries nobody: seats or stretcher places given to an escort type are never used, and
// check says so (they were accepted silently).
TEST(Load, AnEscortWithPlacesIsAWarning) {
  const std::string escort =
      "  - {id: guard, name: {en: Guard}, seats: 4, role: escort}\noperations:";
  auto r = load(std::regex_replace(base(), std::regex("operations:"), escort));
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("vehicle_types[2].seats: escort type 'guard' has seats or stretcher "
                         "places: an escort carries nobody, so they are never used\n"
                         "    hint: give it 'seats: 0', or 'role: passenger' if it carries people"),
            std::string::npos)
      << dump(r);
  r = load(std::regex_replace(base(), std::regex("operations:"),
                              "  - {id: guard, name: {en: Guard}, seats: 0, role: escort}\n"
                              "operations:"));
  EXPECT_EQ(dump(r).find("escort type"), std::string::npos) << dump(r);
}

// A batch withdrawn at or before the agreement's start is never there: an error, whether it has
// an 'available' (before the start) or not. Before, it passed check, and the engine scheduled
// its withdrawal before the simulation's first instant.
TEST(Load, AFleetWithdrawnByTheStartIsAnError) {
  auto with_until = [](const std::string& fields) {
    return load(std::regex_replace(base(), std::regex("\\{type: bus, count: 5\\}"),
                                   "{type: bus, count: 5" + fields + "}"));
  };
  const char* const never =
      "operations[0].fleet[0].until: 'until' is not after the agreement starts: the batch would "
      "never be available";
  for (const char* fields :
       {", until: 2019-12-31T08:00+02:00", ", until: 2020-01-01T08:00+02:00",
        ", available: 2019-12-30T08:00+02:00, until: 2019-12-31T08:00+02:00"}) {
    const auto r = with_until(fields);
    EXPECT_TRUE(r.diagnostics.has_errors()) << fields;
    EXPECT_NE(dump(r).find(never), std::string::npos) << fields << "\n" << dump(r);
  }
  // One that is there for a while, from before the start or from it: valid.
  for (const char* fields :
       {", until: 2020-01-01T09:00+02:00",
        ", available: 2019-12-30T08:00+02:00, until: 2020-01-01T09:00+02:00"}) {
    const auto r = with_until(fields);
    EXPECT_FALSE(r.diagnostics.has_errors()) << fields << "\n" << dump(r);
  }
  // After the start but not after its own 'available': the error there was.
  EXPECT_NE(dump(with_until(", available: 2020-01-01T12:00+02:00, until: 2020-01-01T10:00+02:00"))
                .find("operations[0].fleet[0].until: 'until' is not after 'available'"),
            std::string::npos);
}

// A private escort stays at the destination after its convoy: a warning says for how many
// convoys the escorts last (none for escorts that come back).
TEST(Load, PrivateEscortsAreUsedUpAWarning) {
  auto with_guards = [](const std::string& private_field) {
    std::string text =
        std::regex_replace(base(), std::regex("operations:"),
                           "  - {id: guard, name: {en: Guard}, seats: 0, role: escort" +
                               private_field + "}\noperations:");
    text = std::regex_replace(text, std::regex("(available: 2020-01-01T10:00\\+02:00\\})"),
                              "$1\n      - {type: guard, count: 3}");
    return std::regex_replace(text, std::regex("agreement:\n"),
                              "agreement:\n  convoy: {escort: {type: guard, count: 2}}\n");
  };
  auto r = load(with_guards(", private: true"));
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("operations[0].fleet: escort type 'guard' is private: each stays at the "
                         "destination after its convoy, and the fleet's 3 are enough for 1 "
                         "convoy"),
            std::string::npos)
      << dump(r);
  r = load(with_guards(""));
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_EQ(dump(r).find("is private"), std::string::npos) << dump(r);
}

// A scheduled suspension over before anyone of the operations it stops comes, with no vehicle of
// theirs on the way, stops nothing: a warning (a shipped scenario had one, recording a wait that
// its people's arrives_from already made).
TEST(Load, ASuspensionOverBeforeAnyoneComesIsAWarning) {
  auto scenario = [](const std::string& to, const std::string& wounded_from,
                     const std::string& fleet_extra = "") {
    std::string text =
        std::regex_replace(base(), std::regex("willing: 90%, arrival: 0\\}"),
                           "willing: 90%, arrival: 0, arrives_from: 2020-01-02T08:00+02:00}");
    text = std::regex_replace(text, std::regex("\\{category: wounded, people: 40\\}"),
                              "{category: wounded, people: 40" + wounded_from + "}");
    text = std::regex_replace(text, std::regex("(available: 2020-01-01T10:00\\+02:00\\})"),
                              "$1" + fleet_extra);
    text = std::regex_replace(text, std::regex("parties:"),
                              "  - {id: in, legs: [{from: town, to: square, time: 1 h}]}\n"
                              "parties:");
    return load(text +
                "events:\n"
                "  - {id: wait, name: {en: Wait}, kind: suspension, operations: [op],\n"
                "     from: 2020-01-01T08:00+02:00, to: " +
                to + "}\n");
  };
  const std::string later = ", arrives_from: 2020-01-02T12:00+02:00";
  auto r = scenario("2020-01-02T08:00+02:00", later);
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("warning: events[0].to: suspension 'wait' is over "
                         "(2020-01-02 08:00+02:00) by the time the first people of the operations "
                         "it stops come to the gathering point (2020-01-02 08:00+02:00), and none "
                         "of their vehicles drives an approach route: it stops nothing"),
            std::string::npos)
      << dump(r);
  // Not when it lasts beyond the first people's coming, when some come from the start, or when
  // vehicles of the operation drive an approach route in it.
  const std::string approach = "\n      - {type: bus, count: 1, start: town, approach: in}";
  for (const auto& other :
       {scenario("2020-01-02T08:01+02:00", later), scenario("2020-01-02T08:00+02:00", ""),
        scenario("2020-01-02T08:00+02:00", later, approach)}) {
    EXPECT_FALSE(other.diagnostics.has_errors()) << dump(other);
    EXPECT_EQ(dump(other).find("stops nothing"), std::string::npos) << dump(other);
  }
}

// Ceasefire windows that never meet the movement hours let no convoy leave: a warning (none was
// given, and everyone was reported left at the end). The clock of the movement hours is the
// agreement's timezone's.
TEST(Load, CeasefireWindowsOutsideTheMovementHoursAreAWarning) {
  auto with = [](const std::string& ceasefire, const std::string& hours,
                 const std::string& zone = "") {
    return load(base() + "  ceasefire: " + ceasefire + "\n  movement_hours: " + hours + "\n" +
                (zone.empty() ? "" : "  timezone: \"" + zone + "\"\n"));
  };
  const std::string night = "[{from: 2020-01-01T20:00+02:00, to: 2020-01-02T06:00+02:00}]";
  auto r = with(night, "[{from: \"08:00\", to: \"18:00\"}]");
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("warning: agreement.movement_hours: no time before the horizon is both "
                         "inside a ceasefire window and inside the movement hours: no convoy can "
                         "ever leave"),
            std::string::npos)
      << dump(r);
  // A minute in common is enough; so is a window of a day or more.
  for (const auto& [ceasefire, hours] :
       {std::pair{night, std::string("[{from: \"05:59\", to: \"18:00\"}]")},
        std::pair{night, std::string("[{from: \"08:00\", to: \"20:01\"}]")},
        std::pair{std::string("[{from: 2020-01-01T20:00+02:00, to: 2020-01-02T20:00+02:00}]"),
                  std::string("[{from: \"08:00\", to: \"09:00\"}]")}}) {
    r = with(ceasefire, hours);
    EXPECT_EQ(dump(r).find("can ever leave"), std::string::npos) << ceasefire << hours << dump(r);
  }
  // 06:00 to 08:00 in UTC is 08:00 to 10:00 at +02:00: outside hours of 08:00 to 10:00 in UTC,
  // inside them at +02:00.
  const std::string morning = "[{from: 2020-01-01T06:00Z, to: 2020-01-01T08:00Z}]";
  const std::string hours = "[{from: \"08:00\", to: \"10:00\"}]";
  EXPECT_NE(dump(with(morning, hours, "+00:00")).find("can ever leave"), std::string::npos);
  EXPECT_EQ(dump(with(morning, hours, "+02:00")).find("can ever leave"), std::string::npos);
  // An operation's own hours: the warning names it.
  r = load(std::regex_replace(base(), std::regex("    route: out\n"),
                              "    route: out\n    movement_hours: [{from: \"21:00\", to: "
                              "\"23:00\"}]\n") +
           "  ceasefire: [{from: 2020-01-01T08:00+02:00, to: 2020-01-01T20:00+02:00}]\n");
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("warning: operations[0].movement_hours: no time before the horizon is "
                         "both inside a ceasefire window and inside the movement hours of "
                         "operation 'op': none of its convoys can ever leave"),
            std::string::npos)
      << dump(r);
  EXPECT_EQ(dump(r).find("warning: agreement.movement_hours"), std::string::npos) << dump(r);
}

// A household with more stretcher patients than any vehicle has stretcher places is split, as
// one too large is: a warning as well (none was given).
TEST(Load, HouseholdsWithMoreStretcherPatientsThanAnyVehicleCarriesAreAWarning) {
  auto r = load(base());
  EXPECT_EQ(dump(r).find("stretcher patients than"), std::string::npos) << dump(r);
  r = load(std::regex_replace(base(), std::regex("\\{category: wounded, people: 40\\}"),
                              "{category: wounded, people: 40, household_size: 2}"));
  EXPECT_NE(dump(r).find("operations[0].population[1].household_size: households of up to 2 "
                         "people may have more stretcher patients than any vehicle has stretcher "
                         "places (1 place), and will then be split"),
            std::string::npos)
      << dump(r);
}

TEST(Load, LinkagesRisksEventsAndPhases) {
  std::string text = base() + R"(  linkages:
    - id: halves
      kind: tranches
      tranches:
        - {op: 50%, op2: 100}
        - {op: 100%, op2: 200}
risks:
  - {id: h, kind: hold, place: bridge, probability: 5%, duration: {exponential: 3 h}, suspends: {duration: 1 d}}
  - {id: f, kind: fire, route: out, probability: 0.01, killed: {uniform: [0, 2]}}
  - {id: s, kind: suspension, interval: {exponential: 5 d}, duration: 12 h}
events:
  - {id: halt, kind: suspension, from: 2020-01-02T08:00+02:00, to: 2020-01-03T08:00+02:00, source: "a report"}
  - {id: burn, kind: vehicle_loss, route: out, time: 2020-01-02T09:00+02:00, vehicles: 3, type: bus}
)";
  // A second operation for the linkage, sharing places.
  text = std::regex_replace(text, std::regex("agreement:\n"), R"(  - id: op2
    name: {ar: الثانية}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population: [{category: civilians, people: 200}]
    fleet: [{type: bus, count: 2}]
    phases:
      - {id: p1, name: {en: First}, categories: [civilians], quota: 100}
      - {id: p2, name: {en: Rest}, categories: [civilians], start: {after: [{phase: p1, share: 90%}], not_before: 2020-01-02T00:00+02:00}}
agreement:
)");
  auto r = load(text);
  ASSERT_TRUE(r.scenario) << dump(r);
  const Scenario& s = *r.scenario;
  ASSERT_EQ(s.agreement.linkages.size(), 1u);
  const Linkage& l = s.agreement.linkages[0];
  ASSERT_EQ(l.tranches.size(), 2u);
  EXPECT_TRUE(l.tranches[0][0].amount.is_share);
  EXPECT_DOUBLE_EQ(l.tranches[0][0].amount.value, 0.5);
  EXPECT_FALSE(l.tranches[0][1].amount.is_share);
  EXPECT_EQ(l.tranches[0][1].operation.idx(), 1u);
  ASSERT_EQ(s.risks.size(), 3u);
  EXPECT_EQ(s.risks[0].kind, RiskKind::Hold);
  EXPECT_DOUBLE_EQ(s.risks[0].probability, 0.05);
  ASSERT_TRUE(s.risks[0].suspends);
  EXPECT_DOUBLE_EQ(s.risks[0].suspends->probability, 1.0);
  EXPECT_EQ(s.risks[1].killed.kind, DistributionKind::Uniform);
  EXPECT_EQ(s.risks[2].interval.kind, DistributionKind::Exponential);
  ASSERT_EQ(s.events.size(), 2u);
  EXPECT_EQ(s.events[0].to->instant - s.events[0].from->instant, Duration::days(1));
  EXPECT_EQ(s.events[1].vehicles, 3);
  const Operation& op2 = s.operations[1];
  ASSERT_EQ(op2.phases.size(), 2u);
  EXPECT_EQ(op2.phases[1].order, 2);
  ASSERT_EQ(op2.phases[1].after.size(), 1u);
  EXPECT_EQ(op2.phases[1].after[0].phase.idx(), 0u);
  EXPECT_DOUBLE_EQ(op2.phases[1].after[0].share, 0.9);
}

// `text` with a second operation, op2 (200 civilians, 2 buses, the same places and route as
// op), for linkages between the two.
std::string with_second_operation(const std::string& text) {
  return std::regex_replace(text, std::regex("agreement:\n"), R"(  - id: op2
    name: {en: Two}
    origin: town
    gathering_point: square
    destination: camp
    route: out
    population: [{category: civilians, people: 200}]
    fleet: [{type: bus, count: 2}]
agreement:
)");
}

// Removed or killed people count as departed for a linkage counted on departures and never
// arrive for one counted on arrivals: two such linkages over an operation that may lose people
// on the way can hold each other to the end (a tranche counted on departures reached with the
// people removed, a mutual ratio counted on arrivals short of them). A warning, on the linkage
// counted on arrivals; none with one measure, or where nobody can be removed or killed.
TEST(Load, LinkagesOnTwoMeasuresOverAnOperationLosingPeopleAreAWarning) {
  auto with = [](const std::string& ratio_measure, const std::string& risk) {
    std::string text = base() + R"(  linkages:
    - {id: halves, kind: tranches, tranches: [{op: 50, op2: 50}, {op: 100%, op2: 100%}]}
    - {id: parity, kind: ratio, lead: op, follow: op2, ratio: 1, allowance: 10, mutual: true, measure: )" +
                       ratio_measure + "}\nrisks:\n  - " + risk + "\n";
    return load(with_second_operation(text));
  };
  const std::string removal =
      "{id: taken, kind: removal, place: bridge, operations: [op2], probability: 1, categories: "
      "[civilians], share: 40%}";
  auto r = with("arrived", removal);
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("warning: agreement.linkages[1].measure: linkage 'parity' counts people "
                         "arrived and linkage 'halves' people departed; operation 'op2', in both, "
                         "may lose people on the way ('taken'): those removed or killed count as "
                         "departed for the one and never arrive for the other, and the two "
                         "linkages can hold each other until the end\n"
                         "    hint: count both linkages on the same measure"),
            std::string::npos)
      << dump(r);
  // A fire that may kill: the same; one that kills nobody, or one measure: none.
  EXPECT_NE(dump(with("arrived",
                      "{id: shot, kind: fire, route: out, probability: 0.1, killed: "
                      "{uniform: [0, 2]}}"))
                .find("may lose people on the way ('shot')"),
            std::string::npos);
  EXPECT_EQ(dump(with("arrived", "{id: shot, kind: fire, route: out, probability: 0.1}"))
                .find("may lose people"),
            std::string::npos);
  EXPECT_EQ(dump(with("departed", removal)).find("may lose people"), std::string::npos);
}

// A linkage binds for a while: from a time, until a time, or between the two; times before the
// agreement's start, or an `until` not after `from`, are errors naming the field.
TEST(Load, LinkagesBindFromAndUntilATime) {
  auto with = [](const std::string& when) {
    std::string text = base() +
                       "  linkages:\n    - {id: one, kind: ratio, lead: op, follow: op2, ratio: 1" +
                       when + "}\n";
    return load(with_second_operation(text));
  };
  auto r = with(", from: 2020-01-03T06:00+02:00, until: 2020-01-05T06:00+02:00");
  ASSERT_TRUE(r.scenario) << dump(r);
  const Linkage& l = r.scenario->agreement.linkages[0];
  ASSERT_TRUE(l.from && l.until);
  EXPECT_EQ(l.from->instant - r.scenario->agreement.start.instant, Duration::hours(46));
  EXPECT_EQ(l.until->instant - l.from->instant, Duration::days(2));
  r = with("");
  ASSERT_TRUE(r.scenario) << dump(r);
  EXPECT_FALSE(r.scenario->agreement.linkages[0].from || r.scenario->agreement.linkages[0].until);

  r = with(", from: 2020-01-01T07:00+02:00");
  EXPECT_NE(dump(r).find("agreement.linkages[0].from: this time is before the agreement starts"),
            std::string::npos)
      << dump(r);
  r = with(", until: 2020-01-01T08:00+02:00");
  EXPECT_NE(dump(r).find("agreement.linkages[0].until: this time is before the agreement starts"),
            std::string::npos)
      << dump(r);
  r = with(", from: 2020-01-03T06:00+02:00, until: 2020-01-02T06:00+02:00");
  EXPECT_NE(dump(r).find("agreement.linkages[0].until: 'until' is not after 'from': the linkage "
                         "never binds"),
            std::string::npos)
      << dump(r);
  r = with(", from: yesterday");
  EXPECT_NE(dump(r).find("agreement.linkages[0].from"), std::string::npos) << dump(r);
}

// Without `overlap`, a phase of a later order opens only once every phase of the earlier orders
// has ended: a condition on part of one of them has no effect. With overlap, with the same
// order, or on all of it (implied, harmless), there is no warning.
TEST(Load, ConditionOnPartOfAnEarlierPhaseWithoutOverlapIsAWarning) {
  auto with = [](const std::string& second, const std::string& agreement = "") {
    const std::string phases =
        "    phases:\n"
        "      - {id: p1, name: {en: P1}, categories: [wounded]}\n"
        "      - {id: p2, name: {en: P2}, categories: [civilians]" +
        second + "}\nagreement:\n" + agreement;
    return load(std::regex_replace(base(), std::regex("agreement:\n"), phases));
  };
  const std::string after = ", start: {after: [{phase: p1, share: 90%}]}";
  auto r = with(after);
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("t.yaml:38:75: warning: operations[0].phases[1].start.after[0]: without "
                         "'overlap', this phase opens only once every phase of a lower 'order' "
                         "has ended, 'p1' among them: waiting for 90% of 'p1' has no effect\n"
                         "    hint: set 'overlap: true' on the agreement to let this phase open "
                         "before 'p1' ends, or give the two phases the same order"),
            std::string::npos)
      << dump(r);
  // Naming this operation explicitly is the same condition.
  r = with(", start: {after: [{phase: p1, operation: op, share: 0.5}]}");
  EXPECT_NE(dump(r).find("waiting for 50% of 'p1' has no effect"), std::string::npos) << dump(r);
  r = with(after, "  overlap: true\n");
  EXPECT_EQ(dump(r).find("no effect"), std::string::npos) << dump(r);
  r = with(after + ", order: 1");
  EXPECT_EQ(dump(r).find("no effect"), std::string::npos) << dump(r);
  r = with(", start: {after: [{phase: p1}]}");
  EXPECT_EQ(dump(r).find("no effect"), std::string::npos) << dump(r);
}

// A share of a phase is of its target: without a quota, every person of its categories. Where a
// phase of a lower order takes some of them (p1, 20 of the 40 wounded), 50% of p2 may be all p2
// moves, and p3, waiting for it, waits for p2 to end: a warning. With a quota on p2, or with no
// earlier phase of its categories, there is none.
TEST(Load, AShareOfAPhaseWhoseCategoriesAnEarlierOneTakesIsAWarning) {
  auto with = [](const std::string& p1, const std::string& p2) {
    const std::string phases =
        "    phases:\n"
        "      - {id: p1, name: {en: P1}, categories: [" +
        p1 +
        "], quota: 20, order: 1}\n"
        "      - {id: p3, name: {en: P3}, categories: [civilians], order: 2, "
        "start: {after: [{phase: p2, share: 50%}]}}\n"
        "      - {id: p2, name: {en: P2}, categories: [wounded], order: 2" +
        p2 +
        "}\n"
        "agreement:\n";
    return load(std::regex_replace(base(), std::regex("agreement:\n"), phases));
  };
  auto r = with("wounded", "");
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("warning: operations[0].phases[1].start.after[0]: the 50% of 'p2' waited "
                         "for is of its target, every person of its categories, but 'p1', a phase "
                         "before it, takes some of them: 50% may be all that 'p2' moves, and this "
                         "phase would then wait for it to end\n"
                         "    hint: give 'p2' a 'quota' of the people it is to move: its target "
                         "is then that quota"),
            std::string::npos)
      << dump(r);
  r = with("wounded", ", quota: 20");
  EXPECT_EQ(dump(r).find("waited for is of its target"), std::string::npos) << dump(r);
  r = with("civilians", "");
  EXPECT_EQ(dump(r).find("waited for is of its target"), std::string::npos) << dump(r);
}

// People who come at or after the end of the ceasefire (or of the simulated time, when that comes
// first) cannot leave, and nothing waits for them: check warns when all of a group do, or when
// some may and its arrivals are bounded (not for a distribution without an end).
TEST(Load, PeopleComingAfterTheLastChanceAreAWarning) {
  const std::string two_days =
      "agreement:\n  ceasefire: [{from: 2020-01-01T08:00+02:00, to: 2020-01-03T08:00+02:00}]\n";
  auto with = [](const std::string& arrival, const std::string& agreement) {
    return load(std::regex_replace(base(arrival), std::regex("agreement:\n"), agreement));
  };
  auto r = with("48 h", two_days);
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("t.yaml:31:9: warning: operations[0].population[0]: everyone of this "
                         "group comes at or after the end of the ceasefire (2020-01-03 "
                         "08:00+02:00): none of them can leave inside it\n"
                         "    hint: make them come before 2020-01-03 08:00+02:00 ('arrives_from', "
                         "'arrival'), or extend the last ceasefire window"),
            std::string::npos)
      << dump(r);
  r = with("{uniform: [40 h, 50 h]}", two_days);
  EXPECT_NE(dump(r).find("warning: operations[0].population[0]: some of this group may come "
                         "after the end of the ceasefire (2020-01-03 08:00+02:00; their arrivals "
                         "run to 2020-01-03 10:00+02:00): those cannot leave inside it, and no "
                         "vehicle or phase waits for them"),
            std::string::npos)
      << dump(r);
  // All before the end; an unbounded distribution: no warning.
  for (const std::string arrival : {"47 h", "{uniform: [0 h, 48 h]}", "{exponential: 10 h}"}) {
    r = with(arrival, two_days);
    EXPECT_EQ(dump(r).find("population[0]: "), std::string::npos) << arrival << "\n" << dump(r);
  }
  // Without an end to the ceasefire, the end of the simulated time (30 days by default).
  r = with("30 d", "agreement:\n");
  EXPECT_NE(dump(r).find("warning: operations[0].population[0]: everyone of this group comes at "
                         "or after the simulation stops (2020-01-31 08:00+02:00, "
                         "'simulation.horizon' after the start): none of them leaves in a "
                         "simulation\n    hint: make them come before 2020-01-31 08:00+02:00 "
                         "('arrives_from', 'arrival'), or lengthen 'simulation.horizon'"),
            std::string::npos)
      << dump(r);
}

// Vehicles that all come, or a phase that opens, at or after the end of the ceasefire (or of the
// simulated time, when that comes first): nobody of them can leave, and check warns.
TEST(Load, FleetOrPhaseAfterTheLastChanceIsAWarning) {
  auto with = [](const std::string& agreement, const std::string& available,
                 const std::string& phases = "", const std::string& tail = "") {
    std::string text = std::regex_replace(base(), std::regex("count: 5\\}"),
                                          "count: 5, available: " + available + "}");
    text = std::regex_replace(text, std::regex("available: 2020-01-01T10:00\\+02:00"),
                              "available: " + available);
    return load(
        std::regex_replace(text, std::regex("agreement:\n"), phases + "agreement:\n" + agreement) +
        tail);
  };
  const std::string two_days =
      "  ceasefire: [{from: 2020-01-01T08:00+02:00, to: "
      "2020-01-03T08:00+02:00}]\n";
  auto r = with(two_days, "2020-01-03T08:00+02:00");
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("t.yaml:34:9: warning: operations[0].fleet: no passenger vehicle of "
                         "operation 'op' is available before the ceasefire ends (2020-01-03 "
                         "08:00+02:00): nobody in this operation can leave inside the ceasefire\n"
                         "    hint: make a batch 'available' before 2020-01-03 08:00+02:00, or "
                         "extend the last ceasefire window"),
            std::string::npos)
      << dump(r);
  r = with(two_days, "2020-01-03T07:59+02:00");
  EXPECT_EQ(dump(r).find("no passenger vehicle"), std::string::npos) << dump(r);
  // Without an end to the ceasefire, the end of the simulated time (30 days by default).
  r = with("", "2020-01-31T08:00+02:00");
  EXPECT_NE(dump(r).find("warning: operations[0].fleet: no passenger vehicle of operation 'op' "
                         "is available before the simulation stops (2020-01-31 08:00+02:00, "
                         "'simulation.horizon' after the start): nobody in this operation leaves "
                         "in a simulation"),
            std::string::npos)
      << dump(r);
  r = with("", "2020-01-30T08:00+02:00");
  EXPECT_EQ(dump(r).find("no passenger vehicle"), std::string::npos) << dump(r);
  const std::string phase =
      "    phases:\n      - {id: all, name: {en: All}, categories: [civilians, wounded], start: "
      "{not_before: NB}}\n";
  auto with_phase = [&](const std::string& agreement, const std::string& not_before,
                        const std::string& tail = "") {
    return with(agreement, "2020-01-01T08:00+02:00",
                std::regex_replace(phase, std::regex("NB"), not_before), tail);
  };
  r = with_phase(two_days, "2020-01-03T09:00+02:00");
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("warning: operations[0].phases[0].start.not_before: phase 'all' cannot "
                         "open before the ceasefire ends (2020-01-03 08:00+02:00): nobody can "
                         "board in it inside the ceasefire\n"
                         "    hint: set 'not_before' before 2020-01-03 08:00+02:00"),
            std::string::npos)
      << dump(r);
  r = with_phase(two_days, "2020-01-02T09:00+02:00");
  EXPECT_EQ(dump(r).find("cannot open"), std::string::npos) << dump(r);
  // A horizon shorter than the ceasefire comes first.
  r = with_phase(two_days, "2020-01-02T09:00+02:00", "simulation: {horizon: 1 d}\n");
  EXPECT_NE(dump(r).find("phase 'all' cannot open before the simulation stops (2020-01-02 "
                         "08:00+02:00, 'simulation.horizon' after the start)"),
            std::string::npos)
      << dump(r);
}

// A ceasefire that ends where it begins, at the agreement's start, is one mistake: one error.
// One that ends at the start, from before it, ends at the start, not before it.
// Convoys of at least 3 with only 2 vehicles before the ceasefire ends: a warning (the engine's
// convoys leave with the two once no vehicle can join; a fleet of 2 in all is an error).
TEST(Load, AConvoyMinimumTheVehiclesInTimeCannotMakeIsAWarning) {
  const std::string text = std::regex_replace(
      base(), std::regex("agreement:\n  start: 2020-01-01T08:00\\+02:00\n"),
      "agreement:\n  start: 2020-01-01T08:00+02:00\n  ceasefire: [{from: 2020-01-01T08:00+02:00, "
      "to: 2020-01-01T09:00+02:00}]\n  convoy: {min_vehicles: 6}\n");
  ASSERT_NE(text, base());
  const auto r = load(text);
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  EXPECT_NE(dump(r).find("operations[0].fleet: a convoy needs at least 6 vehicles, and 5 "
                         "passenger vehicles are available before the ceasefire ends "
                         "(2020-01-01 09:00+02:00): the others join no convoy"),
            std::string::npos)
      << dump(r);
  // All 7 in time: nothing to say.
  const auto in_time =
      load(std::regex_replace(text, std::regex("09:00\\+02:00\\}"), "11:00+02:00}"));
  EXPECT_EQ(dump(in_time).find("join no convoy"), std::string::npos) << dump(in_time);
}

TEST(Load, CeasefireEndingAtTheStartIsReportedOnce) {
  auto with = [](const std::string& window) {
    return load(base() + "  ceasefire: [" + window + "]\n");
  };
  auto r = with("{from: 2020-01-01T08:00+02:00, to: 2020-01-01T08:00+02:00}");
  ASSERT_EQ(r.diagnostics.error_count(), 1u) << dump(r);
  EXPECT_NE(dump(r).find("agreement.ceasefire[0].to: 'to' is not after 'from'"), std::string::npos)
      << dump(r);
  r = with("{from: 2020-01-01T06:00+02:00, to: 2020-01-01T08:00+02:00}");
  ASSERT_EQ(r.diagnostics.error_count(), 1u) << dump(r);
  EXPECT_NE(dump(r).find("agreement.ceasefire: the ceasefire ends when the agreement starts: no "
                         "convoy can move"),
            std::string::npos)
      << dump(r);
  r = with("{from: 2020-01-01T06:00+02:00, to: 2020-01-01T07:00+02:00}");
  EXPECT_NE(dump(r).find("the ceasefire ends before the agreement starts"), std::string::npos)
      << dump(r);
}

// An event wholly before the start is flagged at 'from' and 'to'; too few escorts name the rule
// that asks for them.
TEST(Load, HintsNameWhatToChange) {
  auto r = load(base() +
                "events:\n  - {id: halt, kind: suspension, from: 2019-12-30T08:00+02:00, to: "
                "2019-12-31T08:00+02:00}\n");
  EXPECT_NE(dump(r).find("events[0].from: this time is before the agreement starts\n"),
            std::string::npos)
      << dump(r);
  EXPECT_NE(dump(r).find("events[0].to: this time is before the agreement starts\n"),
            std::string::npos)
      << dump(r);
  r = load(base() +
           "events:\n  - {id: halt, kind: suspension, from: 2020-01-01T08:00+02:00, to: "
           "2020-01-01T08:00+02:00}\n");
  EXPECT_NE(dump(r).find("events[0].to: this time is before the agreement starts\n"),
            std::string::npos)
      << dump(r);
  EXPECT_EQ(dump(r).find("events[0].from"), std::string::npos) << dump(r);

  std::string text = std::regex_replace(
      base(), std::regex("vehicle_types:\n"),
      "vehicle_types:\n  - {id: escort, name: {en: Escort}, seats: 0, role: escort}\n");
  r = load(text + "  convoy: {escort: {type: escort, count: 2}}\n");
  EXPECT_NE(dump(r).find("error: operations[0].fleet: each convoy needs 2 escort vehicles of type "
                         "'escort', the fleet has 0\n"
                         "    hint: 'agreement.convoy.escort' asks for 2 with each convoy: add "
                         "escort vehicles of type 'escort' to this fleet, or lower 'count' there"),
            std::string::npos)
      << dump(r);
}

// A scheduled vehicle loss at a destination takes vehicles as they finish unloading: one of an
// escort type there never happens, and check says so (at a checkpoint it may).
TEST(Load, AnEscortLossAtADestinationIsAWarning) {
  std::string text = std::regex_replace(
      base(), std::regex("vehicle_types:\n"),
      "vehicle_types:\n  - {id: escort, name: {en: Escort}, seats: 0, role: escort}\n");
  text = std::regex_replace(text, std::regex("      - \\{type: bus, count: 5\\}"),
                            "      - {type: bus, count: 5}\n      - {type: escort, count: 2}");
  auto loss_at = [&](const std::string& place) {
    return load(text + "events:\n  - {id: burned, kind: vehicle_loss, place: " + place +
                ", time: 2020-01-01T09:00+02:00, vehicles: 1, type: escort}\n");
  };
  const LoadResult camp = loss_at("camp");
  ASSERT_TRUE(camp.scenario) << dump(camp);
  EXPECT_NE(dump(camp).find("warning: events[0].type: at destination 'camp' a vehicle loss takes "
                            "vehicles as they finish unloading, and escorts of type 'escort' "
                            "unload nobody: it never takes one"),
            std::string::npos)
      << dump(camp);
  EXPECT_EQ(dump(loss_at("bridge")).find("unload nobody"), std::string::npos)
      << dump(loss_at("bridge"));
}

// A checkpoint change that sets what the checkpoint already has at its time changes nothing
// there: a warning for each such part, the checkpoint followed through the earlier changes in
// time order (the file lists the later change first).
TEST(Load, ACheckpointChangeThatChangesNothingIsAWarning) {
  std::string text =
      std::regex_replace(base(), std::regex("parties:\n"),
                         "parties:\n  - {id: militia, name: {en: Militia}, role: besieging}\n");
  const LoadResult r =
      load(text +
           "events:\n"
           "  - {id: later, kind: checkpoint_change, place: bridge, time: 2020-01-01T12:00+02:00, "
           "party: militia, lanes: 3, inspection: 5 min}\n"
           "  - {id: first, kind: checkpoint_change, place: bridge, time: 2020-01-01T10:00+02:00, "
           "party: militia, lanes: 2, inspection: 5 min, empty_inspection: 1 min}\n"
           "  - {id: third, kind: checkpoint_change, place: bridge, time: 2020-01-01T13:00+02:00, "
           "party: army, lanes: 1, empty_inspection: 1 min}\n");
  ASSERT_TRUE(r.scenario) << dump(r);
  const std::string d = dump(r);
  // events[1] at 10:00: lanes 2 as the scenario has them; militia and 5 min are changes.
  EXPECT_NE(d.find("warning: events[1].lanes: 'lanes' of checkpoint 'bridge' is already 2 at "
                   "this time: this part of the change changes nothing"),
            std::string::npos)
      << d;
  // events[0] at 12:00, after it: militia and 5 min again; lanes 3 is a change.
  EXPECT_NE(d.find("warning: events[0].party: 'party' of checkpoint 'bridge' is already "
                   "'militia' at this time"),
            std::string::npos)
      << d;
  EXPECT_NE(d.find("warning: events[0].inspection: 'inspection' of checkpoint 'bridge' is "
                   "already 5 min at this time"),
            std::string::npos)
      << d;
  // events[2] at 13:00: 1 min for empty vehicles as events[1] set it.
  EXPECT_NE(d.find("warning: events[2].empty_inspection:"), std::string::npos) << d;
  for (const char* changed :
       {"events[1].party", "events[1].inspection", "events[1].empty_inspection", "events[0].lanes",
        "events[2].party", "events[2].lanes"}) {
    EXPECT_EQ(d.find(std::string("warning: ") + changed + ":"), std::string::npos) << changed << d;
  }
}

// Hints of the reader: a file with NUL bytes is to be saved as UTF-8; a count out of range says
// what it counts.
TEST(Load, ReaderHintsSayWhatToDo) {
  auto r = load(std::string("mamar: 1\0\n", 10));
  EXPECT_NE(dump(r).find("the file is not text (it contains NUL bytes)\n"
                         "    hint: save the file as UTF-8"),
            std::string::npos)
      << dump(r);

  r = load(std::regex_replace(base(), std::regex("people: 1000"), "people: -80"));
  EXPECT_NE(dump(r).find("operations[0].population[0].people: -80 is outside the allowed range 0 "
                         "to 100000000\n"
                         "    hint: 'people' is the number of people in the group, before "
                         "'willing'"),
            std::string::npos)
      << dump(r);
  r = load(std::regex_replace(base(), std::regex("count: 5"), "count: 0"));
  EXPECT_NE(dump(r).find("fleet[0].count: 0 is outside the allowed range 1 to 1000000\n"
                         "    hint: 'count' is the number of vehicles in this batch"),
            std::string::npos)
      << dump(r);
}

// A key written without a value is an error where it is written, not the field's default: an
// empty `ceasefire:` was read as a ceasefire without end. A required one is reported once.
TEST(Load, AKeyWithoutAValueIsAnError) {
  auto r =
      load(std::regex_replace(base(), std::regex("agreement:\n"), "agreement:\n  ceasefire:\n"));
  EXPECT_FALSE(r.scenario);
  const std::string said = dump(r);
  EXPECT_NE(said.find("agreement.ceasefire: field 'ceasefire' has no value\n"
                      "    hint: write a value, or leave the field out for its default"),
            std::string::npos)
      << said;
  r = load(std::regex_replace(base(), std::regex("bays: 2,"), "bays: ~,"));
  EXPECT_NE(dump(r).find("places[1].bays: field 'bays' has no value"), std::string::npos)
      << dump(r);
  r = load(std::regex_replace(base(), std::regex("name: \\{en: Square\\}"), "name:"));
  EXPECT_EQ(r.diagnostics.items().size(), 1U) << dump(r);
  EXPECT_NE(dump(r).find("places[1].name: field 'name' has no value\n"), std::string::npos)
      << dump(r);
}

// A duration with a word that is not a unit of time: the hint names the word, the nearest unit
// when there is one, and every unit.
TEST(Load, DurationWithAnUnknownUnitNamesIt) {
  auto with = [](const std::string& headway) {
    return load(base() + "  convoy: {headway: " + headway + "}\n");
  };
  auto r = with("30 minuets");
  EXPECT_NE(dump(r).find("agreement.convoy.headway: expected a duration, found '30 minuets'\n"
                         "    hint: 'minuets' is not a unit of time: did you mean 'minute'? The "
                         "units are ms; s, sec(s), second(s); min(s), minute(s); h, hr(s), "
                         "hour(s); d, day(s)\n"),
            std::string::npos)
      << dump(r);
  // A word as near to units of different lengths suggests none of them.
  r = with("10 mn");
  EXPECT_NE(dump(r).find("    hint: 'mn' is not a unit of time; the units are ms;"),
            std::string::npos)
      << dump(r);
  r = with("1 h 2 fortnights");
  EXPECT_NE(dump(r).find("    hint: 'fortnights' is not a unit of time; the units are ms;"),
            std::string::npos)
      << dump(r);
  // Every unit the hint names is read.
  for (const char* unit : {"ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute",
                           "minutes", "h", "hr", "hrs", "hour", "hours", "d", "day", "days"}) {
    r = with(std::string("2 ") + unit);
    EXPECT_FALSE(r.diagnostics.has_errors()) << unit << "\n" << dump(r);
  }
  // Without a unit, or with the units in the wrong place, the hints of before.
  r = with("30");
  EXPECT_NE(dump(r).find("    hint: add a unit: \"30 min\""), std::string::npos) << dump(r);
  r = with("h 30");
  EXPECT_NE(dump(r).find("    hint: durations look like"), std::string::npos) << dump(r);
}

// A unit given twice, or a smaller before a larger, is an error, not a sum: "1 h 1 h" was read as
// 2 h and "30 min 1 h" as 1 h 30 min, with no word.
TEST(Load, DurationWithAUnitTwiceOrOutOfOrderIsAnError) {
  auto with = [](const std::string& headway) {
    return load(base() + "  convoy: {headway: " + headway + "}\n");
  };
  for (const std::string text : {"1 h 1 h", "30 min 1 h", "1 h 2 hours", "1 d 3 h 5 h"}) {
    const auto r = with(text);
    EXPECT_NE(dump(r).find("agreement.convoy.headway: duration " + text +
                           " gives a unit more than once, or a smaller one before a larger: each "
                           "unit once, the largest first\n    hint: durations look like"),
              std::string::npos)
        << dump(r);
  }
  for (const std::string text : {"1 h 30 min", "1 d 2 h 3 min 4 s 5 ms", "1hr 30mins"}) {
    const auto r = with(text);
    EXPECT_FALSE(r.diagnostics.has_errors()) << text << "\n" << dump(r);
  }
}

// Booleans as YAML writes them: true, True and TRUE (and yes, on, and their noes), not tRUE.
TEST(Load, BooleansInTheirThreeSpellings) {
  auto with = [](const std::string& overlap) {
    return load(base() + "  overlap: " + overlap + "\n");
  };
  for (const char* text : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "false",
                           "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"}) {
    const auto r = with(text);
    ASSERT_FALSE(r.diagnostics.has_errors()) << text << "\n" << dump(r);
    const bool yes = std::string("tTyYoO").find(text[0]) != std::string::npos &&
                     std::string(text) != "off" && std::string(text) != "Off" &&
                     std::string(text) != "OFF";
    EXPECT_EQ(r.scenario->agreement.overlap, yes) << text;
  }
  for (const char* text : {"tRUE", "yEs", "1", "y"}) {
    EXPECT_NE(dump(with(text)).find("agreement.overlap: expected true or false, found"),
              std::string::npos)
        << text << "\n"
        << dump(with(text));
  }
}

// A horizon longer than ten years is refused, naming the field.
TEST(Load, HorizonAtMostTenYears) {
  auto r = load(base() + "simulation: {horizon: 3650 d}\n");
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
  r = load(base() + "simulation: {horizon: 3651 d}\n");
  EXPECT_NE(dump(r).find("simulation.horizon: a horizon of 3651 d is too long: at most 3650 d"),
            std::string::npos)
      << dump(r);
}

// Without overlap a phase waits for every phase of a lower order to end: a phase that waits in
// turn for one of a higher order never opens, and neither does that one.
TEST(Load, APhaseWaitingForALaterOneIsADeadlockWithoutOverlap) {
  const std::string phases = R"(    phases:
      - {id: p1, name: {en: P1}, categories: [wounded], start: {after: [{phase: p2, share: 50%}]}}
      - {id: p2, name: {en: P2}, categories: [civilians]}
agreement:
  start: 2020-01-01T08:00+02:00
OVERLAP)";
  auto with = [&](const std::string& overlap) {
    std::string text = base();
    text = text.substr(0, text.find("agreement:"));
    return load(text + std::regex_replace(phases, std::regex("OVERLAP"), overlap) + "\n");
  };
  auto r = with("");
  EXPECT_NE(dump(r).find("operations[0].phases[0]: these waits form a cycle and can never start: "
                         "op/p1 -> op/p2 -> op/p1"),
            std::string::npos)
      << dump(r);
  r = with("  overlap: true");
  EXPECT_FALSE(r.diagnostics.has_errors()) << dump(r);
}

// b's phase waits for 10% of a's; tranches linking them: LINKAGE.
std::string waits_beside_tranches(const std::string& linkage) {
  return R"(mamar: 1
scenario: {id: waits, name: {en: Waits}}
categories: [{id: civ, name: {en: Civ}}]
places:
  - {id: a-o, kind: origin, name: {en: ao}}
  - {id: a-g, kind: gathering_point, name: {en: ag}}
  - {id: a-d, kind: destination, name: {en: ad}}
  - {id: b-o, kind: origin, name: {en: bo}}
  - {id: b-g, kind: gathering_point, name: {en: bg}}
  - {id: b-d, kind: destination, name: {en: bd}}
routes:
  - {id: a-r, legs: [{from: a-g, to: a-d, time: 1 h}]}
  - {id: b-r, legs: [{from: b-g, to: b-d, time: 1 h}]}
vehicle_types: [{id: bus, name: {en: Bus}, seats: 5}]
operations:
  - {id: a, name: {en: a}, origin: a-o, gathering_point: a-g, destination: a-d, route: a-r,
     population: [{category: civ, people: 10}], fleet: [{type: bus, count: 1}],
     phases: [{id: p1, name: {en: P1}, categories: [civ]}]}
  - {id: b, name: {en: b}, origin: b-o, gathering_point: b-g, destination: b-d, route: b-r,
     population: [{category: civ, people: 10}], fleet: [{type: bus, count: 1}],
     phases: [{id: q1, name: {en: Q1}, categories: [civ],
               start: {after: [{operation: a, phase: p1, share: 10%}]}}]}
agreement:
  start: 2030-01-01T00:00+00:00
  linkages: [)" +
         linkage + R"(]
)";
}

// An operation that the first tranche leaves out may move nobody in it, as one given 0: b waits
// for a, which waits for b's first half. A linkage that lifts at a time (`until`) holds nobody
// for ever: no cycle.
TEST(Load, TranchesLeavingAnOperationOutOrLiftingAreSeenByTheCycleCheck) {
  const std::string cycle = "these waits form a cycle and can never start: b/q1 -> a/p1 at 10%";
  auto left_out = load(
      waits_beside_tranches("{id: lk, kind: tranches, tranches: [{b: 50%}, {a: 100%, b: 100%}]}"));
  EXPECT_NE(dump(left_out).find(cycle), std::string::npos) << dump(left_out);
  auto given_zero = load(waits_beside_tranches(
      "{id: lk, kind: tranches, tranches: [{a: 0, b: 50%}, {a: 100%, b: 100%}]}"));
  EXPECT_EQ(dump(left_out), dump(given_zero));
  auto lifts = load(waits_beside_tranches(
      "{id: lk, kind: tranches, until: 2030-01-01T05:00+00:00, tranches: [{b: 50%}, {a: 100%, "
      "b: 100%}]}"));
  EXPECT_FALSE(lifts.diagnostics.has_errors()) << dump(lifts);
}

TEST(Load, NeverCrashesOnHostileInput) {
  EXPECT_TRUE(load("").diagnostics.has_errors());
  EXPECT_TRUE(load(std::string("mamar: 1\0\x01\x02", 11)).diagnostics.has_errors());
  EXPECT_TRUE(load("\xff\xfe garbage").diagnostics.has_errors());
  EXPECT_TRUE(load(std::string(100000, '[')).diagnostics.has_errors());
  EXPECT_TRUE(load(std::string(5000, '-') + " x").diagnostics.has_errors());
  EXPECT_TRUE(load("- 1\n- 2\n").diagnostics.has_errors());
  EXPECT_TRUE(load("mamar: [1, 2]\nscenario: 5\ncategories: {a: b}\n").diagnostics.has_errors());
  EXPECT_TRUE(load("key: &a [*a]\n").diagnostics.has_errors());
  std::string huge(17u << 20, 'a');
  auto r = load(huge);
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].message.key, "file.too-large");
}

// Inputs on which yaml-cpp's LoadAll never returns (each pass yields another empty document at
// the same token): the loader must stop and name the place.
TEST(Load, TokensTheParserNeverConsumesAreErrorsNotHangs) {
  for (const char* text : {"!a ,", "&x ,", "! ,\n", "&a !b ,", "\n&'*,", "mamar: 1\n---\n!t ,"}) {
    SCOPED_TRACE(text);
    auto r = load(text);
    ASSERT_TRUE(r.diagnostics.has_errors());
    const std::string key = r.diagnostics.items().back().message.key;
    EXPECT_TRUE(key == "yaml.syntax" || key == "yaml.unexpected") << key;
  }
}

// yaml-cpp gives its reasons in English; in an Arabic diagnostic they are Arabic too, a value
// after them (the escape character, the anchor) kept as written.
TEST(Load, SyntaxErrorsInArabicAreArabicThroughout) {
  const Catalog c = model_catalog();
  struct Case {
    const char* text;
    const char* english;  // the English diagnostic's message
  };
  const Case cases[] = {
      {"a: [1, 2\n", "YAML syntax error: end of sequence flow not found"},
      {"a: {b: 1\n", "YAML syntax error: end of map flow not found"},
      {"a: \"x\\qy\"\n", "YAML syntax error: unknown escape character: q"},
      {"a: 1\n- b\n", "YAML syntax error: end of map not found"},
      {"a: b: c\n", "YAML syntax error: illegal map value"},
      {"a: &x 1\nb: *y\n", "YAML syntax error: the referenced anchor is not defined"},
      {"a: |0\n  x\n", "YAML syntax error: cannot set zero indentation for a block scalar"},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.text);
    auto r = load(k.text);
    ASSERT_TRUE(r.diagnostics.has_errors());
    const Message& m = r.diagnostics.items().front().message;
    EXPECT_EQ(c.render(m, Language::English), k.english);
    const std::string ar = c.render(m, Language::Arabic);
    // The reason is the catalog's: no English word of it is left in the Arabic.
    const std::string reason =
        std::string(k.english).substr(std::string("YAML syntax error: ").size());
    EXPECT_EQ(ar.find(reason.substr(0, reason.find(':'))), std::string::npos) << ar;
    EXPECT_EQ(ar.rfind("خطأ في صياغة YAML: ", 0), 0u) << ar;
  }
  // The value after the reason stays.
  EXPECT_EQ(c.render(load("a: \"x\\qy\"\n").diagnostics.items().front().message, Language::Arabic),
            "خطأ في صياغة YAML: حرف هروب غير معروف: q");
  // A text the catalog does not know is shown as it is.
  EXPECT_EQ(c.render(detail::yaml_syntax_message("something new"), Language::Arabic),
            "خطأ في صياغة YAML: something new");
  EXPECT_GE(detail::yaml_reason_count(), 37u);
}

TEST(Load, MissingFileIsAnErrorNotACrash) {
  auto r = load_scenario_file("/nonexistent/scenario.yaml");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].message.key, "file.unreadable");
}

// Every message key the loader can emit has an English and an Arabic text.
TEST(Catalog, EveryEmittedKeyIsTranslated) {
  const Catalog c = model_catalog();
  const std::filesystem::path dir = std::filesystem::path(MAMAR_SOURCE_DIR) / "src/model";
  std::regex key_re(R"re(msg\("([a-z0-9.-]+)")re");
  int keys = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".cpp" || e.path().filename().string().ends_with("_test.cpp"))
      continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), key_re), end; it != end; ++it) {
      ++keys;
      const std::string key = (*it)[1];
      EXPECT_TRUE(c.contains(key)) << key << " used in " << e.path().filename() << " has no text";
      // The Arabic text has Arabic letters (U+0600..U+06FF: UTF-8 lead bytes 0xD8..0xDB), but
      // for the hints that are only a YAML example.
      static const std::set<std::string> kExamplesOnly = {"hint.normal-form", "hint.lognormal-form",
                                                          "hint.tranche-form"};
      if (kExamplesOnly.count(key) > 0) continue;
      const std::string ar = c.render(Message{key, {}}, Language::Arabic);
      EXPECT_TRUE(std::any_of(ar.begin(), ar.end(),
                              [](char ch) {
                                const auto u = static_cast<unsigned char>(ch);
                                return u >= 0xD8 && u <= 0xDB;
                              }))
          << key << " has no Arabic text: " << ar;
    }
  }
  EXPECT_GT(keys, 80);
}

TEST(Load, ArabicMessagesRender) {
  std::string text =
      std::regex_replace(base(), std::regex("destination: camp"), "destination: cmap");
  auto r = load(text);
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  std::string ar = format_diagnostic(r.diagnostics.items()[0], model_catalog(), Language::Arabic);
  EXPECT_NE(ar.find("غير معروف 'cmap'"), std::string::npos) << ar;
  EXPECT_NE(ar.find("هل تقصد 'camp'؟"), std::string::npos) << ar;
}

}  // namespace
}  // namespace mamar::model
