"""Who sees and may change which task: the board's permission rules, role by role."""

from __future__ import annotations

import pytest

from collab_app.services import board
from collab_app.services.board import comments
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.projects import recap
from tests.unit.board.support import (
    GARBAGE_IDS,
    TODAY,
    make_board,
    update_task,
    visible_ids,
)


@pytest.fixture
def b(session, world):
    return make_board(session, world)


# --- Visibility -----------------------------------------------------------------------------


def test_team_sees_every_task(session, world, b):
    everything = {b.shared.id, b.hidden.id, b.watched.id, b.team_only.id}
    for viewer in (world.owner, world.manager, world.member):
        assert visible_ids(session, viewer, world.project.id) == everything


def test_guest_sees_only_assigned_or_watched_tasks(session, world, b):
    assert visible_ids(session, world.guest, world.project.id) == {b.shared.id, b.watched.id}


def test_client_sees_only_tasks_not_hidden(session, world, b):
    assert visible_ids(session, world.client, world.project.id) == {
        b.shared.id,
        b.watched.id,
        b.team_only.id,
    }


def test_outsider_cannot_load_the_board(session, world, b):
    with pytest.raises(NotFound):
        board.load_board(session, world.outsider, project_id=world.project.id)


def test_hidden_flag_is_only_shown_to_the_team(session, world, b):
    def hidden_flags(viewer):
        view = board.load_board(session, viewer, project_id=world.project.id, today=TODAY)
        return {c.id: c.hidden for col in view.columns for c in col.cards}

    assert hidden_flags(world.manager)[b.hidden.id] is True
    assert hidden_flags(world.member)[b.hidden.id] is True
    assert not any(hidden_flags(world.client).values())
    assert not any(hidden_flags(world.guest).values())


def test_non_team_viewers_get_no_wip_information(session, world, b):
    board.set_wip_limit(session, world.manager, column_id=b.todo, wip_limit=1)
    for viewer in (world.guest, world.client):
        view = board.load_board(session, viewer, project_id=world.project.id)
        todo = next(c for c in view.columns if c.id == b.todo)
        assert todo.wip_limit is None and todo.over_limit is False
    # The client counts only the cards it sees (the hidden card is not counted).
    client_view = board.load_board(session, world.client, project_id=world.project.id)
    assert next(c for c in client_view.columns if c.id == b.todo).count == 1
    team_view = board.load_board(session, world.member, project_id=world.project.id)
    todo = next(c for c in team_view.columns if c.id == b.todo)
    assert (todo.count, todo.wip_limit, todo.over_limit) == (2, 1, True)


def test_detail_of_hidden_task_is_not_found_for_client(session, world, b):
    with pytest.raises(NotFound):
        board.get_task_detail(session, world.client, task_id=b.hidden.id)
    with pytest.raises(NotFound):
        board.get_task_detail(session, world.guest, task_id=b.team_only.id)
    assert (
        board.get_task_detail(session, world.guest, task_id=b.watched.id).card.title
        == "Watched logo"
    )


def test_unhiding_a_task_shows_it_to_the_client(session, world, b):
    board.update_task(
        session,
        world.manager,
        task_id=b.hidden.id,
        expected_version=b.hidden.version,
        fields=board.TaskFields(hidden_from_client=False),
    )
    assert b.hidden.id in visible_ids(session, world.client, world.project.id)


# --- Ids that must answer "not found" -------------------------------------------------------

TASK_CALLS = {
    "detail": lambda s, v, tid: board.get_task_detail(s, v, task_id=tid),
    "update": lambda s, v, tid: board.update_task(
        s, v, task_id=tid, expected_version=1, fields=board.TaskFields(title="x")
    ),
    "move": lambda s, v, tid: board.move_task(
        s, v, task_id=tid, column_id=1, index=0, expected_version=1
    ),
    "delete": lambda s, v, tid: board.delete_task(s, v, task_id=tid),
    "restore": lambda s, v, tid: board.restore_task(s, v, task_id=tid),
    "assignees": lambda s, v, tid: board.set_assignees(
        s, v, task_id=tid, user_ids=[], expected_version=1
    ),
    "labels": lambda s, v, tid: board.set_labels(
        s, v, task_id=tid, label_ids=[], expected_version=1
    ),
    "watchers": lambda s, v, tid: board.set_watchers(
        s, v, task_id=tid, user_ids=[], expected_version=1
    ),
    "watch": lambda s, v, tid: board.set_watching(s, v, task_id=tid, watching=True),
    "comment": lambda s, v, tid: comments.add_comment(s, v, task_id=tid, body="hello"),
    "comments": lambda s, v, tid: comments.list_comments(s, v, task_id=tid),
}


