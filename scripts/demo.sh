#!/usr/bin/env bash
# Set up, then run the main job on the samples: one JSON per document in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kehoach run samples/ -o "${1:-out}/"
