#!/usr/bin/env bash
# Wall time per replication of the SimPy peer model against mamar, on the same model
# (bench/peer/reference_model.yaml), side by side in one run.
#
#   bench/peer/run_peer_bench.sh [BUILD_DIR] [REPLICATIONS] [RUNS]     (defaults: build 500 5)
#
# Each run times R replications of each simulator, one after the other, alternating (so that a
# change of machine load hits both); each program times its own replication loop (not its start-up
# or the reading of the scenario) and prints seconds per replication. The figures are the medians
# over the runs. Both are single-threaded. mamar is timed twice: as built (glibc's default malloc,
# which gives freed memory back to the kernel at the end of every replication and takes it again
# in the next: page faults, costly on some virtual machines) and with heap trimming turned off
# through GLIBC_TUNABLES, which is what a long-running Monte Carlo process sees after warming up.
# The goal is mamar >= 100x faster than SimPy.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
replications="${2:-500}"
runs="${3:-5}"
scenario="$here/reference_model.yaml"
driver="$build/bench/peer/mamar_reference"
python="${MAMAR_SIMPY_PYTHON:-/usr/bin/python3}"

if [ ! -x "$driver" ]; then
  echo "building mamar_reference in $build" >&2
  cmake --build "$build" --target mamar_reference >&2
fi
if ! "$python" -c "import SimPy.Simulation, yaml" 2>/dev/null; then
  echo "error: $python cannot import SimPy 2 and PyYAML (Debian: apt-get install python3-simpy python3-yaml)" >&2
  exit 1
fi
simpy_version="$("$python" -c "import SimPy; print(SimPy.__version__)" 2>/dev/null || echo "?")"

# seconds per replication, as printed on standard error by --time
per_rep() { "$@" 2>&1 >/dev/null | awk '/^seconds_per_replication/ {print $2}'; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

no_trim="glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=67108864"
simpy_times=() mamar_times=() mamar_notrim_times=()
for ((i = 1; i <= runs; ++i)); do
  simpy_times+=("$(per_rep "$python" "$here/reference_model.py" "$scenario" --replications "$replications" --time)")
  mamar_times+=("$(per_rep "$driver" "$scenario" --replications "$replications" --time)")
  mamar_notrim_times+=("$(GLIBC_TUNABLES="$no_trim" per_rep "$driver" "$scenario" --replications "$replications" --time)")
  echo "run $i/$runs: SimPy ${simpy_times[-1]} s, mamar ${mamar_times[-1]} s, mamar without heap trimming ${mamar_notrim_times[-1]} s per replication" >&2
done

simpy="$(printf '%s\n' "${simpy_times[@]}" | median)"
mamar="$(printf '%s\n' "${mamar_times[@]}" | median)"
mamar_notrim="$(printf '%s\n' "${mamar_notrim_times[@]}" | median)"
awk -v s="$simpy" -v m="$mamar" -v n="$mamar_notrim" -v r="$replications" -v k="$runs" \
    -v sv="$simpy_version" -v py="$python" -v sc="${scenario#"$root"/}" 'BEGIN {
  printf "peer benchmark: %s, %d replications per run, %d runs, medians (single thread each)\n", sc, r, k
  printf "  %-40s %9.1f us per replication\n", "SimPy " sv " (" py ")", s * 1e6
  printf "  %-40s %9.1f us per replication\n", "mamar, default malloc", m * 1e6
  printf "  %-40s %9.1f us per replication\n", "mamar, heap trimming off", n * 1e6
  printf "  ratio SimPy / mamar: %.1fx (default malloc), %.1fx (heap trimming off); goal >= 100x: %s\n",
         s / m, s / n, (s / m >= 100) ? "met" : "NOT met"
}'
