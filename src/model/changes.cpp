#include "mamar/model/changes.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mamar::model {
namespace {

// Long enough for an event or a risk added whole (an 80-byte cut hid when a suspension ended).
constexpr std::size_t kMaxValueLength = 400;

// Labels and sources, not model: their changes say nothing about what the variant asks.
bool is_label(const std::string& key) {
  return key == "name" || key == "description" || key == "source";
}

// Readies a copy of a map or list for display: flow style on it and everything in it (the
// emitter keeps a node's own style, block for most of a scenario, over a Flow manipulator), and
// without labels (an added item shows what it does, not its names).
void for_display(YAML::Node n) {
  if (!n.IsMap() && !n.IsSequence()) return;
  n.SetStyle(YAML::EmitterStyle::Flow);
  if (n.IsMap()) {
    std::vector<std::string> labels;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (it->first.IsScalar() && is_label(it->first.Scalar()))
        labels.push_back(it->first.Scalar());
    }
    for (const auto& key : labels) n.remove(key);
  }
  for (auto it = n.begin(); it != n.end(); ++it) for_display(n.IsMap() ? it->second : *it);
}

// At most kMaxValueLength bytes, cut with "…" (not inside a UTF-8 sequence: names in Arabic).
std::string shortened(std::string out) {
  if (out.size() <= kMaxValueLength) return out;
  std::size_t cut = kMaxValueLength - 1;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "…";
}

// A value as written: a scalar as it stands, a map or list in flow style on one line, shortened.
std::string text_of(const YAML::Node& n) {
  std::string out;
  if (!n.IsDefined() || n.IsNull()) return "null";
  if (n.IsScalar()) {
    out = n.Scalar();
  } else {
    YAML::Node copy = YAML::Clone(n);
    for_display(copy);
    YAML::Emitter e;
    e << copy;
    out = e.c_str();
  }
  return shortened(std::move(out));
}

// Ids in order, "a, b, c", shortened as values are.
std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return shortened(std::move(out));
}

// The id of a list item, if it is a map with a scalar `id`.
std::optional<std::string> id_of(const YAML::Node& n) {
  if (!n.IsMap()) return std::nullopt;
  const YAML::Node id = n["id"];
  if (!id.IsDefined() || !id.IsScalar()) return std::nullopt;
  return id.Scalar();
}

bool all_have_ids(const YAML::Node& list) {
  for (const auto& item : list) {
    if (!id_of(item)) return false;
  }
  return true;
}

class Differ {
 public:
  explicit Differ(std::vector<FieldChange>& out) : out_(out) {}

  void compare(const YAML::Node& a, const YAML::Node& b, const std::string& path) {
    if (a.IsMap() && b.IsMap()) {
      maps(a, b, path);
    } else if (a.IsSequence() && b.IsSequence()) {
      lists(a, b, path);
    } else if (text_of(a) != text_of(b) || a.Type() != b.Type()) {
      out_.push_back({path, text_of(a), text_of(b)});
    }
  }

