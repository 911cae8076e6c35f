#include "mamar/common/diagnostic.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <optional>
#include <system_error>

namespace mamar {

void Catalog::add(std::string key, std::string en, std::string ar) {
  if (templates_.find(key) != templates_.end()) added_twice_.push_back(key);
  templates_.insert_or_assign(std::move(key), std::make_pair(std::move(en), std::move(ar)));
}

void Catalog::merge(const Catalog& other) {
  for (const auto& [key, texts] : other.templates_) templates_.insert_or_assign(key, texts);
}

bool Catalog::contains(std::string_view key) const {
  return templates_.find(key) != templates_.end();
}

namespace {

// A placeholder with plural choices: "name:cat=text|cat=text". Splits it; nullopt when the text
// after the colon is not such a list (a literal brace in a hint, "{mean: 20 min}").
struct PluralChoice {
  std::string_view name;
  std::vector<std::pair<std::string_view, std::string_view>> forms;  // category name, text
};

std::optional<PluralChoice> parse_plural_choice(std::string_view inside) {
  const auto colon = inside.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  PluralChoice out{inside.substr(0, colon), {}};
  std::string_view rest = inside.substr(colon + 1);
  for (;;) {
    const auto bar = rest.find('|');
    const std::string_view form = rest.substr(0, bar);
    const auto eq = form.find('=');
    if (eq == std::string_view::npos || eq == 0 ||
        form.substr(0, eq).find(' ') != std::string_view::npos)
      return std::nullopt;
    out.forms.emplace_back(form.substr(0, eq), form.substr(eq + 1));
    if (bar == std::string_view::npos) break;
    rest = rest.substr(bar + 1);
  }
  return out;
}

// The form of `choice` for `value`: its category's, else other's; "#" replaced by the value.
std::string plural_form(const PluralChoice& choice, const std::string& value, Language lang) {
  const PluralCategory want = plural_category(value, lang);
  std::string_view chosen;
  for (const auto& [category, text] : choice.forms) {
    const auto c = parse_plural_category(category);
    if (c == want) {
      chosen = text;
      break;
    }
    if (c == PluralCategory::Other) chosen = text;  // unless the category's own form follows
  }
  std::string out;
  for (char ch : chosen) {
    if (ch == '#')
      out += value;
    else
      out += ch;
  }
  return out;
}

}  // namespace

std::string Catalog::render(const Message& message, Language lang) const {
  auto it = templates_.find(message.key);
  if (it == templates_.end()) {
    std::string out = message.key;
    for (const auto& [name, value] : message.args)
      out.append(" ").append(name).append("=").append(value);
    return out;
  }
  const std::string& tpl =
      lang == Language::Arabic && !it->second.second.empty() ? it->second.second : it->second.first;
  const auto argument = [&](std::string_view name) {
    return std::find_if(message.args.begin(), message.args.end(),
                        [&](const auto& a) { return a.first == name; });
  };
  std::string out;
  out.reserve(tpl.size() + 32);
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '{') {
      std::size_t close = tpl.find('}', i);
      if (close != std::string::npos) {
        const std::string_view inside(tpl.data() + i + 1, close - i - 1);
        auto arg = argument(inside);
        if (arg != message.args.end()) {
          const std::string& value = arg->second;
          if (!value.empty() && value[0] == '@' && contains(std::string_view(value).substr(1))) {
            out += render(Message{value.substr(1), {}}, lang);
          } else {
            out += value;
          }
          i = close;
          continue;
        }
        if (const auto choice = parse_plural_choice(inside)) {
          arg = argument(choice->name);
          if (arg != message.args.end()) {
            out += plural_form(*choice, arg->second, lang);
            i = close;
            continue;
          }
        }
      }
    }
    out += tpl[i];
  }
  return out;
}

