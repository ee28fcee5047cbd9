"""A collective's page: members, invitations, outbox, projects, new project."""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import permissions, projects
from collab_app.services.accounts import collectives
from collab_app.services.accounts.collectives import CollectiveView, InvitationView, MemberView
from collab_app.services.mail import outbox
from collab_app.services.mail.outbox import OutboxView
from collab_app.services.projects import ProjectSummary
from collab_app.services.viewer import Viewer
from collab_app.state.collective_page import CollectivePageMixin
from collab_app.state.forms import project_form_input
from collab_app.state.invite import send_invitation
from collab_app.state.session import PageState, guarded, page_load


class CollectiveState(CollectivePageMixin, PageState):
    """Projection of one collective for one of its members."""

    collective: CollectiveView | None = None
    members: list[MemberView] = []
    invitations: list[InvitationView] = []
    outbox_messages: list[OutboxView] = []
    collective_projects: list[ProjectSummary] = []
    last_invitation_link: str = ""

    @rx.var
    def is_admin(self) -> bool:
        """Owners and admins manage members and see the outbox."""
        return self.collective is not None and permissions.is_collective_admin(self.collective.role)

    def _reset_page(self) -> None:
        self.collective = None
        self.members, self.invitations, self.outbox_messages = [], [], []
        self.collective_projects = []
        self.last_invitation_link = ""

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        cid = self._collective_id()
        self.collective = self._open_collective(session, viewer)
        self.members = collectives.list_members(session, viewer, collective_id=cid)
        self.collective_projects = [
            p
            for p in projects.list_projects(session, viewer)
            if p.collective_id == self.collective.id
        ]
        if permissions.is_collective_admin(self.collective.role):
            self.invitations = collectives.list_invitations(session, viewer, collective_id=cid)
            self.outbox_messages = outbox.list_for_collective(session, viewer, collective_id=cid)

    @rx.event
    @guarded
    def invite(self, form_data: dict[str, Any]):
        """Invite a member by email; the link is shown to copy and queued in the outbox.

        Args:
            form_data: ``invite_email`` and ``invite_role``.
        """
        sent = send_invitation(
            self, collectives.invite_member, form_data, collective_id=self._collective_id()
        )
        self._reload()
        return sent

    @rx.event
    @guarded
    def revoke_invitation(self, invitation_id: int):
        """Withdraw an open invitation.

        Args:
            invitation_id: Id of an invitation of this collective.
        """
        self._act(
            collectives.revoke_invitation,
            collective_id=self._collective_id(),
            invitation_id=invitation_id,
        )

    @rx.event
    @guarded
    def remove_member(self, user_id: int):
        """Remove someone from the collective.

        Args:
            user_id: Id of a member of this collective.
        """
        self._act(collectives.remove_member, collective_id=self._collective_id(), user_id=user_id)

    @rx.event
    @guarded
    def create_project(self, form_data: dict[str, Any]):
        """Create a project in this collective and open it.

        Args:
            form_data: The project form's fields.
        """
        project_id = self._call(
            projects.create_project,
            collective_id=self._collective_id(),
            data=self._read_form(project_form_input, form_data),
        )
        return [
            rx.toast.success(self._t("project.created")),
            rx.redirect(f"/projects/{project_id}"),
        ]
