"""Factur-X e-invoices: EN 16931 XML valid against the XSD, amounts equal to the PDF's."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import facturx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader
from sqlmodel import Session, SQLModel, create_engine, select
from starlette.testclient import TestClient

from collab_app import revenue_downloads
from collab_app.i18n import format_money
from collab_app.models import Invoice
from collab_app.services.accounts import auth
from collab_app.services.billing import facturx as facturx_service
from collab_app.services.billing import invoices, rates
from collab_app.services.billing import issued as invoice_views
from collab_app.services.billing.split import LineDraft, SplitDraft
from collab_app.services.billing.split_engine import VAT_EXEMPT_MENTION
from collab_app.services.errors import Conflict, NotFound, ValidationError
from testkit import factories
from tests.unit.billing.helpers import complete_identity, design_and_bonus_lines

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
CLIENT = {
    "client_name": "Boulangerie Dupont",
    "client_address": "8 rue des Fours, 33000 Bordeaux",
    "client_siren": "482135670",
    "client_vat_number": "FR58482135670",
    "client_delivery_address": "21 cours Victor Hugo, 33000 Bordeaux",
}


@dataclass(frozen=True)
class Read:
    """What a Factur-X file says, in cents."""

    type_code: str
    lines: list[tuple[str, int, str]]  # (name, cents, category + rate)
    bases: dict[str, int]  # category + rate -> base cents
    vats: dict[str, int]
    line_total: int
    basis_total: int
    vat_total: int
    grand_total: int
    due: int
    root: etree._Element
    pdf_text: str


def _cents(text: str) -> int:
    return int(Decimal(text).scaleb(2))


def read_facturx(document: bytes) -> Read:
    """Extract the embedded XML, check it against the EN 16931 XSD and read its figures."""
    name, xml = facturx.get_xml_from_pdf(document, check_xsd=False)
    assert name == "factur-x.xml"
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    root = etree.fromstring(xml)

    def one(path: str) -> str:
        (value,) = root.xpath(path, namespaces=NS)
        return value.text

    lines = [
        (
            item.xpath("ram:SpecifiedTradeProduct/ram:Name", namespaces=NS)[0].text,
            _cents(
                item.xpath(".//ram:LineTotalAmount", namespaces=NS)[0].text,
            ),
            item.xpath(".//ram:CategoryCode", namespaces=NS)[0].text
            + item.xpath(".//ram:RateApplicablePercent", namespaces=NS)[0].text,
        )
        for item in root.xpath("//ram:IncludedSupplyChainTradeLineItem", namespaces=NS)
    ]
    bases, vats = {}, {}
    for tax in root.xpath(
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", namespaces=NS
    ):
        key = (
            tax.xpath("ram:CategoryCode", namespaces=NS)[0].text
            + tax.xpath("ram:RateApplicablePercent", namespaces=NS)[0].text
        )
        bases[key] = _cents(tax.xpath("ram:BasisAmount", namespaces=NS)[0].text)
        vats[key] = _cents(tax.xpath("ram:CalculatedAmount", namespaces=NS)[0].text)
    total = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(document)).pages)
    return Read(
        type_code=one("//rsm:ExchangedDocument/ram:TypeCode"),
        lines=lines,
        bases=bases,
        vats=vats,
        line_total=_cents(one(total + "LineTotalAmount")),
        basis_total=_cents(one(total + "TaxBasisTotalAmount")),
        vat_total=_cents(one(total + "TaxTotalAmount")),
        grand_total=_cents(one(total + "GrandTotalAmount")),
        due=_cents(one(total + "DuePayableAmount")),
        root=root,
        pdf_text=pdf_text.replace("\u202f", " ").replace("\u00a0", " "),
    )


def check_equals_the_pdf(session: Session, viewer, document: Invoice, locale: str) -> Read:
    """Check a document's Factur-X against its own rows and the PDF drawn in the same file."""
    _, data = facturx_service.facturx_pdf(session, viewer, invoice_id=document.id, locale=locale)
    read = read_facturx(data)
    sign = -1 if document.kind == "credit_note" else 1
    assert read.type_code == ("381" if sign < 0 else "380")
    assert read.line_total == read.basis_total == sign * document.total_before_tax_cents
    assert sum(cents for _, cents, _ in read.lines) == read.line_total
    assert sum(read.bases.values()) == read.basis_total
    assert read.vat_total == sum(read.vats.values()) == sign * document.vat_cents
    assert read.grand_total == read.due == sign * document.total_cents
    assert read.grand_total == read.basis_total + read.vat_total
    # Each VAT category and rate of the breakdown has for base the sum of its lines (BR-S-08).
    for key, base in read.bases.items():
        assert sum(c for _, c, line_key in read.lines if line_key == key) == base
    assert {line_key for _, _, line_key in read.lines} <= set(read.bases)
    # The same figures, formatted for the reader, are printed on the PDF of the same file.
    detail = invoice_views.get_invoice(session, viewer, invoice_id=document.id, locale=locale)
    for printed, cents in (
        (detail.total_before_tax, document.total_before_tax_cents),
        (detail.total_vat, document.vat_cents),
        (detail.total, document.total_cents),
    ):
        assert printed == format_money(cents, locale)
        assert printed.replace("\u202f", " ").replace("\u00a0", " ") in read.pdf_text
    return read


