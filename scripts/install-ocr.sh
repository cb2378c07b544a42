#!/usr/bin/env bash
# Installs what OCR and e-paper reading need: Tesseract with Vietnamese and English data, poppler's
# pdftotext/pdftoppm, and DejaVu fonts (the OCR tests draw Vietnamese text with them).
# Usage: bash scripts/install-ocr.sh   (no-op when everything is present)
set -euo pipefail
PACKAGES=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng poppler-utils fonts-dejavu-core)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "ocr: installing ${missing[*]}..."
  $SUDO apt-get -o Acquire::Retries=3 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o Acquire::Retries=3 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Fail here, not in the tests, when a tool or the Vietnamese data is still missing.
tesseract --list-langs 2>/dev/null | grep -qx vie || { echo "ocr: tesseract has no Vietnamese data (vie)" >&2; exit 1; }
echo "ocr: $(tesseract --version 2>&1 | head -1), languages $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' ')"
echo "ocr: $(pdftotext -v 2>&1 | head -1)"
