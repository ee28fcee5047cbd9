"""Names: a file's as typed (sanitised for headers), a folder's or deliverable's unique."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar
from urllib.parse import quote

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from collab_app.models.files import FILE_NAME_MAX
from collab_app.services import clock
from collab_app.services.errors import ValidationError

T = TypeVar("T")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSAFE = re.compile(r'[\\/:*?"<>|;\x00-\x1f\x7f]')


def clean_name(raw: object) -> str:
    """Return the name to show: as typed, without control characters or path parts.

    Args:
        raw: The name the browser sent (any type).

    Returns:
        The name, at most 255 characters.

    Raises:
        ValidationError: ``files.name_invalid`` when nothing usable is left.
    """
    if not isinstance(raw, str):
        raise ValidationError("files.name_invalid", field="file")
    name = unicodedata.normalize("NFC", raw)
    # Browsers on Windows may send a full path; only the last part is the name.
    name = _CONTROL.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if not name or name in {".", ".."}:
        raise ValidationError("files.name_invalid", field="file")
    return name[:FILE_NAME_MAX]


def header_filename(name: str) -> str:
    """Return a ``Content-Disposition`` value part naming the file safely.

    An ASCII fallback (unsafe characters replaced) plus the exact name in RFC 5987 form.

    Args:
        name: The name as shown.

    Returns:
        ``filename="..."; filename*=UTF-8''...``.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = _UNSAFE.sub("_", ascii_name).strip(" .") or "file"
    return f"filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def add_named(
    session: Session,
    model: type[T],
    *,
    project_id: int,
    name: str,
    by: int,
    limit: int,
    field: str,
    too_many: str,
    taken: str,
) -> T:
    """Add a project's row (a folder, a deliverable) whose name is unique in the project.

    Args:
        session: Database session; flushed here (the row gets its id), rolled back on a clash.
        model: The row's model (with ``project_id``, ``name``, ``created_by_id``, ``created_at``).
        project_id: The project.
        name: The cleaned name.
        by: Who creates it.
        limit: How many such rows a project may have.
        field: The form field an error belongs to.
        too_many: Message key when the project has ``limit`` already.
        taken: Message key when the name is taken.

    Returns:
        The row, flushed.

    Raises:
        ValidationError: Too many rows, or the name is taken.
    """
    count = session.exec(
        select(func.count()).select_from(model).where(model.project_id == project_id)
    ).one()
    if count >= limit:
        raise ValidationError(too_many, field=field, max=limit)
    row = model(project_id=project_id, name=name, created_by_id=by, created_at=clock.now())
    session.add(row)
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise ValidationError(taken, field=field) from error
    return row