@pytest.fixture(autouse=True)
def _identity(session, world):
    complete_identity(session, world.collective.id)


def _issue(session, world, lines, *, fee="10") -> int:
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    draft = SplitDraft(fee_percent=fee, lines=lines, **CLIENT)
    invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=draft)
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    return draft_id


def _profiles(session, world, exempt=(False, True, False)):
    for person, free in zip((world.manager, world.member, world.guest), exempt, strict=True):
        rates.save_profile(
            session, person, rate="500", rate_unit="day", vat_exempt=free, vat_rate="20"
        )


def test_invoice_and_partial_credit_note_are_en16931_with_the_pdfs_amounts(session, world):
    _profiles(session, world)
    first = _issue(session, world, design_and_bonus_lines(world))
    invoice = session.get(Invoice, first)
    read = check_equals_the_pdf(session, world.manager, invoice, "fr")
    root = read.root
    # Seller and buyer identifiers, payment means, due date.
    assert (
        root.xpath("//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID", namespaces=NS)[
            0
        ].text
        == "91234567500009"
    )
    assert (
        root.xpath("//ram:SellerTradeParty//ram:ID[@schemeID='VA']", namespaces=NS)[0].text
        == "FR65912345675"
    )
    buyer = root.xpath("//ram:BuyerTradeParty", namespaces=NS)[0]
    assert buyer.xpath(".//ram:SpecifiedLegalOrganization/ram:ID", namespaces=NS)[0].text == (
        "482135670"
    )
    assert buyer.xpath(".//ram:ID[@schemeID='VA']", namespaces=NS)[0].text == "FR58482135670"
    assert root.xpath("//ram:ShipToTradeParty//ram:LineOne", namespaces=NS)[0].text == (
        "21 cours Victor Hugo"
    )
    assert root.xpath("//ram:IBANID", namespaces=NS)[0].text == "FR0830004000050000123456789"
    assert root.xpath("//ram:BICID", namespaces=NS)[0].text == "BNPAFRPPXXX"
    assert (
        root.xpath(
            "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode",
            namespaces=NS,
        )[0].text
        == "58"
    )
    assert root.xpath("//ram:DueDateDateTime/udt:DateTimeString", namespaces=NS)[0].text == (
        invoice.due_date.strftime("%Y%m%d")
    )
    # The exempt member's base is category E with the legal reason; the others S at 20 %.
    assert set(read.bases) == {"E0.00", "S20.00"}
    reason = root.xpath("//ram:ApplicableTradeTax/ram:ExemptionReason", namespaces=NS)
    assert [r.text for r in reason] == [VAT_EXEMPT_MENTION]
    # Legal mentions as notes with the French subject codes.
    codes = {n.text for n in root.xpath("//ram:IncludedNote/ram:SubjectCode", namespaces=NS)}
    assert codes == {"PMD", "PMT", "AAB"}
    # A line paid at two VAT statuses is two XML lines adding up to the PDF's line.
    design = [(n, c) for n, c, _ in read.lines if n.startswith("Design")]
    assert len(design) == 2 and sum(c for _, c in design) == 300_000

    invoices.credit(
        session,
        world.manager,
        invoice_id=first,
        lines={"l1": "1 000,01"},
        reason="Scope cut",
        now=NOW,
        locale="fr",
    )
    note = session.exec(select(Invoice).where(Invoice.credits_invoice_id == first)).one()
    read = check_equals_the_pdf(session, world.client, note, "en")
    assert read.type_code == "381" and read.basis_total == 100_001
    reference = read.root.xpath(
        "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID", namespaces=NS
    )
    assert [r.text for r in reference] == [invoice.number]


