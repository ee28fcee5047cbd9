"""The leak sweep: every role, every page the app registers, every byte received.

For each role (manager, member, guest, client, a user of another collective, an anonymous
visitor) a browser of its own visits every route of ``collab_app.collab_app.app`` with each
route argument filled from the planted objects (those of the other collective too: guessed
URLs; public tokens: the real one for its right role, and a wrong one), waits until Reflex says
the page is hydrated and no spinner or frame is left, then opens every control that opens
something (``aria-haspopup``, ``aria-expanded="false"``, ``<summary>``, buttons ending with
"…" such as "Move…"; one per kind, at most eight a page). It records every websocket frame
received, every text-like HTTP response (HTML, JS, JSON, CSV), the rendered DOM after each
page and popup, and downloads the revenue files (invoice PDF as text, split CSV, time CSV)
with the role's cookie. Each planted marker must then appear in what exactly its allowed roles
received: a leak fails, and so does a marker missing for an allowed role (the sweep would not
have reached the data). The failure lists each marker, role and where it was found.

The first page of a role is a fresh load; the next ones are client-side navigations (as a link
does), each hydrating the page's states again over the same websocket.

A new page is covered automatically; a new route argument fails the test until
``ids``/``tokens`` of ``tests/security/planted.py`` give it candidates.
"""

from __future__ import annotations

import io
import itertools
import re
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright
from sqlmodel import Session, select

from collab_app.db import make_engine
from collab_app.models import OutboxMessage
from tests.e2e.conftest import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.e2e.helpers import DEMO_USERS, sign_in
from tests.security.planted import ROLE_EMAILS, ROLES, Planted, settle_notifications

SESSION_COOKIE = "collab_session"
ROUTE_ARG = re.compile(r"\[\[?(?:\.\.\.)?([A-Za-z_]\w*)\]?\]")
TEXT_TYPES = ("html", "javascript", "json", "csv", "text/", "pdf")
MAX_POPUPS_PER_PAGE = 8
MAX_SAME_KIND = 1  # e.g. the "Move…" button of every card: one of them is enough
# Controls that open something: ARIA popups and disclosures, <summary>, and buttons whose
# label ends with an ellipsis (the UI convention for "asks for more": dialogs, menus).
# Each gets a data-sweep-trigger index; returns their labels.
FIND_TRIGGERS = """(maxSameKind) => {
  const kinds = new Map();
  const labels = [];
  const candidates = document.querySelectorAll(
    '[aria-haspopup], [aria-expanded="false"], summary, button, [role=button]');
  for (const e of candidates) {
    const text = (e.textContent || '').trim();
    const opener = e.hasAttribute('aria-haspopup') || e.getAttribute('aria-expanded') === 'false'
      || e.tagName === 'SUMMARY' || /(\u2026|\\.\\.\\.)$/.test(text);
    if (!opener || e.disabled || !(e.offsetWidth || e.offsetHeight)) continue;
    const kind = e.tagName + '|' + text.slice(0, 16);
    const seen = kinds.get(kind) || 0;
    if (seen >= maxSameKind) continue;
    kinds.set(kind, seen + 1);
    e.setAttribute('data-sweep-trigger', String(labels.length));
    labels.push((e.getAttribute('aria-label') || text).slice(0, 60));
  }
  return labels;
}"""
QUIET_SECONDS = 0.25
LOAD_TIMEOUT = 10.0
HYDRATED = '"is_hydrated_rx_state_":true'
SPINNER = '[aria-label="Loading…"], [aria-label="Chargement…"]'
WORKERS = len(ROLES)  # one browser per role: mostly waiting for the server
SWEEP_BUDGET_SECONDS = 180


def app_routes() -> list[str]:
    """Every route the app registers (``index`` is ``/``)."""
    from collab_app.collab_app import app

    routes = []
    for route in app._unevaluated_pages:
        route = route.strip("/")
        routes.append("/" if route in ("", "index") else f"/{route}")
    return routes


