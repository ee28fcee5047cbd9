"""Revision rounds: composing a round (the draft), and submitting it.

Who does what:

- the designated client contact composes and submits rounds; the lead (or a manager) may
  compose a round and submit it on the client's behalf, but only within the included rounds —
  a billable round is always confirmed by the client contact itself;
- before a round beyond the included ones is submitted the contact sees that it is billable
  and its price, and must confirm it with that very price (``expected_price_cents``): if the
  price changed meanwhile the submission is refused, nothing is billed that was not seen;
- the confirmed overage becomes a ``BillableLine`` (source ``overage``) in the same transaction.

Each project has at most one draft at a time; it is created by the first item added.
"""

from __future__ import annotations

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from collab_app.i18n import translate
from collab_app.models import (
    BillableLine,
    ProjectFile,
    RevisionDeliverable,
    RevisionEvent,
    RevisionItem,
    RevisionRound,
)
from collab_app.models.revisions import ITEM_DESCRIPTION_MAX, ITEM_PRIORITIES
from collab_app.services import clock, notifications, permissions, working_days
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from collab_app.services.revisions.common import (
    MAX_ITEMS_PER_ROUND,
    can_draft,
    can_remove_item,
    finish,
    holidays_of,
    is_contact,
    load_terms,
    lock_project,
    money,
    notify,
    record,
    require_item,
    require_round,
)
from collab_app.services.revisions.counting import overage_check
from collab_app.services.revisions.input import (
    clean_choice,
    clean_text,
    clean_url,
)
from collab_app.services.revisions.views import OverageConfirmationNeeded
from collab_app.services.viewer import Viewer

DRAFT_ROLES = ("manager", "member", "client")


def _draft_of(session: Session, project_id: int) -> RevisionRound | None:
    return session.exec(
        select(RevisionRound)
        .where(RevisionRound.project_id == project_id, RevisionRound.status == "draft")
        .order_by(RevisionRound.id)
        .execution_options(populate_existing=True)
    ).first()


def add_item(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    description: object,
    deliverable_id: object = None,
    priority: object = "normal",
    attachment_url: object = "",
) -> int:
    """Add a request to the project's draft round (created if needed).

    Args:
        session: Database session; committed here.
        viewer: The designated client contact, the lead or a manager.
        project_id: Id received from the client.
        description: 1-2000 characters.
        deliverable_id: A deliverable of the project, or empty.
        priority: ``low``, ``normal`` or ``high``.
        attachment_url: Optional http(s) link.

    Returns:
        The draft round's id.

    Raises:
        PermissionDenied: Not the contact, the lead or a manager.
        NotFound: Unknown deliverable.
        ValidationError: A bad field, or the draft is full.
    """
    access = permissions.require_project(session, viewer, project_id, roles=DRAFT_ROLES)
    pid = access.project.id
    terms = load_terms(session, pid)
    if not can_draft(terms, viewer, access):
        raise PermissionDenied("revisions.contact_only")
    text = clean_text(description, field="description", max_len=ITEM_DESCRIPTION_MAX, required=True)
    level = clean_choice(priority or "normal", ITEM_PRIORITIES, field="priority")
    url = clean_url(attachment_url)
    did = None
    if deliverable_id not in (None, "", 0, "0"):
        try:
            did = permissions.coerce_id(deliverable_id)
        except NotFound as exc:
            raise NotFound(field="deliverable_id") from exc
        found = session.exec(
            select(RevisionDeliverable.id).where(
                RevisionDeliverable.id == did, RevisionDeliverable.project_id == pid
            )
        ).first()
        if found is None:
            raise NotFound(field="deliverable_id")
    lock_project(session, pid)
    now = clock.now()
    draft = _draft_of(session, pid)
    if draft is None:
        draft = RevisionRound(project_id=pid, status="draft", created_by_id=viewer.user_id)
        draft.created_at = now
        session.add(draft)
        session.flush()
        record(
            session,
            project_id=pid,
            actor_id=viewer.user_id,
            kind="round_started",
            at=now,
            round_id=draft.id,
        )
    count = session.exec(
        select(func.count()).select_from(RevisionItem).where(RevisionItem.round_id == draft.id)
    ).one()
    if count >= MAX_ITEMS_PER_ROUND:
        raise ValidationError("revisions.round_full", field="description", max=MAX_ITEMS_PER_ROUND)
    item = RevisionItem(
        round_id=draft.id,
        project_id=pid,
        position=count,
        description=text,
        deliverable_id=did,
        priority=level,
        attachment_url=url,
        created_by_id=viewer.user_id,
        created_at=now,
    )
    session.add(item)
    session.flush()
    record(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        kind="item_added",
        at=now,
        round_id=draft.id,
        item_id=item.id,
        description=text[:200],
        priority=level,
    )
    draft_id = draft.id
    finish(session, pid)
    return draft_id


