#!/usr/bin/env bash
# Configures and builds mamar into build/<name> (default: build/release). Extra arguments go to
# CMake. Used by demo.sh and test.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:-release}"
shift || true
cmake -S "$root" -B "$root/build/$name" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAMAR_WERROR=ON "$@" >/dev/null
cmake --build "$root/build/$name" --parallel "$(nproc)"
