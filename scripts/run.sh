#!/usr/bin/env bash
# Sets up, builds and runs the main job: the desktop app `gigscout`. With an empty store and no
# network it shows the bundled, clearly labelled [DEMO] listings. Without a display it says so,
# prints the CLI's ranking of the demo listings instead, and tells how to open the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release gigscout gigscout-cli
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/release/src/app/gigscout "$@"
fi
cat >&2 <<'MSG'
run.sh: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the desktop app cannot open.
        Here is the ranking it would show, from the command-line tool: the bundled [DEMO]
        listings against the intermediate computer-vision starter profile.
        To open the app: run scripts/run.sh in a desktop session, or
        `xvfb-run -a build/release/src/app/gigscout` for a virtual one.
MSG
exec build/release/src/cli/gigscout-cli match \
  --profile resources/profiles/intermediate-cv-engineer.json \
  --listings resources/demo/demo-listings.json --top 15 "$@"
