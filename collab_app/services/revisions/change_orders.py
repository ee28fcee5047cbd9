"""Change orders: priced proposals for scope changes, approved or declined by the client.

- A manager or the lead proposes one for an item triaged ``scope_change`` that is still open
  and has no active (proposed or approved) change order: description, price, delay impact in
  working days. The designated client contact is told.
- Only the designated client contact decides, in the app; the decision is stamped with who and
  when. Approval must carry the price the contact saw (``expected_price_cents``).
- Approved: a ``BillableLine`` (source ``change_order``) is written in the same transaction and
  the item may start. Declined: the item is declined with the client's reason (the round may
  close).
- Nothing starts before approval: ``triage.set_status`` refuses to move a scope
  change to in progress or done without an approved change order, and
  ``task_awaiting_approval`` tells the board whether a task is held by a pending one.
"""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import Session, select

from collab_app.models import ChangeOrder, RevisionItem, RevisionItemTask, RevisionRound
from collab_app.services import clock, permissions
from collab_app.services.claims import claim
from collab_app.services.errors import Conflict, NotFound, PermissionDenied
from collab_app.services.files.views import attached_files
from collab_app.services.permissions import ProjectAccess
from collab_app.services.project_lock import lock_project
from collab_app.services.revisions.access import names_of, require_item
from collab_app.services.revisions.counting import bill
from collab_app.services.revisions.mail import tell
from collab_app.services.revisions.presenter.builders import change_order_view
from collab_app.services.revisions.presenter.labels import (
    change_order_line,
    declined_by_client,
    money,
)
from collab_app.services.revisions.presenter.records import ChangeOrderRecord
from collab_app.services.revisions.presenter.views import ChangeOrderView
from collab_app.services.revisions.rounds import close_round_if_resolved, mark_first_response
from collab_app.services.revisions.terms import clean_price, load_terms
from collab_app.services.revisions.text import (
    REASON_MAX,
    TEXT_MAX,
    clean_int,
    clean_text,
    expected_cents,
)
from collab_app.services.revisions.trace import record_item
from collab_app.services.viewer import Viewer

ACTIVE = ("proposed", "approved")
MAX_DELAY_DAYS = 365


def require_change_order(
    session: Session, viewer: Viewer, change_order_id: object
) -> tuple[ChangeOrder, permissions.ProjectAccess]:
    """Return a change order the viewer may see (the team and the project's clients).

    Returns:
        (change order freshly read, access).

    Raises:
        NotFound: Unknown, or the viewer is a guest or not on the project.
    """
    cid = permissions.coerce_id(change_order_id)
    project_id = session.exec(select(ChangeOrder.project_id).where(ChangeOrder.id == cid)).first()
    if project_id is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, project_id)
    if not permissions.can_see_revision_prices(access):
        raise NotFound()
    order = session.exec(
        select(ChangeOrder).where(ChangeOrder.id == cid).execution_options(populate_existing=True)
    ).one()
    return order, access


def propose(
    session: Session,
    viewer: Viewer,
    *,
    item_id: object,
    description: object,
    price: object,
    delay_days: object = 0,
) -> int:
    """Propose a change order for a scope-change item (managers and the lead).

    Args:
        viewer: A manager or the lead.
        description: What the extra work is (the client reads it), 1-5000 characters.
        price: Amount in either locale's notation, or cents as an int.
        delay_days: Impact on the schedule, 0-365 working days.

    Returns:
        The change order's id.

    Raises:
        NotFound: Unknown or invisible item.
        PermissionDenied: Not a manager or the lead.
        Conflict: Not an open scope change, or it already has an active change order.
        ValidationError: A bad field.
    """
    item, found_round, access = require_item(session, viewer, item_id, roles=permissions.TEAM_ROLES)
    terms = load_terms(session, access.project.id)
    if not permissions.can_price_changes(terms, viewer, access):
        raise PermissionDenied("revisions.pricing_managers_only")
    text = clean_text(description, field="co_description", max_len=TEXT_MAX, required=True)
    cents = clean_price(price, field="co_price", locale=viewer.locale)
    delay = clean_int(delay_days or 0, field="co_delay", low=0, high=MAX_DELAY_DAYS)
    if found_round.status != "submitted":
        raise Conflict("revisions.round_closed")
    if item.kind != "scope_change" or item.status != "open":
        raise Conflict("revisions.not_scope_change")
    lock_project(session, access.project.id, hold_references=True)
    active = session.exec(
        select(ChangeOrder.id).where(ChangeOrder.item_id == item.id, ChangeOrder.status.in_(ACTIVE))
    ).first()
    if active is not None:
        raise Conflict("revisions.has_change_order")
    now = clock.now()
    order = ChangeOrder(
        project_id=access.project.id,
        item_id=item.id,
        description=text,
        price_cents=cents,
        delay_days=delay,
        created_by_id=viewer.user_id,
        created_at=now,
    )
    session.add(order)
    session.flush()
    record_item(
        session,
        item,
        viewer,
        "change_order_proposed",
        now,
        change_order_id=order.id,
        price_cents=cents,
        delay_days=delay,
    )
    mark_first_response(session, found_round, viewer, now)
    order_id = order.id
    tell(
        session,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        mail_to=terms.client_contact_id,
        mail_kind="change_order_proposed",
        dedup_key=f"change-order-proposed:{order_id}",
        message="revisions.mail_change_order",
        event="change_order_proposed",
        roles=permissions.CLIENT_ROLES,
        path=f"/projects/{access.project.id}/revisions",
        mail_params={"price_cents": cents},
    )
    session.commit()
    return order_id


