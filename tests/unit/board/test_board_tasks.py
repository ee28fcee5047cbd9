"""Creating, editing, moving, reordering, deleting and restoring tasks; WIP limits; versions."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from collab_app.models import Activity, Task
from collab_app.services import board
from collab_app.services.board import positions as board_positions
from collab_app.services.errors import Conflict, NotFound, ValidationError
from tests.unit.board.support import (
    TODAY,
    QueryCounter,
    activity_count,
    card,
    change_version,
    column_titles,
    create_task,
    make_board,
    positions,
    update_task,
    visible_ids,
)


@pytest.fixture
def b(session, world):
    return make_board(session, world)


def new(session, world, title, **kwargs):
    return create_task(session, world.manager, world.project.id, title=title, **kwargs)


def move(session, viewer, task, column_id, index, **kwargs):
    return board.move_task(
        session,
        viewer,
        task_id=task.id,
        column_id=column_id,
        index=index,
        expected_version=task.version,
        **kwargs,
    )


def activity_kinds(session, task_id):
    return [
        a.kind
        for a in session.exec(
            select(Activity).where(Activity.task_id == task_id).order_by(Activity.id)
        ).all()
    ]


# --- Create -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "manager", "member"])
def test_team_creates_tasks_with_all_fields(session, world, b, role):
    label = board.create_label(
        session, world.manager, project_id=world.project.id, name="Design", color="blue"
    )
    created = board.create_task(
        session,
        getattr(world, role),
        project_id=str(world.project.id),
        fields=board.TaskFields(
            title="  New   banner  ",
            description="Use **brand** colours",
            priority="urgent",
            due_date="2026-03-12",
            is_blocked=True,
        ),
        column_id=str(b.doing),
        assignee_ids=[world.guest.user_id, str(world.member.user_id)],
        label_ids=[label.id],
    )
    assert created.title == "New banner"
    assert created.column_id == b.doing
    assert created.priority == "urgent" and created.blocked is True
    assert created.due_date == date(2026, 3, 12)
    assert {p.id for p in created.assignees} == {world.guest.user_id, world.member.user_id}
    assert [lbl.name for lbl in created.labels] == ["Design"]
    assert created.version == 1
    detail = board.get_task_detail(session, world.member, task_id=created.id)
    assert detail.description_html == "<p>Use <strong>brand</strong> colours</p>\n"
    assert detail.created_by.id == getattr(world, role).user_id
    assert activity_kinds(session, created.id) == ["task_created"]


def test_create_defaults_to_first_column_and_appends(session, world, b):
    first = new(session, world, "A")
    second = new(session, world, "B")
    assert first.column_id == second.column_id == b.todo
    assert column_titles(session, world.manager, world.project.id, b.todo) == [
        "Shared homepage",
        "Secret margin",
        "A",
        "B",
    ]
    assert positions(session, b.todo) == [0, 1, 2, 3]


def test_create_at_an_index(session, world, b):
    new(session, world, "Top", index=0)
    new(session, world, "Middle", index="1")
    assert column_titles(session, world.manager, world.project.id, b.todo) == [
        "Top",
        "Middle",
        "Shared homepage",
        "Secret margin",
    ]
    assert positions(session, b.todo) == [0, 1, 2, 3]


@pytest.mark.parametrize(
    "kwargs,code,field",
    [
        ({"title": ""}, "board.title_required", "title"),
        ({"title": "   \n "}, "board.title_required", "title"),
        ({"title": None}, "board.title_required", "title"),
        ({"title": "x" * 201}, "board.title_too_long", "title"),
        ({"title": "ok", "description": "x" * 20_001}, "board.description_too_long", "description"),
        ({"title": "ok", "priority": "critical"}, "board.priority_invalid", "priority"),
        ({"title": "ok", "due_date": "2026-13-01"}, "board.due_invalid", "due_date"),
        ({"title": "ok", "due_date": "1850-01-01"}, "board.due_invalid", "due_date"),
        ({"title": "ok", "due_date": 20260301}, "board.due_invalid", "due_date"),
        ({"title": "ok", "is_blocked": "yes"}, "board.value_invalid", "is_blocked"),
        ({"title": "ok", "assignee_ids": "1,2"}, "board.value_invalid", "assignees"),
        ({"title": "ok", "assignee_ids": list(range(1, 60))}, "board.too_many", "assignees"),
        ({"title": "ok", "index": "top"}, "board.index_invalid", "index"),
    ],
)
def test_create_validates_fields(session, world, b, kwargs, code, field):
    before = session.exec(select(Task.id)).all()
    with pytest.raises(ValidationError) as info:
        create_task(session, world.manager, world.project.id, **kwargs)
    assert (info.value.code, info.value.field) == (code, field)
    assert session.exec(select(Task.id)).all() == before


def test_limits_are_inclusive(session, world, b):
    created = new(session, world, "x" * 200, description="y" * 20_000, due_date=date(2026, 3, 1))
    assert len(created.title) == 200
    assert created.due_date == date(2026, 3, 1)


def test_create_refuses_foreign_columns_and_people(session, world, b):
    other_columns = board.load_board(
        session, world.outsider, project_id=world.other_project.id
    ).columns
    with pytest.raises(NotFound):
        new(session, world, "x", column_id=other_columns[0].id)
    for person in (world.client, world.outsider):  # clients are never assignees
        with pytest.raises(NotFound):
            new(session, world, "x", assignee_ids=[person.user_id])
    foreign_label = board.create_label(
        session, world.outsider, project_id=world.other_project.id, name="Theirs", color="red"
    )
    with pytest.raises(NotFound):
        new(session, world, "x", label_ids=[foreign_label.id])


def test_titles_with_html_are_kept_as_text(session, world, b):
    created = new(session, world, "<img src=x onerror=alert(1)>", description="<script>x</script>")
    detail = board.get_task_detail(session, world.member, task_id=created.id)
    assert detail.card.title == "<img src=x onerror=alert(1)>"  # escaped by the UI as text
    assert "<script>" not in detail.description_html
    assert "&lt;script&gt;" in detail.description_html


# --- Update -----------------------------------------------------------------------------------


def test_update_changes_fields_and_bumps_version(session, world, b):
    updated = board.update_task(
        session,
        world.member,
        task_id=b.team_only.id,
        expected_version=b.team_only.version,
        fields=board.TaskFields(
            title="Team chore v2",
            priority="high",
            due_date="2026-03-10",
            description="Now with *details*",
        ),
    )
    assert (updated.title, updated.priority, updated.due_date) == (
        "Team chore v2",
        "high",
        date(2026, 3, 10),
    )
    assert updated.version == b.team_only.version + 1
    assert activity_kinds(session, b.team_only.id)[-1] == "task_updated"
    cleared = board.update_task(
        session,
        world.member,
        task_id=b.team_only.id,
        expected_version=updated.version,
        fields=board.TaskFields(due_date=None),
    )
    assert cleared.due_date is None and cleared.title == "Team chore v2"


def test_update_without_change_keeps_version(session, world, b):
    same = board.update_task(
        session,
        world.member,
        task_id=b.team_only.id,
        expected_version=b.team_only.version,
        fields=board.TaskFields(title="Team chore"),
    )
    assert same.version == b.team_only.version


def test_stale_update_is_refused_and_nothing_is_overwritten(session, world, b):
    first = board.update_task(
        session,
        world.manager,
        task_id=b.shared.id,
        expected_version=b.shared.version,
        fields=board.TaskFields(title="Manager's title"),
    )
    with pytest.raises(Conflict) as info:
        board.update_task(
            session,
            world.member,
            task_id=b.shared.id,
            expected_version=b.shared.version,
            fields=board.TaskFields(title="Member's title"),
        )
    assert info.value.code == "board.stale"
    assert card(session, world.manager, b.shared.id).title == "Manager's title"
    assert card(session, world.manager, b.shared.id).version == first.version


@pytest.mark.parametrize("version", [None, "abc", -1, 0, 1.5, True, [1], 10**12])
def test_garbage_versions_are_stale(session, world, b, version):
    with pytest.raises(Conflict):
        update_task(session, world.member, b.shared.id, version, title="x")


def test_version_as_string_is_accepted(session, world, b):
    updated = board.update_task(
        session,
        world.member,
        task_id=b.shared.id,
        expected_version=str(b.shared.version),
        fields=board.TaskFields(title="From a form"),
    )
    assert updated.title == "From a form"


def test_the_guarded_write_itself_refuses_a_concurrent_change(session, world, b):
    """The UPDATE ... WHERE version = ? check holds even if the early check passed."""
    task = session.get(Task, b.shared.id)
    with pytest.raises(Conflict):
        board_positions.guarded_update(session, task, b.shared.version + 5, title="never")
    assert card(session, world.manager, b.shared.id).title == "Shared homepage"


def test_blocked_and_hidden_flags_record_their_own_history(session, world, b):
    blocked = board.update_task(
        session,
        world.member,
        task_id=b.shared.id,
        expected_version=b.shared.version,
        fields=board.TaskFields(is_blocked=True),
    )
    assert blocked.blocked is True
    hidden = board.update_task(
        session,
        world.manager,
        task_id=b.shared.id,
        expected_version=blocked.version,
        fields=board.TaskFields(hidden_from_client=True),
    )
    assert hidden.hidden is True
    kinds = activity_kinds(session, b.shared.id)
    assert kinds[-2:] == ["task_blocked", "task_hidden"]
    hidden_line = session.exec(
        select(Activity).where(Activity.task_id == b.shared.id, Activity.kind == "task_hidden")
    ).one()
    assert hidden_line.client_visible is False


# --- Move and reorder ---------------------------------------------------------------------------


def test_move_between_columns_keeps_positions_dense(session, world, b):
    moved = move(session, world.member, b.shared, b.review, 0)
    assert moved.column_id == b.review and moved.version == b.shared.version + 1
    assert column_titles(session, world.manager, world.project.id, b.review) == [
        "Shared homepage",
        "Team chore",
    ]
    assert positions(session, b.review) == [0, 1]
    assert positions(session, b.todo) == [0]
    kinds = activity_kinds(session, b.shared.id)
    assert kinds[-1] == "task_moved"
    detail = board.get_task_detail(session, world.client, task_id=b.shared.id, locale="fr")
    assert detail.activity[0].text == "Member a déplacé la carte de « À faire » vers « En revue »"


def test_a_move_between_columns_costs_nine_statements(session, world, b):
    """The board's hot path: the task with the mover's roles, the project's lock (PostgreSQL
    only: SQLite has no row lock, its first write takes the database's), the columns, the
    approval check, the guarded update (naming its project: the change signal reads nothing),
    both columns' positions in one read and one write, the history line and the project's
    change version; more would be a regression."""
    a = new(session, world, "A")
    new(session, world, "C", column_id=b.doing)
    session.expunge_all()
    with QueryCounter(session) as counter:
        move(session, world.member, a, b.doing, 0, with_card=False)
    assert counter.count == (8 if session.get_bind().dialect.name == "sqlite" else 9)
    assert column_titles(session, world.manager, world.project.id, b.doing) == [
        "A",
        "Watched logo",
        "C",
    ]
    assert positions(session, b.doing) == [0, 1, 2]
    assert positions(session, b.todo) == [0, 1]


def test_reorder_within_a_column(session, world, b):
    a, c = new(session, world, "A"), new(session, world, "C")
    # todo: Shared homepage, Secret margin, A, C
    move(session, world.member, c, b.todo, 0)
    assert column_titles(session, world.manager, world.project.id, b.todo) == [
        "C",
        "Shared homepage",
        "Secret margin",
        "A",
    ]
    move(session, world.member, card(session, world.member, a.id), b.todo, 1)
    assert column_titles(session, world.manager, world.project.id, b.todo) == [
        "C",
        "A",
        "Shared homepage",
        "Secret margin",
    ]
    move(session, world.member, card(session, world.member, b.shared.id), b.todo, 99)
    assert column_titles(session, world.manager, world.project.id, b.todo) == [
        "C",
        "A",
        "Secret margin",
        "Shared homepage",
    ]
    assert positions(session, b.todo) == [0, 1, 2, 3]
    assert activity_kinds(session, b.shared.id)[-1] == "task_reordered"


def test_moving_to_the_same_place_changes_nothing(session, world, b):
    before = change_version(session, world.project.id)
    same = move(session, world.member, b.shared, b.todo, 0)
    assert same.version == b.shared.version
    assert change_version(session, world.project.id) == before


def test_stale_move_is_refused(session, world, b):
    move(session, world.member, b.shared, b.doing, 0)
    with pytest.raises(Conflict) as info:
        move(session, world.manager, b.shared, b.review, 0)  # still carries the old version
    assert info.value.code == "board.stale"
    assert card(session, world.manager, b.shared.id).column_id == b.doing


def test_move_refuses_foreign_and_garbage_columns(session, world, b):
    foreign = board.load_board(session, world.outsider, project_id=world.other_project.id)
    for column_id in (foreign.columns[0].id, "abc", None, -3, 10**30):
        with pytest.raises(NotFound):
            move(session, world.member, b.shared, column_id, 0)
    with pytest.raises(ValidationError):
        move(session, world.member, b.shared, b.doing, "first")


def test_guest_index_counts_only_cards_the_guest_sees(session, world, b):
    # Review holds cards the guest does not see. With nothing visible there, the card goes to
    # the end; then indexes count among the guest's visible cards only.
    new(session, world, "Other review", column_id=b.review)
    move(session, world.guest, b.shared, b.review, 0)
    assert column_titles(session, world.manager, world.project.id, b.review) == [
        "Team chore",
        "Other review",
        "Shared homepage",
    ]
    watched = card(session, world.guest, b.watched.id)
    moved = move(session, world.guest, watched, b.review, 1)  # after the guest's last card
    assert column_titles(session, world.manager, world.project.id, b.review) == [
        "Team chore",
        "Other review",
        "Shared homepage",
        "Watched logo",
    ]
    move(session, world.guest, moved, b.review, 0)  # before the guest's first card
    assert column_titles(session, world.manager, world.project.id, b.review) == [
        "Team chore",
        "Other review",
        "Watched logo",
        "Shared homepage",
    ]
    assert column_titles(session, world.guest, world.project.id, b.review) == [
        "Watched logo",
        "Shared homepage",
    ]
    assert positions(session, b.review) == [0, 1, 2, 3]


def test_done_column_sets_and_clears_completion(session, world, b):
    done = move(session, world.member, b.shared, b.done, 0)
    assert session.get(Task, b.shared.id).completed_at is not None
    move(session, world.member, done, b.doing, 0)
    assert session.exec(select(Task.completed_at).where(Task.id == b.shared.id)).one() is None


# --- WIP limits -------------------------------------------------------------------------------


def test_moving_into_a_full_column_asks_for_confirmation(session, world, b):
    board.set_wip_limit(session, world.manager, column_id=b.review, wip_limit=1)
    with pytest.raises(board.WipLimitReached) as info:
        move(session, world.member, b.shared, b.review, 0, locale="fr")
    assert info.value.code == "board.wip_confirm"
    assert isinstance(info.value, Conflict)
    assert info.value.params == {"column": "En revue", "limit": 1, "count": 1}
    assert card(session, world.member, b.shared.id).column_id == b.todo  # nothing moved
    moved = move(session, world.member, b.shared, b.review, 0, confirm_over_limit=True)
    assert moved.column_id == b.review
    view = board.load_board(session, world.member, project_id=world.project.id)
    review = next(c for c in view.columns if c.id == b.review)
    assert (review.count, review.wip_limit, review.over_limit) == (2, 1, True)


def test_reordering_inside_a_full_column_does_not_ask(session, world, b):
    board.set_wip_limit(session, world.manager, column_id=b.todo, wip_limit=2)
    moved = move(session, world.member, b.shared, b.todo, 1)
    assert moved.column_id == b.todo


def test_guest_moving_into_a_full_column_is_not_told_about_it(session, world, b):
    """WIP counts and limits are the team's: the prompt would reveal cards the guest cannot see."""
    board.set_wip_limit(session, world.manager, column_id=b.review, wip_limit=1)
    assert move(session, world.guest, b.shared, b.review, 0).column_id == b.review


