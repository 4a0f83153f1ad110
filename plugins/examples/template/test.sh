#!/bin/sh
# Runs {{id}}.lua on its saved sample response in GigScout's real sandbox; exits 0 only when
# the plugin ran and every listing it returned is valid.
# Uses the gigscout-cli that wrote this file; GIGSCOUT_CLI names another one.
set -e
cd "$(dirname "$0")"
cli={{cli}}
exec "${GIGSCOUT_CLI:-$cli}" plugin run {{id}}.lua --response {{id}}.sample.json
