"""Sign-in, sign-up and profile pages' states."""

from __future__ import annotations

import asyncio
import zoneinfo
from typing import Any

import reflex as rx

from collab_app.db import run_with_async_io, session_scope
from collab_app.services.accounts import auth
from collab_app.services.errors import AttemptsInFlight, DomainError
from collab_app.services.viewer import Viewer
from collab_app.state import live
from collab_app.state.async_io import with_async_io
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, SessionState, guarded, page_load, safe_next

TIMEZONES = sorted(zoneinfo.available_timezones())
# Pauses (seconds) before trying a sign-in again while others fill the limit being checked.
IN_FLIGHT_PAUSES = (0.2, 0.3, 0.5, 0.5, 1.0, 1.0, 2.0)


def _sign_in(email: str, password: str, client_key: str) -> tuple[Viewer, str]:
    with session_scope() as session:
        user, token = auth.sign_in(session, email=email, password=password, client_key=client_key)
        return auth.viewer_for(user), token


def _sign_up(
    email: str, name: str, password: str, locale: str, client_key: str
) -> tuple[Viewer, str]:
    with session_scope() as session:
        user = auth.sign_up(
            session,
            email=email,
            display_name=name,
            password=password,
            locale=locale,
            client_key=client_key,
        )
        return auth.viewer_for(user), auth.start_session(session, user_id=user.id)


class SignInState(SessionState):
    """The sign-in form."""

    def _next_path(self) -> str:
        return safe_next(self.router.url.query_parameters.get("next", "/"))

    async def _enter(self, viewer: Viewer, token: str) -> str:
        """Open the new session in this tab, forgetting every projection of the one before.

        Args:
            viewer: The person who just signed in (or up).
            token: Their new session token.

        Returns:
            Where to send them next.
        """
        target = self._next_path()
        await self._forget_everything()
        self.auth_token = token
        self._apply_viewer(viewer)
        return target

    @rx.event
    @with_async_io
    def load(self):
        """Already signed in: go straight to where the visitor was heading."""
        self._clear_errors()
        viewer = self._viewer()
        self._apply_viewer(viewer)
        self.loading = False
        if viewer is not None:
            return rx.redirect(self._next_path())
        return None

    @rx.event
    async def sign_in(self, form_data: dict[str, Any]):
        """Check the credentials off the event loop, then open the session.

        Args:
            form_data: ``email`` and ``password``.
        """
        self._clear_errors()
        for pause in (*IN_FLIGHT_PAUSES, None):
            try:
                viewer, token = await asyncio.to_thread(
                    _sign_in,
                    form_text(form_data, "email"),
                    form_text(form_data, "password"),
                    self._client_key(),
                )
                break
            except AttemptsInFlight as error:
                # Other sign-ins of this account or client fill the limit while their
                # passwords are checked: wait for them (without holding a thread).
                if pause is None:
                    return self._show_error(error)
                await asyncio.sleep(pause)
            except DomainError as error:
                return self._show_error(error)
        return rx.redirect(await self._enter(viewer, token))


class SignUpState(SignInState):
    """The sign-up form."""

    @rx.event
    async def sign_up(self, form_data: dict[str, Any]):
        """Create the account and sign in.

        Args:
            form_data: ``email``, ``display_name``, ``password``.
        """
        self._clear_errors()
        try:
            viewer, token = await asyncio.to_thread(
                _sign_up,
                form_text(form_data, "email"),
                form_text(form_data, "display_name"),
                form_text(form_data, "password"),
                self.lang,
                self._client_key(),
            )
        except DomainError as error:
            return self._show_error(error)
        return [
            rx.redirect(await self._enter(viewer, token)),
            rx.toast.success(self._t("auth.welcome", name=viewer.display_name)),
        ]


class ProfileState(PageState):
    """The profile page: name, language, time zone, password."""

    display_name: str = ""
    locale: str = ""
    timezone: str = ""

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        self.display_name = viewer.display_name
        self.locale = viewer.locale
        self.timezone = viewer.timezone

    @rx.event
    @guarded
    def save_profile(self, form_data: dict[str, Any]):
        """Save name, language and time zone.

        Args:
            form_data: ``display_name``, ``locale``, ``timezone``.
        """
        updated = self._call(
            auth.update_profile,
            display_name=form_text(form_data, "display_name"),
            locale=form_text(form_data, "locale"),
            timezone=form_text(form_data, "timezone"),
        )
        self._load(None, updated)
        self._apply_viewer(updated)
        return rx.toast.success(self._t("form.saved"))

    @rx.event
    @guarded
    async def change_password(self, form_data: dict[str, Any]):
        """Change the password; every other session is signed out.

        Args:
            form_data: ``current_password``, ``new_password``.
        """
        self._clear_errors()
        viewer = await run_with_async_io(self._require_viewer)

        def work() -> str:
            with session_scope() as session:
                return auth.change_password(
                    session,
                    viewer,
                    current_password=form_text(form_data, "current_password"),
                    new_password=form_text(form_data, "new_password"),
                )

        self.auth_token = await asyncio.to_thread(work)
        # This tab lives on with the fresh session; the account's other tabs are emptied.
        live.watch_session(self.router.session.client_token, self.auth_token)
        live.session_ended()
        return [
            rx.set_value("current_password", ""),
            rx.set_value("new_password", ""),
            rx.toast.success(self._t("profile.password_changed")),
        ]
