"""Collectives: creation, members and invitations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from collab_app.models import (
    Collective,
    CollectiveMember,
    Invitation,
    Project,
    ProjectMember,
    User,
)
from collab_app.services import clock, permissions
from collab_app.services.accounts import invitations
from collab_app.services.accounts.identity import validate_name
from collab_app.services.change_signal import mark_changed
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.shared_views import view_from
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class CollectiveView:
    """A collective as listed for one of its members."""

    id: int
    name: str
    role: str
    mail_domain: str


@dataclass(frozen=True, slots=True)
class MemberView:
    """A person in a collective or project; ``email`` is empty unless the viewer manages it."""

    user_id: int
    display_name: str
    email: str
    role: str
    can_comment: bool = True  # clients of a project: False for a read-only client


@dataclass(frozen=True, slots=True)
class InvitationView:
    """A pending or past invitation, for those who manage them."""

    id: int
    email: str
    role: str
    status: str
    expires_at: str


def create_collective(
    session: Session, viewer: Viewer, *, name: str, mail_domain: str = ""
) -> CollectiveView:
    """Create a collective owned by the viewer.

    Args:
        viewer: Becomes the owner.
        name: Collective name.
        mail_domain: Domain used for the sender of feedback mails (optional).

    Returns:
        The new collective.
    """
    cleaned = validate_name(name)
    domain = (mail_domain or "").strip().lower()
    if domain and ("." not in domain or " " in domain or "@" in domain or len(domain) > 120):
        raise ValidationError("collective.domain_invalid", field="mail_domain")
    collective = Collective(name=cleaned, mail_domain=domain)
    session.add(collective)
    session.flush()
    session.add(
        CollectiveMember(
            collective_id=collective.id, user_id=viewer.user_id, role=permissions.OWNER
        )
    )
    session.commit()
    return CollectiveView(
        id=collective.id, name=collective.name, role=permissions.OWNER, mail_domain=domain
    )


def list_collectives(session: Session, viewer: Viewer) -> list[CollectiveView]:
    """Return the collectives the viewer belongs to.

    Returns:
        Collectives sorted by name.
    """
    rows = session.exec(
        select(Collective, CollectiveMember.role)
        .join(CollectiveMember, CollectiveMember.collective_id == Collective.id)
        .where(CollectiveMember.user_id == viewer.user_id)
        .order_by(Collective.name)
    ).all()
    return [view_from(CollectiveView, c, role=r) for c, r in rows]


def get_collective(session: Session, viewer: Viewer, *, collective_id: object) -> CollectiveView:
    """Return one collective the viewer belongs to.

    Returns:
        The collective.
    """
    collective, role = permissions.require_collective(session, viewer, collective_id)
    return view_from(CollectiveView, collective, role=role)


def list_members(session: Session, viewer: Viewer, *, collective_id: object) -> list[MemberView]:
    """Return the collective's members; emails only for owners and admins.

    Returns:
        Members sorted by name.
    """
    collective, role = permissions.require_collective(session, viewer, collective_id)
    show_email = permissions.is_collective_admin(role)
    rows = session.exec(
        select(User, CollectiveMember.role)
        .join(CollectiveMember, CollectiveMember.user_id == User.id)
        .where(CollectiveMember.collective_id == collective.id)
        .order_by(User.display_name)
    ).all()
    return [
        MemberView(
            user_id=u.id, display_name=u.display_name, email=u.email if show_email else "", role=r
        )
        for u, r in rows
    ]


def invite_member(
    session: Session, viewer: Viewer, *, collective_id: object, email: str, role: str
) -> invitations.CreatedInvitation:
    """Invite someone into the collective (owners and admins).

    Args:
        viewer: Owner or admin.
        email: Invitee.
        role: ``admin`` or ``member``.

    Returns:
        The invitation and its link.
    """
    collective, viewer_role = permissions.require_collective(
        session, viewer, collective_id, admin=True
    )
    if role not in permissions.INVITABLE_COLLECTIVE_ROLES:
        raise ValidationError("invite.role_invalid", field="role")
    if not permissions.may_manage_collective_role(viewer_role, role):
        raise PermissionDenied("collective.only_owner_invites_admin")
    return invitations.create(
        session, viewer, collective=collective, project=None, email=email, role=role
    )


def list_invitations(
    session: Session, viewer: Viewer, *, collective_id: object
) -> list[InvitationView]:
    """Return the collective's invitations, newest first (owners and admins).

    Args:
        viewer: Owner or admin.

    Returns:
        Invitations to the collective and to its projects.
    """
    collective, _ = permissions.require_collective(session, viewer, collective_id, admin=True)
    now = clock.now()
    rows = session.exec(
        select(Invitation)
        .where(Invitation.collective_id == collective.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(200)
    ).all()
    return [
        view_from(
            InvitationView,
            i,
            status=invitations._status(i, now),
            expires_at=i.expires_at.date().isoformat(),
        )
        for i in rows
    ]


def revoke_invitation(
    session: Session, viewer: Viewer, *, collective_id: object, invitation_id: object
) -> None:
    """Revoke an open invitation of the collective (owners and admins).

    Args:
        viewer: Owner or admin.
    """
    collective, _ = permissions.require_collective(session, viewer, collective_id, admin=True)
    invitation = session.get(Invitation, permissions.coerce_id(invitation_id))
    if invitation is None or invitation.collective_id != collective.id:
        raise NotFound()
    invitations.revoke(session, invitation=invitation)


def remove_member(
    session: Session, viewer: Viewer, *, collective_id: object, user_id: object
) -> None:
    """Remove someone from the collective (owners and admins; the owner cannot be removed).

    Their roles on the collective's projects go in the same transaction.

    Args:
        viewer: Owner or admin.
    """
    collective, viewer_role = permissions.require_collective(
        session, viewer, collective_id, admin=True
    )
    membership = session.exec(
        select(CollectiveMember).where(
            CollectiveMember.collective_id == collective.id,
            CollectiveMember.user_id == permissions.coerce_id(user_id),
        )
    ).first()
    if membership is None:
        raise NotFound()
    if not permissions.may_manage_collective_role(viewer_role, membership.role):
        raise PermissionDenied("collective.cannot_remove")
    _drop_project_roles(session, collective.id, membership)
    session.delete(membership)
    session.commit()


def _drop_project_roles(session: Session, collective_id: int, membership: CollectiveMember) -> None:
    """Take a person leaving the collective off every project of it, in the caller's transaction.

    Every project role in a collective hangs on its membership (managers and members are put on
    projects from the collective; an owner or admin manages them all), so none survives it: a
    guest or client role the person also held there goes too and is given again by a new
    invitation. Every project of the collective moves its change version, so every open screen
    of them and of the collective, the person's own tabs included, re-reads through the
    permission rule at once.
    """
    project_ids = set(
        session.exec(select(Project.id).where(Project.collective_id == collective_id)).all()
    )
    if not project_ids:
        return
    rows = session.exec(
        select(ProjectMember).where(
            ProjectMember.user_id == membership.user_id,
            ProjectMember.project_id.in_(project_ids),
        )
    ).all()
    for row in rows:
        session.delete(row)
    # Every project, not only the person's: the collective's own pages follow them all.
    for project_id in sorted(project_ids):
        mark_changed(session, project_id)
