"""Who is on a project: its members, invitations of guests and clients, clients' comments."""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import Collective, CollectiveMember, ProjectMember, User
from collab_app.services import permissions
from collab_app.services.accounts import invitations
from collab_app.services.accounts.collectives import MemberView
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.viewer import Viewer


def list_members(session: Session, viewer: Viewer, *, project_id: object) -> list[MemberView]:
    """Return the people on a project; emails only for its managers.

    Args:
        viewer: Anyone on the project.

    Returns:
        Members sorted by role then name.
    """
    access = permissions.require_project(session, viewer, project_id)
    rows = session.exec(
        select(User, ProjectMember.role, ProjectMember.can_comment)
        .join(ProjectMember, ProjectMember.user_id == User.id)
        .where(ProjectMember.project_id == access.project.id)
        .order_by(User.display_name)
    ).all()
    order = {role: i for i, role in enumerate(permissions.PROJECT_ROLES)}
    members = [
        MemberView(
            user_id=u.id,
            display_name=u.display_name,
            email=u.email if access.is_manager else "",
            role=r,
            can_comment=bool(may_comment),
        )
        for u, r, may_comment in rows
    ]
    return sorted(members, key=lambda m: (order.get(m.role, 9), m.display_name.lower()))


def add_collective_member(
    session: Session, viewer: Viewer, *, project_id: object, user_id: object, role: str
) -> None:
    """Put a member of the project's collective on the project as manager or member.

    Args:
        viewer: A manager of the project.
        user_id: Id received from the client; must be in the same collective.
        role: ``manager`` or ``member``.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    if role not in permissions.TEAM_ROLES:
        raise ValidationError("invite.role_invalid", field="role")
    uid = permissions.coerce_id(user_id)
    in_collective = session.exec(
        select(CollectiveMember.id).where(
            CollectiveMember.collective_id == access.project.collective_id,
            CollectiveMember.user_id == uid,
        )
    ).first()
    if in_collective is None:
        raise NotFound()
    member = session.exec(
        select(ProjectMember).where(
            ProjectMember.project_id == access.project.id, ProjectMember.user_id == uid
        )
    ).first()
    if member is None:
        member = ProjectMember(project_id=access.project.id, user_id=uid, role=role)
    member.role = role
    session.add(member)
    session.commit()


def remove_member(session: Session, viewer: Viewer, *, project_id: object, user_id: object) -> None:
    """Take someone off a project (managers; a manager cannot remove themself).

    Args:
        viewer: A manager of the project.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    uid = permissions.coerce_id(user_id)
    if uid == viewer.user_id:
        raise PermissionDenied("project.cannot_remove_self")
    member = _membership(session, access.project.id, uid)
    session.delete(member)
    session.commit()


def invite(
    session: Session, viewer: Viewer, *, project_id: object, email: str, role: str
) -> invitations.CreatedInvitation:
    """Invite a guest freelancer or a client to one project (managers).

    Args:
        viewer: A manager of the project.
        email: Invitee.
        role: ``guest`` or ``client``.

    Returns:
        The invitation and its link.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    if role not in permissions.PROJECT_INVITABLE_ROLES:
        raise ValidationError("invite.role_invalid", field="role")
    collective = session.get(Collective, access.project.collective_id)
    return invitations.create(
        session, viewer, collective=collective, project=access.project, email=email, role=role
    )


def set_client_can_comment(
    session: Session, viewer: Viewer, *, project_id: object, user_id: object, allowed: object
) -> None:
    """Let a client of the project comment, or make them read-only (managers).

    A read-only client still sees everything shared with the client; the comment services
    refuse them (``permissions.can_comment``).

    Args:
        viewer: A manager of the project.
        user_id: Id received from the client; a client of this project.
        allowed: True to let them comment (the default of every client), False for read-only.

    Raises:
        NotFound: Not a member of the project.
        ValidationError: The person is not a client of the project, or ``allowed`` not a bool.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    if not isinstance(allowed, bool):
        raise ValidationError("project.can_comment_invalid")
    uid = permissions.coerce_id(user_id)
    member = _membership(session, access.project.id, uid)
    if member.role != permissions.CLIENT:
        raise ValidationError("project.can_comment_clients_only")
    member.can_comment = allowed
    session.add(member)
    session.commit()


def _membership(session: Session, project_id: int, user_id: int) -> ProjectMember:
    """Return a person's membership of a project, ``NotFound`` when they have none."""
    member = session.exec(
        select(ProjectMember).where(
            ProjectMember.project_id == project_id, ProjectMember.user_id == user_id
        )
    ).first()
    if member is None:
        raise NotFound()
    return member
