"""The collective's invoicing identity: checks, who may see and edit it, issuing needs it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from collab_app.i18n import translate
from collab_app.models import Invoice
from collab_app.services.billing import identifiers, invoices
from collab_app.services.billing import identity as collective_billing
from collab_app.services.billing import issued as invoice_views
from collab_app.services.billing import pdf as invoice_pdf
from collab_app.services.billing.identity import BillingErrors
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from testkit import factories
from tests.unit.billing.helpers import VALID, manager_only_draft

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
GARBAGE = [None, "", "abc", -1, 0, 2**60, 1.5, True, [], {}]
FORM = {**VALID, "payment_days": "30", "fee_vat_rate": "20"}


def _draft(session, world):
    return manager_only_draft(session, world, amount="1000", label="Design", now=NOW)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("912 345 675 00009", "91234567500009"),
        ("73282932000074", "73282932000074"),  # a real SIRET
        ("35600000000047", "35600000000047"),  # La Poste: digit sum multiple of 5
        ("35600000000048", "35600000000048"),  # La Poste's head office: plain Luhn
        ("", ""),
    ],
)
def test_siret_accepted(value, expected):
    assert identifiers.clean_siret(value) == expected


@pytest.mark.parametrize(
    "value,code",
    [
        ("9123456750000", "revenue.billing_siret_format"),
        ("9123456750000A", "revenue.billing_siret_format"),
        ("91234567500008", "revenue.billing_siret_checksum"),
        ("35600000000049", "revenue.billing_siret_checksum"),
    ],
)
def test_siret_refused(value, code):
    with pytest.raises(ValidationError) as caught:
        identifiers.clean_siret(value)
    assert (caught.value.code, caught.value.field) == (code, "siret")


def test_iban_checks():
    assert identifiers.clean_iban("fr08 3000-4000 0500 0012 3456 789") == (
        "FR08 3000 4000 0500 0012 3456 789"
    )
    assert identifiers.clean_iban("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00"
    for bad, code in (
        ("FR09 3000 4000 0500 0012 3456 789", "revenue.billing_iban_checksum"),
        ("FR08 3000 4000 0500 0012 3456 78", "revenue.billing_iban_format"),
        ("12345", "revenue.billing_iban_format"),
    ):
        with pytest.raises(ValidationError) as caught:
            identifiers.clean_iban(bad)
        assert (caught.value.code, caught.value.field) == (code, "iban")


def test_vat_number_and_bic_checks():
    assert (
        identifiers.clean_vat_number("fr 65 912345675", siret="91234567500009") == "FR65912345675"
    )
    assert identifiers.clean_vat_number("DE136695976") == "DE136695976"
    for bad, siret, code in (
        ("FR66912345675", "", "revenue.billing_vat_checksum"),
        ("DE12345678X", "", "revenue.billing_vat_format"),
        ("XX123456789", "", "revenue.billing_vat_format"),
        ("FR65912345675", "73282932000074", "revenue.billing_vat_siren"),
        ("FR6591234567", "", "revenue.billing_vat_format"),
        ("12345", "", "revenue.billing_vat_format"),
    ):
        with pytest.raises(ValidationError) as caught:
            identifiers.clean_vat_number(bad, siret=siret)
        assert (caught.value.code, caught.value.field) == (code, "vat_number")
    assert identifiers.clean_bic("bnpa fr pp xxx") == "BNPAFRPPXXX"
    assert identifiers.clean_bic("BNPAFRPP") == "BNPAFRPP"
    with pytest.raises(ValidationError):
        identifiers.clean_bic("BNPAFRP")
    for bad in ("61", "-1", "abc", "", None):
        with pytest.raises(ValidationError):
            identifiers.clean_payment_days(bad)
    assert identifiers.clean_payment_days("45") == 45


def test_owner_and_admin_edit_everyone_else_gets_not_found(session, world):
    admin = factories.make_user(session, "Admin")
    factories.add_collective_member(session, world.collective, admin, "admin")
    cid = world.collective.id
    for editor in (world.owner, admin):
        view = collective_billing.get_billing(session, editor, collective_id=cid)
        assert view.collective_id == cid
    for reader in (world.manager, world.member, world.guest, world.client, world.outsider):
        with pytest.raises(NotFound):
            collective_billing.get_billing(session, reader, collective_id=cid)
        with pytest.raises(NotFound):
            collective_billing.save_billing(session, reader, collective_id=cid, values=FORM)
    for garbage in GARBAGE:
        with pytest.raises(NotFound):
            collective_billing.get_billing(session, world.owner, collective_id=garbage)
    # Someone else's collective is as unknown as a missing one, even for an owner.
    with pytest.raises(NotFound):
        collective_billing.get_billing(
            session, world.owner, collective_id=world.other_project.collective_id
        )
    assert collective_billing.get_billing(session, admin, collective_id=cid).legal_name == ""


def test_save_reports_every_wrong_field_and_keeps_the_old_values(session, world):
    cid = world.collective.id
    collective_billing.save_billing(session, world.owner, collective_id=cid, values=FORM)
    bad = {
        **FORM,
        "siret": "123",
        "iban": "FR09 3000 4000 0500 0012 3456 789",
        "vat_number": "XX",
        "payment_days": "90",
        "legal_name": "x" * 121,
    }
    with pytest.raises(BillingErrors) as caught:
        collective_billing.save_billing(session, world.owner, collective_id=cid, values=bad)
    assert caught.value.errors == {
        "legal_name": ("revenue.billing_too_long", {"max": 120}),
        "siret": ("revenue.billing_siret_format", {}),
        "vat_number": ("revenue.billing_vat_format", {}),
        "iban": ("revenue.billing_iban_checksum", {}),
        "payment_days": ("revenue.billing_payment_days", {"max": 60}),
    }
    view = collective_billing.get_billing(session, world.owner, collective_id=cid)
    assert (view.siret, view.iban, view.legal_name) == (
        "91234567500009",
        "FR08 3000 4000 0500 0012 3456 789",
        "Atelier SCOP",
    )
    assert view.complete and view.missing == ()


def test_missing_fields_and_vat_number_not_needed_under_the_franchise(session, world):
    cid = world.collective.id
    values = {**FORM, "vat_number": "", "iban": ""}
    collective_billing.save_billing(session, world.owner, collective_id=cid, values=values)
    view = collective_billing.get_billing(session, world.owner, collective_id=cid)
    assert view.missing == ("vat_number", "iban") and not view.complete
    collective_billing.save_billing(
        session, world.owner, collective_id=cid, values=values, fee_vat_exempt=True
    )
    assert collective_billing.get_billing(session, world.owner, collective_id=cid).missing == (
        "iban",
    )


def test_the_calculator_reads_what_is_missing_for_a_manager_only(session, world):
    pid, cid = world.project.id, world.collective.id
    collective_billing.save_billing(
        session, world.owner, collective_id=cid, values={**FORM, "iban": ""}
    )
    assert invoices.missing_billing(session, world.manager, project_id=pid) == ("iban",)
    collective_billing.save_billing(session, world.owner, collective_id=cid, values=FORM)
    assert invoices.missing_billing(session, world.manager, project_id=pid) == ()
    for reader in (world.member, world.guest, world.client):
        with pytest.raises(PermissionDenied):
            invoices.missing_billing(session, reader, project_id=pid)
    with pytest.raises(NotFound):
        invoices.missing_billing(session, world.outsider, project_id=pid)
    with pytest.raises(NotFound):
        invoices.missing_billing(session, world.manager, project_id=world.other_project.id)


def test_issuing_needs_a_complete_identity_and_freezes_it(session, world):
    cid = world.collective.id
    draft_id = _draft(session, world)
    with pytest.raises(ValidationError) as caught:
        invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW, locale="fr")
    error = caught.value
    assert error.code == "revenue.billing_incomplete"
    assert error.params["collective_id"] == cid
    assert error.params["fields"] == ("legal_name", "address", "siret", "vat_number", "iban")
    text = translate(error.code, "fr", **error.params)
    assert "raison sociale, adresse, SIRET, n° de TVA, IBAN" in text
    assert session.get(Invoice, draft_id).status == "draft"  # no number taken

    collective_billing.save_billing(session, world.owner, collective_id=cid, values=FORM)
    number = invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    assert number == "00001"  # the refused attempt left no gap
    issuer = json.loads(session.get(Invoice, draft_id).snapshot_json)["issuer"]
    assert issuer["siret"] == "91234567500009" and issuer["vat_number"] == "FR65912345675"

    # Later edits do not touch the issued invoice, its view or its PDF.
    moved = {**FORM, "address": "1 place Neuve, 69001 Lyon", "legal_name": "Atelier Neuf"}
    collective_billing.save_billing(session, world.owner, collective_id=cid, values=moved)
    detail = invoice_views.get_invoice(session, world.client, invoice_id=draft_id)
    assert detail.issuer_name == "Atelier SCOP"
    assert detail.issuer_address == "12 quai des Chartrons, 33000 Bordeaux"
    assert detail.issuer_vat_number == "FR65912345675" and detail.issuer_bic == "BNPAFRPPXXX"
    _, pdf = invoice_pdf.invoice_pdf(session, world.client, invoice_id=draft_id)
    assert len(pdf) > 1000
    # An incomplete identity again blocks the next issue only.
    collective_billing.save_billing(
        session, world.owner, collective_id=cid, values={**FORM, "iban": ""}
    )
    with pytest.raises(ValidationError):
        invoices.issue(session, world.manager, invoice_id=_draft(session, world), now=NOW)
    assert invoice_views.get_invoice(session, world.client, invoice_id=draft_id).issuer_iban
