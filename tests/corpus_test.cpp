// The declarative corpora.
//
// tests/bad/*.yaml: each file is a scenario that must fail `check`. Its comment lines
//   # expect: LINE:COL: error: PATH: MESSAGE
// list every diagnostic it must produce (English), exactly; nothing else may be reported.
// A line "#   hint: TEXT" right after an expectation requires that hint too.
// Adding a case means adding a file.
//
// scenarios/**/*.yaml: every shipped scenario loads with no error and no warning other than
// the ones listed in its own "# expect: ... warning: ..." lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "mamar/app/check.hpp"

namespace mamar {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  std::string line;
  std::string hint;
};

std::vector<Expectation> read_expectations(const fs::path& file) {
  std::ifstream in(file);
  std::vector<Expectation> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# expect: ", 0) == 0) out.push_back({line.substr(10), ""});
    if (line.rfind("#   hint: ", 0) == 0 && !out.empty()) out.back().hint = line.substr(10);
  }
  return out;
}

std::vector<fs::path> files_in(const fs::path& dir, bool recursive) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  auto add = [&](const fs::directory_entry& e) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path());
  };
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) add(e);
  } else {
    for (const auto& e : fs::directory_iterator(dir)) add(e);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "LINE:COL: severity: path: message" as the CLI prints it, without the file name
// ("severity: path: message" for a diagnostic about the whole file).
std::string render(const Diagnostic& d, const Catalog& catalog) {
  Diagnostic copy = d;
  copy.where.file.clear();
  copy.hint.reset();
  std::string s = format_diagnostic(copy, catalog, Language::English);
  if (s.rfind(": ", 0) == 0) return s.substr(2);  // no line: "error: ..."
  return s.rfind(':', 0) == 0 ? s.substr(1) : s;
}

void check_file(const fs::path& file, bool must_fail) {
  const Catalog catalog = app::app_catalog();
  auto result = model::load_scenario_file(file);
  auto expected = read_expectations(file);
  std::multiset<std::string> actual;
  for (const auto& d : result.diagnostics.items()) actual.insert(render(d, catalog));
  if (must_fail) {
    EXPECT_TRUE(result.diagnostics.has_errors()) << file << " must fail";
    EXPECT_FALSE(expected.empty()) << file << " lists no '# expect:' line";
  } else {
    // A shipped scenario loads: its expected diagnostics may be warnings, never an error.
    EXPECT_FALSE(result.diagnostics.has_errors()) << file << " must load";
    EXPECT_TRUE(result.scenario.has_value()) << file << " must load";
  }
  for (const auto& e : expected) {
    auto it = actual.find(e.line);
    EXPECT_NE(it, actual.end()) << file << ": missing diagnostic\n  " << e.line;
    if (it != actual.end()) actual.erase(it);
    if (!e.hint.empty()) {
      bool found = false;
      for (const auto& d : result.diagnostics.items()) {
        if (render(d, catalog) == e.line && d.hint &&
            catalog.render(*d.hint, Language::English) == e.hint)
          found = true;
      }
      EXPECT_TRUE(found) << file << ": missing hint '" << e.hint << "' for\n  " << e.line;
    }
  }
  for (const auto& extra : actual) ADD_FAILURE() << file << ": unexpected diagnostic\n  " << extra;
}

// A test's name: the file's stem with anything but letters and digits replaced by '_'.
std::string test_name(const ::testing::TestParamInfo<fs::path>& info) {
  std::string n = info.param.stem().string();
  std::replace_if(
      n.begin(), n.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return n;
}

class BadScenario : public ::testing::TestWithParam<fs::path> {};
TEST_P(BadScenario, ReportsExactlyTheExpectedDiagnostics) {
  check_file(GetParam(), true);
}
INSTANTIATE_TEST_SUITE_P(Corpus, BadScenario,
                         ::testing::ValuesIn(files_in(fs::path(MAMAR_SOURCE_DIR) / "tests/bad",
                                                      false)),
                         test_name);

class ShippedScenario : public ::testing::TestWithParam<fs::path> {};
TEST_P(ShippedScenario, LoadsWithoutUnexpectedDiagnostics) {
  check_file(GetParam(), false);
}
INSTANTIATE_TEST_SUITE_P(Shipped, ShippedScenario,
                         ::testing::ValuesIn(files_in(fs::path(MAMAR_SOURCE_DIR) / "scenarios",
                                                      true)),
                         test_name);

TEST(BadCorpus, HasAtLeastThirtyCases) {
  EXPECT_GE(files_in(fs::path(MAMAR_SOURCE_DIR) / "tests/bad", false).size(), 30u);
}

}  // namespace
}  // namespace mamar
