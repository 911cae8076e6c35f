#!/usr/bin/env bash
# Wall time per replication of the SimPy peer model against mamar, on the same model
# (bench/peer/reference_model.yaml), side by side in one run; and of the same model written by hand
# in plain C++ for itself alone (bench/peer/floor_reference.cpp), a bar for any general engine.
#
#   bench/peer/run_peer_bench.sh [BUILD_DIR] [REPLICATIONS] [RUNS] [MAMAR_FACTOR]
#       defaults: build 500 5 40
#
# Each run times REPLICATIONS replications of SimPy and REPLICATIONS x MAMAR_FACTOR of mamar and of
# the hand-written model, one after the other (SimPy first in odd runs, last in even ones, so that
# a change of machine load, or a program running just after another, hits them alike). The C++
# programs get more replications so that every loop lasts about as long (about a second each with
# the defaults): a loop of a few tens of milliseconds is timed while the processor is still
# settling (500 replications of mamar read 6 to 44% slower than 20,000 in five paired runs on the
# machine this was measured on). Each program times its own replication loop (not its start-up or
# the reading of the scenario) and prints seconds per replication; the figures are the medians
# over the runs, and the median of the ratios within each run. All are single-threaded;
# mamar_reference keeps freed memory in the process between replications, as the mamar executable
# does. The goal is mamar >= 100x faster than SimPy; the hand-written model's ratio says what a
# plain program of the model alone reaches on this machine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
replications="${2:-500}"
runs="${3:-5}"
factor="${4:-40}"
scenario="$here/reference_model.yaml"
driver="$build/bench/peer/mamar_reference"
floor_driver="$build/bench/peer/floor_reference"
python="${MAMAR_SIMPY_PYTHON:-/usr/bin/python3}"

if [ ! -x "$driver" ] || [ ! -x "$floor_driver" ]; then
  echo "building mamar_reference and floor_reference in $build" >&2
  cmake --build "$build" --target mamar_reference floor_reference >&2
fi
if ! "$python" -c "import SimPy.Simulation, yaml" 2>/dev/null; then
  echo "error: $python cannot import SimPy 2 and PyYAML (Debian: apt-get install python3-simpy python3-yaml)" >&2
  exit 1
fi
simpy_version="$("$python" -c "import SimPy; print(SimPy.__version__)" 2>/dev/null || echo "?")"

# seconds per replication, as printed on standard error by --time
per_rep() { "$@" 2>&1 >/dev/null | awk '/^seconds_per_replication/ {print $2}'; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

mamar_replications=$((replications * factor))
simpy_times=() mamar_times=() floor_times=()
simpy() { simpy_times+=("$(per_rep "$python" "$here/reference_model.py" "$scenario" --replications "$replications" --time)"); }
mamar() { mamar_times+=("$(per_rep "$driver" "$scenario" --replications "$mamar_replications" --time)"); }
floor() { floor_times+=("$(per_rep "$floor_driver" "$scenario" --replications "$mamar_replications" --time)"); }
for ((i = 1; i <= runs; ++i)); do
  if ((i % 2)); then simpy; mamar; floor; else floor; mamar; simpy; fi
  echo "run $i/$runs: SimPy ${simpy_times[-1]} s, mamar ${mamar_times[-1]} s," \
       "by hand ${floor_times[-1]} s per replication" >&2
done

simpy="$(printf '%s\n' "${simpy_times[@]}" | median)"
mamar="$(printf '%s\n' "${mamar_times[@]}" | median)"
floor="$(printf '%s\n' "${floor_times[@]}" | median)"
# The ratio of two programs within each run (measured seconds apart), then their median.
paired() {
  local -n num="$1" den="$2"
  for ((i = 0; i < runs; ++i)); do awk -v s="${num[i]}" -v m="${den[i]}" 'BEGIN {print s / m}'; done | median
}
paired="$(paired simpy_times mamar_times)"
paired_floor="$(paired simpy_times floor_times)"
paired_engine="$(paired mamar_times floor_times)"
awk -v s="$simpy" -v m="$mamar" -v f="$floor" -v p="$paired" -v pf="$paired_floor" -v pe="$paired_engine" \
    -v r="$replications" -v mr="$mamar_replications" -v k="$runs" \
    -v sv="$simpy_version" -v py="$python" -v sc="${scenario#"$root"/}" 'BEGIN {
  printf "peer benchmark: %s, %d runs, medians (single thread each)\n", sc, k
  printf "  %-40s %9.1f us per replication (%d per run)\n", "SimPy " sv " (" py ")", s * 1e6, r
  printf "  %-40s %9.1f us per replication (%d per run)\n", "mamar", m * 1e6, mr
  printf "  %-40s %9.1f us per replication (%d per run)\n", "the model by hand (floor_reference)", f * 1e6, mr
  printf "  ratio SimPy / mamar: %.1fx of the medians, %.1fx the median of the runs\x27 ratios; goal >= 100x: %s\n",
         s / m, p, (s / m >= 100 && p >= 100) ? "met" : "NOT met"
  printf "  ratio SimPy / the model by hand: %.1fx of the medians, %.1fx the median of the runs\x27 ratios\n",
         s / f, pf
  printf "  mamar / the model by hand: %.2fx of the medians, %.2fx the median of the runs\x27 ratios\n",
         m / f, pe
}'
