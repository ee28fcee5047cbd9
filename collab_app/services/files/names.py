"""File names: kept as typed for display, sanitised for HTTP headers and file systems."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from collab_app.models.files import FILE_NAME_MAX
from collab_app.services.errors import ValidationError

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
