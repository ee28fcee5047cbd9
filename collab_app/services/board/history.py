"""A project's history: the lines every board change records, written in the reader's language.

Each line stores its kind and its parameters (names, column refs, message keys); it is written
in a language only when read (``activity_text``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from collab_app.models import Activity, Task, User
from collab_app.services import clock, permissions
from collab_app.services.board.cards import PersonView, locale_for
from collab_app.services.stored_messages import write_stored
from collab_app.services.viewer import Viewer

ACTIVITY_PAGE_MAX = 200


@dataclass(frozen=True, slots=True)
class ActivityView:
    """One history line, already written in the viewer's language; ``created_at`` is aware UTC."""

    id: int
    task_id: int | None
    task_title: str
    actor: PersonView
    kind: str
    text: str
    created_at: datetime


def record(
    session: Session,
    *,
    project_id: int,
    actor_id: int,
    kind: str,
    task_id: int | None = None,
    client_visible: bool = True,
    **detail: object,
) -> None:
    """Add a history line (the caller commits).

    Args:
        project_id: The project.
        actor_id: Who did it.
        kind: e.g. ``task_moved``; its message is ``board.activity.<kind>``.
        task_id: The task concerned, if any.
        client_visible: False for internal matters.
        **detail: Message parameters (names, column refs, lists of field keys).
    """
    session.add(
        Activity(
            project_id=project_id,
            task_id=task_id,
            actor_id=actor_id,
            kind=kind,
            detail=json.dumps(detail, ensure_ascii=False),
            created_at=clock.now(),
            client_visible=client_visible,
        )
    )


def about_task(viewer: Viewer, task: Task) -> dict[str, int]:
    """Return the start of a history line about a task changed by the viewer.

    Returns:
        ``project_id``, ``actor_id`` and ``task_id``, for ``record`` or ``record_and_commit``.
    """
    return {"project_id": task.project_id, "actor_id": viewer.user_id, "task_id": task.id}


def record_and_commit(
    session: Session, *, project_id: int, client_visible: bool = False, **line: object
) -> None:
    """Finish a change: add its history line (internal by default) and commit.

    Args:
        project_id: The project.
        client_visible: True when the client may read the line.
        **line: The rest of the line, as for ``record`` (``actor_id``, ``kind``, ``task_id``,
            message parameters).
    """
    record(session, project_id=project_id, client_visible=client_visible, **line)
    session.commit()


def activity_text(kind: str, detail: str, actor: str, locale: str) -> str:
    """Write a history line in a language.

    Args:
        kind: The line's kind.
        detail: Its JSON parameters.
        actor: The actor's display name.
        locale: ``en`` or ``fr``.

    Returns:
        The sentence.
    """
    return write_stored(f"board.activity.{kind}", detail, locale, actor=actor)


def user_names(session: Session, user_ids: set[int]) -> dict[int, str]:
    """Return the display names of some people (one query).

    Args:
        user_ids: The people.

    Returns:
        User id -> display name.
    """
    return dict(session.exec(select(User.id, User.display_name).where(User.id.in_(user_ids))).all())


def activity_views(
    session: Session, rows: Sequence[Activity], *, locale: str, titles: bool = False
) -> tuple[ActivityView, ...]:
    """Turn already-filtered history rows into views (two queries at most).

    Args:
        rows: Activity rows the viewer may read.
        locale: Language of the sentences.
        titles: Also give the task titles (for project-wide feeds).

    Returns:
        The views, in the order given.
    """
    if not rows:
        return ()
    names = user_names(session, {r.actor_id for r in rows})
    task_titles: dict[int, str] = {}
    task_ids = {r.task_id for r in rows if r.task_id is not None}
    if titles and task_ids:
        task_titles = dict(
            session.exec(select(Task.id, Task.title).where(Task.id.in_(task_ids))).all()
        )
    return tuple(
        ActivityView(
            id=r.id,
            task_id=r.task_id,
            task_title=task_titles.get(r.task_id, "") if r.task_id else "",
            actor=PersonView(r.actor_id, names.get(r.actor_id, "")),
            kind=r.kind,
            text=activity_text(r.kind, r.detail, names.get(r.actor_id, ""), locale),
            created_at=r.created_at,
        )
        for r in rows
    )


def visible_history(
    session: Session,
    viewer: Viewer,
    access: permissions.ProjectAccess,
    *,
    locale: str,
    task_id: int | None = None,
    limit: int = ACTIVITY_PAGE_MAX,
) -> tuple[ActivityView, ...]:
    """Return the latest history lines readable with ``access``, newest first.

    Args:
        access: The access to read with (possibly a manager's client preview).
        locale: Language of the sentences.
        task_id: Only this task's lines (None: the whole project, with task titles).
        limit: How many lines at the most.

    Returns:
        The lines.
    """
    query = select(Activity).where(permissions.visible_activity_clause(access, viewer))
    if task_id is not None:
        query = query.where(Activity.task_id == task_id)
    rows = session.exec(
        query.order_by(Activity.created_at.desc(), Activity.id.desc()).limit(limit)
    ).all()
    return activity_views(session, rows, locale=locale, titles=task_id is None)


def list_activity(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    limit: int = 50,
    as_role: str | None = None,
    locale: str | None = None,
) -> tuple[ActivityView, ...]:
    """Return a project's latest history lines that the viewer may read, newest first.

    Args:
        viewer: Anyone on the project.
        limit: How many lines (1-200).
        as_role: ``"client"`` for a manager's preview.
        locale: Language of the sentences.

    Returns:
        The lines, with task titles.
    """
    real = permissions.require_project(session, viewer, project_id)
    access = permissions.preview_access(real, as_role)
    count = limit if isinstance(limit, int) and not isinstance(limit, bool) else 50
    return visible_history(
        session,
        viewer,
        access,
        locale=locale_for(viewer, locale),
        limit=max(1, min(count, ACTIVITY_PAGE_MAX)),
    )
