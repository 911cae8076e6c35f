// Loading a scenario: read, parse, validate, and report every problem found.
//
// load_scenario_file() never throws and never crashes on bad input (empty, binary, huge, deeply
// nested, wrong types): every problem becomes a Diagnostic with file, line, column and field
// path. Functions are reentrant; each call owns its state.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "mamar/common/diagnostic.hpp"
#include "mamar/model/scenario.hpp"

namespace mamar::model {

struct LoadOptions {
  std::size_t max_bytes = 16u << 20;  ///< larger files are refused
  /// Replaces the file's `simulation.horizon` (the command line's `--horizon`), before the
  /// checks that use it: a run must end within the year 9999, vehicles and phases come before
  /// it ends.
  std::optional<Duration> horizon;
};

struct LoadResult {
  /// Present when there are no errors (warnings allowed).
  std::optional<Scenario> scenario;
  Diagnostics diagnostics;
};

/// Loads and validates the scenario in `path`.
LoadResult load_scenario_file(const std::filesystem::path& path, const LoadOptions& options = {});

/// Loads and validates scenario text; `file_name` is used in diagnostics.
LoadResult load_scenario_text(std::string_view text, std::string file_name,
                              const LoadOptions& options = {});

/// The messages of this layer (and the common words), in English and Arabic.
Catalog model_catalog();

}  // namespace mamar::model