def test_creating_into_a_full_column_asks_for_confirmation(session, world, b):
    board.set_wip_limit(session, world.manager, column_id=b.review, wip_limit=1)
    with pytest.raises(board.WipLimitReached):
        new(session, world, "One too many", column_id=b.review)
    created = new(session, world, "One too many", column_id=b.review, confirm_over_limit=True)
    assert created.column_id == b.review


def test_column_at_its_limit_is_not_over_it(session, world, b):
    board.set_wip_limit(session, world.manager, column_id=b.todo, wip_limit=2)
    view = board.load_board(session, world.member, project_id=world.project.id)
    todo = next(c for c in view.columns if c.id == b.todo)
    assert (todo.count, todo.over_limit) == (2, False)


# --- Delete and restore -----------------------------------------------------------------------


def test_delete_then_restore_puts_the_card_back(session, world, b):
    new(session, world, "After")
    board.delete_task(session, world.member, task_id=b.shared.id)
    assert b.shared.id not in visible_ids(session, world.manager, world.project.id)
    assert positions(session, b.todo) == [0, 1]
    with pytest.raises(NotFound):
        board.get_task_detail(session, world.manager, task_id=b.shared.id)
    restored = board.restore_task(session, world.member, task_id=b.shared.id)
    assert restored.column_id == b.todo
    assert column_titles(session, world.manager, world.project.id, b.todo) == [
        "Shared homepage",
        "Secret margin",
        "After",
    ]
    assert positions(session, b.todo) == [0, 1, 2]
    assert activity_kinds(session, b.shared.id)[-2:] == ["task_deleted", "task_restored"]
    assert b.shared.id in visible_ids(session, world.guest, world.project.id)


