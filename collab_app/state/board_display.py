"""Compact, display-ready views of the board services' results, for frontend vars.

The board services return frozen views; the pages need a little less (no project id, no
watching flag on every card) and a little more (dates written in the viewer's language and time
zone). Everything here is built from views the services already filtered for the viewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from collab_app.i18n import format_date
from collab_app.i18n.moments import format_datetime
from collab_app.services.board import CardView, ColumnView, LabelView
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class CardUI:
    """A card as the board shows it.

    ``assignees`` are the names joined for display; ``version`` is what the viewer last saw
    (the handlers read it from the server-side copy of this view, never from an event).
    """

    id: int
    column_id: int
    position: int
    title: str
    priority: str
    due_date: str
    due_label: str
    due_state: str
    assignees: str
    labels: tuple[LabelView, ...]
    comment_count: int
    hidden: bool
    blocked: bool
    version: int


@dataclass(frozen=True, slots=True)
class BoardCardUI:
    """A card as the board shows it: display fields only.

    Where the card is (column, position) and its version are kept server-side: a move then
    changes nothing in the card itself, so only the column lists it left and joined are sent.
    """

    id: int
    title: str
    priority: str
    due_label: str
    due_state: str
    assignees: str
    labels: tuple[LabelView, ...]
    comment_count: int
    hidden: bool
    blocked: bool


@dataclass(frozen=True, slots=True)
class ColumnUI:
    """A column's header as the board shows it (``wip_limit`` 0: no limit or not shown).

    Its cards are in the board state's per-column id lists, their data in its card buckets.
    """

    id: int
    name: str
    count: int
    wip_limit: int
    over_limit: bool
    is_done: bool


@dataclass(frozen=True, slots=True)
class Option:
    """A choice of a native select: value and text."""

    value: str
    text: str


def due_label(iso_day: str, lang: str, today: date | None = None) -> str:
    """Write a due date shortly: ``12 Mar`` this year, ``12 Mar 2027`` otherwise.

    Args:
        iso_day: ``YYYY-MM-DD`` or empty.
        lang: ``en`` or ``fr``.
        today: Today's date (default: today in UTC).

    Returns:
        The label (empty for no date).
    """
    if not iso_day:
        return ""
    try:
        day = date.fromisoformat(iso_day)
    except ValueError:
        return iso_day
    text = format_date(day, lang)
    if day.year == (today or datetime.now(UTC).date()).year:
        return text.rsplit(" ", 1)[0]
    return text


def when_label(iso_utc: str, lang: str, viewer: Viewer | None) -> str:
    """Write a stored UTC time in the viewer's time zone: ``12 Mar 2026, 14:05``.

    Args:
        iso_utc: ISO 8601 with a ``Z`` (as the services give), or empty.
        lang: ``en`` or ``fr``.
        viewer: Whose time zone to use.

    Returns:
        The label (empty for no time).
    """
    if not iso_utc:
        return ""
    try:
        moment = datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return iso_utc
    return format_datetime(moment, lang, viewer.timezone if viewer else "")


def card_ui(card: CardView, lang: str, today: date | None = None) -> CardUI:
    """Turn a service card into a display card.

    Args:
        card: The card from the board service.
        lang: Language of the due label.
        today: The viewer's today.

    Returns:
        The display card.
    """
    return CardUI(
        id=card.id,
        column_id=card.column_id,
        position=card.position,
        title=card.title,
        priority=card.priority,
        due_date=card.due_date,
        due_label=due_label(card.due_date, lang, today),
        due_state=card.due_state,
        assignees=", ".join(p.name for p in card.assignees),
        labels=card.labels,
        comment_count=card.comment_count,
        hidden=card.hidden,
        blocked=card.blocked,
        version=card.version,
    )


def board_card_ui(card: CardView, lang: str, today: date | None = None) -> BoardCardUI:
    """Turn a service card into a board card.

    Args:
        card: The card from the board service.
        lang: Language of the due label.
        today: The viewer's today.

    Returns:
        The display card.
    """
    return BoardCardUI(
        id=card.id,
        title=card.title,
        priority=card.priority,
        due_label=due_label(card.due_date, lang, today),
        due_state=card.due_state,
        assignees=", ".join(p.name for p in card.assignees),
        labels=card.labels,
        comment_count=card.comment_count,
        hidden=card.hidden,
        blocked=card.blocked,
    )


def column_ui(column: ColumnView) -> ColumnUI:
    """Turn a service column into a column header.

    Args:
        column: The column from the board service.

    Returns:
        The header.
    """
    return ColumnUI(
        id=column.id,
        name=column.name,
        count=column.count,
        wip_limit=column.wip_limit or 0,
        over_limit=column.over_limit,
        is_done=column.is_done,
    )
