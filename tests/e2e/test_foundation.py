"""Accounts, collectives, projects and roles, in a real browser at desktop and phone sizes."""

from __future__ import annotations

import itertools
import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import DEMO_USERS, sign_in

VIEWPORTS = ["desktop", "phone"]
PASSWORD = "a-long-enough-password"
_unique = itertools.count()


def _email(prefix: str) -> str:
    return f"{prefix}.{int(time.time() * 1000)}.{next(_unique)}@example.org"


def _sign_up(page: Page, email: str, name: str, path: str = "/signup") -> None:
    page.goto(path)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"page is {width}px wide in a {viewport}px viewport"


@pytest.mark.parametrize("kind", VIEWPORTS)
def test_sign_up_collective_project_invite_client(new_page, kind: str) -> None:
    owner = new_page(kind)
    owner_email = _email("owner")
    _sign_up(owner, owner_email, "Olivia Owner")
    expect(owner.get_by_role("heading", name="Your projects")).to_be_visible()

    owner.get_by_label("Collective name").fill("Studio Test")
    owner.get_by_role("button", name="Create", exact=True).click()
    expect(owner.get_by_role("heading", name="Studio Test")).to_be_visible()
    _no_horizontal_scroll(owner)

    owner.get_by_label("Project name").fill("Bakery shop")
    owner.get_by_label("Client name").fill("Bakery Ltd")
    owner.get_by_label("Start date").fill("2026-11-02")
    owner.get_by_label("Quote amount (€)").fill("4,500.00")
    owner.get_by_role("button", name="Create", exact=True).click()
    owner.wait_for_url(re.compile(r"/projects/\d+/?$"))
    project_url = owner.url
    expect(owner.locator("#project-quote")).to_contain_text("4,500.00")

    client_email = _email("client")
    owner.get_by_label("Email to invite").fill(client_email)
    owner.get_by_role("button", name="Create invitation").click()
    link = owner.locator("#invitation-link")
    expect(link).to_contain_text("/invite/")
    invite_path = "/invite/" + link.inner_text().rsplit("/invite/", 1)[1].strip()
    _no_horizontal_scroll(owner)

    client = new_page(kind)
    client.goto(invite_path)
    expect(client.get_by_text("Bakery shop")).to_be_visible()
    client.get_by_role("link", name="Create an account").click()
    client.wait_for_url(re.compile(r"/signup\?next="))
    client.get_by_label("Email").fill(client_email)
    client.get_by_label("Display name").fill("Carl Client")
    client.get_by_label("Password", exact=True).fill(PASSWORD)
    client.get_by_role("button", name="Create an account").click()
    client.wait_for_url(re.compile(r"/invite/"))
    client.get_by_role("button", name="Accept the invitation").click()
    client.wait_for_url(project_url)
    expect(client.get_by_role("heading", name="Bakery shop")).to_be_visible()
    # Clients never see the quote.
    expect(client.locator("#project-quote")).to_have_count(0)
    client.goto("/")
    expect(client.get_by_role("heading", name="Bakery shop")).to_be_visible()
    expect(client.get_by_text("Boulangerie Dupont website")).to_have_count(0)

    # The link is single-use.
    client.goto(invite_path)
    expect(client.locator("#invite-error")).to_contain_text("already used")


EXPECTED_PROJECTS = {
    "owner": {"Boulangerie Dupont website", "Atelier Nord brand refresh"},
    "member": {"Boulangerie Dupont website", "Atelier Nord brand refresh"},
    "guest": {"Boulangerie Dupont website"},
    "client": {"Boulangerie Dupont website"},
}


@pytest.mark.parametrize("kind", VIEWPORTS)
@pytest.mark.parametrize("role", list(DEMO_USERS))
def test_demo_user_sees_what_the_role_allows(new_page, base_url: str, role: str, kind: str) -> None:
    page = new_page(kind)
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto("/")
    for name in EXPECTED_PROJECTS[role]:
        expect(page.get_by_role("heading", name=name)).to_be_visible()
    for name in EXPECTED_PROJECTS["owner"] - EXPECTED_PROJECTS[role]:
        expect(page.get_by_text(name)).to_have_count(0)
    _no_horizontal_scroll(page)

    page.get_by_role("heading", name="Boulangerie Dupont website").click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    expect(page.get_by_role("heading", name="Boulangerie Dupont website")).to_be_visible()
    quote = page.locator("#project-quote")
    expect(quote).to_have_count(1 if role == "owner" else 0)
    _no_horizontal_scroll(page)


@pytest.mark.parametrize("role", ["guest", "client"])
def test_foreign_project_url_shows_not_found(new_page, base_url: str, role: str) -> None:
    owner = new_page("desktop")
    sign_in(owner, base_url, DEMO_USERS["owner"])
    owner.goto("/")
    owner.get_by_role("heading", name="Atelier Nord brand refresh").click()
    owner.wait_for_url(re.compile(r"/projects/\d+/?$"))
    internal_url = owner.url

    page = new_page("phone")
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto(internal_url)
    expect(page.locator("#not-found")).to_be_visible()
    expect(page.get_by_text("Atelier Nord brand refresh")).to_have_count(0)
    page.goto("/projects/999999")
    expect(page.locator("#not-found")).to_be_visible()


def test_sign_in_returns_to_the_requested_page_and_errors_are_shown(new_page) -> None:
    page = new_page("desktop")
    page.goto("/profile")
    page.wait_for_url(re.compile(r"/signin\?next=%2Fprofile"))
    page.get_by_label("Email").fill(DEMO_USERS["member"])
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#password-error")).to_contain_text("Wrong email or password")
    # What was typed is kept.
    expect(page.get_by_label("Email")).to_have_value(DEMO_USERS["member"])
    page.get_by_label("Password", exact=True).fill("demo-password-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/profile/?$"))
    # Bruno's profile language is French.
    expect(page.get_by_role("heading", name="Votre profil")).to_be_visible()


def test_sign_up_field_errors(new_page) -> None:
    page = new_page("phone")
    page.goto("/signup")
    page.get_by_label("Email").fill(_email("short"))
    page.get_by_label("Display name").fill("Shorty")
    page.get_by_label("Password", exact=True).fill("too-short")
    page.get_by_role("button", name="Create an account").click()
    expect(page.locator("#password-error")).to_contain_text("at least 12 characters")
    expect(page.get_by_label("Display name")).to_have_value("Shorty")


def test_sign_out_then_back_is_refused(new_page, base_url: str) -> None:
    page = new_page("desktop")
    sign_in(page, base_url, DEMO_USERS["guest"])
    page.goto("/profile")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/signin"))
    page.goto("/profile")
    page.wait_for_url(re.compile(r"/signin\?next="))
