#!/usr/bin/env bash
# Migrate, seed the demo on an empty database, then serve the app in production mode on $PORT.
# Called by `make run` once .venv and .jsrt are installed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$COLLAB_ROOT"

python -m collab_app.manage migrate
python -m collab_app.manage seed-if-empty

echo "Serving collab_app at http://localhost:$PORT (first build takes 1-2 minutes; Ctrl-C stops)"
exec reflex run --env prod --single-port --frontend-port "$PORT"
