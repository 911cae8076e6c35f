#!/usr/bin/env bash
# Every test on a fresh machine: install, build (warnings are errors), fuzz the scenario loader
# and the engine briefly, then run the test suite. `--slow` runs the slow tier too (longer
# fuzzing, clang-tidy, sanitizer build of the unit tests, the queueing validation at full length).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
slow=0
[ "${1:-}" = "--slow" ] && slow=1

"$root/scripts/setup.sh"
# The test build checks the simulation's invariants (people and vehicles conserved, time never
# going backwards, linkages never violated) on every event.
"$root/scripts/build.sh" test -DMAMAR_INVARIANTS=ON

# The fuzzers (loader, engine): clang with libFuzzer, ASan and UBSan; half the time each.
fuzz_seconds=60
[ $slow -eq 1 ] && fuzz_seconds=600
"$root/scripts/fuzz.sh" "$fuzz_seconds"

if [ $slow -eq 1 ]; then
  "$root/scripts/tidy.sh" "$root/build/test"
  "$root/scripts/build.sh" asan -DMAMAR_SANITIZE=ON -DMAMAR_INVARIANTS=ON -DMAMAR_BUILD_BENCH=OFF
  ctest --test-dir "$root/build/asan" --output-on-failure -j "$(nproc)" -L 'fast|slow'
  ctest --test-dir "$root/build/test" --output-on-failure -j "$(nproc)" -L 'fast|slow'
  # The queueing validation at full length (100 replications, 15 times the customers): in the
  # heavy builds above it runs shortened, so here in the release build, without per-event checks.
  "$root/scripts/build.sh" release
  ctest --test-dir "$root/build/release" --output-on-failure -L slow -R '^QueueingSlow\.'
else
  ctest --test-dir "$root/build/test" --output-on-failure -j "$(nproc)" -L fast
fi
