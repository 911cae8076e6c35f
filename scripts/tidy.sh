#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy; bench/.clang-tidy adds the benchmarks' names) on every C++ source
# of src/, fuzz/ and bench/ with the compile commands of a build directory (default build/release,
# built first if missing). Any finding fails the run. Part of `scripts/test.sh --slow`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/release}"
[ -f "$build/compile_commands.json" ] || "$root/scripts/build.sh" "$(basename "$build")"
log="$build/clang-tidy.log"
if ! run-clang-tidy-14 -p "$build" -j "$(nproc)" -quiet "$root/(src|fuzz|bench)/.*\.cpp$" >"$log" 2>&1; then
  grep -E "(error|warning): " "$log" | sort -u || tail -40 "$log"
  echo "clang-tidy: findings above (whole log: $log)"
  exit 1
fi
echo "clang-tidy: no findings"
