#include "mamar/common/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace mamar {

std::string grouped(double v, int decimals) {
  if (!std::isfinite(v)) return "—";
  std::string text = fmt::format("{:.{}f}", std::abs(v), decimals);
  if (text.find_first_not_of("0.") == std::string::npos) return text;  // no "-0"
  const auto dot = text.find('.');
  const std::size_t int_len = dot == std::string::npos ? text.size() : dot;
  std::string out = v < 0 ? "-" : "";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && i < int_len && (int_len - i) % 3 == 0) out += ',';
    out += text[i];
  }
  return out;
}

std::optional<Language> parse_language(std::string_view code) {
  std::string lower(code);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "en" || lower == "english") return Language::English;
  if (lower == "ar" || lower == "arabic" || code == "العربية") return Language::Arabic;
  return std::nullopt;
}

PluralCategory plural_category(std::string_view number, Language lang) {
  std::size_t i = 0;
  if (i < number.size() && number[i] == '-') ++i;
  // The integer part's value, saturated: only 0, 1, 2 and the last two digits matter.
  std::uint64_t value = 0;
  unsigned last_two = 0;
  bool any_digit = false;
  for (; i < number.size(); ++i) {
    const char c = number[i];
    if (c == ',') continue;
    if (c < '0' || c > '9') break;
    any_digit = true;
    value = std::min<std::uint64_t>(value * 10 + static_cast<unsigned>(c - '0'), 1000);
    last_two = (last_two * 10 + static_cast<unsigned>(c - '0')) % 100;
  }
  if (!any_digit || i != number.size())
    return PluralCategory::Other;  // a fraction, or not a number
  if (lang == Language::English) return value == 1 ? PluralCategory::One : PluralCategory::Other;
  if (value == 0) return PluralCategory::Zero;
  if (value == 1) return PluralCategory::One;
  if (value == 2) return PluralCategory::Two;
  if (last_two >= 3 && last_two <= 10) return PluralCategory::Few;
  if (last_two >= 11) return PluralCategory::Many;
  return PluralCategory::Other;
}

std::optional<PluralCategory> parse_plural_category(std::string_view name) {
  static constexpr std::pair<std::string_view, PluralCategory> kNames[] = {
      {"zero", PluralCategory::Zero}, {"one", PluralCategory::One},
      {"two", PluralCategory::Two},   {"few", PluralCategory::Few},
      {"many", PluralCategory::Many}, {"other", PluralCategory::Other}};
  for (const auto& [n, c] : kNames) {
    if (n == name) return c;
  }
  return std::nullopt;
}

std::string_view LocalizedName::in(Language lang, std::string_view fallback) const {
  const std::string& first = lang == Language::Arabic ? ar : en;
  const std::string& second = lang == Language::Arabic ? en : ar;
  if (!first.empty()) return first;
  if (!second.empty()) return second;
  return fallback;
}

namespace {

// Whether a code point takes no column of its own: a combining mark (accents, Arabic short vowels,
// shadda, superscript alef) or a format character (zero-width spaces and joiners, direction
// marks and isolates).
bool zero_width(std::uint32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
         (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

}  // namespace

std::size_t terminal_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::uint32_t c = length == 1 ? lead : lead & (0x7FU >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      c = (c << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    if (!zero_width(c)) ++width;
    i += length;
  }
  return width;
}

std::vector<std::string> wrap_words(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && terminal_width(line) + 1 + terminal_width(word) > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    start = end + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
      diag = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates) {
  const std::string* best = nullptr;
  std::size_t best_distance = SIZE_MAX;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = &c;
    }
  }
  if (best == nullptr) return std::nullopt;
  // A likely typo: a few edits, relative to the length of the longer word, or a prefix match.
  std::size_t longer = std::max(word.size(), best->size());
  bool close = best_distance <= std::max<std::size_t>(2, longer / 3);
  bool prefix = !word.empty() && word.size() >= 3 && best->starts_with(word);
  if (close || prefix) return *best;
  return std::nullopt;
}

}  // namespace mamar
