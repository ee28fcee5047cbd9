"""Credit notes: crediting an issued invoice in whole or in part (managers).

A credit note is a new issued document of kind ``credit_note``, numbered in the collective's
unbroken sequence, referencing the invoice, with negative amounts: the credited lines, each
member's credited share with its VAT and explanation, the fee part, VAT per rate and totals.
An invoice may get several credit notes, never crediting more than what remains uncredited
(:mod:`collab_app.services.billing.credit_split` does the arithmetic). The number is taken first, in
the crediting transaction, and what remains is read again under that lock, so two managers
crediting at once wait for each other and cannot over-credit. A line credited in full releases
what it billed (deliverable or billable line), so it can be invoiced again.

The credit note repeats the issuer identity frozen on the invoice it corrects.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from collab_app.models import Invoice, InvoiceLine, InvoiceShare
from collab_app.services import clock
from collab_app.services.billing import credit_split as cs
from collab_app.services.billing import deliverables, presenter
from collab_app.services.billing.issued import require_managed
from collab_app.services.billing.numbering import issuing
from collab_app.services.billing.presenter import CreditLineOption
from collab_app.services.billing.snapshots import member_from_json
from collab_app.services.billing.split import client_block
from collab_app.services.errors import Conflict, ValidationError
from collab_app.services.permissions import ProjectAccess
from collab_app.services.viewer import Viewer

REASON_MAX = 200


@dataclass(frozen=True, slots=True)
class Remaining:
    """What remains uncredited on an invoice, and what earlier credit notes took."""

    lines: tuple[cs.LineLeft, ...]
    shares: dict[int, cs.ShareLeft]
    methods: dict[tuple[str, int], str]
    fee_credited_cents: int
    fee_vat_credited_cents: int

    @property
    def total_cents(self) -> int:
        """Everything still uncredited, before tax."""
        return sum(line.remaining_cents for line in self.lines)


def _require_target(
    session: Session, viewer: Viewer, invoice_id: object
) -> tuple[Invoice, ProjectAccess]:
    invoice, access = require_managed(session, viewer, invoice_id, status="issued")
    if invoice.kind != "invoice":
        raise Conflict("revenue.cannot_credit")
    return invoice, access


def remaining(session: Session, original: Invoice) -> Remaining:
    """Read what remains uncredited on an issued invoice (no permission check).

    Args:
        original: An issued invoice.

    Returns:
        Per line and per member, after every credit note already committed.
    """
    notes = session.exec(select(Invoice).where(Invoice.credits_invoice_id == original.id)).all()
    ids = [original.id, *(n.id for n in notes)]
    line_rows = session.exec(
        select(InvoiceLine)
        .where(InvoiceLine.invoice_id.in_(ids))
        .order_by(InvoiceLine.position, InvoiceLine.id)
    ).all()
    share_rows = session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id.in_(ids))).all()
    parts: dict[str, dict[int, int]] = {}
    methods: dict[tuple[str, int], str] = {}
    fee_credited = fee_vat_credited = 0
    for document in (original, *notes):
        snapshot = json.loads(document.snapshot_json or "{}")
        for line in snapshot.get("lines", []):
            held = parts.setdefault(line["key"], {})
            held[cs.FEE] = held.get(cs.FEE, 0) + int(line.get("fee_cents") or 0)
        if document is not original:
            fee_credited -= document.fee_cents
            fee_vat_credited -= int(snapshot.get("fee_vat_cents") or 0)
    credited: dict[int, tuple[int, int]] = {}
    originals: dict[int, InvoiceShare] = {}
    for share in share_rows:
        for line in member_from_json(share.detail_json).lines:
            held = parts.setdefault(line.line_id, {})
            held[share.user_id] = held.get(share.user_id, 0) + line.cents
            methods.setdefault((line.line_id, share.user_id), line.method.value)
        if share.invoice_id == original.id:
            originals[share.user_id] = share
        else:
            base, vat = credited.get(share.user_id, (0, 0))
            credited[share.user_id] = (base - share.base_cents, vat - share.vat_cents)
    amounts: dict[str, int] = {}
    for row in line_rows:
        amounts[row.line_key] = amounts.get(row.line_key, 0) + (row.amount_cents or 0)
    lines = tuple(
        cs.LineLeft(
            key=row.line_key,
            label=row.label or row.line_key,
            basis=row.basis,
            position=row.position,
            params_json=row.params_json,
            amount_cents=row.amount_cents or 0,
            remaining_cents=amounts[row.line_key],
            parts=parts.get(row.line_key, {}),
        )
        for row in line_rows
        if row.invoice_id == original.id
    )
    shares = {
        uid: cs.ShareLeft(uid, s.name, s.vat_rate_bp, *credited.get(uid, (0, 0)))
        for uid, s in originals.items()
    }
    return Remaining(lines, shares, methods, fee_credited, fee_vat_credited)


def credit_options(
    session: Session, viewer: Viewer, *, invoice_id: object, locale: str = "en"
) -> tuple[CreditLineOption, ...]:
    """Return the invoice's lines with what can still be credited (managers).

    Args:
        viewer: A manager of the invoice's project.
        locale: For amounts.

    Returns:
        One option per line, in invoice order.
    """
    original, _ = _require_target(session, viewer, invoice_id)
    return tuple(
        presenter.credit_option(line, original, locale)
        for line in remaining(session, original).lines
    )


def _reason(value: object, *, partial: bool) -> str:
    text = " ".join(str(value or "").split()) if isinstance(value, str) else ""
    if len(text) > REASON_MAX:
        raise ValidationError("revenue.credit_reason_too_long", field="credit_reason", max=200)
    if partial and not text:
        raise ValidationError("revenue.credit_reason_required", field="credit_reason")
    return text


def credit(
    session: Session,
    viewer: Viewer,
    *,
    invoice_id: object,
    lines: Mapping[str, object] | None = None,
    amount: object = "",
    reason: object = "",
    now: datetime | None = None,
    locale: str = "en",
) -> str:
    """Credit an issued invoice, in whole (the default) or in part (managers).

    Args:
        session: Database session; committed here (rolled back on any failure).
        viewer: A manager of the invoice's project.
        lines: Line key -> typed amount ("" = all that remains on it); None: every line.
        amount: One amount spread over the chosen lines (or all) instead of per-line amounts.
        reason: Why; required for a partial credit note.
        now: Current time (tests).
        locale: For amounts named in errors.

    Returns:
        The credit note's number.

    Raises:
        NotFound: Unknown, a draft, or the viewer is not a manager of its project.
        Conflict: A credit note itself, or nothing remains to credit.
        ValidationError: A bad choice (unknown line, bad amount, more than remains, no reason).
    """
    original, access = _require_target(session, viewer, invoice_id)
    if not isinstance(lines, Mapping | None):
        raise ValidationError("revenue.credit_unknown_line")
    partial = bool(lines) or bool(str(amount or "").strip())
    text = _reason(reason, partial=partial)
    before = remaining(session, original)
    if before.total_cents <= 0:
        raise Conflict("revenue.already_credited")
    cs.choose_amounts(before.lines, lines, amount, locale)  # fail before taking a number
    session.commit()
    moment = now or clock.now()
    with issuing(
        session,
        collective_id=original.collective_id,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        kind="credit_note_issued",
    ) as (sequence, number):
        left = remaining(session, original)  # read again under the counter's lock
        if left.total_cents <= 0:
            raise Conflict("revenue.already_credited")
        amounts = cs.choose_amounts(left.lines, lines, amount, locale)
        snapshot = json.loads(original.snapshot_json or "{}")
        plan = cs.plan_credit(
            left.lines,
            amounts,
            left.shares,
            number=number,
            fee_rate_bp=snapshot.get("fee_vat_rate_bp"),
            fee_credited_base_cents=left.fee_credited_cents,
            fee_credited_vat_cents=left.fee_vat_credited_cents,
        )
        _write(session, original, plan, left, sequence, number, moment, text, snapshot)
        for line, credited, _ in plan.lines:
            if credited == line.remaining_cents:
                _release(session, original, line.key)
    return number


def _release(session: Session, original: Invoice, line_key: str) -> None:
    row = session.exec(
        select(InvoiceLine).where(
            InvoiceLine.invoice_id == original.id, InvoiceLine.line_key == line_key
        )
    ).first()
    if row is not None and row.source in ("deliverable", "billable") and row.source_id:
        deliverables.mark_invoiced(
            session,
            project_id=original.project_id,
            source=row.source,
            ids={row.source_id},
            invoice_id=None,
        )


def _detail(member: cs.MemberCredit, left: Remaining, fees: dict[str, int]) -> str:
    lines = [
        {
            "line_id": p.key,
            "label": p.label,
            "basis": p.basis,
            "method": left.methods.get((p.key, member.user_id), "shares"),
            "origin": None,
            "line_amount_cents": -p.line_credit_cents,
            "fee_cents": -fees.get(p.key, 0),
            "distributable_cents": -(p.line_credit_cents - fees.get(p.key, 0)),
            "quantity": str(p.held_cents),
            "quantity_total": str(p.line_remaining_cents),
            "minutes": 0,
            "management_minutes": 0,
            "exact_cents": str(-p.exact_cents),
            "cents": -p.cents,
            "rounding_cent": p.rounding_cent,
        }
        for p in member.parts
    ]
    data = {
        "member_id": member.user_id,
        "name": member.name,
        "total_cents": -member.base_cents,
        "credit": True,
        "lines": lines,
    }
    return json.dumps(data, ensure_ascii=False)


def _write(
    session: Session,
    original: Invoice,
    plan: cs.CreditPlan,
    left: Remaining,
    sequence: int,
    number: str,
    moment: datetime,
    reason: str,
    snapshot: dict,
) -> Invoice:
    fees = {line.key: fee for line, _, fee in plan.lines}
    note_snapshot = {
        "lines": [
            {
                "key": line.key,
                "label": line.label,
                "basis": line.basis,
                "origin": None,
                "amount_cents": -credited,
                "fee_cents": -fee,
            }
            for line, credited, fee in plan.lines
        ],
        "fee_percent": snapshot.get("fee_percent", "0"),
        "fee_vat_rate_bp": snapshot.get("fee_vat_rate_bp"),
        "fee_vat_cents": -plan.fee_vat_cents,
        "by_rate": [
            {"rate_bp": rate, "base_cents": -base, "vat_cents": -vat}
            for rate, base, vat in plan.by_rate
        ],
        "mentions": list(plan.mentions),
        "issuer": snapshot.get("issuer", {}),
        "reason": reason,
        "partial": plan.total_before_tax_cents < left.total_cents
        or len(left.lines) != len(plan.lines),
    }
    note = Invoice(
        collective_id=original.collective_id,
        project_id=original.project_id,
        kind="credit_note",
        status="issued",
        title=original.title,
        sequence=sequence,
        number=number,
        credits_invoice_id=original.id,
        fee_percent=original.fee_percent,
        **client_block(original),
        issue_date=moment.date(),
        due_date=moment.date(),
        currency=original.currency,
        total_before_tax_cents=-plan.total_before_tax_cents,
        fee_cents=-plan.fee_cents,
        vat_cents=-plan.total_vat_cents,
        total_cents=-(plan.total_before_tax_cents + plan.total_vat_cents),
        snapshot_json=json.dumps(note_snapshot, ensure_ascii=False),
        created_by_id=original.created_by_id,
        issued_at=moment,
        updated_at=moment,
    )
    session.add(note)
    session.flush()
    for line, credited, _ in plan.lines:
        session.add(
            InvoiceLine(
                invoice_id=note.id,
                position=line.position,
                line_key=line.key,
                basis=line.basis,
                label=line.label,
                amount_cents=-credited,
                params_json=line.params_json,
            )
        )
    for member in plan.members:
        session.add(
            InvoiceShare(
                invoice_id=note.id,
                user_id=member.user_id,
                name=member.name,
                base_cents=-member.base_cents,
                vat_rate_bp=member.rate_bp,
                vat_cents=-member.vat_cents,
                legal_mention=cs.VAT_EXEMPT_MENTION if member.rate_bp is None else "",
                detail_json=_detail(member, left, fees),
            )
        )
    return note
