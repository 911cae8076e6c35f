#include "help_formatter.hpp"

#include <cstdint>
#include <utility>

namespace mamar::cli {

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

// `text` in lines of at most `width` columns, broken at spaces (a longer word on a line of its
// own); the lines after the first start with `indent` spaces.
std::string wrap(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && terminal_width(line) + 1 + terminal_width(word) > width) {
      out += line + "\n" + std::string(indent, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line;
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

HelpFormatter::HelpFormatter(const Catalog& catalog, Language lang) {
  column_width(kNameWidth);
  const auto word = [&](const char* key) { return catalog.render({key, {}}, lang); };
  // CLI11 looks these words up by their English names.
  label("Usage", word("cli.help.usage"));
  label("OPTIONS", word("cli.help.options-badge"));
  label("SUBCOMMAND", word("cli.help.command-badge"));
  label("Positionals", word("cli.help.arguments"));
  label("Options", word("cli.help.options"));  // the group of options, by make_group()
}

std::string HelpFormatter::make_group(std::string group, bool is_positional,
                                      std::vector<const CLI::Option*> opts) const {
  std::string out = "\n" + get_label(group) + ":\n";
  for (const CLI::Option* opt : opts) out += make_option(opt, is_positional);
  return out;
}

std::string HelpFormatter::make_option(const CLI::Option* opt, bool is_positional) const {
  return row(make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt));
}

std::string HelpFormatter::make_option_name(const CLI::Option* opt, bool is_positional) const {
  // An argument is shown by its value name, in the user's language, as the usage line shows it
  // (which asks this function); its own name stays the one CLI11's messages use.
  if (is_positional && !opt->get_type_name().empty()) return opt->get_type_name();
  return CLI::Formatter::make_option_name(opt, is_positional);
}

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
  // An argument's name is already its value name; what is left to say is that it takes several.
  if (opt->get_positional())
    return opt->get_expected_max() >= CLI::detail::expected_max_vector_size ? "..." : "";
  return CLI::Formatter::make_option_opts(opt);
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
  return row(sub->get_display_name(true), sub->get_description());
}

std::string HelpFormatter::row(const std::string& name, const std::string& description) const {
  std::string out = "  " + name;
  if (description.empty()) return out + "\n";
  // The description beside the name with two spaces at least between them, else under it.
  const std::size_t used = terminal_width(out);
  if (used + 2 > column_width_) {
    out += "\n" + std::string(column_width_, ' ');
  } else {
    out += std::string(column_width_ - used, ' ');
  }
  return out + wrap(description, kLineWidth - column_width_, column_width_) + "\n";
}

}  // namespace mamar::cli
