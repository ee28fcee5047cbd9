#!/usr/bin/env bash
# Production serving: migrate, then run the built app under the supervisor, which restarts the
# backend within seconds if a worker dies. Called by `make serve` after `make build`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$COLLAB_ROOT"
python -m collab_app.manage migrate
echo "Serving collab_app at http://localhost:$PORT under collab_app.supervise (Ctrl-C stops)"
exec python -m collab_app.supervise -- python -m collab_app.serve
