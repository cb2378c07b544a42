#!/usr/bin/env bash
# Fetches (once) Zyte's article-extraction-benchmark (181 news pages with gold article bodies, MIT
# licence) at a pinned commit into .cache/article-extraction-benchmark, where
# `npm run bench:extraction-articles` reads it. The pages are not copied into the repository.
#   bash scripts/article-benchmark-fetch.sh
#   ARTICLE_BENCHMARK_SOURCE=/path/to/a/clone bash scripts/article-benchmark-fetch.sh   # offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# Only what the bench reads: the other libraries' outputs in output/ are large and not needed.
exec bash "$root/scripts/fetch-pinned-repo.sh" "the article benchmark" \
  "${ARTICLE_BENCHMARK_SOURCE:-https://github.com/scrapinghub/article-extraction-benchmark.git}" \
  4a3bc979f76c0df73cb95fe272e2fc1b96f9f010 \
  "${ARTICLE_BENCHMARK_DIR:-$root/.cache/article-extraction-benchmark}" \
  ground-truth.json ARTICLE_BENCHMARK_SOURCE \
  LICENSE README.rst evaluate.py ground-truth.json html
