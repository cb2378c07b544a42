#!/usr/bin/env bash
# Installs Debian's chromium for the headless dashboard tests (playwright-core drives it).
# Usage: bash scripts/install-chromium.sh   (no-op when /usr/bin/chromium exists)
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present) at $CHROMIUM"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "chromium: installing Debian's chromium package..."
$SUDO apt-get -o Acquire::Retries=3 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o Acquire::Retries=3 install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null
"$CHROMIUM" --version
