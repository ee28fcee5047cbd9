"""Helpers shared by the files tests (no tests here): uploading bytes as a viewer."""

from __future__ import annotations

import asyncio
import io

from PIL import Image
from sqlmodel import Session

from collab_app.services import files

PNG_BYTES: bytes
_buffer = io.BytesIO()
Image.new("RGB", (64, 48), (200, 30, 30)).save(_buffer, format="PNG")
PNG_BYTES = _buffer.getvalue()


def pdf_bytes() -> bytes:
    """A one-page PDF made with fpdf2."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=24)
    pdf.cell(text="Homepage mock-up")
    return bytes(pdf.output())


async def _pieces(data: bytes, piece: int):
    for start in range(0, len(data), piece):
        yield data[start : start + piece]


def upload(
    session: Session,
    viewer,
    project_id: int,
    name: str,
    data: bytes,
    *,
    piece: int = 4096,
    announced: int | None = None,
    **target,
) -> int:
    """Run the three upload steps as the HTTP route does; returns the file id."""
    ticket = files.prepare_upload(
        session,
        viewer,
        project_id=project_id,
        name=name,
        size=len(data) if announced is None else announced,
        target=files.UploadTarget(**target),
    )
    stored = asyncio.run(
        files.stream_into(files.DatabaseStorage(), _pieces(data, piece), expected_size=ticket.size)
    )
    return files.finish_upload(session, viewer, ticket, stored)
