"""PDF and CSV exports, and the download routes that check the session cookie."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from collab_app import revenue_downloads
from collab_app.i18n import format_money
from collab_app.models import Invoice
from collab_app.services import time_tracking
from collab_app.services.accounts import auth
from collab_app.services.billing import exports, invoices, rates
from collab_app.services.billing import pdf as invoice_pdf
from collab_app.services.billing.split import LineDraft, SplitDraft
from collab_app.services.errors import NotFound
from tests.unit.billing.helpers import complete_identity

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _identity(session, world):
    complete_identity(session, world.collective.id, world.other_project.collective_id)


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _money_text(cents: int, locale: str) -> str:
    return " ".join(
        format_money(cents, locale).replace("\u202f", " ").replace("\u00a0", " ").split()
    )


@pytest.fixture
def issued(session, world):
    rates.save_profile(
        session, world.manager, rate="600", rate_unit="day", vat_exempt=False, vat_rate="20"
    )
    rates.save_profile(
        session, world.guest, rate="50", rate_unit="hour", vat_exempt=True, vat_rate=""
    )
    time_tracking.log_time(
        session,
        world.guest,
        project_id=world.project.id,
        work_date="2026-02-10",
        duration="3",
        note='=HYPERLINK("x")',
        now=NOW,
    )
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    invoices.save_draft(
        session,
        world.manager,
        invoice_id=draft_id,
        draft=SplitDraft(
            client_name="Boulangerie Dupont",
            client_address="3 rue du Pain, Lyon",
            title="Site web",
            fee_percent="5",
            lines=(
                LineDraft(
                    key="l1",
                    basis="milestone",
                    label="Maquettes",
                    amount="2 500,00",
                    method="shares",
                    values=(
                        (world.manager.user_id, "60"),
                        (world.member.user_id, "25"),
                        (world.guest.user_id, "15"),
                    ),
                ),
                LineDraft(key="l2", basis="time", label="Intégration", method="time_rate"),
            ),
        ),
    )
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    return session.get(Invoice, draft_id)


def test_pdf_holds_the_client_invoice_and_no_split(session, world, issued):
    name, data = invoice_pdf.invoice_pdf(session, world.client, invoice_id=issued.id, locale="fr")
    assert name == "Facture-00001.pdf" and data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "Facture n° 00001" in text
    assert "Boulangerie Dupont" in text and "Maquettes" in text and "Intégration" in text
    for cents in (issued.total_before_tax_cents, issued.vat_cents, issued.total_cents):
        assert _money_text(cents, "fr") in text
    assert "TVA non applicable, art. 293 B du CGI" in text
    # No member name, no share.
    for person in (world.manager, world.member, world.guest):
        assert person.display_name not in text
    _, english = invoice_pdf.invoice_pdf(session, world.manager, invoice_id=issued.id, locale="en")
    assert "Invoice 00001" in _pdf_text(english)
    assert _money_text(issued.total_cents, "en") in _pdf_text(english)
    with pytest.raises(NotFound):
        invoice_pdf.invoice_pdf(session, world.guest, invoice_id=issued.id)
    with pytest.raises(NotFound):
        invoice_pdf.invoice_pdf(session, world.outsider, invoice_id=issued.id)


def _rows(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_split_csv_per_role(session, world, issued):
    _, data = exports.split_csv(session, world.manager, invoice_id=issued.id, locale="fr")
    rows = _rows(data, ";")
    assert rows[0] == ["Facture", "Personne", "Ligne", "Base", "Montant", "Explication"]
    people = {r[1] for r in rows[1:] if r[1]}
    assert people == {"Manager", "Member", "Guest"}
    assert rows[-1][2] == "Total HT de la facture"
    assert rows[-1][4] == format_money(issued.total_before_tax_cents, "fr")

    _, data = exports.split_csv(session, world.member, invoice_id=issued.id, locale="en")
    rows = _rows(data, ",")
    assert {r[1] for r in rows[1:] if r[1]} == {"Member"}
    assert not any(r[2] == "Collective fee" for r in rows)

    _, data = exports.split_csv(session, world.guest, invoice_id=issued.id, locale="en")
    rows = _rows(data, ",")
    assert {r[1] for r in rows[1:] if r[1]} == {"Guest"}
    text = "\n".join(",".join(r) for r in rows)
    assert format_money(issued.total_before_tax_cents, "en") not in text
    assert format_money(250_000, "en") not in text

    with pytest.raises(NotFound):
        exports.split_csv(session, world.client, invoice_id=issued.id)


def test_time_csv_defuses_formulas_and_respects_roles(session, world, issued):
    time_tracking.log_time(
        session,
        world.member,
        project_id=world.project.id,
        work_date="2026-02-11",
        duration="1:15",
        now=NOW,
    )
    _, data = exports.time_csv(
        session,
        world.manager,
        criteria=time_tracking.ReportCriteria(
            start="2026-02-01", end="2026-02-28", project_id=world.project.id
        ),
        locale="fr",
    )
    rows = _rows(data, ";")
    assert rows[0][0] == "Date"
    assert rows[1][6].startswith("'=HYPERLINK")
    assert rows[-1] == ["Total", "", "", "", "", "4,25", ""]
    _, data = exports.time_csv(
        session,
        world.member,
        criteria=time_tracking.ReportCriteria(start="2026-02-01", end="2026-02-28"),
        locale="en",
    )
    rows = _rows(data, ",")
    assert [r[2] for r in rows[1:-1]] == ["Member"] and rows[-1][5] == "1.25"


def test_download_routes_check_the_session_cookie(session, world, issued, use_test_db):
    client_token = auth.start_session(session, user_id=world.client.user_id)
    guest_token = auth.start_session(session, user_id=world.guest.user_id)
    outsider_token = auth.start_session(session, user_id=world.outsider.user_id)
    app = revenue_downloads.api()
    with TestClient(app) as http:
        pdf_url = f"/api/revenue/invoices/{issued.id}/pdf"
        assert http.get(pdf_url).status_code == 401
        http.cookies.set("collab_session", client_token)
        response = http.get(pdf_url)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert "no-store" in response.headers["cache-control"]
        assert _money_text(issued.total_cents, "en") in _pdf_text(response.content)
        assert http.get(f"/api/revenue/invoices/{issued.id}/split.csv").status_code == 404
        assert http.get("/api/revenue/invoices/abc/pdf").status_code == 404
        assert http.get(f"/api/revenue/invoices/{issued.id + 99}/pdf").status_code == 404

        http.cookies.set("collab_session", guest_token)
        assert http.get(pdf_url).status_code == 404
        response = http.get(f"/api/revenue/invoices/{issued.id}/split.csv")
        assert response.status_code == 200 and "Guest" in response.text
        response = http.get("/api/revenue/time.csv?start=2026-02-01&end=2026-02-28")
        assert response.status_code == 200
        assert http.get("/api/revenue/time.csv?start=x&end=y").status_code == 400

        http.cookies.set("collab_session", outsider_token)
        assert http.get(pdf_url).status_code == 404
        response = http.get(
            f"/api/revenue/time.csv?start=2026-02-01&end=2026-02-28&project={world.project.id}"
        )
        assert response.status_code == 404
        http.cookies.set("collab_session", "forged-token")
        assert http.get(pdf_url).status_code == 401
