#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

namespace mamar::model::detail {
namespace {

bool parse_double(std::string_view s, double& out) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(out);
}

bool parse_int(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  std::string cleaned;
  for (char c : s) {
    if (c != '_') cleaned += c;  // 35_000 is allowed, as in YAML 1.1
  }
  auto [ptr, ec] = std::from_chars(cleaned.data(), cleaned.data() + cleaned.size(), out);
  return ec == std::errc() && ptr == cleaned.data() + cleaned.size();
}

bool is_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::islower(u) || std::isdigit(u) || c == '-' || c == '_';
  });
}

// An upper limit this large is "no limit" for messages: "-3 is below 0", not "outside 0 to 1e+12".
constexpr double kUnbounded = 1e12;

std::string shorten(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40)) out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  if (s.size() > 40) out += "...";
  return out;
}

// Hints that do not depend on where a message is raised, given to every diagnostic of that
// message raised without a hint (the checks of the file as a whole, in load.cpp, among them).
std::optional<Message> standing_hint(const std::string& key) {
  if (key == "file.binary") return msg("hint.save-utf8-not-utf16");
  if (key == "file.utf8") return msg("hint.save-utf8");
  return std::nullopt;
}

// What a whole-number field counts, named by the last part of its path: the hint on a value out
// of range. Nothing for fields that count nothing (order, seed, the format version).
std::optional<Message> counts_hint(std::string_view path) {
  const std::string_view field = path.substr(path.rfind('.') + 1);  // all of it without a '.'
  const std::string name(field);
  if (field == "people")
    return msg(path.starts_with("events") ? "hint.counts-removed" : "hint.counts-people");
  if (field == "count") {
    const bool escort = path.find(".escort") != std::string_view::npos;  // .escort. or .escort[
    return msg(escort ? "hint.counts-escorts" : "hint.counts-vehicles");
  }
  if (field == "seats") return msg("hint.counts-seats");
  if (field == "stretchers") return msg("hint.counts-stretchers");
  if (field == "bays") return msg("hint.counts-bays");
  if (field == "lanes") return msg("hint.counts-lanes");
  if (field == "capacity") return msg("hint.counts-capacity");
  if (field == "min_vehicles" || field == "max_vehicles")
    return msg("hint.counts-convoy", {{"field", name}});
  if (field == "quota") return msg("hint.counts-quota");
  if (field == "allowance") return msg("hint.counts-allowance");
  if (field == "killed" || field == "injured")
    return msg("hint.counts-casualties", {{"field", name}});
  if (field == "vehicles") return msg("hint.counts-destroyed");
  if (field == "replications") return msg("hint.counts-replications");
  return std::nullopt;
}

// The units of a duration, as common/time.cpp reads them; load_test checks that each is read.
const std::vector<std::string>& duration_units() {
  static const std::vector<std::string> kUnits = {
      "ms",      "s", "sec", "secs", "second", "seconds", "min", "mins", "minute",
      "minutes", "h", "hr",  "hrs",  "hour",   "hours",   "d",   "day",  "days"};
  return kUnits;
}

// The first word of a duration that is not a unit of time ("minuets" in "30 minuets").
std::optional<std::string> unknown_unit(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (!std::isalpha(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
    const std::string word(text.substr(i, j - i));
    if (std::find(duration_units().begin(), duration_units().end(), word) == duration_units().end())
      return word;
    i = j;
  }
  return std::nullopt;
}

// The unit `word` was likely meant to be: none when units of different lengths are as near
// ("mn" is as near to "ms" as to "min").
std::optional<std::string> nearest_unit(const std::string& word) {
  auto best = nearest(word, duration_units());
  if (!best) return std::nullopt;
  const std::size_t distance = edit_distance(word, *best);
  const auto meaning = parse_duration("1 " + *best);
  for (const auto& unit : duration_units()) {
    if (edit_distance(word, unit) == distance && parse_duration("1 " + unit) != meaning)
      return std::nullopt;
  }
  return best;
}

}  // namespace

std::string index_path(const std::string& path, std::size_t i) {
  return fmt::format("{}[{}]", path, i);
}

SourceRef Reader::source_ref(const YAML::Node& n) const {
  if (!n.IsDefined()) return {};
  return source_ref(n.Mark());
}