def route_urls(route: str, role: str, planted: Planted) -> list[str]:
    """Fill a route's arguments with every candidate for this role.

    An object that belongs to a project (task, revision round) is put under its own project,
    and (guessed URLs) the first one of each project under the other collective's project and
    the other way round.

    Raises:
        KeyError: A route argument with no candidates in ``planted``.
    """
    args = ROUTE_ARG.findall(route)
    choices = []
    for arg in args:
        if arg in planted.ids:
            choices.append(planted.ids[arg])
        elif arg in planted.tokens:
            choices.append(planted.tokens[arg][role])
        else:
            raise KeyError(arg)
    demo, other = planted.project_ids[0], planted.project_ids[-1]
    urls = []
    for combo in itertools.product(*choices):
        values = dict(zip(args, combo, strict=True))
        if not _coherent(values, planted, {demo, other}):
            continue
        url = route
        for arg, value in values.items():
            url = ROUTE_ARG.sub(lambda m, a=arg, v=value: str(v) if m.group(1) == a else m[0], url)
        urls.append(url)
    return urls


def _coherent(values: dict[str, object], planted: Planted, cross: set[int]) -> bool:
    project_id = values.get("project_id")
    if project_id is None:
        return True
    for arg, value in values.items():
        parent = planted.parents.get((arg, value))
        if parent is None or parent == project_id:
            continue
        first_of_parent = next(i for i in planted.ids[arg] if planted.parents[(arg, i)] == parent)
        if not ({parent, project_id} <= cross and value == first_of_parent):
            return False
    return True


@dataclass
class RoleCapture:
    """What one role received: (where, text, static) records, and the sweep's own notes."""

    role: str
    records: list[tuple[str, str, bool]] = field(default_factory=list)
    pages: int = 0
    popups: int = 0
    errors: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    # How each visit ended: "shown", "not found" or "sign-in" (redirected to it).
    outcomes: dict[str, int] = field(default_factory=lambda: defaultdict(int))


