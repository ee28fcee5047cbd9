"""The type of a file, read from its first bytes (never from its name).

``filetype`` recognises binary formats by their magic numbers; text is told apart from binary
by hand, and markup a browser would run (HTML, SVG, XML, scripts) is recognised so that it is
never served inline.
"""

from __future__ import annotations

import filetype

# Enough for every signature ``filetype`` knows.
SNIFF_BYTES = 8192
# Served inline (previews, the viewer): types a browser shows without running anything.
INLINE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"})
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"})
_MARKUP = (
    (b"<!doctype html", "text/html"),
    (b"<html", "text/html"),
    (b"<svg", "image/svg+xml"),
    (b"<?xml", "application/xml"),
    (b"<script", "text/html"),
    (b"<head", "text/html"),
    (b"<body", "text/html"),
    (b"<iframe", "text/html"),
)
ACTIVE_TYPES = frozenset({"text/html", "image/svg+xml", "application/xml", "text/javascript"})


def sniff(head: bytes) -> str:
    """Return the MIME type of content from its first bytes.

    Args:
        head: The first bytes (up to ``SNIFF_BYTES``).

    Returns:
        A MIME type; ``application/octet-stream`` when unknown.
    """
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for marker, mime in _MARKUP:
        if marker in text[:1024]:
            return mime
    if b"<svg" in text:
        return "image/svg+xml"
    if text.startswith((b"#!", b"function", b"var ", b"let ", b"const ", b"import ")):
        return "text/javascript"
    if b"\x00" in head:
        return "application/octet-stream"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 4:
            return "application/octet-stream"
    return "text/plain"


def is_inline(mime: str) -> bool:
    """Whether a type may be shown in the page (viewer, preview) rather than downloaded.

    Args:
        mime: A sniffed MIME type.

    Returns:
        True for images and PDF.
    """
    return mime in INLINE_TYPES


def is_active(mime: str) -> bool:
    """Whether a browser could run the content (HTML, SVG, XML, scripts).

    Args:
        mime: A sniffed MIME type.

    Returns:
        True for active content.
    """
    return mime in ACTIVE_TYPES
