"""Scale-out: two app hosts sharing PostgreSQL + Redis, and a worker killed under a supervisor.

Needs PostgreSQL and Redis on 127.0.0.1 (as on CI); skipped with a clear message otherwise.
Like production, the frontend is built once (``reflex export``) and every host serves that same
build with ``collab_app.serve`` under ``collab_app.supervise``, two backend workers each. The
two "hosts" are 127.0.0.2 and 127.0.0.3 on the same port: the built frontend names the backend
``localhost:<port>`` and the browser swaps in the host it loaded the page from.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTIFACTS_DIR
from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, sign_in
from tests.e2e.scale_support import (
    NEEDS_POSTGRES_AND_REDIS,
    Instance,
    built_app,
    healthy,
    start_instance,
    wait_healthy,
)

# Correctness bound only: the restart time itself is measured in benchmarks/, not asserted here.
RESTART_BOUND = 120.0

pytestmark = NEEDS_POSTGRES_AND_REDIS


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Instance, Instance]]:
    build = built_app(tmp_path_factory)
    instances = (
        start_instance(build, "127.0.0.2", "a"),
        start_instance(build, "127.0.0.3", "b"),
    )
    try:
        for instance in instances:
            wait_healthy(instance, 240)
        yield instances
    finally:
        for instance in instances:
            instance.stop()


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
    # Every worker of the host crashes (so this tab's own connection surely goes): granian
    # forks new ones (``collab_app.serve``); were that to fail, the supervisor restarts it all.
    for worker in workers:
        os.kill(worker, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and healthy(a.host, a.port):
        time.sleep(0.1)
    recovered_in = wait_healthy(a, RESTART_BOUND)
    deadline = time.monotonic() + 30  # (a killed worker is listed until granian reaps it)
    while set(_worker_pids(a.process.pid)) & set(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not set(_worker_pids(a.process.pid)) & set(workers), "the killed workers still run"
    assert _worker_pids(a.process.pid), "no worker serves the host any more"
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


def test_a_file_uploaded_on_instance_a_downloads_on_instance_b(cluster, browser: Browser) -> None:
    """Issue #17: files live in the shared database, so any host serves what another received."""
    a, b = cluster
    uploader = _page(browser, a.url)
    _open_project(uploader, a.url, "member")
    files_path = urlparse(uploader.url).path.rstrip("/") + "/files"
    uploader.goto(files_path)
    name = f"across-hosts-{int(time.time())}.bin"
    body = os.urandom(3 * 1024 * 1024)
    uploader.locator("#files-upload-picker").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": body}
    )
    row = uploader.locator("#file-list .file-row").filter(has_text=name)
    expect(row).to_have_count(1, timeout=60_000)
    link = row.locator(".file-download").get_attribute("href")

    reader = _page(browser, b.url, "phone")
    _open_project(reader, b.url, "member")
    reader.goto(files_path)
    expect(reader.locator("#file-list .file-row").filter(has_text=name)).to_have_count(1)
    answer = reader.request.get(link)
    assert answer.status == 200
    assert answer.body() == body