def remove_item(session: Session, viewer: Viewer, *, item_id: object) -> None:
    """Take a request out of the draft round: its author's, or any of them for a manager.

    Files attached to it move to the project's trash.

    Args:
        session: Database session; committed here.
        viewer: Who may compose the round.
        item_id: Id received from the client.

    Raises:
        NotFound: Unknown or invisible item.
        PermissionDenied: Not allowed to compose, or someone else's request (not a manager).
        Conflict: The round was already submitted.
    """
    item, found_round, access = require_item(session, viewer, item_id, roles=DRAFT_ROLES)
    terms = load_terms(session, access.project.id)
    if not can_draft(terms, viewer, access):
        raise PermissionDenied("revisions.contact_only")
    if not can_remove_item(item, viewer, access):
        raise PermissionDenied("revisions.remove_own_only")
    if found_round.status != "draft":
        raise Conflict("revisions.already_submitted")
    lock_project(session, access.project.id)
    record(
        session,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        kind="item_removed",
        at=clock.now(),
        round_id=found_round.id,
        description=item.description[:200],
    )
    # The trace keeps the request's text; its lines no longer point to the deleted row.
    session.exec(
        update(RevisionEvent)
        .where(RevisionEvent.item_id == item.id)
        .values(item_id=None)
        .execution_options(synchronize_session=False)
    )
    # Its attached files go to the project's trash (a manager may restore them for 30 days),
    # no longer pointing to the deleted row.
    session.exec(
        update(ProjectFile)
        .where(ProjectFile.revision_item_id == item.id, ProjectFile.deleted_at.is_(None))
        .values(deleted_at=clock.now(), deleted_by_id=viewer.user_id)
        .execution_options(synchronize_session=False)
    )
    session.exec(
        update(ProjectFile)
        .where(ProjectFile.revision_item_id == item.id)
        .values(revision_item_id=None)
        .execution_options(synchronize_session=False)
    )
    session.delete(item)
    session.flush()
    remaining = session.exec(
        select(RevisionItem)
        .where(RevisionItem.round_id == found_round.id)
        .order_by(RevisionItem.position, RevisionItem.id)
    ).all()
    for position, other in enumerate(remaining):
        other.position = position
        session.add(other)
    finish(session, access.project.id)


def _expected_price(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 15:
        return int(value)
    return None


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
        session: Database session; committed here.
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
    found_round, access = require_round(session, viewer, round_id, roles=DRAFT_ROLES)
    project = access.project
    terms = load_terms(session, project.id)
    contact = is_contact(terms, viewer, access)
    if not can_draft(terms, viewer, access):
        raise PermissionDenied("revisions.contact_only")
    lock_project(session, project.id)
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
        if _expected_price(expected_price_cents) != check.price_cents:
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
        result = session.exec(
            update(RevisionRound)
            .where(RevisionRound.id == found_round.id, RevisionRound.status == "draft")
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise Conflict("revisions.already_submitted")
        if check.billable and check.price_cents > 0:
            session.add(
                BillableLine(
                    project_id=project.id,
                    source="overage",
                    source_id=found_round.id,
                    description=translate(
                        "revisions.line_overage",
                        language,
                        number=check.number,
                        included=check.included,
                        project=project.name,
                    )[:300],
                    amount_cents=check.price_cents,
                    currency=project.currency,
                    created_at=now,
                    created_by_id=viewer.user_id,
                )
            )
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict("revisions.already_submitted") from exc
    record(
        session,
        project_id=project.id,
        actor_id=viewer.user_id,
        kind="round_submitted",
        at=now,
        round_id=found_round.id,
        number=check.number,
        on_behalf=not contact,
    )
    if check.billable:
        record(
            session,
            project_id=project.id,
            actor_id=viewer.user_id,
            kind="overage_confirmed",
            at=now,
            round_id=found_round.id,
            number=check.number,
            price_cents=check.price_cents,
        )
    notify(
        session,
        project_id=project.id,
        user_id=terms.lead_id,
        kind="revision_round_submitted",
        dedup_key=f"revision-round-submitted:{found_round.id}",
        message="revisions.mail_submitted",
        path=f"/projects/{project.id}/revisions/{found_round.id}",
        number=check.number,
    )
    notifications.project_event(
        session,
        project_id=project.id,
        actor_id=viewer.user_id,
        kind="round_submitted",
        roles=("manager",),
        mailed_elsewhere=(terms.lead_id,),
        audience="team",
        path=f"/projects/{project.id}/revisions/{found_round.id}",
        params={"number": check.number},
    )
    finish(session, project.id)
    return check.number
