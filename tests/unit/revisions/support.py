"""Helpers shared by the revision tests (no tests here): terms, tasks and a movable clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from collab_app.models import BillableLine, OutboxMessage, RevisionEvent, RevisionRound
from collab_app.services import board, clock, revisions
from collab_app.services.board import ensure_default_columns

# Wednesday 11 March 2026, 10:00 in Paris.
START = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
GARBAGE_IDS = [None, "", "abc", "1 OR 1=1", -1, 0, 2**70, 1.5, True, [1], {"id": 1}, "９"]


class Clock:
    """A clock the services read through ``collab_app.services.clock.now``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moving = Clock(START)
    monkeypatch.setattr(clock, "now", lambda: moving.now)
    return moving


@dataclass
class Tasks:
    shared: int
    hidden: int
    team_only: int
    other: int


def set_terms(session: Session, world, *, included: int = 2, price: str = "300", **extra):
    project = world.project
    project.included_rounds = included
    session.add(project)
    session.commit()
    values = {
        "counts_text": "Changes to copy, colours and layout of the agreed pages.",
        "excluded_text": "New pages, new features.",
        "response_days": 3,
        "overage_mode": "fixed",
        "overage_price": price,
        "contact_id": world.client.user_id,
        "lead_id": world.manager.user_id,
    }
    values.update(extra)
    form = revisions.TermsForm(**values)
    revisions.update_terms(session, world.owner, project_id=project.id, form=form)


def make_tasks(session: Session, world) -> Tasks:
    ensure_default_columns(session, world.project.id)
    ensure_default_columns(session, world.other_project.id)
    session.commit()
    m = world.manager
    shared = board.create_task(
        session,
        m,
        project_id=world.project.id,
        fields=board.TaskFields(title="Homepage banner"),
        assignee_ids=[world.guest.user_id],
    )
    hidden = board.create_task(
        session,
        m,
        project_id=world.project.id,
        fields=board.TaskFields(title="Margin review", hidden_from_client=True),
    )
    team_only = board.create_task(
        session, m, project_id=world.project.id, fields=board.TaskFields(title="Team chore")
    )
    other = board.create_task(
        session,
        world.outsider,
        project_id=world.other_project.id,
        fields=board.TaskFields(title="Elsewhere"),
    )
    return Tasks(shared.id, hidden.id, team_only.id, other.id)


def submit_round(session: Session, world, texts=("Bigger logo",), viewer=None, **kwargs) -> int:
    """Add items as the client and submit; returns the round id."""
    viewer = viewer or world.client
    round_id = 0
    for text in texts:
        round_id = revisions.add_item(
            session, viewer, project_id=world.project.id, description=text
        )
    revisions.submit_round(session, viewer, round_id=round_id, **kwargs)
    return round_id


def round_row(session: Session, round_id: int) -> RevisionRound:
    return session.exec(
        select(RevisionRound)
        .where(RevisionRound.id == round_id)
        .execution_options(populate_existing=True)
    ).one()


def billable_lines(session: Session, project_id: int) -> list[BillableLine]:
    return list(
        session.exec(
            select(BillableLine)
            .where(BillableLine.project_id == project_id)
            .order_by(BillableLine.id)
        ).all()
    )


def event_kinds(session: Session, project_id: int) -> list[str]:
    return list(
        session.exec(
            select(RevisionEvent.kind)
            .where(RevisionEvent.project_id == project_id)
            .order_by(RevisionEvent.id)
        ).all()
    )


def outbox_keys(session: Session) -> list[str]:
    return list(session.exec(select(OutboxMessage.dedup_key).order_by(OutboxMessage.id)).all())
