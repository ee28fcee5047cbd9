"""The demo board: enough realistic cards, and each demo role sees what it should."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from collab_app.demo import seed_foundation
from collab_app.demo.board import seed_board
from collab_app.models import Activity, Comment, Task
from collab_app.services import board, clock
from collab_app.services.board import comments
from collab_app.services.errors import NotFound
from collab_app.services.projects import recap


@pytest.fixture
def demo(session):
    world = seed_foundation(session)
    created = seed_board(session, world)
    return world, created


def cards(view):
    return [c for col in view.columns for c in col.cards]


def test_demo_board_has_what_the_issue_asks(session, demo):
    world, created = demo
    users = world.users
    today = clock.now().date()
    view = board.load_board(session, users["alice"], project_id=world.project.id, today=today)
    all_cards = cards(view)
    assert len(all_cards) >= 15
    assert all(col.cards for col in view.columns)  # cards in every column
    assert len(view.labels) >= 4
    assert sum(c.due_state == "overdue" for c in all_cards) >= 2
    assert any(c.due_state == "soon" for c in all_cards)
    chloe_id = users["chloe"].user_id
    assert sum(any(p.id == chloe_id for p in c.assignees) for c in all_cards) >= 4
    assert sum(c.hidden for c in all_cards) >= 3
    assert any(c.blocked for c in all_cards)
    doing = next(col for col in view.columns if col.id == created.columns["doing"])
    assert doing.over_limit is True  # shows the WIP warning
    visibilities = set(session.exec(select(Comment.visibility)).all())
    assert visibilities == {"internal", "client"}
    first, last = session.exec(select(Activity.created_at).order_by(Activity.created_at)).all()[
        :: len(session.exec(select(Activity.id)).all()) - 1
    ]
    assert (last - first).days >= 30  # a history spread over weeks, not one instant


def test_demo_roles_see_the_right_cards(session, demo):
    world, created = demo
    users = world.users
    team = {
        c.id for c in cards(board.load_board(session, users["bruno"], project_id=world.project.id))
    }
    chloe = cards(board.load_board(session, users["chloe"], project_id=world.project.id))
    david = cards(board.load_board(session, users["david"], project_id=world.project.id))
    assert len(team) == len(created.tasks)
    assert 4 <= len(chloe) < len(team)
    chloe_id = users["chloe"].user_id
    assert all(any(p.id == chloe_id for p in c.assignees) or c.watching for c in chloe)
    hidden = session.exec(select(Task.id).where(Task.hidden_from_client.is_(True))).all()
    assert len(hidden) >= 3
    assert not {c.id for c in david} & set(hidden)
    with pytest.raises(NotFound):
        board.get_task_detail(session, users["david"], task_id=hidden[0])
    homepage = created.tasks["homepage"]
    seen_by_david = comments.list_comments(session, users["david"], task_id=homepage)
    assert seen_by_david and all(c.visibility == "client" for c in seen_by_david)
    assert len(comments.list_comments(session, users["bruno"], task_id=homepage)) > len(
        seen_by_david
    )


def test_demo_recap_and_my_tasks(session, demo):
    world, _ = demo
    users = world.users
    today: date = clock.now().date()
    r = recap.project_recap(
        session, users["alice"], project_id=world.project.id, today=today, as_client=True
    )
    assert r.done and r.in_progress and r.upcoming and r.blocked
    assert "Chase the photographer" not in r.plain_text and "margin" not in r.plain_text
    assert board.my_tasks(session, users["chloe"], today=today)
    assert board.my_tasks(session, users["david"]) == ()
