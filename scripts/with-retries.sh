#!/usr/bin/env bash
# Runs a network-bound install step again when it fails: a registry reset (ECONNRESET) or a mirror
# timeout on a bare machine should cost a retry, not a red run. Usage:
#   bash scripts/with-retries.sh [--tries N] -- command args...
# Waits 10 s, 20 s, 40 s… between tries and says which try failed and with what exit code.
set -uo pipefail
tries="${RETRY_TRIES:-4}"
if [ "${1:-}" = "--tries" ]; then tries="$2"; shift 2; fi
[ "${1:-}" = "--" ] && shift
[ "$#" -gt 0 ] || { echo "with-retries: no command given" >&2; exit 2; }
wait_s=10
for ((attempt = 1; ; attempt++)); do
  "$@"
  rc=$?
  [ "$rc" -eq 0 ] && exit 0
  if [ "$attempt" -ge "$tries" ]; then
    echo "with-retries: '$*' failed $attempt times (last exit $rc); giving up" >&2
    exit "$rc"
  fi
  echo "with-retries: '$*' failed (exit $rc, try $attempt of $tries); trying again in ${wait_s}s" >&2
  sleep "$wait_s"
  wait_s=$((wait_s * 2))
done
