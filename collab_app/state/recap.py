"""A project's weekly progress recap (the client's version for clients; text for managers)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import permissions
from collab_app.services.board import viewer_today
from collab_app.services.board.presenter import due_label
from collab_app.services.errors import PermissionDenied
from collab_app.services.projects import recap
from collab_app.services.projects.presenter import RecapSection, recap_sections
from collab_app.services.viewer import Viewer
from collab_app.state.async_io import with_async_io
from collab_app.state.session import PageState


class RecapState(PageState):
    """The recap of one project as the viewer may see it."""

    recap_project_id: int = 0
    project_name: str = ""
    role: str = ""
    preview: bool = False
    period_start: str = ""
    period_end: str = ""
    sections: list[RecapSection] = []
    plain_text: str = ""
    # "Logo, version 2 — approved by …" lines of the period (team and client).
    approvals: list[str] = []
    as_client: bool = False
    _loaded_project: str = ""

    def _reset_page(self) -> None:
        self.recap_project_id = 0
        self.sections, self.plain_text, self.approvals = [], "", []
        if self._loaded_project != self._route_arg("project_id"):
            self.as_client = False

    @rx.event
    @with_async_io
    def load(self):
        """``on_load``: check the session, then load the recap."""
        result = self._load_page()
        self._loaded_project = self._route_arg("project_id")
        return result

    def _load(self, session: Any, viewer: Viewer) -> None:
        today = viewer_today(viewer)
        pid = self._route_arg("project_id")
        self._watch_project(permissions.coerce_id(pid))
        try:
            view = recap.project_recap(
                session, viewer, project_id=pid, as_client=self.as_client, locale=self.lang
            )
        except PermissionDenied:
            self.as_client = False
            view = recap.project_recap(session, viewer, project_id=pid, locale=self.lang)

        self.recap_project_id = view.project_id
        self.project_name = view.project_name
        self.role = view.role
        self.preview = view.preview
        self.period_start = due_label(view.period_start, self.lang)
        self.period_end = due_label(view.period_end, self.lang)
        self.sections = recap_sections(view, self.lang, today)
        self.plain_text = view.plain_text
        self.approvals = list(view.approvals)

    @rx.event
    @with_async_io
    def toggle_client_version(self):
        """Managers: switch between the team's recap and the client's version."""
        self.as_client = not self.as_client
        return self._load_page()

    @rx.event
    def copy_text(self):
        """Copy the recap as plain text (managers)."""
        if not self.plain_text:
            return None
        return [rx.set_clipboard(self.plain_text), rx.toast.success(self._t("form.copied"))]
