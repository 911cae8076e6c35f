#include "mamar/model/load.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <optional>

#include "parse.hpp"
#include "yaml_errors.hpp"

namespace mamar::model {
namespace {

using detail::msg;

// The first position of a byte sequence that is not UTF-8, as (line, column), or nothing.
std::optional<std::pair<std::uint32_t, std::uint32_t>> first_invalid_utf8(std::string_view s) {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return std::make_pair(line, column);
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return std::make_pair(line, column);
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return std::nullopt;
}

// (line, column) of byte `offset`, columns counted in characters as elsewhere.
std::pair<std::uint32_t, std::uint32_t> position_of(std::string_view s, std::size_t offset) {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(s[i]) >> 6) != 0x2) {
      ++column;
    }
  }
  return {line, column};
}

// Where the nesting of flow and block structure first exceeds `max`, measured without recursion
// so that a hostile file cannot exhaust the stack of the YAML parser (which recurses per level).
// Brackets in comments do not count: "# see [1" must not make a long file "too deep".
std::optional<std::size_t> too_deep_at(std::string_view s, std::size_t max) {
  std::size_t depth = 0;
  std::size_t indent = 0;
  bool line_start = true;
  bool comment = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') {
      line_start = true;
      comment = false;
      indent = 0;
      continue;
    }
    if (comment) continue;
    if (line_start) {
      if (c == ' ' || c == '-') {
        if (++indent / 2 > max) return i;
        continue;
      }
      line_start = false;
    }
    if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n')) {
      comment = true;
      continue;
    }
    if ((c == '[' || c == '{') && ++depth > max) return i;
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return std::nullopt;
}

// The innermost '[' or '{' still open at (line, column) that was opened on an earlier line, as
// (line, bracket): a flow collection left unclosed makes the parser fail lines later.
std::optional<std::pair<std::uint32_t, char>> unclosed_before(std::string_view s,
                                                              std::uint32_t line,
                                                              std::uint32_t column) {
  std::vector<std::pair<std::uint32_t, char>> open;
  std::uint32_t l = 1;
  std::uint32_t c = 1;
  bool comment = false;
  for (std::size_t i = 0; i < s.size() && (l < line || (l == line && c < column)); ++i) {
    const char ch = s[i];
    if (ch == '\n') {
      ++l;
      c = 1;
      comment = false;
      continue;
    }
    if ((static_cast<unsigned char>(ch) >> 6) != 0x2) ++c;
    if (comment) continue;
    if (ch == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n'))
      comment = true;
    if (ch == '[' || ch == '{') open.emplace_back(l, ch);
    if ((ch == ']' || ch == '}') && !open.empty()) open.pop_back();
  }
  if (open.empty() || open.back().first >= line) return std::nullopt;
  return open.back();
}

// True when a line is indented with a tab, which YAML forbids (the parser's message does not say).
bool tab_indented(std::string_view s) {
  bool line_start = true;
  for (char c : s) {
    if (c == '\n') {
      line_start = true;
    } else if (line_start && c == '\t') {
      return true;
    } else if (c != ' ') {
      line_start = false;
    }
  }
  return false;
}

constexpr std::size_t kMaxDepth = 200;

// Where each document of a YAML stream starts, found with yaml-cpp's event parser instead of
// YAML::LoadAll. LoadAll loops forever, allocating as it goes, when a token that no rule consumes
// stands where a document's root belongs (a tag or an anchor followed by ',', as in "!t ,"; found
// by fuzzing): every pass returns another empty document at the same place. A document that
// starts where the one before it started has consumed nothing, so the walk stops there.
class DocumentStarts final : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> roots;  // where each document's root node starts
  std::optional<YAML::Mark> stuck;

  // Walks every document of `text`; throws YAML::Exception as the parser does.
  void walk(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(*this)) {
      if (starts_.size() >= 2 && starts_.back().pos == starts_[starts_.size() - 2].pos) {
        stuck = starts_.back();
        return;
      }
    }
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    starts_.push_back(mark);
    root_pending_ = true;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnMapEnd() override {}

 private:
  void node(const YAML::Mark& mark) {
    if (!root_pending_) return;
    roots.push_back(mark);
    root_pending_ = false;
  }

  std::vector<YAML::Mark> starts_;
  bool root_pending_ = false;
};