@pytest.mark.parametrize("call", sorted(TASK_CALLS))
def test_garbage_task_ids_are_not_found(session, world, b, call):
    for raw in GARBAGE_IDS:
        with pytest.raises(NotFound):
            TASK_CALLS[call](session, world.manager, raw)


@pytest.mark.parametrize("call", sorted(TASK_CALLS))
def test_foreign_task_is_not_found(session, world, b, call):
    for viewer in (world.manager, world.member, world.guest, world.client):
        with pytest.raises(NotFound):
            TASK_CALLS[call](session, viewer, b.other_task.id)
        with pytest.raises(NotFound):
            TASK_CALLS[call](session, viewer, str(b.other_task.id))


@pytest.mark.parametrize("call", sorted(TASK_CALLS))
def test_hidden_task_is_not_found_for_client_and_guest(session, world, b, call):
    for viewer, tid in ((world.client, b.hidden.id), (world.guest, b.team_only.id)):
        with pytest.raises(NotFound):
            TASK_CALLS[call](session, viewer, tid)
        with pytest.raises(NotFound):
            TASK_CALLS[call](session, viewer, str(tid))


@pytest.mark.parametrize("call", sorted(TASK_CALLS))
def test_missing_task_id_is_not_found(session, world, b, call):
    with pytest.raises(NotFound):
        TASK_CALLS[call](session, world.manager, 999_999)


@pytest.mark.parametrize("call", sorted(set(TASK_CALLS) - {"restore"}))
def test_deleted_task_is_not_found(session, world, b, call):
    board.delete_task(session, world.manager, task_id=b.team_only.id)
    with pytest.raises(NotFound):
        TASK_CALLS[call](session, world.manager, b.team_only.id)


def test_garbage_project_ids_are_not_found(session, world, b):
    for raw in GARBAGE_IDS:
        with pytest.raises(NotFound):
            board.load_board(session, world.manager, project_id=raw)
        with pytest.raises(NotFound):
            board.create_task(
                session, world.manager, project_id=raw, fields=board.TaskFields(title="x")
            )
        with pytest.raises(NotFound):
            recap.project_recap(session, world.manager, project_id=raw)
        with pytest.raises(NotFound):
            board.list_activity(session, world.manager, project_id=raw)


# --- Actions per role -------------------------------------------------------------------------


def test_guest_and_client_create_nothing(session, world, b):
    for viewer in (world.guest, world.client):
        with pytest.raises(PermissionDenied):
            board.create_task(
                session,
                viewer,
                project_id=world.project.id,
                fields=board.TaskFields(title="Sneaky"),
            )
    with pytest.raises(NotFound):
        board.create_task(
            session,
            world.outsider,
            project_id=world.project.id,
            fields=board.TaskFields(title="Sneaky"),
        )


def test_guest_may_not_edit_fields_delete_or_assign_visible_tasks(session, world, b):
    v = b.shared.version
    with pytest.raises(PermissionDenied):
        update_task(session, world.guest, b.shared.id, v, title="x")
    with pytest.raises(PermissionDenied):
        board.delete_task(session, world.guest, task_id=b.shared.id)
    with pytest.raises(PermissionDenied):
        board.set_assignees(
            session, world.guest, task_id=b.shared.id, user_ids=[], expected_version=v
        )
    with pytest.raises(NotFound):  # restore needs a deleted task the team sees
        board.restore_task(session, world.guest, task_id=b.shared.id)


def test_client_is_read_only_on_tasks(session, world, b):
    v = b.shared.version
    with pytest.raises(PermissionDenied):
        update_task(session, world.client, b.shared.id, v, title="x")
    with pytest.raises(PermissionDenied):
        board.move_task(
            session,
            world.client,
            task_id=b.shared.id,
            column_id=b.done,
            index=0,
            expected_version=v,
        )
    with pytest.raises(PermissionDenied):
        board.delete_task(session, world.client, task_id=b.shared.id)
    with pytest.raises(PermissionDenied):
        board.set_labels(
            session, world.client, task_id=b.shared.id, label_ids=[], expected_version=v
        )


