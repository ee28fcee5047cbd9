"""Invoices: draft splits (the calculator), issuing with a frozen snapshot, credit notes.

Drafts are the project managers' working copies: only they read or change them (anyone else
gets ``NotFound``). :func:`issue` numbers a draft in its collective's unbroken sequence
(:mod:`collab_app.services.billing.numbering`), computes its split once with that number,
stores every line amount, every member's share with VAT and explanation, and the totals: from
then on the invoice is read from those rows only, so later changes to time or rates do not alter
it. Issuing needs the collective's complete invoicing identity
(:mod:`collab_app.services.billing.identity`), copied into the invoice's snapshot so later
edits of it never change an issued invoice. A correction is a credit note, whole or partial
(:func:`credit`, in :mod:`collab_app.services.billing.credits`).

Reading issued invoices per role lives in :mod:`collab_app.services.billing.issued`; the
storage and shape checks of drafts in :mod:`collab_app.services.billing.drafts`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, delete, select

from collab_app.models import Invoice, InvoiceLine, InvoiceShare
from collab_app.models.base import utcnow
from collab_app.services import clock, permissions
from collab_app.services.billing import deliverables, payees, presenter
from collab_app.services.billing import identity as collective_billing
from collab_app.services.billing.credits import credit
from collab_app.services.billing.drafts import (
    check_draft,
    draft_key,
    draft_of,
    lines_of,
    prefill,
    with_new_line,
    write_lines,
)
from collab_app.services.billing.issued import require_managed
from collab_app.services.billing.numbering import issuing
from collab_app.services.billing.presenter import DraftSummary
from collab_app.services.billing.snapshots import member_to_json
from collab_app.services.billing.split import Computed, SplitDraft, client_block, compute
from collab_app.services.errors import Conflict, ValidationError
from collab_app.services.viewer import Viewer

__all__ = ["credit", "issue"]


@dataclass(frozen=True, slots=True)
class RosterPerson:
    """Someone who can be paid on the project."""

    user_id: int
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class DraftData:
    """A draft as the calculator edits it."""

    invoice_id: int
    project_id: int
    draft_key: str
    draft: SplitDraft
    roster: tuple[RosterPerson, ...]


def _roster(session: Session, project_id: int) -> tuple[RosterPerson, ...]:
    return tuple(RosterPerson(u, n, r) for u, n, r in payees.paid_people(session, project_id))


def create_draft(
    session: Session, viewer: Viewer, *, project_id: object, now: datetime | None = None
) -> int:
    """Start a draft split with everything not invoiced yet (managers).

    Lines: every pending milestone and bonus, every pending billable line from revisions, and a
    time line (time x rate since the project started) for time or mixed projects.

    Args:
        viewer: A manager of the project.
        now: Current time (tests).

    Returns:
        The draft's id.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    today = (now or clock.now()).date()
    billing = payees.collective_billing(session, access.project.collective_id)
    invoice = Invoice(
        collective_id=access.project.collective_id,
        project_id=access.project.id,
        client_name=access.project.client_name,
        due_date=today + timedelta(days=billing.payment_days),
        currency=access.project.currency,
        created_by_id=viewer.user_id,
    )
    session.add(invoice)
    session.flush()
    write_lines(session, invoice.id, prefill(session, access, today))
    invoice_id = invoice.id
    session.commit()
    return invoice_id


