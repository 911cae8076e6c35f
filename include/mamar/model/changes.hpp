// What a "what if" variant changes: the fields whose values differ between two scenario files.
//
// A variant for `mamar simulate --compare` is a copy of a scenario with what is in question
// changed (a lane, a fleet, a probability). The comparison's table, report and JSON say which
// fields those are, so that a reader sees "12 ambulances instead of 6" and not only two names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamar::model {

/// A field whose value differs between two scenario texts. `path` names it as check's
/// diagnostics do, with a list item's id in place of its index where the items have ids
/// ("operations[town-a].fleet[0].count"); `base` and `variant` are the values as written (a map
/// or list in flow style, shortened), empty where the field is absent.
struct FieldChange {
  std::string path;
  std::string base;
  std::string variant;
};

/// The fields that differ between two scenario texts, in the order of the base's document
/// (fields only in the variant after those of their map or list). Names and descriptions (`name`,
/// `description`, the `scenario` section) are labels, not model: left out. std::nullopt when
/// either text is not YAML.
std::optional<std::vector<FieldChange>> scenario_changes(std::string_view base_yaml,
                                                         std::string_view variant_yaml);

/// Paths of fields of a scenario text as check's diagnostics give them ("places[2].lanes"), with
/// each list item that has an id named by it instead of its position ("places[gate].lanes"), as a
/// setting and the list of changes name them. A step the text does not have, and what follows
/// it, is kept as given; so is every path when the text is not YAML.
std::vector<std::string> paths_by_id(std::string_view yaml, const std::vector<std::string>& paths);

}  // namespace mamar::model
