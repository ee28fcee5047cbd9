"""What the pages of one collective (its page, its feedback, its billing identity) share.

A plain mixin (no Reflex vars) put before :class:`~collab_app.state.session.PageState` in a page
state's bases, like :class:`~collab_app.state.project_page.ProjectPageMixin` for a project: the
route's collective id, and watching the collective's projects live while reading it.
"""

from __future__ import annotations

from typing import Any

from collab_app.services import projects
from collab_app.services.accounts import collectives
from collab_app.services.accounts.collectives import CollectiveView
from collab_app.services.viewer import Viewer


class CollectivePageMixin:
    """The route's collective of a page state (a ``PageState``)."""

    def _collective_id(self) -> str:
        return self._route_arg("collective_id")

    def _watch_collective(self, session: Any, viewer: Viewer) -> None:
        """Show the projects of the route's collective the viewer may see live in this tab.

        Call first in ``_load``, before reading data (see ``PageState._watch_project``).

        Args:
            session: Database session.
            viewer: The signed-in person.
        """
        cid = self._collective_id()
        self._watch_projects(projects.collective_project_ids(session, viewer, collective_id=cid))

    def _open_collective(self, session: Any, viewer: Viewer) -> CollectiveView:
        """Watch the route's collective live in this tab, then read it for the viewer.

        Args:
            session: Database session.
            viewer: The signed-in person.

        Returns:
            The collective as the viewer may see it (``NotFound`` otherwise).
        """
        self._watch_collective(session, viewer)
        return collectives.get_collective(session, viewer, collective_id=self._collective_id())
