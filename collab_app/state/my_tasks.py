"""The tasks assigned to the viewer across all their projects."""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import board, projects
from collab_app.services.board.presenter import MyTaskLine, my_task_line
from collab_app.services.viewer import Viewer
from collab_app.state.async_io import with_async_io
from collab_app.state.session import PageState, page_load


class MyTasksState(PageState):
    """The viewer's assigned tasks (each project's visibility rule applies)."""

    tasks: list[MyTaskLine] = []
    include_done: bool = False

    def _reset_page(self) -> None:
        self.tasks = []

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        # Every project the viewer is on: a task appearing in any of them shows here live.
        self._watch_projects({p.id for p in projects.list_projects(session, viewer)})
        today = board.viewer_today(viewer)
        self.tasks = [
            my_task_line(t, self.lang, today)
            for t in board.my_tasks(
                session, viewer, include_done=self.include_done, today=today, locale=self.lang
            )
        ]

    @rx.event
    @with_async_io
    def toggle_done(self):
        """Show or hide the tasks already done."""
        self.include_done = not self.include_done
        return self._load_page()
