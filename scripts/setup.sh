#!/usr/bin/env bash
# Set up everything kehoach needs on a Debian/Ubuntu machine, idempotently:
# Tesseract with Vietnamese data, fonts and PDF tools from apt; a virtual environment
# in .venv with kehoach installed (editable) and its test dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng fonts-liberation2 fonts-noto-core
              qpdf poppler-utils python3 python3-venv python3-pip
              chromium)  # chromium: the review app's browser tests (Playwright drives it)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/python -c "import kehoach" || { echo "setup: kehoach does not import" >&2; exit 1; }
echo "setup: ready ($(.venv/bin/kehoach --version), $(tesseract --version 2>&1 | head -1))" >&2
