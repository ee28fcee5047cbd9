"""The project menu offers each role only the sections it may open, and switching the language
re-formats what the server formatted (dates, amounts) on the open page, without a reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import DEMO_USERS, sign_in


def _open_project(page, base_url: str, role: str) -> str:
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto(f"{base_url}/")
    page.get_by_role("heading", name="Boulangerie Dupont website").click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    return page.url.rstrip("/")


def _menu(page, project_name: str = "Boulangerie Dupont website"):
    return page.get_by_role("navigation", name=project_name)


def test_each_role_is_offered_only_the_sections_it_may_open(new_page, base_url: str) -> None:
    guest = new_page("desktop")
    _open_project(guest, base_url, "guest")
    menu = _menu(guest)
    expect(menu.get_by_role("link", name="Board")).to_be_visible()
    expect(menu.get_by_role("link", name="Time")).to_be_visible()
    expect(menu.get_by_role("link", name="Feedback")).to_have_count(0)
    expect(menu.get_by_role("link", name="Split")).to_have_count(0)

    client = new_page("phone")  # david works in French once signed in
    _open_project(client, base_url, "client")
    menu = _menu(client)
    expect(menu.get_by_role("link", name="Factures")).to_be_visible()
    for hidden in ("Temps", "Répartition", "Avis clients"):
        expect(menu.get_by_role("link", name=hidden)).to_have_count(0)

    member = new_page("desktop")
    _open_project(member, base_url, "member")
    feedback = _menu(member).get_by_role("link", name=re.compile("Feedback|Avis clients"))
    expect(feedback).to_be_visible()


def test_switching_language_reformats_server_formatted_amounts(new_page, base_url: str) -> None:
    page = new_page("desktop")
    project_url = _open_project(page, base_url, "owner")  # alice works in French
    page.goto(project_url + "/revisions")
    price = page.locator("#rev-counter-next")
    expect(price).to_have_text(re.compile(r"\d,\d\d\s€"), timeout=15_000)

    page.get_by_role("button", name="English").click()

    expect(price).to_have_text(re.compile(r"€\d[\d,]*\.\d\d"), timeout=15_000)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    page.get_by_role("button", name="Français").click()
    expect(price).to_have_text(re.compile(r"\d,\d\d\s€"), timeout=15_000)
