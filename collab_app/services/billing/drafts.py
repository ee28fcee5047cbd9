"""Draft splits as stored rows: reading, writing, prefilling and checking their shape.

No permission check here: :mod:`collab_app.services.billing.invoices` checks the manager role
first and calls these helpers. A draft's lines are ``InvoiceLine`` rows whose ``params_json``
holds the split parameters as typed (see :mod:`collab_app.services.billing.split`).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlmodel import Session, delete, select

from collab_app.models import Invoice, InvoiceLine
from collab_app.services.billing import deliverables
from collab_app.services.billing.identifiers import clean_siren, clean_vat_number
from collab_app.services.billing.split import (
    BASES,
    MAX_LABEL,
    MAX_LINES,
    MAX_VALUE_CHARS,
    METHODS,
    LineDraft,
    SplitDraft,
    client_block,
    draft_to_params,
    params_to_fields,
    parse_amount,
)
from collab_app.services.errors import ValidationError
from collab_app.services.permissions import ProjectAccess
from collab_app.services.time_tracking import parse_day

_KEY = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_TITLE = 120
MAX_CLIENT = 120
MAX_ADDRESS = 300


def draft_key(invoice_id: int) -> str:
    """Return the tie-break key of a draft (its invoice number once issued).

    Args:
        invoice_id: The draft's id.

    Returns:
        ``draft-<id>``.
    """
    return f"draft-{invoice_id}"


def lines_of(session: Session, invoice_id: int) -> list[InvoiceLine]:
    """Return an invoice's line rows in order, freshly read.

    Args:
        invoice_id: The invoice.

    Returns:
        The rows.
    """
    return list(
        session.exec(
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id == invoice_id)
            .order_by(InvoiceLine.position, InvoiceLine.id)
            .execution_options(populate_existing=True)
        ).all()
    )


def draft_of(session: Session, invoice: Invoice) -> SplitDraft:
    """Read a draft invoice's lines back into a :class:`SplitDraft` (no permission check).

    Args:
        invoice: The draft.

    Returns:
        The draft.
    """
    lines = []
    for row in lines_of(session, invoice.id):
        fields = params_to_fields(row.params_json)
        lines.append(
            LineDraft(
                key=row.line_key,
                basis=row.basis,
                label=row.label,
                amount=str(fields["amount"]),
                method=str(fields["method"]),
                values=fields["values"],
                period_start=str(fields["period_start"]),
                period_end=str(fields["period_end"]),
                source=row.source,
                source_id=row.source_id,
                origin=str(fields["origin"]),
            )
        )
    return SplitDraft(
        fee_percent=invoice.fee_percent,
        lines=tuple(lines),
        title=invoice.title,
        due_date=invoice.due_date.isoformat() if invoice.due_date else "",
        **client_block(invoice),
    )


def prefill(session: Session, access: ProjectAccess, today: date) -> list[LineDraft]:
    """Return the lines of a new draft: everything of the project not invoiced yet.

    Pending milestones and bonuses (with their agreed shares or weights), pending billable lines
    from revisions (split by time invested), and a time line since the project started for
    time or mixed projects (or when there is nothing else).

    Args:
        access: A manager's access to the project.
        today: Last day of the time line.

    Returns:
        The lines.
    """
    project = access.project
    lines: list[LineDraft] = []
    for d in deliverables.pending_deliverables(session, project.id):
        values = tuple(sorted((int(k), str(v)) for k, v in json.loads(d.split_json).items()))
        method = "weights" if d.kind == "bonus" else ("shares" if values else "time")
        lines.append(
            LineDraft(
                key=f"l{len(lines) + 1}",
                basis="bonus" if d.kind == "bonus" else "milestone",
                label=d.name,
                amount=_typed(d.amount_cents),
                method=method,
                values=values,
                source="deliverable",
                source_id=d.id,
            )
        )
    for b in deliverables.pending_billables(session, project.id):
        lines.append(
            LineDraft(
                key=f"l{len(lines) + 1}",
                basis="fixed",
                label=b.description[:MAX_LABEL] or b.source,
                amount=_typed(b.amount_cents),
                method="time",
                source="billable",
                source_id=b.id,
                origin=b.source if b.source in ("overage", "change_order") else "other",
            )
        )
    if project.billing_model in ("time", "mixed") or not lines:
        lines.append(
            LineDraft(
                key=f"l{len(lines) + 1}",
                basis="time",
                label="",
                method="time_rate",
                period_start=project.start_date.isoformat(),
                period_end=today.isoformat(),
            )
        )
    return lines


def _typed(cents: int) -> str:
    """An amount in cents as the calculator's field holds it (``1234.50``)."""
    return f"{cents // 100}.{cents % 100:02d}"


def write_lines(session: Session, invoice_id: int, lines: list[LineDraft] | tuple) -> None:
    """Replace a draft's line rows (the caller commits).

    Args:
        invoice_id: The draft.
        lines: Its new lines.
    """
    session.exec(delete(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id))
    for position, line in enumerate(lines):
        session.add(
            InvoiceLine(
                invoice_id=invoice_id,
                position=position,
                line_key=line.key,
                basis=line.basis,
                label=line.label,
                params_json=draft_to_params(line),
                source=line.source,
                source_id=line.source_id,
            )
        )


