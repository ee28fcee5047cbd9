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
from collab_app.state.async_io import with_async_io
from collab_app.state.forms import form_text, project_form_input
from collab_app.state.session import PageState, guarded


class ProjectState(PageState):
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
        return self.project is not None and self.project.role == "manager"

    def _project_id(self) -> str:
        return self._route_arg("project_id")

    def _reset_page(self) -> None:
        self.project = None
        self.members, self.addable_members = [], []
        self.last_invitation_link = ""
        self.decisions = []

    @rx.event
    @with_async_io
    def load(self):
        """``on_load``: check the session, then load this page's projection."""
        return self._load_page()

    def _load(self, session: Any, viewer: Viewer) -> None:
        pid = self._project_id()
        self._watch_project(permissions.coerce_id(pid))
        self.project = projects.get_project(session, viewer, project_id=pid, locale=self.lang)
        self.members = projects.list_members(session, viewer, project_id=pid)
        self.decisions = list(
            revisions.pending_decisions(session, viewer, project_id=pid, locale=self.lang)
        )
        self.addable_members = []
        if self.project.role == "manager":
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
        self._clear_errors()
        created = self._with_viewer(
            lambda session, viewer: projects.invite(
                session,
                viewer,
                project_id=self._project_id(),
                email=form_text(form_data, "invite_email"),
                role=form_text(form_data, "invite_role"),
            )
        )
        self.last_invitation_link = created.link
        return [
            rx.set_value("invite_email", ""),
            rx.toast.success(self._t("invite.created", email=created.email)),
        ]

    @rx.event
    @guarded
    def add_member(self, form_data: dict[str, Any]):
        """Put a collective member on the project.

        Args:
            form_data: ``member_user_id`` and ``member_role``.
        """
        self._clear_errors()
        self._with_viewer(
            lambda session, viewer: projects.add_collective_member(
                session,
                viewer,
                project_id=self._project_id(),
                user_id=form_text(form_data, "member_user_id"),
                role=form_text(form_data, "member_role"),
            )
        )
        self._reload()

    @rx.event
    @guarded
    def remove_member(self, user_id: int):
        """Take someone off the project.

        Args:
            user_id: Id of someone on the project.
        """
        self._with_viewer(
            lambda session, viewer: projects.remove_member(
                session, viewer, project_id=self._project_id(), user_id=user_id
            )
        )
        self._reload()

    @rx.event
    @guarded
    def set_can_comment(self, user_id: int, allowed: bool):
        """Let a client comment, or make them read-only (managers).

        Args:
            user_id: A client of the project.
            allowed: Whether they may comment.
        """
        self._with_viewer(
            lambda session, viewer: projects.set_client_can_comment(
                session, viewer, project_id=self._project_id(), user_id=user_id, allowed=allowed
            )
        )
        self._reload()
        return rx.toast.success(self._t("form.saved"))

    @rx.event
    @guarded
    def save_settings(self, form_data: dict[str, Any]):
        """Save the project's settings.

        Args:
            form_data: The project form's fields.
        """
        self._clear_errors()
        data = project_form_input(form_data, self.lang)
        self._with_viewer(
            lambda session, viewer: projects.update_project(
                session, viewer, project_id=self._project_id(), data=data
            )
        )
        self._reload()
        return rx.toast.success(self._t("form.saved"))
