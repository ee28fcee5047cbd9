"""Feedback: schedule settings, rounds, reminders, the public form and its tokens.

The helpers at the top are shared by the other ``test_feedback_*`` modules.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from collab_app.i18n import catalogue, messages_of
from collab_app.models import (
    FeedbackAnswer,
    FeedbackRequest,
    FeedbackSchedule,
    OutboxMessage,
    ProjectMember,
)
from collab_app.services import feedback
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from collab_app.services.feedback import due_dates, presenter, sending
from collab_app.services.tokens import hash_token
from testkit import factories

# The world's project starts on Monday 2026-01-05: round 1 is due 2026-01-19 09:00 Paris.
ROUND1 = datetime(2026, 1, 19, 8, 0, tzinfo=UTC)


def shown_next_due(view: feedback.ScheduleView) -> str:
    """The schedule's next round as the page shows it, in English."""
    return presenter.schedule_shown(view, "en").next_due


def at(*args: int) -> datetime:
    """An aware UTC datetime."""
    return datetime(*args, tzinfo=UTC)


def setup_schedule(session: Session, world, *, extra_emails=(), client=True, **settings):
    """Configure the world's project with the client as contact (and extra emails)."""
    settings.setdefault("timezone", "Europe/Paris")
    view = feedback.configure_schedule(
        session,
        world.manager,
        project_id=world.project.id,
        settings=feedback.ScheduleSettings(**settings),
        now=at(2026, 1, 2),
    )
    if client:
        view = feedback.add_contact(
            session, world.manager, project_id=world.project.id, user_id=world.client.user_id
        )
    for email in extra_emails:
        view = feedback.add_contact(
            session, world.manager, project_id=world.project.id, email=email, locale="fr"
        )
    return view


def outbox_rows(session: Session, kind: str | None = None) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    session.expire_all()
    return list(session.exec(query).all())


def token_of(message: OutboxMessage) -> str:
    return message.link.rsplit("/", 1)[1]


def requests_of(session: Session) -> list[FeedbackRequest]:
    session.expire_all()
    return list(session.exec(select(FeedbackRequest).order_by(FeedbackRequest.id)).all())


def answer(session: Session, token: str, score=9, ranking="top10", now=None, **fields):
    return feedback.submit_answer(
        session, token=token, score=score, ranking=ranking, now=now or ROUND1, **fields
    )


# --- schedule settings and permissions -----------------------------------------------------


def test_new_schedule_defaults_and_next_due_in_recipient_time_zone(session, world):
    view = setup_schedule(session, world)
    assert view.configured and view.status == "active"
    assert (view.first_delay_days, view.interval_days, view.reminder_delay_days) == (14, 30, 3)
    assert shown_next_due(view) == "19 Jan 2026, 09:00"
    assert [c.user_id for c in view.contacts] == [world.client.user_id]
    assert view.contacts[0].email.startswith("client.")
    assert [c.is_contact for c in view.candidates] == [True]


def test_default_time_zone_is_the_clients(session, world):
    from collab_app.models import User

    user = session.get(User, world.client.user_id)
    user.timezone = "America/New_York"
    session.add(user)
    session.commit()
    view = feedback.configure_schedule(session, world.manager, project_id=world.project.id)
    assert view.timezone == "America/New_York"


def test_members_read_schedule_without_emails_guests_and_clients_denied(session, world):
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    member_view = feedback.get_schedule(session, world.member, project_id=world.project.id)
    assert member_view.can_edit is False
    assert [c.email for c in member_view.contacts] == ["", ""]
    assert member_view.candidates == ()
    for person in (world.guest, world.client):
        with pytest.raises(PermissionDenied):
            feedback.get_schedule(session, person, project_id=world.project.id)
    with pytest.raises(NotFound):
        feedback.get_schedule(session, world.outsider, project_id=world.project.id)
    with pytest.raises(NotFound):
        feedback.get_schedule(session, world.manager, project_id=world.other_project.id)


