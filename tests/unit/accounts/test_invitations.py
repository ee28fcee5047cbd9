from datetime import timedelta

import pytest
from sqlmodel import select

from collab_app.models import CollectiveMember, OutboxMessage, ProjectMember
from collab_app.services import clock, projects
from collab_app.services.accounts import collectives, invitations
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.mail import outbox
from testkit.factories import make_user


def _token(link: str) -> str:
    return link.rsplit("/", 1)[-1]


def test_project_invitation_flow(session, world):
    created = projects.invite(
        session,
        world.manager,
        project_id=world.project.id,
        email="New.Client@Example.org",
        role="client",
    )
    assert created.email == "new.client@example.org"
    token = _token(created.link)
    preview = invitations.preview(session, token=token)
    assert (preview.project_name, preview.role, preview.status) == ("Website", "client", "open")
    newcomer = make_user(session, "Newcomer")
    object.__setattr__(newcomer, "email", "new.client@example.org")
    target = invitations.accept(session, newcomer, token=token)
    assert target == f"/projects/{world.project.id}"
    role = session.exec(
        select(ProjectMember.role).where(ProjectMember.user_id == newcomer.user_id)
    ).one()
    assert role == "client"
    # A client invitation never makes someone a collective member.
    assert (
        session.exec(
            select(CollectiveMember).where(CollectiveMember.user_id == newcomer.user_id)
        ).first()
        is None
    )
    assert [p.name for p in projects.list_projects(session, newcomer)] == ["Website"]


def test_invitation_is_single_use(session, world):
    created = projects.invite(
        session,
        world.manager,
        project_id=world.project.id,
        email=world.outsider.email,
        role="guest",
    )
    token = _token(created.link)
    invitations.accept(session, world.outsider, token=token)
    with pytest.raises(ValidationError) as err:
        invitations.accept(session, world.outsider, token=token)
    assert err.value.code == "invite.accepted"


def test_expired_invitation(session, world):
    created = projects.invite(
        session,
        world.manager,
        project_id=world.project.id,
        email=world.outsider.email,
        role="guest",
    )
    later = clock.now() + invitations.INVITATION_LIFETIME + timedelta(seconds=1)
    assert invitations.preview(session, token=_token(created.link), now=later).status == "expired"
    with pytest.raises(ValidationError) as err:
        invitations.accept(session, world.outsider, token=_token(created.link), now=later)
    assert err.value.code == "invite.expired"


def test_wrong_account_cannot_accept(session, world):
    created = projects.invite(
        session,
        world.manager,
        project_id=world.project.id,
        email="someone@example.org",
        role="client",
    )
    with pytest.raises(ValidationError) as err:
        invitations.accept(session, world.outsider, token=_token(created.link))
    assert err.value.code == "invite.wrong_account"
    assert err.value.params == {"email": "someone@example.org"}
    with pytest.raises(NotFound):
        projects.get_project(session, world.outsider, project_id=world.project.id)


@pytest.mark.parametrize("token", ["", "nope", "x" * 1000])
def test_unknown_token(session, world, token):
    with pytest.raises(NotFound):
        invitations.preview(session, token=token)


def test_revoked_invitation(session, world):
    created = collectives.invite_member(
        session,
        world.owner,
        collective_id=world.collective.id,
        email=world.outsider.email,
        role="member",
    )
    collectives.revoke_invitation(
        session, world.owner, collective_id=world.collective.id, invitation_id=created.invitation_id
    )
    with pytest.raises(ValidationError) as err:
        invitations.accept(session, world.outsider, token=_token(created.link))
    assert err.value.code == "invite.revoked"


def test_collective_invitation_makes_a_member(session, world):
    created = collectives.invite_member(
        session,
        world.owner,
        collective_id=world.collective.id,
        email=world.outsider.email,
        role="member",
    )
    invitations.accept(session, world.outsider, token=_token(created.link))
    assert {c.name for c in collectives.list_collectives(session, world.outsider)} == {
        "Atelier",
        "Elsewhere",
    }


