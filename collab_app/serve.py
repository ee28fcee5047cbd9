"""``python -m collab_app.serve``: serve the already built app, without building anything.

A crashed backend worker stops the whole Reflex backend, so production runs this under a
supervisor (systemd ``Restart=always``, see ``deploy/collab_app.service``, or
``python -m collab_app.supervise``). Building the frontend takes a minute; restarting must
take seconds, so the frontend is built once beforehand (``make build``) and this command only
starts the backend, which serves the compiled frontend on the same port.

Environment: ``PORT`` (default 3000), ``HOST`` (default 0.0.0.0), ``GRANIAN_WORKERS`` (backend
worker processes; Reflex runs one without Redis, several with ``REFLEX_REDIS_URL``), plus the
app's own settings (``DATABASE_URL``, ``REFLEX_REDIS_URL``, ``APP_ORIGIN``...).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from collab_app.reflex_adapter import run_compiled_backend
from collab_app.settings import PROJECT_ROOT

BUILD_MARKER = PROJECT_ROOT / ".web" / "build" / "client"


def main() -> int:
    """Start the production backend with the compiled frontend mounted.

    Returns:
        The exit status (only returned when the build is missing).
    """
    if not Path(BUILD_MARKER).is_dir():
        print(
            f"No built frontend in {BUILD_MARKER}. Run `make build` first.",
            file=sys.stderr,
        )
        return 2
    os.chdir(PROJECT_ROOT)
    os.environ.setdefault("REFLEX_ENV_MODE", "prod")
    run_compiled_backend(
        os.environ.get("HOST", "0.0.0.0"),  # noqa: S104 - a server listens on all interfaces
        int(os.environ.get("PORT", "3000")),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
