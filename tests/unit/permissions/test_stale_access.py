"""Access that must not outlive its reason (issue #15, findings 1-3).

- A viewer's own time entries name a task only while the viewer may still see it.
- A WIP prompt never tells a viewer more about a column than their own board shows.
- Leaving a collective, or a lower role on a project, takes the data away at once: the roles
  derived from the membership go in the same transaction and every open screen of the affected
  projects is told to re-read (its project's change version moves).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from collab_app.models import ProjectMember
from collab_app.services import board, permissions, projects, time_tracking
from collab_app.services.accounts import collectives, invitations
from collab_app.services.billing import exports
from collab_app.services.errors import NotFound
from testkit import factories
from tests.unit.board.support import change_version, make_board

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PERIOD = {"start": "2026-02-01", "end": "2026-02-28"}


def _criteria(world) -> time_tracking.ReportCriteria:
    """February on the world's project."""
    return time_tracking.ReportCriteria(project_id=world.project.id, **PERIOD)


@pytest.fixture
def b(session, world):
    return make_board(session, world)


def _guest_logs_on_shared_task(session, world, b) -> None:
    time_tracking.log_time(
        session,
        world.guest,
        project_id=world.project.id,
        work_date="2026-02-10",
        duration="2",
        task_id=b.shared.id,
        now=NOW,
    )


def _guest_titles(session, world, locale="en") -> dict[str, list[str]]:
    """Every place the guest's own entries show a task title."""
    report = time_tracking.time_report(
        session, world.guest, criteria=_criteria(world), locale=locale
    )
    recent = time_tracking.recent_entries(
        session, world.guest, project_id=world.project.id, locale=locale
    )
    _, csv_bytes = exports.time_csv(session, world.guest, criteria=_criteria(world), locale=locale)
    return {
        "report": [e.task_title for e in report.entries],
        "recent": [e.task_title for e in recent],
        "csv": [csv_bytes.decode("utf-8-sig")],
    }


def test_own_entry_names_the_task_while_it_is_visible(session, world, b):
    _guest_logs_on_shared_task(session, world, b)
    titles = _guest_titles(session, world)
    assert titles["report"] == ["Shared homepage"]
    assert titles["recent"] == ["Shared homepage"]
    assert "Shared homepage" in titles["csv"][0]


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_own_entry_hides_a_task_the_guest_lost(session, world, b, locale):
    _guest_logs_on_shared_task(session, world, b)
    card = board.set_assignees(
        session, world.manager, task_id=b.shared.id, user_ids=[], expected_version=b.shared.version
    )
    board.update_task(
        session,
        world.manager,
        task_id=b.shared.id,
        expected_version=card.version,
        fields=board.TaskFields(title="Renamed after unassigning"),
    )
    placeholder = time_tracking.hidden_task_label(locale)
    titles = _guest_titles(session, world, locale)
    assert titles["report"] == [placeholder]
    assert titles["recent"] == [placeholder]
    assert "Renamed" not in titles["csv"][0] and "Shared homepage" not in titles["csv"][0]
    assert placeholder in titles["csv"][0]
    # The manager, who still sees the task, reads its current title on the same entry.
    report = time_tracking.time_report(session, world.manager, criteria=_criteria(world))
    assert [e.task_title for e in report.entries] == ["Renamed after unassigning"]


def test_own_entry_hides_a_deleted_task(session, world, b):
    _guest_logs_on_shared_task(session, world, b)
    board.delete_task(session, world.manager, task_id=b.shared.id)
    placeholder = time_tracking.hidden_task_label("en")
    assert _guest_titles(session, world)["report"] == [placeholder]
    report = time_tracking.time_report(session, world.manager, criteria=_criteria(world))
    assert [e.task_title for e in report.entries] == [placeholder]


def test_placeholder_is_translated():
    assert time_tracking.hidden_task_label("en") != time_tracking.hidden_task_label("fr")


# --- Finding 2: WIP prompts ------------------------------------------------------------------


