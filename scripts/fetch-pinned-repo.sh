#!/usr/bin/env bash
# Shared by the benchmark fetch scripts: clones <source> once into <dir>, checks out only <paths> at
# <commit>, drops the git folder and records the commit, so a later call with the same pin is a no-op.
# Prints <dir>. Exit 3 with a clear message when git or the source is not available.
#   fetch-pinned-repo.sh <name> <source> <commit> <dir> <marker file> <source variable> <path>...
set -euo pipefail
name="$1" source="$2" commit="$3" dir="$4" marker="$5" source_var="$6"
shift 6
if [ -f "$dir/$marker" ] && [ "$(cat "$dir/.fetched-commit" 2>/dev/null)" = "$commit" ]; then
  echo "$dir"
  exit 0
fi
if ! command -v git >/dev/null; then
  echo "git is not installed; it is needed to fetch $name." >&2
  exit 3
fi
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
if ! git clone --quiet --no-checkout "$source" "$dir" >&2 || ! git -C "$dir" checkout --quiet "$commit" -- "$@" >&2; then
  rm -rf "$dir"
  echo "Could not fetch $name from $source at $commit (no network? set $source_var to a local clone)." >&2
  exit 3
fi
rm -rf "$dir/.git"
echo "$commit" >"$dir/.fetched-commit"
echo "$dir"
