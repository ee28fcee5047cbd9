"""What the board accepts from clients: lists of ids, places, flags, and the search limit."""

from __future__ import annotations

from collab_app.services import permissions
from collab_app.services.errors import ValidationError

MAX_IDS = 50
SEARCH_MAX = 100


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


def clean_name(
    name: object, *, required: str, too_long: str, limit: int, field: str = "name"
) -> str:
    """Return a one-line name with its spaces folded (column, label and task titles).

    Args:
        name: What was typed.
        required: Message key when empty.
        too_long: Message key when longer than ``limit``.
        limit: The most characters.
        field: Form field for the errors.

    Returns:
        The name.

    Raises:
        ValidationError: Empty or too long.
    """
    cleaned = " ".join(name.split()) if isinstance(name, str) else ""
    if not cleaned:
        raise ValidationError(required, field=field)
    if len(cleaned) > limit:
        raise ValidationError(too_long, field=field, max=limit)
    return cleaned