def test_guest_move_into_a_full_column_reveals_nothing(session, world, b):
    """The column holds cards the guest does not see: no count, no limit, no prompt."""
    board.set_wip_limit(session, world.manager, column_id=b.review, wip_limit=1)
    watched = board.load_board(session, world.guest, project_id=world.project.id)
    card = next(c for col in watched.columns for c in col.cards if c.id == b.watched.id)
    moved = board.move_task(
        session,
        world.guest,
        task_id=b.watched.id,
        column_id=b.review,
        index=0,
        expected_version=card.version,
    )
    assert moved is not None and moved.column_id == b.review


def test_team_still_gets_the_wip_prompt(session, world, b):
    board.set_wip_limit(session, world.manager, column_id=b.review, wip_limit=1)
    with pytest.raises(board.WipLimitReached) as raised:
        board.move_task(
            session,
            world.member,
            task_id=b.shared.id,
            column_id=b.review,
            index=0,
            expected_version=b.shared.version,
        )
    assert raised.value.params["count"] == 1 and raised.value.params["limit"] == 1


# --- Finding 3: collective removal and role changes ------------------------------------------


def test_collective_removal_takes_every_project_role(session, world, b):
    second = factories.make_project(session, world.collective, "Second")
    factories.add_project_member(session, second, world.manager, "manager")
    other_collective_project = world.other_project
    factories.add_project_member(session, other_collective_project, world.manager, "guest")
    before = {p: change_version(session, p) for p in (world.project.id, second.id)}
    collectives.remove_member(
        session, world.owner, collective_id=world.collective.id, user_id=world.manager.user_id
    )
    for project in (world.project, second):
        with pytest.raises(NotFound):
            permissions.require_project(session, world.manager, project.id)
        with pytest.raises(NotFound):
            board.load_board(session, world.manager, project_id=project.id)
    # Every open screen of those projects re-reads through the permission rule.
    assert all(change_version(session, p) > v for p, v in before.items())
    # A role in another collective's project is not derived from this membership.
    assert (
        permissions.require_project(session, world.manager, other_collective_project.id).role
        == "guest"
    )
    remaining = session.exec(
        select(ProjectMember.project_id).where(ProjectMember.user_id == world.manager.user_id)
    ).all()
    assert list(remaining) == [other_collective_project.id]


def test_removing_a_collective_admin_refreshes_every_project(session, world, b):
    admin = factories.make_user(session, "Admin")
    factories.add_collective_member(session, world.collective, admin, "admin")
    assert permissions.require_project(session, admin, world.project.id).is_manager
    before = change_version(session, world.project.id)
    collectives.remove_member(
        session, world.owner, collective_id=world.collective.id, user_id=admin.user_id
    )
    with pytest.raises(NotFound):
        permissions.require_project(session, admin, world.project.id)
    assert change_version(session, world.project.id) > before


def _invite_and_accept(session, world, person, role: str) -> None:
    created = projects.invite(
        session, world.manager, project_id=world.project.id, email=person.email, role=role
    )
    # Accept with the link's own token (the created link ends with it).
    token = created.link.rsplit("/", 1)[-1]
    invitations.accept(session, person, token=token)


@pytest.mark.parametrize(
    "who,new_role", [("member", "guest"), ("guest", "client"), ("member", "client")]
)
def test_lower_role_through_an_invitation_refreshes_open_screens(session, world, b, who, new_role):
    person = getattr(world, who)
    before = change_version(session, world.project.id)
    _invite_and_accept(session, world, person, new_role)
    assert permissions.require_project(session, person, world.project.id).role == new_role
    assert change_version(session, world.project.id) > before


def test_manager_to_member_refreshes_open_screens(session, world, b):
    before = change_version(session, world.project.id)
    projects.add_collective_member(
        session,
        world.owner,
        project_id=world.project.id,
        user_id=world.manager.user_id,
        role="member",
    )
    access = permissions.require_project(session, world.manager, world.project.id)
    assert access.role == "member" and not access.can_see_project_money
    assert change_version(session, world.project.id) > before
