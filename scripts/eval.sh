#!/usr/bin/env bash
# Measures quality in the release tree and prints the figures:
#   1. skill extraction — precision/recall on tests/eval/extraction.json, recall of the
#      platforms' own tags in ../shared/fixtures (when present), and the real-text pilot
#      tests/eval/extraction-real.json, and the full real-text set tests/eval/extraction-real-set.json
#      and the held-out set tests/eval/extraction-real-heldout.json (texts rebuilt from
#      ../shared/fixtures by tests/eval/real_texts.py; skipped without them);
#   2. ranking — NDCG@10, grade-0 listings in the top 5 and the keyword + hard-filters baseline,
#      on the written sets tests/eval/ranking-*.json and the real ones tests/eval/real-ranking-*.json
#      (listings built from ../shared/fixtures by the bundled plugins; skipped without them).
#   scripts/eval.sh [--verbose]
# BUILD_DIR overrides the tree (default build/release).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build/release}
verbose=()
[ "${1:-}" = "--verbose" ] && verbose=(--verbose)

echo "== skill extraction =="
BUILD_DIR=$dir scripts/build.sh release gigscout-eval-extraction
"$dir/tests/eval/gigscout-eval-extraction" "${verbose[@]}"
echo
echo "-- real postings (a 29-text pilot from ../shared/fixtures, docs/eval.md) --"
"$dir/tests/eval/gigscout-eval-extraction" --no-fixtures --set tests/eval/extraction-real.json "${verbose[@]}"
echo
echo "-- real postings: the full set (160 postings from 14 sources, texts read from ../shared/fixtures) --"
texts="$dir/tests/eval/real-texts.json"
rm -f "$texts"
if python3 tests/eval/real_texts.py ../shared/fixtures > "$texts.tmp" 2>/dev/null; then
  mv "$texts.tmp" "$texts"
else
  rm -f "$texts.tmp"
fi
"$dir/tests/eval/gigscout-eval-extraction" --no-fixtures --set tests/eval/extraction-real-set.json --texts "$texts" "${verbose[@]}"
echo
echo "-- real postings: the held-out set (86 RemoteOK postings labelled by three other readers, docs/eval.md) --"
"$dir/tests/eval/gigscout-eval-extraction" --no-fixtures --set tests/eval/extraction-real-heldout.json --texts "$texts" "${verbose[@]}"

echo
echo "== ranking (NDCG@10) =="
BUILD_DIR=$dir scripts/build.sh release gigscout-eval-ranking
echo "-- written sets (tests/eval/ranking-*.json) --"
"$dir/tests/eval/gigscout-eval-ranking" "${verbose[@]}"
echo
echo "-- real listings (tests/eval/real-ranking-*.json: the bundled plugins on ../shared/fixtures) --"
BUILD_DIR=$dir scripts/build.sh release gigscout-cli gigscout-plugin-worker
listings="$dir/tests/eval/real-listings.json"
rm -f "$listings"
if python3 tests/eval/real_listings.py "$dir/src/cli/gigscout-cli" . ../shared/fixtures > "$listings.tmp"; then
  mv "$listings.tmp" "$listings"
else
  rm -f "$listings.tmp"
fi
"$dir/tests/eval/gigscout-eval-ranking" --listings "$listings" "${verbose[@]}" tests/eval/real-ranking-*.json
