"""The production-like app on PostgreSQL, shared by the scale and database-outage browser tests.

Like production, the frontend is built once (``reflex export``) in a copy of the sources and
every host serves that same build with ``collab_app.serve`` (optionally under
``collab_app.supervise``). The build bakes ``localhost:<port>`` in as the backend address and
the browser swaps in the host it loaded the page from, so several "hosts" (127.0.0.2,
127.0.0.3, ...) share one port and one build. The build is made once per test run, whichever
module asks first (a few minutes of CPU: never twice).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from testkit.served import free_port
from tests.e2e.conftest import ARTIFACTS_DIR, REPO_ROOT, _server_env

PG_ADMIN_URL = os.environ.get("SCALE_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "collab_e2e_scale"
DATABASE_URL = f"postgresql://postgres@127.0.0.1:5432/{PG_DATABASE}"
REDIS_URL = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/7")


def reachable(port: int, host: str = "127.0.0.1") -> bool:
    """Tell whether something listens on ``host:port``.

    Args:
        port: TCP port.
        host: Address.

    Returns:
        True when a connection could be opened.
    """
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


NEEDS_POSTGRES_AND_REDIS = pytest.mark.skipif(
    not (reachable(5432) and reachable(6379)),
    reason="skipped: PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are both needed",
)


@dataclass
class Instance:
    """One served host: its address, process (group leader) and log."""

    host: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        """The origin browsers load, e.g. ``http://127.0.0.2:40123``."""
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        """Stop the whole process group (SIGTERM, then SIGKILL after 20 s)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


@dataclass
class Build:
    """The built copy of the app, the port its frontend names, and the environment to serve it."""

    tree: Path
    port: int
    env: dict[str, str]


def healthy(host: str, port: int) -> bool:
    """Tell whether the backend at ``host:port`` answers ``/_health`` with 200.

    Args:
        host: Address.
        port: Port.

    Returns:
        True when healthy.
    """
    connection = http.client.HTTPConnection(host, port, timeout=2)
    try:
        connection.request("GET", "/_health")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def wait_healthy(instance: Instance, timeout: float) -> float:
    """Wait until the instance answers, failing with its log's path after ``timeout``.

    Args:
        instance: The served host.
        timeout: Seconds.

    Returns:
        Seconds waited.
    """
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if healthy(instance.host, instance.port):
            return time.monotonic() - start
        if instance.process.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError(
        f"{instance.url} not healthy after {time.monotonic() - start:.0f}s; log {instance.log}"
    )


def _reset_database() -> None:
    import psycopg
    import redis

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    redis.Redis.from_url(REDIS_URL).flushdb()


def _run(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> None:
    with log.open("a") as handle:
        handle.write(f"$ {' '.join(command)}\n")
        handle.flush()
        result = subprocess.run(
            command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed; log {log}")


def _copy_tree(target: Path) -> Path:
    """A copy of the sources with its own .web, so this build never touches the main server's."""
    excluded = [".venv", ".web", ".git", "data", "test-artifacts", ".jsrt"]
    command = ["rsync", "-a", "--delete"]
    for name in excluded:
        command += ["--exclude", name]
    subprocess.run([*command, f"{REPO_ROOT}/", f"{target}/"], check=True)
    (target / ".jsrt").symlink_to(REPO_ROOT / ".jsrt")
    return target


_BUILD: Build | None = None


def built_app(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Return the built app on a fresh, migrated and seeded ``collab_e2e_scale`` database.

    Made on the first call of the test run; later calls (other modules) get the same build
    and database as the previous module left it.

    Args:
        tmp_path_factory: pytest's, for the copy of the sources.

    Returns:
        The build.
    """
    global _BUILD
    if _BUILD is not None:
        return _BUILD
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    build_log = ARTIFACTS_DIR / "scale-build.log"
    build_log.write_text("")
    tree = _copy_tree(tmp_path_factory.mktemp("scale") / "app")
    port = free_port()
    env = _server_env(port, DATABASE_URL)
    env.update(
        {
            "REFLEX_REDIS_URL": REDIS_URL,
            "GRANIAN_WORKERS": "2",
            # The backend address baked into the build; each browser swaps in its own host.
            "REFLEX_API_URL": f"http://localhost:{port}",
        }
    )
    _reset_database()
    _run([sys.executable, "-m", "collab_app.manage", "migrate"], env, tree, build_log)
    _run([sys.executable, "-m", "collab_app.manage", "seed-if-empty"], env, tree, build_log)
    _run(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip"],
        env,
        tree,
        build_log,
    )
    _BUILD = Build(tree, port, env)
    return _BUILD


def start_instance(
    build: Build, host: str, name: str, *, supervised: bool = True, **env: str
) -> Instance:
    """Serve the build on ``host`` (same port as every other host), as ``make serve`` does.

    Args:
        build: The built app.
        host: A loopback address, e.g. ``127.0.0.2``.
        name: Names the log ``test-artifacts/scale-<name>.log``.
        supervised: Under ``collab_app.supervise`` (restarted when it dies).
        **env: Environment overrides, e.g. ``DATABASE_URL``.

    Returns:
        The instance (not yet healthy: see ``wait_healthy``).
    """
    full_env = {
        **build.env,
        "HOST": host,
        "APP_ORIGIN": f"http://{host}:{build.port}",
        **env,
    }
    log = ARTIFACTS_DIR / f"scale-{name}.log"
    handle = log.open("w")
    command = [sys.executable, "-m", "collab_app.serve"]
    if supervised:
        command = [sys.executable, "-m", "collab_app.supervise", "--", *command]
    process = subprocess.Popen(
        command,
        cwd=build.tree,
        env=full_env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    return Instance(host, build.port, process, log)
