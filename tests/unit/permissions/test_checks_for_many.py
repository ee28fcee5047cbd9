"""The live task's checks of many tabs at once: the same rule as ``require_project``."""

import pytest
from sqlmodel import Session

from collab_app.services import change_signal, permissions
from collab_app.services.errors import NotFound, PermissionDenied
from testkit import factories
from tests.unit.board.support import QueryCounter

ROLES = ["owner", "manager", "member", "guest", "client", "outsider"]


def _other_project(session, world):
    stranger = factories.make_user(session, "Stranger")
    collective = factories.make_collective(session, stranger, "Elsewhere")
    return factories.make_project(session, collective, "Hidden")


def test_roles_checked_together_are_require_projects(session, world):
    people = [getattr(world, who) for who in ROLES]
    other = _other_project(session, world)
    wanted = {(p.user_id, pid) for p in people for pid in (world.project.id, other.id)}
    checked = permissions.check_projects(session, wanted)
    assert set(checked) == wanted
    for person in people:
        for project_id in (world.project.id, other.id):
            try:
                expected = permissions.require_project(session, person, project_id).role
            except NotFound:
                expected = None
            found = checked[person.user_id, project_id]
            assert (found.role if found else None) == expected
            if found:
                assert found.project.id == project_id
    assert permissions.check_projects(session, set()) == {}
    # Only the pairs asked for: the manager on the other project was not asked about.
    assert permissions.check_projects(session, {(world.member.user_id, world.project.id)}) == {
        (world.member.user_id, world.project.id): checked[world.member.user_id, world.project.id]
    }


@pytest.mark.parametrize("who", ROLES)
def test_require_project_answers_from_the_checks_without_a_query(session, world, who):
    viewer = getattr(world, who)
    checked = permissions.check_projects(session, {(viewer.user_id, world.project.id)})
    with Session(
        session.get_bind(), info=permissions.known_roles(checked, mark=change_signal.changes_mark())
    ) as fresh:
        with QueryCounter(fresh) as counter:
            if who == "outsider":
                with pytest.raises(NotFound):
                    permissions.require_project(fresh, viewer, world.project.id)
            else:
                access = permissions.require_project(fresh, viewer, world.project.id)
                assert access.role == checked[viewer.user_id, world.project.id].role
                assert access.project.name == "Website"
                assert access.project in fresh  # this session's own, usable like a read row
                # What the call allows is still compared with the role.
                if access.role not in permissions.MANAGER_ROLES:
                    with pytest.raises(PermissionDenied):
                        permissions.require_project(
                            fresh, viewer, world.project.id, roles=permissions.MANAGER_ROLES
                        )
            # Garbage ids are refused before any check.
            with pytest.raises(NotFound):
                permissions.require_project(fresh, viewer, "1 OR 1=1")
        assert counter.count == 0


def test_a_project_the_checks_did_not_cover_is_read_as_always(session, world):
    other = _other_project(session, world)
    checked = permissions.check_projects(session, {(world.member.user_id, world.project.id)})
    with Session(
        session.get_bind(), info=permissions.known_roles(checked, mark=change_signal.changes_mark())
    ) as fresh:
        with QueryCounter(fresh) as counter, pytest.raises(NotFound):
            permissions.require_project(fresh, world.member, other.id)
        assert counter.count == 1
