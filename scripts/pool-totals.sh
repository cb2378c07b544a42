#!/usr/bin/env bash
# The decision pool's totals for the checkout DIR: the never-read 1,800 (eval:unseen) and the validation writers
# (eval:validation), 5,400 items, scored together with --totals-only (no item ids, no per-family rows).
# Extra arguments go to `mediawatch eval` (e.g. --lexicons-only).
set -euo pipefail
cd "${1:?usage: pool-totals.sh DIR [eval args]}"
corpora=$(node -e '
  const s = require("./package.json").scripts;
  const pick = (k) => s[k].split(" ").filter((w) => w.startsWith("tests/fixtures/"));
  console.log([...pick("eval:unseen"), ...pick("eval:validation")].join(" "));')
node bin/mediawatch.js eval --corpus $corpora --totals-only "${@:2}"
