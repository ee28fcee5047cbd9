#!/usr/bin/env bash
# Build the production frontend into .web/build (what `python -m collab_app.serve` serves).
# Called by `make build` once .venv and .jsrt are installed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$COLLAB_ROOT"
reflex export --frontend-only --no-zip
