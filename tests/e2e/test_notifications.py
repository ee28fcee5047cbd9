"""Notifications in the browser: the live bell, mentions that never reach the client, and the
client's daily digest holding only what the client may read."""

from __future__ import annotations

import re
import time
from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlmodel import Session, select

from collab_app.models import Notification, OutboxMessage, Task, User
from collab_app.services import board, clock, notifications
from collab_app.services.board import comments
from collab_app.services.viewer import Viewer
from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, sign_in


def _engine(app_server):
    return create_engine(app_server.database_url)


def _viewer(session: Session, email: str) -> Viewer:
    user = session.exec(select(User).where(User.email == email)).one()
    return Viewer(user.id, user.email, user.display_name, user.locale, user.timezone)


def _task_id(session: Session, title: str) -> tuple[int, int]:
    task = session.exec(select(Task).where(Task.title == title)).one()
    return task.project_id, task.id


def _bell_count(page) -> int:
    badge = page.locator("#bell-count")
    return int(badge.inner_text()) if badge.count() else 0


def test_watcher_bell_goes_up_live_and_opens_the_task(new_page, base_url, app_server):
    with Session(_engine(app_server)) as session:
        project_id, task_id = _task_id(session, "Online ordering for pastries (click & collect)")
        # What the server's periodic job would add meanwhile (due dates) is added now, so the
        # only change during the test is Bruno's comment.
        notifications.raise_due_dates(session)
    chloe = new_page("phone")
    sign_in(chloe, base_url, DEMO_USERS["guest"])
    chloe.goto(f"{base_url}/my-tasks")
    expect(chloe.locator("#bell")).to_be_visible()
    time.sleep(1.5)
    before = _bell_count(chloe)

    bruno = new_page("desktop")
    sign_in(bruno, base_url, DEMO_USERS["member"])
    bruno.goto(f"{base_url}/projects/{project_id}/tasks/{task_id}")
    marker = f"screens-{int(time.time())}"
    bruno.locator("#body").fill(f"Are the screens ready? {marker}")
    bruno.locator("#new-comment").get_by_role("button").last.click()
    expect(bruno.get_by_text(marker)).to_be_visible()

    # No reload on Chloé's phone: the count moves by itself.
    expect(chloe.locator("#bell-count")).to_have_text(str(before + 1), timeout=10_000)
    chloe.locator("#bell").click()
    chloe.wait_for_url(re.compile(r"/notifications$"))
    line = chloe.get_by_text("Bruno Leroy commented on “Online ordering for pastries").first
    expect(line).to_be_visible()
    line.click()
    chloe.wait_for_url(re.compile(rf"/projects/{project_id}/tasks/{task_id}$"))
    expect(chloe.get_by_text(marker)).to_be_visible()


