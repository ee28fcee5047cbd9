"""How revisions read: every amount, date and translated word of the pages, mails and CSV.

Written with the shared formatters of ``collab_app.i18n``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal

from collab_app.i18n import format_date, format_money, format_number, normalize_locale, translate
from collab_app.i18n.moments import format_datetime
from collab_app.models import RevisionEvent
from collab_app.services import working_days
from collab_app.services.viewer import Viewer

TRANSLATED_VALUES = {"triage": "revisions.kind.", "status": "revisions.status."}
HISTORY_COLUMNS = ("when", "who", "round", "item", "change_order", "event", "details")


# --- Amounts, moments, durations ------------------------------------------------------------


def money(cents: int, locale: str, currency: str = "EUR") -> str:
    """Format cents for the reader.

    Args:
        cents: Amount.
        locale: ``en`` or ``fr``.
        currency: ISO code.

    Returns:
        The text.
    """
    return format_money(cents, normalize_locale(locale), currency)


def amount_field(cents: int, locale: str) -> str:
    """Write cents as a form field's value: ``1234.50`` / ``1234,50`` (no symbol, no grouping).

    Args:
        cents: Amount.
        locale: ``en`` or ``fr``.

    Returns:
        The text.
    """
    return format_number(Decimal(cents).scaleb(-2), locale, places=2, grouping=False)


def hours_field(minutes: int) -> str:
    """Write minutes as hours for a form field: ``1.5``.

    Args:
        minutes: Duration.

    Returns:
        The text.
    """
    value = (Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize()
    return f"{value:f}"


def when_label(moment: datetime | None, viewer: Viewer, locale: str) -> str:
    """Write a stored time in the viewer's time zone: ``12 Mar 2026, 14:05``.

    Args:
        moment: Aware time or None.
        locale: ``en`` or ``fr``.

    Returns:
        The label, or "".
    """
    return format_datetime(moment, locale, viewer.timezone)


def last_day_label(deadline: datetime | None, tz: str, locale: str) -> str:
    """Write a response deadline as the last day to answer: ``9 Dec 2026``.

    A deadline is the start of the day after the last working day (see ``working_days``):
    ``10 Dec 2026, 00:00`` reads as "by 9 Dec 2026", the end of that day in the terms' zone.

    Args:
        deadline: Aware time or None.
        tz: The terms' time zone.
        locale: ``en`` or ``fr``.

    Returns:
        The day, or "".
    """
    if deadline is None:
        return ""
    last_moment = deadline.astimezone(working_days.zone(tz)) - timedelta(microseconds=1)
    return format_date(last_moment.date(), locale)


def duration_label(minutes: int) -> str:
    """Write minutes as ``1 h 30`` (``0 h 00`` for nothing; the same in both languages).

    Args:
        minutes: Duration.

    Returns:
        The label.
    """
    hours, rest = divmod(max(minutes, 0), 60)
    return f"{hours} h {rest:02d}"


# --- Mails and the CSV history --------------------------------------------------------------


def mail_text(
    message: str, locale: str, currency: str, params: dict[str, object]
) -> tuple[str, str]:
    """Write a mail's subject and body in the recipient's language.

    Args:
        message: Message key prefix: ``<message>_subject`` and ``<message>_body``.
        locale: The recipient's language.
        currency: The project's currency.
        params: Message parameters; ``price_cents`` also gives ``price``.

    Returns:
        (subject, body), not yet elided.
    """
    values = dict(params)
    if "price_cents" in params:
        values["price"] = money(int(params["price_cents"]), locale, currency)
    return (
        translate(f"{message}_subject", locale, **values),
        translate(f"{message}_body", locale, **values),
    )


def overage_line(number: int, included: int, project: str, locale: str) -> str:
    """Write the billable line of a confirmed extra round.

    Args:
        number: The round's number.
        included: Rounds included in the quote.
        project: The project's name.
        locale: The contact's language.

    Returns:
        The line's description (300 characters at most).
    """
    return translate(
        "revisions.line_overage", locale, number=number, included=included, project=project
    )[:300]


def change_order_line(description: str, locale: str) -> str:
    """Write the billable line of an approved change order.

    Args:
        description: The change order's description.
        locale: The contact's language.

    Returns:
        The line's description (300 characters at most).
    """
    text = " ".join(description.split())[:200]
    return translate("revisions.line_change_order", locale, description=text)[:300]


def declined_by_client(locale: str) -> str:
    """The reason a request declined with its change order shows when the client gave none.

    Args:
        locale: The contact's language.

    Returns:
        The text.
    """
    return translate("revisions.co_declined_reason", locale)


def event_details(detail: str, locale: str, currency: str) -> str:
    """Write a trace line's details for the CSV history: ``price: €1,500.00; reason: …``.

    Args:
        detail: The line's JSON details.
        locale: The reader's language.
        currency: The project's currency.

    Returns:
        The text ("" when unreadable).
    """
    try:
        data = json.loads(detail or "{}")
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    parts = []
    for key in sorted(data):
        value = data[key]
        if value in (None, "", False):
            continue
        label = translate(f"revisions.detail.{key}", locale)
        if key == "price_cents" and isinstance(value, int):
            value = money(value, locale, currency)
        elif key in TRANSLATED_VALUES and isinstance(value, str):
            value = translate(TRANSLATED_VALUES[key] + value, locale)
        elif value is True:
            value = translate("revisions.detail.yes", locale)
        parts.append(f"{label}: {value}")
    return "; ".join(parts)


def history_header(locale: str) -> list[str]:
    """Return the header row of the CSV history.

    Args:
        locale: The reader's language.

    Returns:
        The column titles.
    """
    return [translate(f"revisions.csv.{column}", locale) for column in HISTORY_COLUMNS]


def history_row(
    event: RevisionEvent, *, actor: str, number: int | None, item: str, locale: str, currency: str
) -> list[object]:
    """Return one trace line as a row of the CSV history (when in UTC, ISO 8601).

    Args:
        event: The trace line.
        actor: Who did it.
        number: Its round's number (None: no round, or a draft).
        item: Its request's description ("" when none).
        locale: The reader's language.
        currency: The project's currency.

    Returns:
        The cells, not yet escaped.
    """
    text = " ".join(item.split())
    return [
        event.created_at.isoformat(timespec="seconds"),
        actor,
        number or "" if event.round_id else "",
        f"#{event.item_id} {text[:80]}".strip() if event.item_id else "",
        event.change_order_id or "",
        translate(f"revisions.event.{event.kind}", locale),
        event_details(event.detail, locale, currency),
    ]
