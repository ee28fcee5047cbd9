import pytest

from collab_app.services import permissions, projects
from collab_app.services.errors import NotFound, PermissionDenied

ROLES = ["owner", "manager", "member", "guest", "client", "outsider"]
EXPECTED_ROLE = {
    "owner": "manager",  # collective owner manages every project of the collective
    "manager": "manager",
    "member": "member",
    "guest": "guest",
    "client": "client",
    "outsider": None,
}


@pytest.mark.parametrize("who", ROLES)
def test_effective_project_role(session, world, who):
    viewer = getattr(world, who)
    if EXPECTED_ROLE[who] is None:
        with pytest.raises(NotFound):
            permissions.require_project(session, viewer, world.project.id)
    else:
        assert (
            permissions.require_project(session, viewer, world.project.id).role
            == EXPECTED_ROLE[who]
        )


@pytest.mark.parametrize("who", ROLES)
def test_listing_shows_only_own_projects(session, world, who):
    listed = {p.name for p in projects.list_projects(session, getattr(world, who))}
    expected = {"Website"} if EXPECTED_ROLE[who] else {"Secret"}
    assert listed == expected


@pytest.mark.parametrize("who", ["manager", "member", "guest", "client"])
def test_other_collectives_project_is_not_found(session, world, who):
    with pytest.raises(NotFound):
        projects.get_project(session, getattr(world, who), project_id=world.other_project.id)


@pytest.mark.parametrize("raw", ["abc", -1, 0, 10**30, None, [1], {"id": 1}, True, "1 ", "١"])
def test_garbage_ids_are_not_found(session, world, raw):
    with pytest.raises(NotFound):
        permissions.require_project(session, world.owner, raw)


def test_string_id_is_accepted(session, world):
    assert permissions.require_project(session, world.manager, str(world.project.id)).is_manager


@pytest.mark.parametrize(
    "who,allowed",
    [("owner", True), ("manager", True), ("member", False), ("guest", False), ("client", False)],
)
def test_only_managers_see_the_quote(session, world, who, allowed):
    detail = projects.get_project(session, getattr(world, who), project_id=world.project.id)
    assert (detail.quote != "") is allowed
    assert ("12,000.00" in detail.quote) is allowed


@pytest.mark.parametrize("who", ["member", "guest", "client"])
def test_non_managers_cannot_invite_or_edit(session, world, who):
    viewer = getattr(world, who)
    with pytest.raises(PermissionDenied):
        projects.invite(
            session, viewer, project_id=world.project.id, email="x@example.org", role="client"
        )
    data = projects.validate_input(
        name="X",
        client_name="Y",
        start_date="2026-01-01",
        quote="1",
        included_rounds="1",
        billing_model="time",
    )
    with pytest.raises(PermissionDenied):
        projects.update_project(session, viewer, project_id=world.project.id, data=data)


def test_member_emails_visible_to_managers_only(session, world):
    as_manager = projects.list_members(session, world.manager, project_id=world.project.id)
    as_client = projects.list_members(session, world.client, project_id=world.project.id)
    assert all(m.email for m in as_manager)
    assert not any(m.email for m in as_client)
    assert [m.role for m in as_manager] == ["manager", "member", "guest", "client"]
