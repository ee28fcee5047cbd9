"""Another person signing in in the same tab never receives the previous person's data."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, sign_in


def test_next_person_in_the_same_tab_gets_nothing_of_the_previous_one(new_page, base_url) -> None:
    page = new_page("desktop")
    sign_in(page, base_url, DEMO_USERS["owner"])
    page.goto("/")
    page.get_by_role("heading", name="Boulangerie Dupont website").click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    # The manager's projection holds the quote and every member's email.
    expect(page.locator("#project-quote")).to_be_visible()
    project_url = page.url
    page.goto("/")
    expect(page.get_by_role("heading", name="Atelier Nord brand refresh")).to_be_visible()
    # A page the next person will not visit: its projection must not survive either.
    page.get_by_role("link", name="Atelier Nord", exact=True).click()
    page.wait_for_url(re.compile(r"/collectives/\d+/?$"))
    expect(page.get_by_text("bruno@atelier-nord.example")).to_be_visible()
    page.get_by_role("button", name=re.compile("Se déconnecter|Sign out")).click()
    page.wait_for_url(re.compile(r"/signin"))

    frames = collect_ws_frames(page)
    sign_in(page, base_url, DEMO_USERS["client"])
    page.goto(project_url)
    expect(page.get_by_role("heading", name="Boulangerie Dupont website")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Boulangerie Dupont website")).to_be_visible()
    received = "\n".join(frames)
    secrets = ("12\u202f400", "12,400", "Atelier Nord brand refresh", "bruno@atelier-nord.example")
    for secret in secrets:
        assert secret not in received, f"{secret!r} reached the next person in the tab"
