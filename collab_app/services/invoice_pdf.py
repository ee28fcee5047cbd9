"""The client invoice (or credit note) as a PDF, in the reader's language.

Built only from the client-facing projection of :func:`collab_app.services.invoice_views.
get_invoice` (issuer, client, lines, totals, VAT by rate, legal mentions): the internal split
never reaches the document. Managers, members and the project's clients may download it;
guests, who only see their own share, may not.

Fonts: DejaVu Sans when the system has it (every character, € and narrow spaces included);
otherwise the PDF core font Helvetica with the text reduced to Latin-1 (``€`` becomes ``EUR``).
"""

from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF
from sqlmodel import Session

from collab_app.i18n import translate
from collab_app.services import invoice_views
from collab_app.services.errors import NotFound
from collab_app.services.viewer import Viewer

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def _font(pdf: FPDF) -> tuple[str, bool]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


class _Writer:
    """Text helpers bound to a document and its font."""

    def __init__(self, pdf: FPDF, family: str, unicode: bool) -> None:
        self.pdf, self.family, self.unicode = pdf, family, unicode

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        value = value.replace("€", "EUR").replace("\u202f", " ").replace("\u00a0", " ")
        return value.encode("latin-1", "replace").decode("latin-1")

    def line(self, value: str, *, size: int = 10, bold: bool = False, height: float = 5) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, height, self.text(value), new_x="LMARGIN", new_y="NEXT")

    def row(self, label: str, amount: str, *, bold: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font(self.family, "B" if bold else "", 10)
        width = pdf.w - pdf.l_margin - pdf.r_margin
        y = pdf.get_y()
        pdf.multi_cell(width - 45, 6, self.text(label), new_x="RIGHT", new_y="TOP")
        end = pdf.get_y()
        pdf.set_xy(pdf.l_margin + width - 45, y)
        pdf.cell(45, 6, self.text(amount), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(end, pdf.get_y()))


def render(detail: invoice_views.InvoiceDetail, locale: str) -> bytes:
    """Draw an invoice projection as a PDF.

    Args:
        detail: A client-facing projection (``show_invoice`` True).
        locale: ``en`` or ``fr``.

    Returns:
        The PDF bytes.
    """
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(detail.number)
    family, unicode = _font(pdf)
    w = _Writer(pdf, family, unicode)
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
    w.line(f"{translate('revenue.issue_date', locale)}: {detail.issue_date}")
    w.line(f"{translate('revenue.due_date', locale)}: {detail.due_date}")
    pdf.ln(4)
    w.line(translate("revenue.client", locale), bold=True)
    w.line(detail.client_name)
    if detail.client_address:
        w.line(detail.client_address)
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


def _t(name: str, locale: str, detail: invoice_views.InvoiceDetail) -> str:
    if name == "siret":
        return translate("revenue.siret", locale, siret=detail.issuer_siret)
    return translate("revenue.iban", locale, iban=detail.issuer_iban)


def invoice_pdf(
    session: Session, viewer: Viewer, *, invoice_id: object, locale: str = "en"
) -> tuple[str, bytes]:
    """Return an issued invoice's PDF for a viewer allowed to see the client invoice.

    Args:
        session: Database session.
        viewer: The signed-in person.
        invoice_id: Id received from the client.
        locale: The reader's language.

    Returns:
        (file name, PDF bytes).

    Raises:
        NotFound: Unknown, a draft, or not readable as a client invoice by the viewer.
    """
    detail = invoice_views.get_invoice(session, viewer, invoice_id=invoice_id, locale=locale)
    if not detail.can_pdf:
        raise NotFound()
    prefix = translate(
        "revenue.credit_note" if detail.kind == "credit_note" else "revenue.invoice", locale
    )
    name = _SAFE_NAME.sub("-", f"{prefix}-{detail.number}").strip("-")
    return f"{name}.pdf", render(detail, locale)
