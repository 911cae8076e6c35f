#!/usr/bin/env bash
# The help of mamar and of each command: in English, and with --lang ar (before or after the
# command, as the rest of the command line takes it) all in Arabic, with no English heading or
# word of CLI11's left in it; each exits 0 and writes the help to the standard output.
#   tests/cli/help.sh MAMAR
set -uo pipefail
export LC_ALL=C.UTF-8 # character classes over UTF-8 text
mamar="$1"
failures=0

# The Latin words an Arabic help may hold, as they are typed: the program, its commands, the
# parts of option names, literal values and file names, and fields of a scenario.
latin_allowed=" mamar check simulate en ar text json YAML CSV simulation replications seed horizon
  results report html comparison base variant places gate lanes events snow d "

# expect_help ARGUMENT... -- LINE...: mamar ARGUMENT... exits 0, prints each LINE (a whole line,
# spaces included) on the standard output and nothing on the standard error; with --lang ar among
# the arguments, no Latin word but those allowed, else no Arabic.
expect_help() {
  local args=()
  while [ "$1" != "--" ]; do
    args+=("$1")
    shift
  done
  shift
  local out err rc problems=()
  err="$(mktemp)"
  out="$("$mamar" "${args[@]}" 2>"$err")"
  rc=$?
  [ "$rc" -eq 0 ] || problems+=("exited $rc, not 0")
  [ -s "$err" ] && problems+=("wrote on the standard error: $(head -1 "$err")")
  rm -f "$err"
  local line
  for line in "$@"; do
    grep -qxF -- "$line" <<<"$out" || problems+=("no line '$line'")
  done
  if [[ " ${args[*]} " == *" --lang ar "* || " ${args[*]} " == *" --lang=ar "* ]]; then
    local heading word
    for heading in Usage Positionals Arguments Options Subcommands Commands; do
      grep -q "^$heading:" <<<"$out" && problems+=("an English heading: $heading")
    done
    # Option names (--no-risks, -q) and the words allowed aside, no Latin word.
    while read -r word; do
      [[ "$latin_allowed" == *[[:space:]]"$word"[[:space:]]* ]] || problems+=("a Latin word: $word")
    done < <(sed -E 's/(^|[ [(,])--?[a-z][a-z-]*/\1/g' <<<"$out" | grep -oE '[A-Za-z]+' | sort -u)
  else
    grep -qP '\p{Arabic}' <<<"$out" && problems+=("Arabic in the English help")
    for word in TEXT UINT FLOAT REQUIRED Positionals SUBCOMMAND; do
      grep -qw "$word" <<<"$out" && problems+=("CLI11's word $word")
    done
  fi
  if [ ${#problems[@]} -gt 0 ]; then
    echo "FAIL: mamar ${args[*]}:"
    printf '  %s\n' "${problems[@]}"
    echo "$out" | head -8
    failures=$((failures + 1))
  else
    echo "ok: ${args[*]}"
  fi
}

# The program.
expect_help --help -- \
  "mamar — plan, simulate and track negotiated evacuations by convoy" \
  "Usage: mamar [OPTIONS] [COMMAND]" \
  "Options:" \
  "  -h,--help                     Print this help and exit" \
  "  --lang LANG:{en,ar}           Language of all output: en for English (the default), ar for Arabic" \
  "Commands:" \
  "  simulate                      Run Monte Carlo replications of a scenario and report the results" \
  "Run mamar check --help or mamar simulate --help for the options of each command."
for args in "--help --lang ar" "--lang=ar -h"; do
  # shellcheck disable=SC2086 # the words of $args are the arguments
  expect_help $args -- \
    "mamar — تخطيط عمليات الإجلاء بالقوافل ومحاكاتها ومتابعتها، وفق اتفاقات متفاوَض عليها" \
    "الاستعمال: mamar [خيارات] [أمر]" \
    "الخيارات:" \
    "  -h,--help                     عرض هذه المساعدة ثم الخروج" \
    "  --version                     عرض رقم الإصدار ثم الخروج" \
    "  --lang لغة:{en,ar}            لغة الإخراج كله: en للإنجليزية (الافتراضية)، ar للعربية" \
    "الأوامر:" \
    "  check                         فحص ملفات السيناريو: كل مشكلة فيها، أو ملخص كل ملف صالح" \
    "لمعرفة خيارات كل أمر شغّل mamar check --help أو mamar simulate --help."
done

# mamar check.
expect_help check --help -- \
  "Usage: mamar check [OPTIONS] FILE..." \
  "Arguments:" \
  "  FILE...                       Scenario files to check (YAML)" \
  "Options:" \
  "  --strict                      Fail on warnings too: count them as errors" \
  "  --format FORMAT:{text,json}   Output format (default: text)"
for args in "check --help --lang ar" "--lang ar check -h"; do
  # shellcheck disable=SC2086
  expect_help $args -- \
    "فحص ملفات السيناريو: كل مشكلة فيها، أو ملخص كل ملف صالح" \
    "الاستعمال: mamar check [خيارات] ملف..." \
    "المعاملات:" \
    "  ملف...                        ملفات السيناريو المراد فحصها (YAML)" \
    "الخيارات:" \
    "  --strict                      عدّ التحذيرات أخطاءً: يفشل الفحص بها أيضاً" \
    "  --format صيغة:{text,json}     صيغة الإخراج (الافتراضية: text)"
done

# mamar simulate: a long description wrapped under itself.
expect_help simulate --help -- \
  "Usage: mamar simulate [OPTIONS] FILE" \
  "Arguments:" \
  "  FILE                          Scenario file to simulate (YAML)" \
  "  --seed N                      Random seed (default: simulation.seed in the scenario)" \
  "  --out DIR                     Write results.json and report.html (a report with charts) into DIR," \
  "                                made if missing" \
  "  --ci-target HOURS             Stop once the 95% confidence interval of the mean time to clear" \
  "                                everyone is within ± HOURS" \
  "  --trace FILE                  Write the event log of replication 0 to FILE, as CSV; its directory" \
  "                                is made if missing, as --out's is" \
  "  --what-if PATH=VALUE          What if, without a copy: compare FILE with itself with the field" \
  "                                PATH set to VALUE (YAML), as --compare does. PATH names a field as"
for args in "simulate --help --lang ar" "--lang=ar simulate -h" "simulate -h --lang=ar"; do
  # shellcheck disable=SC2086
  expect_help $args -- \
    "محاكاة سيناريو بتكرارات مونت كارلو وعرض النتائج" \
    "الاستعمال: mamar simulate [خيارات] ملف" \
    "المعاملات:" \
    "  ملف                           ملف السيناريو المراد محاكاته (YAML)" \
    "الخيارات:" \
    "  --seed عدد                    البذرة العشوائية (الافتراضية: simulation.seed في السيناريو)" \
    "  --ci-target ساعات             التوقف حين يضيق مجال الثقة 95% لمتوسط زمن إجلاء الجميع إلى ± هذا" \
    "                                العدد من الساعات" \
    "  --trace ملف                   كتابة سجل أحداث التكرار 0 في هذا الملف بصيغة CSV، ويُنشأ مجلده إن لم" \
    "                                يكن موجوداً كما يُنشأ مجلد --out" \
    "  --no-risks                    استبعاد المخاطر العشوائية"
done

# --version is the same in either language.
if ! version="$("$mamar" --version --lang ar)" ||
  ! grep -qxE "mamar [0-9]+\.[0-9]+\.[0-9]+" <<<"$version"; then
  echo "FAIL: mamar --version --lang ar said '$version'"
  failures=$((failures + 1))
fi
exit $((failures > 0))
