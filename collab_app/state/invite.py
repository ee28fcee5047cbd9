"""The invitation page: preview (no sign-in needed) and accept (signed in as the invitee)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from collab_app.db import session_scope
from collab_app.services.accounts import invitations
from collab_app.services.errors import DomainError
from collab_app.state.async_io import with_async_io
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, SessionState, guarded


def send_invitation(
    page: PageState,
    service: Callable[..., invitations.CreatedInvitation],
    form_data: dict[str, Any],
    **target: object,
) -> list[rx.event.EventSpec]:
    """Invite someone from a page's invitation form (a collective's or a project's).

    The link is kept in the page's ``last_invitation_link`` to copy; the mail is queued.

    Args:
        page: The page state, with a ``last_invitation_link`` var.
        service: ``collectives.invite_member`` or ``projects.invite``.
        form_data: The form's ``invite_email`` and ``invite_role``.
        **target: The id of what the invitation is for, as the service takes it.

    Returns:
        Events clearing the email field and confirming.
    """
    created = page._call(
        service,
        email=form_text(form_data, "invite_email"),
        role=form_text(form_data, "invite_role"),
        **target,
    )
    page.last_invitation_link = created.link
    return [
        rx.set_value("invite_email", ""),
        rx.toast.success(page._t("invite.created", email=created.email)),
    ]


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
