"""The view of one file as listed (issue #17), in a module of its own.

It is shown under task comments, revision requests and change orders as well as on the Files
page: the revisions views import it from here, without the files services, which themselves
import the revisions services.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FileView:
    """One file as a row of the list."""

    id: int
    name: str
    size: str
    uploader: str
    uploaded_at: str
    version: str
    status: str
    shared: bool
    # On a comment, a revision request or a change order: it follows that one's visibility
    # and is not shared or taken back by itself.
    attached: bool
    locked: bool
    folder_id: int
    task_title: str
    download_url: str
    view_url: str
    thumb_url: str
    is_image: bool
    is_pdf: bool
    purge_on: str
