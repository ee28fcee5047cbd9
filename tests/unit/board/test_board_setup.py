"""Board setup by managers: default columns, column CRUD and WIP limits, labels."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from collab_app.models import Activity, BoardColumn, TaskLabel
from collab_app.services import board, projects
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.unit.board.support import GARBAGE_IDS, make_board, visible_ids


@pytest.fixture
def b(session, world):
    return make_board(session, world)


def names(session, viewer, project_id):
    return [c.name for c in board.load_board(session, viewer, project_id=project_id).columns]


def test_new_projects_get_the_default_columns(session, world):
    data = projects.ProjectInput(
        name="Bakery",
        client_name="Dupont",
        start_date=date(2026, 3, 1),
        quote_cents=0,
        included_rounds=2,
        billing_model="milestone",
    )
    pid = projects.create_project(
        session, world.member, collective_id=world.collective.id, data=data
    )
    keys = session.exec(
        select(BoardColumn.default_key)
        .where(BoardColumn.project_id == pid)
        .order_by(BoardColumn.position)
    ).all()
    assert keys == ["board.col_todo", "board.col_in_progress", "board.col_review", "board.col_done"]
    assert names(session, world.member, pid) == ["To do", "In progress", "Review", "Done"]


def test_ensure_default_columns_is_idempotent(session, world):
    assert board.ensure_default_columns(session, world.project.id) is True
    assert board.ensure_default_columns(session, world.project.id) is False
    session.commit()
    assert len(names(session, world.manager, world.project.id)) == 4


# --- Columns ------------------------------------------------------------------------------------


def test_manager_adds_renames_limits_moves_and_deletes_columns(session, world, b):
    new_id = board.add_column(
        session, world.manager, project_id=world.project.id, name=" Client  QA ", wip_limit="3"
    )
    assert names(session, world.manager, world.project.id)[-1] == "Client QA"
    board.rename_column(session, world.manager, column_id=new_id, name="QA")
    board.move_column(session, world.manager, column_id=new_id, index=1)
    assert names(session, world.manager, world.project.id) == [
        "To do",
        "QA",
        "In progress",
        "Review",
        "Done",
    ]
    positions = session.exec(
        select(BoardColumn.position)
        .where(BoardColumn.project_id == world.project.id)
        .order_by(BoardColumn.position)
    ).all()
    assert positions == [0, 1, 2, 3, 4]
    board.set_wip_limit(session, world.manager, column_id=new_id, wip_limit=None)
    view = board.load_board(session, world.manager, project_id=world.project.id)
    assert view.columns[1].wip_limit is None
    board.set_wip_limit(session, world.manager, column_id=new_id, wip_limit=5)
    view = board.load_board(session, world.manager, project_id=world.project.id)
    assert view.columns[1].wip_limit == 5
    board.delete_column(session, world.manager, column_id=new_id)
    assert names(session, world.manager, world.project.id) == [
        "To do",
        "In progress",
        "Review",
        "Done",
    ]
    kinds = session.exec(
        select(Activity.kind).where(Activity.task_id.is_(None)).order_by(Activity.id)
    ).all()
    assert kinds == [
        "column_added",
        "column_renamed",
        "column_moved",
        "column_limit_cleared",
        "column_limit",
        "column_deleted",
    ]
    client_lines = board.list_activity(session, world.client, project_id=world.project.id)
    assert not any(line.kind.startswith("column_") for line in client_lines)


def test_moving_a_column_to_the_end_and_beyond(session, world, b):
    board.move_column(session, world.manager, column_id=b.todo, index=99)
    assert names(session, world.manager, world.project.id) == [
        "In progress",
        "Review",
        "Done",
        "To do",
    ]


def test_done_column_keeps_its_meaning_after_rename_and_move(session, world, b):
    board.rename_column(session, world.manager, column_id=b.done, name="Shipped")
    board.move_column(session, world.manager, column_id=b.done, index=0)
    view = board.load_board(session, world.manager, project_id=world.project.id)
    assert (view.columns[0].name, view.columns[0].is_done) == ("Shipped", True)


def test_column_with_cards_cannot_be_deleted(session, world, b):
    with pytest.raises(Conflict) as info:
        board.delete_column(session, world.manager, column_id=b.todo)
    assert info.value.code == "board.column_not_empty" and info.value.params == {"count": 2}


def test_deleting_a_column_keeps_undo_of_its_deleted_cards(session, world, b):
    board.delete_task(session, world.manager, task_id=b.team_only.id)  # it was in Review
    board.delete_column(session, world.manager, column_id=b.review)
    restored = board.restore_task(session, world.manager, task_id=b.team_only.id)
    assert restored.column_id == b.todo


def test_last_column_cannot_be_deleted(session, world, b):
    for task in (b.shared, b.hidden, b.watched, b.team_only):
        board.delete_task(session, world.manager, task_id=task.id)
    for column_id in (b.doing, b.review, b.done):
        board.delete_column(session, world.manager, column_id=column_id)
    with pytest.raises(Conflict) as info:
        board.delete_column(session, world.manager, column_id=b.todo)
    assert info.value.code == "board.last_column"


@pytest.mark.parametrize(
    "name,limit,code",
    [
        ("", None, "board.column_name_required"),
        ("x" * 61, None, "board.column_name_too_long"),
        ("Ok", 0, "board.wip_invalid"),
        ("Ok", 1000, "board.wip_invalid"),
        ("Ok", "lots", "board.wip_invalid"),
        ("Ok", True, "board.wip_invalid"),
        ("Ok", 2.5, "board.wip_invalid"),
    ],
)
def test_column_validation(session, world, b, name, limit, code):
    with pytest.raises(ValidationError) as info:
        board.add_column(
            session, world.manager, project_id=world.project.id, name=name, wip_limit=limit
        )
    assert info.value.code == code


def test_at_most_twenty_columns(session, world, b):
    for i in range(16):
        board.add_column(session, world.manager, project_id=world.project.id, name=f"C{i}")
    with pytest.raises(ValidationError):
        board.add_column(session, world.manager, project_id=world.project.id, name="One more")


COLUMN_CALLS = {
    "rename": lambda s, v, cid: board.rename_column(s, v, column_id=cid, name="X"),
    "limit": lambda s, v, cid: board.set_wip_limit(s, v, column_id=cid, wip_limit=2),
    "move": lambda s, v, cid: board.move_column(s, v, column_id=cid, index=0),
    "delete": lambda s, v, cid: board.delete_column(s, v, column_id=cid),
}


@pytest.mark.parametrize("call", sorted(COLUMN_CALLS))
def test_only_managers_manage_columns(session, world, b, call):
    for role in ("member", "guest", "client"):
        with pytest.raises(PermissionDenied):
            COLUMN_CALLS[call](session, getattr(world, role), b.doing)
    with pytest.raises(NotFound):
        COLUMN_CALLS[call](session, world.outsider, b.doing)
    foreign = board.load_board(session, world.outsider, project_id=world.other_project.id)
    with pytest.raises(NotFound):
        COLUMN_CALLS[call](session, world.manager, foreign.columns[1].id)
    for raw in GARBAGE_IDS:
        with pytest.raises(NotFound):
            COLUMN_CALLS[call](session, world.manager, raw)
    with pytest.raises(PermissionDenied):
        board.add_column(session, world.member, project_id=world.project.id, name="X")


# --- Labels ---------------------------------------------------------------------------------------


def test_label_lifecycle(session, world, b):
    label = board.create_label(
        session, world.manager, project_id=world.project.id, name="Copywriting", color="purple"
    )
    assert label.color == "purple"
    board.set_labels(
        session,
        world.member,
        task_id=b.shared.id,
        label_ids=[label.id],
        expected_version=b.shared.version,
    )
    renamed = board.update_label(
        session, world.manager, label_id=label.id, name="Copy", color="pink"
    )
    assert (renamed.name, renamed.color) == ("Copy", "pink")
    view = board.load_board(session, world.client, project_id=world.project.id)
    shared = next(c for col in view.columns for c in col.cards if c.id == b.shared.id)
    assert shared.labels == (board.LabelView(label.id, "Copy", "pink"),)
    board.delete_label(session, world.manager, label_id=label.id)
    assert session.exec(select(TaskLabel)).all() == []
    assert board.load_board(session, world.client, project_id=world.project.id).labels == ()


@pytest.mark.parametrize(
    "name,color,code",
    [
        ("", "blue", "board.label_name_required"),
        ("x" * 41, "blue", "board.label_name_too_long"),
        ("Fine", "#ff0000", "board.label_color_invalid"),
        ("Fine", "javascript:alert(1)", "board.label_color_invalid"),
        ("design", "blue", "board.label_name_taken"),
    ],
)
def test_label_validation(session, world, b, name, color, code):
    board.create_label(
        session, world.manager, project_id=world.project.id, name="Design", color="red"
    )
    with pytest.raises(ValidationError) as info:
        board.create_label(
            session, world.manager, project_id=world.project.id, name=name, color=color
        )
    assert info.value.code == code


def test_same_label_name_in_another_project_is_fine(session, world, b):
    board.create_label(session, world.manager, project_id=world.project.id, name="X", color="red")
    other = board.create_label(
        session, world.outsider, project_id=world.other_project.id, name="X", color="red"
    )
    assert other.name == "X"


def test_only_managers_manage_labels(session, world, b):
    label = board.create_label(
        session, world.manager, project_id=world.project.id, name="Mine", color="red"
    )
    for role in ("member", "guest", "client"):
        viewer = getattr(world, role)
        with pytest.raises(PermissionDenied):
            board.create_label(session, viewer, project_id=world.project.id, name="X", color="red")
        with pytest.raises(PermissionDenied):
            board.update_label(session, viewer, label_id=label.id, name="X", color="red")
        with pytest.raises(PermissionDenied):
            board.delete_label(session, viewer, label_id=label.id)
    for raw in [*GARBAGE_IDS, label.id]:
        with pytest.raises(NotFound):
            board.delete_label(session, world.outsider, label_id=raw)
    assert visible_ids(session, world.manager, world.project.id)
