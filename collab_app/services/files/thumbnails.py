"""Thumbnails of images and first-page previews of PDFs, made on the server.

Made with maintained libraries (Pillow, pypdfium2) from a temporary copy of the file that
spills to disk beyond 1 MB (the file is never whole in memory); callers run this in a worker
thread (``asyncio.to_thread``) so the event loop never waits for it. An image or a page larger
than ``FILES_MAX_PIXELS`` is not decoded at all (the decompression-bomb limit): such a file
simply has no thumbnail.
"""

from __future__ import annotations

import io
import logging
import tempfile
import warnings
from collections.abc import Iterable

from PIL import Image

from collab_app.services.files.sniffing import IMAGE_TYPES
from collab_app.settings import file_limits

THUMB_SIZE = (480, 480)
logger = logging.getLogger(__name__)


def can_preview(mime: str) -> bool:
    """Whether a thumbnail is made for this type.

    Args:
        mime: A sniffed MIME type.

    Returns:
        True for raster images and PDF.
    """
    return mime in IMAGE_TYPES or mime == "application/pdf"


def _image_thumbnail(source: io.IOBase, max_pixels: int) -> bytes | None:
    with warnings.catch_warnings():
        # Pillow warns (then raises) past its own limit; ours is stricter and checked first.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(source) as image:
            if image.width * image.height > max_pixels:
                return None
            image.draft("RGB", THUMB_SIZE)
            image.thumbnail(THUMB_SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=80)
            return out.getvalue()


def _pdf_thumbnail(path: str, max_pixels: int) -> bytes | None:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        if len(document) == 0:
            return None
        page = document[0]
        width, height = page.get_size()
        scale = min(THUMB_SIZE[0] / max(width, 1), THUMB_SIZE[1] / max(height, 1), 2.0)
        if width * scale * height * scale > max_pixels:
            return None
        bitmap = page.render(scale=scale)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=80)
        return out.getvalue()
    finally:
        document.close()


def make_thumbnail(chunks: Iterable[bytes], mime: str) -> bytes | None:
    """Return a JPEG thumbnail of an image or of a PDF's first page, or None.

    Args:
        chunks: The file's bytes, chunk by chunk.
        mime: Its sniffed type.

    Returns:
        JPEG bytes, or None (not previewable, unreadable, or beyond the pixel limit).
    """
    if not can_preview(mime):
        return None
    max_pixels = file_limits()["max_pixels"]
    with tempfile.NamedTemporaryFile(suffix=".bin") as copy:
        for chunk in chunks:
            copy.write(chunk)
        copy.flush()
        copy.seek(0)
        try:
            if mime == "application/pdf":
                return _pdf_thumbnail(copy.name, max_pixels)
            return _image_thumbnail(copy, max_pixels)
        except Exception:
            logger.info("no thumbnail for a %s file", mime, exc_info=True)
            return None
