#!/usr/bin/env bash
# East Aleppo, 10,000 replications on every core, timed beside two measures of the host's speed in
# the same run: the SimPy peer model (bench/peer/reference_model.py, single thread) and the same
# model written by hand in C++ (bench/peer/floor_reference, single thread). The host's speed varies
# by up to a factor of two from hour to hour and from processor to processor; East Aleppo's time
# divided by a peer's, measured minutes apart, does not, so the ratio says whether a change of the
# engine moved it, and the peer's time under which the goal (under 10 s) would be met.
#
#   bench/run_aleppo_bench.sh [BUILD_DIR] [RUNS] [REPLICATIONS]
#       defaults: build/release 3 10000
#
# Each run times `mamar simulate scenarios/aleppo-2016.yaml --replications REPLICATIONS` (wall
# time of the whole command, as a user waits for it; its results written to a temporary
# directory), 500 SimPy replications and 20,000 of the model by hand, in an order that turns with
# each run. Prints each run, then the medians and the median of the runs' ratios.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${1:-build/release}"
runs="${2:-3}"
replications="${3:-10000}"
if [ "${build#/}" = "$build" ] && [ ! -d "$build" ] && [ -d "$root/$build" ]; then
  build="$root/$build"
fi
mamar="$build/src/cli/mamar"
floor_driver="$build/bench/peer/floor_reference"
for bin in "$mamar" "$floor_driver"; do
  if [ ! -x "$bin" ]; then
    echo "error: $bin not found. Build it with:  bash scripts/build.sh release" >&2
    exit 1
  fi
done
for n in "$runs" "$replications"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: RUNS and REPLICATIONS must be positive whole numbers, not '$n'" >&2
    exit 2
  fi
done
python="${MAMAR_SIMPY_PYTHON:-/usr/bin/python3}"
if ! "$python" -c "import SimPy.Simulation, yaml" 2>/dev/null; then
  echo "error: $python cannot import SimPy 2 and PyYAML (Debian: apt-get install python3-simpy python3-yaml)" >&2
  exit 1
fi
scenario="$root/scenarios/aleppo-2016.yaml"
peer="$here/peer/reference_model.yaml"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

per_rep() { "$@" 2>&1 >/dev/null | awk '/^seconds_per_replication/ {print $2}'; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

aleppo_times=() simpy_times=() floor_times=()
aleppo() {
  local start end
  start="$(date +%s.%N)"
  "$mamar" simulate "$scenario" --replications "$replications" --out "$out" >/dev/null 2>&1
  end="$(date +%s.%N)"
  aleppo_times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')")
}
simpy() { simpy_times+=("$(per_rep "$python" "$here/peer/reference_model.py" "$peer" --replications 500 --time)"); }
floor() { floor_times+=("$(per_rep "$floor_driver" "$peer" --replications 20000 --time)"); }
for ((i = 1; i <= runs; ++i)); do
  case $((i % 3)) in
    1) aleppo; simpy; floor ;;
    2) simpy; floor; aleppo ;;
    0) floor; aleppo; simpy ;;
  esac
  echo "run $i/$runs: East Aleppo ${aleppo_times[-1]} s; SimPy ${simpy_times[-1]} s," \
       "by hand ${floor_times[-1]} s per replication of the peer model" >&2
done

ratio() {
  local -n num="$1" den="$2"
  for ((i = 0; i < runs; ++i)); do awk -v a="${num[i]}" -v b="${den[i]}" 'BEGIN {print a / (b * 1e6)}'; done | median
}
aleppo_s="$(printf '%s\n' "${aleppo_times[@]}" | median)"
simpy_s="$(printf '%s\n' "${simpy_times[@]}" | median)"
floor_s="$(printf '%s\n' "${floor_times[@]}" | median)"
per_simpy="$(ratio aleppo_times simpy_times)"
per_floor="$(ratio aleppo_times floor_times)"
awk -v a="$aleppo_s" -v s="$simpy_s" -v f="$floor_s" -v ps="$per_simpy" -v pf="$per_floor" \
    -v n="$replications" -v k="$runs" -v t="$(nproc)" 'BEGIN {
  printf "East Aleppo, %d replications on %d cores, beside the peer model, medians of %d runs\n", n, t, k
  printf "  %-52s %9.2f s%s\n", "East Aleppo (mamar simulate, wall time)", a, (n == 10000 ? (a < 10 ? "  goal < 10 s: met" : "  goal < 10 s: NOT met") : "")
  printf "  %-52s %9.1f us per replication\n", "SimPy peer model (one thread)", s * 1e6
  printf "  %-52s %9.1f us per replication\n", "the peer model by hand in C++ (one thread)", f * 1e6
  # The time of 10,000 replications, scaled from REPLICATIONS (it grows linearly with them).
  s10 = ps * 10000 / n; f10 = pf * 10000 / n
  printf "  East Aleppo per us of SimPy: %.4g s (median of the runs\x27 ratios); 10,000 replications in 10 s where SimPy takes under %.0f us\n", ps, 10 / s10
  printf "  East Aleppo per us of the model by hand: %.4g s; 10,000 replications in 10 s where it takes under %.1f us\n", pf, 10 / f10
}'