SourceRef Reader::source_ref(const YAML::Mark& m) {
  if (m.is_null() || m.line < 0) return {};
  return {static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
}

void Reader::set_text(std::string_view text) {
  text_ = text;
  line_starts_.assign(1, 0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceLocation Reader::location(SourceRef at) const {
  std::uint32_t column = at.column;
  if (at.line >= 1 && at.column >= 1 && at.line <= line_starts_.size()) {
    const std::size_t start = line_starts_[at.line - 1];
    const std::size_t end = std::min(text_.size(), start + at.column - 1);
    // Bytes that begin a character (not UTF-8 continuation bytes) before the column.
    std::uint32_t characters = 0;
    for (std::size_t i = start; i < end; ++i)
      characters += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80 ? 1U : 0U;
    column = characters + 1;
  }
  return {file_, at.line, column};
}

void Reader::error(SourceRef at, std::string path, Message m, std::optional<Message> hint) {
  if (!hint) hint = standing_hint(m.key);
  diags_.error(location(at), std::move(path), std::move(m), std::move(hint));
}

void Reader::warning(SourceRef at, std::string path, Message m, std::optional<Message> hint) {
  diags_.warning(location(at), std::move(path), std::move(m), std::move(hint));
}

std::string Reader::describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence:
      return "@term.a-list";
    case YAML::NodeType::Map:
      return "@term.a-mapping";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "@term.nothing";
    case YAML::NodeType::Scalar:
      return "'" + shorten(n.Scalar()) + "'";
  }
  return "?";
}

bool Reader::expect_scalar(const YAML::Node& n, const std::string& path, std::string_view what) {
  if (n.IsScalar()) return true;
  error(source_ref(n), path, msg("type.expected", {{"what", term(what)}, {"found", describe(n)}}));
  return false;
}

bool Reader::expect_sequence(const YAML::Node& n, const std::string& path) {
  if (n.IsSequence()) return true;
  error(source_ref(n), path,
        msg("type.expected", {{"what", term("a-list")}, {"found", describe(n)}}));
  return false;
}

std::optional<std::string> Reader::text(const YAML::Node& n, const std::string& path) {
  if (!expect_scalar(n, path, "text")) return std::nullopt;
  return n.Scalar();
}

std::optional<std::int64_t> Reader::integer(const YAML::Node& n, const std::string& path,
                                            std::int64_t lo, std::int64_t hi) {
  if (!expect_scalar(n, path, "whole-number")) return std::nullopt;
  std::int64_t v = 0;
  if (!parse_int(n.Scalar(), v)) {
    double d = 0;
    const bool number = parse_double(n.Scalar(), d);
    if (number && d == std::floor(d) && std::abs(d) >= 0x1p63) {
      // A whole number beyond 64 bits (2^64 for a seed): out of range, not "not whole".
      error(source_ref(n), path,
            msg("number.range", {{"value", shorten(n.Scalar())},
                                 {"lo", std::to_string(lo)},
                                 {"hi", std::to_string(hi)}}),
            counts_hint(path));
    } else if (number) {
      error(source_ref(n), path, msg("number.not-whole", {{"value", shorten(n.Scalar())}}));
    } else {
      error(source_ref(n), path,
            msg("type.expected", {{"what", term("whole-number")}, {"found", describe(n)}}));
    }
    return std::nullopt;
  }
  if (v < lo && static_cast<double>(hi) >= kUnbounded) {
    error(source_ref(n), path,
          msg("number.at-least", {{"value", std::to_string(v)}, {"lo", std::to_string(lo)}}),
          counts_hint(path));
    return std::nullopt;
  }
  if (v < lo || v > hi) {
    error(
        source_ref(n), path,
        msg("number.range",
            {{"value", std::to_string(v)}, {"lo", std::to_string(lo)}, {"hi", std::to_string(hi)}}),
        counts_hint(path));
    return std::nullopt;
  }
  return v;
}

std::optional<double> Reader::number(const YAML::Node& n, const std::string& path, double lo,
                                     double hi) {
  if (!expect_scalar(n, path, "number")) return std::nullopt;
  double v = 0;
  if (!parse_double(n.Scalar(), v)) {
    error(source_ref(n), path,
          msg("type.expected", {{"what", term("number")}, {"found", describe(n)}}));
    return std::nullopt;
  }
  if (v < lo && hi >= kUnbounded) {
    error(source_ref(n), path,
          msg("number.at-least",
              {{"value", fmt::format("{:g}", v)}, {"lo", fmt::format("{:g}", lo)}}));
    return std::nullopt;
  }
  if (v < lo || v > hi) {
    error(source_ref(n), path,
          msg("number.range", {{"value", fmt::format("{:g}", v)},
                               {"lo", fmt::format("{:g}", lo)},
                               {"hi", fmt::format("{:g}", hi)}}));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> Reader::boolean(const YAML::Node& n, const std::string& path) {
  if (!expect_scalar(n, path, "boolean")) return std::nullopt;
  // The words YAML reads as booleans, each in its three spellings ("true", "True", "TRUE").
  const std::string& s = n.Scalar();
  std::string lower = s;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string upper = lower;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  std::string capitalized = lower;
  if (!capitalized.empty())
    capitalized[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capitalized[0])));
  if (s == lower || s == upper || s == capitalized) {
    if (lower == "true" || lower == "yes" || lower == "on") return true;
    if (lower == "false" || lower == "no" || lower == "off") return false;
  }
  error(source_ref(n), path,
        msg("type.expected", {{"what", term("boolean")}, {"found", describe(n)}}));
  return std::nullopt;
}

std::optional<double> Reader::share(const YAML::Node& n, const std::string& path) {
  if (!expect_scalar(n, path, "share")) return std::nullopt;
  std::string s = n.Scalar();
  double v = 0;
  bool percent = !s.empty() && s.back() == '%';
  if (percent) s.pop_back();
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (!parse_double(s, v)) {
    error(source_ref(n), path, msg("share.invalid", {{"found", describe(n)}}));
    return std::nullopt;
  }
  if (percent) v /= 100;
  if (v < 0 || v > 1) {
    error(source_ref(n), path, msg("share.range", {{"value", shorten(n.Scalar())}}),
          !percent && v > 1 && v <= 100
              ? std::optional(msg("hint.percent", {{"value", fmt::format("{:g}", v)}}))
              : std::nullopt);
    return std::nullopt;
  }
  return v;
}

std::optional<Duration> Reader::duration(const YAML::Node& n, const std::string& path) {
  if (!expect_scalar(n, path, "duration")) return std::nullopt;
  auto d = parse_duration(n.Scalar());
  if (!d && duration_too_long(n.Scalar())) {
    error(source_ref(n), path, msg("duration.too-long", {{"value", shorten(n.Scalar())}}));
    return std::nullopt;
  }
  if (!d && duration_parts_out_of_order(n.Scalar())) {
    error(source_ref(n), path, msg("duration.parts-order", {{"value", shorten(n.Scalar())}}),
          msg("hint.duration-form"));
    return std::nullopt;
  }
  if (!d) {
    double plain = 0;
    const bool is_number = parse_double(n.Scalar(), plain);
    const auto unit = is_number ? std::nullopt : unknown_unit(n.Scalar());
    const auto near = unit ? nearest_unit(*unit) : std::nullopt;
    error(source_ref(n), path, msg("duration.invalid", {{"found", describe(n)}}),
          is_number ? msg("hint.duration-unit", {{"value", shorten(n.Scalar())}})
          : near    ? msg("hint.duration-unit-near", {{"unit", shorten(*unit)}, {"near", *near}})
          : unit    ? msg("hint.duration-unit-unknown", {{"unit", shorten(*unit)}})
                    : msg("hint.duration-form"));
    return std::nullopt;
  }
  if (*d < Duration{}) {
    error(source_ref(n), path, msg("duration.negative", {{"value", shorten(n.Scalar())}}));
    return std::nullopt;
  }
  return d;
}

std::optional<ZonedInstant> Reader::instant(const YAML::Node& n, const std::string& path) {
  if (!expect_scalar(n, path, "time")) return std::nullopt;
  auto t = parse_instant(n.Scalar());
  if (!t) {
    const std::string& s = n.Scalar();
    bool no_offset = s.size() >= 16 && s.size() <= 23 && s[4] == '-' &&
                     s.find('+', 10) == std::string::npos && s.find('Z', 10) == std::string::npos &&
                     s.find('-', 10) == std::string::npos;
    error(source_ref(n), path, msg("time.invalid", {{"found", describe(n)}}),
          no_offset ? msg("hint.time-offset") : msg("hint.time-form"));
    return std::nullopt;
  }
  return t;
}

std::optional<int> Reader::clock_time(const YAML::Node& n, const std::string& path) {
  if (!expect_scalar(n, path, "clock-time")) return std::nullopt;
  auto t = parse_clock_time(n.Scalar());
  if (!t) {
    // YAML 1.1 readers turn an unquoted 06:00 into the number 360; yaml-cpp keeps the text, but
    // a number here means the author wrote minutes.
    error(source_ref(n), path, msg("clock.invalid", {{"found", describe(n)}}),
          msg("hint.clock-form"));
    return std::nullopt;
  }
  return t;
}

std::optional<double> Reader::length(const YAML::Node& n, const std::string& path) {
  if (!expect_scalar(n, path, "length")) return std::nullopt;
  std::string s = n.Scalar();
  double factor = 0;
  if (s.size() > 2 && s.ends_with("km")) {
    factor = 1000;
    s.resize(s.size() - 2);
  } else if (s.size() > 1 && s.ends_with("m")) {
    factor = 1;
    s.resize(s.size() - 1);
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  double v = 0;
  if (factor == 0 || !parse_double(s, v) || v < 0) {
    error(source_ref(n), path, msg("length.invalid", {{"found", describe(n)}}),
          msg("hint.length-form"));
    return std::nullopt;
  }
  return v * factor;
}

std::optional<std::string> Reader::id(const YAML::Node& n, const std::string& path) {
  if (!expect_scalar(n, path, "id")) return std::nullopt;
  if (!is_id(n.Scalar())) {
    error(source_ref(n), path, msg("id.invalid", {{"found", describe(n)}}), msg("hint.id-form"));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<Ref> Reader::ref(const YAML::Node& n, const std::string& path) {
  auto s = id(n, path);
  if (!s) return std::nullopt;
  return Ref{*s, -1, source_ref(n)};
}

std::vector<Ref> Reader::ref_list(const YAML::Node& n, const std::string& path) {
  std::vector<Ref> out;
  if (!expect_sequence(n, path)) return out;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (auto r = ref(n[i], index_path(path, i))) out.push_back(*r);
  }
  return out;
}

std::optional<std::string> Reader::choice(const YAML::Node& n, const std::string& path,
                                          const std::vector<std::string>& choices) {
  if (!expect_scalar(n, path, "word")) return std::nullopt;
  const std::string& s = n.Scalar();
  if (std::find(choices.begin(), choices.end(), s) != choices.end()) return s;
  std::string all;
  for (const auto& c : choices) all += (all.empty() ? "" : ", ") + c;
  auto near = nearest(s, choices);
  error(source_ref(n), path, msg("choice.invalid", {{"found", describe(n)}, {"choices", all}}),
        near ? std::optional(msg("hint.did-you-mean", {{"name", *near}})) : std::nullopt);
  return std::nullopt;
}

namespace {

// The first control character of UTF-8 text `t` (C0, DEL or C1), if any.
std::optional<unsigned> control_character(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto b = static_cast<unsigned char>(t[i]);
    if (b < 0x20 || b == 0x7F) return b;
    if (b == 0xC2 && i + 1 < t.size()) {
      const auto next = static_cast<unsigned char>(t[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return next;  // U+0080 to U+009F
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<LocalizedName> Reader::name(const YAML::Node& n, const std::string& path) {
  if (!n.IsMap()) {
    error(source_ref(n), path, msg("name.not-map", {{"found", describe(n)}}),
          msg("hint.name-form"));
    return std::nullopt;
  }
  MapView m(*this, n, path);
  LocalizedName out;
  bool unreadable = false;  // a form that is there but not text is reported by text()
  // A form: text without control characters (names reach the terminal as they are written: an
  // escape sequence in one would recolour or overwrite it).
  auto form = [&](const char* key, std::string& to) {
    const YAML::Node node = m.get(key);
    if (!node.IsDefined()) return;
    auto t = text(node, m.child(key));
    if (!t) {
      unreadable = true;
      return;
    }
    if (const auto code = control_character(*t)) {
      error(source_ref(node), m.child(key),
            msg("name.control", {{"code", fmt::format("U+{:04X}", *code)}}));
      unreadable = true;
      return;
    }
    to = *t;
  };
  form("ar", out.ar);
  form("en", out.en);
  m.finish();
  if (unreadable) return std::nullopt;
  if (out.empty()) {
    error(source_ref(n), path, msg("name.empty"), msg("hint.name-form"));
    return std::nullopt;
  }
  return out;
}

std::optional<double> Reader::value(const YAML::Node& n, const std::string& path, ValueKind kind) {
  if (kind == ValueKind::Duration) {
    auto d = duration(n, path);
    if (!d) return std::nullopt;
    return static_cast<double>(d->count_ms());
  }
  return number(n, path, 0, 1e12);
}

std::optional<Distribution> Reader::distribution(const YAML::Node& n, const std::string& path,
                                                 ValueKind kind) {
  if (n.IsScalar()) {
    auto v = value(n, path, kind);
    if (!v) return std::nullopt;
    return Distribution::fixed(*v);
  }
  static const std::vector<std::string> kKinds = {
      "fixed", "uniform", "triangular", "exponential", "normal", "lognormal", "empirical"};
  if (n.IsMap() && n.size() > 1) {
    std::string keys;
    for (auto it = n.begin(); it != n.end(); ++it)
      keys += (keys.empty() ? "" : ", ") + (it->first.IsScalar() ? it->first.Scalar() : "?");
    error(source_ref(n), path,
          msg("dist.one-kind", {{"count", std::to_string(n.size())}, {"kinds", keys}}),
          msg("hint.dist-form"));
    return std::nullopt;
  }
  if (!n.IsMap() || n.size() != 1) {
    error(source_ref(n), path, msg("dist.form", {{"found", describe(n)}}), msg("hint.dist-form"));
    return std::nullopt;
  }
  const YAML::Node key = n.begin()->first;
  const YAML::Node body = n.begin()->second;
  const std::string kind_name = key.IsScalar() ? key.Scalar() : std::string();
  const std::string p = path + "." + kind_name;
  const SourceRef at = source_ref(body.IsDefined() && !body.IsNull() ? body : key);
  Distribution d;
  auto values = [&](std::size_t count) -> std::optional<std::vector<double>> {
    if (body.IsSequence() && body.size() != count) {
      error(at, p,
            msg("dist.values-count",
                {{"count", std::to_string(count)}, {"found", std::to_string(body.size())}}));
      return std::nullopt;
    }
    if (!body.IsSequence()) {
      error(at, p,
            msg("dist.values", {{"count", std::to_string(count)}, {"found", describe(body)}}));
      return std::nullopt;
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < count; ++i) {
      auto v = value(body[i], index_path(p, i), kind);
      if (!v) return std::nullopt;
      out.push_back(*v);
    }
    return out;
  };
  if (kind_name == "fixed") {
    auto v = value(body, p, kind);
    if (!v) return std::nullopt;
    return Distribution::fixed(*v);
  }
  if (kind_name == "uniform") {
    auto v = values(2);
    if (!v) return std::nullopt;
    if ((*v)[0] > (*v)[1]) {
      error(at, p, msg("dist.uniform-order"));
      return std::nullopt;
    }
    d.kind = DistributionKind::Uniform;
    d.a = (*v)[0];
    d.b = (*v)[1];
    return d;
  }
  if (kind_name == "triangular") {
    auto v = values(3);
    if (!v) return std::nullopt;
    double lo = (*v)[0], mode = (*v)[1], hi = (*v)[2];
    if (!(lo <= mode && mode <= hi) || !(lo < hi)) {
      error(at, p, msg("dist.triangular-order"));
      return std::nullopt;
    }
    d.kind = DistributionKind::Triangular;
    d.a = lo;
    d.b = mode;
    d.c = hi;
    return d;
  }
  if (kind_name == "exponential") {
    auto v = value(body, p, kind);
    if (!v) return std::nullopt;
    if (*v <= 0) {
      error(at, p, msg("dist.mean-positive"));
      return std::nullopt;
    }
    d.kind = DistributionKind::Exponential;
    d.a = *v;
    return d;
  }
  if (kind_name == "normal" || kind_name == "lognormal") {
    bool normal = kind_name == "normal";
    if (!body.IsMap()) {
      error(at, p, msg("type.expected", {{"what", term("a-mapping")}, {"found", describe(body)}}),
            msg(normal ? "hint.normal-form" : "hint.lognormal-form"));
      return std::nullopt;
    }
    MapView m(*this, body, p);
    // A field missing is reported by require(), once.
    auto required_value = [&](std::string_view field) -> std::optional<double> {
      const YAML::Node x = m.require(field);
      return x.IsDefined() ? value(x, m.child(field), kind) : std::nullopt;
    };
    auto mean = required_value("mean");
    auto sd = required_value("sd");
    std::optional<double> lo;
    if (normal) {
      if (auto x = m.get("min"); x.IsDefined()) lo = value(x, m.child("min"), kind);
    } else {
      m.reject("min", msg("dist.lognormal-min"));
    }
    std::optional<double> hi;
    if (auto x = m.get("max"); x.IsDefined()) hi = value(x, m.child("max"), kind);
    m.finish();
    if (!mean || !sd) return std::nullopt;
    d.kind = normal ? DistributionKind::Normal : DistributionKind::Lognormal;
    d.a = *mean;
    d.b = *sd;
    d.lo = lo.value_or(0);
    if (hi) d.hi = *hi;
    if (!normal && (*mean <= 0 || *sd <= 0)) {
      error(at, p, msg("dist.lognormal-positive"));
      return std::nullopt;
    }
    if (d.hi <= d.lo) {
      error(at, p, msg("dist.min-max"));
      return std::nullopt;
    }
    if (normal && *sd > 0 && ((d.lo - d.a) / d.b > 5 || (d.a - d.hi) / d.b > 5)) {
      error(at, p, msg("dist.truncation-empty"));
      return std::nullopt;
    }
    if (normal && *sd == 0 && (d.a < d.lo || d.a > d.hi)) {
      error(at, p, msg("dist.truncation-empty"));
      return std::nullopt;
    }
    return d;
  }
  if (kind_name == "empirical") {
    // Never assign to a YAML::Node that refers into the document: yaml-cpp writes through.
    const bool cdf = body.IsMap();
    const YAML::Node table = [&] {
      if (!cdf) return body;
      MapView m(*this, body, p);
      YAML::Node inner = m.require("cdf");
      m.finish();
      return inner;
    }();
    if (cdf && !table.IsDefined()) return std::nullopt;
    const std::string tp = cdf ? p + ".cdf" : p;
    if (!table.IsSequence() || table.size() == 0) {
      const char* form = !table.IsSequence() ? "dist.empirical-form"
                         : cdf               ? "dist.cdf-empty"
                                             : "dist.empirical-empty";
      error(source_ref(table), tp, msg(form, {{"found", describe(table)}}),
            msg("hint.empirical-form"));
      return std::nullopt;
    }
    if (table.size() > 100000) {
      error(source_ref(table), tp, msg("dist.empirical-size"));
      return std::nullopt;
    }
    d.kind = cdf ? DistributionKind::EmpiricalCdf : DistributionKind::Empirical;
    bool ok = true;
    double total_weight = 0;
    for (std::size_t i = 0; i < table.size(); ++i) {
      const YAML::Node row = table[i];
      const std::string rp = index_path(tp, i);
      if (!row.IsSequence() || row.size() != 2) {
        error(source_ref(row), rp,
              row.IsSequence()
                  ? msg("dist.empirical-row-count", {{"found", std::to_string(row.size())}})
                  : msg("dist.empirical-row", {{"found", describe(row)}}),
              msg("hint.empirical-form"));
        ok = false;
        continue;
      }
      auto v = value(row[0], index_path(rp, 0), kind);
      auto w = number(row[1], index_path(rp, 1), 0, cdf ? 1.0 : 1e12);
      if (!v || !w) {
        ok = false;
        continue;
      }
      if (cdf && !d.table.empty() && (*v < d.table.back().first || *w < d.table.back().second)) {
        error(source_ref(row), rp, msg("dist.cdf-order"));
        ok = false;
      }
      total_weight += *w;
      d.table.emplace_back(*v, *w);
    }
    if (!ok) return std::nullopt;
    if (cdf) {
      if (d.table.front().second != 0 || d.table.back().second != 1) {
        error(source_ref(table), tp, msg("dist.cdf-ends"));
        return std::nullopt;
      }
    } else if (total_weight <= 0) {
      error(source_ref(table), tp, msg("dist.weights-zero"));
      return std::nullopt;
    }
    return d;
  }
  auto near = nearest(kind_name, kKinds);
  error(source_ref(key), path, msg("dist.unknown", {{"found", describe(key)}}),
        near ? msg("hint.did-you-mean", {{"name", *near}}) : msg("hint.dist-form"));
  return std::nullopt;
}

MapView::MapView(Reader& r, const YAML::Node& node, std::string path)
    : reader_(r), node_(node), path_(std::move(path)), at_(r.source_ref(node)) {
  valid_ = node.IsMap();
  if (!valid_) {
    r.error(at_, path_,
            msg("type.expected", {{"what", term("a-mapping")}, {"found", Reader::describe(node)}}));
  }
}

std::string MapView::child(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

YAML::Node MapView::get(std::string_view key) {
  return lookup(key, /*required=*/false);
}

YAML::Node MapView::lookup(std::string_view key, bool required) {
  const bool first = std::find(known_.begin(), known_.end(), key) == known_.end();
  if (first) known_.emplace_back(key);
  if (!valid_) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      if (!it->second.IsNull()) return it->second;
      // A key written without a value is a mistake, not the default: `ceasefire:` left empty
      // would otherwise be read as a ceasefire without end.
      if (first) {
        reader_.error(reader_.source_ref(it->first), child(key),
                      msg("field.empty", {{"field", std::string(key)}}),
                      required ? std::nullopt : std::optional<Message>(msg("hint.empty-value")));
      }
      return YAML::Node(YAML::NodeType::Undefined);
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

bool MapView::has(std::string_view key) const {
  if (!valid_) return false;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return true;
  }
  return false;
}

YAML::Node MapView::require(std::string_view key) {
  YAML::Node n = lookup(key, /*required=*/true);  // reports a key without a value
  if (valid_ && !n.IsDefined() && !has(key)) {
    reader_.error(at_, child(key), msg("field.missing", {{"field", std::string(key)}}));
  }
  return n;
}

void MapView::reject(std::string_view key, const Message& why) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  if (!valid_) return;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      reader_.error(reader_.source_ref(it->first), child(key), why);
    }
  }
}

void MapView::finish() {
  if (!valid_) return;
  std::map<std::string, SourceRef> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const YAML::Node k = it->first;
    if (!k.IsScalar()) {
      reader_.error(reader_.source_ref(k), path_,
                    msg("field.key-not-text", {{"found", Reader::describe(k)}}));
      continue;
    }
    const std::string& key = k.Scalar();
    if (auto [first, inserted] = seen.emplace(key, reader_.source_ref(k)); !inserted) {
      reader_.error(reader_.source_ref(k), child(key), msg("field.duplicate", {{"field", key}}),
                    msg("hint.first-given", {{"line", std::to_string(first->second.line)}}));
      continue;
    }
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    if (key == "<<") {  // a merge key of YAML 1.1, not read (yaml-cpp does not merge)
      reader_.error(reader_.source_ref(k), child(key), msg("field.merge-key"),
                    msg("hint.merge-key"));
      continue;
    }
    auto near = nearest(key, known_);
    std::string all;
    for (const auto& c : known_) all += (all.empty() ? "" : ", ") + c;
    reader_.error(reader_.source_ref(k), child(key), msg("field.unknown", {{"field", key}}),
                  near ? msg("hint.did-you-mean", {{"name", *near}})
                       : msg("hint.known-fields", {{"fields", all}}));
  }
}

}  // namespace mamar::model::detail
