#!/usr/bin/env bash
# Runs every benchmark in the release tree and prints figures and ratios.
#   bench/run.sh [--quick]
# bench_app drives the desktop app, so it runs under a virtual display (tests/app/run_gui_test.sh);
# it is skipped with a message when Xvfb is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
dir=${BUILD_DIR:-build/release}
[ -d "$dir" ] || scripts/build.sh release
for b in "$dir"/bench/*/bench_*; do
  [ -x "$b" ] || continue
  echo "-- $(basename "$b")"
  if [ "$(basename "$b")" = bench_app ]; then
    status=0
    sh tests/app/run_gui_test.sh "$dir/Testing/bench-shots" "$b" $mode || status=$?
    [ "$status" -eq 77 ] && continue
    [ "$status" -eq 0 ] || exit "$status"
    continue
  fi
  "$b" $mode
done
