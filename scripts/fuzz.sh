#!/usr/bin/env bash
# Builds the scenario-parser fuzzer with clang (libFuzzer + ASan + UBSan) and runs it for the
# given number of seconds (default 60), starting from the shipped scenarios and the bad corpus.
# Any crash, leak or sanitizer report fails the run and leaves the input in build/fuzz/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
cmake -S "$root" -B "$root/build/fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DMAMAR_BUILD_FUZZ=ON -DMAMAR_BUILD_TESTS=OFF \
  -DMAMAR_BUILD_BENCH=OFF >/dev/null
cmake --build "$root/build/fuzz" --target scenario_fuzz --parallel "$(nproc)"
work="$root/build/fuzz/corpus"
mkdir -p "$work"
seeds=("$root/scenarios" "$root/scenarios/examples" "$root/tests/bad")
echo "fuzz: scenario parser for ${seconds} s"
cd "$root/build/fuzz"
"$root/build/fuzz/fuzz/scenario_fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -dict="$root/fuzz/scenario.dict" "$work" "${seeds[@]}" \
  2>"$root/build/fuzz/fuzz.log" || { tail -60 "$root/build/fuzz/fuzz.log"; exit 1; }
grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done" "$root/build/fuzz/fuzz.log" || true
