#!/usr/bin/env bash
# Command lines a user may mistype: each must fail (not crash, not run) and say what is wrong,
# naming the option or word, with exit code 2 (a wrong command line), or 1 where the command
# line is right but a file cannot be written.
#   tests/cli/bad_command_lines.sh MAMAR SCENARIO
set -uo pipefail
mamar="$1"
scenario="$2"
failures=0

expect_run() {  # expect_run [--exit N] MESSAGE ARGUMENT...: mamar ARGUMENT... fails saying MESSAGE
  local want=2
  if [ "$1" = "--exit" ]; then
    want="$2"
    shift 2
  fi
  local message="$1"
  shift
  local out rc
  out="$("$mamar" "$@" 2>&1)"
  rc=$?
  # A table of results means the replications ran before the mistake was found.
  if [ "$rc" -ne "$want" ] || ! grep -qF -- "$message" <<<"$out" ||
    grep -qF -e "simulation results" -e "What if" <<<"$out"; then
    echo "FAIL: mamar $* exited $rc, wanted $want saying '$message' before running; it said:"
    echo "$out" | head -5
    failures=$((failures + 1))
  else
    echo "ok: $* -> $(head -1 <<<"$out")"
  fi
}

expect() {  # expect [--exit N] MESSAGE OPTION...: the same for mamar simulate SCENARIO OPTION...
  local exit=()
  if [ "$1" = "--exit" ]; then
    exit=(--exit "$2")
    shift 2
  fi
  local message="$1"
  shift
  expect_run "${exit[@]}" "$message" simulate "$scenario" "$@"
}

expect "--horizon: must be longer than zero, not -3 d" --horizon "-3 d"
expect "--horizon: must be longer than zero, not 0 h" --horizon "0 h"
expect "--horizon: not a duration: soon" --horizon soon
expect "--horizon: too long: 3651 d; at most 3650 d (ten years)" --horizon "3651 d"
expect "--horizon: too long: 20000000 d; at most 3650 d (ten years)" --horizon "20000000 d"
expect "--horizon: not a duration: 20000000 minuets" --horizon "20000000 minuets"
expect "--out: must name a directory, not an empty word" --out ""
expect "--trace: must name a file, not an empty word" --trace ""
expect "--compare: must name a file, not an empty word" --compare ""
expect "--replications: must be 1 to 10000000, not 0" --replications 0
expect "--replications: must be 1 to 10000000, not 10000001" --replications 10000001
expect "--replications: must be 1 to 10000000, not -2" --replications -2
expect "--replications: must be 1 to 10000000, not 99999999999999999999" --replications 99999999999999999999
expect "--replications: not a whole number: 1.5" --replications 1.5
# A run whose results cannot fit in memory is refused before it starts, and before it writes
# anything: 10,000,000 replications of a scenario of 400 categories would keep 6.1 x 10^11 bytes.
many="$(mktemp -d)"
trap 'rm -rf "$many"' EXIT
{
  sed -n '1,/^categories:/p' "$scenario"
  for i in $(seq 1 400); do echo "  - {id: kind-$i, name: {en: \"Kind $i\"}}"; done
  sed -n '/^categories:/,$p' "$scenario" | tail -n +2
} >"$many/many.yaml"
expect_run "mamar simulate: 10,000,000 replications would keep about 61" \
  simulate "$many/many.yaml" --replications 10000000 --out "$many/out"
expect_run "GB: ask for --replications " simulate "$many/many.yaml" --replications 10000000
expect_run "mamar simulate: تحتاج 10,000,000 تكرار إلى نحو 61" \
  simulate --lang ar "$many/many.yaml" --replications 10000000
# Compared with itself, both runs' and, of every replication of each, 20 numbers per category
# (people not out, removed, killed, injured, three exposures, 9 reasons, two times, whether all
# were out inside the ceasefire, whether people of it left) and 10 for its one phase (two times,
# inside the ceasefire, removed, killed, injured, three exposures, whether it had people):
# 2.52 x 10^12 bytes.
expect_run "mamar simulate: 10,000,000 replications would keep about 2,51" \
  simulate "$many/many.yaml" --compare "$many/many.yaml" --replications 10000000
if [ -e "$many/out" ]; then
  echo "FAIL: the refused run made its --out directory"
  failures=$((failures + 1))
