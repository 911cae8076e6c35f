// The messages of the command line itself: its help, its mistakes, the files it cannot read or
// write, an interrupted run. Beside the scenario's (model) and the results' (simulate) messages in
// app_catalog(), so that `--lang ar` gives every line mamar prints in Arabic.
#include "mamar/app/check.hpp"

namespace mamar::app {

Catalog command_line_catalog() {
  Catalog c;
  // The help (--help): what each command and option is for. Option names and literal values
  // (file names, fields of the scenario, en, ar, text, json) stay as they are typed.
  c.add("cli.help.mamar", "mamar — plan, simulate and track negotiated evacuations by convoy",
        "mamar — تخطيط عمليات الإجلاء بالقوافل ومحاكاتها ومتابعتها، وفق اتفاقات متفاوَض عليها");
  c.add("cli.help.check", "Check scenario files: every problem, or a summary of each valid one",
        "فحص ملفات السيناريو: كل مشكلة فيها، أو ملخص كل ملف صالح");
  c.add("cli.help.simulate", "Run Monte Carlo replications of a scenario and report the results",
        "محاكاة سيناريو بتكرارات مونت كارلو وعرض النتائج");
  c.add("cli.help.usage", "Usage", "الاستعمال");
  c.add("cli.help.options-badge", "OPTIONS", "خيارات");  // in the usage line: [OPTIONS]
  c.add("cli.help.command-badge", "COMMAND", "أمر");     // [COMMAND]
  c.add("cli.help.arguments", "Arguments", "المعاملات");
  c.add("cli.help.options", "Options", "الخيارات");
  c.add("cli.help.commands", "Commands", "الأوامر");
  c.add("cli.help.footer",
        "Run mamar check --help or mamar simulate --help for the options of each command.",
        "لمعرفة خيارات كل أمر شغّل mamar check --help أو mamar simulate --help.");
  c.add("cli.help.help", "Print this help and exit", "عرض هذه المساعدة ثم الخروج");
  c.add("cli.help.version", "Print the version and exit", "عرض رقم الإصدار ثم الخروج");
  c.add("cli.help.lang", "Language of all output: en for English (the default), ar for Arabic",
        "لغة الإخراج كله: en للإنجليزية (الافتراضية)، ar للعربية");
  c.add("cli.help.files", "Scenario files to check (YAML)", "ملفات السيناريو المراد فحصها (YAML)");
  c.add("cli.help.strict", "Fail on warnings too: count them as errors",
        "عدّ التحذيرات أخطاءً: يفشل الفحص بها أيضاً");
  c.add("cli.help.quiet", "Print only the problems, not the summary",
        "عرض المشكلات فقط، دون الملخص");
  c.add("cli.help.format", "Output format (default: text)", "صيغة الإخراج (الافتراضية: text)");
  c.add("cli.help.file", "Scenario file to simulate (YAML)", "ملف السيناريو المراد محاكاته (YAML)");
  c.add("cli.help.replications",
        "Number of replications, 1 to {to} (default: simulation.replications in the scenario)",
        "عدد التكرارات، من 1 إلى {to} (الافتراضي: simulation.replications في السيناريو)");
  c.add("cli.help.seed", "Random seed (default: simulation.seed in the scenario)",
        "البذرة العشوائية (الافتراضية: simulation.seed في السيناريو)");
  c.add("cli.help.threads",
        "Number of threads, at most {to}, and no more than the cores are used; 0 (the default) "
        "uses every core",
        "عدد خيوط المعالجة، {to} على الأكثر، ولا يُستعمل أكثر من عدد الأنوية؛ 0 (الافتراضي) لكل "
        "الأنوية");
  c.add("cli.help.out",
        "Write results.json and report.html (a report with charts) into DIR, made if missing",
        "كتابة results.json وreport.html (تقرير برسوم بيانية) في هذا المجلد، ويُنشأ إن لم يكن "
        "موجوداً");
  c.add("cli.help.ci-target",
        "Stop once the 95% confidence interval of the mean time to clear everyone is within "
        "± HOURS",
        "التوقف حين يضيق مجال الثقة 95% لمتوسط زمن إجلاء الجميع إلى ± هذا العدد من الساعات");
  c.add("cli.help.trace",
        "Write the event log of replication 0 to FILE, as CSV; its directory is made if missing, "
        "as --out's is",
        "كتابة سجل أحداث التكرار 0 في هذا الملف بصيغة CSV، ويُنشأ مجلده إن لم يكن موجوداً كما "
        "يُنشأ مجلد --out");
  c.add("cli.help.compare",
        "What if: run VARIANT, a changed copy of FILE, on the same replications and report the "
        "change, replication by replication; --out DIR then writes DIR/comparison.json, "
        "DIR/report.html and each run's results under DIR/base and DIR/variant",
        "ماذا لو: تشغيل البديل، وهو نسخة معدّلة من ملف السيناريو، على التكرارات نفسها وعرض "
        "التغيّر تكراراً بتكرار؛ ومعه يكتب --out في مجلده comparison.json وreport.html، ونتائج كل "
        "تشغيل تحت base وvariant");
  c.add("cli.help.what-if",
        "What if, without a copy: compare FILE with itself with the field PATH set to VALUE "
        "(YAML), as --compare does. PATH names a field as check does, a list item by its id: "
        "'places[gate].lanes=2'; PATH+=VALUE adds an item to a list, PATH-=ID removes one: "
        "'events-=snow'. Repeat for more fields",
        "ماذا لو، دون نسخة: مقارنة ملف السيناريو بنفسه وقد أُعطي الحقل المذكور القيمة المذكورة "
        "(YAML)، كما يفعل --compare. يُسمّى الحقل كما يسمّيه check، وعنصر القائمة بمعرّفه: "
        "'places[gate].lanes=2'؛ ومع += يُضاف عنصر إلى قائمة، ومع -= يُحذف منها عنصر بمعرّفه: "
        "'events-=snow'. يُكرَّر الخيار لتعديل حقول أخرى");
  c.add("cli.help.no-risks", "Leave out the stochastic risks", "استبعاد المخاطر العشوائية");
  c.add("cli.help.no-events", "Leave out the scheduled events", "استبعاد الأحداث المجدولة");
  c.add("cli.help.horizon",
        "Stop each replication after DURATION, e.g. \"10 d\" (default: simulation.horizon in the "
        "scenario)",
        "المدة القصوى لكل تكرار، مثلاً \"10 d\" (الافتراضية: simulation.horizon في السيناريو)");
  // The names of values in the help ("--seed N"), which the descriptions above refer to.
  c.add("cli.value.file", "FILE", "ملف");
  c.add("cli.value.dir", "DIR", "مجلد");
  c.add("cli.value.n", "N", "عدد");
  c.add("cli.value.hours", "HOURS", "ساعات");
  c.add("cli.value.duration", "DURATION", "مدة");
  c.add("cli.value.variant", "VARIANT", "بديل");
  c.add("cli.value.setting", "PATH=VALUE", "حقل=قيمة");
  c.add("cli.value.lang", "LANG", "لغة");
  c.add("cli.value.format", "FORMAT", "صيغة");
  // Mistakes on the command line.
  c.add("cli.run-help", "Run with --help for more information.",
        "للمزيد من المعلومات شغّل الأمر مع --help.");
  c.add("cli.unknown-command",
        "mamar: unknown command '{word}'; the commands are check and simulate",
        "mamar: أمر غير معروف '{word}'؛ الأمران هما check وsimulate");
  c.add("cli.unknown-option", "{command}: unknown option {option}",
        "{command}: خيار غير معروف {option}");
  c.add("cli.did-you-mean", "; did you mean {name}?", "؛ هل تقصد {name}؟");
  c.add("cli.option-of", "it is an option of {command}", "وهو خيار للأمر {command}");
  c.add("cli.one-file",
        "mamar simulate: one scenario FILE only, not also '{word}' (compare two files with "
        "--compare VARIANT)",
        "mamar simulate: ملف سيناريو واحد فقط، لا '{word}' معه (لمقارنة ملفين اذكر الثاني بعد "
        "--compare)");
  c.add("cli.file-required-simulate", "mamar simulate: FILE is required: the scenario to simulate",
        "mamar simulate: لم يُذكر ملف السيناريو المراد محاكاته");
  c.add("cli.file-required-check", "mamar check: FILE is required: the scenarios to check",
        "mamar check: لم تُذكر ملفات السيناريو المراد فحصها");
  c.add("cli.repeated", "{option}: given {n} times; give it once",
        "{option}: ذُكر {n:zero=# مرة|one=مرة واحدة|two=مرتين|few=# مرات|many=# مرة|other=# مرة}؛ "
        "يُذكر مرة واحدة فقط");
  c.add("cli.needs-value", "{option}: needs a value", "{option}: يحتاج إلى قيمة");
  c.add("cli.flag-value", "{option}: takes no value, not {value}",
        "{option}: لا يأخذ قيمة، لا {value}");
  c.add("cli.flag-value-empty", "{option}: takes no value: write it without '='",
        "{option}: لا يأخذ قيمة: اكتبه دون '='");
  c.add("cli.format-choice", "must be text or json, not {value}",
        "يجب أن يكون text أو json، لا {value}");
  c.add("cli.lang-choice", "must be en or ar, not {value}", "يجب أن يكون en أو ar، لا {value}");
  c.add("cli.not-whole", "not a whole number: {value}", "ليس عدداً صحيحاً: {value}");
  c.add("cli.range", "must be {from} to {to}, not {value}",
        "يجب أن يكون من {from} إلى {to}، لا {value}");
  c.add("cli.threads-range", "must be 0 (every core) to {to}, not {value}",
        "يجب أن يكون من 0 (كل الأنوية) إلى {to}، لا {value}");
  c.add("cli.seed", "not a whole number from 0 to 9223372036854775807 (2^63 - 1): {value}",
        "ليس عدداً صحيحاً من 0 إلى 9223372036854775807 (2^63 - 1): {value}");
  c.add("cli.not-number", "not a number: {value}", "ليس عدداً: {value}");
  c.add("cli.hours", "must be a finite number of hours above zero, not {value}",
        "يجب أن يكون عدداً منتهياً من الساعات أكبر من الصفر، لا {value}");
  c.add("cli.not-duration", "not a duration: {value} (e.g. 36 h, 10 d)",
        "ليس مدة: {value} (مثلاً 36 h أو 10 d)");
  c.add("cli.too-long", "too long: {value}; at most 3650 d (ten years)",
        "أطول مما يجوز: {value}؛ الحد الأقصى 3650 d (عشر سنوات)");
  c.add("cli.not-positive", "must be longer than zero, not {value}",
        "يجب أن يكون أطول من الصفر، لا {value}");
  c.add("cli.empty-file", "must name a file, not an empty word", "يجب أن يسمّي ملفاً، لا كلمة فارغة");
  c.add("cli.empty-directory", "must name a directory, not an empty word",
        "يجب أن يسمّي مجلداً، لا كلمة فارغة");
  c.add("cli.what-if-form",
        "'{value}' is not PATH=VALUE, PATH+=VALUE or PATH-=ID, e.g. 'places[gate].lanes=2'",
        "'{value}' ليس على صورة حقل=قيمة أو حقل+=قيمة أو حقل-=معرّف، مثلاً "
        "'places[gate].lanes=2'");
  c.add("cli.not-with", "{option}: not with {other}: {why}",
        "{option}: لا يجتمع مع {other}: {why}");
  c.add("cli.why-variant", "the variant is either a file or FILE with fields set",
        "البديل إما ملف وإما ملف السيناريو نفسه بحقول معدّلة");
  c.add("cli.why-fixed-count",
        "a comparison runs the same fixed number of replications of both scenarios "
        "(--replications)",
        "المقارنة تجري العدد الثابت نفسه من التكرارات على السيناريوهين (--replications)");
  c.add("cli.why-own-run", "trace each scenario in a run of its own",
        "يُكتب سجل أحداث كل سيناريو في تشغيل مستقل");
  // Files.
  c.add("cli.output-cut",
        "mamar: the output was cut short: its reader closed it, or its device is full",
        "mamar: انقطع الإخراج قبل تمامه: أغلقه قارئه أو امتلأ جهازه");
  c.add("cli.cannot-open", "cannot open the file", "تعذّر فتح الملف");
  c.add("cli.cannot-read", "mamar: cannot read {file}", "mamar: تعذّرت قراءة {file}");
  c.add("cli.cannot-write", "mamar: cannot write {file}: {reason}",
        "mamar: تعذّرت كتابة {file}: {reason}");
  c.add("cli.cannot-create", "mamar: {option}: cannot create {path}: {reason}",
        "mamar: {option}: تعذّر إنشاء {path}: {reason}");
  c.add("cli.out-is-directory",
        "mamar: --out: {path} is a directory: the run cannot write its file there",
        "mamar: --out: {path} مجلد: لا يستطيع التشغيل كتابة ملفه هناك");
  c.add("cli.trace-overwrites", "mamar: --trace: {file} is {what}: the trace would overwrite it",
        "mamar: --trace: {file} هو {what}: سيُكتب سجل الأحداث فوقه");
  c.add("cli.the-scenario-file", "the scenario file", "ملف السيناريو");
  c.add("cli.the-out-directory", "the directory --out writes into", "المجلد الذي يكتب فيه --out");
  c.add("cli.where-out-writes", "where --out writes {name}",
        "الموضع الذي يكتب فيه --out الملف {name}");
  c.add("cli.removed-stale",
        "mamar: removed from {dir} what an earlier run left there, which the new report.html "
        "would not match: {files}",
        "mamar: حُذف من {dir} ما تركه تشغيل سابق ولن يطابق ملف report.html الجديد: {files}");
  c.add("cli.internal-error", "mamar: internal error: {what}", "mamar: خطأ داخلي: {what}");
  // Results of a command.
  c.add("cli.summary-errors",
        "{errors:one=# error|other=# errors}, {warnings:one=# warning|other=# warnings}",
        "{errors:zero=لا أخطاء|one=خطأ واحد|two=خطآن|few=# أخطاء|many=# خطأً|other=# خطأ}، "
        "{warnings:zero=لا تحذيرات|one=تحذير واحد|two=تحذيران|few=# تحذيرات|many=# تحذيراً|"
        "other=# تحذير}");
  c.add("cli.strict-failed", "failed: --strict counts warnings as errors",
        "لم ينجح الفحص: مع --strict تُعدّ التحذيرات أخطاءً");
  c.add("cli.interrupted",
        "mamar: interrupted after {n:one=# replication|other=# replications} of {total}: the "
        "results are of those",
        "mamar: أُوقف بعد {n:one=تكرار واحد|two=تكرارين|few=# تكرارات|many=# تكراراً|other=# تكرار} "
        "من {total}: النتائج مبنية عليها وحدها");
  c.add("cli.trace-not-written", "the trace is not written", "لم يُكتب سجل الأحداث");
  c.add("cli.interrupted-nothing",
        "mamar: interrupted before any replication was done: nothing written",
        "mamar: أُوقف قبل أن يكتمل أي تكرار: لم يُكتب شيء");
  c.add("cli.progress-intervals", "intervals of the changes", "مجالات ثقة التغيّرات");
  c.add("cli.interrupted-compare",
        "mamar: interrupted: the comparison is not complete: nothing written",
        "mamar: أُوقف: المقارنة لم تكتمل: لم يُكتب شيء");
  return c;
}

}  // namespace mamar::app
