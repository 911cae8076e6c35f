#!/usr/bin/env bash
# Builds the fuzzers with clang (libFuzzer + ASan + UBSan, simulation invariants on) and runs
# each for a third of the given number of seconds (default 60), starting from the shipped
# scenarios and the bad corpus: scenario_fuzz the loader, simulate_fuzz the engine on what the
# loader accepts, report_fuzz the tables, JSON, reports and traces written of it (fuzz/*.cpp).
# Any crash, hang, leak, sanitizer report, broken invariant, traced run whose results differ
# from the untraced run's, or output that fails report_fuzz's checks fails the run and leaves the
# input in build/fuzz/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
cmake -S "$root" -B "$root/build/fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DMAMAR_BUILD_FUZZ=ON -DMAMAR_INVARIANTS=ON \
  -DMAMAR_BUILD_TESTS=OFF -DMAMAR_BUILD_BENCH=OFF >/dev/null
cmake --build "$root/build/fuzz" --target scenario_fuzz simulate_fuzz report_fuzz --parallel "$(nproc)"
seeds=("$root/scenarios" "$root/scenarios/examples" "$root/tests/bad")
cd "$root/build/fuzz"
for target in scenario_fuzz simulate_fuzz report_fuzz; do
  work="$root/build/fuzz/corpus-$target"
  log="$root/build/fuzz/$target.log"
  mkdir -p "$work"
  echo "fuzz: $target for $((seconds / 3)) s"
  "$root/build/fuzz/fuzz/$target" -max_total_time="$((seconds / 3))" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -dict="$root/fuzz/scenario.dict" "$work" "${seeds[@]}" \
    2>"$log" || { tail -60 "$log"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done" "$log" || true
done
