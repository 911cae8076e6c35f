#include "mamar/common/text.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mamar
