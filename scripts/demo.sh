#!/usr/bin/env bash
# The main job on a fresh machine: install, build, check the shipped East Aleppo scenario, then
# simulate it (Monte Carlo) and write the report to out/aleppo-2016/ (report.html, results.json).
# Extra arguments go to `mamar simulate`, e.g. --replications 200 --lang ar.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" release
mamar="$root/build/release/src/cli/mamar"
scenario="$root/scenarios/aleppo-2016.yaml"
"$mamar" check "$scenario"
"$mamar" simulate "$scenario" --out "$root/out/aleppo-2016" "$@"
echo "open $root/out/aleppo-2016/report.html"
