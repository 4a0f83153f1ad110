#!/usr/bin/env bash
# Builds the .deb from a built tree and checks it as a user would meet it (README, "Installing"):
# lintian, desktop-file-validate and appstreamcli on what it ships; then the package unpacked
# into a temporary root (dpkg -x) and its programs run from there with the checkout hidden, so
# they can only find the data, plugins and worker they were installed with.
#   scripts/package.sh [BUILD_DIR]     (default build/release; run scripts/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
tree=${1:-build/release}
[ -d "$tree" ] || { echo "package.sh: no build tree at $tree (run scripts/build.sh)" >&2; exit 2; }

(cd "$tree" && rm -f gigscout_*.deb && cpack -G DEB >/dev/null)
deb=$(ls "$tree"/gigscout_*.deb)
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"

# Errors fail; warnings are printed. (--allow-root: CI runs as root.)
lintian --allow-root --fail-on error "$deb"
echo "package: lintian found no errors"

root=$(mktemp -d "${TMPDIR:-/tmp}/gigscout-deb.XXXXXX")
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/io.github.gigscout.GigScout.desktop"
appstreamcli validate --no-net --pedantic \
  "$root/usr/share/metainfo/io.github.gigscout.GigScout.metainfo.xml" >/dev/null
echo "package: desktop entry and AppStream metainfo valid"

# The installed programs, run with the checkout (and its build trees) hidden behind an empty
# folder in a private mount namespace when the system allows one (as root it does).
cat >"$root/check.sh" <<'CHECK'
set -euo pipefail
root=$1
bin=$root/usr/bin
share=$root/usr/share/gigscout
data=$(mktemp -d)
unset GIGSCOUT_RESOURCES GIGSCOUT_PLUGINS GIGSCOUT_PLUGIN_WORKER
"$bin/gigscout-cli" --version | grep -qx 'gigscout-cli [0-9.]*'
"$bin/gigscout" --version | grep -qx 'gigscout [0-9.]*'
"$bin/gigscout-cli" --version --verbose | grep -q '^plugin API '
echo "installed: --version ok"
"$bin/gigscout-cli" --data-dir "$data" plugin run "$share/plugins/examples/gigboard" \
  --response "$share/plugins/examples/gigboard/responses/sample.json" >"$data/run.txt"
grep -q '^2 listings valid, 0 rejected' "$data/run.txt"
echo "installed: plugin run on the installed example plugin ok ($(grep -c '^' "$data/run.txt") lines)"
# Plugins ship as folders with their cases: a bundled one's cases run by id from the package.
"$bin/gigscout-cli" --data-dir "$data" plugin test remoteok >"$data/test.txt"
grep -q ' 0 failed' "$data/test.txt"
echo "installed: plugin test remoteok on the installed plugin folder ok"
"$bin/gigscout-cli" --data-dir "$data" match \
  --profile "$share/resources/profiles/intermediate-cv-engineer.json" \
  --listings "$share/resources/demo/demo-listings.json" --top 3 >"$data/match.txt"
grep -q 'DEMO' "$data/match.txt"
echo "installed: match on the installed demo data ok"
zcat "$root/usr/share/man/man1/gigscout-cli.1.gz" | grep -q '^\.SS fetch'
rm -rf "$data"
CHECK
if unshare --mount true 2>/dev/null; then
  unshare --mount bash -c 'mount -t tmpfs none "$1" && bash "$2/check.sh" "$2"' _ "$checkout" "$root"
  echo "package: the installed programs ran with the checkout hidden"
else
  bash "$root/check.sh" "$root"
  echo "package: the installed programs ran (no private mount namespace here: checkout visible)"
fi
