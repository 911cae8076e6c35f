#!/usr/bin/env bash
# Runs a command as a user would and checks what they would look at: its exit code, a line of
# its output (standard output and error together) matching a pattern, and files it must write.
#   tests/cli/expect.sh EXIT PATTERN [--file FILE]... -- COMMAND [ARGUMENT]...
# PATTERN is an extended regular expression (grep -E) that one line must match. Each FILE must
# exist and not be empty once the command has run (it is removed before, so that a file left by
# an earlier run does not count).
set -uo pipefail
want="$1"
pattern="$2"
shift 2
files=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
  if [ "$1" = "--file" ]; then
    files+=("$2")
    shift 2
  else
    echo "expect.sh: unknown argument $1" >&2
    exit 2
  fi
done
shift  # the --
for f in "${files[@]}"; do rm -f -- "$f"; done
out="$("$@" 2>&1)"
rc=$?
failed=0
if [ "$rc" -ne "$want" ]; then
  echo "FAIL: exit code $rc, wanted $want"
  failed=1
fi
if ! grep -qE -- "$pattern" <<<"$out"; then
  echo "FAIL: no line of the output matches: $pattern"
  failed=1
fi
for f in "${files[@]}"; do
  if [ ! -s "$f" ]; then
    echo "FAIL: $f was not written"
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "command: $*"
  echo "output (first 20 lines):"
  head -20 <<<"$out"
  exit 1
fi
echo "ok: $* -> exit $rc, matched: $pattern"
