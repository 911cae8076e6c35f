#include "mamar/common/diagnostic.hpp"

#include <algorithm>

namespace mamar {

void Catalog::add(std::string key, std::string en, std::string ar) {
  templates_.insert_or_assign(std::move(key), std::make_pair(std::move(en), std::move(ar)));
}

void Catalog::merge(const Catalog& other) {
  for (const auto& [key, texts] : other.templates_) templates_.insert_or_assign(key, texts);
}

bool Catalog::contains(std::string_view key) const {
  return templates_.find(key) != templates_.end();
}

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
  std::string out;
  out.reserve(tpl.size() + 32);
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '{') {
      std::size_t close = tpl.find('}', i);
      if (close != std::string::npos) {
        std::string_view name(tpl.data() + i + 1, close - i - 1);
        auto arg = std::find_if(message.args.begin(), message.args.end(),
                                [&](const auto& a) { return a.first == name; });
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
      }
    }
    out += tpl[i];
  }
  return out;
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

Catalog common_catalog() {
  Catalog c;
  c.add("word.error", "error", "خطأ");
  c.add("word.warning", "warning", "تحذير");
  c.add("word.hint", "hint", "تلميح");
  return c;
}

}  // namespace mamar
