"""The projects area's presentation boundary: the weekly recap written for its page.

``recap.project_recap`` returns typed values (dates, due states); this module writes them with
the shared formatters (``board.presenter.due_label``). No Reflex here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from collab_app.services.board.presenter import due_label
from collab_app.services.projects.recap import RecapItem, RecapView
from collab_app.services.shared_views import view_from


@dataclass(frozen=True, slots=True)
class RecapLine:
    """A task in a recap section."""

    task_id: int
    title: str
    column_name: str
    due_label: str
    due_state: str
    assignees: str
    blocked: bool


@dataclass(frozen=True, slots=True)
class RecapSection:
    """One section of the recap: its message key and items."""

    key: str
    tasks: tuple[RecapLine, ...]


def _line(item: RecapItem, lang: str, today: date) -> RecapLine:
    return view_from(
        RecapLine,
        item,
        due_label=due_label(item.due_date, lang, today),
        due_state=str(item.due_state),
        assignees=", ".join(item.assignees),
    )


def recap_sections(recap: RecapView, lang: str, today: date) -> list[RecapSection]:
    """Write the recap's four sections for its page.

    Args:
        recap: The recap from ``recap.project_recap``.
        lang: The reader's language.
        today: The reader's today (due dates of this year are written without the year).

    Returns:
        Done, in progress, upcoming and blocked, in that order.
    """
    parts = (
        ("board.recap.done", recap.done),
        ("board.recap.in_progress", recap.in_progress),
        ("board.recap.upcoming", recap.upcoming),
        ("board.recap.blocked", recap.blocked),
    )
    return [RecapSection(key, tuple(_line(i, lang, today) for i in items)) for key, items in parts]
