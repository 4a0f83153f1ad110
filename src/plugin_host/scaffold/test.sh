#!/bin/sh
# Runs this plugin's cases (cases.json) in GigScout's real sandbox: exits 0 when every case
# passes, 3 when one fails (with what differs).
# Uses the gigscout-cli that wrote this file; GIGSCOUT_CLI names another one.
set -e
cli={{cli}}
exec "${GIGSCOUT_CLI:-$cli}" plugin test "$(dirname "$0")"
