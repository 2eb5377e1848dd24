#!/usr/bin/env bash
# Set up, then run the whole test suite (slow OCR tests included) against real Tesseract.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest "$@"
