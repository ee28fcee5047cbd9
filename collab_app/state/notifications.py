"""Notification screens: the header bell, the inbox, e-mail settings and the unsubscribe link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from collab_app.db import session_scope
from collab_app.services import notifications
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.projects import weekly as weekly_updates
from collab_app.services.viewer import Viewer
from collab_app.state import notifications_live
from collab_app.state.async_io import with_async_io
from collab_app.state.forms import form_text
from collab_app.state.session import NotSignedIn, PageState, SessionState, guarded, page_load


class BellState(SessionState):
    """The unread count in the header, kept live for the signed-in person."""

    unread: int = 0

    def _count(self) -> None:
        try:

            def count(session: Any, viewer: Viewer) -> tuple[int, int, int]:
                newest = notifications_live.newest_ids({viewer.user_id})[viewer.user_id]
                return viewer.user_id, newest, notifications.unread_count(session, viewer)

            user_id, newest, self.unread = self._with_viewer(count)
        except NotSignedIn:
            self.unread = 0
            notifications_live.unwatch_bell(self.router.session.client_token)
            return
        notifications_live.watch_bell(self.router.session.client_token, type(self), user_id, newest)

    @rx.event
    @with_async_io
    def load(self):
        """``on_mount`` of the header: count and follow this person's notifications."""
        self._count()

    def _bell_refresh(self) -> None:
        """Count again (called by ``notifications_live`` when a notification arrived)."""
        self._count()


@dataclass(frozen=True, slots=True)
class InboxLine:
    """One line of the inbox; ``project_name`` is set on the first line of each project."""

    id: int
    project_name: str
    text: str
    path: str
    when: str
    unread: bool


class InboxState(PageState):
    """The viewer's newest notifications, grouped by project."""

    lines: list[InboxLine] = []
    unread_total: int = 0

    def _reset_page(self) -> None:
        self.lines, self.unread_total = [], 0

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        view = notifications.load_inbox(session, viewer, locale=self.lang)
        self.unread_total = view.unread
        self.lines = [
            InboxLine(
                id=item.id,
                project_name=group.project_name if index == 0 else "",
                text=item.text,
                path=item.path,
                when=item.when,
                unread=item.unread,
            )
            for group in view.groups
            for index, item in enumerate(group.items)
        ]

    async def _sync_bell(self) -> None:
        bell = await self.get_state(BellState)
        bell.unread = self.unread_total

    @rx.event
    @guarded
    async def mark_read(self, notification_id: int):
        """Mark one line as read.

        Args:
            notification_id: The line's id (checked by the service).
        """
        self._act(notifications.mark_read, notification_id=notification_id)
        await self._sync_bell()

    @rx.event
    @guarded
    async def open_line(self, notification_id: int):
        """Mark a line as read and open what it is about.

        Args:
            notification_id: The line's id (checked by the service).
        """
        path = next((line.path for line in self.lines if line.id == notification_id), "")
        try:
            self._call(notifications.mark_read, notification_id=notification_id)
        except NotFound:
            path = ""
        self._reload()
        await self._sync_bell()
        return rx.redirect(path) if path.startswith("/") else None

    @rx.event
    @guarded
    async def mark_all_read(self):
        """Mark every line as read."""
        self._act(notifications.mark_all_read)
        await self._sync_bell()


@dataclass(frozen=True, slots=True)
class CategoryRow:
    """A category and its chosen mode."""

    category: str
    label: str
    mode: str


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """A project: muted by mail or not; its weekly client update when the viewer manages it."""

    project_id: int
    name: str
    muted: bool
    manages: bool
    weekly_enabled: bool
    weekly_day: str
    weekly_hour: str
    timezone: str


class NotificationSettingsState(PageState):
    """E-mail preferences, project mutes and the client weekly updates of managed projects."""

    categories: list[CategoryRow] = []
    digest_hour: str = "8"
    timezone: str = ""
    projects: list[ProjectRow] = []

    def _reset_page(self) -> None:
        self.categories, self.projects = [], []

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        prefs = notifications.get_preferences(session, viewer)
        self.categories = [
            CategoryRow(c.category, self._t(f"notifications.category.{c.category}"), c.mode)
            for c in prefs.categories
        ]
        self.digest_hour, self.timezone = str(prefs.digest_hour), prefs.timezone
        rows = []
        for p in prefs.projects:
            try:
                weekly = weekly_updates.get_weekly_update(session, viewer, project_id=p.project_id)
            except PermissionDenied:
                weekly = None
            rows.append(
                ProjectRow(
                    project_id=p.project_id,
                    name=p.project_name,
                    muted=p.muted,
                    manages=weekly is not None,
                    weekly_enabled=bool(weekly and weekly.enabled),
                    weekly_day=str(weekly.weekday if weekly else 0),
                    weekly_hour=str(weekly.hour if weekly else 9),
                    timezone=weekly.timezone if weekly else "",
                )
            )
        self.projects = rows

    @rx.event
    @guarded
    def set_mode(self, category: str, mode: str):
        """Choose how a category is mailed.

        Args:
            category: The category.
            mode: ``immediate``, ``digest`` or ``never``.
        """
        return self._act(
            notifications.set_mode, done="notifications.saved", category=category, mode=mode
        )

    @rx.event
    @guarded
    def set_digest_hour(self, hour: str):
        """Choose the digest hour.

        Args:
            hour: 0-23.
        """
        return self._act(notifications.set_digest_hour, done="notifications.saved", hour=hour)

    @rx.event
    @guarded
    def toggle_mute(self, project_id: int, muted: bool):
        """Mute or unmute a project's mails.

        Args:
            project_id: The project (checked by the service).
            muted: Whether to mute.
        """
        self._act(notifications.set_muted, project_id=project_id, muted=muted is True)

    @rx.event
    @guarded
    def save_weekly(self, form_data: dict[str, Any]):
        """Turn a project's weekly client update on or off, with its day and hour.

        Args:
            form_data: ``project_id``, ``enabled`` ("on" when checked), ``weekday``, ``hour``.
        """
        return self._act(
            weekly_updates.set_weekly_update,
            done="notifications.saved",
            project_id=form_text(form_data, "project_id"),
            enabled=form_text(form_data, "enabled") == "on",
            weekday=form_text(form_data, "weekday"),
            hour=form_text(form_data, "hour"),
        )


class UnsubscribeState(SessionState):
    """The one-click unsubscribe link of a mail (no sign-in needed)."""

    done: bool = False
    what: str = ""

    @rx.event
    @with_async_io
    def load(self):
        """``on_load``: apply the link's token."""
        token = self._route_arg("unsubscribe_token")
        with session_scope() as session:
            category = notifications.unsubscribe(session, token)
        self.done = category is not None
        if category == "digest":
            self.what = self._t("notifications.mode.digest")
        elif category:
            self.what = self._t(f"notifications.category.{category}")
        else:
            self.what = ""
