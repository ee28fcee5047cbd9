"""One function per event that notifies, called by the services inside their own transaction.

Each decides the candidates (watchers, assignees, managers, client contacts...) and the
audience; ``recipients.emit`` then keeps only the people the permission rule lets see it.
"""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import Comment, Notification, Task
from collab_app.services.notifications.recipients import (
    emit,
    project_people,
    task_path,
    task_people,
)


def _task_event(
    session: Session, task: Task, *, actor_id: int, kind: str, user_ids: set[int], **more: object
) -> list[int]:
    """Tell people of an event of a task (linked to the task); returns who was told."""
    return emit(
        session,
        project_id=task.project_id,
        actor_id=actor_id,
        kind=kind,
        user_ids=user_ids,
        task_id=task.id,
        path=task_path(task.project_id, task.id),
        **more,
    )


def _to_watchers(session: Session, task: Task, *, actor_id: int, kind: str, **more: object) -> None:
    """Tell a task's watchers of an event of it."""
    watchers = task_people(session, task.id, watchers=True, assignees=False)
    _task_event(session, task, actor_id=actor_id, kind=kind, user_ids=watchers, **more)


def _audience(comment: Comment) -> str:
    """Who may read of a comment: a client comment everyone, an internal one the team."""
    return "everyone" if comment.visibility == "client" else "team"


def task_assigned(session: Session, *, actor_id: int, task: Task, user_ids: set[int]) -> None:
    """People newly assigned to a task.

    Args:
        session: Database session (the caller commits).
        actor_id: Who assigned them.
        task: The task.
        user_ids: The people added.
    """
    _task_event(session, task, actor_id=actor_id, kind="assigned", user_ids=user_ids)


def comment_added(
    session: Session, *, actor_id: int, task: Task, comment: Comment, mentioned: set[int]
) -> None:
    """A new comment: the mentioned people, then the task's assignees and watchers.

    An internal comment has the ``team`` audience, so no client is ever told of it.

    Args:
        session: Database session (the caller commits).
        actor_id: The author.
        task: The commented task.
        comment: The comment (flushed).
        mentioned: People mentioned in it (already checked to be able to read it).
    """
    about = {"audience": _audience(comment), "comment_id": comment.id}
    told = set(
        _task_event(session, task, actor_id=actor_id, kind="mention", user_ids=mentioned, **about)
    )
    others = task_people(session, task.id, watchers=True, assignees=True) - told
    _task_event(session, task, actor_id=actor_id, kind="comment", user_ids=others, **about)


def comment_edited(
    session: Session, *, actor_id: int, task: Task, comment: Comment, mentioned: set[int]
) -> None:
    """An edited comment: people it now mentions and who were not told yet.

    Args:
        session: Database session (the caller commits).
        actor_id: The author.
        task: The commented task.
        comment: The comment after the edit.
        mentioned: Everyone its text mentions (already checked to be able to read it).
    """
    told = set(
        session.exec(
            select(Notification.user_id).where(
                Notification.comment_id == comment.id, Notification.kind == "mention"
            )
        ).all()
    )
    _task_event(
        session,
        task,
        actor_id=actor_id,
        kind="mention",
        user_ids=mentioned - told,
        audience=_audience(comment),
        comment_id=comment.id,
    )


def task_moved(session: Session, *, actor_id: int, task: Task, column: str) -> None:
    """A task moved to review or done: its watchers.

    Args:
        session: Database session (the caller commits).
        actor_id: Who moved it.
        task: The task.
        column: The target column's name or default key (translated when shown).
    """
    _to_watchers(session, task, actor_id=actor_id, kind="task_moved", params={"column": column})


def task_blocked(session: Session, *, actor_id: int, task: Task) -> None:
    """A task marked blocked: its watchers.

    Args:
        session: Database session (the caller commits).
        actor_id: Who blocked it.
        task: The task.
    """
    _to_watchers(session, task, actor_id=actor_id, kind="task_blocked")


def project_event(
    session: Session,
    *,
    project_id: int,
    actor_id: int | None,
    kind: str,
    roles: tuple[str, ...],
    path: str,
    audience: str = "everyone",
    params: dict[str, object] | None = None,
    dedup_key: str | None = None,
    mailed_elsewhere: tuple[int | None, ...] = (),
) -> None:
    """An event of the project (rounds, change orders, feedback, invoices) for some roles.

    Args:
        session: Database session (the caller commits).
        project_id: The project.
        actor_id: Who caused it, or None.
        kind: Notification kind.
        roles: Roles told (``manager``, ``member``, ``client``...).
        path: Link path in the app.
        audience: Least role needed to read it.
        params: Message parameters (a number, a reference).
        dedup_key: Unique key when the event may be raised twice (jobs).
        mailed_elsewhere: People the causing service already mails (inbox only for them).
    """
    emit(
        session,
        project_id=project_id,
        actor_id=actor_id,
        kind=kind,
        user_ids=project_people(session, project_id, roles),
        audience=audience,
        path=path,
        params=params,
        dedup_key=dedup_key,
        mailed_elsewhere=mailed_elsewhere,
    )
