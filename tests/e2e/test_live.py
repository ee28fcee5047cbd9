"""Live updates: a change by one viewer reaches the other open views without a reload."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, sign_in


def _open_demo_project(page, base_url: str, role: str) -> str:
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto("/")
    page.get_by_role("heading", name="Boulangerie Dupont website").click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    return page.url


def test_project_settings_change_reaches_other_viewers_live(new_page, base_url: str) -> None:
    manager = new_page("desktop")
    url = _open_demo_project(manager, base_url, "owner")
    member = new_page("desktop")
    _open_demo_project(member, base_url, "member")
    client = new_page("phone")
    client_frames = collect_ws_frames(client)
    _open_demo_project(client, base_url, "client")
    assert member.url.rstrip("/") == url.rstrip("/")

    new_client_name = f"Boulangerie Dupont & Fils {int(time.time())}"
    manager.get_by_label("Nom du client").fill(new_client_name)
    manager.get_by_role("button", name="Enregistrer").click()

    # No reload on the other pages: the text appears by itself.
    expect(member.get_by_text(new_client_name)).to_be_visible(timeout=10_000)
    expect(client.get_by_text(new_client_name)).to_be_visible(timeout=10_000)
    # The client's refresh went through the permission rule: still no quote for the client.
    joined = "\n".join(client_frames)
    assert "12\u202f400" not in joined and "12,400" not in joined
    expect(client.locator("#project-quote")).to_have_count(0)