def test_internal_mention_notifies_bruno_and_never_reaches_david(new_page, base_url, app_server):
    engine = _engine(app_server)
    with Session(engine) as session:
        project_id, task_id = _task_id(session, "Homepage design mock-up")
        david = _viewer(session, DEMO_USERS["client"])
        board.set_watching(session, david, task_id=task_id, watching=True)
    david_page = new_page("phone")
    frames = collect_ws_frames(david_page)
    sign_in(david_page, base_url, DEMO_USERS["client"])
    david_page.goto(f"{base_url}/projects/{project_id}/tasks/{task_id}")
    expect(david_page.locator("#bell")).to_be_visible()

    alice = new_page("desktop")
    sign_in(alice, base_url, DEMO_USERS["owner"])
    alice.goto(f"{base_url}/projects/{project_id}/tasks/{task_id}")
    # Typing "@" offers only the people who may read an internal comment: never David.
    alice.locator("#body").fill("@")
    choices = alice.locator("#mention-choices")
    expect(choices.get_by_text("Bruno Leroy")).to_be_visible()
    expect(choices.get_by_text("Chloé Petit")).to_be_visible()  # assigned: reads internal
    expect(choices.get_by_text("David Dupont")).to_have_count(0)
    # Mentioning David in an internal comment is refused with a clear message, text kept.
    alice.locator("#body").fill("@David Dupont regarde")
    alice.locator("#new-comment").get_by_role("button").last.click()
    expect(alice.get_by_text("ne peut pas lire ce commentaire").first).to_be_visible()
    expect(alice.locator("#body")).to_have_value("@David Dupont regarde")

    marker = f"MARGIN-{int(time.time())}"
    alice.locator("#body").fill("@Bru")
    expect(choices.get_by_text("Chloé Petit")).to_have_count(0)  # filtered by what is typed
    choices.get_by_text("Bruno Leroy").click()
    expect(alice.locator("#body")).to_have_value("@Bruno Leroy ")
    alice.locator("#body").press_sequentially(f"check the margin {marker}")
    alice.locator("#new-comment").get_by_role("button").last.click()
    expect(alice.get_by_text(marker)).to_be_visible()

    bruno = new_page("desktop")
    sign_in(bruno, base_url, DEMO_USERS["member"])
    bruno.goto(f"{base_url}/notifications")
    expect(bruno.get_by_text("Alice Martin vous a mentionné sur").first).to_be_visible()

    time.sleep(2.0)  # any refresh of David's tab has had time to arrive
    joined = "\n".join(frames)
    assert marker not in joined and "mentionné" not in joined
    with Session(engine) as session:
        bruno_row = session.exec(
            select(Notification).where(
                Notification.kind == "mention", Notification.task_id == task_id
            )
        ).all()
        assert [r.user_id for r in bruno_row] == [_viewer(session, DEMO_USERS["member"]).user_id]
        comment_rows = session.exec(
            select(Notification).where(
                Notification.user_id == david.user_id, Notification.comment_id.is_not(None)
            )
        ).all()
        internal = [r for r in comment_rows if r.audience != "everyone"]
        assert internal == []
        notifications.deliver_pending(session, now=clock.now() + timedelta(minutes=10))
        to_david = session.exec(
            select(OutboxMessage).where(OutboxMessage.to_email == david.email)
        ).all()
        assert all(marker not in m.body and "mentionn" not in m.body for m in to_david)


def test_davids_daily_digest_holds_only_client_visible_events(new_page, base_url, app_server):
    engine = _engine(app_server)
    david_page = new_page("phone")
    sign_in(david_page, base_url, DEMO_USERS["client"])
    david_page.goto(f"{base_url}/notifications/settings")
    david_page.locator("#mode-comments").select_option("digest")
    expect(david_page.get_by_text("Enregistré.").first).to_be_visible()
    david_page.locator("#digest-hour").select_option("7")
    expect(david_page.locator("#digest-hour")).to_have_value("7")
    with Session(engine, expire_on_commit=False) as session:
        _, task_id = _task_id(session, "Product photos retouching")
        david = _viewer(session, DEMO_USERS["client"])
        alice = _viewer(session, DEMO_USERS["owner"])
        board.set_watching(session, david, task_id=task_id, watching=True)
        secret = f"SECRET-{int(time.time())}"
        comments.add_comment(session, alice, task_id=task_id, body=f"internal {secret}")
        comments.add_comment(
            session, alice, task_id=task_id, body="Photos are ready", visibility="client"
        )
        # Nothing before his hour; at 07:00 in his time zone, the digest.
        moment = notifications.digest_moment(clock.now() + timedelta(days=1), david.timezone, 7)
        notifications.deliver_pending(session, now=moment - timedelta(minutes=5))
        notifications.deliver_pending(session, now=moment + timedelta(minutes=1))
        digests = session.exec(
            select(OutboxMessage).where(
                OutboxMessage.to_email == david.email,
                OutboxMessage.kind == "notification_digest",
            )
        ).all()
    assert len(digests) == 1
    [digest] = digests
    assert "Alice Martin a commenté «\u00a0Product photos retouching\u00a0»" in digest.body
    assert secret not in digest.body and "mentionn" not in digest.body
    assert digest.body.count("a commenté") == 1
    # The mail's unsubscribe link works in one click, without signing in.
    path = digest.list_unsubscribe.split("/unsubscribe/", 1)[1]
    anonymous = new_page("phone")
    anonymous.goto(f"{base_url}/unsubscribe/{path}")
    expect(anonymous.locator("#unsubscribed")).to_be_visible()
    with Session(engine) as session:
        modes = {
            c.category: c.mode for c in notifications.get_preferences(session, david).categories
        }
    assert modes["comments"] == "never"
