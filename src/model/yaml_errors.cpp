#include "yaml_errors.hpp"

#include <yaml-cpp/exceptions.h>

#include <array>
#include <string_view>

namespace mamar::model::detail {
namespace {

struct Reason {
  const char* library;  // YAML::ErrorMsg text; those ending in ": " are followed by a value
  const char* key;
  const char* ar;
};

namespace M = YAML::ErrorMsg;

// The scanner's and parser's messages; the others (INVALID_NODE, BAD_CONVERSION ...) come from
// misusing nodes in code, not from a file.
const std::array<Reason, 38>& reasons() {
  static const std::array<Reason, 38> kReasons = {{
      {M::YAML_DIRECTIVE_ARGS, "directive-args", "يأخذ توجيه %YAML وسيطاً واحداً بالضبط"},
      {M::YAML_VERSION, "version", "إصدار YAML غير صالح: "},
      {M::YAML_MAJOR_VERSION, "major-version", "الإصدار الرئيسي لـ YAML أكبر من المدعوم"},
      {M::REPEATED_YAML_DIRECTIVE, "repeated-yaml-directive", "توجيه %YAML مكرر"},
      {M::TAG_DIRECTIVE_ARGS, "tag-directive-args", "يأخذ توجيه %TAG وسيطين بالضبط"},
      {M::REPEATED_TAG_DIRECTIVE, "repeated-tag-directive", "توجيه %TAG مكرر"},
      {M::CHAR_IN_TAG_HANDLE, "char-in-tag-handle", "حرف غير مسموح في مقبض الوسم (tag handle)"},
      {M::TAG_WITH_NO_SUFFIX, "tag-without-suffix", "مقبض وسم بلا لاحقة"},
      {M::END_OF_VERBATIM_TAG, "verbatim-tag-end", "لم يُعثر على نهاية الوسم الحرفي (<…>!)"},
      {M::END_OF_MAP, "end-of-map", "لم يُعثر على نهاية التعيين (map)"},
      {M::END_OF_MAP_FLOW, "end-of-map-flow", "لم يُعثر على نهاية التعيين بين { }"},
      {M::END_OF_SEQ, "end-of-seq", "لم يُعثر على نهاية القائمة"},
      {M::END_OF_SEQ_FLOW, "end-of-seq-flow", "لم يُعثر على نهاية القائمة بين [ ]"},
      {M::MULTIPLE_TAGS, "multiple-tags", "لا يمكن إسناد أكثر من وسم إلى العقدة نفسها"},
      {M::MULTIPLE_ANCHORS, "multiple-anchors", "لا يمكن إسناد أكثر من مرساة (&) إلى العقدة نفسها"},
      {M::MULTIPLE_ALIASES, "multiple-aliases",
       "لا يمكن إسناد أكثر من اسم مستعار (*) إلى العقدة نفسها"},
      {M::ALIAS_CONTENT, "alias-content", "لا يحمل الاسم المستعار (*) أي محتوى، ولا حتى وسماً"},
      {M::INVALID_HEX, "invalid-hex", "حرف غير صالح في عدد ست عشري"},
      {M::INVALID_UNICODE, "invalid-unicode", "محرف يونيكود غير صالح: "},
      {M::INVALID_ESCAPE, "invalid-escape", "حرف هروب غير معروف: "},
      {M::UNKNOWN_TOKEN, "unknown-token", "رمز غير معروف"},
      {M::DOC_IN_SCALAR, "doc-in-scalar", "مؤشر مستند (--- أو ...) غير مسموح داخل قيمة"},
      {M::EOF_IN_SCALAR, "eof-in-scalar", "انتهى الملف داخل قيمة"},
      {M::CHAR_IN_SCALAR, "char-in-scalar", "حرف غير مسموح في قيمة"},
      {M::TAB_IN_INDENTATION, "tab-in-indentation", "مسافة جدولة (tab) غير مسموحة في الإزاحة"},
      {M::FLOW_END, "flow-end", "قوس إغلاق في غير موضعه"},
      {M::BLOCK_ENTRY, "block-entry", "عنصر قائمة ('- ') في غير موضعه"},
      {M::MAP_KEY, "map-key", "مفتاح تعيين في غير موضعه"},
      {M::MAP_VALUE, "map-value", "قيمة تعيين (':') في غير موضعها"},
      {M::ALIAS_NOT_FOUND, "alias-not-found", "لا اسم بعد *"},
      {M::ANCHOR_NOT_FOUND, "anchor-not-found", "لا اسم بعد &"},
      {M::CHAR_IN_ALIAS, "char-in-alias", "حرف غير مسموح في اسم مستعار"},
      {M::CHAR_IN_ANCHOR, "char-in-anchor", "حرف غير مسموح في مرساة"},
      {M::ZERO_INDENT_IN_BLOCK, "zero-indent-in-block",
       "لا يمكن أن تكون إزاحة القيمة الكتلية صفراً"},
      {M::CHAR_IN_BLOCK, "char-in-block", "حرف غير متوقع في قيمة كتلية"},
      {M::AMBIGUOUS_ANCHOR, "ambiguous-anchor", "لا يمكن إسناد الاسم المستعار نفسه إلى عدة عقد"},
      {M::UNKNOWN_ANCHOR, "unknown-anchor", "المرساة المشار إليها غير معرّفة"},
      {M::UNEXPECTED_END_MAP, "unexpected-end-map", "نهاية تعيين غير متوقعة"},
  }};
  return kReasons;
}

std::string_view trimmed(std::string_view library) {
  if (library.ends_with(": ")) library.remove_suffix(2);
  return library;
}

}  // namespace

void add_yaml_reasons(Catalog& c) {
  for (const auto& r : reasons()) {
    std::string ar = r.ar;
    if (ar.ends_with(": ")) ar.resize(ar.size() - 2);
    c.add(std::string("yaml.reason.") + r.key, std::string(trimmed(r.library)), ar);
  }
  c.add("yaml.syntax-with", "YAML syntax error: {reason}: {detail}",
        "خطأ في صياغة YAML: {reason}: {detail}");
}

Message yaml_syntax_message(const std::string& what) {
  for (const auto& r : reasons()) {
    const std::string_view library = r.library;
    const std::string_view reason = trimmed(library);
    const std::string key = std::string("@yaml.reason.") + r.key;
    if (what == reason) return Message{"yaml.syntax", {{"reason", key}}};
    // "unknown escape character: q"; also "the referenced anchor is not defined: a" of other
    // versions of the library.
    if (what.size() > reason.size() + 2 && std::string_view(what).starts_with(reason) &&
        what.compare(reason.size(), 2, ": ") == 0)
      return Message{"yaml.syntax-with",
                     {{"reason", key}, {"detail", what.substr(reason.size() + 2)}}};
  }
  return Message{"yaml.syntax", {{"reason", what}}};
}

std::size_t yaml_reason_count() {
  return reasons().size();
}

}  // namespace mamar::model::detail
