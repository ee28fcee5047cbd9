"""Checks of a collective's invoicing identity: SIRET, IBAN, BIC, VAT number, payment terms.

Pure functions, no database. Each ``clean_*`` function takes what was typed, returns the
canonical text to store (spaces removed, upper case; IBANs printed in groups of four), and
raises :class:`~collab_app.services.errors.ValidationError` with a ``revenue.billing_*`` key and
the form field's name when the value is wrong. An empty value is accepted by every check (the
identity can be saved incomplete); :func:`missing_for_issuing` says what an invoice still needs.

- SIRET: 14 digits, Luhn checksum (the La Poste establishments, SIREN 356000000, use the sum of
  digits modulo 5 instead, as INSEE documents).
- IBAN: 15 to 34 letters and digits, a country code, check digits, and the ISO 13616 checksum
  (the number rearranged and read in base 36 is 1 modulo 97); a French IBAN has 27 characters.
- BIC: 8 or 11 characters (bank, country, location, optional branch).
- VAT number: a two-letter country code and 2 to 13 letters or digits; a French one is ``FR``, a
  two-character key and the 9-digit SIREN, whose key (when numeric) must be
  ``(12 + 3 x (SIREN mod 97)) mod 97`` and whose SIREN must be the SIRET's first nine digits.
"""

from __future__ import annotations

import re

from collab_app.services.errors import ValidationError

PAYMENT_DAYS_MAX = 60  # Code de commerce L441-10: at most 60 days after the invoice date.
LA_POSTE_SIREN = "356000000"
_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
_VAT = re.compile(r"^[A-Z]{2}[A-Z0-9]{2,13}$")
_FR_VAT = re.compile(r"^FR[A-HJ-NP-Z0-9]{2}[0-9]{9}$")
REQUIRED_FOR_ISSUING = ("legal_name", "address", "siret", "iban")


def _compact(value: object) -> str:
    return re.sub(r"[\s.\-]+", "", str(value or "")).upper()


def luhn_ok(digits: str) -> bool:
    """Return whether a string of digits passes the Luhn checksum.

    Args:
        digits: Only digits.

    Returns:
        True when valid.
    """
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def clean_siret(value: object) -> str:
    """Check a SIRET number.

    Args:
        value: What was typed (spaces allowed).

    Returns:
        14 digits, or empty.

    Raises:
        ValidationError: Not 14 digits, or a wrong checksum.
    """
    text = _compact(value)
    if not text:
        return ""
    if not re.fullmatch(r"[0-9]{14}", text):
        raise ValidationError("revenue.billing_siret_format", field="siret")
    la_poste = text.startswith(LA_POSTE_SIREN)
    if not (sum(int(c) for c in text) % 5 == 0 if la_poste else luhn_ok(text)):
        raise ValidationError("revenue.billing_siret_checksum", field="siret")
    return text


def iban_ok(compact: str) -> bool:
    """Return whether a compact IBAN passes the ISO 13616 mod-97 checksum.

    Args:
        compact: Upper case, no spaces.

    Returns:
        True when valid.
    """
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def clean_iban(value: object) -> str:
    """Check an IBAN.

    Args:
        value: What was typed.

    Returns:
        The IBAN in groups of four (``FR76 3000 ...``), or empty.

    Raises:
        ValidationError: Wrong shape, wrong French length, or wrong checksum.
    """
    text = _compact(value)
    if not text:
        return ""
    if not _IBAN.fullmatch(text) or (text.startswith("FR") and len(text) != 27):
        raise ValidationError("revenue.billing_iban_format", field="iban")
    if not iban_ok(text):
        raise ValidationError("revenue.billing_iban_checksum", field="iban")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def clean_bic(value: object) -> str:
    """Check a BIC (SWIFT code).

    Args:
        value: What was typed.

    Returns:
        8 or 11 characters, or empty.

    Raises:
        ValidationError: Wrong shape.
    """
    text = _compact(value)
    if text and not _BIC.fullmatch(text):
        raise ValidationError("revenue.billing_bic_format", field="bic")
    return text


def fr_vat_key(siren: str) -> int:
    """Return the numeric key of a French VAT number.

    Args:
        siren: 9 digits.

    Returns:
        0 to 96.
    """
    return (12 + 3 * (int(siren) % 97)) % 97


def clean_vat_number(value: object, *, siret: str = "") -> str:
    """Check an intra-community VAT number.

    Args:
        value: What was typed.
        siret: The checked SIRET (its SIREN must match a French number), or empty.

    Returns:
        The number, or empty.

    Raises:
        ValidationError: Wrong shape, wrong key, or another company's SIREN.
    """
    text = _compact(value)
    if not text:
        return ""
    if not _VAT.fullmatch(text):
        raise ValidationError("revenue.billing_vat_format", field="vat_number")
    if text.startswith("FR"):
        if not _FR_VAT.fullmatch(text):
            raise ValidationError("revenue.billing_vat_format", field="vat_number")
        key, siren = text[2:4], text[4:]
        if key.isdigit() and int(key) != fr_vat_key(siren):
            raise ValidationError("revenue.billing_vat_checksum", field="vat_number")
        if siret and siret[:9] != siren:
            raise ValidationError("revenue.billing_vat_siren", field="vat_number")
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
