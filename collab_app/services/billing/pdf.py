"""The client invoice (or credit note) as a PDF/A-3 document, in the reader's language.

Built only from the client-facing projection of :func:`collab_app.services.billing.issued.
get_invoice` (issuer, client, lines, totals, VAT by rate, legal mentions): the internal split
never reaches the document. Managers, members and the project's clients may download it;
guests, who only see their own share, may not. The same document, with its EN 16931 XML
embedded, is the Factur-X e-invoice (:mod:`collab_app.services.billing.facturx`).

Fonts: DejaVu Sans, shipped in ``assets/fonts`` and embedded in the file, so every host prints
the same invoice (€, narrow no-break spaces, guillemets and ligatures included). The document
is written as PDF/A-3B (fpdf2's compliance mode: embedded fonts, sRGB output intent, XMP).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from sqlmodel import Session

from collab_app.i18n import translate
from collab_app.services.billing import issued
from collab_app.services.billing.presenter import InvoiceDetail
from collab_app.services.errors import NotFound
from collab_app.services.viewer import Viewer

FONT_DIR = Path(__file__).resolve().parents[3] / "assets" / "fonts"
FONT_FAMILY = "DejaVu"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def new_document(title: str, locale: str, created: datetime | None = None) -> FPDF:
    """Return an empty A4 PDF/A-3B document with the shipped fonts registered.

    Args:
        title: The document's title (its number).
        locale: The document's language.
        created: Creation date written in the metadata (the issue time keeps files stable).

    Returns:
        The document.
    """
    pdf = FPDF(format="A4", enforce_compliance="PDFA_3B")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(title)
    pdf.set_lang(locale)
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_font(FONT_FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT_FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    return pdf


class _Writer:
    """Text helpers bound to a document."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf

    def line(self, value: str, *, size: int = 10, bold: bool = False, height: float = 5) -> None:
        self.pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
        self.pdf.multi_cell(0, height, value, new_x="LMARGIN", new_y="NEXT")

    def row(self, label: str, amount: str, *, bold: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "B" if bold else "", 10)
        width = pdf.w - pdf.l_margin - pdf.r_margin
        y = pdf.get_y()
        pdf.multi_cell(width - 45, 6, label, new_x="RIGHT", new_y="TOP")
        end = pdf.get_y()
        pdf.set_xy(pdf.l_margin + width - 45, y)
        pdf.cell(45, 6, amount, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(end, pdf.get_y()))


def render(detail: InvoiceDetail, locale: str, created: datetime | None = None) -> bytes:
    """Draw an invoice projection as a PDF/A-3B document.

    Args:
        detail: A client-facing projection (``show_invoice`` True).
        locale: ``en`` or ``fr``.
        created: Creation date of the file's metadata.

    Returns:
        The PDF bytes.
    """
    pdf = new_document(detail.number, locale, created)
    w = _Writer(pdf)
    pdf.add_page()
    w.line(detail.issuer_name, size=13, bold=True, height=6)
    for part in (
        detail.issuer_address,
        detail.issuer_siret and _t("siret", locale, detail),
        detail.issuer_vat_number
        and translate("revenue.vat_number", locale, number=detail.issuer_vat_number),
    ):
        if part:
            w.line(part)
    pdf.ln(6)
    key = "revenue.credit_note_number" if detail.kind == "credit_note" else "revenue.invoice_number"
    w.line(translate(key, locale, number=detail.number), size=16, bold=True, height=8)
    if detail.title:
        w.line(detail.title, size=11)
    if detail.credits_number:
        w.line(translate("revenue.credits", locale, number=detail.credits_number))
    if detail.credit_reason:
        w.line(translate("revenue.credit_reason_line", locale, reason=detail.credit_reason))
    w.line(translate("revenue.issue_date_line", locale, date=detail.issue_date))
    w.line(translate("revenue.due_date_line", locale, date=detail.due_date))
    pdf.ln(4)
    w.line(translate("revenue.client", locale), bold=True)
    w.line(detail.client_name)
    for part in detail.client_lines:
        w.line(part)
    pdf.ln(6)
    w.row(translate("revenue.line", locale), translate("revenue.amount", locale), bold=True)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    for line in detail.lines:
        w.row(line.label, line.amount)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    w.row(translate("revenue.total_before_tax", locale), detail.total_before_tax, bold=True)
    for vat in detail.vat_rows:
        w.row(vat.label, vat.amount)
    w.row(translate("revenue.total_vat", locale), detail.total_vat)
    w.row(translate("revenue.total", locale), detail.total, bold=True)
    pdf.ln(6)
    for mention in detail.mentions:
        w.line(mention, size=9)
    if detail.issuer_iban:
        w.line(_t("iban", locale, detail), size=9)
    if detail.issuer_bic:
        w.line(translate("revenue.bic", locale, bic=detail.issuer_bic), size=9)
    return bytes(pdf.output())


def _t(name: str, locale: str, detail: InvoiceDetail) -> str:
    if name == "siret":
        return translate("revenue.siret", locale, siret=detail.issuer_siret)
    return translate("revenue.iban", locale, iban=detail.issuer_iban)


def invoice_pdf(
    session: Session, viewer: Viewer, *, invoice_id: object, locale: str = "en"
) -> tuple[str, bytes]:
    """Return an issued invoice's PDF for a viewer allowed to see the client invoice.

    Args:
        locale: The reader's language.

    Returns:
        (file name, PDF bytes).

    Raises:
        NotFound: Unknown, a draft, or not readable as a client invoice by the viewer.
    """
    detail = issued.get_invoice(session, viewer, invoice_id=invoice_id, locale=locale)
    if not detail.can_pdf:
        raise NotFound()
    return f"{file_stem(detail, locale)}.pdf", render(detail, locale)


def file_stem(detail: InvoiceDetail, locale: str) -> str:
    """Return the download name of a document without extension: ``Invoice-00001``.

    Args:
        detail: The projection.
        locale: ``en`` or ``fr``.

    Returns:
        A name safe in every file system.
    """
    prefix = translate(
        "revenue.credit_note" if detail.kind == "credit_note" else "revenue.invoice", locale
    )
    return _SAFE_NAME.sub("-", f"{prefix}-{detail.number}").strip("-")