def test_restore_refuses_live_tasks_and_non_team(session, world, b):
    with pytest.raises(NotFound):
        board.restore_task(session, world.member, task_id=b.shared.id)
    board.delete_task(session, world.member, task_id=b.shared.id)
    for viewer in (world.guest, world.client, world.outsider):
        with pytest.raises(NotFound):
            board.restore_task(session, viewer, task_id=b.shared.id)


def test_stale_delete_is_refused(session, world, b):
    board.update_task(
        session,
        world.member,
        task_id=b.shared.id,
        expected_version=b.shared.version,
        fields=board.TaskFields(title="v2"),
    )
    with pytest.raises(Conflict):
        board.delete_task(
            session, world.manager, task_id=b.shared.id, expected_version=b.shared.version
        )
    assert b.shared.id in visible_ids(session, world.manager, world.project.id)
    board.delete_task(session, world.manager, task_id=b.shared.id)  # no version: any version
    assert b.shared.id not in visible_ids(session, world.manager, world.project.id)


# --- People and labels --------------------------------------------------------------------------


def test_set_assignees_replaces_the_list(session, world, b):
    updated = board.set_assignees(
        session,
        world.member,
        task_id=b.shared.id,
        user_ids=[world.member.user_id, world.manager.user_id],
        expected_version=b.shared.version,
    )
    assert [p.name for p in updated.assignees] == ["Manager", "Member"]
    assert updated.version == b.shared.version + 1
    assert b.shared.id not in visible_ids(session, world.guest, world.project.id)
    line = session.exec(
        select(Activity).where(
            Activity.task_id == b.shared.id, Activity.kind == "assignees_changed"
        )
    ).one()
    detail = board.get_task_detail(session, world.manager, task_id=b.shared.id)
    text = next(a.text for a in detail.activity if a.id == line.id)
    assert text == "Member changed the assignees (added: Manager, Member; removed: Guest)"
    with pytest.raises(Conflict):
        board.set_assignees(
            session, world.member, task_id=b.shared.id, user_ids=[], expected_version=1
        )


