// The "check" use case: load and validate scenario files, and describe a valid scenario.
// Shared by the command line and the server. Functions are reentrant.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "mamar/common/diagnostic.hpp"
#include "mamar/model/load.hpp"

namespace mamar::app {

struct FileCheck {
  std::string file;
  model::LoadResult result;
};

/// Loads and validates each file; never throws on bad input.
std::vector<FileCheck> check_files(const std::vector<std::filesystem::path>& files);

/// A readable summary of a valid scenario: operations, people by category, vehicles, routes
/// with their length and checkpoints, phases, linkages, risks and scheduled events.
std::string format_summary(const model::Scenario& scenario, Language lang);

/// Diagnostics of all files as JSON (an array of objects with file, line, column, severity,
/// path, message, hint), in the given language.
std::string diagnostics_json(const std::vector<FileCheck>& checks, Language lang);

/// Every message this layer and the layers below it can print.
Catalog app_catalog();

/// The messages of the command line itself (part of app_catalog()).
Catalog command_line_catalog();

}  // namespace mamar::app