class _Tab:
    """A page with its websocket frames and responses, and a wait for Reflex to go quiet."""

    def __init__(self, page: Page, capture: RoleCapture) -> None:
        self.page, self.capture = page, capture
        self.last_frame = time.monotonic()
        self.frames_since_mark = 0
        self.sockets = 0
        self.deltas = 0  # state updates received on the newest socket
        self.hydrated = False  # Reflex said "hydrated" (on_load done) since the last visit
        self.responses: list = []
        self.read_static: set[str] = set()
        page.on("websocket", self._on_websocket)
        page.on("response", self._on_response)

    def _on_response(self, response) -> None:
        self.responses.append(response)

    def _on_websocket(self, ws) -> None:
        self.sockets += 1
        self.deltas = 0
        number = self.sockets
        ws.on("framereceived", lambda payload: self._on_frame(payload, number))
        ws.on("framesent", self._touch)

    def _touch(self, _payload: object = None) -> None:
        self.last_frame = time.monotonic()
        self.frames_since_mark += 1

    def _on_frame(self, payload: str | bytes, socket_number: int) -> None:
        self._touch()
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        if socket_number == self.sockets and text.startswith("42"):
            self.deltas += 1
            if HYDRATED in text:
                self.hydrated = True
        self.capture.records.append((f"ws {self.page.url}", text, False))

    def wait_quiet(self, quiet: float = QUIET_SECONDS, grace: float = LOAD_TIMEOUT) -> None:
        """Wait until the websocket has been silent ``quiet`` seconds.

        A page load always talks to the server (hydration, on_load); a control may not: after
        ``grace`` seconds without any frame, stop waiting.
        """
        started = time.monotonic()
        while True:
            self.page.wait_for_timeout(50)
            now = time.monotonic()
            if self.frames_since_mark and now - self.last_frame >= quiet:
                return
            if not self.frames_since_mark and now - started >= grace:
                return
            if now - started >= LOAD_TIMEOUT:
                return

    def settle_page(self) -> bool:
        """Wait for the page to be hydrated, loaded and idle; False if it never is.

        Hydrated: Reflex set ``is_hydrated`` (after the page's on_load events). Loaded: no
        "Loading…" spinner (``SessionState.loading``). Idle: no frame for ``QUIET_SECONDS``
        (a redirect from on_load starts another hydration within that time).
        """
        deadline = time.monotonic() + LOAD_TIMEOUT
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(40)
            if not self.hydrated or time.monotonic() - self.last_frame < QUIET_SECONDS:
                continue
            if self.page.locator(SPINNER).count() == 0:
                return True
        return False

    def visit(self, url: str, *, full: bool) -> None:
        """Open ``url``, wait for it, record it, open its popups.

        Args:
            url: A path of the app.
            full: A fresh page load (new websocket, full hydration); otherwise a client-side
                navigation in the same tab, as a click on a link does (faster).
        """
        started = time.monotonic()
        self.hydrated = False
        try:
            if full:
                self.page.goto(url, wait_until="domcontentloaded")
            else:
                self.page.evaluate("url => window.__reactRouterDataRouter.navigate(url)", url)
        except Exception as error:  # a page that cannot load is a finding, not a crash
            self.capture.errors.append(f"{url}: {error}")
            return
        if not self.settle_page():
            self.capture.errors.append(f"{url}: not loaded and idle after {LOAD_TIMEOUT:.0f}s")
        self.capture.pages += 1
        self.capture.timings.append((url, time.monotonic() - started))
        landed = urlparse(self.page.url).path
        if landed.startswith("/signin") and not url.startswith("/signin"):
            self.capture.outcomes["sign-in"] += 1
        elif self.page.locator("#not-found").count():
            self.capture.outcomes["not found"] += 1
        else:
            self.capture.outcomes["shown"] += 1
        self.snapshot(f"page {url}")
        self.open_popups(urlparse(self.page.url).path)
        self.read_responses()

    def snapshot(self, where: str) -> None:
        try:
            self.capture.records.append((where, self.page.content(), False))
        except Exception as error:
            self.capture.errors.append(f"{where}: {error}")

    def open_popups(self, url: str) -> None:
        try:
            labels = self.page.evaluate(FIND_TRIGGERS, MAX_SAME_KIND)
        except Exception as error:
            self.capture.errors.append(f"{url}: {error}")
            return
        for index, label in enumerate(labels[:MAX_POPUPS_PER_PAGE]):
            if urlparse(self.page.url).path != url:
                break  # a control navigated away: its page is swept on its own
            try:
                self.frames_since_mark = 0
                self.page.locator(f'[data-sweep-trigger="{index}"]').click(timeout=1500)
                self.wait_quiet(0.2, 0.4)
                self.capture.popups += 1
                self.snapshot(f"popup {label!r} on {url}")
                self.page.keyboard.press("Escape")
            except Exception:  # detached, hidden or covered by now: the next one
                continue

    def read_responses(self) -> None:
        responses, self.responses = self.responses, []
        for response in responses:
            kind = response.headers.get("content-type", "")
            if not any(t in kind for t in TEXT_TYPES):
                continue
            parsed = urlparse(response.url)
            static = parsed.path.startswith(("/assets/", "/_next/")) or kind.startswith(
                ("application/javascript", "text/javascript", "text/css")
            )
            if static and response.url in self.read_static:
                continue
            try:
                body = response.body()
            except Exception:  # redirects and evicted bodies have none
                continue
            if static:
                self.read_static.add(response.url)
            self.capture.records.append(
                (f"http {response.url}", body.decode("utf-8", "replace"), static)
            )


def _pdf_text(body: bytes) -> str:
    """The PDF's printed text and, for a Factur-X, its embedded XML (checked like the page)."""
    import facturx
    from pypdf import PdfReader

    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    except Exception as error:
        return f"(unreadable PDF: {error})"
    _, xml = facturx.get_xml_from_pdf(body, check_xsd=False)
    if not xml:
        return text
    # The XML's text in reading order, on one line: an exempt base follows its reason
    # ("... 293 B du CGI 798.00"), as on the printed VAT breakdown, so the documented
    # exposure of SHAREGUEST is tolerated there exactly as on the PDF, and nowhere else.
    from lxml import etree

    return text + "\n" + " ".join(" ".join(etree.fromstring(xml).itertext()).split())


