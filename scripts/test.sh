#!/usr/bin/env bash
# Every test on a fresh machine: install, build (warnings are errors), fuzz the scenario loader,
# the engine and its outputs briefly, check the golden results in a build by a second compiler,
# then run the test suite. `--slow` runs the slow tier too (longer fuzzing, clang-tidy, sanitizer
# build of the unit tests, the queueing validation at full length).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
slow=0
[ "${1:-}" = "--slow" ] && slow=1

"$root/scripts/setup.sh"
# The test build checks the simulation's invariants (people and vehicles conserved, time never
# going backwards, linkages never violated) on every event.
"$root/scripts/build.sh" test -DMAMAR_INVARIANTS=ON

# The fuzzers (loader, engine, outputs): clang with libFuzzer, ASan and UBSan; a third of the time
# each.
fuzz_seconds=90
[ $slow -eq 1 ] && fuzz_seconds=900
"$root/scripts/fuzz.sh" "$fuzz_seconds"

# The same results from another compiler: the golden fingerprints, taken from the GCC build, must
# hold for a Clang build too. C++ leaves some orders to the compiler (the arguments of one call
# among them): two draws from one random stream in the arguments of one call give GCC's results
# one way and Clang's another.
cmake -S "$root" -B "$root/build/clang" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DMAMAR_WERROR=ON -DMAMAR_BUILD_BENCH=OFF >/dev/null
cmake --build "$root/build/clang" --target golden_test --parallel "$(nproc)"
"$root/build/clang/tests/golden_test"

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
