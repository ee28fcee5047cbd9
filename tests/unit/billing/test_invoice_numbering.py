"""Invoice numbers: one unbroken sequence per collective, even when many people issue at once.

Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL (row lock on the counter).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from collab_app.models import Invoice, InvoiceCounter
from collab_app.services.billing import invoices
from collab_app.services.billing.numbering import format_number, take_next_number
from collab_app.services.billing.split import LineDraft, SplitDraft
from collab_app.services.errors import Conflict, NotFound
from testkit import factories
from tests.unit.billing.helpers import complete_identity

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
THREADS = 8


@pytest.fixture(autouse=True)
def _identity(session, world):
    complete_identity(session, world.collective.id, world.other_project.collective_id)


def _ready_draft(session, world, project=None, manager=None):
    project = project or world.project
    manager = manager or world.manager
    draft_id = invoices.create_draft(session, manager, project_id=project.id, now=NOW)
    invoices.save_draft(
        session,
        manager,
        invoice_id=draft_id,
        draft=SplitDraft(
            client_name="Client SA",
            lines=(
                LineDraft(
                    key="l1",
                    basis="milestone",
                    label="Design",
                    amount="1000",
                    method="shares",
                    values=((manager.user_id, "100"),),
                ),
            ),
        ),
    )
    return draft_id


def _issue_in_threads(engine, viewer, draft_ids):
    barrier = threading.Barrier(len(draft_ids))

    def work(draft_id):
        with Session(engine, expire_on_commit=False) as own:
            barrier.wait(timeout=30)
            try:
                return invoices.issue(own, viewer, invoice_id=draft_id, now=NOW)
            except (Conflict, NotFound) as error:
                return error

    with ThreadPoolExecutor(max_workers=len(draft_ids)) as pool:
        return list(pool.map(work, draft_ids))


def test_format_number():
    assert format_number(1) == "00001"
    assert format_number(123456) == "123456"


def test_counter_starts_at_one_per_collective(session, world):
    assert take_next_number(session, world.collective.id) == 1
    assert take_next_number(session, world.collective.id) == 2
    other = world.other_project.collective_id
    assert take_next_number(session, other) == 1
    session.rollback()  # nothing committed: the numbers are given back
    assert take_next_number(session, world.collective.id) == 1
    session.commit()


def test_concurrent_issues_give_no_gap_and_no_duplicate(engine, session, world):
    draft_ids = [_ready_draft(session, world) for _ in range(THREADS)]
    results = _issue_in_threads(engine, world.manager, draft_ids)
    assert sorted(results) == [format_number(n) for n in range(1, THREADS + 1)]
    session.expire_all()
    rows = session.exec(select(Invoice).where(Invoice.status == "issued")).all()
    assert sorted(r.sequence for r in rows) == list(range(1, THREADS + 1))
    counter = session.get(InvoiceCounter, world.collective.id)
    assert counter.last_number == THREADS


def test_issuing_the_same_draft_twice_at_once_issues_it_once(engine, session, world):
    draft_id = _ready_draft(session, world)
    results = _issue_in_threads(engine, world.manager, [draft_id] * 4)
    numbers = [r for r in results if isinstance(r, str)]
    assert numbers == ["00001"]
    assert all(isinstance(r, Conflict | NotFound) for r in results if not isinstance(r, str))
    session.expire_all()
    # The losers' numbers were rolled back: the next invoice is 00002.
    assert session.get(InvoiceCounter, world.collective.id).last_number == 1
    assert (
        invoices.issue(session, world.manager, invoice_id=_ready_draft(session, world), now=NOW)
        == "00002"
    )


def test_sequences_of_two_collectives_are_independent(engine, session, world):
    owner = factories.make_user(session, "Other owner")
    collective = factories.make_collective(session, owner, "Other")
    project = factories.make_project(session, collective, "Other project")
    factories.add_project_member(session, project, owner, "manager")
    complete_identity(session, collective.id)
    ours = [_ready_draft(session, world) for _ in range(3)]
    theirs = [_ready_draft(session, world, project, owner) for _ in range(3)]
    barrier = threading.Barrier(6)

    def work(pair):
        viewer, draft_id = pair
        with Session(engine, expire_on_commit=False) as own:
            barrier.wait(timeout=30)
            return invoices.issue(own, viewer, invoice_id=draft_id, now=NOW)

    pairs = [(world.manager, d) for d in ours] + [(owner, d) for d in theirs]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, pairs))
    assert sorted(results[:3]) == ["00001", "00002", "00003"]
    assert sorted(results[3:]) == ["00001", "00002", "00003"]
