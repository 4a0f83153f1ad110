#!/usr/bin/env bash
# Installs every Debian 12 package GigScout builds, tests and runs with.
# Idempotent; run as root. Package names and why: README.md "Dependencies".
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  libwxgtk3.2-dev
  libcurl4-openssl-dev rapidjson-dev liblua5.4-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libpugixml-dev libexpat1-dev libgumbo-dev
  libcpp-httplib-dev libcli11-dev libfmt-dev
  libsecret-1-dev gnome-keyring dbus-daemon dbus-x11
  xvfb xauth openssl util-linux python3-feedparser gettext
  clang-14 libclang-rt-14-dev
  dpkg-dev lintian desktop-file-utils appstream lua-check
)
# Security fixes the notes rely on (DEBIAN-NOTES.md): a fresh image ships older builds.
upgrades=(libexpat1 libcurl4 liblua5.4-0)

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: run as root (it calls apt-get)" >&2
  exit 2
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
stamp=/var/lib/apt/periodic/gigscout-upgrades-done
if [ ${#missing[@]} -gt 0 ] || [ ! -f "$stamp" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  apt-get install -y -qq --only-upgrade "${upgrades[@]}"
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
fi
echo "setup.sh: all packages present"
