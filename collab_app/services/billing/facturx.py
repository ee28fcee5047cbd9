"""Factur-X e-invoices: the client PDF/A-3 with its EN 16931 CII XML embedded.

France's e-invoicing reform makes structured invoices the norm: each issued invoice (type
380) and credit note (type 381) is also a Factur-X file at the EN 16931 level, which the
client's accounting reads without retyping. The XML is built from the same frozen rows as the
PDF (never from the internal split as such), generated and checked against the standard's XSD
by the ``factur-x`` package, and embedded by it into the PDF drawn by
:mod:`collab_app.services.billing.pdf`.

What the XML carries: seller (legal name, address, SIRET, VAT number) and buyer (name,
address, SIREN, VAT number, delivery place when different); the lines; the VAT breakdown per
rate, the exempt base with its exemption reason (``TVA non applicable, art. 293 B du CGI``,
code VATEX-FR-FRANCHISE); the totals; payment by SEPA transfer to the IBAN/BIC; the due date
and payment terms; the legal mentions as notes (penalties ``PMD``, recovery indemnity
``PMT``, discount ``AAB``); for a credit note, the invoice it corrects. VAT is due on
receipt (code 72) unless the collective opted for VAT on debits (code 5).

Amounts equal the PDF's to the cent. A credit note's amounts are negative in the app and on
its PDF; EN 16931 writes a 381 with positive amounts, so the XML carries their absolute
values. EN 16931 gives each line one VAT category, while one of our lines may be paid to
members of different VAT statuses: such a line is written as one XML line per rate (the same
label with the rate), whose amounts add up to the PDF's line; the bases per rate are the PDF's
VAT breakdown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import facturx
from lxml import etree
from sqlmodel import Session, select

from collab_app.i18n import format_percent
from collab_app.models import Invoice, InvoiceLine, InvoiceShare
from collab_app.services.billing import issued
from collab_app.services.billing import pdf as invoice_pdf
from collab_app.services.billing.links import reference_of
from collab_app.services.billing.mentions import (
    discount_terms,
    indemnity_terms,
    payment_terms,
    penalty_terms,
)
from collab_app.services.billing.presenter import InvoiceDetail
from collab_app.services.billing.split_engine import VAT_EXEMPT_MENTION
from collab_app.services.errors import NotFound
from collab_app.services.viewer import Viewer

LEVEL = "en16931"
GUIDELINE = "urn:cen.eu:en16931:2017"
SEPA_TRANSFER = "58"
EXEMPTION_CODE = "VATEX-FR-FRANCHISE"
_POSTCODE_CITY = re.compile(r"\b(\d{5})\s+(.+)$")


@dataclass(frozen=True, slots=True)
class XmlLine:
    """One line of the XML: a PDF line, or its part at one VAT rate."""

    line_id: str
    label: str
    cents: int
    rate_bp: int | None


def _amount(cents: int) -> str:
    return f"{Decimal(abs(int(cents))).scaleb(-2):.2f}"


def _percent(rate_bp: int | None) -> str:
    return f"{Decimal(rate_bp or 0).scaleb(-2):.2f}"


def _category(rate_bp: int | None) -> str:
    return "E" if rate_bp is None else "S"


def _address(text: str, vat_number: str) -> dict[str, str]:
    """Split a free-text address into EN 16931 fields (French ``33000 Bordeaux`` last line)."""
    lines = [part.strip() for part in re.split(r"[\n,]", text or "") if part.strip()]
    fields: dict[str, str] = {"country_code": (vat_number[:2] or "FR").replace("EL", "GR")}
    if fields["country_code"] == "XI":
        fields["country_code"] = "GB"
    if lines:
        match = _POSTCODE_CITY.search(lines[-1])
        if match and len(lines) > 1:
            fields["postcode"], fields["city"] = match.group(1), match.group(2)
            lines = lines[:-1]
    for index, part in enumerate(lines[:3], start=1):
        fields[f"addr_l{index}"] = part
    return fields


def xml_lines(
    session: Session, invoice: Invoice, snapshot: dict, locale: str = "en"
) -> list[XmlLine]:
    """Return the document's lines, each one split per VAT rate of who is paid on it.

    Each line's amount is what the members (at their frozen VAT rate) and the collective fee
    (at the fee's rate) hold on it; the parts of a line add up to its amount to the cent.

    Args:
        invoice: An issued invoice or credit note.
        snapshot: Its frozen snapshot.
        locale: Language of the rate added to a split line's label.

    Returns:
        The lines in invoice order (credit notes: negative cents).
    """
    parts: dict[str, dict[int | None, int]] = {}
    for share in session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id == invoice.id)):
        for line in json.loads(share.detail_json or "{}").get("lines", []):
            by_rate = parts.setdefault(line["line_id"], {})
            by_rate[share.vat_rate_bp] = by_rate.get(share.vat_rate_bp, 0) + int(line["cents"])
    fee_rate = snapshot.get("fee_vat_rate_bp")
    for line in snapshot.get("lines", []):
        if line.get("fee_cents"):
            by_rate = parts.setdefault(line["key"], {})
            by_rate[fee_rate] = by_rate.get(fee_rate, 0) + int(line["fee_cents"])
    rows = session.exec(
        select(InvoiceLine)
        .where(InvoiceLine.invoice_id == invoice.id)
        .order_by(InvoiceLine.position, InvoiceLine.id)
    ).all()
    result = []
    for number, row in enumerate(rows, start=1):
        label = row.label or row.line_key
        by_rate = {rate: cents for rate, cents in parts.get(row.line_key, {}).items() if cents}
        if not by_rate:
            by_rate = {fee_rate: 0}
        if len(by_rate) == 1:
            rate = next(iter(by_rate))
            result.append(XmlLine(str(number), label, row.amount_cents or 0, rate))
            continue
        for part, (rate, cents) in enumerate(sorted(by_rate.items(), key=_rate_order), start=1):
            name = (
                f"{label} ({VAT_EXEMPT_MENTION if rate is None else format_percent(rate, locale)})"
            )
            result.append(XmlLine(f"{number}.{part}", name, cents, rate))
    return result


def _rate_order(item: tuple[int | None, int]) -> tuple[int, int]:
    rate = item[0]
    return (0, 0) if rate is None else (1, -rate)


def data_dict(session: Session, invoice: Invoice, detail: InvoiceDetail, locale: str) -> dict:
    """Return the ``factur-x`` package's EN 16931 data (business terms ``BT-``/``BG-``).

    Args:
        invoice: The issued document (already permission-checked through ``detail``).
        detail: Its client-facing projection (notes in the reader's language).
        locale: The reader's language.

    Returns:
        The data for :func:`facturx.generate_xml`.
    """
    snapshot = json.loads(invoice.snapshot_json or "{}")
    issuer = snapshot.get("issuer", {}) or {}
    credit = invoice.kind == "credit_note"
    lines = xml_lines(session, invoice, snapshot, locale)
    by_rate = snapshot.get("by_rate", [])
    seller_vat = str(issuer.get("vat_number", ""))
    seller = {
        "name": str(issuer.get("name", "")),
        "legal_identifier": str(issuer.get("siret", "")),
        "legal_identifier_schemeid": "0009",  # SIRET
        **_address(str(issuer.get("address", "")), seller_vat),
    }
    if seller_vat:
        seller["vat_identifier"] = seller_vat
    buyer = {
        "name": invoice.client_name,
        **_address(invoice.client_address, invoice.client_vat_number),
    }
    if invoice.client_siren:
        buyer["legal_identifier"] = invoice.client_siren
        buyer["legal_identifier_schemeid"] = "0002"  # SIREN
    if invoice.client_vat_number:
        buyer["vat_identifier"] = invoice.client_vat_number
    data: dict = {
        "BT-1": invoice.number,
        "BT-2": invoice.issue_date,
        "BT-3": "381" if credit else "380",
        "BT-5": invoice.currency,
        "BT-24": GUIDELINE,
        "BT-8": "invoice" if issuer.get("vat_on_debits") else "payment",
        "BG-1": _notes(issuer, invoice, detail, locale),
        "BG-4": seller,
        "BG-7": buyer,
        "BG-23": [
            {
                "BT-116": _amount(row["base_cents"]),
                "BT-117": _amount(row["vat_cents"]),
                "BT-118": _category(row["rate_bp"]),
                "BT-119": _percent(row["rate_bp"]),
                **(
                    {"BT-120": VAT_EXEMPT_MENTION, "BT-121": EXEMPTION_CODE}
                    if row["rate_bp"] is None
                    else {}
                ),
            }
            for row in by_rate
        ],
        "BG-25": [
            {
                "BT-126": line.line_id,
                "BT-129": "1",
                "BT-130": "C62",  # one unit: the line is a lump sum
                "BT-131": _amount(line.cents),
                "BT-146": _amount(line.cents),
                "BT-151": _category(line.rate_bp),
                "BT-152": _percent(line.rate_bp),
                "BT-153": line.label[:200] or invoice.number,
            }
            for line in lines
        ],
        "BT-106": _amount(invoice.total_before_tax_cents),
        "BT-109": _amount(invoice.total_before_tax_cents),
        "BT-110": _amount(invoice.vat_cents),
        "BT-112": _amount(invoice.total_cents),
        "BT-115": _amount(invoice.total_cents),
    }
    # The place of delivery: where the service is delivered, else the client's address (the
    # delivery block must not be empty for the XSD).
    data["BG-13"] = {
        "name": invoice.client_name,
        **_address(
            invoice.client_delivery_address.strip() or invoice.client_address,
            invoice.client_vat_number,
        ),
    }
    if issuer.get("iban"):
        data["BT-81"] = SEPA_TRANSFER
        data["BT-84"] = str(issuer["iban"]).replace(" ", "")
        if issuer.get("bic"):
            data["BT-86"] = str(issuer["bic"])
    if credit:
        reference = reference_of(session, invoice.credits_invoice_id)
        if reference is not None:
            data["BG-3"] = [{"BT-25": reference[0], "BT-26": reference[1]}]
    else:
        data["BT-9"] = invoice.due_date
        if "vat_on_debits" in issuer:
            data["BT-20"] = payment_terms(invoice.issue_date, invoice.due_date, locale)
    return data


def _notes(
    issuer: dict, invoice: Invoice, detail: InvoiceDetail, locale: str
) -> list[dict[str, str]]:
    """Return the legal mentions as EN 16931 notes, with the French subject codes."""
    coded = {}
    if "vat_on_debits" in issuer and invoice.kind == "invoice":
        coded = {
            penalty_terms(issuer, locale): "PMD",
            indemnity_terms(locale, invoice.currency): "PMT",
            discount_terms(issuer, locale): "AAB",
        }
    notes = []
    for mention in detail.mentions:
        note = {"BT-22": mention}
        if mention in coded:
            note["BT-21"] = coded[mention]
        notes.append(note)
    if detail.credit_reason:
        notes.append({"BT-22": detail.credit_reason})
    return notes


def build_xml(session: Session, invoice: Invoice, detail: InvoiceDetail, locale: str) -> bytes:
    """Return the document's CII XML, checked against the EN 16931 XSD.

    Args:
        invoice: The issued document.
        detail: Its client-facing projection.
        locale: The reader's language (notes only; amounts and dates are neutral).

    Returns:
        The XML as UTF-8 bytes.

    Raises:
        Exception: The ``factur-x`` package's error when the XML breaks the XSD.
    """
    xml = facturx.generate_xml(
        data_dict(session, invoice, detail, locale),
        flavor="factur-x",
        level=LEVEL,
        check_xsd=True,
        check_schematron=False,  # the EN 16931 schematron needs an XSLT 2 processor
    )
    if isinstance(xml, etree._Element):
        return etree.tostring(xml, xml_declaration=True, encoding="UTF-8")
    return xml if isinstance(xml, bytes) else str(xml).encode()


def facturx_pdf(
    session: Session, viewer: Viewer, *, invoice_id: object, locale: str = "en"
) -> tuple[str, bytes]:
    """Return an issued document as a Factur-X PDF for a viewer allowed to see the client PDF.

    Same permission as :func:`collab_app.services.billing.pdf.invoice_pdf`: managers, members
    and clients; guests and anyone else get ``NotFound``.

    Args:
        locale: The reader's language.

    Returns:
        (file name, PDF/A-3 bytes with ``factur-x.xml`` embedded).

    Raises:
        NotFound: Unknown, a draft, or not readable as a client invoice by the viewer.
    """
    detail = issued.get_invoice(session, viewer, invoice_id=invoice_id, locale=locale)
    if not detail.can_pdf:
        raise NotFound()
    invoice = session.get(Invoice, detail.id)
    if invoice is None:  # pragma: no cover - get_invoice just read it
        raise NotFound()
    created = invoice.issued_at or datetime.combine(
        invoice.issue_date or date.today(), datetime.min.time()
    )
    pdf = invoice_pdf.render(detail, locale, created)
    xml = build_xml(session, invoice, detail, locale)
    document = facturx.generate_from_binary(
        pdf,
        xml,
        flavor="factur-x",
        level=LEVEL,
        check_xsd=False,  # checked when built
        lang=locale,
        pdf_metadata={
            "author": detail.issuer_name,
            "keywords": "Factur-X",
            "title": detail.number,
            "subject": detail.title or detail.number,
        },
    )
    return f"{invoice_pdf.file_stem(detail, locale)}-factur-x.pdf", document
