"""A round's messages: the client side and the team write on a submitted round.

A client's message is always visible to the client side; the team chooses (``internal`` by
default). A client-visible message of the team counts as its first answer to the round.
"""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import RevisionComment
from collab_app.services import clock, permissions
from collab_app.services.errors import PermissionDenied, ValidationError
from collab_app.services.permissions import ProjectAccess
from collab_app.services.revisions.access import names_of, require_round
from collab_app.services.revisions.rounds import mark_first_response
from collab_app.services.revisions.text import TEXT_MAX, clean_choice, clean_text
from collab_app.services.revisions.trace import record_round
from collab_app.services.viewer import Viewer


def add_comment(
    session: Session,
    viewer: Viewer,
    *,
    round_id: object,
    body: object,
    visibility: object = "internal",
) -> None:
    """Post a message on a round: the client side (any client of the project) or the team.

    A client's message is always ``client``; the team chooses (``internal`` by default).

    Args:
        viewer: The team or a client.
        body: 1-5000 characters.
        visibility: ``internal`` or ``client`` (team only).
    """
    found_round, access = require_round(
        session, viewer, round_id, roles=permissions.REVISION_COMMENT_ROLES
    )
    if not permissions.can_comment(session, access, viewer):
        raise PermissionDenied("board.read_only_client")
    text = clean_text(body, field="comment", max_len=TEXT_MAX, required=True)
    if access.is_client:
        chosen = "client"
    else:
        chosen = clean_choice(visibility or "internal", ("internal", "client"), field="visibility")
    if chosen not in ("internal", "client"):
        raise ValidationError("revisions.choice_invalid", field="visibility")
    now = clock.now()
    session.add(
        RevisionComment(
            round_id=found_round.id,
            author_id=viewer.user_id,
            body=text,
            visibility=chosen,
            created_at=now,
        )
    )
    record_round(
        session,
        found_round,
        viewer,
        "round_comment",
        now,
        client_visible=chosen == permissions.CLIENT_VISIBILITY,
        visibility=chosen,
        body=text[:500],
    )
    if access.is_team and chosen == permissions.CLIENT_VISIBILITY:
        mark_first_response(session, found_round, viewer, now)
    session.commit()


def comment_records(
    session: Session, viewer: Viewer, access: ProjectAccess, round_id: int
) -> list[tuple[RevisionComment, str]]:
    """Return a round's messages the viewer may read (team: internal ones too; guests: none).

    Args:
        access: Their access to the project.
        round_id: The round.

    Returns:
        (message, its author's name), oldest first.
    """
    if access.is_guest or not (access.is_team or access.is_client):
        return []
    query = select(RevisionComment).where(RevisionComment.round_id == round_id)
    if not permissions.can_see_revision_internals(access):
        query = query.where(RevisionComment.visibility == "client")
    rows = session.exec(query.order_by(RevisionComment.created_at, RevisionComment.id)).all()
    names = names_of(session, {c.author_id for c in rows})
    return [(c, names.get(c.author_id, "")) for c in rows]
