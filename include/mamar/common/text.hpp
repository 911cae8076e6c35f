// Languages, bilingual names and the nearest-name search used for "did you mean" hints.
// Plain values and free functions; safe to use from any thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mamar {

/// The language of messages and summaries.
enum class Language { English, Arabic };

/// "en" / "ar" (also "english", "arabic", "العربية").
std::optional<Language> parse_language(std::string_view code);

/// The plural categories of the Unicode CLDR: English uses one and other; Arabic all six (zero
/// 0; one 1; two 2; few 3-10, 103-110, ...; many 11-99, 111-199, ...; other 100-102, 1000, ...).
enum class PluralCategory { Zero, One, Two, Few, Many, Other };

/// The category of a number written as in mamar's messages ("1", "1,000", "26.5", "-3"), by the
/// CLDR rules of `lang`. A number written with a fraction ("1.0", "26.5") is Other in both
/// languages; text that is not a number is Other.
PluralCategory plural_category(std::string_view number, Language lang);

/// "zero", "one", "two", "few", "many", "other" to the category.
std::optional<PluralCategory> parse_plural_category(std::string_view name);

/// A name with an Arabic and an English form; at least one is set in a valid scenario.
struct LocalizedName {
  std::string ar;
  std::string en;

  bool empty() const { return ar.empty() && en.empty(); }
  /// The form in `lang`, else the other form, else `fallback`.
  std::string_view in(Language lang, std::string_view fallback = {}) const;
};

/// `v` with `decimals` decimals and thousands separated by commas: "12,345.6". "—" when not
/// finite. Counts in messages and reports are written so, in both languages.
std::string grouped(double v, int decimals = 0);

/// The width of UTF-8 text on a terminal: its characters, less the marks drawn over or under
/// the one before (Arabic short vowels and shadda, combining accents) and the invisible ones.
std::size_t terminal_width(std::string_view text);

/// `text` in lines of at most `width` columns (terminal_width()), broken at spaces; a word
/// longer than `width` is a line of its own.
std::vector<std::string> wrap_words(std::string_view text, std::size_t width);

/// Levenshtein distance over bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo.
std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates);

}  // namespace mamar
