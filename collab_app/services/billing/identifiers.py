"""The identifiers and terms of a collective's invoicing identity: SIRET, IBAN, BIC, VAT number.

Pure functions, no database. Each ``clean_*`` function takes what was typed, returns the
canonical text to store (spaces removed, upper case; IBANs printed in groups of four), and
raises :class:`~collab_app.services.errors.ValidationError` with a ``revenue.billing_*`` key and
the form field's name when the value is wrong. An empty value is accepted by every check (the
identity can be saved incomplete); :func:`missing_for_issuing` says what an invoice still needs.

The identifiers are checked by python-stdnum, which follows each registry's published rules:

- SIRET and SIREN (``stdnum.fr.siret``, ``stdnum.fr.siren``): 14 and 9 digits, Luhn check digit
  (La Poste's establishments use the sum of digits modulo 5, its head office the Luhn rule);
- IBAN (``stdnum.iban``): the ISO 13616 check digits and, per country, the registry's length and
  account structure (a 21-character German IBAN or an unknown country ``XX`` is refused);
- BIC (``stdnum.bic``): 8 or 11 characters whose country is an ISO 3166 country;
- VAT number (``stdnum.eu.vat``): every EU member state's format and check digits (Greece as
  ``EL``, Northern Ireland as ``XI``); a French one must also carry the SIRET's SIREN.
"""

from __future__ import annotations

import re

from stdnum import bic as std_bic
from stdnum import iban as std_iban
from stdnum.eu import vat as std_vat
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren as std_siren
from stdnum.fr import siret as std_siret

from collab_app.i18n import AmountError, parse_money
from collab_app.services.errors import ValidationError

PAYMENT_DAYS_MAX = 60  # Code de commerce L441-10: at most 60 days after the invoice date.
REQUIRED_FOR_ISSUING = ("legal_name", "address", "siret", "iban")


def _compact(value: object) -> str:
    return re.sub(r"[\s.\-]+", "", str(value or "")).upper()


def _digits_check(value: object, module, *, length: int, field: str, prefix: str) -> str:  # noqa: ANN001
    text = _compact(value)
    if not text:
        return ""
    if not re.fullmatch(rf"[0-9]{{{length}}}", text):
        raise ValidationError(f"revenue.billing_{prefix}_format", field=field)
    if not module.is_valid(text):
        raise ValidationError(f"revenue.billing_{prefix}_checksum", field=field)
    return text


def clean_siret(value: object) -> str:
    """Check a SIRET number (python-stdnum).

    Args:
        value: What was typed (spaces allowed).

    Returns:
        14 digits, or empty.

    Raises:
        ValidationError: Not 14 digits, or a wrong check digit.
    """
    return _digits_check(value, std_siret, length=14, field="siret", prefix="siret")


def clean_siren(value: object, *, field: str = "client_siren") -> str:
    """Check a SIREN number, e.g. a client's (python-stdnum).

    Args:
        value: What was typed (spaces allowed).
        field: The form field named in errors.

    Returns:
        9 digits, or empty.

    Raises:
        ValidationError: Not 9 digits, or a wrong check digit.
    """
    return _digits_check(value, std_siren, length=9, field=field, prefix="siren")


def clean_iban(value: object) -> str:
    """Check an IBAN: check digits, then the country's length and structure (python-stdnum).

    A wrong length or structure for the country is a format error even when the check digits
    are wrong too (they are recomputed to tell the two apart), so the message names the real
    mistake.

    Args:
        value: What was typed.

    Returns:
        The IBAN in groups of four (``FR76 3000 ...``), or empty.

    Raises:
        ValidationError: Wrong shape, unknown country or length, or wrong check digits.
    """
    text = _compact(value)
    if not text:
        return ""
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}", text):
        raise ValidationError("revenue.billing_iban_format", field="iban")
    with_right_digits = text[:2] + std_iban.calc_check_digits(text) + text[4:]
    if not std_iban.is_valid(with_right_digits):
        raise ValidationError("revenue.billing_iban_format", field="iban")
    if not std_iban.is_valid(text):
        raise ValidationError("revenue.billing_iban_checksum", field="iban")
    return std_iban.format(text)


