#include "mamar/model/changes.hpp"

#include <gtest/gtest.h>

#include "source_file_for_tests.hpp"

namespace mamar::model {
namespace {

using test_files::read_source_file;

// The shipped pair: example 5 is example 2 with twice the ambulances, and a new id and name.
TEST(ScenarioChanges, TheShippedVariantChangesOneField) {
  const auto changes =
      scenario_changes(read_source_file("scenarios/examples/02-checkpoint-and-phases.yaml"),
                       read_source_file("scenarios/examples/05-what-if-more-ambulances.yaml"));
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].path, "operations[evacuate-town-a].fleet[0].count");
  EXPECT_EQ((*changes)[0].base, "6");
  EXPECT_EQ((*changes)[0].variant, "12");
}

// Items with ids are matched by id wherever they stand, and a change of their order is one
// change (the order of phases, operations and events counts); others by position. Fields added
// or removed have one side empty; labels are left out.
// An item removed or added leaves the others in their order: no change of order.
TEST(ScenarioChanges, OrderOnlyOfTheItemsBothHave) {
  const auto changes = scenario_changes("events: [{id: a}, {id: b}, {id: c}]\n",
                                        "events: [{id: d}, {id: a}, {id: c}]\n");
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].path, "events[b]");
  EXPECT_EQ((*changes)[1].path, "events[d]");
}

// A value is shown whole up to 400 bytes (an event added whole, with its end), longer ones cut
// with "…" where a UTF-8 sequence starts.
TEST(ScenarioChanges, ValuesShownWholeUpTo400Bytes) {
  const std::string event =
      "{id: b-stalls, kind: suspension, operations: [op-b], from: 2030-03-01T09:00+03:00, to: "
      "2030-03-01T21:00+03:00}";
  auto changes = scenario_changes("events: []\n", "events: [" + event + "]\n");
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].variant, event);
  const std::string arabic(300, 'x');
  const std::string long_value = arabic + "\u0628\u0628\u0628\u0628" + std::string(200, 'y');
  changes = scenario_changes("note: a\n", "note: \"" + long_value + "\"\n");
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  const std::string& cut = (*changes)[0].variant;
  EXPECT_EQ(cut.substr(cut.size() - 3), "…");
  EXPECT_LE(cut.size(), 400u + 2);
  EXPECT_EQ(cut.substr(0, 300), arabic);
}

TEST(ScenarioChanges, ByIdByPositionAddedAndRemoved) {
  const std::string base = R"(scenario: {id: a, name: {en: A}}
places:
  - {id: p, lanes: 1, name: {en: P}}
  - {id: q, bays: 2}
agreement: {convoy: {min_vehicles: 3}, movement_hours: [{from: "06:00", to: "18:00"}]}
)";
  const std::string variant = R"(scenario: {id: b, name: {en: B}}
places:
  - {id: q, bays: 2}
  - {id: p, lanes: 2, name: {en: Renamed}}
  - {id: r, bays: 1}
agreement: {convoy: {min_vehicles: 3, headway: 30 min}, movement_hours: [{from: "05:00", to: "18:00"}, {from: "20:00", to: "22:00"}]}
)";
  const auto changes = scenario_changes(base, variant);
  ASSERT_TRUE(changes);
  std::vector<std::string> lines;
  for (const auto& c : *changes) lines.push_back(c.path + ": " + c.base + " -> " + c.variant);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "places[p].lanes: 1 -> 2",
                       "places[r]:  -> {id: r, bays: 1}",
                       "places (order): p, q -> q, p",
                       "agreement.convoy.headway:  -> 30 min",
                       "agreement.movement_hours[0].from: 06:00 -> 05:00",
                       "agreement.movement_hours[1]:  -> {from: 20:00, to: 22:00}",
                   }));
  EXPECT_TRUE(scenario_changes(base, base)->empty());
  // An item written in block style is shown on one line, in flow style, without its labels.
  const auto block = scenario_changes("events: []\n", R"(events:
  - id: snow
    name: {en: Snow, ar: ثلج}
    kind: slowdown
    factor: 1.5
    on:
      - out
      - back
)");
  ASSERT_TRUE(block);
  ASSERT_EQ(block->size(), 1u);
  EXPECT_EQ((*block)[0].path, "events[0]");
  EXPECT_EQ((*block)[0].variant, "{id: snow, kind: slowdown, factor: 1.5, on: [out, back]}");
  EXPECT_FALSE(scenario_changes(base, "a: [unclosed"));
}

TEST(PathsById, ListItemsNamedByTheirIds) {
  const std::string text =
      "places:\n"
      "  - {id: a, kind: origin}\n"
      "  - {id: gate, kind: checkpoint, lanes: 2}\n"
      "operations:\n"
      "  - id: town\n"
      "    fleet: [{type: bus, count: 3}]\n"
      "    phases: [{id: first, categories: [wounded, civilians]}]\n";
  EXPECT_EQ(
      paths_by_id(text, {"places[1].lanes", "operations[0].fleet[0].count",
                         "operations[0].phases[0].categories[1]", "places[7].lanes",
                         "places[1].nothing[0]", "", "agreement.start", "places[1"}),
      (std::vector<std::string>{"places[gate].lanes", "operations[town].fleet[0].count",
                                "operations[town].phases[first].categories[1]", "places[7].lanes",
                                "places[gate].nothing[0]", "", "agreement.start", "places[1"}));
  EXPECT_EQ(paths_by_id("a: [", {"places[1]"}), (std::vector<std::string>{"places[1]"}))
      << "not YAML: as given";
}

}  // namespace
}  // namespace mamar::model