def test_set_labels_and_watchers(session, world, b):
    urgent = board.create_label(
        session, world.manager, project_id=world.project.id, name="Urgent", color="red"
    )
    design = board.create_label(
        session, world.manager, project_id=world.project.id, name="design", color="teal"
    )
    labelled = board.set_labels(
        session,
        world.member,
        task_id=b.team_only.id,
        label_ids=[urgent.id, design.id],
        expected_version=b.team_only.version,
    )
    assert [(lbl.name, lbl.color) for lbl in labelled.labels] == [
        ("design", "teal"),
        ("Urgent", "red"),
    ]
    watched = board.set_watchers(
        session,
        world.member,
        task_id=b.team_only.id,
        user_ids=[world.guest.user_id],
        expected_version=labelled.version,
    )
    assert watched.version == labelled.version + 1
    assert b.team_only.id in visible_ids(session, world.guest, world.project.id)
    detail = board.get_task_detail(session, world.guest, task_id=b.team_only.id)
    assert [w.name for w in detail.watchers] == ["Guest"] and detail.card.watching is True


def test_watch_and_unwatch_self(session, world, b):
    assert board.set_watching(session, world.member, task_id=b.shared.id, watching=True) is True
    assert card(session, world.member, b.shared.id).watching is True
    assert card(session, world.manager, b.shared.id).watching is False
    assert board.set_watching(session, world.member, task_id=b.shared.id, watching=True) is True
    assert board.set_watching(session, world.member, task_id=b.shared.id, watching=False) is False
    assert card(session, world.member, b.shared.id).watching is False
    with pytest.raises(ValidationError):
        board.set_watching(session, world.member, task_id=b.shared.id, watching="yes")