fi
if ! "$mamar" simulate "$many/many.yaml" --replications 3 --format json >/dev/null 2>&1; then
  echo "FAIL: 3 replications of the scenario of 400 categories did not run"
  failures=$((failures + 1))
fi
# --horizon replaces the file's before the checks that use it: a run past the year 9999 is
# refused as a file's horizon is (it ran, and wrote times of the year 10000); a variant is checked
# over the base's horizon, the one it runs over.
sed 's/^  start: 2030-01-01T06:00+02:00/  start: 9999-12-01T00:00+00:00/' "$scenario" >"$many/late.yaml"
expect_run --exit 1 "agreement.start: the simulation would run past the end of the year 9999 (to 10000-01-30 00:00+00:00)" \
  simulate "$many/late.yaml" --horizon "60 d"
expect_run --exit 1 "the simulation would run past the end of the year 9999" \
  simulate "$many/late.yaml" --horizon "60 d" --trace "$many/late.csv"
if [ -e "$many/late.csv" ]; then
  echo "FAIL: the refused run wrote its trace"
  failures=$((failures + 1))
fi
if ! "$mamar" simulate "$many/late.yaml" --horizon "20 d" --replications 2 --format json >/dev/null 2>&1 ||
  ! "$mamar" simulate "$many/late.yaml" --horizon "20 d" --replications 2 \
    --what-if 'simulation.horizon=60 d' --format json >/dev/null 2>&1; then
  echo "FAIL: a run of 20 days from 1 December 9999, or its variant run over the same, was refused"
  failures=$((failures + 1))
fi
expect "--ci-target: must be a finite number of hours above zero, not 0" --ci-target 0
expect "--ci-target: must be a finite number of hours above zero, not inf" --ci-target inf
expect "--ci-target: must be a finite number of hours above zero, not 1e400" --ci-target 1e400
expect "--ci-target: not a number: half" --ci-target half
expect "--seed: not a whole number from 0 to 9223372036854775807 (2^63 - 1): -1" --seed -1
expect "--seed: not a whole number from 0 to 9223372036854775807 (2^63 - 1): 9223372036854775808" --seed 9223372036854775808
expect "--threads: must be 0 (every core) to 4096, not -1" --threads -1
expect "--threads: not a whole number: two" --threads two
expect "--threads: must be 0 (every core) to 4096, not 100000" --threads 100000
expect "--format" --format xml
expect --exit 1 "mamar: --out: cannot create" --out /proc/mamar-cannot-be-here
expect --exit 1 "cannot create /proc/mamar-cannot-be-here/trace.csv: No such file or directory" \
  --trace /proc/mamar-cannot-be-here/trace.csv
# A file that is not a regular file is read only up to the size allowed (/dev/zero never ends).
expect_run --exit 1 "/dev/zero: error: the file holds more than the 16777216 bytes allowed" \
  check /dev/zero
# --strict fails a scenario that has warnings only, and says so (aleppo-2016.yaml warns once).
aleppo="$(dirname "$0")/../../scenarios/aleppo-2016.yaml"
expect_run --exit 1 "0 errors, 2 warnings — failed: --strict counts warnings as errors" \
  check --strict "$aleppo"
expect "mamar simulate: unknown option --bogus" --bogus
expect "mamar simulate: unknown option --replicatons; did you mean --replications?" --replicatons 3
expect "mamar simulate: unknown option --strict (it is an option of mamar check)" --strict
expect "--seed: given 2 times; give it once" --seed 1 --seed 2
expect "--seed: needs a value" --seed
expect "--format: must be text or json, not xml" --format xml
expect "--ci-target: not with --compare" --compare "$scenario" --ci-target 1
expect "--trace: not with --compare" --compare "$scenario" --trace /proc/mamar-cannot-be-here/t.csv
expect --exit 1 "/proc/mamar-no-variant.yaml: error: cannot read the file" \
  --compare /proc/mamar-no-variant.yaml
expect --exit 1 "mamar: --out: cannot create /proc/mamar-cannot-be-here: No such file or directory" --compare "$scenario" \
  --out /proc/mamar-cannot-be-here
