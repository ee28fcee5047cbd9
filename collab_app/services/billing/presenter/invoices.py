"""What billing shows of issued invoices and credit notes, per role, and what can be credited.

- :class:`InvoiceSummary` / :class:`InvoiceDetail`: an issued invoice or credit note in a list
  or opened, projected for the reader's role by :mod:`collab_app.services.billing.issued`;
- :class:`ShareView`: one member's frozen share of an issued invoice;
- :class:`MoneyRow`: a label and an amount (invoice lines, VAT rows);
- :class:`CreditLineOption`: a line of an invoice with what can still be credited on it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from collab_app.i18n import format_date, format_money, format_number, translate
from collab_app.models import Invoice, InvoiceLine, InvoiceShare
from collab_app.services.billing.credit_split import LineLeft
from collab_app.services.billing.mentions import legal_mentions
from collab_app.services.billing.presenter.explanations import describe_share
from collab_app.services.billing.presenter.rates import vat_label
from collab_app.services.permissions import ProjectAccess
from collab_app.services.shared_views import view_from


@dataclass(frozen=True, slots=True)
class MoneyRow:
    """A label and an amount, already formatted."""

    label: str
    amount: str


@dataclass(frozen=True, slots=True)
class ShareView:
    """One member's share of an issued invoice, as the reader may see it."""

    user_id: int
    name: str
    amount: str
    vat: str
    total: str
    vat_label: str
    mention: str
    explanation: tuple[str, ...]
    chart_value: int
    credited: str = ""


@dataclass(frozen=True, slots=True)
class InvoiceSummary:
    """An issued invoice or credit note in a list."""

    id: int
    kind: str
    number: str
    title: str
    issue_date: str
    due_date: str
    total: str
    my_share: str
    credited: bool


@dataclass(frozen=True, slots=True)
class InvoiceDetail:
    """An issued invoice or credit note, projected for the reader's role.

    ``show_invoice`` is False for a guest: then lines, totals and VAT are empty and only the
    guest's own share is filled.
    """

    id: int
    project_id: int
    kind: str
    number: str
    title: str
    issue_date: str
    due_date: str
    client_name: str
    client_address: str
    client_siren: str
    client_vat_number: str
    client_delivery_address: str
    client_lines: tuple[str, ...]
    issuer_name: str
    issuer_address: str
    issuer_siret: str
    issuer_vat_number: str
    issuer_iban: str
    issuer_bic: str
    credits_number: str
    credited_by_number: str
    credit_reason: str
    credited_total: str
    remaining_total: str
    role: str
    show_invoice: bool
    lines: tuple[MoneyRow, ...]
    total_before_tax: str
    vat_rows: tuple[MoneyRow, ...]
    total_vat: str
    total: str
    mentions: tuple[str, ...]
    fee: str
    fee_explanation: tuple[str, ...]
    shares: tuple[ShareView, ...]
    can_credit: bool
    can_pdf: bool


@dataclass(frozen=True, slots=True)
class CreditLineOption:
    """A line of the invoice with what can still be credited on it."""

    key: str
    label: str
    amount: str
    remaining: str
    remaining_cents: int


def _money(cents: int, locale: str, invoice: Invoice) -> str:
    return format_money(cents, locale, invoice.currency)


def share_view(
    share: InvoiceShare, invoice: Invoice, locale: str, *, private: bool, credited: int = 0
) -> ShareView:
    """Project one frozen share.

    Args:
        share: The share row.
        invoice: Its invoice.
        locale: ``en`` or ``fr``.
        private: Explain without any other money figure (guests).
        credited: What credit notes took back from this share (cents, <= 0).

    Returns:
        The view.
    """
    return ShareView(
        user_id=share.user_id,
        name=share.name,
        amount=_money(share.base_cents, locale, invoice),
        vat=_money(share.vat_cents, locale, invoice),
        total=_money(share.base_cents + share.vat_cents, locale, invoice),
        vat_label=vat_label(share.vat_rate_bp, locale),
        mention=share.legal_mention,
        explanation=describe_share(share.detail_json, locale, private=private),
        chart_value=share.base_cents // 100,
        credited=_money(credited, locale, invoice) if credited else "",
    )


def client_lines(invoice: Invoice, locale: str) -> tuple[str, ...]:
    """Return the client block under the client's name: address, SIREN, VAT number, delivery.

    Args:
        invoice: An issued invoice or credit note.
        locale: ``en`` or ``fr``.

    Returns:
        The lines that have a value, in print order.
    """
    delivery = invoice.client_delivery_address
    if delivery.strip() == invoice.client_address.strip():
        delivery = ""  # printed only when it differs from the client's address
    lines = (
        invoice.client_address,
        invoice.client_siren
        and translate("revenue.client_siren", locale, siren=invoice.client_siren),
        invoice.client_vat_number
        and translate("revenue.vat_number", locale, number=invoice.client_vat_number),
        delivery and translate("revenue.delivery_address", locale, address=delivery),
    )
    return tuple(line for line in lines if line)


