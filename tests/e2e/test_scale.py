"""Scale-out: two app hosts sharing PostgreSQL + Redis, and a worker killed under a supervisor.

Needs PostgreSQL and Redis on 127.0.0.1 (as on CI); skipped with a clear message otherwise.
Like production, the frontend is built once (``reflex export``) and every host serves that same
build with ``collab_app.serve`` under ``collab_app.supervise``, two backend workers each. The
two "hosts" are 127.0.0.2 and 127.0.0.3 on the same port: the built frontend names the backend
``localhost:<port>`` and the browser swaps in the host it loaded the page from.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTIFACTS_DIR, REPO_ROOT, _free_port, _server_env
from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, sign_in

PG_ADMIN_URL = os.environ.get("SCALE_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "collab_e2e_scale"
REDIS_URL = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/7")
# Correctness bound only: the restart time itself is measured in benchmarks/, not asserted here.
RESTART_BOUND = 120.0


def _reachable(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


pytestmark = pytest.mark.skipif(
    not (_reachable(5432) and _reachable(6379)),
    reason="skipped: PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are both needed",
)


@dataclass
class Instance:
    host: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def _healthy(host: str, port: int) -> bool:
    connection = http.client.HTTPConnection(host, port, timeout=2)
    try:
        connection.request("GET", "/_health")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _wait_healthy(instance: Instance, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if _healthy(instance.host, instance.port):
            return time.monotonic() - start
        if instance.process.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError(
        f"{instance.url} not healthy after {time.monotonic() - start:.0f}s; log {instance.log}"
    )


def _reset_database(database_url: str) -> None:
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


def _start_instance(tree: Path, host: str, port: int, env: dict[str, str], name: str) -> Instance:
    env = {**env, "HOST": host, "APP_ORIGIN": f"http://{host}:{port}"}
    log = ARTIFACTS_DIR / f"scale-{name}.log"
    handle = log.open("w")
    command = [sys.executable, "-m", "collab_app.supervise", "--"]
    command += [sys.executable, "-m", "collab_app.serve"]
    process = subprocess.Popen(
        command,
        cwd=tree,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    return Instance(host, port, process, log)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Instance, Instance]]:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    build_log = ARTIFACTS_DIR / "scale-build.log"
    build_log.write_text("")
    tree = _copy_tree(tmp_path_factory.mktemp("scale") / "app")
    port = _free_port()
    database_url = f"postgresql://postgres@127.0.0.1:5432/{PG_DATABASE}"
    env = _server_env(port, database_url)
    env.update(
        {
            "REFLEX_REDIS_URL": REDIS_URL,
            "GRANIAN_WORKERS": "2",
            # The backend address baked into the build; each browser swaps in its own host.
            "REFLEX_API_URL": f"http://localhost:{port}",
        }
    )
    _reset_database(database_url)
    _run([sys.executable, "-m", "collab_app.manage", "migrate"], env, tree, build_log)
    _run([sys.executable, "-m", "collab_app.manage", "seed-if-empty"], env, tree, build_log)
    _run(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip"],
        env,
        tree,
        build_log,
    )
    instances = (
        _start_instance(tree, "127.0.0.2", port, env, "a"),
        _start_instance(tree, "127.0.0.3", port, env, "b"),
    )
    try:
        for instance in instances:
            _wait_healthy(instance, 240)
        yield instances
    finally:
        for instance in instances:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(instance.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                instance.process.wait(timeout=20)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(instance.process.pid, signal.SIGKILL)


def _page(browser: Browser, base_url: str, kind: str = "desktop") -> Page:
    sizes = {"desktop": (1280, 800), "phone": (390, 844)}
    width, height = sizes[kind]
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height})
    context.set_default_timeout(20_000)
    return context.new_page()


def _open_project(page: Page, base_url: str, role: str) -> None:
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto("/")
    page.get_by_role("heading", name="Boulangerie Dupont website").click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))


def test_change_on_instance_a_reaches_viewers_on_instance_b(cluster, browser: Browser) -> None:
    a, b = cluster
    manager = _page(browser, a.url)
    _open_project(manager, a.url, "owner")
    member = _page(browser, b.url)
    _open_project(member, b.url, "member")
    client = _page(browser, b.url, "phone")
    frames = collect_ws_frames(client)
    _open_project(client, b.url, "client")

    name = f"Dupont across instances {int(time.time())}"
    manager.get_by_label("Nom du client").fill(name)
    manager.get_by_role("button", name="Enregistrer").click()
    expect(member.get_by_text(name)).to_be_visible(timeout=15_000)
    expect(client.get_by_text(name)).to_be_visible(timeout=15_000)
    # Refreshed through the client's own permissions: no quote reached the client.
    assert not any("12\u202f400" in f or "12,400" in f for f in frames)


def _worker_pids(supervisor_pid: int) -> list[int]:
    """The granian workers: grandchildren of `collab_app.serve`, itself the supervisor's child."""
    out = subprocess.run(
        ["ps", "-e", "-o", "pid=,ppid="],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        pid, ppid = (int(x) for x in line.split())
        children.setdefault(ppid, []).append(pid)
    serve = children.get(supervisor_pid, [])
    return [w for s in serve for w in children.get(s, [])]


def test_killed_worker_is_restarted_and_sessions_survive(cluster, browser: Browser) -> None:
    a, _ = cluster
    manager = _page(browser, a.url)
    _open_project(manager, a.url, "owner")
    saved = []
    for i in range(3):
        name = f"Before crash {i} {int(time.time())}"
        manager.get_by_label("Nom du client").fill(name)
        manager.get_by_role("button", name="Enregistrer").click()
        expect(manager.get_by_text(name).first).to_be_visible()
        saved.append(name)

    sockets = []
    manager.on("websocket", lambda ws: sockets.append(ws))
    workers = _worker_pids(a.process.pid)
    assert workers, "no backend worker found under the supervisor"
    os.kill(workers[0], signal.SIGKILL)
    # The backend stops as a whole, then the supervisor starts it again.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _healthy(a.host, a.port):
        time.sleep(0.1)
    recovered_in = _wait_healthy(a, RESTART_BOUND)
    print(f"instance answered again {recovered_in:.1f}s after the crash was noticed")
    # The browser reconnects by itself (a new websocket), and re-hydrates from Redis.
    deadline = time.monotonic() + 60
    while not sockets and time.monotonic() < deadline:
        manager.wait_for_timeout(250)
    assert sockets, "the browser did not reconnect by itself"

    # The committed writes are all there, read back through the app.
    expect(manager.get_by_text(saved[-1]).first).to_be_visible(timeout=30_000)
    # The browser reconnected by itself and its state came back from Redis: still signed in,
    # and it can save without a reload.
    name = f"After crash {int(time.time())}"
    try:
        manager.get_by_label("Nom du client").fill(name)
        manager.get_by_role("button", name="Enregistrer").click()
        expect(manager.get_by_text(name).first).to_be_visible(timeout=30_000)
    finally:
        manager.screenshot(path=str(ARTIFACTS_DIR / "scale-after-crash.png"), full_page=True)
    assert "/signin" not in manager.url