def test_facturx_download_has_the_pdfs_permissions(session, world, use_test_db):
    _profiles(session, world)
    first = _issue(session, world, design_and_bonus_lines(world))
    for reader in (world.owner, world.manager, world.member, world.client):
        name, data = facturx_service.facturx_pdf(session, reader, invoice_id=first)
        assert name == "Invoice-00001-factur-x.pdf" and data.startswith(b"%PDF")
    for stranger in (world.guest, world.outsider):
        with pytest.raises(NotFound):
            facturx_service.facturx_pdf(session, stranger, invoice_id=first)
    for garbage in (None, "abc", -1, first + 99, [first]):
        with pytest.raises(NotFound):
            facturx_service.facturx_pdf(session, world.manager, invoice_id=garbage)
    tokens = {
        who: auth.start_session(session, user_id=viewer.user_id)
        for who, viewer in (("client", world.client), ("guest", world.guest))
    }
    with TestClient(revenue_downloads.api()) as http:
        url = f"/api/revenue/invoices/{first}/facturx.pdf"
        assert http.get(url).status_code == 401
        http.cookies.set("collab_session", tokens["client"])
        response = http.get(url)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert "attachment" in response.headers["content-disposition"]
        read_facturx(response.content)
        assert http.get(f"/api/revenue/invoices/{first}/split.csv").status_code == 404
        http.cookies.set("collab_session", tokens["guest"])
        assert http.get(url).status_code == 404


# --- property: any invoice, any sequence of partial credit notes ---------------------------

STATUSES = st.sampled_from([None, 550, 1000, 2000])


@st.composite
def cases(draw):
    statuses = [draw(STATUSES) for _ in range(3)]
    lines = []
    for index in range(draw(st.integers(min_value=1, max_value=3))):
        cents = draw(st.integers(min_value=1, max_value=2_000_000))
        shares = [draw(st.integers(min_value=0, max_value=5)) for _ in range(3)]
        if not any(shares):
            shares[index % 3] = 1
        lines.append((cents, shares))
    fee = draw(st.sampled_from(["0", "5", "12.5"]))
    credits = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["line", "amount"]), st.integers(0, 2), st.integers(1, 10**6)
            ),
            max_size=4,
        )
    )
    client = draw(st.sampled_from([CLIENT, {"client_name": "Client SA"}]))  # full or bare
    return statuses, lines, fee, credits, client


def _world(session: Session):
    people = [factories.make_user(session, name) for name in ("Ana", "Ben", "Cléo")]
    client = factories.make_user(session, "Client")
    collective = factories.make_collective(session, people[0], "Atelier")
    for person in people[1:]:
        factories.add_collective_member(session, collective, person, "member")
    project = factories.make_project(session, collective, "Site")
    factories.add_project_member(session, project, people[0], "manager")
    for person in people[1:]:
        factories.add_project_member(session, project, person, "member")
    factories.add_project_member(session, project, client, "client")
    complete_identity(session, collective.id)
    return people, client, project


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_invoice_and_credit_notes_have_xsd_valid_facturx_equal_to_the_pdf(case):
    statuses, lines, fee, credits, client_block = case
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        people, client, project = _world(session)
        for person, status in zip(people, statuses, strict=True):
            rates.save_profile(
                session,
                person,
                rate="500",
                rate_unit="day",
                vat_exempt=status is None,
                vat_rate=str(Decimal(status or 2000).scaleb(-2)),
            )
        manager = people[0]
        draft_id = invoices.create_draft(session, manager, project_id=project.id, now=NOW)
        drafts = tuple(
            LineDraft(
                key=f"l{i + 1}",
                basis="bonus",
                label=f"Lot {i + 1}",
                amount=str(Decimal(cents).scaleb(-2)),
                method="weights",
                values=tuple(
                    (person.user_id, str(share))
                    for person, share in zip(people, shares, strict=True)
                    if share
                ),
            )
            for i, (cents, shares) in enumerate(lines)
        )
        draft = SplitDraft(fee_percent=fee, lines=drafts, **client_block)
        invoices.save_draft(session, manager, invoice_id=draft_id, draft=draft)
        invoices.issue(session, manager, invoice_id=draft_id, now=NOW)
        for how, which, cents in credits:
            amount = str(Decimal(cents).scaleb(-2))
            try:
                if how == "line":
                    chosen = {f"l{which % len(lines) + 1}": amount}
                    invoices.credit(
                        session, manager, invoice_id=draft_id, lines=chosen, reason="r", now=NOW
                    )
                else:
                    invoices.credit(
                        session, manager, invoice_id=draft_id, amount=amount, reason="r", now=NOW
                    )
            except (ValidationError, Conflict) as error:
                # More than remains, or nothing left to credit: refused, nothing written.
                assert error.code in ("revenue.credit_too_much", "revenue.already_credited")
        documents = session.exec(select(Invoice).where(Invoice.status == "issued")).all()
        assert documents
        for document in documents:
            check_equals_the_pdf(session, client, document, "fr")
    engine.dispose()
