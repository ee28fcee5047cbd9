import re
from datetime import date
from decimal import Decimal

import pytest

from collab_app.i18n import (
    AmountError,
    catalogue,
    format_date,
    format_money,
    format_number,
    format_percent,
    negotiate,
    parse_money,
    translate,
)

PLACEHOLDER = re.compile(r"{(\w*)}")


def test_every_message_has_both_languages_with_the_same_placeholders():
    problems = []
    for key, (english, french) in catalogue().items():
        if not english.strip() or not french.strip():
            problems.append(f"{key}: empty text")
        if set(PLACEHOLDER.findall(english)) != set(PLACEHOLDER.findall(french)):
            problems.append(f"{key}: placeholders differ")
    assert problems == []


def test_translate_falls_back_and_fills_parameters():
    assert (
        translate("auth.password_too_short", "fr", min=12)
        == "Le mot de passe doit contenir au moins 12 caractères."
    )
    assert translate("auth.password_too_short", "de-DE", min=12).startswith("The password")
    assert translate("no.such.key", "en") == "no.such.key"


@pytest.mark.parametrize(
    "header,expected",
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("en-US,en;q=0.9,fr;q=0.5", "en"),
        ("de,fr;q=0.3", "fr"),
        ("", "en"),
        ("garbage;;;", "en"),
    ],
)
def test_negotiate(header, expected):
    assert negotiate(header) == expected


@pytest.mark.parametrize(
    "cents,locale,text",
    [
        (123456, "en", "€1,234.56"),
        (123456, "fr", "1\u202f234,56\u00a0€"),
        (-5, "en", "-€0.05"),
        (0, "fr", "0,00\u00a0€"),
    ],
)
def test_format_money(cents, locale, text):
    assert format_money(cents, locale) == text


@pytest.mark.parametrize(
    "text,locale,cents",
    [
        ("12,50", "fr", 1250),
        ("1 234,56", "fr", 123456),  # a plain space, as typed
        ("1\u202f234,56", "fr", 123456),  # the narrow no-break space Babel prints
        ("12,500", "fr", 1250),  # the example: twelve and a half in French
        ("12.50", "fr", 1250),
        ("1234 €", "fr", 123400),
        ("1,234.56", "en", 123456),
        ("12,500", "en", 1250000),
        ("€12,000.00", "en", 1200000),
        ("12.5", "en", 1250),
        ("1234", "en", 123400),
        # Without a language, only what every language reads the same way.
        ("1234", None, 123400),
        ("1 234,50", None, 123450),
        ("1,234.50", None, 123450),
        ("12,5", None, 1250),
    ],
)
def test_parse_money_per_locale(text, locale, cents):
    assert parse_money(text, locale) == cents


@pytest.mark.parametrize(
    "text,locale,ambiguous",
    [
        ("12,50", "en", False),  # badly grouped in English
        ("1 234,56", "en", False),
        ("1,234.56", "fr", False),
        ("12.500", "fr", True),  # 12500 or 12.5?
        ("12,500", None, True),
        ("12.500", None, True),
        ("0.005", "en", False),  # less than a cent
        ("", "fr", False),
        ("abc", "en", False),
        ("1e400", "en", False),
        ("NaN", None, False),
        ("9" * 30, "fr", False),
    ],
)
def test_parse_money_refuses_with_the_reason(text, locale, ambiguous):
    with pytest.raises(AmountError) as caught:
        parse_money(text, locale)
    assert caught.value.ambiguous is ambiguous
    assert isinstance(caught.value, ValueError)  # older callers catch ValueError


@pytest.mark.parametrize(
    "cents,locale",
    [(0, "fr"), (5, "en"), (123456, "fr"), (123456, "en"), (-99_999_999, "fr"), (-5, "en")],
)
def test_formatted_money_reads_back_in_the_same_locale(cents, locale):
    assert parse_money(format_money(cents, locale), locale) == cents


def test_dates_numbers_and_percentages_use_the_locale():
    day = date(2026, 10, 9)
    assert format_date(day, "en") == "9 Oct 2026"
    assert format_date(day, "fr") == "9 oct. 2026"
    assert format_number(Decimal("1234.5"), "fr") == "1\u202f234,5"
    assert format_number(Decimal("1234.5"), "en") == "1,234.5"
    assert format_percent(550, "fr") == "5,5\u00a0%"
    assert format_percent(2000, "en") == "20%"
