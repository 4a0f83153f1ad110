#!/bin/sh
# Runs keyring_test.cpp against a real gnome-keyring-daemon on a private session bus, with a
# throw-away HOME so no real keyring is touched:
#   dbus-run-session -- sh tests/store/run_keyring_tests.sh path/to/store_keyring_tests
set -eu
binary=$1
if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "SKIP: gnome-keyring-daemon is not installed (Debian package gnome-keyring)"
  exit 0
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
  XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the login keyring's password from stdin, creating that keyring unlocked.
if ! printf 'gigscout-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
  echo "SKIP: gnome-keyring-daemon could not start in this environment"
  exit 0
fi
GIGSCOUT_KEYRING_TEST=1 exec "$binary"
