"""Notification mails: bursts, preferences and mutes, digests across time zones, unsubscribe
links, due dates, project events, and exactly-once delivery with two runners."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from collab_app.models import Notification, OutboxMessage, User
from collab_app.services import board, notifications
from collab_app.services.board import comments
from collab_app.services.mail import delivery as mailer
from collab_app.services.notifications import delivery, events
from collab_app.services.projects import weekly
from tests.unit.board.support import card, make_board
from tests.unit.revisions.support import Clock

START = datetime(2026, 3, 11, 6, 0, tzinfo=UTC)  # 07:00 in Paris, 02:00 in New York


@pytest.fixture
def moving(monkeypatch):
    from collab_app.services import clock

    now = Clock(START)
    monkeypatch.setattr(clock, "now", lambda: now.now)
    return now


@pytest.fixture
def b(session, world, moving):
    made = make_board(session, world)
    session.exec(select(Notification)).all()
    # The board's own assignment notifications are not what these tests look at.
    for row in session.exec(select(Notification)).all():
        session.delete(row)
    session.commit()
    return made


def mails_to(session, viewer):
    return session.exec(
        select(OutboxMessage)
        .where(OutboxMessage.to_email == viewer.email)
        .order_by(OutboxMessage.id)
    ).all()


def deliver(session, at):
    return notifications.deliver_pending(session, now=at)


def test_a_burst_of_comments_makes_one_mail_after_the_window(session, world, b, moving):
    board.set_watching(session, world.manager, task_id=b.shared.id, watching=True)
    for n in range(10):
        comments.add_comment(session, world.member, task_id=b.shared.id, body=f"note {n}")
        moving.advance(seconds=10)
    assert deliver(session, START + timedelta(seconds=90)).mails == 0  # still in the window
    done = deliver(session, START + timedelta(minutes=3))
    assert (done.mails, done.mailed) == (2, 20)  # the manager (watcher), the guest (assignee)
    [mail] = mails_to(session, world.manager)
    assert mail.subject == "10 new notifications"
    assert mail.body.count("Member commented on “Shared homepage”") == 10
    assert f"/projects/{world.project.id}/tasks/{b.shared.id}" in mail.body
    assert deliver(session, START + timedelta(hours=1)).mails == 0  # never twice


def test_never_and_muted_projects_are_not_mailed_but_stay_in_the_inbox(session, world, b):
    board.set_watching(session, world.manager, task_id=b.shared.id, watching=True)
    notifications.set_mode(session, world.guest, category="comments", mode="never")
    notifications.set_muted(session, world.manager, project_id=world.project.id, muted=True)
    comments.add_comment(session, world.member, task_id=b.shared.id, body="hello")
    done = deliver(session, START + timedelta(minutes=5))
    assert (done.mails, done.skipped) == (0, 2)
    assert notifications.unread_count(session, world.manager) == 1
    notifications.set_muted(session, world.manager, project_id=world.project.id, muted=False)
    comments.add_comment(session, world.member, task_id=b.shared.id, body="again")
    assert deliver(session, START + timedelta(minutes=10)).mails == 1
    assert [m.subject for m in mails_to(session, world.manager)] == [
        "[Website] Member commented on “Shared homepage”"
    ]


def test_digest_moment_follows_each_time_zone_and_dst():
    at = datetime(2026, 3, 11, 7, 30, tzinfo=UTC)
    assert notifications.digest_moment(at, "Europe/Paris", 8) == datetime(
        2026, 3, 11, 7, 0, tzinfo=UTC
    )
    assert notifications.digest_moment(at, "America/New_York", 8) == datetime(
        2026, 3, 10, 12, 0, tzinfo=UTC
    )
    summer = datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
    assert notifications.digest_moment(summer, "Europe/Paris", 8) == datetime(
        2026, 7, 1, 6, 0, tzinfo=UTC
    )
    assert notifications.digest_moment(at, "Not/AZone", 8) == datetime(
        2026, 3, 10, 8, 0, tzinfo=UTC
    )


def test_digests_go_out_at_each_persons_hour(session, world, b):
    new_york = session.get(User, world.guest.user_id)
    new_york.timezone = "America/New_York"
    session.add(new_york)
    session.commit()
    board.set_watching(session, world.manager, task_id=b.shared.id, watching=True)
    for person in (world.manager, world.guest):
        notifications.set_mode(session, person, category="comments", mode="digest")
        notifications.set_digest_hour(session, person, hour=8)
    comments.add_comment(session, world.member, task_id=b.shared.id, body="overnight")
    assert deliver(session, START + timedelta(minutes=30)).mails == 0  # 07:30 Paris
    assert deliver(session, START + timedelta(hours=1, minutes=5)).mails == 1  # 08:05 Paris
    [paris] = mails_to(session, world.manager)
    assert paris.kind == "notification_digest"
    assert paris.subject == "Your daily digest: 1 notification"
    assert mails_to(session, world.guest) == []
    assert deliver(session, START + timedelta(hours=6, minutes=5)).mails == 1  # 08:05 New York
    assert len(mails_to(session, world.guest)) == 1


def test_client_digest_holds_only_client_visible_events(session, world, b):
    board.set_watching(session, world.client, task_id=b.shared.id, watching=True)
    board.set_watching(session, world.client, task_id=b.watched.id, watching=True)
    notifications.set_mode(session, world.client, category="comments", mode="digest")
    notifications.set_mode(session, world.client, category="mentions", mode="digest")
    comments.add_comment(session, world.member, task_id=b.shared.id, body="INTERNAL margin")
    comments.add_comment(
        session, world.manager, task_id=b.shared.id, body="Draft is ready", visibility="client"
    )
    comments.add_comment(
        session, world.manager, task_id=b.watched.id, body="Logo ok", visibility="client"
    )
    current = card(session, world.manager, b.watched.id)
    board.update_task(
        session,
        world.manager,
        task_id=b.watched.id,
        expected_version=current.version,
        fields=board.TaskFields(hidden_from_client=True),
    )
    done = deliver(session, START + timedelta(hours=2))
    [digest] = mails_to(session, world.client)
    assert "Manager commented on “Shared homepage”" in digest.body
    assert "Watched logo" not in digest.body and "INTERNAL" not in digest.body
    assert digest.subject == "Your daily digest: 1 notification"
    assert done.skipped >= 1


def test_unsubscribe_link_and_header(session, world, b):
    board.set_watching(session, world.manager, task_id=b.shared.id, watching=True)
    comments.add_comment(session, world.member, task_id=b.shared.id, body="hello")
    deliver(session, START + timedelta(minutes=5))
    [mail] = mails_to(session, world.manager)
    link = mail.list_unsubscribe
    assert "/unsubscribe/" in link and link in mail.body
    built = mailer.build_email(mail, "team@example.org", START)
    assert built["List-Unsubscribe"] == f"<{link}>"
    token = link.rsplit("/", 1)[1]
    assert notifications.unsubscribe(session, token[:-1] + "x") is None
    assert notifications.unsubscribe(session, 12345) is None
    assert notifications.unsubscribe(session, token) == "comments"
    assert notifications.unsubscribe(session, token) == "comments"  # harmless twice
    prefs = notifications.get_preferences(session, world.manager)
    modes = {c.category: c.mode for c in prefs.categories}
    assert modes["comments"] == "never" and modes["mentions"] == "immediate"
    comments.add_comment(session, world.member, task_id=b.shared.id, body="more")
    deliver(session, START + timedelta(minutes=30))
    assert len(mails_to(session, world.manager)) == 1  # the guest still gets theirs


def test_digest_unsubscribe_turns_every_digest_category_off(session, world, b):
    notifications.set_mode(session, world.guest, category="comments", mode="digest")
    notifications.set_mode(session, world.guest, category="tasks", mode="digest")
    comments.add_comment(session, world.member, task_id=b.shared.id, body="hello")
    deliver(session, START + timedelta(hours=3))
    [digest] = mails_to(session, world.guest)
    assert notifications.unsubscribe(session, digest.list_unsubscribe.rsplit("/", 1)[1]) == (
        "digest"
    )
    modes = {
        c.category: c.mode for c in notifications.get_preferences(session, world.guest).categories
    }
    assert (modes["comments"], modes["tasks"], modes["assignments"]) == (
        "never",
        "never",
        "immediate",
    )


def test_preferences_refuse_bad_input(session, world):
    from collab_app.services.errors import NotFound, ValidationError

    for category, mode in (("comments", "sometimes"), ("gossip", "never"), (None, None)):
        with pytest.raises(ValidationError):
            notifications.set_mode(session, world.member, category=category, mode=mode)
    for hour in (-1, 24, "8am", True, None, 7.5):
        with pytest.raises(ValidationError):
            notifications.set_digest_hour(session, world.member, hour=hour)
    assert notifications.set_digest_hour(session, world.member, hour="7") == 7
    with pytest.raises(NotFound):
        notifications.set_muted(
            session, world.member, project_id=world.other_project.id, muted=True
        )


def test_due_tomorrow_and_overdue_once_per_assignee(session, world, b):
    current = card(session, world.manager, b.shared.id)
    board.update_task(
        session,
        world.manager,
        task_id=b.shared.id,
        expected_version=current.version,
        fields=board.TaskFields(due_date=date(2026, 3, 12)),
    )
    assert notifications.raise_due_dates(session, now=START) == 1
    assert notifications.raise_due_dates(session, now=START + timedelta(hours=1)) == 0
    later = datetime(2026, 3, 13, 9, 0, tzinfo=UTC)
    assert notifications.raise_due_dates(session, now=later) == 1
    kinds = session.exec(select(Notification.kind, Notification.user_id)).all()
    assert sorted(kinds) == [
        ("due_tomorrow", world.guest.user_id),
        ("overdue", world.guest.user_id),
    ]


def test_project_events_reach_the_roles_concerned(session, world, b):
    path = f"/projects/{world.project.id}/revisions"
    for kind, roles, audience in (
        ("change_order_proposed", ("client",), "everyone"),
        ("round_late", ("manager",), "managers"),
        ("change_order_decided", ("manager", "member"), "team"),
    ):
        events.project_event(
            session,
            project_id=world.project.id,
            actor_id=world.manager.user_id,
            kind=kind,
            roles=roles,
            audience=audience,
            path=path,
            params={"number": 1},
        )
    session.commit()
    told = sorted(session.exec(select(Notification.kind, Notification.user_id)).all())
    assert told == sorted(
        [
            ("change_order_proposed", world.client.user_id),
            ("round_late", world.owner.user_id),
            ("change_order_decided", world.member.user_id),
            ("change_order_decided", world.owner.user_id),
        ]
    )
    texts = [
        i.text for g in notifications.load_inbox(session, world.client).groups for i in g.items
    ]
    assert texts == ["Manager proposed a change order for your decision"]


def test_two_runners_mail_each_notification_exactly_once(engine, session, world, b):
    board.set_watching(session, world.manager, task_id=b.shared.id, watching=True)
    board.set_watching(session, world.client, task_id=b.shared.id, watching=True)
    for n in range(12):
        comments.add_comment(
            session, world.member, task_id=b.shared.id, body=f"c{n}", visibility="client"
        )
    at = START + timedelta(minutes=10)
    barrier = threading.Barrier(2)
    results = []

    def runner() -> None:
        with Session(engine, expire_on_commit=False) as own:
            barrier.wait()
            results.append(delivery.deliver_pending(own, now=at))

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    session.expire_all()
    rows = session.exec(select(Notification)).all()
    assert len(rows) == 36  # guest, manager and client, 12 each
    assert {r.mail_state for r in rows} == {"mailed"}
    mails = session.exec(select(OutboxMessage)).all()
    assert len(mails) == 3
    assert sum(r.mailed for r in results) == 36
    assert sorted(m.body.count("commented on") for m in mails) == [12, 12, 12]


def test_weekly_slot_in_the_project_zone():
    wednesday = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)
    assert weekly.latest_slot(wednesday, "Europe/Paris", 0, 9) == datetime(
        2026, 3, 9, 8, 0, tzinfo=UTC
    )
    assert weekly.latest_slot(wednesday, "Europe/Paris", 2, 14) == datetime(
        2026, 3, 4, 13, 0, tzinfo=UTC
    )


def test_weekly_client_update_is_sent_once_per_week_with_the_client_version(
    session, world, b, moving
):
    from collab_app.services.errors import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        weekly.set_weekly_update(
            session, world.member, project_id=world.project.id, enabled=True, weekday=0, hour=9
        )
    with pytest.raises(ValidationError):
        weekly.set_weekly_update(
            session, world.manager, project_id=world.project.id, enabled=True, weekday=7, hour=9
        )
    hidden = card(session, world.manager, b.hidden.id)
    board.move_task(  # in progress, so the team's recap lists it: the client's must not
        session,
        world.manager,
        task_id=b.hidden.id,
        column_id=b.doing,
        index=0,
        expected_version=hidden.version,
    )
    # Turned on Wednesday 07:00 Paris for Wednesdays 10:00.
    weekly.set_weekly_update(
        session, world.manager, project_id=world.project.id, enabled=True, weekday=2, hour=10
    )
    assert weekly.send_due_weekly_updates(session, now=START + timedelta(hours=2)) == 0
    slot = START + timedelta(hours=3, minutes=5)  # 10:05 Paris
    assert weekly.send_due_weekly_updates(session, now=slot) == 1
    assert weekly.send_due_weekly_updates(session, now=slot + timedelta(hours=5)) == 0
    [mail] = mails_to(session, world.client)
    assert mail.kind == "client_weekly_update"
    assert "Watched logo" in mail.body and "Secret margin" not in mail.body
    assert mail.body.rstrip().endswith(f"/projects/{world.project.id}/recap")
    next_week = slot + timedelta(days=7)
    assert weekly.send_due_weekly_updates(session, now=next_week) == 1
    assert mails_to(session, world.manager) == []


def test_the_job_pass_writes_the_notification_mails(session, world, b, use_test_db):
    from collab_app import jobs

    comments.add_comment(session, world.member, task_id=b.shared.id, body="for the job")
    report = jobs.run_due(now=START + timedelta(minutes=5))
    assert report.notification_mails == 1
    assert "notification mails queued: 1" in report.summary()
    assert [m.kind for m in mails_to(session, world.guest)] == ["notification"]
    assert jobs.run_due(now=START + timedelta(minutes=10)).notification_mails == 0


def test_a_mail_never_mixes_two_collectives(session, world, b):
    from testkit import factories

    second = factories.make_collective(session, world.outsider, "Second")
    project = factories.make_project(session, second, "Elsewhere project")
    factories.add_project_member(session, project, world.guest, "guest")
    board.ensure_default_columns(session, project.id)
    session.commit()
    board.create_task(
        session,
        world.outsider,
        project_id=project.id,
        fields=board.TaskFields(title="Other collective task"),
        assignee_ids=[world.guest.user_id],
    )
    comments.add_comment(session, world.member, task_id=b.shared.id, body="here")
    notifications.set_mode(session, world.guest, category="assignments", mode="digest")
    notifications.set_mode(session, world.guest, category="comments", mode="digest")
    deliver(session, START + timedelta(days=1))
    mails = mails_to(session, world.guest)
    assert sorted(m.collective_id for m in mails) == sorted([world.collective.id, second.id])
    for mail in mails:
        mine = "Other collective task" in mail.body
        assert mine == (mail.collective_id == second.id)


def test_personal_notification_mails_stay_out_of_the_managers_outbox(session, world, b):
    from collab_app.services.mail import outbox

    comments.add_comment(session, world.member, task_id=b.shared.id, body="for the guest")
    deliver(session, START + timedelta(minutes=5))
    assert [m.kind for m in mails_to(session, world.guest)] == ["notification"]
    listed = outbox.list_for_project(session, world.manager, project_id=world.project.id)
    listed += outbox.list_for_collective(session, world.owner, collective_id=world.collective.id)
    assert [m.kind for m in listed if m.kind.startswith("notification")] == []
