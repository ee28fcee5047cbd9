"""``python -m collab_app.supervise -- COMMAND...``: restart COMMAND whenever it exits.

For machines without systemd (and for the tests that kill a worker). systemd with
``Restart=always`` does the same job in production: see ``deploy/collab_app.service``.
A restart that keeps failing backs off up to ``MAX_DELAY`` seconds; SIGTERM or SIGINT stop the
child and the supervisor.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

MIN_DELAY = 0.5
MAX_DELAY = 10.0
# A child that ran this long counts as healthy: the back-off starts again from MIN_DELAY.
HEALTHY_AFTER = 30.0


def supervise(command: list[str]) -> int:
    """Run ``command`` again each time it exits, until this process is told to stop.

    Args:
        command: The program and its arguments.

    Returns:
        The exit status of the last run.
    """
    stopping = False
    child: subprocess.Popen | None = None

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    delay = MIN_DELAY
    status = 0
    while not stopping:
        started = time.monotonic()
        # A new session, so the whole tree (backend and its workers) can be signalled together.
        child = subprocess.Popen(command, start_new_session=True)  # noqa: S603
        status = child.wait()
        if stopping:
            break
        ran_for = time.monotonic() - started
        delay = MIN_DELAY if ran_for > HEALTHY_AFTER else min(delay * 2, MAX_DELAY)
        print(
            f"supervise: {command[0]} exited with {status} after {ran_for:.1f}s; "
            f"restarting in {delay:.1f}s",
            file=sys.stderr,
            flush=True,
        )
        time.sleep(delay)
    return status


def main(argv: list[str] | None = None) -> int:
    """Parse ``-- COMMAND...`` and supervise it.

    Args:
        argv: Arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        print("usage: python -m collab_app.supervise -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    return supervise(args)


if __name__ == "__main__":
    sys.exit(main())
