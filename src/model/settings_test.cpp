#include "mamar/model/settings.hpp"

#include <gtest/gtest.h>

#include "mamar/model/changes.hpp"
#include "mamar/model/load.hpp"
#include "source_file_for_tests.hpp"

namespace mamar::model {
namespace {

using test_files::read_source_file;

std::vector<std::string> keys(const std::vector<Message>& errors) {
  std::vector<std::string> out;
  out.reserve(errors.size());
  for (const auto& e : errors) out.push_back(e.key);
  return out;
}

TEST(Settings, ParsedAtTheFirstEquals) {
  auto s = parse_setting("places[gate].inspection={exponential: 2 min}");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->path, "places[gate].inspection");
  EXPECT_EQ(s->value, "{exponential: 2 min}");
  EXPECT_EQ(parse_setting("a=b=c")->value, "b=c");
  EXPECT_FALSE(parse_setting("no-equals"));
  EXPECT_FALSE(parse_setting("=5"));
  EXPECT_EQ(s->kind, SettingKind::Set);
  // "+=" appends, "-=" removes; an id with '-' in brackets is still part of the path.
  auto add = parse_setting("places[gate-a].lanes+=x=1");
  ASSERT_TRUE(add);
  EXPECT_EQ(add->path, "places[gate-a].lanes");
  EXPECT_EQ(add->value, "x=1");
  EXPECT_EQ(add->kind, SettingKind::Append);
  auto remove = parse_setting("events-=snow-22dec");
  ASSERT_TRUE(remove);
  EXPECT_EQ(remove->path, "events");
  EXPECT_EQ(remove->value, "snow-22dec");
  EXPECT_EQ(remove->kind, SettingKind::Remove);
  EXPECT_FALSE(parse_setting("+=5"));
  EXPECT_FALSE(parse_setting("-=a"));
}

TEST(Settings, MalformedWhateverTheScenario) {
  auto problem = [](const char* text) {
    const auto s = parse_setting(text);
    EXPECT_TRUE(s) << text;
    const auto m = malformed_setting(*s);
    return m ? m->key : std::string("sound");
  };
  EXPECT_EQ(problem("a..b=1"), "set.bad-path");
  EXPECT_EQ(problem(".a=1"), "set.bad-path");
  EXPECT_EQ(problem("a[]=1"), "set.bad-path");
  EXPECT_EQ(problem("a.=1"), "set.bad-path");
  EXPECT_EQ(problem("a="), "set.bad-value");
  EXPECT_EQ(problem("a={b"), "set.bad-value");
  EXPECT_EQ(problem("a-="), "set.bad-value");
  EXPECT_EQ(problem("places[gate].lanes=2"), "sound");
  EXPECT_EQ(problem("events-={b"), "sound") << "an item's id, not YAML";
  EXPECT_EQ(problem("nowhere.at.all=2"), "sound") << "that it names a field is the scenario's";
}

// A field written once and named again by an alias: a setting changes it where it names it, and
// the alias keeps the value written.
TEST(Settings, AnAliasKeepsItsValue) {
  const std::string base =
      "mamar: 1\n"
      "a: &shared {exponential: 5 min}\n"
      "b: *shared\n"
      "c: &n 3\n"
      "d: [*n, *n]\n";
  const auto applied =
      apply_settings(base, {{"a.exponential", "1 min"}, {"d[1]", "4"}, {"c", "7"}});
  ASSERT_TRUE(applied.text);
  const auto changes = scenario_changes(base, *applied.text);
  ASSERT_TRUE(changes);
  std::vector<std::string> paths;
  for (const auto& c : *changes) paths.push_back(c.path + "=" + c.variant);
  EXPECT_EQ(paths, (std::vector<std::string>{"a.exponential=1 min", "c=7", "d[1]=4"}));
}

// The shipped pair made from the base alone: the same change as the copied file.
TEST(Settings, MakeTheShippedVariantFromTheBase) {
  const std::string base = read_source_file("scenarios/examples/02-checkpoint-and-phases.yaml");
  const auto applied = apply_settings(base, {{"operations[evacuate-town-a].fleet[0].count", "12"}});
  ASSERT_TRUE(applied.text) << keys(applied.errors).size();
  const auto changes = scenario_changes(base, *applied.text);
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].path, "operations[evacuate-town-a].fleet[0].count");
  EXPECT_EQ((*changes)[0].variant, "12");
  // It loads, with the change.
  auto loaded = load_scenario_text(*applied.text, "variant.yaml");
  ASSERT_TRUE(loaded.scenario);
  EXPECT_EQ(loaded.scenario->operations[0].fleet[0].count, 12);
}

