// Internal: structural reading (parse.cpp) and semantic validation (validate.cpp).
#pragma once

#include "mamar/model/scenario.hpp"
#include "yaml_reader.hpp"

namespace mamar::model::detail {

/// Reads every field, reporting type, unit and unknown-field errors; refs are left unresolved.
Scenario parse_structure(Reader& reader, const YAML::Node& root);

/// Resolves references and checks the rules that span fields (see docs/scenario-format.md).
void validate(Reader& reader, Scenario& scenario);

}  // namespace mamar::model::detail
