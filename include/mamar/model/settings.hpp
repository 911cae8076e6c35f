// Fields set on the command line: a "what if" without a copy of the file.
//
// `mamar simulate FILE --what-if 'places[militia-checkpoint].lanes=2'` compares the scenario with
// itself with that field changed. A setting names a field as check's diagnostics and the
// comparison's list of changes do: keys joined by '.', a list item by its id or its position in
// brackets ("operations[aleppo].fleet[0].count"); the value is YAML ("2", "30 min", "[a, b]",
// "{exponential: 2 h}"). The field must exist, or its map must (a field the file leaves to its
// default is added).
//
// `PATH+=VALUE` appends VALUE as one more item of the list at PATH (a hold that did not happen:
// `events+={id: ..., kind: hold, ...}`); a list the file leaves out is made with that one item.
// `PATH-=ITEM` removes the item of the list at PATH named by its id or position (`events-=snow`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mamar/common/diagnostic.hpp"

namespace mamar::model {

enum class SettingKind { Set, Append, Remove };

struct FieldSetting {
  std::string path;
  std::string value;  ///< YAML; for Remove, the item's id or position
  SettingKind kind = SettingKind::Set;
};

/// "PATH=VALUE", "PATH+=VALUE" or "PATH-=ITEM", split at the first '='; std::nullopt when there
/// is none or the path is empty.
std::optional<FieldSetting> parse_setting(std::string_view text);

/// What is wrong with a setting's form, whatever the scenario: a path that is not keys joined by
/// '.' with items in brackets, or a value that is empty or not YAML. std::nullopt when sound.
std::optional<Message> malformed_setting(const FieldSetting& setting);

struct SettingsApplied {
  std::optional<std::string> text;  ///< the scenario with every setting applied, as YAML
  std::vector<Message> errors;      ///< one per setting that could not be applied
};

/// Applies the settings to a scenario text, in order. Every setting is tried; a text comes back
/// only when all applied.
SettingsApplied apply_settings(std::string_view yaml, const std::vector<FieldSetting>& settings);

}  // namespace mamar::model
