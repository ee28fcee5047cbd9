"""A project's overview page: details, people, invitations, settings."""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import permissions, projects, revisions
from collab_app.services.accounts import collectives
from collab_app.services.accounts.collectives import MemberView
from collab_app.services.projects import ProjectDetail
from collab_app.services.revisions import ChangeOrderView
from collab_app.services.viewer import Viewer
from collab_app.state.forms import form_text, project_form_input
from collab_app.state.invite import send_invitation
from collab_app.state.project_page import ProjectPageMixin
from collab_app.state.session import PageState, guarded, page_load


class ProjectState(ProjectPageMixin, PageState):
    """Projection of one project for someone on it."""

    project: ProjectDetail | None = None
    members: list[MemberView] = []
    # Collective members not on the project yet; loaded for managers only.
    addable_members: list[MemberView] = []
    last_invitation_link: str = ""
    # Change orders waiting for this viewer's decision (the client contact only).
    decisions: list[ChangeOrderView] = []

    @rx.var
    def is_manager(self) -> bool:
        """Managers edit settings and invite."""
        return self.project is not None and permissions.abilities_for(self.project.role).is_manager

    def _reset_page(self) -> None:
        self.project = None
        self.members, self.addable_members = [], []
        self.last_invitation_link = ""
        self.decisions = []

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        pid = self._project_id()
        self.project = self._open_project(session, viewer)
        self.members = projects.list_members(session, viewer, project_id=pid)
        self.decisions = list(
            revisions.pending_decisions(session, viewer, project_id=pid, locale=self.lang)
        )
        self.addable_members = []
        if permissions.abilities_for(self.project.role).is_manager:
            on_project = {m.user_id for m in self.members}
            self.addable_members = [
                m
                for m in collectives.list_members(
                    session, viewer, collective_id=self.project.collective_id
                )
                if m.user_id not in on_project
            ]

    @rx.event
    @guarded
    def invite(self, form_data: dict[str, Any]):
        """Invite a guest freelancer or a client to this project.

        Args:
            form_data: ``invite_email`` and ``invite_role``.
        """
        return send_invitation(self, projects.invite, form_data, project_id=self._project_id())

    @rx.event
    @guarded
    def add_member(self, form_data: dict[str, Any]):
        """Put a collective member on the project.

        Args:
            form_data: ``member_user_id`` and ``member_role``.
        """
        self._act(
            projects.add_collective_member,
            project_id=self._project_id(),
            user_id=form_text(form_data, "member_user_id"),
            role=form_text(form_data, "member_role"),
        )

    @rx.event
    @guarded
    def remove_member(self, user_id: int):
        """Take someone off the project.

        Args:
            user_id: Id of someone on the project.
        """
        self._act(projects.remove_member, project_id=self._project_id(), user_id=user_id)

    @rx.event
    @guarded
    def set_can_comment(self, user_id: int, allowed: bool):
        """Let a client comment, or make them read-only (managers).

        Args:
            user_id: A client of the project.
            allowed: Whether they may comment.
        """
        return self._act(
            projects.set_client_can_comment,
            done="form.saved",
            project_id=self._project_id(),
            user_id=user_id,
            allowed=allowed,
        )

    @rx.event
    @guarded
    def save_settings(self, form_data: dict[str, Any]):
        """Save the project's settings.

        Args:
            form_data: The project form's fields.
        """
        return self._act(
            projects.update_project,
            done="form.saved",
            project_id=self._project_id(),
            data=self._read_form(project_form_input, form_data),
        )