 private:
  static std::string child(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  // path[item], the item an id or a position.
  static std::string indexed(const std::string& path, const std::string& which) {
    std::string out = path;
    out += '[';
    out += which;
    out += ']';
    return out;
  }

  void maps(const YAML::Node& a, const YAML::Node& b, const std::string& path) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (is_label(key) || (path.empty() && key == "scenario")) continue;
      const YAML::Node other = b[key];
      if (other.IsDefined()) {
        compare(it->second, other, child(path, key));
      } else {
        out_.push_back({child(path, key), text_of(it->second), ""});
      }
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (is_label(key) || (path.empty() && key == "scenario")) continue;
      if (!a[key].IsDefined()) out_.push_back({child(path, key), "", text_of(it->second)});
    }
  }

  void lists(const YAML::Node& a, const YAML::Node& b, const std::string& path) {
    if (a.size() > 0 && b.size() > 0 && all_have_ids(a) && all_have_ids(b)) {
      // Items matched by id, wherever they stand.
      auto find = [](const YAML::Node& list, const std::string& id) -> std::optional<YAML::Node> {
        for (const auto& item : list) {
          if (id_of(item) == id) return item;
        }
        return std::nullopt;
      };
      for (const auto& item : a) {
        const std::string id = *id_of(item);
        const std::string at = indexed(path, id);
        if (auto other = find(b, id)) {
          compare(item, *other, at);
        } else {
          out_.push_back({at, text_of(item), ""});
        }
      }
      for (const auto& item : b) {
        const std::string id = *id_of(item);
        if (!find(a, id)) out_.push_back({indexed(path, id), "", text_of(item)});
      }
      // Their order counts too (a phase's default order is its place in the list; operations
      // and events at one instant are handled in list order): the ids both have, in each order.
      auto common_order = [&](const YAML::Node& list, const YAML::Node& other) {
        std::vector<std::string> ids;
        for (const auto& item : list) {
          if (find(other, *id_of(item))) ids.push_back(*id_of(item));
        }
        return ids;
      };
      const std::vector<std::string> in_a = common_order(a, b);
      const std::vector<std::string> in_b = common_order(b, a);
      if (in_a != in_b) out_.push_back({path + " (order)", joined(in_a), joined(in_b)});
      return;
    }
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) compare(a[i], b[i], indexed(path, std::to_string(i)));
    for (std::size_t i = common; i < a.size(); ++i)
      out_.push_back({indexed(path, std::to_string(i)), text_of(a[i]), ""});
    for (std::size_t i = common; i < b.size(); ++i)
      out_.push_back({indexed(path, std::to_string(i)), "", text_of(b[i])});
  }

  std::vector<FieldChange>& out_;
};

}  // namespace

std::vector<std::string> paths_by_id(std::string_view yaml, const std::vector<std::string>& paths) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const std::exception&) {
    return paths;
  }
  std::vector<std::string> out;
  out.reserve(paths.size());
  for (const std::string& path : paths) {
    std::string named;
    YAML::Node node;
    node.reset(root);
    bool known = true;  // `node` is the field the path has named so far
    std::size_t i = 0;
    while (i < path.size()) {
      if (path[i] == '[') {
        const std::size_t close = path.find(']', i);
        if (close == std::string::npos) {
          named += path.substr(i);
          break;
        }
        const std::string which = path.substr(i + 1, close - i - 1);
        std::optional<std::string> id;
        const bool index =
            !which.empty() && which.size() < 10 &&
            std::all_of(which.begin(), which.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (known && index && node.IsSequence() && std::stoul(which) < node.size()) {
          const YAML::Node& list = node;
          const YAML::Node item = list[std::stoul(which)];
          id = id_of(item);
          node.reset(item);
        } else {
          known = false;
        }
        named += '[' + id.value_or(which) + ']';
        i = close + 1;
        continue;
      }
      if (path[i] == '.') {
        named += '.';
        ++i;
      }
      const std::size_t end = std::min(path.find_first_of(".[", i), path.size());
      const std::string key = path.substr(i, end - i);
      named += key;
      if (known && node.IsMap()) {
        const YAML::Node& map = node;  // a look-up that adds nothing
        const YAML::Node child = map[key];
        known = child.IsDefined();
        if (known) node.reset(child);
      } else {
        known = false;
      }
      i = end;
    }
    out.push_back(std::move(named));
  }
  return out;
}

std::optional<std::vector<FieldChange>> scenario_changes(std::string_view base_yaml,
                                                         std::string_view variant_yaml) {
  YAML::Node base;
  YAML::Node variant;
  try {
    base = YAML::Load(std::string(base_yaml));
    variant = YAML::Load(std::string(variant_yaml));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::vector<FieldChange> out;
  Differ(out).compare(base, variant, "");
  return out;
}

}  // namespace mamar::model
