"""The Files page of a project: folders, files, trash and deliverables under review (#17).

Every var here is sent to the browser: they hold only the views the files services built for
this viewer (through the permission rule). Uploads do not pass through the websocket: the
browser posts each file to ``/api/files/projects/<id>/upload`` (progress, cancel); the upload
moves the project's change version, so this page (and every other open one) reloads live.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from collab_app.services import files, revisions
from collab_app.services.files import FilesPageView, FileView, FolderView
from collab_app.services.revisions import ReviewView
from collab_app.services.viewer import Viewer
from collab_app.state.async_io import with_async_io
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded


class FilesState(PageState):
    """One project's files as the viewer may see them."""

    files_project_id: int = 0
    files_project_name: str = ""
    folders: list[FolderView] = []
    file_rows: list[FileView] = []
    trash_rows: list[FileView] = []
    reviews: list[ReviewView] = []
    usage: str = ""
    max_size: str = ""
    folder_id: int = 0
    show_trash: bool = False
    # The file open in the viewer (an image or a PDF's preview), 0 when closed.
    viewing: FileView | None = None
    form_key: int = 0

    def _reset_page(self) -> None:
        self.files_project_id, self.files_project_name = 0, ""
        self.folders, self.file_rows, self.trash_rows, self.reviews = [], [], [], []
        self.usage = self.max_size = ""
        self.viewing = None

    @rx.event
    @with_async_io
    def load(self):
        """``on_load``: check the session, then load the page."""
        self.folder_id = 0
        self.show_trash = False
        return self._load_page()

    def _load(self, session: Any, viewer: Viewer) -> None:
        pid = self._project_id()
        view: FilesPageView = files.files_page(
            session, viewer, project_id=pid, folder_id=self.folder_id or None, locale=self.lang
        )
        self._watch_project(view.project_id)
        self.files_project_id = view.project_id
        self.files_project_name = view.project_name
        self.folders = view.folders
        self.file_rows = view.files
        self.trash_rows = view.trash
        self.reviews = revisions.list_reviews(session, viewer, project_id=pid, locale=self.lang)
        self.usage = view.usage
        self.max_size = view.max_size
        if self.viewing is not None:
            still = [f for f in view.files if f.id == self.viewing.id]
            self.viewing = still[0] if still else None

    def _submit(
        self, service: Callable[..., Any], /, *, done: str = "", **arguments: Any
    ) -> rx.event.EventSpec | None:
        """Like ``_act`` for a form: once the service took it, the form re-mounts empty.

        Args:
            service: A service function taking ``(session, viewer, **arguments)``.
            done: The message key of the success toast ("" for none).
            **arguments: The service's keyword arguments.

        Returns:
            The success toast, or None.
        """
        self._call(service, **arguments)
        self.form_key += 1
        self._reload()
        return rx.toast.success(self._t(done)) if done else None

    @rx.event
    @guarded
    def open_folder(self, folder_id: int):
        """Show one folder's files (0: every file).

        Args:
            folder_id: A folder id (checked by the service; unknown ones show every file).
        """
        self.folder_id = folder_id if isinstance(folder_id, int) and folder_id > 0 else 0
        self._reload()

    @rx.event
    @guarded
    def toggle_trash(self):
        """Show or hide the trash (managers)."""
        self.show_trash = not self.show_trash
        self._reload()

    @rx.event
    @guarded
    def create_folder(self, form_data: dict[str, Any]):
        """Create a folder.

        Args:
            form_data: ``folder`` (its name).
        """
        self.folder_id = self._call(
            files.create_folder, project_id=self._project_id(), name=form_text(form_data, "folder")
        )
        self.form_key += 1
        self._reload()

    @rx.event
    @guarded
    def set_shared(self, file_id: int, shared: bool):
        """Share a file with the client, or make it internal.

        Args:
            file_id: The file (checked by the service).
            shared: True to share.
        """
        self._act(files.set_shared, file_id=file_id, shared=shared is True)

    @rx.event
    @guarded
    def delete_file(self, file_id: int):
        """Move a file to the trash.

        Args:
            file_id: The file (checked by the service).
        """
        return self._act(files.delete_file, file_id=file_id, done="files.ui.moved_to_trash")

    @rx.event
    @guarded
    def restore_file(self, file_id: int):
        """Bring a file back from the trash (managers).

        Args:
            file_id: The file (checked by the service).
        """
        self._act(files.restore_file, file_id=file_id)

    @rx.event
    @guarded
    def purge_file(self, file_id: int):
        """Delete a file for good (managers).

        Args:
            file_id: The file (checked by the service).
        """
        self._act(files.purge_file, file_id=file_id)

    @rx.event
    def open_viewer(self, file_id: int):
        """Open an image or a PDF preview in the page.

        Args:
            file_id: One of the files already listed for this viewer.
        """
        found = [f for f in self.file_rows if f.id == file_id]
        for review in self.reviews:
            for version in review.versions:
                found.extend(f for f in version.files if f.id == file_id)
        self.viewing = found[0] if found else None

    @rx.event
    def close_viewer(self):
        """Close the viewer."""
        self.viewing = None

    # --- deliverables ---------------------------------------------------------------------------

    @rx.event
    @guarded
    def create_review(self, form_data: dict[str, Any]):
        """Create a deliverable (its version 1).

        Args:
            form_data: ``review_name``.
        """
        self._submit(
            revisions.create_review_item,
            project_id=self._project_id(),
            name=form_text(form_data, "review_name"),
        )

    @rx.event
    @guarded
    def publish_version(self, review_item_id: int):
        """Publish the next version of a deliverable.

        Args:
            review_item_id: The deliverable (checked by the service).
        """
        self._act(revisions.publish_version, review_item_id=review_item_id)

    @rx.event
    @guarded
    def approve(self, review_item_id: int, version_id: int):
        """Approve the version the client is looking at.

        Args:
            review_item_id: The deliverable (checked by the service).
            version_id: The version shown (must still be the current one).
        """
        return self._act(
            revisions.approve,
            review_item_id=review_item_id,
            version_id=version_id,
            done="files.ui.approved",
        )

    @rx.event
    @guarded
    def request_changes(self, form_data: dict[str, Any]):
        """Ask for changes on the current version: a request in the current revision round.

        Args:
            form_data: ``review_item_id``, ``version_id`` and ``changes``.
        """
        return self._submit(
            revisions.request_changes,
            done="files.ui.changes_sent",
            review_item_id=form_text(form_data, "review_item_id"),
            version_id=form_text(form_data, "version_id"),
            text=form_text(form_data, "changes"),
            locale=self.lang,
        )

    @rx.event
    @guarded
    def reopen(self, form_data: dict[str, Any]):
        """Reopen an approved deliverable with a reason (managers).

        Args:
            form_data: ``review_item_id`` and ``reason``.
        """
        self._submit(
            revisions.reopen,
            review_item_id=form_text(form_data, "review_item_id"),
            reason=form_text(form_data, "reason"),
        )
