#!/usr/bin/env bash
# The main job on a fresh machine: install, build, and check the shipped East Aleppo scenario.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" release
"$root/build/release/src/cli/mamar" check "$root/scenarios/aleppo-2016.yaml" "$@"
