"""The live watcher's batch checks: several people's project access in one query, reused once.

``project_accesses`` must give each person exactly what ``require_project`` gives them, and a
session primed with ``reuse_checks`` must answer ``require_project`` from those accesses only:
for the primed viewer and project, with the asked roles still enforced.
"""

from __future__ import annotations

import pytest
from sqlmodel import Session

from collab_app.services import permissions
from collab_app.services.errors import NotFound, PermissionDenied
from testkit import factories
from tests.unit.board.support import QueryCounter

PEOPLE = ("owner", "manager", "member", "guest", "client", "outsider")


def _role_or_none(session, viewer, project_id) -> str | None:
    try:
        return permissions.require_project(session, viewer, project_id).role
    except NotFound:
        return None


def test_each_persons_access_is_what_require_project_gives_them(session, world):
    people = {who: getattr(world, who) for who in PEOPLE}
    for project in (world.project, world.other_project):
        expected = {
            viewer.user_id: role
            for viewer in people.values()
            if (role := _role_or_none(session, viewer, project.id)) is not None
        }
        found = permissions.project_accesses(
            session, project_id=project.id, user_ids={v.user_id for v in people.values()}
        )
        assert {user_id: access.role for user_id, access in found.items()} == expected
        assert all(access.project.id == project.id for access in found.values())
    # Everyone but the outsider is on the project; the outsider only on the other one.
    assert len(expected) == 1 and world.outsider.user_id in expected


def test_more_people_cost_no_more_queries(session, world):
    ids = {getattr(world, who).user_id for who in PEOPLE}
    with QueryCounter(session) as few:
        permissions.project_accesses(session, project_id=world.project.id, user_ids=ids)
    for n in range(12):
        guest = factories.make_user(session, f"Guest {n}")
        factories.add_project_member(session, world.project, guest, "guest")
        ids.add(guest.user_id)
    with QueryCounter(session) as many:
        found = permissions.project_accesses(session, project_id=world.project.id, user_ids=ids)
    assert few.count == many.count == 1
    assert len(found) == 5 + 12
    assert permissions.project_accesses(session, project_id=world.project.id, user_ids=()) == {}


def test_a_primed_session_answers_from_the_check_and_still_enforces_roles(engine, world):
    # The watcher's own session, closed before the refresh opens its own.
    with Session(engine, expire_on_commit=False) as watcher:
        checked = permissions.project_accesses(
            watcher, project_id=world.project.id, user_ids={world.member.user_id}
        )
    with Session(engine) as refresh:
        with QueryCounter(refresh) as counter:
            permissions.reuse_checks(refresh, world.member, checked.values())
            access = permissions.require_project(refresh, world.member, world.project.id)
            assert access.role == checked[world.member.user_id].role
            assert access.project.id == world.project.id
            # Its own copy of the project row, in this session.
            assert access.project in refresh
            assert permissions.role_already_checked(refresh, world.member, world.project.id)
            with pytest.raises(PermissionDenied):
                permissions.require_project(
                    refresh, world.member, world.project.id, roles=permissions.MANAGER_ROLES
                )
        assert counter.count == 0
        # Another project, or another person, is checked as always.
        with pytest.raises(NotFound):
            permissions.require_project(refresh, world.member, world.other_project.id)
        with pytest.raises(NotFound):
            permissions.require_project(refresh, world.outsider, world.project.id)
        with QueryCounter(refresh) as counter:
            assert permissions.require_project(refresh, world.guest, world.project.id)
        assert counter.count == 1
    # Nothing is kept beyond the primed session.
    with Session(engine) as later, QueryCounter(later) as counter:
        permissions.require_project(later, world.member, world.project.id)
    assert counter.count == 1
