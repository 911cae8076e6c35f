// The help of `mamar`, `mamar check` and `mamar simulate` (--help) in the language of the command
// line.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mamar/common/diagnostic.hpp"
#include "mamar/common/text.hpp"

namespace mamar::cli {

/// CLI11's help with mamar's words: the headings and the words of the usage line from the
/// catalogue (cli.help.*), an argument named by its value name (FILE, ملف) as the usage line names
/// it, and each description beside its option, wrapped to kLineWidth with the columns counted in
/// characters a terminal shows, not in bytes, so that Arabic lines up as English does. The
/// descriptions and value names themselves are the options' own (main.cpp takes them from the
/// catalogue). Holds its words only: set once on the App, whose commands inherit it; read-only
/// afterwards, so safe to use from any thread.
class HelpFormatter : public CLI::Formatter {
 public:
  /// Lines of the help are at most this wide, unless a single word is longer.
  static constexpr std::size_t kLineWidth = 100;
  /// The descriptions start in this column (the longest name in mamar's help leaves three spaces).
  static constexpr std::size_t kNameWidth = 32;

  HelpFormatter(const Catalog& catalog, Language lang);

  std::string make_group(std::string group, bool is_positional,
                         std::vector<const CLI::Option*> opts) const override;
  std::string make_option(const CLI::Option* opt, bool is_positional) const override;
  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override;
  std::string make_option_opts(const CLI::Option* opt) const override;
  std::string make_subcommand(const CLI::App* sub) const override;

 private:
  // "  NAME      description", the description wrapped and its further lines indented to it.
  std::string row(const std::string& name, const std::string& description) const;
};

}  // namespace mamar::cli
