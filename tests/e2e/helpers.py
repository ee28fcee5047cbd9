"""Helpers for browser tests: signing in, capturing websocket frames, screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, WebSocket

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"

DEMO_PASSWORD = "demo-password-2026"
DEMO_USERS = {
    "owner": "alice@atelier-nord.example",
    "member": "bruno@atelier-nord.example",
    "guest": "chloe@freelance.example",
    "client": "david@client.example",
}


def sign_in(page: Page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the sign-in form and wait until the app navigates away from it.

    Args:
        page: The browser page.
        base_url: The app's origin, e.g. ``http://127.0.0.1:3101``.
        email: The account's email.
        password: The account's password (the demo password by default).
    """
    page.goto(f"{base_url}/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: not urlparse(url).path.rstrip("/").endswith("/signin"))


def collect_ws_frames(page: Page) -> list[str]:
    """Record the text of every websocket frame the page receives from now on.

    Call it before ``page.goto`` so the first frames (initial state) are captured too.

    Args:
        page: The browser page.

    Returns:
        A list that grows as frames arrive (binary frames are decoded as UTF-8, lossily).
    """
    frames: list[str] = []

    def on_frame(payload: str | bytes) -> None:
        frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))

    def on_websocket(ws: WebSocket) -> None:
        ws.on("framereceived", on_frame)

    page.on("websocket", on_websocket)
    return frames


def artifact_name(nodeid: str) -> str:
    """Turn a pytest node id into a safe file name stem.

    Args:
        nodeid: e.g. ``tests/e2e/test_smoke.py::test_signin[phone]``.

    Returns:
        e.g. ``tests_e2e_test_smoke.py__test_signin_phone_``.
    """
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[:150]


def save_screenshot(page: Page, name: str) -> Path | None:
    """Save a full-page screenshot to ``test-artifacts/<name>.png``.

    Args:
        page: The browser page.
        name: File name stem.

    Returns:
        The file written, or None if the page could not be captured (e.g. already closed).
    """
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS_DIR / f"{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True, timeout=10_000)
    except Exception:  # a failed screenshot must not hide the test's own failure
        return None
    return path
