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

from collab_app.settings import PROJECT_ROOT

BUILD_MARKER = PROJECT_ROOT / ".web" / "build" / "client"


def _respawn_failed_workers() -> None:
    """Have granian fork a crashed worker again instead of stopping the whole backend.

    Reflex imports the app once in granian's main process and forks the workers from it, so a
    new worker answers within a second or two, while the other workers keep serving (their
    tabs' states live in Redis); a full restart under the supervisor re-imports and evaluates
    the whole app first (several seconds). A worker that crashes again within seconds of its
    respawn still stops the backend (granian's crash-loop guard), and the supervisor restarts
    it. Reflex builds granian's ``Server`` itself, without that option: it is set here, on the
    class Reflex imports when it starts serving.
    """
    import granian.server

    base = granian.server.Server

    class RespawningServer(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs.setdefault("respawn_failed_workers", True)
            super().__init__(*args, **kwargs)

    granian.server.Server = RespawningServer


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
    # Reflex's own switch (an internal variable) to skip compiling the pages again at start-up.
    os.environ["__REFLEX_SKIP_COMPILE"] = "true"
    _respawn_failed_workers()
    from reflex.utils.exec import run_backend_prod

    run_backend_prod(
        os.environ.get("HOST", "0.0.0.0"),  # noqa: S104 - a server listens on all interfaces
        int(os.environ.get("PORT", "3000")),
        mount_frontend_compiled_app=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
