"""Browser-test harness: the real app served in prod mode on a free port, driven by Chromium.

Fixtures:
    app_server (session): builds and serves the app once per test run, on a SQLite database in a
        temporary folder, migrated and seeded with the demo data. Server output goes to
        ``test-artifacts/server.log``.
    base_url (session): the app's origin, e.g. ``http://127.0.0.1:40123``.
    browser (session): Debian's Chromium (``CHROMIUM_PATH``, default ``/usr/bin/chromium``).
    desktop_page / phone_page: a fresh context and page at 1280x800 / 390x844 (English locale).
    new_page: factory for more pages, e.g. ``new_page("phone", locale="fr-FR")`` (two users at
        once, French UI).

When a test fails, a screenshot of every page it opened is saved to ``test-artifacts/``, with
the browser console of that page.

Another browser-test folder (e.g. ``tests/security``) reuses this harness, and shares the same
server and browser, with a ``conftest.py`` containing only::

    from tests.e2e.conftest import *  # noqa: F403
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from testkit.served import free_port, http_get, log_tail, websocket_accepts
from tests.e2e.helpers import ARTIFACTS_DIR, REPO_ROOT, artifact_name, save_screenshot

__all__ = [
    "app_server",
    "base_url",
    "browser",
    "desktop_page",
    "new_page",
    "phone_page",
    "pytest_collection_modifyitems",
    "pytest_runtest_makereport",
    "pytest_sessionfinish",
]

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The first build compiles the frontend and installs its packages: 1-2 minutes, allow 6.
SERVER_START_TIMEOUT = float(os.environ.get("E2E_SERVER_START_TIMEOUT", "360"))
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
}


@dataclass
class AppServer:
    """A running app: its origin, process and log file."""

    base_url: str
    port: int
    database_url: str
    process: subprocess.Popen
    log_path: Path


@dataclass
class _Shared:
    """One server and one browser per test run, even when several conftests import this one."""

    server: AppServer | None = None
    server_error: str | None = None
    playwright: Playwright | None = None
    browser: Browser | None = None
    log_file: object | None = None
    pages: dict[str, list[tuple[str, Page, list[str]]]] = field(default_factory=dict)


_SHARED = _Shared()


# --- server ----------------------------------------------------------------------------------


def _server_env(port: int, database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Reflex changes behaviour under pytest; the served app must run as in production.
        if not key.startswith("PYTEST_")
    }
    jsrt_bin = REPO_ROOT / ".jsrt" / "node_modules" / ".bin"
    venv_bin = Path(sys.executable).parent
    env.update(
        {
            "DATABASE_URL": database_url,
            "PORT": str(port),
            "APP_ORIGIN": f"http://127.0.0.1:{port},http://localhost:{port}",
            "PATH": os.pathsep.join([str(jsrt_bin), str(venv_bin), env.get("PATH", "")]),
            "REFLEX_USE_SYSTEM_BUN": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _server_ready(port: int, base_url: str) -> bool:
    try:
        ping_status, ping_body = http_get(port, "/ping")
        page_status, page_body = http_get(port, "/")
        return (
            ping_status == 200
            and "pong" in ping_body
            and page_status == 200
            and "<html" in page_body.lower()
            and websocket_accepts(port, base_url)
        )
    except OSError:
        return False


def _run_manage(command: str, env: dict[str, str], log) -> None:
    log.write(f"$ python -m collab_app.manage {command}\n")
    log.flush()
    result = subprocess.run(
        [sys.executable, "-m", "collab_app.manage", command],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"`manage {command}` failed (exit {result.returncode})")


def _start_server(data_dir: Path) -> AppServer:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS_DIR / "server.log"
    log = log_path.open("w", buffering=1)
    _SHARED.log_file = log
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    database_url = f"sqlite:///{data_dir / 'e2e.db'}"
    env = _server_env(port, database_url)
    _run_manage("migrate", env, log)
    _run_manage("seed-if-empty", env, log)
    command = [
        sys.executable,
        "-m",
        "reflex",
        "run",
        "--env",
        "prod",
        "--single-port",
        "--frontend-port",
        str(port),
    ]
    log.write(f"$ {' '.join(command)}\n")
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: bun, granian workers die with it
    )
    server = AppServer(base_url, port, database_url, process, log_path)
    _SHARED.server = server
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the app server exited with {process.returncode} before answering; "
                f"log {log_path}:\n{log_tail(log_path)}"
            )
        if _server_ready(port, base_url):
            return server
        time.sleep(1)
    raise RuntimeError(
        f"the app server did not answer within {SERVER_START_TIMEOUT:.0f}s; "
        f"log {log_path}:\n{log_tail(log_path)}"
    )


def _stop_server() -> None:
    server = _SHARED.server
    _SHARED.server = None
    if server is not None and server.process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=10)
    if server is not None:
        # Workers may outlive the leader for a moment; make sure none is left behind.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(server.process.pid, signal.SIGKILL)
    if _SHARED.log_file is not None:
        _SHARED.log_file.close()
        _SHARED.log_file = None


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> AppServer:
    """The app built and served in prod mode with the demo data (one per test run)."""
    if _SHARED.server_error is not None:
        pytest.fail(f"app server unavailable: {_SHARED.server_error}", pytrace=False)
    if _SHARED.server is None:
        try:
            _start_server(tmp_path_factory.mktemp("e2e-data"))
        except Exception as error:  # reported to this test, then to every later one
            _SHARED.server_error = str(error)
            _stop_server()
            pytest.fail(f"app server unavailable: {error}", pytrace=False)
    assert _SHARED.server is not None
    return _SHARED.server


@pytest.fixture(scope="session")
def base_url(app_server: AppServer) -> str:
    """The served app's origin."""
    return app_server.base_url


