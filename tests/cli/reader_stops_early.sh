#!/usr/bin/env bash
# A reader of the table that stops early (mamar simulate ... | head) must not cost the files of
# --out and --trace, nor kill mamar by SIGPIPE: they are written before the table, and a closed
# standard output is reported with exit code 1.
#   tests/cli/reader_stops_early.sh MAMAR SCENARIO DIR
set -uo pipefail
mamar="$1"
scenario="$2"
dir="$3"
rm -rf "$dir"
mkdir -p "$dir"
failures=0
for format in text json; do
  out="$dir/$format"
  # `true` reads nothing and exits at once: the pipe is closed long before the replications end.
  "$mamar" simulate "$scenario" --replications 20 --format "$format" --out "$out" \
    --trace "$out/trace.csv" 2>"$dir/$format.err" | true
  rc="${PIPESTATUS[0]}"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "FAIL: --format $format exited $rc (killed by a signal?)"
    failures=$((failures + 1))
  fi
  if [ "$rc" -eq 1 ] && ! grep -q "the output was cut short" "$dir/$format.err"; then
    echo "FAIL: --format $format exited 1 without saying why:"
    cat "$dir/$format.err"
    failures=$((failures + 1))
  fi
  for file in results.json report.html trace.csv; do
    if [ ! -s "$out/$file" ]; then
      echo "FAIL: --format $format did not write $out/$file"
      failures=$((failures + 1))
    fi
  done
  echo "--format $format: exit $rc, $(ls "$out" | tr '\n' ' ')"
done
exit $((failures > 0))
