#!/usr/bin/env bash
# Sets up, builds and runs the main job: until the desktop app exists, the CLI ranks the
# bundled demo listings (labelled DEMO) against the intermediate starter profile.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release gigscout-cli
exec build/release/src/cli/gigscout-cli match \
  --profile resources/profiles/intermediate-cv-engineer.json \
  --listings resources/demo/demo-listings.json --top 15 "$@"
