"""Security headers in the real browser (issue #15, hardening 9).

The served app's pages carry a Content-Security-Policy that allows only its own scripts (and
the exact inline scripts of each page), and the app still works under it: signing in, the
board with its drag support and column links (scripts the server sends), toasts. An injected
inline script is refused. Every other browser test also fails on a CSP violation (see
``tests/e2e/conftest.py``), so the policy is exercised by the whole browser suite.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import DEMO_USERS, sign_in

PROJECT = "Boulangerie Dupont website"

HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def _violations(console: list[str]) -> list[str]:
    return [line for line in console if "Content Security Policy" in line]


def test_pages_carry_the_headers_and_the_app_works_under_them(new_page, base_url: str) -> None:
    page = new_page("phone")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    for path in ("/signin", "/", "/projects/1/board", "/invite/not-a-token"):
        answer = page.goto(f"{base_url}{path}")
        assert answer is not None
        headers = answer.all_headers()
        for name, value in HEADERS.items():
            assert headers.get(name) == value, (path, name, headers.get(name))
        policy = headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in policy, (path, policy)
        script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src, (path, policy)

    # A toast (Reflex shows it with code the server sends): a wrong password.
    page.goto(f"{base_url}/signin")
    page.get_by_label("Email").fill(DEMO_USERS["member"])
    page.get_by_label("Password", exact=True).fill("not-the-password-2026")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("[data-sonner-toast]").first).to_be_visible()
    sign_in(page, base_url, DEMO_USERS["member"])
    page.get_by_role("heading", name=PROJECT).click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    page.goto(page.url.rstrip("/") + "/board")
    expect(page.locator("#board")).to_be_visible()
    # A script the server sends: the column links scroll the board with one.
    last_column = page.locator(".board-column").last
    page.locator(".column-jumps").get_by_role("button").last.click()
    expect(last_column).to_be_in_viewport()
    assert not _violations(console), _violations(console)


def test_an_injected_inline_script_is_refused(browser, base_url: str) -> None:
    """The policy is enforced, not just sent (its own context: the violation is expected)."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(f"{base_url}/signin")
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        assert not _violations(console), _violations(console)
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.__injected = 1'; document.body.appendChild(s); }"
        )
        page.wait_for_timeout(300)
        assert page.evaluate("window.__injected") is None, "an injected inline script ran"
        assert _violations(console), "the browser refused nothing"
    finally:
        context.close()
