#!/usr/bin/env bash
# Fetches (once) WCXB, the Web Content Extraction Benchmark v1.0 (Murrough Foley, CC-BY-4.0: 2,008
# pages collected in 2025, each with its gold main text, in a dev split of 1,497 and a test split of
# 511) at a pinned commit into .cache/wcxb, where `npm run bench:extraction-wcxb` reads it. The pages
# (about 90 MB) are not copied into the repository.
#   bash scripts/wcxb-fetch.sh
#   WCXB_SOURCE=/path/to/a/clone bash scripts/wcxb-fetch.sh   # offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source="${WCXB_SOURCE:-https://github.com/Murrough-Foley/web-content-extraction-benchmark.git}"
commit="c039d5ee9f5a3a984a0e167e63aacd04e76e78a9"
dir="${WCXB_DIR:-$root/.cache/wcxb}"
if [ -f "$dir/metadata.json" ] && [ "$(cat "$dir/.fetched-commit" 2>/dev/null)" = "$commit" ]; then
  echo "$dir"
  exit 0
fi
if ! command -v git >/dev/null; then
  echo "git is not installed; it is needed to fetch WCXB." >&2
  exit 3
fi
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
# Only what the bench reads: other extractors' results are not needed.
if ! git clone --quiet --no-checkout "$source" "$dir" >&2 ||
  ! git -C "$dir" checkout --quiet "$commit" -- LICENSE README.md evaluate.py metadata.json dev test/html test/ground-truth >&2; then
  rm -rf "$dir"
  echo "Could not fetch WCXB from $source at $commit (no network? set WCXB_SOURCE to a local clone)." >&2
  exit 3
fi
rm -rf "$dir/.git"
echo "$commit" >"$dir/.fetched-commit"
echo "$dir"