// Every shipped scenario survives being written out again: set a field to its own value and no
// field differs, and the text loads with the same diagnostics.
TEST(Settings, RewritingAScenarioKeepsIt) {
  for (const char* file : {"scenarios/aleppo-2016.yaml", "scenarios/sheikh-maqsoud-2026.yaml",
                           "scenarios/examples/02-checkpoint-and-phases.yaml"}) {
    SCOPED_TRACE(file);
    const std::string text = read_source_file(file);
    const auto applied = apply_settings(text, {{"mamar", "1"}});
    ASSERT_TRUE(applied.text);
    const auto changes = scenario_changes(text, *applied.text);
    ASSERT_TRUE(changes);
    for (const auto& c : *changes) ADD_FAILURE() << c.path << ": " << c.base << " -> " << c.variant;
    const auto original = load_scenario_text(text, file);
    const auto rewritten = load_scenario_text(*applied.text, file);
    ASSERT_TRUE(original.scenario);
    ASSERT_TRUE(rewritten.scenario);
    EXPECT_EQ(rewritten.diagnostics.items().size(), original.diagnostics.items().size());
    EXPECT_EQ(rewritten.scenario->events.size(), original.scenario->events.size());
    EXPECT_EQ(rewritten.scenario->places[1].name.ar, original.scenario->places[1].name.ar);
  }
}

TEST(Settings, AFieldLeftToItsDefaultIsAdded) {
  const std::string base = "places:\n  - {id: gate, lanes: 1}\n";
  const auto applied =
      apply_settings(base, {{"places[gate].empty_inspection", "30 s"}, {"places[0].lanes", "3"}});
  ASSERT_TRUE(applied.text);
  const auto changes = scenario_changes(base, *applied.text);
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].path, "places[gate].lanes");
  EXPECT_EQ((*changes)[0].variant, "3");
  EXPECT_EQ((*changes)[1].path, "places[gate].empty_inspection");
  EXPECT_EQ((*changes)[1].variant, "30 s");
}

// null takes a field out: the variant is the file written without it (a field written without a
// value is an error in a file).
TEST(Settings, NullTakesAFieldOut) {
  const std::string base = "agreement:\n  start: 2030-01-01T00:00Z\n  ceasefire: 3 d\n";
  const auto applied = apply_settings(base, {{"agreement.ceasefire", "null"}});
  ASSERT_TRUE(applied.text);
  EXPECT_EQ(applied.text->find("ceasefire"), std::string::npos) << *applied.text;
  EXPECT_NE(applied.text->find("start"), std::string::npos);
}

// A hold that did not happen, added; the snow that did, taken out: East Aleppo's scheduled
// events, changed as the variant's file would be.
TEST(Settings, AnItemAppendedToAListAndOneRemoved) {
  const std::string base = read_source_file("scenarios/aleppo-2016.yaml");
  const auto original = load_scenario_text(base, "aleppo-2016.yaml");
  ASSERT_TRUE(original.scenario);
  const auto applied =
      apply_settings(base, {{"events",
                             "{id: extra-hold, kind: hold, place: militia-checkpoint, "
                             "from: 2016-12-16T10:00+02:00, to: 2016-12-16T16:00+02:00}",
                             SettingKind::Append},
                            {"events", "snow-22dec", SettingKind::Remove}});
  ASSERT_TRUE(applied.text) << keys(applied.errors).size();
  auto loaded = load_scenario_text(*applied.text, "variant.yaml");
  ASSERT_TRUE(loaded.scenario) << loaded.diagnostics.items().size();
  const auto& events = loaded.scenario->events;
  ASSERT_EQ(events.size(), original.scenario->events.size());  // one in, one out
  EXPECT_EQ(events.back().id, "extra-hold");
  EXPECT_EQ(events.back().kind, RiskKind::Hold);
  for (const auto& e : events) EXPECT_NE(e.id, "snow-22dec");
  const auto changes = scenario_changes(base, *applied.text);
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].path, "events[snow-22dec]");
  EXPECT_TRUE((*changes)[0].variant.empty());
  EXPECT_EQ((*changes)[1].path, "events[extra-hold]");
  EXPECT_TRUE((*changes)[1].base.empty());
}