expect "--what-if: 'lanes' is not PATH=VALUE, PATH+=VALUE or PATH-=ID, e.g. 'places[gate].lanes=2'" --what-if lanes
# A path or value no scenario could take is a wrong command line too.
expect "--what-if: 'a..b' names no field: keys joined by '.'" --what-if 'a..b=1'
expect "--what-if: 'places[]' names no field" --what-if 'places[]=1'
expect "--what-if: '' for agreement.start is not a YAML value" --what-if 'agreement.start='
expect "--what-if: '{a' for places is not a YAML value" --what-if 'places+={a'
# A flag takes no value.
expect "--no-risks: takes no value, not abc" --no-risks=abc
expect "--no-events: takes no value, not false" --no-events=false
expect_run "--strict: takes no value, not 1" check --strict=1 "$scenario"
# With "=" and nothing after it (read as the flag given), and a short flag with "=" (read as an
# unknown option "-").
expect "--no-events: takes no value: write it without '='" --no-events=
expect_run "--quiet: takes no value: write it without '='" check --quiet= "$scenario"
expect_run "-q: takes no value, not 1" check -q=1 "$scenario"
expect "--what-if: not with --compare" --what-if simulation.seed=2 --compare "$scenario"
expect "--ci-target: not with --what-if" --what-if simulation.seed=2 --ci-target 1
expect "--trace: not with --what-if" --what-if simulation.seed=2 --trace /proc/mamar-cannot-be-here/t.csv
# A setting that names no field, or makes the scenario wrong: each said, before any run.
expect --exit 1 "mamar: --what-if: places[nowhere].lanes: no list item 'places[nowhere]' (by id or position)" \
  --what-if 'places[nowhere].lanes=2' --what-if 'places[town-a-square].bays=2'
expect --exit 1 "--what-if operations[evacuation].fleet[0].count=0: error: operations[evacuation].fleet[0].count: 0 is outside the allowed range" \
  --what-if 'operations[evacuation].fleet[0].count=0'
expect --exit 1 "mamar: --what-if: places: no list item 'places[nowhere]' (by id or position)" \
  --what-if 'places-=nowhere'
expect --exit 1 "mamar: --what-if: agreement.start: 'agreement.start' is not a list" \
  --what-if 'agreement.start+=2030-01-02T00:00Z'
expect "mamar simulate: one scenario FILE only, not also 'extra.yaml'" extra.yaml
expect_run "unknown command 'bogus'; the commands are check and simulate" bogus
expect_run "mamar: unknown command 'simulte'; the commands are check and simulate; did you mean simulate?" simulte "$scenario"
expect_run "الاستعمال: mamar [خيارات] [أمر]" --lang ar
expect_run "mamar simulate: FILE is required: the scenario to simulate" simulate
expect_run "mamar check: FILE is required: the scenarios to check" check
expect_run "mamar: unknown option --bogus" --bogus
expect_run "mamar check: unknown option --replications (it is an option of mamar simulate)" \
  check "$scenario" --replications 3
# With --lang ar (before or after the command), the mistakes are told in Arabic, and so is the
# reason a file cannot be read or written.
expect_run "mamar: أمر غير معروف 'simulte'؛ الأمران هما check وsimulate؛ هل تقصد simulate؟" \
  --lang ar simulte "$scenario"
expect "--seed: ليس عدداً صحيحاً من 0 إلى 9223372036854775807 (2^63 - 1): x" --lang ar --seed x
expect "--seed: ذُكر مرتين؛ يُذكر مرة واحدة فقط" --seed 1 --lang=ar --seed 2
expect "للمزيد من المعلومات شغّل الأمر مع --help." --lang ar --bogus
expect "--ci-target: لا يجتمع مع --compare" --lang ar --compare "$scenario" --ci-target 1
# The values are named as the Arabic help names them (حقل=قيمة, not PATH=VALUE).
expect "--what-if: 'lanes' ليس على صورة حقل=قيمة أو حقل+=قيمة أو حقل-=معرّف" --lang ar --what-if lanes
expect_run "mamar simulate: لم يُذكر ملف السيناريو المراد محاكاته" simulate --lang ar
expect --exit 1 "mamar: --trace: تعذّر إنشاء /proc/mamar-cannot-be-here/t.csv: لا يوجد ملف أو مجلد بهذا الاسم" \
  --lang ar --trace /proc/mamar-cannot-be-here/t.csv
expect_run --exit 1 "تعذّرت قراءة الملف: لا يوجد ملف أو مجلد بهذا الاسم" \
  check --lang ar /proc/mamar-no-such-scenario.yaml
exit $((failures > 0))
