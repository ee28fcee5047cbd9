"""Change orders: priced proposals for scope changes, approved or declined by the client.

- A manager or the lead proposes one for an item triaged ``scope_change`` that is still open
  and has no active (proposed or approved) change order: description, price, delay impact in
  working days. The designated client contact is told.
- Only the designated client contact decides, in the app; the decision is stamped with who and
  when. Approval must carry the price the contact saw (``expected_price_cents``).
- Approved: a ``BillableLine`` (source ``change_order``) is written in the same transaction and
  the item may start. Declined: the item is declined with the client's reason (the round may
  close).
- Nothing starts before approval: ``revisions_triage.set_status`` refuses to move a scope
  change to in progress or done without an approved change order, and
  ``task_awaiting_approval`` tells the board whether a task is held by a pending one.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, select

from collab_app.i18n import translate
from collab_app.models import (
    BillableLine,
    ChangeOrder,
    RevisionItem,
    RevisionItemTask,
    RevisionRound,
)
from collab_app.services import clock, notifications, permissions
from collab_app.services.errors import Conflict, NotFound, PermissionDenied
from collab_app.services.revisions.common import (
    MAX_DELAY_DAYS,
    can_price,
    close_round_if_resolved,
    finish,
    is_contact,
    load_terms,
    lock_project,
    mark_first_response,
    money,
    notify,
    record,
    require_item,
)
from collab_app.services.revisions.input import (
    REASON_MAX,
    TEXT_MAX,
    clean_int,
    clean_price,
    clean_text,
)
from collab_app.services.viewer import Viewer

ACTIVE = ("proposed", "approved")


def require_change_order(
    session: Session, viewer: Viewer, change_order_id: object
) -> tuple[ChangeOrder, permissions.ProjectAccess]:
    """Return a change order the viewer may see (the team and the project's clients).

    Args:
        session: Database session.
        viewer: The signed-in person.
        change_order_id: Id received from the client.

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
        session: Database session; committed here.
        viewer: A manager or the lead.
        item_id: Id received from the client.
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
    if not can_price(terms, viewer, access):
        raise PermissionDenied("revisions.pricing_managers_only")
    text = clean_text(description, field="co_description", max_len=TEXT_MAX, required=True)
    cents = clean_price(price, field="co_price", locale=viewer.locale)
    delay = clean_int(delay_days or 0, field="co_delay", low=0, high=MAX_DELAY_DAYS)
    if found_round.status != "submitted":
        raise Conflict("revisions.round_closed")
    if item.kind != "scope_change" or item.status != "open":
        raise Conflict("revisions.not_scope_change")
    lock_project(session, access.project.id)
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
    record(
        session,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        kind="change_order_proposed",
        at=now,
        round_id=found_round.id,
        item_id=item.id,
        change_order_id=order.id,
        price_cents=cents,
        delay_days=delay,
    )
    mark_first_response(session, found_round, viewer, now)
    order_id = order.id
    notify(
        session,
        project_id=access.project.id,
        user_id=terms.client_contact_id,
        kind="change_order_proposed",
        dedup_key=f"change-order-proposed:{order_id}",
        message="revisions.mail_change_order",
        path=f"/projects/{access.project.id}/revisions",
        price_cents=cents,
    )
    notifications.project_event(
        session,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        kind="change_order_proposed",
        roles=("client",),
        mailed_elsewhere=(terms.client_contact_id,),
        path=f"/projects/{access.project.id}/revisions",
    )
    finish(session, access.project.id)
    return order_id


def _expected(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 15:
        return int(value)
    return None


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
        session: Database session; committed here.
        viewer: The designated client contact.
        change_order_id: Id received from the client.
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
    if not is_contact(terms, viewer, access):
        raise PermissionDenied("revisions.contact_decides")
    if not isinstance(approve, bool):
        raise Conflict("revisions.choice_invalid")
    text = clean_text(reason, field="co_reason", max_len=REASON_MAX)
    language = locale or viewer.locale
    if order.status != "proposed":
        raise Conflict("revisions.already_decided")
    if approve and _expected(expected_price_cents) != order.price_cents:
        raise Conflict(
            "revisions.price_changed",
            price=money(order.price_cents, language, access.project.currency),
        )
    lock_project(session, access.project.id)
    now = clock.now()
    status = "approved" if approve else "declined"
    result = session.exec(
        update(ChangeOrder)
        .where(
            ChangeOrder.id == order.id,
            ChangeOrder.status == "proposed",
            ChangeOrder.price_cents == order.price_cents,
        )
        .values(status=status, decided_by_id=viewer.user_id, decided_at=now, decline_reason=text)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        raise Conflict("revisions.already_decided")
    item = session.exec(
        select(RevisionItem)
        .where(RevisionItem.id == order.item_id)
        .execution_options(populate_existing=True)
    ).one()
    if approve:
        session.add(
            BillableLine(
                project_id=access.project.id,
                source="change_order",
                source_id=order.id,
                description=translate(
                    "revisions.line_change_order",
                    language,
                    description=" ".join(order.description.split())[:200],
                )[:300],
                amount_cents=order.price_cents,
                currency=access.project.currency,
                created_at=now,
                created_by_id=viewer.user_id,
            )
        )
    elif item.status not in ("done", "declined"):
        session.exec(
            update(RevisionItem)
            .where(RevisionItem.id == item.id)
            .values(
                status="declined",
                reason=text or translate("revisions.co_declined_reason", language),
                status_changed_at=now,
                status_changed_by_id=viewer.user_id,
                version=RevisionItem.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
    record(
        session,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        kind=f"change_order_{status}",
        at=now,
        round_id=item.round_id,
        item_id=item.id,
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
    notify(
        session,
        project_id=access.project.id,
        user_id=terms.lead_id,
        kind=f"change_order_{status}",
        dedup_key=f"change-order-decided:{order.id}",
        message=f"revisions.mail_co_{status}",
        path=f"/projects/{access.project.id}/revisions/{item.round_id}",
    )
    notifications.project_event(
        session,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        kind="change_order_decided",
        roles=("manager", "member"),
        mailed_elsewhere=(terms.lead_id,),
        audience="team",
        path=f"/projects/{access.project.id}/revisions/{item.round_id}",
    )
    finish(session, access.project.id)
    return status


def task_awaiting_approval(session: Session, task_id: int) -> bool:
    """Tell whether a board task is linked to a scope change whose change order is not approved.

    For the board: such a task should not move to "in progress" yet (nothing starts before
    approval). The caller has already checked that the viewer may see the task.

    Args:
        session: Database session.
        task_id: The task.

    Returns:
        True when the task is held.
    """
    approved = select(ChangeOrder.item_id).where(ChangeOrder.status == "approved")
    held = session.exec(
        select(RevisionItem.id)
        .join(RevisionItemTask, RevisionItemTask.item_id == RevisionItem.id)
        .where(
            RevisionItemTask.task_id == task_id,
            RevisionItem.kind == "scope_change",
            RevisionItem.status == "open",
            RevisionItem.id.not_in(approved),
        )
    ).first()
    return held is not None
