"""What the pages of one project (its overview, time, split calculator, invoices) share.

A plain mixin (no Reflex vars) put before :class:`~collab_app.state.session.PageState` in a page
state's bases: reading the route's project (``PageState._project_id``) for the viewer while
watching it live.
"""

from __future__ import annotations

from typing import Any

from collab_app.services import permissions, projects
from collab_app.services.projects import ProjectDetail
from collab_app.services.viewer import Viewer


class ProjectPageMixin:
    """The route's project of a page state (a ``PageState``)."""

    def _open_project(self, session: Any, viewer: Viewer) -> ProjectDetail:
        """Watch the route's project live in this tab, then read it for the viewer.

        Live, so a role taken away (or lowered) updates or empties the tab at once.

        Args:
            session: Database session.
            viewer: The signed-in person.

        Returns:
            The project as the viewer may see it (``NotFound`` otherwise).
        """
        raw = self._project_id()
        self._watch_project(permissions.coerce_id(raw))
        return projects.get_project(session, viewer, project_id=raw, locale=self.lang)