def invoice_detail(
    invoice: Invoice,
    access: ProjectAccess,
    *,
    line_rows: Sequence[InvoiceLine],
    notes: Sequence[tuple[str, int]],
    credits_number: str,
    corrects: tuple[str, date | None] | None,
    shares: tuple[ShareView, ...],
    locale: str,
) -> InvoiceDetail:
    """Project an issued invoice or credit note for the reader's role.

    Args:
        invoice: The frozen invoice (readable by the viewer).
        access: The viewer's access to its project.
        line_rows: Its lines, in print order.
        notes: (number, credited cents) of the credit notes against it.
        credits_number: The number of the invoice a credit note corrects ("" otherwise).
        corrects: Number and date of the corrected invoice, for the legal mentions.
        shares: The shares the reader may see (:func:`share_view`).
        locale: For amounts, dates and explanations.

    Returns:
        The detail (a guest gets only their share, see :class:`InvoiceDetail`).
    """
    snapshot = json.loads(invoice.snapshot_json or "{}")
    show = not access.is_guest
    money = lambda cents: _money(cents, locale, invoice)  # noqa: E731
    lines: tuple[MoneyRow, ...] = ()
    vat_rows: tuple[MoneyRow, ...] = ()
    if show:
        lines = tuple(
            MoneyRow(r.label or r.line_key, money(r.amount_cents or 0)) for r in line_rows
        )
        vat_rows = tuple(
            MoneyRow(
                translate(
                    "revenue.vat_on",
                    locale,
                    rate=vat_label(r["rate_bp"], locale),
                    base=money(r["base_cents"]),
                ),
                money(r["vat_cents"]),
            )
            for r in snapshot.get("by_rate", [])
        )
    fee, fee_explanation = "", ()
    if access.is_manager:
        fee = money(invoice.fee_cents)
        fee_explanation = tuple(
            translate(
                "split.explain.fee_line",
                locale,
                line=line["label"],
                fee=format_number(Decimal(invoice.fee_percent or "0"), locale),
                amount=money(line["fee_cents"]),
                line_amount=money(line["amount_cents"]),
            )
            for line in snapshot.get("lines", [])
            if line.get("fee_cents")
        )
    issuer = snapshot.get("issuer", {})
    credit_numbers = [number for number, _ in notes]
    credited_cents = sum(cents for _, cents in notes)
    return view_from(
        InvoiceDetail,
        invoice,
        issue_date=format_date(invoice.issue_date, locale),
        due_date=format_date(invoice.due_date, locale),
        client_name=invoice.client_name if show else "",
        client_address=invoice.client_address if show else "",
        client_siren=invoice.client_siren if show else "",
        client_vat_number=invoice.client_vat_number if show else "",
        client_delivery_address=invoice.client_delivery_address if show else "",
        client_lines=client_lines(invoice, locale) if show else (),
        issuer_name=str(issuer.get("name", "")),
        issuer_address=str(issuer.get("address", "")) if show else "",
        issuer_siret=str(issuer.get("siret", "")) if show else "",
        issuer_vat_number=str(issuer.get("vat_number", "")) if show else "",
        issuer_iban=str(issuer.get("iban", "")) if show else "",
        issuer_bic=str(issuer.get("bic", "")) if show else "",
        credits_number=credits_number,
        credited_by_number=", ".join(credit_numbers),
        credit_reason=str(snapshot.get("reason") or "") if show else "",
        credited_total=money(credited_cents) if show and credit_numbers else "",
        remaining_total=money(invoice.total_before_tax_cents + credited_cents)
        if show and credit_numbers
        else "",
        role=access.role,
        show_invoice=show,
        lines=lines,
        total_before_tax=money(invoice.total_before_tax_cents) if show else "",
        vat_rows=vat_rows,
        total_vat=money(invoice.vat_cents) if show else "",
        total=money(invoice.total_cents) if show else "",
        mentions=legal_mentions(
            snapshot,
            kind=invoice.kind,
            issue_date=invoice.issue_date,
            due_date=invoice.due_date,
            locale=locale,
            currency=invoice.currency,
            corrects=corrects,
        )
        if show
        else (),
        fee=fee,
        fee_explanation=fee_explanation,
        shares=shares,
        can_credit=access.is_manager
        and invoice.kind == "invoice"
        and invoice.total_before_tax_cents + credited_cents > 0,
        can_pdf=show,
    )


def invoice_summary(
    invoice: Invoice, *, locale: str, show_total: bool, own_cents: int | None, credited: bool
) -> InvoiceSummary:
    """Project an issued invoice or credit note for a list.

    Args:
        invoice: The frozen invoice.
        locale: For amounts and dates.
        show_total: False for a guest (only their share).
        own_cents: The reader's own share, None when they have none.
        credited: Whether a credit note corrects it.

    Returns:
        The summary.
    """
    return view_from(
        InvoiceSummary,
        invoice,
        issue_date=format_date(invoice.issue_date, locale),
        due_date=format_date(invoice.due_date, locale),
        total=_money(invoice.total_cents, locale, invoice) if show_total else "",
        my_share=_money(own_cents, locale, invoice) if own_cents is not None else "",
        credited=credited,
    )


def credit_option(line: LineLeft, invoice: Invoice, locale: str) -> CreditLineOption:
    """Project a line of an issued invoice with what can still be credited on it.

    Args:
        line: The line and what remains of it.
        invoice: Its invoice.
        locale: For amounts.

    Returns:
        The option.
    """
    return CreditLineOption(
        line.key,
        line.label,
        _money(line.amount_cents, locale, invoice),
        _money(line.remaining_cents, locale, invoice),
        line.remaining_cents,
    )
