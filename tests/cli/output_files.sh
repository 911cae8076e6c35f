#!/usr/bin/env bash
# What mamar writes, and what it must not overwrite or lose:
# - a --trace that names the scenario or a file of --out is refused before the run, the file
#   untouched;
# - a file of --out that is a directory is refused before the run;
# - a failed or interrupted run leaves an existing trace file as it was; interrupted (here by
#   SIGTERM, as Ctrl-C would), simulate writes the results of the replications done, says so,
#   and exits 130;
# - --out and --trace make the directories they name that are missing;
# - check reports a standard output it could not write (exit 1);
# - a run and a comparison written to one --out directory in turn leave only the last one's
#   files there, and say which they removed; a file of the user's there is kept.
#   tests/cli/output_files.sh MAMAR SCENARIO LONG_SCENARIO
set -uo pipefail
mamar="$1"
scenario="$2"
long="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

cp "$scenario" scenario.yaml
before="$(md5sum <scenario.yaml)"
out="$("$mamar" simulate scenario.yaml --replications 2 --trace ./scenario.yaml 2>&1)"
rc=$?
[ "$rc" -eq 1 ] || fail "a trace over the scenario exited $rc"
grep -qF "mamar: --trace: ./scenario.yaml is the scenario file: the trace would overwrite it" \
  <<<"$out" || fail "a trace over the scenario said: $out"
[ "$(md5sum <scenario.yaml)" = "$before" ] || fail "the scenario was changed"

out="$("$mamar" simulate scenario.yaml --replications 2 --out res --trace res/results.json 2>&1)"
rc=$?
[ "$rc" -eq 1 ] && grep -qF "is where --out writes results.json" <<<"$out" ||
  fail "a trace over results.json exited $rc saying: $out"
[ ! -e res ] || fail "the refused run made its --out directory"

# The trace where the --out directory is to be: refused before either is made.
out="$("$mamar" simulate scenario.yaml --replications 2 --out both --trace both 2>&1)"
rc=$?
[ "$rc" -eq 1 ] && grep -qF "mamar: --trace: both is the directory --out writes into" <<<"$out" ||
  fail "a trace where --out writes exited $rc saying: $out"
[ ! -e both ] || fail "the refused run made its --out directory or its trace"

mkdir -p taken/report.html
out="$("$mamar" simulate scenario.yaml --replications 2 --out taken 2>&1)"
rc=$?
[ "$rc" -eq 1 ] && grep -qF "mamar: --out: taken/report.html is a directory" <<<"$out" &&
  ! grep -qF "simulation results" <<<"$out" || fail "a directory in place of report.html: $rc $out"

# A trace that cannot be tried is refused; one that can is not emptied by the try.
echo "kept" >kept.csv
"$mamar" simulate scenario.yaml --replications 2 --out /proc/mamar-cannot-be-here --trace kept.csv \
  >/dev/null 2>&1
[ "$(cat kept.csv)" = "kept" ] || fail "a run that could not start emptied the trace file"
"$mamar" simulate scenario.yaml --replications 2 --trace new/dir/fresh.csv >/dev/null 2>&1 &&
  head -1 new/dir/fresh.csv | grep -q '^time_iso,' || fail "the trace was not written"
# --out makes its missing directories, as --trace does (--help says so of both).
"$mamar" simulate scenario.yaml --replications 2 --out made/for/it >/dev/null 2>&1 &&
  [ -f made/for/it/results.json ] || fail "--out did not make its missing directories"

# Interrupted: the run of LONG_SCENARIO is stopped after a second and a half.
"$mamar" simulate "$long" --replications 10000000 --threads 2 --out stopped --trace kept.csv \
  >table.txt 2>err.txt &
pid=$!
sleep 1.5  # it has read and checked the scenario, and run some replications
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || fail "interrupted, simulate exited $rc: $(cat err.txt)"
grep -qE "^mamar: interrupted after [0-9,]+ replications? of 10,000,000: the results are of those; the trace is not written$" \
  err.txt || fail "interrupted, simulate said: $(cat err.txt)"
grep -qE "^  interrupted after [0-9,]+ of 10,000,000 replications: the results are of those$" \
  table.txt || fail "the table does not say it was interrupted: $(head -4 table.txt)"
python3 - stopped/results.json <<'PY' || fail "results.json of the interrupted run"
import json, sys
run = json.load(open(sys.argv[1]))["run"]
assert run["interrupted"] is True, run
assert 0 < run["replications"] < run["replications_requested"] == 10000000, run
PY
grep -qF "interrupted after" stopped/report.html || fail "the report does not say it was interrupted"
[ "$(cat kept.csv)" = "kept" ] || fail "the interrupted run changed the trace file"

# One --out directory for a comparison, then a run, then a comparison again.
"$mamar" simulate scenario.yaml --replications 2 --what-if simulation.seed=2 --out both \
  >/dev/null 2>&1 || fail "the comparison into both/ failed"