@pytest.mark.parametrize("who", ["member", "guest", "client"])
def test_only_managers_change_the_schedule(session, world, who):
    setup_schedule(session, world)
    person = getattr(world, who)
    pid = world.project.id
    calls = [
        lambda: feedback.configure_schedule(
            session, person, project_id=pid, settings=feedback.ScheduleSettings(interval_days=20)
        ),
        lambda: feedback.add_contact(session, person, project_id=pid, email="x@client.example"),
        lambda: feedback.set_paused(session, person, project_id=pid, paused=True),
        lambda: feedback.set_paused(session, person, project_id=pid, paused=False),
        lambda: feedback.send_now(session, person, project_id=pid),
        lambda: feedback.list_requests(session, person, project_id=pid),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert requests_of(session) == []


def test_outsider_and_bad_ids_get_not_found(session, world):
    for project_id in (world.project.id, "abc", True, -1, None, 10**20):
        with pytest.raises(NotFound):
            feedback.send_now(
                session,
                world.outsider if project_id == world.project.id else world.manager,
                project_id=project_id,
            )


def test_contact_must_be_a_client_of_the_project(session, world):
    pid = world.project.id
    with pytest.raises(ValidationError) as err:
        feedback.add_contact(session, world.manager, project_id=pid, user_id=world.member.user_id)
    assert err.value.code == "feedback.contact_not_client"
    with pytest.raises(NotFound):
        feedback.add_contact(session, world.manager, project_id=pid, user_id=world.outsider.user_id)
    with pytest.raises(ValidationError) as err:
        feedback.add_contact(session, world.manager, project_id=pid)
    assert err.value.code == "feedback.contact_required"
    with pytest.raises(ValidationError):
        feedback.add_contact(session, world.manager, project_id=pid, email="not an email")
    feedback.add_contact(session, world.manager, project_id=pid, user_id=world.client.user_id)
    with pytest.raises(ValidationError) as err:
        feedback.add_contact(session, world.manager, project_id=pid, user_id=world.client.user_id)
    assert err.value.code == "feedback.contact_exists"


def test_settings_are_validated(session, world):
    pid = world.project.id
    bad = [
        {"interval_days": 0},
        {"interval_days": "abc"},
        {"first_delay_days": -1},
        {"reminder_delay_days": 30},
        {"send_hour": 24},
        {"send_hour": True},
        {"timezone": "Mars/Olympus"},
    ]
    for values in bad:
        with pytest.raises(ValidationError) as err:
            feedback.configure_schedule(
                session, world.manager, project_id=pid, settings=feedback.ScheduleSettings(**values)
            )
        assert err.value.field in {*values}
    typed = feedback.ScheduleSettings(interval_days="21", send_hour="18")
    view = feedback.configure_schedule(session, world.manager, project_id=pid, settings=typed)
    assert (view.interval_days, view.send_hour) == (21, 18)


# --- calendar ----------------------------------------------------------------------------


def test_series_across_month_ends():

    # Start on Jan 17: round 1 on Jan 31, then every 30 days across a 28-day February.
    dates = due_dates.series_dates(date(2026, 1, 17), 5)
    assert [d.isoformat() for d in dates] == [
        "2026-01-31",
        "2026-03-02",
        "2026-04-01",
        "2026-05-01",
        "2026-05-31",
    ]
    # Leap year: Jan 31 + 30 days is Mar 1 in 2028 (Feb has 29 days).
    leap = due_dates.series_dates(date(2028, 1, 17), 2)
    assert [d.isoformat() for d in leap] == ["2028-01-31", "2028-03-01"]
    # Year end.
    assert due_dates.series_dates(date(2026, 12, 20), 2)[1].isoformat() == "2027-02-02"


def series_times(start: date, count: int, *, tz: str, **delays: int) -> list[datetime]:
    """The UTC times of an on-time schedule's first rounds, sent at 09:00 local time."""
    days = due_dates.series_dates(start, count, **delays)
    return [due_dates.local_to_utc(day, 9, tz) for day in days]


def test_series_keeps_local_hour_across_paris_dst_changes():

    # Rounds at 09:00 Paris: 08:00 UTC in winter (CET), 07:00 UTC in summer (CEST).
    times = series_times(
        date(2026, 2, 1), 3, tz="Europe/Paris", first_delay_days=14, interval_days=30
    )
    assert times == [at(2026, 2, 15, 8), at(2026, 3, 17, 8), at(2026, 4, 16, 7)]
    # Autumn: Oct 25, 2026 is the change back to CET.
    autumn = series_times(date(2026, 9, 10), 3, tz="Europe/Paris")
    assert autumn == [at(2026, 9, 24, 7), at(2026, 10, 24, 7), at(2026, 11, 23, 8)]


def test_local_hour_skipped_or_repeated_by_dst():

    # 02:00 does not exist on 2026-03-29 in Paris: it moves forward to 03:00 CEST = 01:00 UTC.
    assert due_dates.local_to_utc(date(2026, 3, 29), 2, "Europe/Paris") == at(2026, 3, 29, 1)
    # 02:00 happens twice on 2026-10-25: the first one (CEST) = 00:00 UTC.
    assert due_dates.local_to_utc(date(2026, 10, 25), 2, "Europe/Paris") == at(2026, 10, 25, 0)


def test_same_schedule_in_other_time_zones():

    ny = series_times(date(2026, 3, 1), 1, tz="America/New_York")
    tokyo = series_times(date(2026, 3, 1), 1, tz="Asia/Tokyo")
    # Mar 15, 2026 09:00: New York is already on EDT (since Mar 8), Tokyo has no DST.
    assert ny == [at(2026, 3, 15, 13)]
    assert tokyo == [at(2026, 3, 15, 0)]


def test_reminder_is_three_local_days_later_across_dst(session, world):
    setup_schedule(session, world)
    schedule = session.exec(select(FeedbackSchedule)).one()
    # Sent Friday 2026-03-27 09:00 Paris (08:00 UTC); DST starts on Sunday 29th.
    remind = due_dates.reminder_due_at(schedule, at(2026, 3, 27, 8))
    assert remind == at(2026, 3, 30, 7)  # Monday 09:00 CEST, 71 hours later
    # Sent late in the evening: the reminder still goes out at the sending hour.
    assert due_dates.reminder_due_at(schedule, at(2026, 1, 20, 21, 30)) == at(2026, 1, 23, 8)


# --- rounds and reminders ----------------------------------------------------------------


def test_rounds_follow_the_series_exactly_once(session, world):
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    assert feedback.enqueue_due(session, now=ROUND1 - timedelta(minutes=1)).requests == 0
    report = feedback.enqueue_due(session, now=ROUND1)
    assert (report.rounds, report.requests) == (1, 2)
    again = feedback.enqueue_due(session, now=ROUND1 + timedelta(minutes=5))
    assert (again.rounds, again.requests) == (0, 0)
    requests = requests_of(session)
    assert [(r.sequence, r.email.split(".")[0]) for r in requests] == [
        (1, "client"),
        (1, "boss@client"),
    ]
    assert requests[0].expires_at == ROUND1 + timedelta(days=30)
    assert requests[0].reminder_due_at == at(2026, 1, 22, 8)
    mails = outbox_rows(session, "feedback_request")
    assert [m.dedup_key for m in mails] == [
        f"feedback:{requests[0].schedule_id}:1:{requests[0].contact_id}:request",
        f"feedback:{requests[1].schedule_id}:1:{requests[1].contact_id}:request",
    ]
    # The stored hash matches the token in the link, and the token itself is stored nowhere else.
    assert hash_token(token_of(mails[0])) == requests[0].token_hash
    assert token_of(mails[0]) not in requests[0].token_hash
    assert token_of(mails[0]) in mails[0].body
    # Languages: the client's account says English, the extra email was added in French.
    assert "how is Website going" in mails[0].subject
    assert "comment se passe Website" in mails[1].subject
    view = feedback.get_schedule(session, world.manager, project_id=world.project.id)
    assert shown_next_due(view) == "18 Feb 2026, 09:00"
    round2 = at(2026, 2, 18, 8)
    assert feedback.enqueue_due(session, now=round2 - timedelta(seconds=1)).requests == 0
    assert feedback.enqueue_due(session, now=round2).requests == 2
    assert sorted({r.sequence for r in requests_of(session)}) == [1, 2]


def test_late_round_restarts_the_rhythm_and_sends_one_round_only(session, world):
    setup_schedule(session, world)
    # The job did not run for 100 days: one round only, then 30 days from the day it was sent.
    late = ROUND1 + timedelta(days=100, hours=3)
    assert feedback.enqueue_due(session, now=late).requests == 1
    assert feedback.enqueue_due(session, now=late + timedelta(hours=1)).requests == 0
    view = feedback.get_schedule(session, world.manager, project_id=world.project.id)
    assert shown_next_due(view) == "29 May 2026, 09:00"  # Apr 29 + 30 days, 09:00 CEST


def test_changing_start_date_before_round_one_moves_it(session, world):

    setup_schedule(session, world)
    world.project.start_date = date(2026, 2, 20)
    session.add(world.project)
    session.commit()
    view = feedback.get_schedule(session, world.manager, project_id=world.project.id)
    assert shown_next_due(view) == "6 Mar 2026, 09:00"
    assert feedback.enqueue_due(session, now=ROUND1).requests == 0


def test_pause_stops_rounds_and_reminders_resume_sends_missed_round(session, world):
    setup_schedule(session, world)
    feedback.enqueue_due(session, now=ROUND1)
    paused = feedback.set_paused(session, world.manager, project_id=world.project.id, paused=True)
    assert paused.status == "paused" and paused.next_due_at is None
    report = feedback.enqueue_due(session, now=at(2026, 2, 20, 8))
    assert (report.requests, report.reminders) == (0, 0)
    resumed = feedback.set_paused(
        session, world.manager, project_id=world.project.id, paused=False, now=at(2026, 3, 1)
    )
    assert resumed.status == "active"
    report = feedback.enqueue_due(session, now=at(2026, 3, 1, 10))
    # Round 2 (due Feb 18) is sent now; round 1's reminder stays cancelled by the newer round.
    assert (report.requests, report.reminders) == (1, 0)
    view = feedback.get_schedule(session, world.manager, project_id=world.project.id)
    assert shown_next_due(view) == "31 Mar 2026, 09:00"


def test_send_now_restarts_rhythm_and_refuses_double_click(session, world):
    setup_schedule(session, world)
    pid = world.project.id
    now = at(2026, 1, 10, 14, 30)
    assert feedback.send_now(session, world.manager, project_id=pid, now=now) == 1
    with pytest.raises(Conflict):
        feedback.send_now(session, world.manager, project_id=pid, now=now + timedelta(minutes=2))
    view = feedback.get_schedule(session, world.manager, project_id=pid)
    assert view.rounds_sent == 1
    assert shown_next_due(view) == "9 Feb 2026, 09:00"
    assert feedback.enqueue_due(session, now=ROUND1).requests == 0  # the Jan 19 date is replaced
    assert requests_of(session)[0].manual is True
    listed = feedback.list_requests(session, world.manager, project_id=pid, now=now)
    assert [(r.sequence, r.status, r.manual) for r in listed] == [(1, "pending", True)]


def test_send_now_without_contacts_or_schedule(session, world):
    pid = world.project.id
    with pytest.raises(ValidationError) as err:
        feedback.send_now(session, world.manager, project_id=pid)
    assert err.value.code == "feedback.no_schedule"
    setup_schedule(session, world, client=False)
    with pytest.raises(ValidationError) as err:
        feedback.send_now(session, world.manager, project_id=pid)
    assert err.value.code == "feedback.no_contacts"
    assert feedback.enqueue_due(session, now=ROUND1).requests == 0


def test_reminder_once_after_three_days_if_unanswered(session, world):
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    feedback.enqueue_due(session, now=ROUND1)
    client_token = token_of(outbox_rows(session, "feedback_request")[0])
    answer(session, client_token, now=ROUND1 + timedelta(days=1))
    remind_at = at(2026, 1, 22, 8)
    assert feedback.enqueue_due(session, now=remind_at - timedelta(minutes=1)).reminders == 0
    assert feedback.enqueue_due(session, now=remind_at).reminders == 1
    assert feedback.enqueue_due(session, now=remind_at + timedelta(days=1)).reminders == 0
    reminders = outbox_rows(session, "feedback_reminder")
    assert [m.to_email for m in reminders] == ["boss@client.example"]
    first = outbox_rows(session, "feedback_request")[1]
    assert reminders[0].link == first.link and first.link in reminders[0].body
    request = requests_of(session)[1]
    assert reminders[0].dedup_key == (
        f"feedback:{request.schedule_id}:1:{request.contact_id}:reminder"
    )
    assert "Rappel" in reminders[0].subject


def test_removed_contact_gets_no_reminder_nor_next_round(session, world):
    view = setup_schedule(session, world, extra_emails=["boss@client.example"])
    feedback.enqueue_due(session, now=ROUND1)
    boss = next(c for c in view.contacts if c.user_id is None)
    feedback.remove_contact(session, world.manager, project_id=world.project.id, contact_id=boss.id)
    assert feedback.enqueue_due(session, now=at(2026, 1, 22, 8)).reminders == 1
    assert feedback.enqueue_due(session, now=at(2026, 2, 18, 8)).requests == 1


def test_client_removed_from_project_is_not_asked(session, world):
    setup_schedule(session, world)
    member = session.exec(
        select(ProjectMember).where(ProjectMember.user_id == world.client.user_id)
    ).one()
    session.delete(member)
    session.commit()
    assert feedback.enqueue_due(session, now=ROUND1).requests == 0


def test_two_runners_claim_each_round_and_reminder_once(session, world, engine, monkeypatch):
    """Both runners read the due schedule before either writes; only one sends."""
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    barrier = threading.Barrier(2, timeout=20)
    original = sending.recipients
    original_due = sending._due_reminder_ids

    def racing_recipients(*args, **kwargs):
        people = original(*args, **kwargs)
        barrier.wait()
        return people

    def racing_due(*args, **kwargs):
        ids = original_due(*args, **kwargs)
        if ids:
            barrier.wait()
        return ids

    monkeypatch.setattr(sending, "recipients", racing_recipients)
    monkeypatch.setattr(sending, "_due_reminder_ids", racing_due)

    def run_twice(now):
        reports, errors = [], []

        def runner():
            try:
                with Session(engine, expire_on_commit=False) as own:
                    reports.append(sending.enqueue_due(own, now=now))
            except Exception as exc:  # pragma: no cover - shown by the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=runner) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        return reports

    reports = run_twice(ROUND1)
    assert sorted(r.requests for r in reports) == [0, 2]
    assert all(r.errors == () for r in reports)
    reports = run_twice(at(2026, 1, 22, 8))
    # Reminders are claimed one by one: the runners may share them, never both send one.
    assert sum(r.reminders for r in reports) == 2
    assert len(requests_of(session)) == 2
    assert len(outbox_rows(session, "feedback_request")) == 2
    assert len(outbox_rows(session, "feedback_reminder")) == 2


# --- the public form --------------------------------------------------------------------


def first_token(session, world, **kwargs) -> str:
    setup_schedule(session, world, **kwargs)
    feedback.enqueue_due(session, now=ROUND1)
    return token_of(outbox_rows(session, "feedback_request")[0])


def test_open_form_states(session, world):
    token = first_token(session, world)
    view = feedback.open_form(session, token=token, now=ROUND1 + timedelta(hours=1))
    assert (view.status, view.project_name, view.collective_name) == ("open", "Website", "Atelier")
    assert view.locale == "en"
    assert view.expires_on == date(2026, 2, 18)
    assert 7 not in view.scores and len(view.scores) == 10
    assert feedback.open_form(session, token=token, now=ROUND1 + timedelta(days=30)).status == (
        "expired"
    )
    unknown = feedback.open_form(session, token="nope", fallback_locale="fr-FR")
    assert (unknown.status, unknown.locale, unknown.project_name) == ("unknown", "fr", "")
    for junk in ("", None, 42, "é" * 10, "x" * 500):
        assert feedback.open_form(session, token=junk).status == "unknown"
    answer(session, token, now=ROUND1 + timedelta(days=2))
    assert feedback.open_form(session, token=token, now=ROUND1 + timedelta(days=40)).status == (
        "answered"
    )


def test_recipient_locale_follows_contact(session, world):
    setup_schedule(session, world, client=False, extra_emails=["boss@client.example"])
    feedback.enqueue_due(session, now=ROUND1)
    token = token_of(outbox_rows(session, "feedback_request")[0])
    assert feedback.open_form(session, token=token, now=ROUND1).locale == "fr"


def test_submit_answer_stores_clean_fields(session, world):
    token = first_token(session, world)
    result = answer(
        session,
        token,
        score="9",
        ranking="top1",
        appreciated=["  Speed ", "", "Kindness\r\nand care", None],
        improvements="Invoices",
        comment="Bravo\x00!",
        now=ROUND1 + timedelta(days=1),
    )
    assert (result.locale, result.project_name) == ("en", "Website")
    stored = session.exec(select(FeedbackAnswer)).one()
    assert (stored.appreciated_1, stored.appreciated_2, stored.appreciated_3) == (
        "Speed",
        "Kindness\nand care",
        "",
    )
    assert (stored.improve_1, stored.comment, stored.score, stored.needs_call) == (
        "Invoices",
        "Bravo!",
        9,
        False,
    )
    assert requests_of(session)[0].answered_at == ROUND1 + timedelta(days=1)


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"score": None}, "feedback.score_required", "score"),
        ({"score": ""}, "feedback.score_required", "score"),
        ({"score": 7}, "feedback.score_seven", "score"),
        ({"score": "7"}, "feedback.score_seven", "score"),
        ({"score": 11}, "feedback.score_invalid", "score"),
        ({"score": -1}, "feedback.score_invalid", "score"),
        ({"score": 8.5}, "feedback.score_invalid", "score"),
        ({"score": True}, "feedback.score_invalid", "score"),
        ({"score": "nine"}, "feedback.score_invalid", "score"),
        ({"ranking": ""}, "feedback.ranking_required", "ranking"),
        ({"ranking": "top5"}, "feedback.ranking_invalid", "ranking"),
        ({"appreciated": ["x" * 1001]}, "feedback.text_too_long", "appreciated_1"),
        ({"improvements": ["ok", "y" * 1001]}, "feedback.text_too_long", "improvements_2"),
        ({"comment": "z" * 1001}, "feedback.text_too_long", "comment"),
        ({"appreciated": ["a", "b", "c", "d"]}, "feedback.too_many_items", "appreciated"),
        ({"comment": 12}, "feedback.text_invalid", "comment"),
    ],
)
def test_submit_validation(session, world, fields, code, field):
    token = first_token(session, world)
    values = {"score": 9, "ranking": "top10", **fields}
    with pytest.raises(ValidationError) as err:
        feedback.submit_answer(session, token=token, now=ROUND1, **values)
    assert (err.value.code, err.value.field) == (code, field)
    assert session.exec(select(FeedbackAnswer)).all() == []
    # The link is still usable after a validation error.
    answer(session, token, comment="w" * 1000, appreciated=["v" * 1000] * 3)


