"""Reading issued invoices and credit notes, projected for each role.

- managers: everything (lines, totals, VAT, the collective fee, every member's share and
  explanation);
- members: the invoice (lines, totals, VAT) and their own share with its full explanation;
- guests: only their own share, with an explanation that names no other money figure, and only
  on invoices that pay them (any other invoice is ``NotFound``);
- clients: the issued invoice (lines, totals, VAT, legal mentions), never the split.

Drafts are never read here (the calculator in :mod:`collab_app.services.billing.invoices` is for
managers). Everything is read from the frozen rows written at issue time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from collab_app.i18n import format_date, format_money, format_number, translate
from collab_app.models import Invoice, InvoiceLine, InvoiceShare
from collab_app.services import permissions
from collab_app.services.billing.credit_split import describe_share
from collab_app.services.billing.links import (
    credit_notes,
    credited_shares,
    number_of,
    reference_of,
)
from collab_app.services.billing.mentions import legal_mentions
from collab_app.services.billing.rates import format_bp
from collab_app.services.billing.split_engine import VAT_EXEMPT_MENTION
from collab_app.services.errors import NotFound
from collab_app.services.permissions import ProjectAccess
from collab_app.services.viewer import Viewer

INVOICE_ROLES = ("manager", "member", "client")


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
class IssuedAccess:
    """An issued invoice the viewer may read, with their access and own share row."""

    invoice: Invoice
    access: ProjectAccess
    own_share: InvoiceShare | None


def require_issued(session: Session, viewer: Viewer, invoice_id: object) -> IssuedAccess:
    """Return an issued invoice the viewer may read.

    Args:
        session: Database session.
        viewer: The signed-in person.
        invoice_id: Id received from the client, of any type.

    Returns:
        The invoice, the viewer's access and their own share (if any).

    Raises:
        NotFound: Unknown, a draft, or not readable by the viewer (a guest it does not pay).
    """
    invoice = session.get(Invoice, permissions.coerce_id(invoice_id))
    if invoice is None or invoice.status != "issued":
        raise NotFound()
    access = permissions.require_project(session, viewer, invoice.project_id)
    own = session.exec(
        select(InvoiceShare).where(
            InvoiceShare.invoice_id == invoice.id, InvoiceShare.user_id == viewer.user_id
        )
    ).first()
    if access.role not in INVOICE_ROLES and (access.role != "guest" or own is None):
        raise NotFound()
    return IssuedAccess(invoice=invoice, access=access, own_share=own)


def _money(cents: int, locale: str, invoice: Invoice) -> str:
    return format_money(cents, locale, invoice.currency)


def vat_label(rate_bp: int | None, locale: str) -> str:
    """Return the label of a VAT rate (``VAT 20 %``) or the exemption mention.

    Args:
        rate_bp: Basis points, None when exempt.
        locale: ``en`` or ``fr``.

    Returns:
        The label.
    """
    if rate_bp is None:
        return VAT_EXEMPT_MENTION
    return translate("split.vat.rate", locale, rate=format_bp(rate_bp, locale))


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


def _shares(session: Session, issued: IssuedAccess, locale: str) -> tuple[ShareView, ...]:
    access, invoice = issued.access, issued.invoice
    credited = credited_shares(session, invoice) if invoice.kind == "invoice" else {}
    if access.is_manager:
        rows = session.exec(
            select(InvoiceShare)
            .where(InvoiceShare.invoice_id == invoice.id)
            .order_by(InvoiceShare.name)
        ).all()
        return tuple(
            share_view(r, invoice, locale, private=False, credited=credited.get(r.user_id, 0))
            for r in rows
        )
    if issued.own_share is None or access.is_client:
        return ()
    own = issued.own_share
    return (
        share_view(
            own, invoice, locale, private=access.is_guest, credited=credited.get(own.user_id, 0)
        ),
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


def get_invoice(
    session: Session, viewer: Viewer, *, invoice_id: object, locale: str = "en"
) -> InvoiceDetail:
    """Return an issued invoice or credit note as the viewer may see it.

    Args:
        session: Database session.
        viewer: The signed-in person.
        invoice_id: Id received from the client.
        locale: For amounts, dates and explanations.

    Returns:
        The projected detail.
    """
    issued = require_issued(session, viewer, invoice_id)
    invoice, access = issued.invoice, issued.access
    snapshot = json.loads(invoice.snapshot_json or "{}")
    show = not access.is_guest
    money = lambda cents: _money(cents, locale, invoice)  # noqa: E731
    lines: tuple[MoneyRow, ...] = ()
    vat_rows: tuple[MoneyRow, ...] = ()
    if show:
        rows = session.exec(
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id == invoice.id)
            .order_by(InvoiceLine.position, InvoiceLine.id)
        ).all()
        lines = tuple(MoneyRow(r.label or r.line_key, money(r.amount_cents or 0)) for r in rows)
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
    notes = credit_notes(session, invoice.id)
    credit_numbers = [number for number, _ in notes]
    credited_cents = sum(cents for _, cents in notes)
    return InvoiceDetail(
        id=invoice.id,
        project_id=invoice.project_id,
        kind=invoice.kind,
        number=invoice.number,
        title=invoice.title,
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
        credits_number=number_of(session, invoice.credits_invoice_id),
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
            corrects=reference_of(session, invoice.credits_invoice_id),
        )
        if show
        else (),
        fee=fee,
        fee_explanation=fee_explanation,
        shares=_shares(session, issued, locale),
        can_credit=access.is_manager
        and invoice.kind == "invoice"
        and invoice.total_before_tax_cents + credited_cents > 0,
        can_pdf=show,
    )


def list_invoices(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> list[InvoiceSummary]:
    """Return a project's issued invoices and credit notes the viewer may read.

    Managers, members and clients see every issued document with its total (members also their
    own share); a guest sees only those that pay them, with their share and no total.

    Args:
        session: Database session.
        viewer: Someone on the project.
        project_id: Id received from the client.
        locale: For amounts and dates.

    Returns:
        Newest first.
    """
    access = permissions.require_project(session, viewer, project_id)
    query = select(Invoice).where(
        Invoice.project_id == access.project.id, Invoice.status == "issued"
    )
    if access.is_guest:
        query = query.where(
            Invoice.id.in_(
                select(InvoiceShare.invoice_id).where(InvoiceShare.user_id == viewer.user_id)
            )
        )
    invoices = session.exec(query.order_by(Invoice.sequence.desc())).all()
    own: dict[int, int] = {}
    if invoices and not access.is_client:
        own = dict(
            session.exec(
                select(InvoiceShare.invoice_id, InvoiceShare.base_cents).where(
                    InvoiceShare.user_id == viewer.user_id,
                    InvoiceShare.invoice_id.in_([i.id for i in invoices]),
                )
            ).all()
        )
    credited = set(
        session.exec(
            select(Invoice.credits_invoice_id).where(
                Invoice.credits_invoice_id.in_([i.id for i in invoices] or [0])
            )
        ).all()
    )
    return [
        InvoiceSummary(
            id=i.id,
            kind=i.kind,
            number=i.number,
            title=i.title,
            issue_date=format_date(i.issue_date, locale),
            due_date=format_date(i.due_date, locale),
            total="" if access.is_guest else _money(i.total_cents, locale, i),
            my_share=_money(own[i.id], locale, i) if i.id in own else "",
            credited=i.id in credited,
        )
        for i in invoices
    ]
