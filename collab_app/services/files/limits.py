"""Size limit per file and quota per collective, checked before any byte is stored."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from collab_app.i18n import format_file_size
from collab_app.models import ProjectFile
from collab_app.services.errors import ValidationError
from collab_app.settings import file_limits


def used_bytes(session: Session, collective_id: int) -> int:
    """Return the bytes a collective's files take (trash included: purge frees space).

    Args:
        collective_id: The collective.

    Returns:
        The total size.
    """
    total = session.exec(
        select(func.coalesce(func.sum(ProjectFile.size), 0)).where(
            ProjectFile.collective_id == collective_id
        )
    ).one()
    return int(total)


def check_size(session: Session, collective_id: int, size: object, *, locale: str) -> int:
    """Refuse a file that is empty, too big, or over the collective's quota.

    Args:
        collective_id: The collective receiving the file.
        size: The announced size in bytes (from the client; any type).
        locale: Language of the sizes in the message.

    Returns:
        The size as an int.

    Raises:
        ValidationError: ``files.empty``, ``files.too_big`` or ``files.over_quota``.
    """
    limits = file_limits()
    if isinstance(size, bool) or not isinstance(size, int | str):
        raise ValidationError("files.size_unknown", field="file")
    if isinstance(size, str):
        if not (size.isascii() and size.isdigit() and len(size) < 16):
            raise ValidationError("files.size_unknown", field="file")
        size = int(size)
    if size <= 0:
        raise ValidationError("files.empty", field="file")
    if size > limits["max_bytes"]:
        raise ValidationError(
            "files.too_big", field="file", max=format_file_size(limits["max_bytes"], locale)
        )
    used = used_bytes(session, collective_id)
    if used + size > limits["quota_bytes"]:
        left = max(limits["quota_bytes"] - used, 0)
        raise ValidationError(
            "files.over_quota",
            field="file",
            quota=format_file_size(limits["quota_bytes"], locale),
            left=format_file_size(left, locale),
        )
    return size