// The text at a parser mark (0-based line and byte column), quoted, for a message.
std::string quoted_at(std::string_view text, const YAML::Mark& mark) {
  std::size_t i = 0;
  for (int line = 0; line < mark.line && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  i += static_cast<std::size_t>(std::max(mark.column, 0));
  if (i >= text.size() || static_cast<unsigned char>(text[i]) < 0x21 ||
      static_cast<unsigned char>(text[i]) > 0x7e)
    return "this";
  return fmt::format("'{}'", text[i]);
}

// A line outside any flow collection that starts with ',' (on which yaml-cpp 0.7 would loop;
// DocumentStarts catches that too) is refused with a message that says what is wrong. Returns the
// 1-based (line, column) of the first such ',', if any. Quotes, comments and [ ] { } are
// tracked so that commas inside them are left alone.
std::optional<std::pair<std::uint32_t, std::uint32_t>> comma_opening_a_line(std::string_view s) {
  std::uint32_t line = 1;
  std::uint32_t column = 0;
  int depth = 0;
  char quote = 0;
  bool comment = false;
  bool line_start = true;  // only blanks and block indicators so far on this line
  char previous = '\n';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
      comment = false;
      line_start = true;
      previous = c;
      continue;
    }
    if (comment) continue;
    if (quote != 0) {
      if (quote == '"' && c == '\\') {
        ++i;
        ++column;
      } else if (c == quote) {
        quote = 0;
      }
      previous = c;
      continue;
    }
    if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
      comment = true;
      continue;
    }
    if (line_start) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '-') {
        previous = c;
        continue;
      }
      if (c == ',' && depth == 0) return std::make_pair(line, column);
      line_start = false;
    }
    if (c == '"' || c == '\'') {
      if (previous == ' ' || previous == '\t' || previous == '\n' || previous == '[' ||
          previous == '{' || previous == ',' || previous == ':' || previous == '-') {
        quote = c;
      }
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    previous = c;
  }
  return std::nullopt;
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, std::string file_name,
                              const LoadOptions& options) {
  LoadResult result;
  detail::Reader reader(std::move(file_name), result.diagnostics);
  if (text.size() > options.max_bytes) {
    reader.error({}, "",
                 msg("file.too-large", {{"size", std::to_string(text.size())},
                                        {"max", std::to_string(options.max_bytes)}}));
    return result;
  }
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    auto [line, column] = position_of(text, nul);
    reader.error({line, column}, "", msg("file.binary"));
    return result;
  }
  if (auto bad = first_invalid_utf8(text)) {
    reader.error({bad->first, bad->second}, "", msg("file.utf8"));
    return result;
  }
  reader.set_text(text);  // valid UTF-8: columns are counted in its characters
  if (auto deep = too_deep_at(text, kMaxDepth)) {
    auto [line, column] = position_of(text, *deep);
    reader.error({line, column}, "", msg("yaml.too-deep", {{"max", std::to_string(kMaxDepth)}}));
    return result;
  }
  if (auto comma = comma_opening_a_line(text)) {
    reader.error({comma->first, comma->second}, "", msg("yaml.comma-line"));
    return result;
  }
  YAML::Node root;
  DocumentStarts documents;
  try {
    const std::string copy(text);
    documents.walk(copy);
    if (documents.stuck) {
      reader.error(reader.source_ref(*documents.stuck), "",
                   msg("yaml.unexpected", {{"what", quoted_at(text, *documents.stuck)}}));
      return result;
    }
    root = YAML::Load(copy);  // the first document; the walk showed that parsing ends
  } catch (const YAML::Exception& e) {
    const model::SourceRef at = reader.source_ref(e.mark);
    std::optional<Message> hint;
    if (auto open = at.line > 0 ? unclosed_before(text, at.line, at.column) : std::nullopt) {
      hint = msg("hint.yaml-unclosed", {{"bracket", std::string(1, open->second)},
                                        {"line", std::to_string(open->first)}});
    } else if (tab_indented(text)) {
      hint = msg("hint.yaml-tab");
    } else if (e.msg == YAML::ErrorMsg::END_OF_SEQ || e.msg == YAML::ErrorMsg::END_OF_MAP) {
      // The usual slips: a line indented one space off, a list item without its "- ".
      hint = msg("hint.yaml-indent");
    }
    reader.error(at, "", detail::yaml_syntax_message(e.msg), hint);
    return result;
  } catch (const std::exception& e) {
    reader.error({}, "", msg("yaml.syntax", {{"reason", e.what()}}));
    return result;
  }
  if (documents.roots.empty() || root.IsNull()) {
    reader.error({}, "", msg("yaml.empty"), msg("hint.minimal"));
    return result;
  }
  if (documents.roots.size() > 1) {
    reader.error(reader.source_ref(documents.roots[1]), "", msg("yaml.multiple-documents"));
  }
  try {
    Scenario s = detail::parse_structure(reader, root);
    if (options.horizon) s.simulation.horizon = *options.horizon;
    detail::validate(reader, s);
    result.diagnostics.sort();
    if (!result.diagnostics.has_errors()) result.scenario = std::move(s);
  } catch (const YAML::Exception& e) {
    reader.error({}, "", msg("yaml.syntax", {{"reason", e.msg}}));
  }
  return result;
}

LoadResult load_scenario_file(const std::filesystem::path& path, const LoadOptions& options) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    LoadResult result;
    result.diagnostics.error({name, 0, 0}, "",
                             msg("file.unreadable", {{"reason", os_reason(EISDIR)}}));
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.diagnostics.error({name, 0, 0}, "",
                             msg("file.unreadable", {{"reason", os_reason(errno)}}));
    return result;
  }
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > options.max_bytes) {
    LoadResult result;
    result.diagnostics.error({name, 0, 0}, "",
                             msg("file.too-large", {{"size", std::to_string(size)},
                                                    {"max", std::to_string(options.max_bytes)}}));
    return result;
  }
  // Read at most max_bytes + 1: what is not a regular file (a pipe, /dev/zero) has no size to
  // ask first and may not end.
  std::string text;
  std::array<char, 65536> chunk{};
  while (in && text.size() <= options.max_bytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (text.size() > options.max_bytes) {
    LoadResult result;
    result.diagnostics.error({name, 0, 0}, "",
                             msg("file.too-long", {{"max", std::to_string(options.max_bytes)}}));
    return result;
  }
  return load_scenario_text(text, name, options);
}

}  // namespace mamar::model
