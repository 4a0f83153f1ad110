#!/usr/bin/env bash
# Sets up, builds and runs every test: a release tree (tests; the .deb built, unpacked and run
# from a temporary root; the benchmarks in quick mode), an AddressSanitizer + UBSan tree (tests)
# and a libFuzzer tree (each parser's fuzz target over its corpus, then a short bounded run).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
start=$(date +%s)

run_suite() {
  local dir=$1
  ctest --test-dir "$dir" -j2 --timeout 300 --output-on-failure
}

echo "== release build =="
scripts/build.sh release
echo "== release tests =="
run_suite build/release
echo "== package =="
scripts/package.sh build/release
echo "== benchmarks (quick) =="
bench/run.sh --quick
echo "== sanitizer build =="
scripts/build.sh sanitize
echo "== sanitizer tests =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build/sanitize
echo "== fuzzing (quick) =="
scripts/fuzz.sh --quick
echo "== all tests passed in $(( $(date +%s) - start )) s =="
