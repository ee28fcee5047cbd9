"""Adapter between the database and the split engine: drafts in, previews and snapshots out.

A :class:`SplitDraft` is what the calculator edits: the collective fee and the lines, each with
its split parameters as typed (amounts and decimals as text). :func:`compute` turns a draft into
the engine's :class:`~collab_app.services.billing.split_engine.SplitInput`
(reading the project's time entries and the effective rates), runs it and computes VAT per
share. No permission check here: the callers in :mod:`collab_app.services.billing.invoices`
check first.

A computed member split is frozen on its share by :mod:`collab_app.services.billing.snapshots`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select

from collab_app.models import Invoice, Project, TimeEntry, User
from collab_app.services.amounts import read_cents
from collab_app.services.billing import payees, split_engine
from collab_app.services.billing.split_engine import (
    BonusLine,
    FixedLine,
    FixedOrigin,
    MilestoneLine,
    RateUnit,
    SplitInput,
    SplitResult,
    TimeKind,
    TimeLine,
    VatSummary,
)
from collab_app.services.errors import ValidationError
from collab_app.services.time_tracking import parse_day

BASES = ("milestone", "time", "bonus", "fixed")
METHODS = {
    "milestone": ("shares", "time"),
    "fixed": ("shares", "time"),
    "bonus": ("weights",),
    "time": ("time_rate",),
}
MAX_LINES = 40
MAX_LABEL = 200
MAX_VALUE_CHARS = 20
_CHUNK = 900_000  # minutes per engine entry (the engine bounds one entry at 1,000,000)


@dataclass(frozen=True, slots=True)
class LineDraft:
    """One line of a draft, as typed in the calculator.

    Attributes:
        key: Stable id of the line within its draft (``l1``, ``l2``...); seeds the tie-break.
        basis: ``milestone``, ``time``, ``bonus`` or ``fixed``.
        label: Text on the invoice.
        amount: Amount as typed; empty on a time line billed at time x rate.
        method: ``shares`` or ``time`` (milestone, fixed), ``weights`` (bonus), ``time_rate``.
        values: (user id, typed share in percent or weight) pairs.
        period_start: First day of the time counted (ISO), empty for no bound.
        period_end: Last day of the time counted (ISO), empty for no bound.
        source: ``deliverable``, ``billable`` or empty: what the line bills.
        source_id: Id of the deliverable or billable line.
        origin: For a fixed line: ``overage``, ``change_order`` or ``other``.
    """

    key: str
    basis: str
    label: str
    amount: str = ""
    method: str = ""
    values: tuple[tuple[int, str], ...] = ()
    period_start: str = ""
    period_end: str = ""
    source: str = ""
    source_id: int | None = None
    origin: str = "other"

    def value_of(self, user_id: int) -> str:
        """Return the typed value of one person ("" when none)."""
        return next((v for uid, v in self.values if uid == user_id), "")


CLIENT_FIELDS = (
    "client_name",
    "client_address",
    "client_siren",
    "client_vat_number",
    "client_delivery_address",
)
"""The client block of an invoice: the same names on a :class:`SplitDraft` and an ``Invoice``
row, copied from the draft when it is saved, back into it when it is read, and from an
invoice into its credit notes."""


def client_block(source: SplitDraft | Invoice) -> dict[str, str]:
    """Return the client block of a draft or an invoice, by field name.

    Args:
        source: A draft, or an invoice row (draft, issued or credit note).

    Returns:
        :data:`CLIENT_FIELDS` -> text.
    """
    return {name: getattr(source, name) for name in CLIENT_FIELDS}


@dataclass(frozen=True, slots=True)
class SplitDraft:
    """A calculator's state: fee, lines and the client block of the future invoice."""

    fee_percent: str = "0"
    lines: tuple[LineDraft, ...] = ()
    title: str = ""
    client_name: str = ""
    client_address: str = ""
    due_date: str = ""
    client_siren: str = ""
    client_vat_number: str = ""
    client_delivery_address: str = ""


@dataclass(frozen=True, slots=True)
class Computed:
    """A computed split with its VAT, and the display names of the people on it."""

    result: SplitResult
    vat: VatSummary
    names: dict[int, str] = field(default_factory=dict)


