#!/usr/bin/env bash
# Fetches (once) WCXB, the Web Content Extraction Benchmark v1.0 (Murrough Foley, CC-BY-4.0: 2,008
# pages collected in 2025, each with its gold main text, in a dev split of 1,497 and a test split of
# 511) at a pinned commit into .cache/wcxb, where `npm run bench:extraction-wcxb` reads it. The pages
# (about 90 MB) are not copied into the repository.
#   bash scripts/wcxb-fetch.sh
#   WCXB_SOURCE=/path/to/a/clone bash scripts/wcxb-fetch.sh   # offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# Only what the bench reads: other extractors' results are not needed.
exec bash "$root/scripts/fetch-pinned-repo.sh" WCXB \
  "${WCXB_SOURCE:-https://github.com/Murrough-Foley/web-content-extraction-benchmark.git}" \
  c039d5ee9f5a3a984a0e167e63aacd04e76e78a9 \
  "${WCXB_DIR:-$root/.cache/wcxb}" \
  metadata.json WCXB_SOURCE \
  LICENSE README.md evaluate.py metadata.json dev test/html test/ground-truth
