"""Improvement actions: what the collective changes in response to feedback, and their recap.

Recorded by managers, read by the team; the client-visible ones are mailed to the feedback
contacts as a recap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from collab_app.models import (
    FeedbackAction,
    FeedbackAnswer,
    User,
)
from collab_app.services import clock, permissions
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.feedback.access import managed_project, read_project
from collab_app.services.feedback.texts import clean_text
from collab_app.services.viewer import Viewer

ACTION_STATUSES = ("planned", "in_progress", "done")


@dataclass(frozen=True, slots=True)
class ActionView:
    """An improvement action recorded by a manager."""

    id: int
    text: str
    status: str  # "planned" | "in_progress" | "done"
    share_with_client: bool
    answer_id: int | None
    created_by: str
    created: datetime
    created_at: str = ""  # shown: "3 Jan 2027, 09:00" in the viewer's zone (the presenter)


def _action_view(action: FeedbackAction, author: str) -> ActionView:
    return ActionView(
        id=action.id,
        text=action.text,
        status=action.status,
        share_with_client=action.share_with_client,
        answer_id=action.answer_id,
        created_by=author,
        created=action.created_at,
    )


def list_actions(session: Session, viewer: Viewer, *, project_id: object) -> list[ActionView]:
    """Return the project's improvement actions, oldest first (managers and members).

    Args:
        viewer: A manager or member of the project.

    Returns:
        The actions.
    """
    access = read_project(session, viewer, project_id)
    return _actions_of(session, access.project.id)


def _actions_of(session: Session, project_id: int) -> list[ActionView]:
    rows = session.exec(
        select(FeedbackAction, User.display_name)
        .join(User, User.id == FeedbackAction.created_by_id)
        .where(FeedbackAction.project_id == project_id)
        .order_by(FeedbackAction.created_at, FeedbackAction.id)
    ).all()
    return [_action_view(action, name) for action, name in rows]


def _clean_action_text(text: object) -> str:
    cleaned = clean_text(text, "text")
    if not cleaned:
        raise ValidationError("feedback.action_text_required", field="text")
    return cleaned


def _managed_action(
    session: Session, viewer: Viewer, project_id: object, action_id: object
) -> tuple[permissions.ProjectAccess, FeedbackAction]:
    """A manager's access to the project, and one of its actions (else ``NotFound``)."""
    access = managed_project(session, viewer, project_id)
    action = session.get(FeedbackAction, permissions.coerce_id(action_id))
    if action is None or action.project_id != access.project.id:
        raise NotFound()
    return access, action


def add_action(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    text: object,
    answer_id: object = None,
    share_with_client: bool = True,
    now: datetime | None = None,
) -> ActionView:
    """Record an improvement action (managers).

    Args:
        viewer: A manager of the project.
        text: What the collective will change (1-1,000 characters).
        answer_id: The answer it responds to, if any (must be of this project).
        share_with_client: Include it in the client recap.
        now: Current time.

    Returns:
        The action.
    """
    access = managed_project(session, viewer, project_id)
    now = now or clock.now()
    cleaned = _clean_action_text(text)
    aid = None
    if answer_id not in (None, ""):
        aid = permissions.coerce_id(answer_id)
        answer = session.get(FeedbackAnswer, aid)
        if answer is None or answer.project_id != access.project.id:
            raise NotFound()
    action = FeedbackAction(
        project_id=access.project.id,
        collective_id=access.project.collective_id,
        answer_id=aid,
        text=cleaned,
        share_with_client=bool(share_with_client),
        created_by_id=viewer.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(action)
    session.commit()
    return _action_view(action, viewer.display_name)


def update_action(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    action_id: object,
    text: object = None,
    status: object = None,
    share_with_client: bool | None = None,
    now: datetime | None = None,
) -> ActionView:
    """Change an improvement action's text, status or sharing (managers).

    Args:
        viewer: A manager of the project.
        text: New text, or None to keep.
        status: ``planned``, ``in_progress``, ``done``, or None to keep.
        share_with_client: New sharing, or None to keep.
        now: Current time.

    Returns:
        The action.
    """
    _access, action = _managed_action(session, viewer, project_id, action_id)
    if text is not None:
        action.text = _clean_action_text(text)
    if status is not None:
        if status not in ACTION_STATUSES:
            raise ValidationError("feedback.action_status_invalid", field="status")
        action.status = str(status)
    if share_with_client is not None:
        action.share_with_client = bool(share_with_client)
    action.updated_at = now or clock.now()
    session.add(action)
    session.commit()
    author = session.get(User, action.created_by_id)
    return _action_view(action, author.display_name if author else "")


def delete_action(
    session: Session, viewer: Viewer, *, project_id: object, action_id: object
) -> None:
    """Delete an improvement action (managers).

    Args:
        viewer: A manager of the project.
    """
    _access, action = _managed_action(session, viewer, project_id, action_id)
    session.delete(action)
    session.commit()