def decide(
    session: Session,
    viewer: Viewer,
    *,
    change_order_id: object,
    approve: object,
    expected_price_cents: object = None,
    reason: object = "",
    locale: str | None = None,
) -> str:
    """Approve or decline a proposed change order (the designated client contact only).

    Args:
        viewer: The designated client contact.
        approve: True to approve, False to decline.
        expected_price_cents: For approval, the price the contact saw.
        reason: Optional reason of a decline.
        locale: Language of the billable line's description (the contact's).

    Returns:
        The new status: ``approved`` or ``declined``.

    Raises:
        NotFound: Unknown or invisible change order.
        PermissionDenied: Not the designated contact.
        Conflict: Already decided, or the price is not the one shown.
    """
    order, access = require_change_order(session, viewer, change_order_id)
    terms = load_terms(session, access.project.id)
    if not permissions.is_revision_contact(terms, viewer, access):
        raise PermissionDenied("revisions.contact_decides")
    if not isinstance(approve, bool):
        raise Conflict("revisions.choice_invalid")
    text = clean_text(reason, field="co_reason", max_len=REASON_MAX)
    language = locale or viewer.locale
    if order.status != "proposed":
        raise Conflict("revisions.already_decided")
    if approve and expected_cents(expected_price_cents) != order.price_cents:
        raise Conflict(
            "revisions.price_changed",
            price=money(order.price_cents, language, access.project.currency),
        )
    lock_project(session, access.project.id, hold_references=True)
    now = clock.now()
    status = "approved" if approve else "declined"
    decided = claim(
        session,
        ChangeOrder,
        ChangeOrder.id == order.id,
        ChangeOrder.status == "proposed",
        ChangeOrder.price_cents == order.price_cents,
        status=status,
        decided_by_id=viewer.user_id,
        decided_at=now,
        decline_reason=text,
    )
    if decided != 1:
        session.rollback()
        raise Conflict("revisions.already_decided")
    item = session.exec(
        select(RevisionItem)
        .where(RevisionItem.id == order.item_id)
        .execution_options(populate_existing=True)
    ).one()
    if approve:
        bill(
            session,
            project=access.project,
            source="change_order",
            source_id=order.id,
            description=change_order_line(order.description, language),
            cents=order.price_cents,
            at=now,
            actor_id=viewer.user_id,
        )
    elif item.status not in ("done", "declined"):
        claim(
            session,
            RevisionItem,
            RevisionItem.id == item.id,
            status="declined",
            reason=text or declined_by_client(language),
            status_changed_at=now,
            status_changed_by_id=viewer.user_id,
            version=RevisionItem.version + 1,
        )
    record_item(
        session,
        item,
        viewer,
        f"change_order_{status}",
        now,
        change_order_id=order.id,
        price_cents=order.price_cents,
        reason=text,
    )
    if not approve:
        found_round = session.exec(
            select(RevisionRound)
            .where(RevisionRound.id == item.round_id)
            .execution_options(populate_existing=True)
        ).one()
        close_round_if_resolved(session, found_round, viewer, now)
    tell(
        session,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        mail_to=terms.lead_id,
        mail_kind=f"change_order_{status}",
        dedup_key=f"change-order-decided:{order.id}",
        message=f"revisions.mail_co_{status}",
        event="change_order_decided",
        roles=permissions.TEAM_ROLES,
        audience="team",
        path=f"/projects/{access.project.id}/revisions/{item.round_id}",
    )
    session.commit()
    return status


