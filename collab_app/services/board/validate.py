"""Validation of what clients send to the board services, and the board's limits."""

from __future__ import annotations

from datetime import date, datetime

from collab_app.models.board import (
    COMMENT_BODY_MAX,
    TASK_DESCRIPTION_MAX,
    TASK_PRIORITIES,
    TASK_TITLE_MAX,
)
from collab_app.services import permissions
from collab_app.services.errors import Conflict, ValidationError

TODO_KEY = "board.col_todo"
DONE_KEY = "board.col_done"
DEFAULT_COLUMN_KEYS = (TODO_KEY, "board.col_in_progress", "board.col_review", DONE_KEY)
# Label colours: Radix colour names, usable directly as a Reflex ``color_scheme``.
LABEL_COLORS = (
    "gray",
    "red",
    "orange",
    "amber",
    "green",
    "teal",
    "blue",
    "indigo",
    "purple",
    "pink",
)
COLUMN_NAME_MAX = 60
LABEL_NAME_MAX = 40
WIP_LIMIT_MAX = 999
MAX_IDS = 50
SEARCH_MAX = 100
# A task is "due soon" when due today or within this many days.
DUE_SOON_DAYS = 2
DUE_FILTERS = ("overdue", "week")
DUE_STATES = ("overdue", "soon", "none")


def clean_title(title: object) -> str:
    """Return a trimmed one-line title.

    Args:
        title: What was typed.

    Returns:
        The title.

    Raises:
        ValidationError: Empty or longer than 200 characters.
    """
    cleaned = " ".join(title.split()) if isinstance(title, str) else ""
    if not cleaned:
        raise ValidationError("board.title_required", field="title")
    if len(cleaned) > TASK_TITLE_MAX:
        raise ValidationError("board.title_too_long", field="title", max=TASK_TITLE_MAX)
    return cleaned


def clean_description(description: object) -> str:
    """Return a Markdown description with normalized line ends.

    Args:
        description: What was typed (None means empty).

    Returns:
        The description.

    Raises:
        ValidationError: Not text, or longer than 20 000 characters.
    """
    if description is None:
        return ""
    if not isinstance(description, str):
        raise ValidationError("board.value_invalid", field="description")
    cleaned = description.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if len(cleaned) > TASK_DESCRIPTION_MAX:
        raise ValidationError(
            "board.description_too_long", field="description", max=TASK_DESCRIPTION_MAX
        )
    return cleaned


def clean_comment_body(body: object) -> str:
    """Return a comment body with normalized line ends.

    Args:
        body: What was typed.

    Returns:
        The body.

    Raises:
        ValidationError: Empty or longer than 10 000 characters.
    """
    cleaned = (
        body.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(body, str) else ""
    )
    if not cleaned:
        raise ValidationError("board.comment_required", field="body")
    if len(cleaned) > COMMENT_BODY_MAX:
        raise ValidationError("board.comment_too_long", field="body", max=COMMENT_BODY_MAX)
    return cleaned


def clean_priority(priority: object) -> str:
    """Check a priority.

    Args:
        priority: ``low``, ``normal``, ``high`` or ``urgent``.

    Returns:
        The priority.

    Raises:
        ValidationError: Anything else.
    """
    if priority not in TASK_PRIORITIES:
        raise ValidationError("board.priority_invalid", field="priority")
    return str(priority)


def clean_due_date(due: object) -> date | None:
    """Parse a due date.

    Args:
        due: None or empty (no due date), a ``date``, or ISO ``YYYY-MM-DD`` text.

    Returns:
        The date or None.

    Raises:
        ValidationError: Not a date, or outside years 2000-2100.
    """
    if due is None or (isinstance(due, str) and not due.strip()):
        return None
    if isinstance(due, datetime):
        due = due.date()
    if isinstance(due, str):
        try:
            due = date.fromisoformat(due.strip()[:10])
        except ValueError as exc:
            raise ValidationError("board.due_invalid", field="due_date") from exc
    if not isinstance(due, date) or not 2000 <= due.year <= 2100:
        raise ValidationError("board.due_invalid", field="due_date")
    return due


def clean_bool(value: object, field: str) -> bool:
    """Accept a real boolean only (clients may send anything).

    Args:
        value: The received value.
        field: Form field for the error.

    Returns:
        The boolean.

    Raises:
        ValidationError: Not a boolean.
    """
    if not isinstance(value, bool):
        raise ValidationError("board.value_invalid", field=field)
    return value


def clean_version(version: object) -> int:
    """Read the version a client sends back with an edit.

    Args:
        version: An int or digit string.

    Returns:
        The version.

    Raises:
        Conflict: Anything that cannot be the current version (``board.stale``).
    """
    if isinstance(version, int) and not isinstance(version, bool) and 0 < version < 2**31:
        return version
    if isinstance(version, str) and version.isascii() and version.isdigit() and len(version) < 10:
        return int(version)
    raise Conflict("board.stale")


def clean_index(index: object) -> int:
    """Read a target position; negative means the top.

    Args:
        index: An int or integer string.

    Returns:
        A non-negative int (callers clamp it to the list's length).

    Raises:
        ValidationError: Not an integer.
    """
    if isinstance(index, int) and not isinstance(index, bool):
        return max(0, min(index, 10**6))
    if isinstance(index, str) and index.strip().lstrip("-").isdigit() and len(index) < 10:
        return max(0, int(index))
    raise ValidationError("board.index_invalid", field="index")


def clean_ids(raw: object, field: str) -> list[int]:
    """Read a list of ids (duplicates dropped, order kept).

    Args:
        raw: A list, tuple or set of ids of any type.
        field: Form field for the error.

    Returns:
        The ids.

    Raises:
        ValidationError: Not a list, or more than 50 ids.
        NotFound: An id is not a positive integer.
    """
    if raw is None:
        return []
    if not isinstance(raw, list | tuple | set | frozenset):
        raise ValidationError("board.value_invalid", field=field)
    if len(raw) > MAX_IDS:
        raise ValidationError("board.too_many", field=field, max=MAX_IDS)
    ids = [permissions.coerce_id(item) for item in raw]
    return list(dict.fromkeys(ids))