def test_guest_moves_visible_tasks(session, world, b):
    moved = board.move_task(
        session,
        world.guest,
        task_id=b.shared.id,
        column_id=b.review,
        index=0,
        expected_version=b.shared.version,
    )
    assert moved.column_id == b.review


def test_member_edits_but_cannot_touch_the_hidden_flag(session, world, b):
    card = board.update_task(
        session,
        world.member,
        task_id=b.shared.id,
        expected_version=b.shared.version,
        fields=board.TaskFields(title="Renamed", hidden_from_client=False),
    )
    assert card.title == "Renamed"
    with pytest.raises(PermissionDenied) as info:
        board.update_task(
            session,
            world.member,
            task_id=b.shared.id,
            expected_version=card.version,
            fields=board.TaskFields(hidden_from_client=True),
        )
    assert info.value.code == "board.hidden_managers_only"
    with pytest.raises(PermissionDenied):
        board.create_task(
            session,
            world.member,
            project_id=world.project.id,
            fields=board.TaskFields(title="x", hidden_from_client=True),
        )


def test_collective_owner_is_a_manager_of_the_board(session, world, b):
    card = board.update_task(
        session,
        world.owner,
        task_id=b.shared.id,
        expected_version=b.shared.version,
        fields=board.TaskFields(hidden_from_client=True),
    )
    assert card.hidden is True
    assert b.shared.id not in visible_ids(session, world.client, world.project.id)


def test_everyone_who_sees_a_task_may_watch_it(session, world, b):
    assert board.set_watching(session, world.client, task_id=b.team_only.id, watching=True)
    assert board.set_watching(session, world.member, task_id=b.team_only.id, watching=True)
    with pytest.raises(NotFound):
        board.set_watching(session, world.guest, task_id=b.team_only.id, watching=True)


# --- Preview as client ------------------------------------------------------------------------


def test_preview_as_client_is_exactly_the_client_board(session, world, b):
    comments.add_comment(session, world.member, task_id=b.shared.id, body="internal note")
    comments.add_comment(
        session, world.member, task_id=b.shared.id, body="for the client", visibility="client"
    )
    preview = board.load_board(
        session, world.manager, project_id=world.project.id, today=TODAY, as_role="client"
    )
    client = board.load_board(session, world.client, project_id=world.project.id, today=TODAY)
    assert preview.preview is True and preview.role == "client"
    assert preview.columns == client.columns  # same cards, counts, flags
    assert preview.can_create is preview.can_move is preview.can_manage is False
    assert preview.can_comment is False
    shared = next(c for col in preview.columns for c in col.cards if c.id == b.shared.id)
    assert shared.comment_count == 1


@pytest.mark.parametrize("role", ["member", "guest", "client", "outsider"])
def test_only_managers_may_preview(session, world, b, role):
    expected = NotFound if role == "outsider" else PermissionDenied
    with pytest.raises(expected):
        board.load_board(
            session, getattr(world, role), project_id=world.project.id, as_role="client"
        )


def test_preview_only_accepts_the_client_role(session, world, b):
    for role in ("manager", "member", "guest", "owner", "admin", 1, ["client"]):
        with pytest.raises(PermissionDenied):
            board.load_board(session, world.manager, project_id=world.project.id, as_role=role)


def test_preview_of_task_detail_uses_the_client_rule(session, world, b):
    comments.add_comment(session, world.member, task_id=b.shared.id, body="internal note")
    with pytest.raises(NotFound):
        board.get_task_detail(session, world.manager, task_id=b.hidden.id, as_role="client")
    detail = board.get_task_detail(session, world.manager, task_id=b.shared.id, as_role="client")
    assert detail.comments == ()
    assert detail.preview and not detail.can_edit and detail.comment_visibilities == ()
    assert all(a.kind != "watchers_changed" for a in detail.activity)
    with pytest.raises(PermissionDenied):
        board.get_task_detail(session, world.member, task_id=b.shared.id, as_role="client")