def _downloads(context: BrowserContext, capture: RoleCapture, planted: Planted) -> None:
    today = date.today()
    period = f"start={(today - timedelta(days=60)).isoformat()}&end={today.isoformat()}"
    paths = [f"/api/revenue/time.csv?{period}"]
    paths += [f"/api/revenue/time.csv?{period}&project={pid}" for pid in planted.project_ids]
    for invoice_id in planted.invoice_ids:
        paths += [
            f"/api/revenue/invoices/{invoice_id}/pdf",
            f"/api/revenue/invoices/{invoice_id}/facturx.pdf",
            f"/api/revenue/invoices/{invoice_id}/split.csv",
        ]
    # Every GET route of the files area, with every planted file (a new route is swept too).
    from collab_app import file_routes

    for route in file_routes.routes():
        if "GET" in (route.methods or ()) and "{file_id}" in route.path:
            paths += [route.path.replace("{file_id}", str(i)) for i in planted.ids["file_id"]]
    for path in paths:
        response = context.request.get(path)
        body = response.body()
        is_pdf = response.headers.get("content-type", "").startswith("application/pdf")
        text = _pdf_text(body) if is_pdf else body.decode("utf-8", "replace")
        capture.records.append((f"download {path} ({response.status})", text, False))


def _sweep_role(role: str, planted: Planted, base_url: str, routes: list[str]) -> RoleCapture:
    capture = RoleCapture(role)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(
                base_url=base_url, locale="en-US", viewport={"width": 1280, "height": 800}
            )
            context.set_default_timeout(10_000)
            if role in planted.cookies:
                host = urlparse(base_url).hostname
                context.add_cookies(
                    [
                        {
                            "name": SESSION_COOKIE,
                            "value": planted.cookies[role],
                            "domain": host,
                            "path": "/",
                            "sameSite": "Lax",
                        }
                    ]
                )
            tab = _Tab(context.new_page(), capture)
            # One fresh load, then client-side navigations (as links do): each one hydrates the
            # page's states again (the same frames a fresh load gets) without reloading the app.
            urls = [url for route in routes for url in route_urls(route, role, planted)]
            for number, url in enumerate(urls):
                tab.visit(url, full=number == 0)
            _downloads(context, capture, planted)
        finally:
            browser.close()
    return capture


def _hits(captures: dict[str, RoleCapture], planted: Planted) -> dict[str, dict[str, list[str]]]:
    """Marker name -> role -> where it was found."""
    hits: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for role, capture in captures.items():
        for where, text, static in capture.records:
            for marker in planted.markers:
                if marker.money and static:
                    continue
                context = marker.tolerated.get(role)
                for match in marker.pattern.finditer(text):
                    before = text[max(0, match.start() - 120) : match.start()]
                    if context is None or not context.search(before):
                        hits[marker.name][role].append(where)
                        break
    return hits


