#!/usr/bin/env bash
# Fetches (once) L3S-GN1 (Kohlschütter, Fankhauser, Nejdl, "Boilerplate Detection using Shallow Text
# Features", WSDM 2010: 621 English news pages of 408 sites from Google News, first half of 2008, each
# with a copy whose text blocks assessors labelled headline / full text / supplemental / related /
# comments / not content) into .cache/l3s-gn1, where `npm run bench:extraction-l3s` reads it, and gzips
# each original page to html/<id>.html.gz. L3S licenses it for research use only: the pages are not
# copied into the repository. The official WARC is no longer online; this takes the per-page HTML
# conversion kept in github.com/geodrome/page-signal at a pinned commit.
#   bash scripts/l3s-gn1-fetch.sh
#   L3S_GN1_SOURCE=/path/to/a/clone bash scripts/l3s-gn1-fetch.sh   # offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${L3S_GN1_DIR:-$root/.cache/l3s-gn1}"
data=L3S-GN1-20100130203947-00001
bash "$root/scripts/fetch-pinned-repo.sh" L3S-GN1 \
  "${L3S_GN1_SOURCE:-https://github.com/geodrome/page-signal.git}" \
  186d8153b3d111f84865ddc180600a9cbe35ac7f \
  "$dir" "$data/Readme-L3S-GN1.txt" L3S_GN1_SOURCE \
  "$data/Readme-L3S-GN1.txt" "$data/url-mapping.txt" "$data/original" "$data/annotated" >/dev/null
mkdir -p "$dir/html"
for page in "$dir/$data"/original/*.html; do
  id="$(basename "$page" .html)"
  [ -f "$dir/html/$id.html.gz" ] || gzip -c "$page" >"$dir/html/$id.html.gz"
done
echo "$dir"
