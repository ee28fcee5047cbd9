"""Single-use invitation links to a collective or a project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from collab_app.i18n import translate
from collab_app.models import Collective, CollectiveMember, Invitation, Project, ProjectMember
from collab_app.services import clock
from collab_app.services.accounts.identity import normalize_email
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.mail import outbox
from collab_app.services.tokens import hash_token, new_token
from collab_app.services.viewer import Viewer
from collab_app.settings import public_base_url

INVITATION_LIFETIME = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class CreatedInvitation:
    """An invitation just made, with the link to share (shown once; only its hash is kept)."""

    invitation_id: int
    email: str
    role: str
    link: str


@dataclass(frozen=True, slots=True)
class InvitationPreview:
    """What the invitation page shows before the person accepts."""

    collective_name: str
    project_name: str
    role: str
    email: str
    status: str  # "open", "accepted", "expired", "revoked"


def invitation_link(token: str) -> str:
    """Return the public URL of an invitation token.

    Args:
        token: The secret token.

    Returns:
        The absolute URL.
    """
    return f"{public_base_url()}/invite/{token}"


def create(
    session: Session,
    viewer: Viewer,
    *,
    collective: Collective,
    project: Project | None,
    email: str,
    role: str,
    now: datetime | None = None,
) -> CreatedInvitation:
    """Record an invitation and its message in the outbox; the caller has checked permissions.

    Args:
        viewer: The inviter.
        collective: The collective invited to (or owning the project).
        project: The project invited to, or None for a collective invitation.
        email: The invitee's address.
        role: Collective role (collective invitation) or project role.
        now: Current time.

    Returns:
        The invitation with its link.
    """
    now = now or clock.now()
    address = normalize_email(email)
    token = new_token()
    invitation = Invitation(
        collective_id=collective.id,
        project_id=project.id if project else None,
        email=address,
        role=role,
        token_hash=hash_token(token),
        invited_by_id=viewer.user_id,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    session.add(invitation)
    session.flush()
    link = invitation_link(token)
    locale = viewer.locale or "en"
    target = project.name if project else collective.name
    role_name = translate(f"role.{role}", locale)
    outbox.enqueue(
        session,
        collective_id=collective.id,
        project_id=project.id if project else None,
        kind="invitation",
        to_email=address,
        subject=translate("invite.mail_subject", locale, name=viewer.display_name, target=target),
        body=translate(
            "invite.mail_body",
            locale,
            name=viewer.display_name,
            target=target,
            role=role_name,
            link=link,
            days=INVITATION_LIFETIME.days,
        ),
        link=link,
        dedup_key=f"invitation:{invitation.id}",
    )
    session.commit()
    return CreatedInvitation(invitation_id=invitation.id, email=address, role=role, link=link)


def _find(session: Session, token: str) -> Invitation:
    if not token or len(token) > 200:
        raise NotFound("invite.unknown")
    invitation = session.exec(
        select(Invitation).where(Invitation.token_hash == hash_token(token))
    ).first()
    if invitation is None:
        raise NotFound("invite.unknown")
    return invitation


def _status(invitation: Invitation, now: datetime) -> str:
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.expires_at <= now:
        return "expired"
    return "open"


def preview(session: Session, *, token: str, now: datetime | None = None) -> InvitationPreview:
    """Describe an invitation from its token (no sign-in needed: the token is the secret).

    Args:
        token: The token from the link.
        now: Current time.

    Returns:
        The preview.

    Raises:
        NotFound: Unknown token.
    """
    invitation = _find(session, token)
    collective = session.get(Collective, invitation.collective_id)
    project = session.get(Project, invitation.project_id) if invitation.project_id else None
    return InvitationPreview(
        collective_name=collective.name,
        project_name=project.name if project else "",
        role=invitation.role,
        email=invitation.email,
        status=_status(invitation, now or clock.now()),
    )


def accept(session: Session, viewer: Viewer, *, token: str, now: datetime | None = None) -> str:
    """Accept an invitation as the signed-in viewer.

    Args:
        viewer: Must be the invited email's account.
        token: The token from the link.
        now: Current time.

    Returns:
        Where to go next: ``/projects/<id>`` or ``/collectives/<id>``.

    Raises:
        NotFound: Unknown token.
        ValidationError: Expired, already used, revoked, or meant for another account.
    """
    now = now or clock.now()
    invitation = _find(session, token)
    status = _status(invitation, now)
    if status != "open":
        raise ValidationError(f"invite.{status}")
    if invitation.email != viewer.email:
        raise ValidationError("invite.wrong_account", email=invitation.email)
    # Claim the invitation atomically so two tabs cannot both use it.
    claimed = session.exec(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None))
        .values(accepted_at=now, accepted_by_id=viewer.user_id)
    ).rowcount
    if claimed != 1:
        session.rollback()
        raise ValidationError("invite.accepted")
    if invitation.project_id is None:
        if _membership(session, CollectiveMember, invitation.collective_id, viewer) is None:
            session.add(
                CollectiveMember(
                    collective_id=invitation.collective_id,
                    user_id=viewer.user_id,
                    role=invitation.role,
                )
            )
        session.commit()
        return f"/collectives/{invitation.collective_id}"
    member = _membership(session, ProjectMember, invitation.project_id, viewer)
    if member is None:
        session.add(
            ProjectMember(
                project_id=invitation.project_id, user_id=viewer.user_id, role=invitation.role
            )
        )
    else:
        member.role = invitation.role
        session.add(member)
    # A new role on the project (possibly a lower one: member -> guest, guest -> client): its
    # open screens, the person's own tabs included, re-read what that role may see.
    session.commit()
    return f"/projects/{invitation.project_id}"


def _membership(
    session: Session, model: type[CollectiveMember | ProjectMember], scope_id: int, viewer: Viewer
) -> CollectiveMember | ProjectMember | None:
    """The viewer's membership row of a collective or project, if any."""
    scope = model.collective_id if model is CollectiveMember else model.project_id
    return session.exec(
        select(model).where(scope == scope_id, model.user_id == viewer.user_id)
    ).first()


def revoke(session: Session, *, invitation: Invitation, now: datetime | None = None) -> None:
    """Revoke an open invitation; the caller has checked permissions.

    Args:
        invitation: The invitation.
        now: Current time.
    """
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = now or clock.now()
        session.add(invitation)
        session.commit()
