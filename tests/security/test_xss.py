"""Script and HTML typed by users never run: planted payloads are shown as text, as each role.

Payloads go (through the services) into a task title, a task description and a comment
(Markdown), a feedback answer, a project name and a display name; the pages that show them are
opened as the manager, the guest and the client. Each page must show the payload's text
literally, fire no dialog, leave ``window.__xss`` undefined, and hold no element carrying an
inline event handler or a ``javascript:`` link.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from collab_app.db import make_engine
from collab_app.models import Project, User
from collab_app.services import board, feedback, projects
from collab_app.services.accounts import auth, invitations
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.board import comments
from tests.e2e.helpers import DEMO_USERS
from tests.security.planted import DEMO_PROJECT, send_feedback_link

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"
SVG = '"><svg onload="window.__xss=1">'
JS_LINK = "[click me](javascript:window.__xss=1)"
MARKDOWN = f"{SCRIPT}\n\n{IMG}\n\n{JS_LINK}\n\n{SVG}"
# Anything the browser would have turned into live markup or a script link.
LIVE_MARKUP = (
    'document.querySelectorAll(\'[onerror], [onload], a[href^="javascript" i], '
    'main script, main svg[onload], main img[src="x"]\').length'
)


def _plant(database_url: str, run: str) -> dict[str, object]:
    engine = make_engine(database_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            users = {
                key: session.exec(select(User).where(User.email == email)).one()
                for key, email in DEMO_USERS.items()
            }
            alice = viewer_for(users["owner"])
            project = session.exec(select(Project).where(Project.name == DEMO_PROJECT)).one()
            # A guest whose display name is a payload, on the demo project.
            person = auth.sign_up(
                session,
                email=f"xss-{run}@freelance.example",
                display_name=f"X{run} {IMG}",
                password="xss-password-2026",
                locale="en",
            )
            invited = projects.invite(
                session, alice, project_id=project.id, email=person.email, role="guest"
            )
            token = invited.link.rstrip("/").rsplit("/", 1)[-1]
            invitations.accept(session, viewer_for(person), token=token)
            task = board.create_task(
                session,
                alice,
                project_id=project.id,
                fields=board.TaskFields(
                    title=f"T{run} {IMG}{SVG}", description=f"D{run}\n\n{MARKDOWN}"
                ),
                assignee_ids=[users["guest"].id, person.id],
            )
            comments.add_comment(
                session,
                viewer_for(person),
                task_id=task.id,
                body=f"C{run}\n\n{MARKDOWN}",
                visibility="client",
            )
            answer_token = send_feedback_link(session, project)
            feedback.submit_answer(
                session,
                token=answer_token,
                score=8,
                ranking="top10",
                comment=f"F{run} {SCRIPT} {IMG}",
            )
            collective_id = project.collective_id
            named = projects.create_project(
                session,
                alice,
                collective_id=collective_id,
                data=projects.ProjectInput(
                    name=f"P{run} {SVG}",
                    client_name="XSS client",
                    start_date=date.today(),
                    quote_cents=0,
                    included_rounds=1,
                    billing_model="fixed",
                ),
            )
            cookies = {
                key: auth.start_session(session, user_id=users[key].id)
                for key in ("owner", "guest", "client")
            }
            return {
                "project": project.id,
                "task": task.id,
                "named_project": named,
                "collective": collective_id,
                "cookies": cookies,
            }
    finally:
        engine.dispose()


def _check_page(page: Page, path: str, literal_texts: list[str], dialogs: list[str]) -> None:
    page.goto(path)
    for text in literal_texts:
        expect(page.get_by_text(text, exact=False).first).to_be_visible()
    page.wait_for_timeout(300)  # an onerror/onload would have fired by now
    where = f"{path} as {page.url}"
    assert page.evaluate("typeof window.__xss") == "undefined", f"a payload ran on {where}"
    assert not dialogs, f"a dialog opened on {where}: {dialogs}"
    assert page.evaluate(LIVE_MARKUP) == 0, f"live markup from a payload on {where}"


@pytest.mark.timeout(300)
def test_payloads_show_as_text_and_never_run(new_page, app_server, base_url: str) -> None:
    run = uuid.uuid4().hex[:6]
    planted = _plant(app_server.database_url, run)
    pid, tid = planted["project"], planted["task"]
    visits = {
        "owner": [
            (f"/projects/{pid}/tasks/{tid}", [f"T{run} {IMG}", f"D{run}", SCRIPT, f"C{run}"]),
            (f"/projects/{pid}/board", [f"T{run} {IMG}"]),
            (f"/projects/{pid}/feedback", [f"F{run} {SCRIPT} {IMG}"]),
            (f"/projects/{pid}", [f"X{run} {IMG}"]),
            ("/", [f"P{run} {SVG}"]),
            (f"/projects/{planted['named_project']}", [f"P{run} {SVG}"]),
        ],
        "guest": [(f"/projects/{pid}/tasks/{tid}", [f"T{run} {IMG}", SCRIPT, f"X{run} {IMG}"])],
        "client": [
            (f"/projects/{pid}/tasks/{tid}", [f"T{run} {IMG}", f"C{run}", f"X{run} {IMG}"]),
            (f"/projects/{pid}/board", [f"T{run} {IMG}"]),
        ],
    }
    host = base_url.split("//", 1)[1].split(":", 1)[0]
    for role, pages in visits.items():
        page = new_page("desktop")
        page.context.add_cookies(
            [
                {
                    "name": "collab_session",
                    "value": planted["cookies"][role],
                    "domain": host,
                    "path": "/",
                }
            ]
        )
        dialogs: list[str] = []
        page.on(
            "dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss())
        )
        for path, texts in pages:
            _check_page(page, path, texts, dialogs)
