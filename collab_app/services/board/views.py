"""View objects of the board, returned by the board services to the UI (frozen, no table rows).

Also the ``WipLimitReached`` error and the ``UNCHANGED`` marker of ``update_task``.
"""

from __future__ import annotations

from dataclasses import dataclass

from collab_app.services.errors import Conflict


class WipLimitReached(Conflict):
    """The target column is at or past its WIP limit: ask, then retry with confirmation.

    ``params`` carry ``column`` (its name in the viewer's language) and ``limit``.
    """

    default_code = "board.wip_confirm"


class _Unchanged:
    """Marker of a field left as it is (``UNCHANGED``)."""

    _instance: _Unchanged | None = None

    def __new__(cls) -> _Unchanged:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNCHANGED"

    def __bool__(self) -> bool:
        return False


UNCHANGED = _Unchanged()


@dataclass(frozen=True, slots=True)
class PersonView:
    """A person shown on a card or in a list."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class LabelView:
    """A label; ``color`` is one of ``LABEL_COLORS``."""

    id: int
    name: str
    color: str


@dataclass(frozen=True, slots=True)
class CardView:
    """A task as a card, projected for one viewer.

    ``due_date`` is ISO ``YYYY-MM-DD`` or empty; ``due_state`` is ``overdue``, ``soon`` or
    ``none``; ``hidden`` (hidden from the client) is only ever True for the team;
    ``comment_count`` counts the comments this viewer may read; ``version`` must be sent back
    with any edit or move.
    """

    id: int
    project_id: int
    column_id: int
    position: int
    title: str
    priority: str
    due_date: str
    due_state: str
    assignees: tuple[PersonView, ...]
    labels: tuple[LabelView, ...]
    watching: bool
    comment_count: int
    hidden: bool
    blocked: bool
    version: int


@dataclass(frozen=True, slots=True)
class ColumnView:
    """A board column with its cards.

    ``count`` is the number of live cards in the column (for the team: all of them, whatever
    the filters; for guests and clients: those they see). ``wip_limit`` and ``over_limit``
    are only given to the team (None / False otherwise).
    """

    id: int
    name: str
    position: int
    count: int
    wip_limit: int | None
    over_limit: bool
    is_done: bool
    cards: tuple[CardView, ...]


@dataclass(frozen=True, slots=True)
class ActivityView:
    """One history line, already written in the viewer's language; ``created_at`` is UTC ISO."""

    id: int
    task_id: int | None
    task_title: str
    actor: PersonView
    kind: str
    text: str
    created_at: str


@dataclass(frozen=True, slots=True)
class BoardFilters:
    """What the board is narrowed to; empty values mean "any".

    ``assignee``: a user id, ``"me"`` or ``"none"`` (unassigned); ``label``: a label id;
    ``priority``: one of the priorities; ``due``: ``overdue`` or ``week`` (due within the next
    7 days, today included); ``text``: searched in titles and descriptions (case-insensitive).
    """

    assignee: object = None
    label: object = None
    priority: str = ""
    due: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class BoardView:
    """A project's board as one viewer sees it.

    ``role`` is the role the board was built for (``client`` in a manager's preview, where
    ``preview`` is True); ``change_version`` is the project's change counter (reload when it
    moves); ``card_count`` counts the cards shown (after filters). ``can_*`` say which
    controls to show; the services check again on every call.
    """

    project_id: int
    project_name: str
    role: str
    preview: bool
    change_version: int
    columns: tuple[ColumnView, ...]
    labels: tuple[LabelView, ...]
    card_count: int
    filtered: bool
    can_create: bool
    can_move: bool
    can_manage: bool
    can_comment: bool
    # Who may be assigned (the team's pickers); only filled when asked (``with_people``).
    people: tuple[PersonView, ...] = ()


@dataclass(frozen=True, slots=True)
class CommentView:
    """A comment the viewer may read; ``body`` (Markdown source) is only given to its author.

    ``body_html`` is safe HTML; ``visibility`` is ``internal`` or ``client``; times are UTC ISO;
    ``edited`` marks a comment changed after posting.
    """

    id: int
    task_id: int
    author: PersonView
    body: str
    body_html: str
    visibility: str
    created_at: str
    edited: bool
    edited_at: str
    can_edit: bool


@dataclass(frozen=True, slots=True)
class TaskDetail:
    """A task with everything the viewer may see of it, for the task dialog/page.

    ``description`` (Markdown source) is only given to those who may edit it;
    ``description_html`` is safe HTML. ``comment_visibilities`` lists what the viewer may
    choose for a new comment, the default first (empty in a preview).
    """

    id: int
    project_id: int
    column_id: int
    column_name: str
    title: str
    description: str
    description_html: str
    priority: str
    due_date: str
    due_state: str
    hidden: bool
    blocked: bool
    version: int
    created_by: PersonView
    created_at: str
    updated_at: str
    assignees: tuple[PersonView, ...]
    watchers: tuple[PersonView, ...]
    labels: tuple[LabelView, ...]
    watching: bool
    comments: tuple[CommentView, ...]
    activity: tuple[ActivityView, ...]
    role: str
    preview: bool
    can_edit: bool
    can_move: bool
    can_set_hidden: bool
    comment_visibilities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MyTaskView:
    """A task assigned to the viewer, in the cross-project "My tasks" list."""

    card: CardView
    project_name: str
    column_name: str
    is_done: bool
