#!/usr/bin/env bash
# The merge rule's four training seeds (docs/history/judgement.md, R1): trains the checkout DIR's model on each seed of
# $SEEDS (default 20201014 1 2 3) and prints the decision pool's totals (scripts/pool-totals.sh) for each.
# Training replaces config/model.json and adds to config/models: both are put back at the end, so do not run tests in
# DIR meanwhile. Extra arguments go to `npm run train` (e.g. --model-only-requirement 0.4).
set -euo pipefail
dir="$(cd "${1:?usage: four-seeds.sh DIR [train args]}" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$dir"
backup="$(mktemp -d)"
cp -a config/model.json config/models "$backup/"
trap 'rm -rf "$dir/config/models"; cp -a "$backup/models" "$backup/model.json" "$dir/config/"; rm -rf "$backup"' EXIT
for seed in ${SEEDS:-20201014 1 2 3}; do
  npm run -s train -- --seed "$seed" "${@:2}" > "$backup/train.log" 2>&1 || { cat "$backup/train.log"; exit 1; }
  echo "== seed $seed $(node -e 'console.log(require("./config/model.json").version)')"
  bash "$here/pool-totals.sh" "$dir"
done
