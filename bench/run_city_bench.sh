#!/usr/bin/env bash
# How the cost of a replication grows with the size of the city: runs bench/city_bench (a
# synthetic city evacuation, every count proportional to the people; see the head of
# bench/city_bench.cpp) once per size, each in its own process so that the peak memory is that
# of the size, and prints a Markdown table.
#
#   bench/run_city_bench.sh [BUILD_DIR] [REPLICATIONS] [SIZE ...]
#       defaults: build/release 5 10000 30000 100000 300000 1000000
#
# Per size: people, vehicles (people / 100), events per replication (median), median wall time per
# replication (one thread, seed 1), microseconds per person, peak resident memory of the process
# (MiB, includes the loaded scenario and the program itself) and per 1,000 people, the median
# time to clear 100% (hours: it should be about the same at every size), and the growth exponent
# of the time per replication from the size before: log(time ratio) / log(size ratio), 1 for
# linear growth.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${1:-build/release}"
replications="${2:-5}"
shift $(($# < 2 ? $# : 2))
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(10000 30000 100000 300000 1000000)
fi

# A relative build directory is taken from the current directory, else from the repository root.
if [ "${build#/}" = "$build" ] && [ ! -d "$build" ] && [ -d "$root/$build" ]; then
  build="$root/$build"
fi
bin="$build/bench/city_bench"
if [ ! -x "$bin" ]; then
  echo "error: $bin not found. Build it with:  bash scripts/build.sh release" >&2
  echo "       (or, for another build directory:  cmake --build DIR --target city_bench)" >&2
  exit 1
fi
if ! [[ "$replications" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: REPLICATIONS must be a positive whole number, not '$replications'" >&2
  exit 2
fi
for n in "${sizes[@]}"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]] || [ "$n" -lt 1000 ]; then
    echo "error: every SIZE must be a whole number of people >= 1000, not '$n'" >&2
    exit 2
  fi
done

cpu="$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
echo "city_bench: ${bin#"$root"/}, $replications replications per size, seed 1, one thread${cpu:+, $cpu}" >&2

# One line of key=value pairs per size, as printed by city_bench.
results=()
for n in "${sizes[@]}"; do
  echo "  $n people ..." >&2
  start=$(date +%s.%N)
  if ! line="$("$bin" --people "$n" --replications "$replications")"; then
    echo "error: city_bench failed for $n people" >&2
    exit 1
  fi
  wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  echo "  $n people: $wall s in all ($line)" >&2
  results+=("$line")
done

printf '%s\n' "${results[@]}" | awk -v reps="$replications" '
  function field(key,    i, kv) {
    for (i = 1; i <= NF; ++i) {
      split($i, kv, "=")
      if (kv[1] == key) return kv[2]
    }
    return ""
  }
  BEGIN {
    printf "Synthetic city evacuation (bench/city_bench), %d replications per size, one thread\n\n", reps
    print "| people | vehicles | events/rep | median s/rep | µs per person | peak RSS MiB | MiB per 1k people | t100 h | time growth exponent |"
    print "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  }
  {
    n = field("people"); s = field("rep_s_median"); rss = field("peak_rss_mib")
    t100 = field("t100_h_median"); nc = field("not_cleared_reps")
    growth = (NR > 1 && prev_s > 0 && s > 0) ? sprintf("%.2f", log(s / prev_s) / log(n / prev_n)) : "—"
    note = (nc + 0 > 0) ? sprintf(" (%d not cleared)", nc) : ""
    printf "| %d | %d | %d | %.5f | %.3f | %.1f | %.2f | %.1f%s | %s |\n",
           n, field("vehicles"), field("events_per_rep"), s, s * 1e6 / n, rss, rss / (n / 1000),
           t100, note, growth
    prev_n = n; prev_s = s
  }'
