"""Revision rounds: submitting the draft, the team's first answer, closing, and their summaries.

Who does what:

- the designated client contact composes and submits rounds; the lead (or a manager) may
  compose a round and submit it on the client's behalf, but only within the included rounds —
  a billable round is always confirmed by the client contact itself;
- before a round beyond the included ones is submitted the contact sees that it is billable
  and its price, and must confirm it with that very price (``expected_price_cents``): if the
  price changed meanwhile the submission is refused, nothing is billed that was not seen;
- the confirmed overage becomes a ``BillableLine`` (source ``overage``) in the same transaction;
- the team's first answer is the round's response time; once every request is done or
  declined the round closes and the client is told.

Each project has at most one draft at a time; it is created by the first request added
(see ``requests``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from collab_app.models import RevisionItem, RevisionRound, RevisionTerms
from collab_app.services import clock, notifications, permissions, working_days
from collab_app.services.claims import claim
from collab_app.services.errors import Conflict, PermissionDenied
from collab_app.services.permissions import ProjectAccess
from collab_app.services.project_lock import lock_project
from collab_app.services.revisions.access import names_of, require_round
from collab_app.services.revisions.counting import bill, overage_check
from collab_app.services.revisions.mail import tell
from collab_app.services.revisions.presenter.labels import money, overage_line
from collab_app.services.revisions.presenter.records import RoundRecord
from collab_app.services.revisions.terms import holidays_of, load_terms
from collab_app.services.revisions.text import expected_cents
from collab_app.services.revisions.trace import record_round
from collab_app.services.viewer import Viewer

RESOLVED = ("done", "declined")


class OverageConfirmationNeeded(Conflict):
    """The round is beyond the included ones: the client must confirm its price first."""

    default_code = "revisions.confirm_needed"


def submit_round(
    session: Session,
    viewer: Viewer,
    *,
    round_id: object,
    confirm_billable: bool = False,
    expected_price_cents: object = None,
    locale: str | None = None,
) -> int:
    """Submit the draft round: it gets its number, its response deadline, and the lead is told.

    Args:
        viewer: The designated contact; or the lead or a manager within the included rounds.
        round_id: The draft's id, received from the client.
        confirm_billable: The contact confirmed a round beyond the included ones.
        expected_price_cents: The price the contact saw (must equal the current price).
        locale: Language of the billable line's description (the contact's).

    Returns:
        The round's number.

    Raises:
        NotFound: Unknown or invisible round.
        PermissionDenied: Not allowed to submit, or a billable round submitted by the team.
        OverageConfirmationNeeded: Billable and not confirmed.
        Conflict: Already submitted, empty, or the price changed since it was shown.
    """
    found_round, access = require_round(
        session, viewer, round_id, roles=permissions.REVISION_DRAFT_ROLES
    )
    project = access.project
    terms = load_terms(session, project.id)
    contact = permissions.is_revision_contact(terms, viewer, access)
    if not permissions.can_draft_round(terms, viewer, access):
        raise PermissionDenied("revisions.contact_only")
    lock_project(session, project.id, hold_references=True)
    session.refresh(found_round)
    if found_round.status != "draft":
        raise Conflict("revisions.already_submitted")
    has_items = session.exec(
        select(RevisionItem.id).where(RevisionItem.round_id == found_round.id)
    ).first()
    if has_items is None:
        raise Conflict("revisions.round_empty")
    check = overage_check(session, project, terms, found_round.id)
    language = locale or viewer.locale
    price = money(check.price_cents, language, project.currency)
    if check.billable:
        if not contact:
            raise PermissionDenied("revisions.overage_client_only")
        if confirm_billable is not True:
            raise OverageConfirmationNeeded(number=check.number, price=price)
        if expected_cents(expected_price_cents) != check.price_cents:
            raise Conflict("revisions.price_changed", price=price)
    now = clock.now()
    deadline = working_days.response_deadline(
        now, terms.response_days, terms.timezone, holidays_of(terms)
    )
    values = {
        "status": "submitted",
        "number": check.number,
        "submitted_by_id": viewer.user_id,
        "submitted_at": now,
        "on_behalf": not contact,
        "response_days": terms.response_days,
        "deadline_at": deadline,
        "billable": check.billable,
        "overage_price_cents": check.price_cents,
    }
    if check.billable:
        values.update(overage_confirmed_by_id=viewer.user_id, overage_confirmed_at=now)
    try:
        draft = RevisionRound.status == "draft"
        if claim(session, RevisionRound, RevisionRound.id == found_round.id, draft, **values) != 1:
            raise Conflict("revisions.already_submitted")
        if check.billable and check.price_cents > 0:
            bill(
                session,
                project=project,
                source="overage",
                source_id=found_round.id,
                description=overage_line(check.number, check.included, project.name, language),
                cents=check.price_cents,
                at=now,
                actor_id=viewer.user_id,
            )
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict("revisions.already_submitted") from exc
    record_round(
        session,
        found_round,
        viewer,
        "round_submitted",
        now,
        number=check.number,
        on_behalf=not contact,
    )
    if check.billable:
        record_round(
            session,
            found_round,
            viewer,
            "overage_confirmed",
            now,
            number=check.number,
            price_cents=check.price_cents,
        )
    tell(
        session,
        project_id=project.id,
        actor_id=viewer.user_id,
        mail_to=terms.lead_id,
        mail_kind="revision_round_submitted",
        dedup_key=f"revision-round-submitted:{found_round.id}",
        message="revisions.mail_submitted",
        event="round_submitted",
        roles=permissions.MANAGER_ROLES,
        audience="team",
        path=f"/projects/{project.id}/revisions/{found_round.id}",
        params={"number": check.number},
    )
    session.commit()
    return check.number


def mark_first_response(
    session: Session, found_round: RevisionRound, viewer: Viewer, at: datetime
) -> None:
    """Record the team's first answer to a submitted round (only the first one counts).

    Args:
        session: Database session; the caller commits.
        found_round: The round.
        viewer: The team member answering.
        at: When.
    """
    if found_round.status == "draft" or found_round.first_response_at is not None:
        return
    first = claim(
        session,
        RevisionRound,
        RevisionRound.id == found_round.id,
        RevisionRound.first_response_at.is_(None),
        first_response_at=at,
        first_response_by_id=viewer.user_id,
    )
    if first == 1:
        found_round.first_response_at = at
        found_round.first_response_by_id = viewer.user_id
        record_round(
            session, found_round, viewer, "round_first_response", at, number=found_round.number
        )
        if found_round.deadline_at is not None and at > found_round.deadline_at:
            notifications.project_event(
                session,
                project_id=found_round.project_id,
                actor_id=viewer.user_id,
                kind="round_late",
                roles=permissions.MANAGER_ROLES,
                audience="managers",
                path=f"/projects/{found_round.project_id}/revisions/{found_round.id}",
                params={"number": found_round.number},
            )


def close_round_if_resolved(
    session: Session, found_round: RevisionRound, viewer: Viewer, at: datetime
) -> bool:
    """Close a submitted round once every item is done or declined, and tell the client.

    Args:
        session: Database session; the caller commits.
        found_round: The round.
        viewer: Who resolved the last item.
        at: When.

    Returns:
        Whether the round was closed now.
    """
    if found_round.status != "submitted":
        return False
    statuses = session.exec(
        select(RevisionItem.status).where(RevisionItem.round_id == found_round.id)
    ).all()
    if not statuses or any(s not in RESOLVED for s in statuses):
        return False
    closed = claim(
        session,
        RevisionRound,
        RevisionRound.id == found_round.id,
        RevisionRound.status == "submitted",
        status="closed",
        closed_at=at,
    )
    if closed != 1:
        return False
    found_round.status, found_round.closed_at = "closed", at
    record_round(session, found_round, viewer, "round_closed", at, number=found_round.number)
    terms = load_terms(session, found_round.project_id)
    tell(
        session,
        project_id=found_round.project_id,
        actor_id=viewer.user_id,
        mail_to=terms.client_contact_id or found_round.submitted_by_id,
        mail_kind="revision_round_closed",
        dedup_key=f"revision-round-closed:{found_round.id}",
        message="revisions.mail_closed",
        event="round_answered",
        roles=permissions.CLIENT_ROLES,
        path=f"/projects/{found_round.project_id}/revisions/{found_round.id}",
        params={"number": found_round.number},
    )
    return True


def round_records(
    session: Session,
    viewer: Viewer,
    access: ProjectAccess,
    terms: RevisionTerms,
    rounds: list[RevisionRound],
) -> list[RoundRecord]:
    """Read rounds with their response times, lateness and the viewer's requests' counts.

    Args:
        access: Their access (guests get no price and counts of their visible items only).
        terms: The project's terms.
        rounds: Rounds the viewer may see.

    Returns:
        Records in the same order.
    """
    ids = [r.id for r in rounds]
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    if ids:
        for round_id, status in session.exec(
            select(RevisionItem.round_id, RevisionItem.status).where(
                RevisionItem.round_id.in_(ids),
                permissions.visible_revision_items_clause(access, viewer),
            )
        ).all():
            counts[round_id][0] += 1
            counts[round_id][1] += status in RESOLVED
    names = names_of(session, {r.submitted_by_id for r in rounds})
    holidays = holidays_of(terms)
    now = clock.now()
    show_price = permissions.can_see_revision_prices(access)
    records = []
    for r in rounds:
        days_taken, late = 0, False
        if r.submitted_at is not None:
            end = r.first_response_at or now
            days_taken = working_days.working_days_taken(
                r.submitted_at, end, terms.timezone, holidays
            )
            late = r.deadline_at is not None and end >= r.deadline_at
        records.append(
            RoundRecord(
                row=r,
                submitted_by=names.get(r.submitted_by_id or 0, ""),
                timezone=terms.timezone,
                days_taken=days_taken,
                late=late,
                price_cents=r.overage_price_cents if r.billable and show_price else None,
                currency=access.project.currency,
                item_count=counts[r.id][0],
                resolved_count=counts[r.id][1],
            )
        )
    return records
