"""``permissions.readers``: who of a project may read a task and comment, in one query.

Checked against the per-person rule (``require_task`` / ``require_comment``), which is what
each of those people would get when opening the task.
"""

from __future__ import annotations

import pytest

from collab_app.services import board, permissions
from collab_app.services.board import comments
from collab_app.services.errors import NotFound
from collab_app.services.notifications.recipients import project_roles
from testkit import factories
from tests.unit.board.support import QueryCounter, card, make_board

PEOPLE = ("owner", "manager", "member", "guest", "client")


def _may(check) -> bool:
    try:
        check()
    except NotFound:
        return False
    return True


@pytest.fixture
def b(session, world):
    return make_board(session, world)


def _roles(session, world) -> dict[int, str]:
    ids = [getattr(world, who).user_id for who in PEOPLE]
    return project_roles(session, world.project.id, ids)


@pytest.mark.parametrize("which", ["shared", "hidden", "watched", "team_only"])
def test_task_readers_are_who_the_task_rule_lets_in(session, world, b, which):
    task_id = getattr(b, which).id
    expected = {
        getattr(world, who).user_id
        for who in PEOPLE
        if _may(lambda who=who: permissions.require_task(session, getattr(world, who), task_id))
    }
    assert permissions.readers(session, roles=_roles(session, world), task_id=task_id) == expected
    # The guest sees exactly the tasks assigned to or watched by them.
    assert (world.guest.user_id in expected) == (which in ("shared", "watched"))


@pytest.mark.parametrize("visibility", ["internal", "client"])
def test_comment_readers_are_who_the_comment_rule_lets_in(session, world, b, visibility):
    comment = comments.add_comment(
        session, world.member, task_id=b.shared.id, body="Note", visibility=visibility
    )
    expected = {
        getattr(world, who).user_id
        for who in PEOPLE
        if _may(
            lambda who=who: permissions.require_comment(session, getattr(world, who), comment.id)
        )
    }
    found = permissions.readers(
        session, roles=_roles(session, world), task_id=b.shared.id, comment_id=comment.id
    )
    assert found == expected
    assert (world.client.user_id in found) == (visibility == "client")


def test_a_deleted_task_has_no_readers(session, world, b):
    board.delete_task(session, world.manager, task_id=b.shared.id)
    assert permissions.readers(session, roles=_roles(session, world), task_id=b.shared.id) == set()


def test_no_condition_keeps_everyone_and_no_one_gives_no_one(session, world, b):
    roles = _roles(session, world)
    assert permissions.readers(session, roles=roles) == set(roles)
    assert permissions.readers(session, roles={}, task_id=b.shared.id) == set()


def test_one_query_however_many_guests(session, world, b):
    guests = []
    for index in range(12):
        person = factories.make_user(session, f"Guest {index}")
        factories.add_project_member(session, world.project, person, "guest")
        guests.append(person)
    board.set_watchers(
        session,
        world.manager,
        task_id=b.watched.id,
        user_ids=[world.guest.user_id, guests[3].user_id],
        expected_version=card(session, world.manager, b.watched.id).version,
    )
    roles = project_roles(
        session, world.project.id, [world.member.user_id, *(g.user_id for g in guests)]
    )
    with QueryCounter(session) as counter:
        found = permissions.readers(session, roles=roles, task_id=b.watched.id)
    assert counter.count == 1
    assert found == {world.member.user_id, guests[3].user_id}
