"""Message catalogues (English and French) and locale-aware formatting.

Each area keeps its messages in two gettext catalogues,
``collab_app/i18n/locales/en/LC_MESSAGES/<area>.po`` and ``.../fr/LC_MESSAGES/<area>.po``: the
msgid is the key (``"area.key"``), the msgstr the text. Both files of an area hold the same keys.
Parameters use ``str.format`` names: ``"Round {n} of {total}"``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import dates as babel_dates
from babel import numbers
from babel.messages.pofile import read_po

SUPPORTED_LOCALES = ("en", "fr")
DEFAULT_LOCALE = "en"


LOCALES_DIR = Path(__file__).resolve().parent / "locales"


def _read_language(language: str, area: str) -> dict[str, str]:
    """Return the messages of one ``.po`` file, key -> text."""
    with (LOCALES_DIR / language / "LC_MESSAGES" / f"{area}.po").open("rb") as handle:
        po = read_po(handle, locale=language, abort_invalid=True)
    return {message.id: message.string for message in po if message.id}


def areas() -> list[str]:
    """Return the names of the message areas (one ``.po`` file per language each), sorted.

    Returns:
        e.g. ``["amounts", "auth", "board", ...]``.
    """
    return sorted(
        {
            path.stem
            for language in SUPPORTED_LOCALES
            for path in (LOCALES_DIR / language / "LC_MESSAGES").glob("*.po")
        }
    )


@cache
def messages_of(area: str) -> dict[str, tuple[str, str]]:
    """Return the messages of one area, read from its English and French ``.po`` files.

    Args:
        area: The area name, e.g. ``board`` (file ``locales/<lang>/LC_MESSAGES/board.po``).

    Returns:
        Mapping key -> (english, french), in the English file's order.

    Raises:
        RuntimeError: A key is in one language only.
        FileNotFoundError: The area has no ``.po`` file in one language.
    """
    english, french = (_read_language(language, area) for language in SUPPORTED_LOCALES)
    one_sided = sorted(english.keys() ^ french.keys())
    if one_sided:
        raise RuntimeError(f"message keys of {area} in one language only: {one_sided}")
    return {key: (text, french[key]) for key, text in english.items()}


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Return every message of every area, merged; duplicate keys are a programming error.

    Returns:
        Mapping key -> (english, french).

    Raises:
        RuntimeError: Two areas define the same key.
    """
    merged: dict[str, tuple[str, str]] = {}
    for area in areas():
        for key, pair in messages_of(area).items():
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


def babel_locale(locale: str | None) -> str:
    """Return the Babel locale used to format and read numbers, money and dates.

    Args:
        locale: e.g. ``fr``, ``fr-FR``, ``en``, empty.

    Returns:
        ``en`` or ``fr`` (CLDR data: ``fr`` groups thousands with a narrow no-break space).
    """
    return normalize_locale(locale)


def format_date(day: date | None, locale: str | None) -> str:
    """Format a date for reading: ``9 Oct 2026`` or ``9 oct. 2026`` (CLDR month names).

    Args:
        day: The date (None gives an empty string).
        locale: ``en`` or ``fr``.

    Returns:
        The formatted date.
    """
    if day is None:
        return ""
    return babel_dates.format_date(day, "d MMM y", locale=babel_locale(locale))


def format_money(cents: int, locale: str | None, currency: str = "EUR") -> str:
    """Format an amount of cents for a locale: ``€1,234.50`` or ``1 234,50 €``.

    Args:
        cents: Integer amount in cents.
        locale: ``en`` or ``fr``.
        currency: ISO code; EUR shows as €.

    Returns:
        The formatted amount.
    """
    amount = Decimal(int(cents)).scaleb(-2)
    return numbers.format_currency(amount, currency or "EUR", locale=babel_locale(locale))


def format_exact_money(exact_cents: Decimal, locale: str | None, currency: str = "EUR") -> str:
    """Format an exact (sub-cent) amount of cents as money, keeping every significant decimal.

    Args:
        exact_cents: e.g. ``Decimal("33333.333333")``.
        locale: ``en`` or ``fr``.
        currency: ISO code.

    Returns:
        e.g. ``€333.33333333`` or ``333,33333333 €`` (at least two decimals).
    """
    return numbers.format_currency(
        Decimal(exact_cents).scaleb(-2),
        currency or "EUR",
        locale=babel_locale(locale),
        decimal_quantization=False,
    )


def format_number(
    value: Decimal | int, locale: str | None, *, places: int | None = None, grouping: bool = True
) -> str:
    """Format a quantity: ``1,234.5`` or ``1 234,5`` (every significant decimal by default).

    Args:
        value: The number.
        locale: ``en`` or ``fr``.
        places: Exactly this many decimals (rounded half even by Babel), else all of them.
        grouping: Group thousands; spreadsheets read CSV numbers better without.

    Returns:
        The text.
    """
    if places is None and grouping:
        return numbers.format_decimal(
            Decimal(value), locale=babel_locale(locale), decimal_quantization=False
        )
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * places if places else "")
    if places is None:
        pattern += ".##########"
    return numbers.format_decimal(Decimal(value), format=pattern, locale=babel_locale(locale))


