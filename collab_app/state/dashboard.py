"""Home page: the viewer's projects and collectives, and creating a collective."""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import projects
from collab_app.services.accounts import collectives
from collab_app.services.accounts.collectives import CollectiveView
from collab_app.services.projects import ProjectSummary
from collab_app.services.viewer import Viewer
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded, page_load


class DashboardState(PageState):
    """Lists only what the viewer belongs to."""

    projects: list[ProjectSummary] = []
    collectives: list[CollectiveView] = []

    def _reset_page(self) -> None:
        self.projects = []
        self.collectives = []

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        listed = projects.list_projects(session, viewer)
        # Live, so a project taken away (e.g. leaving a collective) leaves the list at once.
        self._watch_projects({p.id for p in listed})
        self.projects = listed
        self.collectives = collectives.list_collectives(session, viewer)

    @rx.event
    @guarded
    def create_collective(self, form_data: dict[str, Any]):
        """Create a collective owned by the viewer and open it.

        Args:
            form_data: ``name`` and optional ``mail_domain``.
        """
        created = self._call(
            collectives.create_collective,
            name=form_text(form_data, "name"),
            mail_domain=form_text(form_data, "mail_domain"),
        )
        return [
            rx.toast.success(self._t("collective.created")),
            rx.redirect(f"/collectives/{created.id}"),
        ]
