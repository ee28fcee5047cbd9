"""Smoke test: the served app answers, its websocket connects, and sign-in shows its form."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import collect_ws_frames


def test_signin_page_has_email_input(desktop_page: Page, base_url: str) -> None:
    frames = collect_ws_frames(desktop_page)
    response = desktop_page.goto(f"{base_url}/signin")
    assert response is not None and response.ok
    expect(desktop_page.get_by_label("Email")).to_be_editable()
    # The page's on_load runs over the websocket: a state update proves the backend is wired up.
    for _ in range(60):
        if any("delta" in frame for frame in frames):
            break
        desktop_page.wait_for_timeout(250)
    assert any("delta" in frame for frame in frames), f"no state update received: {frames[:5]}"
