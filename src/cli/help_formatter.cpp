#include "help_formatter.hpp"

#include <cstdint>
#include <utility>

namespace mamar::cli {

namespace {

// `text` in lines of at most `width` columns; the lines after the first start with `indent`
// spaces.
std::string wrap(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  for (const auto& line : wrap_words(text, width))
    out += (out.empty() ? "" : "\n" + std::string(indent, ' ')) + line;
  return out;
}

}  // namespace

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
