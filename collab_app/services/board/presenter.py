"""The board's presentation boundary: typed service values -> view objects for the pages.

The board services return typed values (``date``, ``datetime``, enums); this module writes them
for a reader with the shared formatters of ``collab_app.i18n``. Each class here is the one view
of its concept that the states put in frontend vars (no copies field by field elsewhere). No
Reflex here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from collab_app.i18n import format_date
from collab_app.i18n.moments import format_datetime
from collab_app.services.board.board_page import ColumnView
from collab_app.services.board.cards import CardView, LabelView, PersonView
from collab_app.services.board.comments import CommentView
from collab_app.services.board.history import ActivityView
from collab_app.services.board.my_tasks import MyTaskView
from collab_app.services.board.task_page import TaskDetail
from collab_app.services.files.views import FileView
from collab_app.services.shared_views import Option


def due_label(day: date | None, lang: str, today: date | None = None) -> str:
    """Write a due date shortly: ``12 Mar`` this year, ``12 Mar 2027`` otherwise.

    Args:
        day: The date, or None.
        lang: ``en`` or ``fr``.
        today: Today's date (default: today in UTC).

    Returns:
        The label (empty for no date).
    """
    if day is None:
        return ""
    text = format_date(day, lang)
    if day.year == (today or datetime.now(UTC).date()).year:
        return text.rsplit(" ", 1)[0]
    return text


@dataclass(frozen=True, slots=True)
class BoardCard:
    """A card as the board and "My tasks" show it: display fields only.

    Where the card is (column, position) and its version are kept server-side by the board: a
    move then changes nothing in the card itself, so only the column lists it left and joined
    are sent.
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


def board_card(card: CardView, lang: str, today: date | None = None) -> BoardCard:
    """Write a card for the board.

    Args:
        card: The card from the board services.
        lang: Language of the due label.
        today: The viewer's today.

    Returns:
        The display card.
    """
    return BoardCard(
        id=card.id,
        title=card.title,
        priority=card.priority,
        due_label=due_label(card.due_date, lang, today),
        due_state=str(card.due_state),
        assignees=", ".join(p.name for p in card.assignees),
        labels=card.labels,
        comment_count=card.comment_count,
        hidden=card.hidden,
        blocked=card.blocked,
    )


@dataclass(frozen=True, slots=True)
class ColumnHeader:
    """A column's header as the board shows it (``wip_limit`` 0: no limit or not shown).

    Its cards are in the board state's per-column id lists, their data in its card buckets.
    """

    id: int
    name: str
    count: int
    wip_limit: int
    over_limit: bool
    is_done: bool

    def recounted(self, count: int) -> ColumnHeader:
        """The same header with another card count (the WIP flag follows the team's rule).

        Args:
            count: The column's new number of cards.

        Returns:
            The header.
        """
        return replace(self, count=count, over_limit=0 < self.wip_limit < count)


def column_header(column: ColumnView) -> ColumnHeader:
    """Write a column's header.

    Args:
        column: The column from the board services.

    Returns:
        The header.
    """
    return ColumnHeader(
        id=column.id,
        name=column.name,
        count=column.count,
        wip_limit=column.wip_limit or 0,
        over_limit=column.over_limit,
        is_done=column.is_done,
    )


@dataclass(frozen=True, slots=True)
class MyTaskLine:
    """A task of the "My tasks" list, with its project and column."""

    project_id: int
    project_name: str
    column_name: str
    is_done: bool
    card: BoardCard


def my_task_line(task: MyTaskView, lang: str, today: date) -> MyTaskLine:
    """Write a task of "My tasks".

    Args:
        task: The task from ``my_tasks``.
        lang: The reader's language.
        today: The reader's today.

    Returns:
        The line.
    """
    return MyTaskLine(
        project_id=task.card.project_id,
        project_name=task.project_name,
        column_name=task.column_name,
        is_done=task.is_done,
        card=board_card(task.card, lang, today),
    )


