// Internal: reads typed values out of yaml-cpp nodes, reporting every problem as a located
// diagnostic instead of throwing. One Reader per file; not thread-safe.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mamar/common/diagnostic.hpp"
#include "mamar/model/scenario.hpp"

namespace mamar::model::detail {

/// What a distribution's values are.
enum class ValueKind { Duration, Count };

class Reader {
 public:
  Reader(std::string file, Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  const std::string& file() const { return file_; }
  Diagnostics& diagnostics() { return diags_; }
  SourceRef source_ref(const YAML::Node& n) const;
  /// 1-based line and column of a parser mark; none for a null mark.
  static SourceRef source_ref(const YAML::Mark& m);
  /// Where `at` is, its column counted in characters (code points) of the text given to
  /// set_text(): the parser counts bytes, and an Arabic letter is two.
  SourceLocation location(SourceRef at) const;
  /// The text read, valid UTF-8 (kept as a view: it must outlive the reading).
  void set_text(std::string_view text);

  void error(SourceRef at, std::string path, Message m, std::optional<Message> hint = {});
  void warning(SourceRef at, std::string path, Message m, std::optional<Message> hint = {});

  // Each returns nothing (after reporting) when the node does not hold the expected value.
  std::optional<std::string> text(const YAML::Node& n, const std::string& path);
  std::optional<std::int64_t> integer(const YAML::Node& n, const std::string& path, std::int64_t lo,
                                      std::int64_t hi);
  std::optional<double> number(const YAML::Node& n, const std::string& path, double lo, double hi);
  std::optional<bool> boolean(const YAML::Node& n, const std::string& path);
  std::optional<double> share(const YAML::Node& n, const std::string& path);
  std::optional<Duration> duration(const YAML::Node& n, const std::string& path);
  std::optional<ZonedInstant> instant(const YAML::Node& n, const std::string& path);
  std::optional<int> clock_time(const YAML::Node& n, const std::string& path);
  std::optional<double> length(const YAML::Node& n, const std::string& path);
  std::optional<std::string> id(const YAML::Node& n, const std::string& path);
  std::optional<LocalizedName> name(const YAML::Node& n, const std::string& path);
  std::optional<Distribution> distribution(const YAML::Node& n, const std::string& path,
                                           ValueKind kind);
  std::optional<Ref> ref(const YAML::Node& n, const std::string& path);
  /// A list of references; a single scalar is not accepted.
  std::vector<Ref> ref_list(const YAML::Node& n, const std::string& path);
  /// One of `choices`; reports the nearest choice otherwise.
  std::optional<std::string> choice(const YAML::Node& n, const std::string& path,
                                    const std::vector<std::string>& choices);

  /// "a list", "a mapping", "text 'abc'" — what a node holds, for messages.
  static std::string describe(const YAML::Node& n);
  /// True for a sequence; reports otherwise.
  bool expect_sequence(const YAML::Node& n, const std::string& path);
  /// True for a scalar; reports otherwise with what was expected.
  bool expect_scalar(const YAML::Node& n, const std::string& path, std::string_view what_term);

 private:
  std::optional<double> value(const YAML::Node& n, const std::string& path, ValueKind kind);
  std::string file_;
  Diagnostics& diags_;
  std::string_view text_;
  std::vector<std::size_t> line_starts_;  // byte offset of each line of text_
};

/// One YAML mapping being read: remembers which keys were asked for, so finish() can report
/// every key nobody asked for (a typo, with the nearest known key) and every duplicate.
class MapView {
 public:
  MapView(Reader& r, const YAML::Node& node, std::string path);

  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  std::string child(std::string_view key) const;
  SourceRef at() const { return at_; }

  /// The value of `key` (an undefined node when absent or null); marks the key as known, and
  /// reports a key written without a value.
  YAML::Node get(std::string_view key);
  /// Like get(), and reports a missing or empty key.
  YAML::Node require(std::string_view key);
  bool has(std::string_view key) const;
  /// Reports `key` if present: it does not apply here (`why` says why).
  void reject(std::string_view key, const Message& why);
  /// Reports unknown and duplicate keys.
  void finish();

 private:
  YAML::Node lookup(std::string_view key, bool required);

  Reader& reader_;
  YAML::Node node_;
  std::string path_;
  SourceRef at_;
  bool valid_ = false;
  std::vector<std::string> known_;
};

/// A Message with arguments; `term(x)` marks an argument as a catalog term.
inline Message msg(std::string key, std::vector<std::pair<std::string, std::string>> args = {}) {
  return Message{std::move(key), std::move(args)};
}
inline std::string term(std::string_view key) {
  return "@term." + std::string(key);
}
std::string index_path(const std::string& path, std::size_t i);

}  // namespace mamar::model::detail
