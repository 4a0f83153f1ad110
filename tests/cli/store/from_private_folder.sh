#!/usr/bin/env bash
# The cases that run gigscout-cli as `nobody`, with the CLI, its resources and the test program
# in a folder only root can enter (mode 0700), as they are when the checkout is a clone in root's
# home folder or in a `mktemp -d` folder. The cases must copy out what `nobody` needs; before
# they did, `nobody` could not read the taxonomy and the CLI aborted (issue 15).
#   from_private_folder.sh CLI TEST_PROGRAM RESOURCES_DIR
# Exit 77 (skipped) when not root: only root can drop to `nobody`.
set -euo pipefail
cli=$1 test_program=$2 resources=$3
if [ "$(id -u)" != 0 ]; then
  echo "skipped: needs root to drop to nobody (run as root, as CI does)"
  exit 77
fi
private=$(mktemp -d)
trap 'rm -rf "$private"' EXIT
chmod 0700 "$private"
cp "$cli" "$private/gigscout-cli"
cp "$test_program" "$private/cli_store_test"
cp -r "$resources" "$private/resources"
# The cases' own folders go to /tmp, which `nobody` can search (they skip otherwise).
out=$(TMPDIR=/tmp GIGSCOUT_TEST_CLI="$private/gigscout-cli" GIGSCOUT_RESOURCES="$private/resources" \
  "$private/cli_store_test" --gtest_filter='CliStoreReadOnly.*' --gtest_brief=0 2>&1) || {
  echo "$out"
  exit 1
}
echo "$out"
# A skipped case proves nothing here.
if grep -q '\[  SKIPPED \]' <<<"$out"; then
  echo "from_private_folder.sh: a privilege-dropping case was skipped" >&2
  exit 1
fi
grep -q '\[  PASSED  \] [1-9]' <<<"$out"
