#!/bin/sh
# Runs a GUI test program under a private Xvfb and session bus (../shared/GUI-NOTES.md,
# "Recipe"): throw-away HOME and XDG folders, X11 only, no accessibility bus, a fixed theme
# for stable screenshots. Exits 77 (ctest: skipped) when Xvfb is missing.
#   run_gui_test.sh SHOTS_DIR PROGRAM [ARGS...]
set -eu
shots=$1
shift
command -v Xvfb >/dev/null 2>&1 || { echo "Xvfb is not installed: GUI test skipped"; exit 77; }
command -v dbus-run-session >/dev/null 2>&1 || { echo "dbus-run-session missing: skipped"; exit 77; }
tmp=$(mktemp -d)
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/runtime" "$shots"
chmod 700 "$tmp/runtime"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"
export GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_THEME=Adwaita GSETTINGS_BACKEND=memory LC_ALL=C.UTF-8
export GIGSCOUT_SHOTS="$shots"
unset WAYLAND_DISPLAY
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
i=0
while [ ! -s "$tmp/display" ]; do
  i=$((i + 1))
  [ $i -gt 500 ] && { echo "Xvfb did not start:"; cat "$tmp/xvfb.log"; exit 1; }
  sleep 0.01
done
export DISPLAY=":$(cat "$tmp/display")"
# GTK, GLib and fontconfig keep process-lifetime allocations that LeakSanitizer reports; the
# core's leaks are checked by the tests that need no display.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
export GIGSCOUT_GUI_DATA="$tmp/gigscout"
dbus-run-session -- "$@"
