"""Identifiers of the invoicing identity, checked by python-stdnum (issue #19).

The hand-written checks accepted a 21-character German IBAN, a country code ``XX`` and the VAT
number ``DE12345678X``; these are refused now, and real numbers of several EU countries pass.
"""

from __future__ import annotations

import pytest

from collab_app.i18n import translate
from collab_app.services.billing import identifiers
from collab_app.services.billing import identity as collective_billing
from collab_app.services.billing.identity import BillingErrors
from collab_app.services.errors import ValidationError

# Published example numbers (registries' and python-stdnum's documentation).
VALID_VAT = [
    "ATU13585627",  # Austria
    "BE0203201340",  # Belgium
    "BG175074752",  # Bulgaria
    "CY10259033P",  # Cyprus
    "CZ25123891",  # Czechia
    "DE136695976",  # Germany
    "DK13585628",  # Denmark
    "EE100931558",  # Estonia
    "EL094014201",  # Greece
    "ESB58378431",  # Spain
    "FI20774740",  # Finland
    "FR40303265045",  # France
    "HR33392005961",  # Croatia
    "HU12892312",  # Hungary
    "IE6433435F",  # Ireland
    "IT00743110157",  # Italy
    "LT119511515",  # Lithuania
    "LU15027442",  # Luxembourg
    "LV40003521600",  # Latvia
    "MT11679112",  # Malta
    "NL004495445B01",  # Netherlands
    "PL8567346215",  # Poland
    "PT501964843",  # Portugal
    "RO18547290",  # Romania
    "SE556188840401",  # Sweden
    "SI50223054",  # Slovenia
    "SK2022749619",  # Slovakia
    "XI123456782",  # Northern Ireland
]

VALID_IBAN = {
    "DE89370400440532013000": "DE89 3704 0044 0532 0130 00",
    "FR1420041010050500013M02606": "FR14 2004 1010 0505 0001 3M02 606",
    "BE71096123456769": "BE71 0961 2345 6769",
    "ES9121000418450200051332": "ES91 2100 0418 4502 0005 1332",
    "IT60X0542811101000000123456": "IT60 X054 2811 1010 0000 0123 456",
    "NL91ABNA0417164300": "NL91 ABNA 0417 1643 00",
    "AT611904300234573201": "AT61 1904 3002 3457 3201",
    "PT50000201231234567890154": "PT50 0002 0123 1234 5678 9015 4",
    "LU280019400644750000": "LU28 0019 4006 4475 0000",
    "MT84MALT011000012345MTLCAST001S": "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
}


@pytest.mark.parametrize("number", VALID_VAT)
def test_every_member_states_vat_format_is_accepted(number):
    assert identifiers.clean_vat_number(number.lower()) == number


@pytest.mark.parametrize(
    "number,code",
    [
        ("DE12345678X", "revenue.billing_vat_format"),  # a letter in a German number
        ("XX123456789", "revenue.billing_vat_format"),  # no such country
        ("DE136695977", "revenue.billing_vat_checksum"),  # check digit
        ("FR41303265045", "revenue.billing_vat_checksum"),  # key does not match the SIREN
        ("NL004495446B01", "revenue.billing_vat_checksum"),
        ("ESB5837843", "revenue.billing_vat_format"),  # too short
        ("US123456789", "revenue.billing_vat_format"),  # not an EU VAT number
    ],
)
def test_wrong_vat_numbers_are_refused_with_their_reason(number, code):
    with pytest.raises(ValidationError) as caught:
        identifiers.clean_vat_number(number)
    assert (caught.value.code, caught.value.field) == (code, "vat_number")


@pytest.mark.parametrize("typed,printed", list(VALID_IBAN.items()))
def test_ibans_of_several_countries_are_accepted(typed, printed):
    assert identifiers.clean_iban(typed) == printed


@pytest.mark.parametrize(
    "number,code",
    [
        ("DE5137040044053201300", "revenue.billing_iban_format"),  # 21 characters: DE has 22
        ("XX89370400440532013000", "revenue.billing_iban_format"),  # no such country
        ("FR1420041010050500013M0260", "revenue.billing_iban_format"),  # 26 characters: FR has 27
        ("DE88370400440532013000", "revenue.billing_iban_checksum"),  # check digits
        ("NL91ABNA041716430", "revenue.billing_iban_format"),
    ],
)
def test_wrong_ibans_are_refused_with_their_reason(number, code):
    with pytest.raises(ValidationError) as caught:
        identifiers.clean_iban(number)
    assert (caught.value.code, caught.value.field) == (code, "iban")


@pytest.mark.parametrize("bic", ["DEUTDEFF", "BNPAFRPPXXX", "ABNANL2A", "deut de ff 500"])
def test_bics_are_accepted(bic):
    assert identifiers.clean_bic(bic) == bic.replace(" ", "").upper()


@pytest.mark.parametrize("bic", ["DEUTXXFF", "DEUTDEF", "DEUTDEFF5", "1EUTDEFF"])
def test_wrong_bics_are_refused(bic):
    with pytest.raises(ValidationError) as caught:
        identifiers.clean_bic(bic)
    assert (caught.value.code, caught.value.field) == ("revenue.billing_bic_format", "bic")


def test_siren_of_a_client():
    assert identifiers.clean_siren("303 265 045") == "303265045"
    assert identifiers.clean_siren("") == ""
    for bad, code in (("30326504", "format"), ("303265046", "checksum")):
        with pytest.raises(ValidationError) as caught:
            identifiers.clean_siren(bad)
        assert (caught.value.code, caught.value.field) == (
            f"revenue.billing_siren_{code}",
            "client_siren",
        )


def test_every_wrong_field_gets_its_own_message_in_both_languages(session, world):
    form = {
        "legal_name": "Atelier SCOP",
        "address": "12 quai des Chartrons, 33000 Bordeaux",
        "siret": "91234567500008",
        "vat_number": "DE12345678X",
        "iban": "DE5137040044053201300",
        "bic": "DEUTXXFF",
        "payment_days": "30",
        "fee_vat_rate": "20",
    }
    with pytest.raises(BillingErrors) as caught:
        collective_billing.save_billing(
            session, world.owner, collective_id=world.collective.id, values=form
        )
    errors = caught.value.errors
    assert set(errors) == {"siret", "vat_number", "iban", "bic"}
    for code, params in errors.values():
        english, french = translate(code, "en", **params), translate(code, "fr", **params)
        assert english != code and french != code and english != french
    assert "22" in translate(errors["iban"][0], "en") and "Allemagne" in translate(
        errors["iban"][0], "fr"
    )
