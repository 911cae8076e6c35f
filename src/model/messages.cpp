// The messages of the model layer, in English and Arabic. Placeholders are {name}.
#include "mamar/model/load.hpp"
#include "yaml_errors.hpp"

namespace mamar::model {

Catalog model_catalog() {
  Catalog c = common_catalog();
  // Terms used inside other messages.
  c.add("term.a-list", "a list", "قائمة");
  c.add("term.a-mapping", "a mapping (key: value)", "تعيين (مفتاح: قيمة)");
  c.add("term.nothing", "nothing", "لا شيء");
  c.add("term.text", "text", "نص");
  c.add("term.whole-number", "a whole number", "عدد صحيح");
  c.add("term.number", "a number", "عدد");
  c.add("term.boolean", "true or false", "صح أو خطأ (true/false)");
  c.add("term.share", "a share (0.25 or \"25%\")", "نسبة (0.25 أو \"25%\")");
  c.add("term.duration", "a duration (\"90 min\")", "مدة (\"90 min\")");
  c.add("term.time", "a time (\"2016-12-15T05:00+02:00\")", "وقت (\"2016-12-15T05:00+02:00\")");
  c.add("term.clock-time", "a clock time (\"06:00\")", "وقت من اليوم (\"06:00\")");
  c.add("term.length", "a length (\"6.8 km\")", "مسافة (\"6.8 km\")");
  c.add("term.id", "an id", "معرّف");
  c.add("term.word", "a word", "كلمة");
  c.add("term.party", "party", "طرف");
  c.add("term.category", "category", "فئة");
  c.add("term.place", "place", "مكان");
  c.add("term.route", "route", "طريق");
  c.add("term.vehicle-type", "vehicle type", "نوع مركبة");
  c.add("term.operation", "operation", "عملية");
  c.add("term.risk", "risk", "خطر");
  c.add("term.event", "event", "حدث");
  c.add("term.linkage", "linkage", "ربط");
  c.add("term.phase", "phase", "مرحلة");

  // Files and YAML.
  c.add("file.unreadable", "cannot read the file: {reason}", "تعذّرت قراءة الملف: {reason}");
  c.add("file.too-large", "the file is {size} bytes, more than the {max} allowed",
        "حجم الملف {size} بايت، أكبر من الحد المسموح {max}");
  c.add("file.too-long", "the file holds more than the {max} bytes allowed",
        "يحوي الملف أكثر من الحد المسموح {max} بايت");
  c.add("file.binary", "the file is not text (it contains NUL bytes)",
        "الملف ليس نصاً (يحتوي بايتات صفرية)");
  c.add("hint.save-utf8-not-utf16",
        "save the file as UTF-8 (an editor that saves UTF-16, or 'Unicode', puts a NUL byte "
        "beside every Latin letter)",
        "احفظ الملف بترميز UTF-8 (المحرر الذي يحفظ بترميز UTF-16 أو 'Unicode' يضع بايتاً صفرياً "
        "بجانب كل حرف لاتيني)");
  c.add("file.utf8", "the file is not valid UTF-8 here", "الملف ليس بترميز UTF-8 صالح هنا");
  c.add("hint.save-utf8", "save the file as UTF-8", "احفظ الملف بترميز UTF-8");
  c.add("yaml.syntax", "YAML syntax error: {reason}", "خطأ في صياغة YAML: {reason}");
  detail::add_yaml_reasons(c);
  // Settings of --what-if (model/settings.hpp).
  c.add("set.bad-path",
        "'{path}' names no field: keys joined by '.', a list item by its id or position in "
        "brackets (operations[aleppo].fleet[0].count)",
        "'{path}' لا يسمّي حقلاً: مفاتيح يفصل بينها '.'، وعنصر القائمة بمعرّفه أو موضعه بين "
        "قوسين (operations[aleppo].fleet[0].count)");
  c.add("set.bad-value", "'{value}' for {path} is not a YAML value",
        "'{value}' للحقل {path} ليست قيمة YAML");
  c.add("set.no-field", "{path}: the scenario has no '{at}'",
        "{path}: لا يوجد '{at}' في السيناريو");
  c.add("set.no-item", "{path}: no list item '{at}' (by id or position)",
        "{path}: لا عنصر '{at}' في القائمة (بالمعرّف أو الموضع)");
  c.add("set.not-a-list", "{path}: '{at}' is not a list", "{path}: '{at}' ليس قائمة");
  c.add("set.not-a-map", "{path}: '{at}' is not a mapping of fields",
        "{path}: '{at}' ليس تعييناً من الحقول");
  c.add("set.file-not-yaml", "the scenario is not a YAML mapping", "السيناريو ليس تعيين YAML");
  c.add("yaml.comma-line", "YAML syntax error: a line cannot start with ',' outside [ ] or { }",
        "خطأ في صياغة YAML: لا يمكن أن يبدأ سطر بـ ',' خارج [ ] أو { }");
  c.add("yaml.unexpected", "YAML syntax error: unexpected {what}",
        "خطأ في صياغة YAML: {what} غير متوقع");
  c.add("yaml.too-deep", "the file is nested more than {max} levels deep",
        "تداخل الملف أعمق من {max} مستوى");
  c.add("hint.yaml-unclosed", "the '{bracket}' opened on line {line} is not closed",
        "القوس '{bracket}' المفتوح في السطر {line} غير مغلق");
  c.add("hint.yaml-indent",
        "a line here is indented differently from the others of its list or mapping, or a list "
        "item lacks its '- '",
        "سطر هنا مُزاح على غير إزاحة بقية سطور قائمته أو تعيينه، أو عنصر قائمة ينقصه '- '");
  c.add("hint.yaml-tab", "YAML does not allow tabs for indentation; indent with spaces",
        "لا تسمح YAML بمسافات الجدولة (tab) للإزاحة؛ استخدم المسافات");
  c.add("yaml.empty", "the file holds no scenario", "الملف لا يحتوي سيناريو");
  c.add("yaml.multiple-documents", "only one YAML document per file is read; this one is ignored",
        "يُقرأ مستند YAML واحد فقط في كل ملف؛ هذا المستند مُهمَل");
  c.add("hint.minimal", "start from scenarios/examples/01-minimal.yaml in mamar's source tree",
        "ابدأ من scenarios/examples/01-minimal.yaml في شجرة مصادر mamar");

  // Types and values.
  c.add("type.expected", "expected {what}, found {found}", "المتوقع {what}، والموجود {found}");
  c.add("number.not-whole", "{value} is not a whole number", "{value} ليس عدداً صحيحاً");
  c.add("number.range", "{value} is outside the allowed range {lo} to {hi}",
        "{value} خارج المجال المسموح من {lo} إلى {hi}");
  c.add("hint.counts-removed",
        "'people' is how many people of the categories aboard the removal takes off",
        "'people' هو عدد من تُنزلهم عملية الإنزال من ركاب هذه الفئات");
  c.add("hint.counts-people", "'people' is the number of people in the group, before 'willing'",
        "'people' عدد الأشخاص في المجموعة، قبل تطبيق 'willing'");
  c.add("hint.counts-vehicles", "'count' is the number of vehicles in this batch",
        "'count' عدد المركبات في مجموعة المركبات هذه");
  c.add("hint.counts-escorts", "'count' is the number of escort vehicles with each convoy",
        "'count' عدد مركبات المرافقة مع كل قافلة");
  c.add("hint.counts-seats", "'seats' is the number of seated passengers one vehicle carries",
        "'seats' عدد الركاب الجالسين الذين تحملهم مركبة واحدة");
  c.add("hint.counts-stretchers", "'stretchers' is the number of stretcher places in one vehicle",
        "'stretchers' عدد أماكن النقالات في مركبة واحدة");
  c.add("hint.counts-bays", "'bays' is the number of vehicles that board or unload at one time",
        "'bays' عدد المركبات التي يُصعد إليها أو تُفرَّغ في الوقت نفسه");
  c.add("hint.counts-lanes", "'lanes' is the number of vehicles inspected at one time",
        "'lanes' عدد المركبات التي تُفتَّش في الوقت نفسه");
  c.add("hint.counts-capacity",
        "'capacity' is a number of people: the beds of a shelter, or the people who can wait at "
        "a gathering point",
        "'capacity' عدد أشخاص: أسرّة مركز الإيواء، أو من يمكنهم الانتظار في نقطة التجمع");
  c.add("hint.counts-convoy", "'{field}' is a number of loaded vehicles in one convoy",
        "'{field}' عدد المركبات المحمّلة في قافلة واحدة");
  c.add("hint.counts-quota", "'quota' is the most people this phase may move",
        "'quota' أكبر عدد من الأشخاص يمكن أن تنقله هذه المرحلة");
  c.add("hint.counts-allowance",
        "'allowance' is the number of people by which 'follow' may run ahead of the ratio",
        "'allowance' عدد الأشخاص الذين يمكن أن تتقدم بهم 'follow' على النسبة");
  c.add("hint.counts-casualties", "'{field}' is a number of people in the incident",
        "'{field}' عدد أشخاص في الحادثة");
  c.add("hint.counts-destroyed", "'vehicles' is the number of vehicles destroyed",
        "'vehicles' عدد المركبات المدمَّرة");
  c.add("hint.counts-replications", "'replications' is the number of simulated runs",
        "'replications' عدد مرات تشغيل المحاكاة");
  c.add("number.positive", "must be greater than 0, found {value}",
        "يجب أن يكون أكبر من 0، والموجود {value}");
  c.add("number.at-least", "{value} is less than {lo}", "{value} أقل من {lo}");
  c.add("share.invalid", "expected a share such as 0.25 or \"25%\", found {found}",
        "المتوقع نسبة مثل 0.25 أو \"25%\"، والموجود {found}");
  c.add("share.range", "share {value} is not between 0 and 1 (0% and 100%)",
        "النسبة {value} ليست بين 0 و1 (0% و100%)");
  c.add("hint.percent", "write \"{value}%\" for a percentage", "اكتب \"{value}%\" للنسبة المئوية");
  c.add("duration.invalid", "expected a duration, found {found}", "المتوقع مدة، والموجود {found}");
  c.add("hint.duration-unit", "add a unit: \"{value} min\", \"{value} h\"",
        "أضف وحدة: \"{value} min\" أو \"{value} h\"");
  c.add("hint.duration-form", "durations look like \"90 min\", \"1.5 h\", \"1 h 30 min\", \"3 d\"",
        "تُكتب المدد هكذا: \"90 min\"، \"1.5 h\"، \"1 h 30 min\"، \"3 d\"");
  c.add("hint.duration-unit-near",
        "'{unit}' is not a unit of time: did you mean '{near}'? The units are ms; s, sec(s), "
        "second(s); min(s), minute(s); h, hr(s), hour(s); d, day(s)",
        "'{unit}' ليست وحدة زمن: هل تقصد '{near}'؟ الوحدات هي ms؛ s و sec(s) و second(s)؛ "
        "min(s) و minute(s)؛ h و hr(s) و hour(s)؛ d و day(s)");
  c.add("hint.duration-unit-unknown",
        "'{unit}' is not a unit of time; the units are ms; s, sec(s), second(s); min(s), "
        "minute(s); h, hr(s), hour(s); d, day(s)",
        "'{unit}' ليست وحدة زمن؛ الوحدات هي ms؛ s و sec(s) و second(s)؛ min(s) و minute(s)؛ "
        "h و hr(s) و hour(s)؛ d و day(s)");
  c.add("duration.negative", "duration {value} is negative", "المدة {value} سالبة");
  c.add("duration.parts-order",
        "duration {value} gives a unit more than once, or a smaller one before a larger: each "
        "unit once, the largest first",
        "المدة {value} تذكر وحدةً أكثر من مرة، أو وحدةً أصغر قبل أكبر: كل وحدة مرة واحدة، "
        "والأكبر أولاً");
  c.add("duration.too-long",
        "duration {value} is too long: at most 11,574,074 d (about 31,700 years)",
        "المدة {value} أطول مما يجوز: الحد الأقصى 11,574,074 d (نحو 31,700 سنة)");
  c.add("time.after-9999",
        "the simulation would run past the end of the year 9999 (to {end}): start earlier or "
        "shorten the horizon (simulation.horizon, or --horizon)",
        "ستمتد المحاكاة إلى ما بعد نهاية السنة 9999 (حتى {end}): قدّم البدء أو قصّر الأفق "
        "(simulation.horizon أو --horizon)");
  c.add("time.invalid", "expected a time, found {found}", "المتوقع وقت، والموجود {found}");
  c.add("hint.time-offset", "add the UTC offset, e.g. \"2016-12-15T05:00+02:00\"",
        "أضف فرق التوقيت عن UTC، مثل \"2016-12-15T05:00+02:00\"");
  c.add("hint.time-form", "times look like \"2016-12-15T05:00+02:00\"",
        "تُكتب الأوقات هكذا: \"2016-12-15T05:00+02:00\"");
  c.add("clock.invalid", "expected a clock time, found {found}",
        "المتوقع وقت من اليوم، والموجود {found}");
  c.add("hint.clock-form", "write clock times in quotes, \"06:00\" to \"24:00\"",
        "اكتب أوقات اليوم بين علامتي تنصيص، من \"06:00\" إلى \"24:00\"");
  c.add("length.invalid", "expected a length, found {found}", "المتوقع مسافة، والموجود {found}");
  c.add("hint.length-form", "lengths look like \"6.8 km\" or \"500 m\"",
        "تُكتب المسافات هكذا: \"6.8 km\" أو \"500 m\"");
  c.add("id.invalid", "{found} is not a valid id", "{found} ليس معرّفاً صالحاً");
  c.add("hint.id-form", "ids use lower-case letters, digits, '-' and '_', starting with a letter",
        "تتكون المعرّفات من حروف لاتينية صغيرة وأرقام و'-' و'_' وتبدأ بحرف");
  c.add("choice.invalid", "{found} is not one of: {choices}", "{found} ليس من القيم: {choices}");
  c.add("hint.did-you-mean", "did you mean '{name}'?", "هل تقصد '{name}'؟");
  c.add("name.not-map", "a name is a mapping of \"ar\" and/or \"en\", found {found}",
        "الاسم تعيين من \"ar\" و/أو \"en\"، والموجود {found}");
  c.add("name.empty", "a name needs an Arabic (ar) or English (en) form",
        "يحتاج الاسم إلى صيغة عربية (ar) أو إنجليزية (en)");
  c.add("hint.phases-empty", "leave 'phases' out for everyone to leave in one phase",
        "احذف 'phases' ليغادر الجميع في مرحلة واحدة");
  c.add("name.control",
        "a name cannot hold a control character ({code}): names are written as they are to the "
        "terminal and the report",
        "لا يجوز أن يحوي الاسم محرف تحكم ({code}): تُكتب الأسماء كما هي في الطرفية وفي التقرير");
  c.add("hint.name-form", "name: {ar: \"جسر الراموسة\", en: \"Ramouseh bridge\"}",
        "name: {ar: \"جسر الراموسة\", en: \"Ramouseh bridge\"}");

  // Distributions.
  c.add("dist.form", "expected a distribution, found {found}",
        "المتوقع توزيع احتمالي، والموجود {found}");
  c.add(
      "hint.dist-form",
      "a value (\"15 min\") or one of {uniform: [a, b]}, {triangular: [min, mode, max]}, "
      "{exponential: mean}, {normal: {mean, sd}}, {lognormal: {mean, sd}}, {empirical: [[v, w], "
      "...]}",
      "قيمة (\"15 min\") أو أحد: {uniform: [a, b]}، {triangular: [min, mode, max]}، {exponential: "
      "mean}، {normal: {mean, sd}}، {lognormal: {mean, sd}}، {empirical: [[v, w], ...]}");
  c.add("dist.unknown", "unknown distribution {found}", "توزيع غير معروف {found}");
  c.add("dist.one-kind", "a distribution names exactly one kind, found {count}: {kinds}",
        "يُسمّي التوزيع نوعاً واحداً فقط، والموجود {count}: {kinds}");
  c.add("dist.values-count", "expected a list of {count:one=# value|other=# values}, found {found}",
        "المتوقع قائمة من {count:one=قيمة واحدة|two=قيمتين|few=# قيم|many=# قيمةً|other=# قيمة}، "
        "والموجود {found}");
  c.add("dist.values", "expected a list of {count:one=# value|other=# values}, found {found}",
        "المتوقع قائمة من {count:one=قيمة واحدة|two=قيمتين|few=# قيم|many=# قيمةً|other=# قيمة}، "
        "والموجود {found}");
  c.add("dist.uniform-order", "uniform: the first value is larger than the second",
        "uniform: القيمة الأولى أكبر من الثانية");
  c.add("dist.triangular-order", "triangular: values must satisfy min <= mode <= max and min < max",
        "triangular: يجب أن تكون القيم min <= mode <= max و min < max");
  c.add("dist.mean-positive", "the mean must be greater than zero",
        "يجب أن يكون المتوسط أكبر من الصفر");
  c.add("hint.normal-form", "normal: {mean: 20 min, sd: 5 min}",
        "normal: {mean: 20 min, sd: 5 min}");
  c.add("hint.lognormal-form", "lognormal: {mean: 3 h, sd: 2 h}",
        "lognormal: {mean: 3 h, sd: 2 h}");
  c.add("dist.lognormal-min", "a lognormal has no 'min' (it is never negative)",
        "التوزيع اللوغاريتمي الطبيعي ليس له 'min' (لا يكون سالباً)");
  c.add("dist.lognormal-positive", "lognormal: mean and sd must be greater than zero",
        "lognormal: يجب أن يكون mean و sd أكبر من الصفر");
  c.add("dist.min-max", "max must be greater than min", "يجب أن يكون max أكبر من min");
  c.add("dist.truncation-empty", "the limits leave (almost) nothing of this distribution",
        "الحدود لا تُبقي شيئاً (تقريباً) من هذا التوزيع");
  c.add("dist.empirical-form", "expected a list of [value, weight] pairs, found {found}",
        "المتوقع قائمة من أزواج [قيمة، وزن]، والموجود {found}");
  c.add("dist.empirical-empty", "the table is empty: give at least one [value, weight] row",
        "الجدول فارغ: أعطِ صفاً واحداً على الأقل [قيمة، وزن]");
  c.add("dist.cdf-empty",
        "the table is empty: give [value, probability] rows from probability 0 to 1",
        "الجدول فارغ: أعطِ صفوف [قيمة، احتمال] من الاحتمال 0 إلى 1");
  c.add("hint.empirical-form",
        "empirical: [[1, 30], [4, 50]] or empirical: {cdf: [[0 h, 0], [6 h, 1]]}",
        "empirical: [[1, 30], [4, 50]] أو empirical: {cdf: [[0 h, 0], [6 h, 1]]}");
  c.add("dist.empirical-size", "the table has more than 100000 rows",
        "الجدول فيه أكثر من 100000 صف");
  c.add("dist.empirical-row", "expected a [value, weight] pair, found {found}",
        "المتوقع زوج [قيمة، وزن]، والموجود {found}");
  c.add("dist.empirical-row-count",
        "expected a [value, weight] pair, found {found:one=# value|other=# values}",
        "المتوقع زوج [قيمة، وزن]، والموجود {found:zero=لا قيم|one=قيمة واحدة|two=قيمتان|"
        "few=# قيم|many=# قيمةً|other=# قيمة}");
  c.add("dist.cdf-order", "cdf rows must increase in value and probability",
        "يجب أن تتزايد صفوف cdf في القيمة والاحتمال");
  c.add("dist.cdf-ends", "a cdf starts at probability 0 and ends at 1",
        "تبدأ cdf بالاحتمال 0 وتنتهي بـ 1");
  c.add("dist.weights-zero", "the weights add up to zero", "مجموع الأوزان صفر");

  // Fields.
  c.add("field.missing", "required field '{field}' is missing", "الحقل المطلوب '{field}' مفقود");
  c.add("field.empty", "field '{field}' has no value", "الحقل '{field}' بلا قيمة");
  c.add("hint.empty-value", "write a value, or leave the field out for its default",
        "اكتب قيمة، أو احذف الحقل ليأخذ قيمته الافتراضية");
  c.add("field.key-not-text", "a field name must be text, found {found}",
        "يجب أن يكون اسم الحقل نصاً، والموجود {found}");
  c.add("field.duplicate", "field '{field}' is given twice", "الحقل '{field}' مكرر");
  c.add("hint.first-given", "first given on line {line}", "ورد أولاً في السطر {line}");
  c.add("field.unknown", "unknown field '{field}'", "حقل غير معروف '{field}'");
  c.add("field.merge-key",
        "merge keys ('<<') are not read: the fields of the mapping it names are not taken",
        "مفاتيح الدمج ('<<') لا تُقرأ: لا تؤخذ حقول الخريطة التي يسمّيها");
  c.add("hint.merge-key",
        "write the fields out here; an alias (*name) can stand for a whole value, such as a "
        "distribution or a name",
        "اكتب الحقول هنا؛ يمكن للاسم المستعار (*name) أن يحلّ محلّ قيمة كاملة، مثل توزيع أو اسم");
  c.add("hint.known-fields", "fields here: {fields}", "الحقول هنا: {fields}");
  c.add("pcode.invalid",
        "'{found}' is not an OCHA P-code (two capitals then capitals or digits, e.g. SY0200)",
        "'{found}' ليس رمز P-code من أوتشا (حرفان كبيران ثم حروف كبيرة أو أرقام، مثل SY0200)");
  c.add("place.field-kind", "'{field}' applies to places of kind {kinds}, not {kind}",
        "'{field}' ينطبق على الأماكن من نوع {kinds}، لا على {kind}");
  c.add("format.version", "format version {found} is not supported; this mamar reads version 1",
        "إصدار الصيغة {found} غير مدعوم؛ هذا الإصدار من mamar لا يقرأ إلا الصيغة 1");
  c.add("checkpoint.party", "a checkpoint needs the 'party' that controls it",
        "يحتاج الحاجز إلى 'party' الطرف الذي يسيطر عليه");
  c.add("list.empty", "'{field}' needs at least one entry",
        "يحتاج '{field}' إلى عنصر واحد على الأقل");
  c.add("household.min", "a household has at least 1 person", "تضم الأسرة شخصاً واحداً على الأقل");
  c.add("phase.no-categories", "a phase needs at least one category",
        "تحتاج المرحلة إلى فئة واحدة على الأقل");
  c.add("timezone.invalid", "'{found}' is not a UTC offset such as \"+02:00\"",
        "'{found}' ليس فرق توقيت مثل \"+02:00\"");
  c.add("linkage.field-kind", "'{field}' does not apply to a linkage of kind {kind}",
        "'{field}' لا ينطبق على ربط من نوع {kind}");
  c.add("tranche.form", "a tranche maps operation ids to amounts, found {found}",
        "الدفعة تعيين من معرّفات العمليات إلى كميات، والموجود {found}");
  c.add("hint.tranche-form", "- {aleppo: 50%, foua: 50%}", "- {aleppo: 50%, foua: 50%}");
  c.add("tranche.amount", "an amount is a share (\"50%\") or a number of people, found {found}",
        "الكمية نسبة (\"50%\") أو عدد أشخاص، والموجود {found}");
  c.add("risk.field-kind", "'{field}' does not apply to a {kind}", "'{field}' لا ينطبق على {kind}");
  c.add("risk.place-or-route", "give either 'place' or 'route' (one of them)",
        "حدّد إما 'place' أو 'route' (أحدهما فقط)");
  c.add("risk.interval-zero", "the interval between suspensions must be greater than zero",
        "يجب أن تكون الفترة بين حالات تعليق الحركة أكبر من الصفر");
  c.add("risk.interval-zero-slowdown", "the interval between slowdowns must be greater than zero",
        "يجب أن تكون الفترة بين فترات التباطؤ أكبر من الصفر");
  c.add("slowdown.slows-nothing",
        "'slows' lists nothing: list what the slowdown slows (travel, boarding, inspection, "
        "unloading), or leave it out for travel alone",
        "'slows' لا تذكر شيئاً: اذكر ما يبطئه التباطؤ (travel، boarding، inspection، unloading)، "
        "أو احذفها ليبطئ التنقل وحده");
  c.add("slowdown.slows-twice", "'{word}' is listed twice in 'slows'",
        "'{word}' مذكورة مرتين في 'slows'");
  c.add("slowdown.place-and-route",
        "a slowdown is at one place or on one route: give 'place' or 'route', not both",
        "التباطؤ يكون في مكان واحد أو على طريق واحد: حدّد 'place' أو 'route' لا كليهما");
  c.add("slowdown.not-at-place",
        "'{word}' is not done at {kind} '{id}': a slowdown there slows {there}",
        "'{word}' لا يجري في {kind} '{id}': التباطؤ هناك يبطئ {there}");
  c.add("slowdown.not-on-route",
        "'{word}' is not done on a route: a slowdown on route '{id}' slows travel on its legs",
        "'{word}' لا يجري على طريق: التباطؤ على الطريق '{id}' يبطئ التنقل على مقاطعه");
  c.add("event.window-not-time", "a scheduled {kind} has 'from' and 'to', not 'time'",
        "الحدث المجدول {kind} له 'from' و'to' وليس 'time'");
  c.add("event.time-not-window", "a scheduled {kind} has a 'time', not 'from'/'to'",
        "الحدث المجدول {kind} له 'time' وليس 'from'/'to'");
  c.add("event.share-or-people",
        "give either 'share' (of the people of the categories aboard) or 'people' (how many are "
        "taken off), one of them",
        "حدّد إما 'share' (نسبة من ركاب هذه الفئات) أو 'people' (عدد من يُنزَلون)، أحدهما فقط");
  c.add("event.change-nothing",
        "a checkpoint change changes nothing: give 'party', 'lanes', 'inspection' or "
        "'empty_inspection'",
        "التغيّر في وضع الحاجز لا يغيّر شيئاً: حدّد 'party' أو 'lanes' أو 'inspection' أو "
        "'empty_inspection'");
  c.add("event.change-operations",
        "a checkpoint change holds for every convoy passing the checkpoint: leave out "
        "'operations'",
        "التغيّر في وضع الحاجز يسري على كل قافلة تمر به: احذف 'operations'");
  c.add("simulation.horizon-too-long",
        "a horizon of {found} is too long: at most 3650 d (ten years)",
        "مدة قصوى للمحاكاة قدرها {found} طويلة جداً: 3650 يوماً (عشر سنوات) على الأكثر");
  c.add("simulation.horizon", "the horizon must be longer than zero",
        "يجب أن تكون المدة القصوى للمحاكاة أطول من الصفر");

  // References and rules across fields.
  c.add("id.duplicate", "{kind} id '{id}' is declared twice", "معرّف {kind} '{id}' مُعلَن مرتين");
  c.add("hint.first-declared", "first declared on line {line}", "عُرِّف أولاً في السطر {line}");
  c.add("ref.unknown", "unknown {kind} '{id}'", "معرّف {kind} غير معروف '{id}'");
  c.add("hint.none-declared", "no {kind} is declared in this scenario",
        "لم يُعرَّف أيُّ {kind} في هذا السيناريو");
  c.add("hint.known-ids", "known: {ids}", "المعروف: {ids}");
  c.add("place.wrong-kind", "place '{id}' is of kind {kind}; expected {wanted}",
        "المكان '{id}' من نوع {kind}؛ والمتوقع {wanted}");
  c.add("route.leg-loop", "a leg goes from '{id}' to itself", "مقطع يبدأ من '{id}' وينتهي إليه");
  c.add("route.disconnected",
        "the route does not connect: this leg starts at '{from}' but the previous one ends at "
        "'{prev}'",
        "الطريق غير متصل: يبدأ هذا المقطع من '{from}' بينما ينتهي السابق عند '{prev}'");
  c.add("hint.route-connect", "start this leg at '{prev}', or add a leg from '{prev}'",
        "ابدأ هذا المقطع من '{prev}' أو أضف مقطعاً من '{prev}'");
  c.add("route.out-start",
        "route '{route}' starts at '{first}', not at the gathering point '{expected}'",
        "الطريق '{route}' يبدأ من '{first}' وليس من نقطة التجمع '{expected}'");
  c.add("route.out-end", "route '{route}' ends at '{last}', not at the destination '{expected}'",
        "الطريق '{route}' ينتهي عند '{last}' وليس عند الوجهة '{expected}'");
  c.add("route.return-start",
        "return route '{route}' starts at '{first}', not at the destination '{expected}'",
        "طريق العودة '{route}' يبدأ من '{first}' وليس من الوجهة '{expected}'");
  c.add("route.return-end",
        "return route '{route}' ends at '{last}', not back at the gathering point '{expected}'",
        "طريق العودة '{route}' ينتهي عند '{last}' وليس عند نقطة التجمع '{expected}'");
  c.add("convoy.max-below-min", "max_vehicles {max} is below min_vehicles {min}",
        "max_vehicles {max} أقل من min_vehicles {min}");
  c.add("convoy.max-below-agreement-min",
        "max_vehicles {max} is below the agreement's min_vehicles {min}",
        "max_vehicles {max} أقل من min_vehicles {min} في الاتفاق");
  c.add("convoy.min-above-agreement-max",
        "min_vehicles {min} is above the agreement's max_vehicles {max}",
        "min_vehicles {min} أكبر من max_vehicles {max} في الاتفاق");
  c.add("convoy.escort-role", "vehicle type '{id}' is not an escort",
        "نوع المركبة '{id}' ليس مركبة مرافقة");
  c.add("hint.escort-role", "give the type 'role: escort'", "أضف إلى النوع 'role: escort'");
  c.add("convoy.escort-twice", "escort type '{id}' is listed twice",
        "نوع المرافقة '{id}' مذكور مرتين");
  c.add("hint.escort-twice", "give its count once: {type: ..., count: N}",
        "اذكر عدده مرة واحدة: {type: ..., count: N}");
  c.add("window.to-before-from", "'to' is not after 'from'", "'to' ليس بعد 'from'");
  c.add("fleet.until-before-available", "'until' is not after 'available'",
        "'until' ليس بعد 'available'");
  c.add("fleet.until-not-after-start",
        "'until' is not after the agreement starts: the batch would never be available",
        "'until' ليس بعد بدء الاتفاق: لن تكون هذه المركبات متاحة أبداً");
  c.add("fleet.approach-end",
        "approach route '{id}' ends at '{end}', not at the operation's gathering point "
        "'{gathering}'",
        "طريق الوصول '{id}' ينتهي عند '{end}' لا عند نقطة التجمع للعملية '{gathering}'");
  c.add("fleet.approach-start",
        "approach route '{id}' starts at '{from}', not at the batch's start '{start}'",
        "طريق الوصول '{id}' يبدأ من '{from}' لا من نقطة انطلاق مجموعة المركبات '{start}'");
  c.add("hint.other-window", "window {other} is on line {line}", "النافذة {other} في السطر {line}");
  c.add("hint.ceasefire-default",
        "with no window no convoy can move; leave 'ceasefire' out for one window from the start "
        "with no end",
        "بلا نافذة لا تتحرك أي قافلة؛ احذف 'ceasefire' لتكون نافذة واحدة من البداية بلا نهاية");
  c.add("hint.ceasefire-agreement",
        "with no window no convoy of this operation can move; leave 'ceasefire' out for the "
        "agreement's windows",
        "بلا نافذة لا تتحرك أي قافلة لهذه العملية؛ احذف 'ceasefire' لتسري عليها نوافذ الاتفاق");
  c.add("window.overlap", "this window overlaps window {other}",
        "هذه النافذة تتداخل مع النافذة {other}");
  c.add("ceasefire.before-start", "the ceasefire ends before the agreement starts",
        "ينتهي وقف إطلاق النار قبل بدء الاتفاق");
  c.add("ceasefire.at-start", "the ceasefire ends when the agreement starts: no convoy can move",
        "ينتهي وقف إطلاق النار لحظة بدء الاتفاق: لا يمكن لأي قافلة أن تتحرك");
  c.add("hours.empty", "this window of movement hours is empty", "نافذة ساعات الحركة هذه فارغة");
  c.add("operation.nobody", "nobody in this operation chooses to leave",
        "لا أحد في هذه العملية يختار المغادرة");
  c.add("fleet.no-passenger", "the fleet has no vehicle that carries passengers",
        "لا يضم الأسطول أي مركبة تنقل ركاباً");
  c.add("fleet.no-stretcher",
        "stretcher patients in operation '{operation}', but no vehicle in its fleet carries "
        "stretchers",
        "في العملية '{operation}' مرضى على نقالات، ولا مركبة في أسطولها تحمل نقالات");
  c.add("fleet.no-places",
        "no vehicle in the fleet has a seat or a stretcher place: nobody can be carried",
        "لا مركبة في الأسطول فيها مقعد أو مكان لنقالة: لا يمكن نقل أحد");
  c.add("fleet.no-seats",
        "people in operation '{operation}' travel seated, but no vehicle in its fleet has seats",
        "في العملية '{operation}' أشخاص يسافرون جالسين، ولا مركبة في أسطولها فيها مقاعد");
  c.add("hint.seats",
        "give the fleet's vehicle types 'seats' (and 'stretchers' for stretcher patients)",
        "أعطِ أنواع مركبات الأسطول 'seats' (و'stretchers' لمرضى النقالات)");
  c.add("hint.stretcher", "add vehicles with 'stretchers' (ambulances) to the fleet",
        "أضف إلى الأسطول مركبات فيها 'stretchers' (سيارات إسعاف)");
  c.add(
      "household.split",
      "households of up to {size:one=# person|other=# people} are larger than the largest vehicle "
      "({seats:one=# place|other=# places}) and will be split",
      "أسرٌ يصل عدد أفرادها إلى "
      "{size:one=شخص واحد|two=شخصين|few=# أشخاص|many=# شخصاً|other=# شخص} "
      "تتجاوز سعة أكبر مركبة "
      "({seats:one=مكان واحد|two=مكانان|few=# أماكن|many=# مكاناً|other=# مكان}) "
      "وستُوزَّع على أكثر من مركبة");
  c.add("household.split-seats",
        "households of up to {size:one=# person|other=# people}, not all of them on stretchers, "
        "may have more people to seat than the vehicle with the most seats has "
        "({seats:one=# seat|other=# seats}; seated people do not take stretcher places): such a "
        "household is split",
        "أسرٌ يصل عدد أفرادها إلى {size:one=شخص واحد|two=شخصين|few=# أشخاص|many=# شخصاً|other=# "
        "شخص}، ليسوا جميعاً على نقّالات، قد يزيد من يجلس منهم على مقاعد المركبة ذات المقاعد "
        "الأكثر ({seats:one=مقعد واحد|two=مقعدان|few=# مقاعد|many=# مقعداً|other=# مقعد}؛ "
        "الجالسون لا يشغلون أماكن النقّالات): تُوزَّع مثل هذه الأسرة على أكثر من مركبة");
  c.add("vehicle.escort-places",
        "escort type '{id}' has seats or stretcher places: an escort carries nobody, so they are "
        "never used",
        "لنوع المرافقة '{id}' مقاعد أو أماكن نقالات: المرافقة لا تنقل أحداً، فلن تُستخدم أبداً");
  c.add("hint.escort-places", "give it 'seats: 0', or 'role: passenger' if it carries people",
        "اجعل له 'seats: 0'، أو 'role: passenger' إن كان ينقل أشخاصاً");
  c.add("household.split-stretchers",
        "households of up to {size:one=# person|other=# people} may have more stretcher patients "
        "than any vehicle has stretcher places ({places:one=# place|other=# places}), and will "
        "then be split",
        "أسرٌ يصل عدد أفرادها إلى "
        "{size:one=شخص واحد|two=شخصين|few=# أشخاص|many=# شخصاً|other=# شخص} قد يكون فيها مرضى "
        "على نقالات أكثر من أماكن النقالات في أي مركبة "
        "({places:one=مكان واحد|two=مكانان|few=# أماكن|many=# مكاناً|other=# مكان})، "
        "وستُوزَّع عندئذٍ على أكثر من مركبة");
  c.add("household.split-unbounded",
        "the household size has no upper limit: households larger than the largest vehicle "
        "({seats:one=# place|other=# places}) can be drawn and will be split",
        "ليس لحجم الأسرة حدّ أعلى: قد تُسحب أسرٌ تتجاوز سعة أكبر مركبة "
        "({seats:one=مكان واحد|two=مكانان|few=# أماكن|many=# مكاناً|other=# مكان}) وستُوزَّع على "
        "أكثر من مركبة");
  c.add("hint.household-max",
        "give a normal or lognormal household size a 'max' (for example 'max: 12'), or use a "
        "distribution with an upper end",
        "إذا وُصف حجم الأسرة بتوزيع normal أو lognormal فحدّد له قيمة 'max' (مثلاً 'max: 12')، "
        "أو استعمل توزيعاً له حدّ أعلى");
  c.add("fleet.escorts",
        "each convoy needs {need:one=# escort vehicle|other=# escort vehicles} of type '{type}', "
        "the fleet has {have}",
        "تحتاج كل قافلة {need:one=مركبة مرافقة واحدة|two=مركبتي مرافقة|few=# مركبات مرافقة|"
        "many=# مركبة مرافقة|other=# مركبة مرافقة} من نوع '{type}'، وفي الأسطول {have}");
  c.add("fleet.private-escorts",
        "escort type '{type}' is private: each stays at the destination after its convoy, and the "
        "fleet's {have} are enough for {convoys:one=# convoy|other=# convoys}",
        "نوع المرافقة '{type}' خاص: تبقى كل مركبة منه في الوجهة بعد قافلتها، والمركبات {have} في "
        "الأسطول تكفي {convoys:one=قافلة واحدة|two=قافلتين|few=# قوافل|many=# قافلة|other=# "
        "قافلة}");
  c.add("hint.convoy-bounds",
        "an operation's convoy takes every rule it leaves out from agreement.convoy: give both "
        "min_vehicles and max_vehicles here",
        "تأخذ قافلة العملية كل قاعدة لا تذكرها من agreement.convoy: اذكر min_vehicles "
        "و max_vehicles كليهما هنا");
  c.add("hint.escorts",
        "'{rule}' asks for {need} with each convoy: add escort vehicles of type '{type}' to this "
        "fleet, or lower 'count' there",
        "يطلب '{rule}' {need} مع كل قافلة: أضف إلى هذا الأسطول مركبات مرافقة من نوع '{type}'، "
        "أو خفّض 'count' هناك");
  c.add("fleet.after-ceasefire",
        "no passenger vehicle of operation '{operation}' is available before the ceasefire ends "
        "({end}): nobody in this operation can leave inside the ceasefire",
        "لا تتوفر أي مركبة ركاب للعملية '{operation}' قبل انتهاء وقف إطلاق النار ({end}): لا "
        "يمكن لأحد في هذه العملية المغادرة خلال وقف إطلاق النار");
  c.add("hint.fleet-after-ceasefire",
        "make a batch 'available' before {end}, or extend the last ceasefire window",
        "اجعل إحدى مجموعات المركبات متاحة ('available') قبل {end}، أو مدّد آخر نافذة لوقف إطلاق "
        "النار");
  c.add("fleet.after-horizon",
        "no passenger vehicle of operation '{operation}' is available before the simulation stops "
        "({end}, 'simulation.horizon' after the start): nobody in this operation leaves in a "
        "simulation",
        "لا تتوفر أي مركبة ركاب للعملية '{operation}' قبل توقف المحاكاة ({end}، بعد "
        "'simulation.horizon' من البدء): لا يغادر أحد في هذه العملية في المحاكاة");
  c.add("hint.fleet-after-horizon",
        "make a batch 'available' before {end}, or lengthen 'simulation.horizon'",
        "اجعل إحدى مجموعات المركبات متاحة ('available') قبل {end}، أو أطِل 'simulation.horizon'");
  c.add("fleet.below-min-convoy",
        "a convoy needs at least {min:one=# vehicle|other=# vehicles}, the fleet has "
        "{have:one=# passenger vehicle|other=# passenger vehicles}",
        "تحتاج القافلة {min:one=مركبة واحدة|two=مركبتين|few=# مركبات|many=# مركبة|other=# مركبة} "
        "على الأقل، وفي الأسطول {have:one=مركبة ركاب واحدة|two=مركبتا ركاب|few=# مركبات ركاب|"
        "many=# مركبة ركاب|other=# مركبة ركاب}");
  c.add("fleet.min-convoy-after-ceasefire",
        "a convoy needs at least {min:one=# vehicle|other=# vehicles}, and "
        "{have:one=# passenger vehicle is|other=# passenger vehicles are} available before the "
        "ceasefire ends ({end}): the others join no convoy, and convoys leave with fewer once no "
        "vehicle can join",
        "تحتاج القافلة {min:one=مركبة واحدة|two=مركبتين|few=# مركبات|many=# مركبة|other=# مركبة} "
        "على الأقل، ولا يتوفر قبل انتهاء وقف إطلاق النار ({end}) إلا {have:one=مركبة ركاب "
        "واحدة|two=مركبتا ركاب|few=# مركبات ركاب|many=# مركبة ركاب|other=# مركبة ركاب}: لا "
        "تنضم البقية إلى أي قافلة، وتغادر القوافل بعدد أقل حين لا تستطيع أي مركبة الانضمام");
  c.add("fleet.min-convoy-after-horizon",
        "a convoy needs at least {min:one=# vehicle|other=# vehicles}, and "
        "{have:one=# passenger vehicle is|other=# passenger vehicles are} available before the "
        "simulation stops ({end}): the others join no convoy, and convoys leave with fewer once "
        "no vehicle can join",
        "تحتاج القافلة {min:one=مركبة واحدة|two=مركبتين|few=# مركبات|many=# مركبة|other=# مركبة} "
        "على الأقل، ولا يتوفر قبل توقف المحاكاة ({end}) إلا {have:one=مركبة ركاب واحدة|two="
        "مركبتا ركاب|few=# مركبات ركاب|many=# مركبة ركاب|other=# مركبة ركاب}: لا تنضم البقية "
        "إلى أي قافلة، وتغادر القوافل بعدد أقل حين لا تستطيع أي مركبة الانضمام");
  c.add("hint.min-convoy-late", "make more vehicles 'available' earlier, or lower 'min_vehicles'",
        "اجعل مركبات أكثر متاحة ('available') في وقت أبكر، أو خفّض 'min_vehicles'");
  c.add("shelter.short",
        "the shelters have {beds:one=# bed|other=# beds} for {people:one=# person|other=# people} "
        "leaving",
        "في مراكز الإيواء {beds:one=سرير واحد|two=سريران|few=# أسرّة|many=# سريراً|other=# سرير} "
        "فقط مقابل {people:one=شخص واحد مغادر|two=شخصين مغادرين|few=# أشخاص مغادرين|"
        "many=# شخصاً مغادراً|other=# شخص مغادر}");
  c.add("shelter.twice", "shelter '{id}' is listed twice", "مركز الإيواء '{id}' مذكور مرتين");
  c.add("phase.category-twice", "category '{id}' is listed twice", "الفئة '{id}' مذكورة مرتين");
  c.add("phase.category-no-group",
        "no population group of category '{id}' in operation '{operation}'",
        "لا توجد مجموعة سكانية من فئة '{id}' في العملية '{operation}'");
  c.add("phase.quota", "quota {quota} is larger than the {eligible} people eligible for this phase",
        "الحصة {quota} أكبر من عدد المؤهلين لهذه المرحلة ({eligible})");
  c.add("time.before-start", "this time is before the agreement starts",
        "هذا الوقت قبل بدء الاتفاق");
  c.add("population.after-ceasefire",
        "everyone of this group comes at or after the end of the ceasefire ({end}): none of them "
        "can leave inside it",
        "يصل جميع أفراد هذه المجموعة عند انتهاء وقف إطلاق النار ({end}) أو بعده: لا يستطيع أحد "
        "منهم المغادرة خلاله");
  c.add("population.partly-after-ceasefire",
        "some of this group may come after the end of the ceasefire ({end}; their arrivals run to "
        "{latest}): those cannot leave inside it, and no vehicle or phase waits for them",
        "قد يصل بعض أفراد هذه المجموعة بعد انتهاء وقف إطلاق النار ({end}؛ يمتد وصولهم حتى "
        "{latest}): لا يستطيع هؤلاء المغادرة خلاله، ولا تنتظرهم أي مركبة أو مرحلة");
  c.add("hint.arrivals-after-ceasefire",
        "make them come before {end} ('arrives_from', 'arrival'), or extend the last ceasefire "
        "window",
        "اجعلهم يصلون قبل {end} ('arrives_from' و'arrival')، أو مدّد آخر نافذة لوقف إطلاق النار");
  c.add("population.after-horizon",
        "everyone of this group comes at or after the simulation stops ({end}, "
        "'simulation.horizon' after the start): none of them leaves in a simulation",
        "يصل جميع أفراد هذه المجموعة عند توقف المحاكاة ({end}، بعد 'simulation.horizon' من "
        "البدء) أو بعده: لا يغادر أحد منهم في المحاكاة");
  c.add("population.partly-after-horizon",
        "some of this group may come after the simulation stops ({end}, 'simulation.horizon' "
        "after the start; their arrivals run to {latest}): those do not leave in a simulation",
        "قد يصل بعض أفراد هذه المجموعة بعد توقف المحاكاة ({end}، بعد 'simulation.horizon' من "
        "البدء؛ يمتد وصولهم حتى {latest}): لا يغادر هؤلاء في المحاكاة");
  c.add("hint.arrivals-after-horizon",
        "make them come before {end} ('arrives_from', 'arrival'), or lengthen "
        "'simulation.horizon'",
        "اجعلهم يصلون قبل {end} ('arrives_from' و'arrival')، أو أطِل 'simulation.horizon'");
  c.add("phase.after-ceasefire",
        "phase '{id}' cannot open before the ceasefire ends ({end}): nobody can board in it "
        "inside the ceasefire",
        "لا يمكن أن تُفتح المرحلة '{id}' قبل انتهاء وقف إطلاق النار ({end}): لا يمكن لأحد أن "
        "يصعد فيها خلال وقف إطلاق النار");
  c.add("hint.phase-after-ceasefire",
        "set 'not_before' before {end}, or extend the last ceasefire window",
        "اجعل 'not_before' قبل {end}، أو مدّد آخر نافذة لوقف إطلاق النار");
  c.add("phase.after-horizon",
        "phase '{id}' cannot open before the simulation stops ({end}, 'simulation.horizon' after "
        "the start): nobody boards in it in a simulation",
        "لا يمكن أن تُفتح المرحلة '{id}' قبل توقف المحاكاة ({end}، بعد 'simulation.horizon' من "
        "البدء): لا يصعد أحد فيها في المحاكاة");
  c.add("hint.phase-after-horizon",
        "set 'not_before' before {end}, or lengthen 'simulation.horizon'",
        "اجعل 'not_before' قبل {end}، أو أطِل 'simulation.horizon'");
  c.add("phase.never-eligible",
        "{people:one=# person|other=# people} of category '{id}' {people:one=is|other=are} in no "
        "phase and can never leave",
        "{people:one=شخص واحد|two=شخصان|few=# أشخاص|many=# شخصاً|other=# شخص} من فئة '{id}' "
        "{people:one=ليس في أي مرحلة ولن يتمكن|two=ليسا في أي مرحلة ولن يتمكنا|other=ليسوا في أي "
        "مرحلة ولن يتمكنوا} من المغادرة");
  c.add("phase.quota-strands",
        "the quotas of the phases of category '{id}' add up to {room} for {people} people "
        "leaving: {left} can never board, and the operation never clears 100%",
        "مجموع حصص المراحل التي تضم فئة '{id}' هو {room} من أصل {people} من المغادرين: لن "
        "يتمكن {left} منهم من الصعود أبداً، ولن تبلغ العملية إجلاء 100%");
  c.add("phase.quota-may-strand",
        "the quotas of the phases of category '{id}' add up to {room} for {people} people "
        "leaving: up to {left} may never board (a phase takes its last household whole, past its "
        "quota), and the operation may never clear 100%",
        "مجموع حصص المراحل التي تضم فئة '{id}' هو {room} من أصل {people} من المغادرين: قد لا "
        "يتمكن ما يصل إلى {left} منهم من الصعود أبداً (تأخذ المرحلة آخر أسرة كاملةً ولو تجاوزت "
        "حصتها)، وقد لا تبلغ العملية إجلاء 100%");
  c.add("hint.quota-strands",
        "raise a quota, add a phase without a quota for the rest, or lower 'willing' if the "
        "agreement lets only that many leave",
        "ارفع إحدى الحصص، أو أضف مرحلة بلا حصة للباقين، أو خفّض 'willing' إن كان الاتفاق لا يسمح "
        "إلا بهذا العدد");
  c.add("phase.after-self", "phase '{id}' waits for itself", "المرحلة '{id}' تنتظر نفسها");
  c.add("phase.after-inert",
        "without 'overlap', this phase opens only once every phase of a lower 'order' has ended, "
        "'{phase}' among them: waiting for {share} of '{phase}' has no effect",
        "من دون 'overlap' لا تُفتح هذه المرحلة إلا بعد انتهاء كل مراحل الترتيب الأدنى، ومنها "
        "'{phase}': انتظار {share} من '{phase}' لا أثر له");
  c.add("phase.after-shared",
        "the {share} of '{phase}' waited for is of its target, every person of its categories, but "
        "'{earlier}', a phase before it, takes some of them: {share} may be all that '{phase}' "
        "moves, and this phase would then wait for it to end",
        "النسبة {share} من '{phase}' هي من هدفها، أي كل أفراد فئاتها، والمرحلة '{earlier}' قبلها "
        "تأخذ بعضهم: قد تكون {share} كل ما تنقله '{phase}'، فتنتظر هذه المرحلة حينها انتهاءها");
  c.add("hint.after-shared",
        "give '{phase}' a 'quota' of the people it is to move: its target is then that quota",
        "أعطِ '{phase}' حصة 'quota' بعدد من ستنقلهم: يصبح هدفها تلك الحصة");
  c.add("hint.after-inert",
        "set 'overlap: true' on the agreement to let this phase open before '{phase}' ends, or "
        "give the two phases the same order: then this condition decides when it opens, and "
        "'{phase}' keeps priority",
        "أضف 'overlap: true' إلى الاتفاق لتُفتح هذه المرحلة قبل انتهاء '{phase}'، أو أعطِ "
        "المرحلتين الترتيب نفسه: عندئذ يحدد هذا الشرط متى تُفتح، وتبقى الأولوية لـ'{phase}'");
  c.add("linkage.until-before-from", "'until' is not after 'from': the linkage never binds",
        "'until' ليس بعد 'from': الربط لا يسري أبداً");
  c.add("linkage.self", "a linkage ties an operation to itself", "هذا الربط يربط العملية بنفسها");
  c.add("linkage.mixed-measures",
        "linkage '{arrived}' counts people arrived and linkage '{departed}' people departed; "
        "operation '{operation}', in both, may lose people on the way ('{risk}'): those removed "
        "or killed count as departed for the one and never arrive for the other, and the two "
        "linkages can hold each other until the end",
        "الربط '{arrived}' يعدّ الواصلين والربط '{departed}' يعدّ المغادرين؛ والعملية "
        "'{operation}'، وهي في كليهما، قد تفقد أشخاصاً في الطريق ('{risk}'): من يُنزَلون أو "
        "يُقتلون يُعدّون مغادرين في الأول ولا يصلون أبداً في الثاني، فقد يعرقل الربطان أحدهما "
        "الآخر حتى النهاية");
  c.add("hint.mixed-measures",
        "count both linkages on the same measure ('measure: departed' or 'measure: arrived')",
        "اجعل الربطين يعدّان بالمقياس نفسه ('measure: departed' أو 'measure: arrived')");
  c.add("linkage.mutual-deadlock",
        "a mutual ratio needs an allowance of at least {need}, or the two operations block each "
        "other",
        "تحتاج النسبة المتبادلة إلى هامش سماح لا يقل عن {need}، وإلا ستعرقل العمليتان إحداهما "
        "الأخرى");
  c.add("tranche.above-population",
        "tranche of {amount:one=# person|other=# people} is more than the {people} leaving "
        "operation '{operation}'",
        "دفعة من {amount:one=شخص واحد|two=شخصين|few=# أشخاص|many=# شخصاً|other=# شخص} أكثر من "
        "{people:one=مغادر واحد|two=مغادرين|few=# مغادرين|many=# مغادراً|other=# مغادر} في "
        "العملية '{operation}'");
  c.add("tranche.decreasing",
        "tranches are cumulative and must not decrease for operation '{operation}'",
        "الدفعات تراكمية ولا يجوز أن تتناقص للعملية '{operation}'");
  c.add("linkage.one-operation", "tranches must tie at least two operations",
        "يجب أن تربط الدفعات عمليتين على الأقل");
  c.add("tranche.incomplete",
        "the last tranche holds operation '{operation}' at {amount} of its {leaving} people until "
        "every operation has reached its amount in it; only then may the rest leave",
        "الدفعة الأخيرة تحصر العملية '{operation}' في {amount} من {leaving} حتى تبلغ كل العمليات "
        "مقاديرها فيها؛ عندها فقط يغادر الباقون");
  c.add("deadlock.cycle", "these waits form a cycle and can never start: {cycle}",
        "هذه الانتظارات تشكّل حلقة ولن تبدأ أبداً: {cycle}");
  c.add("hint.deadlock",
        "remove one wait, ask a phase condition for no more than a linkage lets that operation "
        "move first (its first tranche, or a ratio's allowance), or give a ratio linkage an "
        "allowance; without 'overlap', a phase also waits for every phase of a lower 'order' to "
        "end",
        "احذف أحد الانتظارات، أو لا تطلب في شرط مرحلة أكثر مما يسمح الربط لتلك العملية بنقله أولاً "
        "(دفعتها الأولى أو هامش السماح في ربط النسبة)، أو أعطِ ربط النسبة هامش سماح؛ ودون "
        "'overlap' تنتظر المرحلة أيضاً انتهاء كل مرحلة ذات 'order' أدنى");
  c.add("event.change-same",
        "'{field}' of checkpoint '{place}' is already {value} at this time: this part of the "
        "change changes nothing",
        "'{field}' للحاجز '{place}' هو {value} أصلاً في هذا الوقت: هذا الجزء من التغيير لا يغيّر "
        "شيئاً");
  c.add("risk.escort-lost-at-destination",
        "at destination '{place}' a vehicle loss takes vehicles as they finish unloading, and "
        "escorts of type '{type}' unload nobody: it never takes one",
        "في الوجهة '{place}' تصيب خسارة المركبات المركباتِ حين تفرغ من إنزال ركابها، ومركبات "
        "المرافقة من نوع '{type}' لا تُنزل أحداً: لن تصيب أياً منها");
  c.add("risk.place-unused", "no route of the operations concerned passes '{id}'",
        "لا يمر أي طريق للعمليات المعنية بـ'{id}'");
  c.add("risk.place-approach-only",
        "only approach routes of the operations concerned pass '{id}', driven by empty vehicles: "
        "it never happens there",
        "لا يمر بـ'{id}' إلا طرق وصول العمليات المعنية، وتقطعها مركبات فارغة: لن يقع هناك");
  c.add("place.unused", "place '{id}' is not used", "المكان '{id}' غير مستخدم");
  c.add("risk.route-not-driven-fire",
        "'{id}' is not the route of any operation concerned (fire strikes convoys setting out on "
        "their route, not vehicles driving back): it never happens",
        "'{id}' ليس طريق أي من العمليات المعنية (إطلاق النار يصيب القوافل المنطلقة على طريقها لا "
        "المركبات العائدة): لن يقع");
  c.add("risk.route-not-driven",
        "'{id}' is neither the route, the return route nor an approach of any operation "
        "concerned: the vehicle loss never happens",
        "'{id}' ليس طريق أي من العمليات المعنية ولا طريق عودتها ولا طريق وصول: لن يقع فقدان "
        "المركبات");
  c.add("risk.held-by-route",
        "'held_by' names who holds a checkpoint: it needs the risk at a 'place', not on a route",
        "'held_by' يحدّد من يسيطر على حاجز: يتطلب أن يكون الخطر في مكان 'place' لا على طريق");
  c.add("movement.never",
        "no time before the horizon is both inside a ceasefire window and inside the movement "
        "hours: no convoy can ever leave",
        "لا وقت قبل نهاية المحاكاة يقع داخل نافذة وقف إطلاق نار وداخل ساعات الحركة معاً: لن تغادر "
        "أي قافلة أبداً");
  c.add("movement.never-operation",
        "no time before the horizon is both inside a ceasefire window and inside the movement "
        "hours of operation '{operation}': none of its convoys can ever leave",
        "لا وقت قبل نهاية المحاكاة يقع داخل نافذة وقف إطلاق نار وداخل ساعات الحركة للعملية "
        "'{operation}' معاً: لن تغادر أي قافلة لها أبداً");
  c.add("hint.movement-never",
        "widen the movement hours, or move the ceasefire windows so that they cover some of them "
        "(movement hours are clock times in the agreement's timezone)",
        "وسّع ساعات الحركة، أو انقل نوافذ وقف إطلاق النار لتغطي بعضها (ساعات الحركة أوقات ساعة "
        "بالمنطقة الزمنية للاتفاق)");
  c.add("event.suspension-before-anyone",
        "suspension '{id}' is over ({to}) by the time the first people of the operations it stops "
        "come to the gathering point ({earliest}), and none of their vehicles drives an approach "
        "route: it stops nothing",
        "ينتهي التعليق '{id}' ({to}) حين يصل أول أشخاص العمليات التي يوقفها إلى نقطة التجمّع أو "
        "قبل ذلك ({earliest})، ولا تسلك أيّ من مركباتها طريق اقتراب: فهو لا يوقف شيئاً");
  c.add("hint.suspension-before-anyone",
        "the wait it records is already in the people's 'arrives_from': leave the event out, or "
        "let it end later",
        "الانتظار الذي يسجّله موجود أصلاً في 'arrives_from' للسكان: احذف الحدث، أو اجعله ينتهي "
        "لاحقاً");
  c.add("risk.never-held",
        "'{place}' is never held by '{party}' (neither at the start nor after a checkpoint "
        "change): the risk never happens",
        "الحاجز '{place}' لا يسيطر عليه '{party}' أبداً (لا في البداية ولا بعد تغيّر في وضع الحاجز): "
        "لن يقع هذا الخطر");
  return c;
}

}  // namespace mamar::model