@dataclass(frozen=True, slots=True)
class TaskPage:
    """The task as its page shows it (comments and history are kept apart).

    ``due_date`` is ISO ``YYYY-MM-DD`` (or empty) for the edit form's date field.
    """

    id: int
    project_id: int
    column_name: str
    title: str
    description: str
    description_html: str
    priority: str
    due_date: str
    due_label: str
    due_state: str
    hidden: bool
    blocked: bool
    created_by: str
    created_label: str
    assignees: tuple[PersonView, ...]
    watchers: tuple[PersonView, ...]
    labels: tuple[LabelView, ...]
    watching: bool
    role: str
    preview: bool
    can_edit: bool
    can_move: bool
    can_set_hidden: bool
    can_comment: bool
    can_choose_visibility: bool


def task_page(d: TaskDetail, lang: str, today: date, timezone: str) -> TaskPage:
    """Write a task for its page.

    Args:
        d: The task from ``get_task_detail``.
        lang: The reader's language.
        today: The reader's today.
        timezone: The reader's time zone.

    Returns:
        The page's view of the task.
    """
    card = d.card
    return TaskPage(
        id=card.id,
        project_id=card.project_id,
        column_name=d.column_name,
        title=card.title,
        description=d.description,
        description_html=d.description_html,
        priority=card.priority,
        due_date=card.due_date.isoformat() if card.due_date else "",
        due_label=due_label(card.due_date, lang, today),
        due_state=str(card.due_state),
        hidden=card.hidden,
        blocked=card.blocked,
        created_by=d.created_by.name,
        created_label=format_datetime(d.created_at, lang, timezone),
        assignees=card.assignees,
        watchers=d.watchers,
        labels=card.labels,
        watching=card.watching,
        role=d.role,
        preview=d.preview,
        can_edit=d.can_edit,
        can_move=d.can_move,
        can_set_hidden=d.can_set_hidden,
        can_comment=bool(d.comment_visibilities),
        can_choose_visibility=len(d.comment_visibilities) > 1,
    )


@dataclass(frozen=True, slots=True)
class CommentLine:
    """A comment as shown: safe HTML body, visibility, author, local time, edited marker."""

    id: int
    author: str
    body: str
    body_html: str
    visibility: str
    when: str
    edited: bool
    can_edit: bool
    # The files attached to the comment that the viewer may see (#17).
    files: list[FileView]


def comment_line(
    c: CommentView, lang: str, timezone: str, *, files: list[FileView], preview: bool
) -> CommentLine:
    """Write a comment for the task page.

    Args:
        c: The comment from the comment services.
        lang: The reader's language.
        timezone: The reader's time zone.
        files: Its attached files the reader may see.
        preview: A manager's client preview (nothing is editable then).

    Returns:
        The line.
    """
    return CommentLine(
        id=c.id,
        author=c.author.name,
        body=c.body,
        body_html=c.body_html,
        visibility=c.visibility,
        when=format_datetime(c.created_at, lang, timezone),
        edited=c.edited,
        can_edit=c.can_edit and not preview,
        files=files,
    )


@dataclass(frozen=True, slots=True)
class ActivityLine:
    """One history line with its local time."""

    id: int
    text: str
    when: str


def activity_line(a: ActivityView, lang: str, timezone: str) -> ActivityLine:
    """Write a history line with its local time.

    Args:
        a: The line from the history services.
        lang: The reader's language.
        timezone: The reader's time zone.

    Returns:
        The line.
    """
    return ActivityLine(id=a.id, text=a.text, when=format_datetime(a.created_at, lang, timezone))


@dataclass(frozen=True, slots=True)
class Choice:
    """A person or label offered in a checklist, and whether it is currently chosen."""

    id: int
    name: str
    color: str
    checked: bool


def choices(offered: tuple[PersonView, ...] | tuple[LabelView, ...], chosen: tuple) -> list[Choice]:
    """Write a checklist of people or labels, the chosen ones checked.

    Args:
        offered: Everyone (or every label) that may be chosen.
        chosen: Those chosen now.

    Returns:
        The checklist, in the order offered.
    """
    ids = {item.id for item in chosen}
    return [
        Choice(item.id, item.name, getattr(item, "color", ""), item.id in ids) for item in offered
    ]


def column_options(d: TaskDetail) -> list[Option]:
    """Write the columns the viewer may move a task to, for a select.

    Args:
        d: The task from ``get_task_detail``.

    Returns:
        The options, in board order (none when the viewer may not move the task).
    """
    return [Option(str(column_id), name) for column_id, name in d.columns]
