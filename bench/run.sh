#!/usr/bin/env bash
# Runs every benchmark in the release tree and prints figures and ratios.
#   bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
dir=${BUILD_DIR:-build/release}
[ -d "$dir" ] || scripts/build.sh release
for b in "$dir"/bench/*/bench_*; do
  [ -x "$b" ] || continue
  echo "-- $(basename "$b")"
  "$b" $mode
done
