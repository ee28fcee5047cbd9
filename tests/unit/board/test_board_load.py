"""Loading the board: columns, cards, filters, query count, My tasks, history and pickers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from collab_app.services import board
from collab_app.services.board import BoardFilters, comments
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from testkit import factories
from tests.unit.board.support import TODAY, QueryCounter, create_task, make_board


@pytest.fixture
def b(session, world):
    return make_board(session, world)


def shown(session, viewer, project_id, **filters):
    view = board.load_board(
        session, viewer, project_id=project_id, filters=BoardFilters(**filters), today=TODAY
    )
    return sorted(c.title for col in view.columns for c in col.cards)


def test_default_columns_are_translated_until_renamed(session, world, b):
    en = board.load_board(session, world.manager, project_id=world.project.id, locale="en")
    fr = board.load_board(session, world.manager, project_id=world.project.id, locale="fr")
    assert [c.name for c in en.columns] == ["To do", "In progress", "Review", "Done"]
    assert [c.name for c in fr.columns] == ["À faire", "En cours", "En revue", "Terminé"]
    assert [c.is_done for c in en.columns] == [False, False, False, True]
    board.rename_column(session, world.manager, column_id=b.review, name="Client review")
    fr = board.load_board(session, world.manager, project_id=world.project.id, locale="fr")
    assert fr.columns[2].name == "Client review"


def test_viewer_locale_is_the_default(session, world, b):
    french = factories.make_user(session, "Francoise", locale="fr")
    factories.add_project_member(session, world.project, french, "member")
    view = board.load_board(session, french, project_id=world.project.id)
    assert view.columns[0].name == "À faire"


def test_board_view_fields(session, world, b):
    label = board.create_label(
        session, world.manager, project_id=world.project.id, name="Copy", color="amber"
    )
    board.set_labels(
        session,
        world.manager,
        task_id=b.shared.id,
        label_ids=[label.id],
        expected_version=b.shared.version,
    )
    comments.add_comment(session, world.member, task_id=b.shared.id, body="internal")
    comments.add_comment(
        session, world.member, task_id=b.shared.id, body="client", visibility="client"
    )
    board.set_watching(session, world.member, task_id=b.shared.id, watching=True)
    view = board.load_board(session, world.member, project_id=world.project.id, today=TODAY)
    assert (view.project_id, view.project_name, view.role) == (
        world.project.id,
        "Website",
        "member",
    )
    assert view.can_create and view.can_move and not view.can_manage and view.can_comment
    assert view.labels == (board.LabelView(label.id, "Copy", "amber"),)
    assert view.card_count == 4 and view.filtered is False
    shared = next(c for col in view.columns for c in col.cards if c.id == b.shared.id)
    assert shared.assignees == (board.PersonView(world.guest.user_id, "Guest"),)
    assert shared.labels == (board.LabelView(label.id, "Copy", "amber"),)
    assert shared.watching is True and shared.comment_count == 2
    client_view = board.load_board(session, world.client, project_id=world.project.id)
    client_card = next(c for col in client_view.columns for c in col.cards if c.id == b.shared.id)
    assert client_card.comment_count == 1 and client_card.watching is False
    assert not client_view.can_create and not client_view.can_move and client_view.can_comment
    guest_view = board.load_board(session, world.guest, project_id=world.project.id)
    assert guest_view.can_move and not guest_view.can_create


def test_change_version_follows_changes(session, world, b):
    before = board.load_board(session, world.client, project_id=world.project.id).change_version
    board.update_task(
        session,
        world.member,
        task_id=b.shared.id,
        expected_version=b.shared.version,
        fields=board.TaskFields(title="New"),
    )
    after = board.load_board(session, world.client, project_id=world.project.id).change_version
    assert after > before


# --- Filters ------------------------------------------------------------------------------------


def test_filter_by_assignee(session, world, b):
    assert shown(session, world.member, world.project.id, assignee=world.guest.user_id) == [
        "Shared homepage"
    ]
    assert shown(session, world.member, world.project.id, assignee=str(world.guest.user_id)) == [
        "Shared homepage"
    ]
    assert shown(session, world.guest, world.project.id, assignee="me") == ["Shared homepage"]
    assert shown(session, world.member, world.project.id, assignee="none") == [
        "Secret margin",
        "Team chore",
        "Watched logo",
    ]


def test_filters_never_widen_visibility(session, world, b):
    assert shown(session, world.client, world.project.id, assignee="none") == [
        "Team chore",
        "Watched logo",
    ]
    assert shown(session, world.guest, world.project.id, text="e") == [
        "Shared homepage",
        "Watched logo",
    ]


def test_filter_by_label_and_priority(session, world, b):
    label = board.create_label(
        session, world.manager, project_id=world.project.id, name="SEO", color="green"
    )
    board.set_labels(
        session,
        world.manager,
        task_id=b.team_only.id,
        label_ids=[label.id],
        expected_version=b.team_only.version,
    )
    board.update_task(
        session,
        world.manager,
        task_id=b.hidden.id,
        expected_version=b.hidden.version,
        fields=board.TaskFields(priority="urgent"),
    )
    assert shown(session, world.member, world.project.id, label=label.id) == ["Team chore"]
    assert shown(session, world.member, world.project.id, priority="urgent") == ["Secret margin"]
    assert shown(session, world.client, world.project.id, priority="urgent") == []


def test_filter_by_due(session, world, b):
    def new(title, due, **kw):
        create_task(session, world.member, world.project.id, title=title, due_date=due, **kw)

    new("Yesterday", "2026-03-10")
    new("Today", "2026-03-11")
    new("In six days", "2026-03-17")
    new("In seven days", "2026-03-18")
    new("Done late", "2026-03-01", column_id=b.done)
    assert shown(session, world.member, world.project.id, due="overdue") == ["Yesterday"]
    assert shown(session, world.member, world.project.id, due="week") == ["In six days", "Today"]


def test_text_search_is_case_insensitive_and_literal(session, world, b):
    board.create_task(
        session,
        world.member,
        project_id=world.project.id,
        fields=board.TaskFields(
            title="Discount 50% banner", description="Mention the CROISSANT offer"
        ),
    )
    assert shown(session, world.member, world.project.id, text="croissant") == [
        "Discount 50% banner"
    ]
    assert shown(session, world.member, world.project.id, text="50%") == ["Discount 50% banner"]
    assert shown(session, world.member, world.project.id, text="%") == ["Discount 50% banner"]
    assert shown(session, world.member, world.project.id, text="_") == []
    assert shown(session, world.member, world.project.id, text="HOMEPAGE") == ["Shared homepage"]


def test_team_column_counts_ignore_filters(session, world, b):
    view = board.load_board(
        session,
        world.member,
        project_id=world.project.id,
        filters=BoardFilters(text="homepage"),
    )
    todo = view.columns[0]
    assert view.filtered is True and view.card_count == 1
    assert (todo.count, len(todo.cards)) == (2, 1)


@pytest.mark.parametrize(
    "filters,field",
    [
        ({"assignee": "abc"}, "assignee"),
        ({"assignee": [1]}, "assignee"),
        ({"label": -1}, "label"),
        ({"priority": "critical"}, "priority"),
        ({"due": "tomorrow"}, "due"),
    ],
)
def test_invalid_filters_are_refused(session, world, b, filters, field):
    with pytest.raises(ValidationError) as info:
        shown(session, world.member, world.project.id, **filters)
    assert info.value.field == field


# --- No N+1 ------------------------------------------------------------------------------------


def _fill(session, world, count, label_id):
    for i in range(count):
        created = board.create_task(
            session,
            world.member,
            project_id=world.project.id,
            fields=board.TaskFields(title=f"Card {i}", due_date="2026-03-12"),
            assignee_ids=[world.guest.user_id, world.member.user_id],
            label_ids=[label_id],
        )
        comments.add_comment(session, world.member, task_id=created.id, body="internal")
        comments.add_comment(
            session, world.member, task_id=created.id, body="c", visibility="client"
        )
        board.set_watching(session, world.guest, task_id=created.id, watching=True)


@pytest.mark.parametrize("role", ["manager", "guest", "client"])
def test_loading_a_board_costs_a_constant_number_of_queries(session, world, role):
    from tests.unit.board.support import columns_of

    board.ensure_default_columns(session, world.project.id)
    session.commit()
    label = board.create_label(
        session, world.manager, project_id=world.project.id, name="L", color="blue"
    )
    viewer = getattr(world, role)

    def measure(filters=None):
        session.expunge_all()
        with QueryCounter(session) as counter:
            view = board.load_board(
                session, viewer, project_id=world.project.id, filters=filters, today=TODAY
            )
        return counter.count, view

    _fill(session, world, 5, label.id)
    small, small_view = measure()
    small_filtered, _ = measure(BoardFilters(text="card", priority="normal"))
    _fill(session, world, 55, label.id)
    large, large_view = measure()
    large_filtered, _ = measure(BoardFilters(text="card", priority="normal"))
    assert small_view.card_count == 5 and large_view.card_count == 60
    assert large_view.columns[0].cards[59].comment_count == (1 if role == "client" else 2)
    assert len(large_view.columns[0].cards[0].assignees) == 2
    assert large == small
    assert large_filtered == small_filtered
    assert large <= 12
    assert columns_of(session, world.project.id)


# --- My tasks -----------------------------------------------------------------------------------


def test_my_tasks_across_projects(session, world, b):
    second = factories.make_project(session, world.collective, "Brochure")
    board.ensure_default_columns(session, second.id)
    session.commit()
    factories.add_project_member(session, second, world.guest, "guest")
    in_second = board.create_task(
        session,
        world.owner,
        project_id=second.id,
        fields=board.TaskFields(title="Print proofs", due_date="2026-03-09", priority="high"),
        assignee_ids=[world.guest.user_id],
    )
    board.create_task(
        session,
        world.owner,
        project_id=second.id,
        fields=board.TaskFields(title="Not mine"),
        assignee_ids=[world.owner.user_id],
    )
    urgent = board.create_task(
        session,
        world.manager,
        project_id=world.project.id,
        fields=board.TaskFields(
            title="Also hidden but mine",
            hidden_from_client=True,
            due_date="2026-03-09",
            priority="urgent",
        ),
        assignee_ids=[world.guest.user_id],
    )
    board.create_task(
        session,
        world.manager,
        project_id=world.project.id,
        fields=board.TaskFields(title="Finished"),
        column_id=b.done,
        assignee_ids=[world.guest.user_id],
    )
    mine = board.my_tasks(session, world.guest, today=TODAY)
    assert [m.card.title for m in mine] == [
        "Also hidden but mine",
        "Print proofs",
        "Shared homepage",
    ]
    assert [m.project_name for m in mine] == ["Website", "Brochure", "Website"]
    assert mine[0].card.id == urgent.id and mine[0].card.due_state == "overdue"
    assert mine[0].card.hidden is False  # guests never see the hidden flag
    assert mine[1].card.id == in_second.id and mine[1].column_name == "To do"
    with_done = board.my_tasks(session, world.guest, include_done=True, today=TODAY)
    assert [m.card.title for m in with_done if m.is_done] == ["Finished"]
    assert board.my_tasks(session, world.client) == ()
    assert board.my_tasks(session, world.outsider) == ()


def test_my_tasks_respects_each_project_rule(session, world, b):
    # A guest later removed from a task's assignees no longer sees it, even in My tasks.
    board.set_assignees(
        session, world.manager, task_id=b.shared.id, user_ids=[], expected_version=b.shared.version
    )
    assert board.my_tasks(session, world.guest) == ()


# --- History and pickers --------------------------------------------------------------------


def test_project_history_per_role(session, world, b):
    comments.add_comment(session, world.member, task_id=b.shared.id, body="internal")
    comments.add_comment(session, world.client, task_id=b.shared.id, body="client")
    board.rename_column(session, world.manager, column_id=b.todo, name="Backlog")
    team = board.list_activity(session, world.manager, project_id=world.project.id, limit=100)
    client = board.list_activity(session, world.client, project_id=world.project.id, limit=100)
    guest = board.list_activity(session, world.guest, project_id=world.project.id, limit=100)
    assert {a.kind for a in team} >= {
        "task_created",
        "watchers_changed",
        "comment_added_internal",
        "comment_added_client",
        "column_renamed",
    }
    assert {a.task_title for a in client} == {"Shared homepage", "Watched logo", "Team chore"}
    assert {a.kind for a in client} == {"task_created", "comment_added_client"}
    assert {a.task_title for a in guest} == {"Shared homepage", "Watched logo"}
    assert "column_renamed" not in {a.kind for a in guest}
    assert team[0].created_at.utcoffset() in (None, timedelta(0))
    preview = board.list_activity(
        session, world.manager, project_id=world.project.id, limit=100, as_role="client"
    )
    assert [a.id for a in preview] == [a.id for a in client]


def test_list_assignable_people(session, world, b):
    people = board.list_assignable(session, world.member, project_id=world.project.id)
    assert [p.name for p in people] == ["Guest", "Manager", "Member", "Owner"]
    for viewer in (world.guest, world.client):
        with pytest.raises(PermissionDenied):
            board.list_assignable(session, viewer, project_id=world.project.id)
    with pytest.raises(NotFound):
        board.list_assignable(session, world.outsider, project_id=world.project.id)
