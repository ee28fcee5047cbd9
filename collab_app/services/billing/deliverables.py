"""Deliverables: a project's milestones (fixed price) and performance bonuses, and billable lines.

Managers only: these are the project's money. A new draft split picks up every deliverable and
billable line not invoiced yet; issuing marks them invoiced, a credit note releases them.

Billable lines come from revision rounds (overage rounds, approved change orders), in the table
``BillableLine`` of :mod:`collab_app.models.revisions` (``project_id``, ``source``,
``source_id``, ``description``, ``amount_cents``, ``invoiced_invoice_id``).
"""

from __future__ import annotations

import json

from sqlalchemy import update
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, select

from collab_app.models import BillableLine, Deliverable
from collab_app.models.revenue import DELIVERABLE_KINDS
from collab_app.services import permissions
from collab_app.services.billing import presenter
from collab_app.services.billing.presenter import DeliverableView
from collab_app.services.billing.split import parse_amount, parse_decimal
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.viewer import Viewer

MAX_NAME = 120
MAX_DELIVERABLES = 100


def pending_billables(session: Session, project_id: int) -> list[BillableLine]:
    """Return the project's billable lines not invoiced yet (no permission check).

    Args:
        project_id: The project.

    Returns:
        The rows, oldest first.
    """
    return _not_invoiced(session, BillableLine, project_id, BillableLine.id)


def mark_invoiced(
    session: Session, *, project_id: int, source: str, ids: set[int], invoice_id: int | None
) -> None:
    """Mark deliverables or billable lines as billed by an invoice (or release them with None).

    Args:
        session: Database session (the caller commits).
        project_id: Their project.
        source: ``deliverable`` or ``billable``.
        ids: Their ids.
        invoice_id: The issued invoice, or None to release them.

    Raises:
        Conflict: One of them is already billed by another invoice.
    """
    if not ids:
        return
    model = Deliverable if source == "deliverable" else BillableLine
    condition = [model.project_id == project_id, model.id.in_(ids)]
    if invoice_id is not None:
        condition.append(model.invoiced_invoice_id.is_(None))
    changed = session.exec(
        update(model).where(*condition).values(invoiced_invoice_id=invoice_id)
    ).rowcount
    if invoice_id is not None and changed != len(ids):
        raise Conflict("revenue.already_invoiced")


def release(session: Session, *, invoice_id: int) -> None:
    """Release everything an invoice billed, so it can be invoiced again (after a credit note).

    Args:
        session: Database session (the caller commits).
        invoice_id: The credited invoice.
    """
    for model in (Deliverable, BillableLine):
        session.exec(
            update(model)
            .where(model.invoiced_invoice_id == invoice_id)
            .values(invoiced_invoice_id=None)
        )


def list_deliverables(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> list[DeliverableView]:
    """Return a project's milestones and bonuses (managers).

    Args:
        viewer: A manager of the project.
        locale: For amounts.

    Returns:
        The deliverables in order.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    rows = session.exec(
        select(Deliverable)
        .where(Deliverable.project_id == access.project.id)
        .order_by(Deliverable.position, Deliverable.id)
    ).all()
    return [presenter.deliverable_view(d, locale, access.project.currency) for d in rows]


def add_deliverable(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    kind: object,
    name: object,
    amount: object,
    split: dict[int, str] | None = None,
) -> int:
    """Add a milestone or a bonus to a project (managers).

    Args:
        viewer: A manager of the project.
        kind: ``milestone`` or ``bonus``.
        name: Its name.
        amount: Its amount as typed.
        split: Optional agreed shares (milestone) or weights (bonus): user id -> typed value.

    Returns:
        The new deliverable's id.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    if kind not in DELIVERABLE_KINDS:
        raise ValidationError("revenue.kind_invalid", field="deliverable_kind")
    text = name.strip() if isinstance(name, str) else ""
    if not text or len(text) > MAX_NAME:
        raise ValidationError("revenue.name_invalid", field="deliverable_name", max=MAX_NAME)
    cents = parse_amount(amount, field_name="deliverable_amount", locale=viewer.locale)
    if cents is None:
        raise ValidationError("revenue.amount_invalid", field="deliverable_amount", line=text)
    count = len(
        session.exec(
            select(Deliverable.id).where(Deliverable.project_id == access.project.id)
        ).all()
    )
    if count >= MAX_DELIVERABLES:
        raise ValidationError("revenue.too_many_lines", max=MAX_DELIVERABLES)
    values = {}
    for uid, value in (split or {}).items():
        if parse_decimal(value, field_name="deliverable_split", line=text) is not None:
            values[str(permissions.coerce_id(uid))] = str(value).strip()
    row = Deliverable(
        project_id=access.project.id,
        kind=str(kind),
        name=text,
        amount_cents=cents,
        split_json=json.dumps(values),
        position=count,
    )
    session.add(row)
    session.flush()
    row_id = row.id
    session.commit()
    return row_id


def delete_deliverable(session: Session, viewer: Viewer, *, deliverable_id: object) -> None:
    """Delete a deliverable not invoiced yet (managers).

    Args:
        viewer: A manager of its project.
    """
    row = session.get(Deliverable, permissions.coerce_id(deliverable_id))
    if row is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, row.project_id)
    if not access.is_manager:
        raise NotFound()
    if row.invoiced_invoice_id is not None:
        raise Conflict("revenue.already_invoiced")
    session.delete(row)
    session.commit()


def pending_deliverables(session: Session, project_id: int) -> list[Deliverable]:
    """Return the project's deliverables not invoiced yet (no permission check).

    Args:
        project_id: The project.

    Returns:
        Rows in order.
    """
    return _not_invoiced(session, Deliverable, project_id, Deliverable.position, Deliverable.id)


def _not_invoiced(
    session: Session,
    model: type[Deliverable] | type[BillableLine],
    project_id: int,
    *order: InstrumentedAttribute,
) -> list:
    """The rows of ``model`` of a project that no invoice bills yet, in ``order``."""
    return list(
        session.exec(
            select(model)
            .where(model.project_id == project_id, model.invoiced_invoice_id.is_(None))
            .order_by(*order)
        ).all()
    )
