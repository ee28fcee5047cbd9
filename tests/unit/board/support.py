"""Helpers shared by the board tests (no tests here): a board on the standard ``world``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import event, func
from sqlmodel import Session, select

from collab_app.models import Activity, BoardColumn, Project
from collab_app.services import board
from collab_app.services.board import ensure_default_columns

TODAY = date(2026, 3, 11)  # a Wednesday


def create_task(session: Session, viewer, project_id: int, **kwargs) -> board.CardView:
    """Call ``board.create_task`` with the task's fields among the other keywords (for tests).

    Args:
        viewer: Who creates the task.
        project_id: The project.
        **kwargs: ``TaskFields`` fields and ``create_task``'s other keywords, mixed.

    Returns:
        The new card.
    """
    names = {f.name for f in fields(board.TaskFields)}
    task_fields = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
    return board.create_task(
        session, viewer, project_id=project_id, fields=board.TaskFields(**task_fields), **kwargs
    )


def update_task(
    session: Session, viewer, task_id: int, version: object, **task_fields
) -> board.CardView:
    """Call ``board.update_task`` with the task's fields as keywords (for tests).

    Args:
        viewer: Who edits the task.
        task_id: The task.
        version: The version sent back.
        **task_fields: ``TaskFields`` fields.

    Returns:
        The card after the change.
    """
    return board.update_task(
        session,
        viewer,
        task_id=task_id,
        expected_version=version,
        fields=board.TaskFields(**task_fields),
    )


@dataclass
class Board:
    """The world's project with default columns, and a few tasks seen differently per role.

    - ``shared``: visible to the client, assigned to the guest;
    - ``hidden``: hidden from the client, no guest;
    - ``watched``: visible to the client, watched by the guest;
    - ``team_only``: visible to the client, neither assigned to nor watched by the guest.
    """

    project: Project
    todo: int
    doing: int
    review: int
    done: int
    shared: board.CardView
    hidden: board.CardView
    watched: board.CardView
    team_only: board.CardView
    other_task: board.CardView


def columns_of(session: Session, project_id: int) -> list[int]:
    return list(
        session.exec(
            select(BoardColumn.id)
            .where(BoardColumn.project_id == project_id)
            .order_by(BoardColumn.position)
        ).all()
    )


def make_board(session: Session, world) -> Board:
    ensure_default_columns(session, world.project.id)
    ensure_default_columns(session, world.other_project.id)
    session.commit()
    todo, doing, review, done = columns_of(session, world.project.id)
    m = world.manager
    shared = board.create_task(
        session,
        m,
        project_id=world.project.id,
        fields=board.TaskFields(title="Shared homepage"),
        assignee_ids=[world.guest.user_id],
    )
    hidden = board.create_task(
        session,
        m,
        project_id=world.project.id,
        fields=board.TaskFields(title="Secret margin", hidden_from_client=True),
    )
    watched = board.create_task(
        session,
        m,
        project_id=world.project.id,
        fields=board.TaskFields(title="Watched logo"),
        column_id=doing,
    )
    board.set_watchers(
        session,
        m,
        task_id=watched.id,
        user_ids=[world.guest.user_id],
        expected_version=watched.version,
    )
    team_only = board.create_task(
        session,
        m,
        project_id=world.project.id,
        fields=board.TaskFields(title="Team chore"),
        column_id=review,
    )
    other_task = board.create_task(
        session,
        world.outsider,
        project_id=world.other_project.id,
        fields=board.TaskFields(title="Elsewhere secret"),
    )
    return Board(
        project=world.project,
        todo=todo,
        doing=doing,
        review=review,
        done=done,
        shared=shared,
        hidden=hidden,
        watched=card(session, m, watched.id),
        team_only=team_only,
        other_task=other_task,
    )


def card(session: Session, viewer, task_id: int) -> board.CardView:
    """The card of a task as ``viewer`` sees it on the board (fails if not on it)."""
    for column in board.load_board(
        session, viewer, project_id=_project_of(session, task_id), today=TODAY
    ).columns:
        for c in column.cards:
            if c.id == task_id:
                return c
    raise AssertionError(f"task {task_id} not on the board")


def _project_of(session: Session, task_id: int) -> int:
    from collab_app.models import Task

    return session.exec(select(Task.project_id).where(Task.id == task_id)).one()


def visible_ids(session: Session, viewer, project_id: int, **kwargs) -> set[int]:
    view = board.load_board(session, viewer, project_id=project_id, today=TODAY, **kwargs)
    return {c.id for column in view.columns for c in column.cards}


def column_titles(session: Session, viewer, project_id: int, column_id: int) -> list[str]:
    view = board.load_board(session, viewer, project_id=project_id, today=TODAY)
    column = next(c for c in view.columns if c.id == column_id)
    return [c.title for c in column.cards]


def positions(session: Session, column_id: int) -> list[int]:
    from collab_app.models import Task

    return list(
        session.exec(
            select(Task.position)
            .where(Task.column_id == column_id, Task.deleted_at.is_(None))
            .order_by(Task.position)
        ).all()
    )


def change_version(session: Session, project_id: int) -> int:
    return session.exec(select(Project.change_version).where(Project.id == project_id)).one()


def activity_count(session: Session, project_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(Activity).where(Activity.project_id == project_id)
    ).one()


class QueryCounter:
    """Counts SQL statements sent through the session's engine while active."""

    def __init__(self, session: Session) -> None:
        self.engine = session.get_bind()
        self.count = 0

    def _before(self, *_args, **_kwargs) -> None:
        self.count += 1

    def __enter__(self) -> QueryCounter:
        event.listen(self.engine, "before_cursor_execute", self._before)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)


GARBAGE_IDS = ["abc", -1, 0, 10**30, None, [1], {"id": 1}, 1.5, True, "1 OR 1=1", ""]
