#!/usr/bin/env bash
# Fetches (once) Zyte's article-extraction-benchmark (181 news pages with gold article bodies, MIT
# licence) at a pinned commit into .cache/article-extraction-benchmark, where
# `npm run bench:extraction-articles` reads it. The pages are not copied into the repository.
#   bash scripts/article-benchmark-fetch.sh
#   ARTICLE_BENCHMARK_SOURCE=/path/to/a/clone bash scripts/article-benchmark-fetch.sh   # offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source="${ARTICLE_BENCHMARK_SOURCE:-https://github.com/scrapinghub/article-extraction-benchmark.git}"
commit="4a3bc979f76c0df73cb95fe272e2fc1b96f9f010"
dir="${ARTICLE_BENCHMARK_DIR:-$root/.cache/article-extraction-benchmark}"
if [ -f "$dir/ground-truth.json" ] && [ "$(cat "$dir/.fetched-commit" 2>/dev/null)" = "$commit" ]; then
  echo "$dir"
  exit 0
fi
if ! command -v git >/dev/null; then
  echo "git is not installed; it is needed to fetch the article benchmark." >&2
  exit 3
fi
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
# Only what the bench reads: the other libraries' outputs in output/ are large and not needed.
if ! git clone --quiet --no-checkout "$source" "$dir" >&2 ||
  ! git -C "$dir" checkout --quiet "$commit" -- LICENSE README.rst evaluate.py ground-truth.json html >&2; then
  rm -rf "$dir"
  echo "Could not fetch the article benchmark from $source at $commit (no network? set ARTICLE_BENCHMARK_SOURCE to a local clone)." >&2
  exit 3
fi
echo "$commit" >"$dir/.fetched-commit"
echo "$dir"