def test_guest_who_stops_watching_loses_the_task(session, world, b):
    board.set_watching(session, world.guest, task_id=b.watched.id, watching=False)
    assert b.watched.id not in visible_ids(session, world.guest, world.project.id)
    with pytest.raises(NotFound):
        board.set_watching(session, world.guest, task_id=b.watched.id, watching=True)


# --- Every change records history and signals the change ------------------------------------------


CHANGES = {
    "create": lambda s, w, b: board.create_task(
        s, w.member, project_id=w.project.id, fields=board.TaskFields(title="n")
    ),
    "update": lambda s, w, b: board.update_task(
        s,
        w.member,
        task_id=b.shared.id,
        expected_version=b.shared.version,
        fields=board.TaskFields(priority="low"),
    ),
    "move": lambda s, w, b: move(s, w.guest, b.shared, b.doing, 0),
    "reorder": lambda s, w, b: move(s, w.member, b.shared, b.todo, 1),
    "delete": lambda s, w, b: board.delete_task(s, w.member, task_id=b.shared.id),
    "assignees": lambda s, w, b: board.set_assignees(
        s, w.member, task_id=b.shared.id, user_ids=[], expected_version=b.shared.version
    ),
    "watchers": lambda s, w, b: board.set_watchers(
        s,
        w.member,
        task_id=b.shared.id,
        user_ids=[w.member.user_id],
        expected_version=b.shared.version,
    ),
    "watch": lambda s, w, b: board.set_watching(s, w.client, task_id=b.shared.id, watching=True),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_every_change_records_history_and_bumps_the_project(session, world, b, change):
    version, lines = (
        change_version(session, world.project.id),
        activity_count(session, world.project.id),
    )
    CHANGES[change](session, world, b)
    assert change_version(session, world.project.id) > version
    assert activity_count(session, world.project.id) > lines


def test_due_states_relative_to_today(session, world, b):
    overdue = new(session, world, "Late", due_date="2026-03-10")
    soon = new(session, world, "Soon", due_date="2026-03-13")
    later = new(session, world, "Later", due_date="2026-03-14")
    finished = new(session, world, "Finished late", due_date="2026-03-01", column_id=b.done)
    view = board.load_board(session, world.member, project_id=world.project.id, today=TODAY)
    states = {c.id: c.due_state for col in view.columns for c in col.cards}
    assert states[overdue.id] == "overdue"
    assert states[soon.id] == "soon"
    assert states[later.id] == "none"
    assert states[finished.id] == "none"  # done tasks are never overdue
