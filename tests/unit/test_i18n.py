import re

import pytest

from collab_app.i18n import catalogue, format_money, negotiate, parse_money, translate

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
    "text,cents",
    [
        ("1234", 123400),
        ("1 234,50", 123450),
        ("1,234.50", 123450),
        ("€12,000.00", 1200000),
        ("12,5", 1250),
        ("0.005", 1),
    ],
)
def test_parse_money(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1e400", "NaN", "9" * 30])
def test_parse_money_rejects(text):
    with pytest.raises(ValueError):
        parse_money(text)