def parse_decimal(text: object, *, field_name: str, line: str = "") -> Decimal | None:
    """Parse a share, weight or fee typed in either locale (``12,5`` or ``12.5``).

    Args:
        text: What was typed.
        field_name: Form field named in errors.
        line: Line label named in errors.

    Returns:
        The value, or None when empty.

    Raises:
        ValidationError: Not a finite non-negative number.
    """
    raw = str(text or "").strip().replace("\u202f", "").replace(" ", "").rstrip("%")
    if not raw:
        return None
    if len(raw) > MAX_VALUE_CHARS:
        raise ValidationError("revenue.number_invalid", field=field_name, line=line)
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError("revenue.number_invalid", field=field_name, line=line) from exc
    if not value.is_finite() or value < 0:
        raise ValidationError("revenue.number_invalid", field=field_name, line=line)
    return value


def parse_amount(
    text: object, *, field_name: str, line: str = "", locale: str | None = None
) -> int | None:
    """Parse a typed amount into cents (None when empty), in the reader's notation.

    Args:
        text: What was typed.
        field_name: Form field named in errors.
        line: Line label named in errors.
        locale: The reader's language (None: only amounts every language reads alike, as for
            amounts stored in a draft).

    Returns:
        Cents or None.

    Raises:
        ValidationError: Not an amount, ambiguous, or negative.
    """
    raw = str(text or "").strip() if isinstance(text, str | int) else ""
    if not raw:
        return None
    cents = read_cents(
        raw, locale, field=field_name, invalid_key="revenue.amount_invalid", line=line
    )
    if cents < 0:
        raise ValidationError("revenue.amount_invalid", field=field_name, line=line)
    return cents


def _period(line: LineDraft) -> tuple[date | None, date | None]:
    first = parse_day(line.period_start, field="period_start") if line.period_start else None
    last = parse_day(line.period_end, field="period_end") if line.period_end else None
    if first and last and last < first:
        raise ValidationError("revenue.period_invalid", field="period_end")
    return first, last


def _time_entries(
    session: Session, project_id: int, first: date | None, last: date | None
) -> list[split_engine.TimeEntry]:
    query = select(TimeEntry.user_id, TimeEntry.kind, TimeEntry.minutes).where(
        TimeEntry.project_id == project_id
    )
    if first is not None:
        query = query.where(TimeEntry.work_date >= first)
    if last is not None:
        query = query.where(TimeEntry.work_date <= last)
    totals: dict[tuple[int, str], int] = {}
    for uid, kind, minutes in session.exec(query).all():
        totals[(uid, kind)] = totals.get((uid, kind), 0) + minutes
    entries = []
    for (uid, kind), minutes in sorted(totals.items()):
        engine_kind = TimeKind.MANAGEMENT if kind == "management" else TimeKind.PRODUCTION
        while minutes > 0:
            chunk = min(minutes, _CHUNK)
            entries.append(split_engine.TimeEntry(uid, chunk, engine_kind))
            minutes -= chunk
    return entries


def _values(line: LineDraft, allowed: set[int]) -> dict[int, Decimal]:
    values: dict[int, Decimal] = {}
    for uid, text in line.values:
        value = parse_decimal(text, field_name=f"{line.key}-{uid}", line=line.label)
        if value is None:
            continue
        if uid not in allowed:
            raise ValidationError("revenue.member_not_on_project", field="lines", line=line.label)
        values[uid] = value
    return values


def engine_line(
    session: Session, project_id: int, line: LineDraft, allowed: set[int]
) -> split_engine.Line:
    """Turn one draft line into an engine line.

    Args:
        project_id: The project (time entries are read from it).
        line: The draft line.
        allowed: Who may be paid on the project.

    Returns:
        The engine line.

    Raises:
        ValidationError: A value is malformed or the method does not fit the basis.
    """
    if line.basis not in BASES or line.method not in METHODS[line.basis]:
        raise ValidationError("revenue.line_invalid", field="lines", line=line.label)
    label = line.label.strip() or line.key
    amount = parse_amount(line.amount, field_name=f"{line.key}-amount", line=label)
    if line.basis == "time":
        first, last = _period(line)
        return TimeLine(
            line_id=line.key,
            label=label,
            amount_cents=amount,
            time_entries=_time_entries(session, project_id, first, last),
        )
    if amount is None:
        raise ValidationError("revenue.amount_required", field=f"{line.key}-amount", line=label)
    if line.basis == "bonus":
        return BonusLine(
            line_id=line.key, label=label, amount_cents=amount, weights=_values(line, allowed)
        )
    kwargs: dict[str, object] = {"line_id": line.key, "label": label, "amount_cents": amount}
    if line.method == "shares":
        kwargs["shares"] = _values(line, allowed)
    else:
        first, last = _period(line)
        kwargs["time_entries"] = _time_entries(session, project_id, first, last)
    if line.basis == "fixed":
        try:
            kwargs["origin"] = FixedOrigin(line.origin)
        except ValueError:
            kwargs["origin"] = FixedOrigin.OTHER
        return FixedLine(**kwargs)
    return MilestoneLine(**kwargs)