def test_only_owner_invites_admins_and_members_cannot_invite(session, world):
    with pytest.raises(PermissionDenied):
        collectives.invite_member(
            session,
            world.member,
            collective_id=world.collective.id,
            email="a@example.org",
            role="member",
        )
    with pytest.raises(NotFound):
        collectives.invite_member(
            session,
            world.outsider,
            collective_id=world.collective.id,
            email="a@example.org",
            role="member",
        )
    with pytest.raises(ValidationError):
        collectives.invite_member(
            session,
            world.owner,
            collective_id=world.collective.id,
            email="a@example.org",
            role="owner",
        )


def test_invitation_is_queued_in_the_outbox_with_its_link(session, world):
    created = projects.invite(
        session, world.manager, project_id=world.project.id, email="c@example.org", role="client"
    )
    message = session.exec(select(OutboxMessage)).one()
    assert message.kind == "invitation"
    assert message.to_email == "c@example.org"
    assert created.link in message.body
    assert [
        m.link for m in outbox.list_for_project(session, world.manager, project_id=world.project.id)
    ] == [created.link]
    with pytest.raises(PermissionDenied):
        outbox.list_for_project(session, world.member, project_id=world.project.id)
    with pytest.raises(NotFound):
        outbox.list_for_collective(session, world.outsider, collective_id=world.collective.id)


def test_outbox_enqueue_is_idempotent(session, world):
    for _ in range(2):
        outbox.enqueue(
            session,
            collective_id=world.collective.id,
            kind="invitation",
            to_email="a@b.fr",
            subject="s",
            body="b",
            dedup_key="same",
        )
    session.commit()
    assert len(session.exec(select(OutboxMessage)).all()) == 1


def test_create_collective_and_project(session):
    alice = make_user(session, "Alice")
    view = collectives.create_collective(
        session, alice, name="  Atelier   Sud ", mail_domain="Atelier-Sud.fr"
    )
    assert (view.name, view.role, view.mail_domain) == ("Atelier Sud", "owner", "atelier-sud.fr")
    data = projects.validate_input(
        name="Site",
        client_name="Client",
        start_date="2026-03-01",
        quote="1 234,50",
        included_rounds="3",
        billing_model="mixed",
    )
    pid = projects.create_project(session, alice, collective_id=view.id, data=data)
    detail = projects.get_project(session, alice, project_id=pid, locale="fr")
    assert detail.quote == "1\u202f234,50\u00a0€"
    assert detail.role == "manager"


@pytest.mark.parametrize(
    "field,kwargs",
    [
        ("name", {"name": ""}),
        ("client_name", {"client_name": "x" * 121}),
        ("start_date", {"start_date": "31/02/2026"}),
        ("quote", {"quote": "lots"}),
        ("quote", {"quote": "-5"}),
        ("included_rounds", {"included_rounds": "51"}),
        ("included_rounds", {"included_rounds": "two"}),
        ("billing_model", {"billing_model": "barter"}),
    ],
)
def test_project_validation_names_the_field(field, kwargs):
    values = dict(
        name="Site",
        client_name="C",
        start_date="2026-03-01",
        quote="10",
        included_rounds="2",
        billing_model="time",
    )
    values.update(kwargs)
    with pytest.raises(ValidationError) as err:
        projects.validate_input(**values)
    assert err.value.field == field


def test_plain_member_cannot_remove_people_and_owner_cannot_be_removed(session, world):
    with pytest.raises(PermissionDenied):
        collectives.remove_member(
            session, world.member, collective_id=world.collective.id, user_id=world.manager.user_id
        )
    with pytest.raises(PermissionDenied):
        collectives.remove_member(
            session, world.owner, collective_id=world.collective.id, user_id=world.owner.user_id
        )
    collectives.remove_member(
        session, world.owner, collective_id=world.collective.id, user_id=world.member.user_id
    )
    assert world.member.user_id not in {
        m.user_id
        for m in collectives.list_members(session, world.owner, collective_id=world.collective.id)
    }