TEST(Settings, AListTheFileLeavesOutIsMadeByAppending) {
  const std::string base = "places:\n  - {id: gate, lanes: 1}\n";
  const auto applied = apply_settings(base, {{"risks", "{id: r, kind: hold}", SettingKind::Append},
                                             {"places", "{id: camp}", SettingKind::Append},
                                             {"places", "0", SettingKind::Remove}});
  ASSERT_TRUE(applied.text);
  EXPECT_EQ(*applied.text, "places:\n  - {id: camp}\nrisks:\n  - {id: r, kind: hold}\n");
}

// In a list of ids the item is the id: -=ID removes it; a number still selects by position.
TEST(Settings, AnIdRemovedFromAListOfIds) {
  const std::string base =
      "agreement:\n  operators: [icrc, sarc]\nphases:\n  - {id: p, categories: [a, b, c]}\n"
      "sizes: [3, 0, 5]\n";
  const auto applied = apply_settings(base, {{"agreement.operators", "icrc", SettingKind::Remove},
                                             {"phases[p].categories", "b", SettingKind::Remove},
                                             {"sizes", "0", SettingKind::Remove}});
  ASSERT_TRUE(applied.text) << keys(applied.errors).size();
  EXPECT_EQ(*applied.text,
            "agreement:\n  operators: [sarc]\nphases:\n  - {id: p, categories: [a, c]}\n"
            "sizes: [0, 5]\n");
  const auto missing =
      apply_settings(base, {{"agreement.operators", "red-cross", SettingKind::Remove}});
  EXPECT_FALSE(missing.text);
}

// A field of a mapping the file leaves out: the mapping is made with that field (an operation's
// own convoy rule, the agreement's for the others), as a file would have it.
TEST(Settings, AMappingTheFileLeavesOutIsMadeForItsField) {
  const std::string base = "operations:\n  - {id: a, route: r}\nagreement: {start: 1}\n";
  const auto applied = apply_settings(
      base, {{"operations[a].convoy.max_wait", "1 h"}, {"agreement.convoy.escort.type", "sarc"}});
  ASSERT_TRUE(applied.text) << keys(applied.errors).size();
  EXPECT_EQ(*applied.text,
            "operations:\n  - {id: a, route: r, convoy: {max_wait: 1 h}}\n"
            "agreement: {start: 1, convoy: {escort: {type: sarc}}}\n");
}

TEST(Settings, EveryBadSettingIsReported) {
  const std::string base =
      "places:\n  - {id: gate, lanes: 1}\nagreement: {start: 2030-01-01T00:00Z}\n";
  const auto applied = apply_settings(base, {{"places[wall].lanes", "2"},
                                             {"agreement.linkages[x].ratio", "3"},
                                             {"places.lanes", "2"},
                                             {"agreement[0]", "2"},
                                             {"places[gate]..lanes", "2"},
                                             {"places[gate].lanes", "[unclosed"},
                                             {"places[gate].lanes", ""},
                                             {"places", "wall", SettingKind::Remove},
                                             {"places[gate].lanes", "2", SettingKind::Append},
                                             {"agreement.phases", "gate", SettingKind::Remove},
                                             {"places", "", SettingKind::Remove}});
  EXPECT_FALSE(applied.text);
  EXPECT_EQ(
      keys(applied.errors),
      (std::vector<std::string>{"set.no-item", "set.no-field", "set.not-a-map", "set.not-a-list",
                                "set.bad-path", "set.bad-value", "set.bad-value", "set.no-item",
                                "set.not-a-list", "set.no-field", "set.bad-value"}));
  const Catalog c = model_catalog();
  EXPECT_EQ(c.render(applied.errors[0], Language::English),
            "places[wall].lanes: no list item 'places[wall]' (by id or position)");
  EXPECT_EQ(c.render(applied.errors[1], Language::English),
            "agreement.linkages[x].ratio: the scenario has no 'agreement.linkages'");
  EXPECT_EQ(c.render(applied.errors[7], Language::English),
            "places: no list item 'places[wall]' (by id or position)");
  EXPECT_EQ(c.render(applied.errors[8], Language::English),
            "places[gate].lanes: 'places[gate].lanes' is not a list");
}

}  // namespace
}  // namespace mamar::model