def check_draft(draft: SplitDraft, allowed: set[int], locale: str | None = None) -> SplitDraft:
    """Check a draft's shape (lengths, kinds, keys, people); the split itself is not computed.

    Typed amounts are kept in a neutral notation (``1234.50``), so whoever opens or issues the
    draft later reads the same amount: any notation that every language reads alike is
    accepted (drafts saved before carry either), and an ambiguous one is read the editor's way
    (``12,500`` is 12.50 for a French editor, 12,500.00 for an English one).

    Args:
        draft: The draft as edited.
        allowed: Who may be paid on the project.
        locale: The editor's language (None: only amounts every language reads alike).

    Returns:
        The draft with trimmed texts and neutral amounts.

    Raises:
        ValidationError: The first problem found.
    """
    if not isinstance(draft, SplitDraft) or len(draft.lines) > MAX_LINES:
        raise ValidationError("revenue.too_many_lines", field="lines", max=MAX_LINES)
    if len(str(draft.fee_percent)) > MAX_VALUE_CHARS:
        raise ValidationError("revenue.number_invalid", field="fee_percent", line="")
    if len(draft.title) > MAX_TITLE:
        raise ValidationError("revenue.text_too_long", field="title", max=MAX_TITLE)
    if len(draft.client_name) > MAX_CLIENT:
        raise ValidationError("revenue.text_too_long", field="client_name", max=MAX_CLIENT)
    for name in ("client_address", "client_delivery_address"):
        if len(getattr(draft, name)) > MAX_ADDRESS:
            raise ValidationError("revenue.text_too_long", field=name, max=MAX_ADDRESS)
    siren = clean_siren(draft.client_siren, field="client_siren")
    vat_number = clean_vat_number(draft.client_vat_number, field="client_vat_number")
    if siren and vat_number.startswith("FR") and vat_number[4:] != siren:
        raise ValidationError("revenue.billing_vat_siren", field="client_vat_number")
    if draft.due_date:
        parse_day(draft.due_date, field="due_date")
    keys: set[str] = set()
    lines = []
    for line in draft.lines:
        if not _KEY.match(line.key) or line.key in keys:
            raise ValidationError("revenue.line_invalid", field="lines", line=line.label)
        keys.add(line.key)
        if line.basis not in BASES or line.method not in METHODS[line.basis]:
            raise ValidationError("revenue.line_invalid", field="lines", line=line.label)
        if len(line.label) > MAX_LABEL or len(line.amount) > MAX_VALUE_CHARS:
            raise ValidationError("revenue.text_too_long", field="lines", max=MAX_LABEL)
        if line.source not in ("", "deliverable", "billable"):
            raise ValidationError("revenue.line_invalid", field="lines", line=line.label)
        for uid, value in line.values:
            if uid not in allowed or len(str(value)) > MAX_VALUE_CHARS:
                raise ValidationError("revenue.member_not_on_project", field="lines", line="")
        for day in (line.period_start, line.period_end):
            if day:
                parse_day(day, field="period_start")
        cents = _draft_amount(line, locale)
        amount = "" if cents is None else f"{Decimal(cents).scaleb(-2):.2f}"
        lines.append(replace(line, label=line.label.strip(), amount=amount))
    return replace(
        draft,
        lines=tuple(lines),
        title=draft.title.strip(),
        client_name=draft.client_name.strip(),
        client_address=draft.client_address.strip(),
        client_siren=siren,
        client_vat_number=vat_number,
        client_delivery_address=draft.client_delivery_address.strip(),
    )


def _draft_amount(line: LineDraft, locale: str | None) -> int | None:
    label = line.label.strip() or line.key
    try:
        return parse_amount(line.amount, field_name=f"{line.key}-amount", line=label)
    except ValidationError as error:
        if error.code != "amount.ambiguous" or not locale:
            raise
    return parse_amount(line.amount, field_name=f"{line.key}-amount", line=label, locale=locale)


def with_new_line(draft: SplitDraft, basis: object) -> SplitDraft:
    """Return the draft with one new empty line of a basis (no permission check).

    Args:
        draft: The draft.
        basis: ``milestone``, ``time``, ``bonus`` or ``fixed``.

    Returns:
        The new draft.

    Raises:
        ValidationError: Unknown basis or too many lines.
    """
    if basis not in BASES:
        raise ValidationError("revenue.line_invalid", field="lines", line="")
    if len(draft.lines) >= MAX_LINES:
        raise ValidationError("revenue.too_many_lines", field="lines", max=MAX_LINES)
    used = {line.key for line in draft.lines}
    n = len(draft.lines) + 1
    while f"l{n}" in used:
        n += 1
    method = METHODS[basis][0]
    line = LineDraft(key=f"l{n}", basis=str(basis), label="", method=method)
    return replace(draft, lines=(*draft.lines, line))
