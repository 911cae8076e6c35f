// Diagnostics: what is wrong with an input, where, and how to fix it, in the user's language.
//
// A Diagnostic is a value: severity, source location (file, 1-based line and column), the path
// of the field ("operations[0].phases[1].categories[0]"), a message and an optional hint. The
// message is a key into a Catalog plus named arguments, so one diagnostic renders in Arabic or
// English. An argument whose value starts with '@' is itself a catalog key (a translated term,
// such as "@term.place"). Diagnostics collects them; it is not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mamar/common/text.hpp"

namespace mamar {

enum class Severity { Error, Warning };

/// A position in an input file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// A catalog key with named arguments, e.g. {"unknown-ref", {{"kind", "@term.place"}, {"id",
/// "x"}}}.
struct Message {
  std::string key;
  std::vector<std::pair<std::string, std::string>> args;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLocation where;
  std::string path;
  Message message;
  std::optional<Message> hint;
};

/// Message templates in English and Arabic. "{name}" is replaced by the argument `name`.
/// "{name:one=# person|other=# people}" chooses a form by the plural category of the argument
/// (plural_category: zero, one, two, few, many, other; a category not given falls back to
/// other) and replaces "#" in it by the argument; Arabic counts need all six, e.g.
/// "{n:one=تكرار واحد|two=تكراران|few=# تكرارات|many=# تكراراً|other=# تكرار}".
class Catalog {
 public:
  void add(std::string key, std::string en, std::string ar);
  void merge(const Catalog& other);
  bool contains(std::string_view key) const;
  /// Renders a message; an unknown key renders as the key with its arguments (never throws).
  std::string render(const Message& message, Language lang) const;
  /// Templates whose plural choices are malformed ("key (ar): ..."), for tests of a catalog.
  std::vector<std::string> plural_problems() const;
  /// Keys add()ed more than once, the later replacing the earlier: for tests of a catalog (merge()
  /// replaces on purpose).
  const std::vector<std::string>& keys_added_twice() const { return added_twice_; }

 private:
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> templates_;
  std::vector<std::string> added_twice_;
};

/// An ordered collection of diagnostics.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(SourceLocation where, std::string path, Message message,
             std::optional<Message> hint = std::nullopt);
  void warning(SourceLocation where, std::string path, Message message,
               std::optional<Message> hint = std::nullopt);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  /// Orders by file, line, column, keeping the discovery order of equal positions.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

/// "file:12:5: error: operations[0].route: unknown route 'x'" and, indented below, the hint.
std::string format_diagnostic(const Diagnostic& d, const Catalog& catalog, Language lang);

/// Catalog entries for the words used by every layer ("error", "warning", "hint") and the reasons
/// of os_reason().
Catalog common_catalog();

/// Why a file operation failed, from its errno value, as a message argument: a catalog term
/// ("@os.enoent") for the reasons a user meets (no such file, permission, a full device ...),
/// which render in Arabic too, else the system's own (English) text.
std::string os_reason(int errnum);

}  // namespace mamar
