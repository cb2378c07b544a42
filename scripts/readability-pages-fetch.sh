#!/usr/bin/env bash
# Fetches (once) Mozilla Readability's test pages (github.com/mozilla/readability, Apache 2.0: 130
# pages saved from sites, each with the article Readability's maintainers checked by hand as its
# expected output) at a pinned commit into .cache/readability-test-pages, and gzips each page to
# html/<name>.html.gz, where `npm run bench:extraction-readability` reads them. The pages are not
# copied into the repository.
#   bash scripts/readability-pages-fetch.sh
#   READABILITY_PAGES_SOURCE=/path/to/a/clone bash scripts/readability-pages-fetch.sh   # offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${READABILITY_PAGES_DIR:-$root/.cache/readability-test-pages}"
bash "$root/scripts/fetch-pinned-repo.sh" "Readability's test pages" \
  "${READABILITY_PAGES_SOURCE:-https://github.com/mozilla/readability.git}" \
  ab4027a8b37669745016869a37a504727992b2ba \
  "$dir" LICENSE.md READABILITY_PAGES_SOURCE \
  LICENSE.md test/test-pages >/dev/null
mkdir -p "$dir/html"
for page in "$dir"/test/test-pages/*/; do
  name="$(basename "$page")"
  [ -f "$dir/html/$name.html.gz" ] || gzip -c "$page/source.html" >"$dir/html/$name.html.gz"
done
echo "$dir"