@pytest.mark.timeout(600)
def test_each_marker_reaches_exactly_the_roles_allowed(planted: Planted, base_url: str) -> None:
    routes = app_routes()
    unknown = set()
    for route in routes:
        try:
            route_urls(route, "anonymous", planted)
        except KeyError as error:
            unknown.add((route, error.args[0]))
    assert not unknown, (
        f"routes with arguments the sweep cannot fill: {sorted(unknown)}; add candidate ids "
        "for them in tests/security/planted.py (Planted.ids or Planted.tokens)"
    )

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {
            role: pool.submit(_sweep_role, role, planted, base_url, routes) for role in ROLES
        }
        captures = {role: future.result() for role, future in futures.items()}
    elapsed = time.monotonic() - started

    hits = _hits(captures, planted)
    problems = []
    for marker in planted.markers:
        found = hits.get(marker.name, {})
        for role in sorted(set(found) - marker.allowed):
            places = "\n      ".join(sorted(set(found[role]))[:8])
            problems.append(f"LEAK {marker.name} reached {role} in:\n      {places}")
        for role in sorted(marker.allowed - set(found)):
            problems.append(f"MISSING {marker.name} never reached {role} (allowed): not swept?")
    summary = ", ".join(
        f"{role}: {c.pages} pages ({dict(c.outcomes)}), {c.popups} popups, {len(c.records)} records"
        for role, c in captures.items()
    )
    errors = [e for c in captures.values() for e in c.errors]
    print(
        f"\nleak sweep: {len(routes)} routes, {len(planted.markers)} markers, {summary}; "
        f"{elapsed:.0f}s"
    )
    assert not problems, "\n".join(problems) + f"\n({summary}; page errors: {errors[:5]})"
    assert not errors, f"pages that did not load: {errors[:10]}"
    assert elapsed <= SWEEP_BUDGET_SECONDS, f"the sweep took {elapsed:.0f}s"


@pytest.mark.timeout(300)
def test_next_person_in_the_same_tab_gets_none_of_the_previous_ones_markers(
    new_page, base_url: str, planted: Planted
) -> None:
    demo = planted.project_ids[0]
    hidden_task = planted.ids["task_id"][0]
    page = new_page("desktop")
    sign_in(page, base_url, DEMO_USERS["owner"])
    for path in (f"/projects/{demo}/board", f"/projects/{demo}/tasks/{hidden_task}"):
        page.goto(path)
        expect(page.get_by_text(f"LEAK-{planted.run}-HIDDENTASK").first).to_be_visible()
    page.goto(f"/projects/{demo}/split")
    expect(page.get_by_role("button", name=re.compile("Se déconnecter|Sign out"))).to_be_visible()
    page.get_by_role("button", name=re.compile("Se déconnecter|Sign out")).click()
    page.wait_for_url(re.compile(r"/signin"))

    capture = RoleCapture("client")
    tab = _Tab(page, capture)
    sign_in(page, base_url, DEMO_USERS["client"])
    for path in (f"/projects/{demo}/board", f"/projects/{demo}", f"/projects/{demo}/invoices"):
        tab.visit(path, full=False)
    hits = _hits({"client": capture}, planted)
    leaked = sorted(name for name, roles in hits.items() if "client" in roles)
    expected = sorted(
        m.name
        for m in planted.markers
        if "client" in m.allowed and m.name in ("GUESTTASK", "TEAMTASK")
    )
    not_allowed = [n for n in leaked if "client" not in planted.marker(n).allowed]
    assert not not_allowed, f"after the switch, the client's tab received {not_allowed}"
    assert set(expected) <= set(leaked), f"the client's own data did not load: {leaked}"


@pytest.mark.timeout(120)
def test_notification_mails_carry_only_what_each_recipient_may_see(
    planted: Planted, app_server
) -> None:
    """Every notification mail, digest and weekly update is checked for the planted markers."""
    settle_notifications(app_server.database_url)
    engine = make_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            mails = session.exec(
                select(OutboxMessage).where(
                    OutboxMessage.kind.in_(
                        ("notification", "notification_digest", "client_weekly_update")
                    )
                )
            ).all()
    finally:
        engine.dispose()
    role_of = {email: role for role, email in ROLE_EMAILS.items()}
    seen: set[tuple[str, str]] = set()
    problems = []
    for mail in mails:
        role = role_of.get(mail.to_email)
        if role is None:
            continue
        text = f"{mail.subject}\n{mail.body}"
        for marker in planted.markers:
            if marker.pattern.search(text):
                seen.add((marker.name, role))
                if role not in marker.allowed:
                    problems.append(f"LEAK {marker.name} in a mail to {role}: {mail.subject}")
    assert not problems, "\n".join(problems)
    # The check read real mails: the client's names the task it watches, the member's the
    # hidden task it is assigned to, and the guest's its own task.
    assert {("TEAMTASK", "client"), ("HIDDENTASK", "member"), ("GUESTTASK", "guest")} <= seen