# Each run's own report says which run of the comparison it is, the variant's what it changes,
# and links back to the comparison's report.
grep -qF "the base of a comparison" both/base/report.html &&
  grep -qF "the variant of a comparison" both/variant/report.html &&
  grep -qF "seed: 2" both/variant/report.html &&
  grep -qF 'href="../report.html"' both/base/report.html ||
  fail "the reports of the runs of a comparison do not say which they are"
echo "mine" >both/notes.txt
out="$("$mamar" simulate scenario.yaml --replications 2 --out both 2>&1 >/dev/null)"
[ -f both/results.json ] && [ ! -e both/comparison.json ] && [ ! -e both/base ] &&
  [ ! -e both/variant ] && [ -f both/notes.txt ] &&
  grep -qF "mamar: removed from both what an earlier run left there, which the new report.html would not match: comparison.json, base/results.json, base/report.html, variant/results.json, variant/report.html" \
    <<<"$out" || fail "a run after a comparison: $(ls -R both) $out"
out="$("$mamar" simulate scenario.yaml --replications 2 --what-if simulation.seed=2 --out both \
  2>&1 >/dev/null)"
[ ! -e both/results.json ] && [ -f both/comparison.json ] && [ -f both/base/results.json ] &&
  grep -qF "would not match: results.json" <<<"$out" ||
  fail "a comparison after a run: $(ls -R both) $out"
out="$("$mamar" simulate scenario.yaml --replications 2 --what-if simulation.seed=2 --out both \
  2>&1 >/dev/null)"
! grep -qF "removed" <<<"$out" || fail "a comparison after a comparison removed: $out"

# --out is tried before the run: a directory that exists but cannot be written to is refused
# then, not after the replications.
out="$("$mamar" simulate scenario.yaml --replications 2 --out /proc/self 2>&1)"
rc=$?
[ "$rc" -eq 1 ] && grep -qF "mamar: cannot write /proc/self/results.json" <<<"$out" &&
  ! grep -qF "simulation results" <<<"$out" || fail "an --out that cannot be written: $rc $out"

# A --what-if variant's problems name the fields as the settings do, list items by id; say only
# the warnings the change made, though removing an item moves the others; and point to no line
# of the variant's own text, which is not the file's.
sed 's/^places:.*/places:\n  - {id: spare-a, kind: gathering_point, name: {en: Spare A}}\n  - {id: spare-b, kind: gathering_point, name: {en: Spare B}}/' \
  scenario.yaml >spare.yaml
out="$("$mamar" simulate spare.yaml --replications 2 --what-if 'places-=spare-a' 2>&1 >/dev/null)"
[ "$(grep -c "place 'spare-b' is not used" <<<"$out")" -eq 1 ] &&
  [ "$(grep -c "place 'spare-a' is not used" <<<"$out")" -eq 1 ] ||
  fail "a warning of the base said again for the variant: $out"
out="$("$mamar" simulate spare.yaml --replications 2 --what-if 'places[spare-a].kind=checkpoint' \
  2>&1 >/dev/null)"
rc=$?
# The error's own path, not the setting echoed before it.
[ "$rc" -eq 1 ] && grep -qF "error: places[spare-a].party: a checkpoint needs" <<<"$out" ||
  fail "a variant's field named by position: $rc $out"
out="$("$mamar" simulate spare.yaml --replications 2 \
  --what-if 'places+={id: spare-b, kind: gathering_point, name: {en: Spare B again}}' 2>&1)"
rc=$?
[ "$rc" -eq 1 ] && grep -qF "place id 'spare-b' is declared twice" <<<"$out" &&
  ! grep -qF "line" <<<"$out" || fail "a duplicate id in a variant: $rc $out"
# A field written once and named again with an alias (*x) is set where the setting names it, and
# there alone.
sed 's/^    seats: 50 .*/    seats: \&seats 50/; s/^        count: 5 .*/        count: *seats/' scenario.yaml \
  >alias.yaml
out="$("$mamar" simulate alias.yaml --replications 2 --what-if 'vehicle_types[bus].seats=40' 2>&1)"
grep -qF "vehicle_types[bus].seats: 50 → 40" <<<"$out" &&
  ! grep -qF "fleet[0].count" <<<"$out" || fail "a setting changed an alias of its field too: $out"

if [ -w /dev/full ]; then
  out="$("$mamar" check "$scenario" 2>&1 >/dev/full)"
  rc=$?
  [ "$rc" -eq 1 ] && grep -qF "mamar: the output was cut short: its reader closed it, or its device is full" \
    <<<"$out" || fail "check with its output lost exited $rc saying: $out"
fi
[ "$failures" -eq 0 ] && echo "all passed"
exit $((failures > 0))
