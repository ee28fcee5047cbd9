"""Message catalogues (English and French) and locale-aware formatting.

Each area keeps its messages in ``collab_app/i18n/messages/<area>.py`` as
``MESSAGES = {"key": ("English", "Français"), ...}`` so the two languages of a message always
sit side by side. Parameters use ``str.format`` names: ``"Round {n} of {total}"``.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

SUPPORTED_LOCALES = ("en", "fr")
DEFAULT_LOCALE = "en"


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Return every message of every area, merged; duplicate keys are a programming error.

    Returns:
        Mapping key -> (english, french).

    Raises:
        RuntimeError: Two areas define the same key.
    """
    from collab_app.i18n import messages

    merged: dict[str, tuple[str, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(messages.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{messages.__name__}.{module_info.name}")
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key defined twice: {key}")
            merged[key] = pair
    return merged


def normalize_locale(locale: str | None) -> str:
    """Return a supported locale code for any input.

    Args:
        locale: e.g. ``fr``, ``fr-FR``, ``en_GB``, empty.

    Returns:
        ``en`` or ``fr``.
    """
    code = (locale or "").strip().lower()[:2]
    return code if code in SUPPORTED_LOCALES else DEFAULT_LOCALE


def negotiate(accept_language: str | None) -> str:
    """Pick the best supported locale from an ``Accept-Language`` header.

    Args:
        accept_language: The header value, e.g. ``fr-FR,fr;q=0.9,en;q=0.8``.

    Returns:
        ``en`` or ``fr``.
    """
    best, best_q = DEFAULT_LOCALE, -1.0
    for part in (accept_language or "").split(",")[:20]:
        lang, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        code = lang.strip().lower()[:2]
        if code in SUPPORTED_LOCALES and q > best_q:
            best, best_q = code, q
    return best


def translate(key: str, locale: str | None, **params: object) -> str:
    """Return the message for a key in a locale, with parameters filled in.

    An unknown key returns the key itself so that a missing message is visible, not fatal.

    Args:
        key: Message key.
        locale: ``en`` or ``fr`` (anything else falls back to English).
        **params: Values for the placeholders.

    Returns:
        The text.
    """
    pair = catalogue().get(key)
    if pair is None:
        return key
    text = pair[1] if normalize_locale(locale) == "fr" else pair[0]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
}


def format_date(day: date | None, locale: str | None) -> str:
    """Format a date for reading: ``9 Oct 2026`` or ``9 oct. 2026``.

    Args:
        day: The date (None gives an empty string).
        locale: ``en`` or ``fr``.

    Returns:
        The formatted date.
    """
    if day is None:
        return ""
    months = _MONTHS[normalize_locale(locale)]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_money(cents: int, locale: str | None, currency: str = "EUR") -> str:
    """Format an amount of cents for a locale: ``€1,234.50`` or ``1 234,50 €``.

    Args:
        cents: Integer amount in cents.
        locale: ``en`` or ``fr``.
        currency: ISO code; EUR shows as €.

    Returns:
        The formatted amount.
    """
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency, currency)
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(int(cents)), 100)
    if normalize_locale(locale) == "fr":
        grouped = f"{units:,}".replace(",", "\u202f")
        return f"{sign}{grouped},{rest:02d}\u00a0{symbol}"
    return f"{sign}{symbol}{units:,}.{rest:02d}"


def parse_money(text: str) -> int:
    """Parse an amount typed in either locale (``1 234,50``, ``1,234.50``, ``1234``) into cents.

    Args:
        text: The typed amount, optionally with a currency sign.

    Returns:
        Cents.

    Raises:
        ValueError: Not an amount.
    """
    cleaned = "".join(ch for ch in (text or "") if ch not in " \u00a0\u202f€$£").strip()
    if not cleaned or len(cleaned) > 20:
        raise ValueError("empty or too long")
    if "," in cleaned and "." in cleaned:
        # The right-most separator is the decimal one.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        whole, _, frac = cleaned.rpartition(",")
        cleaned = f"{whole.replace(',', '')}.{frac}" if len(frac) != 3 else whole + frac
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError("not a number") from exc
    if not value.is_finite() or abs(value) >= 10**12:
        raise ValueError("not finite")
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
