#!/usr/bin/env bash
# Configures and builds one tree with Ninja.
#   scripts/build.sh [release|sanitize|fuzz] [ninja targets...]
# BUILD_DIR overrides the tree (default build/release or build/sanitize).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
shift || true
case "$kind" in
  release) flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGIGSCOUT_SANITIZE=OFF) ;;
  # libFuzzer harnesses only (tests/fuzz), with clang; ASan + UBSan built in.
  fuzz) export CC=clang-14 CXX=clang++-14
        flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DGIGSCOUT_FUZZ=ON -DGIGSCOUT_BUILD_TESTS=OFF -DGIGSCOUT_BUILD_BENCH=OFF) ;;
  sanitize) flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DGIGSCOUT_SANITIZE=ON) ;;
  *) echo "build.sh: unknown build kind '$kind' (release, sanitize or fuzz)" >&2; exit 2 ;;
esac
dir=${BUILD_DIR:-build/$kind}
cmake -S . -B "$dir" -G Ninja "${flags[@]}" -DGIGSCOUT_WERROR=ON >/dev/null
cmake --build "$dir" -j "${JOBS:-2}" -- "$@"