def compute(session: Session, project: Project, draft: SplitDraft, invoice_number: str) -> Computed:
    """Compute a draft's split and its VAT.

    Args:
        project: The project (already checked by the caller).
        draft: The draft.
        invoice_number: Invoice number, or the draft key for a draft.

    Returns:
        The split, VAT per share and names.

    Raises:
        ValidationError: Malformed input or an impossible split (engine errors included).
    """
    if len(draft.lines) > MAX_LINES:
        raise ValidationError("revenue.too_many_lines", field="lines", max=MAX_LINES)
    people = payees.paid_people(session, project.id)
    allowed = {uid for uid, _, _ in people}
    fee = parse_decimal(draft.fee_percent, field_name="fee_percent") or Decimal(0)
    lines = [engine_line(session, project.id, line, allowed) for line in draft.lines]
    logged = {
        entry.member_id
        for line in lines
        for entry in getattr(line, "time_entries", ()) or ()
        if isinstance(entry.member_id, int)
    }
    names = {uid: name for uid, name, _ in people}
    missing = logged - set(names)
    if missing:  # someone who logged time and has since left the project
        names.update(
            dict(session.exec(select(User.id, User.display_name).where(User.id.in_(missing))))
        )
    ids = sorted(names)
    effective = payees.effective_rates(session, project.id, set(ids))
    members = [_member(uid, names[uid], effective[uid]) for uid in ids]
    result = split_engine.compute_split(
        SplitInput(invoice_number=invoice_number, members=members, lines=lines, fee_percent=fee)
    )
    billing = payees.collective_billing(session, project.collective_id)
    vat = split_engine.vat_for_split(
        result,
        payees.vat_statuses(session, set(ids)),
        collective_status=payees.collective_vat_status(billing),
    )
    return Computed(result=result, vat=vat, names=names)


def _member(uid: int, name: str, rate: payees.RateInfo) -> split_engine.Member:
    return split_engine.Member(
        member_id=uid,
        name=name,
        rate_cents=rate.rate_cents,
        rate_unit=RateUnit(rate.rate_unit) if rate.rate_unit in ("hour", "day") else RateUnit.DAY,
        management_rate_cents=rate.management_rate_cents,
        hours_per_day=rate.hours_per_day or 7,
    )


def draft_to_params(line: LineDraft) -> str:
    """Serialize a draft line's split parameters (for ``InvoiceLine.params_json``).

    Args:
        line: The draft line.

    Returns:
        JSON text.
    """
    return json.dumps(
        {
            "method": line.method,
            "values": {str(uid): value for uid, value in line.values if str(value).strip()},
            "period_start": line.period_start,
            "period_end": line.period_end,
            "origin": line.origin,
            "amount": line.amount,
        },
        ensure_ascii=False,
    )


def params_to_fields(text: str) -> dict[str, object]:
    """Read back a line's split parameters.

    Args:
        text: JSON text from :func:`draft_to_params`.

    Returns:
        ``method``, ``values`` (pairs), ``period_start``, ``period_end``, ``origin``, ``amount``.
    """
    data = json.loads(text or "{}")
    values = data.get("values") or {}
    return {
        "method": str(data.get("method", "")),
        "values": tuple(sorted((int(uid), str(v)) for uid, v in values.items())),
        "period_start": str(data.get("period_start", "")),
        "period_end": str(data.get("period_end", "")),
        "origin": str(data.get("origin", "other")),
        "amount": str(data.get("amount", "")),
    }


def split_values_json(values: Iterable[tuple[int, str]]) -> str:
    """Serialize (user id, value) pairs for ``Deliverable.split_json``.

    Args:
        values: Pairs.

    Returns:
        JSON text.
    """
    return json.dumps({str(uid): v for uid, v in values if str(v).strip()})