def test_seven_message_explains_why_in_both_languages():
    from collab_app.i18n import translate

    assert "neutral" in translate("feedback.score_seven", "en")
    assert "neutre" in translate("feedback.score_seven", "fr")
    assert "neutral" in translate("feedback.score_help", "en")


def test_second_submission_keeps_first_answer(session, world):
    token = first_token(session, world)
    answer(session, token, score=10, ranking="top1", comment="first")
    with pytest.raises(Conflict) as err:
        answer(session, token, score=2, ranking="bottom50", comment="second")
    assert err.value.code == "feedback.already_answered"
    stored = session.exec(select(FeedbackAnswer)).all()
    assert [(a.score, a.comment) for a in stored] == [(10, "first")]


def test_expired_and_unknown_links(session, world):
    token = first_token(session, world)
    with pytest.raises(ValidationError) as err:
        answer(session, token, now=ROUND1 + timedelta(days=30))
    assert err.value.code == "feedback.link_expired"
    # One second before expiry still works.
    answer(session, token, now=ROUND1 + timedelta(days=30) - timedelta(seconds=1))
    for bad in ("unknown-token", "", None, "a" * 300):
        with pytest.raises(NotFound) as err:
            answer(session, bad)
        assert err.value.code == "feedback.link_unknown"


def test_expired_link_beats_validation_errors(session, world):
    token = first_token(session, world)
    with pytest.raises(ValidationError) as err:
        answer(session, token, score=7, now=ROUND1 + timedelta(days=31))
    assert err.value.code == "feedback.link_expired"


