#!/usr/bin/env bash
# Fetches (once) the parser test pages of Fundus (github.com/flairNLP/fundus, MIT; Dallabetta, Dobberstein,
# Wey et al., ACL 2024 demo) into .cache/fundus, where `npm run bench:extraction-fundus` reads them: one
# or more saved article pages per news publisher, each with the attributes Fundus's hand-written
# publisher parser extracts and its maintainers checked (body: summary, section headings, paragraphs).
# The pages are the publishers' own: they are not copied into the repository.
#   bash scripts/fundus-fetch.sh
#   FUNDUS_SOURCE=/path/to/a/clone bash scripts/fundus-fetch.sh   # offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${FUNDUS_DIR:-$root/.cache/fundus}"
bash "$root/scripts/fetch-pinned-repo.sh" Fundus \
  "${FUNDUS_SOURCE:-https://github.com/flairNLP/fundus.git}" \
  18da6e53592f99cf0ac5770dc63d6ba99ba63ae8 \
  "$dir" LICENSE FUNDUS_SOURCE \
  LICENSE tests/resources/parser/test_data