def missing_billing(session: Session, viewer: Viewer, *, project_id: object) -> tuple[str, ...]:
    """Return what the project's collective still lacks to issue invoices (managers).

    Args:
        viewer: A manager of the project.

    Returns:
        The missing identity field names, empty when complete.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    return collective_billing.missing_fields(session, access.project.collective_id)


def list_drafts(session: Session, viewer: Viewer, *, project_id: object) -> list[DraftSummary]:
    """Return a project's drafts (managers; an empty list for anyone else).

    Args:
        viewer: Someone on the project.

    Returns:
        Drafts, most recently changed first.
    """
    access = permissions.require_project(session, viewer, project_id)
    if not access.is_manager:
        return []
    rows = session.exec(
        select(Invoice)
        .where(Invoice.project_id == access.project.id, Invoice.status == "draft")
        .order_by(Invoice.updated_at.desc(), Invoice.id.desc())
    ).all()
    counts: dict[int, int] = {}
    if rows:
        for invoice_id in session.exec(
            select(InvoiceLine.invoice_id).where(InvoiceLine.invoice_id.in_([r.id for r in rows]))
        ).all():
            counts[invoice_id] = counts.get(invoice_id, 0) + 1
    return [presenter.draft_summary(r, counts.get(r.id, 0)) for r in rows]


def load_draft(session: Session, viewer: Viewer, *, invoice_id: object) -> DraftData:
    """Return a draft for the calculator (managers).

    Args:
        viewer: A manager of the draft's project.

    Returns:
        The draft with the people who can be paid.
    """
    invoice, access = require_managed(session, viewer, invoice_id, status="draft")
    return DraftData(
        invoice_id=invoice.id,
        project_id=access.project.id,
        draft_key=draft_key(invoice.id),
        draft=draft_of(session, invoice),
        roster=_roster(session, access.project.id),
    )


def save_draft(session: Session, viewer: Viewer, *, invoice_id: object, draft: SplitDraft) -> None:
    """Save a draft as edited in the calculator (managers).

    Args:
        viewer: A manager of the draft's project.
        draft: The edited draft.
    """
    invoice, access = require_managed(session, viewer, invoice_id, status="draft")
    allowed = {p.user_id for p in _roster(session, access.project.id)}
    draft = check_draft(draft, allowed, viewer.locale)
    invoice.fee_percent = str(draft.fee_percent).strip() or "0"
    invoice.title = draft.title
    for name, value in client_block(draft).items():
        setattr(invoice, name, value)
    invoice.due_date = date.fromisoformat(draft.due_date) if draft.due_date else None
    invoice.updated_at, invoice.version = utcnow(), invoice.version + 1
    session.add(invoice)
    write_lines(session, invoice.id, draft.lines)
    session.commit()


def delete_draft(session: Session, viewer: Viewer, *, invoice_id: object) -> None:
    """Delete a draft (managers); issued invoices cannot be deleted, only credited.

    Args:
        viewer: A manager of the draft's project.
    """
    invoice, _access = require_managed(session, viewer, invoice_id, status="draft")
    session.exec(delete(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id))
    session.delete(invoice)
    session.commit()


def preview(session: Session, viewer: Viewer, *, invoice_id: object, draft: SplitDraft) -> Computed:
    """Compute the split of a draft as edited, without saving it (managers).

    Args:
        viewer: A manager of the draft's project.
        draft: The edited draft.

    Returns:
        The split and its VAT.

    Raises:
        ValidationError: The draft cannot be split (the message says why).
    """
    invoice, access = require_managed(session, viewer, invoice_id, status="draft")
    allowed = {p.user_id for p in _roster(session, access.project.id)}
    checked = check_draft(draft, allowed, viewer.locale)
    return compute(session, access.project, checked, draft_key(invoice.id))


def add_line(
    session: Session, viewer: Viewer, *, invoice_id: object, draft: SplitDraft, basis: object
) -> SplitDraft:
    """Return a draft as edited with one new empty line of a basis, without saving it (managers).

    Args:
        viewer: A manager of the draft's project.
        draft: The edited draft.
        basis: ``milestone``, ``time``, ``bonus`` or ``fixed``.

    Returns:
        The draft with the new line.

    Raises:
        ValidationError: Unknown basis or too many lines.
    """
    require_managed(session, viewer, invoice_id, status="draft")
    return with_new_line(draft, basis)


def issue(
    session: Session,
    viewer: Viewer,
    *,
    invoice_id: object,
    now: datetime | None = None,
    locale: str = "en",
) -> str:
    """Issue a saved draft: number it, compute and freeze its split, bill its sources.

    Args:
        session: Database session; committed here (rolled back on any failure).
        viewer: A manager of the draft's project.
        now: Current time (tests).
        locale: Language of the missing identity fields named in an error.

    Returns:
        The invoice number.

    Raises:
        ValidationError: The collective's invoicing identity is incomplete
            (``revenue.billing_incomplete``), no client name, or a split that cannot be
            computed.
        Conflict: Someone issued or deleted it meanwhile, or a source was billed meanwhile.
    """
    invoice, access = require_managed(session, viewer, invoice_id, status="draft")
    project = access.project
    collective_billing.require_complete(session, project.collective_id, locale)
    draft = draft_of(session, invoice)
    if not draft.client_name:
        raise ValidationError("revenue.client_required", field="client_name")
    compute(session, project, draft, draft_key(invoice.id))  # fail before taking a number
    session.commit()  # nothing written yet: the issuing transaction starts with the counter
    moment = now or clock.now()
    with issuing(
        session,
        collective_id=project.collective_id,
        project_id=project.id,
        actor_id=viewer.user_id,
        kind="invoice_issued",
    ) as (sequence, number):
        fresh = session.exec(
            select(Invoice)
            .where(Invoice.id == invoice.id)
            .execution_options(populate_existing=True)
        ).first()
        if fresh is None or fresh.status != "draft":
            raise Conflict("revenue.already_issued")
        draft = draft_of(session, fresh)
        computed = compute(session, project, draft, number)
        collective_billing.require_complete(session, project.collective_id, locale)
        _freeze(session, fresh, draft, computed, sequence, number, moment)
        for source in ("deliverable", "billable"):
            ids = {line.source_id for line in draft.lines if line.source == source}
            deliverables.mark_invoiced(
                session, project_id=project.id, source=source, ids=ids - {None}, invoice_id=fresh.id
            )
    return number


def _freeze(
    session: Session,
    invoice: Invoice,
    draft: SplitDraft,
    computed: Computed,
    sequence: int,
    number: str,
    moment: datetime,
) -> None:
    result, vat = computed.result, computed.vat
    amounts = {line.line_id: line for line in result.lines}
    for row in lines_of(session, invoice.id):
        row.amount_cents = amounts[row.line_key].amount_cents
        session.add(row)
    vat_by_member = {share.member_id: share for share in vat.shares}
    for member in result.members:
        if not member.lines:
            continue
        share = vat_by_member.get(member.member_id)
        session.add(
            InvoiceShare(
                invoice_id=invoice.id,
                user_id=member.member_id,
                name=member.name[:80],
                base_cents=member.total_cents,
                vat_rate_bp=share.rate_bp if share else None,
                vat_cents=share.vat_cents if share else 0,
                legal_mention=share.legal_mention if share else "",
                detail_json=member_to_json(member),
            )
        )
    collective = vat.collective
    snapshot = {
        "lines": [
            {
                "key": line.line_id,
                "label": line.label,
                "basis": line.basis.value,
                "origin": line.origin.value if line.origin else None,
                "amount_cents": line.amount_cents,
                "fee_cents": line.fee_cents,
            }
            for line in result.lines
        ],
        "fee_percent": str(result.fee_percent),
        "fee_vat_rate_bp": collective.rate_bp if collective else None,
        "fee_vat_cents": collective.vat_cents if collective else 0,
        "by_rate": [
            {"rate_bp": r.rate_bp, "base_cents": r.base_cents, "vat_cents": r.vat_cents}
            for r in vat.by_rate
        ],
        "mentions": list(vat.legal_mentions),
        "issuer": collective_billing.issuer_snapshot(session, invoice.collective_id),
    }
    invoice.status, invoice.sequence, invoice.number = "issued", sequence, number
    invoice.issue_date = moment.date()
    # No due date typed: the collective's payment term from the issue date (frozen with it).
    days = int(snapshot["issuer"].get("payment_days") or 0)
    invoice.due_date = invoice.due_date or moment.date() + timedelta(days=days)
    invoice.fee_percent = str(result.fee_percent)
    invoice.total_before_tax_cents = vat.total_before_tax_cents
    invoice.fee_cents = result.collective_fee_cents
    invoice.vat_cents, invoice.total_cents = vat.total_vat_cents, vat.total_cents
    invoice.snapshot_json = json.dumps(snapshot, ensure_ascii=False)
    invoice.issued_at = invoice.updated_at = moment
    invoice.version += 1
    session.add(invoice)
