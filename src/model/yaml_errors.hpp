// yaml-cpp's syntax errors in the catalog: the parser says what is wrong in English only, so that
// an Arabic diagnostic would carry an English reason. Each message of the scanner and parser
// (YAML::ErrorMsg) has a catalog entry, its English the library's own words.
#pragma once

#include <string>

#include "mamar/common/diagnostic.hpp"

namespace mamar::model::detail {

/// Adds the reasons (keys "yaml.reason.*") and the messages that carry them.
void add_yaml_reasons(Catalog& c);

/// The diagnostic for a yaml-cpp exception message: "yaml.syntax" with the reason from the
/// catalog where the library's text is known (a value after it, as in "unknown escape
/// character: q", kept as written), else the text as it is.
Message yaml_syntax_message(const std::string& what);

/// How many of the library's messages have an entry (for tests).
std::size_t yaml_reason_count();

}  // namespace mamar::model::detail