# --- browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Browser:
    """Debian's Chromium, headless (one per test run)."""
    if _SHARED.browser is None:
        if not Path(CHROMIUM_PATH).exists():
            pytest.fail(
                f"Chromium not found at {CHROMIUM_PATH}: apt-get install -y chromium "
                "(or set CHROMIUM_PATH)",
                pytrace=False,
            )
        _SHARED.playwright = sync_playwright().start()
        _SHARED.browser = _SHARED.playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
    return _SHARED.browser


@pytest.fixture
def new_page(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[Callable[..., Page]]:
    """Factory of pages in fresh contexts (separate cookies and storage: one per user)."""
    contexts: list[BrowserContext] = []
    opened = _SHARED.pages.setdefault(request.node.nodeid, [])

    def make(
        kind: str = "desktop", *, locale: str = "en-US", timezone: str = "Europe/Paris"
    ) -> Page:
        context = browser.new_context(
            base_url=base_url, locale=locale, timezone_id=timezone, **VIEWPORTS[kind]
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
        opened.append((f"{kind}{len(opened)}", page, console))
        return page

    yield make
    _SHARED.pages.pop(request.node.nodeid, None)
    # The app must work under its Content-Security-Policy: a refused script or style is a bug.
    refused = [
        line for _, _, console in opened for line in console if "Content Security Policy" in line
    ]
    for context in contexts:
        with contextlib.suppress(Exception):
            context.close()
    if refused:
        pytest.fail(f"the browser refused content under the CSP: {refused[:5]}")


@pytest.fixture
def desktop_page(new_page: Callable[..., Page]) -> Page:
    """A page at 1280x800, English."""
    return new_page("desktop")


@pytest.fixture
def phone_page(new_page: Callable[..., Page]) -> Page:
    """A page at 390x844 (touch, mobile), English."""
    return new_page("phone")


# --- hooks -----------------------------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give the first test that starts the server time to build it, on top of its own timeout."""
    for item in items:
        if "app_server" not in getattr(item, "fixturenames", ()):
            continue
        if not getattr(item, "_collab_server_start", False):  # this hook may run twice
            marker = item.get_closest_marker("timeout")
            own = marker.args[0] if marker and marker.args else None
            if own is None:
                with contextlib.suppress(ValueError, TypeError):
                    own = float(config.getini("timeout"))
            timeout = float(own or 300) + SERVER_START_TIMEOUT
            item.add_marker(pytest.mark.timeout(timeout), append=False)
            item._collab_server_start = True
        return


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """On failure, save a screenshot and the console of every page the test opened."""
    report = yield
    if report.failed and report.when in ("call", "setup"):
        for label, page, console in _SHARED.pages.get(item.nodeid, []):
            name = f"{artifact_name(item.nodeid)}-{label}"
            save_screenshot(page, name)
            with contextlib.suppress(OSError):
                (ARTIFACTS_DIR / f"{name}.console.txt").write_text(
                    f"url: {page.url}\n" + "\n".join(console) + "\n"
                )
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Close the browser and stop the server (idempotent: may run once per importing conftest)."""
    if _SHARED.browser is not None:
        with contextlib.suppress(Exception):
            _SHARED.browser.close()
        _SHARED.browser = None
    if _SHARED.playwright is not None:
        with contextlib.suppress(Exception):
            _SHARED.playwright.stop()
        _SHARED.playwright = None
    _stop_server()