def change_orders_by_item(session: Session, item_ids: list[int]) -> dict[int, ChangeOrder]:
    """Return the change order that speaks for each item: the active one, else the latest.

    Args:
        item_ids: The items.

    Returns:
        Item id -> change order.
    """
    if not item_ids:
        return {}
    rows = session.exec(
        select(ChangeOrder).where(ChangeOrder.item_id.in_(item_ids)).order_by(ChangeOrder.id)
    ).all()
    found: dict[int, ChangeOrder] = {}
    for order in rows:
        current = found.get(order.item_id)
        if current is None or current.status not in ACTIVE:
            found[order.item_id] = order
    return found


def change_order_records(
    session: Session,
    viewer: Viewer,
    access: ProjectAccess,
    orders: list[ChangeOrder],
    locale: str,
) -> list[ChangeOrderRecord]:
    """Read change orders with their rounds and people (team and client only; guests: none).

    Args:
        access: Their access.
        orders: Change orders of the project.
        locale: For the attached files.

    Returns:
        Records in the same order.
    """
    if not permissions.can_see_revision_prices(access):
        return []
    item_rounds = dict(
        session.exec(
            select(RevisionItem.id, RevisionItem.round_id).where(
                RevisionItem.id.in_([o.item_id for o in orders])
            )
        ).all()
    )
    numbers = dict(
        session.exec(
            select(RevisionRound.id, RevisionRound.number).where(
                RevisionRound.id.in_(set(item_rounds.values()))
            )
        ).all()
    )
    names = names_of(session, {o.created_by_id for o in orders} | {o.decided_by_id for o in orders})
    on_orders = attached_files(
        session, viewer, access, "order", [o.id for o in orders], locale=locale
    )
    return [
        ChangeOrderRecord(
            row=o,
            round_id=item_rounds.get(o.item_id, 0),
            round_number=numbers.get(item_rounds.get(o.item_id, 0)) or 0,
            created_by=names.get(o.created_by_id, ""),
            decided_by=names.get(o.decided_by_id or 0, ""),
            currency=access.project.currency,
            files=tuple(on_orders.get(o.id, ())),
            can_attach=o.created_by_id == viewer.user_id,
        )
        for o in orders
    ]


def project_orders(session: Session, project_id: int) -> list[ChangeOrder]:
    """Return the project's change orders, newest first.

    Args:
        project_id: The project.

    Returns:
        The rows.
    """
    return list(
        session.exec(
            select(ChangeOrder)
            .where(ChangeOrder.project_id == project_id)
            .order_by(ChangeOrder.created_at.desc(), ChangeOrder.id.desc())
        ).all()
    )


def pending_decisions(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> tuple[ChangeOrderView, ...]:
    """Return the change orders waiting for this viewer's decision (the client contact).

    For the project's overview: the contact sees what to decide where they look, not only
    in a mail. Anyone else gets none.

    Args:
        viewer: Anyone on the project.
        locale: For prices and dates.

    Returns:
        Proposed change orders, newest first; empty unless the viewer decides them.
    """
    access = permissions.require_project(session, viewer, project_id)
    terms = load_terms(session, access.project.id)
    if not permissions.is_revision_contact(terms, viewer, access):
        return ()
    proposed = [o for o in project_orders(session, access.project.id) if o.status == "proposed"]
    records = change_order_records(session, viewer, access, proposed, locale)
    return tuple(change_order_view(record, viewer, locale) for record in records)


# Built once: every card move leaving "to do" asks it.
_HELD_BY_CHANGE_ORDER = (
    select(RevisionItem.id)
    .join(RevisionItemTask, RevisionItemTask.item_id == RevisionItem.id)
    .where(
        RevisionItemTask.task_id == bindparam("task_id"),
        RevisionItem.kind == "scope_change",
        RevisionItem.status == "open",
        RevisionItem.id.not_in(select(ChangeOrder.item_id).where(ChangeOrder.status == "approved")),
    )
)


def task_awaiting_approval(session: Session, task_id: int) -> bool:
    """Tell whether a board task is linked to a scope change whose change order is not approved.

    For the board: such a task should not move to "in progress" yet (nothing starts before
    approval). The caller has already checked that the viewer may see the task.

    Args:
        task_id: The task.

    Returns:
        True when the task is held.
    """
    return session.exec(_HELD_BY_CHANGE_ORDER, params={"task_id": task_id}).first() is not None
