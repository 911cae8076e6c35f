#include "mamar/common/text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "mamar/common/diagnostic.hpp"

namespace mamar {
namespace {

TEST(Nearest, FindsLikelyTypos) {
  std::vector<std::string> ids = {"fighters", "civilians", "wounded"};
  EXPECT_EQ(nearest("figters", ids), "fighters");
  EXPECT_EQ(nearest("wounde", ids), "wounded");
  EXPECT_FALSE(nearest("buses", ids));
}

TEST(LocalizedName, FallsBackToOtherLanguageThenId) {
  LocalizedName n{"جسر", ""};
  EXPECT_EQ(n.in(Language::English, "id"), "جسر");
  EXPECT_EQ(LocalizedName{}.in(Language::Arabic, "id"), "id");
}

TEST(Catalog, RendersArgumentsAndTermsInEitherLanguage) {
  Catalog c;
  c.add("term.place", "place", "مكان");
  c.add("ref.unknown", "unknown {kind} '{id}'", "{kind} غير معروف '{id}'");
  Message m{"ref.unknown", {{"kind", "@term.place"}, {"id", "x"}}};
  EXPECT_EQ(c.render(m, Language::English), "unknown place 'x'");
  EXPECT_EQ(c.render(m, Language::Arabic), "مكان غير معروف 'x'");
  EXPECT_EQ(c.render({"no.such", {{"a", "b"}}}, Language::English), "no.such a=b");
}

// Columns on a terminal: Arabic short vowels and shadda, and direction marks, take none.
TEST(TerminalWidth, CountsTheColumnsATerminalShows) {
  EXPECT_EQ(terminal_width("mamar"), 5u);
  EXPECT_EQ(terminal_width("ممر"), 3u);
  EXPECT_EQ(terminal_width("كُتب"), 3u);              // with a damma
  EXPECT_EQ(terminal_width("\u2068P10\u2069"), 3u);  // isolated
  EXPECT_EQ(terminal_width(""), 0u);
}

TEST(WrapWords, BreaksAtSpacesByColumns) {
  EXPECT_EQ(wrap_words("one two three four", 9),
            (std::vector<std::string>{"one two", "three", "four"}));
  // A word longer than the width is a line of its own; Arabic counted in columns, not bytes.
  EXPECT_EQ(wrap_words("a verylongword b", 4),
            (std::vector<std::string>{"a", "verylongword", "b"}));
  EXPECT_EQ(wrap_words("كُتب كُتب كُتب", 7), (std::vector<std::string>{"كُتب كُتب", "كُتب"}));
  EXPECT_EQ(wrap_words("", 10), (std::vector<std::string>{""}));
}

TEST(Grouped, ThousandsSeparatedDecimalsKept) {
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(35039), "35,039");
  EXPECT_EQ(grouped(1234567.25, 1), "1,234,567.2");  // round half to even in binary
  EXPECT_EQ(grouped(-1500), "-1,500");
  EXPECT_EQ(grouped(-0.2), "0");  // no "-0"
  EXPECT_EQ(grouped(std::nan("")), "—");
}

TEST(PluralCategory, CldrRulesOfEnglishAndArabic) {
  using enum PluralCategory;
  EXPECT_EQ(plural_category("1", Language::English), One);
  for (const char* n : {"0", "2", "11", "1,000", "1.0", "0.5", "-2", "", "—"})
    EXPECT_EQ(plural_category(n, Language::English), Other) << n;
  EXPECT_EQ(plural_category("-1", Language::English), One);
  const std::pair<const char*, PluralCategory> arabic[] = {
      {"0", Zero},      {"1", One},        {"2", Two},
      {"3", Few},       {"10", Few},       {"11", Many},
      {"99", Many},     {"100", Other},    {"101", Other},
      {"102", Other},   {"103", Few},      {"110", Few},
      {"111", Many},    {"1,000", Other},  {"10,000", Other},
      {"35,039", Many}, {"20,000", Other}, {"1,005", Few},
      {"26.5", Other},  {"1.0", Other},    {"not a number", Other}};
  for (const auto& [n, want] : arabic) EXPECT_EQ(plural_category(n, Language::Arabic), want) << n;
  EXPECT_EQ(parse_plural_category("few"), Few);
  EXPECT_EQ(parse_plural_category("several"), std::nullopt);
}

TEST(Catalog, ChoosesThePluralFormOfACount) {
  Catalog c;
  c.add("run", "{n:one=# replication|other=# replications}, seed {seed}",
        "{n:zero=لا تكرارات|one=تكرار واحد|two=تكراران|few=# تكرارات|many=# تكراراً|other=# تكرار}"
        "، البذرة {seed}");
  const auto en = [&](const char* n) {
    return c.render({"run", {{"n", n}, {"seed", "7"}}}, Language::English);
  };
  const auto ar = [&](const char* n) {
    return c.render({"run", {{"n", n}, {"seed", "7"}}}, Language::Arabic);
  };
  EXPECT_EQ(en("1"), "1 replication, seed 7");
  EXPECT_EQ(en("1,000"), "1,000 replications, seed 7");
  EXPECT_EQ(ar("0"), "لا تكرارات، البذرة 7");
  EXPECT_EQ(ar("1"), "تكرار واحد، البذرة 7");
  EXPECT_EQ(ar("2"), "تكراران، البذرة 7");
  EXPECT_EQ(ar("5"), "5 تكرارات، البذرة 7");
  EXPECT_EQ(ar("40"), "40 تكراراً، البذرة 7");
  EXPECT_EQ(ar("1,000"), "1,000 تكرار، البذرة 7");
  // A category without its own form takes other's; two choices on one argument agree.
  c.add("people", "{n:one=# person|other=# people} {n:one=is|other=are} left",
        "{n:other=# شخص} {n:one=بقي|other=بقوا}");
  EXPECT_EQ(c.render({"people", {{"n", "1"}}}, Language::English), "1 person is left");
  EXPECT_EQ(c.render({"people", {{"n", "3"}}}, Language::English), "3 people are left");
  EXPECT_EQ(c.render({"people", {{"n", "1"}}}, Language::Arabic), "1 شخص بقي");
  // Braces that are not a choice of an argument stay as they are.
  c.add("hint", "normal: {mean: 20 min, sd: 5 min}", "");
  EXPECT_EQ(c.render({"hint", {}}, Language::English), "normal: {mean: 20 min, sd: 5 min}");
  EXPECT_TRUE(c.plural_problems().empty());
}

TEST(Catalog, ReportsMalformedPluralChoices) {
  Catalog c;
  c.add("a", "{n:one=# thing}", "{n:other=#}");
  c.add("b", "{n:one=#|several=#|other=#}", "{n:other=# '{id}'}");
  c.add("c", "{n:one=#|other}", "{n:other=#}");
  const auto problems = c.plural_problems();
  ASSERT_EQ(problems.size(), 4u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "a (en): plural choice of 'n' without other");
  EXPECT_EQ(problems[1], "b (en): unknown plural category 'several'");
  EXPECT_EQ(problems[2], "b (ar): a plural form holds a placeholder");
  EXPECT_EQ(problems[3], "c (en): a plural form without its category");
}

}  // namespace
}  // namespace mamar