std::vector<std::string> Catalog::plural_problems() const {
  std::vector<std::string> problems;
  for (const auto& [key, texts] : templates_) {
    for (const auto& [lang, tpl] :
         {std::pair{"en", &texts.first}, std::pair{"ar", &texts.second}}) {
      for (auto open = tpl->find('{'); open != std::string::npos; open = tpl->find('{', open + 1)) {
        const auto close = tpl->find('}', open);
        if (close == std::string::npos) break;
        const std::string_view inside = std::string_view(*tpl).substr(open + 1, close - open - 1);
        const auto choice = parse_plural_choice(inside);
        if (!choice) {
          // "{n:one=...": meant as a choice, but a form lacks its "category=".
          const auto colon = inside.find(':');
          const auto eq = inside.find('=', colon == std::string_view::npos ? 0 : colon);
          if (colon != std::string_view::npos && eq != std::string_view::npos &&
              parse_plural_category(inside.substr(colon + 1, eq - colon - 1)))
            problems.push_back(key + " (" + lang + "): a plural form without its category");
          continue;
        }
        bool other = false;
        for (const auto& [category, text] : choice->forms) {
          const auto c = parse_plural_category(category);
          if (!c)
            problems.push_back(key + " (" + lang + "): unknown plural category '" +
                               std::string(category) + "'");
          other = other || c == PluralCategory::Other;
          if (text.find('{') != std::string_view::npos)
            problems.push_back(key + " (" + lang + "): a plural form holds a placeholder");
        }
        if (!other)
          problems.push_back(key + " (" + lang + "): plural choice of '" +
                             std::string(choice->name) + "' without other");
      }
    }
  }
  return problems;
}

void Diagnostics::error(SourceLocation where, std::string path, Message message,
                        std::optional<Message> hint) {
  items_.push_back(
      {Severity::Error, std::move(where), std::move(path), std::move(message), std::move(hint)});
}

void Diagnostics::warning(SourceLocation where, std::string path, Message message,
                          std::optional<Message> hint) {
  items_.push_back(
      {Severity::Warning, std::move(where), std::move(path), std::move(message), std::move(hint)});
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const {
  return items_.size() - error_count();
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.where.file != b.where.file) return a.where.file < b.where.file;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
}

std::string format_diagnostic(const Diagnostic& d, const Catalog& catalog, Language lang) {
  std::string out = d.where.file;
  if (d.where.line > 0) {
    out += ":" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column);
  }
  out += ": ";
  out += catalog.render({d.severity == Severity::Error ? "word.error" : "word.warning", {}}, lang);
  out += ": ";
  if (!d.path.empty()) out += d.path + ": ";
  out += catalog.render(d.message, lang);
  if (d.hint) {
    out +=
        "\n    " + catalog.render({"word.hint", {}}, lang) + ": " + catalog.render(*d.hint, lang);
  }
  return out;
}

namespace {

// The reasons os_reason() translates: errno value, key, the English the C library gives for it
// (so that English output is the same either way) and the Arabic.
struct OsReason {
  int errnum;
  const char* key;
  const char* en;
  const char* ar;
};

constexpr std::array kOsReasons = {
    OsReason{ENOENT, "os.enoent", "No such file or directory", "لا يوجد ملف أو مجلد بهذا الاسم"},
    OsReason{EACCES, "os.eacces", "Permission denied", "لا يوجد إذن بالوصول"},
    OsReason{EPERM, "os.eperm", "Operation not permitted", "العملية غير مسموح بها"},
    OsReason{EISDIR, "os.eisdir", "Is a directory", "هذا مجلد لا ملف"},
    OsReason{ENOTDIR, "os.enotdir", "Not a directory", "جزء من المسار ليس مجلداً"},
    OsReason{ENOSPC, "os.enospc", "No space left on device", "لم تبقَ مساحة على الجهاز"},
    OsReason{EDQUOT, "os.edquot", "Disk quota exceeded", "تُجووزت حصة التخزين على القرص"},
    OsReason{EROFS, "os.erofs", "Read-only file system", "نظام الملفات للقراءة فقط"},
    OsReason{ENAMETOOLONG, "os.enametoolong", "File name too long", "اسم الملف أطول مما يجوز"},
    OsReason{EEXIST, "os.eexist", "File exists", "الملف موجود"},
    OsReason{EIO, "os.eio", "Input/output error", "خطأ في القراءة أو الكتابة على الجهاز"},
    OsReason{EFBIG, "os.efbig", "File too large", "الملف أكبر مما يجوز"},
    OsReason{EMFILE, "os.emfile", "Too many open files", "الملفات المفتوحة أكثر مما يجوز"},
    OsReason{ELOOP, "os.eloop", "Too many levels of symbolic links",
             "مستويات الروابط الرمزية أكثر مما يجوز"},
};

}  // namespace

Catalog common_catalog() {
  Catalog c;
  c.add("word.error", "error", "خطأ");
  c.add("word.warning", "warning", "تحذير");
  c.add("word.hint", "hint", "تلميح");
  for (const auto& r : kOsReasons) c.add(r.key, r.en, r.ar);
  return c;
}

std::string os_reason(int errnum) {
  for (const auto& r : kOsReasons) {
    if (r.errnum == errnum) return std::string("@") + r.key;
  }
  return std::error_code(errnum, std::generic_category()).message();
}

}  // namespace mamar
