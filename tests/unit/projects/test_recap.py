"""The weekly recap: sections, per-role visibility, client preview and the managers' text."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from collab_app.models import Task
from collab_app.services import board, clock
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.projects import recap
from tests.unit.board.support import TODAY, create_task, make_board

NOW = datetime(2026, 3, 11, 10, 0, tzinfo=UTC)


@pytest.fixture
def b(session, world, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)
    made = make_board(session, world)
    m = world.manager

    def task(title, **kw):
        return create_task(session, m, world.project.id, title=title, **kw)

    def to_done(card):
        board.move_task(
            session, m, task_id=card.id, column_id=made.done, index=0, expected_version=card.version
        )

    to_done(task("Logo delivered", assignee_ids=[world.member.user_id]))
    to_done(task("Secret invoice check", hidden_from_client=True))
    old = task("Old thing")
    to_done(old)
    session.exec(
        update(Task)
        .where(Task.id == old.id)
        .values(completed_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    )
    session.commit()
    task("Menu page", column_id=made.doing, due_date="2026-03-10", is_blocked=True)
    task("Hidden pricing", column_id=made.doing, due_date="2026-03-12", hidden_from_client=True)
    task("Contact form", due_date="2026-03-20")
    return made


def titles(items):
    return [i.title for i in items]


def test_manager_recap_sections(session, world, b):
    r = recap.project_recap(session, world.manager, project_id=world.project.id, today=TODAY)
    assert (r.period_start, r.period_end) == (date(2026, 3, 5), date(2026, 3, 11))
    assert sorted(titles(r.done)) == ["Logo delivered", "Secret invoice check"]
    assert titles(r.in_progress) == ["Watched logo", "Menu page", "Hidden pricing", "Team chore"]
    assert titles(r.upcoming) == ["Menu page", "Hidden pricing", "Contact form"]
    assert r.upcoming[0].due_state == "overdue" and r.upcoming[1].due_state == "soon"
    assert titles(r.blocked) == ["Menu page"]
    done = next(i for i in r.done if i.title == "Logo delivered")
    assert done.assignees == ("Member",) and done.column_name == "Done"
    assert r.plain_text.startswith("Website — progress from 2026-03-05 to 2026-03-11\n")
    assert "Secret invoice check" in r.plain_text


def test_client_recap_has_no_hidden_task(session, world, b):
    r = recap.project_recap(session, world.client, project_id=world.project.id, today=TODAY)
    everything = titles(r.done + r.in_progress + r.upcoming + r.blocked)
    assert "Secret invoice check" not in everything and "Hidden pricing" not in everything
    assert "Secret margin" not in everything
    assert titles(r.done) == ["Logo delivered"]
    assert r.plain_text == ""  # the copyable text is for managers


def test_manager_gets_the_client_version_to_send(session, world, b):
    as_client = recap.project_recap(
        session, world.manager, project_id=world.project.id, today=TODAY, as_client=True
    )
    client = recap.project_recap(session, world.client, project_id=world.project.id, today=TODAY)
    assert as_client.preview is True and as_client.role == "client"
    assert (as_client.done, as_client.in_progress, as_client.upcoming, as_client.blocked) == (
        client.done,
        client.in_progress,
        client.upcoming,
        client.blocked,
    )
    text = as_client.plain_text
    assert "Hidden pricing" not in text and "Secret invoice check" not in text
    assert "- 2026-03-10 — Menu page (overdue)" in text
    assert "Blocked\n- Menu page\n" in text
    french = recap.project_recap(
        session,
        world.manager,
        project_id=world.project.id,
        today=TODAY,
        as_client=True,
        locale="fr",
    )
    assert french.plain_text.startswith("Website — avancement du 2026-03-05 au 2026-03-11")
    assert "Terminé cette semaine" in french.plain_text


def test_guest_recap_covers_only_its_tasks(session, world, b):
    r = recap.project_recap(session, world.guest, project_id=world.project.id, today=TODAY)
    assert titles(r.done + r.in_progress + r.upcoming + r.blocked) == ["Watched logo"]


@pytest.mark.parametrize("role", ["member", "guest", "client"])
def test_only_managers_ask_for_the_client_version(session, world, b, role):
    with pytest.raises(PermissionDenied):
        recap.project_recap(
            session, getattr(world, role), project_id=world.project.id, as_client=True
        )


def test_outsider_gets_not_found(session, world, b):
    with pytest.raises(NotFound):
        recap.project_recap(session, world.outsider, project_id=world.project.id)


def test_empty_sections_say_nothing(session, world):
    board.ensure_default_columns(session, world.project.id)
    session.commit()
    r = recap.project_recap(session, world.manager, project_id=world.project.id, today=TODAY)
    assert r.done == r.in_progress == r.upcoming == r.blocked == ()
    assert r.plain_text.count("- nothing") == 4
