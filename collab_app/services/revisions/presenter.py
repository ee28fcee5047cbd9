"""How revisions read: the views of the pages, the texts of mails and of the CSV history.

The revision services return typed values (cents, aware datetimes, rows); every amount, date
and translated word the pages, mails and the CSV show is written here, with the shared
formatters of ``collab_app.i18n``.

A client's or a guest's views never carry time spent, internal notes or internal messages:
those live only in the team's views (``ItemTeamView``, ``TermsSettings``), which are built for
the team and nobody else. Guests get no prices either (the price fields are empty strings).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from collab_app.i18n import format_date, format_money, format_number, normalize_locale, translate
from collab_app.i18n.moments import format_datetime
from collab_app.models import RevisionEvent
from collab_app.services import working_days
from collab_app.services.file_view import FileView
from collab_app.services.viewer import Viewer

TRANSLATED_VALUES = {"triage": "revisions.kind.", "status": "revisions.status."}
HISTORY_COLUMNS = ("when", "who", "round", "item", "change_order", "event", "details")


@dataclass(frozen=True, slots=True)
class Option:
    """A choice of a native select: value and text."""

    value: str
    text: str


@dataclass(frozen=True, slots=True)
class DeliverableView:
    """A deliverable and its own terms; ``included_rounds`` is -1 when the project's apply."""

    id: int
    name: str
    included_rounds: int
    rounds_used: int
    note: str


@dataclass(frozen=True, slots=True)
class TermsView:
    """The terms as shown to the team and the client."""

    included_rounds: int
    counts_text: str
    excluded_text: str
    response_days: int
    overage_price: str
    overage_price_cents: int
    contact_name: str
    lead_name: str
    deliverables: tuple[DeliverableView, ...]


@dataclass(frozen=True, slots=True)
class TermsSettings:
    """The terms form's current values (managers only)."""

    counts_text: str
    excluded_text: str
    response_days: int
    overage_mode: str
    overage_price: str
    overage_hours: str
    hourly_rate: str
    contact_id: str
    lead_id: str
    holidays: str
    contacts: tuple[Option, ...]
    leads: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class CounterView:
    """Where the project stands: ``current`` submitted rounds out of ``included``.

    ``next_billable`` tells whether the next round is beyond the included ones (at project
    level; a deliverable's own limit shows on the draft), ``next_price`` its price.
    """

    current: int
    included: int
    remaining: int
    next_number: int
    next_billable: bool
    next_price: str


@dataclass(frozen=True, slots=True)
class TaskRef:
    """A linked board task the viewer may see."""

    id: int
    title: str


@dataclass(frozen=True, slots=True)
class ItemView:
    """A request as everyone allowed to see it sees it (no time, no internal note)."""

    id: int
    round_id: int
    round_number: int
    position: int
    description: str
    deliverable: str
    priority: str
    attachment_url: str
    kind: str
    status: str
    reason: str
    reply: str
    created_by: str
    created_label: str
    tasks: tuple[TaskRef, ...]
    change_order_id: int
    change_order_status: str
    can_remove: bool = False  # in a draft: its author, or a manager
    # The files attached to the request that the viewer may see, and whether the viewer (its
    # author, never a guest) may attach more.
    files: tuple[FileView, ...] = ()
    can_attach: bool = False


@dataclass(frozen=True, slots=True)
class ItemTeamView:
    """A request with what only the team sees."""

    item: ItemView
    internal_note: str
    minutes_spent: int
    time_label: str
    triaged_by: str
    triaged_label: str
    can_propose_change: bool


@dataclass(frozen=True, slots=True)
class RoundSummary:
    """A round in lists and as the head of its page."""

    id: int
    number: int
    status: str
    submitted_by: str
    submitted_label: str
    on_behalf: bool
    deadline_label: str  # the last day to answer: "9 Dec 2026" (ends at midnight, terms' zone)
    responded_label: str
    days_taken: int
    answered: bool
    late: bool
    billable: bool
    price: str
    closed_label: str
    item_count: int
    resolved_count: int


@dataclass(frozen=True, slots=True)
class DraftView:
    """The round being composed, and what submitting it means."""

    id: int
    requests: tuple[ItemView, ...]
    number: int
    billable: bool
    price: str
    price_cents: int
    over_deliverables: str
    can_edit: bool
    can_submit: bool
    overage_needs_client: bool


@dataclass(frozen=True, slots=True)
class ChangeOrderView:
    """A change order as the team and the client see it."""

    id: int
    item_id: int
    round_id: int
    round_number: int
    description: str
    price: str
    price_cents: int
    delay_days: int
    status: str
    created_by: str
    created_label: str
    decided_by: str
    decided_label: str
    decline_reason: str
    # As a request's: the attached files the viewer may see; its author may attach more.
    files: tuple[FileView, ...] = ()
    can_attach: bool = False


@dataclass(frozen=True, slots=True)
class CommentView:
    """A message on a round."""

    id: int
    author: str
    body: str
    visibility: str
    when: str


@dataclass(frozen=True, slots=True)
class Abilities:
    """What the viewer may do on the revisions pages (the services check again)."""

    role: str
    is_team: bool
    is_contact: bool
    is_lead: bool
    can_edit_terms: bool
    can_draft: bool
    can_triage: bool
    can_propose: bool
    can_decide: bool
    can_comment: bool
    can_export: bool


@dataclass(frozen=True, slots=True)
class RevisionsOverview:
    """The revisions page of a project for the viewer.

    Guests get only ``items`` (those linked to their tasks); ``terms``, ``counter`` and
    ``draft`` are None and the lists empty for them.
    """

    project_id: int
    project_name: str
    abilities: Abilities
    terms: TermsView | None
    counter: CounterView | None
    draft: DraftView | None
    rounds: tuple[RoundSummary, ...]
    change_orders: tuple[ChangeOrderView, ...]
    items: tuple[ItemView, ...]
    decisions: tuple[ChangeOrderView, ...] = ()  # change orders waiting for this viewer


@dataclass(frozen=True, slots=True)
class RoundDetail:
    """One round's page. ``team_items`` is empty unless the viewer is on the team."""

    project_id: int
    project_name: str
    abilities: Abilities
    round: RoundSummary
    items: tuple[ItemView, ...]
    team_items: tuple[ItemTeamView, ...]
    change_orders: tuple[ChangeOrderView, ...]
    comments: tuple[CommentView, ...]
    task_options: tuple[Option, ...]


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
        viewer: Whose time zone.
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
