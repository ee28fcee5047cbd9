"""The counting and overage rules of revision rounds.

Counting rules:

- Rounds are numbered 1, 2, ... in order of submission; drafts do not count.
- ``Project.included_rounds`` rounds are included in the quote; round number n is billable when
  n > included. A deliverable with its own ``included_rounds`` makes a round billable too when
  the round holds an item of that deliverable and that deliverable already had that many
  submitted rounds.
- The price of a billable round is the terms' overage price (fixed, or hourly estimate x
  rate), frozen in the round and in a ``BillableLine`` when the client confirms it (an
  approved change order is billed the same way, see ``bill``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from collab_app.models import (
    BillableLine,
    Project,
    RevisionDeliverable,
    RevisionItem,
    RevisionRound,
    RevisionTerms,
)
from collab_app.services.revisions.deliverables import deliverable_rounds
from collab_app.services.revisions.presenter.builders import counter_view
from collab_app.services.revisions.presenter.records import OverageCheck
from collab_app.services.revisions.presenter.views import CounterView
from collab_app.services.revisions.terms import overage_price_cents


def submitted_count(session: Session, project_id: int) -> int:
    """Return how many rounds of the project were submitted (drafts excluded).

    Args:
        project_id: The project.

    Returns:
        The count.
    """
    return session.exec(
        select(func.count())
        .select_from(RevisionRound)
        .where(RevisionRound.project_id == project_id, RevisionRound.status != "draft")
    ).one()


def next_number(session: Session, project_id: int) -> int:
    """Return the number the next submitted round gets.

    Args:
        project_id: The project.

    Returns:
        1 + the highest number so far.
    """
    highest = session.exec(
        select(func.max(RevisionRound.number)).where(RevisionRound.project_id == project_id)
    ).one()
    return (highest or 0) + 1


def overage_check(
    session: Session, project: Project, terms: RevisionTerms, draft_id: int | None
) -> OverageCheck:
    """Apply the counting rules to the next round (the draft's items for deliverable limits).

    Args:
        project: The project.
        terms: Its terms.
        draft_id: The draft round, if any.

    Returns:
        The check.
    """
    number = next_number(session, project.id)
    included = project.included_rounds
    over: list[str] = []
    if draft_id is not None:
        used = deliverable_rounds(session, project.id)
        in_draft = session.exec(
            select(RevisionDeliverable)
            .where(
                RevisionDeliverable.id.in_(
                    select(RevisionItem.deliverable_id).where(RevisionItem.round_id == draft_id)
                ),
                RevisionDeliverable.included_rounds.is_not(None),
            )
            .order_by(RevisionDeliverable.name)
        ).all()
        over = [d.name for d in in_draft if used.get(d.id, 0) + 1 > d.included_rounds]
    billable = number > included or bool(over)
    return OverageCheck(
        number=number,
        included=included,
        billable=billable,
        price_cents=overage_price_cents(terms) if billable else 0,
        over_deliverables=tuple(over),
    )


def read_counter(
    session: Session, project: Project, terms: RevisionTerms, locale: str
) -> CounterView:
    """Read where the project stands ("Round 2 of 3 included") for the client and the team.

    Args:
        project: The project.
        terms: Its terms.
        locale: ``en`` or ``fr``.

    Returns:
        The counter.
    """
    return counter_view(
        project,
        current=submitted_count(session, project.id),
        next_number=next_number(session, project.id),
        next_price_cents=overage_price_cents(terms),
        locale=locale,
    )


def bill(
    session: Session,
    *,
    project: Project,
    source: str,
    source_id: int,
    description: str,
    cents: int,
    at: datetime,
    actor_id: int,
) -> None:
    """Write what the client confirmed as a billable line of the project (in its currency).

    Args:
        session: Database session; the caller commits.
        project: The project.
        source: ``overage`` or ``change_order``.
        source_id: The round or the change order.
        description: The line's text, in the contact's language.
        cents: Amount.
        at: When it was confirmed.
        actor_id: The contact who confirmed it.
    """
    session.add(
        BillableLine(
            project_id=project.id,
            source=source,
            source_id=source_id,
            description=description,
            amount_cents=cents,
            currency=project.currency,
            created_at=at,
            created_by_id=actor_id,
        )
    )
