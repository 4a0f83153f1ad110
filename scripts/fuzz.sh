#!/usr/bin/env bash
# Runs the libFuzzer harnesses of tests/fuzz (docs/testing.md, "Fuzzing"); builds them first.
#   scripts/fuzz.sh --quick [SECONDS]   every target over its corpus, then SECONDS more of
#                                        fuzzing each (default 16), two at a time; what the
#                                        test command runs. Fails on any crash, leak, timeout
#                                        (> 2 s per input) or out-of-memory (> 512 MB).
#   scripts/fuzz.sh TARGET [HOURS]      one long session (default 1 hour); new inputs are kept
#                                        in fuzz-work/TARGET/corpus, crashes in fuzz-work/TARGET.
# Targets: json xml html text_values listing frames profile import json_stream skills.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(json xml html text_values listing frames profile import json_stream skills)
bin=build/fuzz/tests/fuzz
shared=../shared/corpora/JSONTestSuite/test_parsing

scripts/build.sh fuzz fuzzers

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/fuzz/ubsan.supp

dict_of() {
  case $1 in
    json|listing|profile|import|json_stream|frames) echo "-dict=tests/fuzz/dict/json.dict" ;;
    xml) echo "-dict=tests/fuzz/dict/xml.dict" ;;
    html) echo "-dict=tests/fuzz/dict/html.dict" ;;
  esac
}

# run TARGET SECONDS WORKDIR: prints one summary line; the log stays in WORKDIR on failure.
run() {
  local target=$1 seconds=$2 work=$3
  mkdir -p "$work/corpus"
  local extra=()
  if [ "$target" = json ] && [ -d "$shared" ]; then
    extra+=("$shared")  # peers' JSON parser cases, when ../shared is beside the checkout
  fi
  local log=$work/log
  if "$bin/fuzz_$target" -max_total_time="$seconds" -timeout=2 -rss_limit_mb=512 \
      -malloc_limit_mb=512 -print_final_stats=1 -artifact_prefix="$work/" $(dict_of "$target") \
      "$work/corpus" "tests/fuzz/corpus/$target" "${extra[@]}" >"$log" 2>&1; then
    local runs cov corp
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo ?)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo ?)
    corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo ?)
    printf '  %-12s ok    %9s inputs  coverage %5s edges  corpus %4s\n' "$target" "$runs" "$cov" "$corp"
  else
    printf '  %-12s FAILED (log: %s)\n' "$target" "$log"
    grep -E 'ERROR|SUMMARY|runtime error|uncaught|Test unit written' "$log" | head -8 | sed 's/^/    /'
    return 1
  fi
}

if [ "${1:-}" = --quick ]; then
  seconds=${2:-16}
  work=$(mktemp -d "${TMPDIR:-/tmp}/gigscout-fuzz.XXXXXX")
  echo "fuzz: each target over its corpus, then ${seconds} s of fuzzing (logs: $work)"
  failed=0
  pids=()
  names=()
  for target in "${targets[@]}"; do
    run "$target" "$seconds" "$work/$target" >"$work/$target.summary" &
    pids+=($!)
    names+=("$target")
    # two at a time: the machine has two cores
    if [ ${#pids[@]} -eq 2 ]; then
      wait "${pids[0]}" || failed=1
      pids=("${pids[1]}")
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  for target in "${names[@]}"; do cat "$work/$target.summary"; done
  if [ $failed -ne 0 ]; then
    echo "fuzz: a target failed; the input that failed is saved beside its log" >&2
    exit 1
  fi
  rm -rf "$work"
  exit 0
fi

target=${1:?usage: scripts/fuzz.sh --quick [SECONDS] | TARGET [HOURS]}
if [[ ! " ${targets[*]} " =~ " $target " ]]; then
  echo "fuzz.sh: unknown target '$target' (${targets[*]})" >&2
  exit 2
fi
hours=${2:-1}
seconds=$(python3 -c "print(int(float('$hours') * 3600))")
mkdir -p fuzz-work
run "$target" "$seconds" "fuzz-work/$target"
echo "new inputs: fuzz-work/$target/corpus (merge the useful ones into tests/fuzz/corpus/$target" \
     "with: $bin/fuzz_$target -merge=1 tests/fuzz/corpus/$target fuzz-work/$target/corpus)"