def test_concurrent_submissions_of_one_link(session, world, engine):
    token = first_token(session, world)
    barrier = threading.Barrier(2, timeout=20)
    outcomes = []

    def submit(score):
        with Session(engine, expire_on_commit=False) as own:
            barrier.wait()
            try:
                answer(own, token, score=score)
                outcomes.append("ok")
            except Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=submit, args=(s,)) for s in (10, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["conflict", "ok"]
    assert len(session.exec(select(FeedbackAnswer)).all()) == 1


# --- messages -----------------------------------------------------------------------------


def test_feedback_messages_have_both_languages_and_same_placeholders():
    assert all(key.startswith("feedback.") for key in messages_of("feedback"))
    merged = catalogue()
    for key, (english, french) in messages_of("feedback").items():
        assert merged[key] == (english, french)
        assert english.strip() and french.strip(), key
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", french)), key


def test_every_feedback_key_used_in_code_exists():
    from pathlib import Path

    root = Path(feedback.__file__).parent
    used = set()
    for path in root.glob("*.py"):
        used |= set(re.findall(r'"(feedback\.[a-z_.]+)"', path.read_text()))
    assert used, "no keys found"
    assert used - set(messages_of("feedback")) == set()
    for status in feedback.ACTION_STATUSES:
        assert f"feedback.action_status.{status}" in messages_of("feedback")
    for ranking in feedback.RANKINGS:
        assert f"feedback.ranking.{ranking}" in messages_of("feedback")


def test_factories_user_defaults_are_what_these_tests_expect(session):
    viewer = factories.make_user(session, "Zed")
    assert viewer.locale == "en"
