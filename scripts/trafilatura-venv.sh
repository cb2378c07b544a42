#!/usr/bin/env bash
# Creates (once) a throwaway Python venv under .cache/ with trafilatura from PyPI and prints the
# path of its python. Exits 3 with a plain message when Python or the package cannot be had.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.cache/trafilatura-venv"
version="${TRAFILATURA_VERSION:-2.3.1}"
python="$(command -v python3 || command -v python || true)"
if [ -z "$python" ]; then
  echo "Python 3 is not installed; the trafilatura comparison needs python3 with venv." >&2
  exit 3
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import trafilatura, lxml_html_clean" 2>/dev/null; then
  rm -rf "$venv"
  if ! "$python" -m venv "$venv" >&2; then
    echo "Could not create a Python venv (is python3-venv installed?)." >&2
    exit 3
  fi
  if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "trafilatura==$version" lxml_html_clean >&2; then
    echo "Could not install trafilatura $version (and lxml_html_clean, which its fallback extractors need) from PyPI (no network or registry unreachable)." >&2
    exit 3
  fi
fi
echo "$venv/bin/python"
