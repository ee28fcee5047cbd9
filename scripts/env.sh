# shellcheck shell=bash
# Environment shared by scripts/run.sh and scripts/test.sh (sourced, not executed).
# The project-local bun (.jsrt, installed by `make`) comes first on PATH and Reflex is told to use
# it instead of downloading its own.

COLLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$COLLAB_ROOT/.jsrt/node_modules/.bin:$COLLAB_ROOT/.venv/bin:$PATH"
export REFLEX_USE_SYSTEM_BUN=1
export PORT="${PORT:-3000}"
# The first origin is used in links sent by mail; the websocket accepts any of them.
export APP_ORIGIN="${APP_ORIGIN:-http://localhost:$PORT,http://127.0.0.1:$PORT}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
