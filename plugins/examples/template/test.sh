#!/bin/sh
# Runs {{id}}.lua on its saved sample response in GigScout's real sandbox; exits 0 only when
# the plugin ran and every listing it returned is valid.
# GIGSCOUT_CLI names the gigscout-cli to use (default: the one on PATH).
set -e
cd "$(dirname "$0")"
exec "${GIGSCOUT_CLI:-gigscout-cli}" plugin run {{id}}.lua --response {{id}}.sample.json
