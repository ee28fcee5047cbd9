"""Time entries, durations, the time report per person and project, rates and profiles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from collab_app.models import BoardColumn, Task
from collab_app.services import time_tracking
from collab_app.services.billing import payees, rates
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from testkit import factories

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text,minutes",
    [
        ("1", 60),
        ("1.5", 90),
        ("1,5", 90),
        ("0,25", 15),
        ("1:30", 90),
        ("1h30", 90),
        ("1 h 05", 65),
        ("2h", 120),
        ("90m", 90),
        ("45 min", 45),
        ("24", 1440),
    ],
)
def test_parse_duration(text, minutes):
    assert time_tracking.parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "0", "25", "1:75", "abc", "-1", "1e3", None, [], "0m"])
def test_parse_duration_refuses(text):
    with pytest.raises(ValidationError):
        time_tracking.parse_duration(text)


def _log(session, viewer, project, duration="2", kind="production", day="2026-02-10", **kw):
    return time_tracking.log_time(
        session,
        viewer,
        project_id=project.id,
        work_date=day,
        duration=duration,
        kind=kind,
        now=NOW,
        **kw,
    )


def test_who_may_log_time(session, world):
    for role in ("manager", "member", "guest", "owner"):
        assert _log(session, getattr(world, role), world.project) > 0
    with pytest.raises(PermissionDenied):
        _log(session, world.client, world.project)
    with pytest.raises(NotFound):
        _log(session, world.outsider, world.project)
    with pytest.raises(ValidationError):
        _log(session, world.member, world.project, kind="holiday")
    with pytest.raises(ValidationError):
        _log(session, world.member, world.project, day="2026-03-10")  # in the future
    with pytest.raises(ValidationError):
        _log(session, world.member, world.project, note="x" * 201)


def test_time_on_a_task_must_be_a_visible_task_of_the_project(session, world):

    column = BoardColumn(project_id=world.project.id, name="To do")
    session.add(column)
    session.flush()
    task = Task(project_id=world.project.id, column_id=column.id, title="Hidden", created_by_id=1)
    other_column = BoardColumn(project_id=world.other_project.id, name="To do")
    session.add_all([task, other_column])
    session.flush()
    foreign = Task(
        project_id=world.other_project.id, column_id=other_column.id, title="X", created_by_id=1
    )
    session.add(foreign)
    session.commit()
    assert _log(session, world.member, world.project, task_id=task.id)
    # A guest sees only tasks they are assigned to or watch: this one is not found.
    with pytest.raises(NotFound):
        _log(session, world.guest, world.project, task_id=task.id)
    with pytest.raises(NotFound):
        _log(session, world.member, world.project, task_id=foreign.id)
    options = time_tracking.task_options(session, world.member, project_id=world.project.id)
    assert [o.title for o in options] == ["Hidden"]
    assert time_tracking.task_options(session, world.guest, project_id=world.project.id) == []


def test_report_managers_see_all_members_their_own(session, world):
    _log(session, world.manager, world.project, "3", "management")
    _log(session, world.manager, world.project, "4")
    _log(session, world.member, world.project, "7:30")
    _log(session, world.guest, world.project, "2", day="2026-02-20")
    _log(session, world.member, world.project, "1", day="2026-01-02")  # outside the period

    report = time_tracking.time_report(
        session,
        world.manager,
        criteria=time_tracking.ReportCriteria(
            start="2026-02-01", end="2026-02-28", project_id=world.project.id
        ),
    )
    by_person = {r.user_id: r for r in report.rows}
    assert set(by_person) == {world.manager.user_id, world.member.user_id, world.guest.user_id}
    assert by_person[world.manager.user_id].management_minutes == 180
    assert by_person[world.manager.user_id].production_minutes == 240
    assert by_person[world.member.user_id].total == "7 h 30"
    assert report.total_minutes == 180 + 240 + 450 + 120
    assert len(report.entries) == 4

    mine = time_tracking.time_report(
        session,
        world.member,
        criteria=time_tracking.ReportCriteria(
            start="2026-01-01", end="2026-02-28", project_id=world.project.id
        ),
    )
    assert {r.user_id for r in mine.rows} == {world.member.user_id}
    assert mine.total_minutes == 450 + 60
    assert all(e.user_id == world.member.user_id for e in mine.entries)
    # A member asking for someone else's time gets nothing of it.
    other = time_tracking.time_report(
        session,
        world.member,
        criteria=time_tracking.ReportCriteria(
            start="2026-02-01",
            end="2026-02-28",
            project_id=world.project.id,
            user_id=world.manager.user_id,
        ),
    )
    assert other.rows == ()

    # Across projects: the viewer's own time everywhere, per project.
    _log(session, world.outsider, world.other_project, "5")
    year = time_tracking.ReportCriteria(start="2026-01-01", end="2026-12-31")
    everything = time_tracking.time_report(session, world.member, criteria=year)
    assert {r.project_id for r in everything.rows} == {world.project.id}
    assert time_tracking.time_report(session, world.client, criteria=year).rows == ()
    with pytest.raises(NotFound):
        time_tracking.time_report(
            session,
            world.outsider,
            criteria=time_tracking.ReportCriteria(
                start="2026-01-01", end="2026-12-31", project_id=world.project.id
            ),
        )
    with pytest.raises(ValidationError):
        time_tracking.time_report(
            session,
            world.member,
            criteria=time_tracking.ReportCriteria(start="2026-02-28", end="2026-02-01"),
        )


def test_delete_own_entry_or_as_manager(session, world):
    mine = _log(session, world.member, world.project)
    theirs = _log(session, world.guest, world.project)
    with pytest.raises(NotFound):
        time_tracking.delete_time(session, world.member, entry_id=theirs)
    with pytest.raises(NotFound):
        time_tracking.delete_time(session, world.client, entry_id=mine)
    time_tracking.delete_time(session, world.member, entry_id=mine)
    time_tracking.delete_time(session, world.manager, entry_id=theirs)
    for raw in ("x", -3, None, 10**20, mine):
        with pytest.raises(NotFound):
            time_tracking.delete_time(session, world.manager, entry_id=raw)


def test_rates_default_from_profile_and_project_override(session, world):
    rates.save_profile(
        session, world.member, rate="450", rate_unit="day", vat_exempt=True, vat_rate=""
    )
    pid = world.project.id
    effective = payees.effective_rates(session, pid, {world.member.user_id, world.guest.user_id})
    assert effective[world.member.user_id].rate_cents == 45_000
    assert not effective[world.member.user_id].from_project
    assert effective[world.guest.user_id].rate_cents is None
    rates.set_project_rate(
        session,
        world.manager,
        project_id=pid,
        user_id=world.member.user_id,
        rate="60",
        rate_unit="hour",
        management_rate="80",
    )
    effective = payees.effective_rates(session, pid, {world.member.user_id})
    assert effective[world.member.user_id] == payees.RateInfo(6000, "hour", 8000, 7, True)
    rows = rates.list_rates(session, world.manager, project_id=pid, locale="fr")
    row = next(r for r in rows if r.user_id == world.member.user_id)
    assert (row.rate, row.rate_unit, row.management_rate) == ("60,00", "hour", "80,00")
    # Back to the default.
    rates.set_project_rate(
        session,
        world.manager,
        project_id=pid,
        user_id=world.member.user_id,
        rate="",
        rate_unit="day",
    )
    assert (
        payees.effective_rates(session, pid, {world.member.user_id})[
            world.member.user_id
        ].rate_cents
        == 45_000
    )
    # Only managers read or set project rates; only people paid on the project get one.
    for role in ("member", "guest", "client"):
        with pytest.raises(PermissionDenied):
            rates.list_rates(session, getattr(world, role), project_id=pid)
    with pytest.raises(NotFound):
        rates.set_project_rate(
            session,
            world.manager,
            project_id=pid,
            user_id=world.client.user_id,
            rate="1",
            rate_unit="day",
        )
    with pytest.raises(ValidationError):
        rates.set_project_rate(
            session,
            world.manager,
            project_id=pid,
            user_id=world.member.user_id,
            rate="-5",
            rate_unit="day",
        )


def test_profile_is_personal(session, world):
    stranger = factories.make_user(session, "Stranger")
    rates.save_profile(
        session, stranger, rate="1,200.50", rate_unit="day", vat_exempt=False, vat_rate="5,5"
    )
    view = rates.get_profile(session, stranger, locale="fr")
    assert (view.rate, view.vat_rate, view.vat_exempt) == ("1\u202f200,50", "5,5", False)
    assert rates.get_profile(session, world.member).rate == ""
    with pytest.raises(ValidationError):
        rates.save_profile(
            session, stranger, rate="1", rate_unit="week", vat_exempt=False, vat_rate="20"
        )
    with pytest.raises(ValidationError):
        rates.save_profile(
            session, stranger, rate="1", rate_unit="day", vat_exempt=False, vat_rate="120"
        )
