// Fuzzes the whole scenario loader: bytes in, diagnostics out, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mamar/model/load.hpp"

// The entry point libFuzzer calls, named as it requires.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = mamar::model::load_scenario_text(text, "fuzz.yaml");
  // Rendering every diagnostic exercises the catalog with hostile arguments too.
  const auto catalog = mamar::model::model_catalog();
  for (const auto& d : result.diagnostics.items()) {
    (void)mamar::format_diagnostic(d, catalog, mamar::Language::English);
    (void)mamar::format_diagnostic(d, catalog, mamar::Language::Arabic);
  }
  return 0;
}
