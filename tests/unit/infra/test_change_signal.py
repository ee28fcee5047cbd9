"""The change signal: every committed visible write moves its project's version, once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, event, update
from sqlmodel import SQLModel, select

from collab_app.models import (
    BoardColumn,
    Comment,
    Notification,
    Project,
    Task,
    TaskWatcher,
)
from collab_app.services import board, change_signal, files, notifications, time_tracking
from collab_app.services.billing import deliverables
from collab_app.services.board import ensure_default_columns
from collab_app.services.board.positions import guarded_update
from collab_app.services.change_signal import mark_changed
from collab_app.services.errors import ValidationError
from tests.unit.board.support import QueryCounter


def _version(session, project) -> int:
    return session.exec(select(Project.change_version).where(Project.id == project.id)).one()


def _versions(session, world) -> tuple[int, int]:
    return _version(session, world.project), _version(session, world.other_project)


@pytest.fixture
def task(session, world) -> Task:
    column = BoardColumn(project_id=world.project.id, name="To do", position=0)
    session.add(column)
    session.flush()
    row = Task(
        project_id=world.project.id,
        column_id=column.id,
        title="Logo",
        created_by_id=world.manager.user_id,
    )
    session.add(row)
    session.commit()
    return row


def test_a_write_moves_its_project_once_at_commit(session, world, task):
    before, other = _versions(session, world)
    task.title = "Logo v2"
    session.add(task)
    session.flush()
    task.priority = "high"
    session.add(task)
    session.flush()
    assert _version(session, world.project) == before  # not before the commit
    session.commit()
    assert _versions(session, world) == (before + 1, other)


def test_the_same_values_given_back_move_nothing(session, world, task):
    before = _version(session, world.project)
    task.title = task.title
    session.add(task)
    session.commit()
    assert _version(session, world.project) == before


def test_a_row_without_project_moves_the_project_of_its_parent(session, world, task):
    before, other = _versions(session, world)
    session.add(TaskWatcher(task_id=task.id, user_id=world.member.user_id))
    session.commit()
    assert _versions(session, world) == (before + 1, other)
    session.add(Comment(task_id=task.id, author_id=world.member.user_id, body="Hi"))
    session.commit()
    assert _versions(session, world) == (before + 2, other)
    session.exec(delete(TaskWatcher).where(TaskWatcher.task_id == task.id))
    session.commit()
    assert _versions(session, world) == (before + 3, other)


def test_bulk_updates_move_the_projects_of_the_rows_they_match(session, world, task):
    before, other = _versions(session, world)
    guarded = session.exec(
        update(Task)
        .where(Task.id == task.id, Task.version == task.version + 10)
        .values(version=Task.version + 1)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    assert guarded.rowcount == 0
    assert _versions(session, world) == (before, other)
    session.exec(
        update(Task)
        .where(Task.id == task.id, Task.version == task.version)
        .values(version=Task.version + 1, title="Moved")
        .execution_options(synchronize_session=False)
    )
    session.commit()
    assert _versions(session, world) == (before + 1, other)


def test_a_bulk_update_naming_its_project_reads_no_rows_first(session, world, task):
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    before, other = _versions(session, world)
    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    try:
        session.exec(
            update(Task)
            .where(Task.id == task.id, Task.version == task.version)
            .values(version=Task.version + 1, title="Moved")
            .execution_options(
                synchronize_session=False, **change_signal.of_project(world.project.id)
            )
        )
    finally:
        event.remove(engine, "before_cursor_execute", note)
    session.commit()
    assert [s.split()[0] for s in statements] == ["UPDATE"]  # no SELECT of the rows' projects
    assert _versions(session, world) == (before + 1, other)


def test_a_version_guarded_task_write_gives_its_project(session, world, task):
    before, other = _versions(session, world)
    with QueryCounter(session) as counter:
        guarded_update(session, task, task.version, title="Guarded")
    session.commit()
    assert counter.count == 1  # the UPDATE alone
    assert _versions(session, world) == (before + 1, other)


def test_the_project_row_itself_moves_once(session, world):
    before, other = _versions(session, world)
    project = session.get(Project, world.project.id)
    project.name = "Website 2"
    session.add(project)
    session.commit()
    assert _versions(session, world) == (before + 1, other)
    session.exec(update(Project).where(Project.id == world.project.id).values(quote_cents=1))
    session.commit()
    assert _versions(session, world) == (before + 2, other)


def test_rows_no_project_screen_shows_move_nothing(session, world, task):
    before = _version(session, world.project)
    session.add(
        Notification(
            user_id=world.member.user_id,
            project_id=world.project.id,
            kind="comment",
            category="comments",
        )
    )
    session.commit()
    session.exec(update(Notification).values(path="/x"))
    session.commit()
    assert _version(session, world.project) == before


def test_a_rolled_back_transaction_moves_nothing(session, world, task):
    before = _versions(session, world)
    task.title = "Never"
    session.add(task)
    session.flush()
    mark_changed(session, world.other_project.id)
    session.rollback()
    session.commit()
    assert _versions(session, world) == before


def test_the_process_knows_which_projects_it_changed_since_a_mark(session, world, task):
    mark = change_signal.changes_mark()
    task.title = "Never"
    session.add(task)
    session.flush()
    session.rollback()  # nothing committed: nothing changed here
    session.commit()
    assert not change_signal.changed_here_since(world.project.id, mark)
    task = session.get(Task, task.id)
    task.title = "Logo v3"
    session.add(task)
    session.commit()
    assert change_signal.changed_here_since(world.project.id, mark)
    assert not change_signal.changed_here_since(world.other_project.id, mark)
    # A mark taken after the commit: nothing since.
    assert not change_signal.changed_here_since(world.project.id, change_signal.changes_mark())


def test_a_change_no_row_records_is_marked_by_hand(session, world):
    before, other = _versions(session, world)
    mark_changed(session, world.other_project.id)
    mark_changed(session, world.other_project.id)
    session.commit()
    assert _versions(session, world) == (before, other + 1)


def test_every_table_is_tied_to_a_project_or_known_not_to_be():
    """A new table must say how its writes reach the change signal (fails until it does)."""
    global_tables = {
        "user",
        "authsession",
        "loginattempt",
        "collective",
        "collectivemember",
        "project",
        "fileblob",
        "filechunk",
        "billingprofile",
        "collectivebilling",
        "invoicecounter",
        "notificationpreference",
        "notificationsettings",
        "unsubscribetoken",
    }
    unseen = {model.__tablename__ for model in change_signal._UNSEEN}
    untied = []
    for table in SQLModel.metadata.sorted_tables:
        model = next(m.class_ for m in SQLModel._sa_registry.mappers if m.local_table is table)
        scoped = "project_id" in table.c or change_signal._parent_of(model) is not None
        if not scoped and table.name not in global_tables | unseen:
            untied.append(table.name)
    assert untied == []


def _board_write(session, world):
    ensure_default_columns(session, world.project.id)
    session.commit()
    before = _version(session, world.project)
    board.create_task(
        session, world.manager, project_id=world.project.id, fields=board.TaskFields(title="Logo")
    )
    return before


def _files_write(session, world):
    before = _version(session, world.project)
    files.create_folder(session, world.member, project_id=world.project.id, name="Briefs")
    return before


def _time_write(session, world):
    before = _version(session, world.project)
    time_tracking.log_time(
        session,
        world.member,
        project_id=world.project.id,
        work_date="2026-02-10",
        duration="2",
        now=datetime(2026, 2, 10, 12, tzinfo=UTC),
    )
    return before


def _billing_write(session, world):
    before = _version(session, world.project)
    deliverables.add_deliverable(
        session,
        world.manager,
        project_id=world.project.id,
        kind="milestone",
        name="Mockups",
        amount="1200",
    )
    return before


@pytest.mark.parametrize(
    "write", [_board_write, _files_write, _time_write, _billing_write], ids=lambda w: w.__name__
)
def test_each_areas_writes_move_their_project_once(session, world, write):
    other = _version(session, world.other_project)
    before = write(session, world)
    assert _versions(session, world) == (before + 1, other)


def test_refused_writes_and_personal_settings_move_nothing(session, world):
    files.create_folder(session, world.member, project_id=world.project.id, name="Briefs")
    before = _versions(session, world)
    with pytest.raises(ValidationError):
        files.create_folder(session, world.member, project_id=world.project.id, name="Briefs")
    notifications.set_mode(session, world.member, category="comments", mode="digest")
    notifications.mark_all_read(session, world.member)
    assert _versions(session, world) == before
