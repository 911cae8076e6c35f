#include "mamar/model/settings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <exception>

namespace mamar::model {
namespace {

struct Step {
  std::string key;                      // a map key; empty for a bracket
  std::optional<std::string> selector;  // [id] or [index]
};

// "a.b[x][0].c" as a.b, [x], [0], c; std::nullopt when malformed.
std::optional<std::vector<Step>> steps_of(std::string_view path) {
  std::vector<Step> out;
  std::size_t i = 0;
  while (i < path.size()) {
    const std::size_t end = path.find_first_of(".[", i);
    const std::string_view key = path.substr(i, end == std::string_view::npos ? end : end - i);
    if (key.empty()) return std::nullopt;
    out.push_back({std::string(key), std::nullopt});
    i = end == std::string_view::npos ? path.size() : end;
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return std::nullopt;
      out.push_back({"", std::string(path.substr(i + 1, close - i - 1))});
      i = close + 1;
    }
    if (i < path.size()) {
      if (path[i] != '.' || i + 1 == path.size()) return std::nullopt;
      ++i;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

bool is_index(const std::string& s) {
  return !s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// The position of the list item a selector names: its id, else its position.
std::optional<std::size_t> item_of(const YAML::Node& list, const std::string& selector) {
  for (std::size_t k = 0; k < list.size(); ++k) {
    const YAML::Node item = list[k];
    if (item.IsMap() && item["id"].IsDefined() && item["id"].IsScalar() &&
        item["id"].Scalar() == selector)
      return k;
    // A list of ids (a phase's categories, the shelters): the item is the id. Ids start with a
    // letter, so a number selects by position.
    if (item.IsScalar() && item.Scalar() == selector && !is_index(selector)) return k;
  }
  if (is_index(selector)) {
    const auto k = static_cast<std::size_t>(std::stoul(selector));
    if (k < list.size()) return k;
  }
  return std::nullopt;
}

Message message(std::string key, const FieldSetting& s, std::string at = {}) {
  Message m{std::move(key), {{"path", s.path}, {"value", s.value}}};
  if (!at.empty()) m.args.emplace_back("at", std::move(at));
  return m;
}

// A list without the item at position k.
YAML::Node without(const YAML::Node& list, std::size_t k) {
  YAML::Node kept(YAML::NodeType::Sequence);
  kept.SetStyle(list.Style());  // a list written [a, b] stays so
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i != k) kept.push_back(list[i]);
  }
  return kept;
}

// The value of a setting as YAML (undefined for Remove, whose value is an item's id or position);
// std::nullopt when it is not YAML.
std::optional<YAML::Node> value_of(const FieldSetting& s) {
  if (s.kind == SettingKind::Remove) return YAML::Node();
  try {
    return YAML::Load(s.value);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A copy of a tree in which no two places share a node: an anchored node and its aliases each
// get their own, so that setting a field changes that field alone (assigning to a node that
// aliases share would change every one of them).
YAML::Node detached(const YAML::Node& n) {
  YAML::Node out;
  switch (n.Type()) {
    case YAML::NodeType::Map:
      out = YAML::Node(YAML::NodeType::Map);
      for (const auto& kv : n) out.force_insert(detached(kv.first), detached(kv.second));
      break;
    case YAML::NodeType::Sequence:
      out = YAML::Node(YAML::NodeType::Sequence);
      for (const auto& item : n) out.push_back(detached(item));
      break;
    case YAML::NodeType::Scalar:
      out = YAML::Node(n.Scalar());
      break;
    case YAML::NodeType::Null:
      out = YAML::Node(YAML::NodeType::Null);
      break;
    case YAML::NodeType::Undefined:
      return out;
  }
  out.SetTag(n.Tag());
  out.SetStyle(n.Style());
  return out;
}

// Applies one setting; an error message when it cannot. The walk stops at the field a Set sets
// (or adds) and goes on to the list itself for Append and Remove.
std::optional<Message> apply(const YAML::Node& root, const FieldSetting& s) {
  if (auto problem = malformed_setting(s)) return problem;
  const auto steps = steps_of(s.path);
  const YAML::Node value = *value_of(s);
  YAML::Node node = root;
  std::string walked;
  for (std::size_t k = 0; k < steps->size(); ++k) {
    const Step& step = (*steps)[k];
    const bool last = k + 1 == steps->size();
    if (step.selector) {
      walked += "[" + *step.selector + "]";
      if (!node.IsSequence()) return message("set.not-a-list", s, walked);
      const auto at = item_of(node, *step.selector);
      if (!at) return message("set.no-item", s, walked);
      if (last && s.kind == SettingKind::Set) {
        node[*at] = value;
        return std::nullopt;
      }
      node.reset(node[*at]);
    } else {
      walked += (walked.empty() ? "" : ".") + step.key;
      if (!node.IsMap()) return message("set.not-a-map", s, walked);
      const YAML::Node& view = node;  // a look-up that adds nothing
      const bool present = view[step.key].IsDefined() && !view[step.key].IsNull();
      if (last && s.kind == SettingKind::Set) {
        // null takes the field out (the file written without it: its default); any other
        // value is added when the file leaves the field to its default.
        if (value.IsNull()) {
          node.remove(step.key);
        } else {
          node[step.key] = value;
        }
        return std::nullopt;
      }
      if (last && s.kind == SettingKind::Append && !present) {
        YAML::Node list(YAML::NodeType::Sequence);  // a list the file leaves out: made
        list.push_back(value);
        node[step.key] = list;
        return std::nullopt;
      }
      // A mapping the file leaves out, on the way to a field of it: made, as the file would
      // have it with that one field ('operations[a].convoy.max_wait=1 h' gives the operation
      // a convoy of its own with that rule, the agreement's for the others).
      if (!present && s.kind != SettingKind::Remove && !(*steps)[k + 1].selector) {
        node[step.key] = YAML::Node(YAML::NodeType::Map);
      } else if (!view[step.key].IsDefined()) {
        return message("set.no-field", s, walked);
      }
      node.reset(node[step.key]);
    }
  }
  // Append or Remove: `node` is the list at the path.
  if (!node.IsSequence()) return message("set.not-a-list", s, walked);
  if (s.kind == SettingKind::Append) {
    node.push_back(value);
    return std::nullopt;
  }
  const auto at = item_of(node, s.value);
  if (!at) return message("set.no-item", s, walked + "[" + s.value + "]");
  node = without(node, *at);  // the list in the tree takes the shorter one's items
  return std::nullopt;
}

}  // namespace

std::optional<Message> malformed_setting(const FieldSetting& s) {
  if (!steps_of(s.path)) return message("set.bad-path", s);
  const auto value = value_of(s);
  if (s.value.empty() || !value || (s.kind != SettingKind::Remove && !value->IsDefined()))
    return message("set.bad-value", s);
  return std::nullopt;
}

std::optional<FieldSetting> parse_setting(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  // A path ends with a key or ']', never with '+' or '-': "+=" and "-=" are unambiguous.
  SettingKind kind = SettingKind::Set;
  std::size_t end = eq;
  if (eq > 0 && (text[eq - 1] == '+' || text[eq - 1] == '-')) {
    kind = text[eq - 1] == '+' ? SettingKind::Append : SettingKind::Remove;
    end = eq - 1;
  }
  if (end == 0) return std::nullopt;
  return FieldSetting{std::string(text.substr(0, end)), std::string(text.substr(eq + 1)), kind};
}

SettingsApplied apply_settings(std::string_view yaml, const std::vector<FieldSetting>& settings) {
  SettingsApplied out;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const std::exception&) {
    out.errors.push_back(Message{"set.file-not-yaml", {}});
    return out;
  }
  if (!root.IsMap()) {
    out.errors.push_back(Message{"set.file-not-yaml", {}});
    return out;
  }
  root = detached(root);
  for (const auto& s : settings) {
    if (auto error = apply(root, s)) out.errors.push_back(std::move(*error));
  }
  if (!out.errors.empty()) return out;
  YAML::Emitter e;
  e << root;
  out.text = std::string(e.c_str()) + "\n";
  return out;
}

}  // namespace mamar::model