_SIZE_UNITS = {"en": ("B", "KB", "MB", "GB"), "fr": ("o", "Ko", "Mo", "Go")}


def format_file_size(size: int, locale: str | None) -> str:
    """Format a size in bytes: ``2.5 MB``, ``2,5\u00a0Mo`` (binary multiples).

    Args:
        size: Bytes.
        locale: ``en`` or ``fr``.

    Returns:
        The text, with a non-breaking space before the unit.
    """
    units = _SIZE_UNITS["fr" if normalize_locale(locale) == "fr" else "en"]
    value = Decimal(max(int(size), 0))
    unit = 0
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    places = 1 if unit and value < 10 and value != value.to_integral_value() else 0
    text = format_number(value.quantize(Decimal(1).scaleb(-places)), locale, places=places)
    return f"{text}\u00a0{units[unit]}"


def format_percent(basis_points: int, locale: str | None) -> str:
    """Format a rate given in basis points as a percentage: ``20%``, ``5,5 %``.

    Args:
        basis_points: 2000 for 20 %.
        locale: ``en`` or ``fr``.

    Returns:
        The text, with the locale's percent sign and spacing.
    """
    return numbers.format_percent(
        Decimal(int(basis_points)).scaleb(-4),
        locale=babel_locale(locale),
        decimal_quantization=False,
    )


class AmountError(ValueError):
    """A typed amount could not be read; ``ambiguous`` when it reads two ways."""

    def __init__(self, text: str, *, ambiguous: bool = False) -> None:
        """Keep what was typed and why it was refused.

        Args:
            text: The typed amount.
            ambiguous: True when the amount is valid but means different things per locale.
        """
        super().__init__(f"{'ambiguous' if ambiguous else 'invalid'} amount: {text!r}")
        self.text, self.ambiguous = text, ambiguous


_CURRENCY_SIGNS = "€$£"
_SPACES = " \u00a0\u202f\u2009"
MAX_AMOUNT_CHARS = 20


def _parse_in(cleaned: str, locale: str) -> Decimal:
    """Read a number written the way ``locale`` writes it (Babel, strict grouping).

    Any kind of space typed between digits is read as the locale's own group separator when
    that separator is a space (French), and refused otherwise. In a locale whose decimal mark
    is a comma, a dot followed by exactly three digits (``12.500``) is refused as ambiguous:
    it is a grouped 12500 in many European habits and 12.5 for Babel.
    """
    code = babel_locale(locale)
    group = numbers.get_group_symbol(code)
    text = cleaned
    if any(space in text for space in _SPACES):
        if group not in _SPACES:
            raise AmountError(cleaned)
        for space in _SPACES:
            text = text.replace(space, group)
    if numbers.get_decimal_symbol(code) == "," and "," not in text and "." in text:
        whole, _, frac = text.rpartition(".")
        if len(frac) == 3 or "." in whole:
            raise AmountError(cleaned, ambiguous=True)
    try:
        value = numbers.parse_decimal(text, locale=code, strict=True)
    except numbers.NumberFormatError as exc:
        raise AmountError(cleaned) from exc
    if not value.is_finite() or abs(value) >= 10**12 or value != value.quantize(Decimal("0.01")):
        raise AmountError(cleaned)
    return value


def parse_money(text: str, locale: str | None = None) -> int:
    """Parse an amount typed by someone reading the app in ``locale`` into cents.

    ``fr``: ``12,50``, ``1 234,56`` (any space), ``12,500`` is 12.50; ``en``: ``1,234.56``,
    ``12,500`` is 12,500.00 and ``12,50`` is refused (badly grouped). Without a locale (text
    stored by the app, or typed where the reader's language is unknown) an amount is accepted
    only when every supported locale reads it the same way, so ``12,500`` is refused as
    ambiguous there. A currency sign is ignored; at most two decimals.

    Args:
        text: The typed amount.
        locale: The reader's language, or None.

    Returns:
        Cents.

    Raises:
        AmountError: Not an amount, or an ambiguous one (``ambiguous`` True); a ValueError.
    """
    raw = str(text or "")
    cleaned = "".join(c for c in raw if c not in _CURRENCY_SIGNS).strip(_SPACES + "\t\n")
    if not cleaned or len(cleaned) > MAX_AMOUNT_CHARS:
        raise AmountError(raw)
    if locale:
        value = _parse_in(cleaned, locale)
    else:
        readings, ambiguous = set(), False
        for code in SUPPORTED_LOCALES:
            try:
                readings.add(_parse_in(cleaned, code))
            except AmountError as error:
                ambiguous = ambiguous or error.ambiguous
        if ambiguous or len(readings) > 1:
            raise AmountError(raw, ambiguous=True)
        if not readings:
            raise AmountError(raw)
        value = readings.pop()
    return int(value.scaleb(2))


def param_text(value: object, locale: str) -> str:
    """Write a stored message parameter in a language (lists joined, board keys translated).

    Args:
        value: The parameter as stored in JSON.
        locale: ``en`` or ``fr``.

    Returns:
        The text.
    """
    if isinstance(value, list):
        return ", ".join(param_text(item, locale) for item in value) or "—"
    text = str(value)
    if text.startswith("board.") and text in catalogue():
        return translate(text, locale)
    return text
