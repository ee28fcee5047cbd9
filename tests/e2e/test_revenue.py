"""Revenue in a real browser: calculator to issued invoice and PDF, roles, quick time entry."""

from __future__ import annotations

import io
import re

import facturx
from lxml import etree
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, save_screenshot, sign_in

PROJECT = "Boulangerie Dupont website"


def _project_path(page: Page) -> str:
    page.goto("/")
    page.get_by_role("heading", name=PROJECT).click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    return "/projects/" + re.search(r"/projects/(\d+)", page.url).group(1)


def _plain(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _facturx(page: Page) -> tuple[str, str]:
    """Download the open invoice's Factur-X; return its type code and grand total."""
    response = page.request.get(page.locator("#invoice-facturx").get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    name, xml = facturx.get_xml_from_pdf(response.body(), check_xsd=False)
    assert name == "factur-x.xml"
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    root = etree.fromstring(xml)
    ns = {"ram": root.nsmap["ram"]}
    type_code = root.xpath("//ram:TypeCode", namespaces=ns)[0].text
    return type_code, root.xpath("//ram:GrandTotalAmount", namespaces=ns)[0].text


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def test_manager_builds_a_split_issues_it_and_the_pdf_holds_the_totals(new_page, base_url):
    page = new_page("desktop")
    sign_in(page, base_url, DEMO_USERS["owner"])  # Alice, French interface
    project = _project_path(page)
    page.goto(f"{project}/split")
    page.locator("#new-draft").click()
    expect(page.locator("#save-draft")).to_be_visible()
    # Start from an empty draft: remove the lines it picked up.
    remove = page.get_by_role("button", name="Retirer la ligne")
    while remove.count():
        before = remove.count()
        remove.first.click()
        expect(remove).to_have_count(before - 1)
    page.get_by_role("button", name="+ Jalon").click()
    line = page.locator("[id^=line-]").first
    expect(line).to_be_visible()
    line.get_by_label("Désignation").fill("Audit SEO")
    line.get_by_label("Montant").fill("1 000,00")
    line.get_by_label("Part (%) de Alice Martin").fill("50")
    line.get_by_label("Part (%) de Bruno Leroy").fill("30")
    line.get_by_label("Part (%) de Chloé Petit").fill("20")
    # The totals and each member's amount follow at once.
    expect(page.locator("#split-total")).to_have_text(re.compile(r"^1\s000,00\s€$"))
    expect(line.locator(".split-cell-result").first).to_have_text(re.compile(r"500,00"))
    # VAT per share: Alice and Bruno 20 %, Chloé exempt (micro-entrepreneur).
    expect(page.locator("#split-total-incl")).to_have_text(re.compile(r"^1\s160,00\s€$"))
    expect(page.locator(".split-results .legal-mention")).to_have_text(
        "TVA non applicable, art. 293 B du CGI"
    )
    expect(page.locator(".recharts-bar-rectangle")).to_have_count(3)
    # Shares over 100 % are refused with a clear message, and fixed again.
    line.get_by_label("Part (%) de Chloé Petit").fill("25")
    expect(page.locator("#preview-error")).to_contain_text("105")
    line.get_by_label("Part (%) de Chloé Petit").fill("20")
    expect(page.locator("#preview-error")).to_have_count(0)
    page.locator("#draft-client_name").fill("Boulangerie Dupont")
    page.locator("#save-draft").click()
    expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()
    save_screenshot(page, "revenue-calculator-desktop")

    page.locator("#issue-invoice").click()
    # Chloé alone is VAT exempt: the exempt base on the client invoice is her share.
    expect(page.locator("#vat-disclosure")).to_contain_text("Chloé Petit")
    page.locator("#confirm-issue").click()
    page.wait_for_url(re.compile(r"/invoices\?invoice=\d+"))
    expect(page.locator("#invoice-number")).to_contain_text("Facture n°")
    number = page.locator("#invoice-number").inner_text().rsplit(" ", 1)[-1]
    expect(page.locator("#invoice-total")).to_have_text(re.compile(r"^1\s160,00\s€$"))
    expect(page.locator("[id^=share-]")).to_have_count(3)
    save_screenshot(page, "revenue-invoice-manager")

    href = page.locator("#invoice-pdf").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = _plain("\n".join(p.extract_text() for p in reader.pages))
    assert f"Facture n° {number}" in text
    assert "Audit SEO" in text and "Boulangerie Dupont" in text
    assert "Total HT 1 000,00 €" in text
    assert "1 160,00 €" in text and "160,00 €" in text
    assert "TVA non applicable, art. 293 B du CGI" in text
    for name in ("Alice Martin", "Bruno Leroy", "Chloé Petit"):
        assert name not in text  # no internal split on the client's document
    assert "Indemnité forfaitaire pour frais de recouvrement" in text
    # The same invoice as a Factur-X e-invoice: XML valid, same total as the PDF.
    assert _facturx(page) == ("380", "1160.00")

    # The split as CSV, in French with ';'.
    csv_response = page.request.get(page.locator("#split-csv").get_attribute("href"))
    assert csv_response.status == 200
    csv_text = csv_response.body().decode("utf-8-sig")
    assert csv_text.startswith("Facture;Personne;Ligne")
    assert "Chloé Petit" in csv_text and "200,00" in csv_text

    # A partial credit note: 100,00 of the line, split back 50/30/20, VAT only on taxed shares.
    credit = page.locator("#partial-credit")
    credit.get_by_label(re.compile(r"^Audit SEO")).fill("100,00")
    credit.get_by_label("Motif").fill("Remise commerciale")
    page.locator("#issue-partial-credit").click()
    expect(page.locator("#invoice-credited")).to_have_text(re.compile(r"^-100,00\s€$"))
    expect(page.locator("#invoice-remaining")).to_have_text(re.compile(r"^900,00\s€$"))
    expect(page.locator(".share-credited")).to_have_text(
        [re.compile(r"-50,00"), re.compile(r"-30,00"), re.compile(r"-20,00")]
    )
    note_number = f"{int(number) + 1:05d}"
    page.get_by_role("button", name="Toutes les factures").click()
    page.get_by_role("button", name=f"Ouvrir {note_number}").click()
    expect(page.locator("#invoice-number")).to_contain_text(f"Avoir n° {note_number}")
    expect(page.locator("#invoice-total")).to_have_text(re.compile(r"^-116,00\s€$"))
    note_pdf = page.request.get(page.locator("#invoice-pdf").get_attribute("href"))
    note_pages = PdfReader(io.BytesIO(note_pdf.body())).pages
    note_text = _plain("\n".join(p.extract_text() for p in note_pages))
    assert f"Avoir n° {note_number}" in note_text and f"facture n° {number}" in note_text
    assert "Motif : Remise commerciale" in note_text
    assert "Total HT -100,00 €" in note_text and "-116,00 €" in note_text
    assert "Chloé Petit" not in note_text
    assert _facturx(page) == ("381", "116.00")  # EN 16931 credit note: positive amounts


def test_invoicing_details_for_owners_only(new_page, base_url):
    page = new_page("desktop")
    sign_in(page, base_url, DEMO_USERS["owner"])  # Alice, French
    page.goto("/")
    page.get_by_role("link", name="Atelier Nord", exact=True).click()
    page.wait_for_url(re.compile(r"/collectives/\d+/?$"))
    page.locator("#collective-billing-link").click()
    page.wait_for_url(re.compile(r"/collectives/\d+/billing$"))
    expect(page.locator("#billing-complete")).to_be_visible()
    expect(page.locator("#siret")).to_have_value("91234567500009")
    expect(page.locator("#vat_on_debits")).to_be_checked()
    expect(page.locator("#late_penalty_rate")).to_have_value("")  # the legal default rate
    page.locator("#siret").fill("91234567500008")
    page.locator("#iban").fill("FR09 3000 4000 0500 0012 3456 789")
    page.locator("#save-billing").click()
    expect(page.locator("#siret-error")).to_contain_text("clé de contrôle")
    expect(page.locator("#iban-error")).to_contain_text("IBAN")
    page.locator("#vat_number").fill("DE12345678X")
    page.locator("#save-billing").click()
    expect(page.locator("#vat_number-error")).to_contain_text("format de ce pays")
    expect(page.locator("#siret")).to_have_value("91234567500008")  # nothing typed is lost
    billing_url = page.url
    page.get_by_role("button", name=re.compile("Se déconnecter|Sign out")).click()
    page.wait_for_url(re.compile(r"/signin"))
    sign_in(page, base_url, DEMO_USERS["member"])  # Bruno, a plain member
    page.goto(billing_url)
    expect(page.locator("#not-found")).to_be_visible()
    expect(page.locator("#siret")).to_have_count(0)


def test_guest_sees_only_her_own_share(new_page, base_url):
    page = new_page("phone")
    frames = collect_ws_frames(page)
    sign_in(page, base_url, DEMO_USERS["guest"])  # Chloé, English
    project = _project_path(page)
    page.goto(f"{project}/invoices")
    page.get_by_role("button", name="Open 00001").click()
    share = page.locator("[id^=share-]")
    expect(share).to_have_count(1)
    expect(share.locator(".share-amount")).to_have_text("€798.00")
    expect(share).to_contain_text("your agreed share of 20 %")
    expect(page.locator("#invoice-total")).to_have_count(0)
    expect(page.locator("#invoice-pdf")).to_have_count(0)
    _no_horizontal_scroll(page)
    save_screenshot(page, "revenue-guest-share-phone")
    page.goto(f"{project}/split")
    expect(page.locator("#split-managers-only")).to_be_visible()
    received = "\n".join(frames)
    # Neither the invoice totals, nor the others' shares, nor the fee reach her browser.
    for figure in ("4,200.00", "4,880.40", "1,596.00", "210.00", "3,402.00"):
        assert figure not in received, figure


def test_client_sees_only_the_invoice(new_page, base_url):
    page = new_page("phone")
    frames = collect_ws_frames(page)
    sign_in(page, base_url, DEMO_USERS["client"])  # David, French
    project = _project_path(page)
    page.goto(f"{project}/invoices")
    page.get_by_role("button", name="Ouvrir 00001").click()
    expect(page.locator("#invoice-total")).to_have_text(re.compile(r"^4\s880,40\s€$"))
    expect(page.locator("[id^=share-]")).to_have_count(0)
    expect(page.locator("#split-csv")).to_have_count(0)
    expect(page.locator(".client-line").filter(has_text="SIREN 482135670")).to_be_visible()
    expect(page.locator(".legal-mention").filter(has_text="Pénalités de retard")).to_be_visible()
    href = page.locator("#invoice-pdf").get_attribute("href")
    assert page.request.get(href).status == 200
    assert _facturx(page) == ("380", "4880.40")  # the client's files, both of them
    assert page.request.get(href.replace("/pdf", "/split.csv")).status == 404
    _no_horizontal_scroll(page)
    save_screenshot(page, "revenue-client-invoice-phone")
    page.goto(f"{project}/time")
    expect(page.locator("#time-team-only")).to_be_visible()
    page.goto(f"{project}/split")
    expect(page.locator("#split-managers-only")).to_be_visible()
    received = _plain("\n".join(frames))
    for figure in ("1 596,00", "210,00"):
        assert figure not in received, figure


def test_member_logs_time_on_a_phone(new_page, base_url):
    page = new_page("phone")
    sign_in(page, base_url, DEMO_USERS["member"])  # Bruno, French
    project = _project_path(page)
    page.goto(f"{project}/time")
    page.get_by_label("Durée").fill("1,5")
    page.get_by_label("Note (facultative)").fill("Correctifs mobile")
    page.locator("#log-time").click()
    expect(page.get_by_text("Temps enregistré.")).to_be_visible()
    expect(page.get_by_text("Correctifs mobile").first).to_be_visible()
    expect(page.locator(".time-entry").first).to_contain_text("1 h 30")
    _no_horizontal_scroll(page)
    save_screenshot(page, "revenue-time-phone")
    # Bruno's report holds only his own time.
    expect(page.locator(".report-table tbody tr")).to_have_count(1)
    expect(page.locator(".report-table tbody")).to_contain_text("Bruno Leroy")