def clean_bic(value: object) -> str:
    """Check a BIC (SWIFT code) with python-stdnum.

    Args:
        value: What was typed.

    Returns:
        8 or 11 characters, or empty.

    Raises:
        ValidationError: Wrong shape or unknown country.
    """
    text = _compact(value)
    if text and not std_bic.is_valid(text):
        raise ValidationError("revenue.billing_bic_format", field="bic")
    return text


def clean_vat_number(value: object, *, siret: str = "", field: str = "vat_number") -> str:
    """Check an intra-community VAT number of any EU member state (python-stdnum).

    Args:
        value: What was typed.
        siret: The checked SIRET (its SIREN must match a French number), or empty.
        field: The form field named in errors.

    Returns:
        The number, or empty.

    Raises:
        ValidationError: Unknown country, wrong format, wrong check digits, or (French) another
            company's SIREN.
    """
    text = _compact(value)
    if not text:
        return ""
    try:
        text = std_vat.validate(text)
    except InvalidChecksum as exc:
        raise ValidationError("revenue.billing_vat_checksum", field=field) from exc
    except StdnumError as exc:
        raise ValidationError("revenue.billing_vat_format", field=field) from exc
    if text.startswith("FR") and siret and siret[:9] != text[4:]:
        raise ValidationError("revenue.billing_vat_siren", field=field)
    return text


def clean_payment_days(value: object) -> int:
    """Check the payment term in days.

    Args:
        value: What was typed.

    Returns:
        0 to 60.

    Raises:
        ValidationError: Not a whole number in that range.
    """
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or int(text) > PAYMENT_DAYS_MAX:
        raise ValidationError(
            "revenue.billing_payment_days", field="payment_days", max=PAYMENT_DAYS_MAX
        )
    return int(text)


def clean_penalty_rate(value: object, locale: str | None) -> int | None:
    """Check the late-payment penalty rate, a yearly percentage typed the reader's way.

    Args:
        value: What was typed (``12,15`` in French, ``12.15`` in English); empty for the legal
            default (ECB refinancing rate plus 10 points).
        locale: The reader's language.

    Returns:
        Basis points (1215 for 12.15 %), or None for the legal default.

    Raises:
        ValidationError: Not a rate above 0 and at most 100 % with two decimals at most.
    """
    text = str(value or "").strip().rstrip("%").strip() if isinstance(value, str) else ""
    if not text:
        return None
    try:
        basis_points = parse_money(text, locale)  # a percentage with two decimals reads alike
    except AmountError as exc:
        raise ValidationError("revenue.billing_penalty_rate", field="late_penalty_rate") from exc
    if not 0 < basis_points <= 10_000:
        raise ValidationError("revenue.billing_penalty_rate", field="late_penalty_rate")
    return basis_points


def clean_text(value: object, *, field: str, max_length: int) -> str:
    """Trim a free text and check its length.

    Args:
        value: What was typed.
        field: The form field.
        max_length: Most characters kept.

    Returns:
        The trimmed text (line breaks kept, other control characters removed).

    Raises:
        ValidationError: Too long.
    """
    text = "".join(c for c in str(value or "") if c == "\n" or c >= " ").strip()
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if len(text) > max_length:
        raise ValidationError("revenue.billing_too_long", field=field, max=max_length)
    return text


def missing_for_issuing(values: dict[str, object], *, fee_vat_exempt: bool) -> tuple[str, ...]:
    """Return the fields an invoice still needs, in form order.

    The VAT number is required unless the collective itself is under the VAT franchise.

    Args:
        values: Field name -> stored value.
        fee_vat_exempt: The collective does not charge VAT on its fee.

    Returns:
        Field names (empty when the identity is complete).
    """
    needed = list(REQUIRED_FOR_ISSUING)
    if not fee_vat_exempt:
        needed.insert(3, "vat_number")
    return tuple(name for name in needed if not str(values.get(name) or "").strip())
