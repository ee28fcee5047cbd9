"""The invitation page: preview (no sign-in needed) and accept (signed in as the invitee)."""

from __future__ import annotations

import reflex as rx

from collab_app.db import session_scope
from collab_app.services.accounts import invitations
from collab_app.services.errors import DomainError
from collab_app.state.async_io import with_async_io
from collab_app.state.session import SessionState, guarded


class InviteState(SessionState):
    """Shows what the invitation is for; the token itself is the secret."""

    preview: invitations.InvitationPreview | None = None
    invite_error: str = ""

    def _token(self) -> str:
        return self._route_arg("invite_token")

    @rx.event
    @with_async_io
    def load(self):
        """Describe the invitation, or say plainly why it cannot be used."""
        self._apply_viewer(self._viewer())
        self.preview = None
        self.invite_error = ""
        try:
            with session_scope() as session:
                self.preview = invitations.preview(session, token=self._token())
        except DomainError as error:
            self.invite_error = self._error_text(error)
        if self.preview is not None and self.preview.status != "open":
            self.invite_error = self._t(f"invite.{self.preview.status}")
        self.loading = False

    @rx.event
    @guarded
    def accept(self):
        """Accept as the signed-in viewer, then open what the invitation grants."""
        target = self._with_viewer(
            lambda session, viewer: invitations.accept(session, viewer, token=self._token())
        )
        return rx.redirect(target)
