"""Comments on tasks: ``internal`` (team and guests) or ``client`` (the client reads them too).

Rules (through ``collab_app.services.permissions``):

- anyone who sees a task may comment on it; a team member's or guest's comment is internal
  unless they choose ``client``; a client's comment is always ``client``;
- a client reads only client comments; a comment the viewer may not read is ``NotFound``;
- authors, and only they, edit or delete their own comments; an edit is marked.

Bodies are Markdown rendered to safe HTML on the server (``collab_app.services.markdown``).
Every change records a history line (client-visible only for client comments); the commit moves
the project's change version (``services.change_signal``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from collab_app.models import Comment
from collab_app.models.board import COMMENT_BODY_MAX
from collab_app.services import clock, notifications, permissions
from collab_app.services.board.cards import PersonView
from collab_app.services.board.history import about_task, record_and_commit, user_names
from collab_app.services.errors import PermissionDenied, ValidationError
from collab_app.services.markdown import render_markdown
from collab_app.services.viewer import Viewer

VISIBILITIES = ("internal", "client")


@dataclass(frozen=True, slots=True)
class CommentView:
    """A comment the viewer may read; ``body`` (Markdown source) is only given to its author.

    ``body_html`` is safe HTML; ``visibility`` is ``internal`` or ``client``; times are aware
    UTC (``edited_at`` None until changed); ``edited`` marks a comment changed after posting.
    """

    id: int
    task_id: int
    author: PersonView
    body: str
    body_html: str
    visibility: str
    created_at: datetime
    edited: bool
    edited_at: datetime | None
    can_edit: bool


def clean_comment_body(body: object) -> str:
    """Return a comment body with normalized line ends.

    Args:
        body: What was typed.

    Returns:
        The body.

    Raises:
        ValidationError: Empty or longer than 10 000 characters.
    """
    cleaned = (
        body.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(body, str) else ""
    )
    if not cleaned:
        raise ValidationError("board.comment_required", field="body")
    if len(cleaned) > COMMENT_BODY_MAX:
        raise ValidationError("board.comment_too_long", field="body", max=COMMENT_BODY_MAX)
    return cleaned


def _clean_visibility(access: permissions.ProjectAccess, visibility: object) -> str:
    allowed = permissions.comment_visibilities(access)
    if visibility is None or visibility == "":
        return allowed[0]
    if visibility not in VISIBILITIES:
        raise ValidationError("board.visibility_invalid", field="visibility")
    if visibility not in allowed:
        raise PermissionDenied("board.client_comments_only")
    return str(visibility)


def comment_views(
    session: Session, viewer: Viewer, rows: Sequence[Comment]
) -> tuple[CommentView, ...]:
    """Turn comments the viewer may read into views (one query for the authors' names).

    Args:
        rows: Already-filtered comments.

    Returns:
        The views, in the order given.
    """
    if not rows:
        return ()
    names = user_names(session, {c.author_id for c in rows})
    views = []
    for c in rows:
        mine = permissions.can_edit_comment(viewer, c)
        views.append(
            CommentView(
                id=c.id,
                task_id=c.task_id,
                author=PersonView(c.author_id, names.get(c.author_id, "")),
                body=c.body if mine else "",
                body_html=render_markdown(c.body),
                visibility=c.visibility,
                created_at=c.created_at,
                edited=c.edited_at is not None,
                edited_at=c.edited_at,
                can_edit=mine,
            )
        )
    return tuple(views)


def task_comments(
    session: Session, viewer: Viewer, access: permissions.ProjectAccess, task_id: int
) -> tuple[CommentView, ...]:
    """Return the comments of a task the viewer may read, oldest first.

    Args:
        access: The access to read with (possibly a manager's client preview).
        task_id: A task already known to be visible with ``access``.

    Returns:
        The comments.
    """
    rows = session.exec(
        select(Comment)
        .where(Comment.task_id == task_id, permissions.visible_comments_clause(access, viewer))
        .order_by(Comment.created_at, Comment.id)
        .execution_options(populate_existing=True)
    ).all()
    return comment_views(session, viewer, rows)


def list_comments(session: Session, viewer: Viewer, *, task_id: object) -> tuple[CommentView, ...]:
    """Return the comments of a task that the viewer may read, oldest first.

    Args:
        viewer: Anyone who sees the task.

    Returns:
        The comments.

    Raises:
        NotFound: The viewer may not see the task.
    """
    ta = permissions.require_task(session, viewer, task_id)
    return task_comments(session, viewer, ta.access, ta.task.id)


def add_comment(
    session: Session, viewer: Viewer, *, task_id: object, body: str, visibility: object = None
) -> CommentView:
    """Comment on a task the viewer sees.

    Args:
        viewer: Anyone who sees the task.
        body: Markdown, 1-10 000 characters.
        visibility: ``internal`` or ``client``; None for the default (internal for the team and
            guests, client for a client).

    Returns:
        The new comment.

    Raises:
        NotFound: The viewer may not see the task.
        PermissionDenied: A client asking for an internal comment, or a read-only client.
        ValidationError: Empty or too long body, unknown visibility, or a mention of someone
            who could not read the comment (``notifications.mention_cannot_read``).
    """
    ta = permissions.require_task(session, viewer, task_id)
    if not permissions.can_comment(session, ta.access, viewer):
        raise PermissionDenied("board.read_only_client")
    chosen = _clean_visibility(ta.access, visibility)
    text = clean_comment_body(body)
    mentioned = _checked_mentions(session, viewer, ta, text, chosen)
    comment = Comment(
        task_id=ta.task.id,
        author_id=viewer.user_id,
        body=text,
        visibility=chosen,
        created_at=clock.now(),
    )
    session.add(comment)
    session.flush()
    notifications.comment_added(
        session, actor_id=viewer.user_id, task=ta.task, comment=comment, mentioned=mentioned
    )
    _finish(session, viewer, ta, f"comment_added_{chosen}", chosen)
    return comment_views(session, viewer, [comment])[0]


def edit_comment(
    session: Session, viewer: Viewer, *, comment_id: object, body: str, visibility: object = None
) -> CommentView:
    """Change one's own comment; it is then marked as edited.

    Args:
        viewer: The comment's author.
        body: New Markdown body.
        visibility: New visibility, or None to keep it.

    Returns:
        The comment after the change.

    Raises:
        NotFound: The viewer may not read the comment.
        PermissionDenied: Not the author; or a client asking for ``internal``.
        ValidationError: Empty or too long body, or a mention of someone who could not read
            the comment (``notifications.mention_cannot_read``).
    """
    comment, ta = permissions.require_comment(session, viewer, comment_id)
    if not permissions.can_comment(session, ta.access, viewer):
        raise PermissionDenied("board.read_only_client")
    if not permissions.can_edit_comment(viewer, comment):
        raise PermissionDenied("board.comment_author_only")
    text = clean_comment_body(body)
    chosen = comment.visibility if visibility is None else _clean_visibility(ta.access, visibility)
    if (text, chosen) == (comment.body, comment.visibility):
        return comment_views(session, viewer, [comment])[0]
    mentioned = _checked_mentions(session, viewer, ta, text, chosen)
    comment.body, comment.visibility, comment.edited_at = text, chosen, clock.now()
    session.add(comment)
    session.flush()
    notifications.comment_edited(
        session, actor_id=viewer.user_id, task=ta.task, comment=comment, mentioned=mentioned
    )
    _finish(session, viewer, ta, "comment_edited", chosen)
    return comment_views(session, viewer, [comment])[0]


def delete_comment(session: Session, viewer: Viewer, *, comment_id: object) -> None:
    """Delete one's own comment.

    Args:
        viewer: The comment's author.

    Raises:
        NotFound: The viewer may not read the comment (or it is already deleted).
        PermissionDenied: Not the author.
    """
    comment, ta = permissions.require_comment(session, viewer, comment_id)
    if not permissions.can_edit_comment(viewer, comment):
        raise PermissionDenied("board.comment_author_only")
    comment.deleted_at = clock.now()
    session.add(comment)
    _finish(session, viewer, ta, "comment_deleted", comment.visibility)


def _finish(
    session: Session, viewer: Viewer, ta: permissions.TaskAccess, kind: str, visibility: str
) -> None:
    """Record the comment's history line (client-visible for client comments), then commit."""
    record_and_commit(
        session, **about_task(viewer, ta.task), kind=kind, client_visible=visibility == "client"
    )


def _checked_mentions(
    session: Session, viewer: Viewer, ta: permissions.TaskAccess, text: str, visibility: str
) -> set[int]:
    """The people a comment's body mentions, refused if one of them could not read it."""
    return notifications.check_mentions(
        session,
        task=ta.task,
        project=ta.access.project,
        body=text,
        visibility=visibility,
        author_id=viewer.user_id,
    )
