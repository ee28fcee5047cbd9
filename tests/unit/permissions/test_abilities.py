"""The abilities view pages read, and the role a page's load already checked."""

import pytest

from collab_app.services import permissions
from collab_app.services.errors import NotFound

# What each project role may see and do on its pages (the services check again).
EXPECTED = {
    "manager": {
        "is_manager", "is_team", "can_edit_tasks", "can_move_tasks", "can_manage_board",
        "can_preview_as_client", "can_log_time", "can_see_shares", "can_see_project_money",
        "can_see_internals", "can_see_prices", "can_see_revision_messages", "can_see_feedback",
        "can_manage_feedback", "can_upload_files", "can_manage_files", "can_manage_trash",
        "can_see_reviews", "can_manage_reviews",
    },
    "member": {
        "is_team", "can_edit_tasks", "can_move_tasks", "can_log_time", "can_see_shares",
        "can_see_internals", "can_see_prices", "can_see_revision_messages", "can_see_feedback",
        "can_upload_files", "can_manage_files", "can_see_reviews",
    },
    "guest": {"is_guest", "can_move_tasks", "can_log_time", "can_see_shares", "can_upload_files"},
    "client": {
        "is_client", "can_see_prices", "can_see_revision_messages", "can_upload_files",
        "can_see_reviews", "can_decide_reviews",
    },
    "": set(),
}  # fmt: skip


@pytest.mark.parametrize("role", list(EXPECTED))
def test_abilities_of_each_role(role):
    abilities = permissions.abilities_for(role)
    granted = {
        name
        for name in permissions.Abilities.__dataclass_fields__
        if name != "role" and getattr(abilities, name)
    }
    assert granted == EXPECTED[role]
    assert abilities.role == role


def test_no_role_may_do_nothing():
    assert permissions.abilities_for("") == permissions.NO_ABILITIES
    assert permissions.abilities_for("owner") == permissions.Abilities(role="owner")


def test_access_predicates_follow_the_abilities(session, world):
    access = permissions.require_project(session, world.guest, world.project.id)
    assert access.abilities == permissions.abilities_for("guest")
    assert permissions.can_move_task(access) and not permissions.can_edit_task(access)
    assert not permissions.can_see_revision_prices(access)


def test_the_role_a_load_checked_is_remembered_in_its_session(session, world):
    pid = world.project.id
    assert permissions.role_already_checked(session, world.member, str(pid)) is None
    permissions.require_project(session, world.member, pid)
    assert permissions.role_already_checked(session, world.member, str(pid)) == "member"
    assert permissions.role_already_checked(session, world.client, pid) is None
    with pytest.raises(NotFound):
        permissions.role_already_checked(session, world.member, "not an id")


@pytest.mark.parametrize(
    "viewer_role,target,allowed",
    [
        ("owner", "admin", True),
        ("owner", "member", True),
        ("owner", "owner", False),
        ("admin", "member", True),
        ("admin", "admin", False),
        ("admin", "owner", False),
    ],
)
def test_who_manages_which_collective_role(viewer_role, target, allowed):
    assert permissions.may_manage_collective_role(viewer_role, target) is allowed
